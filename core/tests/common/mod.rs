//! What the integration tests build their worlds from: a graduate, a vacancy, and a cohort's
//! commission with its chair and secretary and a first meeting. Each test binary uses part of
//! it.
#![allow(dead_code)]

use chrono::NaiveDate;
use joldama_core::classifiers::{Field, Funding, Level, OrgKind, Region};
use joldama_core::commission::Role;
use joldama_core::ident::{Bin, Iin};
use joldama_core::model::{EmployerRecord, GraduateRecord, VacancyRecord};
use joldama_core::store::{ChangeContext, Store};
use joldama_core::workflow::commission::{self, CommissionRequest, MeetingRequest, MemberRequest};

pub mod test_server;
pub use test_server::Database;

/// A 2025 graduate of `code` with this funding, level and field, living in Abai.
pub fn graduate(iin: &str, funding: Funding, level: Level, field: Field, code: &str) -> GraduateRecord {
    let iin = Iin::parse(iin).unwrap();
    GraduateRecord {
        iin,
        surname: "Әбілқасымова".into(),
        name: "Гүлнұр".into(),
        patronymic: None,
        birth_date: iin.birth_date(),
        sex: iin.sex(),
        level,
        funding,
        field,
        program_code: code.into(),
        program_name: "Бағдарлама".into(),
        graduation_year: 2025,
        region: Some(Region::Abai),
        phone: None,
        email: None,
        grant: None,
        gpa: None,
    }
}

/// A 2025 request of `places` places for any programme.
pub fn vacancy(
    bin: &str,
    name: &str,
    kind: OrgKind,
    region: Region,
    rural: bool,
    places: u32,
) -> VacancyRecord {
    VacancyRecord {
        employer: EmployerRecord { bin: Bin::parse(bin).unwrap(), name: name.into(), kind, ownership: None },
        year: 2025,
        position: "Маман".into(),
        program_codes: vec![],
        places,
        region,
        district: None,
        settlement: None,
        rural,
        contact_person: None,
        phone: None,
    }
}

/// The cohort's commission (chair and secretary) and a meeting held on `held_on`, all present.
pub fn first_meeting(store: &mut Store, year: i32, held_on: NaiveDate, ctx: &ChangeContext) -> i64 {
    commission::create_commission(store, &CommissionRequest { year, name: None }, ctx).unwrap();
    for (role, name) in [(Role::Chair, "Ахметов А."), (Role::Secretary, "Омарова Д.")] {
        let member = MemberRequest { year, role, full_name: name.into(), position: None };
        commission::add_member(store, &member, ctx).unwrap();
    }
    let meeting = MeetingRequest { year, held_on, place: None, present: None };
    commission::create_meeting(store, &meeting, ctx).unwrap().id
}

/// Where a test's register is: the desk's file, or a database of its own on the throwaway
/// PostgreSQL server `./scripts/test` starts (`JOLDAMA_TEST_SERVER`, its superuser's address).
pub enum Backend {
    File,
    Server(String),
}

/// A register made for one test, which a second desk may open too.
#[derive(Clone)]
pub enum Register {
    File(std::path::PathBuf),
    Server(std::sync::Arc<(joldama_core::store::server::Address, Database)>),
}

impl Backend {
    /// The server, when this run has one; under `./scripts/test` a missing one fails.
    pub fn server() -> Option<Backend> {
        test_server::superuser().map(Backend::Server)
    }

    /// Who the register records for a change the desk makes as `desk`: that name on the file;
    /// on the server, the person signed in (its trigger signs every audit row).
    pub fn actor(&self, desk: &str) -> String {
        match self {
            Backend::File => desk.to_owned(),
            Backend::Server(superuser) => {
                let credentials = superuser.split_once("://").unwrap().1.split_once('@').unwrap().0;
                credentials.split(':').next().unwrap().to_owned()
            }
        }
    }

    /// A new, empty register: `dir/joldama.sqlite3`, or a new database on the server, whose
    /// desk keeps its own files in `dir`.
    pub fn register(&self, dir: &std::path::Path) -> Register {
        match self {
            Backend::File => Register::File(dir.join("joldama.sqlite3")),
            Backend::Server(superuser) => {
                let database = Database::new(superuser);
                let address = joldama_core::store::server::Address::parse(&database.url()).unwrap();
                Register::Server(std::sync::Arc::new((address, database)))
            }
        }
    }
}

impl Register {
    /// A desk's connection to it (the first makes it).
    pub fn open(&self, dir: &std::path::Path) -> Store {
        match self {
            Register::File(path) => Store::open(path).unwrap(),
            Register::Server(server) => Store::open_server(&server.0, dir.to_path_buf()).unwrap(),
        }
    }
}

/// Runs each test `fn name(backend: &Backend)` named on the desk's file and again on the
/// server: one suite for both stores.
#[allow(unused_macros)] // each test binary uses part of this module
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod on_the_file {
            $( #[test] fn $name() { super::$name(&crate::common::Backend::File) } )*
        }
        mod on_the_server {
            $( #[test] fn $name() {
                if let Some(server) = crate::common::Backend::server() { super::$name(&server) }
            } )*
        }
    };
}
