//! The graduates' table on the server: the same query, page and rows as the file's
//! (`Store::graduates_page`), found through a full-text index of the folded name and the IIN
//! (`graduate_words`): every word typed must start a word of the name or the IIN, in any order.

use postgres::Client;
use postgres::types::ToSql;

use super::{Server, ServerError};
use crate::classifiers::{Funding, Level, Region, fold};
use crate::ident::Iin;
use crate::model::full_name;
use crate::store::search::{CURRENT_DECISION, PAGE_LIMIT, PROGRAMME, search_words};
use crate::store::{DecisionStatus, GraduatePage, GraduateQuery, GraduateRow};

/// The indexed document: the expression must be the index's, word for word.
const WORDS: &str = "to_tsvector('simple', g.search || ' ' || g.iin)";

impl Server {
    /// One page of the graduates `query` selects, as `Store::graduates_page` on the server.
    pub fn graduates_page(&mut self, query: &GraduateQuery) -> Result<GraduatePage, ServerError> {
        graduates_page(self.client(), query)
    }
}

/// One page of the graduates `query` selects, in the alphabet's order, and how many there
/// are: the page's ids and the count (a search's matches read once through the word index;
/// else the count, then the alphabetical index walked), then only the page's rows whole.
pub(crate) fn graduates_page(
    client: &mut Client,
    query: &GraduateQuery,
) -> Result<GraduatePage, ServerError> {
    let mut clauses: Vec<String> = Vec::new();
    let mut joins: Vec<&str> = Vec::new();
    let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut condition = |clause: &str, value: Box<dyn ToSql + Sync>| {
        values.push(value);
        clauses.push(clause.replace('?', &format!("${}", values.len())));
    };
    // The words are letters and digits only: nothing in them is tsquery syntax.
    let folded = fold(&query.search);
    let words = search_words(&folded);
    if !words.is_empty() {
        let terms: Vec<String> = words.iter().map(|w| format!("{w}:*")).collect();
        condition(&format!("{WORDS} @@ to_tsquery('simple', ?)"), Box::new(terms.join(" & ")));
    }
    if let Some(year) = query.year {
        condition("g.graduation_year = ?", Box::new(i64::from(year)));
    }
    if let Some(funding) = query.funding {
        condition("g.funding = ?", Box::new(funding.code()));
    }
    if let Some(level) = query.level {
        condition("g.level = ?", Box::new(level.code()));
    }
    if let Some(code) = &query.program_code {
        joins.push(PROGRAMME);
        condition("p.code = ?", Box::new(code.clone()));
    }
    if let Some(status) = query.status {
        joins.push(CURRENT_DECISION);
        condition("COALESCE(cur.kind, 'undecided') = ?", Box::new(status.code()));
    }
    let filter = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    let from = format!("FROM graduate g {} {filter}", joins.join(" "));
    let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref()).collect();
    let (limit, offset) = (i64::from(query.limit.clamp(1, PAGE_LIMIT)), i64::from(query.offset));
    let (n, count) = (params.len(), format!("SELECT COUNT(*) {from}"));
    let page = [params.clone(), vec![&limit, &offset]].concat();
    let (total, ids): (i64, Vec<i64>) = if words.is_empty() {
        // The count from the indexes, then the alphabetical index walked to the page.
        let total = client.query_one(&count, &params)?.get(0);
        let sql = format!(
            "SELECT g.id {from} ORDER BY g.sort_key COLLATE \"C\", g.id LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        (total, client.query(&sql, &page)?.iter().map(|r| r.get(0)).collect())
    } else {
        // A search's matches read once from the word index, counted and sorted there:
        // walking the alphabet would test every graduate's words until a page is full.
        let sql = format!(
            "WITH m AS MATERIALIZED (SELECT g.id, g.sort_key {from}) \
                 SELECT id, (SELECT COUNT(*) FROM m) FROM m ORDER BY sort_key COLLATE \"C\", id LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let found = client.query(&sql, &page)?;
        match found.first() {
            Some(first) => (first.get(1), found.iter().map(|r| r.get(0)).collect()),
            // A page past the last: no row carries the count.
            None => (client.query_one(&count, &params)?.get(0), Vec::new()),
        }
    };
    let rows = client.query(
        &format!(
            "SELECT g.id, g.iin, g.surname, g.name, g.patronymic, p.code, p.name, g.level, g.funding, \
                        g.graduation_year, g.region, COALESCE(cur.kind, 'undecided') \
                 FROM unnest($1::bigint[]) WITH ORDINALITY page (id, n) JOIN graduate g ON g.id = page.id \
                 {PROGRAMME} {CURRENT_DECISION} ORDER BY page.n"
        ),
        &[&ids],
    )?;
    let rows = rows
        .iter()
        .map(row)
        .collect::<Option<_>>()
        .ok_or_else(|| ServerError::Unexpected { what: "graduate".into() })?;
    Ok(GraduatePage { total: total as u32, rows })
}

/// A row as the table shows it; `None` if a stored code does not parse (the CHECKs forbid it).
fn row(r: &postgres::Row) -> Option<GraduateRow> {
    let (surname, name, patronymic): (String, String, Option<String>) = (r.get(2), r.get(3), r.get(4));
    Some(GraduateRow {
        id: r.get(0),
        iin: Iin::parse(r.get(1)).ok()?,
        full_name: full_name(&surname, &name, patronymic.as_deref()),
        program_code: r.get(5),
        program_name: r.get(6),
        level: Level::from_code(r.get(7))?,
        funding: Funding::from_code(r.get(8))?,
        graduation_year: r.get::<_, i64>(9) as i32,
        region: match r.get::<_, Option<&str>>(10) {
            Some(code) => Some(Region::from_code(code)?),
            None => None,
        },
        status: DecisionStatus::from_code(r.get(11))?,
    })
}
