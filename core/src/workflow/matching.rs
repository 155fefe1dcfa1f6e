//! The cohort's matching: the suggestion in either mode, both side by side as a what-if that
//! changes nothing, why a graduate got what they got, graduates' applications, and taking the
//! suggestion as referrals through the same [`decide`] as one-by-one decisions.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::{decide, graduate};
use super::typed::typed;
use super::{Entity, WorkflowError, commission};
use crate::commission::{DecisionRequest, Outcome};
use crate::error::Error;
use crate::i18n::{Lang, Reason, Text};
use crate::matching::{
    self, Application, Cohort, Explanation, Figures, Mode, Priority, QueuePlace, SocialGround, Suggestion,
    Wish,
};
use crate::model::{Graduate, Vacancy};
use crate::papers::{Draft, DraftFigures, DraftLine};
use crate::rules::RuleSet;
use crate::store::{ChangeContext, Db, Store};
use crate::task::Watch;
use crate::vocabulary::Termed;

/// What a matching of cohort `year` reads, loaded once.
struct Loaded {
    rules: RuleSet,
    priority: Priority,
    graduates: Vec<Graduate>,
    applications: HashMap<i64, Application>,
    vacancies: Vec<Vacancy>,
    unacceptable: HashSet<(i64, i64)>,
}

impl Loaded {
    /// The cohort's graduates awaiting a decision and every vacancy open to them.
    fn of(db: &Db, year: i32) -> Result<Loaded, WorkflowError> {
        Ok(Loaded {
            rules: db.rules(year)?,
            priority: db.priority(year)?,
            graduates: db.undecided(year)?,
            applications: db.applications_of(year)?,
            vacancies: db.vacancies_from(year)?,
            unacceptable: db.unacceptable_of(year)?,
        })
    }

    /// Both modes over the cohort, with their figures.
    fn simulation(&self, year: i32) -> Simulation {
        let cohort = self.cohort();
        let (stable, fill) =
            (matching::suggest(&cohort, Mode::Stable), matching::suggest(&cohort, Mode::Fill));
        let figures = vec![
            matching::figures(&cohort, Mode::Stable, &stable),
            matching::figures(&cohort, Mode::Fill, &fill),
        ];
        Simulation { year, priority: self.priority.describe(), stable, fill, figures }
    }

    fn cohort(&self) -> Cohort<'_> {
        Cohort {
            rules: &self.rules,
            priority: &self.priority,
            graduates: &self.graduates,
            applications: &self.applications,
            vacancies: &self.vacancies,
            unacceptable: &self.unacceptable,
        }
    }
}

/// The cohort's suggestion in `mode` over its graduates awaiting a decision.
pub fn suggest(db: &Db, year: i32, mode: Mode) -> Result<Vec<Suggestion>, Error> {
    let loaded = Loaded::of(db, year)?;
    Ok(matching::suggest(&loaded.cohort(), mode))
}

/// Both modes over the cohort, with their figures side by side: what the commission reviews
/// before the meeting. Changes nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Simulation {
    pub year: i32,
    pub priority: Text,
    pub stable: Vec<Suggestion>,
    pub fill: Vec<Suggestion>,
    /// Stable mode's figures, then fill mode's.
    pub figures: Vec<Figures>,
}

impl Simulation {
    pub fn of(&self, mode: Mode) -> &[Suggestion] {
        match mode {
            Mode::Stable => &self.stable,
            Mode::Fill => &self.fill,
        }
    }
}

pub fn simulate(db: &Db, year: i32) -> Result<Simulation, Error> {
    Ok(Loaded::of(db, year)?.simulation(year))
}

