//! Import benchmark: a generated 100,000-row graduate list, imported whole (parse + validate +
//! insert into a fresh SQLite file) against calamine reading the same file alone, and against
//! pandas reading it with the calamine engine where Python has pandas and python-calamine.
//!
//! `cargo bench -p joldama-core --bench import [-- ROWS]` prints rows/s, the ratios and the
//! peak memory of each, with the reading and checking alone (no store) between the two, so
//! that what the store costs shows. Each measurement runs in a child process of its own, so
//! that its peak resident memory (VmHWM) is its own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use calamine::{Reader, open_workbook_auto};
use joldama_core::Lang;
use joldama_core::generate::{GraduateListSpec, write_graduate_list};
use joldama_core::import::{Choice, Flow, ImportOptions, graduates};
use joldama_core::store::Store;

const RUNS: usize = 3;

/// Peak resident memory of this process, in MB (Linux); 0 where unknown.
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Child: one measurement, printed as "seconds peak_mb rows".
fn measure(phase: &str, file: &Path) {
    let start = Instant::now();
    let rows = match phase {
        "read" => {
            let mut workbook = open_workbook_auto(file).expect("readable");
            let name = workbook.sheet_names()[0].clone();
            workbook.worksheet_range(&name).expect("sheet").height()
        }
        "check" => {
            let reading = graduates::read(file, None, Choice::default(), |_| Flow::Continue).expect("read");
            reading.tally.valid
        }
        "import" => {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut store = Store::open(&dir.path().join("bench.sqlite3")).expect("store");
            let options =
                ImportOptions { year: None, dry_run: false, actor: "bench".into(), ..Default::default() };
            let report =
                joldama_core::workflow::import::graduates(&mut store, file, &options).expect("import");
            assert!(report.tally.problems.is_empty(), "a clean list has no problems");
            report.counts.imported
        }
        other => panic!("unknown phase {other}"),
    };
    println!("{} {} {}", start.elapsed().as_secs_f64(), peak_mb(), rows);
}

fn run_child(phase: &str, file: &Path) -> (f64, f64, usize) {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .args(["--child", phase])
        .arg(file)
        .output()
        .expect("child runs");
    assert!(out.status.success(), "{phase}: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut parts = text.split_whitespace();
    let mut next = || parts.next().expect("three figures");
    (next().parse().unwrap(), next().parse().unwrap(), next().parse().unwrap())
}

fn best_of(phase: &str, file: &Path) -> (f64, f64, usize) {
    (0..RUNS).map(|_| run_child(phase, file)).min_by(|a, b| a.0.total_cmp(&b.0)).expect("at least one run")
}

/// pandas reading the list with the calamine engine, best of [`RUNS`] in seconds; `None`
/// where Python lacks pandas or python-calamine.
fn pandas(file: &Path) -> Option<f64> {
    const SCRIPT: &str = "import sys, time, pandas\n\
        t = time.perf_counter()\n\
        pandas.read_excel(sys.argv[1], engine='calamine', header=3)\n\
        print(time.perf_counter() - t)";
    (0..RUNS)
        .map(|_| {
            let out = Command::new("python3").args(["-c", SCRIPT]).arg(file).output().ok()?;
            out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().parse().ok())?
        })
        .collect::<Option<Vec<f64>>>()?
        .into_iter()
        .min_by(f64::total_cmp)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        return measure(&args[i + 1], Path::new(&args[i + 2]));
    }
    // `cargo bench` passes "--bench"; a bare number is the row count.
    let rows: usize = args.iter().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench_graduates_{rows}.xlsx"));
    if !file.exists() {
        let start = Instant::now();
        let spec = GraduateListSpec { rows, lang: Lang::Ru, year: 2025, seed: 1, messy: false };
        write_graduate_list(&file, &spec).expect("generated list");
        println!("generated {} ({rows} rows) in {:.2} s", file.display(), start.elapsed().as_secs_f64());
    }
    let size_mb = std::fs::metadata(&file).map_or(0.0, |m| m.len() as f64 / 1e6);
    let (read_s, read_mb, _) = best_of("read", &file);
    let (check_s, check_mb, checked) = best_of("check", &file);
    let (import_s, import_mb, imported) = best_of("import", &file);
    assert_eq!(checked, rows, "every generated row valid");
    assert_eq!(imported, rows, "every generated row imported");
    println!("graduate list import, {rows} rows, {size_mb:.1} MB .xlsx, best of {RUNS}:");
    println!(
        "  calamine read alone   {read_s:>7.3} s  {:>9.0} rows/s  peak {read_mb:>6.1} MB",
        rows as f64 / read_s
    );
    println!(
        "  read and check        {check_s:>7.3} s  {:>9.0} rows/s  peak {check_mb:>6.1} MB",
        rows as f64 / check_s
    );
    println!(
        "  whole import          {import_s:>7.3} s  {:>9.0} rows/s  peak {import_mb:>6.1} MB",
        rows as f64 / import_s
    );
    println!("  import / read ratio   {:>7.2} (target <= 1.5)", import_s / read_s);
    match pandas(&file) {
        Some(pandas_s) => {
            println!("  pandas (calamine)     {pandas_s:>7.3} s  {:>9.0} rows/s", rows as f64 / pandas_s);
            println!("  import / pandas ratio {:>7.2} (target <= 0.4)", import_s / pandas_s);
        }
        None => println!("  pandas (calamine)     not installed: pip install pandas python-calamine"),
    }
    println!("  peak memory target    {} (< 300 MB)", if import_mb < 300.0 { "met" } else { "MISSED" });
}
