//! The obligation to work off (Law «On Education», art. 47 p. 17), as the law gives it: the
//! state a graduate is in on any date, derived from the commission's current decision and the
//! recorded facts, never typed by hand; the term (proportional to the years on the grant), the
//! days counted and paused; and the refund, which is owed only once the obligation is broken.
//! Pure: [`Facts`] in, [`Standing`] out.
//!
//! - [`case`]: the facts read from a graduate's records;
//! - [`clock`]: counting days over periods;
//! - [`term`]: years on the grant and the term in days;
//! - [`refund`]: the cost and the refund's arithmetic;
//! - [`view`]: the standing with what it was made of, as shown.
//!
//! The states (domain.md, «The obligation's life»):
//! - no decision yet: [`State::AwaitingDecision`], or [`State::NotCovered`] when no rules row
//!   covers the graduate (the commission must still act on them);
//! - referred (to a vacancy or the employment centre), not yet arrived: [`State::Referred`],
//!   until the deadline; then broken, if nothing was recorded;
//! - counting: [`State::Working`] (at an employer the rules allow), [`State::AtCentre`]
//!   (registered as a job seeker);
//! - paused: [`State::Deferred`], by the deferral decision's dates or a conscript service
//!   period; the term resumes after;
//! - [`State::Between`]: a period (work, the centre, service) ended and the next has not begun:
//!   the cohort's grace (a new job, registration at the centre, return from service) runs;
//! - [`State::Exempted`]: nothing is owed, ever;
//! - [`State::Fulfilled`]: every day of the term counted;
//! - [`State::Broken`]: left work (or works where the rules do not allow), or never arrived past
//!   the deadline, and not at the centre: the refund for the unworked part is owed, then
//!   [`State::RefundPaidInPart`] and [`State::RefundPaid`] (full payment ends the obligation);
//! - [`State::Ended`]: ended on another ground the law gives (see [`EndGround`]).

mod case;
mod clock;
mod error;
mod refund;
mod term;
mod view;

use chrono::{Days, NaiveDate};
use serde::Serialize;

pub use case::{Case, Read};
pub use clock::Span;
pub use error::ObligationError;
pub use refund::{Cost, CostScope};
pub use term::{GrantShare, Term, Years};
pub use view::{ObligationView, PeriodView};

use crate::classifiers::classifier_enum;
use clock::{Effect, count};

classifier_enum! {
    /// What a graduate was doing during a period. The codes are stored.
    pub enum PeriodKind {
        // Working for an employer: counts when the rules allow the place.
        Work => "work",
        // Registered as a job seeker at the employment (career) centre: counts.
        Centre => "centre",
        // Conscript military service that began during the term: pauses it.
        Deferral => "deferral",
    }
}

classifier_enum! {
    /// A ground on which an obligation ends without being worked off or refunded. Our reading
    /// of the Rules (domain.md: the edition in force may name further grounds); kept here as
    /// one table, each needing a document.
    pub enum EndGround {
        Death => "death",
        DisabilityDuringTerm => "disability_during_term",
        OtherLegalGround => "other_legal_ground",
    }
}

classifier_enum! {
    /// Where the graduate stands on a date.
    pub enum State {
        AwaitingDecision => "awaiting_decision",
        NotCovered => "not_covered",
        Referred => "referred",
        Working => "working",
        AtCentre => "at_centre",
        Deferred => "deferred",
        Between => "between_periods",
        Exempted => "exempted",
        Fulfilled => "fulfilled",
        Broken => "broken",
        RefundPaidInPart => "refund_paid_in_part",
        RefundPaid => "refund_paid",
        Ended => "ended",
    }
}

impl State {
    /// Whether a refund is owed in this state: only once the obligation is broken.
    pub fn owes(self) -> bool {
        matches!(self, State::Broken | State::RefundPaidInPart)
    }

    /// Whether the obligation runs (or is about to): what a stop would now cost is worth showing.
    fn runs(self) -> bool {
        matches!(self, State::Referred | State::Working | State::AtCentre | State::Deferred | State::Between)
    }
}

/// The commission's current decision, as the obligation reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decided {
    Nothing,
    /// To a vacancy or the employment centre, to arrive (or register) on `arrival`; with
    /// nothing recorded after `deadline`, broken. `first` is the first referral's arrival
    /// date (this one's, unless it revises an earlier referral): the term runs from the first.
    Referral {
        arrival: NaiveDate,
        deadline: NaiveDate,
        first: NaiveDate,
    },
    Exemption,
    /// Conscript service: the decision's dates pause the obligation, no period needed.
    Deferral(Span),
}

/// One recorded period: `counts` is the rules' verdict on its place (always true but for work).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodFact {
    pub kind: PeriodKind,
    pub span: Span,
    pub counts: bool,
}

