//! The checks a commission's decision must pass, and a meeting before it is finalised: data in
//! (the graduate, what the rules say of them, the meeting, the current decision, the vacancy
//! named), a verdict out. The workflow loads the data and writes what the verdict allows.

use chrono::{Months, NaiveDate};

use super::{CohortSettings, Coverage, Refusal, RuleSet, exemption_allowed};
use crate::commission::{Commission, DecisionRequest, Due, Meeting, Outcome, Role};
use crate::i18n::{self, Lang, Text, UserFacing};
use crate::model::{GraduateRecord, Vacancy};
use crate::vocabulary::Termed;

/// Everything a decision is checked against.
pub struct Case<'a> {
    pub graduate: &'a GraduateRecord,
    pub rules: &'a RuleSet,
    pub settings: &'a CohortSettings,
    pub meeting: &'a Meeting,
    /// The graduate's current decision, if any.
    pub current: Option<i64>,
    pub request: &'a DecisionRequest,
    /// The vacancy a referral names, as stored now.
    pub vacancy: Option<&'a Vacancy>,
    /// How many vacancies the rules allow the graduate have a free place (a centre referral
    /// needs a written reason while there are some).
    pub open_allowed: usize,
}

/// What the decision may be stored as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The outcome as stored: a centre referral's reason is kept only when one was needed.
    pub outcome: Outcome,
    /// The term the decision binds to: the covering row's, or the cohort's term for a graduate
    /// no row covers; none for an exemption.
    pub term_years: Option<u8>,
    /// The vacancy whose place the referral takes.
    pub takes_place: Option<i64>,
    /// A referral's arrival (or registration) date and deadline, by the cohort's settings now.
    pub due: Option<Due>,
}

/// How many years after its meeting a referral's arrival may be.
pub const ARRIVAL_YEARS_AHEAD: u32 = 2;

/// The last arrival date a referral decided on `held_on` may name: a year typed wrong (2052
/// for 2025) would bind a referral no one could keep.
pub fn latest_arrival(held_on: NaiveDate) -> NaiveDate {
    held_on.checked_add_months(Months::new(12 * ARRIVAL_YEARS_AHEAD)).unwrap_or(NaiveDate::MAX)
}

/// How many years from its meeting a deferral's start may be, either way (called up before
/// the meeting, or after it), and how long after its start its end may be.
pub const DEFERRAL_YEARS: u32 = 2;

/// The first and the last start a deferral decided on `held_on` may name: a year typed wrong
/// would pause a term for decades.
pub fn deferral_starts(held_on: NaiveDate) -> (NaiveDate, NaiveDate) {
    let years = Months::new(12 * DEFERRAL_YEARS);
    (
        held_on.checked_sub_months(years).unwrap_or(NaiveDate::MIN),
        held_on.checked_add_months(years).unwrap_or(NaiveDate::MAX),
    )
}

/// The last end a deferral starting `from` may name.
pub fn deferral_latest_end(from: NaiveDate) -> NaiveDate {
    from.checked_add_months(Months::new(12 * DEFERRAL_YEARS)).unwrap_or(NaiveDate::MAX)
}

