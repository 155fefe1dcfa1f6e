//! A graduate's follow-up: arrival, periods, cost of the studies. Each change runs in its own
//! transaction with its audit row (old and new values); writing what is already stored changes
//! nothing and audits nothing.

use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde_json::{Value, json};

use super::audit;
use super::convert::{code, date, parsed_opt};
use super::{ChangeContext, Store, now};
use crate::followup::{
    Activity, Arrival, Employer, EmployerRef, FollowUp, FollowUpError, Period, PeriodKind, Span, StudyCost,
};
use crate::ident::Bin;

const ARRIVAL: &str = "arrival";
const PERIOD: &str = "followup_period";
const STUDY_COST: &str = "study_cost";

impl Store {
    /// Records (or corrects) the date the graduate came to work.
    pub fn confirm_arrival(
        &mut self,
        graduate_id: i64,
        arrival: &Arrival,
        ctx: &ChangeContext,
    ) -> Result<(), FollowUpError> {
        if arrival.confirmed_by.trim().is_empty() {
            return Err(FollowUpError::NoConfirmer);
        }
        let tx = write(&mut self.conn)?;
        ensure_graduate(&tx, graduate_id)?;
        let old = read_arrival(&tx, graduate_id)?;
        if old.as_ref() == Some(arrival) {
            return Ok(());
        }
        let at = now();
        tx.execute(
            "INSERT INTO arrival (graduate_id, arrived_on, confirmed_by, note, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?5) \
             ON CONFLICT (graduate_id) DO UPDATE SET arrived_on = excluded.arrived_on, \
                 confirmed_by = excluded.confirmed_by, note = excluded.note, \
                 updated_at = excluded.updated_at",
            params![graduate_id, iso(arrival.on), arrival.confirmed_by, arrival.note, at],
        )?;
        audit::change(&tx, ctx, ARRIVAL, graduate_id, &at, old.map(|o| json!(o)), Some(json!(arrival)))?;
        Ok(tx.commit()?)
    }

    /// Adds a period; a work period's employer is looked up by BIN or kept as a bare name.
    pub fn add_period(
        &mut self,
        graduate_id: i64,
        activity: &Activity<EmployerRef>,
        span: Span,
        note: Option<&str>,
        ctx: &ChangeContext,
    ) -> Result<Period, FollowUpError> {
        let tx = write(&mut self.conn)?;
        ensure_graduate(&tx, graduate_id)?;
        let (employer_id, employer_name) = match activity {
            Activity::Work(EmployerRef::Bin(bin)) => (Some(employer_id(&tx, *bin)?), None),
            Activity::Work(EmployerRef::Name(name)) if name.trim().is_empty() => {
                return Err(FollowUpError::NoEmployerName);
            }
            Activity::Work(EmployerRef::Name(name)) => (None, Some(name.as_str())),
            Activity::Centre | Activity::Deferral => (None, None),
        };
        let at = now();
        tx.execute(
            "INSERT INTO followup_period (graduate_id, kind, employer_id, employer_name, from_date, \
                 to_date, note, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                graduate_id,
                activity.kind().code(),
                employer_id,
                employer_name,
                iso(span.from()),
                span.to().map(iso),
                note,
                at
            ],
        )?;
        let (_, period) = read_period(&tx, tx.last_insert_rowid())?.expect("just inserted");
        audit::change(&tx, ctx, PERIOD, period.id, &at, None, Some(of_graduate(graduate_id, &period)))?;
        tx.commit()?;
        Ok(period)
    }

    /// Sets (or corrects) the last day of a period.
    pub fn end_period(
        &mut self,
        period_id: i64,
        on: NaiveDate,
        ctx: &ChangeContext,
    ) -> Result<Period, FollowUpError> {
        let tx = write(&mut self.conn)?;
        let (graduate_id, old) =
            read_period(&tx, period_id)?.ok_or(FollowUpError::UnknownPeriod { id: period_id })?;
        let span = Span::new(old.span.from(), Some(on))?;
        if span == old.span {
            return Ok(old);
        }
        let at = now();
        tx.execute(
            "UPDATE followup_period SET to_date = ?1, updated_at = ?2 WHERE id = ?3",
            params![iso(on), at, period_id],
        )?;
        let new = Period { span, ..old.clone() };
        let (old, new_json) = (of_graduate(graduate_id, &old), of_graduate(graduate_id, &new));
        audit::change(&tx, ctx, PERIOD, period_id, &at, Some(old), Some(new_json))?;
        tx.commit()?;
        Ok(new)
    }

    /// Deletes a period entered by mistake; the audit row keeps what it was.
    pub fn remove_period(&mut self, period_id: i64, ctx: &ChangeContext) -> Result<(), FollowUpError> {
        let tx = write(&mut self.conn)?;
        let (graduate_id, old) =
            read_period(&tx, period_id)?.ok_or(FollowUpError::UnknownPeriod { id: period_id })?;
        tx.execute("DELETE FROM followup_period WHERE id = ?1", [period_id])?;
        audit::change(&tx, ctx, PERIOD, period_id, &now(), Some(of_graduate(graduate_id, &old)), None)?;
        Ok(tx.commit()?)
    }

    /// A graduate's periods by start date.
    pub fn periods(&self, graduate_id: i64) -> Result<Vec<Period>, FollowUpError> {
        ensure_graduate(&self.conn, graduate_id)?;
        read_periods(&self.conn, graduate_id)
    }

    /// Records (or corrects) what the state paid for the graduate's studies.
    pub fn set_study_cost(
        &mut self,
        graduate_id: i64,
        cost: &StudyCost,
        ctx: &ChangeContext,
    ) -> Result<(), FollowUpError> {
        let amount =
            i64::try_from(cost.amount).map_err(|_| FollowUpError::AmountTooLarge { amount: cost.amount })?;
        let tx = write(&mut self.conn)?;
        ensure_graduate(&tx, graduate_id)?;
        let old = read_study_cost(&tx, graduate_id)?;
        if old.as_ref() == Some(cost) {
            return Ok(());
        }
        let at = now();
        tx.execute(
            "INSERT INTO study_cost (graduate_id, amount, basis, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?4) \
             ON CONFLICT (graduate_id) DO UPDATE SET amount = excluded.amount, \
                 basis = excluded.basis, updated_at = excluded.updated_at",
            params![graduate_id, amount, cost.basis, at],
        )?;
        audit::change(&tx, ctx, STUDY_COST, graduate_id, &at, old.map(|o| json!(o)), Some(json!(cost)))?;
        Ok(tx.commit()?)
    }

    /// Everything stored about the graduate's follow-up, read in one snapshot.
    pub fn followup(&self, graduate_id: i64) -> Result<FollowUp, FollowUpError> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        ensure_graduate(&tx, graduate_id)?;
        Ok(FollowUp {
            arrival: read_arrival(&tx, graduate_id)?,
            periods: read_periods(&tx, graduate_id)?,
            study_cost: read_study_cost(&tx, graduate_id)?,
        })
    }
}