/// Everything the state depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// Whether a rules row covers the graduate.
    pub covered: bool,
    pub term_years: u8,
    pub share: Option<GrantShare>,
    /// Where the term is measured from while nothing started it: the cohort's arrival day.
    pub nominal_start: NaiveDate,
    pub decided: Decided,
    /// The confirmed first arrival: the obligation starts then rather than on the first
    /// referral's date.
    pub arrival: Option<NaiveDate>,
    /// Recorded periods, and the pauses of earlier deferral decisions in the chain.
    pub periods: Vec<PeriodFact>,
    /// Days after a period ends before a gap breaks the obligation (the cohort's setting).
    pub gap_grace_days: u16,
    pub cost: Option<Cost>,
    /// Refund payments: date, tenge.
    pub payments: Vec<(NaiveDate, u64)>,
    /// Ended on another ground on this day.
    pub ended_on: Option<NaiveDate>,
}

/// The obligation on one date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Standing {
    pub as_of: NaiveDate,
    pub state: State,
    /// The obligation's first day: the confirmed arrival, else the referral's date.
    pub start: Option<NaiveDate>,
    /// While referred or between periods: the last day to arrive (or register at the centre,
    /// or resume) before the obligation counts as broken.
    pub deadline: Option<NaiveDate>,
    /// When the state began, where the facts tell: broken, fulfilled, paid, ended, or the
    /// deferral's end (awaiting a decision again).
    pub since: Option<NaiveDate>,
    pub term: Term,
    pub term_days: u32,
    pub counted_days: u32,
    /// Days paused by conscript service (the deferral decision or a service period).
    pub paused_days: u32,
    /// `term_days − counted_days`.
    pub remaining_days: u32,
    /// The last day to work at this pace, or the day the term was fulfilled.
    pub ends_on: Option<NaiveDate>,
    /// Tenge the broken obligation owes (its debt, paid or not; `balance` is what is left): 0
    /// unless broken; `None` when broken and the cost is not recorded.
    pub refund_owed: Option<u64>,
    /// What would be owed if the graduate stopped on the as-of date: an estimate, never a
    /// debt; `None` when nothing runs or the cost is not recorded.
    pub refund_if_stopped: Option<u64>,
    /// Payments made up to the as-of date.
    pub paid: u64,
    /// Owed less paid, once broken.
    pub balance: Option<u64>,
    /// The days each period contributed (counted, or paused), in the facts' order; shown
    /// with each period ([`ObligationView`]'s `periods`).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub period_days: Vec<u32>,
}

impl Facts {
    /// The obligation on `as_of`. An end (refund paid in full, another ground) is final: the
    /// figures stay as they were on its day.
    pub fn standing(&self, as_of: NaiveDate) -> Result<Standing, ObligationError> {
        let ended = self.ended_on.map(|on| (on, State::Ended));
        let paid = self.paid_in_full_on()?.map(|on| (on, State::RefundPaid));
        // The first end that has come decides, unless the term was worked off or waived before.
        let first =
            [ended, paid].into_iter().flatten().filter(|(on, _)| *on <= as_of).min_by_key(|(on, _)| *on);
        let Some((on, state)) = first else { return self.running(as_of) };
        let mut s = self.running(on)?;
        if matches!(s.state, State::Fulfilled | State::Exempted) {
            return self.running(as_of);
        }
        s.as_of = as_of;
        s.paid = self.paid_by(as_of);
        // An end on another ground does not wipe a debt that has already arisen: the debt
        // stands as it was that day (work after the end counts for nothing), and payments still
        // go to it.
        if state == State::Ended && s.state.owes() {
            let owed = s.refund_owed;
            (s.state, s.balance) = match owed {
                Some(owed) if s.paid >= owed => (State::RefundPaid, Some(0)),
                Some(owed) if s.paid > 0 => (State::RefundPaidInPart, Some(owed - s.paid)),
                owed => (State::Broken, owed),
            };
            return Ok(s);
        }
        s.state = state;
        s.since = Some(on);
        s.deadline = None;
        s.ends_on = None;
        s.refund_if_stopped = None;
        match state {
            State::RefundPaid => s.balance = Some(0),
            _ => (s.refund_owed, s.balance) = (Some(0), None),
        }
        Ok(s)
    }

    fn paid_by(&self, day: NaiveDate) -> u64 {
        self.payments.iter().filter(|(on, _)| *on <= day).map(|(_, amount)| amount).sum()
    }

    /// The first payment day on which the payments cover what a broken obligation owes.
    fn paid_in_full_on(&self) -> Result<Option<NaiveDate>, ObligationError> {
        let mut days: Vec<NaiveDate> = self.payments.iter().map(|(on, _)| *on).collect();
        days.sort_unstable();
        days.dedup();
        for day in days {
            let s = self.running(day)?;
            if s.state.owes() && s.refund_owed.is_some_and(|owed| self.paid_by(day) >= owed) {
                return Ok(Some(day));
            }
        }
        Ok(None)
    }

