//! One graduate's facts, read from the records: the current decision, the follow-up, the
//! cohort's settings, and the rules' verdict on each period of work.

use super::{Cost, Decided, Facts, GrantShare, ObligationError, PeriodFact, PeriodKind, Span};
use crate::commission::{Decision, Due, Outcome};
use crate::followup::{Activity, FollowUp};
use crate::model::GraduateRecord;
use crate::rules::{CohortSettings, RuleSet, WorkVerdict};

/// What the facts are read from.
pub struct Case<'a> {
    pub graduate: &'a GraduateRecord,
    /// The graduate's own cohort's rules and settings.
    pub rules: &'a RuleSet,
    pub settings: &'a CohortSettings,
    /// The graduate's decisions, oldest first (the revision chain): the current one decides the
    /// state, the first referral starts the term, earlier deferrals paused it.
    pub decisions: &'a [Decision],
    pub followup: &'a FollowUp,
}

/// The facts, with what was found on the way.
pub struct Read {
    pub facts: Facts,
    /// The rules' verdict on each of the follow-up's periods, in its order.
    pub verdicts: Vec<WorkVerdict>,
    /// The years on the grant do not fit the programme's: the share is left out.
    pub share_error: Option<ObligationError>,
}

impl Case<'_> {
    /// The years on the grant against the normative years (the card's, else the cohort's for
    /// the level).
    fn share(&self) -> Result<Option<GrantShare>, ObligationError> {
        let Some(grant) = &self.graduate.grant else { return Ok(None) };
        let normative =
            grant.normative.unwrap_or_else(|| self.settings.normative_years.of(self.graduate.level));
        GrantShare::new(grant.on_grant, normative).map(Some)
    }

    pub fn read(&self) -> Read {
        let (share, share_error) = match self.share() {
            Ok(share) => (share, None),
            Err(e) => (None, Some(e)),
        };
        let coverage = self.rules.coverage(self.graduate);
        let current = self.decisions.iter().rev().find(|d| d.is_current());
        let term_years = current
            .and_then(|d| d.term_years)
            .or(coverage.covered().map(|c| c.term_years))
            .unwrap_or(self.settings.uncovered_term_years);
        let first = self.decisions.iter().find_map(|d| self.due(d));
        let decided = match current.map(|d| (d, &d.outcome)) {
            None => Decided::Nothing,
            Some((d, Outcome::Vacancy { .. } | Outcome::EmploymentCentre { .. })) => {
                let due = self.due(d).expect("a referral is due");
                let first = first.map_or(due.arrival, |f| f.arrival);
                Decided::Referral { arrival: due.arrival, deadline: due.deadline, first }
            }
            Some((_, Outcome::Exemption { .. })) => Decided::Exemption,
            Some((_, Outcome::Deferral { from, to, .. })) => Decided::Deferral(span(*from, *to)),
        };
        // Deferrals decided earlier in the chain (conscription entered as a revision) paused it.
        let earlier_pauses =
            self.decisions.iter().filter(|d| !d.is_current()).filter_map(|d| match d.outcome {
                Outcome::Deferral { from, to, .. } => {
                    Some(PeriodFact { kind: PeriodKind::Deferral, span: span(from, to), counts: true })
                }
                _ => None,
            });
        let verdicts: Vec<WorkVerdict> = self
            .followup
            .periods
            .iter()
            .map(|p| match &p.activity {
                Activity::Work(_) => self.rules.work_verdict(self.graduate, p.place.as_ref()),
                Activity::Centre | Activity::Deferral => WorkVerdict::Counts,
            })
            .collect();
        let periods = self
            .followup
            .periods
            .iter()
            .zip(&verdicts)
            .map(|(p, verdict)| PeriodFact {
                kind: p.activity.kind(),
                span: p.span,
                counts: verdict.counts(),
            })
            .chain(earlier_pauses)
            .collect();
        let facts = Facts {
            covered: coverage.covered().is_some(),
            term_years,
            share,
            nominal_start: self.settings.arrival.in_year(self.graduate.graduation_year),
            decided,
            arrival: self.followup.arrival.as_ref().map(|a| a.on),
            periods,
            gap_grace_days: self.settings.gap_grace_days,
            cost: self.followup.study_cost.as_ref().map(|c| Cost { amount: c.amount, scope: c.scope }),
            payments: self.followup.payments.iter().map(|p| (p.paid_on, p.amount)).collect(),
            ended_on: self.followup.end.as_ref().map(|e| e.on),
        };
        Read { facts, verdicts, share_error }
    }

    /// A referral's arrival and deadline: as fixed when decided, or (decided before they were
    /// kept) by the cohort's settings.
    fn due(&self, d: &Decision) -> Option<Due> {
        let arrival = match &d.outcome {
            Outcome::Vacancy { arrival_date, .. } => *arrival_date,
            // The centre's registration is due when a referral's arrival would be.
            Outcome::EmploymentCentre { .. } => self.settings.default_arrival(d.meeting_date),
            Outcome::Exemption { .. } | Outcome::Deferral { .. } => return None,
        };
        Some(d.due.unwrap_or(Due { arrival, deadline: self.settings.deadline(arrival) }))
    }
}

/// A deferral's dates; an end before the start (a hand-edited file) as an open deferral.
fn span(from: chrono::NaiveDate, to: Option<chrono::NaiveDate>) -> Span {
    Span::new(from, to).unwrap_or_else(|_| Span::ongoing(from))
}
