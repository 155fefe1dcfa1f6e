//! The graduates' table as the window pages through it: search as you type, filters, one page
//! of rows and the total, in two indexed queries whatever the cohort's size.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::convert::{code, code_opt, json_ids, parsed};
use super::sql::{Conn, Db};
use super::{HOME_UNIVERSITY, Store, StoreError};
use crate::classifiers::{Funding, Level, Region, classifier_enum, fold};
use crate::ident::Iin;
use crate::model::{Graduate, full_name};

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
    /// Words each starting a word of the full name or the IIN, in any order.
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
pub(crate) const PAGE_LIMIT: u32 = 1_000;

/// Up to this many graduates matching a search (with the filters the full-text index holds),
/// the matches are read once, sorted: their number is the count, the page a slice of them (a
/// few milliseconds). Beyond it, the alphabetical index is walked instead, and so many matches
/// fill a page in its first rows.
const SORTED_MATCHES: u32 = 10_000;

/// The graduates' current decisions, joined to each graduate as `cur`.
pub(crate) const CURRENT_DECISION: &str = "LEFT JOIN decision cur ON cur.graduate_id = g.id \
     AND NOT EXISTS (SELECT 1 FROM decision r WHERE r.revises_id = cur.id)";
pub(crate) const PROGRAMME: &str = "JOIN programme p ON p.id = g.programme_id";

/// Where a search's graduates come from.
#[derive(Clone, Copy, Debug)]
enum Drive {
    /// The full-text index's matches, each then looked up by id.
    Matches,
    /// The (year, sort key) index in order, each entry checked against the matches.
    Alphabet,
}

/// The conditions a query sets, and only those: SQLite then reads the full-text index only
/// for a search, and joins a programme or a decision only when a filter is on them.
#[derive(Default)]
struct Filter {
    /// The search as an FTS5 query over `graduate_search` (migration 7): every word typed must
    /// start a word of the folded name or the IIN, in any order, within the year, funding and
    /// level asked for, which the index holds too.
    search: Option<String>,
    joins: Vec<&'static str>,
    /// Each a condition on one value. One on a joined table means the full-text index alone
    /// cannot count the matches.
    clauses: Vec<(&'static str, Value)>,
}

/// The words of a folded search, split as the indexes split them (the file's full-text
/// tokenizer, the server's parser): bare letters and digits.
pub(crate) fn search_words(folded: &str) -> Vec<&str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

impl Filter {
    fn of(query: &GraduateQuery) -> Filter {
        let text = |s: &str| Value::Text(s.to_owned());
        let folded = fold(&query.search);
        let mut terms: Vec<String> =
            search_words(&folded).into_iter().map(|w| format!("{{search iin}} : \"{w}\"*")).collect();
        let searching = !terms.is_empty();
        let mut f = Filter::default();
        if let Some(year) = query.year {
            f.clauses.push(("g.graduation_year = ?", Value::Integer(year.into())));
            terms.push(format!("graduation_year : \"{year}\""));
        }
        if let Some(funding) = query.funding {
            f.clauses.push(("g.funding = ?", text(funding.code())));
            terms.push(format!("funding : \"{}\"", funding.code()));
        }
        if let Some(level) = query.level {
            f.clauses.push(("g.level = ?", text(level.code())));
            terms.push(format!("level : \"{}\"", level.code()));
        }
        if searching {
            f.search = Some(terms.join(" AND "));
        }
        if let Some(code) = &query.program_code {
            f.joins.push(PROGRAMME);
            f.clauses.push(("p.code = ?", text(code)));
        }
        if let Some(status) = query.status {
            f.joins.push(CURRENT_DECISION);
            f.clauses.push(("COALESCE(cur.kind, 'undecided') = ?", text(status.code())));
        }
        f
    }

