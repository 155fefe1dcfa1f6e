//! Failures the command line reports: the core's, and its own, each with a code and a
//! bilingual message.

use joldama_core::Text;
use joldama_core::i18n::UserFacing;

/// Any failure that reaches the user: the core's or the command line's own.
pub struct Failure(Box<dyn UserFacing>);

impl<E: UserFacing + 'static> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(Box::new(e))
    }
}

impl Failure {
    pub fn reason(&self) -> &dyn UserFacing {
        self.0.as_ref()
    }
}

/// What the command line itself refuses.
pub enum CliError {
    NoDataFolder,
    InvalidDate {
        value: String,
    },
    InvalidNumber {
        value: String,
    },
    /// `what` names the argument, e.g. «рөл» / «роль».
    UnknownCode {
        what: Text,
        value: String,
        allowed: Vec<&'static str>,
    },
    BadProof {
        value: String,
    },
    /// A wish not written `vacancy:ID`, `employer:BIN[@REGION]` or `region:REGION`.
    BadWish {
        value: String,
    },
    /// A rules file that is not JSON of the expected rows: where, and what kind of fault
    /// (serde_json's own words are English).
    RulesFile {
        path: std::path::PathBuf,
        line: usize,
        column: usize,
        fault: serde_json::error::Category,
    },
    NoRegion,
    /// A `--map` that is not `field=COLUMN`.
    InvalidMapping {
        value: String,
    },
    /// `check` found the register not as sealed (the findings are printed before).
    RegisterFindings {
        count: usize,
    },
}

impl UserFacing for CliError {
    fn code(&self) -> &'static str {
        match self {
            CliError::NoDataFolder => "no_data_folder",
            CliError::InvalidDate { .. } => "invalid_date",
            CliError::InvalidNumber { .. } => "invalid_number",
            CliError::UnknownCode { .. } => "unknown_code",
            CliError::BadProof { .. } => "invalid_proof",
            CliError::BadWish { .. } => "invalid_wish",
            CliError::RulesFile { .. } => "rules_file_unreadable",
            CliError::NoRegion => "no_region",
            CliError::InvalidMapping { .. } => "invalid_mapping",
            CliError::RegisterFindings { .. } => "register_findings",
        }
    }

    fn message(&self) -> Text {
        match self {
            CliError::BadWish { value } => Text::new(
                format!(
                    "«{value}» — тілекті vacancy:НӨМІР, employer:БСН[@ӨҢІР] немесе region:ӨҢІР түрінде жазыңыз"
                ),
                format!(
                    "«{value}» — укажите пожелание как vacancy:НОМЕР, employer:БИН[@РЕГИОН] или region:РЕГИОН"
                ),
            ),
            CliError::InvalidMapping { value } => Text::new(
                format!("«{value}» — «өріс=БАҒАН» түрінде жазыңыз, мысалы iin=B"),
                format!("«{value}» — укажите в виде «поле=СТОЛБЕЦ», например iin=B"),
            ),
            CliError::RegisterFindings { count } => Text::new(
                format!("Тізілімде {count} ақау табылды: жоғарыда аталған жазбаларды тексеріңіз."),
                format!("В реестре найдено нарушений: {count}. Проверьте записи, названные выше."),
            ),
            CliError::RulesFile { path, line, column, fault } => {
                use serde_json::error::Category;
                let (kk, ru) = match fault {
                    Category::Eof => ("файл аяқталмаған", "файл оборван"),
                    Category::Data => ("өріс немесе мән қате", "неверное поле или значение"),
                    Category::Syntax | Category::Io => ("JSON жазылымы қате", "ошибка в записи JSON"),
                };
                Text::new(
                    format!(
                        "«{}» ережелер файлын оқу мүмкін емес: {line}-жол, {column}-баған, {kk}",
                        path.display()
                    ),
                    format!(
                        "Не удалось прочитать файл правил «{}»: строка {line}, столбец {column}, {ru}",
                        path.display()
                    ),
                )
            }
            CliError::NoDataFolder => Text::new(
                "Пайдаланушы деректерінің қалтасы табылмады: --db арқылы файлды көрсетіңіз",
                "Не найдена папка данных пользователя: укажите файл через --db",
            ),
            CliError::InvalidDate { value } => Text::new(
                format!("«{value}» күн емес: ЖЖЖЖ-АА-КК немесе КК.АА.ЖЖЖЖ түрінде жазыңыз"),
                format!("«{value}» не дата: укажите в виде ГГГГ-ММ-ДД или ДД.ММ.ГГГГ"),
            ),
            CliError::InvalidNumber { value } => {
                Text::new(format!("«{value}» сан емес"), format!("«{value}» не число"))
            }
            CliError::UnknownCode { what, value, allowed } => {
                let allowed = allowed.join(", ");
                Text::new(
                    format!("«{value}» белгісіз {}; мүмкін мәндер: {allowed}", what.kk),
                    format!("«{value}»: неизвестное значение ({}); возможные: {allowed}", what.ru),
                )
            }
            CliError::BadProof { value } => Text::new(
                format!("«{value}»: құжатты ҚҰЖАТ_КОДЫ=ФАЙЛ түрінде көрсетіңіз"),
                format!("«{value}»: укажите документ в виде КОД_ДОКУМЕНТА=ФАЙЛ"),
            ),
            CliError::NoRegion => Text::new(
                "Түлектің тұрғылықты өңірі белгісіз: --region арқылы көрсетіңіз",
                "Регион проживания выпускника неизвестен: укажите его через --region",
            ),
        }
    }
}
