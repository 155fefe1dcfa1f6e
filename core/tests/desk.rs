//! What the desktop window asks of the core beyond the CLI: the import wizard's column
//! mapping, a cancelled import, backups and their restore, the university's letterhead.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use joldama_core::i18n::UserFacing;
use joldama_core::import::{Choice, ColumnMapping, ImportOptions, MappedColumn, graduates};
use joldama_core::model::University;
use joldama_core::store::{ChangeContext, Store};
use joldama_core::task::Watch;
use joldama_core::workflow::import;
use joldama_core::{Error, Text};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

fn ctx() -> ChangeContext {
    ChangeContext { actor: "test".into(), source: None }
}

/// The mapping the wizard shows after the detection, as the person would send it back.
fn detected(path: &Path) -> ColumnMapping {
    let preview = graduates::preview(path, None, Choice::default()).unwrap().view(path);
    ColumnMapping {
        sheet: None,
        header_row: preview.tally.header_row,
        columns: preview
            .headers
            .iter()
            .filter_map(|h| Some(MappedColumn { field: h.field.clone()?, index: h.index }))
            .collect(),
    }
}

#[test]
fn a_corrected_mapping_is_offered_again_for_the_same_layout() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("layout.sqlite3")).unwrap();
    let path = fixture("graduates_2025_ru.xlsx");
    let preview = |store: &Store, path: &Path, mapping: Option<&ColumnMapping>| {
        import::preview_graduates(store, path, None, Choice { mapping, ..Choice::default() }).unwrap()
    };
    assert_eq!(preview(&store, &path, None).remembered, None, "nothing chosen yet");

    // The person leaves the e-mail column out; a dry run remembers nothing.
    let mut chosen = detected(&path);
    chosen.columns.retain(|c| c.field != "email");
    let options = |dry_run| ImportOptions {
        mapping: Some(chosen.clone()),
        dry_run,
        actor: "Секретарь".into(),
        ..ImportOptions::default()
    };
    import::graduates(&mut store, &path, &options(true)).unwrap();
    assert_eq!(preview(&store, &path, None).remembered, None);
    import::graduates(&mut store, &path, &options(false)).unwrap();

    // The same layout again: the choice is offered (detection alone would read the e-mail).
    let offered = preview(&store, &path, None).remembered.expect("offered");
    assert_eq!((offered.mapping.header_row, &offered.mapping.columns), (chosen.header_row, &chosen.columns));
    assert_eq!(offered.actor, "Секретарь");
    // Not once it is the mapping in use, and not for another layout.
    assert_eq!(preview(&store, &path, Some(&offered.mapping)).remembered, None);
    assert_eq!(preview(&store, &fixture("graduates_2025_kk.xlsx"), None).remembered, None);
    // Remembered with an audit row.
    assert_eq!(store.audit_trail("list_layout", 1).unwrap().len(), 1);
}

/// A request list whose rural column has a heading no wording names, and too few values to
/// be known by them.
fn write_odd_vacancy_list(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "Наименование организации",
        "БИН",
        "Тип организации",
        "Регион",
        "Признак",
        "Должность",
        "Количество мест",
    ];
    let row = [
        "КГУ «Школа-гимназия №1»",
        "000140000032",
        "Организация образования",
        "Абайская область",
        "да",
        "Учитель математики",
    ];
    for (col, (head, value)) in header.iter().zip(row.iter().chain([&""])).enumerate() {
        sheet.write_string(0, col as u16, *head).unwrap();
        sheet.write_string(1, col as u16, *value).unwrap();
    }
    sheet.write_number(1, 6, 2.0).unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_list_lacking_a_required_column_is_shown_for_mapping_and_refused_by_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("odd.sqlite3")).unwrap();
    let path = dir.path().join("odd.xlsx");
    write_odd_vacancy_list(&path);

    // The wizard shows the header with the rural field required and unmapped, and no rows.
    let shown = import::preview_vacancies(&store, &path, 2025, Choice::default()).unwrap();
    let rural = shown.fields.iter().find(|f| f.code == "rural").expect("a rural field");
    assert!(rural.required);
    assert!(shown.headers.iter().all(|h| h.field.as_deref() != Some("rural")));
    assert_eq!((shown.tally.data_rows, shown.records), (0, 0));
    assert_eq!(shown.headers[4].text, "Признак");

    // The import refuses it as it is.
    let options = ImportOptions { actor: "test".into(), ..ImportOptions::default() };
    let e = import::vacancies(&mut store, &path, 2025, &options).unwrap_err();
    assert_eq!(e.code(), "missing_columns");
    assert!(store.vacancies().unwrap().is_empty());

    // Mapped by the person, it reads and imports.
    let mut mapping = ColumnMapping {
        sheet: None,
        header_row: shown.tally.header_row,
        columns: shown
            .headers
            .iter()
            .filter_map(|h| Some(MappedColumn { field: h.field.clone()?, index: h.index }))
            .collect(),
    };
    mapping.columns.push(MappedColumn { field: "rural".into(), index: 4 });
    let mapped = import::preview_vacancies(
        &store,
        &path,
        2025,
        Choice { mapping: Some(&mapping), ..Choice::default() },
    )
    .unwrap();
    assert_eq!((mapped.records, mapped.tally.problems.len()), (1, 0), "{:?}", mapped.tally.problems);
    let options = ImportOptions { mapping: Some(mapping), ..options };
    assert_eq!(import::vacancies(&mut store, &path, 2025, &options).unwrap().counts.imported, 1);
}

