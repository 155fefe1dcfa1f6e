//! The commission's priority order: which graduate a vacancy's places go to first when more
//! want them than it has. Data per cohort (the commission sets, records and may change it
//! before the meeting): ordered criteria, then a final tie-break, so the order is strict and
//! anyone can say how it was made.

use std::cmp::{Ordering, Reverse};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Application;
use crate::classifiers::{Funding, classifier_enum};
use crate::i18n::{Lang, Text, UserFacing};
use crate::model::{Gpa, Graduate, Vacancy};
use crate::vocabulary::Termed;

classifier_enum! {
    /// A criterion of the priority order.
    pub enum Criterion {
        /// Rural-quota graduates before the others, for vacancies in rural settlements only:
        /// the quota exists to staff villages.
        RuralQuota => "rural_quota",
        /// The higher grade average first; none stated last.
        GradeAverage => "grade_average",
        /// The earlier application first; none recorded last.
        AppliedOn => "applied_on",
        /// Graduates who stated a social ground (with its proof) before the others.
        SocialGround => "social_ground",
    }
}

classifier_enum! {
    /// How graduates equal on every criterion are ordered.
    pub enum TieBreak {
        /// A draw: a number from the seed and the IIN, fixed once the seed is recorded.
        Lottery => "lottery",
        /// By surname, name and patronymic in the Kazakh alphabet.
        Alphabet => "alphabet",
    }
}

/// The order as the commission set it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawPriority")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Priority {
    criteria: Vec<Criterion>,
    tie_break: TieBreak,
    /// The lottery's seed, recorded so the draw can be run again and checked.
    seed: u32,
}

#[derive(Deserialize)]
struct RawPriority {
    criteria: Vec<Criterion>,
    tie_break: TieBreak,
    seed: u32,
}

impl TryFrom<RawPriority> for Priority {
    type Error = PriorityError;
    fn try_from(raw: RawPriority) -> Result<Priority, PriorityError> {
        Priority::new(raw.criteria, raw.tie_break, raw.seed)
    }
}

impl Default for Priority {
    fn default() -> Priority {
        Priority {
            criteria: vec![Criterion::RuralQuota, Criterion::GradeAverage, Criterion::AppliedOn],
            tie_break: TieBreak::Lottery,
            seed: 1,
        }
    }
}

impl Priority {
    /// Each criterion at most once.
    pub fn new(criteria: Vec<Criterion>, tie_break: TieBreak, seed: u32) -> Result<Priority, PriorityError> {
        if let Some(twice) = criteria.iter().enumerate().find(|(i, c)| criteria[..*i].contains(c)) {
            return Err(PriorityError::Repeated { criterion: *twice.1 });
        }
        Ok(Priority { criteria, tie_break, seed })
    }

    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    pub fn tie_break(&self) -> TieBreak {
        self.tie_break
    }

    pub fn seed(&self) -> u32 {
        self.seed
    }

    /// The order in words: «1. …; 2. …; then: a lottery (seed 7)».
    pub fn describe(&self) -> Text {
        let words = |lang: Lang, seed: &str, then: &str| {
            let mut parts: Vec<String> = self
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{}. {}", i + 1, c.label(lang)))
                .collect();
            let last = match self.tie_break {
                TieBreak::Lottery => format!("{} ({seed} {})", self.tie_break.label(lang), self.seed),
                TieBreak::Alphabet => self.tie_break.label(lang).to_owned(),
            };
            parts.push(format!("{then}: {last}"));
            parts.join("; ")
        };
        Text::new(words(Lang::Kk, "кілті", "соңында"), words(Lang::Ru, "ключ", "затем"))
    }
}

/// What decided that one graduate comes before another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "by", content = "code", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Decider {
    Criterion(Criterion),
    TieBreak(TieBreak),
}

impl Decider {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Decider::Criterion(c) => c.label(lang),
            Decider::TieBreak(t) => t.label(lang),
        }
    }
}

/// What the criteria read of one graduate.
#[derive(Clone, Debug)]
pub(super) struct Facts {
    rural_quota: bool,
    social: bool,
    gpa: Option<Gpa>,
    applied_on: Option<NaiveDate>,
    /// Only when the tie-break reads it: the key costs an allocation a graduate.
    alphabet: Option<String>,
    draw: u64,
}

impl Facts {
    pub(super) fn of(g: &Graduate, application: &Application, priority: &Priority) -> Facts {
        let r = &g.record;
        let name = [&*r.surname, &r.name, r.patronymic.as_deref().unwrap_or_default()];
        Facts {
            rural_quota: r.funding == Funding::RuralQuota,
            social: application.social.is_some(),
            gpa: r.gpa,
            applied_on: application.applied_on,
            alphabet: (priority.tie_break == TieBreak::Alphabet).then(|| crate::alphabet::sort_key(name)),
            draw: draw(priority.seed, r.iin.as_str()),
        }
    }
}

