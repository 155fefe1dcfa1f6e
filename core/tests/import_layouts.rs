//! Hundreds of lists laid out as nobody wrote them by hand (see
//! [`joldama_core::generate::layouts`]), read and compared with the truth each was written
//! with: the sheet, the header row, every column's field, the rows; or the refusal, naming the
//! missing field or the columns nothing tells apart. A failure prints the seed and the layout;
//! `LAYOUT_SEEDS=17,42 cargo test -p joldama-core --test import_layouts` replays those alone.

use std::path::Path;

use joldama_core::generate::layouts::{self, Expect, Layout, ListKind};
use joldama_core::i18n::UserFacing;
use joldama_core::import::header::FieldKey;
use joldama_core::import::{Choice, ImportError, graduates, vacancies};

/// Lists in the corpus: both kinds and both languages, about half each.
const CORPUS: u64 = 400;

/// What the reading found, in the truth's terms.
struct Found {
    sheet: String,
    sheet_hidden: bool,
    header_row: u32,
    /// (0-based column, field)
    columns: Vec<(usize, &'static str)>,
    data_rows: usize,
    valid: usize,
}

fn found<K: FieldKey>(reading: &joldama_core::import::Reading<K>) -> Found {
    Found {
        sheet: reading.sheet.clone(),
        sheet_hidden: reading.sheet_hidden,
        header_row: reading.tally.header_row,
        columns: reading.header.columns.iter().map(|c| (c.index, c.key.code())).collect(),
        data_rows: reading.tally.data_rows,
        valid: reading.tally.valid,
    }
}

fn read(path: &Path, layout: &Layout) -> Result<Found, ImportError> {
    match layout.kind {
        ListKind::Graduates => {
            graduates::preview(path, Some(layouts::YEAR), Choice::default()).map(|p| found(&p.reading))
        }
        ListKind::Vacancies => {
            vacancies::preview(path, layouts::YEAR, Choice::default()).map(|p| found(&p.reading))
        }
    }
}

fn letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// What differs from the truth, if anything.
fn check(path: &Path, layout: &Layout) -> Result<(), String> {
    let result = read(path, layout);
    match (&layout.expect, result) {
        (Expect::List, Ok(f)) => {
            let mut wrong = Vec::new();
            let sheet = &layout.sheets[layout.sheet];
            if (f.sheet.as_str(), f.sheet_hidden) != (sheet.name.as_str(), sheet.hidden) {
                wrong.push(format!("sheet «{}» (hidden {}), not «{}»", f.sheet, f.sheet_hidden, sheet.name));
            }
            if f.header_row != layout.header_row {
                wrong.push(format!("header row {}, not {}", f.header_row, layout.header_row));
            }
            for (index, field) in &f.columns {
                let truth = layout.columns.get(*index).and_then(|c| c.field);
                if truth != Some(*field) {
                    wrong.push(format!("column {index} taken for {field}, holds {truth:?}"));
                }
            }
            for (index, column) in layout.columns.iter().enumerate() {
                if let Some(field) = column.field
                    && !f.columns.contains(&(index, field))
                {
                    wrong.push(format!("{field} (column {index}) not found"));
                }
            }
            if (f.data_rows, f.valid) != (layout.rows, layout.rows) {
                wrong.push(format!("{} data rows, {} valid, not {}", f.data_rows, f.valid, layout.rows));
            }
            if wrong.is_empty() { Ok(()) } else { Err(wrong.join("; ")) }
        }
        (Expect::Ambiguous { field, columns }, Err(ImportError::MissingColumns { ambiguous, .. })) => {
            let expected: Vec<String> = columns.iter().map(|c| letters(*c)).collect();
            if ambiguous.iter().any(|(_, found)| *found == expected) {
                Ok(())
            } else {
                Err(format!("{field} not reported ambiguous in {expected:?}: {ambiguous:?}"))
            }
        }
        (Expect::Missing { .. }, Err(ImportError::MissingColumns { ambiguous, .. }))
            if ambiguous.is_empty() =>
        {
            Ok(())
        }
        (expect, Ok(f)) => Err(format!("read (columns {:?}), expected {expect:?}", f.columns)),
        (expect, Err(e)) => Err(format!("refused {} ({}), expected {expect:?}", e.code(), e.message().ru)),
    }
}

#[test]
fn generated_layouts_read_as_their_truth() {
    let seeds: Vec<u64> = match std::env::var("LAYOUT_SEEDS") {
        Ok(list) => list.split(',').map(|s| s.trim().parse().expect("LAYOUT_SEEDS: numbers")).collect(),
        Err(_) => (0..CORPUS).collect(),
    };
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut kinds = [[0usize; 2]; 2];
    let (mut refused, mut two_level, mut hidden) = (0, 0, 0);
    for &seed in &seeds {
        let path = dir.path().join(format!("layout_{seed}.xlsx"));
        let layout = layouts::write(&path, seed).unwrap();
        kinds[usize::from(layout.kind == ListKind::Vacancies)][layout.lang as usize] += 1;
        refused += usize::from(layout.expect != Expect::List);
        two_level += usize::from(layout.columns.iter().any(|c| c.group.is_some()));
        hidden += usize::from(layout.sheets.iter().any(|s| s.hidden));
        if std::env::var("LAYOUT_SEEDS").is_ok() {
            eprintln!("{layout}");
        }
        if let Err(why) = check(&path, &layout) {
            failures.push(format!("{why}\n{layout}"));
        }
        std::fs::remove_file(&path).unwrap();
    }
    let passed = seeds.len() - failures.len();
    eprintln!(
        "{passed} of {} generated layouts read as their truth ({refused} to refuse, {two_level} with \
         two-level headers, {hidden} with hidden sheets; graduates kk/ru, vacancies kk/ru: {kinds:?})",
        seeds.len()
    );
    if seeds.len() as u64 == CORPUS {
        let tenth = CORPUS as usize / 10;
        assert!(kinds.iter().flatten().all(|n| *n >= CORPUS as usize / 6), "kinds and languages: {kinds:?}");
        assert!(
            refused >= tenth / 2 && two_level >= tenth && hidden >= tenth / 2,
            "a corpus without variety"
        );
    }
    assert!(failures.is_empty(), "{} failed:\n\n{}", failures.len(), failures.join("\n"));
}
