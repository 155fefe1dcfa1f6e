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

impl Store {
    /// Runs `step` in one transaction: commits if it answers `Ok`, else rolls back (files it
    /// copied are removed too).
    pub fn write<'s, T, E: From<StoreError>>(
        &'s mut self,
        ctx: &'s ChangeContext,
        step: impl FnOnce(&Tx<'s>) -> Result<T, E>,
    ) -> Result<T, E> {
        let proofs_dir = self.proofs_dir();
        let tx = self.db.begin()?;
        let tx = Tx { tx, ctx, at: now(), proofs_dir, files: RefCell::new(Vec::new()) };
        let answer = step(&tx);
        let files = tx.files.take();
        let committed = match answer {
            Ok(_) => tx.tx.commit(),
            Err(_) => Ok(()),
        };
        if answer.is_err() || committed.is_err() {
            files.iter().for_each(|f| drop(std::fs::remove_file(f)));
        }
        committed?;
        answer
    }
}

impl Tx<'_> {
    pub fn actor(&self) -> &str {
        &self.ctx.actor
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