/// SplitMix64 over the seed and the IIN's digits: the same seed draws the same order on any
/// machine and any version, which a random generator's stream does not promise.
fn draw(seed: u32, iin: &str) -> u64 {
    let digits =
        iin.bytes().fold(0u64, |n, b| n.wrapping_mul(10).wrapping_add(u64::from(b.wrapping_sub(b'0'))));
    let mut z = (u64::from(seed) << 40 ^ digits).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Priority {
    /// Whether `a` comes before `b` for a vacancy (rural or not), and what decided it.
    pub(super) fn compare(&self, a: &Facts, b: &Facts, rural: bool) -> (Ordering, Decider) {
        for &c in &self.criteria {
            let order = match c {
                Criterion::RuralQuota if rural => b.rural_quota.cmp(&a.rural_quota),
                Criterion::RuralQuota => Ordering::Equal,
                Criterion::GradeAverage => later_none(a.gpa.map(Reverse), b.gpa.map(Reverse)),
                Criterion::AppliedOn => later_none(a.applied_on, b.applied_on),
                Criterion::SocialGround => b.social.cmp(&a.social),
            };
            if order.is_ne() {
                return (order, Decider::Criterion(c));
            }
        }
        let order = match self.tie_break {
            TieBreak::Lottery => a.draw.cmp(&b.draw),
            TieBreak::Alphabet => a.alphabet.cmp(&b.alphabet),
        };
        (order, Decider::TieBreak(self.tie_break))
    }
}

/// Smaller first, a missing value after every value.
fn later_none<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (a, b) => a.is_none().cmp(&b.is_none()),
    }
}

/// Every graduate's place in the order, for rural vacancies and for the others (the only way a
/// vacancy changes the order): 0 is first.
pub(super) struct Order {
    other: Vec<u32>,
    rural: Vec<u32>,
}

impl Order {
    pub(super) fn new(priority: &Priority, facts: &[Facts]) -> Order {
        let places = |rural: bool| {
            let mut sorted: Vec<usize> = (0..facts.len()).collect();
            sorted.sort_by(|&a, &b| priority.compare(&facts[a], &facts[b], rural).0.then(a.cmp(&b)));
            let mut place = vec![0u32; facts.len()];
            for (p, g) in sorted.into_iter().enumerate() {
                place[g] = p as u32;
            }
            place
        };
        let other = places(false);
        let rural = match priority.criteria.contains(&Criterion::RuralQuota) {
            true => places(true),
            false => other.clone(),
        };
        Order { other, rural }
    }

    /// Graduate `g`'s place for vacancies outside rural settlements.
    pub(super) fn general(&self, g: usize) -> u32 {
        self.other[g]
    }

    /// Graduate `g`'s place for vacancy `v`.
    pub(super) fn place(&self, g: usize, v: &Vacancy) -> u32 {
        match v.record.rural {
            true => self.rural[g],
            false => self.other[g],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PriorityError {
    #[error("criterion {criterion:?} repeated")]
    Repeated { criterion: Criterion },
}

impl UserFacing for PriorityError {
    /// Stable code: `priority_repeated`.
    fn code(&self) -> &'static str {
        "priority_repeated"
    }

    fn message(&self) -> Text {
        let PriorityError::Repeated { criterion } = self;
        Text::new(
            format!("«{}» өлшемі кезекте екі рет тұр: әр өлшем бір рет қана.", criterion.label(Lang::Kk)),
            format!(
                "Критерий «{}» указан дважды: каждый критерий только один раз.",
                criterion.label(Lang::Ru)
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_value_comes_last_whichever_way_the_criterion_sorts() {
        assert_eq!(later_none(Some(1), None), Ordering::Less);
        assert_eq!(later_none(None, Some(1)), Ordering::Greater);
        assert_eq!(later_none::<u8>(None, None), Ordering::Equal);
        assert_eq!(later_none(Some(2), Some(1)), Ordering::Greater);
    }

    #[test]
    fn a_criterion_named_twice_is_refused() {
        let twice =
            Priority::new(vec![Criterion::GradeAverage, Criterion::GradeAverage], TieBreak::Alphabet, 0);
        assert_eq!(twice, Err(PriorityError::Repeated { criterion: Criterion::GradeAverage }));
    }

    #[test]
    fn the_draw_is_fixed_by_its_seed() {
        assert_eq!(draw(7, "000101500123"), draw(7, "000101500123"));
        assert_ne!(draw(7, "000101500123"), draw(8, "000101500123"));
    }
}
