//! A graduate's file as the commission reads it: the decisions in words, the obligation's
//! standing with every figure explained, and the history of every change; finding a graduate by IIN; the
//! choices the decision forms offer. Composed here so that the window and the command line
//! show the same thing.

use chrono::NaiveDate;
use serde::Serialize;

use super::WorkflowError;
use super::decide::views;
use super::followup::obligation;
use super::history::{self, HistoryEntry};
use crate::commission::DecisionView;
use crate::error::Error;
use crate::i18n::Text;
use crate::ident::Iin;
use crate::model::Graduate;
use crate::obligation::{EndGround, ObligationView};
use crate::rules::{DeferralReason, ExemptionGround, ProofDocument};
use crate::store::Db;
use crate::vocabulary::Termed;

/// Everything the window's card shows of one graduate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GraduateDetail {
    pub graduate: Graduate,
    /// Oldest first; the current one is the last not revised.
    pub decisions: Vec<DecisionView>,
    pub obligation: ObligationView,
    /// Every change about the graduate, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The records' version: sent back with a change, which is refused if another came since.
    pub version: i64,
}

pub fn graduate_detail(db: &Db, graduate_id: i64, as_of: NaiveDate) -> Result<GraduateDetail, Error> {
    let obligation = obligation(db, graduate_id, as_of)?;
    let graduate = super::decide::graduate(db, graduate_id)?;
    let decisions = views(db, db.decisions_of(graduate_id)?)?;
    Ok(GraduateDetail {
        history: history::of_graduate(db, graduate_id, &decisions)?,
        version: db.graduate_version(graduate_id)?,
        decisions,
        graduate,
        obligation,
    })
}

/// The graduate with this IIN (as typed): of `year`, or of the latest cohort they are in.
pub fn graduate_by_iin(db: &Db, iin: &str, year: Option<i32>) -> Result<Graduate, Error> {
    let iin = Iin::parse(iin)?;
    Ok(db.graduate_by_iin(&iin, year)?.ok_or(WorkflowError::GraduateNotFound { iin, year })?)
}

/// A graduate's decisions, revisions included, in words.
pub fn history(db: &Db, graduate_id: i64) -> Result<Vec<DecisionView>, Error> {
    Ok(views(db, db.decisions_of(graduate_id)?)?)
}

/// A proof document to choose, with its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DocumentChoice {
    pub document: ProofDocument,
    pub label: Text,
}

/// An exemption ground with the proofs it needs: every group, one document of each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GroundChoice {
    pub ground: ExemptionGround,
    pub label: Text,
    pub proof_groups: Vec<Vec<DocumentChoice>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DeferralChoice {
    pub reason: DeferralReason,
    pub label: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EndChoice {
    pub ground: EndGround,
    pub label: Text,
}

pub fn exemption_grounds() -> Vec<GroundChoice> {
    ExemptionGround::ALL
        .iter()
        .map(|&ground| GroundChoice {
            ground,
            label: ground.text(),
            proof_groups: ground
                .proofs()
                .iter()
                .map(|group| {
                    group
                        .iter()
                        .map(|&document| DocumentChoice { document, label: document.text() })
                        .collect()
                })
                .collect(),
        })
        .collect()
}

/// The grounds a new deferral may be decided on: those the law names.
pub fn deferral_reasons() -> Vec<DeferralChoice> {
    DeferralReason::OFFERED.iter().map(|&reason| DeferralChoice { reason, label: reason.text() }).collect()
}

pub fn end_grounds() -> Vec<EndChoice> {
    EndGround::ALL.iter().map(|&ground| EndChoice { ground, label: ground.text() }).collect()
}
