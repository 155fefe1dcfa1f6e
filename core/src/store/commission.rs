//! The commission's year in the database: commissions and members, meetings and their
//! locking, decisions (a vacancy's place taken in the same transaction as the referral; a
//! revision gives it back and cancels the replaced decision's paper), proofs kept beside the
//! database, and the papers' numbers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde_json::json;

use super::convert::{code, code_opt, date, date_opt, json_ids, parsed_opt};
use super::{ChangeContext, HOME_UNIVERSITY, Store, StoreError, audit, graduates, now, vacancies};
use crate::classifiers::Region;
use crate::commission::{
    Commission, Decision, DecisionRequest, Entity, Finalised, Meeting, Member, Outcome, ProofFile, Role,
    WorkflowError,
};
use crate::i18n::Text;
use crate::ident::Bin;
use crate::model::{Graduate, University, Vacancy};
use crate::rules::{
    DeferralReason, ExemptionGround, Obligation, ProofDocument, Refusal, RuleSet, assess, exemption_allowed,
};
use crate::suggest::{Suggestion, Wish, suggest};

/// A paper's number: sequential per commission, never reused.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PaperNumber {
    pub seq: u32,
    /// As printed: `2025/0042`.
    pub number: String,
    pub issued_on: NaiveDate,
    pub cancelled: bool,
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn write(conn: &mut Connection) -> rusqlite::Result<Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
}

