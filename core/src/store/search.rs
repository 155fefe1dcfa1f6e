//! The graduates' table as the window pages through it: search as you type, filters, one page
//! of rows and the total, in two indexed queries whatever the cohort's size.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::convert::{code, code_opt, parsed};
use super::{HOME_UNIVERSITY, Store, StoreError};
use crate::classifiers::{Funding, Level, Region, classifier_enum, fold};
use crate::ident::Iin;
use crate::model::Graduate;

classifier_enum! {
    /// Where a graduate stands with the commission: their current decision's kind, if any.
    pub enum DecisionStatus {
        Undecided => "undecided",
        Vacancy => "vacancy",
        EmploymentCentre => "employment_centre",
        Exemption => "exemption",
        Deferral => "deferral",
    }
}

/// What the table asks for. Empty `search` and `None` filters select everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GraduateQuery {
    pub year: Option<i32>,
    /// The start of any word of the full name, or the start of the IIN.
    pub search: String,
    pub funding: Option<Funding>,
    pub level: Option<Level>,
    pub program_code: Option<String>,
    pub status: Option<DecisionStatus>,
    pub offset: u32,
    pub limit: u32,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GraduateRow {
    pub id: i64,
    pub iin: Iin,
    pub full_name: String,
    pub program_code: String,
    pub program_name: String,
    pub level: Level,
    pub funding: Funding,
    pub graduation_year: i32,
    pub region: Option<Region>,
    pub status: DecisionStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GraduatePage {
    /// Rows matching the query, all pages together.
    pub total: u32,
    pub rows: Vec<GraduateRow>,
}

/// A programme for the table's filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ProgrammeOption {
    pub code: String,
    pub name: String,
}

impl GraduateRow {
    pub fn of(g: &Graduate, status: DecisionStatus) -> GraduateRow {
        let r = &g.record;
        GraduateRow {
            id: g.id,
            iin: r.iin,
            full_name: r.full_name(),
            program_code: r.program_code.clone(),
            program_name: r.program_name.clone(),
            level: r.level,
            funding: r.funding,
            graduation_year: r.graduation_year,
            region: r.region,
            status,
        }
    }
}

/// The most rows one page may ask for.
const PAGE_LIMIT: u32 = 1_000;

/// The graduates' current decisions' kinds, joined to each graduate as `cur`.
const FROM: &str = "FROM graduate g JOIN programme p ON p.id = g.programme_id \
     LEFT JOIN decision cur ON cur.graduate_id = g.id \
         AND NOT EXISTS (SELECT 1 FROM decision r WHERE r.revises_id = cur.id)";

const WHERE: &str = "WHERE (?1 IS NULL OR g.graduation_year = ?1) \
       AND (?2 IS NULL OR (' ' || g.search) LIKE ?2 ESCAPE '\\' OR g.iin LIKE ?3 ESCAPE '\\') \
       AND (?4 IS NULL OR g.funding = ?4) \
       AND (?5 IS NULL OR g.level = ?5) \
       AND (?6 IS NULL OR p.code = ?6) \
       AND (?7 IS NULL OR COALESCE(cur.kind, 'undecided') = ?7)";

/// `LIKE` patterns take `%` and `_` literally once escaped.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

impl GraduateQuery {
    fn params(&self) -> [Value; 7] {
        let search = fold(&self.search);
        let opt = |v: Option<&str>| v.map_or(Value::Null, |s| Value::Text(s.to_owned()));
        let (name, iin) = match search.is_empty() {
            true => (Value::Null, Value::Null),
            false => {
                let escaped = escape_like(&search);
                (Value::Text(format!("% {escaped}%")), Value::Text(format!("{escaped}%")))
            }
        };
        [
            self.year.map_or(Value::Null, |y| Value::Integer(y.into())),
            name,
            iin,
            opt(self.funding.map(Funding::code)),
            opt(self.level.map(Level::code)),
            opt(self.program_code.as_deref()),
            opt(self.status.map(DecisionStatus::code)),
        ]
    }
}