pub fn check(case: &Case<'_>) -> Result<Verdict, DecisionError> {
    let Case { graduate, rules, settings, meeting, current, request, vacancy, open_allowed } = *case;
    if meeting.finalised.is_some() {
        return Err(DecisionError::MeetingFinalised { number: meeting.number });
    }
    match (current, request.revises) {
        (Some(current), None) => return Err(DecisionError::AlreadyDecided { current }),
        (current, Some(asked)) if current != Some(asked) => {
            return Err(DecisionError::NotCurrent { asked, current });
        }
        _ => {}
    }
    let coverage = rules.coverage(graduate);
    let term = match &coverage {
        Coverage::Covered(row) => row.term_years,
        Coverage::NotCovered(_) => settings.uncovered_term_years,
    };
    let mut outcome = request.outcome.clone();
    let mut takes_place = None;
    let mut term_years = Some(term);
    let due = |arrival| Some(Due { arrival, deadline: settings.deadline(arrival) });
    let mut referral_due = None;
    match &mut outcome {
        Outcome::Vacancy { vacancy_id, arrival_date } => {
            let vacancy = vacancy.ok_or(DecisionError::NoSuchVacancy { id: *vacancy_id })?;
            let reasons: Vec<Refusal> = rules
                .refusals(graduate, vacancy)
                .into_iter()
                .filter(|r| *r != Refusal::NoPlacesLeft)
                .collect();
            if !reasons.is_empty() {
                return Err(DecisionError::NotAllowed { reasons });
            }
            if vacancy.places_left == 0 {
                return Err(DecisionError::NoPlacesLeft);
            }
            if *arrival_date < meeting.held_on {
                return Err(DecisionError::ArrivalBeforeMeeting {
                    arrival: *arrival_date,
                    meeting: meeting.held_on,
                });
            }
            if *arrival_date > latest_arrival(meeting.held_on) {
                return Err(DecisionError::ArrivalTooFar {
                    arrival: *arrival_date,
                    meeting: meeting.held_on,
                });
            }
            takes_place = Some(*vacancy_id);
            referral_due = due(*arrival_date);
        }
        Outcome::EmploymentCentre { override_reason, .. } => {
            let reason = override_reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
            // The reason answers the warning; without allowed vacancies there is none to answer.
            *override_reason = match (open_allowed, reason) {
                (0, _) => None,
                (count, None) => return Err(DecisionError::VacanciesAvailable { count }),
                (_, Some(reason)) => Some(reason.to_owned()),
            };
            // Registration at the centre is due when a referral's arrival would be.
            referral_due = due(settings.default_arrival(meeting.held_on));
        }
        Outcome::Exemption { ground, proofs } => {
            if !exemption_allowed(graduate.graduation_year, meeting.held_on) {
                return Err(DecisionError::ExemptionOutOfYear { graduation_year: graduate.graduation_year });
            }
            let have: Vec<_> = proofs.iter().map(|p| p.document).collect();
            let missing: Vec<Text> = ground
                .missing_proofs(&have)
                .iter()
                .map(|group| {
                    let labels: Vec<Text> = group.iter().map(|d| d.text()).collect();
                    let join = |lang| labels.iter().map(|t| t.get(lang)).collect::<Vec<_>>().join(" / ");
                    Text::new(join(Lang::Kk), join(Lang::Ru))
                })
                .collect();
            if !missing.is_empty() {
                return Err(DecisionError::ProofsMissing { missing });
            }
            term_years = None;
        }
        Outcome::Deferral { reason, from, to } => {
            if !reason.in_law() {
                return Err(DecisionError::DeferralNotInLaw);
            }
            if to.is_some_and(|to| to < *from) {
                return Err(DecisionError::DeferralDates);
            }
            let (earliest, latest) = deferral_starts(meeting.held_on);
            if *from < earliest || *from > latest {
                return Err(DecisionError::DeferralStartFar { from: *from, meeting: meeting.held_on });
            }
            if to.is_some_and(|to| to > deferral_latest_end(*from)) {
                return Err(DecisionError::DeferralTooLong { from: *from, to: to.unwrap_or(*from) });
            }
        }
    }
    Ok(Verdict { outcome, term_years, takes_place, due: referral_due })
}

/// Before a meeting is finalised: the chair and the secretary, who sign the protocol, are
/// present, and something was decided.
pub fn finalisable(
    commission: &Commission,
    meeting: &Meeting,
    decisions: usize,
) -> Result<(), DecisionError> {
    if meeting.finalised.is_some() {
        return Err(DecisionError::MeetingFinalised { number: meeting.number });
    }
    let present = |role| commission.member(role).is_some_and(|m| meeting.present.contains(&m.id));
    if !present(Role::Chair) || !present(Role::Secretary) {
        return Err(DecisionError::SignatoriesAbsent);
    }
    if decisions == 0 {
        return Err(DecisionError::NothingToFinalise);
    }
    Ok(())
}

