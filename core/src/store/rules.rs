//! Each cohort's rule set (table `rule_set`, one JSON array per cohort): fixed on first use by
//! copying the latest earlier cohort's set, replaced only through an audited save.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde_json::json;

use super::convert::parsed;
use super::{ChangeContext, Store, StoreError, now};
use crate::rules::RuleSet;

/// The actor of the rows the app writes by itself (a cohort's first set).
const SYSTEM_ACTOR: &str = "joldama";
const ENTITY: &str = "rule_set";

impl Store {
    /// The rule set of graduation cohort `cohort`. A cohort without one gets a copy of the
    /// latest earlier cohort's set (the defaults if there is none), stored and audited at once:
    /// the cohort then keeps it whatever later cohorts or the defaults become.
    pub fn rules(&self, cohort: i32) -> Result<RuleSet, StoreError> {
        if let Some(set) = stored(&self.conn, cohort)? {
            return Ok(set);
        }
        // Immediate: another window seeding the same cohort waits, then finds it stored.
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        if let Some(set) = stored(&tx, cohort)? {
            return Ok(set);
        }
        let earlier = tx
            .query_row(
                "SELECT cohort, rows FROM rule_set WHERE cohort < ?1 ORDER BY cohort DESC LIMIT 1",
                [cohort],
                |row| Ok((row.get::<_, i32>(0)?, rule_set(row, 1)?)),
            )
            .optional()?;
        let (copied_from, set) = earlier.map_or((None, RuleSet::defaults()), |(c, set)| (Some(c), set));
        let details = json!({ "copied_from": copied_from, "new": set });
        write(&tx, cohort, &set, SYSTEM_ACTOR, "insert", &details)?;
        tx.commit()?;
        Ok(set)
    }

    /// Replaces the cohort's rule set (valid by construction), with an audit row holding the
    /// old and the new rows; saving the set already stored writes nothing.
    pub fn save_rules(&mut self, cohort: i32, set: &RuleSet, ctx: &ChangeContext) -> Result<(), StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = stored(&tx, cohort)?;
        if old.as_ref() == Some(set) {
            return Ok(());
        }
        let action = if old.is_some() { "update" } else { "insert" };
        let details = json!({ "old": old, "new": set, "source": ctx.source });
        write(&tx, cohort, set, &ctx.actor, action, &details)?;
        tx.commit()?;
        Ok(())
    }
}

fn rule_set(row: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<RuleSet> {
    // Deserialising validates: a hand-edited invalid set is an error, never applied.
    parsed(row, col, |s| serde_json::from_str::<RuleSet>(s))
}

fn stored(conn: &Connection, cohort: i32) -> Result<Option<RuleSet>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT rows FROM rule_set WHERE cohort = ?1")?;
    Ok(stmt.query_row([cohort], |row| rule_set(row, 0)).optional()?)
}

fn write(
    conn: &Connection,
    cohort: i32,
    set: &RuleSet,
    actor: &str,
    action: &str,
    details: &serde_json::Value,
) -> Result<(), StoreError> {
    let at = now();
    let rows = serde_json::to_string(set).expect("a rule set serialises");
    conn.execute(
        "INSERT INTO rule_set (cohort, rows, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (cohort) DO UPDATE SET rows = ?2, updated_at = ?3, updated_by = ?4",
        params![cohort, rows, at, actor],
    )?;
    conn.execute(
        "INSERT INTO audit (at, actor, action, entity, entity_id, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at, actor, action, ENTITY, cohort, details.to_string()],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
