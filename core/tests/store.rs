//! The store against real files: opening, refusing, migrating, applying lists, backups. Applying
//! lists runs again on the server (`on_both_stores!`).

#[macro_use]
mod common;

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use common::Backend;
use joldama_core::classifiers::{Field, Funding, Level, OrgKind, Ownership, Region};
use joldama_core::i18n::UserFacing;
use joldama_core::ident::{Bin, Iin};
use joldama_core::model::{EmployerRecord, GraduateRecord, VacancyRecord};
use joldama_core::store::{ApplyCounts, ChangeContext, DB_FILE_NAME, Store, StoreError};
use rusqlite::Connection;
use serde_json::json;

fn ctx() -> ChangeContext {
    ChangeContext { actor: "Секретарь".into(), source: Some("tizim.xlsx".into()) }
}

fn counts(imported: usize, updated: usize, unchanged: usize) -> ApplyCounts {
    ApplyCounts { imported, updated, unchanged, decided: Vec::new() }
}

/// Check digit by the two weightings (domain.md); `None` when the number is never issued.
fn check_digit(d: &[u8]) -> Option<u8> {
    let sum = |w: &dyn Fn(usize) -> u32| (0..11).map(|i| u32::from(d[i] - b'0') * w(i)).sum::<u32>() % 11;
    let first = sum(&|i| i as u32 + 1);
    let s = if first == 10 { sum(&|i| (i as u32 + 2) % 11 + 1) } else { first };
    (s != 10).then_some(s as u8)
}

/// A valid IIN of someone born in 2000–2003 (a leading zero, as real lists have); distinct
/// for distinct `n`.
fn iin(n: usize) -> Iin {
    (n * 2..n * 2 + 2)
        .find_map(|k| {
            let born = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new((k / 10_000) as u64);
            let mut d = format!("{}5{:04}0", born.format("%y%m%d"), k % 10_000).into_bytes();
            d[11] = b'0' + check_digit(&d)?;
            Some(Iin::parse(std::str::from_utf8(&d).unwrap()).unwrap())
        })
        .expect("one of two serials has a check digit")
}

fn graduate(n: usize, surname: &str) -> GraduateRecord {
    let iin = iin(n);
    GraduateRecord {
        iin,
        surname: surname.into(),
        name: format!("Есім{}", n % 97),
        patronymic: [None, Some("Әкесінің"), Some("Ғалымұлы")][n % 3].map(Into::into),
        birth_date: iin.birth_date(),
        sex: iin.sex(),
        level: Level::Bachelor,
        funding: [Funding::RuralQuota, Funding::StateOrder, Funding::Serpin][n % 3],
        field: Field::Pedagogical,
        program_code: format!("6B0{}", 1101 + n % 20),
        program_name: "Педагогика және психология".into(),
        graduation_year: 2025,
        region: Some(Region::ALL[n % Region::ALL.len()]),
        phone: Some(format!("+7 701 {n:07}")),
        email: None,
        grant: None,
        gpa: None,
    }
}

fn bin(serial: u32) -> Bin {
    (serial * 10..)
        .find_map(|k| {
            let mut d = format!("9909400{:04}0", k % 10_000).into_bytes();
            d[11] = b'0' + check_digit(&d)?;
            Bin::parse(std::str::from_utf8(&d).unwrap()).ok()
        })
        .unwrap()
}

fn vacancy(employer: u32, position: &str, settlement: Option<&str>, places: u32) -> VacancyRecord {
    VacancyRecord {
        employer: EmployerRecord {
            bin: bin(employer),
            name: format!("№{employer} мектеп-гимназия"),
            kind: OrgKind::Education,
            ownership: Some(Ownership::State),
        },
        year: 2025,
        position: position.into(),
        program_codes: vec!["6B01101".into()],
        places,
        region: Region::Abai,
        district: Some("Абай ауданы".into()),
        settlement: settlement.map(Into::into),
        rural: settlement.is_some(),
        contact_person: None,
        phone: None,
    }
}

fn graduate_id(store: &Store, iin: Iin) -> i64 {
    store.graduates().unwrap().into_iter().find(|g| g.record.iin == iin).unwrap().id
}

