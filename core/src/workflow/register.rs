//! Checking the register (`joldama check`, and the window at start): the chain of seals, every
//! finalised meeting and numbered paper against its seal, rows pointing nowhere, and the file's
//! own structure.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::WorkflowError;
use crate::i18n::Reason;
use crate::register::{self, EntryKind, Finding, SealedMeeting, SealedPaper};
use crate::store::Db;

/// What the check looked at and what it found.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CheckReport {
    pub meetings: u32,
    pub papers: u32,
    /// Empty when everything holds.
    pub findings: Vec<Reason>,
}

pub fn check(store: &Db) -> Result<CheckReport, WorkflowError> {
    let findings = findings(store)?;
    let ledger = store.ledger()?;
    let count = |kind| ledger.iter().filter(|e| e.kind == kind).count() as u32;
    Ok(CheckReport {
        meetings: count(EntryKind::Meeting),
        papers: count(EntryKind::Paper),
        findings: findings.iter().map(Finding::reason).collect(),
    })
}

/// Everything that does not hold, in the order: the chain, meetings, papers, rows, file.
pub fn findings(store: &Db) -> Result<Vec<Finding>, WorkflowError> {
    let ledger = store.ledger()?;
    let mut found: Vec<Finding> =
        register::broken_links(&ledger).into_iter().map(|seq| Finding::ChainBroken { seq }).collect();
    let finalised: BTreeMap<i64, (i32, u32)> =
        store.finalised_meetings()?.into_iter().map(|(id, year, number)| (id, (year, number))).collect();
    let (mut sealed_meetings, mut sealed_papers) = (BTreeSet::new(), BTreeSet::new());
    for entry in &ledger {
        match entry.kind {
            EntryKind::Meeting => {
                sealed_meetings.insert(entry.ref_id);
                let Some(&(year, number)) = finalised.get(&entry.ref_id) else {
                    found.push(Finding::MeetingReopened { meeting_id: entry.ref_id });
                    continue;
                };
                let Ok(seal) = serde_json::from_str::<SealedMeeting>(&entry.content) else {
                    found.push(Finding::ChainBroken { seq: entry.seq });
                    continue;
                };
                found.extend(
                    register::differences(&seal.rows, &store.meeting_rows(entry.ref_id)?)
                        .into_iter()
                        .map(|difference| Finding::MeetingChanged { year, number, difference }),
                );
            }
            EntryKind::Paper => {
                sealed_papers.insert(entry.ref_id);
                let Ok(seal) = serde_json::from_str::<SealedPaper>(&entry.content) else {
                    found.push(Finding::ChainBroken { seq: entry.seq });
                    continue;
                };
                found.extend(
                    register::differences(&seal.rows, &store.paper_rows(entry.ref_id)?)
                        .into_iter()
                        .map(|difference| Finding::PaperChanged { paper_id: entry.ref_id, difference }),
                );
            }
        }
    }
    found.extend(
        finalised
            .iter()
            .filter(|(id, _)| !sealed_meetings.contains(*id))
            .map(|(_, &(year, number))| Finding::MeetingUnsealed { year, number }),
    );
    found.extend(
        store
            .paper_ids()?
            .into_iter()
            .filter(|id| !sealed_papers.contains(id))
            .map(|paper_id| Finding::PaperUnsealed { paper_id }),
    );
    found.extend(store.orphans()?);
    found.extend(store.damage()?.map(|detail| Finding::Damaged { detail }));
    Ok(found)
}