/// The draft distribution in `mode` as a paper in `lang`, printed on `as_of`: the two modes'
/// figures, the order in words, every graduate awaiting a decision with their place and the
/// referral suggested (placed ones by employer, then those left for the commission).
pub fn draft(db: &Db, year: i32, mode: Mode, lang: Lang, as_of: NaiveDate) -> Result<Draft, Error> {
    let loaded = Loaded::of(db, year)?;
    let simulation = loaded.simulation(year);
    let figures = simulation
        .figures
        .iter()
        .map(|f| DraftFigures {
            mode: f.mode.label(lang).to_owned(),
            placed: f.placed,
            places: f.places,
            first_wish: f.by_wish.first().copied().unwrap_or(0),
            other_wish: f.by_wish.iter().skip(1).sum(),
            no_wish: f.no_wish,
            unplaced: f.unplaced,
            envy: f.envy,
        })
        .collect();
    let places = matching::places(&loaded.cohort());
    let vacancies: HashMap<i64, &Vacancy> = loaded.vacancies.iter().map(|v| (v.id, v)).collect();
    let got: HashMap<i64, &Suggestion> = simulation.of(mode).iter().map(|s| (s.graduate_id, s)).collect();
    let mut lines: Vec<DraftLine> = loaded
        .graduates
        .iter()
        .map(|g| {
            let suggestion = got.get(&g.id);
            let referral = suggestion.map(|s| {
                let v = &vacancies[&s.vacancy_id].record;
                format!("{}, {} ({})", v.employer.name, v.position, v.region.label(lang))
            });
            DraftLine {
                graduate: format!("{}, {}", g.record.full_name(), g.record.iin),
                place: places[&g.id],
                referral: referral.unwrap_or_default(),
                wish: suggestion.and_then(|s| s.wish),
            }
        })
        .collect();
    // Placed graduates by employer, then those left for the commission; each by their place.
    lines.sort_by(|a, b| {
        (a.referral.is_empty(), &a.referral, a.place).cmp(&(b.referral.is_empty(), &b.referral, b.place))
    });
    Ok(Draft {
        lang,
        year,
        as_of,
        university: db.university()?,
        mode: mode.label(lang).to_owned(),
        order: loaded.priority.describe().get(lang).to_owned(),
        figures,
        lines,
    })
}

/// Prints the draft distribution to the PDF file `path`.
pub fn print_draft(
    db: &Db,
    year: i32,
    mode: Mode,
    lang: Lang,
    as_of: NaiveDate,
    path: &Path,
) -> Result<PathBuf, Error> {
    super::papers::one_file(&draft(db, year, mode, lang, as_of)?, path)
}

/// Exports the draft distribution's list to the .xlsx file `path`.
pub fn export_draft(
    db: &Db,
    year: i32,
    mode: Mode,
    lang: Lang,
    as_of: NaiveDate,
    path: &Path,
) -> Result<PathBuf, Error> {
    crate::papers::simulation::write_xlsx(&draft(db, year, mode, lang, as_of)?, path)?;
    Ok(path.to_path_buf())
}

/// Why graduate `graduate_id` gets what the cohort's `mode` suggestion gives them.
pub fn explain(db: &Db, graduate_id: i64, mode: Mode) -> Result<Explanation, Error> {
    let year = graduate(db, graduate_id)?.record.graduation_year;
    let loaded = Loaded::of(db, year)?;
    let cohort = loaded.cohort();
    let suggestions = matching::suggest(&cohort, mode);
    let not_waiting = || WorkflowError::Text {
        code: "not_awaiting_decision",
        message: Text::new(
            "Түлек бойынша шешім қабылданған: ол бөлуге қатыспайды.",
            "По выпускнику уже принято решение: в распределении он не участвует.",
        ),
    };
    Ok(matching::explain(&cohort, &suggestions, graduate_id).ok_or_else(not_waiting)?)
}

/// Graduate `graduate_id`'s place in their cohort's order; `None` once they have a decision
/// (the order is for those the matching still places).
pub fn standing(db: &Db, graduate_id: i64) -> Result<Option<QueuePlace>, Error> {
    let year = graduate(db, graduate_id)?.record.graduation_year;
    let loaded = Loaded::of(db, year)?;
    Ok(matching::standing(&loaded.cohort(), graduate_id))
}

/// A wish of an application with what the rules say of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WishView {
    pub wish: Wish,
    /// The vacancies it stands for that the rules allow the graduate (with a place left).
    pub allowed: usize,
    /// Set when it stands for no vacancy the rules allow: why, for the card to flag it.
    pub flag: Option<Reason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ApplicationView {
    pub graduate_id: i64,
    pub applied_on: Option<NaiveDate>,
    pub social: Option<SocialGround>,
    pub wishes: Vec<WishView>,
}

