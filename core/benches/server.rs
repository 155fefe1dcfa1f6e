//! The server mode's benchmark, against a real PostgreSQL server (`JOLDAMA_BENCH_SERVER`, a
//! superuser's address; the bench makes and drops a database of its own):
//! - 100,000 graduates brought in: imported from the list into a new SQLite file, and that
//!   file moved into the server (binary COPY, then read back and checked table by table);
//! - a 10,000-row list imported as a desk imports it, through the store, into the server and
//!   into a new file (the same steps: one statement per row and its audit, one transaction);
//! - the graduates table's search as you type on the server, the same queries as
//!   `--bench search` runs on the file (target < 50 ms);
//! - 20 desks deciding at once over a 10,000-graduate cohort with scarce places: each decision
//!   takes a place (only if one is left) and writes the decision and its audit in one
//!   transaction; decisions per second, places found taken meanwhile and tried elsewhere, and
//!   a count at the end that nothing was lost or taken twice.
//!
//! `JOLDAMA_BENCH_SERVER=postgresql://postgres:…@127.0.0.1:5432/postgres cargo bench -p joldama-core --bench server [-- ROWS]`

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use joldama_core::Lang;
use joldama_core::generate::{GraduateListSpec, write_graduate_list};
use joldama_core::import::ImportOptions;
use joldama_core::store::Store;
use joldama_core::store::server::{Address, Server};
use postgres::NoTls;
use postgres::error::SqlState;

#[path = "shared/typed_queries.rs"]
mod typed_queries;
use typed_queries::typed_queries;

const DESKS: usize = 20;
const COHORT: i64 = 10_000;
const VACANCIES: i64 = 2_000;
const RUNS: usize = 30;

fn main() {
    let Ok(superuser) = std::env::var("JOLDAMA_BENCH_SERVER") else {
        println!("set JOLDAMA_BENCH_SERVER to a PostgreSQL superuser's address to run the server bench");
        return;
    };
    let rows: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let database = format!("joldama_bench_{}", std::process::id());
    let mut admin = postgres::Client::connect(&superuser, NoTls).expect("the server");
    admin.batch_execute(&format!("CREATE DATABASE {database}")).expect("a database");
    let url = format!("{}/{database}", superuser.rsplit_once('/').expect("an address with a database").0);
    let address = Address::parse(&url).expect("address");

    let store = imported(rows);
    let mut server = Server::open(&address).expect("server");
    let start = Instant::now();
    let moved = server.move_in(&store).expect("move in");
    let graduates = moved.tables.iter().find(|t| t.table == "graduate").map_or(0, |t| t.rows);
    println!(
        "moved into the server: {graduates} graduates, {} tables, binary COPY and read back, in {:.2} s",
        moved.tables.len(),
        start.elapsed().as_secs_f64()
    );

    desk_import(&superuser);
    search(&store, &mut server, rows);
    decide(&address, &mut server);

    drop(server);
    admin.batch_execute(&format!("DROP DATABASE {database} WITH (FORCE)")).expect("dropped");
}

/// The list imported into a new file, timed.
fn imported(rows: usize) -> Store {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let list = tmp.join(format!("bench_server_{rows}.xlsx"));
    if !list.exists() {
        let spec = GraduateListSpec { rows, lang: Lang::Ru, year: 2025, seed: 7, messy: false };
        write_graduate_list(&list, &spec).expect("generated list");
    }
    let db = tmp.join(format!("bench_server_{rows}.sqlite3"));
    let _ = std::fs::remove_file(&db);
    let mut store = Store::open(&db).expect("store");
    let start = Instant::now();
    let options = ImportOptions { actor: "bench".into(), ..Default::default() };
    let report = joldama_core::workflow::import::graduates(&mut store, &list, &options).expect("import");
    println!(
        "imported into a new SQLite file: {} graduates from the .xlsx list in {:.2} s",
        report.counts.imported,
        start.elapsed().as_secs_f64()
    );
    store
}

