//! One person's step as one transaction: the workflow reads what it checks and writes what the
//! domain allows through a [`Tx`], and [`Store::write`] commits all of it or none. Each
//! writing step audits itself with the step's actor and time.

use std::cell::RefCell;
use std::ops::Deref;
use std::path::PathBuf;

use serde_json::Value;

use super::sql::{Begun, Db};
use super::{ChangeContext, Store, StoreError, audit, now};

/// A write transaction in progress (on the file IMMEDIATE: the write lock is taken at once, so
/// a busy file fails before anything is read rather than half-way; on the server serialisable).
pub struct Tx<'s> {
    pub(super) tx: Begun<'s>,
    pub(super) ctx: &'s ChangeContext,
    /// The time stamp of every row and audit entry the step writes.
    pub(super) at: String,
    /// Where proof documents are copied; the copies are removed if the step does not commit.
    pub(super) proofs_dir: PathBuf,
    pub(super) files: RefCell<Vec<PathBuf>>,
}

impl Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.tx.db
    }
}

/// How many times a step on the server is run when another desk's transaction got in its way
/// (serialisable: the server refuses the later one, which then runs again on what is there).
const ATTEMPTS: u32 = 12;

impl Store {
    /// Runs `step` in one transaction: commits if it answers `Ok`, else rolls back (files it
    /// copied are removed too). On the server, a step another desk's commit got in the way of
    /// runs again, up to `ATTEMPTS` times, reading what that desk wrote.
    pub fn write<'s, T, E: From<StoreError>>(
        &'s mut self,
        ctx: &'s ChangeContext,
        mut step: impl FnMut(&Tx<'s>) -> Result<T, E>,
    ) -> Result<T, E> {
        let proofs_dir = self.proofs_dir();
        let db: &'s Db = &self.db;
        let mut attempt = 1;
        loop {
            let tx = db.begin()?;
            let tx =
                Tx { tx, ctx, at: now(), proofs_dir: proofs_dir.clone(), files: RefCell::new(Vec::new()) };
            let answer = step(&tx);
            let files = tx.files.take();
            let committed = match answer {
                Ok(_) => tx.tx.commit(),
                Err(_) => Ok(()),
            };
            if answer.is_err() || committed.is_err() {
                files.iter().for_each(|f| drop(std::fs::remove_file(f)));
                if db.conflicted() && attempt < ATTEMPTS {
                    std::thread::sleep(backoff(attempt));
                    attempt += 1;
                    continue;
                }
            }
            committed?;
            return answer;
        }
    }
}

/// The wait before attempt `attempt + 1`: 10 ms, doubling up to 320 ms, and up to as much again
/// by the clock's nanoseconds, so that desks refused together do not meet again.
fn backoff(attempt: u32) -> std::time::Duration {
    let base = 5u64 << attempt.min(6);
    let spread = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |t| u64::from(t.subsec_nanos()) % base);
    std::time::Duration::from_millis(base + spread)
}

impl Tx<'_> {
    pub fn actor(&self) -> &str {
        &self.ctx.actor
    }

    /// Refuses the step when the graduate's records changed after the version `seen` the desk
    /// read ([`Db::graduate_version`]): it would write over a change it has not seen. Without
    /// a version (a script's step), nothing is compared.
    pub fn unchanged_since(&self, graduate_id: i64, seen: Option<i64>) -> Result<(), StoreError> {
        let Some(seen) = seen else { return Ok(()) };
        match audit::graduate_last_change(self, graduate_id)? {
            Some((id, last)) if id > seen => {
                Err(StoreError::Stale { who: last.actor, at: last.at, entity: last.entity })
            }
            _ => Ok(()),
        }
    }

    /// An audit row for a change to `entity` `id`: insert, update or delete from which of
    /// `old` and `new` there are.
    pub(super) fn audit(
        &self,
        entity: &str,
        id: i64,
        old: Option<Value>,
        new: Option<Value>,
    ) -> Result<(), StoreError> {
        audit::change(self, self.ctx, entity, id, &self.at, old, new)
    }
}
