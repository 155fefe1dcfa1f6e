//! A whole commission year from the command line, on the fixtures' 2025 lists: commission,
//! meetings, eligibility, every kind of decision and its refusals, revision, follow-up, the
//! obligation's states and arithmetic, and the Financial Centre's list read back row by row.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use serde_json::Value;

#[path = "../../core/tests/common/test_server.rs"]
mod test_server;
use test_server::Database;

/// Veterinary bachelor, state order: several allowed vacancies.
const VET: &str = "031119543923";
/// Another one, for the employment centre.
const CENTRE: &str = "030912559244";
/// Master, other programmes: exempted for further study.
const STUDY: &str = "021209690631";
/// Deferred for conscription.
const SOLDIER: &str = "020915611578";
/// Pedagogical master: no vacancy asks for the programme.
const NO_MATCH: &str = "991226321376";

struct Year {
    dir: tempfile::TempDir,
    db: PathBuf,
    /// The register on the throwaway server instead of the file.
    server: Option<Database>,
}

impl Year {
    fn new() -> Year {
        Year::with(None)
    }

    /// A year on a database of its own on the server `./scripts/test` starts.
    fn on_server() -> Option<Year> {
        Some(Year::with(Some(Database::new(&test_server::superuser()?))))
    }

    fn with(server: Option<Database>) -> Year {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("year.sqlite3");
        let year = Year { dir, db, server };
        for (what, file) in [("graduates", "graduates_2025_ru.xlsx"), ("vacancies", "vacancies_2025.xlsx")] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(file);
            year.ok(&["import", what, path.to_str().unwrap(), "--year", "2025"]);
        }
        year
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_joldama"));
        command.arg("--db").arg(&self.db).args(args).env_remove("JOLDAMA_SERVER");
        if let Some(database) = &self.server {
            command.env("JOLDAMA_SERVER", database.url());
        }
        command.output().expect("joldama runs")
    }

    /// Runs with `--json` and expects success.
    fn ok(&self, args: &[&str]) -> Value {
        let out = self.run(&[args, &["--json"]].concat());
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Runs with `--json`, expects the exit code 2 and returns the error's code.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(&[args, &["--json"]].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        let error: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(!error["error"]["message"].as_str().unwrap().is_empty());
        error["error"]["code"].as_str().unwrap().to_owned()
    }

    fn places_left(&self, vacancy: i64) -> u64 {
        let list = self.ok(&["vacancies"]);
        let v = list.as_array().unwrap().iter().find(|v| v["id"] == vacancy).unwrap();
        v["places_left"].as_u64().unwrap()
    }
}

fn id(value: &Value) -> String {
    value["id"].as_i64().unwrap().to_string()
}

#[test]
fn a_commission_year() {
    commission_year(Year::new());
}

/// The same year, step for step, on the register on a server.
#[test]
fn a_commission_year_on_the_server() {
    if let Some(year) = Year::on_server() {
        commission_year(year);
    }
}

