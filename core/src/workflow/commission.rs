//! Setting up the commission's year: the commission, its members, its meetings, and
//! finalising a meeting.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::typed::typed;
use super::{Entity, WorkflowError};
use crate::commission::{Commission, Meeting, Member, MemberError, Role};
use crate::i18n::Text;
use crate::rules::decision;
use crate::store::{ChangeContext, Db, Store};

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

/// A member's role, name and position after an edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MemberEdit {
    pub member_id: i64,
    pub role: Role,
    pub full_name: String,
    pub position: Option<String>,
}

/// The commission of one cohort copied, with its members, to another: a commission set up
/// for the wrong year, or last year's again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CommissionCopy {
    pub from_year: i32,
    pub to_year: i32,
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
pub fn of_year(store: &Db, year: i32) -> Result<Commission, WorkflowError> {
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

/// Copies a commission and its members to another cohort. The other cohort may already have
/// a commission without members (created and left empty); one with members is refused.
pub fn copy_commission(
    store: &mut Store,
    request: &CommissionCopy,
    ctx: &ChangeContext,
) -> Result<Commission, WorkflowError> {
    let source = of_year(store, request.from_year)?;
    let to_year = request.to_year;
    let id = store.write(ctx, |tx| {
        let id = match tx.commission(to_year)? {
            Some(target) if !target.members.is_empty() || to_year == source.year => {
                return Err(WorkflowError::CommissionExists { year: to_year });
            }
            Some(target) => target.id,
            None => tx.insert_commission(to_year, &source.name)?,
        };
        for m in &source.members {
            tx.insert_member(id, m.role, &m.full_name, m.position.as_deref())?;
        }
        Ok(id)
    })?;
    store.commission_by_id(id)?.ok_or(WorkflowError::NotFound { what: Entity::Commission, id })
}

/// A member's name and position as typed, checked as a list's cells are.
fn typed_member(full_name: &str, position: Option<&str>) -> Result<(String, Option<String>), WorkflowError> {
    let name = typed(Text::new("Аты-жөні", "ФИО"), Some(full_name), true)?.unwrap_or_default();
    let position = typed(Text::new("Лауазымы", "Должность"), position, false)?;
    Ok((name.to_owned(), position.map(str::to_owned)))
}

pub fn add_member(
    store: &mut Store,
    request: &MemberRequest,
    ctx: &ChangeContext,
) -> Result<Commission, WorkflowError> {
    let (name, position) = typed_member(&request.full_name, request.position.as_deref())?;
    // Checked inside the step: another desk's member added meanwhile counts.
    store.write(ctx, |tx| {
        let commission = of_year(tx, request.year)?;
        commission.check_member(None, request.role, &name)?;
        tx.insert_member(commission.id, request.role, &name, position.as_deref()).map_err(WorkflowError::from)
    })?;
    of_year(store, request.year)
}

/// The member and their commission, unless a finalised protocol names them.
fn changeable_member(store: &Db, member_id: i64) -> Result<(Commission, Member), WorkflowError> {
    let not_found = WorkflowError::NotFound { what: Entity::Member, id: member_id };
    let (commission_id, member) = store.member(member_id)?.ok_or(not_found)?;
    if let Some(number) = store.member_sealed_by(member_id)? {
        return Err(MemberError::Sealed { name: member.full_name, number }.into());
    }
    let commission = store
        .commission_by_id(commission_id)?
        .ok_or(WorkflowError::NotFound { what: Entity::Commission, id: commission_id })?;
    Ok((commission, member))
}

/// Changes a member's role, name or position while no finalised protocol names them.
pub fn edit_member(
    store: &mut Store,
    request: &MemberEdit,
    ctx: &ChangeContext,
) -> Result<Commission, WorkflowError> {
    let (full_name, position) = typed_member(&request.full_name, request.position.as_deref())?;
    // Read and checked inside the step: a protocol finalised or a role given meanwhile counts.
    let year = store.write(ctx, |tx| {
        let (commission, old) = changeable_member(tx, request.member_id)?;
        commission.check_member(Some(old.id), request.role, &full_name)?;
        let new = Member {
            id: old.id,
            role: request.role,
            full_name: full_name.clone(),
            position: position.clone(),
        };
        tx.update_member(&old, &new)?;
        Ok::<_, WorkflowError>(commission.year)
    })?;
    of_year(store, year)
}

/// Removes a member while no finalised protocol names them; the meetings still open forget
/// their presence.
pub fn remove_member(
    store: &mut Store,
    member_id: i64,
    ctx: &ChangeContext,
) -> Result<Commission, WorkflowError> {
    let year = store.write(ctx, |tx| {
        let (commission, member) = changeable_member(tx, member_id)?;
        tx.delete_member(&member)?;
        Ok::<_, WorkflowError>(commission.year)
    })?;
    of_year(store, year)
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
