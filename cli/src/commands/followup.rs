//! `followup …` and `obligation`: arrival, periods, cost of studies, and what is left.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use joldama_core::commission::Decision;
use joldama_core::dossier;
use joldama_core::followup::{
    Activity, EmployerRef, FollowUp, ObligationStatus, PeriodKind, Span, StudyCost,
};
use joldama_core::followup::{Arrival, Period};
use joldama_core::ident::Bin;
use joldama_core::model::Graduate;
use serde::Serialize;

use super::graduate;
use crate::Cli;
use crate::args::{self, code};
use crate::error::{CliError, Failure};
use crate::output::{Printer, day};

/// Whose follow-up.
#[derive(Args)]
pub struct Whom {
    #[arg(long)]
    iin: String,
    /// The graduation cohort; by default the graduate's latest.
    #[arg(long)]
    year: Option<i32>,
}

#[derive(Subcommand)]
pub enum FollowupCommand {
    /// The employer confirmed the graduate came to work.
    Arrival {
        #[command(flatten)]
        whom: Whom,
        #[arg(long)]
        date: String,
        /// Who confirmed it: the employer's letter, the HR officer, …
        #[arg(long)]
        confirmed_by: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// A period of work, of registration at the employment centre, or of deferral.
    Period {
        #[command(flatten)]
        whom: Whom,
        /// work, centre or deferral.
        #[arg(long)]
        kind: String,
        /// A work period's employer, stored in the database.
        #[arg(long, conflicts_with = "employer_name")]
        employer_bin: Option<String>,
        /// A work period's employer not in the database.
        #[arg(long)]
        employer_name: Option<String>,
        #[arg(long)]
        from: String,
        /// The last day; none while it goes on.
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// What the state paid for the studies, in tenge.
    Cost {
        #[command(flatten)]
        whom: Whom,
        #[arg(long)]
        amount: String,
        /// Where the figure comes from.
        #[arg(long)]
        basis: Option<String>,
    },
}

#[derive(Args)]
pub struct ObligationArgs {
    iin: String,
    #[arg(long)]
    year: Option<i32>,
    /// By default today.
    #[arg(long)]
    as_of: Option<String>,
}

pub fn followup(cli: &Cli, command: &FollowupCommand) -> Result<(), Failure> {
    let out = cli.printer();
    let mut store = cli.open_store()?;
    let ctx = cli.change();
    let graduate = match command {
        FollowupCommand::Arrival { whom, .. }
        | FollowupCommand::Period { whom, .. }
        | FollowupCommand::Cost { whom, .. } => graduate(&store, &whom.iin, whom.year)?,
    };
    match command {
        FollowupCommand::Arrival { date, confirmed_by, note, .. } => {
            let arrival =
                Arrival { on: args::date(date)?, confirmed_by: confirmed_by.clone(), note: note.clone() };
            store.confirm_arrival(graduate.id, &arrival, &ctx)?;
        }
        FollowupCommand::Period { kind, employer_bin, employer_name, from, to, note, .. } => {
            let kind = code(kind, PeriodKind::ALL, PeriodKind::code, ("кезең түрі", "вид периода"))?;
            let employer = match (employer_bin, employer_name) {
                (Some(bin), _) => Some(EmployerRef::Bin(Bin::parse(bin)?)),
                (None, Some(name)) => Some(EmployerRef::Name(name.clone())),
                (None, None) => None,
            };
            let activity = match (kind, employer) {
                (PeriodKind::Work, Some(employer)) => Activity::Work(employer),
                (PeriodKind::Work, None) => return Err(CliError::EmployerNeeded.into()),
                (_, Some(_)) => return Err(CliError::EmployerOnlyForWork.into()),
                (PeriodKind::Centre, None) => Activity::Centre,
                (PeriodKind::Deferral, None) => Activity::Deferral,
            };
            let span = Span::new(args::date(from)?, args::date_opt(to.as_deref())?)?;
            store.add_period(graduate.id, &activity, span, note.as_deref(), &ctx)?;
        }
        FollowupCommand::Cost { amount, basis, .. } => {
            let amount = u64::try_from(args::number(amount)?)
                .map_err(|_| CliError::InvalidNumber { value: amount.clone() })?;
            store.set_study_cost(graduate.id, &StudyCost { amount, basis: basis.clone() }, &ctx)?;
        }
    }
    let followup = store.followup(graduate.id)?;
    out.show(&followup, || print_followup(&out, &graduate, &followup));
    Ok(())
}

fn print_followup(out: &Printer, graduate: &Graduate, f: &FollowUp) {
    println!("{}", out.person(graduate));
    if let Some(a) = &f.arrival {
        println!("  {}: {} ({})", out.t("Келген күні", "Дата прибытия"), day(a.on), a.confirmed_by);
    }
    for p in &f.periods {
        println!("  {}", out.period(p));
    }
    if let Some(cost) = &f.study_cost {
        println!(
            "  {}: {} {}",
            out.t("Оқу құны", "Стоимость обучения"),
            cost.amount,
            out.t("теңге", "тенге")
        );
    }
}

impl Printer {
    /// «Жұмыс, ЖШС «Мектеп»: 01.09.2025 – …».
    pub fn period(&self, p: &Period) -> String {
        let employer = match &p.activity {
            Activity::Work(employer) => format!(", {}", employer.name()),
            Activity::Centre | Activity::Deferral => String::new(),
        };
        let to = p.span.to().map_or_else(|| "…".into(), day);
        format!("{}{employer}: {} – {to}", p.activity.kind().label(self.lang), day(p.span.from()))
    }
}

#[derive(Serialize)]
struct ObligationView {
    term_years: u8,
    start: NaiveDate,
    #[serde(flatten)]
    status: ObligationStatus,
    study_cost: Option<u64>,
}

pub fn obligation(cli: &Cli, args: &ObligationArgs) -> Result<(), Failure> {
    let out = cli.printer();
    let store = cli.open_store()?;
    let graduate = graduate(&store, &args.iin, args.year)?;
    let as_of = args::date_opt(args.as_of.as_deref())?.unwrap_or_else(args::today);
    let rules = store.rules(graduate.record.graduation_year)?;
    let decision = store.decisions_of(graduate.id)?.into_iter().find(Decision::is_current);
    let standing = dossier::standing(&store, &rules, &graduate, decision.as_ref())?;
    let view = ObligationView {
        term_years: standing.term_years,
        start: standing.obligation.start(),
        status: standing.obligation.status(as_of),
        study_cost: standing.followup.study_cost.as_ref().map(|c| c.amount),
    };
    out.show(&view, || print_obligation(&out, &graduate, &view));
    Ok(())
}

fn print_obligation(out: &Printer, graduate: &Graduate, v: &ObligationView) {
    let s = &v.status;
    println!("{}", out.person(graduate));
    println!(
        "  {}: {} ({} {})",
        out.t("Өтеу мерзімі, жыл", "Срок отработки, лет"),
        v.term_years,
        s.term_days,
        out.t("күн", "дн.")
    );
    println!("  {}: {}", out.t("Басталуы", "Начало"), day(v.start));
    println!("  {} ({}): {}", out.t("Жағдайы", "Состояние"), day(s.as_of), s.state.label(out.lang));
    println!(
        "  {}: {}; {}: {}; {}: {}",
        out.t("Есептелген күндер", "Засчитано дней"),
        s.counted_days,
        out.t("кейінге қалдырылған", "отсрочено"),
        s.deferred_days,
        out.t("қалған", "осталось"),
        s.remaining_days
    );
    if let Some(ends_on) = s.ends_on {
        println!("  {}: {}", out.t("Аяқталу күні", "Дата окончания"), day(ends_on));
    }
    match s.refund {
        Some(refund) => {
            println!("  {}: {refund} {}", out.t("Өтелетін сома", "Сумма возмещения"), out.t("теңге", "тенге"))
        }
        None => println!(
            "  {}",
            out.t(
                "Оқу құны белгісіз: өтелетін сома есептелмеді",
                "Стоимость обучения неизвестна: сумма возмещения не рассчитана"
            )
        ),
    }
}
