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

/// The graduates' current decisions, joined to each graduate as `cur`.
const CURRENT_DECISION: &str = "LEFT JOIN decision cur ON cur.graduate_id = g.id \
     AND NOT EXISTS (SELECT 1 FROM decision r WHERE r.revises_id = cur.id)";
const PROGRAMME: &str = "JOIN programme p ON p.id = g.programme_id";

/// `LIKE` patterns take `%` and `_` literally once escaped.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// The conditions a query sets, and only those: SQLite then walks the (year, sort key)
/// index and joins a programme or a decision only when a filter is on them.
#[derive(Default)]
struct Filter {
    joins: Vec<&'static str>,
    clauses: Vec<&'static str>,
    values: Vec<Value>,
}

impl Filter {
    fn of(query: &GraduateQuery) -> Filter {
        let mut f = Filter::default();
        let text = |s: &str| Value::Text(s.to_owned());
        if let Some(year) = query.year {
            f.clauses.push("g.graduation_year = ?");
            f.values.push(Value::Integer(year.into()));
        }
        let search = fold(&query.search);
        if !search.is_empty() {
            // The start of any word of the folded name, or of the IIN. (`instr`/`substr`
            // measured slower than `LIKE` here.)
            let escaped = escape_like(&search);
            f.clauses.push("((' ' || g.search) LIKE ? ESCAPE '\\' OR g.iin LIKE ? ESCAPE '\\')");
            f.values.extend([Value::Text(format!("% {escaped}%")), Value::Text(format!("{escaped}%"))]);
        }
        if let Some(funding) = query.funding {
            f.clauses.push("g.funding = ?");
            f.values.push(text(funding.code()));
        }
        if let Some(level) = query.level {
            f.clauses.push("g.level = ?");
            f.values.push(text(level.code()));
        }
        if let Some(code) = &query.program_code {
            f.joins.push(PROGRAMME);
            f.clauses.push("p.code = ?");
            f.values.push(text(code));
        }
        if let Some(status) = query.status {
            f.joins.push(CURRENT_DECISION);
            f.clauses.push("COALESCE(cur.kind, 'undecided') = ?");
            f.values.push(text(status.code()));
        }
        f
    }

    /// `FROM graduate g …joins… WHERE …`
    fn sql(&self) -> String {
        let mut sql = format!("FROM graduate g {}", self.joins.join(" "));
        if !self.clauses.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&self.clauses.join(" AND "));
        }
        sql
    }
}

impl Store {
    /// One page of the graduates `query` selects, in the alphabet's order, and how many there
    /// are. The count and the page's ids come from the index alone (a window-function count in
    /// the page's query measured slower: it keeps every row); only the page's rows are then
    /// read whole.
    pub fn graduates_page(&self, query: &GraduateQuery) -> Result<GraduatePage, StoreError> {
        let filter = Filter::of(query);
        let from_where = filter.sql();
        let total: u32 = self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) {from_where}"))?
            .query_row(rusqlite::params_from_iter(&filter.values), |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT g.id, g.iin, g.surname, g.name, g.patronymic, p.code, p.name, g.level, g.funding, \
                    g.graduation_year, g.region, COALESCE(cur.kind, 'undecided') \
             FROM (SELECT g.id {from_where} ORDER BY g.sort_key, g.id LIMIT ? OFFSET ?) page \
             JOIN graduate g ON g.id = page.id {PROGRAMME} {CURRENT_DECISION} \
             ORDER BY g.sort_key, g.id"
        ))?;
        let limit = Value::Integer(query.limit.clamp(1, PAGE_LIMIT).into());
        let offset = Value::Integer(query.offset.into());
        let rows = stmt
            .query_map(rusqlite::params_from_iter(filter.values.iter().chain([&limit, &offset])), |row| {
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
