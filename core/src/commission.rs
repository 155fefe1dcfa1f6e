//! The commission's year: the commission and its members, meetings, and the decisions taken
//! for each graduate. What the rules allow is [`crate::rules`]'s (and the decision checks,
//! [`crate::rules::decision`]); the storage is the store's; the steps, the workflow's.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::classifiers::{Region, classifier_enum};
use crate::i18n::{Lang, Text, UserFacing, date};
use crate::model::Vacancy;
use crate::rules::{DeferralReason, ExemptionGround, ProofDocument};
use crate::vocabulary::Termed;

classifier_enum! {
    /// A member's place on the commission.
    pub enum Role {
        Chair => "chair",
        Deputy => "deputy",
        Secretary => "secretary",
        Member => "member",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Member {
    pub id: i64,
    pub role: Role,
    pub full_name: String,
    pub position: Option<String>,
}

/// The university's commission for one graduation cohort.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Commission {
    pub id: i64,
    pub year: i32,
    pub name: Text,
    pub members: Vec<Member>,
}

impl Commission {
    pub fn member(&self, role: Role) -> Option<&Member> {
        self.members.iter().find(|m| m.role == role)
    }

    /// Checks the commission as it would be with `full_name` in `role`: one chair, one deputy
    /// and one secretary, and no name twice (in any letter case). `editing` is the member being
    /// changed, who is not compared with themselves.
    pub fn check_member(&self, editing: Option<i64>, role: Role, full_name: &str) -> Result<(), MemberError> {
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        for other in self.members.iter().filter(|m| Some(m.id) != editing) {
            if role != Role::Member && other.role == role {
                return Err(MemberError::RoleTaken { role, name: other.full_name.clone() });
            }
            if same(&other.full_name, full_name) {
                return Err(MemberError::NameTaken { name: other.full_name.clone() });
            }
        }
        Ok(())
    }
}

/// Why a member cannot be added, changed or removed as asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MemberError {
    /// The chair, the deputy and the secretary are one person each.
    #[error("{role:?} is already {name}")]
    RoleTaken { role: Role, name: String },
    #[error("{name} is already a member")]
    NameTaken { name: String },
    /// A finalised protocol names the member as present: it never changes, so neither do they.
    #[error("{name} was present at finalised meeting {number}")]
    Sealed { name: String, number: u32 },
}