impl Store {
    /// Creates the commission of a graduation cohort.
    pub fn create_commission(
        &mut self,
        year: i32,
        name: &Text,
        ctx: &ChangeContext,
    ) -> Result<i64, WorkflowError> {
        let tx = write(&mut self.conn).map_err(StoreError::from)?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT id FROM commission WHERE university_id = ?1 AND year = ?2",
                params![HOME_UNIVERSITY, year],
                |r| r.get(0),
            )
            .optional()
            .map_err(StoreError::from)?;
        if exists.is_some() {
            return Err(WorkflowError::CommissionExists { year });
        }
        let at = now();
        tx.execute(
            "INSERT INTO commission (university_id, year, name_kk, name_ru, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![HOME_UNIVERSITY, year, name.kk, name.ru, at],
        )
        .map_err(StoreError::from)?;
        let id = tx.last_insert_rowid();
        audit::change(&tx, ctx, "commission", id, &at, None, Some(json!({ "year": year, "name": name })))
            .map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(id)
    }

    /// The commission of a graduation cohort, with its members.
    pub fn commission(&self, year: i32) -> Result<Option<Commission>, StoreError> {
        self.commission_where("university_id = ?1 AND year = ?2", params![HOME_UNIVERSITY, year])
    }

    pub fn commission_by_id(&self, id: i64) -> Result<Option<Commission>, StoreError> {
        self.commission_where("id = ?1", [id])
    }

    /// The home university's names, addresses and letterhead, as the papers head them.
    pub fn university(&self) -> Result<University, StoreError> {
        Ok(self.conn.query_row(
            "SELECT name_kk, name_ru, COALESCE(address_kk, ''), COALESCE(address_ru, ''), \
                    COALESCE(letterhead_kk, ''), COALESCE(letterhead_ru, '') \
             FROM university WHERE id = ?1",
            [HOME_UNIVERSITY],
            |r| {
                let text = |kk: usize| -> rusqlite::Result<Text> {
                    Ok(Text::new(r.get::<_, String>(kk)?, r.get::<_, String>(kk + 1)?))
                };
                Ok(University { name: text(0)?, address: text(2)?, letterhead: text(4)? })
            },
        )?)
    }

    /// Sets what the papers' letterhead says; names cannot be blank. Audited.
    pub fn set_university(&mut self, u: &University, ctx: &ChangeContext) -> Result<University, StoreError> {
        if u.name.kk.trim().is_empty() || u.name.ru.trim().is_empty() {
            return Err(StoreError::BlankUniversityName);
        }
        let old = self.university()?;
        // Blank texts are stored as NULL, as the migration leaves them.
        let blank = |t: &str| Some(t.trim()).filter(|t| !t.is_empty()).map(str::to_owned);
        self.conn.execute(
            "UPDATE university SET name_kk = ?2, name_ru = ?3, address_kk = ?4, address_ru = ?5, \
                    letterhead_kk = ?6, letterhead_ru = ?7 WHERE id = ?1",
            params![
                HOME_UNIVERSITY,
                u.name.kk.trim(),
                u.name.ru.trim(),
                blank(&u.address.kk),
                blank(&u.address.ru),
                blank(&u.letterhead.kk),
                blank(&u.letterhead.ru)
            ],
        )?;
        let new = self.university()?;
        audit::change(
            &self.conn,
            ctx,
            "university",
            HOME_UNIVERSITY,
            &now(),
            Some(json!(old)),
            Some(json!(new)),
        )?;
        Ok(new)
    }

    fn commission_where(
        &self,
        filter: &str,
        params: impl rusqlite::Params,
    ) -> Result<Option<Commission>, StoreError> {
        let found = self
            .conn
            .query_row(
                &format!("SELECT id, year, name_kk, name_ru FROM commission WHERE {filter}"),
                params,
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i32>(1)?,
                        Text::new(r.get::<_, String>(2)?, r.get::<_, String>(3)?),
                    ))
                },
            )
            .optional()?;
        let Some((id, year, name)) = found else { return Ok(None) };
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, role, full_name, position FROM commission_member WHERE commission_id = ?1 \
             ORDER BY CASE role WHEN 'chair' THEN 0 WHEN 'deputy' THEN 1 WHEN 'secretary' THEN 2 ELSE 3 END, id",
        )?;
        let members = stmt
            .query_map([id], |r| {
                Ok(Member {
                    id: r.get(0)?,
                    role: code(r, 1, Role::from_code)?,
                    full_name: r.get(2)?,
                    position: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(Commission { id, year, name, members }))
    }

    pub fn add_member(
        &mut self,
        commission_id: i64,
        role: Role,
        full_name: &str,
        position: Option<&str>,
        ctx: &ChangeContext,
    ) -> Result<i64, StoreError> {
        let tx = write(&mut self.conn)?;
        tx.execute(
            "INSERT INTO commission_member (commission_id, role, full_name, position) VALUES (?1, ?2, ?3, ?4)",
            params![commission_id, role.code(), full_name.trim(), position],
        )?;
        let id = tx.last_insert_rowid();
        let details = json!({ "commission_id": commission_id, "role": role, "full_name": full_name });
        audit::change(&tx, ctx, "commission_member", id, &now(), None, Some(details))?;
        tx.commit()?;
        Ok(id)
    }

    /// Opens the next meeting of the commission, with the members present.
    pub fn create_meeting(
        &mut self,
        commission_id: i64,
        held_on: NaiveDate,
        place: Option<&str>,
        present: &[i64],
        ctx: &ChangeContext,
    ) -> Result<Meeting, StoreError> {
        let tx = write(&mut self.conn)?;
        let number: u32 = tx.query_row(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM meeting WHERE commission_id = ?1",
            [commission_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO meeting (commission_id, number, held_on, place) VALUES (?1, ?2, ?3, ?4)",
            params![commission_id, number, iso(held_on), place],
        )?;
        let id = tx.last_insert_rowid();
        for member in present {
            tx.execute(
                "INSERT INTO meeting_attendance (meeting_id, member_id) VALUES (?1, ?2)",
                [id, *member],
            )?;
        }
        let details = json!({ "number": number, "held_on": held_on, "present": present });
        audit::change(&tx, ctx, "meeting", id, &now(), None, Some(details))?;
        tx.commit()?;
        Ok(self.meeting(id)?.expect("inserted in this call"))
    }

    pub fn meeting(&self, id: i64) -> Result<Option<Meeting>, StoreError> {
        meeting(&self.conn, id)
    }

    pub fn meetings(&self, commission_id: i64) -> Result<Vec<Meeting>, StoreError> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM meeting WHERE commission_id = ?1 ORDER BY number")?
            .query_map([commission_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter().filter_map(|id| self.meeting(id).transpose()).collect()
    }

    /// Locks the meeting: its decisions and protocol never change afterwards. The chair and the
    /// secretary, who sign the protocol, must be present, and there must be a decision.
    pub fn finalise_meeting(&mut self, id: i64, ctx: &ChangeContext) -> Result<Meeting, WorkflowError> {
        let tx = write(&mut self.conn).map_err(StoreError::from)?;
        let meeting = open_meeting(&tx, id)?;
        let signatories: u32 = tx
            .query_row(
                "SELECT COUNT(*) FROM meeting_attendance a JOIN commission_member m ON m.id = a.member_id \
                 WHERE a.meeting_id = ?1 AND m.role IN ('chair', 'secretary')",
                [id],
                |r| r.get(0),
            )
            .map_err(StoreError::from)?;
        if signatories < 2 {
            return Err(WorkflowError::SignatoriesAbsent);
        }
        let decisions: u32 = tx
            .query_row("SELECT COUNT(*) FROM decision WHERE meeting_id = ?1", [id], |r| r.get(0))
            .map_err(StoreError::from)?;
        if decisions == 0 {
            return Err(WorkflowError::NothingToFinalise);
        }
        let at = now();
        tx.execute(
            "UPDATE meeting SET finalised_at = ?1, finalised_by = ?2 WHERE id = ?3",
            params![at, ctx.actor, id],
        )
        .map_err(StoreError::from)?;
        audit::change(
            &tx,
            ctx,
            "meeting",
            id,
            &at,
            Some(json!({ "number": meeting.number })),
            Some(json!({ "finalised": at })),
        )
        .map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(self.meeting(id)?.expect("the meeting exists"))
    }

    /// The graduate's decisions, oldest first; the last one not revised is the current one.
    pub fn decisions_of(&self, graduate_id: i64) -> Result<Vec<Decision>, StoreError> {
        decisions(&self.conn, "d.graduate_id = ?1", [graduate_id])
    }

    /// The meeting's decisions in the order taken: what its protocol lists.
    pub fn decisions_of_meeting(&self, meeting_id: i64) -> Result<Vec<Decision>, StoreError> {
        decisions(&self.conn, "d.meeting_id = ?1", [meeting_id])
    }

    /// The bound graduates of a cohort who have no current decision: the meeting's queue.
    pub fn undecided(&self, year: i32, rules: &RuleSet) -> Result<Vec<Graduate>, StoreError> {
        let graduates = graduates::select(
            &self.conn,
            "g.graduation_year = ?1 AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.graduate_id = g.id)",
            [year],
        )?;
        Ok(graduates
            .into_iter()
            .filter(|g| matches!(rules.obligation(&g.record), Obligation::Bound(_)))
            .collect())
    }

    /// The vacancies `decisions` refer people to, by id: one query for just those rows, for
    /// papers, summaries and exports that name the employer.
    pub fn referred_vacancies<'a>(
        &self,
        decisions: impl IntoIterator<Item = &'a Decision>,
    ) -> Result<HashMap<i64, Vacancy>, StoreError> {
        let ids: Vec<i64> = decisions
            .into_iter()
            .filter_map(|d| match d.outcome {
                Outcome::Vacancy { vacancy_id, .. } => Some(vacancy_id),
                _ => None,
            })
            .collect();
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let ids = json_ids(&ids);
        Ok(vacancies::select(&self.conn, "v.id IN (SELECT value FROM json_each(?1))", [ids.as_str()])?
            .into_iter()
            .map(|v| (v.id, v))
            .collect())
    }

    pub fn graduate(&self, id: i64) -> Result<Option<Graduate>, StoreError> {
        Ok(graduates::select(&self.conn, "g.id = ?1", [id])?.pop())
    }

    pub fn graduate_by_iin(
        &self,
        iin: &crate::ident::Iin,
        year: Option<i32>,
    ) -> Result<Option<Graduate>, StoreError> {
        let found = graduates::select(&self.conn, "g.iin = ?1", [iin.as_str()])?;
        Ok(found
            .into_iter()
            .filter(|g| year.is_none_or(|y| g.record.graduation_year == y))
            .max_by_key(|g| g.record.graduation_year))
    }

    /// Takes a decision, checked against the cohort's rules, in one transaction: a referral
    /// takes its vacancy's place atomically (two referrals never take the last place twice); a
    /// revision gives the replaced referral's place back and cancels its paper.
    pub fn decide(
        &mut self,
        request: &DecisionRequest,
        rules: &RuleSet,
        ctx: &ChangeContext,
    ) -> Result<Decision, WorkflowError> {
        let proofs_dir = self.proofs_dir();
        let tx = write(&mut self.conn).map_err(StoreError::from)?;
        let meeting = open_meeting(&tx, request.meeting_id)?;
        let graduate = graduates::select(&tx, "g.id = ?1", [request.graduate_id])?
            .pop()
            .ok_or(WorkflowError::NotFound { what: Entity::Graduate, id: request.graduate_id })?;
        let current = current_decision(&tx, graduate.id)?;
        match (current, request.revises) {
            (Some(current), None) => return Err(WorkflowError::AlreadyDecided { current }),
            (current, Some(asked)) if current != Some(asked) => {
                return Err(WorkflowError::NotCurrent { asked, current });
            }
            _ => {}
        }
        let Obligation::Bound(bound) = rules.obligation(&graduate.record) else {
            return Err(WorkflowError::NotBound);
        };
        let mut term_years = Some(bound.term_years);
        match &request.outcome {
            Outcome::Vacancy { vacancy_id, .. } => {
                let vacancy = vacancies::select(&tx, "v.id = ?1", [*vacancy_id])?
                    .pop()
                    .ok_or(WorkflowError::NotFound { what: Entity::Vacancy, id: *vacancy_id })?;
                let reasons: Vec<Refusal> = rules
                    .refusals(&graduate.record, &vacancy)
                    .into_iter()
                    .filter(|r| *r != Refusal::NoPlacesLeft)
                    .collect();
                if !reasons.is_empty() {
                    return Err(WorkflowError::NotAllowed { reasons });
                }
                let taken = tx
                    .execute(
                        "UPDATE vacancy SET places_left = places_left - 1 WHERE id = ?1 AND places_left > 0",
                        [vacancy_id],
                    )
                    .map_err(StoreError::from)?;
                if taken == 0 {
                    return Err(WorkflowError::NoPlacesLeft);
                }
            }
            Outcome::EmploymentCentre { confirmed, .. } => {
                let open = vacancies::select(
                    &tx,
                    "v.year = ?1 AND v.places_left > 0",
                    [graduate.record.graduation_year],
                )?;
                let count = assess(rules, &graduate.record, &open).iter().filter(|a| a.allowed()).count();
                if count > 0 && !confirmed {
                    return Err(WorkflowError::VacanciesAvailable { count });
                }
            }
            Outcome::Exemption { ground, proofs } => {
                if !exemption_allowed(graduate.record.graduation_year, meeting.held_on) {
                    return Err(WorkflowError::ExemptionOutOfYear {
                        graduation_year: graduate.record.graduation_year,
                    });
                }
                let have: Vec<ProofDocument> = proofs.iter().map(|p| p.document).collect();
                let missing = ground.missing_proofs(&have);
                if !missing.is_empty() {
                    let missing = missing
                        .iter()
                        .map(|group| {
                            let labels: Vec<Text> = group.iter().map(|d| d.label()).collect();
                            Text::new(
                                labels.iter().map(|t| t.kk.as_str()).collect::<Vec<_>>().join(" / "),
                                labels.iter().map(|t| t.ru.as_str()).collect::<Vec<_>>().join(" / "),
                            )
                        })
                        .collect();
                    return Err(WorkflowError::ProofsMissing { missing });
                }
                term_years = None;
            }
            Outcome::Deferral { from, to, .. } => {
                if to.is_some_and(|to| to < *from) {
                    return Err(WorkflowError::DeferralDates);
                }
            }
        }
        if let Some(replaced) = request.revises {
            release(&tx, replaced)?;
        }
        let at = now();
        insert_decision(&tx, request, &meeting, term_years, &at, ctx)?;
        let id = tx.last_insert_rowid();
        let stored = match &request.outcome {
            Outcome::Exemption { proofs, .. } => store_proofs(&tx, &proofs_dir, id, proofs, &at)?,
            _ => Vec::new(),
        };
        let details = json!({ "request": request, "proofs": stored });
        audit::change(&tx, ctx, "decision", id, &at, None, Some(details)).map_err(StoreError::from)?;
        let commit = tx.commit().map_err(StoreError::from);
        if commit.is_err() {
            stored.iter().for_each(|p| drop(std::fs::remove_file(p)));
        }
        commit?;
        Ok(decisions(&self.conn, "d.id = ?1", [id])?.pop().expect("just stored"))
    }

    /// Replaces a graduate's application wishes, most wanted first.
    pub fn set_wishes(
        &mut self,
        graduate_id: i64,
        wishes: &[Wish],
        ctx: &ChangeContext,
    ) -> Result<(), StoreError> {
        let tx = write(&mut self.conn)?;
        let old =
            wishes_where(&tx, "w.graduate_id = ?1", [graduate_id])?.remove(&graduate_id).unwrap_or_default();
        tx.execute("DELETE FROM graduate_wish WHERE graduate_id = ?1", [graduate_id])?;
        for (rank, wish) in wishes.iter().enumerate() {
            tx.execute(
                "INSERT INTO graduate_wish (graduate_id, rank, region, employer_id) \
                 VALUES (?1, ?2, ?3, (SELECT id FROM employer WHERE bin = ?4))",
                params![
                    graduate_id,
                    rank as i64 + 1,
                    wish.region.map(Region::code),
                    wish.employer.as_ref().map(|b| b.as_str())
                ],
            )?;
        }
        audit::change(&tx, ctx, "graduate_wish", graduate_id, &now(), Some(json!(old)), Some(json!(wishes)))?;
        tx.commit()?;
        Ok(())
    }

    /// The cohort suggestion over its undecided graduates and the vacancies with places.
    pub fn suggest(&self, year: i32, rules: &RuleSet) -> Result<Vec<Suggestion>, StoreError> {
        let graduates = self.undecided(year, rules)?;
        let vacancies = vacancies::select(&self.conn, "v.year = ?1 AND v.places_left > 0", [year])?;
        let wishes = wishes_where(&self.conn, "g.graduation_year = ?1", [year])?;
        Ok(suggest(rules, &graduates, &wishes, &vacancies))
    }

    /// Where proof documents are kept: the `proofs` folder beside the database file.
    pub fn proofs_dir(&self) -> PathBuf {
        self.path().and_then(Path::parent).map_or_else(std::env::temp_dir, Path::to_path_buf).join("proofs")
    }

    /// The number of the paper of a decision: given the first time it is printed, the same
    /// every time after.
    pub fn paper_number(
        &mut self,
        decision_id: i64,
        issued_on: NaiveDate,
        ctx: &ChangeContext,
    ) -> Result<PaperNumber, StoreError> {
        let tx = write(&mut self.conn)?;
        if let Some(number) = paper(&tx, decision_id)? {
            return Ok(number);
        }
        let commission_id: i64 = tx.query_row(
            "SELECT m.commission_id FROM decision d JOIN meeting m ON m.id = d.meeting_id WHERE d.id = ?1",
            [decision_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO paper (commission_id, seq, decision_id, issued_on) \
             SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3 FROM paper WHERE commission_id = ?1",
            params![commission_id, decision_id, iso(issued_on)],
        )?;
        let number = paper(&tx, decision_id)?.expect("just numbered");
        audit::change(&tx, ctx, "paper", tx.last_insert_rowid(), &now(), None, Some(json!(number)))?;
        tx.commit()?;
        Ok(number)
    }
}

fn wishes_where(
    conn: &Connection,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<std::collections::HashMap<i64, Vec<Wish>>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT w.graduate_id, w.region, e.bin FROM graduate_wish w JOIN graduate g ON g.id = w.graduate_id \
         LEFT JOIN employer e ON e.id = w.employer_id WHERE {filter} ORDER BY w.graduate_id, w.rank"
    ))?;
    let mut out: std::collections::HashMap<i64, Vec<Wish>> = std::collections::HashMap::new();
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        let wish =
            Wish { region: code_opt(r, 1, Region::from_code)?, employer: parsed_opt(r, 2, Bin::parse)? };
        out.entry(r.get(0)?).or_default().push(wish);
    }
    Ok(out)
}

