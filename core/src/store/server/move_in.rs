//! Moving a desk's register in: every table of the SQLite file copied into an empty register
//! on the server in one transaction (binary COPY), then read back and compared, table by table,
//! by its row count and a SHA-256 over its rows in key order. Any difference rolls the whole
//! copy back. The file itself is only read.

use std::collections::{BTreeMap, BTreeSet};

use postgres::Transaction;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Server, ServerError};
use crate::store::sql::Value;
use crate::store::{Store, StoreError};

/// One table moved: its rows and the checksum both sides gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TableMoved {
    pub table: String,
    pub rows: u64,
    /// SHA-256 (hex) of the rows in key order, the same on the file and on the server.
    pub checksum: String,
}

/// What moved in, table by table, all verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MovedIn {
    pub schema_version: u32,
    pub tables: Vec<TableMoved>,
}

/// What a checksum and a copy need of a value.
impl Value {
    /// Tagged and length-prefixed, so that no two rows hash alike by running into each other.
    fn hash_into(&self, hash: &mut Sha256) {
        match self {
            Value::Null => hash.update(b"n"),
            Value::Integer(i) => {
                hash.update(b"i");
                hash.update(i.to_be_bytes());
            }
            Value::Real(r) => {
                hash.update(b"r");
                hash.update(r.to_bits().to_be_bytes());
            }
            Value::Text(t) => {
                hash.update(b"t");
                hash.update((t.len() as u64).to_be_bytes());
                hash.update(t.as_bytes());
            }
            Value::Blob(b) => {
                hash.update(b"b");
                hash.update((b.len() as u64).to_be_bytes());
                hash.update(b);
            }
        }
    }

    fn fits(&self, ty: &Type) -> bool {
        matches!(
            (self, ty),
            (Value::Null, _)
                | (Value::Integer(_), &Type::INT8)
                | (Value::Real(_) | Value::Integer(_), &Type::FLOAT8)
                | (Value::Text(_), &Type::TEXT)
                | (Value::Blob(_), &Type::BYTEA)
        )
    }
}

/// A table of the file: its columns, and those of its primary key (the order rows are hashed in).
struct Table {
    name: String,
    columns: Vec<String>,
    key: Vec<String>,
    /// The tables its foreign keys name (itself, for a revision's decision, included).
    references: Vec<String>,
}

/// Every table after those it references (the schema's references form no cycle but a table's
/// own), so that each copy's foreign keys find their rows.
/// A file whose references go round (no register's do) is not a register.
fn referenced_first(mut left: Vec<Table>) -> Result<Vec<Table>, ServerError> {
    let mut ordered: Vec<Table> = Vec::with_capacity(left.len());
    while let Some(first) = left.first() {
        let ready = left
            .iter()
            .position(|t| t.references.iter().all(|r| *r == t.name || ordered.iter().any(|o| o.name == *r)))
            .ok_or_else(|| ServerError::NotTheRegister { table: first.name.clone() })?;
        ordered.push(left.remove(ready));
    }
    Ok(ordered)
}

/// The file's tables and columns must be the server's register's, name for name: then no name
/// the file holds reaches a statement unless the server's schema has it too.
fn same_tables(tx: &mut Transaction, tables: &[Table]) -> Result<(), ServerError> {
    let mut on_server: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let columns = tx.query(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name <> 'joldama_schema'",
        &[],
    )?;
    for row in &columns {
        on_server.entry(row.get(0)).or_default().insert(row.get(1));
    }
    for table in tables {
        let columns: BTreeSet<String> = table.columns.iter().cloned().collect();
        if on_server.remove(&table.name).as_ref() != Some(&columns) {
            return Err(ServerError::NotTheRegister { table: table.name.clone() });
        }
    }
    match on_server.into_keys().next() {
        Some(table) => Err(ServerError::NotTheRegister { table }),
        None => Ok(()),
    }
}

