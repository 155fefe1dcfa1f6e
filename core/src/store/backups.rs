//! Backups the secretary makes and restores from the window: whole copies of the file in a
//! `backups` folder beside it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, MAIN_DB, OpenFlags};
use serde::Serialize;

use super::{MIGRATIONS, Store, StoreError, migrations, timestamp_compact};

/// One backup file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Backup {
    pub path: PathBuf,
    /// From the file name: `20261122T040500`.
    pub created_at: String,
    pub bytes: u64,
}

const PREFIX: &str = "joldama-";
const SUFFIX: &str = ".sqlite3";

fn describe(path: PathBuf) -> Option<Backup> {
    let name = path.file_name()?.to_str()?;
    let created_at = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?.to_owned();
    let bytes = std::fs::metadata(&path).ok()?.len();
    Some(Backup { path, created_at, bytes })
}

impl Store {
    /// `backups/` beside the database file.
    pub fn backups_dir(&self) -> Option<PathBuf> {
        self.path.as_deref().and_then(Path::parent).map(|d| d.join("backups"))
    }

    /// A consistent copy of the whole database, named by the time.
    pub fn backup_now(&self) -> Result<Backup, StoreError> {
        self.file()?;
        let dir = self.backups_dir().ok_or(StoreError::InMemory)?;
        crate::private::create_dir_all(&dir)
            .map_err(|source| StoreError::Io { path: dir.clone(), source })?;
        let path = dir.join(format!("{PREFIX}{}{SUFFIX}", timestamp_compact()));
        self.backup_to(&path)?;
        describe(path.clone()).ok_or(StoreError::Io { path, source: std::io::ErrorKind::NotFound.into() })
    }

    /// The backups, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>, StoreError> {
        let Some(dir) = self.backups_dir().filter(|d| d.exists()) else { return Ok(Vec::new()) };
        let entries =
            std::fs::read_dir(&dir).map_err(|source| StoreError::Io { path: dir.clone(), source })?;
        let mut found: Vec<Backup> = entries.filter_map(|e| describe(e.ok()?.path())).collect();
        found.sort_by(|a, b| b.created_at.cmp(&a.created_at));
        Ok(found)
    }

    /// Replaces the database's content with a backup's, after checking the backup is a
    /// Joldama database this version reads and backing the current content up. An older
    /// backup is migrated.
    pub fn restore_from(&mut self, backup: &Path) -> Result<Backup, StoreError> {
        let source = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|_| StoreError::NotADatabase { path: backup.to_path_buf() })?;
        let version = migrations::check_not_newer(&source, MIGRATIONS).map_err(|e| match e {
            StoreError::Sqlite(_) => StoreError::NotADatabase { path: backup.to_path_buf() },
            e => e,
        })?;
        let has_graduates: bool = source
            .query_one("SELECT COUNT(*) FROM sqlite_master WHERE name = 'graduate'", [], |r| r.get(0))
            .map_err(|_| StoreError::NotADatabase { path: backup.to_path_buf() })?;
        if version == 0 || !has_graduates {
            return Err(StoreError::NotADatabase { path: backup.to_path_buf() });
        }
        drop(source);
        let before = self.backup_now()?;
        self.file_mut()?.restore(MAIN_DB, backup, None::<fn(rusqlite::backup::Progress)>)?;
        migrations::run(&self.db, self.path.as_deref(), MIGRATIONS)?;
        Ok(before)
    }
}
