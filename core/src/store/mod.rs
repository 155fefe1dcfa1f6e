//! The register: the SQLite file (opening with WAL and foreign keys, embedded ordered migrations
//! with a copy taken before they run, the schema version guard) or the server's ([`server`]),
//! and the reads and writes of the records, written once for both (`sql`).

mod audit;
mod backups;
mod commission;
mod convert;
mod decided;
mod decisions;
mod error;
mod followup;
mod graduates;
mod layouts;
mod migrations;
mod opening;
mod papers;
mod register;
mod rules;
mod search;
pub mod server;
mod share;
mod sql;
mod tx;
mod upsert;
mod vacancies;
mod wishes;

use std::collections::HashMap;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, ErrorCode, params};
use serde::Serialize;

pub use backups::Backup;
pub use error::StoreError;
pub use followup::EmployerId;
pub use search::{DecisionStatus, GraduatePage, GraduateQuery, GraduateRow, ProgrammeOption};
pub use share::{Share, network_share};
pub use sql::Db;
pub use tx::Tx;

use crate::alphabet;
use crate::classifiers::fold;
use crate::ident::Iin;
pub use crate::model::ApplyCounts;
use crate::model::{Graduate, GraduateRecord, Vacancy, VacancyRecord};
use crate::private;
use migrations::{MIGRATIONS, Migration};

/// The desktop app's identifier (tauri.conf.json): its data folder is `<data dir>/<this>`.
pub const APP_IDENTIFIER: &str = "kz.joldama.app";
pub const DB_FILE_NAME: &str = "joldama.sqlite3";

/// The row the foundation migration creates for the university the app belongs to.
const HOME_UNIVERSITY: i64 = 1;

/// Who makes a change and from what (a file name for imports); goes into the audit table.
#[derive(Clone, Debug)]
pub struct ChangeContext {
    pub actor: String,
    pub source: Option<String>,
}

/// The audit's names of the things a graduate's history tells of.
pub mod entity {
    pub const GRADUATE: &str = "graduate";
    pub const DECISION: &str = "decision";
    pub const ARRIVAL: &str = "arrival";
    pub const PERIOD: &str = "followup_period";
    pub const STUDY_COST: &str = "study_cost";
    pub const GRANT: &str = "grant_years";
    pub const PAYMENT: &str = "refund_payment";
    pub const END: &str = "obligation_end";
    pub const PAPER: &str = "paper";
}

/// What the database holds, in numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Counts {
    /// Cohorts with graduates, vacancies or a commission, newest first.
    pub years: Vec<i32>,
    pub graduates: u32,
    pub vacancies: u32,
    pub meetings: u32,
}

/// One row of the audit table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub details: Option<serde_json::Value>,
}

/// The register: the file on this desk, or the server's (see [`server`]).
pub struct Store {
    db: Db,
    path: Option<PathBuf>,
    /// The desk's folder when the register is on a server: proof documents, papers and
    /// exports are written there, as beside the desk's file.
    folder: Option<PathBuf>,
}

impl Deref for Store {
    type Target = Db;
    fn deref(&self) -> &Db {
        &self.db
    }
}

/// ISO-8601 UTC with milliseconds: the audit's and the rows' time stamps.
fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Local time for file names, which people read: `20261122T040500`.
fn timestamp_compact() -> String {
    chrono::Local::now().format("%Y%m%dT%H%M%S").to_string()
}

impl Store {
    fn on(db: Db, folder: PathBuf) -> Store {
        Store { db, path: None, folder: Some(folder) }
    }

