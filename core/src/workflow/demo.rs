//! The demo year, built through the same steps a secretary takes: generated lists imported, the
//! commission and its members, a first meeting with the suggested referrals taken and
//! finalised, and the meeting's papers printed beside the database.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::commission::{self, CommissionRequest, MeetingRequest, MemberRequest};
use super::{WorkflowError, matching, papers};
use crate::commission::Role;
use crate::error::Error;
use crate::generate::{
    DemoError, GraduateListSpec, VacancyListSpec, write_graduate_list, write_vacancy_list,
};
use crate::i18n::{Lang, Text};
use crate::import::{ImportOptions, ImportReport};
use crate::matching::{Application, Mode, Wish};
use crate::model::{University, Vacancy};
use crate::papers::Output;
use crate::store::{ChangeContext, Store};
use crate::task::Watch;

/// What the demo database is made of.
#[derive(Clone, Debug)]
pub struct DemoSpec {
    pub year: i32,
    pub graduates: usize,
    pub vacancies: usize,
    pub seed: u64,
}

impl DemoSpec {
    /// A demo the size of a university's year: 400 graduates, 120 requests.
    pub const GRADUATES: usize = 400;
    pub const VACANCIES: usize = 120;
    pub const SEED: u64 = 2025;

    pub fn of_year(year: i32) -> DemoSpec {
        DemoSpec { year, graduates: Self::GRADUATES, vacancies: Self::VACANCIES, seed: Self::SEED }
    }
}

/// The imports the demo ran, with their reports (the generated lists have the faults real
/// lists have, so the reports show problems too), and its first meeting.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DemoSummary {
    pub reports: Vec<ImportReport>,
    pub meeting_id: i64,
    pub referrals: usize,
    /// The meeting's letters and protocol, beside the database.
    pub papers: Vec<PathBuf>,
}

/// The demo commission: (role, name, position).
const MEMBERS: &[(Role, &str, Option<&str>)] = &[
    (Role::Chair, "Сәрсенбаев Ерлан Қайратұлы", Some("Ректор")),
    (Role::Deputy, "Ким Ольга Викторовна", Some("Проректор по учебной работе")),
    (Role::Secretary, "Жақсылықова Әйгерім Серікқызы", Some("Мансап орталығының басшысы")),
    (Role::Member, "Оспанов Нұрлан Ғалымұлы", None),
];

/// The demo university (invented), with a letterhead of several lines as Settings keeps them.
fn demo_university() -> University {
    University {
        name: Text::new("«Сарыарқа университеті» КеАҚ", "НАО «Университет Сарыарка»"),
        address: Text::new(
            "100028, Қарағанды қ., Университет көшесі, 28",
            "100028, г. Караганда, ул. Университетская, 28",
        ),
        letterhead: Text::new(
            "Мансап орталығы\nТел.: 8 (7212) 35-00-00, e-mail: career@saryarka.edu.kz",
            "Центр карьеры\nТел.: 8 (7212) 35-00-00, e-mail: career@saryarka.edu.kz",
        ),
    }
}

/// Years a demo can be built for: a graduation cohort the program's calendar and lists handle.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Fills the store with a demo year: a Kazakh and a Russian registrar list and an employers'
/// list are generated into a private temporary folder (removed afterwards, whatever happens)
/// and imported by the same code a secretary uses. A year that has its commission already is
/// left as it is (`None`): a second start changes nothing.
pub fn build(store: &mut Store, spec: &DemoSpec, actor: &str) -> Result<Option<DemoSummary>, Error> {
    if !YEARS.contains(&spec.year) {
        return Err(DemoError::Year { year: spec.year, years: YEARS }.into());
    }
    if store.commission(spec.year)?.is_some() {
        return Ok(None);
    }
    let dir = tempfile::Builder::new()
        .prefix("joldama-demo-")
        .tempdir()
        .map_err(|source| DemoError::Folder { path: std::env::temp_dir(), source })?;
    build_in(dir.path(), store, spec, actor).map(Some)
}

