//! The window's hold on the database: one store behind a lock, worked on off the UI thread,
//! and the long steps that may be cancelled by their task id.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use joldama_core::import::{ColumnMapping, ImportOptions, SheetChoice};
use joldama_core::store::{ChangeContext, Store};
use joldama_core::task::{Progress, Watch};
use joldama_core::workflow::person;
use serde::Serialize;
use tauri::{AppHandle, Emitter};

use crate::error::{Answer, AppError};

pub struct Desk {
    store: Arc<Mutex<Store>>,
    tasks: Mutex<HashMap<String, Arc<AtomicBool>>>,
    /// While the window works on a server's register instead of the desk's file.
    server: Mutex<Option<OnServer>>,
}

/// The server's register the window works on: where (shown without a password), and the flag
/// that stops following its changes.
struct OnServer {
    shown: String,
    stop: Arc<AtomicBool>,
}

/// Sent as the `task-progress` event while a long step runs.
#[derive(Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TaskProgress {
    pub task: String,
    #[serde(flatten)]
    pub progress: Progress,
}

fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    // A panic while holding the lock leaves SQLite consistent (transactions roll back).
    store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Desk {
    pub fn new(store: Store) -> Desk {
        *PERSON.write().unwrap_or_else(|p| p.into_inner()) = person::saved(&data_folder(&store));
        Desk {
            store: Arc::new(Mutex::new(store)),
            tasks: Mutex::new(HashMap::new()),
            server: Mutex::new(None),
        }
    }

    /// The desk's folder: the file's, or the one the server's register was opened with.
    pub fn folder(&self) -> PathBuf {
        data_folder(&lock(&self.store))
    }

    /// Where the window's register is when it is on a server, shown without the password.
    pub fn server(&self) -> Option<String> {
        self.server.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|s| s.shown.clone())
    }

    /// Works on `store` from now on (the server's, or the desk's file again): the last
    /// register's follower stops; `following` is the new one's, if it has one. The last store
    /// is let go off the UI thread: a server's connection closes by blocking.
    pub async fn switch(&self, store: Store, following: Option<(String, Arc<AtomicBool>)>) -> Answer<()> {
        let last = std::mem::replace(&mut *lock(&self.store), store);
        let next = following.map(|(shown, stop)| OnServer { shown, stop });
        if let Some(left) =
            std::mem::replace(&mut *self.server.lock().unwrap_or_else(|p| p.into_inner()), next)
        {
            left.stop.store(true, Ordering::Relaxed);
        }
        blocking(move || {
            drop(last);
            Ok::<_, AppError>(())
        })
        .await
    }

    /// Runs `work` on the store on a blocking thread, so the window never waits on SQLite.
    pub async fn run<T, E>(&self, work: impl FnOnce(&mut Store) -> Result<T, E> + Send + 'static) -> Answer<T>
    where
        T: Send + 'static,
        E: Into<AppError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        blocking(move || work(&mut lock(&store))).await
    }

    /// Runs a long read (the register's check reads the whole file) on a connection of its
    /// own: the file's WAL lets it read while the desk's store answers the window, which then
    /// does not wait for it, and its page cache is let go when it ends. An in-memory store has
    /// no file to open twice: the read runs on it.
    pub async fn read_apart<T, E>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, E> + Send + 'static,
    ) -> Answer<T>
    where
        T: Send + 'static,
        E: Into<AppError> + Send + 'static,
    {
        let Some(path) = lock(&self.store).path().map(Path::to_path_buf) else {
            return self.run(move |s| work(s)).await;
        };
        blocking(move || {
            let store = Store::open_reader(&path).map_err(AppError::from)?;
            work(&store).map_err(Into::into)
        })
        .await
    }

    /// Runs the long step `task` as [`Desk::run`] does, with a watch that sends its progress to
    /// the window and that `cancel_task(task)` stops.
    pub async fn run_task<T, E>(
        &self,
        app: &AppHandle,
        task: &str,
        work: impl FnOnce(&mut Store, &Watch) -> Result<T, E> + Send + 'static,
    ) -> Answer<T>
    where
        T: Send + 'static,
        E: Into<AppError> + Send + 'static,
    {
        let watch = self.watch(app, task);
        let answer = self.run(move |s| work(s, &watch)).await;
        self.tasks.lock().unwrap_or_else(|p| p.into_inner()).remove(task);
        answer
    }

    fn watch(&self, app: &AppHandle, task: &str) -> Watch {
        let flag = Arc::new(AtomicBool::new(false));
        self.tasks.lock().unwrap_or_else(|p| p.into_inner()).insert(task.to_owned(), Arc::clone(&flag));
        let (app, task) = (app.clone(), task.to_owned());
        Watch::new(flag, move |p| {
            let _ = app.emit("task-progress", TaskProgress { task: task.clone(), progress: p });
        })
    }

    pub fn cancel(&self, task: &str) {
        if let Some(flag) = self.tasks.lock().unwrap_or_else(|p| p.into_inner()).get(task) {
            flag.store(true, Ordering::Relaxed);
        }
    }
}

/// Runs `work` off the UI thread.
pub async fn blocking<T, E>(work: impl FnOnce() -> Result<T, E> + Send + 'static) -> Answer<T>
where
    T: Send + 'static,
    E: Into<AppError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || work().map_err(Into::into))
        .await
        .map_err(|_| AppError::unexpected())?
}

/// The desk's calendar day: papers' dates, obligations' as-of date.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The name the person at this desk gave in Settings (see [`person`]).
static PERSON: RwLock<Option<String>> = RwLock::new(None);

pub fn person_name() -> Option<String> {
    PERSON.read().unwrap_or_else(|p| p.into_inner()).clone()
}

pub fn set_person_name(name: String) {
    *PERSON.write().unwrap_or_else(|p| p.into_inner()) = Some(name);
}

/// Who changes things from the window: the person at the desk, by the name they gave; until
/// they give it, the operating-system user.
/// An import as the wizard runs it: the sheet and mapping it chose, progress and cancel
/// through `watch`, by this desk's person.
pub fn import_options(
    year: Option<i32>,
    sheet: Option<String>,
    mapping: Option<ColumnMapping>,
    watch: &Watch,
) -> ImportOptions {
    ImportOptions {
        year,
        mapping,
        sheet: sheet.map(SheetChoice::Name),
        watch: watch.clone(),
        actor: change().actor,
        dry_run: false,
    }
}

pub fn change() -> ChangeContext {
    let actor = person_name()
        .or_else(|| std::env::var("USER").or_else(|_| std::env::var("USERNAME")).ok())
        .unwrap_or_else(|| "desk".into());
    ChangeContext { actor, source: Some("window".into()) }
}

/// The folder of the database, where the desk keeps its own files (with the server's register,
/// the desk's file's folder still).
pub fn data_folder(store: &Store) -> PathBuf {
    store.folder().unwrap_or_else(|| PathBuf::from("."))
}

/// The folder beside the database where the window writes papers and exports.
pub fn beside(store: &Store, folder: &str) -> PathBuf {
    data_folder(store).join(folder)
}
