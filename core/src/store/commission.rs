//! The commission of a cohort and its members, the home university's letterhead, and the
//! meetings with the members present and their locking.

use chrono::NaiveDate;
use rusqlite::params;
use serde_json::json;

use super::convert::{code, date, iso};
use super::sql::{Args, Row};
use super::{ChangeContext, Db, HOME_UNIVERSITY, Store, StoreError, Tx, audit, now};
use crate::commission::{Commission, Finalised, Meeting, Member, Role};
use crate::i18n::Text;
use crate::model::University;

impl Db {
    /// The commission of a graduation cohort, with its members.
    pub fn commission(&self, year: i32) -> Result<Option<Commission>, StoreError> {
        commission_where(self, "university_id = ?1 AND year = ?2", params![HOME_UNIVERSITY, year])
    }

    pub fn commission_by_id(&self, id: i64) -> Result<Option<Commission>, StoreError> {
        commission_where(self, "id = ?1", [id])
    }

    /// The home university's names, addresses and letterhead, as the papers head them.
    pub fn university(&self) -> Result<University, StoreError> {
        self.query_one(
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
        )
    }

    pub fn meeting(&self, id: i64) -> Result<Option<Meeting>, StoreError> {
        let found = self
            .query_opt(
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
            )?;
        let Some(mut meeting) = found else { return Ok(None) };
        meeting.present = self.query(
            "SELECT member_id FROM meeting_attendance WHERE meeting_id = ?1 ORDER BY member_id",
            [id],
            |r| r.get(0),
        )?;
        Ok(Some(meeting))
    }

    pub fn meetings(&self, commission_id: i64) -> Result<Vec<Meeting>, StoreError> {
        let ids: Vec<i64> = self.query(
            "SELECT id FROM meeting WHERE commission_id = ?1 ORDER BY number",
            [commission_id],
            |r| r.get(0),
        )?;
        ids.into_iter().filter_map(|id| self.meeting(id).transpose()).collect()
    }

    /// A member, with the id of their commission.
    pub fn member(&self, id: i64) -> Result<Option<(i64, Member)>, StoreError> {
        self.query_opt(
            "SELECT commission_id, id, role, full_name, position FROM commission_member WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, member_of(r, 1)?)),
        )
    }

    /// The first finalised meeting the member was present at: its protocol names them.
    pub fn member_sealed_by(&self, member_id: i64) -> Result<Option<u32>, StoreError> {
        self.query_one(
            "SELECT MIN(m.number) FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id \
             WHERE a.member_id = ?1 AND m.finalised_at IS NOT NULL",
            [member_id],
            |r| r.get(0),
        )
    }

    /// How many decisions the meeting took.
    pub fn decision_count(&self, meeting_id: i64) -> Result<usize, StoreError> {
        let count: i64 =
            self.query_one("SELECT COUNT(*) FROM decision WHERE meeting_id = ?1", [meeting_id], |r| {
                r.get(0)
            })?;
        Ok(usize::try_from(count).unwrap_or(0))
    }
}

impl Store {
    /// Sets what the papers' letterhead says; names cannot be blank. Audited.
    pub fn set_university(&mut self, u: &University, ctx: &ChangeContext) -> Result<University, StoreError> {
        if u.name.kk.trim().is_empty() || u.name.ru.trim().is_empty() {
            return Err(StoreError::BlankUniversityName);
        }
        let old = self.university()?;
        // Blank texts are stored as NULL, as the migration leaves them.
        let blank = |t: &str| Some(t.trim()).filter(|t| !t.is_empty()).map(str::to_owned);
        self.execute(
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
        audit::change(self, ctx, "university", HOME_UNIVERSITY, &now(), Some(json!(old)), Some(json!(new)))?;
        Ok(new)
    }
}

impl Tx<'_> {
    pub fn insert_commission(&self, year: i32, name: &Text) -> Result<i64, StoreError> {
        let id = self.insert(
            "INSERT INTO commission (university_id, year, name_kk, name_ru, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![HOME_UNIVERSITY, year, name.kk, name.ru, self.at],
        )?;
        self.audit("commission", id, None, Some(json!({ "year": year, "name": name })))?;
        Ok(id)
    }

