//! A graduate's file as the commission reads it: what the rules say, the decisions and what
//! each one means in words, the vacancies the rules allow and refuse, the obligation's
//! standing, and the audit trail. Composed here so that the window and the command line show
//! the same thing.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::classifiers::Classifier;
use crate::commission::{Decision, DecisionRequest, Entity, Outcome, WorkflowError};
use crate::error::Error;
use crate::followup::{FollowUp, FollowUpError, Obligation as Term, ObligationStatus};
use crate::i18n::{Lang, Text, UserFacing, date};
use crate::model::{Graduate, Vacancy};
use crate::rules::{DeferralReason, ExemptionGround, Obligation, ProofDocument, RuleSet, Score, assess};
use crate::store::{AuditEntry, ChangeContext, DecisionStatus, GraduateRow, Store};

/// 1 September of the graduation year: when a referral's work starts unless it says otherwise.
pub fn default_arrival(graduation_year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(graduation_year, 9, 1).expect("1 September exists")
}

/// What a decision means, in words: the employer and position, the centre's region, the
/// exemption's ground, the deferral's reason and dates.
pub fn summary(outcome: &Outcome, vacancy: Option<&Vacancy>) -> Text {
    let both = |f: &dyn Fn(Lang) -> String| Text::new(f(Lang::Kk), f(Lang::Ru));
    let t = |lang, kk: &str, ru: &str| Text::new(kk, ru).get(lang).to_owned();
    match outcome {
        Outcome::Vacancy { vacancy_id, arrival_date } => both(&|lang| {
            let place = vacancy.map_or_else(
                || format!("#{vacancy_id}"),
                |v| {
                    let r = &v.record;
                    format!("{}, {}, {}", r.employer.name, r.position, r.region.label(lang))
                },
            );
            format!(
                "{}: {place}; {} {}",
                t(lang, "Бос орынға жолдама", "Направление на вакансию"),
                t(lang, "келу күні", "дата прибытия"),
                date(*arrival_date)
            )
        }),
        Outcome::EmploymentCentre { region, .. } => both(&|lang| {
            format!(
                "{}: {}",
                t(lang, "Жұмыспен қамту орталығына жолдама", "Направление в центр занятости"),
                region.label(lang)
            )
        }),
        Outcome::Exemption { ground, .. } => both(&|lang| {
            format!(
                "{}: {}",
                t(lang, "Жұмыспен өтеуден босату", "Освобождение от отработки"),
                ground.label().get(lang)
            )
        }),
        Outcome::Deferral { reason, from, to } => both(&|lang| {
            format!(
                "{}: {}, {} – {}",
                t(lang, "Кейінге қалдыру", "Отсрочка"),
                reason.label().get(lang),
                date(*from),
                to.map_or_else(|| "…".into(), date)
            )
        }),
    }
}

/// A decision with its meaning in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DecisionView {
    pub decision: Decision,
    pub summary: Text,
}

impl DecisionView {
    /// `vacancies` holds the referred ones ([`Store::referred_vacancies`]).
    pub fn new(decision: Decision, vacancies: &HashMap<i64, Vacancy>) -> DecisionView {
        let vacancy = match &decision.outcome {
            Outcome::Vacancy { vacancy_id, .. } => vacancies.get(vacancy_id),
            _ => None,
        };
        DecisionView { summary: summary(&decision.outcome, vacancy), decision }
    }
}

/// What a bound graduate owes: the term, the follow-up and the obligation they give.
pub struct Standing {
    pub term_years: u8,
    pub followup: FollowUp,
    pub obligation: Term,
}

/// The term comes from the current decision, else from the rules; the start is the confirmed
/// arrival, else the referral's arrival date, else 1 September of the graduation year. An
/// exempted or unbound graduate owes nothing: that is an error naming why.
pub fn standing(
    store: &Store,
    rules: &RuleSet,
    graduate: &Graduate,
    decision: Option<&Decision>,
) -> Result<Standing, FollowUpError> {
    let planned = match decision.map(|d| (d.id, &d.outcome)) {
        Some((id, Outcome::Exemption { .. })) => return Err(FollowUpError::Exempted { decision: id }),
        Some((_, Outcome::Vacancy { arrival_date, .. })) => *arrival_date,
        _ => default_arrival(graduate.record.graduation_year),
    };
    let term_years = match (decision.and_then(|d| d.term_years), rules.obligation(&graduate.record)) {
        (Some(years), _) => years,
        (None, Obligation::Bound(bound)) => bound.term_years,
        (None, Obligation::NotBound(why)) => return Err(FollowUpError::NotBound(why)),
    };
    let followup = store.followup(graduate.id)?;
    let obligation = followup.obligation(term_years, planned)?;
    Ok(Standing { term_years, followup, obligation })
}

/// One reason a vacancy is refused: its stable code and its words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Reason {
    pub code: String,
    pub message: Text,
}

/// A vacancy weighed for a graduate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Weighed {
    pub vacancy: Vacancy,
    pub score: Score,
    pub reasons: Vec<Reason>,
}