fn meeting(conn: &Connection, id: i64) -> Result<Option<Meeting>, StoreError> {
    let found = conn
        .query_row(
            "SELECT id, commission_id, number, held_on, place, finalised_at, finalised_by FROM meeting WHERE id = ?1",
            [id],
            |r| {
                let finalised = match (r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?) {
                    (Some(at), by) => Some(Finalised { at, by: by.unwrap_or_default() }),
                    _ => None,
                };
                Ok(Meeting {
                    id: r.get(0)?,
                    commission_id: r.get(1)?,
                    number: r.get(2)?,
                    held_on: date(r, 3)?,
                    place: r.get(4)?,
                    present: Vec::new(),
                    finalised,
                })
            },
        )
        .optional()?;
    let Some(mut meeting) = found else { return Ok(None) };
    meeting.present = conn
        .prepare_cached("SELECT member_id FROM meeting_attendance WHERE meeting_id = ?1 ORDER BY member_id")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(Some(meeting))
}

/// The meeting, if it exists and is not finalised.
fn open_meeting(conn: &Connection, id: i64) -> Result<Meeting, WorkflowError> {
    let meeting = meeting(conn, id)?.ok_or(WorkflowError::NotFound { what: Entity::Meeting, id })?;
    if meeting.finalised.is_some() {
        return Err(WorkflowError::MeetingFinalised { number: meeting.number });
    }
    Ok(meeting)
}