impl Table {
    /// The file's tables, as it names them.
    fn list(store: &Store) -> Result<Vec<Table>, StoreError> {
        let conn = store.file()?;
        // The full-text index is the file's own; the server's is an index of `graduate`.
        let mut names = conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE 'graduate_search%' ORDER BY name",
        )?;
        let names: Vec<String> = names.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut columns = conn.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
        names
            .into_iter()
            .map(|name| {
                let all: Vec<(String, i64)> =
                    columns.query_map([&name], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
                let mut key: Vec<&(String, i64)> = all.iter().filter(|(_, pk)| *pk > 0).collect();
                key.sort_by_key(|(_, pk)| *pk);
                let key = key.into_iter().map(|(c, _)| c.clone()).collect();
                let mut refs =
                    conn.prepare_cached("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)")?;
                let references = refs.query_map([&name], |r| r.get(0))?.collect::<Result<_, _>>()?;
                Ok(Table { columns: all.into_iter().map(|(c, _)| c).collect(), key, references, name })
            })
            .collect()
    }

    fn column_list(&self) -> String {
        self.columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
    }

    /// The file's key order: SQLite's BINARY collation compares text as bytes.
    fn order(&self) -> String {
        self.key.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
    }
}

/// The same order on the server: integer keys as numbers, text keys in the "C" collation
/// (bytes), whatever collation the server's database was made with.
fn order_on_server(tx: &mut Transaction, table: &Table) -> Result<String, ServerError> {
    let mut parts = Vec::new();
    for column in &table.key {
        let ty: String = tx
            .query_one(
                "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() \
                 AND table_name = $1 AND column_name = $2",
                &[&table.name, column],
            )?
            .get(0);
        parts.push(if ty == "text" {
            format!("\"{column}\" COLLATE \"C\"")
        } else {
            format!("\"{column}\"")
        });
    }
    Ok(parts.join(", "))
}

/// Counts and hashes a table's rows in key order.
struct Tally {
    rows: u64,
    hash: Sha256,
}

impl Tally {
    fn new() -> Tally {
        Tally { rows: 0, hash: Sha256::new() }
    }

    fn row(&mut self, values: &[Value]) {
        self.rows += 1;
        values.iter().for_each(|v| v.hash_into(&mut self.hash));
    }

    fn finish(self) -> (u64, String) {
        let digest = self.hash.finalize();
        (self.rows, digest.iter().map(|b| format!("{b:02x}")).collect())
    }
}

impl Server {
    /// Copies `store` (a desk's file, already at this build's version) into this server's
    /// register, which must be empty, and verifies every table; all of it or nothing.
    pub fn move_in(&mut self, store: &Store) -> Result<MovedIn, ServerError> {
        let version = store.schema_version()?;
        let supported = super::SERVER_SCHEMA;
        if version != supported {
            return Err(ServerError::SchemaTooNew { found: version, supported });
        }
        let tables = referenced_first(Table::list(store)?)?;
        let mut tx = self.client().transaction()?;
        same_tables(&mut tx, &tables)?;
        refuse_unless_empty(&mut tx, &tables)?;
        // The locks would refuse a finalised meeting's rows as they arrive: the owner lifts
        // them for this transaction only (the tables stay locked to every other desk until
        // it ends). Foreign keys stay on: tables are copied referenced first.
        let each = |verb: &str| {
            tables
                .iter()
                .map(|t| format!("ALTER TABLE \"{}\" {verb} TRIGGER USER;", t.name))
                .collect::<String>()
        };
        tx.batch_execute(&format!("{} DELETE FROM university;", each("DISABLE")))?;
        let mut moved = Vec::with_capacity(tables.len());
        for table in &tables {
            let (rows, checksum) = copy_table(store, &mut tx, table)?;
            moved.push(TableMoved { table: table.name.clone(), rows, checksum });
        }
        tx.batch_execute(&each("ENABLE"))?;
        for (table, file) in tables.iter().zip(&moved) {
            let (server_rows, checksum) = tally_server(&mut tx, table)?;
            if (server_rows, &checksum) != (file.rows, &file.checksum) {
                return Err(ServerError::Mismatch {
                    table: table.name.clone(),
                    file_rows: file.rows,
                    server_rows,
                });
            }
        }
        // New rows continue after the file's ids.
        tx.batch_execute(
            "DO $$ DECLARE t record; BEGIN \
             FOR t IN SELECT table_name FROM information_schema.columns \
                      WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES' LOOP \
               EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), COALESCE((SELECT max(id) FROM %I), 0) + 1, false)', \
                              t.table_name, t.table_name); \
             END LOOP; END $$;",
        )?;
        // The register's history says when it came and from where (its actor is whoever
        // signed in, as the audit's trigger makes every actor).
        let details = serde_json::json!({
            "file": store.path().map(|p| p.display().to_string()),
            "tables": moved.iter().map(|t| (t.table.clone(), t.rows)).collect::<std::collections::BTreeMap<_, _>>(),
        });
        tx.execute(
            "INSERT INTO audit (at, actor, action, entity, details) VALUES ($1, session_user, 'move_in', 'register', $2)",
            &[&crate::store::now(), &details.to_string()],
        )?;
        tx.commit()?;
        // A bulk load leaves the planner without statistics and the visibility map empty
        // (no index-only scans): both made now rather than when autovacuum comes round.
        self.client().batch_execute("VACUUM (ANALYZE)")?;
        Ok(MovedIn { schema_version: version, tables: moved })
    }
}

