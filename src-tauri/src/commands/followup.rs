//! Arrival, periods, the cost of studies, the years on the grant, payments, an end on another
//! ground (each answers with the graduate's refreshed file), and the cohort's Excel lists.

use std::path::PathBuf;

use joldama_core::Lang;
use joldama_core::store::Store;
use joldama_core::workflow::dossier::{self, GraduateDetail};
use joldama_core::workflow::followup::{
    self, ArrivalRequest, EndRequest, GrantYearsRequest, PaymentRequest, PeriodEndRequest, PeriodRequest,
    StudyCostRequest,
};
use joldama_core::workflow::reports::{self, Written};
use joldama_core::{Error, followup::stats::PlacementStats};
use tauri::State;

use crate::desk::{Desk, change, today};
use crate::error::Answer;

/// Records a change to the graduate `change` answers, then reads their file again.
async fn then_detail(
    desk: &Desk,
    change: impl FnOnce(&mut Store) -> Result<i64, Error> + Send + 'static,
) -> Answer<GraduateDetail> {
    desk.run(move |s| {
        let graduate_id = change(s)?;
        dossier::graduate_detail(s, graduate_id, today())
    })
    .await
}

#[tauri::command]
pub async fn confirm_arrival(desk: State<'_, Desk>, request: ArrivalRequest) -> Answer<GraduateDetail> {
    then_detail(&desk, move |s| followup::record_arrival(s, &request, &change()).map(|_| request.graduate_id))
        .await
}

#[tauri::command]
pub async fn add_period(desk: State<'_, Desk>, request: PeriodRequest) -> Answer<GraduateDetail> {
    then_detail(&desk, move |s| followup::add_period(s, &request, &change()).map(|_| request.graduate_id))
        .await
}

#[tauri::command]
pub async fn end_period(desk: State<'_, Desk>, request: PeriodEndRequest) -> Answer<GraduateDetail> {
    then_detail(&desk, move |s| followup::end_period(s, &request, &change()).map(|(id, _)| id)).await
}

#[tauri::command]
pub async fn remove_period(desk: State<'_, Desk>, period_id: i64) -> Answer<GraduateDetail> {
    then_detail(&desk, move |s| followup::remove_period(s, period_id, &change()).map(|(id, _)| id)).await
}

#[tauri::command]
pub async fn set_study_cost(desk: State<'_, Desk>, request: StudyCostRequest) -> Answer<GraduateDetail> {
    then_detail(&desk, move |s| followup::set_study_cost(s, &request, &change()).map(|_| request.graduate_id))
        .await
}

#[tauri::command]
pub async fn set_grant_years(desk: State<'_, Desk>, request: GrantYearsRequest) -> Answer<GraduateDetail> {
    then_detail(&desk, move |s| {
        followup::set_grant_years(s, &request, &change()).map(|_| request.graduate_id)
    })
    .await
}

#[tauri::command]
pub async fn record_payment(desk: State<'_, Desk>, request: PaymentRequest) -> Answer<GraduateDetail> {
    then_detail(&desk, move |s| followup::record_payment(s, &request, &change()).map(|_| request.graduate_id))
        .await
}

#[tauri::command]
pub async fn remove_payment(desk: State<'_, Desk>, payment_id: i64) -> Answer<GraduateDetail> {
    then_detail(&desk, move |s| followup::remove_payment(s, payment_id, &change()).map(|(id, _)| id)).await
}

#[tauri::command]
pub async fn record_end(desk: State<'_, Desk>, request: EndRequest) -> Answer<GraduateDetail> {
    then_detail(&desk, move |s| followup::record_end(s, &request, &change()).map(|_| request.graduate_id))
        .await
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
