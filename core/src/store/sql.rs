//! Statements that run on either store, the file (SQLite) or the server (PostgreSQL): the
//! store's reads and steps are written once for both. A statement is written as SQLite writes
//! it, with `?1`, `?2`… placeholders, in the SQL both dialects share; its values are SQLite's
//! five storage classes, which the server's columns mirror (BIGINT, DOUBLE PRECISION, TEXT,
//! BYTEA). The few pieces one dialect lacks are asked of [`Db`] ([`Db::id_list`], …).

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::{IsNull, Kind, ToSql, Type, to_sql_checked};
use rusqlite::types::{FromSql, ToSqlOutput, ValueRef};

use super::server::{Role, ServerError, another_desk};
use super::{Counts, StoreError};

/// A value as SQLite stores it; a server's column is read back as the same.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    pub(crate) fn of(value: ValueRef<'_>) -> Value {
        match value {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(r) => Value::Real(r),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        }
    }

    /// A parameter as rusqlite would bind it.
    fn of_output(output: ToSqlOutput<'_>) -> Value {
        match output {
            ToSqlOutput::Borrowed(v) => Value::of(v),
            ToSqlOutput::Owned(v) => Value::of((&v).into()),
            _ => unreachable!("the store binds plain values only"),
        }
    }

    pub(crate) fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(r) => ValueRef::Real(*r),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }
    }

    /// Column `i` of a server row, by the column's (base) type: a boolean is SQLite's 0 or 1.
    pub(crate) fn from_server(row: &postgres::Row, i: usize) -> Result<Value, postgres::Error> {
        fn or_null<T>(value: Option<T>, of: impl FnOnce(T) -> Value) -> Value {
            value.map_or(Value::Null, of)
        }
        Ok(match *row.columns()[i].type_() {
            Type::INT8 => or_null(row.try_get::<_, Option<i64>>(i)?, Value::Integer),
            Type::INT4 => or_null(row.try_get::<_, Option<i32>>(i)?, |n| Value::Integer(n.into())),
            Type::INT2 => or_null(row.try_get::<_, Option<i16>>(i)?, |n| Value::Integer(n.into())),
            Type::BOOL => or_null(row.try_get::<_, Option<bool>>(i)?, |b| Value::Integer(b.into())),
            Type::FLOAT8 => or_null(row.try_get::<_, Option<f64>>(i)?, Value::Real),
            Type::BYTEA => or_null(row.try_get::<_, Option<Vec<u8>>>(i)?, Value::Blob),
            _ => or_null(row.try_get::<_, Option<String>>(i)?, Value::Text),
        })
    }
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        // A domain's value is its base type's (JSON columns are TEXT under a domain).
        if let Kind::Domain(base) = ty.kind() {
            return self.to_sql(base, out);
        }
        match (self, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Integer(i), &Type::FLOAT8) => (*i as f64).to_sql(ty, out),
            (Value::Integer(i), &Type::INT4) => i32::try_from(*i)?.to_sql(ty, out),
            (Value::Integer(i), &Type::BOOL) => (*i != 0).to_sql(ty, out),
            // A bare `?1` the server cannot place reads as text, as SQLite would compare it.
            (Value::Integer(i), &Type::TEXT) => i.to_string().to_sql(ty, out),
            (Value::Integer(i), _) => i.to_sql(ty, out),
            (Value::Real(r), _) => r.to_sql(ty, out),
            (Value::Text(t), _) => t.to_sql(ty, out),
            (Value::Blob(b), _) => b.to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        match ty.kind() {
            Kind::Domain(base) => Self::accepts(base),
            _ => [Type::INT8, Type::INT4, Type::BOOL, Type::FLOAT8, Type::TEXT, Type::BYTEA].contains(ty),
        }
    }

    to_sql_checked!();
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(self.as_ref()))
    }
}

/// A statement's parameters: `params![…]`, an array or a slice of bindable values, or `()`.
pub(crate) trait Args {
    fn list(&self) -> Vec<&dyn rusqlite::ToSql>;
}

impl Args for () {
    fn list(&self) -> Vec<&dyn rusqlite::ToSql> {
        Vec::new()
    }
}

impl<T: rusqlite::ToSql> Args for &[T] {
    fn list(&self) -> Vec<&dyn rusqlite::ToSql> {
        each(self)
    }
}

impl<T: rusqlite::ToSql, const N: usize> Args for [T; N] {
    fn list(&self) -> Vec<&dyn rusqlite::ToSql> {
        each(self)
    }
}

impl<T: rusqlite::ToSql> Args for Vec<T> {
    fn list(&self) -> Vec<&dyn rusqlite::ToSql> {
        each(self)
    }
}

