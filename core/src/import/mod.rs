//! Import of graduate and vacancy lists from .xlsx, .xls and .ods.
//!
//! A list is read in three steps: [`workbook`] opens the file and finds its sheet, [`header`]
//! finds the header row and maps columns to fields, and the list's own module ([`graduates`],
//! [`vacancies`]) turns each row into a validated record or into [`Problem`]s naming the row,
//! column and field. Nothing here touches the store: [`crate::workflow::import`] writes the
//! good records in one transaction.

pub mod applications;
mod cells;
mod cfb;
mod content;
mod detect;
pub mod graduates;
pub mod header;
pub mod layout;
pub mod limits;
mod rows;
pub mod vacancies;
mod workbook;

pub use cells::text_fault;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Text, UserFacing, io_reason};
use crate::model::ApplyCounts;
use crate::task::Watch;
use header::FieldKey;
use rows::ListParser;

pub use detect::Choice;
pub use header::{Evidence, HeaderMap, MatchedColumn};
pub use rows::{Reading, Tally};
pub use workbook::{Flow, SheetInfo};

/// What a person asked of an import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The cohort: fills a list without a graduation-year column, and is checked against one
    /// that has it. For vacancies, the cohort the requests are for.
    pub year: Option<i32>,
    /// Read, check and count, but change nothing.
    pub dry_run: bool,
    /// Who imports; goes into the audit table.
    pub actor: String,
    /// The header row and columns as the person corrected them; detected when none.
    pub mapping: Option<ColumnMapping>,
    /// The sheet the list is on; the best one when none.
    pub sheet: Option<SheetChoice>,
    /// Rows read so far, and the Cancel button: a cancelled import changes nothing.
    pub watch: Watch,
}

/// Which row is the header and which column holds which field, as a person set them in the
/// import wizard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ColumnMapping {
    /// The sheet, by name; the one the list was found on when none.
    #[serde(default)]
    pub sheet: Option<String>,
    /// As the spreadsheet program numbers rows, from 1.
    pub header_row: u32,
    pub columns: Vec<MappedColumn>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MappedColumn {
    /// The field's stable key (`iin`, `surname`, …).
    pub field: String,
    /// From 0 (column A).
    pub index: u32,
}

/// A sheet asked for by a person: its number from 1 in the workbook's order, or its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetChoice {
    Number(usize),
    Name(String),
}

impl std::str::FromStr for SheetChoice {
    type Err = std::convert::Infallible;
    /// «2» is the second sheet; anything else is a name.
    fn from_str(text: &str) -> Result<SheetChoice, Self::Err> {
        Ok(match text.trim().parse::<usize>() {
            Ok(n) => SheetChoice::Number(n),
            Err(_) => SheetChoice::Name(text.trim().to_owned()),
        })
    }
}

impl std::fmt::Display for SheetChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SheetChoice::Number(n) => write!(f, "{n}"),
            SheetChoice::Name(name) => f.write_str(name),
        }
    }
}

/// One cell of the header row, with the field it was matched to and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HeaderCell {
    pub index: u32,
    pub letter: String,
    pub text: String,
    pub field: Option<String>,
    /// Why the column was taken for its field: its wording, or what 98% of its values are.
    pub evidence: Option<Text>,
}

impl<K: FieldKey> Reading<K> {
    /// The header row's cells, each with its field and evidence.
    fn header_row(&self) -> Vec<HeaderCell> {
        let width = self
            .header
            .columns
            .iter()
            .map(|c| c.index + 1)
            .chain([self.header_cells.len()])
            .max()
            .unwrap_or(0);
        (0..width)
            .map(|index| {
                let matched = self.header.columns.iter().find(|c| c.index == index);
                HeaderCell {
                    index: index as u32,
                    letter: workbook::column_letters(index),
                    text: self.header_cells.get(index).cloned().unwrap_or_default(),
                    field: matched.map(|c| c.key.code().to_owned()),
                    evidence: matched.map(|c| c.evidence.text(&c.header)),
                }
            })
            .collect()
    }

