//! `joldama server …` against the throwaway PostgreSQL server `./scripts/test` starts
//! (`JOLDAMA_TEST_SERVER`, its superuser's address): a desk's file moved in and verified, a
//! person added, signed in with their role, and refused what the role does not allow.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use postgres::NoTls;
use serde_json::Value;

#[path = "../../core/tests/common/test_server.rs"]
mod test_server;
use test_server::Database;

struct Desk {
    _dir: tempfile::TempDir,
    db: PathBuf,
    database: Database,
}

impl Desk {
    fn new() -> Option<Desk> {
        let database = Database::new(&test_server::superuser()?);
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.sqlite3");
        Some(Desk { _dir: dir, db, database })
    }

    fn url(&self, person: Option<(&str, &str)>) -> String {
        let owner = self.database.url();
        match person {
            // postgresql://postgres:pw@host:port/db → postgresql://name:pw@host:port/db
            Some((name, password)) => {
                let at = owner.rsplit_once('@').unwrap().1;
                format!("postgresql://{name}:{password}@{at}")
            }
            None => owner,
        }
    }

    /// Runs on the register at `server`, or on the desk's file when it is empty.
    fn run(&self, server: &str, args: &[&str], stdin: &str) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_joldama"));
        command.arg("--db").arg(&self.db).args(args).env_remove("JOLDAMA_SERVER");
        if !server.is_empty() {
            command.env("JOLDAMA_SERVER", server);
        }
        let mut child = command
            .env_remove("PGPASSWORD")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    fn json(&self, server: &str, args: &[&str], stdin: &str) -> Value {
        let out = self.run(server, &[args, &["--json"]].concat(), stdin);
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn refused(&self, server: &str, args: &[&str]) -> String {
        let out = self.run(server, &[args, &["--json"]].concat(), "");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        let error: Value = serde_json::from_slice(&out.stdout).unwrap();
        error["error"]["code"].as_str().unwrap().to_owned()
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        self.database.drop_now();
        for who in ["s", "m"] {
            self.database.admin(&format!("DROP ROLE IF EXISTS {}_{who}", self.database.name));
        }
    }
}

#[test]
fn a_desk_moves_in_and_people_sign_in_with_their_roles() {
    let Some(desk) = Desk::new() else { return };
    let owner = desk.url(None);
    let demo = desk.run("", &["demo", "--year", "2025"], "");
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));

    let moved = desk.json(&owner, &["server", "move-in"], "");
    let tables = moved["tables"].as_array().unwrap();
    let graduates = tables.iter().find(|t| t["table"] == "graduate").unwrap();
    let in_file: Value = {
        let listed = desk.json(&owner, &["graduates"], "");
        Value::from(listed.as_array().unwrap().len())
    };
    assert_eq!(graduates["rows"], in_file);
    assert_eq!(graduates["checksum"].as_str().unwrap().len(), 64);

    let secretary = format!("{}_s", desk.database.name);
    let member = format!("{}_m", desk.database.name);
    desk.json(
        &owner,
        &["server", "add-person", &secretary, "--role", "secretary", "--password-stdin"],
        "хатшы-2026\n",
    );
    desk.json(
        &owner,
        &["server", "add-person", &member, "--role", "member", "--password-stdin"],
        "мүше-2026!\n",
    );
    assert_eq!(
        desk.refused(&owner, &["server", "add-person", &member, "--role", "member", "--password-stdin"]),
        "password_too_short",
        "an empty stdin is no password"
    );
    let people = desk.json(&owner, &["server", "people"], "");
    assert!(
        people.as_array().unwrap().iter().any(|p| p["name"] == member.as_str() && p["role"] == "member"),
        "{people}"
    );

    let as_secretary = desk.url(Some((&secretary, "хатшы-2026")));
    let status = desk.json(&as_secretary, &["server", "status"], "");
    assert_eq!(
        (status["person"].as_str(), status["role"].as_str()),
        (Some(secretary.as_str()), Some("secretary"))
    );
    assert_eq!(status["people"], Value::Array(Vec::new()), "only an administrator sees people");
    assert_eq!(
        desk.refused(
            &as_secretary,
            &["server", "add-person", "someone", "--role", "administrator", "--password-stdin"]
        ),
        "password_too_short"
    );
    let out = desk.run(
        &as_secretary,
        &["server", "add-person", "someone", "--role", "administrator", "--password-stdin"],
        "long-enough\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("[server_forbidden]"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let as_member = desk.url(Some((&member, "мүше-2026!")));
    assert_eq!(desk.refused(&as_member, &["server", "move-in"]), "register_not_empty");
    assert_eq!(desk.refused(&desk.url(Some((&member, "wrong"))), &["server", "status"]), "sign_in_refused");

    // A member watches; the secretary's change shows as it commits.
    let watch = Command::new(env!("CARGO_BIN_EXE_joldama"))
        .args(["server", "watch", "--for", "4"])
        .env("JOLDAMA_SERVER", &as_member)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    postgres::Client::connect(&as_secretary, NoTls)
        .unwrap()
        .execute("INSERT INTO import_batch (at, actor, kind) VALUES ('2026-12-03', 's', 'graduates')", &[])
        .unwrap();
    let watched = watch.wait_with_output().unwrap();
    assert!(watched.status.success());
    assert_eq!(String::from_utf8_lossy(&watched.stdout), format!("import_batch insert {secretary}\n"));

    let text = desk.run(&as_member, &["--lang", "ru", "server", "status"], "");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(&format!("Вошёл: {member} (член комиссии)")), "{text}");
    assert!(text.contains("Схема реестра: 14"), "{text}");
    assert!(text.contains(&format!("В реестре: выпускников {}", graduates["rows"])), "{text}");

    // The member becomes a secretary; the secretary leaves.
    let promoted = desk.json(&owner, &["server", "set-role", &member, "--role", "secretary"], "");
    assert_eq!(promoted["role"], "secretary");
    assert_eq!(desk.json(&as_member, &["server", "status"], "")["role"], "secretary");
    desk.json(&owner, &["server", "remove-person", &secretary], "");
    assert_eq!(desk.refused(&as_secretary, &["server", "status"]), "sign_in_refused");
    assert_eq!(desk.refused(&owner, &["server", "remove-person", &secretary]), "no_such_person");
}

