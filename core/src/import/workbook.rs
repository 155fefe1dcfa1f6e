//! Opening a spreadsheet file and reading the rows of its first sheet with cells. The format is
//! told from the file's bytes, not its name, so a misnamed or non-spreadsheet file gets the
//! right message. An .xlsx sheet is streamed row by row (lists run to 100,000 rows); .xls and
//! .ods sheets are read whole first, which calamine requires.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Ods, Range, Reader, Xls, Xlsx};

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

/// Calls `row` with each non-blank row of the first sheet that has cells, in order: the row's
/// 0-based index as the sheet numbers it, and its cells from column A. Returns the sheet's name.
pub fn for_each_row(
    path: &Path,
    mut row: impl FnMut(u32, &[Cell<'_>]) -> Result<Flow, ImportError>,
) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io { path: path.to_path_buf(), source })?;
    let format = sniff(&bytes).ok_or_else(|| ImportError::NotASpreadsheet { path: path.to_path_buf() })?;
    let read = match format {
        Format::Xlsx => stream_xlsx(Xlsx::new(Cursor::new(bytes)), &mut row),
        Format::Ods => whole_sheets(Ods::new(Cursor::new(bytes)), &mut row),
        // An encrypted .xlsx is a compound file too; calamine's xlsx reader recognises it.
        Format::Compound => match Xlsx::new(Cursor::new(bytes.clone())) {
            Err(calamine::XlsxError::Password) => Err(calamine::XlsxError::Password.into()),
            _ => whole_sheets(Xls::new(Cursor::new(bytes)), &mut row),
        },
    };
    match read {
        Ok(Some(sheet)) => Ok(sheet),
        Ok(None) => Err(ImportError::Empty { path: path.to_path_buf() }),
        Err(Failure::Row(e)) => Err(e),
        Err(Failure::Calamine(
            calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password),
        )) => Err(ImportError::PasswordProtected { path: path.to_path_buf() }),
        Err(Failure::Calamine(other)) => {
            Err(ImportError::Corrupt { path: path.to_path_buf(), detail: other.to_string() })
        }
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

/// Streams the first .xlsx sheet with cells without building the whole range: each row's
/// cells borrow the workbook's shared strings.
fn stream_xlsx(
    workbook: Result<Xlsx<Cursor<Vec<u8>>>, calamine::XlsxError>,
    row: &mut RowFn<'_>,
) -> Result<Option<String>, Failure> {
    let mut workbook = workbook?;
    for name in workbook.sheet_names() {
        let mut reader = workbook.worksheet_cells_reader(&name)?;
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
        if let Some(index) = current {
            if flow == Flow::Continue {
                deliver(row, index, &values.iter().map(Cell::of_ref).collect::<Vec<_>>())?;
            }
            return Ok(Some(name));
        }
    }
    Ok(None)
}

/// Reads the first sheet with cells of an .xls or .ods whole, then hands out its rows.
fn whole_sheets<R, E>(workbook: Result<R, E>, row: &mut RowFn<'_>) -> Result<Option<String>, Failure>
where
    R: Reader<Cursor<Vec<u8>>, Error = E>,
    E: Into<calamine::Error>,
{
    let mut workbook = workbook?;
    for name in workbook.sheet_names() {
        let range: Range<Data> = workbook.worksheet_range(&name)?;
        let Some((top, left)) = range.start() else { continue };
        let mut cells = vec![Cell::Empty; left as usize];
        for (i, values) in range.rows().enumerate() {
            cells.truncate(left as usize);
            cells.extend(values.iter().map(Cell::of));
            if deliver(row, top + i as u32, &cells)? == Flow::Stop {
                break;
            }
        }
        return Ok(Some(name));
    }
    Ok(None)
}