/// The version a new file gets: how many migrations this build has.
fn latest_version() -> u32 {
    Store::open_in_memory().unwrap().schema_version().unwrap()
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[test]
fn open_creates_the_folder_and_a_wal_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join(DB_FILE_NAME);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.path(), Some(path.as_path()));
    assert_eq!(store.schema_version().unwrap(), latest_version());
    drop(store);

    let conn = Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");

    // Reopening at the same version takes no copy.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    assert!(file_names(path.parent().unwrap()).iter().all(|n| !n.ends_with(".bak")));
}

#[test]
fn a_text_file_is_not_a_database_and_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("тізім.txt");
    let text = "Бұл мәтін, дерекқор емес. ".repeat(100);
    std::fs::write(&path, &text).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert_eq!(err.code(), "not_a_database");
    let message = err.message();
    assert!(message.kk.contains("тізім.txt") && message.ru.contains("тізім.txt"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_newer_schema_is_refused_and_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE_NAME);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap();
    let supported = latest_version();
    assert!(matches!(err, StoreError::SchemaTooNew { found: 99, supported: s } if s == supported), "{err:?}");
    assert_eq!(err.code(), "schema_too_new");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Only the (empty) lock file the opening took its turn on stands beside it.
    let lock = format!("{DB_FILE_NAME}.lock");
    assert_eq!(file_names(dir.path()), [DB_FILE_NAME, lock.as_str()]);
}

fn graduates_are_inserted_then_unchanged_then_updated_with_audit(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let register = backend.register(dir.path());
    let mut store = register.open(dir.path());
    let list: Vec<_> =
        ["Сейітов", "Абенова", "Жұмабаев"].iter().enumerate().map(|(n, s)| graduate(n, s)).collect();

    assert_eq!(store.apply_graduates(&list, &ctx(), false).unwrap(), counts(3, 0, 0));
    let stored = store.graduates().unwrap();
    let surnames: Vec<_> = stored.iter().map(|g| g.record.surname.as_str()).collect();
    assert_eq!(surnames, ["Абенова", "Жұмабаев", "Сейітов"]);
    for g in &stored {
        assert!(list.contains(&g.record));
    }

    let id = graduate_id(&store, list[0].iin);
    let trail = store.audit_trail("graduate", id).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!((trail[0].action.as_str(), trail[0].actor.clone()), ("insert", backend.actor("Секретарь")));
    assert!(trail[0].at.ends_with('Z'));

    assert_eq!(store.apply_graduates(&list, &ctx(), false).unwrap(), counts(0, 0, 3));
    assert_eq!(store.audit_trail("graduate", id).unwrap().len(), 1);
    let batch = store.audit_trail("import_batch", 2).unwrap();
    assert_eq!(batch.len(), 1);
    assert_eq!(batch[0].details, Some(json!({"imported": 0, "updated": 0, "unchanged": 3, "decided": []})));

    let mut changed = list.clone();
    changed[0].phone = Some("+7 777 0000000".into());
    changed[0].program_name = "Педагогика".into();
    assert_eq!(store.apply_graduates(&changed, &ctx(), false).unwrap(), counts(0, 1, 2));
    let trail = store.audit_trail("graduate", id).unwrap();
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[1].action, "update");
    let details = trail[1].details.as_ref().unwrap().as_object().unwrap();
    assert_eq!(details["phone"], json!([list[0].phone, "+7 777 0000000"]));
    assert!(details.contains_key("programme_id"), "{details:?}");
    assert_eq!(details.len(), 2, "{details:?}");
    assert!(store.graduates().unwrap().iter().any(|g| g.record == changed[0]));
}

fn a_dry_run_changes_nothing(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let register = backend.register(dir.path());
    let mut store = register.open(dir.path());
    let list: Vec<_> = (0..5).map(|n| graduate(n, "Тест")).collect();
    assert_eq!(store.apply_graduates(&list, &ctx(), true).unwrap(), counts(5, 0, 0));
    assert!(store.graduates().unwrap().is_empty());
    assert!(store.audit_trail("import_batch", 1).unwrap().is_empty());

    store.apply_graduates(&list[..2], &ctx(), false).unwrap();
    assert_eq!(store.apply_graduates(&list, &ctx(), true).unwrap(), counts(3, 0, 2));
    assert_eq!(store.graduates().unwrap().len(), 2);
}

fn the_same_graduate_twice_in_a_list_keeps_the_last(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let register = backend.register(dir.path());
    let mut store = register.open(dir.path());
    let first = graduate(7, "Бірінші");
    let last = GraduateRecord { surname: "Соңғы".into(), ..first.clone() };
    let same = first.clone();
    assert_eq!(store.apply_graduates(&[first, same, last.clone()], &ctx(), false).unwrap(), counts(1, 1, 1));
    let stored = store.graduates().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].record, last);
}

