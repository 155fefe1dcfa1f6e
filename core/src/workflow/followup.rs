//! Following a graduate after the decision: arrival, periods, the cost of the studies, the
//! years on the grant, refund payments, an end on another ground; and the obligation they give,
//! with every figure explained.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::{graduate, views};
use super::{Entity, WorkflowError};
use crate::commission::Outcome;
use crate::error::Error;
use crate::followup::{
    Arrival, FollowUp, FollowUpError, GrantYears, ObligationEnd, Period, Source, StudyCost,
};
use crate::ident::Bin;
use crate::obligation::{Case, CostScope, GrantShare, ObligationView, PeriodKind, Span, Years};
use crate::rules::Place;
use crate::store::{ChangeContext, Db, EmployerId, Store, Tx};

/// The employer's confirmation that the graduate came (or registered at the centre).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ArrivalRequest {
    pub graduate_id: i64,
    pub on: NaiveDate,
    pub confirmed_by: String,
    pub note: Option<String>,
    /// The graduate's records' version the desk read ([`crate::store::Db::graduate_version`]):
    /// refused if someone changed them since. None from a script: not compared.
    #[serde(default)]
    pub seen: Option<i64>,
}

/// A period as a person enters it: work needs its employer (a stored one by BIN, or a name)
/// and its place, unless it is at the employer of the graduate's referral, whose place is known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PeriodRequest {
    pub graduate_id: i64,
    pub kind: PeriodKind,
    pub employer_bin: Option<String>,
    pub employer_name: Option<String>,
    pub place: Option<Place>,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub note: Option<String>,
    /// The graduate's records' version the desk read ([`crate::store::Db::graduate_version`]):
    /// refused if someone changed them since. None from a script: not compared.
    #[serde(default)]
    pub seen: Option<i64>,
}

/// Sets a period's last day (the graduate left, the service ended, the registration stopped).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PeriodEndRequest {
    pub period_id: i64,
    pub to: NaiveDate,
    /// The graduate's records' version the desk read ([`crate::store::Db::graduate_version`]):
    /// refused if someone changed them since. None from a script: not compared.
    #[serde(default)]
    pub seen: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct StudyCostRequest {
    pub graduate_id: i64,
    pub amount: u64,
    pub scope: CostScope,
    pub basis: Option<String>,
    /// The graduate's records' version the desk read ([`crate::store::Db::graduate_version`]):
    /// refused if someone changed them since. None from a script: not compared.
    #[serde(default)]
    pub seen: Option<i64>,
}

/// The years on the grant as the card edits them; none: the whole programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GrantYearsRequest {
    pub graduate_id: i64,
    pub on_grant: Option<Years>,
    pub normative: Option<Years>,
    /// The graduate's records' version the desk read ([`crate::store::Db::graduate_version`]):
    /// refused if someone changed them since. None from a script: not compared.
    #[serde(default)]
    pub seen: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PaymentRequest {
    pub graduate_id: i64,
    pub paid_on: NaiveDate,
    pub amount: u64,
    pub document: String,
    /// The graduate's records' version the desk read ([`crate::store::Db::graduate_version`]):
    /// refused if someone changed them since. None from a script: not compared.
    #[serde(default)]
    pub seen: Option<i64>,
}

/// Records (or, with none, withdraws) the end of the obligation on another ground.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EndRequest {
    pub graduate_id: i64,
    pub end: Option<ObligationEnd>,
    /// The graduate's records' version the desk read ([`crate::store::Db::graduate_version`]):
    /// refused if someone changed them since. None from a script: not compared.
    #[serde(default)]
    pub seen: Option<i64>,
}

fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// Records (or corrects) the arrival on the current referral, and opens the period it starts
/// (work at the referred employer's place, or registration at the centre). The first arrival
/// starts the term and stays: an arrival on a later referral (a redistribution) only opens that
/// referral's period. A corrected date moves the period the arrival opened, and no other.
pub fn record_arrival(
    store: &mut Store,
    request: &ArrivalRequest,
    ctx: &ChangeContext,
) -> Result<FollowUp, Error> {
    let confirmed_by = request.confirmed_by.trim();
    if confirmed_by.is_empty() {
        return Err(FollowUpError::NoDocument.into());
    }
    let today = chrono::Local::now().date_naive();
    if request.on > today {
        return Err(FollowUpError::ArrivalAhead { on: request.on }.into());
    }
    let graduate = graduate(store, request.graduate_id)?;
    let arrival = Arrival {
        on: request.on,
        confirmed_by: confirmed_by.to_owned(),
        note: text(&request.note).map(str::to_owned),
    };
    store.write(ctx, |tx| {
        tx.unchanged_since(graduate.id, request.seen)?;
        let decision = tx.current_decision(graduate.id)?.ok_or(FollowUpError::NotReferred)?;
        if arrival.on < decision.meeting_date {
            return Err(FollowUpError::ArrivalBeforeDecision {
                on: arrival.on,
                decided: decision.meeting_date,
            }
            .into());
        }
        let (kind, employer, place) = match &decision.outcome {
            Outcome::Vacancy { vacancy_id, .. } => {
                let vacancy = tx
                    .vacancy(*vacancy_id)?
                    .ok_or(WorkflowError::NotFound { what: Entity::Vacancy, id: *vacancy_id })?;
                let (id, ..) =
                    tx.employer_by_bin(vacancy.record.employer.bin)?.expect("a vacancy's employer is stored");
                (PeriodKind::Work, Some((id, vacancy.record.employer.bin)), Some(Place::of(&vacancy)))
            }
            Outcome::EmploymentCentre { .. } => (PeriodKind::Centre, None, None),
            _ => return Err(Error::from(FollowUpError::NotReferred)),
        };
        // An arrival before this referral was decided belongs to an earlier one: it stays.
        let first = tx.followup(graduate.id)?.arrival.filter(|a| a.on < decision.meeting_date);
        let old = match first {
            Some(_) => None,
            None => tx.set_arrival(graduate.id, &arrival)?,
        };
        // The period this arrival opened: of this referral's kind and employer, from its date.
        let at_referral = |p: &&Period| {
            p.activity.kind() == kind
                && employer.map(|(_, bin)| bin) == p.activity.employer().and_then(|e| e.bin())
        };
        let followup = tx.followup(graduate.id)?;
        let opened =
            |on: NaiveDate| followup.periods.iter().filter(at_referral).find(|p| p.span.from() == on);
        match (opened(arrival.on), old.as_ref().and_then(|o| opened(o.on))) {
            (Some(_), _) => {}
            (None, Some(p)) => {
                let span = Span::new(arrival.on, p.span.to()).map_err(FollowUpError::from)?;
                tx.set_period_span(graduate.id, p, span)?;
            }
            (None, None) => {
                let employer = employer.map(|(id, _)| EmployerId::Stored(id));
                tx.insert_period(graduate.id, kind, employer, place, Span::ongoing(arrival.on), None)?;
            }
        }
        Ok(tx.followup(graduate.id)?)
    })
}

pub fn add_period(
    store: &mut Store,
    request: &PeriodRequest,
    ctx: &ChangeContext,
) -> Result<FollowUp, Error> {
    let graduate = graduate(store, request.graduate_id)?;
    let span = Span::new(request.from, request.to).map_err(FollowUpError::from)?;
    let bin = text(&request.employer_bin).map(Bin::parse).transpose()?;
    let name = text(&request.employer_name);
    store.write(ctx, |tx| {
        tx.unchanged_since(graduate.id, request.seen)?;
        let first = tx.decisions_of(graduate.id)?.iter().map(|d| d.meeting_date).min();
        if let Some(decided) = first.filter(|decided| span.from() < *decided) {
            return Err(FollowUpError::PeriodBeforeDecision { from: span.from(), decided }.into());
        }
        let (employer, place) = match (request.kind, bin, name) {
            (PeriodKind::Work, None, None) => return Err(Error::from(FollowUpError::EmployerNeeded)),
            (PeriodKind::Work, Some(bin), name) => match tx.employer_by_bin(bin)? {
                Some((id, _, kind)) => {
                    let place = request.place.or(referred_place(tx, graduate.id, bin)?);
                    // The stored employer's kind is what the rules look at.
                    (Some(EmployerId::Stored(id)), place.map(|p| Place { kind, ..p }))
                }
                None => match name {
                    Some(name) => (Some(EmployerId::Named(name)), request.place),
                    None => return Err(FollowUpError::UnknownEmployer { bin }.into()),
                },
            },
            (PeriodKind::Work, None, Some(name)) => (Some(EmployerId::Named(name)), request.place),
            (_, None, None) => (None, None),
            _ => return Err(FollowUpError::EmployerOnlyForWork.into()),
        };
        if request.kind == PeriodKind::Work && place.is_none() {
            return Err(FollowUpError::PlaceNeeded.into());
        }
        tx.insert_period(graduate.id, request.kind, employer, place, span, text(&request.note))?;
        Ok(tx.followup(graduate.id)?)
    })
}

