//! Graduates and their programmes: applying a list, reading them back.

use std::collections::{BTreeSet, HashMap};

use rusqlite::params;
use rusqlite::types::ValueRef;

use super::audit::{Batch, in_batch};
use super::convert::{code, code_opt, date, iso_date, json_ids, opt_text, parsed, text};
use super::decided::{self, Reads};
use super::sql::{Args, Db, Row};
use super::upsert::{Outcome, Table, Upsert};
use super::{ApplyCounts, ChangeContext, HOME_UNIVERSITY, StoreError};
use crate::alphabet;
use crate::classifiers::{Field, Funding, Level, Region, Sex, fold};
use crate::followup::{GrantYears, Source};
use crate::i18n::Text;
use crate::ident::Iin;
use crate::import::graduates::COLUMNS;
use crate::model::{FieldChange, Gpa, Graduate, GraduateRecord};
use crate::obligation::Years;
use serde_json::Value as Json;

const GRADUATE: Table = Table {
    name: "graduate",
    columns: &[
        "iin",
        "graduation_year",
        "surname",
        "name",
        "patronymic",
        "birth_date",
        "sex",
        "level",
        "funding",
        "field",
        "programme_id",
        "region",
        "phone",
        "email",
        "gpa",
        "search",
        "sort_key",
    ],
    copy_on_insert: None,
};

/// Writes the records `feed` hands to its sink, in one transaction (see `in_batch`): the
/// stored graduates of a year are loaded when its first record comes.
pub(super) fn write<E: From<StoreError>>(
    conn: &Db,
    ctx: &ChangeContext,
    dry_run: bool,
    feed: impl FnOnce(&mut dyn FnMut(&GraduateRecord) -> Result<(), StoreError>) -> Result<(), E>,
) -> Result<ApplyCounts, E> {
    in_batch(conn, "graduates", ctx, dry_run, |batch| {
        let mut graduates = Upsert::new(batch, &GRADUATE, 1024)?;
        let mut programmes = Programmes::load(batch)?;
        let mut loaded_years = BTreeSet::new();
        let mut birth_date = [0u8; 10];
        let mut changed = Vec::new();
        let decided = decided::ids(batch.conn, decided::DECIDED_GRADUATES)?;
        feed(&mut |r: &GraduateRecord| {
            if loaded_years.insert(r.graduation_year) {
                graduates.preload("graduation_year = ?1", [r.graduation_year], |row| {
                    Ok((parsed(row, "iin", Iin::parse)?, row.get("graduation_year")?))
                })?;
            }
            let programme_id = programmes.id_of(batch, r)?;
            // What the table's search matches: the full name folded as migration 5 folds it.
            let search = fold(&r.full_name());
            let sort_key =
                alphabet::sort_key([&*r.surname, &r.name, r.patronymic.as_deref().unwrap_or_default()]);
            let values = [
                text(r.iin.as_str()),
                ValueRef::Integer(r.graduation_year.into()),
                text(&r.surname),
                text(&r.name),
                opt_text(r.patronymic.as_deref()),
                iso_date(r.birth_date, &mut birth_date),
                text(r.sex.code()),
                text(r.level.code()),
                text(r.funding.code()),
                text(r.field.code()),
                ValueRef::Integer(programme_id),
                opt_text(r.region.map(Region::code)),
                opt_text(r.phone.as_deref()),
                opt_text(r.email.as_deref()),
                r.gpa.map_or(ValueRef::Null, |gpa| ValueRef::Integer(gpa.hundredths().into())),
                text(&search),
                text(&sort_key),
            ];
            let mut outcome = graduates.write((r.iin, r.graduation_year), &values)?;
            if let Some(grant) = &r.grant {
                outcome = write_grant(batch, outcome, grant)?;
            }
            if !matches!(outcome, Outcome::Unchanged(_)) {
                changed.push(outcome.id());
            }
            let label = || format!("{}, {}", r.full_name(), r.iin);
            let programme = |column: &str, v: &Json| match column {
                "programme_id" => v.as_i64().and_then(|id| programmes.describe(id)),
                _ => None,
            };
            graduates
                .counts
                .decided
                .extend(decided::change(&outcome, &decided, label, REPORTED, COLUMNS, programme));
            graduates.record(batch, outcome)?;
            Ok(())
        })?;
        if !dry_run {
            index_for_search(batch.conn, &changed)?;
        }
        Ok(graduates.counts)
    })
}

