//! Employers and their vacancies: applying a request list, reading vacancies back.

use std::collections::{BTreeSet, HashMap};

use rusqlite::params;
use rusqlite::types::ValueRef;
use serde_json::Value as Json;

use super::audit::{Batch, in_batch};
use super::convert::{code, code_opt, opt_text, parsed, text};
use super::decided::{self, Reads};
use super::sql::{Args, Db};
use super::upsert::{Outcome, Table, Upsert};
use super::{ApplyCounts, ChangeContext, StoreError};
use crate::classifiers::{OrgKind, Ownership, Region};
use crate::ident::Bin;
use crate::import::vacancies::{COLUMNS, VacancyKey as ListKey};
use crate::model::{EmployerRecord, Vacancy, VacancyRecord};

const EMPLOYER: Table =
    Table { name: "employer", columns: &["bin", "name", "kind", "ownership"], copy_on_insert: None };

const VACANCY: Table = Table {
    name: "vacancy",
    columns: &[
        "employer_id",
        "year",
        "position",
        "places",
        "region",
        "district",
        "settlement",
        "rural",
        "contact_person",
        "phone",
    ],
    copy_on_insert: Some(("places_left", "places")),
};

/// (employer id, year, position, settlement or ''), as the unique index `vacancy_key`.
type VacancyKey = (i64, i32, String, String);

pub(super) fn apply(
    conn: &Db,
    records: &[VacancyRecord],
    ctx: &ChangeContext,
    dry_run: bool,
) -> Result<ApplyCounts, StoreError> {
    in_batch(conn, "vacancies", ctx, dry_run, |batch| {
        let bins: BTreeSet<&str> = records.iter().map(|r| r.employer.bin.as_str()).collect();
        let mut employers = Upsert::load(
            batch,
            &EMPLOYER,
            &format!("bin IN ({})", batch.conn.text_list(1)),
            [serde_json::json!(bins).to_string()],
            bins.len(),
            |row| parsed(row, "bin", Bin::parse),
        )?;
        let years: BTreeSet<i32> = records.iter().map(|r| r.year).collect();
        let years = serde_json::json!(years).to_string();
        let mut vacancies: Upsert<VacancyKey> = Upsert::load(
            batch,
            &VACANCY,
            &format!("year IN ({})", batch.conn.id_list(1)),
            [&years],
            records.len(),
            |row| {
                let settlement: Option<String> = row.get("settlement")?;
                Ok((
                    row.get("employer_id")?,
                    row.get("year")?,
                    row.get("position")?,
                    settlement.unwrap_or_default(),
                ))
            },
        )?;
        let mut codes = load_codes(batch, &years)?;

        let referred_vacancies = decided::ids(batch.conn, decided::REFERRED_VACANCIES)?;
        let referred_employers = decided::ids(batch.conn, decided::REFERRED_EMPLOYERS)?;
        let mut decided = Vec::new();
        for r in records {
            let e = &r.employer;
            let outcome = employers.write(
                e.bin,
                &[
                    text(e.bin.as_str()),
                    text(&e.name),
                    text(e.kind.code()),
                    opt_text(e.ownership.map(Ownership::code)),
                ],
            )?;
            let label = || format!("{} ({})", e.name, e.bin);
            let no_names = |_: &str, _: &Json| None;
            decided.extend(decided::change(
                &outcome,
                &referred_employers,
                label,
                EMPLOYER_REPORTED,
                COLUMNS,
                no_names,
            ));
            let employer_id = employers.record(batch, outcome)?;
            let key = (employer_id, r.year, r.position.clone(), r.settlement.clone().unwrap_or_default());
            let values = [
                ValueRef::Integer(employer_id),
                ValueRef::Integer(r.year.into()),
                text(&r.position),
                ValueRef::Integer(r.places.into()),
                text(r.region.code()),
                opt_text(r.district.as_deref()),
                opt_text(r.settlement.as_deref()),
                ValueRef::Integer(r.rural.into()),
                opt_text(r.contact_person.as_deref()),
                opt_text(r.phone.as_deref()),
            ];
            let mut outcome = vacancies.write(key, &values)?;
            let id = outcome.id();
            if let Some(delta) = places_delta(&outcome) {
                batch.conn.execute(
                    "UPDATE vacancy SET places_left = CASE WHEN places_left + ?1 > 0 THEN places_left + ?1 ELSE 0 END \
                     WHERE id = ?2",
                    [delta, id],
                )?;
            }
            let old = codes.remove(&id).unwrap_or_default();
            let new: BTreeSet<&str> = r.program_codes.iter().map(String::as_str).collect();
            if old.iter().map(String::as_str).collect::<BTreeSet<_>>() != new {
                replace_codes(batch, id, &new)?;
                outcome =
                    outcome.with_change("program_codes", Json::from(old), new.iter().copied().collect());
            }
            codes.insert(id, new.into_iter().map(str::to_string).collect());
            let label = || format!("{}, {}", e.name, r.position);
            decided.extend(decided::change(
                &outcome,
                &referred_vacancies,
                label,
                VACANCY_REPORTED,
                COLUMNS,
                no_names,
            ));
            vacancies.record(batch, outcome)?;
        }
        vacancies.counts.decided = decided;
        Ok(vacancies.counts)
    })
}

/// The changes under standing referrals the commission is told of.
const EMPLOYER_REPORTED: &[decided::Reported] = &[
    ("name", "employer", Reads::Plain),
    ("kind", "kind", Reads::Kind),
    ("ownership", "ownership", Reads::Ownership),
];
const VACANCY_REPORTED: &[decided::Reported] = &[
    ("places", "places", Reads::Plain),
    ("region", "region", Reads::Region),
    ("district", "district", Reads::Plain),
    ("rural", "rural", Reads::YesNo),
    ("program_codes", "program_codes", Reads::Plain),
];

