//! Bounds on the work a file may ask for, checked before the reader is let at it. A list is a
//! few megabytes; a small file can still declare a sheet of billions of cells, unpack to
//! gigabytes or be a device that never ends. What no real list needs is refused with the limit
//! named, so an import never takes more than a few hundred megabytes whatever it is given.

use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::workbook::column_letters;
use super::{ImportError, cfb};
use crate::i18n::Text;

const MB: u64 = 1 << 20;
/// The largest file read: a 100,000-row list of 17 columns is 10 MB as .xlsx. Text that hardly
/// packs unpacks to under twice its size, so this also bounds the one giant cell a sheet within
/// its own limit can hold.
pub const MAX_FILE_BYTES: u64 = 32 * MB;
/// A workbook is a dozen parts; thousands are not a list.
pub const MAX_PARTS: usize = 4096;
/// A sheet unpacked: that 100,000-row list's is 61 MB. The reader holds its longest run of
/// text at once, so this bounds the memory a sheet of one giant cell or of blanks can take.
pub const MAX_SHEET_PART_BYTES: u64 = 100 * MB;
/// Any other part unpacked (shared strings: 12 MB for that list), read whole: an empty string
/// takes 24 bytes in memory for its 9 in the file.
pub const MAX_WHOLE_PART_BYTES: u64 = 48 * MB;
/// All parts unpacked together.
pub const MAX_UNPACKED_BYTES: u64 = 512 * MB;
/// Spreadsheet XML packs 5 to 20 times; only a bomb packs more than this.
pub const MAX_RATIO: u64 = 100;
/// A sheet's last row and column, as a format allows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grid {
    pub rows: u64,
    pub columns: u64,
}

/// Excel's own sheet size (.xlsx, .ods as Excel reads it).
pub const EXCEL: Grid = Grid { rows: 1_048_576, columns: 16_384 };
/// An Excel 97 (.xls) sheet's.
pub const EXCEL_97: Grid = Grid { rows: 65_536, columns: 256 };
/// An .xls or .ods workbook is read whole, each sheet into a grid from its first to its last
/// cell, copied on the way: ~130 bytes a cell at the peak (1,000,000 cells take 136 MB).
/// 1,500,000 cells is 100,000 rows of 15 columns.
pub const MAX_HELD_CELLS: u64 = 1_500_000;
/// Excel's limit on a cell's text.
pub const MAX_CELL_CHARS: usize = 32_767;

