//! Graduates' applications (ranked wishes and the day handed in) and employers' refusals of a
//! candidate: what the matching reads besides the lists.

use std::collections::{HashMap, HashSet};

use rusqlite::params;
use serde_json::json;

use super::convert::{code_opt, date_opt, iso, parsed_opt};
use super::sql::Row;
use super::{Db, StoreError, Tx};
use crate::classifiers::Region;
use crate::ident::Bin;
use crate::matching::{Application, SocialGround, Wish};

const WISH_COLUMNS: &str = "w.vacancy_id, e.bin, w.region";

/// A wish from the columns `at`.. of [`WISH_COLUMNS`]; the table's CHECK keeps them one of the
/// three kinds.
fn wish(r: &Row<'_>, at: usize) -> rusqlite::Result<Wish> {
    let (vacancy, bin, region) = (
        r.get::<_, Option<i64>>(at)?,
        parsed_opt(r, at + 1, Bin::parse)?,
        code_opt(r, at + 2, Region::from_code)?,
    );
    Ok(match (vacancy, bin, region) {
        (Some(vacancy_id), _, _) => Wish::Vacancy { vacancy_id },
        (None, Some(bin), region) => Wish::Employer { bin, region },
        (None, None, Some(region)) => Wish::Region { region },
        (None, None, None) => {
            let why = "a wish naming nothing".into();
            return Err(rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Null, why));
        }
    })
}

impl Db {
    /// The applications of a cohort's graduates, by graduate id.
    pub fn applications_of(&self, year: i32) -> Result<HashMap<i64, Application>, StoreError> {
        let mut out: HashMap<i64, Application> = HashMap::new();
        let wishes = format!(
            "SELECT w.graduate_id, {WISH_COLUMNS} FROM graduate_wish w JOIN graduate g ON g.id = w.graduate_id \
             LEFT JOIN employer e ON e.id = w.employer_id WHERE g.graduation_year = ?1 \
             ORDER BY w.graduate_id, w.rank"
        );
        self.query(&wishes, [year], |r| {
            out.entry(r.get(0)?).or_default().wishes.push(wish(r, 1)?);
            Ok(())
        })?;
        self.query(
            "SELECT a.graduate_id, a.applied_on, a.social FROM application a \
             JOIN graduate g ON g.id = a.graduate_id WHERE g.graduation_year = ?1",
            [year],
            |r| {
                let application = out.entry(r.get(0)?).or_default();
                application.applied_on = date_opt(r, 1)?;
                application.social = code_opt(r, 2, SocialGround::from_code)?;
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// One graduate's application (no wishes and no date if none was handed in).
    pub fn application(&self, graduate_id: i64) -> Result<Application, StoreError> {
        let wishes = self.query(
            &format!(
                "SELECT {WISH_COLUMNS} FROM graduate_wish w LEFT JOIN employer e ON e.id = w.employer_id \
                 WHERE w.graduate_id = ?1 ORDER BY w.rank"
            ),
            [graduate_id],
            |r| wish(r, 0),
        )?;
        let (applied_on, social) = self
            .query_opt(
                "SELECT applied_on, social FROM application WHERE graduate_id = ?1",
                [graduate_id],
                |r| Ok((date_opt(r, 0)?, code_opt(r, 1, SocialGround::from_code)?)),
            )?
            .unwrap_or_default();
        Ok(Application { wishes, applied_on, social })
    }

    /// The (vacancy, graduate) pairs employers found unacceptable, among a cohort's graduates.
    pub fn unacceptable_of(&self, year: i32) -> Result<HashSet<(i64, i64)>, StoreError> {
        let rows = self.query(
            "SELECT r.vacancy_id, r.graduate_id FROM vacancy_refusal r JOIN graduate g ON g.id = r.graduate_id \
             WHERE g.graduation_year = ?1", [year], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.into_iter().collect())
    }
}

impl Tx<'_> {
    /// Replaces a graduate's application: wishes most wanted first, and the day handed in.
    pub fn set_application(&self, graduate_id: i64, application: &Application) -> Result<(), StoreError> {
        let old = self.application(graduate_id)?;
        if old == *application {
            return Ok(());
        }
        self.execute("DELETE FROM graduate_wish WHERE graduate_id = ?1", [graduate_id])?;
        for (rank, wish) in application.wishes.iter().enumerate() {
            let (vacancy, bin, region) = match wish {
                Wish::Vacancy { vacancy_id } => (Some(*vacancy_id), None, None),
                Wish::Employer { bin, region } => (None, Some(bin.as_str()), *region),
                Wish::Region { region } => (None, None, Some(*region)),
            };
            self.execute(
                "INSERT INTO graduate_wish (graduate_id, rank, vacancy_id, employer_id, region) \
                 VALUES (?1, ?2, ?3, (SELECT id FROM employer WHERE bin = ?4), ?5)",
                params![graduate_id, rank as i64 + 1, vacancy, bin, region.map(Region::code)],
            )?;
        }
        self.execute("DELETE FROM application WHERE graduate_id = ?1", [graduate_id])?;
        if application.applied_on.is_some() || application.social.is_some() {
            self.execute(
                "INSERT INTO application (graduate_id, applied_on, social) VALUES (?1, ?2, ?3)",
                params![
                    graduate_id,
                    application.applied_on.map(iso),
                    application.social.map(SocialGround::code)
                ],
            )?;
        }
        self.audit("application", graduate_id, Some(json!(old)), Some(json!(application)))
    }

    /// Records (with a reason) or withdraws (`None`) an employer's refusal of a candidate.
    pub fn set_unacceptable(
        &self,
        vacancy_id: i64,
        graduate_id: i64,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        let old: Option<String> = self.query_opt(
            "SELECT reason FROM vacancy_refusal WHERE vacancy_id = ?1 AND graduate_id = ?2",
            [vacancy_id, graduate_id],
            |r| r.get(0),
        )?;
        self.execute(
            "DELETE FROM vacancy_refusal WHERE vacancy_id = ?1 AND graduate_id = ?2",
            [vacancy_id, graduate_id],
        )?;
        if let Some(reason) = reason {
            self.execute(
                "INSERT INTO vacancy_refusal (vacancy_id, graduate_id, reason) VALUES (?1, ?2, ?3)",
                params![vacancy_id, graduate_id, reason],
            )?;
        }
        let details =
            |reason: Option<&str>| reason.map(|r| json!({ "graduate_id": graduate_id, "reason": r }));
        self.audit("vacancy_refusal", vacancy_id, details(old.as_deref()), details(reason))
    }
}