/// Nothing but the placeholder university a new register starts with.
fn refuse_unless_empty(tx: &mut Transaction, tables: &[Table]) -> Result<(), ServerError> {
    for table in tables {
        let extra = if table.name == "university" {
            "WHERE id <> 1 OR name_kk <> 'Университет'"
        } else {
            ""
        };
        let found: bool =
            tx.query_one(&format!("SELECT EXISTS (SELECT 1 FROM \"{}\" {extra})", table.name), &[])?.get(0);
        if found {
            return Err(ServerError::NotEmpty { table: table.name.clone() });
        }
    }
    Ok(())
}

/// Streams the file's rows into the server's table; answers the file's tally.
fn copy_table(store: &Store, tx: &mut Transaction, table: &Table) -> Result<(u64, String), ServerError> {
    let columns = table.column_list();
    let types: Vec<Type> = tx
        .prepare(&format!("SELECT {columns} FROM \"{}\" LIMIT 0", table.name))?
        .columns()
        .iter()
        .map(|c| c.type_().clone())
        .collect();
    let sink = tx.copy_in(&format!("COPY \"{}\" ({columns}) FROM STDIN (FORMAT binary)", table.name))?;
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    let mut stmt = store
        .file()?
        .prepare(&format!("SELECT {columns} FROM \"{}\" ORDER BY {}", table.name, table.order()))
        .map_err(StoreError::from)?;
    let mut rows = stmt.query([]).map_err(StoreError::from)?;
    let mut tally = Tally::new();
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        let values: Vec<Value> = (0..types.len())
            .map(|i| row.get_ref(i).map(Value::of))
            .collect::<Result<_, _>>()
            .map_err(StoreError::from)?;
        if let Some(i) = values.iter().zip(&types).position(|(v, ty)| !v.fits(ty)) {
            return Err(ServerError::OddValue {
                table: table.name.clone(),
                column: table.columns[i].clone(),
                row: tally.rows + 1,
            });
        }
        tally.row(&values);
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        writer.write(&refs)?;
    }
    writer.finish()?;
    Ok(tally.finish())
}

/// Reads a table back row by row as it streams in: an audit of a million rows is never held
/// whole.
fn tally_server(tx: &mut Transaction, table: &Table) -> Result<(u64, String), ServerError> {
    let order = order_on_server(tx, table)?;
    let sql = format!("SELECT {} FROM \"{}\" ORDER BY {order}", table.column_list(), table.name);
    let mut rows = tx.query_raw(&sql, std::iter::empty::<i64>())?;
    let mut tally = Tally::new();
    while let Some(row) = rows.next()? {
        let values: Vec<Value> =
            (0..row.len()).map(|i| Value::from_server(&row, i)).collect::<Result<_, _>>()?;
        tally.row(&values);
    }
    Ok(tally.finish())
}
