//! Arrival, periods, the cost of studies (each answers with the graduate's refreshed file),
//! and the cohort's Excel lists.

use std::path::PathBuf;

use chrono::NaiveDate;
use joldama_core::Lang;
use joldama_core::dossier::{self, GraduateDetail};
use joldama_core::followup::reports::{self, Written};
use joldama_core::followup::stats::PlacementStats;
use joldama_core::followup::{Activity, Arrival, EmployerRef, FollowUpError, PeriodKind, Span, StudyCost};
use joldama_core::ident::Bin;
use joldama_core::store::Store;
use tauri::State;

use crate::desk::{Desk, change, today};
use crate::error::{Answer, AppError};

/// Records a change, then reads the graduate's file again.
async fn then_detail(
    desk: &Desk,
    graduate_id: i64,
    change: impl FnOnce(&mut Store) -> Result<(), AppError> + Send + 'static,
) -> Answer<GraduateDetail> {
    desk.run(move |s| {
        change(s)?;
        Ok::<_, AppError>(dossier::graduate_detail(s, graduate_id, today())?)
    })
    .await
}

#[tauri::command]
pub async fn confirm_arrival(
    desk: State<'_, Desk>,
    graduate_id: i64,
    date: NaiveDate,
    confirmed_by: String,
    note: Option<String>,
) -> Answer<GraduateDetail> {
    let arrival = Arrival { on: date, confirmed_by, note };
    then_detail(&desk, graduate_id, move |s| Ok(s.confirm_arrival(graduate_id, &arrival, &change())?)).await
}

#[tauri::command]
#[allow(clippy::too_many_arguments)] // the period form's fields, as the window sends them
pub async fn add_period(
    desk: State<'_, Desk>,
    graduate_id: i64,
    kind: PeriodKind,
    employer_name: Option<String>,
    employer_bin: Option<String>,
    from: NaiveDate,
    to: Option<NaiveDate>,
    note: Option<String>,
) -> Answer<GraduateDetail> {
    then_detail(&desk, graduate_id, move |s| {
        let activity = match kind {
            PeriodKind::Work => Activity::Work(match employer_bin.filter(|b| !b.trim().is_empty()) {
                Some(bin) => EmployerRef::Bin(Bin::parse(&bin)?),
                None => EmployerRef::Name(employer_name.unwrap_or_default()),
            }),
            PeriodKind::Centre => Activity::Centre,
            PeriodKind::Deferral => Activity::Deferral,
        };
        let span = Span::new(from, to).map_err(FollowUpError::from)?;
        s.add_period(graduate_id, &activity, span, note.as_deref(), &change())?;
        Ok(())
    })
    .await
}

#[tauri::command]
pub async fn end_period(
    desk: State<'_, Desk>,
    graduate_id: i64,
    period_id: i64,
    to: NaiveDate,
) -> Answer<GraduateDetail> {
    then_detail(&desk, graduate_id, move |s| Ok(s.end_period(period_id, to, &change()).map(drop)?)).await
}

#[tauri::command]
pub async fn remove_period(
    desk: State<'_, Desk>,
    graduate_id: i64,
    period_id: i64,
) -> Answer<GraduateDetail> {
    then_detail(&desk, graduate_id, move |s| Ok(s.remove_period(period_id, &change())?)).await
}

#[tauri::command]
pub async fn set_study_cost(
    desk: State<'_, Desk>,
    graduate_id: i64,
    amount: u64,
    basis: Option<String>,
) -> Answer<GraduateDetail> {
    let cost = StudyCost { amount, basis };
    then_detail(&desk, graduate_id, move |s| Ok(s.set_study_cost(graduate_id, &cost, &change())?)).await
}

#[tauri::command]
pub async fn export_financial_centre(
    desk: State<'_, Desk>,
    year: i32,
    lang: Option<Lang>,
    path: PathBuf,
) -> Answer<Written> {
    let lang = lang.unwrap_or_default();
    desk.run(move |s| reports::export_financial_centre(s, year, today(), lang, &path)).await
}

#[tauri::command]
pub async fn placement_stats(desk: State<'_, Desk>, year: i32) -> Answer<PlacementStats> {
    desk.run(move |s| reports::placement(s, year)).await
}

#[tauri::command]
pub async fn export_stats(
    desk: State<'_, Desk>,
    year: i32,
    lang: Option<Lang>,
    path: PathBuf,
) -> Answer<Written> {
    desk.run(move |s| reports::export_stats(s, year, lang.unwrap_or_default(), &path)).await
}