/// The place of the vacancy the graduate was referred to at the employer `bin`, if any.
fn referred_place(tx: &Tx<'_>, graduate_id: i64, bin: Bin) -> Result<Option<Place>, Error> {
    for d in tx.decisions_of(graduate_id)?.iter().rev() {
        if let Outcome::Vacancy { vacancy_id, .. } = d.outcome
            && let Some(v) = tx.vacancy(vacancy_id)?
            && v.record.employer.bin == bin
        {
            return Ok(Some(Place::of(&v)));
        }
    }
    Ok(None)
}

/// The graduate whose period it is, after setting its last day.
pub fn end_period(
    store: &mut Store,
    request: &PeriodEndRequest,
    ctx: &ChangeContext,
) -> Result<(i64, FollowUp), Error> {
    store.write(ctx, |tx| {
        let (graduate_id, old) = tx
            .period(request.period_id)?
            .ok_or(WorkflowError::NotFound { what: Entity::Period, id: request.period_id })?;
        tx.unchanged_since(graduate_id, request.seen)?;
        let span = Span::new(old.span.from(), Some(request.to)).map_err(FollowUpError::from)?;
        tx.set_period_span(graduate_id, &old, span)?;
        Ok((graduate_id, tx.followup(graduate_id)?))
    })
}

/// Deletes a period entered by mistake (the audit keeps it); answers whose it was.
pub fn remove_period(
    store: &mut Store,
    period_id: i64,
    ctx: &ChangeContext,
) -> Result<(i64, FollowUp), Error> {
    store.write(ctx, |tx| {
        let (graduate_id, old) =
            tx.period(period_id)?.ok_or(WorkflowError::NotFound { what: Entity::Period, id: period_id })?;
        tx.delete_period(graduate_id, &old)?;
        Ok((graduate_id, tx.followup(graduate_id)?))
    })
}

pub fn set_study_cost(
    store: &mut Store,
    request: &StudyCostRequest,
    ctx: &ChangeContext,
) -> Result<FollowUp, Error> {
    let graduate = graduate(store, request.graduate_id)?;
    checked_amount(request.amount)?;
    let cost = StudyCost {
        amount: request.amount,
        scope: request.scope,
        basis: text(&request.basis).map(str::to_owned),
    };
    store.write(ctx, |tx| {
        tx.unchanged_since(graduate.id, request.seen)?;
        tx.set_study_cost(graduate.id, &cost)?;
        Ok(tx.followup(graduate.id)?)
    })
}

fn checked_amount(amount: u64) -> Result<(), FollowUpError> {
    match amount {
        0 => Err(FollowUpError::ZeroAmount),
        a if i64::try_from(a).is_err() => Err(FollowUpError::AmountTooLarge { amount: a }),
        _ => Ok(()),
    }
}

/// Sets the years on the grant from the card, checked against the normative years (the
/// card's, else the cohort's for the level).
pub fn set_grant_years(
    store: &mut Store,
    request: &GrantYearsRequest,
    ctx: &ChangeContext,
) -> Result<FollowUp, Error> {
    let graduate = graduate(store, request.graduate_id)?;
    let settings = store.cohort_settings(graduate.record.graduation_year)?;
    let grant = match request.on_grant {
        None => None,
        Some(on_grant) => {
            let normative =
                request.normative.unwrap_or_else(|| settings.normative_years.of(graduate.record.level));
            GrantShare::new(on_grant, normative).map_err(FollowUpError::from)?;
            Some(GrantYears { on_grant, normative: request.normative, source: Source::Card })
        }
    };
    store.write(ctx, |tx| {
        tx.unchanged_since(graduate.id, request.seen)?;
        tx.set_grant_years(graduate.id, grant.as_ref())?;
        Ok(tx.followup(graduate.id)?)
    })
}

