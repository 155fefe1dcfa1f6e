//! The insert / unchanged / update machinery shared by every imported table: rows are found
//! by a natural key in a map loaded once, compared column by column, written with statements
//! prepared once per apply and audited with the changed fields as `{field: [old, new]}`.

use std::collections::HashMap;
use std::hash::Hash;

use rusqlite::types::{ToSqlOutput, ValueRef};
use serde_json::{Map, Value as Json};

use super::audit::Batch;
use super::sql::{Args, Db, Row, Value};
use super::{ApplyCounts, StoreError};

/// A table written by imports; it has `id`, `created_at` and `updated_at` besides `columns`.
pub(crate) struct Table {
    pub name: &'static str,
    /// Written on insert and update and compared; the audit's field names.
    pub columns: &'static [&'static str],
    /// `(column, source)`: on insert, `column` starts as a copy of `source` and imports never
    /// write it again (a vacancy's places left).
    pub copy_on_insert: Option<(&'static str, &'static str)>,
}

pub(crate) enum Outcome {
    Inserted(i64),
    Updated { id: i64, changes: Map<String, Json> },
    Unchanged(i64),
}

impl Outcome {
    pub fn id(&self) -> i64 {
        match self {
            Outcome::Inserted(id) | Outcome::Updated { id, .. } | Outcome::Unchanged(id) => *id,
        }
    }

    /// Adds a change made beside the row (e.g. in a child table); an unchanged row becomes
    /// updated, an inserted one stays inserted.
    pub fn with_change(self, field: &str, old: Json, new: Json) -> Outcome {
        let change = Json::Array(vec![old, new]);
        match self {
            Outcome::Inserted(id) => Outcome::Inserted(id),
            Outcome::Unchanged(id) => {
                Outcome::Updated { id, changes: Map::from_iter([(field.to_string(), change)]) }
            }
            Outcome::Updated { id, mut changes } => {
                changes.insert(field.to_string(), change);
                Outcome::Updated { id, changes }
            }
        }
    }
}

struct Stored {
    id: i64,
    /// `None` for rows written by this apply: read back if their key comes again.
    values: Option<Vec<Value>>,
}

pub(crate) struct Upsert<'t, K> {
    table: &'static Table,
    conn: &'t Db,
    existing: HashMap<K, Stored>,
    /// Parameters `1..=n` are the columns; `n + 1` the time stamp; update's `n + 2` the id.
    insert: String,
    update: String,
    select: String,
    at: String,
    pub counts: ApplyCounts,
}

impl<'t, K: Hash + Eq> Upsert<'t, K> {
    /// Loads the rows an apply may meet (`filter`, a WHERE clause) in one query, keyed by `key`.
    pub fn load(
        batch: &Batch<'t>,
        table: &'static Table,
        filter: &str,
        params: impl Args,
        capacity: usize,
        key: impl Fn(&Row<'_>) -> rusqlite::Result<K>,
    ) -> Result<Upsert<'t, K>, StoreError> {
        let mut upsert = Upsert::new(batch, table, capacity)?;
        upsert.preload(filter, params, key)?;
        Ok(upsert)
    }

