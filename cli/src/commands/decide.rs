//! `eligible`, `decide …` and `history`: what the rules allow a graduate, the commission's
//! decisions, and their revisions.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use joldama_core::classifiers::{Classifier, Region};
use joldama_core::commission::{DecisionRequest, Outcome, ProofFile};
use joldama_core::dossier;
use joldama_core::i18n::UserFacing;
use joldama_core::model::{Graduate, Vacancy};
use joldama_core::rules::{
    Assessment, DeferralReason, ExemptionGround, Obligation, ProofDocument, Refusal, Score, assess,
};
use serde::Serialize;

use super::{graduate, meeting_of, vacancies};
use crate::Cli;
use crate::args::{self, code};
use crate::error::{CliError, Failure};
use crate::output::Printer;

#[derive(Args)]
pub struct EligibleArgs {
    iin: String,
    /// The graduation cohort; by default the graduate's latest.
    #[arg(long)]
    year: Option<i32>,
}

#[derive(Args)]
pub struct HistoryArgs {
    iin: String,
    #[arg(long)]
    year: Option<i32>,
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
}

#[derive(Subcommand)]
pub enum DecideCommand {
    /// Refer to a vacancy the rules allow; takes one of its places.
    Vacancy {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        vacancy: i64,
        /// By default 1 September of the graduation year.
        #[arg(long)]
        arrival: Option<String>,
        /// Why the current decision is revised.
        #[arg(long, requires = "revises")]
        reason: Option<String>,
    },
    /// Refer to the employment centre.
    Centre {
        #[command(flatten)]
        target: Target,
        /// Region code; by default the graduate's region of residence.
        #[arg(long)]
        region: Option<String>,
        /// Refer even though allowed vacancies have places.
        #[arg(long)]
        confirm: bool,
        #[arg(long, requires = "revises")]
        reason: Option<String>,
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
        #[arg(long, requires = "revises")]
        reason: Option<String>,
    },
    /// Defer for military service.
    Defer {
        #[command(flatten)]
        target: Target,
        /// military_conscription or military_enlistment.
        #[arg(long)]
        reason: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: Option<String>,
        /// Why the current decision is revised (`--reason` names the deferral's ground here).
        #[arg(long, requires = "revises")]
        revision_reason: Option<String>,
    },
}

/// A refusal as programs read it: its code, details and the message in the chosen language.
#[derive(Serialize)]
struct ReasonView<'a> {
    #[serde(flatten)]
    refusal: &'a Refusal,
    message: &'a str,
}

#[derive(Serialize)]
struct AssessmentView<'a> {
    vacancy_id: i64,
    allowed: bool,
    reasons: Vec<ReasonView<'a>>,
    score: Score,
    vacancy: &'a Vacancy,
}

#[derive(Serialize)]
struct Eligibility<'a> {
    graduate: &'a Graduate,
    obligation: &'a Obligation,
    vacancies: Vec<AssessmentView<'a>>,
}

pub fn eligible(cli: &Cli, args: &EligibleArgs) -> Result<(), Failure> {
    let out = cli.printer();
    let store = cli.open_store()?;
    let graduate = graduate(&store, &args.iin, args.year)?;
    let year = graduate.record.graduation_year;
    let rules = store.rules(year)?;
    let obligation = rules.obligation(&graduate.record);
    let mut open = store.vacancies()?;
    open.retain(|v| v.record.year == year);
    let assessments = assess(&rules, &graduate.record, &open);
    let messages: Vec<Vec<String>> =
        assessments.iter().map(|a| a.reasons.iter().map(|r| out.text(&r.message())).collect()).collect();
    let views = assessments.iter().zip(&messages).map(|(a, messages)| view(a, messages, &open)).collect();
    let eligibility = Eligibility { graduate: &graduate, obligation: &obligation, vacancies: views };
    out.show(&eligibility, || print_eligibility(&out, &eligibility));
    Ok(())
}

fn view<'a>(a: &'a Assessment, messages: &'a [String], open: &'a [Vacancy]) -> AssessmentView<'a> {
    AssessmentView {
        vacancy_id: a.vacancy_id,
        allowed: a.allowed(),
        reasons: a
            .reasons
            .iter()
            .zip(messages)
            .map(|(refusal, message)| ReasonView { refusal, message })
            .collect(),
        score: a.score,
        vacancy: open.iter().find(|v| v.id == a.vacancy_id).expect("assessed from this list"),
    }
}

