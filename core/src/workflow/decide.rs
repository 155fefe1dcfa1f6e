//! The meeting's work: its queue, what the rules allow each graduate, the decision (checked by
//! [`crate::rules::decision`], written in one transaction).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::typed::typed;
use super::{Entity, WorkflowError, commission};
use crate::commission::{Decision, DecisionRequest, DecisionView, Outcome};
use crate::error::Error;
use crate::i18n::{Reason, Text};
use crate::model::{FieldChange, Graduate, Vacancy};
use crate::obligation::State;
use crate::papers::GraduateLine;
use crate::register;
use crate::rules::decision::{self, Case};
use crate::rules::{CohortSettings, Coverage, RuleSet, Score, assess};
use crate::store::{ChangeContext, Db, DecisionStatus, GraduateRow, Store, Tx};

/// The decisions in words, with the vacancies they name read in one query.
pub fn views(db: &Db, decisions: Vec<Decision>) -> Result<Vec<DecisionView>, WorkflowError> {
    let vacancies = db.referred_vacancies(&decisions)?;
    Ok(decisions.into_iter().map(|d| DecisionView::new(d, &vacancies)).collect())
}

/// Takes a decision under the graduate's own cohort's rules, in one transaction: the checks of
/// [`decision::check`] on what is stored at that moment, a referral's place taken atomically (two
/// desks never take the last place twice), a revised decision's place given back.
pub fn decide(
    store: &mut Store,
    request: &DecisionRequest,
    ctx: &ChangeContext,
) -> Result<DecisionView, Error> {
    typed(Text::new("Қайта қарау себебі", "Причина пересмотра"), request.reason.as_deref(), false)?;
    if let Outcome::EmploymentCentre { override_reason, .. } = &request.outcome {
        typed(centre_reason_label(), override_reason.as_deref(), false)?;
    }
    let graduate = graduate(store, request.graduate_id)?;
    let year = graduate.record.graduation_year;
    // Read (and on first use fixed) before the step: they are the cohort's, not the step's.
    let (rules, settings) = (store.rules(year)?, store.cohort_settings(year)?);
    let decision = store.write(ctx, |tx| decide_in(tx, &rules, &settings, &graduate, request))?;
    Ok(views(store, vec![decision])?.remove(0))
}

/// One decision inside a step: the checks of [`decision::check`] on what is stored at that
/// moment, the place taken, the decision written.
fn decide_in(
    tx: &Tx<'_>,
    rules: &RuleSet,
    settings: &CohortSettings,
    graduate: &Graduate,
    request: &DecisionRequest,
) -> Result<Decision, WorkflowError> {
    let meeting = tx
        .meeting(request.meeting_id)?
        .ok_or(WorkflowError::NotFound { what: Entity::Meeting, id: request.meeting_id })?;
    let current = tx.current_decision(graduate.id)?.map(|d| d.id);
    // The revised decision's place comes back first: a revision may keep the same vacancy
    // (a corrected arrival date) even when that was its last place. A refused step rolls
    // this back with the rest.
    if let Some(replaced) = request.revises.filter(|r| Some(*r) == current) {
        tx.release(replaced)?;
    }
    let vacancy = match &request.outcome {
        Outcome::Vacancy { vacancy_id, .. } => tx.vacancy(*vacancy_id)?,
        _ => None,
    };
    let open_allowed = match &request.outcome {
        Outcome::EmploymentCentre { .. } => {
            let year = graduate.record.graduation_year;
            assess(rules, &graduate.record, &tx.open_vacancies_from(year)?)
                .iter()
                .filter(|a| a.allowed())
                .count()
        }
        _ => 0,
    };
    let case = Case {
        graduate: &graduate.record,
        rules,
        settings,
        meeting: &meeting,
        current,
        request,
        vacancy: vacancy.as_ref(),
        open_allowed,
    };
    let verdict = decision::check(&case).map_err(WorkflowError::from)?;
    if let Some(vacancy) = verdict.takes_place
        && !tx.take_place(vacancy)?
    {
        return Err(WorkflowError::from(decision::DecisionError::NoPlacesLeft));
    }
    let reason = request.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    Ok(tx.insert_decision(
        &meeting,
        graduate.id,
        &verdict.outcome,
        verdict.term_years,
        verdict.due,
        request.revises,
        reason,
    )?)
}