/// The same 10,000-row list imported as a desk imports it (the workflow's step over the store):
/// into a new file, and into an empty register on the server.
fn desk_import(superuser: &str) {
    const ROWS: usize = 10_000;
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let list = tmp.join(format!("bench_server_{ROWS}.xlsx"));
    if !list.exists() {
        let spec = GraduateListSpec { rows: ROWS, lang: Lang::Ru, year: 2025, seed: 11, messy: false };
        write_graduate_list(&list, &spec).expect("generated list");
    }
    let database = format!("joldama_bench_desk_{}", std::process::id());
    let mut admin = postgres::Client::connect(superuser, NoTls).expect("the server");
    admin.batch_execute(&format!("CREATE DATABASE {database}")).expect("a database");
    let url = format!("{}/{database}", superuser.rsplit_once('/').expect("an address").0);
    let db = tmp.join(format!("bench_server_desk_{ROWS}.sqlite3"));
    let _ = std::fs::remove_file(&db);
    let options = ImportOptions { actor: "bench".into(), ..Default::default() };
    for (store, into) in [
        (Store::open(&db).expect("file"), "a new SQLite file"),
        (
            Store::open_server(&Address::parse(&url).expect("address"), tmp.clone()).expect("server"),
            "the server",
        ),
    ] {
        let mut store = store;
        let start = Instant::now();
        let report = joldama_core::workflow::import::graduates(&mut store, &list, &options).expect("import");
        println!(
            "a desk's import into {into}: {} graduates from the .xlsx list in {:.2} s",
            report.counts.imported,
            start.elapsed().as_secs_f64()
        );
    }
    admin.batch_execute(&format!("DROP DATABASE {database} WITH (FORCE)")).expect("dropped");
}

fn search(store: &Store, server: &mut Server, rows: usize) {
    let queries = typed_queries(store, rows);
    println!("graduates table query on the server over {rows} graduates, {RUNS} runs each (target < 50 ms):");
    let mut worst = Duration::ZERO;
    for (label, query) in &queries {
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(server.graduates_page(query).expect("query"));
                start.elapsed()
            })
            .collect();
        times.sort_unstable();
        let (median, max) = (times[RUNS / 2], times[RUNS - 1]);
        let found = server.graduates_page(query).expect("query");
        assert_eq!(found, store.graduates_page(query).expect("query"), "{label}: the same as the file's");
        worst = worst.max(max);
        println!(
            "  {label:<42} {:>7} found  median {:>7.2} ms  max {:>7.2} ms",
            found.total,
            ms(median),
            ms(max)
        );
    }
    println!("  slowest of all: {:.2} ms", ms(worst));
}

/// 20 desks, each a connection of its own, deciding their share of the cohort at once.
fn decide(address: &Address, server: &mut Server) {
    let client = server.client();
    client
        .batch_execute(&format!(
            "INSERT INTO employer (bin, name, kind, created_at, updated_at) \
                 VALUES ('000000000001', 'Bench', 'education', 'now', 'now'); \
             INSERT INTO vacancy (employer_id, year, position, places, places_left, region, rural, created_at, updated_at) \
                 SELECT (SELECT id FROM employer), 2025, 'Учитель ' || n, 1 + n % 5, 1 + n % 5, 'astana', 0, 'now', 'now' \
                 FROM generate_series(1, {VACANCIES}) n; \
             INSERT INTO commission (university_id, year, name_kk, name_ru, created_at) VALUES (1, 2025, 'К', 'К', 'now'); \
             INSERT INTO meeting (commission_id, number, held_on) SELECT id, 1, '2026-06-01' FROM commission;"
        ))
        .expect("vacancies and a meeting");
    let places: i64 =
        client.query_one("SELECT SUM(places)::bigint FROM vacancy", &[]).expect("places").get(0);
    let meeting: i64 = client.query_one("SELECT id FROM meeting", &[]).expect("meeting").get(0);
    let cohort: Vec<i64> = client
        .query("SELECT id FROM graduate ORDER BY id LIMIT $1", &[&COHORT])
        .expect("cohort")
        .iter()
        .map(|r| r.get(0))
        .collect();

    let taken_meanwhile = Arc::new(AtomicU64::new(0));
    let retried = Arc::new(AtomicU64::new(0));
    let start_line = Arc::new(Barrier::new(DESKS + 1));
    let desks: Vec<_> = (0..DESKS)
        .map(|desk| {
            let share: Vec<i64> = cohort.iter().skip(desk).step_by(DESKS).copied().collect();
            let (address, start_line) = (address.clone(), start_line.clone());
            let (taken_meanwhile, retried) = (taken_meanwhile.clone(), retried.clone());
            std::thread::spawn(move || {
                let mut server = Server::open(&address).expect("a desk");
                start_line.wait();
                let mut next_vacancy = (desk as i64 * 97) % VACANCIES;
                for graduate in share {
                    loop {
                        match decide_one(
                            server.client(),
                            meeting,
                            graduate,
                            &mut next_vacancy,
                            &taken_meanwhile,
                        ) {
                            Ok(()) => break,
                            Err(e)
                                if e.code() == Some(&SqlState::T_R_SERIALIZATION_FAILURE)
                                    || e.code() == Some(&SqlState::T_R_DEADLOCK_DETECTED) =>
                            {
                                retried.fetch_add(1, Ordering::Relaxed);
                            }
                            Err(e) => panic!("desk {desk}: {e}"),
                        }
                    }
                }
            })
        })
        .collect();
    start_line.wait();
    let start = Instant::now();
    desks.into_iter().for_each(|d| d.join().expect("a desk finished"));
    let took = start.elapsed();

    let client = server.client();
    let mut count = |sql: &str| -> i64 { client.query_one(sql, &[]).expect("count").get(0) };
    let decided = count("SELECT COUNT(*) FROM decision");
    let referred = count("SELECT COUNT(*) FROM decision WHERE kind = 'vacancy'");
    let used = count("SELECT SUM(places - places_left)::bigint FROM vacancy");
    let audited = count("SELECT COUNT(*) FROM audit WHERE entity = 'decision'");
    let twice =
        count("SELECT COUNT(*) FROM (SELECT graduate_id FROM decision GROUP BY 1 HAVING COUNT(*) > 1) x");
    let over = count(
        "SELECT COUNT(*) FROM vacancy v WHERE places < (SELECT COUNT(*) FROM decision d WHERE d.vacancy_id = v.id)",
    );
    println!(
        "{DESKS} desks deciding {} graduates at once ({places} places in {VACANCIES} vacancies): {:.1} s, {:.0} decisions/s",
        cohort.len(),
        took.as_secs_f64(),
        decided as f64 / took.as_secs_f64()
    );
    println!(
        "  referrals {referred}, to the employment centre {}; a place found taken meanwhile and another tried {} times; \
         transactions retried {}",
        decided - referred,
        taken_meanwhile.load(Ordering::Relaxed),
        retried.load(Ordering::Relaxed)
    );
    println!(
        "  checked: decisions {decided} of {} (lost {}), audited {audited}, places used {used} = referrals, \
         graduates decided twice {twice}, vacancies over their places {over}",
        cohort.len(),
        cohort.len() as i64 - decided
    );
    assert_eq!((decided, audited, used, twice, over), (cohort.len() as i64, decided, referred, 0, 0));
}