fn print_eligibility(out: &Printer, e: &Eligibility<'_>) {
    println!("{}", out.person(e.graduate));
    match e.obligation {
        Obligation::Bound(bound) => println!(
            "{}: {}, {} {}",
            out.t("Ережелер жолы", "Строка правил"),
            out.text(&bound.name),
            bound.term_years,
            out.t("жыл", "г.")
        ),
        Obligation::NotBound(why) => println!("{}", out.text(&why.message())),
    }
    let allowed = e.vacancies.iter().filter(|v| v.allowed).count();
    println!(
        "{}: {allowed} / {}",
        out.t("Рұқсат етілген бос орындар", "Допустимые вакансии"),
        e.vacancies.len()
    );
    for v in &e.vacancies {
        let r = &v.vacancy.record;
        let mark = if v.allowed { "+" } else { "-" };
        println!(
            "{mark} [{}] {}, {}, {} ({}/{})",
            v.vacancy_id,
            r.employer.name,
            r.position,
            r.region.label(out.lang),
            v.vacancy.places_left,
            r.places
        );
        for reason in &v.reasons {
            println!("    {} [{}]", reason.message, reason.refusal.code());
        }
    }
}

pub fn decide(cli: &Cli, command: &DecideCommand) -> Result<(), Failure> {
    let out = cli.printer();
    let mut store = cli.open_store()?;
    let (target, reason) = match command {
        DecideCommand::Vacancy { target, reason, .. }
        | DecideCommand::Centre { target, reason, .. }
        | DecideCommand::Exempt { target, reason, .. }
        | DecideCommand::Defer { target, revision_reason: reason, .. } => (target, reason),
    };
    meeting_of(&store, target.meeting)?;
    let graduate = graduate(&store, &target.iin, target.year)?;
    let vacancies = vacancies(&store)?;
    let outcome = match command {
        DecideCommand::Vacancy { vacancy, .. } if !vacancies.contains_key(vacancy) => {
            return Err(CliError::VacancyNotFound { id: *vacancy }.into());
        }
        DecideCommand::Vacancy { vacancy, arrival, .. } => Outcome::Vacancy {
            vacancy_id: *vacancy,
            arrival_date: args::date_opt(arrival.as_deref())?
                .unwrap_or_else(|| dossier::default_arrival(graduate.record.graduation_year)),
        },
        DecideCommand::Centre { region, confirm, .. } => Outcome::EmploymentCentre {
            region: match region {
                Some(region) => code(region, Region::ALL, Region::code, ("өңір", "регион"))?,
                None => graduate.record.region.ok_or(CliError::NoRegion)?,
            },
            confirmed: *confirm,
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
        reason: reason.clone(),
    };
    let rules = store.rules(graduate.record.graduation_year)?;
    let decision = store.decide(&request, &rules, &cli.change())?;
    out.show(&decision, || out.decision(&decision, Some(&graduate), &vacancies));
    Ok(())
}

/// `DOCUMENT_CODE=FILE`.
fn proof(value: &str) -> Result<ProofFile, CliError> {
    let (document, file) = value.split_once('=').ok_or(CliError::BadProof { value: value.to_owned() })?;
    let document = code(document, ProofDocument::ALL, ProofDocument::code, ("құжат", "документ"))?;
    Ok(ProofFile { document, file: PathBuf::from(file) })
}

pub fn history(cli: &Cli, args: &HistoryArgs) -> Result<(), Failure> {
    let out = cli.printer();
    let store = cli.open_store()?;
    let graduate = graduate(&store, &args.iin, args.year)?;
    let decisions = store.decisions_of(graduate.id)?;
    let vacancies = vacancies(&store)?;
    let view = serde_json::json!({ "graduate": graduate, "decisions": decisions });
    out.show(&view, || {
        println!("{}", out.person(&graduate));
        if decisions.is_empty() {
            println!("{}", out.t("Шешім жоқ", "Решений нет"));
        }
        for d in &decisions {
            out.decision(d, None, &vacancies);
        }
    });
    Ok(())
}
