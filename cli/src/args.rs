//! Arguments parsed into typed values here rather than by clap, so that a mistyped one is
//! reported like every other error: a code and a message in Kazakh or Russian.

use chrono::NaiveDate;
use joldama_core::Text;

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