fn each<T: rusqlite::ToSql>(values: &[T]) -> Vec<&dyn rusqlite::ToSql> {
    values.iter().map(|v| v as &dyn rusqlite::ToSql).collect()
}

fn server_values(args: &impl Args) -> Result<Vec<Value>, StoreError> {
    args.list().into_iter().map(|v| Ok(Value::of_output(v.to_sql()?))).collect()
}

/// A column of a row, by its position or its name.
pub(crate) trait Col: rusqlite::RowIndex + Copy {
    fn position(self, columns: &[postgres::Column]) -> Option<usize>;
}

impl Col for usize {
    fn position(self, columns: &[postgres::Column]) -> Option<usize> {
        (self < columns.len()).then_some(self)
    }
}

impl Col for &str {
    fn position(self, columns: &[postgres::Column]) -> Option<usize> {
        columns.iter().position(|c| c.name() == self)
    }
}

/// One row of an answer, from either store; its values read as SQLite's.
pub(crate) enum Row<'a> {
    File(&'a rusqlite::Row<'a>),
    Server(&'a postgres::Row),
}

/// A row's value, borrowed from the file's row or read from the server's.
pub(crate) enum Cell<'a> {
    File(ValueRef<'a>),
    Server(Value),
}

impl Cell<'_> {
    pub(crate) fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Cell::File(v) => *v,
            Cell::Server(v) => v.as_ref(),
        }
    }
}

impl Row<'_> {
    pub(crate) fn cell<I: Col>(&self, col: I) -> rusqlite::Result<Cell<'_>> {
        match self {
            Row::File(row) => row.get_ref(col).map(Cell::File),
            Row::Server(row) => {
                let i = col.position(row.columns()).ok_or(rusqlite::Error::InvalidColumnIndex(usize::MAX))?;
                Value::from_server(row, i).map(Cell::Server).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Null, e.into())
                })
            }
        }
    }

    pub(crate) fn get<I: Col, T: FromSql>(&self, col: I) -> rusqlite::Result<T> {
        match self {
            Row::File(row) => row.get(col),
            Row::Server(_) => {
                let cell = self.cell(col)?;
                T::column_result(cell.as_ref()).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Null, e.into())
                })
            }
        }
    }

    /// The columns' names, in order.
    pub(crate) fn names(&self) -> Vec<String> {
        match self {
            Row::File(row) => row.as_ref().column_names().map(str::to_owned).collect(),
            Row::Server(row) => row.columns().iter().map(|c| c.name().to_owned()).collect(),
        }
    }
}

/// The register's connection: the file's, or a desk's session on the server.
pub(crate) enum Conn {
    File(rusqlite::Connection),
    Server(Box<Session>),
}

/// A desk's connection to the server, with the statements it prepared: each is parsed by the
/// server once per connection, as the file's are cached.
pub(crate) struct Session {
    client: RefCell<postgres::Client>,
    /// Who signed in, and their role as the server grants it.
    seat: (String, Role),
    /// Whether a transaction begun by [`Db::begin`] is open.
    in_transaction: std::cell::Cell<bool>,
    /// Whether the open transaction was refused for another desk's (serialisation, deadlock).
    conflicted: std::cell::Cell<bool>,
    statements: RefCell<HashMap<String, postgres::Statement>>,
}

impl Session {
    pub(crate) fn new(client: postgres::Client, person: String, role: Role) -> Session {
        Session {
            seat: (person, role),
            client: RefCell::new(client),
            in_transaction: std::cell::Cell::new(false),
            conflicted: std::cell::Cell::new(false),
            statements: RefCell::new(HashMap::new()),
        }
    }

    pub(crate) fn client(&mut self) -> &mut postgres::Client {
        self.client.get_mut()
    }

    /// The connection, borrowed for a statement of the server's own (its search).
    pub(crate) fn borrow_client(&self) -> std::cell::RefMut<'_, postgres::Client> {
        self.client.borrow_mut()
    }

    fn statement(&self, sql: &str) -> Result<postgres::Statement, ServerError> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.borrow_mut().prepare(&numbered(sql))?;
        self.statements.borrow_mut().insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    fn query(&self, sql: &str, args: &impl Args) -> Result<Vec<postgres::Row>, StoreError> {
        self.run(sql, args, |client, statement, params| client.query(statement, params))
    }

    fn execute(&self, sql: &str, args: &impl Args) -> Result<usize, StoreError> {
        Ok(self.run(sql, args, |client, statement, params| client.execute(statement, params))? as usize)
    }

    /// Runs the statement `sql` (prepared once) with `args` through `how`.
    fn run<T>(
        &self,
        sql: &str,
        args: &impl Args,
        how: impl FnOnce(
            &mut postgres::Client,
            &postgres::Statement,
            &[&(dyn ToSql + Sync)],
        ) -> Result<T, postgres::Error>,
    ) -> Result<T, StoreError> {
        let values = server_values(args)?;
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let statement = self.statement(sql)?;
        self.answer(how(&mut self.client.borrow_mut(), &statement, &params))
    }

    fn batch(&self, sql: &str) -> Result<(), StoreError> {
        self.answer(self.client.borrow_mut().batch_execute(sql))
    }

    /// The server's answer, noting a refusal for another desk's transaction.
    fn answer<T>(&self, answer: Result<T, postgres::Error>) -> Result<T, StoreError> {
        answer.map_err(|e| {
            if another_desk(&e) {
                self.conflicted.set(true);
            }
            ServerError::from(e).into()
        })
    }
}