/// Why a decision (or finalising) is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("meeting {number} is finalised")]
    MeetingFinalised { number: u32 },
    #[error("graduate has decision {current}")]
    AlreadyDecided { current: i64 },
    #[error("decision {asked} is not the current one ({current:?})")]
    NotCurrent { asked: i64, current: Option<i64> },
    #[error("vacancy {id} not found")]
    NoSuchVacancy { id: i64 },
    #[error("the rules refuse this vacancy")]
    NotAllowed { reasons: Vec<Refusal> },
    #[error("no places left")]
    NoPlacesLeft,
    #[error("arrival {arrival} before the meeting {meeting}")]
    ArrivalBeforeMeeting { arrival: NaiveDate, meeting: NaiveDate },
    #[error("arrival {arrival} too far after the meeting {meeting}")]
    ArrivalTooFar { arrival: NaiveDate, meeting: NaiveDate },
    #[error("{count} allowed vacancies have places")]
    VacanciesAvailable { count: usize },
    #[error("exemption outside the graduation year")]
    ExemptionOutOfYear { graduation_year: i32 },
    #[error("proofs missing")]
    ProofsMissing { missing: Vec<Text> },
    #[error("deferral ends before it starts")]
    DeferralDates,
    #[error("deferral from {from} is far from the meeting on {meeting}")]
    DeferralStartFar { from: NaiveDate, meeting: NaiveDate },
    #[error("deferral from {from} to {to} is too long")]
    DeferralTooLong { from: NaiveDate, to: NaiveDate },
    #[error("deferral on a ground the law does not name")]
    DeferralNotInLaw,
    #[error("the chair and the secretary must be present")]
    SignatoriesAbsent,
    #[error("a meeting without decisions")]
    NothingToFinalise,
}