fn build_in(dir: &Path, store: &mut Store, spec: &DemoSpec, actor: &str) -> Result<DemoSummary, Error> {
    let options = ImportOptions {
        year: Some(spec.year),
        dry_run: false,
        actor: actor.to_owned(),
        ..Default::default()
    };
    let kazakh = spec.graduates / 2;
    let lists = [(Lang::Kk, kazakh, spec.seed), (Lang::Ru, spec.graduates - kazakh, spec.seed + 1)];
    let mut reports = Vec::new();
    for (lang, rows, seed) in lists {
        let path = dir.join(format!("түлектер_{}_{}.xlsx", spec.year, lang.code()));
        write_graduate_list(&path, &GraduateListSpec { rows, lang, year: spec.year, seed, messy: true })?;
        reports.push(super::import::graduates(store, &path, &options)?);
    }
    let path = dir.join(format!("вакансиялар_{}.xlsx", spec.year));
    write_vacancy_list(&path, &VacancyListSpec { rows: spec.vacancies, year: spec.year, seed: spec.seed })?;
    reports.push(super::import::vacancies(store, &path, spec.year, &options)?);
    applications(store, spec.year, actor)?;
    first_meeting(store, spec.year, actor, reports)
}

/// Every graduate's application, as the commission would have them before the meeting: a
/// vacancy, an employer and a region the rules allow them, and the day in May handed in.
fn applications(store: &mut Store, year: i32, actor: &str) -> Result<(), Error> {
    let (rules, vacancies, graduates) =
        (store.rules(year)?, store.open_vacancies_from(year)?, store.undecided(year)?);
    let ctx = ChangeContext { actor: actor.to_owned(), source: Some("demo".into()) };
    store.write(&ctx, |tx| {
        for g in &graduates {
            let rules = rules.assessor(&g.record);
            let allowed: Vec<&Vacancy> = vacancies.iter().filter(|v| rules.allows(v)).collect();
            let Some(first) = allowed.first() else { continue };
            // Spread over the allowed ones by the graduate's number, so the wishes differ.
            let pick = |step: i64| allowed[(g.id * step).rem_euclid(allowed.len() as i64) as usize];
            let wishes = vec![
                Wish::Vacancy { vacancy_id: pick(7).id },
                Wish::Employer { bin: pick(13).record.employer.bin, region: None },
                Wish::Region { region: g.record.region.unwrap_or(first.record.region) },
            ];
            let applied_on = NaiveDate::from_ymd_opt(year, 5, 1 + g.id.rem_euclid(28) as u32);
            tx.set_application(g.id, &Application { wishes, applied_on, social: None })?;
        }
        Ok::<_, WorkflowError>(())
    })?;
    Ok(())
}

/// The commission, its first meeting with the suggested referrals taken and finalised, and
/// the meeting's papers printed beside the database.
fn first_meeting(
    store: &mut Store,
    year: i32,
    actor: &str,
    reports: Vec<ImportReport>,
) -> Result<DemoSummary, Error> {
    let ctx = ChangeContext { actor: actor.to_owned(), source: Some("demo".into()) };
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("a real date");
    // A university the secretary has named already is kept; the new file's placeholder is not.
    if store.university()?.name == Text::new("Университет", "Университет") {
        store.set_university(&demo_university(), &ctx)?;
    }
    commission::create_commission(store, &CommissionRequest { year, name: None }, &ctx)?;
    for (role, full_name, position) in MEMBERS {
        let member = MemberRequest {
            year,
            role: *role,
            full_name: (*full_name).into(),
            position: position.map(Into::into),
        };
        commission::add_member(store, &member, &ctx)?;
    }
    let meeting = MeetingRequest {
        year,
        held_on: day(6, 20),
        place: Some("Қарағанды қ., Ғылыми кеңес залы / г. Караганда, зал Учёного совета".into()),
        present: None,
    };
    let meeting = commission::create_meeting(store, &meeting, &ctx)?;
    let suggestions = matching::accept(store, meeting.id, Mode::Fill, None, None, &ctx, &Watch::default())?;
    commission::finalise(store, meeting.id, &ctx)?;
    let papers = match store.path().and_then(Path::parent).map(|d| d.join("papers")) {
        Some(folder) => {
            let letters_file = folder.join(format!("{year}-1-жолдамалар.pdf"));
            let protocol_file = folder.join(format!("{year}-1-хаттама.pdf"));
            let mut written = papers::print_meeting(
                store,
                meeting.id,
                Lang::Kk,
                None,
                Output::Combined(&letters_file),
                &ctx,
                &Watch::default(),
            )?;
            written.push(papers::print_protocol(store, meeting.id, Lang::Kk, &protocol_file)?);
            written
        }
        None => Vec::new(),
    };
    Ok(DemoSummary { reports, meeting_id: meeting.id, referrals: suggestions.len(), papers })
}
