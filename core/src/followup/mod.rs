//! Follow-up after the referral: the facts recorded about a graduate once the commission
//! decided (arrival at the employer, the periods of work, of registration at the employment
//! centre and of conscript service, the cost of the studies and the years on the grant, refund
//! payments, an end on another ground), and the cohort's lists made of them.
//!
//! - the records the store keeps (below); what they mean is [`crate::obligation`]'s;
//! - [`export`]: the list for the Financial Centre (.xlsx);
//! - [`stats`]: placement statistics by programme, funding category and region (.xlsx).

mod error;
pub mod export;
pub mod stats;
pub(crate) mod xlsx;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use error::{ExportError, FollowUpError};

use crate::classifiers::classifier_enum;
use crate::ident::Bin;
use crate::obligation::{CostScope, EndGround, PeriodKind, Span, Years};
use crate::rules::Place;

/// The employer's confirmation that the graduate came to work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Arrival {
    pub on: NaiveDate,
    /// Who confirmed it: the employer's letter, a phone call with the HR officer, …
    pub confirmed_by: String,
    pub note: Option<String>,
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

/// What a period was; only work has an employer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "employer")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Activity {
    Work(Employer),
    Centre,
    Deferral,
}

impl Activity {
    pub fn employer(&self) -> Option<&Employer> {
        match self {
            Activity::Work(employer) => Some(employer),
            Activity::Centre | Activity::Deferral => None,
        }
    }

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
    pub activity: Activity,
    /// Where the work is (work only): what the rules check. `None` for work entered before
    /// places were recorded.
    pub place: Option<Place>,
    pub span: Span,
    pub note: Option<String>,
}

/// What the state paid for the studies: the refund is a share of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct StudyCost {
    /// Tenge.
    pub amount: u64,
    pub scope: CostScope,
    /// Where the figure comes from (the university's calculation, the order's number, …).
    pub basis: Option<String>,
}

classifier_enum! {
    /// Where the years on the grant were taken from.
    pub enum Source {
        List => "list",
        Card => "card",
    }
}

/// The years the graduate studied on the grant, when not the whole programme; the programme's
/// normative years when the list or the card gives them (else the cohort's for the level).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GrantYears {
    pub on_grant: Years,
    pub normative: Option<Years>,
    pub source: Source,
}

/// A refund payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Payment {
    pub id: i64,
    pub paid_on: NaiveDate,
    /// Tenge.
    pub amount: u64,
    /// The payment document: the receipt's or the order's number.
    pub document: String,
}

/// The obligation ended on another ground.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ObligationEnd {
    pub ground: EndGround,
    pub on: NaiveDate,
    pub document: String,
    pub note: Option<String>,
}

/// Everything stored about one graduate's follow-up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FollowUp {
    pub arrival: Option<Arrival>,
    /// By start date.
    pub periods: Vec<Period>,
    pub study_cost: Option<StudyCost>,
    /// By date.
    pub payments: Vec<Payment>,
    pub end: Option<ObligationEnd>,
}