/// Desks as processes, each its own `joldama decide` on the server at once, for one vacancy:
/// its places are taken once each, the others are refused for want of a place, and every
/// decision the desks were told of is there.
#[test]
fn desks_deciding_at_once_take_each_place_once() {
    let Some(desk) = Desk::new() else { return };
    let owner = desk.url(None);
    // The fixtures' lists, a commission and its meeting, all on the server.
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    for (what, file) in [("graduates", "graduates_2025_ru.xlsx"), ("vacancies", "vacancies_2025.xlsx")] {
        let list = fixtures.join(file);
        desk.json(&owner, &["import", what, list.to_str().unwrap(), "--year", "2025"], "");
    }
    desk.json(&owner, &["commission", "create", "--year", "2025"], "");
    for (role, name) in [("chair", "Ахметов А."), ("secretary", "Сейітов С.")] {
        desk.json(
            &owner,
            &["commission", "add-member", "--year", "2025", "--role", role, "--name", name],
            "",
        );
    }
    let meeting = desk.json(&owner, &["meeting", "create", "--year", "2025", "--date", "2025-06-20"], "");
    let mut server = postgres::Client::connect(&owner, NoTls).unwrap();

    // Each vacancy with the undecided graduates the rules allow on it.
    let mut candidates: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
    let undecided = server
        .query(
            "SELECT iin FROM graduate g WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.graduate_id = g.id) \
             ORDER BY id LIMIT 80",
            &[],
        )
        .unwrap();
    for graduate in &undecided {
        let iin: &str = graduate.get(0);
        let eligible = desk.run(&owner, &["eligible", iin, "--json"], "");
        let Ok(eligible) = serde_json::from_slice::<Value>(&eligible.stdout) else { continue };
        for allowed in eligible["allowed"].as_array().into_iter().flatten() {
            candidates.entry(allowed["vacancy"]["id"].as_i64().unwrap()).or_default().push(iin.to_owned());
        }
    }
    let (vacancy, graduates) = candidates.into_iter().max_by_key(|(_, g)| g.len()).unwrap();
    let graduates = &graduates[..graduates.len().min(8)];
    let places: i64 =
        server.query_one("SELECT places_left FROM vacancy WHERE id = $1", &[&vacancy]).unwrap().get(0);
    assert!(
        graduates.len() as i64 > places && places > 0,
        "{} graduates for {places} places",
        graduates.len()
    );

    let vacancy_id = vacancy.to_string();
    let meeting_id = meeting["id"].as_i64().unwrap().to_string();
    let desks: Vec<_> = graduates
        .iter()
        .map(|iin| {
            let args =
                ["decide", "vacancy", "--meeting", &meeting_id, "--iin", iin, "--vacancy", &vacancy_id];
            let mut command = Command::new(env!("CARGO_BIN_EXE_joldama"));
            command.arg("--db").arg(&desk.db).args(args).arg("--json").env("JOLDAMA_SERVER", &owner);
            command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
        })
        .collect();
    let mut decided = 0;
    for child in desks {
        let out = child.wait_with_output().unwrap();
        let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
        match out.status.code() {
            Some(0) => decided += 1,
            _ => assert_eq!(answer["error"]["code"], "no_places_left", "{answer}"),
        }
    }
    assert_eq!(decided, places, "every place taken, none twice");
    let (left, stored): (i64, i64) = {
        let row = server
            .query_one(
                "SELECT places_left, (SELECT COUNT(*) FROM decision WHERE vacancy_id = $1) FROM vacancy WHERE id = $1",
                &[&vacancy],
            )
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!((left, stored), (0, decided), "no decision lost");
}