    /// `<platform data dir>/kz.joldama.app/joldama.sqlite3`, the file the desktop app uses.
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join(DB_FILE_NAME))
    }

    /// Opens or creates the file (and its folder, owner-only), refuses a newer schema, and
    /// migrates an older one after copying the file beside itself.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, MIGRATIONS)
    }

    /// As [`Store::open`] for a file that must already exist: a command that only reads
    /// never leaves a new empty database (or folders) behind a mistyped path.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NoDatabase { path: path.to_path_buf() });
        }
        Self::open(path)
    }

    /// A second connection to an existing file for one long read (the register's check reads
    /// every page once): SQLite's default page cache of 2 MiB, since no page is read twice,
    /// instead of the desk's 32 MiB, which would stay with the process after it ends.
    pub fn open_reader(path: &Path) -> Result<Store, StoreError> {
        let store = Self::open_existing(path)?;
        store.file()?.pragma_update(None, "cache_size", -2048)?;
        Ok(store)
    }

    fn open_with(path: &Path, migrations: &[Migration]) -> Result<Store, StoreError> {
        let io = |path: &Path, source| StoreError::Io { path: path.to_path_buf(), source };
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            private::create_dir_all(folder).map_err(|e| io(folder, e))?;
        }
        // Processes starting at once take turns to create and migrate the file.
        let _turn = opening::Turn::take(path)?;
        match private::create_new(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => opening::restrict(path),
            Err(e) => return Err(io(path, e)),
        }
        let not_a_database = |e: StoreError| match e {
            StoreError::Sqlite(ref s) if s.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
                StoreError::NotADatabase { path: path.to_path_buf() }
            }
            e => e,
        };
        let conn = Connection::open(path).map_err(|source| match source.sqlite_error_code() {
            Some(ErrorCode::CannotOpen) => {
                StoreError::Io { path: path.to_path_buf(), source: std::io::Error::other(source) }
            }
            _ => source.into(),
        })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Read before any pragma writes: a foreign or newer file must stay byte for byte as it was.
        migrations::check_not_newer(&conn, migrations).map_err(not_a_database)?;
        configure(&conn)?;
        let db = Db(sql::Conn::File(conn));
        migrations::run(&db, Some(path), migrations)?;
        Ok(Store { db, path: Some(path.to_path_buf()), folder: None })
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        let db = Db(sql::Conn::File(conn));
        migrations::run(&db, None, MIGRATIONS)?;
        Ok(Store { db, path: None, folder: None })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Where proof documents are kept: the `proofs` folder beside the database file.
    pub fn proofs_dir(&self) -> PathBuf {
        self.folder().unwrap_or_else(std::env::temp_dir).join("proofs")
    }

    /// The desk's folder: the file's, or the one given with the server's register.
    pub fn folder(&self) -> Option<PathBuf> {
        self.folder.clone().or_else(|| self.path().and_then(Path::parent).map(Path::to_path_buf))
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        match &self.db.0 {
            sql::Conn::File(conn) => Ok(migrations::version(conn)?),
            sql::Conn::Server(_) => Ok(server::SERVER_SCHEMA),
        }
    }

    /// The register on the server at `address`, signed in as its person: every step of the
    /// workflow runs on it as on the file. The desk's own files go into `folder`.
    pub fn open_server(address: &server::Address, folder: PathBuf) -> Result<Store, StoreError> {
        Ok(server::Server::open(address)?.into_store(folder))
    }

    /// The file's connection, for what only the file has; on the server, [`StoreError::OnServer`].
    pub(crate) fn file(&self) -> Result<&Connection, StoreError> {
        self.db.file().ok_or(StoreError::OnServer)
    }

    fn file_mut(&mut self) -> Result<&mut Connection, StoreError> {
        match &mut self.db.0 {
            sql::Conn::File(conn) => Ok(conn),
            sql::Conn::Server(_) => Err(StoreError::OnServer),
        }
    }

    /// Inserts new graduates, updates changed ones (by IIN + year), in one transaction; with
    /// `dry_run` the transaction is rolled back and only the counts are returned.
    pub fn apply_graduates(
        &mut self,
        records: &[GraduateRecord],
        ctx: &ChangeContext,
        dry_run: bool,
    ) -> Result<ApplyCounts, StoreError> {
        self.write_graduates(ctx, dry_run, |put| records.iter().try_for_each(put))
    }

    /// As [`Store::apply_graduates`], for records that arrive as `feed` produces them (an
    /// import reading its file meanwhile): `feed` hands each to the sink it is given, and the
    /// transaction commits only if `feed` returns `Ok`.
    pub fn write_graduates<E: From<StoreError>>(
        &mut self,
        ctx: &ChangeContext,
        dry_run: bool,
        feed: impl FnOnce(&mut dyn FnMut(&GraduateRecord) -> Result<(), StoreError>) -> Result<(), E>,
    ) -> Result<ApplyCounts, E> {
        graduates::write(&self.db, ctx, dry_run, feed)
    }

    /// As [`Store::apply_graduates`], for employers (by BIN) and vacancies (by employer, year,
    /// position, settlement); the counts are per vacancy.
    pub fn apply_vacancies(
        &mut self,
        records: &[VacancyRecord],
        ctx: &ChangeContext,
        dry_run: bool,
    ) -> Result<ApplyCounts, StoreError> {
        vacancies::apply(&self.db, records, ctx, dry_run)
    }

    /// A request entered by hand: applied as a one-row list (the same checks and audit), then
    /// read back.
    pub fn add_vacancy(
        &mut self,
        record: &VacancyRecord,
        ctx: &ChangeContext,
    ) -> Result<Vacancy, StoreError> {
        self.apply_vacancies(std::slice::from_ref(record), ctx, false)?;
        // A list's vacancy is (employer, year, position, settlement), as the unique index
        // `vacancy_key`: the row just applied is there.
        let same = |v: &Vacancy| {
            let (a, b) = (&v.record, record);
            (a.employer.bin, &a.position, &a.settlement) == (b.employer.bin, &b.position, &b.settlement)
        };
        Ok(self.vacancies_of(record.year)?.into_iter().find(same).expect("the vacancy just applied"))
    }

    /// A consistent copy of the whole database (`VACUUM INTO`); refuses to overwrite a file.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        migrations::vacuum_into(self.file()?, dest)
    }
}

