//! What the follow-up's .xlsx sheets share: formats, the header row, dates, saving.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, RowNum, Workbook, Worksheet, XlsxError,
};

use super::ExportError;
use crate::i18n::Lang;

/// A column: its header in both languages and its width in characters.
#[derive(Clone, Copy)]
pub(crate) struct Column {
    pub kk: &'static str,
    pub ru: &'static str,
    pub width: f64,
}

impl Column {
    pub const fn new(kk: &'static str, ru: &'static str, width: f64) -> Column {
        Column { kk, ru, width }
    }
}

pub(crate) struct Formats {
    pub header: Format,
    pub date: Format,
    /// Text typed into the cell later stays text ("@"): an IIN keeps its leading zero.
    pub text: Format,
    pub integer: Format,
    /// Thousands grouped: tenge.
    pub money: Format,
    pub percent: Format,
    pub total: Format,
}

impl Formats {
    pub fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top),
            date: Format::new().set_num_format("dd.mm.yyyy"),
            text: Format::new().set_num_format("@"),
            integer: Format::new().set_num_format("0"),
            money: Format::new().set_num_format("#,##0"),
            percent: Format::new().set_num_format("0.0%"),
            total: Format::new().set_bold(),
        }
    }
}

pub(crate) fn pick(lang: Lang, kk: &'static str, ru: &'static str) -> &'static str {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
    }
}

/// Names the sheet, writes the header row with the widths and freezes it.
pub(crate) fn header(
    sheet: &mut Worksheet,
    name: &str,
    columns: &[Column],
    lang: Lang,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    for (col, column) in (0..).zip(columns) {
        sheet.write_string_with_format(0, col, pick(lang, column.kk, column.ru), &formats.header)?;
        sheet.set_column_width(col, column.width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The autofilter over the header and `rows` data rows below it.
pub(crate) fn filter(sheet: &mut Worksheet, rows: usize, columns: &[Column]) -> Result<(), XlsxError> {
    let last_row = RowNum::try_from(rows).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col =
        ColNum::try_from(columns.len().saturating_sub(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// A real date cell (a serial number with a date format), not text.
pub(crate) fn write_date(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    date: NaiveDate,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let month = u8::try_from(date.month()).expect("1–12");
    let day = u8::try_from(date.day()).expect("1–31");
    // Excel has no dates outside 1900–9999; from_ymd refuses them.
    let year = u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))?;
    sheet.write_datetime_with_format(row, col, ExcelDateTime::from_ymd(year, month, day)?, &formats.date)?;
    Ok(())
}

/// The row number of the `index`-th data row (the header is row 0).
pub(crate) fn data_row(index: usize) -> Result<RowNum, XlsxError> {
    RowNum::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)
}

/// One cell of a paper's list: text (kept as text), a whole number, or a real date.
pub(crate) enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// A paper's list as a workbook of one sheet named `name`: the header row, a row of `rows` per
/// line, a filter over them all; `title` as [`save`] takes it.
pub(crate) fn list(
    path: &Path,
    title: &str,
    name: &str,
    columns: &[Column],
    lang: Lang,
    rows: impl Iterator<Item = Vec<Cell>>,
) -> Result<(), ExportError> {
    save(path, title, |workbook| {
        let formats = Formats::new();
        let sheet = workbook.add_worksheet();
        header(sheet, name, columns, lang, &formats)?;
        let mut written = 0;
        for (index, cells) in rows.enumerate() {
            let row = data_row(index)?;
            for (col, cell) in (0..).zip(cells) {
                match cell {
                    Cell::Text(text) => {
                        sheet.write_string_with_format(row, col, &text, &formats.text).map(drop)?
                    }
                    Cell::Number(n) => {
                        sheet.write_number_with_format(row, col, n, &formats.integer).map(drop)?
                    }
                    Cell::Date(date) => write_date(sheet, row, col, date, &formats)?,
                }
            }
            written = index + 1;
        }
        filter(sheet, written, columns)
    })
}

/// Writes the workbook to `path`, making its folder; `title` (which names the cohort's year) is the file's title
/// in its properties, which the file manager and Excel's "Info" show.
pub(crate) fn save(
    path: &Path,
    title: &str,
    build: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>,
) -> Result<(), ExportError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(title));
    let bytes = build(&mut workbook)
        .and_then(|()| workbook.save_to_buffer())
        .map_err(|source| ExportError { path: path.to_path_buf(), source })?;
    // The folder too: papers go to a folder made on first use.
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    folder
        .map_or(Ok(()), crate::private::create_dir_all)
        .and_then(|()| crate::private::write(path, &bytes))
        .map_err(|e| ExportError { path: path.to_path_buf(), source: XlsxError::IoError(e) })
}
