//! The register on a server, from Settings: who the person is there, moving this desk's file
//! in, people (added, given another role, removed), and the window working on the server's
//! register instead of the file.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use joldama_core::store::Store;
use joldama_core::store::server::move_in::MovedIn;
use joldama_core::store::server::{Person, Role};
use joldama_core::workflow::server::{self, NewPerson, ServerRequest, ServerStatus};
use tauri::{AppHandle, Emitter, State};

use super::settings::{AppInfo, info};
use crate::desk::{Desk, blocking};
use crate::error::{Answer, AppError};

#[tauri::command]
pub async fn server_status(request: ServerRequest) -> Answer<ServerStatus> {
    blocking(move || server::status(&request)).await
}

/// Holds the desk's file while it is copied, so that nothing changes it half-way.
#[tauri::command]
pub async fn server_move_in(desk: State<'_, Desk>, request: ServerRequest) -> Answer<MovedIn> {
    desk.run(move |s| server::move_in(s, &request)).await
}

#[tauri::command]
pub async fn server_add_person(request: ServerRequest, person: NewPerson) -> Answer<Person> {
    blocking(move || server::add_person(&request, &person)).await
}

#[tauri::command]
pub async fn server_set_role(request: ServerRequest, name: String, role: Role) -> Answer<Person> {
    blocking(move || server::set_role(&request, &name, role)).await
}

#[tauri::command]
pub async fn server_remove_person(request: ServerRequest, name: String) -> Answer<()> {
    blocking(move || server::remove_person(&request, &name)).await
}

/// The window works on the server's register from now on, and follows what other desks
/// commit there: each change is sent to the window as `register-changed`.
#[tauri::command]
pub async fn server_use(app: AppHandle, desk: State<'_, Desk>, request: ServerRequest) -> Answer<AppInfo> {
    let folder = desk.folder();
    let open = request.clone();
    let store = blocking(move || server::open_store(&open, folder)).await?;
    let stop = Arc::new(AtomicBool::new(false));
    desk.switch(store, Some((request.shown(), Arc::clone(&stop)))).await?;
    std::thread::spawn(move || {
        let keep = || !stop.load(Ordering::Relaxed);
        // A follower that loses the server stops; the window's next step says why.
        let _ = server::follow(&request, keep, |change| app.emit("register-changed", change).is_ok());
    });
    let shown = desk.server();
    desk.run(move |s| info(s, shown)).await
}

/// Back to the desk's own file.
#[tauri::command]
pub async fn server_leave(desk: State<'_, Desk>) -> Answer<AppInfo> {
    let path = crate::database_path().ok_or_else(AppError::unexpected)?;
    let store = blocking(move || Store::open(&path)).await?;
    desk.switch(store, None).await?;
    desk.run(|s| info(s, None)).await
}
