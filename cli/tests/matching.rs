//! The matching from the command line: a graduate's wishes set and shown (a wish the rules
//! allow nothing of flagged), the commission's priority edited as JSON (a repeated criterion
//! refused), both modes' figures, one graduate's explanation, and the suggestion accepted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn joldama(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_joldama")).arg("--db").arg(db).arg("--json").args(args).output().unwrap()
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

#[test]
fn wishes_priority_both_modes_an_explanation_and_the_acceptance() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let graduates = fixture("graduates_2025_ru.xlsx");
    let vacancies = fixture("vacancies_2025.xlsx");
    json(&joldama(&db, &["import", "graduates", graduates.to_str().unwrap(), "--year", "2025"]));
    json(&joldama(&db, &["import", "vacancies", vacancies.to_str().unwrap(), "--year", "2025"]));

    // Two graduates the rules allow the same vacancy both want it first.
    let mut pair = Vec::new();
    for g in json(&joldama(&db, &["graduates"])).as_array().unwrap() {
        let iin = g["iin"].as_str().unwrap().to_owned();
        let allowed = json(&joldama(&db, &["eligible", &iin]))["allowed"].clone();
        if let Some(v) = allowed.as_array().and_then(|a| a.first()) {
            pair.push((iin, v["vacancy"]["id"].as_i64().unwrap()));
        }
        if pair.len() == 2 {
            break;
        }
    }
    let (first, wanted) = (pair[0].0.clone(), pair[0].1.to_string());
    let vacancy = format!("vacancy:{wanted}");
    let shown =
        json(&joldama(&db, &["wishes", "set", &first, "--applied", "02.05.2025", &vacancy, "region:ulytau"]));
    assert_eq!(shown["wishes"][0]["allowed"], 1);
    assert!(shown["wishes"][0]["flag"].is_null());
    assert!(!shown["wishes"][1]["flag"].is_null(), "flagged: {shown}");
    assert_eq!(json(&joldama(&db, &["wishes", "show", &first])), shown);
    let bad = joldama(&db, &["wishes", "set", &first, "somewhere"]);
    assert!(!bad.status.success());
    let error: Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(error["error"]["code"], "invalid_wish");
    assert!(error["error"]["message"].as_str().unwrap().contains("region:"), "{error}");
    assert_eq!(json(&joldama(&db, &["wishes", "show", &first])), shown, "nothing changed");

    // The order: the lottery with another seed; a criterion twice is refused whole.
    let priority = json!({ "criteria": ["rural_quota", "applied_on"], "tie_break": "lottery", "seed": 7 });
    let file = dir.path().join("priority.json");
    std::fs::write(&file, priority.to_string()).unwrap();
    assert_eq!(json(&joldama(&db, &["priority", "set", "--year", "2025", file.to_str().unwrap()])), priority);
    std::fs::write(
        &file,
        json!({ "criteria": ["applied_on", "applied_on"], "tie_break": "alphabet", "seed": 0 }).to_string(),
    )
    .unwrap();
    assert!(!joldama(&db, &["priority", "set", "--year", "2025", file.to_str().unwrap()]).status.success());
    assert_eq!(json(&joldama(&db, &["priority", "show", "--year", "2025"])), priority);

    // Both modes side by side; the stable one places the only graduate with a wish.
    let simulation = json(&joldama(&db, &["suggest", "--year", "2025"]));
    let figures = simulation["figures"].as_array().unwrap();
    assert_eq!((figures[0]["mode"].as_str(), figures[1]["mode"].as_str()), (Some("stable"), Some("fill")));
    assert_eq!(figures[0]["placed"], 1);
    assert_eq!(figures[0]["envy"], 0);
    assert!(figures[1]["placed"].as_u64().unwrap() > 1);
    let explained = json(&joldama(&db, &["suggest", "--year", "2025", "--explain", &first]));
    assert_eq!(explained["got"]["vacancy_id"].as_i64(), Some(pair[0].1));
    assert_eq!(explained["standing"]["facts"][1][1]["ru"], "02.05.2025");

    // The draft distribution on paper and as a spreadsheet, in Russian: the graduate with a
    // wish placed at it, the others left for the commission, both modes' figures.
    let (pdf, xlsx) = (dir.path().join("draft.pdf"), dir.path().join("draft.xlsx"));
    let draft = Command::new(env!("CARGO_BIN_EXE_joldama"))
        .arg("--db")
        .arg(&db)
        .args([
            "--lang",
            "ru",
            "suggest",
            "--year",
            "2025",
            "--pdf",
            pdf.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(draft.status.success(), "{}", String::from_utf8_lossy(&draft.stdout));
    let text = Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("ПРОЕКТ РАСПРЕДЕЛЕНИЯ") && text.contains("Устойчивое распределение"), "{text}");
    assert!(text.contains("Заполнение мест") && text.contains("не является решением"), "{text}");
    assert!(text.contains(&first) && text.contains("решает комиссия"), "{text}");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0).unwrap().unwrap();
    let graduates = json(&joldama(&db, &["graduates", "--year", "2025"])).as_array().unwrap().len();
    let rows: Vec<String> =
        sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("|")).collect();
    let placed: Vec<&String> = rows.iter().filter(|r| r.contains(&first)).collect();
    assert_eq!(placed.len(), 1, "{rows:?}");
    assert!(placed[0].ends_with("|1"), "placed at wish 1: {}", placed[0]);
    assert!(rows.len() > graduates, "a row per graduate under the header: {} rows", rows.len());

    // The employer refuses the graduate: the vacancy goes elsewhere, and the explanation says
    // why; withdrawn, it comes back.
    let refused =
        ["wishes", "refused", first.as_str(), "--vacancy", wanted.as_str(), "--reason", "Тәжірибесі жоқ"];
    json(&joldama(&db, &refused));
    let explained = json(&joldama(&db, &["suggest", "--year", "2025", "--explain", &first]));
    assert!(explained["got"].is_null(), "{explained}");
    assert_eq!(explained["wishes"][0]["vacancies"][0]["why"]["kind"], "unacceptable");
    json(&joldama(&db, &["wishes", "refused", &first, "--vacancy", &wanted, "--withdraw"]));
    let explained = json(&joldama(&db, &["suggest", "--year", "2025", "--explain", &first]));
    assert_eq!(explained["got"]["vacancy_id"].as_i64(), Some(pair[0].1));

    // In words, in the language asked for.
    let text = Command::new(env!("CARGO_BIN_EXE_joldama"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "ru", "suggest", "--year", "2025", "--explain", &first])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Место в очереди") && text.contains("Дата подачи заявления: 02.05.2025"), "{text}");

    // Accepted at a meeting: one referral, through the same decision as one by one.
    json(&joldama(&db, &["commission", "create", "--year", "2025"]));
    for (role, name) in [("chair", "Ахметов А."), ("secretary", "Омарова Д.")] {
        json(&joldama(&db, &["commission", "add-member", "--year", "2025", "--role", role, "--name", name]));
    }
    let meeting = json(&joldama(&db, &["meeting", "create", "--year", "2025", "--date", "2025-06-20"]))["id"]
        .to_string();
    let taken = json(&joldama(&db, &["suggest", "--year", "2025", "--accept", &meeting]));
    assert_eq!(taken.as_array().unwrap().len(), 1);
    assert_eq!(taken[0]["vacancy_id"].as_i64(), Some(pair[0].1));
    let again = json(&joldama(&db, &["suggest", "--year", "2025"]));
    assert_eq!(again["figures"][0]["placed"], 0, "the graduate is decided and waits no more");
}
