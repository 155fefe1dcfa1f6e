//! Arguments parsed into typed values here rather than by clap, so that a mistyped one is
//! reported like every other error: a code and a message in Kazakh or Russian.

use chrono::NaiveDate;
use joldama_core::Text;
use joldama_core::import::{ColumnMapping, MappedColumn};

use crate::error::CliError;

/// A date as people type it: `2025-09-01` or `01.09.2025`.
pub fn date(value: &str) -> Result<NaiveDate, CliError> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%d.%m.%Y"))
        .map_err(|_| CliError::InvalidDate { value: value.to_owned() })
}

pub fn date_opt(value: Option<&str>) -> Result<Option<NaiveDate>, CliError> {
    value.map(date).transpose()
}

pub fn number(value: &str) -> Result<i64, CliError> {
    value.trim().parse().map_err(|_| CliError::InvalidNumber { value: value.to_owned() })
}

/// One of a classifier's values by its stable code.
pub fn code<T: Copy>(
    value: &str,
    all: &[T],
    code_of: fn(T) -> &'static str,
    what: (&str, &str),
) -> Result<T, CliError> {
    all.iter().copied().find(|v| code_of(*v) == value.trim()).ok_or_else(|| CliError::UnknownCode {
        what: Text::new(what.0, what.1),
        value: value.to_owned(),
        allowed: all.iter().map(|v| code_of(*v)).collect(),
    })
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// `--header-row 4 --map iin=B --map surname=C`: a mapping as the import wizard sends it.
pub fn mapping(header_row: Option<u32>, map: &[String]) -> Result<Option<ColumnMapping>, CliError> {
    let Some(header_row) = header_row else { return Ok(None) };
    let columns = map
        .iter()
        .map(|pair| {
            let bad = || CliError::InvalidMapping { value: pair.clone() };
            let (field, letters) = pair.split_once('=').ok_or_else(bad)?;
            let index = column_index(letters.trim()).ok_or_else(bad)?;
            Ok(MappedColumn { field: field.trim().to_owned(), index })
        })
        .collect::<Result<_, CliError>>()?;
    Ok(Some(ColumnMapping { sheet: None, header_row, columns }))
}

/// `A` → 0, `Z` → 25, `AA` → 26; at most three letters (Excel's last column is XFD).
fn column_index(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let n = letters.to_ascii_uppercase().bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    Some(n - 1)
}