fn centre_reason_label() -> Text {
    Text::new("Орталыққа жолдау себебі", "Причина направления в центр")
}

/// The graduates a meeting sends to the employment centre together, each to their own
/// region, with one reason (needed where allowed vacancies still have places).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CentreGroupRequest {
    pub meeting_id: i64,
    pub graduate_ids: Vec<i64>,
    pub reason: Option<String>,
}

/// Sends a group to the employment centre in one transaction: each decision checked as a
/// single one is ([`decide_in`]); one refused refuses all, naming the graduate.
pub fn refer_to_centre(
    store: &mut Store,
    request: &CentreGroupRequest,
    ctx: &ChangeContext,
) -> Result<Vec<DecisionView>, Error> {
    let reason = typed(centre_reason_label(), request.reason.as_deref(), false)?.map(str::to_owned);
    let graduates =
        request.graduate_ids.iter().map(|id| graduate(store, *id)).collect::<Result<Vec<_>, _>>()?;
    // Each graduate is decided under their own cohort's rules, read once per cohort.
    let mut cohorts = HashMap::new();
    for g in &graduates {
        let year = g.record.graduation_year;
        if let std::collections::hash_map::Entry::Vacant(slot) = cohorts.entry(year) {
            slot.insert((store.rules(year)?, store.cohort_settings(year)?));
        }
    }
    let decisions = store.write(ctx, |tx| {
        graduates
            .iter()
            .map(|g| {
                let not_sent =
                    |cause| WorkflowError::NotSent { name: g.record.full_name(), cause: Box::new(cause) };
                let region = g.record.region.ok_or_else(|| not_sent(WorkflowError::NoRegion))?;
                let single = DecisionRequest {
                    meeting_id: request.meeting_id,
                    graduate_id: g.id,
                    outcome: Outcome::EmploymentCentre { region, override_reason: reason.clone() },
                    revises: None,
                    reason: None,
                };
                let (rules, settings) = &cohorts[&g.record.graduation_year];
                decide_in(tx, rules, settings, g, &single).map_err(not_sent)
            })
            .collect::<Result<Vec<_>, _>>()
    })?;
    Ok(views(store, decisions)?)
}

pub fn graduate(db: &Db, id: i64) -> Result<Graduate, WorkflowError> {
    db.graduate(id)?.ok_or(WorkflowError::NotFound { what: Entity::Graduate, id })
}

/// A vacancy weighed for a graduate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Weighed {
    pub vacancy: Vacancy,
    pub score: Score,
    pub reasons: Vec<Reason>,
}

/// What the rules allow a graduate among the vacancies open to them (their cohort's and later
/// cohorts'): the allowed ones best first, the refused ones with every reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Eligibility {
    pub graduate: Graduate,
    pub coverage: Coverage,
    pub allowed: Vec<Weighed>,
    pub refused: Vec<Weighed>,
}

pub fn eligibility(store: &Store, graduate_id: i64) -> Result<Eligibility, Error> {
    let graduate = graduate(store, graduate_id)?;
    let year = graduate.record.graduation_year;
    let rules = store.rules(year)?;
    let open = store.vacancies_from(year)?;
    let (mut allowed, mut refused) = (Vec::new(), Vec::new());
    let by_id: HashMap<i64, &Vacancy> = open.iter().map(|v| (v.id, v)).collect();
    for a in assess(&rules, &graduate.record, &open) {
        let reasons = a.reasons.iter().map(Reason::of).collect();
        let weighed = Weighed { vacancy: by_id[&a.vacancy_id].clone(), score: a.score, reasons };
        match a.allowed() {
            true => allowed.push(weighed),
            false => refused.push(weighed),
        }
    }
    Ok(Eligibility { coverage: rules.coverage(&graduate.record), graduate, allowed, refused })
}

/// One graduate waiting in a meeting's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct QueueRow {
    #[serde(flatten)]
    pub row: GraduateRow,
    /// Why they wait: no decision yet, not covered by the rules table, or back after a
    /// deferral (their current decision must be revised).
    pub state: State,
    /// The decision a new one must revise (the ended deferral, or the decision whose papers
    /// no longer match the lists).
    pub revises: Option<i64>,
    /// What the lists changed since the finalised decision's papers were printed (a name, a
    /// programme, the employer): the commission revises the decision or keeps it.
    pub changed: Vec<FieldChange>,
}

