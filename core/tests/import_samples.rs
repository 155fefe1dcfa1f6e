//! Imports the registrars' and employers' sample lists (tests/fixtures, copied from the shared
//! samples and converted to .xls/.ods) into real SQLite files, and checks every row against the
//! expected outcome written beside each file.

use std::path::{Path, PathBuf};

use joldama_core::i18n::UserFacing;
use joldama_core::import::{ImportError, ImportOptions, ImportReport};
use joldama_core::store::Store;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

/// `<file>.expected.json` (for a conversion of a sample), else `<stem>.expected.json`.
fn expected(name: &str) -> Value {
    let own = fixture(&format!("{name}.expected.json"));
    let path = if own.exists() {
        own
    } else {
        fixture(&format!("{}.expected.json", name.rsplit_once('.').unwrap().0))
    };
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn options(year: Option<i32>, dry_run: bool) -> ImportOptions {
    ImportOptions { year, dry_run, actor: "test".into(), ..Default::default() }
}

/// The samples' ground truth names two problems by what the generator did; the importer's
/// codes say what the secretary must fix.
fn importer_code(expected: &str) -> (&str, Option<&str>) {
    match expected {
        "duplicate_of_row" => ("duplicate_in_file", None),
        "missing_surname" => ("missing_field", Some("surname")),
        other => (other, None),
    }
}

fn check_problems(report: &ImportReport, truth: &Value, name: &str) {
    for row in truth["rows"].as_array().unwrap() {
        let number = row["row"].as_u64().unwrap() as u32;
        let problems: Vec<_> = report.tally.problems.iter().filter(|p| p.row == number).collect();
        match row["problem"].as_str() {
            None => assert!(problems.is_empty(), "{name} row {number}: unexpected {problems:?}"),
            Some(code) => {
                let (code, field) = importer_code(code);
                let field = field.or(row.get("column").and_then(Value::as_str));
                assert!(
                    problems.iter().any(|p| p.code == code && field.is_none_or(|f| p.field == Some(f))),
                    "{name} row {number}: expected {code} ({field:?}), got {problems:?}"
                );
                for p in &problems {
                    assert!(!p.message.kk.is_empty() && !p.message.ru.is_empty());
                }
            }
        }
    }
}

fn check_graduate_list(name: &str, year: Option<i32>) {
    let truth = expected(name);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("test.sqlite3")).unwrap();
    let report =
        joldama_core::workflow::import::graduates(&mut store, &fixture(name), &options(year, false)).unwrap();

    assert_eq!(report.tally.header_row as u64, truth["header_row"].as_u64().unwrap(), "{name}: header row");
    assert_eq!(report.tally.data_rows as u64, truth["data_rows"].as_u64().unwrap(), "{name}: data rows");
    assert_eq!(report.tally.valid as u64, truth["valid"].as_u64().unwrap(), "{name}: valid rows");
    assert_eq!(report.counts.imported, report.tally.valid, "{name}: all valid rows are new");
    check_problems(&report, &truth, name);

    let stored = store.graduates().unwrap();
    assert_eq!(stored.len(), report.tally.valid);
    for row in truth["rows"].as_array().unwrap().iter().filter(|r| r["problem"].is_null()) {
        let iin = row["iin"].as_str().unwrap();
        let g = &stored
            .iter()
            .find(|g| g.record.iin.as_str() == iin)
            .unwrap_or_else(|| panic!("{name}: {iin} stored"))
            .record;
        let got = serde_json::to_value(g).unwrap();
        for (field, ours) in [
            ("surname", "surname"),
            ("name", "name"),
            ("patronymic", "patronymic"),
            ("birth", "birth_date"),
            ("level", "level"),
            ("field", "field"),
            ("funding", "funding"),
            ("program_code", "program_code"),
        ] {
            assert_eq!(got[ours], row[field], "{name} row {}: {field}", row["row"]);
        }
    }

    // The same file again changes nothing.
    let again =
        joldama_core::workflow::import::graduates(&mut store, &fixture(name), &options(year, false)).unwrap();
    assert_eq!(
        (again.counts.imported, again.counts.updated, again.counts.unchanged),
        (0, 0, report.tally.valid)
    );
    assert_eq!(store.graduates().unwrap().len(), report.tally.valid);
}

#[test]
fn russian_sample_xlsx() {
    check_graduate_list("graduates_2025_ru.xlsx", Some(2025));
}

#[test]
fn kazakh_sample_xlsx() {
    check_graduate_list("graduates_2025_kk.xlsx", None);
}

#[test]
fn russian_sample_as_old_excel_xls() {
    check_graduate_list("graduates_2025_ru.xls", Some(2025));
}

#[test]
fn kazakh_sample_as_ods() {
    check_graduate_list("graduates_2025_kk.ods", Some(2025));
}

#[test]
fn full_name_in_one_column_with_letterhead_and_signatures() {
    check_graduate_list("graduates_fio_ru.xlsx", Some(2025));
}

#[test]
fn a_cover_page_a_hidden_draft_and_unlisted_headings_read_with_their_evidence() {
    check_graduate_list("graduates_cover_ru.xlsx", None);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cover.sqlite3")).unwrap();
    let report = joldama_core::workflow::import::graduates(
        &mut store,
        &fixture("graduates_cover_ru.xlsx"),
        &options(None, true),
    )
    .unwrap();
    // The visible list, not the hidden draft before it nor the cover page.
    assert_eq!((report.sheet.as_str(), report.sheet_hidden), ("Список", false));
    assert_eq!(report.year, Some(2025));
    let evidence = |field: &str| {
        let column = report.columns.iter().find(|c| c.field.as_deref() == Some(field));
        column.and_then(|c| c.evidence.clone()).map(|e| e.ru).unwrap_or_else(|| panic!("{field} matched"))
    };
    assert!(evidence("program_code").contains("Специальность (шифр)"), "{}", evidence("program_code"));
    // «Вид гранта» names no field: its values do.
    let funding = evidence("funding");
    assert!(funding.contains("Вид гранта") && funding.contains('%'), "{funding}");
}

