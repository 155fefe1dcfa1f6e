//! Tests that need the connection or a migration list of their own.

use rusqlite::{Connection, params};

use super::migrations::{self, MIGRATIONS, Migration};
use super::*;
use crate::classifiers::{Field, Funding, Level, OrgKind, Ownership, Region, Sex};
use crate::ident::Bin;
use crate::model::EmployerRecord;

fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

fn fails(conn: &Connection, sql: &str) -> bool {
    conn.execute_batch(sql).is_err()
}

const PROGRAMME: &str = "INSERT INTO programme (id, university_id, code, name, level, field) \
                         VALUES (1, 1, '6B01101', 'Педагогика', 'bachelor', 'pedagogical');";
const GRADUATE: &str = "INSERT INTO graduate (iin, graduation_year, surname, name, birth_date, \
    sex, level, funding, field, programme_id, created_at, updated_at) VALUES ('871008401427', \
    2025, 'А', 'Б', '1987-10-08', 'male', 'bachelor', 'state_order', 'pedagogical', 1, 't', 't');";
const EMPLOYER: &str = "INSERT INTO employer (id, bin, name, kind, created_at, updated_at) \
                        VALUES (1, '990940000123', 'Мектеп', 'education', 't', 't');";
const VACANCY: &str = "INSERT INTO vacancy (employer_id, year, position, places, places_left, \
    region, rural, created_at, updated_at) VALUES (1, 2025, 'Мұғалім', 2, 2, 'abai', 1, 't', 't');";

#[test]
fn foundation_creates_the_tables_and_the_home_university() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as u32);
    for table in [
        "audit",
        "employer",
        "graduate",
        "import_batch",
        "programme",
        "university",
        "vacancy",
        "vacancy_programme",
    ] {
        assert!(tables(store.file().unwrap()).contains(&table.to_string()), "{table}");
    }
    let names: (String, String) = store
        .file()
        .unwrap()
        .query_row("SELECT name_kk, name_ru FROM university WHERE id = ?1", [HOME_UNIVERSITY], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(names, ("Университет".into(), "Университет".into()));
}

#[test]
fn foundation_enforces_foreign_keys() {
    let store = Store::open_in_memory().unwrap();
    let fk: bool = store.file().unwrap().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert!(fk);
    // No programme 1 yet.
    assert!(fails(store.file().unwrap(), GRADUATE));
    assert!(fails(store.file().unwrap(), VACANCY));
    assert!(fails(
        store.file().unwrap(),
        "INSERT INTO programme (university_id, code, name, level, field) \
         VALUES (9, 'x', 'y', 'bachelor', 'other')"
    ));
    store.file().unwrap().execute_batch(&format!("{PROGRAMME}{GRADUATE}{EMPLOYER}{VACANCY}")).unwrap();
    // Deleting a vacancy takes its programme codes with it.
    store.file().unwrap().execute_batch("INSERT INTO vacancy_programme VALUES (1, '6B01101')").unwrap();
    store.file().unwrap().execute_batch("DELETE FROM vacancy").unwrap();
    let left: i64 =
        store.file().unwrap().query_row("SELECT count(*) FROM vacancy_programme", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
}

#[test]
fn foundation_enforces_uniqueness() {
    let store = Store::open_in_memory().unwrap();
    store.file().unwrap().execute_batch(&format!("{PROGRAMME}{GRADUATE}{EMPLOYER}{VACANCY}")).unwrap();
    assert!(fails(store.file().unwrap(), &PROGRAMME.replace("(1, 1,", "(2, 1,")));
    assert!(fails(store.file().unwrap(), GRADUATE));
    assert!(fails(store.file().unwrap(), &EMPLOYER.replace("(1,", "(2,")));
    // A NULL settlement collides with another NULL settlement (the COALESCE index).
    assert!(fails(store.file().unwrap(), VACANCY));
    store.file().unwrap().execute_batch(&GRADUATE.replace("2025,", "2026,")).unwrap();
}

#[test]
fn foundation_checks_codes_and_places() {
    let store = Store::open_in_memory().unwrap();
    store.file().unwrap().execute_batch(&format!("{PROGRAMME}{EMPLOYER}")).unwrap();
    for (good, bad) in [
        ("'male'", "'man'"),
        ("'state_order'", "'grant'"),
        ("'1987-10-08'", "'08.10.1987'"),
        ("'871008401427'", "'87100840142'"),
    ] {
        assert!(fails(store.file().unwrap(), &GRADUATE.replace(good, bad)), "{bad}");
    }
    assert!(fails(store.file().unwrap(), &GRADUATE.replace("'bachelor', 'state", "'phd', 'state")));
    assert!(fails(store.file().unwrap(), &VACANCY.replace("'abai'", "'mars'")));
    assert!(fails(store.file().unwrap(), &VACANCY.replace("2, 2,", "0, 0,")));
    assert!(fails(store.file().unwrap(), &VACANCY.replace("2, 2,", "2, -1,")));
    assert!(fails(store.file().unwrap(), &VACANCY.replace("1, 't'", "2, 't'")));
    assert!(fails(store.file().unwrap(), &EMPLOYER.replace("'education'", "'school'")));
    assert!(fails(
        store.file().unwrap(),
        "INSERT INTO import_batch (at, actor, kind) VALUES ('t', 'a', 'people')"
    ));
    assert!(fails(
        store.file().unwrap(),
        "INSERT INTO audit (at, actor, action, entity, details) VALUES ('t', 'a', 'x', 'e', '{')"
    ));
    store.file().unwrap().execute_batch(GRADUATE).unwrap();
    store.file().unwrap().execute_batch(VACANCY).unwrap();
}

#[test]
fn foundation_accepts_every_classifier_code() {
    let store = Store::open_in_memory().unwrap();
    store.file().unwrap().execute_batch(&format!("{PROGRAMME}{GRADUATE}{EMPLOYER}{VACANCY}")).unwrap();
    macro_rules! codes {
        ($t:ty) => {
            <$t>::ALL.iter().map(|v| v.code()).collect::<Vec<_>>()
        };
    }
    let columns = [
        ("graduate", "sex", codes!(Sex)),
        ("graduate", "level", codes!(Level)),
        ("graduate", "funding", codes!(Funding)),
        ("graduate", "field", codes!(Field)),
        ("graduate", "region", codes!(Region)),
        ("vacancy", "region", codes!(Region)),
        ("employer", "kind", codes!(OrgKind)),
        ("employer", "ownership", codes!(Ownership)),
    ];
    for (table, column, codes) in columns {
        for code in codes {
            store
                .file()
                .unwrap()
                .execute(&format!("UPDATE {table} SET {column} = ?1"), [code])
                .unwrap_or_else(|e| panic!("{table}.{column} = {code}: {e}"));
        }
    }
}

const EXTRA: Migration = "CREATE TABLE commission (id INTEGER PRIMARY KEY, name TEXT NOT NULL);";

#[test]
fn a_pending_migration_copies_the_file_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE_NAME);
    drop(Store::open_with(&path, &MIGRATIONS[..1]).unwrap());

    let store = Store::open_with(&path, &[MIGRATIONS[0], EXTRA]).unwrap();
    assert_eq!(store.schema_version().unwrap(), 2);
    assert!(tables(store.file().unwrap()).contains(&"commission".to_string()));

    let copies: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("joldama.sqlite3.before-v2-") && n.ends_with(".bak"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    // `before-v2-` + `YYYYMMDDTHHMMSS` + `.bak`
    assert_eq!(copies[0].len(), "joldama.sqlite3.before-v2-20261122T040500.bak".len());
    let copy = Connection::open(dir.path().join(&copies[0])).unwrap();
    assert_eq!(migrations::version(&copy).unwrap(), 1);
    assert!(!tables(&copy).contains(&"commission".to_string()));
}

