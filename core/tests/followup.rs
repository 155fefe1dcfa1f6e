//! Follow-up records in a real SQLite file, through the workflow: arrival (which opens the
//! period it starts), periods with their places, cost, payments; audit; the obligation
//! computed from what is stored.

#[macro_use]
mod common;

use chrono::NaiveDate;
use common::{Backend, Register};
use joldama_core::classifiers::{Field, Funding, Level, OrgKind, Region};
use joldama_core::commission::{DecisionRequest, Outcome};
use joldama_core::followup::{Activity, Employer, FollowUp};
use joldama_core::i18n::UserFacing;
use joldama_core::ident::Bin;
use joldama_core::obligation::{CostScope, PeriodKind, Span, State};
use joldama_core::rules::Place;
use joldama_core::store::{ChangeContext, Store};
use joldama_core::workflow::decide;
use joldama_core::workflow::followup::{
    self, ArrivalRequest, PaymentRequest, PeriodEndRequest, PeriodRequest, StudyCostRequest,
};
use serde_json::json;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn ctx() -> ChangeContext {
    ChangeContext { actor: "Хатшы".into(), source: Some("employer letter 12".into()) }
}

const SCHOOL_BIN: &str = "940140000385";

/// A register with one pedagogical graduate (id returned) referred to a school in Abai (a city).
fn store(backend: &Backend) -> (tempfile::TempDir, Store, i64, Register) {
    let dir = tempfile::tempdir().unwrap();
    let register = backend.register(dir.path());
    let mut store = register.open(dir.path());
    let graduate =
        common::graduate("061211600012", Funding::StateOrder, Level::Bachelor, Field::Pedagogical, "6B01501");
    store.apply_graduates(&[graduate], &ctx(), false).unwrap();
    let mut school = common::vacancy(SCHOOL_BIN, "№5 мектеп", OrgKind::Education, Region::Abai, false, 1);
    school.position = "Математика мұғалімі".into();
    store.apply_vacancies(&[school], &ctx(), false).unwrap();
    let id = store.graduates().unwrap()[0].id;
    let vacancy_id = store.vacancies().unwrap()[0].id;
    let meeting_id = common::first_meeting(&mut store, 2025, d("2025-06-20"), &ctx());
    let referral = DecisionRequest {
        meeting_id,
        graduate_id: id,
        outcome: Outcome::Vacancy { vacancy_id, arrival_date: d("2025-09-01") },
        revises: None,
        reason: None,
    };
    decide::decide(&mut store, &referral, &ctx()).unwrap();
    (dir, store, id, register)
}

fn school() -> Employer {
    Employer::Registered { bin: Bin::parse(SCHOOL_BIN).unwrap(), name: "№5 мектеп".into() }
}

fn arrival(graduate_id: i64, on: &str) -> ArrivalRequest {
    ArrivalRequest {
        graduate_id, on: d(on), confirmed_by: "Мектеп хаты №12".into(), note: None, seen: None
    }
}

fn period(graduate_id: i64, kind: PeriodKind, from: &str, to: Option<&str>) -> PeriodRequest {
    PeriodRequest {
        graduate_id,
        kind,
        employer_bin: None,
        employer_name: None,
        place: None,
        from: d(from),
        to: to.map(d),
        note: None,
        seen: None,
    }
}

fn arrival_opens_the_work_period_at_the_referred_school_and_a_correction_moves_it(backend: &Backend) {
    let (dir, mut store, id, register) = store(backend);
    assert_eq!(store.followup(id).unwrap(), FollowUp::default());
    let first = followup::record_arrival(&mut store, &arrival(id, "2025-09-01"), &ctx()).unwrap();
    assert_eq!(first.periods.len(), 1);
    let work = &first.periods[0];
    assert_eq!(work.activity, Activity::Work(school()));
    assert_eq!(work.place, Some(Place { kind: OrgKind::Education, region: Region::Abai, rural: false }));
    assert_eq!(work.span, Span::ongoing(d("2025-09-01")));
    // The same again changes nothing; a correction moves the arrival and the period's start.
    followup::record_arrival(&mut store, &arrival(id, "2025-09-01"), &ctx()).unwrap();
    let mut corrected = arrival(id, "2025-09-02");
    corrected.note = Some("1 қыркүйек демалыс".into());
    let after = followup::record_arrival(&mut store, &corrected, &ctx()).unwrap();
    assert_eq!(after.periods.len(), 1);
    assert_eq!(after.periods[0].span.from(), d("2025-09-02"));

    // Reopened: it is in the register, audited with who and from what.
    drop(store);
    let store = register.open(dir.path());
    assert_eq!(store.followup(id).unwrap().arrival.unwrap().on, d("2025-09-02"));
    let trail = store.audit_trail("arrival", id).unwrap();
    assert_eq!(trail.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["insert", "update"]);
    assert_eq!(trail[1].actor, backend.actor("Хатшы"));
    assert_eq!(trail[1].details.as_ref().unwrap()["source"], json!("employer letter 12"));
    let standing = followup::obligation(&store, id, d("2025-12-31")).unwrap().standing;
    assert_eq!((standing.state, standing.counted_days), (State::Working, 121));
}

