//! A cohort's lists written to Excel: the Financial Centre's and the placement statistics,
//! read from the store the same way for the window and the command line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::Employer;
use super::export::{FinancialCentreRow, write_financial_centre};
use super::stats::{self, PlacementInput, PlacementStats, Programme};
use crate::commission::{Decision, Outcome};
use crate::dossier::{standing, summary};
use crate::error::Error;
use crate::i18n::{Lang, Text};
use crate::model::{Graduate, Vacancy};
use crate::rules::Obligation;
use crate::store::Store;

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Written {
    pub file: PathBuf,
    pub rows: usize,
    /// Bound graduates exempted by the commission, not in the Financial Centre's list.
    pub exempted: usize,
}

/// The bound graduates of a cohort, each with their current decision.
fn bound(store: &Store, year: i32) -> Result<Vec<(Graduate, Option<Decision>)>, Error> {
    let rules = store.rules(year)?;
    let mut decisions: HashMap<i64, Decision> =
        store.current_decisions(year)?.into_iter().map(|d| (d.graduate_id, d)).collect();
    Ok(store
        .graduates_of(year)?
        .into_iter()
        .filter(|g| matches!(rules.obligation(&g.record), Obligation::Bound(_)))
        .map(|g| {
            let decision = decisions.remove(&g.id);
            (g, decision)
        })
        .collect())
}

fn vacancy_of<'a>(vacancies: &'a HashMap<i64, Vacancy>, outcome: Option<&Outcome>) -> Option<&'a Vacancy> {
    match outcome {
        Some(Outcome::Vacancy { vacancy_id, .. }) => vacancies.get(vacancy_id),
        _ => None,
    }
}

/// Every bound graduate but the exempted: decision, employer, periods, what is left and the
/// refund on `as_of`, in `lang`.
pub fn export_financial_centre(
    store: &Store,
    year: i32,
    as_of: NaiveDate,
    lang: Lang,
    path: &Path,
) -> Result<Written, Error> {
    let rules = store.rules(year)?;
    let graduates = bound(store, year)?;
    let vacancies = store.referred_vacancies(graduates.iter().filter_map(|(_, d)| d.as_ref()))?;
    let mut rows = Vec::new();
    for (g, decision) in &graduates {
        let outcome = decision.as_ref().map(|d| &d.outcome);
        if matches!(outcome, Some(Outcome::Exemption { .. })) {
            continue;
        }
        let standing = standing(store, &rules, g, decision.as_ref())?;
        let vacancy = vacancy_of(&vacancies, outcome);
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
            decision: outcome
                .map_or_else(|| Text::new("Шешім жоқ", "Нет решения"), |o| summary(o, vacancy))
                .get(lang)
                .to_owned(),
            employer: vacancy.map(|v| Employer::Registered {
                bin: v.record.employer.bin,
                name: v.record.employer.name.clone(),
            }),
            arrival: standing.followup.arrival.as_ref().map(|a| a.on),
            periods: standing.followup.periods,
            status: standing.obligation.status(as_of),
        });
    }
    write_financial_centre(&rows, lang, path)?;
    Ok(Written { file: path.to_path_buf(), rows: rows.len(), exempted: graduates.len() - rows.len() })
}

/// Placement of a cohort's bound graduates by programme, funding category and region.
pub fn placement(store: &Store, year: i32) -> Result<PlacementStats, Error> {
    let graduates = bound(store, year)?;
    let vacancies = store.referred_vacancies(graduates.iter().filter_map(|(_, d)| d.as_ref()))?;
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
                    Some(Outcome::EmploymentCentre { region, .. }) => Some(*region),
                    _ => vacancy_of(&vacancies, outcome).map(|v| v.record.region),
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
    Ok(PlacementStats::compute(&inputs))
}

pub fn export_stats(store: &Store, year: i32, lang: Lang, path: &Path) -> Result<Written, Error> {
    let stats = placement(store, year)?;
    stats.write_xlsx(lang, path)?;
    Ok(Written { file: path.to_path_buf(), rows: stats.total.total() as usize, exempted: 0 })
}
