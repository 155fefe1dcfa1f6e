//! The schema's history: an ordered list of SQL scripts embedded in the binary. The file's
//! version is `PRAGMA user_version`, i.e. how many of them have run.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{StoreError, timestamp_compact};

/// SQL scripts; script `i` brings the file to version `i + 1`. Append only; never edit a
/// released one.
pub(crate) type Migration = &'static str;

pub(crate) const MIGRATIONS: &[Migration] = &[
    include_str!("migrations/0001_foundation.sql"),
    include_str!("migrations/0002_rules.sql"),
    include_str!("migrations/0003_commission.sql"),
    include_str!("migrations/0004_followup.sql"),
    include_str!("migrations/0005_desk.sql"),
    include_str!("migrations/0006_alphabet.sql"),
    include_str!("migrations/0007_search.sql"),
    include_str!("migrations/0008_obligation.sql"),
];

pub(crate) fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Refuses a version newer than `migrations` knows without touching the file.
pub(crate) fn check_not_newer(conn: &Connection, migrations: &[Migration]) -> Result<u32, StoreError> {
    let found = version(conn)?;
    let supported = migrations.len() as u32;
    if found > supported {
        return Err(StoreError::SchemaTooNew { found, supported });
    }
    Ok(found)
}

/// Runs the pending migrations, each in its own transaction with its version bump. An
/// existing file (`path`, version ≥ 1) is first copied beside itself so a failed or unwanted
/// upgrade can be undone by hand.
pub(crate) fn run(
    conn: &mut Connection,
    path: Option<&Path>,
    migrations: &[Migration],
) -> Result<(), StoreError> {
    let found = check_not_newer(conn, migrations)?;
    let target = migrations.len() as u32;
    if found == target {
        return Ok(());
    }
    if let (Some(path), 1..) = (path, found) {
        vacuum_into(conn, &backup_path(path, target))?;
    }
    for (done, sql) in migrations.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", done as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// `joldama.sqlite3.before-v2-20261122T040500.bak` beside the file.
fn backup_path(path: &Path, target: u32) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".before-v{target}-{}.bak", timestamp_compact()));
    path.with_file_name(name)
}

/// A consistent copy of the whole database; refuses to overwrite.
pub(crate) fn vacuum_into(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    if dest.exists() {
        return Err(StoreError::BackupExists { path: dest.to_path_buf() });
    }
    let dest_text = dest.to_str().ok_or_else(|| StoreError::Io {
        path: dest.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not UTF-8"),
    })?;
    conn.execute("VACUUM INTO ?1", [dest_text])?;
    Ok(())
}
