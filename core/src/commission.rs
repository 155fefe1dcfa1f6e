//! The commission's year: the commission and its members, meetings, and the decisions taken
//! for each graduate. What the rules allow is [`crate::rules`]'s; the storage is the store's.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::classifiers::{Region, classifier_enum};
use crate::i18n::{Text, UserFacing};
use crate::rules::{DeferralReason, ExemptionGround, ProofDocument, Refusal};
use crate::store::StoreError;

classifier_enum! {
    /// A member's place on the commission.
    pub enum Role {
        Chair => "chair",
        Deputy => "deputy",
        Secretary => "secretary",
        Member => "member",
    }
}

impl Role {
    pub fn label(self) -> Text {
        match self {
            Role::Chair => Text::new("Комиссия төрағасы", "Председатель комиссии"),
            Role::Deputy => Text::new("Төрағаның орынбасары", "Заместитель председателя"),
            Role::Secretary => Text::new("Комиссия хатшысы", "Секретарь комиссии"),
            Role::Member => Text::new("Комиссия мүшесі", "Член комиссии"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Member {
    pub id: i64,
    pub role: Role,
    pub full_name: String,
    pub position: Option<String>,
}

/// The university's commission for one graduation cohort.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    /// has a place (`confirmed`: the secretary overrode the warning that one has).
    EmploymentCentre { region: Region, confirmed: bool },
    /// Exemption on a ground of art. 47 p. 17-2, with its proofs; only in the graduation year.
    Exemption { ground: ExemptionGround, proofs: Vec<ProofFile> },
    /// Deferral for military service; its time does not count toward the term.
    Deferral { reason: DeferralReason, from: NaiveDate, to: Option<NaiveDate> },
}

impl Outcome {
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

/// A decision as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Decision {
    pub id: i64,
    pub meeting_id: i64,
    pub meeting_number: u32,
    pub graduate_id: i64,
    pub outcome: Outcome,
    pub term_years: Option<u8>,
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
}

/// What a step can fail to find.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Graduate,
    Vacancy,
    Meeting,
    Commission,
}

impl Entity {
    fn label(self) -> Text {
        match self {
            Entity::Graduate => Text::new("түлек", "выпускник"),
            Entity::Vacancy => Text::new("бос орын", "вакансия"),
            Entity::Meeting => Text::new("отырыс", "заседание"),
            Entity::Commission => Text::new("комиссия", "комиссия"),
        }
    }
}

/// Why the commission's step cannot be taken as asked.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{what:?} {id} not found")]
    NotFound { what: Entity, id: i64 },
    #[error("meeting {number} is finalised")]
    MeetingFinalised { number: u32 },
    #[error("a commission for {year} exists")]
    CommissionExists { year: i32 },
    #[error("the chair and the secretary must be present")]
    SignatoriesAbsent,
    #[error("a meeting without decisions")]
    NothingToFinalise,
    #[error("not bound to work off")]
    NotBound,
    #[error("graduate has decision {current}")]
    AlreadyDecided { current: i64 },
    #[error("decision {asked} is not the current one ({current:?})")]
    NotCurrent { asked: i64, current: Option<i64> },
    #[error("the rules refuse this vacancy")]
    NotAllowed { reasons: Vec<Refusal> },
    #[error("no places left")]
    NoPlacesLeft,
    #[error("{count} allowed vacancies have places")]
    VacanciesAvailable { count: usize },
    #[error("exemption outside the graduation year")]
    ExemptionOutOfYear { graduation_year: i32 },
    #[error("proofs missing")]
    ProofsMissing { missing: Vec<Text> },
    #[error("{path}: {source}")]
    ProofFile { path: PathBuf, source: std::io::Error },
    #[error("deferral ends before it starts")]
    DeferralDates,
    /// Meetings belong to the cohort's commission, which is not set up yet.
    #[error("no commission for {year}")]
    NoCommission { year: i32 },
}

impl UserFacing for WorkflowError {
    fn code(&self) -> &'static str {
        match self {
            WorkflowError::Store(e) => e.code(),
            WorkflowError::NotFound { .. } => "not_found",
            WorkflowError::MeetingFinalised { .. } => "meeting_finalised",
            WorkflowError::CommissionExists { .. } => "commission_exists",
            WorkflowError::SignatoriesAbsent => "signatories_absent",
            WorkflowError::NothingToFinalise => "nothing_to_finalise",
            WorkflowError::NotBound => "not_bound",
            WorkflowError::AlreadyDecided { .. } => "already_decided",
            WorkflowError::NotCurrent { .. } => "not_current_decision",
            WorkflowError::NotAllowed { .. } => "vacancy_not_allowed",
            WorkflowError::NoPlacesLeft => "no_places_left",
            WorkflowError::VacanciesAvailable { .. } => "vacancies_available",
            WorkflowError::ExemptionOutOfYear { .. } => "exemption_out_of_year",
            WorkflowError::ProofsMissing { .. } => "proofs_missing",
            WorkflowError::ProofFile { .. } => "proof_file_unreadable",
            WorkflowError::DeferralDates => "deferral_dates",
            WorkflowError::NoCommission { .. } => "no_commission",
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            WorkflowError::Store(e) => e.params(),
            WorkflowError::MeetingFinalised { number } => vec![("number", number.to_string())],
            WorkflowError::CommissionExists { year } | WorkflowError::NoCommission { year } => {
                vec![("year", year.to_string())]
            }
            WorkflowError::VacanciesAvailable { count } => vec![("count", count.to_string())],
            WorkflowError::ExemptionOutOfYear { graduation_year } => {
                vec![("year", graduation_year.to_string())]
            }
            WorkflowError::ProofFile { path, .. } => vec![("file", path.display().to_string())],
            _ => Vec::new(),
        }
    }

