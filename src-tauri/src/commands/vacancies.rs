//! Employers' requests: the list, the import wizard, and one entered by hand.

use std::path::PathBuf;

use joldama_core::import::{Choice, ColumnMapping, ImportPreview, ImportReport, SheetChoice};
use joldama_core::model::{Vacancy, VacancyRecord};
use joldama_core::workflow::import;
use tauri::{AppHandle, State};

use crate::desk::{Desk, change, import_options};
use crate::error::Answer;

#[tauri::command]
pub async fn vacancies(desk: State<'_, Desk>, year: i32) -> Answer<Vec<Vacancy>> {
    desk.run(move |s| s.vacancies_of(year)).await
}

#[tauri::command]
pub async fn preview_vacancies(
    desk: State<'_, Desk>,
    path: PathBuf,
    year: i32,
    sheet: Option<String>,
    mapping: Option<ColumnMapping>,
) -> Answer<ImportPreview> {
    desk.run(move |s| {
        let sheet = sheet.map(SheetChoice::Name);
        import::preview_vacancies(
            s,
            &path,
            year,
            Choice { sheet: sheet.as_ref(), mapping: mapping.as_ref(), ..Choice::default() },
        )
    })
    .await
}

#[tauri::command]
pub async fn import_vacancies(
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
        import::vacancies(s, &path, year, &options)
    })
    .await
}

#[tauri::command]
pub async fn add_vacancy(desk: State<'_, Desk>, record: VacancyRecord) -> Answer<Vacancy> {
    desk.run(move |s| import::add_vacancy(s, &record, &change())).await
}