    /// The header row and columns as read, in the form a person's mapping takes (no sheet:
    /// a layout is the same on whichever sheet it comes).
    pub fn mapping(&self) -> ColumnMapping {
        let mut columns: Vec<MappedColumn> = self
            .header
            .columns
            .iter()
            .map(|c| MappedColumn { field: c.key.code().to_owned(), index: c.index as u32 })
            .collect();
        columns.sort_by_key(|c| c.index);
        ColumnMapping { sheet: None, header_row: self.header.row_index + 1, columns }
    }

    /// The header row's fingerprint, which a person's mapping is remembered under.
    pub fn layout(&self) -> String {
        layout::signature(&self.header_cells)
    }
}

/// A field a list's column can hold, for the wizard's choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FieldOption {
    pub code: String,
    pub label: Text,
    /// The list as mapped cannot be read without it.
    pub required: bool,
}

/// What the import wizard shows before anything is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportPreview {
    pub file: String,
    pub sheet: String,
    /// The list was found only on a hidden sheet.
    pub sheet_hidden: bool,
    /// Every sheet of the workbook, to read another.
    pub sheets: Vec<SheetInfo>,
    pub headers: Vec<HeaderCell>,
    pub fields: Vec<FieldOption>,
    pub tally: Tally,
    /// Good records, ready to import.
    pub records: usize,
    /// A mapping a person chose for this layout before, when it is not the one used here.
    pub remembered: Option<layout::RememberedMapping>,
}

impl ImportPreview {
    fn new<P: ListParser>(path: &Path, reading: Reading<P::Key>, records: usize) -> ImportPreview {
        let headers = reading.header_row();
        let fields = P::COLUMNS
            .iter()
            .map(|spec| FieldOption {
                code: spec.key.code().to_owned(),
                label: spec.label(),
                required: reading.indispensable.contains(&spec.key) || reading.missing.contains(&spec.key),
            })
            .collect();
        ImportPreview {
            file: file_name(path),
            sheet: reading.sheet,
            sheet_hidden: reading.sheet_hidden,
            sheets: reading.sheets,
            headers,
            fields,
            tally: reading.tally,
            records,
            remembered: None,
        }
    }
}

/// A row that cannot be imported as it is, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Problem {
    /// The row number as the spreadsheet program shows it.
    pub row: u32,
    /// The column's letters (A, B, …), when the problem is in one cell.
    pub column: Option<String>,
    /// The column's header as the file has it.
    pub header: Option<String>,
    /// The field's stable key (`iin`, `surname`, …).
    pub field: Option<&'static str>,
    /// The cell's text as the file has it (hidden characters written as `U+001B`).
    pub value: Option<String>,
    /// Whom the row is about, when it says: the graduate's name, the employer.
    pub person: Option<String>,
    /// Stable code: `iin_check_digit`, `iin_length`, `duplicate_in_file`, `missing_field`,
    /// `unknown_value`, `invalid_value`, `iin_birth_date_mismatch`, ….
    pub code: &'static str,
    pub message: Text,
}

/// What an import did (or, in a dry run, would do).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportReport {
    pub file: String,
    pub sheet: String,
    /// The list was found only on a hidden sheet.
    pub sheet_hidden: bool,
    /// The cohort the rows went into (a graduate list may name several; then the first).
    pub year: Option<i32>,
    /// The header row's matched columns, each with why it was taken.
    pub columns: Vec<HeaderCell>,
    /// The rows as read; the valid ones are those applied.
    #[serde(flatten)]
    pub tally: Tally,
    #[serde(flatten)]
    pub counts: ApplyCounts,
    pub dry_run: bool,
}

impl ImportReport {
    pub fn new<K: FieldKey>(
        path: &Path,
        reading: Reading<K>,
        year: Option<i32>,
        counts: ApplyCounts,
        dry_run: bool,
    ) -> ImportReport {
        let columns = reading.header_row().into_iter().filter(|c| c.field.is_some()).collect();
        ImportReport {
            file: file_name(path),
            sheet: reading.sheet,
            sheet_hidden: reading.sheet_hidden,
            year,
            columns,
            tally: reading.tally,
            counts,
            dry_run,
        }
    }
}

