//! The register on a real PostgreSQL server (`./scripts/test` starts a throwaway one and sets
//! `JOLDAMA_TEST_SERVER` to its superuser's address). Each test makes a database of its own,
//! and people of its own, and removes them at the end.

mod common;

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::{Backend, Database};
use joldama_core::Lang;
use joldama_core::classifiers::{Funding, fold};
use joldama_core::generate::{self, GraduateListSpec};
use joldama_core::i18n::UserFacing;
use joldama_core::import::ImportOptions;
use joldama_core::store::server::live::{Change, Listener};
use joldama_core::store::server::{Address, Role, Server, ServerError};
use joldama_core::store::{DecisionStatus, GraduateQuery, Store};
use joldama_core::workflow::demo::{self, DemoSpec};
use postgres::NoTls;

/// A database of the test's own on the throwaway server, dropped with the people it made.
struct Scratch {
    database: Database,
    people: Vec<String>,
}

impl Scratch {
    /// `None` (the test passes without a server) only when this run has none; under
    /// `./scripts/test` a missing server fails every test.
    fn new() -> Option<Scratch> {
        let Some(Backend::Server(superuser)) = Backend::server() else { return None };
        Some(Scratch { database: Database::new(&superuser), people: Vec::new() })
    }

    /// The superuser's address of this database: its owner, who moves a file in.
    fn url(&self) -> String {
        self.database.url()
    }

    fn owner(&self) -> Server {
        Server::open(&Address::parse(&self.url()).unwrap()).unwrap()
    }

    /// A person of this test, made by the owner; answers their address.
    fn person(&mut self, role: Role, password: &str) -> Address {
        let name = format!("{}_{role:?}", self.database.name).to_lowercase();
        self.owner().add_person(&name, role, password).unwrap();
        self.people.push(name.clone());
        Address::parse(&self.url()).unwrap().as_person(&name, password)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        self.database.drop_now();
        for person in &self.people {
            self.database.admin(&format!("DROP ROLE IF EXISTS \"{person}\""));
        }
    }
}

/// A small demo year in a file: a finalised meeting with decisions, papers and their seals.
fn demo_file(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("joldama.sqlite3")).unwrap();
    let spec = DemoSpec { graduates: 80, vacancies: 24, ..DemoSpec::of_year(2025) };
    demo::build(&mut store, &spec, "Әйгерім").unwrap().expect("a new demo");
    store
}

fn file_rows(dir: &std::path::Path, table: &str) -> u64 {
    let conn = rusqlite::Connection::open(dir.join("joldama.sqlite3")).unwrap();
    conn.query_row(&format!("SELECT COUNT(*) FROM \"{table}\""), [], |r| r.get::<_, i64>(0)).unwrap() as u64
}

fn code_of(result: Result<u64, postgres::Error>) -> &'static str {
    ServerError::from(result.expect_err("the server refuses")).code()
}

#[test]
fn the_server_holds_the_files_tables_and_columns() {
    let Some(scratch) = Scratch::new() else { return };
    let mut server = scratch.owner();
    assert_eq!(server.schema_version().unwrap(), joldama_core::store::server::SERVER_SCHEMA);
    let empty = server.counts().unwrap();
    assert_eq!((empty.years.len(), empty.graduates, empty.vacancies, empty.meetings), (0, 0, 0, 0));
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(&dir.path().join("joldama.sqlite3")).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join("joldama.sqlite3")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT m.name || '.' || p.name FROM sqlite_schema m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'graduate_search%' \
             ORDER BY 1",
        )
        .unwrap();
    let file: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let on_server: Vec<String> = server
        .client()
        .query(
            "SELECT table_name || '.' || column_name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> 'joldama_schema' \
             ORDER BY (table_name || '.' || column_name) COLLATE \"C\"",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(file.len() > 150, "{} columns", file.len());
    assert_eq!(file, on_server);
}

