//! Opening a spreadsheet file and finding its first sheet with cells. The format is told from
//! the file's bytes, not its name, so a misnamed or non-spreadsheet file gets the right message.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Range, Reader, Xls, Xlsx};

use super::ImportError;

/// A sheet's cells as read, with its position in the file (calamine's range may not start at
/// A1), so that problems name rows and columns as the spreadsheet program shows them.
pub struct Sheet {
    pub name: String,
    pub cells: Range<Data>,
}

impl Sheet {
    /// The 1-based row number a person sees for a 0-based row index of the range.
    pub fn row_number(&self, index: usize) -> u32 {
        self.cells.start().map_or(0, |(r, _)| r) + index as u32 + 1
    }

    /// The column letters (A, B, …, AA) for a 0-based column index of the range.
    pub fn column_letters(&self, index: usize) -> String {
        let mut n = self.cells.start().map_or(0, |(_, c)| c) as usize + index + 1;
        let mut letters = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(b'A' + rem as u8);
            n = (n - 1) / 26;
        }
        letters.reverse();
        String::from_utf8(letters).expect("ASCII letters")
    }
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

/// Reads the first sheet that has any cell.
pub fn read_first_sheet(path: &Path) -> Result<Sheet, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io { path: path.to_path_buf(), source })?;
    let unreadable = |detail: String| ImportError::Corrupt { path: path.to_path_buf(), detail };
    let format = sniff(&bytes).ok_or_else(|| ImportError::NotASpreadsheet { path: path.to_path_buf() })?;
    let first = match format {
        Format::Xlsx => first_sheet_with_cells(Xlsx::new(Cursor::new(bytes))),
        Format::Ods => first_sheet_with_cells(Ods::new(Cursor::new(bytes))),
        // An encrypted .xlsx is a compound file too; calamine's xlsx reader recognises it.
        Format::Compound => match Xlsx::new(Cursor::new(bytes.clone())) {
            Err(calamine::XlsxError::Password) => Err(calamine::XlsxError::Password.into()),
            _ => first_sheet_with_cells(Xls::new(Cursor::new(bytes))),
        },
    }
    .map_err(|e| match e {
        calamine::Error::Xlsx(calamine::XlsxError::Password)
        | calamine::Error::Xls(calamine::XlsError::Password)
        | calamine::Error::Ods(calamine::OdsError::Password) => {
            ImportError::PasswordProtected { path: path.to_path_buf() }
        }
        other => unreadable(other.to_string()),
    })?;
    first.ok_or_else(|| ImportError::Empty { path: path.to_path_buf() })
}

fn first_sheet_with_cells<R, E>(workbook: Result<R, E>) -> Result<Option<Sheet>, calamine::Error>
where
    R: Reader<Cursor<Vec<u8>>, Error = E>,
    calamine::Error: From<E>,
{
    let mut workbook = workbook?;
    for name in workbook.sheet_names() {
        let cells = workbook.worksheet_range(&name)?;
        if cells.used_cells().next().is_some() {
            return Ok(Some(Sheet { name, cells }));
        }
    }
    Ok(None)
}
