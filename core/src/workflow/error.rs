//! Why a person's step cannot be taken as asked: something it names is not there, or a check
//! of the domain refused it.

use crate::authentic::ClaimError;
use crate::commission::MemberError;
use crate::i18n::{Text, UserFacing};
use crate::ident::Iin;
use crate::papers::PaperError;
use crate::papers::sign::SignError;
use crate::rules::decision::DecisionError;
use crate::store::StoreError;

/// What a step can fail to find.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Graduate,
    Vacancy,
    Meeting,
    Decision,
    Commission,
    Member,
    Period,
    Payment,
}

impl Entity {
    fn label(self) -> Text {
        match self {
            Entity::Graduate => Text::new("түлек", "выпускник"),
            Entity::Vacancy => Text::new("бос орын", "вакансия"),
            Entity::Meeting => Text::new("отырыс", "заседание"),
            Entity::Decision => Text::new("шешім", "решение"),
            Entity::Commission => Text::new("комиссия", "комиссия"),
            Entity::Member => Text::new("комиссия мүшесі", "член комиссии"),
            Entity::Period => Text::new("кезең", "период"),
            Entity::Payment => Text::new("төлем", "платёж"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Decision(#[from] DecisionError),
    #[error(transparent)]
    Paper(#[from] PaperError),
    #[error(transparent)]
    Member(#[from] MemberError),
    #[error(transparent)]
    Claim(#[from] ClaimError),
    #[error(transparent)]
    Sign(#[from] SignError),
    /// Another window may have removed the record meanwhile, or a typed id is wrong.
    #[error("{what:?} {id} not found")]
    NotFound { what: Entity, id: i64 },
    #[error("no graduate with IIN {iin}")]
    GraduateNotFound { iin: Iin, year: Option<i32> },
    #[error("a commission for {year} exists")]
    CommissionExists { year: i32 },
    /// Meetings belong to the cohort's commission, which is not set up yet.
    #[error("no commission for {year}")]
    NoCommission { year: i32 },
    #[error("{id} is not a member")]
    NotAMember { id: i64 },
    /// A typed text refused as a list's cell would be (`missing_field`, `hidden_characters`,
    /// `too_long`), its message naming the field.
    #[error("{code}")]
    Text { code: &'static str, message: Text },
    /// A group sent to the centre takes each region from the list.
    #[error("graduate without a region")]
    NoRegion,
    /// A file the person named (a paper to sign, a key, a scan) could not be read, or the
    /// result written.
    #[error("{} {}: {kind}", if *.writing { "writing" } else { "reading" }, path.display())]
    File { path: std::path::PathBuf, writing: bool, kind: std::io::ErrorKind },
    /// One of a group could not be sent; the group's step wrote nothing.
    #[error("{name} not sent: {cause}")]
    NotSent { name: String, cause: Box<WorkflowError> },
}

impl WorkflowError {
    /// Reads a file the person named.
    pub fn read(path: &std::path::Path) -> Result<Vec<u8>, WorkflowError> {
        std::fs::read(path).map_err(|e| WorkflowError::File {
            path: path.to_path_buf(),
            writing: false,
            kind: e.kind(),
        })
    }

    /// Writes a file whole, owner-only (see [`crate::private::write`]).
    pub fn write(path: &std::path::Path, bytes: &[u8]) -> Result<(), WorkflowError> {
        crate::private::write(path, bytes).map_err(|e| WorkflowError::File {
            path: path.to_path_buf(),
            writing: true,
            kind: e.kind(),
        })
    }
}

impl UserFacing for WorkflowError {
    fn code(&self) -> &'static str {
        match self {
            WorkflowError::Store(e) => e.code(),
            WorkflowError::Decision(e) => e.code(),
            WorkflowError::Paper(e) => e.code(),
            WorkflowError::Member(e) => e.code(),
            WorkflowError::Claim(e) => e.code(),
            WorkflowError::Sign(e) => e.code(),
            WorkflowError::NotFound { .. } => "not_found",
            WorkflowError::GraduateNotFound { .. } => "graduate_not_found",
            WorkflowError::CommissionExists { .. } => "commission_exists",
            WorkflowError::NoCommission { .. } => "no_commission",
            WorkflowError::NotAMember { .. } => "not_a_member",
            WorkflowError::Text { code, .. } => code,
            WorkflowError::NoRegion => "no_region",
            WorkflowError::File { writing: false, .. } => "file_unreadable",
            WorkflowError::File { writing: true, .. } => "file_unwritable",
            WorkflowError::NotSent { .. } => "not_sent",
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            WorkflowError::Store(e) => e.params(),
            WorkflowError::Decision(e) => e.params(),
            WorkflowError::Paper(e) => e.params(),
            WorkflowError::Member(e) => e.params(),
            WorkflowError::Sign(e) => e.params(),
            WorkflowError::CommissionExists { year } | WorkflowError::NoCommission { year } => {
                vec![("year", year.to_string())]
            }
            WorkflowError::NotFound { id, .. } | WorkflowError::NotAMember { id } => {
                vec![("number", id.to_string())]
            }
            WorkflowError::File { path, .. } => vec![("path", path.display().to_string())],
            WorkflowError::NotSent { name, cause } => {
                let mut params = vec![("name", name.clone()), ("cause", cause.code().to_owned())];
                params.extend(cause.params());
                params
            }
            _ => Vec::new(),
        }
    }

    fn message(&self) -> Text {
        match self {
            WorkflowError::Store(e) => e.message(),
            WorkflowError::Decision(e) => e.message(),
            WorkflowError::Paper(e) => e.message(),
            WorkflowError::Member(e) => e.message(),
            WorkflowError::Claim(e) => e.message(),
            WorkflowError::Sign(e) => e.message(),
            WorkflowError::NotFound { what, id } => {
                let what = what.label();
                Text::new(
                    format!("Табылмады: {} №{id}. Тізімді жаңартыңыз.", what.kk),
                    format!("Не найдено: {} №{id}. Обновите список.", what.ru),
                )
            }
            WorkflowError::GraduateNotFound { iin, year: None } => Text::new(
                format!("ЖСН {iin} түлек дерекқорда жоқ"),
                format!("Выпускника с ИИН {iin} нет в базе данных"),
            ),
            WorkflowError::GraduateNotFound { iin, year: Some(year) } => Text::new(
                format!("ЖСН {iin} түлек {year} жылғы түлектер арасында жоқ"),
                format!("Выпускника с ИИН {iin} нет среди выпускников {year} года"),
            ),
            WorkflowError::CommissionExists { year } => Text::new(
                format!("{year} жылғы түлектерге комиссия бұрыннан құрылған"),
                format!("Комиссия для выпуска {year} года уже создана"),
            ),
            WorkflowError::NoCommission { year } => Text::new(
                format!(
                    "{year} жылғы түлектерге комиссия құрылмаған: алдымен оны құрыңыз («Баптаулар» немесе «joldama commission create --year {year}»)"
                ),
                format!(
                    "Комиссия для выпуска {year} года не создана: сначала создайте её («Настройки» или «joldama commission create --year {year}»)"
                ),
            ),
            WorkflowError::NotAMember { id } => {
                Text::new(format!("№{id} комиссия мүшесі емес"), format!("№{id} не является членом комиссии"))
            }
            WorkflowError::Text { message, .. } => message.clone(),
            WorkflowError::NoRegion => Text::new(
                "тізімде өңірі жоқ: оны орталыққа жеке жолдап, өңірін таңдаңыз",
                "в списке нет региона: направьте в центр отдельно, выбрав регион",
            ),
            WorkflowError::File { path, writing, kind } => {
                let (path, reason) = (path.display(), crate::i18n::io_reason_words(*kind));
                if *writing {
                    Text::new(
                        format!("«{path}» файлын жазу мүмкін болмады: {}", reason.kk),
                        format!("Не удалось записать файл «{path}»: {}", reason.ru),
                    )
                } else {
                    Text::new(
                        format!("«{path}» файлын оқу мүмкін болмады: {}", reason.kk),
                        format!("Не удалось прочитать файл «{path}»: {}", reason.ru),
                    )
                }
            }
            WorkflowError::NotSent { name, cause } => {
                let cause = cause.message();
                Text::new(
                    format!("{name} орталыққа жолданбады, сондықтан ешкім жолданған жоқ: {}", cause.kk),
                    format!("{name} не направлен(а) в центр, поэтому никто не направлен: {}", cause.ru),
                )
            }
        }
    }
}
