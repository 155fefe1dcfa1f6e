//! The graduates table's queries as a secretary types, filters and pages: the search bench
//! runs them on the file, the server bench on the server.

use joldama_core::classifiers::Funding;
use joldama_core::store::{DecisionStatus, GraduateQuery, Store};

/// A name and an IIN that are in the cohort, typed letter by letter, and the table's filters.
pub fn typed_queries(store: &Store, rows: usize) -> Vec<(String, GraduateQuery)> {
    let sample = store
        .graduates_page(&GraduateQuery { limit: 1, offset: rows as u32 / 2, ..Default::default() })
        .expect("page");
    let someone = &sample.rows[0];
    let surname = someone.full_name.split_whitespace().next().expect("a surname").to_owned();
    let iin = someone.iin.to_string();
    let page = |q: GraduateQuery| GraduateQuery { year: Some(2025), limit: 50, ..q };
    let mut queries: Vec<(String, GraduateQuery)> = vec![
        ("first page, no search".into(), page(GraduateQuery::default())),
        (
            "page 1000 of the cohort".into(),
            page(GraduateQuery { offset: 50_000.min(rows as u32 / 2), ..Default::default() }),
        ),
        (
            "funding: rural quota".into(),
            page(GraduateQuery { funding: Some(Funding::RuralQuota), ..Default::default() }),
        ),
        (
            "status: no decision".into(),
            page(GraduateQuery { status: Some(DecisionStatus::Undecided), ..Default::default() }),
        ),
    ];
    for n in 1..=surname.chars().count().min(5) {
        let typed: String = surname.chars().take(n).collect();
        queries
            .push((format!("name «{typed}»"), page(GraduateQuery { search: typed, ..Default::default() })));
    }
    for n in [2, 6, 12] {
        let typed = iin[..n].to_owned();
        queries.push((format!("IIN «{typed}»"), page(GraduateQuery { search: typed, ..Default::default() })));
    }
    queries.push((
        "name «а» + rural quota + no decision".into(),
        page(GraduateQuery {
            search: "а".into(),
            funding: Some(Funding::RuralQuota),
            status: Some(DecisionStatus::Undecided),
            ..Default::default()
        }),
    ));
    queries
}
