//! The app, the university, the commission, the rules table, backups and the demo year.

use chrono::Datelike;
use joldama_core::Text;
use joldama_core::commission::Commission;
use joldama_core::model::University;
use joldama_core::rules::{CohortSettings, Rule, RuleSet};
use joldama_core::store::server::Role;
use joldama_core::store::{Backup, Store, StoreError, network_share};
use joldama_core::workflow::commission::{
    self, CommissionCopy, CommissionRequest, MemberEdit, MemberRequest,
};
use joldama_core::workflow::demo::{self, DemoSpec, DemoSummary};
use joldama_core::workflow::person;
use joldama_core::workflow::register::{self, CheckReport};
use serde::Serialize;
use tauri::State;

use crate::desk::{self, Desk, change, today};
use crate::error::{Answer, AppError};

/// What the window shows first and in Settings.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub data_dir: String,
    pub schema_version: u32,
    /// Cohorts with graduates or a commission, newest first.
    pub years: Vec<i32>,
    pub graduates: u32,
    pub vacancies: u32,
    pub meetings: u32,
    /// Set when the file sits on a network file system: the warning to show at start.
    pub network_share: Option<Text>,
    /// The server's register the window works on instead of the file.
    pub server: Option<ServerSeat>,
}

/// Where the window's register is on a server, and who works on it there.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ServerSeat {
    /// The address without the password.
    pub address: String,
    pub person: String,
    pub role: Role,
}

/// What the window shows of `store`; `address`, where it is when it is on a server.
pub fn info(store: &Store, address: Option<String>) -> Result<AppInfo, StoreError> {
    let path = store.path().map(|p| p.display().to_string()).unwrap_or_default();
    let counts = store.counts()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        // The desk's folder (papers, exports, proofs), with the server's register too.
        data_dir: store.folder().map(|p| p.display().to_string()).unwrap_or_default(),
        db_path: path,
        schema_version: store.schema_version()?,
        years: counts.years,
        graduates: counts.graduates,
        vacancies: counts.vacancies,
        meetings: counts.meetings,
        network_share: store.path().and_then(|p| network_share(p).map(|share| share.warning(p))),
        server: store.seat().zip(address).map(|((person, role), address)| ServerSeat {
            address,
            person: person.to_owned(),
            role,
        }),
    })
}

#[tauri::command]
pub async fn app_info(desk: State<'_, Desk>) -> Answer<AppInfo> {
    let server = desk.server();
    desk.run(move |s| info(s, server)).await
}

/// The register's check, which the window runs at start and shows if anything is found.
#[tauri::command]
pub async fn check_register(desk: State<'_, Desk>) -> Answer<CheckReport> {
    desk.read_apart(|s| register::check(s)).await
}

/// The demo year, unless that year is there already (`None`).
#[tauri::command]
pub async fn load_demo(desk: State<'_, Desk>) -> Answer<Option<DemoSummary>> {
    desk.run(|s| demo::build(s, &DemoSpec::of_year(today().year()), &change().actor)).await
}

#[tauri::command]
pub async fn university(desk: State<'_, Desk>) -> Answer<University> {
    desk.run(|s| s.university()).await
}

#[tauri::command]
pub async fn save_university(desk: State<'_, Desk>, university: University) -> Answer<University> {
    desk.run(move |s| s.set_university(&university, &change())).await
}

#[tauri::command]
pub async fn commission(desk: State<'_, Desk>, year: i32) -> Answer<Option<Commission>> {
    desk.run(move |s| s.commission(year)).await
}

#[tauri::command]
pub async fn create_commission(desk: State<'_, Desk>, request: CommissionRequest) -> Answer<Commission> {
    desk.run(move |s| commission::create_commission(s, &request, &change())).await
}

#[tauri::command]
pub async fn add_member(desk: State<'_, Desk>, request: MemberRequest) -> Answer<Commission> {
    desk.run(move |s| commission::add_member(s, &request, &change())).await
}

#[tauri::command]
pub async fn edit_member(desk: State<'_, Desk>, request: MemberEdit) -> Answer<Commission> {
    desk.run(move |s| commission::edit_member(s, &request, &change())).await
}

#[tauri::command]
pub async fn remove_member(desk: State<'_, Desk>, member_id: i64) -> Answer<Commission> {
    desk.run(move |s| commission::remove_member(s, member_id, &change())).await
}

#[tauri::command]
pub async fn copy_commission(desk: State<'_, Desk>, request: CommissionCopy) -> Answer<Commission> {
    desk.run(move |s| commission::copy_commission(s, &request, &change())).await
}

/// The cohort's rules table, row by row (a `RuleSet` crosses as its rows).
#[tauri::command]
pub async fn rules(desk: State<'_, Desk>, cohort: i32) -> Answer<Vec<Rule>> {
    desk.run(move |s| s.rules(cohort).map(Vec::from)).await
}

#[tauri::command]
pub async fn save_rules(desk: State<'_, Desk>, cohort: i32, rules: Vec<Rule>) -> Answer<Vec<Rule>> {
    desk.run(move |s| {
        s.save_rules(cohort, &RuleSet::new(rules)?, &change())?;
        Ok::<_, AppError>(s.rules(cohort)?.into())
    })
    .await
}

#[tauri::command]
pub async fn cohort_settings(desk: State<'_, Desk>, cohort: i32) -> Answer<CohortSettings> {
    desk.run(move |s| s.cohort_settings(cohort)).await
}

#[tauri::command]
pub async fn save_cohort_settings(
    desk: State<'_, Desk>,
    cohort: i32,
    settings: CohortSettings,
) -> Answer<CohortSettings> {
    desk.run(move |s| {
        s.save_cohort_settings(cohort, &settings, &change())?;
        s.cohort_settings(cohort)
    })
    .await
}

#[tauri::command]
pub async fn backup_now(desk: State<'_, Desk>) -> Answer<Backup> {
    desk.run(|s| s.backup_now()).await
}

#[tauri::command]
pub async fn backups(desk: State<'_, Desk>) -> Answer<Vec<Backup>> {
    desk.run(|s| s.backups()).await
}

/// Restores a backup; answers the copy kept of what was there before.
#[tauri::command]
pub async fn restore_backup(desk: State<'_, Desk>, path: std::path::PathBuf) -> Answer<Backup> {
    desk.run(move |s| s.restore_from(&path)).await
}

/// The name of the person at this desk, once given.
#[tauri::command]
pub fn desk_person() -> Option<String> {
    desk::person_name()
}

/// Saves the name of the person at this desk; every change they make is recorded under it.
#[tauri::command]
pub async fn set_desk_person(desk: State<'_, Desk>, name: String) -> Answer<String> {
    let saved = desk.run(move |s| person::save(&desk::data_folder(s), &name)).await?;
    desk::set_person_name(saved.clone());
    Ok(saved)
}