/// What a file asks for that no list needs.
#[derive(Debug)]
pub enum Refusal {
    Folder,
    /// A device, a pipe, a socket: it may never end, or never begin.
    NotAFile,
    FileTooLarge {
        size: u64,
    },
    TooManyParts {
        count: usize,
    },
    PartTooLarge {
        part: String,
        size: u64,
        limit: u64,
    },
    Packed {
        part: String,
        ratio: u64,
    },
    /// A cell or a declared extent past the format's last row or column (all from 1): Excel's
    /// [`EXCEL`] for .xlsx, [`EXCEL_97`] for .xls.
    BeyondExcel {
        sheet: String,
        row: u64,
        column: u64,
        limit: Grid,
    },
    /// The workbook's sheets up to `sheet` hold `cells` in all.
    SheetTooLarge {
        sheet: String,
        cells: u64,
    },
    /// All the parts of a zip together, unpacked.
    UnpackedTooLarge {
        size: u64,
    },
    CellTooLong {
        sheet: String,
        row: u32,
        column: usize,
        chars: usize,
    },
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0}", bytes as f64 / MB as f64)
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Folder => "file_is_folder",
            Refusal::NotAFile => "not_a_regular_file",
            Refusal::FileTooLarge { .. } => "file_too_large",
            Refusal::TooManyParts { .. } => "too_many_parts",
            Refusal::PartTooLarge { .. } | Refusal::UnpackedTooLarge { .. } => "unpacked_too_large",
            Refusal::Packed { .. } => "packed_too_tightly",
            Refusal::BeyondExcel { .. } => "beyond_sheet_limits",
            Refusal::SheetTooLarge { .. } => "sheet_too_large",
            Refusal::CellTooLong { .. } => "cell_too_long",
        }
    }

    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            Refusal::Folder | Refusal::NotAFile => Vec::new(),
            Refusal::FileTooLarge { size } => {
                vec![("size", size.to_string()), ("limit", MAX_FILE_BYTES.to_string())]
            }
            Refusal::TooManyParts { count } => {
                vec![("count", count.to_string()), ("limit", MAX_PARTS.to_string())]
            }
            Refusal::PartTooLarge { part, size, limit } => {
                vec![("part", part.clone()), ("size", size.to_string()), ("limit", limit.to_string())]
            }
            Refusal::Packed { part, ratio } => {
                vec![("part", part.clone()), ("ratio", ratio.to_string()), ("limit", MAX_RATIO.to_string())]
            }
            Refusal::BeyondExcel { sheet, row, column, limit } => vec![
                ("sheet", sheet.clone()),
                ("row", row.to_string()),
                ("column", column.to_string()),
                ("limit", format!("{}x{}", limit.rows, limit.columns)),
            ],
            Refusal::UnpackedTooLarge { size } => {
                vec![("size", size.to_string()), ("limit", MAX_UNPACKED_BYTES.to_string())]
            }
            Refusal::SheetTooLarge { sheet, cells } => {
                vec![
                    ("sheet", sheet.clone()),
                    ("cells", cells.to_string()),
                    ("limit", MAX_HELD_CELLS.to_string()),
                ]
            }
            Refusal::CellTooLong { sheet, row, column, chars } => vec![
                ("sheet", sheet.clone()),
                ("row", row.to_string()),
                ("column", column_letters(*column)),
                ("chars", chars.to_string()),
                ("limit", MAX_CELL_CHARS.to_string()),
            ],
        }
    }

    pub fn message(&self, file: &str) -> Text {
        match self {
            Refusal::Folder => Text::new(
                format!("«{file}» — файл емес, қалта: тізім файлын таңдаңыз"),
                format!("«{file}» — это папка, а не файл: выберите файл списка"),
            ),
            Refusal::NotAFile => Text::new(
                format!(
                    "«{file}» — кәдімгі файл емес (құрылғы не арна): тізімді файлға сақтап, соны таңдаңыз"
                ),
                format!(
                    "«{file}» — не обычный файл (устройство или канал): сохраните список в файл и выберите его"
                ),
            ),
            Refusal::FileTooLarge { size } => Text::new(
                format!(
                    "«{file}» файлы тым үлкен: {} МБ, ең көбі {} МБ",
                    megabytes(*size),
                    megabytes(MAX_FILE_BYTES)
                ),
                format!(
                    "Файл «{file}» слишком большой: {} МБ, допустимо не более {} МБ",
                    megabytes(*size),
                    megabytes(MAX_FILE_BYTES)
                ),
            ),
            Refusal::TooManyParts { count } => Text::new(
                format!("«{file}» файлының ішінде {count} бөлік бар, ең көбі {MAX_PARTS}: бұл тізім емес"),
                format!(
                    "Внутри файла «{file}» частей: {count}, допустимо не более {MAX_PARTS}: это не список"
                ),
            ),
            Refusal::PartTooLarge { part, size, limit } => Text::new(
                format!(
                    "«{file}» файлының «{part}» бөлігі ашқанда {} МБ-тан асады, ең көбі {} МБ",
                    megabytes(*size),
                    megabytes(*limit)
                ),
                format!(
                    "Часть «{part}» файла «{file}» в распакованном виде больше {} МБ, допустимо не более {} МБ",
                    megabytes(*size),
                    megabytes(*limit)
                ),
            ),
            Refusal::Packed { part, ratio } => Text::new(
                format!(
                    "«{file}» файлының «{part}» бөлігі {ratio} есе сығылған, ең көбі {MAX_RATIO} есе: \
                     тізім олай сығылмайды, файл оқылмайды"
                ),
                format!(
                    "Часть «{part}» файла «{file}» сжата в {ratio} раз, допустимо не более чем в {MAX_RATIO}: \
                     список так не сжимается, файл не читается"
                ),
            ),
            Refusal::BeyondExcel { sheet, row, column, limit: Grid { rows, columns } } => Text::new(
                format!(
                    "«{file}» файлының «{sheet}» парағы Excel шегінен шығады ({row}-жол, {column}-баған; \
                     ең көбі {rows} жол және {columns} баған)"
                ),
                format!(
                    "Лист «{sheet}» файла «{file}» выходит за пределы Excel (строка {row}, столбец {column}; \
                     не более {rows} строк и {columns} столбцов)"
                ),
            ),
            Refusal::SheetTooLarge { sheet, cells } => Text::new(
                format!(
                    "«{file}» файлының парақтары «{sheet}» парағымен бірге {cells} ұяшыққа созылады, ең көбі \
                     {MAX_HELD_CELLS}: бос жолдар мен бағандарды өшіріп, қайта сақтаңыз"
                ),
                format!(
                    "Листы файла «{file}» вместе с листом «{sheet}» занимают {cells} ячеек, допустимо не более \
                     {MAX_HELD_CELLS}: удалите пустые строки и столбцы и сохраните заново"
                ),
            ),
            Refusal::UnpackedTooLarge { size } => Text::new(
                format!(
                    "«{file}» файлының бөліктері ашқанда барлығы {} МБ, ең көбі {} МБ",
                    megabytes(*size),
                    megabytes(MAX_UNPACKED_BYTES)
                ),
                format!(
                    "Части файла «{file}» в распакованном виде занимают {} МБ, допустимо не более {} МБ",
                    megabytes(*size),
                    megabytes(MAX_UNPACKED_BYTES)
                ),
            ),
            Refusal::CellTooLong { sheet, row, column, chars } => {
                let cell = format!("{}{row}", column_letters(*column));
                Text::new(
                    format!(
                        "«{file}» файлының «{sheet}» парағындағы {cell} ұяшығы тым ұзын: {chars} таңба, \
                         ең көбі {MAX_CELL_CHARS} (Excel шегі)"
                    ),
                    format!(
                        "Ячейка {cell} на листе «{sheet}» файла «{file}» слишком длинная: {chars} символов, \
                         допустимо не более {MAX_CELL_CHARS} (предел Excel)"
                    ),
                )
            }
        }
    }
}