    /// `FROM graduate g …joins… WHERE …` and its values, a search's graduates coming as
    /// `drive` says. The conditions the index holds stay on `g` too: a walk then keeps to its
    /// year's range.
    fn sql(&self, drive: Drive) -> (String, Vec<Value>) {
        let mut from = "FROM graduate g".to_owned();
        let mut clauses = Vec::with_capacity(self.clauses.len() + 1);
        let mut values = Vec::with_capacity(self.clauses.len() + 1);
        if let Some(search) = &self.search {
            clauses.push(match drive {
                Drive::Matches => {
                    // CROSS JOIN keeps the matches outside: SQLite would otherwise walk every
                    // graduate and ask the index about each.
                    from = "FROM graduate_search CROSS JOIN graduate g ON g.id = graduate_search.rowid"
                        .to_owned();
                    "graduate_search MATCH ?"
                }
                Drive::Alphabet => {
                    "g.id IN (SELECT rowid FROM graduate_search WHERE graduate_search MATCH ?)"
                }
            });
            values.push(Value::Text(search.clone()));
        }
        for (clause, value) in &self.clauses {
            clauses.push(clause);
            values.push(value.clone());
        }
        for join in &self.joins {
            from.push(' ');
            from.push_str(join);
        }
        if !clauses.is_empty() {
            from.push_str(" WHERE ");
            from.push_str(&clauses.join(" AND "));
        }
        (from, values)
    }
}

impl Store {
    /// One page of the graduates `query` selects, in the alphabet's order, and how many there
    /// are. The count and the page's ids come from the indexes (a window-function count in the
    /// page's query measured slower: it keeps every row); only the page's rows are read whole.
    pub fn graduates_page(&self, query: &GraduateQuery) -> Result<GraduatePage, StoreError> {
        if let Conn::Server(session) = &self.db.0 {
            return Ok(super::server::search::graduates_page(&mut session.borrow_client(), query)?);
        }
        let filter = Filter::of(query);
        let limit = query.limit.clamp(1, PAGE_LIMIT) as usize;
        let offset = query.offset as usize;
        let matches = match &filter.search {
            Some(search) => Some(self.query_one(
                "SELECT COUNT(*) FROM graduate_search WHERE graduate_search MATCH ?",
                [search],
                |r| r.get::<_, u32>(0),
            )?),
            None => None,
        };
        let (total, ids) = match matches {
            Some(matches) if matches <= SORTED_MATCHES => {
                let all = self.ids(&filter, Drive::Matches, None)?;
                (all.len() as u32, all.into_iter().skip(offset).take(limit).collect())
            }
            _ => {
                let total = match matches {
                    Some(matches) if filter.joins.is_empty() => matches,
                    _ => {
                        let (from_where, values) = filter.sql(Drive::Alphabet);
                        self.query_one(&format!("SELECT COUNT(*) {from_where}"), values, |r| r.get(0))?
                    }
                };
                (total, self.ids(&filter, Drive::Alphabet, Some((limit, offset)))?)
            }
        };
        Ok(GraduatePage { total, rows: self.rows_of(&ids)? })
    }

    /// The ids `filter` selects in the alphabet's order, or the `(limit, offset)` page of them.
    fn ids(
        &self,
        filter: &Filter,
        drive: Drive,
        page: Option<(usize, usize)>,
    ) -> Result<Vec<i64>, StoreError> {
        let (from_where, mut values) = filter.sql(drive);
        let mut sql = format!("SELECT g.id {from_where} ORDER BY g.sort_key, g.id");
        if let Some((limit, offset)) = page {
            sql.push_str(" LIMIT ? OFFSET ?");
            values.extend([limit, offset].map(|n| Value::Integer(n as i64)));
        }
        self.query(&sql, values, |r| r.get(0))
    }