fn periods_are_added_ended_removed_and_audited(backend: &Backend) {
    let (_dir, mut store, id, _register) = store(backend);
    let mut work = period(id, PeriodKind::Work, "2025-09-01", None);
    work.employer_bin = Some(SCHOOL_BIN.into());
    work.note = Some("бұйрық №45-ж".into());
    let stored = followup::add_period(&mut store, &work, &ctx()).unwrap();
    let work = stored.periods[0].clone();
    // At the referred school: its place is the vacancy's.
    assert_eq!(work.place.map(|p| p.region), Some(Region::Abai));

    let mut private = period(id, PeriodKind::Work, "2026-10-01", Some("2026-12-31"));
    private.employer_name = Some("«Балапан» ЖШС".into());
    private.place = Some(Place { kind: OrgKind::Education, region: Region::AlmatyCity, rural: false });
    followup::add_period(&mut store, &private, &ctx()).unwrap();
    let service =
        followup::add_period(&mut store, &period(id, PeriodKind::Deferral, "2027-01-10", None), &ctx())
            .unwrap();
    let service = service.periods.last().unwrap().clone();

    let end = PeriodEndRequest { period_id: work.id, to: d("2026-08-31"), seen: None };
    let (owner, ended) = followup::end_period(&mut store, &end, &ctx()).unwrap();
    assert_eq!(owner, id);
    assert_eq!(ended.periods[0].span, Span::new(d("2025-09-01"), Some(d("2026-08-31"))).unwrap());
    // Ending on the same day again changes nothing.
    followup::end_period(&mut store, &end, &ctx()).unwrap();

    let (_, left) = followup::remove_period(&mut store, service.id, &ctx()).unwrap();
    assert_eq!(left.periods.len(), 2);
    assert_eq!(
        left.periods[1].activity,
        Activity::Work(Employer::Unregistered { name: "«Балапан» ЖШС".into() })
    );

    let actions = |pid| {
        store.audit_trail("followup_period", pid).unwrap().into_iter().map(|e| e.action).collect::<Vec<_>>()
    };
    assert_eq!(actions(work.id), ["insert", "update"]);
    assert_eq!(actions(service.id), ["insert", "delete"]);
    let removed = store.audit_trail("followup_period", service.id).unwrap().pop().unwrap();
    assert_eq!(removed.details.unwrap()["old"], json!({ "graduate_id": id, "period": service }));
}

