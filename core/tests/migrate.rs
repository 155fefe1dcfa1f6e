//! A register written before migration 8 (`tests/fixtures/schema_v7.sqlite3`, made by the
//! previous release's command line) opens, is copied beside itself, migrates, and reads right:
//! what 8 adds is filled where it can be and flagged where it cannot; 9 seals what was finalised.

use std::path::Path;

use chrono::NaiveDate;
use joldama_core::classifiers::OrgKind;
use joldama_core::commission::Outcome;
use joldama_core::ident::Iin;
use joldama_core::obligation::State;
use joldama_core::store::Store;
use joldama_core::workflow::followup;

const VET: &str = "031119543923";
const CENTRE: &str = "030912559244";
const SOLDIER: &str = "020915611578";

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn a_schema_7_register_migrates_and_reads_right() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("joldama.sqlite3");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/schema_v7.sqlite3"), &file)
        .unwrap();
    let store = Store::open(&file).unwrap();
    assert_eq!(store.schema_version().unwrap(), 14);
    let copies: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("joldama.sqlite3.before-v14-"))
        .collect();
    assert_eq!(copies.len(), 1, "a copy before migrating");

    // Its finalised meeting is sealed as found (migration 9), and holds.
    let report = joldama_core::workflow::register::check(&store).unwrap();
    assert_eq!((report.meetings, report.papers, report.findings.len()), (1, 0, 0), "{:?}", report.findings);

    // «Organisations of education» now include universities, with the correction audited.
    let rules = store.rules(2025).unwrap();
    let education: Vec<_> = rules
        .rows()
        .iter()
        .filter(|r| matches!(&r.kinds, joldama_core::rules::Selection::Only(k) if k.contains(&OrgKind::Education)))
        .collect();
    assert_eq!(education.len(), 3);
    assert!(education.iter().all(
        |r| matches!(&r.kinds, joldama_core::rules::Selection::Only(k) if k.contains(&OrgKind::University))
    ));
    let trail = store.audit_trail("rule_set", 2025).unwrap();
    assert_eq!(trail.last().unwrap().details.as_ref().unwrap()["migration"], 8);

    let graduate = |iin: &str| store.graduate_by_iin(&Iin::parse(iin).unwrap(), Some(2025)).unwrap().unwrap();
    // The work period at the referred employer got that vacancy's place; it counts.
    let vet = followup::obligation(&store, graduate(VET).id, d("2026-06-01")).unwrap();
    assert_eq!(vet.standing.state, State::Working);
    // A veterinarian referred to a state veterinary body: the place is that vacancy's.
    assert_eq!(vet.periods[0].period.place.map(|p| p.kind), Some(OrgKind::StateVetBody));
    assert!(vet.periods[0].counts && vet.periods[0].reasons.is_empty());
    assert_eq!(vet.standing.refund_owed, Some(0));

    // The centre referral confirmed without a reason is kept, and flagged for the commission.
    let centre = followup::obligation(&store, graduate(CENTRE).id, d("2025-09-15")).unwrap();
    let decision = centre.decision.unwrap();
    assert_eq!(
        decision.decision.outcome,
        Outcome::EmploymentCentre {
            region: joldama_core::classifiers::Region::WestKazakhstan,
            override_reason: Some(String::new())
        }
    );
    assert!(
        decision.review.as_ref().unwrap().ru.contains("Причина направления в центр"),
        "{:?}",
        decision.review
    );
    assert!(decision.summary.ru.contains("причина не записана"));

    // The deferral «on contract» is kept as it was (it still pauses), and flagged.
    let soldier = followup::obligation(&store, graduate(SOLDIER).id, d("2026-01-01")).unwrap();
    assert_eq!(soldier.standing.state, State::Deferred);
    assert!(soldier.notes.iter().any(|n| n.code == "review" && n.message.ru.contains("по контракту")));
    assert!(soldier.decision.unwrap().summary.ru.contains("не предусмотрена законом"));
}
