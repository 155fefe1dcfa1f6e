//! Opening a spreadsheet file, listing its sheets and reading the rows of any of them. The
//! format is told from the file's bytes, not its name, so a misnamed or non-spreadsheet file
//! gets the right message. An .xlsx sheet is streamed row by row (lists run to 100,000 rows);
//! .xls and .ods sheets are read whole first, which calamine requires. Every file passes the
//! checks of [`limits`] first, and a panic inside calamine becomes a typed error.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

use calamine::{Data, DataRef, Ods, Range, Reader, SheetType, SheetVisible, Xls, Xlsx};
use serde::Serialize;

use super::ImportError;
use super::cells::{Cell, Fault};
use super::limits::{self, EXCEL, MAX_CELL_CHARS, Refusal};

/// Whether the reader of a sheet's rows wants more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// The column letters (A, B, …, AA) of a 0-based column index.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

enum Format {
    Xlsx,
    Ods,
    /// An OLE compound file: an .xls workbook, or an encrypted (password-protected) .xlsx.
    Compound,
}

fn sniff(bytes: &[u8]) -> Option<Format> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(ZIP) {
        // An ODF package stores its mimetype uncompressed as the first entry.
        let head = &bytes[..bytes.len().min(128)];
        let ods = head.windows(24).any(|w| w == b"opendocument.spreadsheet");
        Some(if ods { Format::Ods } else { Format::Xlsx })
    } else if bytes.starts_with(CFB) {
        Some(Format::Compound)
    } else {
        None
    }
}

/// A sheet of the workbook, in the workbook's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SheetInfo {
    pub name: String,
    /// Hidden (or very hidden): read only when no visible sheet holds the list.
    pub hidden: bool,
}

enum Book {
    Xlsx(Xlsx<Cursor<Vec<u8>>>),
    Xls(Xls<Cursor<Vec<u8>>>),
    Ods(Ods<Cursor<Vec<u8>>>),
}

/// An open spreadsheet file: its sheets, each read row by row as often as asked (an .xls or
/// .ods sheet is read whole once, as calamine requires, and kept).
pub struct Workbook {
    path: PathBuf,
    book: Book,
    sheets: Vec<SheetInfo>,
    ranges: HashMap<usize, Range<Data>>,
}

impl Workbook {
    pub fn open(path: &Path) -> Result<Workbook, ImportError> {
        let bytes = limits::read_file(path)?;
        let format =
            sniff(&bytes).ok_or_else(|| ImportError::NotASpreadsheet { path: path.to_path_buf() })?;
        let fail = |e: calamine::Error| failure(path, e);
        let book = match format {
            Format::Xlsx => {
                limits::check_zip(path, &bytes)?;
                Book::Xlsx(guarded(path, || Xlsx::new(Cursor::new(bytes)))?.map_err(|e| fail(e.into()))?)
            }
            Format::Ods => {
                limits::check_zip(path, &bytes)?;
                limits::check_ods(path, &bytes)?;
                Book::Ods(guarded(path, || Ods::new(Cursor::new(bytes)))?.map_err(|e| fail(e.into()))?)
            }
            // An encrypted .xlsx is a compound file too; calamine's xlsx reader recognises it.
            Format::Compound => match guarded(path, || Xlsx::new(Cursor::new(bytes.clone())))? {
                Err(calamine::XlsxError::Password) => return Err(fail(calamine::XlsxError::Password.into())),
                _ => {
                    limits::check_xls(path, &bytes)?;
                    Book::Xls(guarded(path, || Xls::new(Cursor::new(bytes)))?.map_err(|e| fail(e.into()))?)
                }
            },
        };
        let metadata = match &book {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(b) => b.sheets_metadata(),
        };
        let sheets = metadata
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| SheetInfo { name: s.name.clone(), hidden: s.visible != SheetVisible::Visible })
            .collect();
        Ok(Workbook { path: path.to_path_buf(), book, sheets, ranges: HashMap::new() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn sheets(&self) -> &[SheetInfo] {
        &self.sheets
    }

    /// Calls `row` with each non-blank row of sheet `n`, in order: the row's 0-based index as
    /// the sheet numbers it, and its cells from column A, until `row` says stop. Answers
    /// whether the sheet has any cells.
    pub fn rows(
        &mut self,
        n: usize,
        mut row: impl FnMut(u32, &[Cell<'_>]) -> Result<Flow, ImportError>,
    ) -> Result<bool, ImportError> {
        let sheet = Sheet { path: &self.path, name: &self.sheets[n].name };
        let read = match &mut self.book {
            Book::Xlsx(book) => stream_xlsx(book, sheet, &mut row),
            Book::Xls(book) => whole_sheet(book, &mut self.ranges, n, sheet, &mut row),
            Book::Ods(book) => whole_sheet(book, &mut self.ranges, n, sheet, &mut row),
        };
        read.map_err(|e| match e {
            Failure::Import(e) => e,
            Failure::Calamine(e) => failure(&self.path, e),
        })
    }
}

/// The typed error of a reader's failure.
fn failure(path: &Path, error: calamine::Error) -> ImportError {
    match error {
        calamine::Error::Xlsx(calamine::XlsxError::Password)
        | calamine::Error::Xls(calamine::XlsError::Password)
        | calamine::Error::Ods(calamine::OdsError::Password) => {
            ImportError::PasswordProtected { path: path.to_path_buf() }
        }
        other => ImportError::Corrupt { path: path.to_path_buf(), detail: other.to_string() },
    }
}

std::thread_local! {
    /// Set while this thread is inside calamine: its panics are errors, not crashes to print.
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a call into calamine, turning its panic (an overflow on a far cell reference, say)
/// into a typed error. The panic is not printed: the person gets the error's words, and the
/// message stays in the error's log text. Other panics print as before.
fn guarded<T>(path: &Path, call: impl FnOnce() -> T) -> Result<T, ImportError> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_READER.get() {
                previous(info);
            }
        }));
    });
    IN_READER.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(call));
    IN_READER.set(false);
    result.map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        ImportError::ReaderFailed { path: path.to_path_buf(), detail }
    })
}