/// A file that cannot be imported at all. Row problems are not errors (see the report),
/// unless no row at all can be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The file asks for more than any list needs (see [`limits`]).
    #[error("{path}: refused: {}", refusal.code())]
    Refused { path: PathBuf, refusal: limits::Refusal },
    /// The spreadsheet reader itself failed (a panic in calamine): a fault to report upstream.
    #[error("{path}: reader failed: {detail}")]
    ReaderFailed { path: PathBuf, detail: String },
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
    /// The header row lacks columns the list cannot do without; `ambiguous`: fields whose
    /// values fit several unnamed columns (by their letters), for the person to choose.
    #[error("{path}: missing columns")]
    MissingColumns { path: PathBuf, header_row: u32, missing: Vec<Text>, ambiguous: Vec<(Text, Vec<String>)> },
    /// The sheet asked for is not in the workbook.
    #[error("{path}: no sheet {asked}")]
    NoSuchSheet { path: PathBuf, asked: String, sheets: Vec<String> },
    /// Not one row could be imported: nothing was written.
    #[error("{path}: no valid row")]
    NothingToImport { path: PathBuf, problems: Vec<Problem> },
    /// A corrected mapping names a field this list does not have (the window's mistake).
    #[error("unknown field {field}")]
    UnknownField { field: String },
    /// The person pressed Cancel: nothing was stored.
    #[error("cancelled")]
    Cancelled,
}

/// The file's own name, as reports and the audit name it.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn list(items: &[Text], lang: Lang) -> String {
    items.iter().map(|t| format!("«{}»", t.get(lang))).collect::<Vec<_>>().join(", ")
}

