//! The register's chain as stored (table `ledger`, migration 9): sealing a finalised meeting and
//! a numbered paper, reading the seals back, and reading the rows a seal keeps the same way when
//! sealing and when checking.

use std::collections::BTreeMap;

use rusqlite::params;
use rusqlite::types::ValueRef;
use serde::Serialize;
use serde_json::Value;

use super::sql::Args;
use super::{Db, StoreError, Tx};
use crate::papers::GraduateLine;
use crate::register::{self, Entry, EntryKind, Finding, Printed, Rows, SealedMeeting, SealedPaper};

/// The version whose migration brought the chain: files from before it have their finalised
/// meetings and papers sealed as found when they migrate.
pub(super) const SEALED_FROM: u32 = 9;

impl Tx<'_> {
    /// Seals a meeting just finalised: its rows and what it printed.
    pub fn seal_meeting(&self, meeting_id: i64, printed: &Printed) -> Result<(), StoreError> {
        seal_meeting(self, &self.at, meeting_id, printed)
    }
}

fn seal_meeting(conn: &Db, at: &str, meeting_id: i64, printed: &Printed) -> Result<(), StoreError> {
    let seal = SealedMeeting { rows: meeting_rows(conn, meeting_id)?, printed: printed.clone() };
    append(conn, at, EntryKind::Meeting, meeting_id, &seal)
}

/// Seals a paper just numbered.
pub(super) fn seal_paper(conn: &Db, at: &str, paper_id: i64) -> Result<(), StoreError> {
    append(conn, at, EntryKind::Paper, paper_id, &SealedPaper { rows: paper_rows(conn, paper_id)? })
}

fn append(
    conn: &Db,
    at: &str,
    kind: EntryKind,
    ref_id: i64,
    content: &impl Serialize,
) -> Result<(), StoreError> {
    let prev: String = conn
        .query_opt("SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1", (), |r| r.get(0))?
        .unwrap_or_else(|| register::GENESIS.to_owned());
    let content = serde_json::to_string(content).expect("seals serialise");
    let hash = register::hash(&prev, kind, ref_id, &content);
    conn.execute(
        // The next number written out: the server's column has no rowid to take it from.
        "INSERT INTO ledger (seq, kind, ref_id, content, prev_hash, hash, at) \
         VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM ledger), ?1, ?2, ?3, ?4, ?5, ?6)",
        params![kind.code(), ref_id, content, prev, hash, at],
    )?;
    Ok(())
}

/// On migrating a file from before the chain: its finalised meetings and numbered papers are
/// sealed as they are now (the file cannot tell what they were before).
pub(super) fn seal_found(conn: &Db, at: &str) -> Result<(), StoreError> {
    for (meeting_id, _, _) in conn.finalised_meetings()? {
        seal_meeting(conn, at, meeting_id, &conn.printed(meeting_id)?)?;
    }
    for paper_id in conn.paper_ids()? {
        seal_paper(conn, at, paper_id)?;
    }
    Ok(())
}

impl Db {
    /// The chain, oldest first.
    pub fn ledger(&self) -> Result<Vec<Entry>, StoreError> {
        self.query("SELECT seq, kind, ref_id, content, prev_hash, hash FROM ledger ORDER BY seq", (), |r| {
            let kind: String = r.get(1)?;
            // An entry of an unknown kind was not written by this program: it cannot hash right.
            let kind = EntryKind::parse(&kind).unwrap_or(EntryKind::Paper);
            Ok(Entry {
                seq: r.get(0)?,
                kind,
                ref_id: r.get(2)?,
                content: r.get(3)?,
                prev_hash: r.get(4)?,
                hash: r.get(5)?,
            })
        })
    }