#[test]
fn a_new_file_is_not_copied_and_migrates_in_one_go() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE_NAME);
    let store = Store::open_with(&path, &[MIGRATIONS[0], EXTRA]).unwrap();
    assert_eq!(store.schema_version().unwrap(), 2);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".bak")), "{names:?}");
}

#[test]
fn a_failing_migration_leaves_the_file_as_it_was() {
    let db = Db(sql::Conn::File(Connection::open_in_memory().unwrap()));
    let conn = db.file().unwrap();
    let broken: Migration = "CREATE TABLE meeting (id INTEGER PRIMARY KEY); NOT SQL;";
    // All pending scripts run in one transaction: none of them stays.
    assert!(migrations::run(&db, None, &[MIGRATIONS[0], broken]).is_err());
    assert_eq!((migrations::version(conn).unwrap(), tables(conn).len()), (0, 0));
    migrations::run(&db, None, &MIGRATIONS[..1]).unwrap();
    assert!(migrations::run(&db, None, &[MIGRATIONS[0], broken]).is_err());
    assert_eq!(migrations::version(conn).unwrap(), 1);
    assert!(!tables(conn).contains(&"meeting".to_string()));
}

fn vacancy(places: u32) -> VacancyRecord {
    VacancyRecord {
        employer: EmployerRecord {
            bin: valid_bin(),
            name: "Мектеп".into(),
            kind: OrgKind::Education,
            ownership: None,
        },
        year: 2025,
        position: "Мұғалім".into(),
        program_codes: vec![],
        places,
        region: Region::Abai,
        district: None,
        settlement: None,
        rural: true,
        contact_person: None,
        phone: None,
    }
}

/// The first BIN of the form 9909 4 0 00012x whose check digit is valid.
fn valid_bin() -> Bin {
    (0..10).find_map(|d| Bin::parse(&format!("99094000012{d}")).ok()).unwrap()
}

#[test]
fn places_left_follow_places_but_never_below_zero() {
    let mut store = Store::open_in_memory().unwrap();
    let ctx = ChangeContext { actor: "test".into(), source: None };
    store.apply_vacancies(&[vacancy(5)], &ctx, false).unwrap();
    // Four places taken by referrals.
    store.file().unwrap().execute("UPDATE vacancy SET places_left = ?1", params![1]).unwrap();
    store.apply_vacancies(&[vacancy(7)], &ctx, false).unwrap();
    assert_eq!(store.vacancies().unwrap()[0].places_left, 3);
    store.apply_vacancies(&[vacancy(2)], &ctx, false).unwrap();
    assert_eq!(store.vacancies().unwrap()[0].places_left, 0);
}