fn the_obligation_follows_the_records_and_a_refund_is_owed_only_once_broken(backend: &Backend) {
    let (_dir, mut store, id, _register) = store(backend);
    let cost = StudyCostRequest {
        graduate_id: id,
        amount: 1_000_000,
        scope: CostScope::GrantYears,
        basis: None,
        seen: None,
    };
    followup::set_study_cost(&mut store, &cost, &ctx()).unwrap();
    followup::record_arrival(&mut store, &arrival(id, "2025-09-01"), &ctx()).unwrap();

    // Working: nothing owed; what a stop would cost is an estimate, apart.
    let working = followup::obligation(&store, id, d("2026-06-01")).unwrap().standing;
    assert_eq!((working.state, working.refund_owed), (State::Working, Some(0)));
    assert!(working.refund_if_stopped.is_some_and(|r| r > 0 && r < 1_000_000));

    // Left at the end of August 2026: after the cohort's 30 days to begin anew, broken, the
    // unworked part owed.
    let work = store.followup(id).unwrap().periods[0].id;
    followup::end_period(
        &mut store,
        &PeriodEndRequest { period_id: work, to: d("2026-08-31"), seen: None },
        &ctx(),
    )
    .unwrap();
    let broken = followup::obligation(&store, id, d("2026-12-31")).unwrap().standing;
    // 1 000 000 × 731 / 1096 = 666 970.8 → 666 971.
    assert_eq!((broken.state, broken.counted_days, broken.refund_owed), (State::Broken, 365, Some(666_971)));
    assert_eq!(broken.since, Some(d("2026-10-01")));
    let between = followup::obligation(&store, id, d("2026-09-15")).unwrap().standing;
    assert_eq!((between.state, between.refund_owed), (State::Between, Some(0)));

    // A payment in part, then the rest: paid in full ends the obligation.
    let pay = |amount, on: &str| PaymentRequest {
        graduate_id: id,
        paid_on: d(on),
        amount,
        document: "№ 77".into(),
        seen: None,
    };
    assert_eq!(
        followup::record_payment(&mut store, &pay(1, "2026-06-01"), &ctx()).unwrap_err().code(),
        "nothing_owed"
    );
    assert_eq!(
        followup::record_payment(&mut store, &pay(700_000, "2026-10-10"), &ctx()).unwrap_err().code(),
        "payment_above_balance"
    );
    assert_eq!(
        followup::record_payment(&mut store, &pay(1, "2099-01-01"), &ctx()).unwrap_err().code(),
        "payment_ahead"
    );
    followup::record_payment(&mut store, &pay(600_000, "2026-10-20"), &ctx()).unwrap();
    let part = followup::obligation(&store, id, d("2026-10-25")).unwrap().standing;
    assert_eq!((part.state, part.paid, part.balance), (State::RefundPaidInPart, 600_000, Some(66_971)));
    // Entered late and dated earlier, a payment still never pays more than is owed.
    assert_eq!(
        followup::record_payment(&mut store, &pay(66_972, "2026-10-10"), &ctx()).unwrap_err().code(),
        "payment_above_balance"
    );
    followup::record_payment(&mut store, &pay(66_971, "2026-11-01"), &ctx()).unwrap();
    let paid = followup::obligation(&store, id, d("2028-01-01")).unwrap().standing;
    assert_eq!((paid.state, paid.since, paid.balance), (State::RefundPaid, Some(d("2026-11-01")), Some(0)));
    assert_eq!(
        store.audit_trail("refund_payment", store.followup(id).unwrap().payments[0].id).unwrap().len(),
        1
    );
}

fn mistakes_are_typed_errors_and_change_nothing(backend: &Backend) {
    let (_dir, mut store, id, _register) = store(backend);
    let code = |e: joldama_core::Error| e.code();
    assert_eq!(
        code(followup::record_arrival(&mut store, &arrival(id + 100, "2025-09-01"), &ctx()).unwrap_err()),
        "not_found"
    );
    let blank = ArrivalRequest { confirmed_by: "  ".into(), ..arrival(id, "2025-09-01") };
    assert_eq!(code(followup::record_arrival(&mut store, &blank, &ctx()).unwrap_err()), "no_document");

    let mut unknown = period(id, PeriodKind::Work, "2025-09-01", None);
    unknown.employer_bin = Some("950341000052".into());
    let error = followup::add_period(&mut store, &unknown, &ctx()).unwrap_err();
    assert_eq!(error.code(), "unknown_employer");
    assert!(error.message().kk.contains("950341000052"));
    let nobody = period(id, PeriodKind::Work, "2025-09-01", None);
    assert_eq!(code(followup::add_period(&mut store, &nobody, &ctx()).unwrap_err()), "period_no_employer");
    let mut nowhere = period(id, PeriodKind::Work, "2025-09-01", None);
    nowhere.employer_name = Some("«Балапан» ЖШС".into());
    assert_eq!(code(followup::add_period(&mut store, &nowhere, &ctx()).unwrap_err()), "period_no_place");
    let mut centre_at = period(id, PeriodKind::Centre, "2025-09-01", None);
    centre_at.employer_name = Some("X".into());
    assert_eq!(
        code(followup::add_period(&mut store, &centre_at, &ctx()).unwrap_err()),
        "employer_only_for_work"
    );

    // The referral was decided on 20.06.2025: a period cannot start before it.
    let early_start = period(id, PeriodKind::Centre, "2025-06-19", None);
    let error = followup::add_period(&mut store, &early_start, &ctx()).unwrap_err();
    assert_eq!(error.code(), "period_before_decision");
    assert!(error.message().ru.contains("20.06.2025"), "{}", error.message().ru);

    let centre =
        followup::add_period(&mut store, &period(id, PeriodKind::Centre, "2025-09-01", None), &ctx())
            .unwrap();
    let centre = centre.periods[0].clone();
    let early = PeriodEndRequest { period_id: centre.id, to: d("2025-08-31"), seen: None };
    assert_eq!(
        code(followup::end_period(&mut store, &early, &ctx()).unwrap_err()),
        "period_ends_before_start"
    );
    let gone = PeriodEndRequest { period_id: centre.id + 1, to: d("2026-01-01"), seen: None };
    assert_eq!(code(followup::end_period(&mut store, &gone, &ctx()).unwrap_err()), "not_found");
    assert_eq!(code(followup::remove_period(&mut store, centre.id + 1, &ctx()).unwrap_err()), "not_found");

    let huge = StudyCostRequest {
        graduate_id: id,
        amount: u64::MAX,
        scope: CostScope::GrantYears,
        basis: None,
        seen: None,
    };
    assert_eq!(code(followup::set_study_cost(&mut store, &huge, &ctx()).unwrap_err()), "amount_too_large");

    assert_eq!(store.audit_trail("followup_period", centre.id).unwrap().len(), 1);
    let stored = store.followup(id).unwrap();
    assert_eq!((stored.arrival, stored.periods, stored.study_cost), (None, vec![centre], None));
}

