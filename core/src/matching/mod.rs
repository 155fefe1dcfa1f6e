//! Matching the cohort's graduates to vacancies, in two modes the commission compares side by
//! side ([`Figures`]):
//! - **stable** (the default): graduate-proposing deferred acceptance over the graduates'
//!   ranked wishes and the commission's [`Priority`]: no graduate wants a place that went to
//!   someone the commission ranked lower, and nobody gains by hiding their true wishes;
//! - **fill**: the min-cost max-flow that places as many graduates as the places allow,
//!   honouring wishes where it can but not the order.
//!
//! [`explain`] says, for every wish above the one a graduate got, why not. Pure: data in,
//! verdict out; the workflow loads the cohort and takes the decisions.

mod explain;
mod figures;
mod fill;
mod flow;
mod priority;
mod stable;
mod wishes;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

pub use explain::{Explanation, QueuePlace, VacancyWhy, Why, WishWhy, explain, standing};
pub use figures::{Figures, figures};
pub use fill::weigh;
pub use flow::assign;
pub use priority::{Criterion, Decider, Priority, PriorityError, TieBreak};
pub use stable::deferred_acceptance;
pub use wishes::{Application, SocialGround, Wish};

use crate::classifiers::classifier_enum;
use crate::model::{Graduate, Vacancy};
use crate::rules::RuleSet;
use priority::{Facts, Order};
use wishes::Index;

classifier_enum! {
    /// How the suggestion is made.
    pub enum Mode {
        Stable => "stable",
        Fill => "fill",
    }
}

/// What a suggested referral honours, for the commission to see why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Suggestion {
    pub graduate_id: i64,
    pub vacancy_id: i64,
    /// The rank (from 1) of the wish it meets, if any.
    pub wish: Option<usize>,
    pub own_region: bool,
    pub programme_named: bool,
    /// Fill mode's weight: lower is better; what the flow minimised.
    pub cost: i64,
}

/// Everything a matching reads of a cohort.
pub struct Cohort<'a> {
    pub rules: &'a RuleSet,
    pub priority: &'a Priority,
    /// The graduates awaiting a decision.
    pub graduates: &'a [Graduate],
    /// By graduate id; a graduate without one has no wishes.
    pub applications: &'a HashMap<i64, Application>,
    /// The vacancies open to the cohort, with or without places left.
    pub vacancies: &'a [Vacancy],
    /// (vacancy, graduate) pairs the employer found unacceptable.
    pub unacceptable: &'a HashSet<(i64, i64)>,
}

static NO_APPLICATION: Application = Application { wishes: Vec::new(), applied_on: None, social: None };

impl Cohort<'_> {
    fn application(&self, graduate_id: i64) -> &Application {
        self.applications.get(&graduate_id).unwrap_or(&NO_APPLICATION)
    }

    fn acceptable(&self, vacancy_id: i64, graduate_id: i64) -> bool {
        !self.unacceptable.contains(&(vacancy_id, graduate_id))
    }

    fn facts(&self, g: &Graduate) -> Facts {
        Facts::of(g, self.application(g.id), self.priority)
    }

    fn order(&self) -> Order {
        Order::new(self.priority, &self.graduates.iter().map(|g| self.facts(g)).collect::<Vec<_>>())
    }

    /// Graduate `g`'s strict order over the vacancies (indices) they may be referred to, each
    /// with the wish (from 0) it meets: every wish's allowed, acceptable vacancies in wish
    /// order; within a wish, those in the graduate's own region first, then those naming their
    /// programme, then by the vacancy's number (a fixed rule, so nobody chose the order).
    fn list(&self, g: &Graduate, index: &Index) -> Vec<(usize, usize)> {
        let rules = self.rules.assessor(&g.record);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (rank, wish) in self.application(g.id).wishes.iter().enumerate() {
            let mut covered: Vec<usize> = index
                .covered(wish, self.vacancies)
                .into_iter()
                .filter(|&vi| {
                    let v = &self.vacancies[vi];
                    !seen.contains(&vi) && self.acceptable(v.id, g.id) && rules.allows(v)
                })
                .collect();
            covered.sort_by_key(|&vi| {
                let v = &self.vacancies[vi].record;
                (g.record.region != Some(v.region), !v.program_codes.contains(&g.record.program_code), vi)
            });
            seen.extend(covered.iter().copied());
            out.extend(covered.into_iter().map(|vi| (vi, rank)));
        }
        out
    }
}

/// Each graduate's place (from 1) in the commission's order for vacancies outside rural
/// settlements, by graduate id.
pub fn places(c: &Cohort<'_>) -> HashMap<i64, u32> {
    let order = c.order();
    c.graduates.iter().enumerate().map(|(gi, g)| (g.id, order.general(gi) + 1)).collect()
}

/// The suggestion in `mode`, sorted by vacancy then graduate.
pub fn suggest(c: &Cohort<'_>, mode: Mode) -> Vec<Suggestion> {
    let mut out = match mode {
        Mode::Stable => stable(c),
        Mode::Fill => fill::fill(c),
    };
    out.sort_by_key(|s| (s.vacancy_id, s.graduate_id));
    out
}

/// Stable mode: deferred acceptance over the graduates' lists and the commission's order.
fn stable(c: &Cohort<'_>) -> Vec<Suggestion> {
    let index = Index::new(c.vacancies);
    let lists: Vec<Vec<usize>> =
        c.graduates.iter().map(|g| c.list(g, &index).into_iter().map(|(vi, _)| vi).collect()).collect();
    let order = c.order();
    let capacities: Vec<u32> = c.vacancies.iter().map(|v| v.places_left).collect();
    let matched = deferred_acceptance(&lists, &capacities, |v, g| order.place(g, &c.vacancies[v]));
    c.graduates
        .iter()
        .zip(matched)
        .filter_map(|(g, v)| Some(fill::weigh(g, c.application(g.id), &c.vacancies[v?])))
        .collect()
}