#[test]
fn a_newer_register_on_the_server_is_refused_untouched() {
    let Some(scratch) = Scratch::new() else { return };
    scratch.owner().client().batch_execute("UPDATE joldama_schema SET version = 99").unwrap();
    let refused = Server::open(&Address::parse(&scratch.url()).unwrap()).err().expect("refused");
    assert!(matches!(refused, ServerError::SchemaTooNew { found: 99, .. }), "{refused:?}");
    assert!(refused.message().ru.contains("схема 99"), "{}", refused.message().ru);
    let mut raw = postgres::Client::connect(&scratch.url(), NoTls).unwrap();
    let version: i64 = raw.query_one("SELECT version FROM joldama_schema", &[]).unwrap().get(0);
    assert_eq!(version, 99);
}

#[test]
fn a_desks_file_moves_in_whole_and_verified() {
    let Some(scratch) = Scratch::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    let store = demo_file(dir.path());
    let mut server = scratch.owner();
    let moved = server.move_in(&store).unwrap();

    let names: Vec<&str> = moved.tables.iter().map(|t| t.table.as_str()).collect();
    for table in ["graduate", "vacancy", "decision", "meeting", "paper", "ledger", "audit", "university_key"]
    {
        assert!(names.contains(&table), "{table} moved: {names:?}");
    }
    for table in &moved.tables {
        let on_server: i64 = server
            .client()
            .query_one(&format!("SELECT COUNT(*) FROM \"{}\"", table.table), &[])
            .unwrap()
            .get(0);
        assert_eq!(table.rows, file_rows(dir.path(), &table.table), "{}", table.table);
        // The audit has one more: the move itself.
        assert_eq!(on_server as u64, table.rows + u64::from(table.table == "audit"), "{}", table.table);
    }
    // The same counts on both stores, by the same statements.
    assert_eq!(server.counts().unwrap(), store.counts().unwrap());
    let graduates = moved.tables.iter().find(|t| t.table == "graduate").unwrap();
    assert_eq!(graduates.rows, file_rows(dir.path(), "graduate"));
    assert!(graduates.rows >= 70, "{}", graduates.rows);

    // New rows follow the file's ids.
    let (max, next): (i64, i64) = {
        let max = server.client().query_one("SELECT max(id) FROM audit", &[]).unwrap().get(0);
        let next = server
            .client()
            .query_one(
                "INSERT INTO audit (at, actor, action, entity) VALUES ('2026-12-03T00:00:00.000Z', 'x', 'check', 'test') RETURNING id",
                &[],
            )
            .unwrap()
            .get(0);
        (max, next)
    };
    assert_eq!(next, max + 1);

    // Never over another desk's records.
    let again = server.move_in(&store).expect_err("refused");
    assert_eq!(again.code(), "register_not_empty");
    assert!(again.message().kk.contains("бос емес"), "{}", again.message().kk);
}

#[test]
fn the_checksum_tells_one_changed_value() {
    let (Some(first), Some(second)) = (Scratch::new(), Scratch::new()) else { return };
    let dir = tempfile::tempdir().unwrap();
    let store = demo_file(dir.path());
    let a = first.owner().move_in(&store).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("joldama.sqlite3")).unwrap();
    conn.execute("UPDATE graduate SET phone = '+77010000000' WHERE id = (SELECT max(id) FROM graduate)", [])
        .unwrap();
    drop(conn);
    let store = Store::open(&dir.path().join("joldama.sqlite3")).unwrap();
    let b = second.owner().move_in(&store).unwrap();
    for (x, y) in a.tables.iter().zip(&b.tables) {
        assert_eq!(x.table, y.table);
        assert_eq!(x.rows, y.rows, "{}", x.table);
        assert_eq!(x.checksum == y.checksum, x.table != "graduate", "{}", x.table);
    }
}