fn vacancies_are_upserted_with_employers_and_places_left(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let register = backend.register(dir.path());
    let mut store = register.open(dir.path());
    let list = vec![
        vacancy(1, "Мұғалім", None, 2),
        vacancy(1, "Мұғалім", Some("Қарауыл"), 1),
        vacancy(2, "Дәрігер", Some("Қарауыл"), 3),
    ];
    assert_eq!(store.apply_vacancies(&list, &ctx(), false).unwrap(), counts(3, 0, 0));
    let stored = store.vacancies().unwrap();
    assert_eq!(stored.len(), 3);
    for v in &stored {
        assert_eq!(v.places_left, v.record.places);
        assert!(list.contains(&v.record), "{:?}", v.record);
    }
    assert_eq!(store.apply_vacancies(&list, &ctx(), false).unwrap(), counts(0, 0, 3));

    let mut changed = list.clone();
    changed[0].places = 4;
    changed[1].program_codes = vec!["6B01102".into(), "6B01101".into()];
    // An employer's new name is the employer's change, not the vacancy's.
    changed[2].employer.name = "Аудандық аурухана".into();
    assert_eq!(store.apply_vacancies(&changed, &ctx(), false).unwrap(), counts(0, 2, 1));

    let stored = store.vacancies().unwrap();
    let first = stored.iter().find(|v| v.record.settlement.is_none()).unwrap();
    assert_eq!((first.record.places, first.places_left), (4, 4));
    let trail = store.audit_trail("vacancy", first.id).unwrap();
    assert_eq!(trail.last().unwrap().details, Some(json!({"places": [2, 4]})));

    let second = stored.iter().find(|v| v.record.position == "Мұғалім" && v.record.rural).unwrap();
    assert_eq!(second.record.program_codes, ["6B01101", "6B01102"]);
    let trail = store.audit_trail("vacancy", second.id).unwrap();
    assert_eq!(
        trail.last().unwrap().details,
        Some(json!({"program_codes": [["6B01101"], ["6B01101", "6B01102"]]}))
    );

    let hospital = stored.iter().find(|v| v.record.position == "Дәрігер").unwrap();
    assert_eq!(hospital.record.employer.name, "Аудандық аурухана");
    let employer_updates: usize = (1..=2)
        .map(|id| {
            let trail = store.audit_trail("employer", id).unwrap();
            trail.iter().filter(|a| a.action == "update").count()
        })
        .sum();
    assert_eq!(employer_updates, 1);
}

#[test]
fn backup_to_copies_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join(DB_FILE_NAME)).unwrap();
    store.apply_graduates(&[graduate(1, "Көшірме")], &ctx(), false).unwrap();
    let dest = dir.path().join("көшірме.sqlite3");
    store.backup_to(&dest).unwrap();
    let copy = Store::open(&dest).unwrap();
    assert_eq!(copy.graduates().unwrap().len(), 1);

    let err = store.backup_to(&dest).err().unwrap();
    assert!(matches!(err, StoreError::BackupExists { .. }), "{err:?}");
    assert_eq!(err.code(), "backup_exists");
    assert!(err.message().kk.contains("көшірме.sqlite3"));
}

/// `cargo test --release -p joldama-core --test store -- --ignored --nocapture`
#[test]
#[ignore = "timing; run in release"]
fn apply_100k_graduates_timing() {
    let list: Vec<_> = (0..100_000).map(|n| graduate(n, "Уақыт")).collect();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join(DB_FILE_NAME)).unwrap();
    let start = Instant::now();
    let first = store.apply_graduates(&list, &ctx(), false).unwrap();
    let insert = start.elapsed();
    let start = Instant::now();
    let again = store.apply_graduates(&list, &ctx(), false).unwrap();
    let reapply = start.elapsed();
    assert_eq!((first, again), (counts(100_000, 0, 0), counts(0, 0, 100_000)));
    println!("100k graduates: insert {insert:?}, re-apply (all unchanged) {reapply:?}");
}

on_both_stores!(
    graduates_are_inserted_then_unchanged_then_updated_with_audit,
    a_dry_run_changes_nothing,
    the_same_graduate_twice_in_a_list_keeps_the_last,
    vacancies_are_upserted_with_employers_and_places_left,
);
