//! The work-off arithmetic: how many days of the term are counted, what is left, when it ends at
//! this pace, and the refund for the unworked part. Pure: dates in, numbers out.
//!
//! Day counting (one convention throughout):
//! - a period covers its `from` and `to` days, both included; an ongoing one covers every day
//!   from `from` up to the as-of date;
//! - the term covers `term_days` days: from the start date (included) to the same date `term`
//!   years later (excluded). A start on 29 February ends on 28 February, the Civil Code's rule
//!   for a month without the date;
//! - a day counts when the obligation has started (on or after the start date), it is not after
//!   the as-of date, a work or employment-centre period covers it (overlaps count once) and no
//!   deferral covers it. Counting stops once `term_days` days are counted: gaps push the end
//!   later, they never shorten the term;
//! - the as-of date itself counts when covered, so `ends_on` is the last day still to work.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::i18n::{self, Lang, Text, UserFacing};

/// What a graduate was doing during a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum PeriodKind {
    /// Working for an employer: counts.
    Work,
    /// Registered as a job seeker at the employment (career) centre: counts.
    Centre,
    /// Military service: the term pauses.
    Deferral,
}

impl PeriodKind {
    pub const ALL: &'static [PeriodKind] = &[PeriodKind::Work, PeriodKind::Centre, PeriodKind::Deferral];

    /// Stable code, as stored and as in JSON.
    pub const fn code(self) -> &'static str {
        match self {
            PeriodKind::Work => "work",
            PeriodKind::Centre => "centre",
            PeriodKind::Deferral => "deferral",
        }
    }

    pub fn from_code(code: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.iter().copied().find(|k| k.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PeriodKind::Work, Lang::Kk) => "Жұмыс",
            (PeriodKind::Work, Lang::Ru) => "Работа",
            (PeriodKind::Centre, Lang::Kk) => "Жұмыспен қамту орталығында тіркеу",
            (PeriodKind::Centre, Lang::Ru) => "Учёт в центре занятости",
            (PeriodKind::Deferral, Lang::Kk) => "Кейінге қалдыру (әскери қызмет)",
            (PeriodKind::Deferral, Lang::Ru) => "Отсрочка (воинская служба)",
        }
    }

    /// Whether the days of such a period count toward the term.
    fn counts(self) -> bool {
        matches!(self, PeriodKind::Work | PeriodKind::Centre)
    }
}

/// Days from `from` to `to`, both included; `to` is `None` while the period goes on. Never
/// ends before it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawSpan")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Span {
    from: NaiveDate,
    to: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct RawSpan {
    from: NaiveDate,
    to: Option<NaiveDate>,
}

impl TryFrom<RawSpan> for Span {
    type Error = ObligationError;
    fn try_from(raw: RawSpan) -> Result<Span, ObligationError> {
        Span::new(raw.from, raw.to)
    }
}

impl Span {
    pub fn new(from: NaiveDate, to: Option<NaiveDate>) -> Result<Span, ObligationError> {
        match to {
            Some(to) if to < from => Err(ObligationError::EndsBeforeStart { from, to }),
            _ => Ok(Span { from, to }),
        }
    }

    pub fn ongoing(from: NaiveDate) -> Span {
        Span { from, to: None }
    }

    pub fn from(&self) -> NaiveDate {
        self.from
    }

    pub fn to(&self) -> Option<NaiveDate> {
        self.to
    }
}

/// Why an obligation or a period cannot be formed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ObligationError {
    #[error("period ends {to} before it starts {from}")]
    EndsBeforeStart { from: NaiveDate, to: NaiveDate },
    #[error("the term is zero years")]
    ZeroTerm,
    /// The term's end falls outside the calendar the program handles.
    #[error("{start} + {years} years is out of range")]
    OutOfRange { start: NaiveDate, years: u8 },
}