fn commission_year(year: Year) {
    // The commission and its members.
    let commission = year.ok(&["commission", "create", "--year", "2025"]);
    assert_eq!(commission["name"]["kk"], "Дербес бөлу жөніндегі комиссия");
    assert_eq!(commission["name"]["ru"], "Комиссия по персональному распределению");
    assert_eq!(year.refused(&["commission", "create", "--year", "2025"]), "commission_exists");
    for (role, name) in [
        ("chair", "Ахметов А."),
        ("deputy", "Бекова Б."),
        ("secretary", "Сейітов С."),
        ("member", "Нұрланова Н."),
    ] {
        year.ok(&["commission", "add-member", "--year", "2025", "--role", role, "--name", name]);
    }
    assert_eq!(
        year.refused(&["commission", "add-member", "--year", "2025", "--role", "boss", "--name", "X"]),
        "unknown_code"
    );
    let shown = year.ok(&["commission", "show", "--year", "2025"]);
    let roles: Vec<&str> =
        shown["members"].as_array().unwrap().iter().map(|m| m["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["chair", "deputy", "secretary", "member"]);
    // A member corrected, a second chair refused; the commission copied to another year.
    let member = shown["members"][3]["id"].as_i64().unwrap().to_string();
    let edit = |role| ["commission", "edit-member", &member, "--role", role, "--name", "Нұрланова Н. Қ."];
    assert_eq!(year.refused(&edit("chair")), "role_taken");
    let edited = year.ok(&edit("member"));
    assert_eq!(edited["members"][3]["full_name"], "Нұрланова Н. Қ.");
    let copied = year.ok(&["commission", "copy", "--from", "2025", "--to", "2026"]);
    assert_eq!((copied["year"].as_i64(), copied["members"].as_array().unwrap().len()), (Some(2026), 4));
    assert_eq!(year.refused(&["commission", "copy", "--from", "2025", "--to", "2026"]), "commission_exists");

    // The first meeting, everyone present.
    let meeting =
        year.ok(&["meeting", "create", "--year", "2025", "--date", "2025-06-20", "--place", "Ауд. 101"]);
    assert_eq!(meeting["number"], 1);
    assert_eq!(meeting["present"].as_array().unwrap().len(), 4);
    let first = id(&meeting);

    // Eligibility: allowed vacancies first, refusals with their reasons in both languages.
    let eligible = year.ok(&["eligible", VET]);
    assert_eq!(eligible["graduate"]["iin"], VET);
    assert_eq!(eligible["coverage"]["status"], "covered");
    assert_eq!(eligible["coverage"]["term_years"], 3);
    let allowed: Vec<i64> = eligible["allowed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["vacancy"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(allowed.len(), 10);
    assert!(
        eligible["allowed"].as_array().unwrap().iter().all(|v| v["reasons"].as_array().unwrap().is_empty())
    );
    assert!(
        eligible["refused"].as_array().unwrap().iter().all(|v| !v["reasons"].as_array().unwrap().is_empty())
    );
    let refused = year.ok(&["eligible", NO_MATCH, "--lang", "ru"]);
    assert!(refused["allowed"].as_array().unwrap().is_empty());
    let refused = refused["refused"].as_array().unwrap();
    let reason = &refused[0]["reasons"][0];
    assert_eq!(reason["code"], "programme_not_wanted");
    assert!(
        reason["message"]["ru"]
            .as_str()
            .unwrap()
            .starts_with("Работодатель не запрашивает выпускников программы 7M01501")
    );
    let not_allowed = refused[0]["vacancy"]["id"].as_i64().unwrap().to_string();

    // A referral takes a place.
    let (v1, v2) = (allowed[0], allowed[1]);
    let before = year.places_left(v1);
    let referral =
        year.ok(&["decide", "vacancy", "--meeting", &first, "--iin", VET, "--vacancy", &v1.to_string()]);
    assert_eq!(referral["outcome"]["kind"], "vacancy");
    assert_eq!(referral["outcome"]["vacancy_id"], v1);
    assert_eq!(referral["outcome"]["arrival_date"], "2025-09-01");
    assert_eq!(referral["term_years"], 3);
    assert_eq!(year.places_left(v1), before - 1);
    let v2_before = year.places_left(v2);
    let decide_again = ["decide", "vacancy", "--meeting", &first, "--iin", VET, "--vacancy", &v2.to_string()];
    assert_eq!(year.refused(&decide_again), "already_decided");
    assert_eq!(year.places_left(v2), v2_before, "nothing taken");
    assert_eq!(
        year.refused(&[
            "decide",
            "vacancy",
            "--meeting",
            &first,
            "--iin",
            NO_MATCH,
            "--vacancy",
            &not_allowed
        ]),
        "vacancy_not_allowed"
    );

    // The employment centre while allowed vacancies have places: only with a written reason.
    let centre = ["decide", "centre", "--meeting", &first, "--iin", CENTRE];
    assert_eq!(year.refused(&centre), "vacancies_available");
    assert_eq!(year.refused(&[&centre[..], &["--centre-reason", " "]].concat()), "vacancies_available");
    let centre = year.ok(&[&centre[..], &["--centre-reason", "Ата-анасының күтіміне қарайды"]].concat());
    assert_eq!(centre["outcome"]["kind"], "employment_centre");
    assert_eq!(centre["outcome"]["region"], "west_kazakhstan");
    assert_eq!(centre["outcome"]["override_reason"], "Ата-анасының күтіміне қарайды");
    assert!(
        centre["summary"]["ru"].as_str().unwrap().contains("при наличии вакансий; причина: Ата-анасының")
    );

    // Exemption with its proof, copied beside the database.
    let proof = year.dir.path().join("приказ.pdf");
    std::fs::write(&proof, b"admission order").unwrap();
    let exempt = ["decide", "exempt", "--meeting", &first, "--iin", STUDY, "--ground", "further_study"];
    let wrong_proof = format!("disability_certificate={}", proof.display());
    assert_eq!(year.refused(&[&exempt[..], &["--proof", &wrong_proof]].concat()), "proofs_missing");
    let good_proof = format!("admission_order={}", proof.display());
    let exemption = year.ok(&[&exempt[..], &["--proof", &good_proof]].concat());
    assert_eq!(exemption["outcome"]["ground"], "further_study");
    assert_eq!(exemption["term_years"], Value::Null);
    let stored = &exemption["outcome"]["proofs"][0];
    assert_eq!(stored["document"], "admission_order");
    let copy = year.dir.path().join("proofs").join(stored["file"].as_str().unwrap());
    assert_eq!(std::fs::read(copy).unwrap(), b"admission order");

    // Deferral for conscript service only: the law names no other ground.
    let defer = |reason: &str, from: &str| {
        ["decide", "defer", "--meeting", &first, "--iin", SOLDIER, "--reason", reason, "--from", from]
            .map(str::to_owned)
    };
    fn args(a: &[String]) -> Vec<&str> {
        a.iter().map(String::as_str).collect()
    }
    assert_eq!(year.refused(&args(&defer("military_enlistment", "2025-07-01"))), "deferral_not_in_law");
    let deferral = year.ok(&[
        &args(&defer("military_conscription", "2025-07-01"))[..],
        &["--to", "01.07.2026"],
    ]
    .concat());
    assert_eq!(deferral["outcome"]["reason"], "military_conscription");
    assert_eq!(deferral["outcome"]["to"], "2026-07-01");
    assert_eq!(year.refused(&args(&defer("x", "2025-13-01"))), "unknown_code");

    // Finalised: locked.
    let out = year.run(&["meeting", "finalise", &first, "--lang", "ru"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("его решения и протокол больше не меняются"));
    let shown = year.ok(&["meeting", "show", &first]);
    assert!(shown["meeting"]["finalised"]["at"].is_string());
    assert_eq!(shown["decisions"].as_array().unwrap().len(), 4);
    assert_eq!(
        year.refused(&["decide", "centre", "--meeting", &first, "--iin", NO_MATCH]),
        "meeting_finalised"
    );

    // Revised at the next meeting: the first place comes back, the second is taken.
    let second = year.ok(&["meeting", "create", "--year", "2025", "--date", "2025-08-15"]);
    assert_eq!(second["number"], 2);
    let second = id(&second);
    let (left1, left2) = (year.places_left(v1), year.places_left(v2));
    let first_referral = id(&referral);
    let revision = year.ok(&[
        "decide",
        "vacancy",
        "--meeting",
        &second,
        "--iin",
        VET,
        "--vacancy",
        &v2.to_string(),
        "--revises",
        &first_referral,
        "--revision-reason",
        "Жұмыс беруші бас тартты",
        "--arrival",
        "2025-09-15",
    ]);
    assert_eq!(revision["revises"], referral["id"]);
    assert_eq!(revision["meeting_number"], 2);
    assert_eq!((year.places_left(v1), year.places_left(v2)), (left1 + 1, left2 - 1));

    let history = year.ok(&["history", VET]);
    let decisions = history["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[0]["id"], referral["id"]);
    assert_eq!(decisions[0]["revised_by"], revision["id"]);
    assert_eq!(decisions[1]["revises"], referral["id"]);
    assert_eq!(decisions[1]["revised_by"], Value::Null);
    assert_eq!(decisions[1]["reason"], "Жұмыс беруші бас тартты");

    // Follow-up: came on the 15th (the arrival opens the work period at the school), worked until
    // the end of February, then left.
    let employer = year.ok(&["vacancies"]);
    let employer = employer.as_array().unwrap().iter().find(|v| v["id"] == v2).unwrap()["employer"].clone();
    let bin = employer["bin"].as_str().unwrap();
    let cost = ["followup", "cost", "--iin", VET, "--amount", "3000000", "--basis", "Приказ №12"];
    let followup = year.ok(&cost);
    assert_eq!(followup["study_cost"]["amount"], 3_000_000);
    let followup = year.ok(&[
        "followup",
        "arrival",
        "--iin",
        VET,
        "--date",
        "2025-09-15",
        "--confirmed-by",
        "Письмо работодателя",
    ]);
    assert_eq!(followup["arrival"]["on"], "2025-09-15");
    let work = &followup["periods"][0];
    assert_eq!(
        (&work["activity"]["kind"], &work["activity"]["employer"]["bin"]),
        (&"work".into(), &bin.into())
    );
    assert_eq!(work["span"]["to"], Value::Null);

    // Working: nothing owed; what a stop would cost is an estimate, apart.
    let working = year.ok(&["obligation", VET, "--as-of", "2026-01-31"]);
    assert_eq!((&working["state"], &working["refund_owed"]), (&"working".into(), &0.into()));
    assert!(working["refund_if_stopped"].as_u64().unwrap() > 0);
    let text = String::from_utf8_lossy(
        &year.run(&["obligation", VET, "--as-of", "2026-01-31", "--lang", "ru"]).stdout,
    )
    .into_owned();
    assert!(text.contains("Работает") && text.contains("оценка, не долг"), "{text}");
    assert!(!text.contains("Сумма возмещения"), "no debt while working: {text}");

    let period = work["id"].as_i64().unwrap().to_string();
    year.ok(&["followup", "end", "--period", &period, "--to", "2026-02-28"]);
    assert_eq!(
        year.refused(&["followup", "period", "--iin", VET, "--kind", "work", "--from", "2026-03-01"]),
        "period_no_employer"
    );

    let status = year.ok(&["obligation", VET, "--as-of", "2026-09-01"]);
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let term_days = (day("2028-09-15") - day("2025-09-15")).num_days() as u64;
    let counted = (day("2026-02-28") - day("2025-09-15")).num_days() as u64 + 1;
    assert_eq!((term_days, counted), (1096, 167));
    assert_eq!(status["term"]["years"], 3);
    assert_eq!(status["term_days"], term_days);
    assert_eq!(status["counted_days"], counted);
    assert_eq!(status["remaining_days"], term_days - counted);
    assert_eq!(status["state"], "broken");
    // Left on 28 February; after the cohort's 30 days to begin anew, broken.
    assert_eq!(status["since"], "2026-03-31");
    assert_eq!(status["ends_on"], Value::Null);
    // cost × unworked / term, rounded: 3 000 000 × 929 / 1096 = 2 542 883.2…
    let refund = (3_000_000.0 * (term_days - counted) as f64 / term_days as f64).round() as u64;
    assert_eq!(refund, 2_542_883);
    assert_eq!(status["refund_owed"], refund);
    // The calculation sheet, line by line: term, the period's days, the formula, the amount.
    let sheet = year.dir.path().join("расчёт.pdf");
    let sheet_arg = sheet.to_str().unwrap();
    year.ok(&["obligation", VET, "--as-of", "2026-09-01", "--lang", "ru", "--sheet", sheet_arg]);
    let out = Command::new("pdftotext").arg(&sheet).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    for line in [
        "РАСЧЁТ ОТРАБОТКИ И ВОЗМЕЩЕНИЯ РАСХОДОВ",
        "пункт 17 статьи 47 Закона Республики Казахстан «Об образовании»",
        "не менее 3 лет",
        "15.09.2025 –",
        "167 засчитывается",
        "167 = 929",
        "3 000 000 × 929 / 1096 = 2 542 883,21",
        "2 542 883",
    ] {
        assert!(text.contains(line), "the sheet lacks «{line}»:\n{text}");
    }
    // The exempted owe nothing, ever; the deferred are paused by the decision's own dates.
    let exempted = year.ok(&["obligation", STUDY, "--as-of", "2026-09-01"]);
    assert_eq!((&exempted["state"], &exempted["refund_owed"]), (&"exempted".into(), &0.into()));
    let soldier = year.ok(&["obligation", SOLDIER, "--as-of", "2026-06-01"]);
    assert_eq!(
        (&soldier["state"], &soldier["paused_days"], &soldier["refund_owed"]),
        (&"deferred".into(), &336.into(), &0.into())
    );

    // The Financial Centre's list: every grant graduate of the cohort, in every state.
    let file = year.dir.path().join("fc.xlsx");
    let written = year.ok(&[
        "export",
        "financial-centre",
        "--year",
        "2025",
        "--out",
        file.to_str().unwrap(),
        "--as-of",
        "2026-09-01",
        "--lang",
        "ru",
    ]);
    assert_eq!(written["rows"].as_u64(), Some(296));
    let graduates = year.ok(&["graduates", "--year", "2025"]);
    let expected: BTreeSet<String> =
        graduates.as_array().unwrap().iter().map(|g| g["iin"].as_str().unwrap().to_owned()).collect();
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let sheet = book.worksheet_range("Выпускники").unwrap();
    let header: Vec<String> = sheet.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| {
        header.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name}: {header:?}"))
    };
    let rows: Vec<&[Data]> = sheet.rows().skip(1).collect();
    assert_eq!(rows.len(), 296);
    let iins: BTreeSet<String> = rows
        .iter()
        .map(|row| match &row[0] {
            Data::String(iin) => iin.clone(),
            other => panic!("IIN as text, not {other:?}"),
        })
        .collect();
    assert_eq!(iins, expected);
    let row_of = |iin: &str| *rows.iter().find(|row| row[0] == Data::String(iin.into())).unwrap();
    let text = |row: &[Data], name: &str| row[col(name)].to_string();
    // Row by row: each state as the obligation gives it, the refund only where owed.
    let vet = row_of(VET);
    assert_eq!(text(vet, "Состояние"), "Обязательство нарушено");
    assert!(text(vet, "Решение").starts_with("Направление на вакансию"), "{}", text(vet, "Решение"));
    assert_eq!(text(vet, "БИН работодателя"), bin);
    assert_eq!(vet[col("Засчитано дней")], Data::Float(counted as f64));
    assert_eq!(vet[col("Сумма возмещения, тенге")], Data::Float(refund as f64));
    assert_eq!(text(vet, "№ протокола"), "2");
    let study = row_of(STUDY);
    assert_eq!(text(study, "Состояние"), "Освобождён от отработки");
    assert!(text(study, "Основание освобождения").starts_with("Поступление на дальнейшее обучение"));
    assert_eq!(study[col("Сумма возмещения, тенге")], Data::Empty);
    // Deferred until 01.07.2026: back before the export's date, and awaiting a decision again.
    let soldier = row_of(SOLDIER);
    assert_eq!(text(soldier, "Состояние"), "Ожидает решения комиссии");
    assert!(!matches!(soldier[col("Отсрочка: с")], Data::Empty));
    assert_eq!(soldier[col("Сумма возмещения, тенге")], Data::Empty);
    // Referred to the centre and never registered past the deadline: broken, but with no cost
    // recorded nothing is listed as owed, and the note says why.
    let centre = row_of(CENTRE);
    assert!(text(centre, "Решение").contains("причина: Ата-анасының"));
    assert_eq!(text(centre, "Состояние"), "Обязательство нарушено");
    assert!(text(centre, "Примечание").contains("Стоимость обучения не внесена"));
    // Undecided graduates are listed as awaiting a decision, never as broken; only the one who
    // left work owes anything.
    let states: Vec<String> = rows.iter().map(|row| text(row, "Состояние")).collect();
    assert_eq!(states.iter().filter(|s| *s == "Обязательство нарушено").count(), 2, "{states:?}");
    assert_eq!(states.iter().filter(|s| *s == "Ожидает решения комиссии").count(), 293);
    let owed: Vec<_> = rows.iter().filter(|row| row[col("Сумма возмещения, тенге")] != Data::Empty).collect();
    assert_eq!(owed.len(), 1);
    let periods = book.worksheet_range("Периоды").unwrap();
    let period_rows: Vec<&[Data]> = periods.rows().skip(1).collect();
    assert_eq!(period_rows.len(), 1);
    assert_eq!(period_rows[0][7], Data::Float(counted as f64));

    let stats = year.dir.path().join("stats.xlsx");
    let written = year.ok(&["export", "stats", "--year", "2025", "--out", stats.to_str().unwrap()]);
    assert_eq!(written["rows"], 296);
    let book: Xlsx<_> = open_workbook(&stats).unwrap();
    assert_eq!(book.sheet_names().len(), 3);

    // The first meeting's papers numbered and sealed; the register's check finds every seal
    // as it was written (on the server: its rows read back as the file's would be).
    let letters = year.dir.path().join("letters");
    year.ok(&["letters", "--meeting", &first, "--out", letters.to_str().unwrap()]);
    let report = year.ok(&["check"]);
    assert_eq!(report["findings"], Value::Array(vec![]), "{report}");
    assert_eq!(report["meetings"], 1, "{report}");
    assert!(report["papers"].as_u64().unwrap() >= 3, "{report}");
}

#[test]
fn text_output_speaks_the_chosen_language() {
    let year = Year::new();
    let out = year.run(&["commission", "show", "--year", "2025", "--lang", "ru"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Комиссия для выпуска 2025 года не создана") && stderr.contains("[no_commission]"),
        "{stderr}"
    );
    assert_eq!(year.refused(&["eligible", "871008401427"]), "graduate_not_found");
    let out = year.run(&["eligible", "123", "--lang", "kk"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ЖСН") && !stderr.contains("Err("), "{stderr}");
    let out = year.run(&["obligation", NO_MATCH, "--as-of", "2025-13-40"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("[invalid_date]"));
}