/// Re-indexes the graduates `ids` for the table's search (`graduate_search`, migration 7), in
/// two statements whatever their number: FTS5 writes its pending terms at each statement's end.
/// The server indexes the graduate's row itself (`graduate_words`).
fn index_for_search(conn: &Db, ids: &[i64]) -> Result<(), StoreError> {
    if ids.is_empty() || conn.on_server() {
        return Ok(());
    }
    let ids = json_ids(ids);
    conn.execute("DELETE FROM graduate_search WHERE rowid IN (SELECT value FROM json_each(?1))", [&ids])?;
    conn.execute(
        "INSERT INTO graduate_search (rowid, search, iin, graduation_year, funding, level) \
         SELECT id, search, iin, graduation_year, funding, level FROM graduate \
         WHERE id IN (SELECT value FROM json_each(?1))",
        [&ids],
    )?;
    Ok(())
}

/// The years on the grant from the columns `at`, `at + 1`, `at + 2` (on grant, normative,
/// source), if the graduate has them.
pub(super) fn grant_years(row: &Row<'_>, at: usize) -> rusqlite::Result<Option<GrantYears>> {
    let years = |col: usize| -> rusqlite::Result<Option<Years>> {
        Ok(row.get::<_, Option<u16>>(col)?.and_then(Years::from_tenths))
    };
    let source = code_opt(row, at + 2, Source::from_code)?.unwrap_or(Source::List);
    Ok(years(at)?.map(|on_grant| GrantYears { on_grant, normative: years(at + 1).ok().flatten(), source }))
}

