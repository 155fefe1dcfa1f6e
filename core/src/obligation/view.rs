//! One graduate's obligation on a date as the card, the command line and the lists show it:
//! the standing, and what every figure was made of (the term's share, each period's days and
//! the rules' verdict on it, payments), with the notes a secretary should act on.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Case, GrantShare, ObligationError, Standing, State};
use crate::commission::DecisionView;
use crate::followup::{Arrival, ObligationEnd, Payment, Period, StudyCost};
use crate::i18n::{Reason, Text};
use crate::rules::{Coverage, Unchecked, WorkVerdict};
use crate::vocabulary::Termed;

/// A period as the obligation reads it: its days and, for work, the rules' verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PeriodView {
    pub period: Period,
    pub counts: bool,
    /// Counted (or, for service, paused) days this period contributed.
    pub days: u32,
    /// Why its days do not count, or why it could not be checked.
    pub reasons: Vec<Reason>,
}

/// The obligation of one graduate on one date, with what it was made of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ObligationView {
    pub graduate_id: i64,
    pub coverage: Coverage,
    pub decision: Option<DecisionView>,
    pub state_label: Text,
    #[serde(flatten)]
    pub standing: Standing,
    pub study_cost: Option<StudyCost>,
    /// The years on the grant as applied, with the normative years used.
    pub share: Option<GrantShare>,
    pub arrival: Option<Arrival>,
    pub periods: Vec<PeriodView>,
    pub payments: Vec<Payment>,
    pub end: Option<ObligationEnd>,
    /// What the commission or the secretary should look at.
    pub notes: Vec<Reason>,
}

impl Case<'_> {
    /// The view on `as_of`; `decision` is the current decision in words (the case's own).
    pub fn view(
        &self,
        graduate_id: i64,
        decision: Option<DecisionView>,
        as_of: NaiveDate,
    ) -> Result<ObligationView, ObligationError> {
        let read = self.read();
        let standing = read.facts.standing(as_of)?;
        let coverage = self.rules.coverage(self.graduate);
        let mut notes = Vec::new();
        if let Coverage::NotCovered(why) = &coverage {
            notes.push(Reason::of(why));
        }
        if let Some(e) = &read.share_error {
            notes.push(Reason::of(e));
        }
        if let Some(review) = decision.as_ref().and_then(|d| d.review.clone()) {
            notes.push(Reason { code: "review".into(), message: review });
        }
        let f = self.followup;
        if f.end.is_some() && standing.state.owes() {
            notes.push(Reason::new(
                "ended_after_breach",
                "Міндеттеме бұзылғаннан кейін өзге негізбен тоқтатылды: пайда болған қарыз сақталады",
                "Прекращено по иному основанию после нарушения: возникший долг сохраняется",
            ));
        }
        if f.study_cost.is_none() && !matches!(standing.state, State::Exempted | State::Fulfilled) {
            notes.push(Reason::new(
                "cost_unknown",
                "Оқу құны енгізілмеген: өтелетін сома есептелмейді",
                "Стоимость обучения не внесена: сумма возмещения не рассчитывается",
            ));
        }
        let periods = f
            .periods
            .iter()
            .zip(read.verdicts)
            .zip(&standing.period_days)
            .map(|((period, verdict), &days)| PeriodView {
                reasons: reasons(&verdict),
                counts: verdict.counts(),
                days,
                period: period.clone(),
            })
            .collect();
        Ok(ObligationView {
            graduate_id,
            coverage,
            decision,
            state_label: standing.state.text(),
            share: read.facts.share,
            study_cost: f.study_cost.clone(),
            arrival: f.arrival.clone(),
            payments: f.payments.clone(),
            end: f.end.clone(),
            periods,
            notes,
            standing,
        })
    }
}

fn reasons(verdict: &WorkVerdict) -> Vec<Reason> {
    match verdict {
        WorkVerdict::Counts => Vec::new(),
        WorkVerdict::DoesNotCount(refusals) => refusals.iter().map(Reason::of).collect(),
        WorkVerdict::Unchecked(Unchecked::PlaceUnknown) => vec![Reason::new(
            "place_unknown",
            "Жұмыс орнының түрі мен өңірі жазылмаған: кезең ережелермен тексерілмей есептелді",
            "Вид и регион места работы не записаны: период засчитан без проверки по правилам",
        )],
        WorkVerdict::Unchecked(Unchecked::NotCovered) => vec![Reason::new(
            "not_covered",
            "Ережелер кестесі түлекті қамтымайды: кезең тексерілмей есептелді",
            "Таблица правил не охватывает выпускника: период засчитан без проверки",
        )],
    }
}