/// What the rules allow a graduate among their cohort's vacancies: the allowed ones best
/// first, the refused ones with every reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Eligibility {
    pub graduate: Graduate,
    pub obligation: Obligation,
    pub allowed: Vec<Weighed>,
    pub refused: Vec<Weighed>,
}

pub fn eligibility(store: &Store, graduate: Graduate) -> Result<Eligibility, Error> {
    let year = graduate.record.graduation_year;
    let rules = store.rules(year)?;
    let open = store.vacancies_of(year)?;
    let (mut allowed, mut refused) = (Vec::new(), Vec::new());
    for a in assess(&rules, &graduate.record, &open) {
        let vacancy = open.iter().find(|v| v.id == a.vacancy_id).expect("assessed from this list").clone();
        let reasons =
            a.reasons.iter().map(|r| Reason { code: r.code().to_owned(), message: r.message() }).collect();
        let weighed = Weighed { vacancy, score: a.score, reasons };
        match a.allowed() {
            true => allowed.push(weighed),
            false => refused.push(weighed),
        }
    }
    Ok(Eligibility { obligation: rules.obligation(&graduate.record), graduate, allowed, refused })
}

/// Everything the window's detail panel shows of one graduate.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GraduateDetail {
    pub graduate: Graduate,
    pub obligation: Obligation,
    /// Oldest first; the current one is the last not revised.
    pub decisions: Vec<DecisionView>,
    pub followup: FollowUp,
    pub term_years: Option<u8>,
    /// The obligation's standing on the as-of date; none while the graduate owes nothing.
    pub status: Option<ObligationStatus>,
    /// Why there is no standing (exempted, not bound), in words.
    pub no_status: Option<Text>,
    pub history: Vec<AuditEntry>,
}

pub fn graduate_detail(store: &Store, graduate_id: i64, as_of: NaiveDate) -> Result<GraduateDetail, Error> {
    let graduate = store
        .graduate(graduate_id)?
        .ok_or(WorkflowError::NotFound { what: Entity::Graduate, id: graduate_id })?;
    let rules = store.rules(graduate.record.graduation_year)?;
    let decisions = store.decisions_of(graduate_id)?;
    let vacancies = store.referred_vacancies(&decisions)?;
    let current = decisions.iter().find(|d| d.is_current());
    let (followup, term_years, status, no_status) = match standing(store, &rules, &graduate, current) {
        Ok(s) => (s.followup, Some(s.term_years), Some(s.obligation.status(as_of)), None),
        Err(e @ (FollowUpError::Exempted { .. } | FollowUpError::NotBound(_))) => {
            (store.followup(graduate_id)?, None, None, Some(e.message()))
        }
        Err(e) => return Err(e.into()),
    };
    Ok(GraduateDetail {
        obligation: rules.obligation(&graduate.record),
        decisions: decisions.into_iter().map(|d| DecisionView::new(d, &vacancies)).collect(),
        followup,
        term_years,
        status,
        no_status,
        history: store.audit_trail("graduate", graduate_id)?,
        graduate,
    })
}

/// The queue of a meeting: the cohort's bound graduates without a decision, by name.
pub fn queue(store: &Store, year: i32) -> Result<Vec<GraduateRow>, Error> {
    let rules = store.rules(year)?;
    Ok(store.undecided(year, &rules)?.iter().map(|g| GraduateRow::of(g, DecisionStatus::Undecided)).collect())
}

/// Takes a decision under the graduate's cohort's rules and words it.
pub fn decide(
    store: &mut Store,
    request: &DecisionRequest,
    ctx: &ChangeContext,
) -> Result<DecisionView, Error> {
    let graduate = store
        .graduate(request.graduate_id)?
        .ok_or(WorkflowError::NotFound { what: Entity::Graduate, id: request.graduate_id })?;
    let rules = store.rules(graduate.record.graduation_year)?;
    let decision = store.decide(request, &rules, ctx)?;
    let vacancies = store.referred_vacancies([&decision])?;
    Ok(DecisionView::new(decision, &vacancies))
}

/// A proof document to choose, with its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DocumentChoice {
    pub document: ProofDocument,
    pub label: Text,
}

/// An exemption ground with the proofs it needs: every group, one document of each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GroundChoice {
    pub ground: ExemptionGround,
    pub label: Text,
    pub proof_groups: Vec<Vec<DocumentChoice>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DeferralChoice {
    pub reason: DeferralReason,
    pub label: Text,
}

pub fn exemption_grounds() -> Vec<GroundChoice> {
    ExemptionGround::ALL
        .iter()
        .map(|&ground| GroundChoice {
            ground,
            label: ground.label(),
            proof_groups: ground
                .proofs()
                .iter()
                .map(|group| {
                    group
                        .iter()
                        .map(|&document| DocumentChoice { document, label: document.label() })
                        .collect()
                })
                .collect(),
        })
        .collect()
}

pub fn deferral_reasons() -> Vec<DeferralChoice> {
    DeferralReason::ALL.iter().map(|&reason| DeferralChoice { reason, label: reason.label() }).collect()
}