fn current_decision(conn: &Connection, graduate_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id FROM decision d WHERE graduate_id = ?1 \
             AND NOT EXISTS (SELECT 1 FROM decision r WHERE r.revises_id = d.id)",
            [graduate_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// What a revision undoes of the decision it replaces: a referral's place comes back, its
/// paper is marked cancelled. The replaced decision itself stays as it was.
fn release(conn: &Connection, replaced: i64) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE vacancy SET places_left = MIN(places, places_left + 1) \
         WHERE id = (SELECT vacancy_id FROM decision WHERE id = ?1)",
        [replaced],
    )?;
    conn.execute(
        "UPDATE paper SET cancelled_at = ?1 WHERE decision_id = ?2 AND cancelled_at IS NULL",
        params![now(), replaced],
    )?;
    Ok(())
}

fn insert_decision(
    conn: &Connection,
    request: &DecisionRequest,
    meeting: &Meeting,
    term_years: Option<u8>,
    at: &str,
    ctx: &ChangeContext,
) -> Result<(), StoreError> {
    let (mut vacancy, mut arrival, mut region, mut ground, mut reason, mut from, mut to, mut confirmed) =
        (None, None, None, None, None, None, None, false);
    match &request.outcome {
        Outcome::Vacancy { vacancy_id, arrival_date } => {
            vacancy = Some(*vacancy_id);
            arrival = Some(iso(*arrival_date));
        }
        Outcome::EmploymentCentre { region: r, confirmed: c } => {
            region = Some(r.code());
            confirmed = *c;
        }
        Outcome::Exemption { ground: g, .. } => ground = Some(g.code()),
        Outcome::Deferral { reason: r, from: f, to: t } => {
            reason = Some(r.code());
            from = Some(iso(*f));
            to = t.map(iso);
        }
    }
    conn.execute(
        "INSERT INTO decision (meeting_id, graduate_id, kind, vacancy_id, arrival_date, centre_region, \
            exemption_ground, deferral_reason, deferral_from, deferral_to, term_years, confirmed_warning, \
            revises_id, reason, created_at, created_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            meeting.id,
            request.graduate_id,
            request.outcome.code(),
            vacancy,
            arrival,
            region,
            ground,
            reason,
            from,
            to,
            term_years,
            confirmed,
            request.revises,
            request.reason,
            at,
            ctx.actor
        ],
    )?;
    Ok(())
}

