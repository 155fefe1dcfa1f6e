//! `followup …` and `obligation`: arrival, periods, the cost of studies, the years on the grant,
//! refund payments, an end on another ground; and where the obligation stands.

use clap::{Args, Subcommand};
use joldama_core::classifiers::{OrgKind, Region};
use joldama_core::followup::export::period_text;
use joldama_core::followup::{FollowUp, ObligationEnd};
use joldama_core::model::Graduate;
use joldama_core::obligation::{CostScope, EndGround, ObligationView, PeriodKind, Years};
use joldama_core::rules::Place;
use joldama_core::workflow::dossier;
use joldama_core::workflow::followup::{
    self, ArrivalRequest, EndRequest, GrantYearsRequest, PaymentRequest, PeriodEndRequest, PeriodRequest,
    StudyCostRequest,
};

use super::decide::Whom;
use crate::Cli;
use crate::args::{self, code};
use crate::error::{CliError, Failure};
use crate::output::{Printer, day};

/// Whose follow-up.
#[derive(Args)]
pub struct Who {
    #[arg(long)]
    iin: String,
    /// The graduation cohort; by default the graduate's latest.
    #[arg(long)]
    year: Option<i32>,
}

/// Where a period of work is, for the rules to check it (not needed at the employer the
/// graduate was referred to).
#[derive(Args)]
pub struct PlaceArgs {
    /// education, health, veterinary, state_vet_body, agrarian, science, university or other.
    #[arg(long, requires = "region")]
    org_kind: Option<String>,
    /// Region code.
    #[arg(long, requires = "org_kind")]
    region: Option<String>,
    /// The settlement is rural.
    #[arg(long)]
    rural: bool,
}