#[test]
fn a_finalised_meeting_stays_locked_on_the_server_whoever_writes() {
    let Some(scratch) = Scratch::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    scratch.owner().move_in(&demo_file(dir.path())).unwrap();
    // The owner, a superuser, writing with plain SQL: the triggers hold for everyone.
    let mut raw = postgres::Client::connect(&scratch.url(), NoTls).unwrap();
    let finalised = "SELECT id FROM meeting WHERE finalised_at IS NOT NULL";
    assert_eq!(
        code_of(
            raw.execute(&format!("UPDATE decision SET reason = 'x' WHERE meeting_id IN ({finalised})"), &[])
        ),
        "meeting_finalised"
    );
    assert_eq!(
        code_of(
            raw.execute(&format!("DELETE FROM meeting_attendance WHERE meeting_id IN ({finalised})"), &[])
        ),
        "meeting_finalised"
    );
    assert_eq!(code_of(raw.execute("UPDATE meeting SET place = 'x'", &[])), "meeting_finalised");
    assert_eq!(code_of(raw.execute("TRUNCATE decision CASCADE", &[])), "meeting_finalised");
    assert_eq!(code_of(raw.execute("DELETE FROM paper", &[])), "paper_never_deleted");
    assert_eq!(code_of(raw.execute("UPDATE paper SET seq = seq + 1000", &[])), "paper_never_deleted");
    assert_eq!(code_of(raw.execute("UPDATE ledger SET content = ''", &[])), "register_append_only");
    assert_eq!(code_of(raw.execute("DELETE FROM audit", &[])), "audit_append_only");
    assert_eq!(code_of(raw.execute("DELETE FROM university_key", &[])), "university_key_kept");
    // A paper may be cancelled once.
    assert_eq!(
        raw.execute(
            "UPDATE paper SET cancelled_at = '2026-12-03' WHERE id = (SELECT min(id) FROM paper)",
            &[]
        )
        .unwrap(),
        1
    );
    assert_eq!(
        code_of(raw.execute(
            "UPDATE paper SET cancelled_at = '2026-12-04' WHERE id = (SELECT min(id) FROM paper)",
            &[]
        )),
        "paper_never_deleted"
    );
    // JSON columns hold JSON, of the kind each needs, as the file's CHECKs say.
    let not_json = raw.execute(
        "INSERT INTO audit (at, actor, action, entity, details) VALUES ('t', 'a', 'x', 'y', '{oops')",
        &[],
    );
    assert_eq!(not_json.unwrap_err().code(), Some(&postgres::error::SqlState::CHECK_VIOLATION));
    let not_array = raw.execute("UPDATE rule_set SET rows = '{}'", &[]);
    assert_eq!(not_array.unwrap_err().code(), Some(&postgres::error::SqlState::CHECK_VIOLATION));
    let text = ServerError::from(raw.execute("DELETE FROM decision", &[]).unwrap_err()).message();
    assert!(text.ru.contains("Заседание завершено"), "{}", text.ru);
}

