//! A meeting's papers from the command line: the suggestion accepted, the letters and the
//! protocol printed as PDF and read back with `pdftotext`.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::Reader;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

fn joldama(db: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_joldama"))
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `joldama sign` with the password on stdin: its JSON answer, or its error text.
fn sign(pdf: &Path, key: &str, password: &str) -> Result<Value, String> {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_joldama"))
        .args(["--json", "sign", "--password-stdin", "--p12"])
        .arg(fixture(&format!("keys/{key}.p12")))
        .arg(pdf)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    let out = child.wait_with_output().unwrap();
    if out.status.success() {
        Ok(serde_json::from_slice(&out.stdout).unwrap())
    } else {
        Err(format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }
}

fn pdftotext(pdf: &Path) -> String {
    let out =
        Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn suggestion_accepted_then_letters_and_protocol_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    joldama(&db, &["import", "graduates", &s(&fixture("graduates_2025_kk.xlsx")), "--year", "2025"]);
    joldama(&db, &["import", "vacancies", &s(&fixture("vacancies_2025.xlsx")), "--year", "2025"]);
    joldama(&db, &["commission", "create", "--year", "2025"]);
    joldama(
        &db,
        &["commission", "add-member", "--year", "2025", "--role", "chair", "--name", "Әбдіраһманов Қ. Ө."],
    );
    joldama(
        &db,
        &["commission", "add-member", "--year", "2025", "--role", "secretary", "--name", "Нұрғалиева Ү. Һ."],
    );
    let meeting = joldama(&db, &["meeting", "create", "--year", "2025", "--date", "2025-06-20"]);
    let meeting_id = meeting["id"].as_i64().expect("meeting id").to_string();

    let suggestions = joldama(&db, &["suggest", "--year", "2025", "--mode", "fill", "--accept", &meeting_id]);
    let suggestions = suggestions.as_array().unwrap();
    assert!(suggestions.len() >= 10, "{} suggestions", suggestions.len());
    let graduates = joldama(&db, &["graduates"]);
    let placed: Vec<&Value> = suggestions
        .iter()
        .map(|s| graduates.as_array().unwrap().iter().find(|g| g["id"] == s["graduate_id"]).unwrap())
        .collect();

    let folder = dir.path().join("letters");
    let written =
        joldama(&db, &["letters", "--meeting", &meeting_id, "--out", &s(&folder), "--date", "2025-06-21"]);
    assert_eq!(written["files"].as_array().unwrap().len(), suggestions.len());
    let combined = dir.path().join("all.pdf");
    joldama(&db, &["letters", "--meeting", &meeting_id, "--out", &s(&combined), "--combined"]);
    let text = pdftotext(&combined);
    for g in &placed {
        assert!(text.contains(g["iin"].as_str().unwrap()), "IIN of {g}");
        assert!(text.contains(g["surname"].as_str().unwrap()), "surname of {g}");
    }
    assert!(text.contains("ЖҰМЫСҚА ЖОЛДАМА") || text.contains("Жұмысқа жолдама"), "Kazakh title");
    // Printed again, the papers keep their numbers and first date.
    assert!(text.contains("2025/1-0001") && text.contains("21.06.2025"));
    assert!(!text.contains(&format!("2025/1-{:04}", suggestions.len() + 1)));

    // The first letter's QR code, read off a 300 dpi render of its page: genuine, checked
    // against the register; with the public key alone, signed; with a name changed, altered.
    let page = dir.path().join("page");
    let rendered = Command::new("pdftoppm")
        .args(["-r", "300", "-png", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&combined)
        .arg(&page)
        .status()
        .unwrap();
    assert!(rendered.success());
    let image = s(&page.with_extension("png"));
    let checked = joldama(&db, &["verify", "--image", &image]);
    assert_eq!(checked["verdict"], "valid", "{checked}");
    assert_eq!(checked["claim"]["number"], "2025/1-0001");
    let key = dir.path().join("university.key");
    joldama(&db, &["public-key", "--out", &s(&key)]);
    let elsewhere = dir.path().join("no-register.sqlite3");
    let signed = joldama(&elsewhere, &["verify", "--key", &s(&key), "--image", &image]);
    assert_eq!(signed["verdict"], "signed", "{signed}");
    assert!(!elsewhere.exists(), "an employer's check opens no register");
    let text =
        joldama_core::authentic::texts_in_png(&std::fs::read(page.with_extension("png")).unwrap()).unwrap();
    let holder = checked["claim"]["holder"].as_str().unwrap();
    let altered = text[0].replace(holder, "Басқа Адам Адамұлы");
    assert_eq!(joldama(&db, &["verify", &altered])["verdict"], "altered");

    let protocol = dir.path().join("protocol.pdf");
    joldama(&db, &["--lang", "ru", "protocol", &meeting_id, "--out", &s(&protocol)]);
    let text = pdftotext(&protocol);
    assert!(text.contains("ПРОТОКОЛ") || text.contains("Протокол"));
    assert!(text.contains("Стр. 1 из"));
    assert!(text.contains("Әбдіраһманов Қ. Ө.") && text.contains("Нұрғалиева Ү. Һ."));
    for g in &placed {
        assert!(text.contains(g["iin"].as_str().unwrap()), "protocol lists {g}");
    }

    // Signed by the chair, then the secretary (keys in tests/fixtures/keys, password on stdin):
    // poppler's pdfsig finds both signatures valid; a wrong password is said, the file kept.
    for key in ["chair", "secretary"] {
        let signed = sign(&protocol, key, "Qwerty123").expect("signed");
        assert_eq!(signed["file"], s(&protocol));
    }
    let report = Command::new("pdfsig").arg(&protocol).output().unwrap();
    let report = String::from_utf8_lossy(&report.stdout);
    assert_eq!(report.matches("Signature is Valid").count(), 2, "{report}");
    assert!(report.contains("ӘБДІРАҺМАНОВ ҚАЙРАТ") && report.contains("НҰРҒАЛИЕВА ҮМІТ"), "{report}");
    let before = std::fs::read(&protocol).unwrap();
    let refused = sign(&protocol, "chair", "wrong").expect_err("a wrong password is refused");
    assert!(refused.contains("құпиясөз қате"), "{refused}");
    assert_eq!(std::fs::read(&protocol).unwrap(), before);

    // The register of papers issued: every letter once, in its series, as PDF and as .xlsx.
    let register = dir.path().join("journal.pdf");
    joldama(&db, &["--lang", "ru", "issued", "--year", "2025", "--out", &s(&register)]);
    let text = pdftotext(&register);
    assert!(text.contains("ЖУРНАЛ РЕГИСТРАЦИИ ВЫДАННЫХ ДОКУМЕНТОВ"), "{text}");
    for n in 1..=suggestions.len() {
        assert_eq!(text.matches(&format!("2025/1-{n:04}")).count(), 1, "letter {n} in the register");
    }
    let workbook = dir.path().join("journal.xlsx");
    joldama(&db, &["issued", "--year", "2025", "--out", &s(&workbook), "--xlsx"]);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&workbook).unwrap();
    let sheet = book.worksheet_range("2025").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows.len(), suggestions.len() + 1, "a header and a row per paper");
    assert_eq!(rows[0][1].to_string(), "Құжат нөмірі");
    assert_eq!(rows[1][1].to_string(), "2025/1-0001");
    assert!(matches!(rows[1][2], calamine::Data::DateTime(_)), "a real date: {:?}", rows[1][2]);
    let holder = rows[1][4].to_string();
    assert!(placed.iter().any(|g| holder.ends_with(g["iin"].as_str().unwrap())), "{holder}");
}
