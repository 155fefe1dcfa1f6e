//! Watching a long step (an import, a batch of papers, the cohort's decisions) from a window:
//! it reports how far it got and stops when asked, leaving nothing half done.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

/// How far a step got; `total` when known in advance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Progress {
    pub done: u64,
    pub total: Option<u64>,
}

type Report = Arc<dyn Fn(Progress) + Send + Sync>;

/// A step's progress reports and cancel flag. The default watches nothing and never cancels.
#[derive(Clone, Default)]
pub struct Watch {
    cancel: Arc<AtomicBool>,
    report: Option<Report>,
}

impl Watch {
    pub fn new(cancel: Arc<AtomicBool>, report: impl Fn(Progress) + Send + Sync + 'static) -> Watch {
        Watch { cancel, report: Some(Arc::new(report)) }
    }

    pub fn report(&self, done: u64, total: Option<u64>) {
        if let Some(report) = &self.report {
            report(Progress { done, total });
        }
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

impl fmt::Debug for Watch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watch").field("cancelled", &self.cancelled()).finish_non_exhaustive()
    }
}
