//! Meetings, the queue, what the rules allow, and decisions.

use joldama_core::commission::{DecisionRequest, DecisionView, Meeting};
use joldama_core::workflow::commission::{self, MeetingRequest};
use joldama_core::workflow::decide::{self, CentreGroupRequest, Eligibility, MeetingDefaults, QueueRow};
use joldama_core::workflow::dossier::{self, DeferralChoice, EndChoice, GroundChoice};
use tauri::State;

use crate::desk::{Desk, change, today};
use crate::error::Answer;

#[tauri::command]
pub async fn meetings(desk: State<'_, Desk>, year: i32) -> Answer<Vec<Meeting>> {
    desk.run(move |s| match s.commission(year)? {
        Some(c) => s.meetings(c.id),
        None => Ok(Vec::new()),
    })
    .await
}

#[tauri::command]
pub async fn create_meeting(desk: State<'_, Desk>, request: MeetingRequest) -> Answer<Meeting> {
    desk.run(move |s| commission::create_meeting(s, &request, &change())).await
}

#[tauri::command]
pub async fn finalise_meeting(desk: State<'_, Desk>, meeting_id: i64) -> Answer<Meeting> {
    desk.run(move |s| commission::finalise(s, meeting_id, &change())).await
}

#[tauri::command]
pub async fn meeting_defaults(desk: State<'_, Desk>, meeting_id: i64) -> Answer<MeetingDefaults> {
    desk.run(move |s| decide::meeting_defaults(s, meeting_id)).await
}

#[tauri::command]
pub async fn undecided(desk: State<'_, Desk>, year: i32) -> Answer<Vec<QueueRow>> {
    desk.run(move |s| decide::queue(s, year, today())).await
}

#[tauri::command]
pub async fn eligibility(desk: State<'_, Desk>, graduate_id: i64) -> Answer<Eligibility> {
    desk.run(move |s| decide::eligibility(s, graduate_id)).await
}

#[tauri::command]
pub async fn decide(desk: State<'_, Desk>, request: DecisionRequest) -> Answer<DecisionView> {
    desk.run(move |s| decide::decide(s, &request, &change())).await
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
pub fn end_grounds() -> Vec<EndChoice> {
    dossier::end_grounds()
}

#[tauri::command]
pub async fn refer_to_centre(
    desk: State<'_, Desk>,
    request: CentreGroupRequest,
) -> Answer<Vec<DecisionView>> {
    desk.run(move |s| decide::refer_to_centre(s, &request, &change())).await
}
