//! Model values to SQL values and back: enum codes, identifiers and dates as TEXT.

use super::sql::{Col, Row};
use chrono::{Datelike, NaiveDate};
use rusqlite::types::{Type, ValueRef};

pub(crate) fn text(s: &str) -> ValueRef<'_> {
    ValueRef::Text(s.as_bytes())
}

pub(crate) fn opt_text(s: Option<&str>) -> ValueRef<'_> {
    s.map_or(ValueRef::Null, text)
}

/// Ids as one JSON array, bound to a single [`super::Db::id_list`]: one statement for any number.
pub(crate) fn json_ids(ids: &[i64]) -> String {
    serde_json::to_string(ids).expect("integers serialise")
}

/// `YYYY-MM-DD`, as dates are stored.
pub(crate) fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// `YYYY-MM-DD` written into `buf`, so that binding a date allocates nothing. Birth dates
/// are far inside years 1000–9999 (an IIN's century digit says 1800–2099).
pub(crate) fn iso_date(date: NaiveDate, buf: &mut [u8; 10]) -> ValueRef<'_> {
    fn digits(out: &mut [u8], mut n: u32) {
        for b in out.iter_mut().rev() {
            *b = b'0' + (n % 10) as u8;
            n /= 10;
        }
    }
    digits(&mut buf[0..4], date.year().clamp(0, 9999) as u32);
    buf[4] = b'-';
    digits(&mut buf[5..7], date.month());
    buf[7] = b'-';
    digits(&mut buf[8..10], date.day());
    ValueRef::Text(buf)
}

#[derive(Debug, thiserror::Error)]
#[error("unknown code «{0}»")]
struct UnknownCode(String);

/// A TEXT column parsed into its Rust type; a stored value that does not parse is an error
/// (the CHECKs should make it impossible).
pub(crate) fn parsed<T, E>(
    row: &Row<'_>,
    col: impl Col,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> rusqlite::Result<T>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let cell = row.cell(col)?;
    let value = cell.as_ref();
    let failure = |e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(0, Type::Text, e)
    };
    parse(value.as_str().map_err(|e| failure(Box::new(e)))?).map_err(|e| failure(Box::new(e)))
}

pub(crate) fn parsed_opt<T, E>(
    row: &Row<'_>,
    col: impl Col,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> rusqlite::Result<Option<T>>
where
    E: std::error::Error + Send + Sync + 'static,
{
    match row.cell(col)?.as_ref() {
        ValueRef::Null => Ok(None),
        _ => parsed(row, col, parse).map(Some),
    }
}

/// A classifier column (`from_code` of its enum).
pub(crate) fn code<T>(row: &Row<'_>, col: impl Col, from_code: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parsed(row, col, |s| from_code(s).ok_or_else(|| UnknownCode(s.to_string())))
}

pub(crate) fn code_opt<T>(
    row: &Row<'_>,
    col: impl Col,
    from_code: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    parsed_opt(row, col, |s| from_code(s).ok_or_else(|| UnknownCode(s.to_string())))
}

pub(crate) fn date(row: &Row<'_>, col: impl Col) -> rusqlite::Result<NaiveDate> {
    parsed(row, col, |s| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
}

pub(crate) fn date_opt(row: &Row<'_>, col: impl Col) -> rusqlite::Result<Option<NaiveDate>> {
    parsed_opt(row, col, |s| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
}