impl UserFacing for ObligationError {
    /// Stable codes: `period_ends_before_start`, `term_zero`, `term_out_of_range`.
    fn code(&self) -> &'static str {
        match self {
            ObligationError::EndsBeforeStart { .. } => "period_ends_before_start",
            ObligationError::ZeroTerm => "term_zero",
            ObligationError::OutOfRange { .. } => "term_out_of_range",
        }
    }

    fn message(&self) -> Text {
        match self {
            ObligationError::EndsBeforeStart { from, to } => Text::new(
                format!(
                    "Кезең басталмай тұрып аяқталады: басталуы {}, аяқталуы {}.",
                    i18n::date(*from),
                    i18n::date(*to)
                ),
                format!(
                    "Период заканчивается раньше, чем начинается: начало {}, окончание {}.",
                    i18n::date(*from),
                    i18n::date(*to)
                ),
            ),
            ObligationError::ZeroTerm => Text::new(
                "Жұмыспен өтеу мерзімі нөл жыл болмайды: ережелер кестесін тексеріңіз.",
                "Срок отработки не может быть равен нулю лет: проверьте таблицу правил.",
            ),
            ObligationError::OutOfRange { start, years } => Text::new(
                format!("{} күнінен {years} жыл кейінгі күнді есептеу мүмкін емес.", i18n::date(*start)),
                format!("Невозможно вычислить дату через {years} лет после {}.", i18n::date(*start)),
            ),
        }
    }
}

/// Where the graduate stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ObligationState {
    /// The as-of date is before the start date.
    NotStarted,
    /// A work or employment-centre period covers the as-of date.
    InProgress,
    /// A deferral covers the as-of date.
    Deferred,
    /// Started, but nothing counts on the as-of date (between jobs, or never came).
    Interrupted,
    /// The whole term is counted.
    Completed,
}

impl ObligationState {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ObligationState::NotStarted, Lang::Kk) => "Басталған жоқ",
            (ObligationState::NotStarted, Lang::Ru) => "Не начата",
            (ObligationState::InProgress, Lang::Kk) => "Өтеп жүр",
            (ObligationState::InProgress, Lang::Ru) => "Отрабатывает",
            (ObligationState::Deferred, Lang::Kk) => "Кейінге қалдырылған",
            (ObligationState::Deferred, Lang::Ru) => "Отсрочка",
            (ObligationState::Interrupted, Lang::Kk) => "Үзілген",
            (ObligationState::Interrupted, Lang::Ru) => "Прервана",
            (ObligationState::Completed, Lang::Kk) => "Өтелді",
            (ObligationState::Completed, Lang::Ru) => "Отработано",
        }
    }
}

/// The figures of one obligation on one date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ObligationStatus {
    pub as_of: NaiveDate,
    pub state: ObligationState,
    pub term_days: u32,
    /// Never more than `term_days`.
    pub counted_days: u32,
    /// Days under a deferral since the start date, up to the as-of date or the completion.
    pub deferred_days: u32,
    pub remaining_days: u32,
    /// The last day to work at this pace (`InProgress`: as-of + remaining days), or the day the
    /// term was completed (`Completed`); `None` while nothing counts.
    pub ends_on: Option<NaiveDate>,
    /// Tenge to refund on the as-of date, when the cost of the studies is known; 0 once completed.
    pub refund: Option<u64>,
}

/// A graduate's obligation: the term, when it started, what they did, what the studies cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Obligation {
    start: NaiveDate,
    term_days: u32,
    periods: Vec<(PeriodKind, Span)>,
    /// Tenge.
    cost: Option<u64>,
}