impl UserFacing for ImportError {
    fn code(&self) -> &'static str {
        match self {
            ImportError::Io { source, .. } => {
                io_reason(source.kind()).map_or("file_unreadable", |(code, _)| code)
            }
            ImportError::Refused { refusal, .. } => refusal.code(),
            ImportError::ReaderFailed { .. } => "reader_failed",
            ImportError::NotASpreadsheet { .. } => "not_a_spreadsheet",
            ImportError::PasswordProtected { .. } => "password_protected",
            ImportError::Corrupt { .. } => "file_corrupt",
            ImportError::Empty { .. } => "file_empty",
            ImportError::NoHeader { .. } => "no_header_row",
            ImportError::MissingColumns { .. } => "missing_columns",
            ImportError::NoSuchSheet { .. } => "no_such_sheet",
            ImportError::NothingToImport { .. } => "nothing_to_import",
            ImportError::UnknownField { .. } => "unknown_field",
            ImportError::Cancelled => "cancelled",
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            ImportError::Refused { path, refusal } => {
                let mut params = vec![("file", file_name(path))];
                params.extend(refusal.params());
                params
            }
            ImportError::Io { path, .. }
            | ImportError::ReaderFailed { path, .. }
            | ImportError::NotASpreadsheet { path }
            | ImportError::PasswordProtected { path }
            | ImportError::Corrupt { path, .. }
            | ImportError::Empty { path }
            | ImportError::NoHeader { path, .. }
            | ImportError::MissingColumns { path, .. }
            | ImportError::NoSuchSheet { path, .. }
            | ImportError::NothingToImport { path, .. } => vec![("file", file_name(path))],
            ImportError::UnknownField { field } => vec![("field", field.clone())],
            ImportError::Cancelled => Vec::new(),
        }
    }

    fn message(&self) -> Text {
        match self {
            // The system's own words are English: they stay in the log (Display).
            ImportError::Io { path, source } => {
                let file = file_name(path);
                let reason = io_reason(source.kind()).map_or_else(
                    || Text::new("", ""),
                    |(_, r)| Text::new(format!(": {}", r.kk), format!(": {}", r.ru)),
                );
                Text::new(
                    format!("«{file}» файлын оқу мүмкін емес{}", reason.kk),
                    format!("Не удалось прочитать файл «{file}»{}", reason.ru),
                )
            }
            ImportError::Refused { path, refusal } => refusal.message(&file_name(path)),
            ImportError::ReaderFailed { path, .. } => Text::new(
                format!(
                    "«{}» файлын кесте оқитын модуль оқи алмай, істен шықты: файлды Excel-де ашып, \
                     қайта сақтап көріңіз",
                    file_name(path)
                ),
                format!(
                    "Модуль чтения таблиц дал сбой на файле «{}»: откройте его в Excel и сохраните заново",
                    file_name(path)
                ),
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
            // The reader's own detail is English and technical: it stays in the log (Display).
            ImportError::Corrupt { path, .. } => Text::new(
                format!(
                    "«{}» файлы бүлінген, оқылмайды: оны Excel-де ашып, қайта сақтап көріңіз",
                    file_name(path)
                ),
                format!(
                    "Файл «{}» повреждён и не читается: откройте его в Excel и сохраните заново",
                    file_name(path)
                ),
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
            ImportError::MissingColumns { path, header_row, missing, ambiguous } => {
                let choose = |lang: Lang| {
                    ambiguous
                        .iter()
                        .map(|(field, letters)| {
                            let letters = letters.join(", ");
                            match lang {
                                Lang::Kk => format!(
                                    " «{}» мәндеріне бірнеше баған сәйкес ({letters}): біреуін таңдаңыз.",
                                    field.kk
                                ),
                                Lang::Ru => format!(
                                    " Значениям «{}» подходят несколько столбцов ({letters}): выберите один.",
                                    field.ru
                                ),
                            }
                        })
                        .collect::<String>()
                };
                Text::new(
                    format!(
                        "«{}» файлында ({header_row}-жол тақырып) мына бағандар жоқ: {}.{}",
                        file_name(path),
                        list(missing, Lang::Kk),
                        choose(Lang::Kk)
                    ),
                    format!(
                        "В файле «{}» (заголовок в строке {header_row}) нет столбцов: {}.{}",
                        file_name(path),
                        list(missing, Lang::Ru),
                        choose(Lang::Ru)
                    ),
                )
            }
            ImportError::NoSuchSheet { path, asked, sheets } => {
                let sheets = sheets.iter().map(|s| format!("«{s}»")).collect::<Vec<_>>().join(", ");
                Text::new(
                    format!("«{}» файлында «{asked}» парағы жоқ; парақтар: {sheets}", file_name(path)),
                    format!("В файле «{}» нет листа «{asked}»; листы: {sheets}", file_name(path)),
                )
            }
            ImportError::NothingToImport { path, problems } => {
                let first = |lang: Lang| {
                    problems
                        .iter()
                        .take(3)
                        .map(|p| match lang {
                            Lang::Kk => format!(" {}-жол: {}.", p.row, p.message.kk),
                            Lang::Ru => format!(" Строка {}: {}.", p.row, p.message.ru),
                        })
                        .collect::<String>()
                };
                Text::new(
                    format!(
                        "«{}» файлында бірде-бір жарамды жол жоқ ({} ақау): ештеңе жазылмады.{}",
                        file_name(path),
                        problems.len(),
                        first(Lang::Kk)
                    ),
                    format!(
                        "В файле «{}» ни одной годной строки (ошибок: {}): ничего не записано.{}",
                        file_name(path),
                        problems.len(),
                        first(Lang::Ru)
                    ),
                )
            }
            ImportError::UnknownField { field } => Text::new(
                format!("«{field}» өрісі бұл тізімде жоқ: бағандарды қайта таңдаңыз"),
                format!("Поля «{field}» в этом списке нет: выберите столбцы заново"),
            ),
            ImportError::Cancelled => {
                Text::new("Импорт тоқтатылды: ештеңе сақталған жоқ", "Импорт отменён: ничего не сохранено")
            }
        }
    }
}