#[derive(Subcommand)]
pub enum FollowupCommand {
    /// The employer confirmed the graduate came (or the centre, that they registered): opens
    /// the period the referral starts.
    Arrival {
        #[command(flatten)]
        whom: Who,
        #[arg(long)]
        date: String,
        /// Who confirmed it: the employer's letter, the HR officer, …
        #[arg(long)]
        confirmed_by: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// A period of work, of registration at the employment centre, or of conscript service.
    Period {
        #[command(flatten)]
        whom: Who,
        /// work, centre or deferral (conscript service that began during the term).
        #[arg(long)]
        kind: String,
        /// A work period's employer, stored in the database.
        #[arg(long)]
        employer_bin: Option<String>,
        /// A work period's employer not in the database.
        #[arg(long)]
        employer_name: Option<String>,
        #[command(flatten)]
        place: PlaceArgs,
        #[arg(long)]
        from: String,
        /// The last day; none while it goes on.
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Sets a period's last day (the graduate left, the service ended).
    End {
        /// The period's id (`followup show`).
        #[arg(long)]
        period: i64,
        #[arg(long)]
        to: String,
    },
    /// What the state paid for the studies, in tenge.
    Cost {
        #[command(flatten)]
        whom: Who,
        #[arg(long)]
        amount: String,
        /// grant_years (what the budget paid for this graduate's years on the grant) or
        /// whole_programme (the programme's cost; the grant's share is owed).
        #[arg(long, default_value = "grant_years")]
        scope: String,
        /// Where the figure comes from.
        #[arg(long)]
        basis: Option<String>,
    },
    /// The years the graduate studied on the grant (none: the whole programme).
    Grant {
        #[command(flatten)]
        whom: Who,
        /// E.g. 2 or 2,5; omit to clear.
        #[arg(long)]
        on_grant: Option<String>,
        /// The programme's normative years; by default the cohort's for the level.
        #[arg(long)]
        normative: Option<String>,
    },
    /// A refund payment.
    Payment {
        #[command(flatten)]
        whom: Who,
        #[arg(long)]
        date: String,
        #[arg(long)]
        amount: String,
        /// The receipt's or the order's number.
        #[arg(long)]
        document: String,
    },
    /// The obligation ended on another ground.
    Ended {
        #[command(flatten)]
        whom: Who,
        /// death, disability_during_term or other_legal_ground.
        #[arg(long)]
        ground: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        document: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Everything recorded.
    Show {
        #[command(flatten)]
        whom: Who,
    },
}

#[derive(Args)]
pub struct ObligationArgs {
    #[command(flatten)]
    whom: Whom,
    /// By default today.
    #[arg(long)]
    as_of: Option<String>,
    /// Also print the calculation sheet (term, periods, days, formula, amount) to this PDF.
    #[arg(long)]
    sheet: Option<std::path::PathBuf>,
}

fn amount(value: &str) -> Result<u64, CliError> {
    u64::try_from(args::number(value)?).map_err(|_| CliError::InvalidNumber { value: value.to_owned() })
}

fn years(value: Option<&str>) -> Result<Option<Years>, CliError> {
    value.map(|v| Years::parse(v).ok_or(CliError::InvalidNumber { value: v.to_owned() })).transpose()
}

impl PlaceArgs {
    fn place(&self) -> Result<Option<Place>, CliError> {
        let (Some(kind), Some(region)) = (&self.org_kind, &self.region) else { return Ok(None) };
        Ok(Some(Place {
            kind: code(kind, OrgKind::ALL, OrgKind::code, ("ұйым түрі", "вид организации"))?,
            region: code(region, Region::ALL, Region::code, ("өңір", "регион"))?,
            rural: self.rural,
        }))
    }
}

pub fn followup(cli: &Cli, command: &FollowupCommand) -> Result<(), Failure> {
    let out = cli.printer();
    let mut store = cli.open_store()?;
    let ctx = cli.change();
    let store = &mut store;
    let find = |store: &joldama_core::store::Store, w: &Who| dossier::graduate_by_iin(store, &w.iin, w.year);
    let (graduate, followup) = match command {
        FollowupCommand::Arrival { whom, date, confirmed_by, note } => {
            let g = find(store, whom)?;
            let request = ArrivalRequest {
                graduate_id: g.id,
                on: args::date(date)?,
                confirmed_by: confirmed_by.clone(),
                note: note.clone(),
                seen: None,
            };
            (g, followup::record_arrival(store, &request, &ctx)?)
        }
        FollowupCommand::Period { whom, kind, employer_bin, employer_name, place, from, to, note } => {
            let g = find(store, whom)?;
            let request = PeriodRequest {
                graduate_id: g.id,
                kind: code(kind, PeriodKind::ALL, PeriodKind::code, ("кезең түрі", "вид периода"))?,
                employer_bin: employer_bin.clone(),
                employer_name: employer_name.clone(),
                place: place.place()?,
                from: args::date(from)?,
                to: args::date_opt(to.as_deref())?,
                note: note.clone(),
                seen: None,
            };
            (g, followup::add_period(store, &request, &ctx)?)
        }
        FollowupCommand::End { period, to } => {
            let request = PeriodEndRequest { period_id: *period, to: args::date(to)?, seen: None };
            let (owner, followup) = followup::end_period(store, &request, &ctx)?;
            (joldama_core::workflow::decide::graduate(store, owner)?, followup)
        }
        FollowupCommand::Cost { whom, amount: value, scope, basis } => {
            let g = find(store, whom)?;
            let scope =
                code(scope, CostScope::ALL, CostScope::code, ("сома нені қамтиды", "что покрывает сумма"))?;
            let request = StudyCostRequest {
                graduate_id: g.id,
                amount: amount(value)?,
                scope,
                basis: basis.clone(),
                seen: None,
            };
            (g, followup::set_study_cost(store, &request, &ctx)?)
        }
        FollowupCommand::Grant { whom, on_grant, normative } => {
            let g = find(store, whom)?;
            let request = GrantYearsRequest {
                graduate_id: g.id,
                on_grant: years(on_grant.as_deref())?,
                normative: years(normative.as_deref())?,
                seen: None,
            };
            let followup = followup::set_grant_years(store, &request, &ctx)?;
            (joldama_core::workflow::decide::graduate(store, g.id)?, followup)
        }
        FollowupCommand::Payment { whom, date, amount: value, document } => {
            let g = find(store, whom)?;
            let request = PaymentRequest {
                graduate_id: g.id,
                paid_on: args::date(date)?,
                amount: amount(value)?,
                document: document.clone(),
                seen: None,
            };
            (g, followup::record_payment(store, &request, &ctx)?)
        }
        FollowupCommand::Ended { whom, ground, date, document, note } => {
            let g = find(store, whom)?;
            let end = ObligationEnd {
                ground: code(ground, EndGround::ALL, EndGround::code, ("негіз", "основание"))?,
                on: args::date(date)?,
                document: document.clone(),
                note: note.clone(),
            };
            let request = EndRequest { graduate_id: g.id, end: Some(end), seen: None };
            (g, followup::record_end(store, &request, &ctx)?)
        }
        FollowupCommand::Show { whom } => {
            let g = find(store, whom)?;
            let f = store.followup(g.id)?;
            (g, f)
        }
    };
    out.show(&followup, || print_followup(&out, &graduate, &followup));
    Ok(())
}

fn print_followup(out: &Printer, graduate: &Graduate, f: &FollowUp) {
    println!("{}", out.person(graduate));
    if let Some(a) = &f.arrival {
        println!("  {}: {} ({})", out.t("Келген күні", "Дата прибытия"), day(a.on), a.confirmed_by);
    }
    for p in &f.periods {
        println!("  [{}] {}", p.id, period_text(p, out.lang));
    }
    if let Some(cost) = &f.study_cost {
        println!(
            "  {}: {} {}",
            out.t("Оқу құны", "Стоимость обучения"),
            cost.amount,
            out.t("теңге", "тенге")
        );
    }
    if let Some(grant) = &graduate.record.grant {
        println!("  {}: {}", out.t("Грантпен оқыған жылдар", "Лет на гранте"), grant.on_grant);
    }
    for p in &f.payments {
        println!(
            "  {} {}: {} {} ({})",
            out.t("Төлем", "Платёж"),
            day(p.paid_on),
            p.amount,
            out.t("теңге", "тенге"),
            p.document
        );
    }
}

pub fn obligation(cli: &Cli, args: &ObligationArgs) -> Result<(), Failure> {
    let out = cli.printer();
    let store = cli.open_store()?;
    let graduate = dossier::graduate_by_iin(&store, &args.whom.iin, args.whom.year)?;
    let as_of = args::date_opt(args.as_of.as_deref())?.unwrap_or_else(args::today);
    let view = followup::obligation(&store, graduate.id, as_of)?;
    if let Some(path) = &args.sheet {
        joldama_core::workflow::papers::print_calculation(
            &store,
            graduate.id,
            as_of,
            cli.lang,
            &cli.actor(),
            path,
        )?;
    }
    out.show(&view, || print_obligation(&out, &graduate, &view));
    Ok(())
}

fn print_obligation(out: &Printer, graduate: &Graduate, v: &ObligationView) {
    let s = &v.standing;
    let tenge = |n: u64| format!("{n} {}", out.t("теңге", "тенге"));
    println!("{}", out.person(graduate));
    println!("  {} ({}): {}", out.t("Жағдайы", "Состояние"), day(s.as_of), out.text(&v.state_label));
    if let Some(d) = &v.decision {
        println!("  {}: {}", out.t("Шешім", "Решение"), out.text(&d.summary));
    }
    let share = v.share.map_or_else(String::new, |share| {
        format!(", {} {} / {}", out.t("грантпен", "на гранте"), share.on_grant(), share.normative())
    });
    println!(
        "  {}: {} ({} {}{share})",
        out.t("Өтеу мерзімі, жыл", "Срок отработки, лет"),
        s.term.years,
        s.term_days,
        out.t("күн", "дн.")
    );
    if let Some(start) = s.start {
        println!("  {}: {}", out.t("Басталуы", "Начало"), day(start));
    }
    if let Some(deadline) = s.deadline {
        println!("  {}: {}", out.t("Келудің соңғы күні", "Крайний срок прибытия"), day(deadline));
    }
    println!(
        "  {}: {}; {}: {}; {}: {}",
        out.t("Есептелген күндер", "Засчитано дней"),
        s.counted_days,
        out.t("тоқтатылған", "приостановлено"),
        s.paused_days,
        out.t("қалған", "осталось"),
        s.remaining_days
    );
    if let Some(ends_on) = s.ends_on {
        println!("  {}: {}", out.t("Аяқталу күні", "Дата окончания"), day(ends_on));
    }
    for p in &v.periods {
        let mark = if p.counts { "+" } else { "-" };
        println!("  {mark} {} ({} {})", period_text(&p.period, out.lang), p.days, out.t("күн", "дн."));
        for r in &p.reasons {
            println!("      {} [{}]", out.text(&r.message), r.code);
        }
    }
    match (s.state.owes(), s.refund_owed) {
        (true, Some(owed)) => {
            println!("  {}: {}", out.t("Өтелетін сома", "Сумма возмещения"), tenge(owed));
            println!(
                "  {}: {}; {}: {}",
                out.t("Төленді", "Оплачено"),
                tenge(s.paid),
                out.t("Қалдық", "Остаток"),
                tenge(s.balance.unwrap_or(owed))
            );
        }
        (true, None) => {}
        (false, _) => {
            if let Some(estimate) = s.refund_if_stopped {
                println!(
                    "  {}: {}",
                    out.t(
                        "Бүгін тоқтаса, өтелетін сома (болжам, қарыз емес)",
                        "Если прекратить сегодня, к возмещению (оценка, не долг)"
                    ),
                    tenge(estimate)
                );
            }
        }
    }
    for note in &v.notes {
        println!("  ! {} [{}]", out.text(&note.message), note.code);
    }
}
