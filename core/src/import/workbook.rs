//! Opening a spreadsheet file, listing its sheets and reading the rows of any of them. The
//! format is told from the file's bytes, not its name, so a misnamed or non-spreadsheet file
//! gets the right message. An .xlsx sheet is streamed row by row (lists run to 100,000 rows);
//! .xls and .ods sheets are read whole first, which calamine requires.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, DataRef, Ods, Range, Reader, SheetType, SheetVisible, Xls, Xlsx};
use serde::Serialize;

use super::ImportError;
use super::cells::Cell;

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
        let bytes =
            std::fs::read(path).map_err(|source| ImportError::Io { path: path.to_path_buf(), source })?;
        let format =
            sniff(&bytes).ok_or_else(|| ImportError::NotASpreadsheet { path: path.to_path_buf() })?;
        let fail = |e: calamine::Error| failure(path, e);
        let book = match format {
            Format::Xlsx => Book::Xlsx(Xlsx::new(Cursor::new(bytes)).map_err(|e| fail(e.into()))?),
            Format::Ods => Book::Ods(Ods::new(Cursor::new(bytes)).map_err(|e| fail(e.into()))?),
            // An encrypted .xlsx is a compound file too; calamine's xlsx reader recognises it.
            Format::Compound => match Xlsx::new(Cursor::new(bytes.clone())) {
                Err(calamine::XlsxError::Password) => return Err(fail(calamine::XlsxError::Password.into())),
                _ => Book::Xls(Xls::new(Cursor::new(bytes)).map_err(|e| fail(e.into()))?),
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
        let name = self.sheets[n].name.clone();
        let read = match &mut self.book {
            Book::Xlsx(book) => stream_xlsx(book, &name, &mut row),
            Book::Xls(book) => whole_sheet(book, &mut self.ranges, n, &name, &mut row),
            Book::Ods(book) => whole_sheet(book, &mut self.ranges, n, &name, &mut row),
        };
        read.map_err(|e| match e {
            Failure::Row(e) => e,
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

/// Why reading stopped early: the file, or the row callback.
enum Failure {
    Calamine(calamine::Error),
    Row(ImportError),
}

impl<E: Into<calamine::Error>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::Calamine(e.into())
    }
}

type RowFn<'f> = dyn FnMut(u32, &[Cell<'_>]) -> Result<Flow, ImportError> + 'f;

fn deliver(row: &mut RowFn<'_>, index: u32, cells: &[Cell<'_>]) -> Result<Flow, Failure> {
    if cells.iter().all(|c| c.is_empty()) {
        return Ok(Flow::Continue);
    }
    row(index, cells).map_err(Failure::Row)
}

/// Streams an .xlsx sheet without building the whole range: each row's cells borrow the
/// workbook's shared strings.
fn stream_xlsx(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str, row: &mut RowFn<'_>) -> Result<bool, Failure> {
    let mut reader = book.worksheet_cells_reader(name)?;
    let mut current: Option<u32> = None;
    let mut values: Vec<DataRef<'_>> = Vec::new();
    let mut flow = Flow::Continue;
    while let Some(cell) = reader.next_cell()? {
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if let Some(index) = current {
                flow = deliver(row, index, &values.iter().map(Cell::of_ref).collect::<Vec<_>>())?;
                if flow == Flow::Stop {
                    break;
                }
            }
            current = Some(r);
            values.clear();
        }
        let c = c as usize;
        if values.len() <= c {
            values.resize(c + 1, DataRef::Empty);
        }
        values[c] = cell.get_value().clone();
    }
    let Some(index) = current else { return Ok(false) };
    if flow == Flow::Continue {
        deliver(row, index, &values.iter().map(Cell::of_ref).collect::<Vec<_>>())?;
    }
    Ok(true)
}

/// Hands out the rows of an .xls or .ods sheet, read whole the first time it is asked for.
fn whole_sheet<R, E>(
    book: &mut R,
    ranges: &mut HashMap<usize, Range<Data>>,
    n: usize,
    name: &str,
    row: &mut RowFn<'_>,
) -> Result<bool, Failure>
where
    R: Reader<Cursor<Vec<u8>>, Error = E>,
    E: Into<calamine::Error>,
{
    let range = match ranges.entry(n) {
        Entry::Occupied(range) => range.into_mut(),
        Entry::Vacant(slot) => slot.insert(book.worksheet_range(name).map_err(Into::into)?),
    };
    let Some((top, left)) = range.start() else { return Ok(false) };
    let mut cells = vec![Cell::Empty; left as usize];
    for (i, values) in range.rows().enumerate() {
        cells.truncate(left as usize);
        cells.extend(values.iter().map(Cell::of));
        if deliver(row, top + i as u32, &cells)? == Flow::Stop {
            break;
        }
    }
    Ok(true)
}