fn refuse(path: &Path, refusal: Refusal) -> ImportError {
    ImportError::Refused { path: path.to_path_buf(), refusal }
}

/// The file's bytes, if it is a regular file of a list's size. Told from its metadata before
/// it is opened: opening a pipe waits for a writer that may never come.
pub fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io { path: path.to_path_buf(), source };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.is_dir() {
        return Err(refuse(path, Refusal::Folder));
    }
    if !metadata.is_file() {
        return Err(refuse(path, Refusal::NotAFile));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(refuse(path, Refusal::FileTooLarge { size: metadata.len() }));
    }
    // The file may grow between the look and the read.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refuse(path, Refusal::FileTooLarge { size: bytes.len() as u64 }));
    }
    Ok(bytes)
}

/// Whether a part is streamed row by row (a sheet) or read whole.
fn part_limit(name: &str) -> u64 {
    if name.starts_with("xl/worksheets/") || name == "content.xml" {
        MAX_SHEET_PART_BYTES
    } else {
        MAX_WHOLE_PART_BYTES
    }
}

/// Checks a zip package's directory: the number of parts, each part's declared size and
/// packing. The zip reader stops any part at its declared size, so the declared sizes bound
/// what is unpacked. A directory that cannot be read is left for calamine to call damaged.
pub fn check_zip(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    if archive.len() > MAX_PARTS {
        return Err(refuse(path, Refusal::TooManyParts { count: archive.len() }));
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(i) else { continue };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let (size, packed) = (part.size(), part.compressed_size());
        let limit = part_limit(&name);
        total = total.saturating_add(size);
        if size > limit {
            return Err(refuse(path, Refusal::PartTooLarge { part: name, size, limit }));
        }
        if total > MAX_UNPACKED_BYTES {
            return Err(refuse(path, Refusal::UnpackedTooLarge { size: total }));
        }
        let ratio = size / packed.max(1);
        if size > MB && ratio > MAX_RATIO {
            return Err(refuse(path, Refusal::Packed { part: name, ratio }));
        }
    }
    Ok(())
}

