//! Each cohort's rule set (table `rule_set`), settings (table `cohort_settings`) and priority
//! order (table `cohort_priority`), one JSON document per cohort: fixed on first use by copying
//! the latest earlier cohort's (the defaults if there is none), replaced only through an
//! audited save.

use rusqlite::params;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::convert::parsed;
use super::sql::Row;
use super::{ChangeContext, Db, Store, StoreError, now};
use crate::matching::Priority;
use crate::rules::{CohortSettings, RuleSet};

/// The actor of the rows the app writes by itself (a cohort's first set).
const SYSTEM_ACTOR: &str = "joldama";
const ENTITY: &str = "rule_set";

/// A document kept per cohort.
trait PerCohort: Serialize + DeserializeOwned + PartialEq + Sized {
    /// The table, its document column, the audit's entity.
    const TABLE: &'static str;
    const COLUMN: &'static str;
    fn seed() -> Self;
}

impl PerCohort for RuleSet {
    const TABLE: &'static str = ENTITY;
    const COLUMN: &'static str = "rows";
    fn seed() -> RuleSet {
        RuleSet::defaults()
    }
}

impl PerCohort for CohortSettings {
    const TABLE: &'static str = "cohort_settings";
    const COLUMN: &'static str = "settings";
    fn seed() -> CohortSettings {
        CohortSettings::default()
    }
}

impl PerCohort for Priority {
    const TABLE: &'static str = "cohort_priority";
    const COLUMN: &'static str = "priority";
    fn seed() -> Priority {
        Priority::default()
    }
}

impl Db {
    /// The rule set of graduation cohort `cohort`. A cohort without one gets a copy of the
    /// latest earlier cohort's set (the defaults if there is none), stored and audited at once:
    /// the cohort then keeps it whatever later cohorts or the defaults become.
    pub fn rules(&self, cohort: i32) -> Result<RuleSet, StoreError> {
        fixed(self, cohort)
    }

    /// The cohort's settings (arrival day, deadline, normative years), fixed as its rules are.
    pub fn cohort_settings(&self, cohort: i32) -> Result<CohortSettings, StoreError> {
        fixed(self, cohort)
    }

    /// The commission's priority order for the cohort, fixed as its rules are.
    pub fn priority(&self, cohort: i32) -> Result<Priority, StoreError> {
        fixed(self, cohort)
    }
}

impl Store {
    /// Replaces the cohort's rule set (valid by construction), with an audit row holding the
    /// old and the new rows; saving the set already stored writes nothing.
    pub fn save_rules(&mut self, cohort: i32, set: &RuleSet, ctx: &ChangeContext) -> Result<(), StoreError> {
        save(self, cohort, set, ctx)
    }

    pub fn save_cohort_settings(
        &mut self,
        cohort: i32,
        settings: &CohortSettings,
        ctx: &ChangeContext,
    ) -> Result<(), StoreError> {
        save(self, cohort, settings, ctx)
    }

    pub fn save_priority(
        &mut self,
        cohort: i32,
        priority: &Priority,
        ctx: &ChangeContext,
    ) -> Result<(), StoreError> {
        save(self, cohort, priority, ctx)
    }
}

fn fixed<D: PerCohort>(conn: &Db, cohort: i32) -> Result<D, StoreError> {
    if let Some(doc) = stored(conn, cohort)? {
        return Ok(doc);
    }
    // Immediate: another window seeding the same cohort waits, then finds it stored. Inside a
    // step's transaction the step's own lock already holds.
    let own = if conn.in_transaction() { None } else { Some(conn.begin()?) };
    if let Some(doc) = stored(conn, cohort)? {
        return Ok(doc);
    }
    let earlier = conn.query_opt(
        &format!(
            "SELECT cohort, {} FROM {} WHERE cohort < ?1 ORDER BY cohort DESC LIMIT 1",
            D::COLUMN,
            D::TABLE
        ),
        [cohort],
        |row| Ok((row.get::<_, i32>(0)?, document::<D>(row, 1)?)),
    )?;
    let (copied_from, doc) = earlier.map_or((None, D::seed()), |(c, doc)| (Some(c), doc));
    let details = json!({ "copied_from": copied_from, "new": doc });
    let seeded = write(conn, cohort, &doc, SYSTEM_ACTOR, "insert", &details)
        .and_then(|()| own.map_or(Ok(()), |tx| tx.commit()));
    match seeded {
        // Another desk on the server fixed it at the same moment: theirs is the cohort's.
        Err(e) if conn.conflicted() => stored(conn, cohort)?.ok_or(e),
        Err(e) => Err(e),
        Ok(()) => Ok(doc),
    }
}

fn save<D: PerCohort>(conn: &Db, cohort: i32, doc: &D, ctx: &ChangeContext) -> Result<(), StoreError> {
    let tx = conn.begin()?;
    let old: Option<D> = stored(conn, cohort)?;
    if old.as_ref() == Some(doc) {
        return Ok(());
    }
    let action = if old.is_some() { "update" } else { "insert" };
    let details = json!({ "old": old, "new": doc, "source": ctx.source });
    write(conn, cohort, doc, &ctx.actor, action, &details)?;
    tx.commit()?;
    Ok(())
}

fn document<D: PerCohort>(row: &Row<'_>, col: usize) -> rusqlite::Result<D> {
    // Deserialising validates: a hand-edited invalid document is an error, never applied.
    parsed(row, col, |s| serde_json::from_str::<D>(s))
}

fn stored<D: PerCohort>(conn: &Db, cohort: i32) -> Result<Option<D>, StoreError> {
    conn.query_opt(&format!("SELECT {} FROM {} WHERE cohort = ?1", D::COLUMN, D::TABLE), [cohort], |row| {
        document(row, 0)
    })
}

fn write<D: PerCohort>(
    conn: &Db,
    cohort: i32,
    doc: &D,
    actor: &str,
    action: &str,
    details: &serde_json::Value,
) -> Result<(), StoreError> {
    let at = now();
    let text = serde_json::to_string(doc).expect("a per-cohort document serialises");
    conn.execute(
        &format!(
            "INSERT INTO {table} (cohort, {column}, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (cohort) DO UPDATE SET {column} = ?2, updated_at = ?3, updated_by = ?4",
            table = D::TABLE,
            column = D::COLUMN
        ),
        params![cohort, text, at, actor],
    )?;
    conn.execute(
        "INSERT INTO audit (at, actor, action, entity, entity_id, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at, actor, action, D::TABLE, cohort, details.to_string()],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