    /// The table's rows of `ids`, in their order.
    fn rows_of(&self, ids: &[i64]) -> Result<Vec<GraduateRow>, StoreError> {
        self.query(
            &format!(
                "SELECT g.id, g.iin, g.surname, g.name, g.patronymic, p.code, p.name, g.level, g.funding, \
                    g.graduation_year, g.region, COALESCE(cur.kind, 'undecided') \
             FROM json_each(?1) page JOIN graduate g ON g.id = page.value {PROGRAMME} {CURRENT_DECISION} \
             ORDER BY page.key"
            ),
            [json_ids(ids)],
            |row| {
                let (surname, name, patronymic): (String, String, Option<String>) =
                    (row.get(2)?, row.get(3)?, row.get(4)?);
                Ok(GraduateRow {
                    id: row.get(0)?,
                    iin: parsed(row, 1, Iin::parse)?,
                    full_name: full_name(&surname, &name, patronymic.as_deref()),
                    program_code: row.get(5)?,
                    program_name: row.get(6)?,
                    level: code(row, 7, Level::from_code)?,
                    funding: code(row, 8, Funding::from_code)?,
                    graduation_year: row.get(9)?,
                    region: code_opt(row, 10, Region::from_code)?,
                    status: code(row, 11, DecisionStatus::from_code)?,
                })
            },
        )
    }
}

impl Db {
    /// The programmes a cohort's graduates studied, by code (all cohorts' when `year` is none).
    pub fn programmes(&self, year: Option<i32>) -> Result<Vec<ProgrammeOption>, StoreError> {
        self.query(
            // One pass over the year's index for the programmes in use, not one per programme.
            "SELECT p.code, p.name FROM programme p WHERE p.university_id = ?1 AND p.id IN \
             (SELECT programme_id FROM graduate WHERE ?2 IS NULL OR graduation_year = ?2) ORDER BY p.code, p.name", rusqlite::params![HOME_UNIVERSITY, year], |r| {
            Ok(ProgrammeOption { code: r.get(0)?, name: r.get(1)? })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;
    use crate::generate::{self, GraduateListSpec};
    use crate::store::ChangeContext;

    fn store_with(count: usize) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("g.xlsx");
        let spec = GraduateListSpec { rows: count, lang: Lang::Ru, year: 2025, seed: 7, messy: false };
        generate::write_graduate_list(&list, &spec).unwrap();
        let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let options = crate::import::ImportOptions {
            year: None,
            dry_run: false,
            actor: "t".into(),
            ..Default::default()
        };
        crate::workflow::import::graduates(&mut store, &list, &options).unwrap();
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
        // Several words narrow together, in any order.
        let both = store.graduates_page(&query(&format!("{given} {surname}"))).unwrap();
        assert!(both.rows.iter().any(|r| r.id == first.id));
        assert!(both.total <= store.graduates_page(&query(surname)).unwrap().total);
    }

    /// Whether a word of the folded name starts with each folded word typed, as the window's
    /// user means a search.
    fn matches(full_name: &str, iin: &str, typed: &str) -> bool {
        let name = fold(full_name);
        fold(typed).split(' ').all(|w| iin.starts_with(w) || name.split(' ').any(|n| n.starts_with(w)))
    }

    #[test]
    fn a_search_finds_exactly_the_graduates_it_means_whichever_way_the_page_is_read() {
        let (_dir, store) = store_with(300);
        let everyone = store.graduates().unwrap();
        let searches = ["а", "ов", "Ә", "ахм", "0", "а и"];
        for (search, funding) in searches.iter().flat_map(|s| [(s, None), (s, Some(Funding::StateOrder))]) {
            let expected: Vec<i64> = everyone
                .iter()
                .filter(|g| matches(&g.record.full_name(), g.record.iin.as_str(), search))
                .filter(|g| funding.is_none_or(|f| g.record.funding == f))
                .map(|g| g.id)
                .collect();
            let q = GraduateQuery {
                year: Some(2025),
                search: (*search).into(),
                funding,
                limit: 1000,
                ..Default::default()
            };
            let found = store.graduates_page(&q).unwrap();
            assert_eq!(found.total as usize, expected.len(), "{search} {funding:?}");
            let filter = Filter::of(&q);
            for drive in [Drive::Matches, Drive::Alphabet] {
                assert_eq!(
                    store.ids(&filter, drive, None).unwrap(),
                    expected,
                    "{search} {funding:?} {drive:?}"
                );
                let page = store.ids(&filter, drive, Some((5, 3))).unwrap();
                assert_eq!(page, expected.iter().skip(3).take(5).copied().collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn the_search_index_follows_every_change_a_list_makes() {
        let (_dir, mut store) = store_with(50);
        let mut graduate = store.graduates().unwrap().remove(0);
        let old_surname = graduate.record.surname.clone();
        let funding =
            [Funding::Serpin, Funding::Phd].into_iter().find(|f| *f != graduate.record.funding).unwrap();
        let renamed = |year: Option<i32>, funding: Option<Funding>| GraduateQuery {
            year,
            funding,
            ..query("Жаңабаев")
        };
        assert_eq!(store.graduates_page(&renamed(None, None)).unwrap().total, 0);
        let found = |store: &Store, q: &GraduateQuery| {
            store.graduates_page(q).unwrap().rows.iter().any(|r| r.id == graduate.id)
        };
        assert!(found(&store, &query(&old_surname)));

        graduate.record.surname = "Жаңабаев".into();
        graduate.record.funding = funding;
        let ctx = ChangeContext { actor: "t".into(), source: None };
        assert_eq!(store.apply_graduates(&[graduate.record.clone()], &ctx, false).unwrap().updated, 1);
        assert!(found(&store, &renamed(Some(2025), Some(funding))));
        assert!(!found(&store, &query(&old_surname)));
        assert_eq!(store.graduates_page(&renamed(None, None)).unwrap().total, 1);
        // A dry run leaves the index as it was, with the table.
        graduate.record.surname = "Жолдамаев".into();
        store.apply_graduates(&[graduate.record.clone()], &ctx, true).unwrap();
        assert_eq!(store.graduates_page(&query("Жолдамаев")).unwrap().total, 0);
        assert!(found(&store, &renamed(None, None)));
        // A new graduate is found at once, and in the cohort's count.
        graduate.record.graduation_year = 2026;
        assert_eq!(store.apply_graduates(&[graduate.record], &ctx, false).unwrap().imported, 1);
        assert_eq!(store.graduates_page(&query("Жолдамаев")).unwrap().total, 1);
        assert_eq!(store.graduates_page(&renamed(Some(2025), None)).unwrap().total, 1);
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