/// Immediate: take the write lock now rather than fail half-way on a busy file.
fn write(conn: &mut Connection) -> rusqlite::Result<Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn parse_iso(text: &str) -> chrono::ParseResult<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
}

/// A period's audit value: the period and whose it is.
fn of_graduate(graduate_id: i64, period: &Period) -> Value {
    json!({ "graduate_id": graduate_id, "period": period })
}

fn ensure_graduate(conn: &Connection, id: i64) -> Result<(), FollowUpError> {
    let found = conn.prepare_cached("SELECT 1 FROM graduate WHERE id = ?1")?.exists([id])?;
    if found { Ok(()) } else { Err(FollowUpError::UnknownGraduate { id }) }
}

fn employer_id(conn: &Connection, bin: Bin) -> Result<i64, FollowUpError> {
    conn.prepare_cached("SELECT id FROM employer WHERE bin = ?1")?
        .query_row([bin.as_str()], |r| r.get(0))
        .optional()?
        .ok_or(FollowUpError::UnknownEmployer { bin })
}

fn read_arrival(conn: &Connection, graduate_id: i64) -> rusqlite::Result<Option<Arrival>> {
    conn.prepare_cached("SELECT arrived_on, confirmed_by, note FROM arrival WHERE graduate_id = ?1")?
        .query_row([graduate_id], |row| {
            Ok(Arrival { on: date(row, 0)?, confirmed_by: row.get(1)?, note: row.get(2)? })
        })
        .optional()
}

fn read_study_cost(conn: &Connection, graduate_id: i64) -> rusqlite::Result<Option<StudyCost>> {
    conn.prepare_cached("SELECT amount, basis FROM study_cost WHERE graduate_id = ?1")?
        .query_row([graduate_id], |row| {
            let amount: i64 = row.get(0)?;
            let amount =
                u64::try_from(amount).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, amount))?;
            Ok(StudyCost { amount, basis: row.get(1)? })
        })
        .optional()
}

const PERIOD_SELECT: &str = "SELECT p.id, p.kind, e.bin, e.name, p.employer_name, p.from_date, p.to_date, \
                                    p.note, p.graduate_id \
                             FROM followup_period p LEFT JOIN employer e ON e.id = p.employer_id";

fn read_period(conn: &Connection, id: i64) -> rusqlite::Result<Option<(i64, Period)>> {
    conn.prepare_cached(&format!("{PERIOD_SELECT} WHERE p.id = ?1"))?
        .query_row([id], |row| Ok((row.get(8)?, period(row)?)))
        .optional()
}

fn read_periods(conn: &Connection, graduate_id: i64) -> Result<Vec<Period>, FollowUpError> {
    let mut stmt =
        conn.prepare_cached(&format!("{PERIOD_SELECT} WHERE p.graduate_id = ?1 ORDER BY p.from_date, p.id"))?;
    let rows = stmt.query_map([graduate_id], period)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn period(row: &Row<'_>) -> rusqlite::Result<Period> {
    let activity = match code(row, 1, PeriodKind::from_code)? {
        PeriodKind::Work => Activity::Work(match parsed_opt(row, 2, Bin::parse)? {
            Some(bin) => Employer::Registered { bin, name: row.get(3)? },
            None => Employer::Unregistered { name: row.get(4)? },
        }),
        PeriodKind::Centre => Activity::Centre,
        PeriodKind::Deferral => Activity::Deferral,
    };
    // The table's CHECK keeps to ≥ from; a failure here means a hand-edited file.
    let span = Span::new(date(row, 5)?, parsed_opt(row, 6, parse_iso)?)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(6, Type::Text, Box::new(e)))?;
    Ok(Period { id: row.get(0)?, activity, span, note: row.get(7)? })
}
