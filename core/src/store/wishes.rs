//! Graduates' application wishes, most wanted first.

use std::collections::HashMap;

use rusqlite::params;
use serde_json::json;

use super::convert::{code_opt, parsed_opt};
use super::{Db, StoreError, Tx};
use crate::classifiers::Region;
use crate::ident::Bin;
use crate::suggest::Wish;

impl Db {
    /// The wishes of a cohort's graduates, by graduate id.
    pub fn wishes_of(&self, year: i32) -> Result<HashMap<i64, Vec<Wish>>, StoreError> {
        let mut stmt = self.0.prepare_cached(
            "SELECT w.graduate_id, w.region, e.bin FROM graduate_wish w JOIN graduate g ON g.id = w.graduate_id \
             LEFT JOIN employer e ON e.id = w.employer_id WHERE g.graduation_year = ?1 \
             ORDER BY w.graduate_id, w.rank",
        )?;
        let mut out: HashMap<i64, Vec<Wish>> = HashMap::new();
        let mut rows = stmt.query([year])?;
        while let Some(r) = rows.next()? {
            let wish =
                Wish { region: code_opt(r, 1, Region::from_code)?, employer: parsed_opt(r, 2, Bin::parse)? };
            out.entry(r.get(0)?).or_default().push(wish);
        }
        Ok(out)
    }

    fn wishes_of_graduate(&self, graduate_id: i64) -> Result<Vec<Wish>, StoreError> {
        let mut stmt = self.0.prepare_cached(
            "SELECT w.region, e.bin FROM graduate_wish w LEFT JOIN employer e ON e.id = w.employer_id \
             WHERE w.graduate_id = ?1 ORDER BY w.rank",
        )?;
        let rows = stmt.query_map([graduate_id], |r| {
            Ok(Wish { region: code_opt(r, 0, Region::from_code)?, employer: parsed_opt(r, 1, Bin::parse)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Tx<'_> {
    /// Replaces a graduate's application wishes, most wanted first.
    pub fn set_wishes(&self, graduate_id: i64, wishes: &[Wish]) -> Result<(), StoreError> {
        let old = self.wishes_of_graduate(graduate_id)?;
        self.tx.execute("DELETE FROM graduate_wish WHERE graduate_id = ?1", [graduate_id])?;
        for (rank, wish) in wishes.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO graduate_wish (graduate_id, rank, region, employer_id) \
                 VALUES (?1, ?2, ?3, (SELECT id FROM employer WHERE bin = ?4))",
                params![
                    graduate_id,
                    rank as i64 + 1,
                    wish.region.map(Region::code),
                    wish.employer.as_ref().map(|b| b.as_str())
                ],
            )?;
        }
        self.audit("graduate_wish", graduate_id, Some(json!(old)), Some(json!(wishes)))
    }
}
