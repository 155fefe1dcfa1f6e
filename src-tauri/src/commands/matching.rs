//! The cohort's matching: both modes side by side, why a graduate got what they got, their
//! application, an employer's refusal, the commission's priority order, and the suggestion
//! taken as referrals.

use std::path::PathBuf;

use chrono::NaiveDate;
use joldama_core::matching::{Explanation, Mode, Priority, QueuePlace, Suggestion};
use joldama_core::workflow::matching::{
    self, ApplicationRequest, ApplicationView, RefusalRequest, Simulation,
};
use joldama_core::{Lang, Text};
use tauri::{AppHandle, State};

use crate::desk::{Desk, beside, change, today};
use crate::error::Answer;

#[tauri::command]
pub async fn suggest(desk: State<'_, Desk>, year: i32, mode: Mode) -> Answer<Vec<Suggestion>> {
    desk.run(move |s| matching::suggest(s, year, mode)).await
}

#[tauri::command]
pub async fn simulate(desk: State<'_, Desk>, year: i32) -> Answer<Simulation> {
    desk.run(move |s| matching::simulate(s, year)).await
}

#[tauri::command]
pub async fn explain(desk: State<'_, Desk>, graduate_id: i64, mode: Mode) -> Answer<Explanation> {
    desk.run(move |s| matching::explain(s, graduate_id, mode)).await
}

#[tauri::command]
pub async fn standing(desk: State<'_, Desk>, graduate_id: i64) -> Answer<Option<QueuePlace>> {
    desk.run(move |s| matching::standing(s, graduate_id)).await
}

#[tauri::command]
pub async fn application(desk: State<'_, Desk>, graduate_id: i64) -> Answer<ApplicationView> {
    desk.run(move |s| matching::application(s, graduate_id)).await
}

#[tauri::command]
pub async fn set_application(desk: State<'_, Desk>, request: ApplicationRequest) -> Answer<ApplicationView> {
    desk.run(move |s| matching::set_application(s, &request, &change())).await
}

#[tauri::command]
pub async fn set_unacceptable(desk: State<'_, Desk>, request: RefusalRequest) -> Answer<()> {
    desk.run(move |s| matching::set_unacceptable(s, &request, &change())).await
}

#[tauri::command]
pub async fn priority(desk: State<'_, Desk>, cohort: i32) -> Answer<Priority> {
    desk.run(move |s| s.priority(cohort)).await
}

/// An order in words as the core says it, for the editor's preview of one not yet saved.
#[tauri::command]
pub fn describe_priority(priority: Priority) -> Text {
    priority.describe()
}

#[tauri::command]
pub async fn save_priority(desk: State<'_, Desk>, cohort: i32, priority: Priority) -> Answer<Priority> {
    desk.run(move |s| {
        s.save_priority(cohort, &priority, &change())?;
        s.priority(cohort)
    })
    .await
}

/// The draft distribution in `mode`, written beside the database (as the register is): a PDF,
/// or its list as an Excel workbook when `xlsx`.
#[tauri::command]
pub async fn print_draft(
    desk: State<'_, Desk>,
    year: i32,
    mode: Mode,
    lang: Lang,
    xlsx: bool,
) -> Answer<PathBuf> {
    desk.run(move |s| {
        let extension = if xlsx { "xlsx" } else { "pdf" };
        let file =
            beside(s, "papers").join(format!("draft-{year}-{}-{}.{extension}", mode.code(), lang.code()));
        if xlsx {
            matching::export_draft(s, year, mode, lang, today(), &file)
        } else {
            matching::print_draft(s, year, mode, lang, today(), &file)
        }
    })
    .await
}

#[tauri::command]
pub async fn accept_suggestions(
    app: AppHandle,
    desk: State<'_, Desk>,
    meeting_id: i64,
    mode: Mode,
    arrival: Option<NaiveDate>,
    picks: Vec<(i64, i64)>,
    task: String,
) -> Answer<usize> {
    desk.run_task(&app, &task, move |s, watch| {
        matching::accept(s, meeting_id, mode, arrival, Some(&picks), &change(), watch)
            .map(|taken| taken.len())
    })
    .await
}
