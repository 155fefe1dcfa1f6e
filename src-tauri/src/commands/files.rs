//! Native file dialogs (rfd, GTK) and opening a file or folder in the system's viewer.

use std::path::PathBuf;

use joldama_core::Text;
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

use crate::desk::Desk;
use crate::error::{Answer, AppError};

/// What a file is chosen for: decides the dialog's filter.
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Purpose {
    Spreadsheet,
    Proof,
    Backup,
    /// A printed paper to sign.
    Paper,
    /// A signer's key file.
    Keystore,
    /// A scan of a paper, to check its QR code.
    Scan,
}

#[tauri::command]
pub async fn pick_file(purpose: Purpose) -> Option<PathBuf> {
    let dialog = rfd::AsyncFileDialog::new();
    let dialog = match purpose {
        Purpose::Spreadsheet => dialog.add_filter("Excel / ODS", &["xlsx", "xls", "ods"]),
        Purpose::Proof => dialog.add_filter("PDF / JPG / PNG", &["pdf", "jpg", "jpeg", "png"]),
        Purpose::Backup => dialog.add_filter("SQLite", &["sqlite3", "bak", "db"]),
        Purpose::Paper => dialog.add_filter("PDF", &["pdf"]),
        Purpose::Keystore => dialog.add_filter("PKCS#12", &["p12", "pfx"]),
        Purpose::Scan => dialog.add_filter("PNG", &["png"]),
    };
    dialog.pick_file().await.map(|f| f.path().to_path_buf())
}

/// Where to save a file: asked in the system's dialog, or, when `JOLDAMA_SAVE_DIR` names a
/// folder (scripted runs, the end-to-end test, which cannot reach a native dialog), there.
#[tauri::command]
pub async fn pick_save(default_name: String) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("JOLDAMA_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(default_name));
    }
    rfd::AsyncFileDialog::new().set_file_name(default_name).save_file().await.map(|f| f.path().to_path_buf())
}

#[tauri::command]
pub fn open_path(app: AppHandle, path: PathBuf) -> Answer<()> {
    app.opener().open_path(path.to_string_lossy(), None::<&str>).map_err(|_| {
        AppError::new(
            "cannot_open",
            Text::new(
                format!("«{}» ашылмады: жүйеде оны ашатын бағдарлама жоқ", path.display()),
                format!("Не удалось открыть «{}»: в системе нет программы для него", path.display()),
            ),
        )
        .with("path", path.display())
    })
}

#[tauri::command]
pub fn cancel_task(desk: tauri::State<'_, Desk>, task: String) {
    desk.cancel(&task);
}