    fn message(&self) -> Text {
        let joined = |items: &[Text], lang: crate::Lang| {
            items.iter().map(|t| t.get(lang).to_owned()).collect::<Vec<_>>().join("; ")
        };
        match self {
            WorkflowError::Store(e) => e.message(),
            WorkflowError::NotFound { what, id } => {
                let what = what.label();
                Text::new(format!("Табылмады: {} №{id}", what.kk), format!("Не найдено: {} №{id}", what.ru))
            }
            WorkflowError::MeetingFinalised { number } => Text::new(
                format!(
                    "№{number} отырыс аяқталып, хаттамасы бекітілген: оны өзгертуге болмайды. Түзету келесі отырыста жаңа шешіммен енгізіледі"
                ),
                format!(
                    "Заседание №{number} завершено, протокол утверждён: его нельзя изменить. Исправление вносится новым решением на следующем заседании"
                ),
            ),
            WorkflowError::CommissionExists { year } => Text::new(
                format!("{year} жылғы түлектерге комиссия бұрыннан құрылған"),
                format!("Комиссия для выпуска {year} года уже создана"),
            ),
            WorkflowError::SignatoriesAbsent => Text::new(
                "Хаттамаға төраға мен хатшы қол қояды: екеуі де қатысушылар арасында болуы керек",
                "Протокол подписывают председатель и секретарь: оба должны быть среди присутствующих",
            ),
            WorkflowError::NothingToFinalise => {
                Text::new("Отырыста бірде-бір шешім жоқ", "На заседании не принято ни одного решения")
            }
            WorkflowError::NotBound => {
                Text::new("Бұл түлек жұмыспен өтеуге міндетті емес", "Этот выпускник не обязан отрабатывать")
            }
            WorkflowError::AlreadyDecided { current } => Text::new(
                format!(
                    "Бұл түлекке шешім бар (№{current}): жаңа шешім оны қайта қарау ретінде ғана қабылданады"
                ),
                format!(
                    "По этому выпускнику уже есть решение (№{current}): новое принимается только как его пересмотр"
                ),
            ),
            WorkflowError::NotCurrent { asked, .. } => Text::new(
                format!("№{asked} шешім түлектің қазіргі шешімі емес"),
                format!("Решение №{asked} не является текущим решением выпускника"),
            ),
            WorkflowError::NotAllowed { reasons } => {
                let messages: Vec<Text> = reasons.iter().map(UserFacing::message).collect();
                Text::new(
                    format!(
                        "Ережелер бұл бос орынға жолдауға рұқсат бермейді: {}",
                        joined(&messages, crate::Lang::Kk)
                    ),
                    format!(
                        "Правила не допускают направление на эту вакансию: {}",
                        joined(&messages, crate::Lang::Ru)
                    ),
                )
            }
            WorkflowError::NoPlacesLeft => {
                Text::new("Бұл бос орында орын қалмады", "На этой вакансии не осталось мест")
            }
            WorkflowError::VacanciesAvailable { count } => Text::new(
                format!(
                    "Ережелер рұқсат ететін {count} бос орында орын бар: жұмыспен қамту орталығына жолдау үшін растау керек"
                ),
                format!(
                    "Есть места на {count} вакансиях, допустимых правилами: направление в центр занятости требует подтверждения"
                ),
            ),
            WorkflowError::ExemptionOutOfYear { graduation_year } => Text::new(
                format!("Жұмыспен өтеуден босату тек бітірген жылы ({graduation_year}) беріледі"),
                format!(
                    "Освобождение от отработки предоставляется только в год окончания ({graduation_year})"
                ),
            ),
            WorkflowError::ProofsMissing { missing } => Text::new(
                format!("Растайтын құжаттар жетіспейді: {}", joined(missing, crate::Lang::Kk)),
                format!("Не хватает подтверждающих документов: {}", joined(missing, crate::Lang::Ru)),
            ),
            WorkflowError::ProofFile { path, source } => Text::new(
                format!("«{}» құжат файлын оқу мүмкін емес: {source}", path.display()),
                format!("Не удалось прочитать файл документа «{}»: {source}", path.display()),
            ),
            WorkflowError::DeferralDates => Text::new(
                "Кейінге қалдырудың аяқталу күні басталу күнінен бұрын",
                "Дата окончания отсрочки раньше даты начала",
            ),
            WorkflowError::NoCommission { year } => Text::new(
                format!("{year} жылғы түлектерге комиссия құрылмаған: алдымен «Баптаулар» бөлімінде құрыңыз"),
                format!("Комиссия для выпуска {year} года не создана: сначала создайте её в «Настройках»"),
            ),
        }
    }
}