/// The sheet being read, for the errors that name it.
#[derive(Clone, Copy)]
struct Sheet<'s> {
    path: &'s Path,
    name: &'s str,
}

impl Sheet<'_> {
    fn refuse(self, refusal: Refusal) -> Failure {
        Failure::Import(ImportError::Refused { path: self.path.to_path_buf(), refusal })
    }

    /// Refuses a cell (from 0) past Excel's last row or column.
    fn within(self, row: u32, column: u32) -> Result<(), Failure> {
        let (row, column) = (u64::from(row) + 1, u64::from(column) + 1);
        if row > EXCEL.rows || column > EXCEL.columns {
            return Err(self.refuse(Refusal::BeyondExcel {
                sheet: self.name.to_owned(),
                row,
                column,
                limit: EXCEL,
            }));
        }
        Ok(())
    }
}

/// Why reading stopped early: the file, or a refusal (of the row callback, or of a limit).
enum Failure {
    Calamine(calamine::Error),
    Import(ImportError),
}

impl<E: Into<calamine::Error>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::Calamine(e.into())
    }
}

type RowFn<'f> = dyn FnMut(u32, &[Cell<'_>]) -> Result<Flow, ImportError> + 'f;

fn deliver(sheet: Sheet<'_>, row: &mut RowFn<'_>, index: u32, cells: &[Cell<'_>]) -> Result<Flow, Failure> {
    for (column, cell) in cells.iter().enumerate() {
        // Bytes first: a text within the limit in bytes is within it in characters.
        if let Cell::Text(text) = cell
            && text.len() > MAX_CELL_CHARS
            && text.chars().count() > MAX_CELL_CHARS
        {
            let chars = text.chars().count();
            return Err(sheet.refuse(Refusal::CellTooLong {
                sheet: sheet.name.to_owned(),
                row: index + 1,
                column,
                chars,
            }));
        }
    }
    if cells.iter().all(|c| c.is_empty()) {
        return Ok(Flow::Continue);
    }
    row(index, cells).map_err(Failure::Import)
}

/// An .xlsx row's cells: the values, and a formula saved without its value as such.
fn xlsx_cells<'a>(values: &'a [DataRef<'_>], uncalculated: &[usize]) -> Vec<Cell<'a>> {
    let mut cells: Vec<Cell<'a>> = values.iter().map(Cell::of_ref).collect();
    for &c in uncalculated {
        cells[c] = Cell::Fault(Fault::Uncalculated);
    }
    cells
}

/// Streams an .xlsx sheet without building the whole range: each row's cells borrow the
/// workbook's shared strings. The sheet's declared dimension is not trusted for anything but
/// a refusal: only the cells present are held, one row at a time.
fn stream_xlsx(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    sheet: Sheet<'_>,
    row: &mut RowFn<'_>,
) -> Result<bool, Failure> {
    let guard = |e| Failure::Import(e);
    let mut reader = guarded(sheet.path, || book.worksheet_cells_reader(sheet.name)).map_err(guard)??;
    let (last_row, last_column) = reader.dimensions().end;
    sheet.within(last_row, last_column)?;
    let mut current: Option<u32> = None;
    let mut values: Vec<DataRef<'_>> = Vec::new();
    let mut uncalculated: Vec<usize> = Vec::new();
    let mut flow = Flow::Continue;
    while let Some(cell) =
        guarded(sheet.path, || reader.next_cell_with_formula_metadata()).map_err(guard)??
    {
        let (r, c) = cell.pos;
        sheet.within(r, c)?;
        if current != Some(r) {
            if let Some(index) = current {
                flow = deliver(sheet, row, index, &xlsx_cells(&values, &uncalculated))?;
                if flow == Flow::Stop {
                    break;
                }
            }
            current = Some(r);
            values.clear();
            uncalculated.clear();
        }
        let c = c as usize;
        if values.len() <= c {
            values.resize(c + 1, DataRef::Empty);
        }
        if cell.value == DataRef::Empty && cell.formula.is_some() {
            uncalculated.push(c);
        }
        values[c] = cell.value;
    }
    let Some(index) = current else { return Ok(false) };
    if flow == Flow::Continue {
        deliver(sheet, row, index, &xlsx_cells(&values, &uncalculated))?;
    }
    Ok(true)
}

/// Hands out the rows of an .xls or .ods sheet, read whole the first time it is asked for.
fn whole_sheet<R, E>(
    book: &mut R,
    ranges: &mut HashMap<usize, Range<Data>>,
    n: usize,
    sheet: Sheet<'_>,
    row: &mut RowFn<'_>,
) -> Result<bool, Failure>
where
    R: Reader<Cursor<Vec<u8>>, Error = E>,
    E: Into<calamine::Error>,
{
    let range = match ranges.entry(n) {
        Entry::Occupied(range) => range.into_mut(),
        Entry::Vacant(slot) => slot.insert(
            guarded(sheet.path, || book.worksheet_range(sheet.name))
                .map_err(Failure::Import)?
                .map_err(Into::into)?,
        ),
    };
    let Some((top, left)) = range.start() else { return Ok(false) };
    let mut cells = vec![Cell::Empty; left as usize];
    for (i, values) in range.rows().enumerate() {
        cells.truncate(left as usize);
        cells.extend(values.iter().map(Cell::of));
        if deliver(sheet, row, top + i as u32, &cells)? == Flow::Stop {
            break;
        }
    }
    Ok(true)
}
