//! Joldama's desktop window: the core library behind Tauri commands, the database in the
//! platform's data folder (or `JOLDAMA_DB`, which the end-to-end tests point at a fresh file).

// No console window behind the app on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod desk;
mod error;
mod startup;

use std::path::PathBuf;

use joldama_core::i18n::UserFacing;
use joldama_core::store::Store;
use tauri::Manager;

use commands::{files, followup, graduates, matching, meeting, papers, server, settings, vacancies};
use desk::Desk;

fn database_path() -> Option<PathBuf> {
    std::env::var_os("JOLDAMA_DB").map(PathBuf::from).or_else(Store::default_path)
}

/// A database that cannot be opened (newer schema, not a database, no data folder) is told
/// in both languages before the window would show nothing.
fn refuse(kk: &str, ru: &str) -> ! {
    let text = format!("{kk}\n\n{ru}");
    eprintln!("{text}");
    rfd::MessageDialog::new()
        .set_title("Joldama")
        .set_description(&text)
        .set_level(rfd::MessageLevel::Error)
        .show();
    std::process::exit(1)
}

/// WebKitGTK's accelerated compositing costs this window 85 MB in the web process and 200 ms
/// of start (measured with `scripts/bench-window` on 100,000 graduates) and buys nothing a
/// table needs; painting on the CPU keeps the app under 300 MB. Set before any thread or web
/// process starts, and only when the person has not chosen otherwise.
#[cfg(target_os = "linux")]
fn paint_without_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VAR).is_none() {
        // SAFETY: first thing in `main`, while the process has one thread.
        unsafe { std::env::set_var(VAR, "1") };
    }
}

fn main() {
    #[cfg(target_os = "linux")]
    paint_without_compositing();
    startup::begin();
    let Some(path) = database_path() else {
        refuse("Деректер қалтасы табылмады.", "Не найдена папка данных пользователя.")
    };
    let store = Store::open(&path).unwrap_or_else(|e| {
        let m = e.message();
        refuse(&m.kk, &m.ru)
    });
    startup::mark("database open");
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second start brings the open window forward instead of opening the file twice.
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .manage(Desk::new(store))
        .invoke_handler(tauri::generate_handler![
            startup::first_paint,
            settings::app_info,
            settings::desk_person,
            settings::set_desk_person,
            settings::check_register,
            settings::load_demo,
            settings::university,
            settings::save_university,
            settings::commission,
            settings::create_commission,
            settings::add_member,
            settings::edit_member,
            settings::remove_member,
            settings::copy_commission,
            settings::rules,
            settings::save_rules,
            settings::cohort_settings,
            settings::save_cohort_settings,
            settings::backup_now,
            settings::backups,
            settings::restore_backup,
            server::server_status,
            server::server_move_in,
            server::server_add_person,
            server::server_set_role,
            server::server_remove_person,
            server::server_use,
            server::server_leave,
            files::pick_file,
            files::pick_save,
            files::open_path,
            files::cancel_task,
            graduates::graduates_page,
            graduates::programmes,
            graduates::graduate_detail,
            graduates::preview_graduates,
            graduates::import_graduates,
            graduates::preview_applications,
            graduates::import_applications,
            vacancies::vacancies,
            vacancies::preview_vacancies,
            vacancies::import_vacancies,
            vacancies::add_vacancy,
            meeting::meetings,
            meeting::create_meeting,
            meeting::finalise_meeting,
            meeting::meeting_defaults,
            meeting::undecided,
            meeting::eligibility,
            meeting::decide,
            meeting::exemption_grounds,
            meeting::deferral_reasons,
            meeting::end_grounds,
            matching::suggest,
            matching::simulate,
            matching::explain,
            matching::standing,
            matching::application,
            matching::set_application,
            matching::set_unacceptable,
            matching::priority,
            matching::save_priority,
            matching::describe_priority,
            matching::print_draft,
            matching::accept_suggestions,
            meeting::refer_to_centre,
            papers::print_papers,
            papers::print_protocol,
            papers::print_register,
            papers::print_calculation,
            papers::sign_paper,
            papers::verify_paper,
            followup::confirm_arrival,
            followup::add_period,
            followup::end_period,
            followup::remove_period,
            followup::set_study_cost,
            followup::set_grant_years,
            followup::record_payment,
            followup::remove_payment,
            followup::record_end,
            followup::export_financial_centre,
            followup::placement_stats,
            followup::export_stats,
        ])
        .setup(|_| {
            startup::mark("window set up");
            Ok(())
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            refuse(&format!("Терезені ашу мүмкін болмады ({e})."), &format!("Не удалось открыть окно ({e})."))
        });
}
