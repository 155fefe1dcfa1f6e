//! The register holds, on a real SQLite file: a finalised meeting prints the same after lists
//! change under it, and those changes are reported and queued; another tool's REPLACE, DELETE
//! or UPDATE past the locks is refused, and what gets past them (triggers dropped) is found by
//! the check, named.

mod common;

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use joldama_core::classifiers::{Field, Funding, Level, OrgKind, Region};
use joldama_core::commission::{DecisionRequest, Outcome};
use joldama_core::import::ImportOptions;
use joldama_core::model::VacancyRecord;
use joldama_core::store::{ChangeContext, Store};
use joldama_core::workflow::{commission, decide, papers, register};
use joldama_core::{Lang, papers::Output};
use rusqlite::Connection;

const IIN: &str = "061211600012";
const SCHOOL_BIN: &str = "940140000385";

fn ctx() -> ChangeContext {
    ChangeContext { actor: "Хатшы".into(), source: None }
}

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn school(places: u32) -> VacancyRecord {
    let mut school =
        common::vacancy(SCHOOL_BIN, "№5 мектеп", OrgKind::Education, Region::Abai, false, places);
    school.position = "Математика мұғалімі".into();
    school
}

struct World {
    dir: tempfile::TempDir,
    store: Store,
    graduate: i64,
    meeting: i64,
}

impl World {
    fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("joldama.sqlite3")
    }

    /// Another tool on the same file: foreign keys and recursive triggers off, as in the
    /// sqlite3 shell.
    fn raw(&self) -> Connection {
        let conn = Connection::open(self.path()).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn
    }

    /// The meeting's letters printed (numbered on `on` the first time) into one PDF, as text.
    fn letters_text(&mut self, name: &str, on: &str) -> String {
        let file = self.dir.path().join(name);
        let watch = joldama_core::task::Watch::default();
        papers::print_meeting(
            &mut self.store,
            self.meeting,
            Lang::Ru,
            Some(d(on)),
            Output::Combined(&file),
            &ctx(),
            &watch,
        )
        .unwrap();
        pdf_text(&file)
    }

    /// A new, open meeting of the cohort.
    fn next_meeting(&mut self, held_on: &str) -> i64 {
        let request =
            commission::MeetingRequest { year: 2025, held_on: d(held_on), place: None, present: None };
        commission::create_meeting(&mut self.store, &request, &ctx()).unwrap().id
    }

    fn protocol_text(&self, name: &str) -> String {
        let file = self.dir.path().join(name);
        papers::print_protocol(&self.store, self.meeting, Lang::Ru, &file).unwrap();
        pdf_text(&file)
    }
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").args(["-layout"]).arg(path).arg("-").output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// One pedagogical graduate referred to a school (2 places) at meeting 1, finalised.
fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("joldama.sqlite3")).unwrap();
    let graduate = common::graduate(IIN, Funding::StateOrder, Level::Bachelor, Field::Pedagogical, "6B01501");
    store.apply_graduates(&[graduate], &ctx(), false).unwrap();
    store.apply_vacancies(&[school(2)], &ctx(), false).unwrap();
    let graduate = store.graduates().unwrap()[0].id;
    let vacancy_id = store.vacancies().unwrap()[0].id;
    let meeting = common::first_meeting(&mut store, 2025, d("2025-06-20"), &ctx());
    let referral = DecisionRequest {
        meeting_id: meeting,
        graduate_id: graduate,
        outcome: Outcome::Vacancy { vacancy_id, arrival_date: d("2025-09-01") },
        revises: None,
        reason: None,
    };
    decide::decide(&mut store, &referral, &ctx()).unwrap();
    commission::finalise(&mut store, meeting, &ctx()).unwrap();
    World { dir, store, graduate, meeting }
}

/// A vacancy list as an employer sends it: the school asks for `places`, renamed.
fn write_vacancy_list(path: &Path, name: &str, places: u32) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "Наименование организации",
        "БИН",
        "Тип организации",
        "Регион",
        "Сельская местность",
        "Должность",
        "Количество мест",
    ];
    for (col, text) in header.iter().enumerate() {
        sheet.write_string(0, col as u16, *text).unwrap();
    }
    let row = [name, SCHOOL_BIN, "Организация образования", "Абайская область", "нет", "Математика мұғалімі"];
    for (col, text) in row.iter().enumerate() {
        sheet.write_string(1, col as u16, *text).unwrap();
    }
    sheet.write_number(1, 6, f64::from(places)).unwrap();
    book.save(path).unwrap();
}