#[test]
fn roles_are_held_by_the_server_not_the_window() {
    let Some(mut scratch) = Scratch::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    scratch.owner().move_in(&demo_file(dir.path())).unwrap();
    let member = scratch.person(Role::Member, "оқушы-2026");
    let secretary = scratch.person(Role::Secretary, "hatshy 2026!");

    let mut as_member = Server::open(&member).unwrap();
    assert_eq!(as_member.role(), Role::Member);
    let seen: i64 = as_member.client().query_one("SELECT COUNT(*) FROM graduate", &[]).unwrap().get(0);
    assert!(seen > 0);
    let refused = as_member
        .client()
        .execute("INSERT INTO import_batch (at, actor, kind) VALUES ('2026-12-03', 'm', 'graduates')", &[]);
    assert_eq!(code_of(refused), "server_forbidden");
    let refused =
        ServerError::from(as_member.client().execute("DELETE FROM graduate_wish", &[]).unwrap_err());
    assert!(refused.message().kk.contains("рөліңіз"), "{}", refused.message().kk);

    let mut as_secretary = Server::open(&secretary).unwrap();
    assert_eq!(as_secretary.role(), Role::Secretary);
    assert_eq!(
        code_of(as_secretary.client().execute("UPDATE rule_set SET updated_by = 's'", &[])),
        "server_forbidden"
    );
    assert_eq!(
        code_of(as_secretary.client().execute("DELETE FROM commission_member", &[])),
        "server_forbidden"
    );
    assert_eq!(
        as_secretary.add_person("intruder", Role::Administrator, "long enough").unwrap_err().code(),
        "server_forbidden"
    );
    // Nor past the locks: only the register's owner may lift a trigger; nobody may empty a table.
    let refused = as_secretary.client().execute("ALTER TABLE decision DISABLE TRIGGER USER", &[]);
    assert_eq!(code_of(refused), "server_forbidden");
    assert_eq!(code_of(as_secretary.client().execute("TRUNCATE graduate_wish", &[])), "server_forbidden");
    // The audit names who signed in, whatever the desk writes.
    let actor: String = as_secretary
        .client()
        .query_one(
            "INSERT INTO audit (at, actor, action, entity) VALUES ('2026-12-03', 'the chair', 'check', 'test') RETURNING actor",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(actor, as_secretary.person());

    let wrong = Server::open(&member.as_person(as_member.person(), "wrong")).err().expect("refused");
    assert_eq!(wrong.code(), "sign_in_refused");

    let mut owner = scratch.owner();
    assert_eq!(owner.role(), Role::Administrator);
    let people = owner.people().unwrap();
    let ours: Vec<(&str, Role)> = people
        .iter()
        .filter(|p| p.name.starts_with(&scratch.database.name))
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(ours, [(as_member.person(), Role::Member), (as_secretary.person(), Role::Secretary)]);
    let stored: String = owner
        .client()
        .query_one("SELECT rolpassword FROM pg_authid WHERE rolname = $1", &[&as_secretary.person()])
        .unwrap()
        .get(0);
    assert!(stored.starts_with("SCRAM-SHA-256$") && !stored.contains("hatshy"), "{stored}");

    // Another role holds from the next sign-in; a person removed cannot sign in at all.
    let (secretary_name, member_name) = (as_secretary.person().to_owned(), as_member.person().to_owned());
    drop((as_secretary, as_member));
    assert_eq!(owner.set_role(&secretary_name, Role::Member).unwrap().role, Role::Member);
    let mut demoted = Server::open(&secretary).unwrap();
    assert_eq!(demoted.role(), Role::Member);
    let refused = demoted.client().execute("DELETE FROM graduate_wish", &[]);
    assert_eq!(code_of(refused), "server_forbidden");
    owner.remove_person(&member_name).unwrap();
    assert_eq!(Server::open(&member).err().expect("removed").code(), "sign_in_refused");
    assert_eq!(owner.remove_person(&member_name).unwrap_err().code(), "no_such_person");
    let own = owner.person().to_owned();
    assert_eq!(owner.set_role(&own, Role::Member).unwrap_err().code(), "own_role");
}

#[test]
fn the_last_place_is_taken_once_by_concurrent_desks() {
    let Some(mut scratch) = Scratch::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    scratch.owner().move_in(&demo_file(dir.path())).unwrap();
    let secretary = scratch.person(Role::Secretary, "secretary-pass");
    let mut owner = scratch.owner();
    let client = owner.client();
    let meeting: i64 = client
        .query_one(
            "INSERT INTO meeting (commission_id, number, held_on) \
             SELECT commission_id, max(number) + 1, '2026-12-03' FROM meeting GROUP BY commission_id RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    let vacancy: i64 = client.query_one("SELECT min(id) FROM vacancy", &[]).unwrap().get(0);
    client.execute("UPDATE vacancy SET places_left = 1 WHERE id = $1", &[&vacancy]).unwrap();
    let graduates: Vec<i64> = client
        .query(
            "SELECT id FROM graduate WHERE id NOT IN (SELECT graduate_id FROM decision) ORDER BY id LIMIT 8",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(graduates.len(), 8);

    let start = Arc::new(Barrier::new(graduates.len()));
    let desks: Vec<_> = graduates
        .into_iter()
        .map(|graduate| {
            let (address, start) = (secretary.clone(), start.clone());
            std::thread::spawn(move || {
                let mut desk = Server::open(&address).unwrap();
                let mut tx = desk.client().transaction().unwrap();
                start.wait();
                // The store's own step: the place taken only if one is left, then the decision.
                let taken = tx
                    .execute("UPDATE vacancy SET places_left = places_left - 1 WHERE id = $1 AND places_left > 0", &[&vacancy])
                    .unwrap();
                if taken == 0 {
                    return false;
                }
                tx.execute(
                    "INSERT INTO decision (meeting_id, graduate_id, kind, vacancy_id, arrival_date, created_at, created_by) \
                     VALUES ($1, $2, 'vacancy', $3, '2027-08-01', '2026-12-03', 'desk')",
                    &[&meeting, &graduate, &vacancy],
                )
                .unwrap();
                std::thread::sleep(Duration::from_millis(20));
                tx.commit().unwrap();
                true
            })
        })
        .collect();
    let placed = desks.into_iter().map(|d| d.join().unwrap()).filter(|&p| p).count();
    assert_eq!(placed, 1);
    let client = owner.client();
    let left: i64 =
        client.query_one("SELECT places_left FROM vacancy WHERE id = $1", &[&vacancy]).unwrap().get(0);
    let referred: i64 = client
        .query_one(
            "SELECT COUNT(*) FROM decision WHERE meeting_id = $1 AND vacancy_id = $2",
            &[&meeting, &vacancy],
        )
        .unwrap()
        .get(0);
    assert_eq!((left, referred), (0, 1));
}

#[test]
fn a_change_at_one_desk_reaches_the_others_within_a_second() {
    let Some(mut scratch) = Scratch::new() else { return };
    drop(scratch.owner());
    let member = scratch.person(Role::Member, "member-pass");
    let secretary = scratch.person(Role::Secretary, "secretary-pass");
    let mut listener = Listener::start(&member).unwrap();
    let mut desk = Server::open(&secretary).unwrap();

    // Rolled back: nobody hears of it.
    let mut tx = desk.client().transaction().unwrap();
    tx.execute("INSERT INTO import_batch (at, actor, kind) VALUES ('2026-12-03', 's', 'graduates')", &[])
        .unwrap();
    tx.rollback().unwrap();
    assert_eq!(listener.changes(Duration::from_millis(300)).unwrap(), []);

    let sent = Instant::now();
    desk.client()
        .execute("INSERT INTO import_batch (at, actor, kind) VALUES ('2026-12-03', 's', 'vacancies')", &[])
        .unwrap();
    let heard = listener.changes(Duration::from_secs(1)).unwrap();
    assert!(sent.elapsed() < Duration::from_secs(1));
    assert_eq!(
        heard,
        [Change { table: "import_batch".into(), op: "insert".into(), by: desk.person().to_owned() }]
    );
}

#[test]
fn the_files_history_moves_in_with_its_own_people() {
    let Some(scratch) = Scratch::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    scratch.owner().move_in(&demo_file(dir.path())).unwrap();
    let mut raw = postgres::Client::connect(&scratch.url(), NoTls).unwrap();
    let actors: Vec<String> = raw
        .query("SELECT DISTINCT actor FROM audit ORDER BY 1", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(actors.contains(&"Әйгерім".to_owned()), "{actors:?}");
    // The move itself is the history's last entry, by whoever moved the file in.
    let last =
        raw.query_one("SELECT actor, action, details FROM audit ORDER BY id DESC LIMIT 1", &[]).unwrap();
    assert_eq!(
        (last.get::<_, String>(0).as_str(), last.get::<_, String>(1).as_str()),
        ("postgres", "move_in")
    );
    let details: serde_json::Value = serde_json::from_str(&last.get::<_, String>(2)).unwrap();
    assert!(details["file"].as_str().unwrap().ends_with("joldama.sqlite3"), "{details}");
    assert!(details["tables"]["graduate"].as_u64().unwrap() > 0, "{details}");
}

/// Whether each folded word typed starts a word of the folded name or the IIN: what the
/// window's user means by a search, checked here without any index.
fn means(full_name: &str, iin: &str, typed: &str) -> bool {
    let name = fold(full_name);
    let words = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let name = words(&name);
    words(&fold(typed))
        .iter()
        .all(|w| iin.starts_with(w.as_str()) || name.iter().any(|n| n.starts_with(w.as_str())))
}

#[test]
fn the_server_searches_as_the_file_does() {
    let Some(scratch) = Scratch::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("g.xlsx");
    let spec = GraduateListSpec { rows: 1_500, lang: Lang::Ru, year: 2025, seed: 11, messy: false };
    generate::write_graduate_list(&list, &spec).unwrap();
    let mut store = demo_file(dir.path());
    let options = ImportOptions { actor: "t".into(), ..Default::default() };
    joldama_core::workflow::import::graduates(&mut store, &list, &options).unwrap();
    let mut server = scratch.owner();
    server.move_in(&store).unwrap();

    let everyone = store.graduates().unwrap();
    let first = &everyone[everyone.len() / 2].record;
    let searches = [
        String::new(),
        "а".into(),
        "ов".into(),
        "Ә".into(),
        "ахм".into(),
        "0".into(),
        "а и".into(),
        first.surname.to_uppercase(),
        format!("{} {}", first.name, &first.surname[..first.surname.char_indices().nth(2).unwrap().0]),
        first.iin.as_str()[..7].into(),
        "%".into(),
        "ұлы".into(),
        "zz".into(),
    ];
    let mut compared = 0;
    for search in &searches {
        for funding in [None, Some(Funding::StateOrder)] {
            for year in [None, Some(2025)] {
                let q = GraduateQuery {
                    year,
                    search: search.clone(),
                    funding,
                    limit: 1000,
                    ..Default::default()
                };
                let expected: Vec<i64> = everyone
                    .iter()
                    .filter(|g| means(&g.record.full_name(), g.record.iin.as_str(), search))
                    .filter(|g| funding.is_none_or(|f| g.record.funding == f))
                    .filter(|g| year.is_none_or(|y| g.record.graduation_year == y))
                    .map(|g| g.id)
                    .collect();
                let file = store.graduates_page(&q).unwrap();
                let on_server = server.graduates_page(&q).unwrap();
                assert_eq!(file.total as usize, expected.len(), "file: {search:?} {funding:?} {year:?}");
                assert_eq!(on_server.total, file.total, "server: {search:?} {funding:?} {year:?}");
                assert_eq!(on_server.rows, file.rows, "{search:?} {funding:?} {year:?}");
                let ids: Vec<i64> = on_server.rows.iter().map(|r| r.id).collect();
                assert_eq!(ids, expected.iter().take(1000).copied().collect::<Vec<_>>());
                compared += 1;
            }
        }
    }
    assert_eq!(compared, searches.len() * 4);
    // The other filters, and a page further on.
    let decided =
        GraduateQuery { status: Some(DecisionStatus::Vacancy), limit: 20, offset: 7, ..Default::default() };
    let by_programme = GraduateQuery {
        program_code: Some(first.program_code.clone()),
        limit: 50,
        offset: 3,
        ..Default::default()
    };
    // A search's page past its last match still counts them.
    let past = GraduateQuery { search: "а".into(), offset: 5_000, limit: 10, ..Default::default() };
    for q in [decided, by_programme, past] {
        let (file, on_server) = (store.graduates_page(&q).unwrap(), server.graduates_page(&q).unwrap());
        assert!(file.total > 0, "{q:?}");
        assert_eq!(on_server, file, "{q:?}");
    }
}

#[test]
fn tls_is_refused_with_a_certificate_the_desk_does_not_trust() {
    let Some(scratch) = Scratch::new() else { return };
    drop(scratch.owner());
    // The throwaway server's certificate is its own, which no desk trusts; a server elsewhere is
    // always reached this way, one on this machine when the address asks.
    let address = Address::parse(&format!("{}?sslmode=require", scratch.url())).unwrap();
    let refused = Server::open(&address).err().expect("refused");
    assert_eq!(refused.code(), "server_tls", "{refused}");
    assert!(refused.message().ru.contains("сертификат"), "{}", refused.message().ru);
}

#[test]
fn an_owner_who_is_not_a_superuser_makes_the_register_and_its_people() {
    // As the README sets a server up: an owner who may create roles, and a database of theirs.
    let Some(mut scratch) = Scratch::new() else { return };
    let owner = format!("{}_owner", scratch.database.name);
    scratch.people.push(owner.clone());
    let mut superuser = postgres::Client::connect(&scratch.url(), NoTls).unwrap();
    superuser
        .batch_execute(&format!(
            "CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD 'owner-pass'; ALTER DATABASE {} OWNER TO {owner}",
            scratch.database.name
        ))
        .unwrap();
    let as_owner = Address::parse(&scratch.url()).unwrap().as_person(&owner, "owner-pass");
    let mut server = Server::open(&as_owner).unwrap();
    assert_eq!(server.role(), Role::Administrator);
    let dir = tempfile::tempdir().unwrap();
    server.move_in(&demo_file(dir.path())).unwrap();

    // The owner adds an administrator, who adds a secretary, who records.
    let admin = format!("{}_admin", scratch.database.name);
    let secretary = format!("{}_sec", scratch.database.name);
    scratch.people.extend([admin.clone(), secretary.clone()]);
    server.add_person(&admin, Role::Administrator, "admin-pass").unwrap();
    let mut as_admin = Server::open(&as_owner.as_person(&admin, "admin-pass")).unwrap();
    assert_eq!(as_admin.role(), Role::Administrator);
    as_admin.add_person(&secretary, Role::Secretary, "secretary-pass").unwrap();
    as_admin.set_role(&secretary, Role::Member).unwrap();
    as_admin.set_role(&secretary, Role::Secretary).unwrap();
    let mut as_secretary = Server::open(&as_owner.as_person(&secretary, "secretary-pass")).unwrap();
    assert_eq!(as_secretary.role(), Role::Secretary);
    let recorded = as_secretary
        .client()
        .execute("INSERT INTO import_batch (at, actor, kind) VALUES ('2026-12-03', 's', 'graduates')", &[])
        .unwrap();
    assert_eq!(recorded, 1);
    // The owner's locks hold for the owner's people: only the owner could lift them.
    let refused = as_admin.client().execute("ALTER TABLE decision DISABLE TRIGGER USER", &[]);
    assert_eq!(code_of(refused), "server_forbidden");
}

#[test]
fn a_file_with_tables_of_its_own_is_not_moved_in() {
    let Some(scratch) = Scratch::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("joldama.sqlite3");
    drop(Store::open(&path).unwrap());
    // A name that would close its quotes in a statement, and a column added to a register table.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(r#"CREATE TABLE "x"" (a); DROP TABLE graduate; --" (a INTEGER);"#).unwrap();
    drop(conn);
    let mut server = scratch.owner();
    let refused = server.move_in(&Store::open(&path).unwrap()).expect_err("refused");
    assert_eq!(refused.code(), "move_in_not_register", "{refused}");
    assert!(refused.message().ru.contains("Ничего не перенесено"), "{}", refused.message().ru);
    assert!(
        server.client().query_one("SELECT COUNT(*) FROM graduate", &[]).is_ok(),
        "the server's tables stand"
    );

    let other = dir.path().join("other.sqlite3");
    drop(Store::open(&other).unwrap());
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("ALTER TABLE application ADD COLUMN note TEXT")
        .unwrap();
    let refused = server.move_in(&Store::open(&other).unwrap()).expect_err("refused");
    assert_eq!(
        (refused.code(), refused.to_string().as_str()),
        ("move_in_not_register", "application: not the register's table")
    );
    assert_eq!(server.counts().unwrap().graduates, 0);
}