#[test]
fn a_corrected_mapping_is_read_as_the_person_set_it() {
    let path = fixture("graduates_2025_ru.xlsx");
    let auto = graduates::preview(&path, None, Choice::default()).unwrap().view(&path);
    assert!(auto.headers.iter().any(|h| h.field.as_deref() == Some("iin")));
    assert!(auto.fields.iter().any(|f| f.code == "iin"));

    // The detected mapping sent back reads the same rows.
    let mapping = detected(&path);
    let same = graduates::preview(&path, None, Choice { mapping: Some(&mapping), ..Choice::default() })
        .unwrap()
        .view(&path);
    assert_eq!((same.records, same.tally.problems.len()), (auto.records, auto.tally.problems.len()));
    // The same fields on the same columns; chosen now, no longer by their wording.
    let fields = |p: &joldama_core::import::ImportPreview| {
        p.headers.iter().map(|h| h.field.clone()).collect::<Vec<_>>()
    };
    assert_eq!(fields(&same), fields(&auto));
    assert_eq!(auto.headers[1].evidence.as_ref().map(|e| e.ru.as_str()), Some("заголовок «ИИН»"));
    assert_eq!(same.headers[1].evidence.as_ref().map(|e| e.ru.as_str()), Some("выбрано вручную"));

    // Without the e-mail column the rows still read; the column shows no field.
    let mut no_email = mapping.clone();
    no_email.columns.retain(|c| c.field != "email");
    let fewer = graduates::preview(&path, None, Choice { mapping: Some(&no_email), ..Choice::default() })
        .unwrap()
        .view(&path);
    assert_eq!(fewer.records, auto.records);
    assert!(fewer.headers.iter().all(|h| h.field.as_deref() != Some("email")));

    // The IIN read from the surname's column: every row has an IIN problem.
    let mut wrong = mapping.clone();
    let surname = wrong.columns.iter().find(|c| c.field == "surname").map(|c| c.index);
    let (Some(surname), Some(iin)) = (surname, wrong.columns.iter_mut().find(|c| c.field == "iin")) else {
        panic!("the sample has surname and IIN columns")
    };
    iin.index = surname;
    let broken = graduates::preview(&path, None, Choice { mapping: Some(&wrong), ..Choice::default() })
        .unwrap()
        .view(&path);
    assert_eq!(broken.records, 0);
    assert!(broken.tally.problems.iter().any(|p| p.field == Some("iin")));

    let unknown = ColumnMapping {
        sheet: None,
        header_row: mapping.header_row,
        columns: vec![MappedColumn { field: "shoe_size".into(), index: 0 }],
    };
    let e = graduates::preview(&path, None, Choice { mapping: Some(&unknown), ..Choice::default() })
        .err()
        .expect("an unknown field is refused");
    assert_eq!(e.code(), "unknown_field");
    assert!(e.message().kk.contains("shoe_size") && e.message().ru.contains("shoe_size"));
}