impl Db {
    pub fn graduate(&self, id: i64) -> Result<Option<Graduate>, StoreError> {
        Ok(graduates::select(self, "g.id = ?1", [id])?.pop())
    }

    /// The graduate with this IIN: of `year`, or of the latest cohort they are in.
    pub fn graduate_by_iin(&self, iin: &Iin, year: Option<i32>) -> Result<Option<Graduate>, StoreError> {
        let found = graduates::select(self, "g.iin = ?1", [iin.as_str()])?;
        Ok(found
            .into_iter()
            .filter(|g| year.is_none_or(|y| g.record.graduation_year == y))
            .max_by_key(|g| g.record.graduation_year))
    }

    pub fn vacancy(&self, id: i64) -> Result<Option<Vacancy>, StoreError> {
        Ok(vacancies::select(self, "v.id = ?1", [id])?.pop())
    }

    /// The vacancies of cohort `year` and later, with places left or not.
    pub fn vacancies_from(&self, year: i32) -> Result<Vec<Vacancy>, StoreError> {
        vacancies::select(self, "v.year >= ?1", [year])
    }

    /// The graduates of a cohort with no decision at all: a meeting's queue.
    pub fn undecided(&self, year: i32) -> Result<Vec<Graduate>, StoreError> {
        graduates::select(
            self,
            "g.graduation_year = ?1 AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.graduate_id = g.id)",
            [year],
        )
    }

