//! The numbers of the papers issued: sequential per commission, never reused; printing again
//! gives the same number; a paper whose decision was revised is marked cancelled, never deleted.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;
use serde_json::json;

use super::convert::{date, iso};
use super::sql::{Db, Row};
use super::{HOME_UNIVERSITY, StoreError, Tx, entity};
use crate::authentic::UniversityKey;
use crate::commission::{PaperNumber, PaperSeries};
use ed25519_dalek::VerifyingKey;

impl Tx<'_> {
    /// The number of the paper of a decision: given the first time it is printed (dated
    /// `issued_on`), next in its `series`, the same every time after.
    pub fn paper_number(
        &self,
        decision_id: i64,
        series: PaperSeries,
        issued_on: NaiveDate,
    ) -> Result<PaperNumber, StoreError> {
        if let Some(number) = paper(self, decision_id)? {
            return Ok(number);
        }
        let commission_id: i64 = self.query_one(
            "SELECT m.commission_id FROM decision d JOIN meeting m ON m.id = d.meeting_id WHERE d.id = ?1",
            [decision_id],
            |r| r.get(0),
        )?;
        // `seq` stays the commission's order of issue across series; `series_seq` is printed.
        let id = self.insert(
            "INSERT INTO paper (commission_id, seq, decision_id, issued_on, series, series_seq) \
             SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, \
                    COALESCE(MAX(CASE WHEN series = ?4 THEN series_seq END), 0) + 1 \
             FROM paper WHERE commission_id = ?1",
            params![commission_id, decision_id, iso(issued_on), series.code()],
        )?;
        super::register::seal_paper(self, &self.at, id)?;
        let number = paper(self, decision_id)?.expect("just numbered");
        self.audit(entity::PAPER, id, None, Some(json!(number)))?;
        Ok(number)
    }

    /// The university's key that signs its papers, `fresh` kept the first time.
    pub fn university_key(&self, fresh: &UniversityKey) -> Result<UniversityKey, StoreError> {
        self.execute(
            "INSERT INTO university_key (university_id, seed, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![HOME_UNIVERSITY, fresh.seed().as_slice(), self.at],
        )?;
        Ok(UniversityKey::from_seed(&key_seed(self)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?))
    }
}

impl super::Db {
    /// The public half of the university's key, once a paper has been signed.
    pub fn university_public_key(&self) -> Result<Option<VerifyingKey>, StoreError> {
        Ok(key_seed(self)?.map(|seed| UniversityKey::from_seed(&seed).public()))
    }

    /// The paper numbered `number` (`2025/1-0001`, or `2025/0001` from before the series)
    /// and its decision's id; `None` if the register has no such paper.
    pub fn paper_by_number(&self, printed: &str) -> Result<Option<(i64, PaperNumber)>, StoreError> {
        let Some((year, series, seq)) = PaperSeries::parse_number(printed) else { return Ok(None) };
        let sql = format!(
            "{SELECT} WHERE c.year = ?1 AND p.series IS NOT DISTINCT FROM ?2 \
             AND (CASE WHEN p.series IS NULL THEN p.seq ELSE p.series_seq END) = ?3"
        );
        self.query_opt(&sql, params![year, series.map(PaperSeries::code), seq], |r| {
            Ok((r.get(4)?, number(r)?))
        })
    }

    /// The papers issued for the decisions of a cohort's graduates, by decision id.
    pub fn papers_of(&self, year: i32) -> Result<HashMap<i64, PaperNumber>, StoreError> {
        let rows = self.query(&format!(
            "{SELECT} WHERE p.decision_id IN (SELECT d.id FROM decision d JOIN graduate g ON g.id = d.graduate_id \
             WHERE g.graduation_year = ?1)"
        ), [year], |r| Ok((r.get(4)?, number(r)?)))?;
        Ok(rows.into_iter().collect())
    }

    /// The papers the `year`'s commission issued, in the order issued: (decision id, number).
    pub fn issued_in(&self, year: i32) -> Result<Vec<(i64, PaperNumber)>, StoreError> {
        self.query(&format!("{SELECT} WHERE c.year = ?1 ORDER BY p.seq"), [year], |r| {
            Ok((r.get(4)?, number(r)?))
        })
    }
}

fn key_seed(conn: &Db) -> Result<Option<[u8; 32]>, StoreError> {
    let seed: Option<Vec<u8>> =
        conn.query_opt("SELECT seed FROM university_key WHERE university_id = ?1", [HOME_UNIVERSITY], |r| {
            r.get(0)
        })?;
    Ok(seed.and_then(|s| <[u8; 32]>::try_from(s).ok()))
}

const SELECT: &str = "SELECT p.seq, c.year, p.issued_on, p.cancelled_at, p.decision_id, p.id, p.series, \
                      p.series_seq FROM paper p JOIN commission c ON c.id = p.commission_id";

fn number(r: &Row<'_>) -> rusqlite::Result<PaperNumber> {
    let year: i32 = r.get(1)?;
    let series = r.get::<_, Option<String>>(6)?.and_then(|code| PaperSeries::from_code(&code));
    let seq: u32 = match series {
        Some(_) => r.get(7)?,
        None => r.get(0)?,
    };
    Ok(PaperNumber {
        seq,
        series,
        number: PaperSeries::number(series, year, seq),
        issued_on: date(r, 2)?,
        cancelled: r.get::<_, Option<String>>(3)?.is_some(),
    })
}

/// The paper of a decision, with its row's id.
pub(super) fn paper_with_id(conn: &Db, decision_id: i64) -> Result<Option<(i64, PaperNumber)>, StoreError> {
    conn.query_opt(&format!("{SELECT} WHERE p.decision_id = ?1"), [decision_id], |r| {
        Ok((r.get(5)?, number(r)?))
    })
}

fn paper(conn: &Db, decision_id: i64) -> Result<Option<PaperNumber>, StoreError> {
    Ok(paper_with_id(conn, decision_id)?.map(|(_, number)| number))
}
