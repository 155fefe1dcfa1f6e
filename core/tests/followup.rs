//! Follow-up records in a real SQLite file: arrival, periods, cost; audit; the obligation
//! computed from what is stored.

use chrono::NaiveDate;
use joldama_core::classifiers::{Field, Funding, Level, OrgKind, Region, Sex};
use joldama_core::followup::{
    Activity, Arrival, Employer, EmployerRef, FollowUp, FollowUpError, ObligationError, ObligationState,
    Span, StudyCost,
};
use joldama_core::i18n::UserFacing;
use joldama_core::ident::{Bin, Iin};
use joldama_core::model::{EmployerRecord, GraduateRecord, VacancyRecord};
use joldama_core::store::{ChangeContext, Store};
use serde_json::json;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn ctx() -> ChangeContext {
    ChangeContext { actor: "Хатшы".into(), source: Some("employer letter 12".into()) }
}

const SCHOOL_BIN: &str = "940140000385";

/// A file with one graduate (id returned) and one employer.
fn store() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("joldama.sqlite3")).unwrap();
    let iin = Iin::parse("061211600012").unwrap();
    let graduate = GraduateRecord {
        iin,
        surname: "Әбілқасымова".into(),
        name: "Гүлнұр".into(),
        patronymic: None,
        birth_date: iin.birth_date(),
        sex: Sex::Female,
        level: Level::Bachelor,
        funding: Funding::StateOrder,
        field: Field::Pedagogical,
        program_code: "6B01501".into(),
        program_name: "Математика".into(),
        graduation_year: 2025,
        region: Some(Region::Abai),
        phone: None,
        email: None,
    };
    store.apply_graduates(&[graduate], &ctx(), false).unwrap();
    let vacancy = VacancyRecord {
        employer: EmployerRecord {
            bin: Bin::parse(SCHOOL_BIN).unwrap(),
            name: "№5 мектеп".into(),
            kind: OrgKind::Education,
            ownership: None,
        },
        year: 2025,
        position: "Математика мұғалімі".into(),
        program_codes: vec![],
        places: 1,
        region: Region::Abai,
        district: None,
        settlement: None,
        rural: false,
        contact_person: None,
        phone: None,
    };
    store.apply_vacancies(&[vacancy], &ctx(), false).unwrap();
    let id = store.graduates().unwrap()[0].id;
    (dir, store, id)
}

fn school() -> Employer {
    Employer::Registered { bin: Bin::parse(SCHOOL_BIN).unwrap(), name: "№5 мектеп".into() }
}

#[test]
fn a_new_graduate_has_an_empty_followup() {
    let (_dir, store, id) = store();
    assert_eq!(store.followup(id).unwrap(), FollowUp::default());
    assert!(store.periods(id).unwrap().is_empty());
}

#[test]
fn arrival_is_stored_corrected_and_audited() {
    let (dir, mut store, id) = store();
    let arrival =
        Arrival { on: d("2025-09-01"), confirmed_by: "Мектеп хаты №12".into(), note: None };
    store.confirm_arrival(id, &arrival, &ctx()).unwrap();
    // The same again changes nothing.
    store.confirm_arrival(id, &arrival, &ctx()).unwrap();
    let corrected =
        Arrival {
            on: d("2025-09-02"), note: Some("1 қыркүйек демалыс".into()), ..arrival.clone()
        };
    store.confirm_arrival(id, &corrected, &ctx()).unwrap();

    // Reopened: it is in the file.
    drop(store);
    let store = Store::open(&dir.path().join("joldama.sqlite3")).unwrap();
    assert_eq!(store.followup(id).unwrap().arrival, Some(corrected.clone()));
    let trail = store.audit_trail("arrival", id).unwrap();
    assert_eq!(trail.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["insert", "update"]);
    assert_eq!(trail[1].actor, "Хатшы");
    assert_eq!(
        trail[1].details,
        Some(json!({ "old": arrival, "new": corrected, "source": "employer letter 12" }))
    );
}

#[test]
fn periods_are_added_ended_removed_and_audited() {
    let (_dir, mut store, id) = store();
    let work = store
        .add_period(
            id,
            &Activity::Work(EmployerRef::Bin(Bin::parse(SCHOOL_BIN).unwrap())),
            Span::ongoing(d("2025-09-01")),
            Some("бұйрық №45-ж"),
            &ctx(),
        )
        .unwrap();
    assert_eq!(work.activity, Activity::Work(school()));
    let private = store
        .add_period(
            id,
            &Activity::Work(EmployerRef::Name("«Балапан» ЖШС".into())),
            Span::new(d("2026-10-01"), Some(d("2026-12-31"))).unwrap(),
            None,
            &ctx(),
        )
        .unwrap();
    let service =
        store.add_period(id, &Activity::Deferral, Span::ongoing(d("2027-01-10")), None, &ctx()).unwrap();

    let ended = store.end_period(work.id, d("2026-08-31"), &ctx()).unwrap();
    assert_eq!(ended.span, Span::new(d("2025-09-01"), Some(d("2026-08-31"))).unwrap());
    // Ending on the same day again changes nothing.
    assert_eq!(store.end_period(work.id, d("2026-08-31"), &ctx()).unwrap(), ended);

    store.remove_period(service.id, &ctx()).unwrap();
    let periods = store.periods(id).unwrap();
    assert_eq!(periods, [ended.clone(), private.clone()]);
    assert_eq!(private.activity, Activity::Work(Employer::Unregistered { name: "«Балапан» ЖШС".into() }));

    let actions = |pid| {
        store.audit_trail("followup_period", pid).unwrap().into_iter().map(|e| e.action).collect::<Vec<_>>()
    };
    assert_eq!(actions(work.id), ["insert", "update"]);
    assert_eq!(actions(service.id), ["insert", "delete"]);
    let removed = store.audit_trail("followup_period", service.id).unwrap().pop().unwrap();
    assert_eq!(removed.details.unwrap()["old"], json!({ "graduate_id": id, "period": service }));
}