/// A graduate's application, each wish flagged when the rules allow none of its vacancies.
pub fn application(db: &Db, graduate_id: i64) -> Result<ApplicationView, Error> {
    let g = graduate(db, graduate_id)?;
    let year = g.record.graduation_year;
    let (rules, vacancies, application) =
        (db.rules(year)?, db.vacancies_from(year)?, db.application(graduate_id)?);
    let rules = rules.assessor(&g.record);
    let wishes = application
        .wishes
        .into_iter()
        .map(|wish| {
            let covered: Vec<&Vacancy> = vacancies.iter().filter(|v| wish.covers(v)).collect();
            let allowed = covered.iter().filter(|v| rules.allows(v)).count();
            let flag = match (covered.first(), allowed) {
                (None, _) => Some(Reason::new(
                    "wish_names_nothing",
                    "Бұл тілекке сай бос орын жоқ",
                    "Вакансий по этому пожеланию нет",
                )),
                (Some(v), 0) if covered.len() == 1 => rules.refusals(v).first().map(Reason::of),
                (Some(_), 0) => Some(Reason::new(
                    "wish_not_allowed",
                    "Ережелер бұл тілектің бірде-бір бос орнына рұқсат етпейді",
                    "Правила не допускают ни одной вакансии этого пожелания",
                )),
                _ => None,
            };
            WishView { wish, allowed, flag }
        })
        .collect();
    Ok(ApplicationView {
        graduate_id,
        applied_on: application.applied_on,
        social: application.social,
        wishes,
    })
}

/// A graduate's application as the card or a list hands it in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ApplicationRequest {
    pub graduate_id: i64,
    #[serde(flatten)]
    pub application: Application,
}

pub fn set_application(
    store: &mut Store,
    request: &ApplicationRequest,
    ctx: &ChangeContext,
) -> Result<ApplicationView, Error> {
    graduate(store, request.graduate_id)?;
    store.write(ctx, |tx| tx.set_application(request.graduate_id, &request.application))?;
    application(store, request.graduate_id)
}

/// An employer's word on a candidate: unacceptable for the vacancy (with the reason it gave),
/// or, with no reason, acceptable again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RefusalRequest {
    pub vacancy_id: i64,
    pub graduate_id: i64,
    pub reason: Option<String>,
}

pub fn set_unacceptable(
    store: &mut Store,
    request: &RefusalRequest,
    ctx: &ChangeContext,
) -> Result<(), Error> {
    let label = Text::new("Жұмыс берушінің бас тарту себебі", "Причина отказа работодателя");
    let reason = typed(label, request.reason.as_deref(), false)?;
    graduate(store, request.graduate_id)?;
    store
        .vacancy(request.vacancy_id)?
        .ok_or(WorkflowError::NotFound { what: Entity::Vacancy, id: request.vacancy_id })?;
    store.write(ctx, |tx| tx.set_unacceptable(request.vacancy_id, request.graduate_id, reason))?;
    Ok(())
}

/// Takes the `mode` suggestion of the meeting's cohort as referrals at the meeting through
/// [`decide`], arriving on `arrival` (by default the cohort's arrival day), reporting each
/// decision; a cancel stops before the next one (those taken stay: each is a decision of its
/// own, which the commission may revise). With `picks` (graduate, vacancy), only the rows the
/// commission reviewed and kept that the suggestion still makes. Answers the suggestions taken.
pub fn accept(
    store: &mut Store,
    meeting_id: i64,
    mode: Mode,
    arrival: Option<NaiveDate>,
    picks: Option<&[(i64, i64)]>,
    ctx: &ChangeContext,
    watch: &Watch,
) -> Result<Vec<Suggestion>, Error> {
    let meeting = commission::meeting(store, meeting_id)?;
    let year = store
        .commission_by_id(meeting.commission_id)?
        .ok_or(WorkflowError::NotFound { what: Entity::Commission, id: meeting.commission_id })?
        .year;
    let arrival = match arrival {
        Some(arrival) => arrival,
        None => store.cohort_settings(year)?.default_arrival(meeting.held_on),
    };
    let mut suggestions = suggest(store, year, mode)?;
    if let Some(picks) = picks {
        suggestions.retain(|s| picks.contains(&(s.graduate_id, s.vacancy_id)));
    }
    let total = Some(suggestions.len() as u64);
    let mut taken = 0;
    for s in &suggestions {
        if watch.cancelled() {
            break;
        }
        let request = DecisionRequest {
            meeting_id,
            graduate_id: s.graduate_id,
            outcome: Outcome::Vacancy { vacancy_id: s.vacancy_id, arrival_date: arrival },
            revises: None,
            reason: None,
        };
        decide(store, &request, ctx)?;
        taken += 1;
        watch.report(taken as u64, total);
    }
    suggestions.truncate(taken);
    Ok(suggestions)
}