/// Copies the proof files into `<proofs>/<decision id>/` and records them; returns the copies
/// (removed again by the caller if the transaction does not commit).
fn store_proofs(
    conn: &Connection,
    dir: &Path,
    decision_id: i64,
    proofs: &[ProofFile],
    at: &str,
) -> Result<Vec<PathBuf>, WorkflowError> {
    let folder = dir.join(decision_id.to_string());
    std::fs::create_dir_all(&folder)
        .map_err(|source| WorkflowError::ProofFile { path: folder.clone(), source })?;
    let mut stored = Vec::new();
    for (n, proof) in proofs.iter().enumerate() {
        let name =
            proof.file.file_name().map_or_else(|| "document".into(), |n| n.to_string_lossy().into_owned());
        let target = folder.join(format!("{}-{name}", n + 1));
        if let Err(source) = std::fs::copy(&proof.file, &target) {
            stored.iter().for_each(|p| drop(std::fs::remove_file(p)));
            return Err(WorkflowError::ProofFile { path: proof.file.clone(), source });
        }
        stored.push(target.clone());
        let relative = target.strip_prefix(dir).unwrap_or(&target).to_string_lossy().into_owned();
        conn.execute(
            "INSERT INTO decision_proof (decision_id, document, file_name, stored_as, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![decision_id, proof.document.code(), name, relative, at],
        )
        .map_err(StoreError::from)?;
    }
    Ok(stored)
}

