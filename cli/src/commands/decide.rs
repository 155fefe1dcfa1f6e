//! `eligible`, `decide …` and `history`: what the rules allow a graduate, the commission's
//! decisions, and their revisions.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use joldama_core::classifiers::Region;
use joldama_core::commission::{DecisionRequest, DecisionView, Outcome, ProofFile};
use joldama_core::rules::{Coverage, DeferralReason, ExemptionGround, ProofDocument};
use joldama_core::vocabulary::Termed;
use joldama_core::workflow::decide::{self, Eligibility, Weighed};
use joldama_core::workflow::dossier;

use crate::Cli;
use crate::args::{self, code};
use crate::error::{CliError, Failure};
use crate::output::Printer;

/// Whose: a graduate by IIN, of their latest cohort unless `--year` says which.
#[derive(Args)]
pub struct Whom {
    pub iin: String,
    /// The graduation cohort; by default the graduate's latest.
    #[arg(long)]
    pub year: Option<i32>,
}

/// Whom and where: what every decision names.
#[derive(Args)]
pub struct Target {
    #[arg(long)]
    meeting: i64,
    #[arg(long)]
    iin: String,
    /// The graduation cohort; by default the graduate's latest.
    #[arg(long)]
    year: Option<i32>,
    /// The graduate's current decision this one revises.
    #[arg(long)]
    revises: Option<i64>,
    /// Why the current decision is revised.
    #[arg(long, requires = "revises")]
    revision_reason: Option<String>,
}

#[derive(Subcommand)]
pub enum DecideCommand {
    /// Refer to a vacancy the rules allow; takes one of its places.
    Vacancy {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        vacancy: i64,
        /// By default the cohort's arrival day (1 September) in the meeting's year.
        #[arg(long)]
        arrival: Option<String>,
    },
    /// Refer to the employment centre.
    Centre {
        #[command(flatten)]
        target: Target,
        /// Region code; by default the graduate's region of residence.
        #[arg(long)]
        region: Option<String>,
        /// While vacancies the rules allow have places: the commission's written reason, which
        /// the protocol and the referral print.
        #[arg(long)]
        centre_reason: Option<String>,
    },
    /// Exempt on a ground of art. 47 p. 17-2, with its proofs.
    Exempt {
        #[command(flatten)]
        target: Target,
        /// spouse_locality, disability, further_study or pregnancy_or_young_child.
        #[arg(long)]
        ground: String,
        /// DOCUMENT_CODE=FILE, one or more.
        #[arg(long = "proof", num_args = 1..)]
        proofs: Vec<String>,
    },
    /// Defer for conscript military service.
    Defer {
        #[command(flatten)]
        target: Target,
        /// military_conscription.
        #[arg(long, default_value = "military_conscription")]
        reason: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: Option<String>,
    },
}

pub fn eligible(cli: &Cli, whom: &Whom) -> Result<(), Failure> {
    let out = cli.printer();
    let store = cli.open_store()?;
    let graduate = dossier::graduate_by_iin(&store, &whom.iin, whom.year)?;
    let eligibility = decide::eligibility(&store, graduate.id)?;
    out.show(&eligibility, || print_eligibility(&out, &eligibility));
    Ok(())
}

fn print_eligibility(out: &Printer, e: &Eligibility) {
    println!("{}", out.person(&e.graduate));
    match &e.coverage {
        Coverage::Covered(row) => println!(
            "{}: {}, {} {}",
            out.t("Ережелер жолы", "Строка правил"),
            out.text(&row.name),
            row.term_years,
            out.t("жыл", "г.")
        ),
        Coverage::NotCovered(why) => println!("{}", out.text(&joldama_core::i18n::UserFacing::message(why))),
    }
    println!(
        "{}: {} / {}",
        out.t("Рұқсат етілген бос орындар", "Допустимые вакансии"),
        e.allowed.len(),
        e.allowed.len() + e.refused.len()
    );
    let line = |mark: &str, w: &Weighed| {
        let r = &w.vacancy.record;
        println!(
            "{mark} [{}] {}, {}, {} ({}/{})",
            w.vacancy.id,
            r.employer.name,
            r.position,
            r.region.label(out.lang),
            w.vacancy.places_left,
            r.places
        );
        for reason in &w.reasons {
            println!("    {} [{}]", out.text(&reason.message), reason.code);
        }
    };
    e.allowed.iter().for_each(|w| line("+", w));
    e.refused.iter().for_each(|w| line("-", w));
}

pub fn decide(cli: &Cli, command: &DecideCommand) -> Result<(), Failure> {
    let out = cli.printer();
    let mut store = cli.open_store()?;
    let target = match command {
        DecideCommand::Vacancy { target, .. }
        | DecideCommand::Centre { target, .. }
        | DecideCommand::Exempt { target, .. }
        | DecideCommand::Defer { target, .. } => target,
    };
    let graduate = dossier::graduate_by_iin(&store, &target.iin, target.year)?;
    let outcome = match command {
        DecideCommand::Vacancy { vacancy, arrival, .. } => Outcome::Vacancy {
            vacancy_id: *vacancy,
            arrival_date: match args::date_opt(arrival.as_deref())? {
                Some(date) => date,
                None => decide::meeting_defaults(&store, target.meeting)?.arrival,
            },
        },
        DecideCommand::Centre { region, centre_reason, .. } => Outcome::EmploymentCentre {
            region: match region {
                Some(region) => code(region, Region::ALL, Region::code, ("өңір", "регион"))?,
                None => graduate.record.region.ok_or(CliError::NoRegion)?,
            },
            override_reason: centre_reason.clone(),
        },
        DecideCommand::Exempt { ground, proofs, .. } => Outcome::Exemption {
            ground: code(ground, ExemptionGround::ALL, ExemptionGround::code, ("негіз", "основание"))?,
            proofs: proofs.iter().map(|p| proof(p)).collect::<Result<_, _>>()?,
        },
        DecideCommand::Defer { reason, from, to, .. } => Outcome::Deferral {
            reason: code(reason, DeferralReason::ALL, DeferralReason::code, ("себеп", "причина"))?,
            from: args::date(from)?,
            to: args::date_opt(to.as_deref())?,
        },
    };
    let request = DecisionRequest {
        meeting_id: target.meeting,
        graduate_id: graduate.id,
        outcome,
        revises: target.revises,
        reason: target.revision_reason.clone(),
    };
    let view = decide::decide(&mut store, &request, &cli.change())?;
    out.show(&view, || out.decision(&view, Some(&graduate)));
    Ok(())
}

/// `DOCUMENT_CODE=FILE`.
fn proof(value: &str) -> Result<ProofFile, CliError> {
    let (document, file) = value.split_once('=').ok_or(CliError::BadProof { value: value.to_owned() })?;
    let document = code(document, ProofDocument::ALL, ProofDocument::code, ("құжат", "документ"))?;
    Ok(ProofFile { document, file: PathBuf::from(file) })
}

pub fn history(cli: &Cli, whom: &Whom) -> Result<(), Failure> {
    let out = cli.printer();
    let store = cli.open_store()?;
    let graduate = dossier::graduate_by_iin(&store, &whom.iin, whom.year)?;
    let decisions: Vec<DecisionView> = dossier::history(&store, graduate.id)?;
    let view = serde_json::json!({ "graduate": graduate, "decisions": decisions });
    out.show(&view, || {
        println!("{}", out.person(&graduate));
        if decisions.is_empty() {
            println!("{}", out.t("Шешім жоқ", "Решений нет"));
        }
        for d in &decisions {
            out.decision(d, None);
        }
    });
    Ok(())
}