#[test]
fn study_cost_is_stored_and_the_obligation_follows_the_records() {
    let (_dir, mut store, id) = store();
    let cost = StudyCost { amount: 1_000_000, basis: Some("2021–2025 оқу құны".into()) };
    store.set_study_cost(id, &cost, &ctx()).unwrap();
    store
        .add_period(
            id,
            &Activity::Work(EmployerRef::Bin(Bin::parse(SCHOOL_BIN).unwrap())),
            Span::new(d("2025-09-01"), Some(d("2026-08-31"))).unwrap(),
            None,
            &ctx(),
        )
        .unwrap();
    let followup = store.followup(id).unwrap();
    assert_eq!(followup.study_cost, Some(cost));

    // No arrival confirmed: the referral's planned date is the start.
    let status = followup.obligation(3, d("2025-09-01")).unwrap().status(d("2026-12-31"));
    assert_eq!(
        (status.state, status.counted_days, status.refund),
        (ObligationState::Interrupted, 365, Some(666_971))
    );

    // Confirmed a day later: that day is the start, and the term's days shift with it.
    let arrival = Arrival { on: d("2025-09-02"), confirmed_by: "HR".into(), note: None };
    store.confirm_arrival(id, &arrival, &ctx()).unwrap();
    let status = store.followup(id).unwrap().obligation(3, d("2025-09-01")).unwrap().status(d("2026-12-31"));
    assert_eq!(status.counted_days, 364);

    let trail = store.audit_trail("study_cost", id).unwrap();
    assert_eq!(trail.len(), 1);
}

#[test]
fn mistakes_are_typed_errors_and_change_nothing() {
    let (_dir, mut store, id) = store();
    let arrival = Arrival { on: d("2025-09-01"), confirmed_by: "HR".into(), note: None };
    let code = |e: FollowUpError| e.code();

    assert_eq!(code(store.confirm_arrival(id + 100, &arrival, &ctx()).unwrap_err()), "unknown_graduate");
    assert!(matches!(store.followup(id + 100), Err(FollowUpError::UnknownGraduate { .. })));
    let blank = Arrival { confirmed_by: "  ".into(), ..arrival };
    assert_eq!(code(store.confirm_arrival(id, &blank, &ctx()).unwrap_err()), "arrival_no_confirmer");

    let unknown = Bin::parse("950341000052").unwrap();
    let error = store
        .add_period(
            id,
            &Activity::Work(EmployerRef::Bin(unknown)),
            Span::ongoing(d("2025-09-01")),
            None,
            &ctx(),
        )
        .unwrap_err();
    assert!(matches!(error, FollowUpError::UnknownEmployer { bin } if bin == unknown));
    assert!(error.message().kk.contains("950341000052"));
    let error = store
        .add_period(
            id,
            &Activity::Work(EmployerRef::Name(" ".into())),
            Span::ongoing(d("2025-09-01")),
            None,
            &ctx(),
        )
        .unwrap_err();
    assert_eq!(code(error), "period_no_employer_name");

    let centre =
        store.add_period(id, &Activity::Centre, Span::ongoing(d("2025-09-01")), None, &ctx()).unwrap();
    let error = store.end_period(centre.id, d("2025-08-31"), &ctx()).unwrap_err();
    assert!(matches!(error, FollowUpError::Obligation(ObligationError::EndsBeforeStart { .. })));
    assert_eq!(code(store.end_period(centre.id + 1, d("2026-01-01"), &ctx()).unwrap_err()), "unknown_period");
    assert_eq!(code(store.remove_period(centre.id + 1, &ctx()).unwrap_err()), "unknown_period");

    let huge = StudyCost { amount: u64::MAX, basis: None };
    assert_eq!(code(store.set_study_cost(id, &huge, &ctx()).unwrap_err()), "amount_too_large");

    assert_eq!(store.audit_trail("followup_period", centre.id).unwrap().len(), 1);
    assert_eq!(store.followup(id).unwrap().arrival, None);
    assert_eq!(store.periods(id).unwrap(), [centre]);
}

#[test]
fn a_graduate_with_a_followup_cannot_be_deleted_underneath_it() {
    let (dir, mut store, id) = store();
    store.add_period(id, &Activity::Centre, Span::ongoing(d("2025-09-01")), None, &ctx()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("joldama.sqlite3")).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    assert!(conn.execute("DELETE FROM graduate WHERE id = ?1", [id]).is_err());
    // The table's CHECKs hold for a hand-written row too.
    let bad = |sql: &str| conn.execute(sql, [id]).is_err();
    let insert = "INSERT INTO followup_period (graduate_id, kind, employer_id, employer_name, from_date, \
                  to_date, created_at, updated_at) VALUES (?1, ";
    assert!(bad(&format!("{insert}'work', NULL, NULL, '2025-09-01', NULL, 't', 't')")));
    assert!(bad(&format!("{insert}'centre', NULL, 'X', '2025-09-01', NULL, 't', 't')")));
    assert!(bad(&format!("{insert}'centre', NULL, NULL, '2025-09-01', '2025-08-31', 't', 't')")));
    assert!(bad(&format!("{insert}'leave', NULL, NULL, '2025-09-01', NULL, 't', 't')")));
    assert!(!bad(&format!("{insert}'work', NULL, 'X', '2025-09-01', '2025-09-01', 't', 't')")));
}