impl Store {
    /// One page of the graduates `query` selects, by surname and name, and how many there are.
    pub fn graduates_page(&self, query: &GraduateQuery) -> Result<GraduatePage, StoreError> {
        let params = query.params();
        let total: u32 = self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) {FROM} {WHERE}"))?
            .query_row(rusqlite::params_from_iter(&params), |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT g.id, g.iin, g.surname, g.name, g.patronymic, p.code, p.name, g.level, g.funding, \
                    g.graduation_year, g.region, COALESCE(cur.kind, 'undecided') \
             {FROM} {WHERE} ORDER BY g.surname COLLATE kk, g.name COLLATE kk, g.id LIMIT ?8 OFFSET ?9"
        ))?;
        let limit = Value::Integer(query.limit.clamp(1, PAGE_LIMIT).into());
        let offset = Value::Integer(query.offset.into());
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter().chain([&limit, &offset])), |row| {
                let patronymic: Option<String> = row.get(4)?;
                let mut full_name = format!("{} {}", row.get::<_, String>(2)?, row.get::<_, String>(3)?);
                if let Some(p) = patronymic {
                    full_name.push(' ');
                    full_name.push_str(&p);
                }
                Ok(GraduateRow {
                    id: row.get(0)?,
                    iin: parsed(row, 1, Iin::parse)?,
                    full_name,
                    program_code: row.get(5)?,
                    program_name: row.get(6)?,
                    level: code(row, 7, Level::from_code)?,
                    funding: code(row, 8, Funding::from_code)?,
                    graduation_year: row.get(9)?,
                    region: code_opt(row, 10, Region::from_code)?,
                    status: code(row, 11, DecisionStatus::from_code)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(GraduatePage { total, rows })
    }

    /// The programmes a cohort's graduates studied, by code (all cohorts' when `year` is none).
    pub fn programmes(&self, year: Option<i32>) -> Result<Vec<ProgrammeOption>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT p.code, p.name FROM programme p JOIN graduate g ON g.programme_id = p.id \
             WHERE p.university_id = ?1 AND (?2 IS NULL OR g.graduation_year = ?2) ORDER BY p.code, p.name",
        )?;
        let rows = stmt.query_map(rusqlite::params![HOME_UNIVERSITY, year], |r| {
            Ok(ProgrammeOption { code: r.get(0)?, name: r.get(1)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;
    use crate::demo::{self, GraduateListSpec};

    fn store_with(count: usize) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("g.xlsx");
        let spec = GraduateListSpec { rows: count, lang: Lang::Ru, year: 2025, seed: 7, messy: false };
        demo::write_graduate_list(&list, &spec).unwrap();
        let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let options = crate::import::ImportOptions {
            year: None,
            dry_run: false,
            actor: "t".into(),
            ..Default::default()
        };
        crate::import::graduates::import(&mut store, &list, &options).unwrap();
        (dir, store)
    }

    fn query(search: &str) -> GraduateQuery {
        GraduateQuery { search: search.into(), limit: 50, ..GraduateQuery::default() }
    }

    #[test]
    fn search_matches_the_start_of_any_word_in_either_case_and_the_iin_start() {
        let (_dir, store) = store_with(300);
        let all = store.graduates_page(&query("")).unwrap();
        assert_eq!(all.total, 300);
        assert_eq!(all.rows.len(), 50);
        let first = &all.rows[0];
        let surname = first.full_name.split(' ').next().unwrap();
        let given = first.full_name.split(' ').nth(1).unwrap();
        for needle in [surname.to_uppercase(), given.to_lowercase(), surname.chars().take(3).collect()] {
            let found = store.graduates_page(&query(&needle)).unwrap();
            assert!(found.rows.iter().any(|r| r.id == first.id), "{needle}");
            assert!(found.total < 300, "{needle} narrows the list");
        }
        let by_iin = store.graduates_page(&query(&first.iin.as_str()[..8])).unwrap();
        assert!(by_iin.rows.iter().all(|r| r.iin.as_str().starts_with(&first.iin.as_str()[..8])));
        assert!(by_iin.rows.iter().any(|r| r.id == first.id));
        // The middle of a word matches nothing; punctuation alone folds away and filters nothing.
        let middle: String = surname.chars().skip(2).collect();
        assert!(store.graduates_page(&query(&middle)).unwrap().rows.iter().all(|r| r.id != first.id));
        assert_eq!(store.graduates_page(&query("%")).unwrap().total, 300);
    }

    #[test]
    fn filters_and_pages_agree_with_the_whole_list() {
        let (_dir, store) = store_with(250);
        let everyone = store.graduates().unwrap();
        for funding in Funding::ALL {
            let q = GraduateQuery { funding: Some(*funding), limit: 1000, ..GraduateQuery::default() };
            let page = store.graduates_page(&q).unwrap();
            let expected = everyone.iter().filter(|g| g.record.funding == *funding).count();
            assert_eq!(page.total as usize, expected, "{funding:?}");
            assert!(page.rows.iter().all(|r| r.funding == *funding));
        }
        let undecided =
            GraduateQuery { status: Some(DecisionStatus::Undecided), limit: 10, ..Default::default() };
        assert_eq!(store.graduates_page(&undecided).unwrap().total, 250);
        let referred =
            GraduateQuery { status: Some(DecisionStatus::Vacancy), limit: 10, ..Default::default() };
        assert_eq!(store.graduates_page(&referred).unwrap().total, 0);
        // Pages follow one another without gaps or repeats, in the whole list's order.
        let mut paged = Vec::new();
        for offset in (0..250).step_by(100) {
            let q = GraduateQuery { offset, limit: 100, ..GraduateQuery::default() };
            paged.extend(store.graduates_page(&q).unwrap().rows.into_iter().map(|r| r.id));
        }
        assert_eq!(paged, everyone.iter().map(|g| g.id).collect::<Vec<_>>());
    }
}
