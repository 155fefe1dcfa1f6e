//! Employers' requests: the list, the import wizard, and one entered by hand.

use std::path::PathBuf;

use joldama_core::import::{self, ColumnMapping, ImportOptions, ImportPreview, ImportReport};
use joldama_core::model::{Vacancy, VacancyRecord};
use tauri::{AppHandle, State};

use crate::desk::{Desk, blocking, change};
use crate::error::Answer;

#[tauri::command]
pub async fn vacancies(desk: State<'_, Desk>, year: i32) -> Answer<Vec<Vacancy>> {
    desk.run(move |s| s.vacancies_of(year)).await
}

#[tauri::command]
pub async fn preview_vacancies(
    path: PathBuf,
    year: i32,
    mapping: Option<ColumnMapping>,
) -> Answer<ImportPreview> {
    blocking(move || import::vacancies::preview(&path, year, mapping.as_ref()).map(|p| p.view(&path))).await
}

#[tauri::command]
pub async fn import_vacancies(
    app: AppHandle,
    desk: State<'_, Desk>,
    path: PathBuf,
    year: i32,
    mapping: Option<ColumnMapping>,
    task: String,
) -> Answer<ImportReport> {
    desk.run_task(&app, &task, move |s, watch| {
        let options = ImportOptions {
            year: Some(year),
            mapping,
            watch: watch.clone(),
            actor: change().actor,
            dry_run: false,
        };
        joldama_core::workflow::import::vacancies(s, &path, year, &options)
    })
    .await
}

#[tauri::command]
pub async fn add_vacancy(desk: State<'_, Desk>, record: VacancyRecord) -> Answer<Vacancy> {
    desk.run(move |s| s.add_vacancy(&record, &change())).await
}