#[test]
fn lists_changed_after_finalising_are_reported_and_queued_while_the_papers_stay_as_printed() {
    let mut w = world();
    let before = w.protocol_text("before.pdf");
    let letters = w.letters_text("letters-before.pdf", "2025-06-21");
    assert!(before.contains("Әбілқасымова") && before.contains("6B01501"), "{before}");

    // The registrar's corrected list: another surname and programme.
    let mut changed =
        common::graduate(IIN, Funding::StateOrder, Level::Master, Field::Pedagogical, "7M01501");
    changed.surname = "Нұрланова".into();
    let counts = w.store.apply_graduates(&[changed], &ctx(), false).unwrap();
    assert_eq!(counts.updated, 1);
    let decided = &counts.decided;
    assert_eq!(decided.len(), 1, "{decided:?}");
    assert!(decided[0].label.contains(IIN));
    let surname = decided[0].changes.iter().find(|c| c.field == "surname").unwrap();
    assert_eq!((surname.old.ru.as_str(), surname.new.ru.as_str()), ("Әбілқасымова", "Нұрланова"));
    assert!(decided[0].changes.iter().any(|c| c.field == "program_code" && c.new.ru.starts_with("7M01501")));

    // A second graduate referred to the same school at the next meeting: both places taken.
    let other =
        common::graduate("031119543923", Funding::StateOrder, Level::Bachelor, Field::Pedagogical, "6B01501");
    w.store.apply_graduates(&[other], &ctx(), false).unwrap();
    let other = w.store.graduates().unwrap().into_iter().find(|g| g.id != w.graduate).unwrap().id;
    let next = w.next_meeting("2025-07-01");
    let vacancy_id = w.store.vacancies().unwrap()[0].id;
    let referral = DecisionRequest {
        meeting_id: next,
        graduate_id: other,
        outcome: Outcome::Vacancy { vacancy_id, arrival_date: d("2025-09-01") },
        revises: None,
        reason: None,
    };
    decide::decide(&mut w.store, &referral, &ctx()).unwrap();

    // The employer's new list asks one place: two graduates stand on it, so the row is refused,
    // naming them; the list has no other row, so nothing of it is applied.
    let list = w.dir.path().join("vacancies.xlsx");
    write_vacancy_list(&list, "№5 мектеп-гимназия", 1);
    let options = ImportOptions { year: Some(2025), actor: "test".into(), ..Default::default() };
    let error = joldama_core::workflow::import::vacancies(&mut w.store, &list, 2025, &options).unwrap_err();
    let joldama_core::Error::Import(joldama_core::import::ImportError::NothingToImport { problems, .. }) =
        &error
    else {
        panic!("{error:?}")
    };
    let problem = &problems[0];
    assert_eq!((problem.code, problem.row, problem.field), ("places_below_referrals", 2, Some("places")));
    assert!(
        problem.message.ru.contains("Нұрланова") && problem.message.ru.contains("031119543923"),
        "{}",
        problem.message.ru
    );
    let school_now = &w.store.vacancies().unwrap()[0];
    assert_eq!((school_now.record.places, school_now.record.employer.name.as_str()), (2, "№5 мектеп"));

    // Renamed with its two places: applied, and reported as a change under referrals.
    write_vacancy_list(&list, "№5 мектеп-гимназия", 2);
    let report = joldama_core::workflow::import::vacancies(&mut w.store, &list, 2025, &options).unwrap();
    assert!(report.tally.problems.is_empty(), "{:?}", report.tally.problems);
    let renamed = report
        .counts
        .decided
        .iter()
        .flat_map(|c| &c.changes)
        .find(|f| f.field == "employer")
        .expect("reported");
    assert_eq!((renamed.old.ru.as_str(), renamed.new.ru.as_str()), ("№5 мектеп", "№5 мектеп-гимназия"));

    // The reprints are the papers as finalised.
    assert_eq!(w.protocol_text("after.pdf"), before);
    assert_eq!(w.letters_text("letters-after.pdf", "2025-07-01"), letters);
    assert!(before.contains("Код печати утверждения"), "{before}");

    // The queue shows her again with what changed; a revision is the commission's answer.
    let queue = decide::queue(&w.store, 2025, d("2025-07-01")).unwrap();
    let row = queue.iter().find(|r| r.row.id == w.graduate).expect("queued");
    let fields: Vec<&str> = row.changed.iter().map(|c| c.field.as_str()).collect();
    assert!(
        fields.contains(&"full_name") && fields.contains(&"program_code") && fields.contains(&"employer"),
        "{fields:?}"
    );
    assert!(row.revises.is_some());

    assert!(register::findings(&w.store).unwrap().is_empty());
}