/// Records a refund payment: only while a refund is owed on its date, and never above what
/// is left of it.
pub fn record_payment(
    store: &mut Store,
    request: &PaymentRequest,
    ctx: &ChangeContext,
) -> Result<FollowUp, Error> {
    checked_amount(request.amount)?;
    let document = request.document.trim();
    if document.is_empty() {
        return Err(FollowUpError::NoDocument.into());
    }
    if request.paid_on > chrono::Local::now().date_naive() {
        return Err(FollowUpError::PaymentAhead { on: request.paid_on }.into());
    }
    let graduate = graduate(store, request.graduate_id)?;
    store.write(ctx, |tx| {
        tx.unchanged_since(graduate.id, request.seen)?;
        // Read inside the step: a payment another desk recorded meanwhile counts, and so do
        // payments dated after this one (a late entry never pays more than is owed).
        let standing = obligation(tx, graduate.id, request.paid_on)?.standing;
        let paid: u64 = tx.followup(graduate.id)?.payments.iter().map(|p| p.amount).sum();
        let balance = match (standing.state.owes(), standing.refund_owed) {
            (true, Some(owed)) => owed.saturating_sub(paid),
            (true, None) => return Err(FollowUpError::CostUnknown.into()),
            _ => return Err(FollowUpError::NothingOwed { on: request.paid_on, state: standing.state }.into()),
        };
        if request.amount > balance {
            return Err(FollowUpError::AboveBalance { amount: request.amount, balance }.into());
        }
        tx.insert_payment(graduate.id, request.paid_on, request.amount, document)?;
        Ok(tx.followup(graduate.id)?)
    })
}

/// Deletes a payment entered by mistake (the audit keeps it); answers whose it was.
pub fn remove_payment(
    store: &mut Store,
    payment_id: i64,
    ctx: &ChangeContext,
) -> Result<(i64, FollowUp), Error> {
    store.write(ctx, |tx| {
        let (graduate_id, old) = tx
            .payment(payment_id)?
            .ok_or(WorkflowError::NotFound { what: Entity::Payment, id: payment_id })?;
        tx.delete_payment(graduate_id, &old)?;
        Ok((graduate_id, tx.followup(graduate_id)?))
    })
}

pub fn record_end(store: &mut Store, request: &EndRequest, ctx: &ChangeContext) -> Result<FollowUp, Error> {
    let graduate = graduate(store, request.graduate_id)?;
    let end = match &request.end {
        Some(end) if end.document.trim().is_empty() => return Err(FollowUpError::NoDocument.into()),
        Some(end) => Some(ObligationEnd {
            document: end.document.trim().to_owned(),
            note: text(&end.note).map(str::to_owned),
            ..end.clone()
        }),
        None => None,
    };
    store.write(ctx, |tx| {
        tx.unchanged_since(graduate.id, request.seen)?;
        tx.set_obligation_end(graduate.id, end.as_ref())?;
        Ok(tx.followup(graduate.id)?)
    })
}

/// The obligation on `as_of` under the graduate's own cohort's rules.
pub fn obligation(db: &Db, graduate_id: i64, as_of: NaiveDate) -> Result<ObligationView, Error> {
    let graduate = graduate(db, graduate_id)?;
    let year = graduate.record.graduation_year;
    let (rules, settings) = (db.rules(year)?, db.cohort_settings(year)?);
    let followup = db.followup(graduate_id)?;
    let decisions = db.decisions_of(graduate_id)?;
    let current = match decisions.iter().find(|d| d.is_current()) {
        Some(d) => views(db, vec![d.clone()])?.pop(),
        None => None,
    };
    let case = Case {
        graduate: &graduate.record,
        rules: &rules,
        settings: &settings,
        decisions: &decisions,
        followup: &followup,
    };
    Ok(case.view(graduate.id, current, as_of).map_err(FollowUpError::from)?)
}
