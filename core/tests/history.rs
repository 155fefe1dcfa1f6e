//! A graduate's history in a real SQLite file: the list that added them and changed them, a
//! decision and its revision, the paper issued and cancelled by it, the arrival and its correction, the period it opened, the cost,
//! the years on the grant and their correction; each in words, old → new, with who, in order.

mod common;

use chrono::NaiveDate;
use joldama_core::classifiers::{Field, Funding, Level, OrgKind, Region};
use joldama_core::commission::{DecisionRequest, Outcome, PaperSeries};
use joldama_core::obligation::{CostScope, Years};
use joldama_core::store::{ChangeContext, Store};
use joldama_core::workflow::commission::{self, MeetingRequest};
use joldama_core::workflow::history::HistoryEntry;
use joldama_core::workflow::{decide, dossier, followup};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn by(actor: &str) -> ChangeContext {
    ChangeContext { actor: actor.into(), source: None }
}

/// `(what, [field: old → new])` in Kazakh, as the card shows them.
fn words(entry: &HistoryEntry) -> (String, Vec<String>) {
    let changes =
        entry.changes.iter().map(|c| format!("{}: {} → {}", c.label.kk, c.old.kk, c.new.kk)).collect();
    (entry.what.kk.clone(), changes)
}

#[test]
fn every_change_about_a_graduate_reads_in_words_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("joldama.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let secretary = by("Омарова Д.");
    let mut record =
        common::graduate("061211600012", Funding::StateOrder, Level::Bachelor, Field::Pedagogical, "6B01501");
    store.apply_graduates(std::slice::from_ref(&record), &by("Ахметов А."), false).unwrap();
    let school = common::vacancy("940140000385", "№5 мектеп", OrgKind::Education, Region::Abai, false, 1);
    store.apply_vacancies(&[school], &secretary, false).unwrap();
    let id = store.graduates().unwrap()[0].id;
    let vacancy_id = store.vacancies().unwrap()[0].id;

    let meeting_id = common::first_meeting(&mut store, 2025, d("2025-06-20"), &secretary);
    let referral = DecisionRequest {
        meeting_id,
        graduate_id: id,
        outcome: Outcome::Vacancy { vacancy_id, arrival_date: d("2025-09-01") },
        revises: None,
        reason: None,
    };
    let referral = decide::decide(&mut store, &referral, &secretary).unwrap();
    let arrival = |on: &str| followup::ArrivalRequest {
        graduate_id: id,
        on: d(on),
        confirmed_by: "Мектеп хаты №12".into(),
        note: None,
        seen: None,
    };
    followup::record_arrival(&mut store, &arrival("2025-09-01"), &secretary).unwrap();
    followup::record_arrival(&mut store, &arrival("2025-09-02"), &secretary).unwrap();
    let cost = followup::StudyCostRequest {
        graduate_id: id,
        amount: 2_400_000,
        scope: CostScope::GrantYears,
        basis: None,
        seen: None,
    };
    followup::set_study_cost(&mut store, &cost, &secretary).unwrap();
    let grant = |on_grant| followup::GrantYearsRequest {
        graduate_id: id,
        on_grant: Years::from_tenths(on_grant),
        normative: Years::from_tenths(40),
        seen: None,
    };
    followup::set_grant_years(&mut store, &grant(30), &secretary).unwrap();
    followup::set_grant_years(&mut store, &grant(25), &secretary).unwrap();
    record.surname = "Жаңабаева".into();
    store.apply_graduates(&[record], &by("Ахметов А."), false).unwrap();
    store
        .write(&secretary, |tx| tx.paper_number(referral.decision.id, PaperSeries::Referral, d("2025-10-01")))
        .unwrap();
    let next = MeetingRequest { year: 2025, held_on: d("2025-10-15"), place: None, present: None };
    let next = commission::create_meeting(&mut store, &next, &secretary).unwrap().id;
    let revision = DecisionRequest {
        meeting_id: next,
        graduate_id: id,
        outcome: Outcome::EmploymentCentre {
            region: Region::Abai,
            override_reason: Some("Мектеп бас тартты".into()),
        },
        revises: Some(referral.decision.id),
        reason: Some("Мектеп бас тартты".into()),
    };
    decide::decide(&mut store, &revision, &secretary).unwrap();

    // Reopened: everything comes from the file.
    drop(store);
    let store = Store::open(&path).unwrap();
    let history = dossier::graduate_detail(&store, id, d("2025-12-31")).unwrap().history;
    let whats: Vec<String> = history.iter().map(|e| e.what.kk.clone()).collect();
    assert_eq!(
        whats,
        [
            "Тізімнен қосылды",
            "Шешім қабылданды",
            "Келгені: жазылды",
            "Кезең: жазылды",
            "Келгені: түзетілді",
            "Кезең: түзетілді",
            "Оқу құны: жазылды",
            "Грант жылдары: жазылды",
            "Грант жылдары: түзетілді",
            "Тізім деректерді өзгертті",
            "№2025/1-0001 құжат берілді (01.10.2025)",
            "№2025/1-0001 құжат шешім қайта қаралғандықтан күшін жойды",
            "Шешім қайта қаралды",
        ]
    );
    assert_eq!(history[0].actor, "Ахметов А.");
    assert!(history[1..9].iter().all(|e| e.actor == "Омарова Д."));
    assert!(history.windows(2).all(|w| w[0].at <= w[1].at), "ordered by time");
    assert_eq!(history[0].changes, [], "the card shows the added graduate itself");

    let (_, decided) = words(&history[1]);
    assert!(decided[0].starts_with("Шешім: — → "), "{decided:?}");
    assert!(decided[0].contains("№5 мектеп"), "{decided:?}");
    assert_eq!(decided[1], "Отырыс: — → №1, 20.06.2025");

    let (_, corrected) = words(&history[4]);
    assert_eq!(corrected, ["Келген күні: 01.09.2025 → 02.09.2025"]);
    let (_, period) = words(&history[3]);
    assert_eq!(period[0], "Түрі: — → Жұмыс");
    assert!(period.contains(&"Басталуы: — → 01.09.2025".to_owned()), "{period:?}");
    assert!(period.contains(&"Аяқталуы: — → жалғасуда".to_owned()), "{period:?}");
    assert_eq!(words(&history[5]).1, ["Басталуы: 01.09.2025 → 02.09.2025"]);
    assert_eq!(words(&history[6]).1[0], "Сомасы: — → 2\u{a0}400\u{a0}000 ₸");
    assert_eq!(words(&history[8]).1, ["Грантта оқыған жылдар: 3 → 2,5"]);
    let (_, relisted) = words(&history[9]);
    assert!(relisted.iter().any(|c| c.ends_with("→ Жаңабаева")), "{relisted:?}");

    let (_, revised) = words(&history[12]);
    assert!(revised[0].contains("№5 мектеп") && revised[0].contains("→"), "{revised:?}");
    assert!(revised.contains(&"Себебі: — → Мектеп бас тартты".to_owned()), "{revised:?}");
    // Russian too.
    assert_eq!(history[4].what.ru, "Прибытие: исправлено");
    assert_eq!(history[4].changes[0].label.ru, "Дата прибытия");
}
