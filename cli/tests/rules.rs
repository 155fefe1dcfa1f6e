//! The rules table edited per cohort from the command line, taking effect at once, and a
//! broken table refused whole.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn joldama(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_joldama")).arg("--db").arg(db).arg("--json").args(args).output().unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/graduates_2025_ru.xlsx")
}

#[test]
fn a_cohort_rules_edit_takes_effect_and_a_broken_table_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.sqlite3");
    assert!(
        joldama(&db, &["import", "graduates", sample().to_str().unwrap(), "--year", "2025"]).status.success()
    );
    let serpin = json(&joldama(&db, &["graduates"]))
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["funding"] == "serpin")
        .expect("a «Серпін» graduate in the sample")["iin"]
        .as_str()
        .unwrap()
        .to_owned();
    let term = |db: &Path| json(&joldama(db, &["eligible", &serpin]))["coverage"]["term_years"].clone();
    assert_eq!(term(&db), 2);

    let mut rows = json(&joldama(&db, &["rules", "show", "--year", "2025"]));
    let serpin_rows: Vec<&mut Value> =
        rows.as_array_mut().unwrap().iter_mut().filter(|r| r["funding"] == "serpin").collect();
    assert_eq!(serpin_rows.len(), 3);
    for row in serpin_rows {
        row["term_years"] = 1.into();
    }
    let file = dir.path().join("rules.json");
    std::fs::write(&file, rows.to_string()).unwrap();
    let saved = joldama(&db, &["rules", "set", "--year", "2025", file.to_str().unwrap()]);
    assert!(saved.status.success(), "{}", String::from_utf8_lossy(&saved.stdout));
    assert_eq!(term(&db), 1);

    // Another cohort starts as a copy of the last one's rules.
    let next = json(&joldama(&db, &["rules", "show", "--year", "2026"]));
    assert_eq!(next, rows);

    // A term of 0 years: the whole table is refused, nothing changes.
    rows[0]["term_years"] = 0.into();
    std::fs::write(&file, rows.to_string()).unwrap();
    let refused = joldama(&db, &["rules", "set", "--year", "2025", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(json(&refused)["error"]["code"].as_str().unwrap().starts_with("rules_"), "{}", json(&refused));
    std::fs::write(&file, "not json").unwrap();
    let unreadable = joldama(&db, &["rules", "set", "--year", "2025", file.to_str().unwrap()]);
    let error = &json(&unreadable)["error"];
    assert_eq!(error["code"], "rules_file_unreadable");
    // Where the fault is, in the user's words: never serde's English.
    let message = error["message"].to_string();
    assert!(message.contains("1-жол, 2-баған, JSON жазылымы қате"), "{error}");
    assert!(!message.contains("expected"), "{error}");
    assert_eq!(term(&db), 1);
}
