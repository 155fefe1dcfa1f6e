//! A graduate's follow-up: arrival, periods (with where the work is), the cost of the studies,
//! the years on the grant, refund payments and an end on another ground. Each step audits the
//! old and the new value; writing what is already stored changes nothing and audits nothing.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;
use rusqlite::types::Type;
use serde_json::{Value, json};

use super::convert::{code, code_opt, date, iso, parsed_opt};
use super::sql::{Args, Row};
use super::{Db, StoreError, Tx};
use crate::classifiers::{OrgKind, Region};
use crate::followup::{
    Activity, Arrival, Employer, FollowUp, GrantYears, ObligationEnd, Payment, Period, StudyCost,
};
use crate::ident::Bin;
use crate::obligation::{CostScope, EndGround, PeriodKind, Span, Years};
use crate::rules::Place;

use super::entity::{ARRIVAL, END, GRANT, PAYMENT, PERIOD, STUDY_COST};

impl Db {
    /// Everything stored about the graduate's follow-up.
    pub fn followup(&self, graduate_id: i64) -> Result<FollowUp, StoreError> {
        let filter = "graduate_id = ?1";
        Ok(collect(self, filter, [graduate_id])?.remove(&graduate_id).unwrap_or_default())
    }

    /// The follow-ups of a cohort's graduates, by graduate id, in one query per table.
    pub fn followups_of(&self, year: i32) -> Result<HashMap<i64, FollowUp>, StoreError> {
        collect(self, "graduate_id IN (SELECT id FROM graduate WHERE graduation_year = ?1)", [year])
    }

    /// A period and whose it is.
    pub fn period(&self, id: i64) -> Result<Option<(i64, Period)>, StoreError> {
        self.query_opt(&format!("{PERIOD_SELECT} WHERE p.id = ?1"), [id], |row| {
            Ok((row.get(8)?, period(row)?))
        })
    }

    /// A payment and whose it is.
    pub fn payment(&self, id: i64) -> Result<Option<(i64, Payment)>, StoreError> {
        self.query_opt(&format!("{PAYMENT_SELECT} WHERE id = ?1"), [id], |row| {
            Ok((row.get(4)?, payment(row)?))
        })
    }

    /// A stored employer's id and name, by BIN.
    pub fn employer_by_bin(&self, bin: Bin) -> Result<Option<(i64, String, OrgKind)>, StoreError> {
        self.query_opt("SELECT id, name, kind FROM employer WHERE bin = ?1", [bin.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, code(r, 2, OrgKind::from_code)?))
        })
    }
}

/// A work period's employer for the store: a stored employer's id, or a name.
pub enum EmployerId<'a> {
    Stored(i64),
    Named(&'a str),
}

