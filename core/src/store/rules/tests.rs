//! Rule sets in a real SQLite file.

use std::path::PathBuf;

use super::*;
use crate::i18n::UserFacing;
use crate::rules::{Rule, RuleSet};
use crate::store::DB_FILE_NAME;
use rusqlite::OptionalExtension;

fn temp_store() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE_NAME);
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

fn ctx(actor: &str) -> ChangeContext {
    ChangeContext { actor: actor.into(), source: Some("settings".into()) }
}

/// The defaults with the first row's term changed.
fn with_term(years: u8) -> RuleSet {
    let mut rows: Vec<Rule> = RuleSet::defaults().into_rows();
    rows[0].term_years = years;
    RuleSet::new(rows).unwrap()
}

fn stored_by(store: &Store, cohort: i32) -> Option<String> {
    store
        .file()
        .unwrap()
        .query_row("SELECT updated_by FROM rule_set WHERE cohort = ?1", [cohort], |r| r.get(0))
        .optional()
        .unwrap()
}

#[test]
fn the_defaults_are_stored_on_first_use() {
    let (_dir, _path, store) = temp_store();
    assert_eq!(stored_by(&store, 2025), None);
    assert_eq!(store.rules(2025).unwrap(), RuleSet::defaults());
    assert_eq!(stored_by(&store, 2025).as_deref(), Some(SYSTEM_ACTOR));

    let trail = store.audit_trail(ENTITY, 2025).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!((trail[0].action.as_str(), trail[0].actor.as_str()), ("insert", SYSTEM_ACTOR));
    let details = trail[0].details.as_ref().unwrap();
    assert_eq!(details["copied_from"], serde_json::Value::Null);
    assert_eq!(details["new"], serde_json::to_value(RuleSet::defaults()).unwrap());

    // A second read finds it stored and writes nothing more.
    assert_eq!(store.rules(2025).unwrap(), RuleSet::defaults());
    assert_eq!(store.audit_trail(ENTITY, 2025).unwrap().len(), 1);
}

#[test]
fn a_new_cohort_copies_the_latest_earlier_set() {
    let (_dir, _path, mut store) = temp_store();
    store.save_rules(2023, &with_term(4), &ctx("secretary")).unwrap();
    store.save_rules(2024, &with_term(5), &ctx("secretary")).unwrap();
    // A cohort fixed before the edits keeps what it got.
    assert_eq!(store.rules(2022).unwrap(), RuleSet::defaults());

    assert_eq!(store.rules(2026).unwrap(), with_term(5));
    let trail = store.audit_trail(ENTITY, 2026).unwrap();
    assert_eq!(trail[0].details.as_ref().unwrap()["copied_from"], 2024);

    // Editing an earlier cohort later does not reach a cohort already fixed.
    store.save_rules(2024, &with_term(6), &ctx("secretary")).unwrap();
    assert_eq!(store.rules(2026).unwrap(), with_term(5));
    // 2025 is seeded now, from 2024 as it is now.
    assert_eq!(store.rules(2025).unwrap(), with_term(6));
}

#[test]
fn saving_is_audited_with_old_and_new() {
    let (_dir, _path, mut store) = temp_store();
    let defaults = store.rules(2025).unwrap();
    store.save_rules(2025, &with_term(2), &ctx("Сатпаева А.")).unwrap();
    assert_eq!(stored_by(&store, 2025).as_deref(), Some("Сатпаева А."));

    let trail = store.audit_trail(ENTITY, 2025).unwrap();
    assert_eq!(trail.len(), 2);
    let last = &trail[1];
    assert_eq!((last.action.as_str(), last.actor.as_str()), ("update", "Сатпаева А."));
    let details = last.details.as_ref().unwrap();
    assert_eq!(details["old"], serde_json::to_value(&defaults).unwrap());
    assert_eq!(details["new"], serde_json::to_value(with_term(2)).unwrap());
    assert_eq!(details["source"], "settings");

    // The same set again changes nothing and is not audited.
    store.save_rules(2025, &with_term(2), &ctx("other")).unwrap();
    assert_eq!(store.audit_trail(ENTITY, 2025).unwrap().len(), 2);
    assert_eq!(stored_by(&store, 2025).as_deref(), Some("Сатпаева А."));

    // Saving a cohort never read is an insert with no old set.
    store.save_rules(2030, &with_term(7), &ctx("secretary")).unwrap();
    let trail = store.audit_trail(ENTITY, 2030).unwrap();
    assert_eq!(trail[0].action, "insert");
    assert_eq!(trail[0].details.as_ref().unwrap()["old"], serde_json::Value::Null);
}

#[test]
fn a_saved_set_survives_reopening_the_file() {
    let (_dir, path, mut store) = temp_store();
    let mut rows = RuleSet::defaults().into_rows();
    rows.swap(0, 1);
    rows[6].name.kk = "«Серпін-2050»: техника".into();
    let edited = RuleSet::new(rows).unwrap();
    store.save_rules(2025, &edited, &ctx("secretary")).unwrap();
    drop(store);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.rules(2025).unwrap(), edited);
}

#[test]
fn an_invalid_stored_set_is_refused_not_applied() {
    let (_dir, _path, store) = temp_store();
    store.rules(2025).unwrap();
    // By hand, outside the app: a term of 0 years.
    store
        .file()
        .unwrap()
        .execute("UPDATE rule_set SET rows = json_set(rows, '$[0].term_years', 0)", [])
        .unwrap();
    let err = store.rules(2025).unwrap_err();
    assert_eq!(err.code(), "database");
    assert!(err.to_string().contains("row 1"), "{err}");
    // Not JSON at all never gets in.
    assert!(store.file().unwrap().execute("UPDATE rule_set SET rows = '{'", []).is_err());
    assert!(store.file().unwrap().execute("UPDATE rule_set SET rows = '{}'", []).is_err());
}