/// Writes the years on the grant a list gives, when they differ from the stored ones; the
/// change (old → new) goes into the graduate's audit row.
fn write_grant(batch: &Batch<'_>, outcome: Outcome, grant: &GrantYears) -> Result<Outcome, StoreError> {
    let id = outcome.id();
    let old: Option<(u16, Option<u16>)> = batch.conn.query_opt(
        "SELECT on_grant, normative FROM grant_years WHERE graduate_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let new = (grant.on_grant.tenths(), grant.normative.map(Years::tenths));
    if old == Some(new) {
        return Ok(outcome);
    }
    batch.conn.execute(
        "INSERT INTO grant_years (graduate_id, on_grant, normative, source, created_at, updated_at) \
         VALUES (?1, ?2, ?3, 'list', ?4, ?4) \
         ON CONFLICT (graduate_id) DO UPDATE SET on_grant = excluded.on_grant, \
             normative = excluded.normative, source = 'list', updated_at = excluded.updated_at",
        params![id, new.0, new.1, batch.at],
    )?;
    let tenths = |t: Option<(u16, Option<u16>)>| serde_json::json!(t);
    Ok(outcome.with_change("grant_years", tenths(old), tenths(Some(new))))
}

impl super::Db {
    /// An imported update of a graduate's row (`{column: [old, new]}`, as audited) in words:
    /// the columns the commission is told of, a programme by its code and name.
    pub fn graduate_update(&self, changes: &serde_json::Map<String, Json>) -> Vec<FieldChange> {
        let programme = |column: &str, v: &Json| {
            let id = v.as_i64().filter(|_| column == "programme_id")?;
            // Programmes are never deleted; a failed read leaves the id as it was audited.
            let named = self
                .query_one("SELECT code || ' ' || name FROM programme WHERE id = ?1", [id], |r| {
                    r.get::<_, String>(0)
                })
                .ok()?;
            Some(Text::new(named.clone(), named))
        };
        decided::field_changes(changes, REPORTED, COLUMNS, programme)
    }
}

/// The changes of a decided graduate the commission is told of.
const REPORTED: &[decided::Reported] = &[
    ("surname", "surname", Reads::Plain),
    ("name", "name", Reads::Plain),
    ("patronymic", "patronymic", Reads::Plain),
    ("birth_date", "birth_date", Reads::Plain),
    ("sex", "sex", Reads::Sex),
    ("level", "level", Reads::Level),
    ("funding", "funding", Reads::Funding),
    ("programme_id", "program_code", Reads::Plain),
    ("region", "region", Reads::Region),
    ("grant_years", "grant_years", Reads::Plain),
];

/// The home university's programmes by code, then name (nested so that a lookup borrows the
/// record's strings instead of allocating a key).
struct Programmes(HashMap<String, HashMap<String, i64>>);

impl Programmes {
    /// «7M01501 Математика» for a programme's id.
    fn describe(&self, id: i64) -> Option<Text> {
        let (code, name) = self
            .0
            .iter()
            .flat_map(|(code, names)| names.iter().map(move |(name, i)| (code, name, *i)))
            .find(|(_, _, i)| *i == id)
            .map(|(code, name, _)| (code, name))?;
        let text = format!("{code} {name}");
        Some(Text::new(text.clone(), text))
    }

    fn load(batch: &Batch<'_>) -> Result<Programmes, StoreError> {
        let mut map: HashMap<String, HashMap<String, i64>> = HashMap::new();
        batch.conn.query(
            "SELECT code, name, id FROM programme WHERE university_id = ?1",
            [HOME_UNIVERSITY],
            |row| {
                map.entry(row.get(0)?).or_default().insert(row.get(1)?, row.get(2)?);
                Ok(())
            },
        )?;
        Ok(Programmes(map))
    }

    /// Finds the record's programme or creates it with the record's level and field.
    fn id_of(&mut self, batch: &mut Batch<'_>, r: &GraduateRecord) -> Result<i64, StoreError> {
        if let Some(id) = self.0.get(&r.program_code).and_then(|names| names.get(&r.program_name)) {
            return Ok(*id);
        }
        let id = batch.conn.insert(
            "INSERT INTO programme (university_id, code, name, level, field) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![HOME_UNIVERSITY, r.program_code, r.program_name, r.level.code(), r.field.code()],
        )?;
        batch.audit("insert", "programme", id, None)?;
        self.0.entry(r.program_code.clone()).or_default().insert(r.program_name.clone(), id);
        Ok(id)
    }
}

/// The graduates `filter` (a condition on `g`, the graduate) selects.
pub(super) fn select(conn: &Db, filter: &str, params: impl Args) -> Result<Vec<Graduate>, StoreError> {
    let rows = conn.query(
        &format!(
            "SELECT g.id, g.iin, g.surname, g.name, g.patronymic, g.birth_date, g.sex, g.level, \
                g.funding, g.field, p.code, p.name, g.graduation_year, g.region, g.phone, g.email, \
                gy.on_grant, gy.normative, gy.source, g.gpa \
         FROM graduate g JOIN programme p ON p.id = g.programme_id \
         LEFT JOIN grant_years gy ON gy.graduate_id = g.id WHERE {filter} \
         ORDER BY g.sort_key, g.id"
        ),
        params,
        |row| {
            Ok(Graduate {
                id: row.get(0)?,
                record: GraduateRecord {
                    iin: parsed(row, 1, Iin::parse)?,
                    surname: row.get(2)?,
                    name: row.get(3)?,
                    patronymic: row.get(4)?,
                    birth_date: date(row, 5)?,
                    sex: code(row, 6, Sex::from_code)?,
                    level: code(row, 7, Level::from_code)?,
                    funding: code(row, 8, Funding::from_code)?,
                    field: code(row, 9, Field::from_code)?,
                    program_code: row.get(10)?,
                    program_name: row.get(11)?,
                    graduation_year: row.get(12)?,
                    region: code_opt(row, 13, Region::from_code)?,
                    phone: row.get(14)?,
                    email: row.get(15)?,
                    grant: grant_years(row, 16)?,
                    // The column's CHECK keeps it within the scale.
                    gpa: row.get::<_, Option<u16>>(19)?.and_then(Gpa::from_hundredths),
                },
            })
        },
    )?;
    Ok(rows)
}
