//! Graduates' applications: ranked wishes, each standing for the vacancies it names, and a
//! graduate's strict order over the vacancies they may be referred to.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::classifiers::{Classifier, Region, classifier_enum};
use crate::ident::Bin;
use crate::model::Vacancy;

/// One line of a graduate's application: one vacancy, an employer (perhaps only in one region),
/// or a region standing for every vacancy there the rules allow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Wish {
    Vacancy { vacancy_id: i64 },
    Employer { bin: Bin, region: Option<Region> },
    Region { region: Region },
}

impl Wish {
    pub fn covers(&self, v: &Vacancy) -> bool {
        match self {
            Wish::Vacancy { vacancy_id } => v.id == *vacancy_id,
            Wish::Employer { bin, region } => {
                v.record.employer.bin == *bin && region.is_none_or(|r| r == v.record.region)
            }
            Wish::Region { region } => v.record.region == *region,
        }
    }

    /// Whether it names a vacancy or an employer (a stronger wish than a whole region).
    pub fn names_employer(&self) -> bool {
        !matches!(self, Wish::Region { .. })
    }
}

classifier_enum! {
    /// A social ground a graduate states in the application, with its proof, for the
    /// commission's order to put first (our reading of the preferences social law gives; the
    /// commission chooses whether its order uses it).
    pub enum SocialGround {
        Orphan => "orphan",
        Disability => "disability",
        LargeFamily => "large_family",
    }
}

impl Classifier for SocialGround {
    const KEYWORDS: &'static [(&'static str, Self)] = &[
        ("сирот", SocialGround::Orphan),
        ("жетім", SocialGround::Orphan),
        ("без попечения", SocialGround::Orphan),
        ("инвалид", SocialGround::Disability),
        ("мүгедек", SocialGround::Disability),
        ("многодет", SocialGround::LargeFamily),
        ("көп балалы", SocialGround::LargeFamily),
    ];
}

/// A graduate's application to the commission: wishes, most wanted first, the day it was
/// handed in and a social ground stated (criteria of the priority order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Application {
    pub wishes: Vec<Wish>,
    pub applied_on: Option<NaiveDate>,
    #[serde(default)]
    pub social: Option<SocialGround>,
}

impl Application {
    /// The first wish (from 0) that `v` meets.
    pub fn rank_of(&self, v: &Vacancy) -> Option<usize> {
        self.wishes.iter().position(|w| w.covers(v))
    }
}

/// The vacancies by what a wish can name, to expand wishes without scanning every vacancy.
pub(super) struct Index {
    by_id: HashMap<i64, usize>,
    by_employer: HashMap<Bin, Vec<usize>>,
    by_region: HashMap<Region, Vec<usize>>,
}

impl Index {
    pub(super) fn new(vacancies: &[Vacancy]) -> Index {
        let mut index =
            Index { by_id: HashMap::new(), by_employer: HashMap::new(), by_region: HashMap::new() };
        for (i, v) in vacancies.iter().enumerate() {
            index.by_id.insert(v.id, i);
            index.by_employer.entry(v.record.employer.bin).or_default().push(i);
            index.by_region.entry(v.record.region).or_default().push(i);
        }
        index
    }

    /// The vacancies (indices) `wish` stands for, whatever the rules say.
    pub(super) fn covered(&self, wish: &Wish, vacancies: &[Vacancy]) -> Vec<usize> {
        let candidates = match wish {
            Wish::Vacancy { vacancy_id } => return self.by_id.get(vacancy_id).copied().into_iter().collect(),
            Wish::Employer { bin, .. } => self.by_employer.get(bin),
            Wish::Region { region } => self.by_region.get(region),
        };
        candidates.into_iter().flatten().copied().filter(|&i| wish.covers(&vacancies[i])).collect()
    }
}
