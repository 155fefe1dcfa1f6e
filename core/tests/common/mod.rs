//! What the integration tests build their worlds from: a graduate, a vacancy, and a cohort's
//! commission with its chair and secretary and a first meeting. Each test binary uses part of
//! it.
#![allow(dead_code)]

use chrono::NaiveDate;
use joldama_core::classifiers::{Field, Funding, Level, OrgKind, Region};
use joldama_core::commission::Role;
use joldama_core::ident::{Bin, Iin};
use joldama_core::model::{EmployerRecord, GraduateRecord, VacancyRecord};
use joldama_core::store::{ChangeContext, Store};
use joldama_core::workflow::commission::{self, CommissionRequest, MeetingRequest, MemberRequest};

/// A 2025 graduate of `code` with this funding, level and field, living in Abai.
pub fn graduate(iin: &str, funding: Funding, level: Level, field: Field, code: &str) -> GraduateRecord {
    let iin = Iin::parse(iin).unwrap();
    GraduateRecord {
        iin,
        surname: "Әбілқасымова".into(),
        name: "Гүлнұр".into(),
        patronymic: None,
        birth_date: iin.birth_date(),
        sex: iin.sex(),
        level,
        funding,
        field,
        program_code: code.into(),
        program_name: "Бағдарлама".into(),
        graduation_year: 2025,
        region: Some(Region::Abai),
        phone: None,
        email: None,
        grant: None,
        gpa: None,
    }
}

/// A 2025 request of `places` places for any programme.
pub fn vacancy(
    bin: &str,
    name: &str,
    kind: OrgKind,
    region: Region,
    rural: bool,
    places: u32,
) -> VacancyRecord {
    VacancyRecord {
        employer: EmployerRecord { bin: Bin::parse(bin).unwrap(), name: name.into(), kind, ownership: None },
        year: 2025,
        position: "Маман".into(),
        program_codes: vec![],
        places,
        region,
        district: None,
        settlement: None,
        rural,
        contact_person: None,
        phone: None,
    }
}

/// The cohort's commission (chair and secretary) and a meeting held on `held_on`, all present.
pub fn first_meeting(store: &mut Store, year: i32, held_on: NaiveDate, ctx: &ChangeContext) -> i64 {
    commission::create_commission(store, &CommissionRequest { year, name: None }, ctx).unwrap();
    for (role, name) in [(Role::Chair, "Ахметов А."), (Role::Secretary, "Омарова Д.")] {
        let member = MemberRequest { year, role, full_name: name.into(), position: None };
        commission::add_member(store, &member, ctx).unwrap();
    }
    let meeting = MeetingRequest { year, held_on, place: None, present: None };
    commission::create_meeting(store, &meeting, ctx).unwrap().id
}