#[test]
fn another_tool_cannot_replace_delete_or_reopen_what_is_locked() {
    let mut w = world();
    w.letters_text("letters.pdf", "2025-06-21");
    let raw = w.raw();
    let second = {
        raw.execute(
            "INSERT INTO meeting (commission_id, number, held_on) SELECT commission_id, 2, '2025-07-01' FROM meeting WHERE id = ?1",
            [w.meeting],
        )
        .unwrap();
        raw.last_insert_rowid()
    };
    let refused = |sql: &str, why: &str| {
        let error = raw.execute_batch(sql).expect_err(sql).to_string();
        assert!(error.contains(why), "{sql}: {error}");
    };
    // Move the decision out of the finalised meeting with one REPLACE.
    refused(
        &format!(
            "INSERT OR REPLACE INTO decision (id, meeting_id, graduate_id, kind, vacancy_id, arrival_date, term_years, created_at, created_by) \
             SELECT id, {second}, graduate_id, kind, vacancy_id, arrival_date, term_years, created_at, created_by FROM decision"
        ),
        "meeting_finalised",
    );
    // Un-finalise the meeting with another.
    refused(
        &format!(
            "INSERT OR REPLACE INTO meeting (id, commission_id, number, held_on) SELECT id, commission_id, number, held_on FROM meeting WHERE id = {}",
            w.meeting
        ),
        "meeting_finalised",
    );
    refused(&format!("UPDATE OR REPLACE meeting SET number = 1 WHERE id = {second}"), "meeting_finalised");
    refused("DELETE FROM graduate", "referenced_by_decision");
    refused("DELETE FROM vacancy", "referenced_by_decision");
    refused("UPDATE vacancy SET places = 0", "places_below_referrals");
    refused(
        "INSERT OR REPLACE INTO paper (id, commission_id, seq, decision_id, issued_on) SELECT id, commission_id, seq, decision_id, '2025-01-01' FROM paper",
        "paper_never_deleted",
    );
    refused("UPDATE paper SET issued_on = '2025-01-01'", "paper_never_deleted");
    refused("UPDATE ledger SET content = '{}'", "register_append_only");
    refused("DELETE FROM ledger", "register_append_only");
    assert!(register::findings(&w.store).unwrap().is_empty());
}

#[test]
fn what_gets_past_the_locks_is_found_and_named() {
    let w = world();
    let raw = w.raw();
    // An attacker who drops the locks first.
    raw.execute_batch(
        "DROP TRIGGER decision_update_locked; DROP TRIGGER graduate_kept_while_decided; \
         UPDATE decision SET arrival_date = '2025-12-01';",
    )
    .unwrap();
    let findings = register::findings(&w.store).unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    let message = findings[0].message().ru;
    assert!(message.contains("Заседание №1 2025 года изменено после утверждения"), "{message}");
    assert!(
        message.contains("arrival_date") && message.contains("2025-09-01") && message.contains("2025-12-01"),
        "{message}"
    );

    raw.execute_batch("DELETE FROM graduate;").unwrap();
    let codes: Vec<&str> = register::findings(&w.store).unwrap().iter().map(|f| f.code()).collect();
    assert!(codes.contains(&"register_orphan"), "{codes:?}");

    // Rewriting the seal itself breaks the chain.
    raw.execute_batch(
        "DROP TRIGGER ledger_never_updated; UPDATE ledger SET content = replace(content, '2025-09-01', '2025-12-01');",
    )
    .unwrap();
    let codes: Vec<&str> = register::findings(&w.store).unwrap().iter().map(|f| f.code()).collect();
    assert!(codes.contains(&"register_chain_broken"), "{codes:?}");

    // A meeting marked finalised by hand was never sealed.
    raw.execute_batch("INSERT INTO meeting (commission_id, number, held_on, finalised_at) SELECT commission_id, 3, '2025-08-01', '2025-08-01' FROM meeting LIMIT 1;").unwrap();
    let codes: Vec<&str> = register::findings(&w.store).unwrap().iter().map(|f| f.code()).collect();
    assert!(codes.contains(&"register_meeting_unsealed"), "{codes:?}");
    let report = register::check(&w.store).unwrap();
    assert_eq!((report.meetings, report.papers), (1, 0));
}