impl UserFacing for MemberError {
    fn code(&self) -> &'static str {
        match self {
            MemberError::RoleTaken { .. } => "role_taken",
            MemberError::NameTaken { .. } => "member_exists",
            MemberError::Sealed { .. } => "member_sealed",
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            MemberError::RoleTaken { name, .. } | MemberError::NameTaken { name } => {
                vec![("name", name.clone())]
            }
            MemberError::Sealed { name, number } => {
                vec![("name", name.clone()), ("number", number.to_string())]
            }
        }
    }

    fn message(&self) -> Text {
        match self {
            MemberError::RoleTaken { role, name } => {
                let role = role.text();
                Text::new(
                    format!("{}: {name}; алдымен оның рөлін өзгертіңіз немесе оны шығарыңыз", role.kk),
                    format!("{}: {name}; сначала измените его роль или исключите его", role.ru),
                )
            }
            MemberError::NameTaken { name } => Text::new(
                format!("{name} комиссия құрамында бұрыннан бар"),
                format!("{name} уже в составе комиссии"),
            ),
            MemberError::Sealed { name, number } => Text::new(
                format!(
                    "{name} №{number} отырыстың бекітілген хаттамасында қатысушы ретінде аталған: хаттама өзгермейді, сондықтан мүшені өзгертуге де, шығаруға да болмайды"
                ),
                format!(
                    "{name} значится присутствующим в утверждённом протоколе заседания №{number}: протокол не меняется, поэтому члена нельзя ни изменить, ни исключить"
                ),
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Finalised {
    pub at: String,
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Meeting {
    pub id: i64,
    pub commission_id: i64,
    pub number: u32,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    /// Member ids of those present.
    pub present: Vec<i64>,
    /// Once set, the meeting's decisions and protocol never change.
    pub finalised: Option<Finalised>,
}

/// A proof document of an exemption: which document, and the file the graduate brought.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ProofFile {
    pub document: ProofDocument,
    pub file: PathBuf,
}

/// What the commission decides for a graduate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Outcome {
    /// Referral to a vacancy the rules allow; takes one of its places.
    Vacancy { vacancy_id: i64, arrival_date: NaiveDate },
    /// Referral to the employment centre of the region of residence, when no allowed vacancy
    /// has a place; while one has, only with the commission's written reason (printed on the
    /// protocol and the letter, which then never claims there was no vacancy).
    EmploymentCentre { region: Region, override_reason: Option<String> },
    /// Exemption on a ground of art. 47 p. 17-2, with its proofs; only in the graduation year.
    Exemption { ground: ExemptionGround, proofs: Vec<ProofFile> },
    /// Deferral for conscript service; its time does not count toward the term.
    Deferral { reason: DeferralReason, from: NaiveDate, to: Option<NaiveDate> },
}

impl Outcome {
    /// What the decision means, in words: the employer and position, the centre's region (and
    /// the commission's reason when vacancies were open), the exemption's ground, the
    /// deferral's reason and dates. `vacancy` is the referred one, when at hand.
    pub fn summary(&self, vacancy: Option<&Vacancy>) -> Text {
        let both = |f: &dyn Fn(Lang) -> String| Text::new(f(Lang::Kk), f(Lang::Ru));
        let t = |lang, kk: &str, ru: &str| Text::new(kk, ru).get(lang).to_owned();
        match self {
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
            Outcome::EmploymentCentre { region, override_reason } => both(&|lang| {
                let reason = match override_reason.as_deref().map(str::trim) {
                    None => String::new(),
                    Some("") => t(
                        lang,
                        " (бос орындар бола тұра; себебі жазылмаған)",
                        " (при наличии вакансий; причина не записана)",
                    ),
                    Some(reason) => format!(
                        "{} {reason})",
                        t(lang, " (бос орындар бола тұра; себебі:", " (при наличии вакансий; причина:")
                    ),
                };
                format!(
                    "{}: {}{reason}",
                    t(lang, "Жұмыспен қамту орталығына жолдама", "Направление в центр занятости"),
                    region.label(lang)
                )
            }),
            Outcome::Exemption { ground, .. } => both(&|lang| {
                format!(
                    "{}: {}",
                    t(lang, "Жұмыспен өтеуден босату", "Освобождение от отработки"),
                    ground.text().get(lang)
                )
            }),
            Outcome::Deferral { reason, from, to } => both(&|lang| {
                format!(
                    "{}: {}, {} – {}",
                    t(lang, "Кейінге қалдыру", "Отсрочка"),
                    reason.text().get(lang),
                    date(*from),
                    to.map_or_else(|| "…".into(), date)
                )
            }),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Vacancy { .. } => "vacancy",
            Outcome::EmploymentCentre { .. } => "employment_centre",
            Outcome::Exemption { .. } => "exemption",
            Outcome::Deferral { .. } => "deferral",
        }
    }
}

/// A decision asked of a meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DecisionRequest {
    pub meeting_id: i64,
    pub graduate_id: i64,
    pub outcome: Outcome,
    /// The graduate's current decision this one replaces (redistribution, a place closed…).
    pub revises: Option<i64>,
    pub reason: Option<String>,
}

/// When a referred graduate is to arrive (or register at the centre), and the last day before
/// the referral counts as broken: fixed when the referral is decided, whatever the cohort's
/// settings become.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Due {
    pub arrival: NaiveDate,
    pub deadline: NaiveDate,
}

/// A decision as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Decision {
    pub id: i64,
    pub meeting_id: i64,
    pub meeting_number: u32,
    /// The meeting's date: the decision's date on the protocol and the papers.
    pub meeting_date: NaiveDate,
    pub graduate_id: i64,
    pub outcome: Outcome,
    pub term_years: Option<u8>,
    /// A referral's arrival and deadline; `None` for other decisions, and for referrals decided
    /// before they were kept (read with the cohort's settings then).
    pub due: Option<Due>,
    pub revises: Option<i64>,
    /// The later decision that replaced this one, if any.
    pub revised_by: Option<i64>,
    pub reason: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