impl UserFacing for DecisionError {
    fn code(&self) -> &'static str {
        match self {
            DecisionError::MeetingFinalised { .. } => "meeting_finalised",
            DecisionError::AlreadyDecided { .. } => "already_decided",
            DecisionError::NotCurrent { .. } => "not_current_decision",
            DecisionError::NoSuchVacancy { .. } => "vacancy_not_found",
            DecisionError::NotAllowed { .. } => "vacancy_not_allowed",
            DecisionError::NoPlacesLeft => "no_places_left",
            DecisionError::ArrivalBeforeMeeting { .. } => "arrival_before_meeting",
            DecisionError::ArrivalTooFar { .. } => "arrival_too_far",
            DecisionError::VacanciesAvailable { .. } => "vacancies_available",
            DecisionError::ExemptionOutOfYear { .. } => "exemption_out_of_year",
            DecisionError::ProofsMissing { .. } => "proofs_missing",
            DecisionError::DeferralDates => "deferral_dates",
            DecisionError::DeferralStartFar { .. } => "deferral_start_far",
            DecisionError::DeferralTooLong { .. } => "deferral_too_long",
            DecisionError::DeferralNotInLaw => "deferral_not_in_law",
            DecisionError::SignatoriesAbsent => "signatories_absent",
            DecisionError::NothingToFinalise => "nothing_to_finalise",
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            DecisionError::MeetingFinalised { number } => vec![("number", number.to_string())],
            DecisionError::VacanciesAvailable { count } => vec![("count", count.to_string())],
            DecisionError::ExemptionOutOfYear { graduation_year } => {
                vec![("year", graduation_year.to_string())]
            }
            DecisionError::NoSuchVacancy { id } => vec![("number", id.to_string())],
            _ => Vec::new(),
        }
    }

    fn message(&self) -> Text {
        let joined =
            |items: &[Text], lang: Lang| items.iter().map(|t| t.get(lang)).collect::<Vec<_>>().join("; ");
        match self {
            DecisionError::MeetingFinalised { number } => Text::new(
                format!(
                    "№{number} отырыс аяқталып, хаттамасы бекітілген: оны өзгертуге болмайды. Түзету келесі отырыста жаңа шешіммен енгізіледі"
                ),
                format!(
                    "Заседание №{number} завершено, протокол утверждён: его нельзя изменить. Исправление вносится новым решением на следующем заседании"
                ),
            ),
            DecisionError::AlreadyDecided { current } => Text::new(
                format!(
                    "Бұл түлекке шешім бар (№{current}): жаңа шешім оны қайта қарау ретінде ғана қабылданады"
                ),
                format!(
                    "По этому выпускнику уже есть решение (№{current}): новое принимается только как его пересмотр"
                ),
            ),
            DecisionError::NotCurrent { asked, .. } => Text::new(
                format!("№{asked} шешім түлектің қазіргі шешімі емес"),
                format!("Решение №{asked} не является текущим решением выпускника"),
            ),
            DecisionError::NoSuchVacancy { id } => {
                Text::new(format!("№{id} бос орын табылмады"), format!("Вакансия №{id} не найдена"))
            }
            DecisionError::NotAllowed { reasons } => {
                let messages: Vec<Text> = reasons.iter().map(UserFacing::message).collect();
                Text::new(
                    format!(
                        "Ережелер бұл бос орынға жолдауға рұқсат бермейді: {}",
                        joined(&messages, Lang::Kk)
                    ),
                    format!(
                        "Правила не допускают направление на эту вакансию: {}",
                        joined(&messages, Lang::Ru)
                    ),
                )
            }
            DecisionError::NoPlacesLeft => {
                Text::new("Бұл бос орында орын қалмады", "На этой вакансии не осталось мест")
            }
            DecisionError::ArrivalBeforeMeeting { arrival, meeting } => Text::new(
                format!(
                    "Келу күні ({}) отырыс күнінен ({}) бұрын болмайды",
                    i18n::date(*arrival),
                    i18n::date(*meeting)
                ),
                format!(
                    "Дата прибытия ({}) не может быть раньше даты заседания ({})",
                    i18n::date(*arrival),
                    i18n::date(*meeting)
                ),
            ),
            DecisionError::ArrivalTooFar { arrival, meeting } => Text::new(
                format!(
                    "Келу күні ({}) отырыстан ({}) кейін {ARRIVAL_YEARS_AHEAD} жылдан асады: жылын тексеріңіз",
                    i18n::date(*arrival),
                    i18n::date(*meeting)
                ),
                format!(
                    "Дата прибытия ({}) позже заседания ({}) более чем на {ARRIVAL_YEARS_AHEAD} года: проверьте год",
                    i18n::date(*arrival),
                    i18n::date(*meeting)
                ),
            ),
            DecisionError::VacanciesAvailable { count } => Text::new(
                format!(
                    "Ережелер рұқсат ететін {count} бос орында орын бар: жұмыспен қамту орталығына жолдаудың себебін жазыңыз, ол хаттамаға енеді"
                ),
                format!(
                    "Есть места на {count} вакансиях, допустимых правилами: укажите причину направления в центр занятости, она войдёт в протокол"
                ),
            ),
            DecisionError::ExemptionOutOfYear { graduation_year } => Text::new(
                format!("Жұмыспен өтеуден босату тек бітірген жылы ({graduation_year}) беріледі"),
                format!(
                    "Освобождение от отработки предоставляется только в год окончания ({graduation_year})"
                ),
            ),
            DecisionError::ProofsMissing { missing } => Text::new(
                format!("Растайтын құжаттар жетіспейді: {}", joined(missing, Lang::Kk)),
                format!("Не хватает подтверждающих документов: {}", joined(missing, Lang::Ru)),
            ),
            DecisionError::DeferralDates => Text::new(
                "Кейінге қалдырудың аяқталу күні басталу күнінен бұрын",
                "Дата окончания отсрочки раньше даты начала",
            ),
            DecisionError::DeferralStartFar { from, meeting } => Text::new(
                format!(
                    "Кейінге қалдырудың басталуы ({}) отырыстан ({}) {DEFERRAL_YEARS} жылдан астам алыс: жылын тексеріңіз",
                    i18n::date(*from),
                    i18n::date(*meeting)
                ),
                format!(
                    "Начало отсрочки ({}) отстоит от заседания ({}) более чем на {DEFERRAL_YEARS} года: проверьте год",
                    i18n::date(*from),
                    i18n::date(*meeting)
                ),
            ),
            DecisionError::DeferralTooLong { from, to } => Text::new(
                format!(
                    "Кейінге қалдыру {} бастап {} дейін: {DEFERRAL_YEARS} жылдан ұзақ, жылын тексеріңіз",
                    i18n::date(*from),
                    i18n::date(*to)
                ),
                format!(
                    "Отсрочка с {} по {}: дольше {DEFERRAL_YEARS} лет, проверьте год",
                    i18n::date(*from),
                    i18n::date(*to)
                ),
            ),
            DecisionError::DeferralNotInLaw => Text::new(
                "Заң кейінге қалдыруды тек мерзімді әскери қызметке шақырылғанда береді (47-баптың 17-тармағы)",
                "Закон предоставляет отсрочку только при призыве на срочную воинскую службу (п. 17 ст. 47)",
            ),
            DecisionError::SignatoriesAbsent => Text::new(
                "Хаттамаға төраға мен хатшы қол қояды: екеуі де қатысушылар арасында болуы керек",
                "Протокол подписывают председатель и секретарь: оба должны быть среди присутствующих",
            ),
            DecisionError::NothingToFinalise => {
                Text::new("Отырыста бірде-бір шешім жоқ", "На заседании не принято ни одного решения")
            }
        }
    }
}
