//! Lists made by the demo generator, in both languages and in sizes the samples don't have,
//! imported into real SQLite files: every planted fault is reported, every good row stored.

use joldama_core::Lang;
use joldama_core::generate::{GraduateListSpec, VacancyListSpec, write_graduate_list, write_vacancy_list};
use joldama_core::import::{self, ImportOptions};
use joldama_core::store::Store;

fn count(report: &import::ImportReport, code: &str) -> usize {
    report.tally.problems.iter().filter(|p| p.code == code).count()
}

#[test]
fn messy_generated_lists_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("gen.sqlite3")).unwrap();
    let options =
        ImportOptions { year: Some(2026), dry_run: false, actor: "test".into(), ..Default::default() };
    let mut stored = 0;
    for (lang, rows, seed) in [(Lang::Kk, 250, 7), (Lang::Ru, 1_200, 8)] {
        let path = dir.path().join(format!("list_{}.xlsx", lang.code()));
        write_graduate_list(&path, &GraduateListSpec { rows, lang, year: 2026, seed, messy: true }).unwrap();
        let report = joldama_core::workflow::import::graduates(&mut store, &path, &options).unwrap();

        let bad_check_digits = (rows / 100).max(1);
        assert_eq!(report.tally.header_row, 4, "{lang:?}");
        assert_eq!(report.tally.data_rows, rows + 1, "{lang:?}: every person, one of them twice");
        assert_eq!(count(&report, "iin_check_digit"), bad_check_digits, "{lang:?}");
        assert_eq!(count(&report, "missing_field"), 1, "{lang:?}");
        assert_eq!(count(&report, "duplicate_in_file"), 1, "{lang:?}");
        assert_eq!(
            report.tally.problems.len(),
            bad_check_digits + 2,
            "{lang:?}: {:?}",
            report.tally.problems
        );
        assert_eq!(report.tally.valid, rows - bad_check_digits - 1, "{lang:?}");
        assert_eq!(report.counts.imported, report.tally.valid);
        assert_eq!(report.tally.skipped_rows.len(), 1, "{lang:?}: the totals line");
        stored += report.tally.valid;
    }
    assert_eq!(store.graduates().unwrap().len(), stored);
}

#[test]
fn generated_vacancy_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("vac.sqlite3")).unwrap();
    let path = dir.path().join("vacancies.xlsx");
    write_vacancy_list(&path, &VacancyListSpec { rows: 300, year: 2026, seed: 3 }).unwrap();
    let options = ImportOptions { year: None, dry_run: false, actor: "test".into(), ..Default::default() };
    let report = joldama_core::workflow::import::vacancies(&mut store, &path, 2026, &options).unwrap();
    assert!(report.tally.problems.is_empty(), "{:?}", report.tally.problems);
    assert_eq!(report.counts.imported, 300);
    assert_eq!(store.vacancies().unwrap().len(), 300);
}