impl Tx<'_> {
    /// Records (or corrects) the date the graduate came to work; answers the old one.
    pub fn set_arrival(&self, graduate_id: i64, arrival: &Arrival) -> Result<Option<Arrival>, StoreError> {
        let old = self.followup(graduate_id)?.arrival;
        if old.as_ref() == Some(arrival) {
            return Ok(old);
        }
        self.execute(
            "INSERT INTO arrival (graduate_id, arrived_on, confirmed_by, note, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?5) \
             ON CONFLICT (graduate_id) DO UPDATE SET arrived_on = excluded.arrived_on, \
                 confirmed_by = excluded.confirmed_by, note = excluded.note, updated_at = excluded.updated_at",
            params![graduate_id, iso(arrival.on), arrival.confirmed_by, arrival.note, self.at],
        )?;
        self.audit(ARRIVAL, graduate_id, old.as_ref().map(|o| json!(o)), Some(json!(arrival)))?;
        Ok(old)
    }

    pub fn insert_period(
        &self,
        graduate_id: i64,
        kind: PeriodKind,
        employer: Option<EmployerId<'_>>,
        place: Option<Place>,
        span: Span,
        note: Option<&str>,
    ) -> Result<Period, StoreError> {
        let (employer_id, employer_name) = match employer {
            Some(EmployerId::Stored(id)) => (Some(id), None),
            Some(EmployerId::Named(name)) => (None, Some(name)),
            None => (None, None),
        };
        let id = self.insert(
            "INSERT INTO followup_period (graduate_id, kind, employer_id, employer_name, org_kind, region, rural, \
                 from_date, to_date, note, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![
                graduate_id,
                kind.code(),
                employer_id,
                employer_name,
                place.map(|p| p.kind.code()),
                place.map(|p| p.region.code()),
                place.map(|p| p.rural),
                iso(span.from()),
                span.to().map(iso),
                note,
                self.at
            ],
        )?;
        let (_, period) = self.period(id)?.expect("just inserted");
        self.audit(PERIOD, period.id, None, Some(of_graduate(graduate_id, &period)))?;
        Ok(period)
    }

    /// Sets the dates of `graduate_id`'s period `old`; answers the period as it is now.
    pub fn set_period_span(&self, graduate_id: i64, old: &Period, span: Span) -> Result<Period, StoreError> {
        if span == old.span {
            return Ok(old.clone());
        }
        self.execute(
            "UPDATE followup_period SET from_date = ?1, to_date = ?2, updated_at = ?3 WHERE id = ?4",
            params![iso(span.from()), span.to().map(iso), self.at, old.id],
        )?;
        let new = Period { span, ..old.clone() };
        let (before, after) = (of_graduate(graduate_id, old), of_graduate(graduate_id, &new));
        self.audit(PERIOD, old.id, Some(before), Some(after))?;
        Ok(new)
    }

    /// Deletes `graduate_id`'s period `old`, entered by mistake; the audit row keeps it.
    pub fn delete_period(&self, graduate_id: i64, old: &Period) -> Result<(), StoreError> {
        self.execute("DELETE FROM followup_period WHERE id = ?1", [old.id])?;
        self.audit(PERIOD, old.id, Some(of_graduate(graduate_id, old)), None)
    }

    /// Records (or corrects) what the state paid for the graduate's studies.
    pub fn set_study_cost(&self, graduate_id: i64, cost: &StudyCost) -> Result<(), StoreError> {
        let old = self.followup(graduate_id)?.study_cost;
        if old.as_ref() == Some(cost) {
            return Ok(());
        }
        // Amounts are checked against i64 by the workflow; SQLite's integers are i64.
        let amount = i64::try_from(cost.amount).unwrap_or(i64::MAX);
        self.execute(
            "INSERT INTO study_cost (graduate_id, amount, scope, basis, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?5) \
             ON CONFLICT (graduate_id) DO UPDATE SET amount = excluded.amount, scope = excluded.scope, \
                 basis = excluded.basis, updated_at = excluded.updated_at",
            params![graduate_id, amount, cost.scope.code(), cost.basis, self.at],
        )?;
        self.audit(STUDY_COST, graduate_id, old.map(|o| json!(o)), Some(json!(cost)))
    }

    /// Sets (or clears) the years on the grant.
    pub fn set_grant_years(&self, graduate_id: i64, grant: Option<&GrantYears>) -> Result<(), StoreError> {
        let old = self.graduate(graduate_id)?.and_then(|g| g.record.grant);
        if old.as_ref() == grant {
            return Ok(());
        }
        match grant {
            Some(g) => self.execute(
                "INSERT INTO grant_years (graduate_id, on_grant, normative, source, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5) \
                 ON CONFLICT (graduate_id) DO UPDATE SET on_grant = excluded.on_grant, \
                     normative = excluded.normative, source = excluded.source, updated_at = excluded.updated_at",
                params![graduate_id, g.on_grant.tenths(), g.normative.map(Years::tenths), g.source.code(), self.at],
            )?,
            None => self.execute("DELETE FROM grant_years WHERE graduate_id = ?1", [graduate_id])?,
        };
        self.audit(GRANT, graduate_id, old.map(|o| json!(o)), grant.map(|g| json!(g)))
    }

    pub fn insert_payment(
        &self,
        graduate_id: i64,
        paid_on: NaiveDate,
        amount: u64,
        document: &str,
    ) -> Result<Payment, StoreError> {
        let amount_sql = i64::try_from(amount).unwrap_or(i64::MAX);
        let id = self.insert(
            "INSERT INTO refund_payment (graduate_id, paid_on, amount, document, created_at, created_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![graduate_id, iso(paid_on), amount_sql, document, self.at, self.actor()],
        )?;
        let (_, payment) = self.payment(id)?.expect("just inserted");
        self.audit(
            PAYMENT,
            payment.id,
            None,
            Some(json!({ "graduate_id": graduate_id, "payment": payment })),
        )?;
        Ok(payment)
    }

    /// Deletes `graduate_id`'s payment `old`, entered by mistake; the audit row keeps it.
    pub fn delete_payment(&self, graduate_id: i64, old: &Payment) -> Result<(), StoreError> {
        self.execute("DELETE FROM refund_payment WHERE id = ?1", [old.id])?;
        self.audit(PAYMENT, old.id, Some(json!({ "graduate_id": graduate_id, "payment": old })), None)
    }

    /// Records (or withdraws) the end of the obligation on another ground.
    pub fn set_obligation_end(
        &self,
        graduate_id: i64,
        end: Option<&ObligationEnd>,
    ) -> Result<(), StoreError> {
        let old = self.followup(graduate_id)?.end;
        if old.as_ref() == end {
            return Ok(());
        }
        match end {
            Some(e) => self.execute(
                "INSERT INTO obligation_end (graduate_id, ground, ended_on, document, note, created_at, created_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                 ON CONFLICT (graduate_id) DO UPDATE SET ground = excluded.ground, ended_on = excluded.ended_on, \
                     document = excluded.document, note = excluded.note",
                params![graduate_id, e.ground.code(), iso(e.on), e.document, e.note, self.at, self.actor()],
            )?,
            None => self.execute("DELETE FROM obligation_end WHERE graduate_id = ?1", [graduate_id])?,
        };
        self.audit(END, graduate_id, old.map(|o| json!(o)), end.map(|e| json!(e)))
    }
}