    /// What a finalised meeting printed, as sealed, with the seal's hash; `None` for a meeting
    /// not finalised.
    pub fn sealed_meeting(&self, meeting_id: i64) -> Result<Option<(SealedMeeting, String)>, StoreError> {
        let found: Option<(String, String)> = self.query_opt(
            "SELECT content, hash FROM ledger WHERE kind = 'meeting' AND ref_id = ?1",
            [meeting_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        // A seal that does not read is reported by the check; papers then print the rows.
        Ok(found.and_then(|(content, hash)| Some((serde_json::from_str(&content).ok()?, hash))))
    }

    /// The rows of a meeting its seal keeps: the meeting, who was present, its decisions and
    /// their proofs.
    pub fn meeting_rows(&self, meeting_id: i64) -> Result<Rows, StoreError> {
        meeting_rows(self, meeting_id)
    }

    pub fn paper_rows(&self, paper_id: i64) -> Result<Rows, StoreError> {
        paper_rows(self, paper_id)
    }

    /// The finalised meetings: (id, cohort, number).
    pub fn finalised_meetings(&self) -> Result<Vec<(i64, i32, u32)>, StoreError> {
        self.query(
            "SELECT m.id, c.year, m.number FROM meeting m JOIN commission c ON c.id = m.commission_id \
             WHERE m.finalised_at IS NOT NULL ORDER BY m.id",
            (),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    pub fn paper_ids(&self) -> Result<Vec<i64>, StoreError> {
        self.query("SELECT id FROM paper ORDER BY id", (), |r| r.get(0))
    }

    /// What a meeting prints now, from the live rows: sealed when it is finalised.
    pub fn printed(&self, meeting_id: i64) -> Result<Printed, StoreError> {
        let commission_id: i64 =
            self.query_one("SELECT commission_id FROM meeting WHERE id = ?1", [meeting_id], |r| r.get(0))?;
        let commission = self.commission_by_id(commission_id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        let decisions = self.decisions_of_meeting(meeting_id)?;
        let mut graduates = BTreeMap::new();
        for d in &decisions {
            // A decision whose graduate is gone prints nothing for them; the check names it.
            if let Some(g) = self.graduate(d.graduate_id)? {
                graduates.insert(d.id, GraduateLine::of(&g));
            }
        }
        let vacancies = self.referred_vacancies(&decisions)?.into_iter().collect();
        Ok(Printed { university: self.university()?, commission, graduates, vacancies })
    }

    /// Rows pointing at rows that are not there (written with foreign keys off).
    /// The server's foreign keys hold for every connection: it has none.
    pub fn orphans(&self) -> Result<Vec<Finding>, StoreError> {
        if self.on_server() {
            return Ok(Vec::new());
        }
        let rows = self.query("PRAGMA foreign_key_check", (), |r| {
            Ok(Finding::Orphan {
                table: r.get(0)?,
                row: r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                parent: r.get(2)?,
            })
        })?;
        Ok(rows)
    }

    /// SQLite's own check of the file's structure: `None` when it is sound (the server keeps
    /// its own pages).
    pub fn damage(&self) -> Result<Option<String>, StoreError> {
        if self.on_server() {
            return Ok(None);
        }
        let lines: Vec<String> = self.query("PRAGMA quick_check", (), |r| r.get(0))?;
        Ok(match lines.as_slice() {
            [ok] if ok == "ok" => None,
            _ => Some(lines.join("; ")),
        })
    }
}

fn meeting_rows(conn: &Db, meeting_id: i64) -> Result<Rows, StoreError> {
    let mut rows = Rows::new();
    rows.insert("meeting".into(), keyed(conn, "SELECT * FROM meeting WHERE id = ?1", "id", [meeting_id])?);
    rows.insert(
        "meeting_attendance".into(),
        keyed(conn, "SELECT * FROM meeting_attendance WHERE meeting_id = ?1", "member_id", [meeting_id])?,
    );
    rows.insert(
        "decision".into(),
        keyed(conn, "SELECT * FROM decision WHERE meeting_id = ?1", "id", [meeting_id])?,
    );
    rows.insert(
        "decision_proof".into(),
        keyed(
            conn,
            "SELECT * FROM decision_proof WHERE decision_id IN (SELECT id FROM decision WHERE meeting_id = ?1)",
            "id",
            [meeting_id],
        )?,
    );
    Ok(rows)
}

/// A paper's row without its cancellation, which comes later by design.
fn paper_rows(conn: &Db, paper_id: i64) -> Result<Rows, StoreError> {
    let sql =
        "SELECT id, commission_id, seq, decision_id, issued_on, series, series_seq FROM paper WHERE id = ?1";
    let mut rows = keyed(conn, sql, "id", [paper_id])?;
    // A paper numbered before the series (schema 12) was sealed without them, and has none.
    for row in rows.values_mut() {
        row.retain(|_, value| !value.is_null());
    }
    Ok(Rows::from([("paper".into(), rows)]))
}

/// The rows `sql` selects, each as column → JSON value, by the integer column `key`.
fn keyed(
    conn: &Db,
    sql: &str,
    key: &str,
    params: impl Args,
) -> Result<BTreeMap<i64, BTreeMap<String, Value>>, StoreError> {
    let rows = conn.query(sql, params, |row| {
        let mut columns = BTreeMap::new();
        for (i, name) in row.names().into_iter().enumerate() {
            columns.insert(name, json(row.cell(i)?.as_ref()));
        }
        Ok((row.get(key)?, columns))
    })?;
    Ok(rows.into_iter().collect())
}

fn json(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}