/// How much `places` grew (or shrank) in an update: places left follow by the same amount.
fn places_delta(outcome: &Outcome) -> Option<i64> {
    let Outcome::Updated { changes, .. } = outcome else {
        return None;
    };
    match changes.get("places")?.as_array()?.as_slice() {
        [old, new] => Some(new.as_i64()? - old.as_i64()?),
        _ => None,
    }
}

/// Programme codes of the vacancies of `years` (a JSON array), in the order they were stored.
fn load_codes(batch: &Batch<'_>, years: &str) -> Result<HashMap<i64, Vec<String>>, StoreError> {
    let filter = format!("v.year IN ({})", batch.conn.id_list(1));
    programme_codes(batch.conn, &filter, [years])
}

fn replace_codes(batch: &Batch<'_>, id: i64, codes: &BTreeSet<&str>) -> Result<(), StoreError> {
    batch.conn.execute("DELETE FROM vacancy_programme WHERE vacancy_id = ?1", [id])?;
    for code in codes {
        batch.conn.execute(
            "INSERT INTO vacancy_programme (vacancy_id, program_code) VALUES (?1, ?2)",
            params![id, code],
        )?;
    }
    // A change of codes alone is still a change of the vacancy.
    batch.conn.execute("UPDATE vacancy SET updated_at = ?1 WHERE id = ?2", params![batch.at, id])?;
    Ok(())
}

/// The programme codes of the vacancies `filter` (a condition on `v`, the vacancy) selects, in
/// the order they were stored (the file's row order; the server's rows by code, as they are
/// stored sorted).
fn programme_codes(
    conn: &Db,
    filter: &str,
    params: impl Args,
) -> Result<HashMap<i64, Vec<String>>, StoreError> {
    let order = if conn.on_server() { "vp.vacancy_id, vp.program_code" } else { "vp.rowid" };
    let mut codes: HashMap<i64, Vec<String>> = HashMap::new();
    conn.query(
        &format!(
            "SELECT vp.vacancy_id, vp.program_code FROM vacancy_programme vp \
             JOIN vacancy v ON v.id = vp.vacancy_id WHERE {filter} ORDER BY {order}"
        ),
        params,
        |row| {
            codes.entry(row.get(0)?).or_default().push(row.get(1)?);
            Ok(())
        },
    )?;
    Ok(codes)
}

impl super::Db {
    /// Who stands on each vacancy of `years` (current referrals), «Full name, IIN», by the
    /// vacancy's list key: what a list may not take places from.
    pub fn standing_referrals(
        &self,
        years: &BTreeSet<i32>,
    ) -> Result<HashMap<ListKey, Vec<String>>, StoreError> {
        let sql = format!(
            "SELECT e.bin, v.year, v.position, COALESCE(v.settlement, ''), g.surname, g.name, g.patronymic, g.iin \
             FROM decision d JOIN vacancy v ON v.id = d.vacancy_id JOIN employer e ON e.id = v.employer_id \
             JOIN graduate g ON g.id = d.graduate_id \
             WHERE v.year IN ({}) \
               AND NOT EXISTS (SELECT 1 FROM decision r WHERE r.revises_id = d.id) ORDER BY d.id",
            self.id_list(1)
        );
        let mut found: HashMap<ListKey, Vec<String>> = HashMap::new();
        self.query(&sql, [serde_json::json!(years).to_string()], |r| {
            let key = (parsed(r, "bin", Bin::parse)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let name = crate::model::full_name(
                &r.get::<_, String>(4)?,
                &r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?.as_deref(),
            );
            found.entry(key).or_default().push(format!("{name}, {}", r.get::<_, String>(7)?));
            Ok(())
        })?;
        Ok(found)
    }
}

/// The vacancies `filter` (a condition on `v`, the vacancy) selects, with their employers and
/// programme codes.
pub(super) fn select(conn: &Db, filter: &str, params: impl Args + Copy) -> Result<Vec<Vacancy>, StoreError> {
    let mut codes = programme_codes(conn, filter, params)?;
    let rows = conn.query(
        &format!(
            "SELECT v.id, e.bin, e.name, e.kind, e.ownership, v.year, v.position, v.places, \
                v.region, v.district, v.settlement, v.rural, v.contact_person, v.phone, \
                v.places_left \
         FROM vacancy v JOIN employer e ON e.id = v.employer_id WHERE {filter} \
         ORDER BY v.year, e.name, v.position, v.id"
        ),
        params,
        |row| {
            let id = row.get(0)?;
            Ok(Vacancy {
                id,
                record: VacancyRecord {
                    employer: EmployerRecord {
                        bin: parsed(row, 1, Bin::parse)?,
                        name: row.get(2)?,
                        kind: code(row, 3, OrgKind::from_code)?,
                        ownership: code_opt(row, 4, Ownership::from_code)?,
                    },
                    year: row.get(5)?,
                    position: row.get(6)?,
                    program_codes: codes.remove(&id).unwrap_or_default(),
                    places: row.get(7)?,
                    region: code(row, 8, Region::from_code)?,
                    district: row.get(9)?,
                    settlement: row.get(10)?,
                    rural: row.get(11)?,
                    contact_person: row.get(12)?,
                    phone: row.get(13)?,
                },
                places_left: row.get(14)?,
            })
        },
    )?;
    Ok(rows)
}
