//! The register from the command line: processes starting at once on one file, personal data
//! owner-only after every writer, a read-only command that never creates a file, and `check`.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

fn joldama(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_joldama"));
    command.arg("--db").arg(db).arg("--json").args(args);
    command
}

fn ok(out: Output) -> Value {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Starts `n` processes of `args` at once and waits for all.
fn at_once(db: &Path, n: usize, args: &[&str]) -> Vec<Output> {
    let children: Vec<_> = (0..n)
        .map(|_| joldama(db, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
        .collect();
    children.into_iter().map(|c| c.wait_with_output().unwrap()).collect()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

fn files_beside(db: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn six_first_starts_at_once_each_succeed_and_one_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    let list = fixture("vacancies_2025.xlsx");
    for out in at_once(&db, 6, &["import", "vacancies", list.to_str().unwrap(), "--year", "2025"]) {
        ok(out);
    }
    let report = ok(joldama(&db, &["check"]).output().unwrap());
    assert_eq!(report["findings"], Value::Array(vec![]));
    assert!(files_beside(&db).iter().all(|f| !f.ends_with(".bak")), "{:?}", files_beside(&db));

    // An old file: migrated once, copied once, by whichever came first.
    let old = dir.path().join("old.sqlite3");
    std::fs::copy(fixture("schema_v7.sqlite3"), &old).unwrap();
    for out in at_once(&old, 6, &["check"]) {
        let report = ok(out);
        assert_eq!(report["findings"], Value::Array(vec![]), "{report}");
    }
    let backups: Vec<String> =
        files_beside(&old).into_iter().filter(|f| f.starts_with("old.sqlite3.before-v")).collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
}

#[test]
fn a_mistyped_database_is_not_created_by_a_command_that_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo/joldama.sqlite3");
    let out = joldama(&db, &["graduates"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let error: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["error"]["code"], "no_database", "{error}");
    assert!(!dir.path().join("typo").exists());
}

#[test]
fn personal_data_is_written_owner_only_whatever_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/joldama.sqlite3");
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let run = |args: &[&str]| ok(joldama(&db, args).output().unwrap());
    run(&["import", "graduates", &s(&fixture("graduates_2025_kk.xlsx")), "--year", "2025"]);
    run(&["import", "vacancies", &s(&fixture("vacancies_2025.xlsx")), "--year", "2025"]);
    run(&["commission", "create", "--year", "2025"]);
    run(&["commission", "add-member", "--year", "2025", "--role", "chair", "--name", "Әбдіраһманов Қ. Ө."]);
    run(&["commission", "add-member", "--year", "2025", "--role", "secretary", "--name", "Нұрғалиева Ү. Һ."]);
    let meeting = run(&["meeting", "create", "--year", "2025", "--date", "2025-06-20"])["id"].to_string();
    let proof = dir.path().join("order.pdf");
    std::fs::write(&proof, b"admission order").unwrap();
    std::fs::set_permissions(&proof, std::fs::Permissions::from_mode(0o644)).unwrap();
    let graduates = run(&["graduates"]);
    let iin = graduates[0]["iin"].as_str().unwrap().to_owned();
    run(&[
        "decide",
        "exempt",
        "--meeting",
        &meeting,
        "--iin",
        &iin,
        "--ground",
        "further_study",
        "--proof",
        &format!("admission_order={}", proof.display()),
    ]);
    run(&["suggest", "--year", "2025", "--mode", "fill", "--accept", &meeting]);
    let letters = dir.path().join("out/letters");
    let written = run(&["letters", "--meeting", &meeting, "--out", &s(&letters)]);
    let protocol = dir.path().join("out/protocol.pdf");
    run(&["protocol", &meeting, "--out", &s(&protocol)]);
    let fc = dir.path().join("out/fc.xlsx");
    run(&["export", "financial-centre", "--year", "2025", "--out", &s(&fc)]);

    let data = db.parent().unwrap();
    let mut private = vec![db.clone(), protocol, fc];
    private.extend(std::fs::read_dir(data.join("proofs")).unwrap().flat_map(|d| {
        let d = d.unwrap().path();
        std::fs::read_dir(&d).unwrap().map(|f| f.unwrap().path()).chain([d]).collect::<Vec<_>>()
    }));
    private.extend(written["files"].as_array().unwrap().iter().map(|f| PathBuf::from(f.as_str().unwrap())));
    for wal in ["joldama.sqlite3-wal", "joldama.sqlite3-shm", "joldama.sqlite3.lock"] {
        if data.join(wal).exists() {
            private.push(data.join(wal));
        }
    }
    for path in &private {
        let expected = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(path), expected, "{}", path.display());
    }
    for folder in [data, &data.join("proofs"), &letters, &dir.path().join("out")] {
        assert_eq!(mode(folder), 0o700, "{}", folder.display());
    }
    // A file name names nobody by default.
    let names: Vec<String> = std::fs::read_dir(&letters)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.starts_with("2025_") && n.is_ascii()), "{names:?}");

    let report = run(&["check"]);
    assert_eq!(report["findings"], Value::Array(vec![]));
}