    /// The standing without the final ends.
    fn running(&self, as_of: NaiveDate) -> Result<Standing, ObligationError> {
        let Decided::Referral { arrival, deadline, first } = self.decided else {
            return self.before_any_referral(as_of);
        };
        let start = self.arrival.unwrap_or(first);
        let term = Term::new(self.term_years, start, self.share)?;
        let effects: Vec<(Effect, Span)> = self
            .periods
            .iter()
            .map(|p| {
                let effect = match (p.kind, p.counts) {
                    (PeriodKind::Deferral, _) => Effect::Pauses,
                    (_, true) => Effect::Counts,
                    (_, false) => Effect::Nothing,
                };
                (effect, p.span)
            })
            .collect();
        let count = count(start, term.days, &effects, as_of);
        let after = |day: NaiveDate, n: u32| day.checked_add_days(Days::new(n.into()));
        // Before the first day, the referral's own deadline; later, as the gaps say.
        let mut resume_by = Some(deadline);
        let remaining = term.days - count.counted;

        let (state, since, ends_on) = if as_of < start {
            (State::Referred, None, after(start, remaining.saturating_sub(1)))
        } else if let Some(done) = count.completed_on {
            (State::Fulfilled, Some(done), Some(done))
        } else if count.paused_today {
            // The service ends when every pause covering today does; an open one, never yet.
            let covering =
                self.periods.iter().filter(|p| p.kind == PeriodKind::Deferral && p.span.covers(as_of));
            let until = covering
                .map(|p| p.span.to())
                .try_fold(None, |end: Option<NaiveDate>, to| to.map(|to| end.max(Some(to))));
            (State::Deferred, None, until.flatten().and_then(|to| after(to, remaining)))
        } else if let Some(kind) = count.counting_today.iter().map(|&i| self.periods[i].kind).min() {
            // Work sorts before the centre: at work and registered, the graduate is working.
            let state = if kind == PeriodKind::Work { State::Working } else { State::AtCentre };
            (state, None, after(as_of, remaining))
        } else {
            // Nothing holds the obligation today. It breaks once the referral's deadline has
            // passed and the grace after the last period (a new job, the centre, the return from
            // service) has run out; until then the graduate is on their way.
            let left = count.uncovered_since;
            let graced = left.and_then(|l| l.checked_add_days(Days::new(self.gap_grace_days.into())));
            let breach = deadline.succ_opt().max(graced).expect("a deadline inside the calendar");
            if as_of < breach {
                // Sent somewhere they have not yet begun: the first referral, or a new one after
                // the last period ended (a redistribution).
                let awaited = count.counted == 0 || left.is_none_or(|l| arrival >= l);
                let state = if awaited { State::Referred } else { State::Between };
                resume_by = breach.pred_opt();
                (state, left.filter(|_| state == State::Between), None)
            } else {
                (State::Broken, Some(breach), None)
            }
        };
        let if_stopped = self.cost.map(|c| c.refund(self.share, term.days, remaining));
        let (refund_owed, refund_if_stopped) = match state {
            s if s.owes() => (if_stopped, if_stopped),
            s if s.runs() => (Some(0), if_stopped),
            _ => (Some(0), None),
        };
        let paid = self.paid_by(as_of);
        let (state, balance) = match (state, refund_owed) {
            (State::Broken, Some(owed)) if paid > 0 => {
                (State::RefundPaidInPart, Some(owed.saturating_sub(paid)))
            }
            (State::Broken, Some(owed)) => (State::Broken, Some(owed)),
            (state, _) => (state, None),
        };
        Ok(Standing {
            as_of,
            state,
            start: Some(start),
            deadline: resume_by.filter(|_| matches!(state, State::Referred | State::Between)),
            since,
            term,
            term_days: term.days,
            counted_days: count.counted,
            paused_days: count.paused,
            remaining_days: remaining,
            ends_on,
            refund_owed,
            refund_if_stopped,
            paid,
            balance,
            period_days: count.per_period,
        })
    }

    /// No referral: awaiting a decision, exempted, or deferred by the decision itself.
    fn before_any_referral(&self, as_of: NaiveDate) -> Result<Standing, ObligationError> {
        let term = Term::new(self.term_years, self.nominal_start, self.share)?;
        let (state, since, paused) = match self.decided {
            Decided::Exemption => (State::Exempted, None, 0),
            Decided::Deferral(span) => {
                let served = span.to().map_or(as_of, |to| to.min(as_of));
                let paused = u32::try_from((served - span.from()).num_days() + 1).unwrap_or(0);
                match span.to().and_then(|to| to.succ_opt()).filter(|back| *back <= as_of) {
                    Some(back) => (State::AwaitingDecision, Some(back), paused),
                    None => (State::Deferred, None, paused),
                }
            }
            _ if self.covered => (State::AwaitingDecision, None, 0),
            _ => (State::NotCovered, None, 0),
        };
        Ok(Standing {
            as_of,
            state,
            start: None,
            deadline: None,
            since,
            term,
            term_days: term.days,
            counted_days: 0,
            paused_days: paused,
            remaining_days: term.days,
            ends_on: None,
            refund_owed: Some(0),
            refund_if_stopped: None,
            paid: self.paid_by(as_of),
            balance: None,
            period_days: vec![0; self.periods.len()],
        })
    }
}

#[cfg(test)]
mod tests;