    /// Adds the rows `filter` selects to those loaded.
    pub fn preload(
        &mut self,
        filter: &str,
        params: impl Args,
        key: impl Fn(&Row<'_>) -> rusqlite::Result<K>,
    ) -> Result<(), StoreError> {
        let columns = self.table.columns.join(", ");
        let sql = format!("SELECT id, {columns} FROM {} WHERE {filter}", self.table.name);
        let width = self.table.columns.len();
        let existing = &mut self.existing;
        self.conn.query(&sql, params, |row| {
            let values =
                (1..=width).map(|i| Ok(Value::of(row.cell(i)?.as_ref()))).collect::<rusqlite::Result<_>>()?;
            existing.insert(key(row)?, Stored { id: row.get(0)?, values: Some(values) });
            Ok(())
        })?;
        Ok(())
    }

    pub fn new(
        batch: &Batch<'t>,
        table: &'static Table,
        capacity: usize,
    ) -> Result<Upsert<'t, K>, StoreError> {
        let columns = table.columns.join(", ");
        let n = table.columns.len();
        let existing = HashMap::with_capacity(capacity);

        let numbered = (1..=n).map(|i| format!("?{i}")).collect::<Vec<_>>();
        let (mut insert_columns, mut insert_values) = (columns.clone(), numbered.join(", "));
        if let Some((column, source)) = table.copy_on_insert {
            let at = table.columns.iter().position(|c| *c == source).expect("source is a column");
            insert_columns.push_str(&format!(", {column}"));
            insert_values.push_str(&format!(", ?{}", at + 1));
        }
        let assignments = table
            .columns
            .iter()
            .zip(&numbered)
            .map(|(c, p)| format!("{c} = {p}"))
            .collect::<Vec<_>>()
            .join(", ");
        let insert = format!(
            "INSERT INTO {} ({insert_columns}, created_at, updated_at) \
             VALUES ({insert_values}, ?{at}, ?{at})",
            table.name,
            at = n + 1
        );
        let update =
            format!("UPDATE {} SET {assignments}, updated_at = ?{} WHERE id = ?{}", table.name, n + 1, n + 2);
        let select = format!("SELECT {columns} FROM {} WHERE id = ?1", table.name);
        Ok(Upsert {
            table,
            conn: batch.conn,
            existing,
            insert,
            update,
            select,
            at: batch.at.clone(),
            counts: ApplyCounts::default(),
        })
    }

    /// Inserts the row or updates it where `values` differ from what is stored.
    pub fn write(&mut self, key: K, values: &[ValueRef<'_>]) -> Result<Outcome, StoreError> {
        debug_assert_eq!(values.len(), self.table.columns.len());
        let mut bound: Vec<ToSqlOutput<'_>> = values.iter().map(|v| ToSqlOutput::Borrowed(*v)).collect();
        bound.push(ToSqlOutput::Borrowed(ValueRef::Text(self.at.as_bytes())));
        let Some(stored) = self.existing.get_mut(&key) else {
            let id = self.conn.insert(&self.insert, bound)?;
            self.existing.insert(key, Stored { id, values: None });
            return Ok(Outcome::Inserted(id));
        };
        let id = stored.id;
        let old = match stored.values.take() {
            Some(old) => old,
            None => self.conn.query_one(&self.select, [id], |row| {
                (0..values.len()).map(|i| Ok(Value::of(row.cell(i)?.as_ref()))).collect()
            })?,
        };
        let changes: Map<String, Json> = self
            .table
            .columns
            .iter()
            .zip(old.iter().zip(values))
            .filter(|(_, (old, new))| old.as_ref() != **new)
            .map(|(column, (old, new))| {
                (column.to_string(), Json::Array(vec![json(old.as_ref()), json(*new)]))
            })
            .collect();
        if changes.is_empty() {
            stored.values = Some(old);
            return Ok(Outcome::Unchanged(id));
        }
        bound.push(ToSqlOutput::Borrowed(ValueRef::Integer(id)));
        self.conn.execute(&self.update, bound)?;
        Ok(Outcome::Updated { id, changes })
    }

    pub fn record(&mut self, batch: &mut Batch<'_>, outcome: Outcome) -> Result<i64, StoreError> {
        let id = outcome.id();
        match outcome {
            Outcome::Inserted(_) => {
                self.counts.imported += 1;
                batch.audit("insert", self.table.name, id, None)?;
            }
            Outcome::Updated { changes, .. } => {
                self.counts.updated += 1;
                let details = Json::Object(changes).to_string();
                batch.audit("update", self.table.name, id, Some(details))?;
            }
            Outcome::Unchanged(_) => self.counts.unchanged += 1,
        }
        Ok(id)
    }
}

fn json(value: ValueRef<'_>) -> Json {
    match value {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into(),
        ValueRef::Blob(b) => b.into(),
    }
}
