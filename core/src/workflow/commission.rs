//! Setting up the commission's year: the commission, its members, its meetings, and
//! finalising a meeting.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::typed::typed;
use super::{Entity, WorkflowError};
use crate::commission::{Commission, Meeting, Role};
use crate::i18n::Text;
use crate::rules::decision;
use crate::store::{ChangeContext, Store};

/// The commission of a graduation cohort; its name by default is the law's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CommissionRequest {
    pub year: i32,
    pub name: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MemberRequest {
    pub year: i32,
    pub role: Role,
    pub full_name: String,
    pub position: Option<String>,
}

/// A meeting of the cohort's commission; `present` by member id, or everyone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MeetingRequest {
    pub year: i32,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub present: Option<Vec<i64>>,
}

pub fn default_name() -> Text {
    Text::new("Дербес бөлу жөніндегі комиссия", "Комиссия по персональному распределению")
}

/// The cohort's commission, or the error that names the missing step.
pub fn of_year(store: &Store, year: i32) -> Result<Commission, WorkflowError> {
    store.commission(year)?.ok_or(WorkflowError::NoCommission { year })
}

pub fn create_commission(
    store: &mut Store,
    request: &CommissionRequest,
    ctx: &ChangeContext,
) -> Result<Commission, WorkflowError> {
    let year = request.year;
    let name = request.name.clone().unwrap_or_else(default_name);
    let id = store.write(ctx, |tx| {
        if tx.commission(year)?.is_some() {
            return Err(WorkflowError::CommissionExists { year });
        }
        Ok(tx.insert_commission(year, &name)?)
    })?;
    store.commission_by_id(id)?.ok_or(WorkflowError::NotFound { what: Entity::Commission, id })
}

pub fn add_member(
    store: &mut Store,
    request: &MemberRequest,
    ctx: &ChangeContext,
) -> Result<Commission, WorkflowError> {
    let commission = of_year(store, request.year)?;
    let name = typed(Text::new("Аты-жөні", "ФИО"), Some(&request.full_name), true)?.unwrap_or_default();
    let position = typed(Text::new("Лауазымы", "Должность"), request.position.as_deref(), false)?;
    store.write(ctx, |tx| {
        tx.insert_member(commission.id, request.role, name, position).map_err(WorkflowError::from)
    })?;
    of_year(store, request.year)
}

pub fn create_meeting(
    store: &mut Store,
    request: &MeetingRequest,
    ctx: &ChangeContext,
) -> Result<Meeting, WorkflowError> {
    let commission = of_year(store, request.year)?;
    let present = match &request.present {
        None => commission.members.iter().map(|m| m.id).collect(),
        Some(ids) => {
            if let Some(&id) = ids.iter().find(|id| !commission.members.iter().any(|m| m.id == **id)) {
                return Err(WorkflowError::NotAMember { id });
            }
            ids.clone()
        }
    };
    let place = typed(Text::new("Өткізілген орны", "Место проведения"), request.place.as_deref(), false)?;
    store.write(ctx, |tx| Ok(tx.insert_meeting(commission.id, request.held_on, place, &present)?))
}

/// The meeting, or the error naming it.
pub fn meeting(store: &Store, id: i64) -> Result<Meeting, WorkflowError> {
    store.meeting(id)?.ok_or(WorkflowError::NotFound { what: Entity::Meeting, id })
}

/// Locks the meeting: its decisions and protocol never change afterwards, and what it
/// printed (the graduates, the vacancies, the members) is sealed as it is now, so that every
/// reprint shows exactly this.
pub fn finalise(store: &mut Store, meeting_id: i64, ctx: &ChangeContext) -> Result<Meeting, WorkflowError> {
    store.write(ctx, |tx| {
        let meeting = tx
            .meeting(meeting_id)?
            .ok_or(WorkflowError::NotFound { what: Entity::Meeting, id: meeting_id })?;
        let commission = tx
            .commission_by_id(meeting.commission_id)?
            .ok_or(WorkflowError::NotFound { what: Entity::Commission, id: meeting.commission_id })?;
        decision::finalisable(&commission, &meeting, tx.decision_count(meeting_id)?)?;
        let finalised = tx.finalise_meeting(&meeting)?;
        tx.seal_meeting(meeting_id, &tx.printed(meeting_id)?)?;
        Ok(finalised)
    })
}