#[test]
fn the_wizard_marks_the_fields_a_list_cannot_do_without() {
    let required = |name: &str| {
        let path = fixture(name);
        let preview = graduates::preview(&path, None, Choice::default()).unwrap().view(&path);
        preview.fields.into_iter().filter(|f| f.required).map(|f| f.code).collect::<Vec<_>>()
    };
    // Surname and name in their own columns: each is needed, the full name is not.
    let split = required("graduates_2025_ru.xlsx");
    for code in ["iin", "surname", "name", "program_code", "funding", "graduation_year"] {
        assert!(split.iter().any(|c| c == code), "{code} in {split:?}");
    }
    assert!(!split.iter().any(|c| c == "full_name" || c == "email" || c == "patronymic"), "{split:?}");
    // One «ФИО» column: it is needed, and the parts are not.
    let whole = required("graduates_fio_ru.xlsx");
    assert!(whole.iter().any(|c| c == "full_name"), "{whole:?}");
    assert!(!whole.iter().any(|c| c == "surname" || c == "name"), "{whole:?}");
}

#[test]
fn a_cancelled_import_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let watch = Watch::new(Arc::new(AtomicBool::new(true)), |_| {});
    let options = ImportOptions { actor: "test".into(), watch, ..ImportOptions::default() };
    let e =
        joldama_core::workflow::import::graduates(&mut store, &fixture("graduates_2025_ru.xlsx"), &options)
            .unwrap_err();
    assert!(matches!(e, Error::Import(_)), "{e:?}");
    assert_eq!(e.code(), "cancelled");
    assert!(store.graduates().unwrap().is_empty());

    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let watch = Watch::new(Arc::new(AtomicBool::new(false)), move |p| log.lock().unwrap().push(p.done));
    let options = ImportOptions { actor: "test".into(), watch, ..ImportOptions::default() };
    let report =
        joldama_core::workflow::import::graduates(&mut store, &fixture("graduates_2025_ru.xlsx"), &options)
            .unwrap();
    assert_eq!(store.graduates().unwrap().len(), report.counts.imported);
    let seen = seen.lock().unwrap();
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "progress only grows: {seen:?}");
}

fn university(name: &str) -> University {
    University {
        name: Text::new(format!("{name} университеті"), format!("Университет {name}")),
        address: Text::new("Өскемен қ.", "г. Усть-Каменогорск"),
        // Two lines: the break must come back as typed.
        letterhead: Text::new(
            "Жұмысқа орналастыру бөлімі\nТел. 8 (7232) 00-00-00",
            "Отдел трудоустройства\nТел. 8 (7232) 00-00-00",
        ),
    }
}

#[test]
fn the_letterhead_is_kept_and_a_blank_name_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let set = store.set_university(&university("Аманжолов"), &ctx()).unwrap();
    assert_eq!(set, university("Аманжолов"));
    assert_eq!(store.university().unwrap(), set);
    let mut blank = university("Аманжолов");
    blank.name.ru = "  ".into();
    let e = store.set_university(&blank, &ctx()).unwrap_err();
    assert_eq!(e.code(), "blank_university_name");
    assert_eq!(store.university().unwrap(), set, "a refused change changes nothing");
}

#[test]
fn a_restore_brings_the_backup_back_after_backing_up_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("joldama.sqlite3")).unwrap();
    store.set_university(&university("Бірінші"), &ctx()).unwrap();
    let first = store.backup_now().unwrap();
    assert!(first.bytes > 0);
    std::thread::sleep(std::time::Duration::from_millis(1_100)); // backup names are to the second
    store.set_university(&university("Екінші"), &ctx()).unwrap();

    let before = store.restore_from(&first.path).unwrap();
    assert_eq!(store.university().unwrap(), university("Бірінші"));
    let listed: Vec<PathBuf> = store.backups().unwrap().into_iter().map(|b| b.path).collect();
    assert_eq!(listed, vec![before.path.clone(), first.path.clone()], "newest first");
    // What was there before the restore is in that copy.
    let copy = Store::open(&before.path).unwrap();
    assert_eq!(copy.university().unwrap(), university("Екінші"));

    let not_a_backup = dir.path().join("notes.sqlite3");
    std::fs::write(&not_a_backup, b"not a database at all").unwrap();
    assert_eq!(store.restore_from(&not_a_backup).unwrap_err().code(), "not_a_database");
    assert_eq!(store.university().unwrap(), university("Бірінші"), "a refused restore changes nothing");
}