/// The file's own guards, written to by hand (the server's are its triggers, `server.rs`).
#[test]
fn a_graduate_with_a_followup_cannot_be_deleted_underneath_it() {
    let (dir, mut store, id, _) = store(&Backend::File);
    followup::add_period(&mut store, &period(id, PeriodKind::Centre, "2025-09-01", None), &ctx()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("joldama.sqlite3")).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    assert!(conn.execute("DELETE FROM graduate WHERE id = ?1", [id]).is_err());
    // The table's CHECKs hold for a hand-written row too.
    let bad = |sql: &str| conn.execute(sql, [id]).is_err();
    let insert = "INSERT INTO followup_period (graduate_id, kind, employer_id, employer_name, from_date, \
                  to_date, created_at, updated_at, org_kind) VALUES (?1, ";
    assert!(bad(&format!("{insert}'work', NULL, NULL, '2025-09-01', NULL, 't', 't', NULL)")));
    assert!(bad(&format!("{insert}'centre', NULL, 'X', '2025-09-01', NULL, 't', 't', NULL)")));
    assert!(bad(&format!("{insert}'centre', NULL, NULL, '2025-09-01', '2025-08-31', 't', 't', NULL)")));
    assert!(bad(&format!("{insert}'leave', NULL, NULL, '2025-09-01', NULL, 't', 't', NULL)")));
    assert!(bad(&format!("{insert}'work', NULL, 'X', '2025-09-01', '2025-09-01', 't', 't', 'bank')")));
    assert!(!bad(&format!("{insert}'work', NULL, 'X', '2025-09-01', '2025-09-01', 't', 't', 'other')")));
}

/// Two desks on one register: the one that read the card before the other's change is refused,
/// told who changed what, and writes once it has read the change.
fn a_change_over_one_not_seen_is_refused_naming_who_made_it(backend: &Backend) {
    let (dir, mut first, id, register) = store(backend);
    let mut second = register.open(dir.path());
    let seen = first.graduate_version(id).unwrap();
    assert!(seen > 0, "the referral is a change");

    let other = ChangeContext { actor: "Бекова Б.".into(), source: None };
    let cost = StudyCostRequest {
        graduate_id: id,
        amount: 900_000,
        scope: CostScope::GrantYears,
        basis: None,
        seen: Some(seen),
    };
    followup::set_study_cost(&mut second, &cost, &other).unwrap();

    let late = ArrivalRequest { seen: Some(seen), ..arrival(id, "2025-09-01") };
    let refused = followup::record_arrival(&mut first, &late, &ctx()).unwrap_err();
    assert_eq!(refused.code(), "stale_write");
    let said = refused.message().ru;
    let who = backend.actor("Бекова Б.");
    assert!(said.contains(&who) && said.contains("стоимость обучения"), "{said}");
    assert_eq!(first.followup(id).unwrap().arrival, None, "nothing written");

    // Read again, the same change goes through; a script's step (no version) is not compared.
    let fresh = ArrivalRequest { seen: Some(first.graduate_version(id).unwrap()), ..late };
    followup::record_arrival(&mut first, &fresh, &ctx()).unwrap();
    followup::set_study_cost(&mut second, &StudyCostRequest { seen: None, ..cost }, &other).unwrap();
}

on_both_stores!(
    arrival_opens_the_work_period_at_the_referred_school_and_a_correction_moves_it,
    periods_are_added_ended_removed_and_audited,
    the_obligation_follows_the_records_and_a_refund_is_owed_only_once_broken,
    mistakes_are_typed_errors_and_change_nothing,
    a_change_over_one_not_seen_is_refused_naming_who_made_it,
);