    pub fn insert_member(
        &self,
        commission_id: i64,
        role: Role,
        full_name: &str,
        position: Option<&str>,
    ) -> Result<i64, StoreError> {
        let id = self.insert(
            "INSERT INTO commission_member (commission_id, role, full_name, position) VALUES (?1, ?2, ?3, ?4)",
            params![commission_id, role.code(), full_name, position],
        )?;
        let details = json!({ "commission_id": commission_id, "role": role, "full_name": full_name });
        self.audit("commission_member", id, None, Some(details))?;
        Ok(id)
    }

    /// Changes a member's role, name and position (the triggers refuse a member a finalised
    /// protocol names).
    pub fn update_member(&self, old: &Member, new: &Member) -> Result<(), StoreError> {
        self.execute(
            "UPDATE commission_member SET role = ?2, full_name = ?3, position = ?4 WHERE id = ?1",
            params![old.id, new.role.code(), new.full_name, new.position],
        )?;
        self.audit("commission_member", old.id, Some(json!(old)), Some(json!(new)))
    }

    /// Removes a member, and their presence at the meetings not yet finalised.
    pub fn delete_member(&self, member: &Member) -> Result<(), StoreError> {
        self.execute("DELETE FROM meeting_attendance WHERE member_id = ?1", [member.id])?;
        self.execute("DELETE FROM commission_member WHERE id = ?1", [member.id])?;
        self.audit("commission_member", member.id, Some(json!(member)), None)
    }

    /// Opens the commission's next meeting (numbered in order) with the members present.
    pub fn insert_meeting(
        &self,
        commission_id: i64,
        held_on: NaiveDate,
        place: Option<&str>,
        present: &[i64],
    ) -> Result<Meeting, StoreError> {
        let number: u32 = self.query_one(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM meeting WHERE commission_id = ?1",
            [commission_id],
            |r| r.get(0),
        )?;
        let id = self.insert(
            "INSERT INTO meeting (commission_id, number, held_on, place) VALUES (?1, ?2, ?3, ?4)",
            params![commission_id, number, iso(held_on), place],
        )?;
        for member in present {
            self.execute(
                "INSERT INTO meeting_attendance (meeting_id, member_id) VALUES (?1, ?2)",
                [id, *member],
            )?;
        }
        let details = json!({ "number": number, "held_on": held_on, "present": present });
        self.audit("meeting", id, None, Some(details))?;
        Ok(self.meeting(id)?.expect("inserted in this step"))
    }

    /// Locks the meeting: its decisions and protocol never change afterwards (triggers too).
    pub fn finalise_meeting(&self, meeting: &Meeting) -> Result<Meeting, StoreError> {
        self.execute(
            "UPDATE meeting SET finalised_at = ?1, finalised_by = ?2 WHERE id = ?3",
            params![self.at, self.actor(), meeting.id],
        )?;
        let (old, new) = (json!({ "number": meeting.number }), json!({ "finalised": self.at }));
        self.audit("meeting", meeting.id, Some(old), Some(new))?;
        Ok(self.meeting(meeting.id)?.expect("the meeting exists"))
    }
}

fn commission_where(conn: &Db, filter: &str, params: impl Args) -> Result<Option<Commission>, StoreError> {
    let found = conn.query_opt(
        &format!("SELECT id, year, name_kk, name_ru FROM commission WHERE {filter}"),
        params,
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i32>(1)?,
                Text::new(r.get::<_, String>(2)?, r.get::<_, String>(3)?),
            ))
        },
    )?;
    let Some((id, year, name)) = found else { return Ok(None) };
    let members = conn.query(
        "SELECT id, role, full_name, position FROM commission_member WHERE commission_id = ?1 \
         ORDER BY CASE role WHEN 'chair' THEN 0 WHEN 'deputy' THEN 1 WHEN 'secretary' THEN 2 ELSE 3 END, id",
        [id],
        |r| member_of(r, 0),
    )?;
    Ok(Some(Commission { id, year, name, members }))
}

/// A member from the row's columns `id, role, full_name, position` starting at `first`.
fn member_of(r: &Row<'_>, first: usize) -> rusqlite::Result<Member> {
    Ok(Member {
        id: r.get(first)?,
        role: code(r, first + 1, Role::from_code)?,
        full_name: r.get(first + 2)?,
        position: r.get(first + 3)?,
    })
}
