//! The server mode's steps a person takes: see where the register is and who they are on it,
//! move their desk's file in, and (an administrator) add people. The window's Settings and
//! `joldama server …` call these.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::store::server::live::{Change, Listener};
use crate::store::server::move_in::MovedIn;
use crate::store::server::{Address, Person, Role, Server, ServerError};
use crate::store::{Counts, Store, StoreError};

/// Where the register is, and the password when the address holds none (the window asks for
/// it; the command line reads `PGPASSWORD`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ServerRequest {
    pub address: String,
    pub password: Option<String>,
}

impl ServerRequest {
    fn open(&self) -> Result<Server, ServerError> {
        Server::open(&self.address()?)
    }

    /// The address as the window shows it: without the password.
    pub fn shown(&self) -> String {
        crate::store::server::redact(&self.address)
    }

    fn address(&self) -> Result<Address, ServerError> {
        let address = Address::parse(&self.address)?;
        Ok(match &self.password {
            Some(password) if !password.is_empty() => address.with_password(password),
            _ => address,
        })
    }
}

/// The register on the server, signed in: every workflow step runs on it as on the file.
/// Proof documents are copied into `proofs`, on this desk.
pub fn open_store(request: &ServerRequest, proofs: std::path::PathBuf) -> Result<Store, StoreError> {
    Store::open_server(&request.address()?, proofs)
}

/// The register on the server as the person signed in sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ServerStatus {
    pub person: String,
    pub role: Role,
    pub schema_version: u32,
    /// What the register on the server holds, counted as the file's is.
    pub holds: Counts,
    /// Over TLS (a server elsewhere) or on this machine.
    pub encrypted: bool,
    /// When the server last archived its write-ahead log (its continuous backup), if it
    /// archives; a `pg_dump` run by cron is not something the server reports.
    pub last_backup: Option<String>,
    /// Everyone who may sign in: an administrator's view; empty for others.
    pub people: Vec<Person>,
}

pub fn status(request: &ServerRequest) -> Result<ServerStatus, ServerError> {
    let address = request.address()?;
    let mut server = Server::open(&address)?;
    let people = if server.role() == Role::Administrator { server.people()? } else { Vec::new() };
    Ok(ServerStatus {
        person: server.person().to_owned(),
        role: server.role(),
        schema_version: server.schema_version()?,
        holds: server.counts()?,
        encrypted: !address.is_local(),
        last_backup: server.last_archived()?,
        people,
    })
}

/// Copies the desk's file into the server's empty register and verifies every table.
pub fn move_in(store: &Store, request: &ServerRequest) -> Result<MovedIn, ServerError> {
    request.open()?.move_in(store)
}

/// A person to add: the name they sign in with, their role, and their first password.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewPerson {
    pub name: String,
    pub role: Role,
    pub password: String,
}

pub fn add_person(request: &ServerRequest, person: &NewPerson) -> Result<Person, ServerError> {
    request.open()?.add_person(&person.name, person.role, &person.password)
}

pub fn set_role(request: &ServerRequest, name: &str, role: Role) -> Result<Person, ServerError> {
    request.open()?.set_role(name, role)
}

pub fn remove_person(request: &ServerRequest, name: &str) -> Result<(), ServerError> {
    request.open()?.remove_person(name)
}

/// Hands every change the desks commit to `seen` as it comes, for `length` (for ever when
/// none), or until `seen` answers false.
pub fn watch(
    request: &ServerRequest,
    length: Option<Duration>,
    seen: impl FnMut(&Change) -> bool,
) -> Result<(), ServerError> {
    let until = length.map(|l| Instant::now() + l);
    follow(request, || until.is_none_or(|until| Instant::now() < until), seen)
}

/// How long a follower waits for changes before asking whether to go on.
const TICK: Duration = Duration::from_millis(500);

/// Every change committed on the server, to `seen` as it comes, while `keep` says so (asked
/// at least every half second) and `seen` answers `true`: the window's live updates.
pub fn follow(
    request: &ServerRequest,
    keep: impl Fn() -> bool,
    mut seen: impl FnMut(&Change) -> bool,
) -> Result<(), ServerError> {
    let mut listener = Listener::start(&request.address()?)?;
    while keep() {
        for change in listener.changes(TICK)? {
            if !seen(&change) {
                return Ok(());
            }
        }
    }
    Ok(())
}
