//! One graduate's facts, read from the records: the current decision, the follow-up, the
//! cohort's settings, and the rules' verdict on each period of work.

use super::{Cost, Decided, Facts, GrantShare, ObligationError, PeriodFact, Span};
use crate::commission::{Decision, Outcome};
use crate::followup::{Activity, FollowUp};
use crate::model::GraduateRecord;
use crate::rules::{CohortSettings, RuleSet, WorkVerdict};

/// What the facts are read from.
pub struct Case<'a> {
    pub graduate: &'a GraduateRecord,
    /// The graduate's own cohort's rules and settings.
    pub rules: &'a RuleSet,
    pub settings: &'a CohortSettings,
    /// The current decision.
    pub decision: Option<&'a Decision>,
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
        let term_years = self
            .decision
            .and_then(|d| d.term_years)
            .or(coverage.covered().map(|c| c.term_years))
            .unwrap_or(self.settings.uncovered_term_years);
        let decided = match self.decision.map(|d| (d, &d.outcome)) {
            None => Decided::Nothing,
            Some((_, Outcome::Vacancy { arrival_date, .. })) => {
                Decided::Referral { arrival: *arrival_date, deadline: self.settings.deadline(*arrival_date) }
            }
            // The centre's registration is due when a referral's arrival would be.
            Some((d, Outcome::EmploymentCentre { .. })) => {
                let arrival = self.settings.default_arrival(d.meeting_date);
                Decided::Referral { arrival, deadline: self.settings.deadline(arrival) }
            }
            Some((_, Outcome::Exemption { .. })) => Decided::Exemption,
            Some((_, Outcome::Deferral { from, to, .. })) => {
                Decided::Deferral(Span::new(*from, *to).unwrap_or_else(|_| Span::ongoing(*from)))
            }
        };
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
            .collect();
        let facts = Facts {
            covered: coverage.covered().is_some(),
            term_years,
            share,
            nominal_start: self.settings.arrival.in_year(self.graduate.graduation_year),
            decided,
            arrival: self.followup.arrival.as_ref().map(|a| a.on),
            periods,
            cost: self.followup.study_cost.as_ref().map(|c| Cost { amount: c.amount, scope: c.scope }),
            payments: self.followup.payments.iter().map(|p| (p.paid_on, p.amount)).collect(),
            ended_on: self.followup.end.as_ref().map(|e| e.on),
        };
        Read { facts, verdicts, share_error }
    }
}
