//! Suggestion benchmark (issue 15's baseline): the cohort suggestion (fill mode, min-cost
//! max-flow) over generated lists imported into a real SQLite file, as `joldama suggest` runs it.
//!
//! `cargo bench -p joldama-core --bench suggest [-- GRADUATES VACANCY_ROWS]` (default 10,000
//! and 2,000) prints the places, the referrals suggested, their total cost (what the flow
//! minimises: equal for any correct algorithm) and the time.
//! Aim: under 1 s.

use std::path::PathBuf;
use std::time::Instant;

use joldama_core::Lang;
use joldama_core::generate::{GraduateListSpec, VacancyListSpec, write_graduate_list, write_vacancy_list};
use joldama_core::import::ImportOptions;
use joldama_core::store::Store;
use joldama_core::workflow::{decide, import};

const YEAR: i32 = 2025;

fn filled(graduates: usize, vacancies: usize) -> Store {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let db = tmp.join(format!("bench_suggest_{graduates}_{vacancies}.sqlite3"));
    if db.exists() {
        return Store::open(&db).expect("store");
    }
    let (g_list, v_list) =
        (tmp.join("bench_suggest_graduates.xlsx"), tmp.join("bench_suggest_vacancies.xlsx"));
    let spec = GraduateListSpec { rows: graduates, lang: Lang::Ru, year: YEAR, seed: 11, messy: false };
    write_graduate_list(&g_list, &spec).expect("graduate list");
    write_vacancy_list(&v_list, &VacancyListSpec { rows: vacancies, year: YEAR, seed: 11 })
        .expect("vacancy list");
    let mut store = Store::open(&db).expect("store");
    let options = ImportOptions { actor: "bench".into(), ..Default::default() };
    import::graduates(&mut store, &g_list, &options).expect("graduates imported");
    import::vacancies(&mut store, &v_list, YEAR, &options).expect("vacancies imported");
    store
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (graduates, vacancies) =
        (args.first().copied().unwrap_or(10_000), args.get(1).copied().unwrap_or(2_000));
    let store = filled(graduates, vacancies);
    let start = Instant::now();
    let suggestions = decide::suggest(&store, YEAR).expect("suggestion");
    let elapsed = start.elapsed();
    let places: u32 = store.open_vacancies_from(YEAR).expect("vacancies").iter().map(|v| v.places_left).sum();
    let cost: i64 = suggestions.iter().map(|s| s.cost).sum();
    println!(
        "{graduates} graduates, {vacancies} vacancy rows ({places} places): {} referrals of total cost {cost} \
         suggested in {:.2} s",
        suggestions.len(),
        elapsed.as_secs_f64()
    );
}
