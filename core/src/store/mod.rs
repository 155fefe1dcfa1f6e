//! The SQLite file: opening (WAL, foreign keys), embedded ordered migrations with a copy taken
//! before they run, the schema version guard, and the reads and writes of the records.
//!
//! INTERFACE STUB — to be implemented (helper B). Keep these signatures; add what you need.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::i18n::{Text, UserFacing};
use crate::model::{Graduate, GraduateRecord, Vacancy, VacancyRecord};

/// The desktop app's identifier (tauri.conf.json): its data folder is `<data dir>/<this>`.
pub const APP_IDENTIFIER: &str = "kz.joldama.app";
pub const DB_FILE_NAME: &str = "joldama.sqlite3";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The file was written by a newer Joldama; this build must not touch it.
    #[error("schema version {found} is newer than {supported}")]
    SchemaTooNew { found: u32, supported: u32 },
    /// The file is not a SQLite database (or is damaged).
    #[error("{path}: not a Joldama database")]
    NotADatabase { path: PathBuf },
}

impl UserFacing for StoreError {
    fn code(&self) -> &'static str {
        todo!()
    }
    fn message(&self) -> Text {
        todo!()
    }
}

/// Who makes a change and from what (a file name for imports); goes into the audit table.
#[derive(Clone, Debug)]
pub struct ChangeContext {
    pub actor: String,
    pub source: Option<String>,
}

/// What applying a list did (or would do, in a dry run).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ApplyCounts {
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
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

pub struct Store {
    conn: rusqlite::Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// `<platform data dir>/kz.joldama.app/joldama.sqlite3`, the file the desktop app uses.
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join(DB_FILE_NAME))
    }

    /// Opens or creates the file (and its folder), refuses a newer schema, and migrates an
    /// older one after copying the file beside itself.
    pub fn open(_path: &Path) -> Result<Store, StoreError> {
        todo!()
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        todo!()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        todo!()
    }

    /// Inserts new graduates, updates changed ones (by IIN + year), in one transaction; with
    /// `dry_run` the transaction is rolled back and only the counts are returned.
    pub fn apply_graduates(
        &mut self,
        _records: &[GraduateRecord],
        _ctx: &ChangeContext,
        _dry_run: bool,
    ) -> Result<ApplyCounts, StoreError> {
        todo!()
    }

    /// As [`Store::apply_graduates`], for employers (by BIN) and vacancies.
    pub fn apply_vacancies(
        &mut self,
        _records: &[VacancyRecord],
        _ctx: &ChangeContext,
        _dry_run: bool,
    ) -> Result<ApplyCounts, StoreError> {
        todo!()
    }

    pub fn graduates(&self) -> Result<Vec<Graduate>, StoreError> {
        todo!()
    }

    pub fn vacancies(&self) -> Result<Vec<Vacancy>, StoreError> {
        todo!()
    }

    pub fn audit_trail(&self, _entity: &str, _id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        todo!()
    }

    /// A consistent copy of the whole database (`VACUUM INTO`).
    pub fn backup_to(&self, _dest: &Path) -> Result<(), StoreError> {
        todo!()
    }
}
