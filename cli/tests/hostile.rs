//! Files made to hurt, each imported by the real program as a child process whose peak memory
//! and time are measured: far cell references, zip bombs, lying sizes, sheets that expand to
//! millions of cells, a pipe, a device, a folder, cells holding errors. Every one must be
//! refused with its own code and words, under the memory bound, without a panic, and leave the
//! database as it was. The corpus is written at test time; `--nocapture` prints the figures.
#![cfg(unix)]

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const PEAK_LIMIT_MB: f64 = 300.0;
const TIMEOUT: Duration = Duration::from_secs(30);

/// What writes one part of a package.
type Part = Box<dyn FnOnce(&mut dyn Write)>;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

/// A package of parts, each written in chunks so that a part of hundreds of megabytes is
/// never held whole.
fn package(path: &Path, parts: Vec<(&str, Part)>) {
    let mut zip = ZipWriter::new(File::create(path).unwrap());
    for (name, write) in parts {
        let method = if name == "mimetype" { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let options = SimpleFileOptions::default().compression_method(method).large_file(true);
        zip.start_file(name, options).unwrap();
        write(&mut zip);
    }
    zip.finish().unwrap();
}

fn text(s: impl Into<String>) -> Part {
    let s = s.into();
    Box::new(move |w| w.write_all(s.as_bytes()).unwrap())
}

/// `count` copies of `unit` between `head` and `tail`.
fn repeated(head: &'static str, unit: &'static str, count: usize, tail: &'static str) -> Part {
    Box::new(move |w| {
        w.write_all(head.as_bytes()).unwrap();
        let chunk = unit.repeat((1 << 20) / unit.len().max(1));
        let per_chunk = chunk.len() / unit.len();
        let mut left = count;
        while left > 0 {
            let n = left.min(per_chunk);
            w.write_all(&chunk.as_bytes()[..n * unit.len()]).unwrap();
            left -= n;
        }
        w.write_all(tail.as_bytes()).unwrap();
    })
}

/// A one-sheet .xlsx: the sheet's XML, and shared strings when given.
fn xlsx(path: &Path, sheet: Part, shared: Option<Part>) {
    let strings_type = r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#;
    let strings_rel = r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#;
    let has_strings = shared.is_some();
    let mut parts: Vec<(&str, Part)> = vec![
        (
            "[Content_Types].xml",
            text(format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{}</Types>"#,
                if has_strings { strings_type } else { "" }
            )),
        ),
        (
            "_rels/.rels",
            text(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
        ),
        (
            "xl/workbook.xml",
            text(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Тізім" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            text(format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{}</Relationships>"#,
                if has_strings { strings_rel } else { "" }
            )),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(shared) = shared {
        parts.push(("xl/sharedStrings.xml", shared));
    }
    package(path, parts);
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

fn sheet(rows: &str) -> Part {
    text(format!("{SHEET_HEAD}{rows}{SHEET_TAIL}"))
}

fn inline(reference: &str, value: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>"#)
}

/// Declares part `name` of a zip `size` bytes unpacked, in its local and central headers.
fn declare_size(path: &Path, name: &str, size: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    let name = name.as_bytes();
    for at in 0..bytes.len().saturating_sub(50) {
        let (field, name_at) = match &bytes[at..at + 4] {
            b"PK\x03\x04" => (22, 30),
            b"PK\x01\x02" => (24, 46),
            _ => continue,
        };
        if bytes.get(at + name_at..at + name_at + name.len()) == Some(name) {
            bytes[at + field..at + field + 4].copy_from_slice(&size.to_le_bytes());
        }
    }
    std::fs::write(path, bytes).unwrap();
}

fn ods(path: &Path, table: Part) {
    package(
        path,
        vec![
            ("mimetype", text("application/vnd.oasis.opendocument.spreadsheet")),
            (
                "META-INF/manifest.xml",
                text(
                    r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
                ),
            ),
            ("content.xml", table),
        ],
    );
}

const ODS_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Тізім">"#;
const ODS_TAIL: &str = "</table:table></office:spreadsheet></office:body></office:document-content>";

fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    out.extend_from_slice(&typ.to_le_bytes());
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
}

fn number(row: u16, column: u16, value: f64) -> Vec<u8> {
    [&row.to_le_bytes()[..], &column.to_le_bytes(), &0u16.to_le_bytes(), &value.to_le_bytes()].concat()
}

/// A BIFF8 .xls in a compound file of 512-byte sectors: one sheet with a cell in A1 and one at
/// (65535, 255), the last cell an .xls can have.
fn far_xls(path: &Path) {
    let bof = |kind: u16| [&0x0600u16.to_le_bytes()[..], &kind.to_le_bytes(), &[0u8; 12]].concat();
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    let name = b"List";
    let sheet_record_len = 4 + 8 + name.len();
    let sheet_at = globals.len() + sheet_record_len + 4;
    let boundsheet = [&(sheet_at as u32).to_le_bytes()[..], &[0, 0, name.len() as u8, 0], name].concat();
    record(&mut globals, 0x0085, &boundsheet);
    record(&mut globals, 0x000A, &[]);
    assert_eq!(globals.len(), sheet_at);
    let mut stream = globals;
    record(&mut stream, 0x0809, &bof(0x0010));
    let dimensions = [
        &0u32.to_le_bytes()[..],
        &65_536u32.to_le_bytes(),
        &0u16.to_le_bytes(),
        &256u16.to_le_bytes(),
        &[0, 0],
    ]
    .concat();
    record(&mut stream, 0x0200, &dimensions);
    record(&mut stream, 0x0203, &number(0, 0, 1.0));
    record(&mut stream, 0x0203, &number(65_535, 255, 2.0));
    record(&mut stream, 0x000A, &[]);
    // At least the mini stream cutoff, so the stream sits in ordinary sectors.
    stream.resize(4096, 0);
    let sectors = stream.len().div_ceil(512);
    let mut file = vec![0u8; 512];
    file[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let put = |file: &mut Vec<u8>, at: usize, bytes: &[u8]| file[at..at + bytes.len()].copy_from_slice(bytes);
    put(&mut file, 0x18, &0x3Eu16.to_le_bytes());
    put(&mut file, 0x1A, &3u16.to_le_bytes());
    put(&mut file, 0x1C, &0xFFFEu16.to_le_bytes());
    put(&mut file, 0x1E, &9u16.to_le_bytes());
    put(&mut file, 0x20, &6u16.to_le_bytes());
    put(&mut file, 0x2C, &1u32.to_le_bytes());
    put(&mut file, 0x30, &1u32.to_le_bytes());
    put(&mut file, 0x38, &4096u32.to_le_bytes());
    put(&mut file, 0x3C, &0xFFFF_FFFEu32.to_le_bytes());
    put(&mut file, 0x44, &0xFFFF_FFFEu32.to_le_bytes());
    for i in 0..109 {
        put(&mut file, 0x4C + 4 * i, &(if i == 0 { 0u32 } else { 0xFFFF_FFFF }).to_le_bytes());
    }
    // Sector 0: the FAT. Sector 1: the directory. Sectors 2…: the workbook stream.
    let mut fat = vec![0xFFFF_FFFDu32, 0xFFFF_FFFE];
    fat.extend((0..sectors).map(|i| if i + 1 == sectors { 0xFFFF_FFFE } else { 3 + i as u32 }));
    fat.resize(128, 0xFFFF_FFFF);
    file.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u8> = name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
        e[..units.len()].copy_from_slice(&units);
        e[64..66].copy_from_slice(&(units.len() as u16).to_le_bytes());
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[72..76].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    file.extend(entry("Root Entry", 5, 1, 0xFFFF_FFFE, 0));
    file.extend(entry("Workbook", 2, 0xFFFF_FFFF, 2, stream.len() as u32));
    file.extend(vec![0u8; 256]);
    stream.resize(sectors * 512, 0);
    file.extend(stream);
    std::fs::write(path, file).unwrap();
}

/// The header row and first data row of a real list, as cells' XML (values after `r="…"`),
/// to build a list whose cells hold errors.
fn real_rows() -> (Vec<String>, Vec<String>) {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(fixture("graduates_2025_ru.xlsx")).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let header = range.rows().position(|r| r.iter().any(|c| c.to_string().contains("ИИН"))).unwrap();
    let xml = |c: &Data| match c {
        Data::Float(_) | Data::Int(_) => format!("><v>{c}</v>"),
        Data::DateTime(d) => format!("><v>{}</v>", d.as_f64()),
        other => format!(r#" t="inlineStr"><is><t>{other}</t></is>"#),
    };
    let rows: Vec<Vec<String>> =
        range.rows().skip(header).take(2).map(|r| r.iter().map(xml).collect()).collect();
    (rows[0].clone(), rows[1].clone())
}

fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    n += 1;
    while n > 0 {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// A list whose every row has a cell that is an error or a formula saved without its value.
fn cell_errors(path: &Path) {
    let (header, data) = real_rows();
    let iin = header.iter().position(|h| h.contains("ИИН")).unwrap();
    let surname = header.iter().position(|h| h.contains("Фамилия")).unwrap();
    let row = |n: usize, replace: &dyn Fn(usize, &str) -> Option<String>| {
        let cells: String = data
            .iter()
            .enumerate()
            .map(|(c, v)| {
                let r = format!("{}{n}", letters(c));
                replace(c, &r).unwrap_or_else(|| format!(r#"<c r="{r}"{v}</c>"#))
            })
            .collect();
        format!(r#"<row r="{n}">{cells}</row>"#)
    };
    let header_cells: String =
        header.iter().enumerate().map(|(c, h)| format!(r#"<c r="{}1"{h}</c>"#, letters(c))).collect();
    let rows = [
        format!(r#"<row r="1">{header_cells}</row>"#),
        row(2, &|c, r| (c == surname).then(|| format!(r#"<c r="{r}" t="e"><v>#N/A</v></c>"#))),
        row(3, &|c, r| (c == iin).then(|| format!(r#"<c r="{r}" t="e"><f>#REF!+1</f><v>#REF!</v></c>"#))),
        row(4, &|c, r| (c == surname).then(|| format!(r#"<c r="{r}"><f>CONCATENATE("a","b")</f></c>"#))),
    ]
    .concat();
    xlsx(path, sheet(&rows), None);
}

/// Pseudo-random letters that deflate hardly at all, as a big cell of real text would.
fn noise(count: usize) -> Part {
    Box::new(move |w| {
        w.write_all(format!("{SHEET_HEAD}<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>").as_bytes())
            .unwrap();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut chunk = vec![0u8; 1 << 20];
        let mut left = count;
        while left > 0 {
            let n = left.min(chunk.len());
            for b in &mut chunk[..n] {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *b = b'a' + (state % 26) as u8;
            }
            w.write_all(&chunk[..n]).unwrap();
            left -= n;
        }
        w.write_all(format!("</t></is></c></row>{SHEET_TAIL}").as_bytes()).unwrap();
    })
}

struct Run {
    status: String,
    exit: Option<i32>,
    peak_mb: f64,
    seconds: f64,
    output: String,
}

/// Runs the program, waiting with `wait4` for its peak resident memory; kills it past the
/// time limit.
fn run(db: &Path, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let start = Instant::now();
    #[expect(clippy::zombie_processes, reason = "reaped by wait4, which also gives its peak memory")]
    let child = Command::new(env!("CARGO_BIN_EXE_joldama"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(File::create(&out).unwrap())
        .stderr(File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain-old-data filled in by the kernel.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not yet reaped; the pointers are valid.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break;
        }
        assert!(done == 0, "wait4 failed");
        if start.elapsed() > TIMEOUT {
            // SAFETY: killing and reaping our own child.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::wait4(pid, &mut status, 0, &mut usage);
            }
            panic!("joldama {args:?} ran past {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let seconds = start.elapsed().as_secs_f64();
    let exit = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let signal = libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status));
    let output = std::fs::read_to_string(&out).unwrap() + &std::fs::read_to_string(&err).unwrap();
    Run {
        status: exit.map_or_else(|| format!("signal {}", signal.unwrap_or(0)), |e| format!("exit {e}")),
        exit,
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
        seconds,
        output,
    }
}

/// English a person must never read: the system's and SQLite's own words, a panic.
const RAW_ENGLISH: &[&str] = &[
    "os error",
    "Permission denied",
    "No such file",
    "Is a directory",
    "too big",
    "panicked",
    "database is",
    "overflow",
];

#[test]
fn hostile_files_are_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("hostile.sqlite3");
    let made = Instant::now();
    let far_column = d.join("far_column.xlsx");
    xlsx(&far_column, sheet(&format!(r#"<row r="1">{}</row>"#, inline("ZZZZZZ1", "x"))), None);
    let far_row = d.join("far_row.xlsx");
    xlsx(&far_row, sheet(&format!(r#"<row r="1">{}</row>"#, inline("A99999999999", "x"))), None);
    let overflow = d.join("zzzzzzz2.xlsx");
    xlsx(&overflow, sheet(&format!(r#"<row r="2">{}</row>"#, inline("ZZZZZZZ2", "x"))), None);
    let dimension = d.join("declared_dimension.xlsx");
    xlsx(
        &dimension,
        text(format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:ZZZZZ9999999"/><sheetData><row r="1">{}</row></sheetData></worksheet>"#,
            inline("A1", "x")
        )),
        None,
    );
    let far_xls_file = d.join("far_cell.xls");
    far_xls(&far_xls_file);
    let ods_rows = d.join("rows_repeated.ods");
    ods(
        &ods_rows,
        text(format!(
            r#"{ODS_HEAD}<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="4" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>{ODS_TAIL}"#
        )),
    );
    let ods_columns = d.join("columns_repeated.ods");
    ods(
        &ods_columns,
        repeated(
            ODS_HEAD,
            r#"<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#,
            200,
            ODS_TAIL,
        ),
    );
    let whitespace = d.join("whitespace.xlsx");
    xlsx(&whitespace, repeated(SHEET_HEAD, " ", 400_000_000, SHEET_TAIL), None);
    let lying = d.join("lying_size.xlsx");
    xlsx(&lying, repeated(SHEET_HEAD, " ", 300_000_000, SHEET_TAIL), None);
    declare_size(&lying, "xl/worksheets/sheet1.xml", 4096);
    let giant_string = d.join("giant_shared_string.xlsx");
    xlsx(
        &giant_string,
        sheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        Some(repeated(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>"#,
            "a",
            400_000_000,
            "</t></si></sst>",
        )),
    );
    let empty_strings = d.join("empty_shared_strings.xlsx");
    xlsx(
        &empty_strings,
        sheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        Some(repeated(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            "<si><t/></si>",
            73_000_000,
            "</sst>",
        )),
    );
    let giant_cell = d.join("giant_cell.xlsx");
    xlsx(
        &giant_cell,
        repeated(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>"#
            ),
            "a",
            400_000_000,
            "</t></is></c></row></sheetData></worksheet>",
        ),
        None,
    );
    // The worst that passes the size checks: text that hardly packs, as large as a file may be.
    let noisy_cell = d.join("noisy_cell.xlsx");
    xlsx(&noisy_cell, noise(52_000_000), None);
    let long_name = d.join("long_name.xlsx");
    xlsx(
        &long_name,
        sheet(&format!(r#"<row r="1">{}{}</row>"#, inline("A1", "ИИН"), inline("B1", &"Ж".repeat(40_000)))),
        None,
    );
    let errors = d.join("cell_errors.xlsx");
    cell_errors(&errors);
    let fifo = d.join("pipe.xlsx");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; makes a named pipe nobody will write to.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let folder = d.join("folder.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let missing = d.join("missing.xlsx");
    let locked = d.join("locked.xlsx");
    std::fs::copy(fixture("graduates_2025_ru.xlsx"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    // SAFETY: a plain query.
    let root = unsafe { libc::geteuid() } == 0;
    println!("corpus written in {:.1} s", made.elapsed().as_secs_f64());

    let created = run(&db, &["commission", "create", "--year", "2025"]);
    assert_eq!(created.exit, Some(0), "{}", created.output);

    // File, the codes it may be refused with (a reference past u32 overflows inside calamine
    // in a debug build, and wraps to some far cell in a release one), and a word of the
    // Russian message.
    let cases: Vec<(&Path, &[&str], &str)> = vec![
        (&far_column, &["beyond_sheet_limits"], "16384"),
        (&far_row, &["beyond_sheet_limits", "reader_failed"], "far_row.xlsx"),
        (&overflow, &["beyond_sheet_limits", "reader_failed"], "zzzzzzz2.xlsx"),
        (&dimension, &["beyond_sheet_limits", "reader_failed"], "declared_dimension.xlsx"),
        (&far_xls_file, &["sheet_too_large"], "1500000"),
        (&ods_rows, &["sheet_too_large"], "1500000"),
        (&ods_columns, &["sheet_too_large"], "1500000"),
        (&whitespace, &["unpacked_too_large", "packed_too_tightly"], "sheet1.xml"),
        (&lying, &["file_corrupt"], "lying_size.xlsx"),
        (&giant_string, &["unpacked_too_large", "packed_too_tightly"], "sharedStrings.xml"),
        (&empty_strings, &["unpacked_too_large", "packed_too_tightly"], "sharedStrings.xml"),
        (&giant_cell, &["unpacked_too_large", "packed_too_tightly"], "sheet1.xml"),
        (&noisy_cell, &["cell_too_long"], "32767"),
        (&long_name, &["cell_too_long"], "B1"),
        (&errors, &["nothing_to_import"], "#REF!"),
        (&fifo, &["not_a_regular_file"], "pipe.xlsx"),
        (Path::new("/dev/zero"), &["not_a_regular_file"], "zero"),
        (&folder, &["file_is_folder"], "folder.xlsx"),
        (&missing, &["file_not_found"], "missing.xlsx"),
        (&locked, &["permission_denied"], "locked.xlsx"),
    ];
    println!("{:<28} {:>9} {:>9} {:>7}  code", "file", "size MB", "peak MB", "time s");
    let mut failures = Vec::new();
    for (file, codes, word) in cases {
        if root && file == locked {
            println!("{:<28} skipped: root reads any file", "locked.xlsx");
            continue;
        }
        let size = std::fs::metadata(file).ok().filter(|m| m.is_file()).map_or(0.0, |m| m.len() as f64 / 1e6);
        let r = run(
            &db,
            &["import", "graduates", file.to_str().unwrap(), "--year", "2025", "--json", "--lang", "ru"],
        );
        let json: serde_json::Value = serde_json::from_str(r.output.trim()).unwrap_or_default();
        let code = json["error"]["code"].as_str().unwrap_or("?").to_owned();
        let message = json["error"]["message"].as_str().unwrap_or_default();
        let name = file.file_name().unwrap().to_str().unwrap();
        println!("{name:<28} {size:>9.1} {:>9.1} {:>7.2}  {code} ({})", r.peak_mb, r.seconds, r.status);
        let mut fail = |why: String| failures.push(format!("{name}: {why}\n{}", r.output));
        if r.exit != Some(2) {
            fail(format!("{}, not the refusal's exit 2", r.status));
        }
        if !codes.contains(&code.as_str()) {
            fail(format!("code {code}, expected one of {codes:?}"));
        }
        if !message.contains(word) || !message.contains(name) && file != Path::new("/dev/zero") {
            fail(format!("message lacks «{word}» or the file's name: {message}"));
        }
        if let Some(english) = RAW_ENGLISH.iter().find(|e| r.output.contains(*e)) {
            fail(format!("raw English «{english}» reached the user"));
        }
        if r.peak_mb >= PEAK_LIMIT_MB {
            fail(format!("peak {:.0} MB", r.peak_mb));
        }
    }
    let graduates = run(&db, &["graduates", "--json"]);
    assert_eq!(graduates.output.trim(), "[]", "a refused file changed the database");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