/// The register's reads and statements, on the open store ([`super::Store`]) and inside a
/// step's transaction ([`super::Tx`]), both of which dereference to it.
pub struct Db(pub(crate) Conn);

impl Db {
    /// Every row of `sql`, each read by `map`.
    pub(crate) fn query<T>(
        &self,
        sql: &str,
        args: impl Args,
        mut map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        match &self.0 {
            Conn::File(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(args.list()))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    out.push(map(&Row::File(row))?);
                }
                Ok(out)
            }
            Conn::Server(session) => {
                let rows = session.query(sql, &args)?;
                Ok(rows.iter().map(|row| map(&Row::Server(row))).collect::<rusqlite::Result<_>>()?)
            }
        }
    }

    /// The first row of `sql`, if there is one.
    pub(crate) fn query_opt<T>(
        &self,
        sql: &str,
        args: impl Args,
        map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>, StoreError> {
        match &self.0 {
            Conn::File(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(args.list()))?;
                Ok(rows.next()?.map(|row| map(&Row::File(row))).transpose()?)
            }
            Conn::Server(session) => {
                let rows = session.query(sql, &args)?;
                Ok(rows.first().map(|row| map(&Row::Server(row))).transpose()?)
            }
        }
    }

    /// The one row `sql` answers.
    pub(crate) fn query_one<T>(
        &self,
        sql: &str,
        args: impl Args,
        map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        self.query_opt(sql, args, map)?.ok_or(StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows))
    }

    /// Runs one statement; how many rows it changed.
    pub(crate) fn execute(&self, sql: &str, args: impl Args) -> Result<usize, StoreError> {
        match &self.0 {
            Conn::File(conn) => {
                Ok(conn.prepare_cached(sql)?.execute(rusqlite::params_from_iter(args.list()))?)
            }
            Conn::Server(session) => session.execute(sql, &args),
        }
    }

    /// Runs an `INSERT` and answers the new row's id.
    pub(crate) fn insert(&self, sql: &str, args: impl Args) -> Result<i64, StoreError> {
        self.query_one(&format!("{sql} RETURNING id"), args, |row| row.get(0))
    }

    /// Statements without parameters, one after another.
    pub(crate) fn batch(&self, sql: &str) -> Result<(), StoreError> {
        match &self.0 {
            Conn::File(conn) => Ok(conn.execute_batch(sql)?),
            Conn::Server(session) => session.batch(sql),
        }
    }

    /// The file's connection, for what only the file has (its pragmas, `VACUUM INTO`, FTS5).
    pub(crate) fn file(&self) -> Option<&rusqlite::Connection> {
        match &self.0 {
            Conn::File(conn) => Some(conn),
            Conn::Server(_) => None,
        }
    }

    /// Who signed in to the server's register, and their role; none on the file.
    pub fn seat(&self) -> Option<(&str, Role)> {
        match &self.0 {
            Conn::Server(session) => Some((session.seat.0.as_str(), session.seat.1)),
            Conn::File(_) => None,
        }
    }

    /// Whether the register is on a server.
    pub fn on_server(&self) -> bool {
        matches!(self.0, Conn::Server(_))
    }

    /// The ids (or codes) of a JSON array bound to parameter `?n`, as a subquery's one column:
    /// one statement for any number of them.
    pub(crate) fn id_list(&self, n: usize) -> String {
        match self.0 {
            Conn::File(_) => format!("SELECT value FROM json_each(?{n})"),
            Conn::Server(_) => format!("SELECT CAST(value AS BIGINT) FROM ({}) AS ids", self.text_list(n)),
        }
    }

    /// As [`Db::id_list`], for text values.
    pub(crate) fn text_list(&self, n: usize) -> String {
        match self.0 {
            Conn::File(_) => format!("SELECT value FROM json_each(?{n})"),
            Conn::Server(_) => {
                format!("SELECT value FROM json_array_elements_text(CAST(?{n} AS TEXT)::json)")
            }
        }
    }

    /// The integer at `path` in the JSON text of `column` (NULL where there is none).
    pub(crate) fn json_integer(&self, column: &str, path: &[&str]) -> String {
        match self.0 {
            Conn::File(_) => format!("json_extract({column}, '$.{}')", path.join(".")),
            Conn::Server(_) => format!("CAST(CAST({column} AS json) #>> '{{{}}}' AS BIGINT)", path.join(",")),
        }
    }

    /// Starts a write transaction: the file's takes its write lock at once; the server's is
    /// serialisable, so that desks writing at once behave as if one wrote after the other.
    pub(crate) fn begin(&self) -> Result<Begun<'_>, StoreError> {
        self.batch(match self.0 {
            Conn::File(_) => "BEGIN IMMEDIATE",
            Conn::Server(_) => "BEGIN ISOLATION LEVEL SERIALIZABLE",
        })?;
        self.transaction_open(true);
        Ok(Begun { db: self, open: true })
    }

    /// Whether the last transaction on the server was refused for another desk's: running it
    /// again may succeed.
    pub(crate) fn conflicted(&self) -> bool {
        matches!(&self.0, Conn::Server(session) if session.conflicted.get())
    }

    /// Whether a transaction is open: a read that seeds what is missing writes in its own
    /// only outside one.
    pub(crate) fn in_transaction(&self) -> bool {
        match &self.0 {
            Conn::File(conn) => !conn.is_autocommit(),
            Conn::Server(session) => session.in_transaction.get(),
        }
    }

    /// Notes the server's transaction open or ended; a new one starts with no conflict.
    fn transaction_open(&self, open: bool) {
        if let Conn::Server(session) = &self.0 {
            session.in_transaction.set(open);
            if open {
                session.conflicted.set(false);
            }
        }
    }

    /// What the register holds, in numbers, for the window's first screen and the server's status.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<u32, StoreError> {
            let n: i64 = self.query_one(&format!("SELECT COUNT(*) FROM {table}"), (), |r| r.get(0))?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        };
        Ok(Counts {
            years: self.query(
                "SELECT graduation_year FROM graduate UNION SELECT year FROM commission \
                 UNION SELECT year FROM vacancy ORDER BY 1 DESC",
                (),
                |r| r.get(0),
            )?,
            graduates: count("graduate")?,
            vacancies: count("vacancy")?,
            meetings: count("meeting")?,
        })
    }
}