/// A period's audit value: the period and whose it is.
fn of_graduate(graduate_id: i64, period: &Period) -> Value {
    json!({ "graduate_id": graduate_id, "period": period })
}

/// The follow-ups of the graduates `filter` (a condition on each table's `graduate_id`) selects.
fn collect(conn: &Db, filter: &str, params: impl Args + Copy) -> Result<HashMap<i64, FollowUp>, StoreError> {
    let mut out: HashMap<i64, FollowUp> = HashMap::new();
    let mut each = |sql: &str, put: &mut dyn FnMut(&mut FollowUp, &Row<'_>) -> rusqlite::Result<()>| {
        conn.query(&format!("{sql} WHERE {filter}"), params, |row| {
            let id: i64 = row.get("graduate_id")?;
            put(out.entry(id).or_default(), row)
        })?;
        Ok::<_, StoreError>(())
    };
    each("SELECT graduate_id, arrived_on, confirmed_by, note FROM arrival", &mut |f, row| {
        f.arrival = Some(Arrival { on: date(row, 1)?, confirmed_by: row.get(2)?, note: row.get(3)? });
        Ok(())
    })?;
    each(&format!("SELECT * FROM ({PERIOD_SELECT}) p"), &mut |f, row| {
        f.periods.push(period(row)?);
        Ok(())
    })?;
    each("SELECT graduate_id, amount, scope, basis FROM study_cost", &mut |f, row| {
        let amount: i64 = row.get(1)?;
        let amount =
            u64::try_from(amount).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(1, amount))?;
        let scope = code(row, 2, CostScope::from_code)?;
        f.study_cost = Some(StudyCost { amount, scope, basis: row.get(3)? });
        Ok(())
    })?;
    each(&format!("SELECT * FROM ({PAYMENT_SELECT}) r"), &mut |f, row| {
        f.payments.push(payment(row)?);
        Ok(())
    })?;
    each("SELECT graduate_id, ground, ended_on, document, note FROM obligation_end", &mut |f, row| {
        f.end = Some(ObligationEnd {
            ground: code(row, 1, EndGround::from_code)?,
            on: date(row, 2)?,
            document: row.get(3)?,
            note: row.get(4)?,
        });
        Ok(())
    })?;
    for f in out.values_mut() {
        f.periods.sort_by_key(|p| (p.span.from(), p.id));
        f.payments.sort_by_key(|p| (p.paid_on, p.id));
    }
    Ok(out)
}

const PERIOD_SELECT: &str = "SELECT p.id, p.kind, e.bin, e.name, p.employer_name, p.from_date, p.to_date, \
                                    p.note, p.graduate_id, p.org_kind, p.region, p.rural \
                             FROM followup_period p LEFT JOIN employer e ON e.id = p.employer_id";

fn period(row: &Row<'_>) -> rusqlite::Result<Period> {
    let activity = match code(row, 1, PeriodKind::from_code)? {
        PeriodKind::Work => Activity::Work(match parsed_opt(row, 2, Bin::parse)? {
            Some(bin) => Employer::Registered { bin, name: row.get(3)? },
            None => Employer::Unregistered { name: row.get(4)? },
        }),
        PeriodKind::Centre => Activity::Centre,
        PeriodKind::Deferral => Activity::Deferral,
    };
    let place = match (code_opt(row, 9, OrgKind::from_code)?, code_opt(row, 10, Region::from_code)?) {
        (Some(kind), Some(region)) => {
            Some(Place { kind, region, rural: row.get::<_, Option<bool>>(11)?.unwrap_or(false) })
        }
        _ => None,
    };
    // The table's CHECK keeps to ≥ from; a failure here means a hand-edited file.
    let to = parsed_opt(row, 6, |s| NaiveDate::parse_from_str(s, "%Y-%m-%d"))?;
    let span = Span::new(date(row, 5)?, to)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(6, Type::Text, Box::new(e)))?;
    Ok(Period { id: row.get(0)?, activity, place, span, note: row.get(7)? })
}

const PAYMENT_SELECT: &str = "SELECT id, paid_on, amount, document, graduate_id FROM refund_payment";

fn payment(row: &Row<'_>) -> rusqlite::Result<Payment> {
    let amount: i64 = row.get(2)?;
    let amount = u64::try_from(amount).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(2, amount))?;
    Ok(Payment { id: row.get(0)?, paid_on: date(row, 1)?, amount, document: row.get(3)? })
}