fn paper(conn: &Connection, decision_id: i64) -> Result<Option<PaperNumber>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT p.seq, c.year, p.issued_on, p.cancelled_at FROM paper p \
             JOIN commission c ON c.id = p.commission_id WHERE p.decision_id = ?1",
            [decision_id],
            |r| {
                let seq: u32 = r.get(0)?;
                let year: i32 = r.get(1)?;
                Ok(PaperNumber {
                    seq,
                    number: format!("{year}/{seq:04}"),
                    issued_on: date(r, 2)?,
                    cancelled: r.get::<_, Option<String>>(3)?.is_some(),
                })
            },
        )
        .optional()?)
}

fn decisions(
    conn: &Connection,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Decision>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT d.id, d.meeting_id, m.number, d.graduate_id, d.kind, d.vacancy_id, d.arrival_date, \
                d.centre_region, d.confirmed_warning, d.exemption_ground, d.deferral_reason, \
                d.deferral_from, d.deferral_to, d.term_years, d.revises_id, \
                (SELECT r.id FROM decision r WHERE r.revises_id = d.id), d.reason, d.created_at, d.created_by \
         FROM decision d JOIN meeting m ON m.id = d.meeting_id WHERE {filter} ORDER BY d.id"
    ))?;
    let rows = stmt.query_map(params, |r| {
        let id: i64 = r.get(0)?;
        Ok(Decision {
            id,
            meeting_id: r.get(1)?,
            meeting_number: r.get(2)?,
            graduate_id: r.get(3)?,
            outcome: outcome(r)?,
            term_years: r.get(13)?,
            revises: r.get(14)?,
            revised_by: r.get(15)?,
            reason: r.get(16)?,
            created_at: r.get(17)?,
            created_by: r.get(18)?,
        })
    })?;
    let mut out: Vec<Decision> = rows.collect::<Result<_, _>>()?;
    for decision in &mut out {
        if let Outcome::Exemption { proofs, .. } = &mut decision.outcome {
            *proofs = conn
                .prepare_cached(
                    "SELECT document, stored_as FROM decision_proof WHERE decision_id = ?1 ORDER BY id",
                )?
                .query_map([decision.id], |r| {
                    Ok(ProofFile {
                        document: code(r, 0, ProofDocument::from_code)?,
                        file: PathBuf::from(r.get::<_, String>(1)?),
                    })
                })?
                .collect::<Result<_, _>>()?;
        }
    }
    Ok(out)
}

