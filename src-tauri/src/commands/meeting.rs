//! Meetings, the queue, what the rules allow, decisions and the cohort suggestion.

use chrono::NaiveDate;
use joldama_core::commission::{DecisionRequest, Entity, Meeting, WorkflowError};
use joldama_core::dossier::{self, DecisionView, DeferralChoice, Eligibility, GroundChoice};
use joldama_core::store::GraduateRow;
use joldama_core::suggest::{self, Suggestion};
use tauri::{AppHandle, State};

use crate::desk::{Desk, change};
use crate::error::{Answer, AppError};

#[tauri::command]
pub async fn meetings(desk: State<'_, Desk>, year: i32) -> Answer<Vec<Meeting>> {
    desk.run(move |s| match s.commission(year)? {
        Some(c) => s.meetings(c.id),
        None => Ok(Vec::new()),
    })
    .await
}

#[tauri::command]
pub async fn create_meeting(
    desk: State<'_, Desk>,
    year: i32,
    held_on: NaiveDate,
    place: Option<String>,
    present: Vec<i64>,
) -> Answer<Meeting> {
    desk.run(move |s| {
        let commission = s.commission(year)?.ok_or(WorkflowError::NoCommission { year })?;
        Ok::<_, AppError>(s.create_meeting(commission.id, held_on, place.as_deref(), &present, &change())?)
    })
    .await
}

#[tauri::command]
pub async fn finalise_meeting(desk: State<'_, Desk>, meeting_id: i64) -> Answer<Meeting> {
    desk.run(move |s| s.finalise_meeting(meeting_id, &change())).await
}

#[tauri::command]
pub async fn undecided(desk: State<'_, Desk>, year: i32) -> Answer<Vec<GraduateRow>> {
    desk.run(move |s| dossier::queue(s, year)).await
}

#[tauri::command]
pub async fn eligibility(desk: State<'_, Desk>, graduate_id: i64) -> Answer<Eligibility> {
    desk.run(move |s| {
        let graduate = s
            .graduate(graduate_id)?
            .ok_or(WorkflowError::NotFound { what: Entity::Graduate, id: graduate_id })?;
        Ok::<_, AppError>(dossier::eligibility(s, graduate)?)
    })
    .await
}

#[tauri::command]
pub async fn decide(desk: State<'_, Desk>, request: DecisionRequest) -> Answer<DecisionView> {
    desk.run(move |s| dossier::decide(s, &request, &change())).await
}

#[tauri::command]
pub fn exemption_grounds() -> Vec<GroundChoice> {
    dossier::exemption_grounds()
}

#[tauri::command]
pub fn deferral_reasons() -> Vec<DeferralChoice> {
    dossier::deferral_reasons()
}

#[tauri::command]
pub async fn suggest(desk: State<'_, Desk>, year: i32) -> Answer<Vec<Suggestion>> {
    desk.run(move |s| {
        let rules = s.rules(year)?;
        s.suggest(year, &rules)
    })
    .await
}

#[tauri::command]
pub async fn accept_suggestions(
    app: AppHandle,
    desk: State<'_, Desk>,
    meeting_id: i64,
    task: String,
) -> Answer<usize> {
    desk.run_task(&app, &task, move |s, watch| {
        suggest::accept(s, meeting_id, None, &change(), watch).map(|taken| taken.len())
    })
    .await
}