#[test]
fn kazakh_list_with_mismatches_and_duplicates() {
    check_graduate_list("graduates_mismatch_kk.xlsx", Some(2025));
}

#[test]
fn dry_run_counts_but_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("dry.sqlite3")).unwrap();
    let report = joldama_core::workflow::import::graduates(
        &mut store,
        &fixture("graduates_2025_ru.xlsx"),
        &options(Some(2025), true),
    )
    .unwrap();
    assert!(report.dry_run);
    assert_eq!(report.counts.imported, 296);
    assert!(store.graduates().unwrap().is_empty());
}

#[test]
fn a_list_of_another_cohort_is_refused_whole_naming_each_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("year.sqlite3")).unwrap();
    let error = joldama_core::workflow::import::graduates(
        &mut store,
        &fixture("graduates_2025_ru.xlsx"),
        &options(Some(2024), false),
    )
    .unwrap_err();
    let joldama_core::Error::Import(ImportError::NothingToImport { problems, .. }) = &error else {
        panic!("{error:?}")
    };
    let first = &problems[0];
    assert_eq!((first.code, first.field, first.row), ("inconsistent_value", Some("graduation_year"), 5));
    assert_eq!(first.value.as_deref(), Some("2025"));
    assert_eq!(first.person.as_deref(), Some("Ержанов Бауыржан Айдосұлы"));
    assert!(error.message().ru.contains("ничего не записано"), "{}", error.message().ru);
    // Not even the import's batch or audit row.
    assert!(store.graduates().unwrap().is_empty());
    assert!(store.audit_trail("import_batch", 1).unwrap().is_empty());
}

fn check_vacancy_list(name: &str) {
    let truth = expected(name);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("v.sqlite3")).unwrap();
    let report =
        joldama_core::workflow::import::vacancies(&mut store, &fixture(name), 2025, &options(None, false))
            .unwrap();
    assert_eq!(report.tally.header_row as u64, truth["header_row"].as_u64().unwrap(), "{name}: header row");
    assert_eq!(report.tally.data_rows as u64, truth["data_rows"].as_u64().unwrap(), "{name}: data rows");
    assert_eq!(report.tally.valid as u64, truth["valid"].as_u64().unwrap(), "{name}: valid rows");
    check_problems(&report, &truth, name);

    let stored = store.vacancies().unwrap();
    assert_eq!(stored.len(), report.tally.valid);
    for row in truth["rows"].as_array().unwrap().iter().filter(|r| r["problem"].is_null()) {
        let bin = row["bin"].as_str().unwrap();
        let places = row["places"].as_u64().unwrap() as u32;
        let v = stored
            .iter()
            .find(|v| v.record.employer.bin.as_str() == bin && v.record.places == places)
            .unwrap_or_else(|| panic!("{name}: vacancy of {bin} stored"));
        assert_eq!(v.record.employer.kind.code(), row["kind"].as_str().unwrap(), "{name}: kind of {bin}");
        assert_eq!(v.record.rural, row["rural"].as_bool().unwrap(), "{name}: rural of {bin}");
        assert_eq!(v.places_left, places);
    }
    let again =
        joldama_core::workflow::import::vacancies(&mut store, &fixture(name), 2025, &options(None, false))
            .unwrap();
    assert_eq!(
        (again.counts.imported, again.counts.updated, again.counts.unchanged),
        (0, 0, report.tally.valid)
    );
}

#[test]
fn employers_vacancies_sample() {
    check_vacancy_list("vacancies_2025.xlsx");
}

#[test]
fn kazakh_vacancy_list() {
    check_vacancy_list("vacancies_kk.xlsx");
}

#[test]
fn broken_files_are_refused_whole_and_the_database_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("broken.sqlite3");
    let mut store = Store::open(&db).unwrap();
    joldama_core::workflow::import::graduates(
        &mut store,
        &fixture("graduates_2025_kk.xlsx"),
        &options(None, false),
    )
    .unwrap();
    let before = store.graduates().unwrap();
    for (name, code) in [
        ("broken_not_a_spreadsheet.xlsx", "not_a_spreadsheet"),
        ("broken_truncated.xlsx", "file_corrupt"),
        ("broken_empty.xlsx", "file_empty"),
        ("broken_password.xlsx", "password_protected"),
        ("broken_no_header.xlsx", "no_header_row"),
        // 2,398 good rows are read and written before the sheet breaks off: all roll back.
        ("broken_midway.xlsx", "file_corrupt"),
        ("no_such_file.xlsx", "file_not_found"),
        ("vacancies_2025.xlsx", "no_header_row"),
    ] {
        let error = joldama_core::workflow::import::graduates(
            &mut store,
            &fixture(name),
            &options(Some(2025), false),
        )
        .unwrap_err();
        assert_eq!(error.code(), code, "{name}");
        let message = error.message();
        assert!(message.kk.contains(name) && message.ru.contains(name), "{name}: {message:?}");
        assert_eq!(store.graduates().unwrap(), before, "{name} changed the database");
    }
}
