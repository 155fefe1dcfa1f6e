//! Opening a file safely when several processes start at once (a double click, the window and
//! a script): one at a time creates, checks and migrates it, under a lock on a file beside it.

use std::fs::{File, OpenOptions};
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::OpenOptionsExt;

use super::StoreError;
use crate::private;

/// The turn to open `path`: an exclusive lock on `<path>.lock`, held until dropped. The lock
/// is the operating system's (`flock` / `LockFileEx`), so a crashed process never holds it.
pub(super) struct Turn {
    _lock: File,
}

impl Turn {
    /// Waits for the processes ahead, then takes the turn.
    pub fn take(path: &Path) -> Result<Turn, StoreError> {
        let lock_path = private::beside(path, ".lock");
        let io = |source| StoreError::Io { path: lock_path.clone(), source };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        options.mode(0o600);
        let file = options.open(&lock_path).map_err(io)?;
        file.lock().map_err(io)?;
        Ok(Turn { _lock: file })
    }
}

/// Makes an existing database and its journal files owner-only: a file an earlier version
/// made at 0644 is closed to others from now on. SQLite gives a new journal the database's
/// mode. Best effort: a file of another owner stays as it is and opens as before.
pub(super) fn restrict(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let file = private::beside(path, suffix);
        if file.exists() {
            let _ = private::restrict(&file);
        }
    }
}
