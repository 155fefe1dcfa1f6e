//! The `joldama` program run as a user or a script runs it, on real files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

fn joldama(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_joldama")).arg("--db").arg(db).args(args).output().expect("joldama runs")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

#[test]
fn import_then_list_graduates_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.sqlite3");
    let sample = fixture("graduates_2025_ru.xlsx");
    let out = joldama(
        &db,
        &["import", "graduates", sample.to_str().unwrap(), "--year", "2025", "--json", "--lang", "ru"],
    );
    assert!(out.status.success());
    let report = json(&out);
    assert_eq!(report["imported"], 296);
    assert_eq!((report["updated"].as_u64(), report["unchanged"].as_u64()), (Some(0), Some(0)));
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 5);
    for p in problems {
        assert!(p["row"].as_u64().unwrap() > 4);
        assert!(p["code"].is_string() && p["message"].is_string());
    }
    let check_digit = problems.iter().find(|p| p["code"] == "iin_check_digit").unwrap();
    assert_eq!(check_digit["column"], "B");
    assert!(check_digit["message"].as_str().unwrap().contains("ИИН"), "Russian message: {check_digit}");

    let list = json(&joldama(&db, &["graduates", "--json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 296);
    let first = list.iter().find(|g| g["iin"] == "000317565675").unwrap();
    assert_eq!(first["surname"], "Ержанов");
    assert_eq!(first["name"], "Бауыржан");
    assert_eq!(first["patronymic"], "Айдосұлы");
    assert_eq!(first["birth_date"], "2000-03-17");
    assert_eq!(first["sex"], "male");
    assert_eq!(first["level"], "master");
    assert_eq!(first["funding"], "state_order");
    assert_eq!(first["field"], "other");
    assert_eq!(first["program_code"], "7M07101");
    assert_eq!(first["graduation_year"], 2025);
    assert!(first["region"].is_string());

    // Importing again: nothing new, nothing changed.
    let again = json(&joldama(&db, &["import", "graduates", sample.to_str().unwrap(), "--json"]));
    assert_eq!((again["imported"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(296)));
}

#[test]
fn dry_run_leaves_the_database_empty() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dry.sqlite3");
    let sample = fixture("graduates_2025_kk.xlsx");
    let report =
        json(&joldama(&db, &["import", "graduates", sample.to_str().unwrap(), "--dry-run", "--json"]));
    assert_eq!(report["dry_run"], true);
    assert!(report["imported"].as_u64().unwrap() > 0);
    // Not even an empty file is left: a dry run against no database reads into memory.
    assert!(!db.exists());
    joldama(&db, &["commission", "create", "--year", "2025"]);
    json(&joldama(&db, &["import", "graduates", sample.to_str().unwrap(), "--dry-run", "--json"]));
    assert_eq!(json(&joldama(&db, &["graduates", "--json"])).as_array().unwrap().len(), 0);
}

#[test]
fn vacancies_import_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.sqlite3");
    let sample = fixture("vacancies_2025.xlsx");
    let report =
        json(&joldama(&db, &["import", "vacancies", sample.to_str().unwrap(), "--year", "2025", "--json"]));
    assert_eq!(report["imported"], 78);
    let codes: Vec<&str> =
        report["problems"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["bin_check_digit", "bin_check_digit"]);
    let list = json(&joldama(&db, &["vacancies", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 78);
    assert!(list[0]["places_left"].as_u64().unwrap() >= 1);
}

#[test]
fn a_broken_file_fails_with_a_clear_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let good = fixture("graduates_2025_kk.xlsx");
    assert!(joldama(&db, &["import", "graduates", good.to_str().unwrap()]).status.success());
    let before = joldama(&db, &["graduates", "--json"]).stdout;

    let broken = fixture("broken_truncated.xlsx");
    let out = joldama(&db, &["import", "graduates", broken.to_str().unwrap(), "--json", "--lang", "kk"]);
    assert_eq!(out.status.code(), Some(2));
    let error = json(&out);
    assert_eq!(error["error"]["code"], "file_corrupt");
    assert!(error["error"]["message"].as_str().unwrap().contains("broken_truncated.xlsx"));

    let out = joldama(
        &db,
        &["import", "graduates", fixture("broken_password.xlsx").to_str().unwrap(), "--lang", "ru"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("защищён паролем"));

    assert_eq!(joldama(&db, &["graduates", "--json"]).stdout, before);
}

#[test]
fn the_sheet_and_the_columns_can_be_chosen_by_a_script() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    let cover = fixture("graduates_cover_ru.xlsx");
    let path = cover.to_str().unwrap();
    // By itself: the visible list, past the hidden draft and the cover page.
    let found = json(&joldama(&db, &["import", "graduates", path, "--dry-run", "--json"]));
    assert_eq!((found["sheet"].as_str(), found["valid"].as_u64()), (Some("Список"), Some(30)));
    // The hidden draft asked for by its number: its 3 rows, and the report says it is hidden.
    let draft = json(&joldama(&db, &["import", "graduates", path, "--sheet", "1", "--dry-run", "--json"]));
    assert_eq!(
        (draft["sheet"].as_str(), draft["sheet_hidden"].as_bool(), draft["valid"].as_u64()),
        (Some("Черновик"), Some(true), Some(3))
    );
    // A sheet the workbook lacks: refused, naming the sheets it has.
    let out = joldama(&db, &["import", "graduates", path, "--sheet", "Лист9", "--lang", "ru"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("«Лист9»") && stderr.contains("«Список»"), "{stderr}");

    // The columns set by the script, without a sheet: the one whose header row they fit.
    let mut args = vec!["import", "graduates", path, "--json", "--header-row", "3"];
    for map in ["full_name=B", "iin=C", "program_code=D", "level=F", "funding=G", "graduation_year=H"] {
        args.extend(["--map", map]);
    }
    let mapped = json(&joldama(&db, &args));
    assert_eq!((mapped["sheet"].as_str(), mapped["imported"].as_u64()), (Some("Список"), Some(30)));
    let funding = mapped["columns"].as_array().unwrap().iter().find(|c| c["field"] == "funding").unwrap();
    assert_eq!(
        (funding["letter"].as_str(), funding["evidence"]["ru"].as_str()),
        (Some("G"), Some("выбрано вручную"))
    );
    // A column the workbook cannot have is the script's mistake, said plainly.
    let out =
        joldama(&db, &["import", "graduates", path, "--header-row", "3", "--map", "iin=C1", "--lang", "ru"]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_database_from_a_newer_joldama_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    assert!(joldama(&db, &["commission", "create", "--year", "2025"]).status.success());
    // `PRAGMA user_version` lives at byte offset 60 of the file's header, big-endian.
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[60..64].copy_from_slice(&9999u32.to_be_bytes());
    std::fs::write(&db, bytes).unwrap();
    let out = joldama(&db, &["graduates", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["error"]["code"], "schema_too_new");
}

#[test]
fn demo_builds_a_believable_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let out = joldama(&db, &["demo", "--year", "2026", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = json(&out)["summary"].clone();
    assert!(summary["referrals"].as_u64().unwrap() >= 50, "{summary}");
    let papers = summary["papers"].as_array().unwrap();
    assert_eq!(papers.len(), 2, "letters and protocol");
    for pdf in papers {
        assert!(std::fs::read(pdf.as_str().unwrap()).unwrap().starts_with(b"%PDF"));
    }
    let meeting = summary["meeting_id"].to_string();
    let shown = json(&joldama(&db, &["meeting", "show", &meeting, "--json"]));
    assert!(
        shown.to_string().contains("finalised_at") || shown["meeting"]["finalised"].is_object(),
        "{shown}"
    );
    let graduates = json(&joldama(&db, &["graduates", "--json"]));
    let graduates = graduates.as_array().unwrap();
    assert!(graduates.len() >= 350, "{} graduates", graduates.len());
    for funding in ["state_order", "rural_quota", "serpin", "phd"] {
        assert!(graduates.iter().any(|g| g["funding"] == funding), "{funding} in the demo");
    }
    let vacancies = json(&joldama(&db, &["vacancies", "--json"]));
    assert!(vacancies.as_array().unwrap().len() >= 100);

    // A second start leaves the demo year as it is.
    let again = joldama(&db, &["demo", "--year", "2026", "--json"]);
    assert!(again.status.success());
    assert_eq!(json(&again)["skipped"], 2026);
    assert_eq!(json(&joldama(&db, &["graduates", "--json"])).as_array().unwrap().len(), graduates.len());
}

/// A file on a share (here a UNC path, which names one on any system) is said to be one, in
/// the secretary's language, before the command runs.
#[test]
fn a_database_on_a_network_share_is_warned_of() {
    let dir = tempfile::tempdir().unwrap();
    let shared = r"\\fileserver\commission\joldama.sqlite3";
    let out = Command::new(env!("CARGO_BIN_EXE_joldama"))
        .current_dir(dir.path())
        .args(["--lang", "ru", "--db", shared, "graduates"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("лежит в сетевой папке (SMB/CIFS)") && stderr.contains(shared), "{stderr}");
    let local = joldama(&dir.path().join("local.sqlite3"), &["graduates"]);
    assert!(!String::from_utf8_lossy(&local.stderr).contains("сетевой"));
}
