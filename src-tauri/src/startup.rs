//! The start's milestones, written to stderr as milliseconds since `main` began, so that the
//! start can be told part by part: the database opened, the window set up, the web view's
//! page begun, the UI's script running, the first page of graduates answered, and the first
//! table painted. `scripts/bench-window` reads these lines; they are the window's own figures,
//! not a screenshot's guess.

use std::sync::{Once, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// When `main` began, in milliseconds since the Unix epoch (the web view's clock is the same).
static START: OnceLock<f64> = OnceLock::new();

fn now() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Starts the clock; called first thing in `main`.
pub fn begin() {
    START.get_or_init(now);
    mark("main began");
}

fn line(milestone: &str, at: f64) {
    let since = START.get().map_or(0.0, |start| at - start);
    eprintln!("joldama start: {milestone} after {since:.0} ms (at {at:.0})");
}

pub fn mark(milestone: &str) {
    line(milestone, now());
}

/// The UI's part of the start, told once by the first table painted: when the web view began
/// loading the page (`performance.timeOrigin`), when the UI's script ran, when the first page
/// of graduates was answered; all in epoch milliseconds.
#[tauri::command]
pub fn first_paint(page: f64, script: f64, data: f64) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        line("web view page begun", page);
        line("UI script running", script);
        line("first graduates answered", data);
        mark("first table painted");
    });
}