fn outcome(r: &Row<'_>) -> rusqlite::Result<Outcome> {
    let kind: String = r.get(4)?;
    let bad = |what: &str| {
        rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, what.to_string().into())
    };
    Ok(match kind.as_str() {
        "vacancy" => Outcome::Vacancy { vacancy_id: r.get(5)?, arrival_date: date(r, 6)? },
        "employment_centre" => {
            Outcome::EmploymentCentre { region: code(r, 7, Region::from_code)?, confirmed: r.get(8)? }
        }
        "exemption" => {
            Outcome::Exemption { ground: code(r, 9, ExemptionGround::from_code)?, proofs: Vec::new() }
        }
        "deferral" => Outcome::Deferral {
            reason: code(r, 10, DeferralReason::from_code)?,
            from: date(r, 11)?,
            to: date_opt(r, 12)?,
        },
        other => return Err(bad(other)),
    })
}

/// Reads over a whole cohort, for lists and exports.
impl Store {
    /// The current (not revised) decisions of a graduation cohort's graduates, by id.
    pub fn current_decisions(&self, year: i32) -> Result<Vec<Decision>, StoreError> {
        decisions(
            &self.conn,
            "d.graduate_id IN (SELECT id FROM graduate WHERE graduation_year = ?1) \
             AND NOT EXISTS (SELECT 1 FROM decision r WHERE r.revises_id = d.id)",
            [year],
        )
    }
}
