//! A meeting's papers and protocol as PDF, beside the database.

use std::path::PathBuf;

use joldama_core::Lang;
use joldama_core::papers::{FileNames, Output};
use joldama_core::workflow::papers;
use joldama_core::workflow::signing::{self, SignRequest, SignedPaper};
use joldama_core::workflow::verify::{self, Checked, Shown};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::desk::{Desk, beside, blocking, change, today};
use crate::error::Answer;

/// What a print wrote.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PapersResult {
    pub folder: PathBuf,
    pub files: Vec<PathBuf>,
}

#[tauri::command]
pub async fn print_papers(
    app: AppHandle,
    desk: State<'_, Desk>,
    meeting_id: i64,
    lang: Lang,
    combined: bool,
    file_names: Option<FileNames>,
    task: String,
) -> Answer<PapersResult> {
    desk.run_task(&app, &task, move |s, watch| {
        let folder = beside(s, "papers").join(format!("meeting-{meeting_id}-{}", lang.code()));
        let file = folder.join(format!("meeting-{meeting_id}-{}.pdf", lang.code()));
        let names = file_names.unwrap_or_default();
        let output = if combined { Output::Combined(&file) } else { Output::Folder(&folder, names) };
        let files = papers::print_meeting(s, meeting_id, lang, None, output, &change(), watch)?;
        Ok::<_, joldama_core::Error>(PapersResult { folder, files })
    })
    .await
}

#[tauri::command]
pub async fn print_protocol(desk: State<'_, Desk>, meeting_id: i64, lang: Lang) -> Answer<PathBuf> {
    desk.run(move |s| {
        let file = beside(s, "papers").join(format!("meeting-{meeting_id}-protocol-{}.pdf", lang.code()));
        papers::print_protocol(s, meeting_id, lang, &file)
    })
    .await
}

/// The year's register of issued papers on today's date, beside the database: a PDF, or an
/// Excel workbook when `xlsx`.
#[tauri::command]
pub async fn print_register(desk: State<'_, Desk>, year: i32, lang: Lang, xlsx: bool) -> Answer<PathBuf> {
    desk.run(move |s| {
        let extension = if xlsx { "xlsx" } else { "pdf" };
        let file = beside(s, "papers").join(format!("issued-{year}-{}.{extension}", lang.code()));
        if xlsx {
            papers::export_register(s, year, lang, today(), &file)
        } else {
            papers::print_register(s, year, lang, today(), &file)
        }
    })
    .await
}

/// Signs a PDF with a member's key file; the password is used and dropped.
#[tauri::command]
pub async fn sign_paper(request: SignRequest) -> Answer<SignedPaper> {
    blocking(move || signing::sign_paper(&request, chrono::Local::now().naive_local())).await
}

/// Checks a paper from its QR code's text or a PNG scan of it, against the register.
#[tauri::command]
pub async fn verify_paper(
    desk: State<'_, Desk>,
    text: Option<String>,
    image: Option<PathBuf>,
) -> Answer<Checked> {
    desk.run(move |s| match &image {
        Some(path) => verify::check(Some(s), None, Shown::Scan(path)),
        None => verify::check(Some(s), None, Shown::Text(text.as_deref().unwrap_or_default())),
    })
    .await
}

/// A graduate's calculation sheet on today's date, beside the database.
#[tauri::command]
pub async fn print_calculation(desk: State<'_, Desk>, graduate_id: i64, lang: Lang) -> Answer<PathBuf> {
    desk.run(move |s| {
        let file = beside(s, "papers").join(format!("calculation-{graduate_id}-{}.pdf", lang.code()));
        papers::print_calculation(s, graduate_id, today(), lang, &change().actor, &file)
    })
    .await
}
