//! The schema's history: an ordered list of SQL scripts embedded in the binary. The file's
//! version is `PRAGMA user_version`, i.e. how many of them have run.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{Db, StoreError, now, register, timestamp_compact};
use crate::private;

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
    include_str!("migrations/0009_register.sql"),
    include_str!("migrations/0010_layouts.sql"),
    include_str!("migrations/0011_members.sql"),
    include_str!("migrations/0012_paper_series.sql"),
    include_str!("migrations/0013_university_key.sql"),
    include_str!("migrations/0014_matching.sql"),
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

/// Runs the pending migrations in one transaction with the version bump: a file is migrated
/// whole or not at all. An existing file (`path`, version ≥ 1) is first copied beside itself
/// so that an unwanted upgrade can be undone by hand.
pub(crate) fn run(db: &Db, path: Option<&Path>, migrations: &[Migration]) -> Result<(), StoreError> {
    let Some(conn) = db.file() else { return Ok(()) };
    let found = check_not_newer(conn, migrations)?;
    let target = migrations.len() as u32;
    if found == target {
        return Ok(());
    }
    if let (Some(path), 1..) = (path, found) {
        backup_before(conn, path, target)?;
    }
    let tx = db.begin()?;
    for sql in &migrations[found as usize..] {
        conn.execute_batch(sql)?;
    }
    if found < register::SEALED_FROM && target >= register::SEALED_FROM {
        register::seal_found(db, &now())?;
    }
    conn.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(())
}

/// Copies the file to `joldama.sqlite3.before-v2-20261122T040500.bak` beside it (`-2.bak`,
/// `-3.bak`… if that name is taken).
fn backup_before(conn: &Connection, path: &Path, target: u32) -> Result<PathBuf, StoreError> {
    let stem = private::beside(path, &format!(".before-v{target}-{}", timestamp_compact()));
    for n in 1.. {
        let candidate = match n {
            1 => private::beside(&stem, ".bak"),
            n => private::beside(&stem, &format!("-{n}.bak")),
        };
        match vacuum_into(conn, &candidate) {
            Err(StoreError::BackupExists { .. }) => continue,
            done => return done.map(|()| candidate),
        }
    }
    unreachable!("some name is free")
}

/// A consistent copy of the whole database into a new owner-only file; refuses to overwrite.
pub(crate) fn vacuum_into(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    let dest_text = dest.to_str().ok_or_else(|| StoreError::Io {
        path: dest.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not UTF-8"),
    })?;
    // Created empty first, owner-only: SQLite writes into an empty file as into a new one.
    match private::create_new(dest) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(StoreError::BackupExists { path: dest.to_path_buf() });
        }
        Err(source) => return Err(StoreError::Io { path: dest.to_path_buf(), source }),
    }
    conn.execute("VACUUM INTO ?1", [dest_text]).map_err(|e| {
        let _ = std::fs::remove_file(dest);
        StoreError::from(e)
    })?;
    Ok(())
}