/// The cells a reader that holds a sheet whole will hold for it: the grid from its first to
/// its last filled row and column, or the cells it collects on the way if more.
#[derive(Default)]
struct Extent {
    rows: Option<(u64, u64)>,
    columns: Option<(u64, u64)>,
    collected: u64,
    /// The grid the sheet says it spans (an .xls's DIMENSIONS), which calamine reserves.
    declared: u64,
}

impl Extent {
    fn add(&mut self, row: u64, column: u64) {
        let widen =
            |span: Option<(u64, u64)>, at: u64| span.map_or((at, at), |(a, b)| (a.min(at), b.max(at)));
        self.rows = Some(widen(self.rows, row));
        self.columns = Some(widen(self.columns, column));
    }

    fn cells(&self) -> u64 {
        let span = |s: Option<(u64, u64)>| s.map_or(0, |(a, b)| b - a + 1);
        span(self.rows).saturating_mul(span(self.columns)).max(self.collected).max(self.declared)
    }
}

/// Adds a sheet to what the whole workbook holds (both readers keep every sheet), refusing past
/// the limit.
fn hold(path: &Path, held: &mut u64, sheet: &str, extent: &Extent) -> Result<(), ImportError> {
    *held = held.saturating_add(extent.cells());
    if *held > MAX_HELD_CELLS {
        return Err(refuse(path, Refusal::SheetTooLarge { sheet: sheet.to_owned(), cells: *held }));
    }
    Ok(())
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find(|a| a.key.as_ref() == name).map(|a| a.value.into_owned())
}

fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    attribute(e, name).and_then(|v| v.parse().ok()).unwrap_or(1)
}

/// Measures each table of an .ods as calamine will expand its repeated rows and cells, before
/// it does. Blank cells repeated to the sheet's edge (as LibreOffice saves) cost nothing.
pub fn check_ods(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let Ok(content) = archive.by_name("content.xml") else { return Ok(()) };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut held = 0u64;
    let mut table = String::new();
    let mut extent = Extent::default();
    let (mut row, mut row_repeats, mut width, mut blank_run) = (0u64, 1u64, 0u64, 0u64);
    let mut filled = false;
    loop {
        buf.clear();
        let (start, empty) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-row" => {
                        if filled {
                            extent.add(row, 0);
                            extent.add(row + row_repeats - 1, width.max(1) - 1);
                        }
                        row = (row + row_repeats).min(EXCEL.rows);
                    }
                    "table:table" => hold(path, &mut held, &table, &extent)?,
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => continue,
        };
        match start.name().as_ref() {
            "table:table" => {
                table = attribute(&start, "table:name").unwrap_or_default();
                extent = Extent::default();
                row = 0;
            }
            "table:table-row" => {
                row_repeats = repeats(&start, "table:number-rows-repeated")
                    .clamp(1, EXCEL.rows - row.min(EXCEL.rows - 1));
                (width, blank_run, filled) = (0, 0, false);
                if empty {
                    row = (row + row_repeats).min(EXCEL.rows);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let count = repeats(&start, "table:number-columns-repeated").min(EXCEL.columns);
                let has_value = !empty
                    || attribute(&start, "office:value-type").is_some()
                    || attribute(&start, "table:formula").is_some();
                if has_value {
                    // Blanks before a value are kept as cells; those at the row's end are not.
                    width = (width + blank_run + count).min(EXCEL.columns);
                    extent.collected += (blank_run + count).min(EXCEL.columns);
                    blank_run = 0;
                    filled = true;
                } else {
                    blank_run += count;
                }
            }
            _ => {}
        }
    }
}

