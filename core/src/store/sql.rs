//! Statements that run on either store, the file (SQLite) or the server (PostgreSQL): the
//! store's reads written once for both, as the README's «Several desks» plans for all of them.
//! A statement is written as SQLite writes it, with `?1`, `?2`… placeholders, in the SQL both
//! dialects share; its values are SQLite's five storage classes, which the server's columns
//! mirror (BIGINT, DOUBLE PRECISION, TEXT, BYTEA).

use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use rusqlite::types::ValueRef;

use super::Counts;
use super::server::ServerError;

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

    fn integer(&self) -> Option<i64> {
        match self {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    }
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) if *ty == Type::FLOAT8 => (*i as f64).to_sql(ty, out),
            Value::Integer(i) => i.to_sql(ty, out),
            Value::Real(r) => r.to_sql(ty, out),
            Value::Text(t) => t.to_sql(ty, out),
            Value::Blob(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        [Type::INT8, Type::FLOAT8, Type::TEXT, Type::BYTEA].contains(ty)
    }

    to_sql_checked!();
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(r) => ValueRef::Real(*r),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// A connection that answers the store's statements: the file's or the server's.
pub(crate) trait Reader {
    type Error;
    /// Every row of `sql`, as values.
    fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, Self::Error>;
    /// Column `column` of a row held a value of another kind than the statement reads.
    fn odd(column: usize) -> Self::Error;
}

impl Reader for &rusqlite::Connection {
    type Error = rusqlite::Error;

    fn rows(&mut self, sql: &str, params: &[Value]) -> rusqlite::Result<Vec<Vec<Value>>> {
        let mut stmt = self.prepare_cached(sql)?;
        let width = stmt.column_count();
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |row| {
            (0..width).map(|i| row.get_ref(i).map(Value::of)).collect()
        })?;
        rows.collect()
    }

    fn odd(column: usize) -> rusqlite::Error {
        rusqlite::Error::InvalidColumnType(column, String::new(), rusqlite::types::Type::Null)
    }
}

impl Reader for postgres::Client {
    type Error = ServerError;

    fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, ServerError> {
        let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let rows = self.query(&numbered(sql), &params)?;
        let values = rows.iter().map(|row| (0..row.len()).map(|i| Value::from_server(row, i)).collect());
        Ok(values.collect::<Result<_, _>>()?)
    }

    fn odd(column: usize) -> ServerError {
        ServerError::Unexpected { what: format!("column {}", column + 1) }
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

/// The one value of a statement that answers one row of one column.
fn one<R: Reader>(db: &mut R, sql: &str) -> Result<i64, R::Error> {
    let rows = db.rows(sql, &[])?;
    rows.first().and_then(|row| row.first()).and_then(Value::integer).ok_or_else(|| R::odd(0))
}

/// What the register holds, in numbers, for the window's first screen and the server's status.
pub(crate) fn counts<R: Reader>(db: &mut R) -> Result<Counts, R::Error> {
    let years = db.rows(
        "SELECT graduation_year FROM graduate UNION SELECT year FROM commission \
         UNION SELECT year FROM vacancy ORDER BY 1 DESC",
        &[],
    )?;
    let year = |row: &Vec<Value>| row.first().and_then(Value::integer).and_then(|y| i32::try_from(y).ok());
    let count = |n: i64| u32::try_from(n).map_err(|_| R::odd(0));
    Ok(Counts {
        years: years.iter().map(|row| year(row).ok_or_else(|| R::odd(0))).collect::<Result<_, _>>()?,
        graduates: count(one(db, "SELECT COUNT(*) FROM graduate")?)?,
        vacancies: count(one(db, "SELECT COUNT(*) FROM vacancy")?)?,
        meetings: count(one(db, "SELECT COUNT(*) FROM meeting")?)?,
    })
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