impl Decision {
    pub fn is_current(&self) -> bool {
        self.revised_by.is_none()
    }

    /// What the commission should look at again, if anything: a deferral on a ground the law
    /// does not name, or a centre referral over available vacancies recorded without a reason
    /// (both possible only in decisions taken before the checks existed).
    pub fn review(&self) -> Option<Text> {
        match &self.outcome {
            Outcome::Deferral { reason, .. } if !reason.in_law() => Some(Text::new(
                "Келісімшарт бойынша қызметке кейінге қалдыру заңда көзделмеген: шешімді қайта қарау керек",
                "Отсрочка на службу по контракту законом не предусмотрена: решение нужно пересмотреть",
            )),
            Outcome::EmploymentCentre { override_reason: Some(reason), .. } if reason.trim().is_empty() => {
                Some(Text::new(
                    "Бос орындар бола тұра орталыққа жолдаудың себебі жазылмаған: комиссия себебін көрсетуі керек",
                    "Причина направления в центр при наличии вакансий не записана: комиссии нужно её указать",
                ))
            }
            _ => None,
        }
    }
}

/// A decision with its meaning in words, and what the commission should look at again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DecisionView {
    #[serde(flatten)]
    pub decision: Decision,
    pub summary: Text,
    pub review: Option<Text>,
}

impl DecisionView {
    /// `vacancies` holds the referred ones, by id.
    pub fn new(decision: Decision, vacancies: &HashMap<i64, Vacancy>) -> DecisionView {
        let vacancy = match &decision.outcome {
            Outcome::Vacancy { vacancy_id, .. } => vacancies.get(vacancy_id),
            _ => None,
        };
        DecisionView { summary: decision.outcome.summary(vacancy), review: decision.review(), decision }
    }
}

classifier_enum! {
    /// A kind of paper with its own number series per commission.
    pub enum PaperSeries {
        Referral => "referral",
        Centre => "centre",
        Certificate => "certificate",
    }
}

impl PaperSeries {
    /// The series of the paper a decision gives.
    pub fn of(outcome: &Outcome) -> PaperSeries {
        match outcome {
            Outcome::Vacancy { .. } => PaperSeries::Referral,
            Outcome::EmploymentCentre { .. } => PaperSeries::Centre,
            Outcome::Exemption { .. } | Outcome::Deferral { .. } => PaperSeries::Certificate,
        }
    }

    /// The series' mark in a number (`2025/1-0042`): a digit, the same in both languages.
    pub fn mark(self) -> u8 {
        match self {
            PaperSeries::Referral => 1,
            PaperSeries::Centre => 2,
            PaperSeries::Certificate => 3,
        }
    }

    /// A printed number's year, series (none before the series) and place: the inverse of
    /// [`PaperSeries::number`].
    pub fn parse_number(text: &str) -> Option<(i32, Option<PaperSeries>, u32)> {
        let (year, rest) = text.trim().split_once('/')?;
        let (series, seq) = match rest.split_once('-') {
            Some((mark, seq)) => {
                (Some(*PaperSeries::ALL.iter().find(|s| s.mark().to_string() == mark)?), seq)
            }
            None => (None, rest),
        };
        Some((year.parse().ok()?, series, seq.parse().ok()?))
    }

    /// The number as printed: `2025/1-0042` in a series; `2025/0042` for a paper numbered
    /// before the series (schema 12), which keeps the number it was given.
    pub fn number(series: Option<PaperSeries>, year: i32, seq: u32) -> String {
        match series {
            Some(series) => format!("{year}/{}-{seq:04}", series.mark()),
            None => format!("{year}/{seq:04}"),
        }
    }
}

/// A paper's number: sequential per commission and series, never reused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PaperNumber {
    /// The place in its series (in the one series, for a paper numbered before them).
    pub seq: u32,
    /// `None` for a paper numbered before the series.
    pub series: Option<PaperSeries>,
    /// As printed: `2025/1-0042`.
    pub number: String,
    pub issued_on: NaiveDate,
    pub cancelled: bool,
}
