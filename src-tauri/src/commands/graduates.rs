//! The graduates' table, a graduate's file, and the import wizard for graduate lists and
//! their applications lists.

use std::path::PathBuf;

use joldama_core::import::{Choice, ColumnMapping, ImportPreview, ImportReport, SheetChoice};
use joldama_core::store::{GraduatePage, GraduateQuery, ProgrammeOption};
use joldama_core::workflow::dossier::{self, GraduateDetail};
use joldama_core::workflow::import;
use tauri::{AppHandle, State};

use crate::desk::{Desk, import_options, today};
use crate::error::Answer;

#[tauri::command]
pub async fn graduates_page(desk: State<'_, Desk>, query: GraduateQuery) -> Answer<GraduatePage> {
    desk.run(move |s| s.graduates_page(&query)).await
}

#[tauri::command]
pub async fn programmes(desk: State<'_, Desk>, year: Option<i32>) -> Answer<Vec<ProgrammeOption>> {
    desk.run(move |s| s.programmes(year)).await
}

#[tauri::command]
pub async fn graduate_detail(desk: State<'_, Desk>, graduate_id: i64) -> Answer<GraduateDetail> {
    desk.run(move |s| dossier::graduate_detail(s, graduate_id, today())).await
}

#[tauri::command]
pub async fn preview_graduates(
    desk: State<'_, Desk>,
    path: PathBuf,
    year: Option<i32>,
    sheet: Option<String>,
    mapping: Option<ColumnMapping>,
) -> Answer<ImportPreview> {
    desk.run(move |s| {
        let sheet = sheet.map(SheetChoice::Name);
        import::preview_graduates(
            s,
            &path,
            year,
            Choice { sheet: sheet.as_ref(), mapping: mapping.as_ref(), ..Choice::default() },
        )
    })
    .await
}

#[tauri::command]
pub async fn import_graduates(
    app: AppHandle,
    desk: State<'_, Desk>,
    path: PathBuf,
    year: Option<i32>,
    sheet: Option<String>,
    mapping: Option<ColumnMapping>,
    task: String,
) -> Answer<ImportReport> {
    desk.run_task(&app, &task, move |s, watch| {
        let options = import_options(year, sheet, mapping, watch);
        import::graduates(s, &path, &options)
    })
    .await
}

/// An applications list of cohort `year` as the wizard previews it.
#[tauri::command]
pub async fn preview_applications(
    desk: State<'_, Desk>,
    path: PathBuf,
    year: i32,
    sheet: Option<String>,
    mapping: Option<ColumnMapping>,
) -> Answer<ImportPreview> {
    desk.run(move |s| {
        let sheet = sheet.map(SheetChoice::Name);
        let choice = Choice { sheet: sheet.as_ref(), mapping: mapping.as_ref(), ..Choice::default() };
        import::preview_applications(s, &path, year, choice)
    })
    .await
}

#[tauri::command]
pub async fn import_applications(
    app: AppHandle,
    desk: State<'_, Desk>,
    path: PathBuf,
    year: i32,
    sheet: Option<String>,
    mapping: Option<ColumnMapping>,
    task: String,
) -> Answer<ImportReport> {
    desk.run_task(&app, &task, move |s, watch| {
        let options = import_options(Some(year), sheet, mapping, watch);
        import::applications(s, &path, year, &options)
    })
    .await
}