    /// Graduates of cohort `year` or earlier whose current decision is a deferral that ended
    /// before `today`, with that decision's id: they come back to the commission.
    pub fn deferrals_ended(&self, year: i32, today: NaiveDate) -> Result<Vec<(Graduate, i64)>, StoreError> {
        let ended: HashMap<i64, i64> = self
            .query(
                "SELECT d.graduate_id, d.id FROM decision d JOIN graduate g ON g.id = d.graduate_id \
                 WHERE d.kind = 'deferral' AND d.deferral_to < ?2 AND g.graduation_year <= ?1 \
                 AND NOT EXISTS (SELECT 1 FROM decision r WHERE r.revises_id = d.id)",
                params![year, convert::iso(today)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .into_iter()
            .collect();
        if ended.is_empty() {
            return Ok(Vec::new());
        }
        let ids = convert::json_ids(&ended.keys().copied().collect::<Vec<_>>());
        let graduates = graduates::select(self, &format!("g.id IN ({})", self.id_list(1)), [ids.as_str()])?;
        Ok(graduates
            .into_iter()
            .map(|g| {
                let d = ended[&g.id];
                (g, d)
            })
            .collect())
    }

    /// The vacancies of cohort `year` and later with a place left: where a graduate of `year`
    /// may still be referred (a later cohort's list takes an earlier graduate back from the army).
    pub fn open_vacancies_from(&self, year: i32) -> Result<Vec<Vacancy>, StoreError> {
        vacancies::select(self, "v.year >= ?1 AND v.places_left > 0", [year])
    }

    /// Ordered by surname, then name.
    pub fn graduates(&self) -> Result<Vec<Graduate>, StoreError> {
        graduates::select(self, "1 = 1", ())
    }

    /// One cohort's graduates, ordered as [`Db::graduates`].
    pub fn graduates_of(&self, year: i32) -> Result<Vec<Graduate>, StoreError> {
        graduates::select(self, "g.graduation_year = ?1", [year])
    }

    /// Ordered by year, employer name, position; programme codes sorted.
    pub fn vacancies(&self) -> Result<Vec<Vacancy>, StoreError> {
        vacancies::select(self, "1 = 1", ())
    }

    /// One cohort's vacancies, ordered as [`Db::vacancies`].
    pub fn vacancies_of(&self, year: i32) -> Result<Vec<Vacancy>, StoreError> {
        vacancies::select(self, "v.year = ?1", [year])
    }

    /// The changes of one entity (`graduate`, `employer`, `vacancy`, `programme`,
    /// `import_batch`, `decision`, `meeting`, `arrival`, `followup_period`, `study_cost`,
    /// `grant_years`, `refund_payment`, `obligation_end`, `rule_set`, …), oldest first.
    pub fn audit_trail(&self, entity: &str, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        audit::trail(self, entity, id)
    }

    /// Every change about one graduate, wherever it is audited, oldest first.
    pub fn graduate_trail(&self, graduate_id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        audit::graduate_trail(self, graduate_id)
    }

    /// The graduate's records' version: the id of the last change about them (0 for none). A
    /// desk sends back the version it read with its change ([`Tx::unchanged_since`]).
    pub fn graduate_version(&self, graduate_id: i64) -> Result<i64, StoreError> {
        Ok(audit::graduate_last_change(self, graduate_id)?.map_or(0, |(id, _)| id))
    }
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    // Returns the mode it ended in; an in-memory database stays `memory`.
    let _mode: String = conn.query_one("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // 32 MiB of page cache (default 2): a 100k-row import then stays in memory until commit.
    conn.pragma_update(None, "cache_size", -32_768)?;
    // An apply uses a dozen statements; keep them all prepared.
    conn.set_prepared_statement_cache_capacity(32);
    // Migration 5 fills the graduates' search column with the same folding the import uses.
    conn.create_scalar_function(
        "joldama_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(fold(ctx.get_raw(0).as_str().unwrap_or_default())),
    )?;
    // Migration 6 fills the graduates' sort key with the same function the import uses.
    conn.create_scalar_function(
        "joldama_sort_key",
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let part = |i| ctx.get_raw(i).as_str().unwrap_or_default();
            Ok(alphabet::sort_key([part(0), part(1), part(2)]))
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
