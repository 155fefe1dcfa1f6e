//! Who changed what and when: the import batch an apply runs in, and the audit rows.

use rusqlite::params;

use serde_json::{Value, json};

use super::convert::parsed_opt;
use super::sql::{Db, Row};
use super::{ApplyCounts, AuditEntry, ChangeContext, StoreError, now};

/// One apply in progress: its `import_batch` row, the time stamp of all its rows, and its audit
/// rows not yet written.
pub(crate) struct Batch<'t> {
    pub conn: &'t Db,
    pub id: i64,
    pub at: String,
    actor: &'t str,
    /// (action, entity, entity id, details), in order: written [`AUDIT_ROWS`] at a time, so
    /// that a list's audit costs the server one round trip per hundreds of rows, not per row.
    pending: Vec<(&'static str, &'static str, i64, Option<String>)>,
}

/// How many audit rows one statement writes (4 parameters each, under both dialects' limits).
const AUDIT_ROWS: usize = 256;

/// Runs `apply` in one transaction with its batch; commits, or rolls back for a dry run.
/// `kind` is `graduates` or `vacancies` (the table's CHECK).
pub(crate) fn in_batch<'t, E: From<StoreError>>(
    conn: &'t Db,
    kind: &str,
    ctx: &'t ChangeContext,
    dry_run: bool,
    apply: impl FnOnce(&mut Batch<'t>) -> Result<ApplyCounts, E>,
) -> Result<ApplyCounts, E> {
    let tx = conn.begin()?;
    let mut batch = Batch::begin(conn, kind, ctx)?;
    let counts = apply(&mut batch)?;
    batch.finish(&counts)?;
    if dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    Ok(counts)
}

impl<'t> Batch<'t> {
    fn begin(conn: &'t Db, kind: &str, ctx: &'t ChangeContext) -> Result<Batch<'t>, StoreError> {
        let at = now();
        let id = conn.insert(
            "INSERT INTO import_batch (at, actor, kind, source) VALUES (?1, ?2, ?3, ?4)",
            params![at, ctx.actor, kind, ctx.source],
        )?;
        Ok(Batch { conn, id, at, actor: &ctx.actor, pending: Vec::with_capacity(AUDIT_ROWS) })
    }

    /// An audit row of the batch; written with the next [`AUDIT_ROWS`], or at the batch's end.
    pub fn audit(
        &mut self,
        action: &'static str,
        entity: &'static str,
        entity_id: i64,
        details: Option<String>,
    ) -> Result<(), StoreError> {
        self.pending.push((action, entity, entity_id, details));
        if self.pending.len() == AUDIT_ROWS {
            self.write_audit()?;
        }
        Ok(())
    }

    /// The pending audit rows in one statement: each row's four values, then the batch's time,
    /// actor and id, shared.
    fn write_audit(&mut self) -> Result<(), StoreError> {
        let n = self.pending.len();
        if n == 0 {
            return Ok(());
        }
        let shared = 4 * n;
        let rows: Vec<String> = (0..n)
            .map(|i| {
                let p = 4 * i;
                format!(
                    "(?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{})",
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    shared + 1,
                    shared + 2,
                    shared + 3
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO audit (action, entity, entity_id, details, at, actor, batch_id) VALUES {}",
            rows.join(", ")
        );
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(shared + 3);
        for (action, entity, entity_id, details) in &self.pending {
            values.extend([action as &dyn rusqlite::ToSql, entity, entity_id, details]);
        }
        values.extend([&self.at as &dyn rusqlite::ToSql, &self.actor, &self.id]);
        self.conn.execute(&sql, values)?;
        self.pending.clear();
        Ok(())
    }

    fn finish(mut self, counts: &ApplyCounts) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE import_batch SET imported = ?1, updated = ?2, unchanged = ?3 WHERE id = ?4",
            params![counts.imported as i64, counts.updated as i64, counts.unchanged as i64, self.id],
        )?;
        let details = serde_json::json!(counts).to_string();
        self.audit("import", "import_batch", self.id, Some(details))?;
        self.write_audit()
    }
}

pub(crate) fn trail(conn: &Db, entity: &str, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
    conn.query(
        "SELECT at, actor, action, entity, entity_id, details FROM audit \
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
        params![entity, id],
        entry,
    )
}

/// Every audit row about one graduate (see [`about_graduate`]), oldest first.
pub(crate) fn graduate_trail(conn: &Db, graduate_id: i64) -> Result<Vec<AuditEntry>, StoreError> {
    let sql = format!("SELECT {ENTRY} FROM audit WHERE {} ORDER BY at, id", about_graduate(conn));
    conn.query(&sql, [graduate_id], entry)
}

/// The last change about one graduate (the largest audit id of their history), if any.
pub(crate) fn graduate_last_change(
    conn: &Db,
    graduate_id: i64,
) -> Result<Option<(i64, AuditEntry)>, StoreError> {
    let sql =
        format!("SELECT {ENTRY}, id FROM audit WHERE {} ORDER BY id DESC LIMIT 1", about_graduate(conn));
    conn.query_opt(&sql, [graduate_id], |row| Ok((row.get(6)?, entry(row)?)))
}

const ENTRY: &str = "at, actor, action, entity, entity_id, details";

/// The audit rows about the graduate `?1`: their imported row, their decisions, the papers
/// issued for them and cancelled, and each step of their follow-up (a period's or a payment's
/// row names its graduate in its values, since a deleted one has no row left to join).
fn about_graduate(conn: &Db) -> String {
    use super::entity::{ARRIVAL, DECISION, END, GRADUATE, GRANT, PAPER, PAYMENT, PERIOD, STUDY_COST};
    format!(
        "((entity IN ('{GRADUATE}', '{ARRIVAL}', '{STUDY_COST}', '{GRANT}', '{END}') AND entity_id = ?1) \
            OR (entity = '{DECISION}' AND entity_id IN (SELECT id FROM decision WHERE graduate_id = ?1)) \
            OR (entity = '{PAPER}' AND entity_id IN \
                (SELECT p.id FROM paper p JOIN decision d ON d.id = p.decision_id WHERE d.graduate_id = ?1)) \
            OR (entity IN ('{PERIOD}', '{PAYMENT}') AND ?1 IN ({new}, {old})))",
        new = conn.json_integer("details", &["new", "graduate_id"]),
        old = conn.json_integer("details", &["old", "graduate_id"]),
    )
}

fn entry(row: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        at: row.get(0)?,
        actor: row.get(1)?,
        action: row.get(2)?,
        entity: row.get(3)?,
        entity_id: row.get(4)?,
        details: parsed_opt(row, 5, |s| serde_json::from_str(s))?,
    })
}

/// One audit row outside any import batch: `insert`, `update` or `delete` from which of the
/// old and new values there are.
pub(crate) fn change(
    conn: &Db,
    ctx: &ChangeContext,
    entity: &str,
    entity_id: i64,
    at: &str,
    old: Option<Value>,
    new: Option<Value>,
) -> Result<(), StoreError> {
    let action = match (old.is_some(), new.is_some()) {
        (false, _) => "insert",
        (true, true) => "update",
        (true, false) => "delete",
    };
    let details = json!({ "old": old, "new": new, "source": ctx.source });
    conn.execute(
        "INSERT INTO audit (at, actor, action, entity, entity_id, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at, ctx.actor, action, entity, entity_id, details.to_string()],
    )?;
    Ok(())
}