/// One decision as the store's step makes it: a place taken only if one is left (else the next
/// vacancy, and the employment centre when none is left), the decision, its audit.
fn decide_one(
    client: &mut postgres::Client,
    meeting: i64,
    graduate: i64,
    next_vacancy: &mut i64,
    taken_meanwhile: &AtomicU64,
) -> Result<(), postgres::Error> {
    let mut tx = client.transaction()?;
    let mut vacancy = None;
    for _ in 0..8 {
        // The next vacancy with a place after the last one this desk used, wrapping round.
        let Some(candidate) = tx
            .query_opt(
                "SELECT id FROM vacancy WHERE places_left > 0 ORDER BY id <= $1, id LIMIT 1",
                &[next_vacancy],
            )?
            .map(|r| r.get::<_, i64>(0))
        else {
            break;
        };
        *next_vacancy = candidate;
        let taken = tx.execute(
            "UPDATE vacancy SET places_left = places_left - 1 WHERE id = $1 AND places_left > 0",
            &[&candidate],
        )?;
        if taken == 1 {
            vacancy = Some(candidate);
            break;
        }
        taken_meanwhile.fetch_add(1, Ordering::Relaxed);
    }
    let id: i64 = match vacancy {
        Some(v) => tx.query_one(
            "INSERT INTO decision (meeting_id, graduate_id, kind, vacancy_id, arrival_date, term_years, created_at, created_by) \
             VALUES ($1, $2, 'vacancy', $3, '2026-08-01', 3, 'now', 'desk') RETURNING id",
            &[&meeting, &graduate, &v],
        )?,
        None => tx.query_one(
            "INSERT INTO decision (meeting_id, graduate_id, kind, centre_region, arrival_date, term_years, created_at, created_by) \
             VALUES ($1, $2, 'employment_centre', 'astana', '2026-08-01', 3, 'now', 'desk') RETURNING id",
            &[&meeting, &graduate],
        )?,
    }
    .get(0);
    tx.execute(
        "INSERT INTO audit (at, actor, action, entity, entity_id, details) VALUES ('now', 'desk', 'insert', 'decision', $1, $2)",
        &[&id, &format!("{{\"graduate\":{graduate}}}")],
    )?;
    tx.commit()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
