//! `export …`: the Financial Centre's list and the placement statistics, in Excel.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use joldama_core::commission::{Decision, Outcome};
use joldama_core::followup::Employer;
use joldama_core::followup::export::{FinancialCentreRow, write_financial_centre};
use joldama_core::followup::stats::{self, PlacementInput, PlacementStats, Programme};
use joldama_core::model::Graduate;
use joldama_core::rules::{Obligation, RuleSet};
use joldama_core::store::Store;
use serde::Serialize;

use super::followup::standing;
use super::vacancies;
use crate::Cli;
use crate::args;
use crate::error::Failure;

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long)]
    year: i32,
    /// The .xlsx file to write.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Every graduate bound to work off (the exempted left out): decision, employer, periods,
    /// what is left and the refund.
    FinancialCentre {
        #[command(flatten)]
        export: ExportArgs,
        /// By default today.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Placement by programme, funding category and region.
    Stats {
        #[command(flatten)]
        export: ExportArgs,
    },
}

/// What was written.
#[derive(Serialize)]
struct Written<'a> {
    file: &'a Path,
    rows: usize,
    /// Bound graduates exempted by the commission, not in the Financial Centre's list.
    exempted: usize,
}

/// The bound graduates of a cohort, each with their current decision.
fn bound(store: &Store, rules: &RuleSet, year: i32) -> Result<Vec<(Graduate, Option<Decision>)>, Failure> {
    let mut decisions: HashMap<i64, Decision> =
        store.current_decisions(year)?.into_iter().map(|d| (d.graduate_id, d)).collect();
    Ok(store
        .graduates()?
        .into_iter()
        .filter(|g| g.record.graduation_year == year)
        .filter(|g| matches!(rules.obligation(&g.record), Obligation::Bound(_)))
        .map(|g| {
            let decision = decisions.remove(&g.id);
            (g, decision)
        })
        .collect())
}

pub fn export(cli: &Cli, command: &ExportCommand) -> Result<(), Failure> {
    let out = cli.printer();
    let store = cli.open_store()?;
    let (ExportCommand::FinancialCentre { export, .. } | ExportCommand::Stats { export }) = command;
    let rules = store.rules(export.year)?;
    let graduates = bound(&store, &rules, export.year)?;
    let vacancies = vacancies(&store)?;
    let written = match command {
        ExportCommand::FinancialCentre { as_of, .. } => {
            let as_of = args::date_opt(as_of.as_deref())?.unwrap_or_else(args::today);
            let mut rows = Vec::new();
            for (g, decision) in &graduates {
                if matches!(decision.as_ref().map(|d| &d.outcome), Some(Outcome::Exemption { .. })) {
                    continue;
                }
                let standing = standing(&store, &rules, g, decision.as_ref())?;
                let employer = match decision.as_ref().map(|d| &d.outcome) {
                    Some(Outcome::Vacancy { vacancy_id, .. }) => {
                        vacancies.get(vacancy_id).map(|v| Employer::Registered {
                            bin: v.record.employer.bin,
                            name: v.record.employer.name.clone(),
                        })
                    }
                    _ => None,
                };
                let r = &g.record;
                rows.push(FinancialCentreRow {
                    iin: r.iin,
                    surname: r.surname.clone(),
                    name: r.name.clone(),
                    patronymic: r.patronymic.clone(),
                    program_code: r.program_code.clone(),
                    program_name: r.program_name.clone(),
                    level: r.level,
                    funding: r.funding,
                    graduation_year: r.graduation_year,
                    term_years: standing.term_years,
                    decision: decision.as_ref().map_or_else(
                        || out.t("Шешім жоқ", "Нет решения"),
                        |d| out.outcome(&d.outcome, &vacancies),
                    ),
                    employer,
                    arrival: standing.followup.arrival.as_ref().map(|a| a.on),
                    periods: standing.followup.periods,
                    status: standing.obligation.status(as_of),
                });
            }
            write_financial_centre(&rows, cli.lang, &export.out)?;
            Written { file: &export.out, rows: rows.len(), exempted: graduates.len() - rows.len() }
        }
        ExportCommand::Stats { .. } => {
            let inputs: Vec<PlacementInput> = graduates
                .iter()
                .map(|(g, decision)| {
                    let outcome = decision.as_ref().map(|d| &d.outcome);
                    PlacementInput {
                        programme: Programme {
                            code: g.record.program_code.clone(),
                            name: g.record.program_name.clone(),
                        },
                        funding: g.record.funding,
                        region: match outcome {
                            Some(Outcome::Vacancy { vacancy_id, .. }) => {
                                vacancies.get(vacancy_id).map(|v| v.record.region)
                            }
                            Some(Outcome::EmploymentCentre { region, .. }) => Some(*region),
                            _ => None,
                        },
                        outcome: match outcome {
                            Some(Outcome::Vacancy { .. }) => stats::Outcome::Vacancy,
                            Some(Outcome::EmploymentCentre { .. }) => stats::Outcome::EmploymentCentre,
                            Some(Outcome::Exemption { .. }) => stats::Outcome::Exempt,
                            Some(Outcome::Deferral { .. }) => stats::Outcome::Deferred,
                            None => stats::Outcome::NoDecision,
                        },
                    }
                })
                .collect();
            PlacementStats::compute(&inputs).write_xlsx(cli.lang, &export.out)?;
            Written { file: &export.out, rows: inputs.len(), exempted: 0 }
        }
    };
    out.show(&written, || {
        println!(
            "{}: {} ({} {})",
            out.t("Файл жазылды", "Файл записан"),
            written.file.display(),
            written.rows,
            out.t("түлек", "выпускников")
        );
        if written.exempted > 0 {
            println!(
                "{}: {}",
                out.t(
                    "Өтеуден босатылғандар тізімге енгізілмеді",
                    "Освобождённые от отработки в список не включены"
                ),
                written.exempted
            );
        }
    });
    Ok(())
}