/// The records of a BIFF stream: type and data.
fn records(stream: &[u8], from: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = from;
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((typ, data))
    })
}

fn u16_of(data: &[u8], at: usize) -> u64 {
    data.get(at..at + 2).map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_of(data: &[u8], at: usize) -> u64 {
    data.get(at..at + 4).map_or(0, |b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
}

/// A sheet's name in a BIFF8 BOUNDSHEET record: one byte of length, a flag for two-byte
/// characters, the characters.
fn sheet_name(data: &[u8]) -> String {
    let length = usize::from(data.get(6).copied().unwrap_or(0));
    let wide = data.get(7).is_some_and(|f| f & 1 == 1);
    let chars = data.get(8..).unwrap_or_default();
    if wide {
        let units: Vec<u16> =
            chars.chunks_exact(2).take(length).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(length).map(|b| char::from(*b)).collect()
    }
}

/// Measures each sheet of a BIFF8 .xls by its declared dimensions and its cells' positions:
/// calamine parses every sheet when it opens the file and lays each out as a full grid.
/// Older BIFF versions are left to calamine (they are rare and their sheets small).
pub fn check_xls(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    const BOF: u16 = 0x0809;
    const EOF: u16 = 0x000A;
    let Some(stream) = cfb::stream(bytes, &["Workbook", "Book"]) else { return Ok(()) };
    let mut globals = records(&stream, 0);
    match globals.next() {
        Some((BOF, data)) if u16_of(data, 0) == 0x0600 => {}
        _ => return Ok(()),
    }
    let sheets: Vec<(usize, String)> = globals
        .take_while(|(typ, _)| *typ != EOF)
        .filter(|(typ, data)| *typ == 0x0085 && data.get(5) == Some(&0))
        .map(|(_, data)| (u32_of(data, 0) as usize, sheet_name(data)))
        .collect();
    let mut held = 0u64;
    for (position, name) in sheets {
        let mut extent = Extent::default();
        let mut depth = 0usize;
        for (typ, data) in records(&stream, position) {
            match typ {
                // The sheet's own BOF, then those of charts embedded in it.
                BOF => depth += 1,
                EOF if depth <= 1 => break,
                EOF => depth -= 1,
                _ if depth > 1 => {}
                // DIMENSIONS: first row, row after the last, first column, column after the last.
                0x0200 => {
                    let (first_row, end_row) = (u32_of(data, 0), u32_of(data, 4));
                    let (first_column, end_column) = (u16_of(data, 8), u16_of(data, 10));
                    if end_row > EXCEL_97.rows || end_column > EXCEL_97.columns {
                        return Err(refuse(
                            path,
                            Refusal::BeyondExcel {
                                sheet: name,
                                row: end_row,
                                column: end_column,
                                limit: EXCEL_97,
                            },
                        ));
                    }
                    extent.declared = end_row
                        .saturating_sub(first_row)
                        .saturating_mul(end_column.saturating_sub(first_column));
                }
                // MULRK: a run of numbers along one row.
                0x00BD => {
                    let (row, first, last) =
                        (u16_of(data, 0), u16_of(data, 2), u16_of(data, data.len().saturating_sub(2)));
                    extent.add(row, first);
                    extent.add(row, last.max(first));
                    extent.collected += last.saturating_sub(first) + 1;
                }
                // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA: one cell each.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    extent.add(u16_of(data, 0), u16_of(data, 2));
                    extent.collected += 1;
                }
                _ => {}
            }
        }
        hold(path, &mut held, &name, &extent)?;
    }
    Ok(())
}
