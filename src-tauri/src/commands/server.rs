//! The register on a server, from Settings: who the person is there, moving this desk's file
//! in, and people: added, given another role, removed.

use joldama_core::store::server::move_in::MovedIn;
use joldama_core::store::server::{Person, Role};
use joldama_core::workflow::server::{self, NewPerson, ServerRequest, ServerStatus};
use tauri::State;

use crate::desk::{Desk, blocking};
use crate::error::Answer;

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
