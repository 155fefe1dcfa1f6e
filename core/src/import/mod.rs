//! Import of graduate and vacancy lists from .xlsx, .xls and .ods.
//!
//! A list is read in three steps: [`workbook`] opens the file and finds its sheet, [`header`]
//! finds the header row and maps columns to fields, and the list's own module ([`graduates`],
//! [`vacancies`]) turns each row into a validated record or into [`Problem`]s naming the row,
//! column and field. The good records then go to the store in one transaction.

mod cells;
pub mod graduates;
pub mod header;
mod rows;
pub mod vacancies;
mod workbook;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::i18n::{Lang, Text, UserFacing};
use crate::store::ApplyCounts;

pub use header::{HeaderMap, MatchedColumn};
pub use rows::{Reading, Tally};

/// What a person asked of an import.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The cohort: fills a list without a graduation-year column, and is checked against one
    /// that has it. For vacancies, the cohort the requests are for.
    pub year: Option<i32>,
    /// Read, check and count, but change nothing.
    pub dry_run: bool,
    /// Who imports; goes into the audit table.
    pub actor: String,
}

/// A row that cannot be imported as it is, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The row number as the spreadsheet program shows it.
    pub row: u32,
    /// The column's letters (A, B, …), when the problem is in one cell.
    pub column: Option<String>,
    /// The column's header as the file has it.
    pub header: Option<String>,
    /// The field's stable key (`iin`, `surname`, …).
    pub field: Option<&'static str>,
    /// Stable code: `iin_check_digit`, `iin_length`, `duplicate_in_file`, `missing_field`,
    /// `unknown_value`, `invalid_value`, `iin_birth_date_mismatch`, ….
    pub code: &'static str,
    pub message: Text,
}

/// What an import did (or, in a dry run, would do).
#[derive(Clone, Debug, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub sheet: String,
    /// The rows as read; the valid ones are those applied.
    #[serde(flatten)]
    pub tally: Tally,
    #[serde(flatten)]
    pub counts: ApplyCounts,
    pub dry_run: bool,
}

impl ImportReport {
    fn new(path: &Path, sheet: String, tally: Tally, counts: ApplyCounts, dry_run: bool) -> ImportReport {
        ImportReport { file: file_name(path), sheet, tally, counts, dry_run }
    }
}

/// A file that cannot be imported at all. Row problems are not errors: see the report.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a spreadsheet")]
    NotASpreadsheet { path: PathBuf },
    #[error("{path}: password protected")]
    PasswordProtected { path: PathBuf },
    #[error("{path}: damaged: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: no cells")]
    Empty { path: PathBuf },
    /// No row near the top names the list's columns.
    #[error("{path}: no header row")]
    NoHeader { path: PathBuf, expected: Vec<Text> },
    /// The header row lacks columns the list cannot do without.
    #[error("{path}: missing columns")]
    MissingColumns { path: PathBuf, header_row: u32, missing: Vec<Text> },
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn list(items: &[Text], lang: Lang) -> String {
    items.iter().map(|t| format!("«{}»", t.get(lang))).collect::<Vec<_>>().join(", ")
}

impl UserFacing for ImportError {
    fn code(&self) -> &'static str {
        match self {
            ImportError::Io { .. } => "file_unreadable",
            ImportError::NotASpreadsheet { .. } => "not_a_spreadsheet",
            ImportError::PasswordProtected { .. } => "password_protected",
            ImportError::Corrupt { .. } => "file_corrupt",
            ImportError::Empty { .. } => "file_empty",
            ImportError::NoHeader { .. } => "no_header_row",
            ImportError::MissingColumns { .. } => "missing_columns",
        }
    }

    fn message(&self) -> Text {
        match self {
            ImportError::Io { path, source } => Text::new(
                format!("«{}» файлын оқу мүмкін емес: {source}", file_name(path)),
                format!("Не удалось прочитать файл «{}»: {source}", file_name(path)),
            ),
            ImportError::NotASpreadsheet { path } => Text::new(
                format!("«{}» — электрондық кесте емес (.xlsx, .xls немесе .ods керек)", file_name(path)),
                format!("«{}» — не электронная таблица (нужен .xlsx, .xls или .ods)", file_name(path)),
            ),
            ImportError::PasswordProtected { path } => Text::new(
                format!(
                    "«{}» құпиясөзбен қорғалған: құпиясөзді алып тастап, қайта сақтаңыз",
                    file_name(path)
                ),
                format!("«{}» защищён паролем: снимите пароль и сохраните файл заново", file_name(path)),
            ),
            ImportError::Corrupt { path, detail } => Text::new(
                format!("«{}» файлы бүлінген, оқылмайды ({detail})", file_name(path)),
                format!("Файл «{}» повреждён и не читается ({detail})", file_name(path)),
            ),
            ImportError::Empty { path } => Text::new(
                format!("«{}» файлында деректер жоқ", file_name(path)),
                format!("В файле «{}» нет данных", file_name(path)),
            ),
            ImportError::NoHeader { path, expected } => Text::new(
                format!(
                    "«{}» файлында тақырып жолы табылмады; бағандар мына атаулармен болуы керек: {}",
                    file_name(path),
                    list(expected, Lang::Kk)
                ),
                format!(
                    "В файле «{}» не найдена строка заголовков; нужны столбцы: {}",
                    file_name(path),
                    list(expected, Lang::Ru)
                ),
            ),
            ImportError::MissingColumns { path, header_row, missing } => Text::new(
                format!(
                    "«{}» файлында ({header_row}-жол тақырып) мына бағандар жоқ: {}",
                    file_name(path),
                    list(missing, Lang::Kk)
                ),
                format!(
                    "В файле «{}» (заголовок в строке {header_row}) нет столбцов: {}",
                    file_name(path),
                    list(missing, Lang::Ru)
                ),
            ),
        }
    }
}