impl Obligation {
    /// `start` is the arrival date (the referral's planned arrival until one is confirmed).
    pub fn new(
        term_years: u8,
        start: NaiveDate,
        periods: impl IntoIterator<Item = (PeriodKind, Span)>,
        cost: Option<u64>,
    ) -> Result<Obligation, ObligationError> {
        if term_years == 0 {
            return Err(ObligationError::ZeroTerm);
        }
        // Month arithmetic clamps a missing 29 February to the 28th.
        let end = start
            .checked_add_months(Months::new(12 * u32::from(term_years)))
            .ok_or(ObligationError::OutOfRange { start, years: term_years })?;
        let term_days = u32::try_from((end - start).num_days()).expect("at most 255 years of days");
        Ok(Obligation { start, term_days, periods: periods.into_iter().collect(), cost })
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn term_days(&self) -> u32 {
        self.term_days
    }

    pub fn status(&self, as_of: NaiveDate) -> ObligationStatus {
        let start = day(self.start);
        // Half-open day ranges inside [start, as_of].
        let window_end = day(as_of) + 1;
        let ranges = |counting: bool| {
            union(
                self.periods
                    .iter()
                    .filter(|(kind, _)| kind.counts() == counting)
                    .map(|(_, span)| {
                        let to = span.to.map_or(window_end, |to| day(to) + 1).min(window_end);
                        (day(span.from).max(start), to)
                    })
                    .filter(|(from, to)| from < to)
                    .collect(),
            )
        };
        let deferrals = ranges(false);
        let counting = subtract(&ranges(true), &deferrals);

        let term = i64::from(self.term_days);
        let mut counted = 0;
        let mut completed_on = None;
        for &(from, to) in &counting {
            if counted + (to - from) >= term {
                completed_on = Some(from + (term - counted) - 1);
                counted = term;
                break;
            }
            counted += to - from;
        }
        let horizon = completed_on.map_or(window_end, |d| d + 1);
        let deferred: i64 = deferrals.iter().map(|&(from, to)| (to.min(horizon) - from).max(0)).sum();

        let covers_today = |ranges: &[(i64, i64)]| ranges.last().is_some_and(|&(_, to)| to == window_end);
        let state = if as_of < self.start {
            ObligationState::NotStarted
        } else if completed_on.is_some() {
            ObligationState::Completed
        } else if covers_today(&deferrals) {
            ObligationState::Deferred
        } else if covers_today(&counting) {
            ObligationState::InProgress
        } else {
            ObligationState::Interrupted
        };

        let counted_days = u32::try_from(counted).expect("at most term_days");
        let remaining_days = self.term_days - counted_days;
        let ends_on = match state {
            ObligationState::Completed => completed_on.and_then(date),
            ObligationState::InProgress => as_of.checked_add_days(Days::new(remaining_days.into())),
            _ => None,
        };
        ObligationStatus {
            as_of,
            state,
            term_days: self.term_days,
            counted_days,
            deferred_days: u32::try_from(deferred).expect("the calendar has fewer days"),
            remaining_days,
            ends_on,
            refund: self.cost.map(|cost| refund(cost, self.term_days, counted_days)),
        }
    }
}

/// cost × (term − counted) / term, rounded half up, in integers: floor((2·cost·unworked + term)
/// / (2·term)). Never more than `cost`, so it fits back in u64.
fn refund(cost: u64, term_days: u32, counted_days: u32) -> u64 {
    let term = u128::from(term_days);
    let unworked = u128::from(term_days - counted_days);
    let refund = (2 * u128::from(cost) * unworked + term) / (2 * term);
    u64::try_from(refund).expect("refund ≤ cost")
}

fn day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

fn date(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)
}

/// Sorted, disjoint, non-adjacent half-open ranges covering the same days.
fn union(mut ranges: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    ranges.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// The days of `a` outside `b`; both sorted and disjoint (as [`union`] gives them).
fn subtract(a: &[(i64, i64)], b: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut out = Vec::with_capacity(a.len());
    let mut cut = b.iter().peekable();
    for &(mut from, to) in a {
        // Cuts wholly before this range cannot touch later ones either.
        while cut.next_if(|&&(_, cut_to)| cut_to <= from).is_some() {}
        for &(cut_from, cut_to) in cut.clone().take_while(|&&(cut_from, _)| cut_from < to) {
            if cut_from > from {
                out.push((from, cut_from));
            }
            from = from.max(cut_to);
        }
        if from < to {
            out.push((from, to));
        }
    }
    out
}

#[cfg(test)]
mod tests;
