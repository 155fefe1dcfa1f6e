//! Counting days. One convention throughout:
//! - a period covers its `from` and `to` days, both included; an ongoing one covers every day
//!   from `from` up to the as-of date;
//! - a day counts when the obligation has started (on or after the start date), it is not after
//!   the as-of date, a counting period covers it (overlaps count once) and no pause covers it.
//!   Counting stops once the term's days are counted: gaps push the end later, they never
//!   shorten the term;
//! - the as-of date itself counts when covered, so the end date is the last day still to work.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ObligationError;

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

    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }

    /// Its days as a half-open range within `[start, end)`, if any.
    fn within(&self, start: i64, end: i64) -> Option<Range> {
        let range = (day(self.from).max(start), self.to.map_or(end, |to| day(to) + 1).min(end));
        (range.0 < range.1).then_some(range)
    }
}

/// Half-open day numbers `[from, to)`.
type Range = (i64, i64);

pub(super) fn day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

pub(super) fn date(day: i64) -> NaiveDate {
    i32::try_from(day)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .expect("days derived from valid dates")
}

/// One period as the clock sees it: whether its days count, pause the term, or neither (work
/// the rules do not allow).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Effect {
    Counts,
    Pauses,
    Nothing,
}

/// What the clock found on the as-of date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Count {
    pub counted: u32,
    pub paused: u32,
    /// The day the last day of the term was counted.
    pub completed_on: Option<NaiveDate>,
    /// The indices of the periods that count on the as-of date, and of those pausing it.
    pub counting_today: Vec<usize>,
    pub paused_today: bool,
    /// The first day after the last day counted or paused, when that is on or before the
    /// as-of date: from then on, nothing held the obligation.
    pub uncovered_since: Option<NaiveDate>,
    /// Days each period contributed (counted, or paused), in the periods' order; a day two
    /// periods cover goes to the one that starts first.
    pub per_period: Vec<u32>,
}

/// Counts `term_days` from `start` over `periods` up to `as_of` included.
pub(super) fn count(start: NaiveDate, term_days: u32, periods: &[(Effect, Span)], as_of: NaiveDate) -> Count {
    let (start, window_end) = (day(start), day(as_of) + 1);
    let ranges = |effect: Effect| {
        union(
            periods
                .iter()
                .filter(|(e, _)| *e == effect)
                .filter_map(|(_, s)| s.within(start, window_end))
                .collect(),
        )
    };
    let pauses = ranges(Effect::Pauses);
    let counting = subtract(&ranges(Effect::Counts), &pauses);

    let term = i64::from(term_days);
    let mut counted = 0;
    let mut completed = None;
    for &(from, to) in &counting {
        if counted + (to - from) >= term {
            completed = Some(from + (term - counted) - 1);
            counted = term;
            break;
        }
        counted += to - from;
    }
    let horizon = completed.map_or(window_end, |d| d + 1);
    let clip = |ranges: &[Range]| -> Vec<Range> {
        ranges.iter().map(|&(f, t)| (f, t.min(horizon))).filter(|(f, t)| f < t).collect()
    };
    let (pauses, counting) = (clip(&pauses), clip(&counting));
    let paused: i64 = pauses.iter().map(|(f, t)| t - f).sum();

    let covers_today = |ranges: &[Range]| ranges.last().is_some_and(|&(_, to)| to == window_end);
    let paused_today = completed.is_none() && covers_today(&pauses);
    let counting_today = if completed.is_none() && covers_today(&counting) {
        let today = window_end - 1;
        periods
            .iter()
            .enumerate()
            .filter(|(_, (e, s))| *e == Effect::Counts && s.within(today, window_end).is_some())
            .map(|(i, _)| i)
            .collect()
    } else {
        Vec::new()
    };
    let held = union([counting.clone(), pauses.clone()].concat());
    let uncovered_since = held.last().map(|&(_, to)| to).filter(|&to| to < window_end).map(date);

    // Each period's own days: what it adds to those attributed before it.
    let mut order: Vec<usize> = (0..periods.len()).collect();
    order.sort_by_key(|&i| (periods[i].1.from, i));
    let mut per_period = vec![0; periods.len()];
    let mut taken: Vec<Range> = Vec::new();
    for i in order {
        let (effect, span) = periods[i];
        let pool = match effect {
            Effect::Counts => &counting,
            Effect::Pauses => &pauses,
            Effect::Nothing => continue,
        };
        let own = subtract(&intersect(span.within(start, horizon), pool), &taken);
        per_period[i] =
            u32::try_from(own.iter().map(|(f, t)| t - f).sum::<i64>()).expect("a few thousand days");
        taken = union([taken, own].concat());
    }

    Count {
        counted: u32::try_from(counted).expect("at most term_days"),
        paused: u32::try_from(paused).expect("the calendar has fewer days"),
        completed_on: completed.map(date),
        counting_today,
        paused_today,
        uncovered_since,
        per_period,
    }
}

/// The parts of the sorted, disjoint `pool` inside `range`.
fn intersect(range: Option<Range>, pool: &[Range]) -> Vec<Range> {
    let Some((from, to)) = range else { return Vec::new() };
    pool.iter().map(|&(f, t)| (f.max(from), t.min(to))).filter(|(f, t)| f < t).collect()
}

/// Sorted, disjoint, non-adjacent half-open ranges covering the same days.
fn union(mut ranges: Vec<Range>) -> Vec<Range> {
    ranges.sort_unstable();
    let mut merged: Vec<Range> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// The days of `a` outside `b`; both sorted and disjoint (as [`union`] gives them).
fn subtract(a: &[Range], b: &[Range]) -> Vec<Range> {
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