/// A transaction begun on a [`Db`]: rolled back unless committed.
pub(crate) struct Begun<'d> {
    pub(crate) db: &'d Db,
    open: bool,
}

impl Begun<'_> {
    pub(crate) fn commit(mut self) -> Result<(), StoreError> {
        self.end("COMMIT")
    }

    pub(crate) fn rollback(mut self) -> Result<(), StoreError> {
        self.end("ROLLBACK")
    }

    fn end(&mut self, how: &str) -> Result<(), StoreError> {
        self.open = false;
        self.db.transaction_open(false);
        self.db.batch(how)
    }
}

impl Drop for Begun<'_> {
    fn drop(&mut self) {
        if self.open {
            // A failed statement may have ended the transaction already; nothing more to undo.
            drop(self.end("ROLLBACK"));
        }
    }
}

/// SQLite's `?1`, `?2`… (or bare `?`, numbered in order) as the server's `$1`, `$2`…; a `?`
/// inside a quoted literal or name stays as it is.
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let (mut quote, mut next) = (None, 1);
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '?') => {
                let mut digits = String::new();
                while let Some(d) = chars.next_if(char::is_ascii_digit) {
                    digits.push(d);
                }
                if digits.is_empty() {
                    digits = next.to_string();
                }
                // As SQLite numbers a bare `?`: one past the largest number so far.
                next = digits.parse::<usize>().map_or(next, |n| next.max(n + 1));
                out.push('$');
                out.push_str(&digits);
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn placeholders_are_numbered_for_the_server_outside_quotes() {
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ?1 AND c = ?2"),
            "SELECT a FROM t WHERE b = $1 AND c = $2"
        );
        assert_eq!(numbered("x = ? AND y = ? OR z = ?1"), "x = $1 AND y = $2 OR z = $1");
        assert_eq!(numbered("x = ?2 AND y = ?"), "x = $2 AND y = $3");
        assert_eq!(numbered("x = '?1' AND \"a?\" = ?3"), "x = '?1' AND \"a?\" = $3");
        assert_eq!(numbered("x = 'it''s ?' AND y = ?"), "x = 'it''s ?' AND y = $1");
    }
}
