//! Follow-up after the referral: arrival at the employer, the periods that count toward the
//! term (work, registration at the employment centre) and those that pause it (military
//! service), the cost of the studies, and what is left to work off or to refund.
//!
//! - [`obligation`]: the arithmetic, pure;
//! - the records the store keeps (below) and `Store::{confirm_arrival, add_period, …}`;
//! - [`export`]: the list for the Financial Centre (.xlsx);
//! - [`stats`]: placement statistics by programme, funding category and region (.xlsx);
//! - [`reports`]: both written for a cohort from the store.

mod error;
pub mod export;
pub mod obligation;
pub mod reports;
pub mod stats;
mod xlsx;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use error::{ExportError, FollowUpError};
pub use obligation::{Obligation, ObligationError, ObligationState, ObligationStatus, PeriodKind, Span};

use crate::ident::Bin;

/// The employer's confirmation that the graduate came to work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Arrival {
    pub on: NaiveDate,
    /// Who confirmed it: the employer's letter, a phone call with the HR officer, …
    pub confirmed_by: String,
    pub note: Option<String>,
}

/// A work period's employer as the caller names it: one of the stored employers (by BIN), or
/// only a name when the employer is not in the database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum EmployerRef {
    Bin(Bin),
    Name(String),
}

/// A work period's employer as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Employer {
    Registered { bin: Bin, name: String },
    Unregistered { name: String },
}

impl Employer {
    pub fn name(&self) -> &str {
        match self {
            Employer::Registered { name, .. } | Employer::Unregistered { name } => name,
        }
    }

    pub fn bin(&self) -> Option<Bin> {
        match self {
            Employer::Registered { bin, .. } => Some(*bin),
            Employer::Unregistered { .. } => None,
        }
    }
}

/// What a period was; only work has an employer. `E` is [`EmployerRef`] when adding a period,
/// [`Employer`] when reading one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "employer")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Activity<E> {
    Work(E),
    Centre,
    Deferral,
}

impl<E> Activity<E> {
    pub fn kind(&self) -> PeriodKind {
        match self {
            Activity::Work(_) => PeriodKind::Work,
            Activity::Centre => PeriodKind::Centre,
            Activity::Deferral => PeriodKind::Deferral,
        }
    }
}

/// A stored period of a graduate's follow-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Period {
    pub id: i64,
    pub activity: Activity<Employer>,
    pub span: Span,
    pub note: Option<String>,
}

/// What the state paid for the studies: the refund is a share of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct StudyCost {
    /// Tenge.
    pub amount: u64,
    /// Where the figure comes from (the university's calculation, the order's number, …).
    pub basis: Option<String>,
}

/// Everything stored about one graduate's follow-up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FollowUp {
    pub arrival: Option<Arrival>,
    /// By start date.
    pub periods: Vec<Period>,
    pub study_cost: Option<StudyCost>,
}

impl FollowUp {
    /// The obligation to compute with: it starts on the confirmed arrival date, or on
    /// `planned_arrival` (the referral's) until one is confirmed. `term_years` comes from the
    /// cohort's rules.
    pub fn obligation(
        &self,
        term_years: u8,
        planned_arrival: NaiveDate,
    ) -> Result<Obligation, ObligationError> {
        let start = self.arrival.as_ref().map_or(planned_arrival, |a| a.on);
        let periods = self.periods.iter().map(|p| (p.activity.kind(), p.span));
        Obligation::new(term_years, start, periods, self.study_cost.as_ref().map(|c| c.amount))
    }
}