#[test]
fn a_name_the_fonts_cannot_print_is_refused_naming_the_paper() {
    let mut w = world();
    let mut chinese =
        common::graduate(IIN, Funding::StateOrder, Level::Bachelor, Field::Pedagogical, "6B01501");
    chinese.name = "王芳".into();
    w.store.apply_graduates(&[chinese], &ctx(), false).unwrap();
    // The finalised meeting prints as sealed: still fine.
    let out = w.dir.path().join("p.pdf");
    papers::print_protocol(&w.store, w.meeting, Lang::Kk, &out).unwrap();
    // A new meeting's papers carry the new name: refused before a file is written.
    let meeting = w.next_meeting("2025-07-01");
    let current = w.store.current_decision(w.graduate).unwrap().unwrap();
    let centre = DecisionRequest {
        meeting_id: meeting,
        graduate_id: w.graduate,
        outcome: Outcome::EmploymentCentre {
            region: Region::Abai,
            override_reason: Some("Мектеп жабылды".into()),
        },
        revises: Some(current.id),
        reason: Some("Жұмыс беруші бас тартты".into()),
    };
    decide::decide(&mut w.store, &centre, &ctx()).unwrap();
    let out = w.dir.path().join("new.pdf");
    let error = papers::print_protocol(&w.store, meeting, Lang::Kk, &out).unwrap_err();
    let message = joldama_core::i18n::UserFacing::message(&error).ru;
    assert!(message.contains("王") && message.contains("U+738B"), "{message}");
    assert!(!out.exists());
}

#[test]
fn hidden_characters_and_overlong_names_are_refused_on_their_row_and_never_echoed_raw() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("joldama.sqlite3")).unwrap();
    let list = dir.path().join("graduates.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "ИИН",
        "Фамилия",
        "Имя",
        "Уровень обучения",
        "Шифр ОП",
        "Образовательная программа",
        "Источник финансирования",
        "Год окончания",
    ];
    let long = "Ж".repeat(10_000);
    let (hundred, sixty) = ("Ж".repeat(100), "Ж".repeat(60));
    let rows = [
        ["061211600012", "Ахме\u{1b}[31mтов", "Айдос"],
        ["031119543923", "Омарова", "Дана\u{202e}"],
        ["030912559244", &long, "Дана"],
        ["021209690631", &hundred, &sixty],
        ["020915611578", "Сейітқалиева", "Айдана"],
    ];
    for (col, text) in header.iter().enumerate() {
        sheet.write_string(0, col as u16, *text).unwrap();
    }
    for (n, row) in rows.iter().enumerate() {
        let n = n as u32 + 1;
        for (col, text) in row.iter().enumerate() {
            sheet.write_string(n, col as u16, *text).unwrap();
        }
        for (col, text) in
            ["Бакалавриат", "6B01501", "Математика", "Государственный образовательный заказ", "2025"]
                .iter()
                .enumerate()
        {
            sheet.write_string(n, col as u16 + 3, *text).unwrap();
        }
    }
    book.save(&list).unwrap();
    let options = ImportOptions { year: Some(2025), actor: "test".into(), ..Default::default() };
    let report = joldama_core::workflow::import::graduates(&mut store, &list, &options).unwrap();
    let problems: Vec<(u32, &str, Option<&str>)> =
        report.tally.problems.iter().map(|p| (p.row, p.code, p.field)).collect();
    assert_eq!(
        problems,
        [
            (2, "hidden_characters", Some("surname")),
            (3, "hidden_characters", Some("name")),
            (4, "too_long", Some("surname")),
            (5, "too_long", Some("surname")),
        ]
    );
    let messages: String = report.tally.problems.iter().map(|p| p.message.ru.clone()).collect();
    assert!(messages.contains("U+001B") && messages.contains("U+202E"), "{messages}");
    assert!(!messages.chars().any(|c| c.is_control() || c == '\u{202e}'));
    assert_eq!(report.counts.imported, 1);

    // What a person types by hand meets the same rules.
    let mut typed = school(1);
    typed.employer.name = "№5 мектеп\u{7}".into();
    let error = joldama_core::workflow::import::add_vacancy(&mut store, &typed, &ctx()).unwrap_err();
    assert_eq!(joldama_core::i18n::UserFacing::code(&error), "hidden_characters");
    typed.employer.name = "  ".into();
    let error = joldama_core::workflow::import::add_vacancy(&mut store, &typed, &ctx()).unwrap_err();
    assert_eq!(joldama_core::i18n::UserFacing::code(&error), "missing_field");
    assert!(store.vacancies().unwrap().is_empty());
    common::first_meeting(&mut store, 2025, d("2025-06-20"), &ctx());
    let member = commission::MemberRequest {
        year: 2025,
        role: joldama_core::commission::Role::Member,
        full_name: "Оспанов\u{1b}]0;pwned\u{7}".into(),
        position: None,
    };
    let error = commission::add_member(&mut store, &member, &ctx()).unwrap_err();
    assert_eq!(joldama_core::i18n::UserFacing::code(&error), "hidden_characters");
    assert_eq!(commission::of_year(&store, 2025).unwrap().members.len(), 2);
}
