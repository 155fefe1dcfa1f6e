//! Matching benchmark (issue 15): both modes over generated lists imported into a real SQLite
//! file, every graduate with ten wishes, as `joldama suggest` runs them.
//!
//! `cargo bench -p joldama-core --bench suggest [-- GRADUATES VACANCY_ROWS]` (default 10,000
//! and 2,000) prints the places; per mode the referrals suggested, their total cost (what fill
//! mode's flow minimises: equal for any correct flow), the figures, the time and the peak
//! memory; and the slowest explanation of one graduate.
//! Aims: each mode under 1 s, an explanation under 10 ms.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use joldama_core::Lang;
use joldama_core::generate::{GraduateListSpec, VacancyListSpec, write_graduate_list, write_vacancy_list};
use joldama_core::import::ImportOptions;
use joldama_core::matching::{self, Application, Cohort, Mode, Wish};
use joldama_core::store::ChangeContext;
use joldama_core::store::Store;
use joldama_core::workflow::import;

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

/// Ten wishes for every graduate without an application, drawn from a fixed seed: four
/// vacancies, three employers, three regions, mixed in order.
fn applications(store: &mut Store) {
    let graduates = store.undecided(YEAR).expect("graduates");
    let vacancies = store.vacancies_from(YEAR).expect("vacancies");
    let have = store.applications_of(YEAR).expect("applications");
    if !have.is_empty() {
        return;
    }
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let ctx = ChangeContext { actor: "bench".into(), source: None };
    store
        .write(&ctx, |tx| {
            for g in &graduates {
                let wishes = (0..10)
                    .map(|i| {
                        let v = &vacancies[next(vacancies.len())];
                        match i % 10 {
                            0 | 3 | 6 | 8 => Wish::Vacancy { vacancy_id: v.id },
                            1 | 4 | 9 => Wish::Employer { bin: v.record.employer.bin, region: None },
                            _ => Wish::Region { region: v.record.region },
                        }
                    })
                    .collect();
                let applied_on = NaiveDate::from_ymd_opt(YEAR, 5, 1 + next(28) as u32);
                tx.set_application(g.id, &Application { wishes, applied_on, social: None })?;
            }
            Ok::<_, joldama_core::store::StoreError>(())
        })
        .expect("applications written");
}

/// The process's peak resident memory so far, in MB (Linux).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (graduates, vacancies) =
        (args.first().copied().unwrap_or(10_000), args.get(1).copied().unwrap_or(2_000));
    let mut store = filled(graduates, vacancies);
    applications(&mut store);
    let before = peak_mb();
    let start = Instant::now();
    let (rules, priority) = (store.rules(YEAR).expect("rules"), store.priority(YEAR).expect("priority"));
    let undecided = store.undecided(YEAR).expect("graduates");
    let (applications, open) =
        (store.applications_of(YEAR).expect("wishes"), store.vacancies_from(YEAR).expect("vacancies"));
    let unacceptable = store.unacceptable_of(YEAR).expect("refusals");
    let cohort = Cohort {
        rules: &rules,
        priority: &priority,
        graduates: &undecided,
        applications: &applications,
        vacancies: &open,
        unacceptable: &unacceptable,
    };
    let loaded = start.elapsed();
    let places: u32 = open.iter().map(|v| v.places_left).sum();
    println!(
        "{graduates} graduates with 10 wishes each, {vacancies} vacancy rows ({places} places); loaded in {:.2} s, \
         peak {before:.0} MB before loading",
        loaded.as_secs_f64()
    );
    let mut results = Vec::new();
    for mode in [Mode::Stable, Mode::Fill] {
        let start = Instant::now();
        let suggestions = matching::suggest(&cohort, mode);
        let elapsed = start.elapsed();
        let cost: i64 = suggestions.iter().map(|s| s.cost).sum();
        let f = matching::figures(&cohort, mode, &suggestions);
        println!(
            "{:?}: {} referrals (total cost {cost}; at wish 1–3: {:?}; no wish {}; envy {}) in {:.2} s, peak {:.0} MB",
            mode,
            suggestions.len(),
            &f.by_wish[..f.by_wish.len().min(3)],
            f.no_wish,
            f.envy,
            elapsed.as_secs_f64(),
            peak_mb()
        );
        results.push(suggestions);
    }
    // Fill mode as the last stop measured it: nobody with wishes.
    let none = HashMap::new();
    let start = Instant::now();
    let bare = matching::suggest(&Cohort { applications: &none, ..cohort }, Mode::Fill);
    println!(
        "Fill without wishes: {} referrals (total cost {}) in {:.2} s",
        bare.len(),
        bare.iter().map(|s| s.cost).sum::<i64>(),
        start.elapsed().as_secs_f64()
    );
    // The explanation of the graduate with the longest list of wishes above what they got.
    let stable = &results[0];
    let mut slowest = std::time::Duration::ZERO;
    for g in undecided.iter().take(200) {
        let start = Instant::now();
        let e = matching::explain(&cohort, stable, g.id).expect("explained");
        slowest = slowest.max(start.elapsed());
        std::hint::black_box(e);
    }
    println!("explanation of one graduate: at most {:.1} ms over 200", slowest.as_secs_f64() * 1e3);
}
