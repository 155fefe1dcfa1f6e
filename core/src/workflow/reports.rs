//! A cohort's lists written to Excel: the Financial Centre's and the placement statistics.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::commission::{Decision, DecisionView, Outcome};
use crate::error::Error;
use crate::followup::FollowUpError;
use crate::followup::export::{FinancialCentreRow, write_financial_centre};
use crate::followup::stats::{self, PlacementInput, PlacementStats, Programme};
use crate::i18n::Lang;
use crate::model::{Graduate, Vacancy};
use crate::obligation::Case;
use crate::store::Store;

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Written {
    pub file: PathBuf,
    pub rows: usize,
}

/// The graduates of a cohort, each with their current decision.
fn cohort(store: &Store, year: i32) -> Result<Vec<(Graduate, Option<Decision>)>, Error> {
    let mut decisions: HashMap<i64, Decision> =
        store.current_decisions(year)?.into_iter().map(|d| (d.graduate_id, d)).collect();
    Ok(store
        .graduates_of(year)?
        .into_iter()
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

/// Every graduate of the cohort (each studied on a grant: the Financial Centre monitors them
/// all, and pursues anyone not reported), in every state on `as_of`, in `lang`.
pub fn export_financial_centre(
    store: &Store,
    year: i32,
    as_of: NaiveDate,
    lang: Lang,
    path: &Path,
) -> Result<Written, Error> {
    let graduates = cohort(store, year)?;
    let vacancies = store.referred_vacancies(graduates.iter().filter_map(|(_, d)| d.as_ref()))?;
    let mut followups = store.followups_of(year)?;
    let mut papers = store.papers_of(year)?;
    let mut chains: HashMap<i64, Vec<Decision>> = HashMap::new();
    for d in store.decisions_of_year(year)? {
        chains.entry(d.graduate_id).or_default().push(d);
    }
    let (rules, settings) = (store.rules(year)?, store.cohort_settings(year)?);
    let mut rows = Vec::with_capacity(graduates.len());
    for (g, decision) in graduates {
        let employer =
            vacancy_of(&vacancies, decision.as_ref().map(|d| &d.outcome)).map(|v| v.record.employer.clone());
        let paper = decision.as_ref().and_then(|d| papers.remove(&d.id));
        let followup = followups.remove(&g.id).unwrap_or_default();
        let decision = decision.map(|d| DecisionView::new(d, &vacancies));
        let chain = chains.remove(&g.id).unwrap_or_default();
        let case = Case {
            graduate: &g.record,
            rules: &rules,
            settings: &settings,
            decisions: &chain,
            followup: &followup,
        };
        let obligation = case.view(g.id, decision.clone(), as_of).map_err(FollowUpError::from)?;
        rows.push(FinancialCentreRow { graduate: g, obligation, paper, employer });
    }
    write_financial_centre(&rows, year, lang, path)?;
    Ok(Written { file: path.to_path_buf(), rows: rows.len() })
}

/// Placement of a cohort's graduates by programme, funding category and region.
pub fn placement(store: &Store, year: i32) -> Result<PlacementStats, Error> {
    let graduates = cohort(store, year)?;
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
    stats.write_xlsx(year, lang, path)?;
    Ok(Written { file: path.to_path_buf(), rows: stats.total.total() as usize })
}