/// The queue of a meeting of cohort `year`: the cohort's graduates without a decision (those
/// no rules row covers marked), graduates of earlier cohorts whose deferral has ended by
/// `today`, whom the commission refers again under their own cohort's rules, and graduates
/// whose finalised papers the lists have since contradicted.
pub fn queue(store: &Store, year: i32, today: NaiveDate) -> Result<Vec<QueueRow>, Error> {
    let rules = store.rules(year)?;
    let mut rows: Vec<QueueRow> = store
        .undecided(year)?
        .iter()
        .map(|g| QueueRow {
            row: GraduateRow::of(g, DecisionStatus::Undecided),
            state: match rules.coverage(&g.record) {
                Coverage::Covered(_) => State::AwaitingDecision,
                Coverage::NotCovered(_) => State::NotCovered,
            },
            revises: None,
            changed: Vec::new(),
        })
        .collect();
    for (g, decision) in store.deferrals_ended(year, today)? {
        rows.push(QueueRow {
            row: GraduateRow::of(&g, DecisionStatus::Deferral),
            state: State::AwaitingDecision,
            revises: Some(decision),
            changed: Vec::new(),
        });
    }
    // A graduate already queued (an ended deferral) is not queued twice.
    let queued: std::collections::HashSet<i64> = rows.iter().map(|r| r.row.id).collect();
    rows.extend(changed_since_printed(store, year)?.into_iter().filter(|r| !queued.contains(&r.row.id)));
    Ok(rows)
}

/// The cohort's graduates whose current decision was finalised with papers the live records
/// now contradict.
fn changed_since_printed(store: &Db, year: i32) -> Result<Vec<QueueRow>, Error> {
    let decisions = store.current_decisions(year)?;
    let vacancies = store.referred_vacancies(&decisions)?;
    let mut seals = HashMap::new();
    let mut rows = Vec::new();
    for d in decisions {
        let seal = match seals.entry(d.meeting_id) {
            std::collections::hash_map::Entry::Occupied(seal) => seal.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(store.sealed_meeting(d.meeting_id)?)
            }
        };
        let (Some((sealed, _)), Some(g)) = (seal.as_ref(), store.graduate(d.graduate_id)?) else { continue };
        let vacancy = match &d.outcome {
            Outcome::Vacancy { vacancy_id, .. } => vacancies.get(vacancy_id),
            _ => None,
        };
        let changed = register::printed_changes(&sealed.printed, d.id, &GraduateLine::of(&g), vacancy);
        if changed.is_empty() {
            continue;
        }
        let status = DecisionStatus::from_code(d.outcome.code()).unwrap_or(DecisionStatus::Undecided);
        rows.push(QueueRow {
            row: GraduateRow::of(&g, status),
            state: State::AwaitingDecision,
            revises: Some(d.id),
            changed,
        });
    }
    Ok(rows)
}

/// What a decision at this meeting takes by default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MeetingDefaults {
    /// A referral's arrival date: the cohort's arrival day in the meeting's year, or the
    /// meeting's day once that has passed.
    pub arrival: NaiveDate,
    /// The last arrival date a referral may name ([`decision::latest_arrival`]).
    pub latest_arrival: NaiveDate,
    /// The first and the last start a deferral may name ([`decision::deferral_starts`]).
    pub deferral_from: (NaiveDate, NaiveDate),
    /// How many years after its start a deferral's end may be.
    pub deferral_years: u32,
}

pub fn meeting_defaults(store: &Store, meeting_id: i64) -> Result<MeetingDefaults, Error> {
    let meeting = commission::meeting(store, meeting_id)?;
    let commission = store
        .commission_by_id(meeting.commission_id)?
        .ok_or(WorkflowError::NotFound { what: Entity::Commission, id: meeting.commission_id })?;
    Ok(MeetingDefaults {
        arrival: store.cohort_settings(commission.year)?.default_arrival(meeting.held_on),
        latest_arrival: decision::latest_arrival(meeting.held_on),
        deferral_from: decision::deferral_starts(meeting.held_on),
        deferral_years: decision::DEFERRAL_YEARS,
    })
}
