//! What can go wrong recording a follow-up or writing its lists, in Kazakh and Russian.

use std::path::PathBuf;

use crate::i18n::{Text, UserFacing};
use crate::ident::Bin;
use crate::rules::NotBound;
use crate::store::StoreError;

use super::ObligationError;

#[derive(Debug, thiserror::Error)]
pub enum FollowUpError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Obligation(#[from] ObligationError),
    #[error("no graduate {id}")]
    UnknownGraduate { id: i64 },
    #[error("no period {id}")]
    UnknownPeriod { id: i64 },
    /// A work period names an employer by a BIN the database does not have.
    #[error("no employer with BIN {bin}")]
    UnknownEmployer { bin: Bin },
    /// An arrival must say who confirmed it.
    #[error("arrival without who confirmed it")]
    NoConfirmer,
    /// A work period at an employer not in the database needs at least its name.
    #[error("work period without an employer name")]
    NoEmployerName,
    /// More than SQLite's integers hold; no study costs that much.
    #[error("amount {amount} too large")]
    AmountTooLarge { amount: u64 },
    /// The commission exempted the graduate: there is nothing to work off.
    #[error("exempted by decision {decision}")]
    Exempted { decision: i64 },
    /// The cohort's rules bind no one of the graduate's funding, level and field.
    #[error("not bound")]
    NotBound(NotBound),
}

impl From<rusqlite::Error> for FollowUpError {
    fn from(e: rusqlite::Error) -> Self {
        FollowUpError::Store(e.into())
    }
}

impl UserFacing for FollowUpError {
    /// Stable codes: those of [`StoreError`] and [`ObligationError`], `unknown_graduate`,
    /// `unknown_period`, `unknown_employer`, `arrival_no_confirmer`, `period_no_employer_name`,
    /// `amount_too_large`, `exempted`, `not_bound`.
    fn code(&self) -> &'static str {
        match self {
            FollowUpError::Store(e) => e.code(),
            FollowUpError::Obligation(e) => e.code(),
            FollowUpError::UnknownGraduate { .. } => "unknown_graduate",
            FollowUpError::UnknownPeriod { .. } => "unknown_period",
            FollowUpError::UnknownEmployer { .. } => "unknown_employer",
            FollowUpError::NoConfirmer => "arrival_no_confirmer",
            FollowUpError::NoEmployerName => "period_no_employer_name",
            FollowUpError::AmountTooLarge { .. } => "amount_too_large",
            FollowUpError::Exempted { .. } => "exempted",
            FollowUpError::NotBound(why) => why.code(),
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            FollowUpError::Store(e) => e.params(),
            FollowUpError::Obligation(e) => e.params(),
            _ => Vec::new(),
        }
    }

    fn message(&self) -> Text {
        match self {
            FollowUpError::Store(e) => e.message(),
            FollowUpError::Obligation(e) => e.message(),
            // Another window may have removed the record meanwhile.
            FollowUpError::UnknownGraduate { .. } => Text::new(
                "Түлек дерекқорда табылмады: тізімді жаңартыңыз.",
                "Выпускник не найден в базе данных: обновите список.",
            ),
            FollowUpError::UnknownPeriod { .. } => Text::new(
                "Кезең дерекқорда табылмады: тізімді жаңартыңыз.",
                "Период не найден в базе данных: обновите список.",
            ),
            FollowUpError::UnknownEmployer { bin } => Text::new(
                format!(
                    "БСН {bin} жұмыс беруші дерекқорда жоқ. Оны жұмыс берушілер тізімімен енгізіңіз \
                     немесе тек атауын жазыңыз."
                ),
                format!(
                    "Работодателя с БИН {bin} нет в базе данных. Внесите его через список \
                     работодателей или укажите только название."
                ),
            ),
            FollowUpError::NoConfirmer => Text::new(
                "Келгенін кім растағанын көрсетіңіз (жұмыс берушінің хаты, кадр қызметкері, …).",
                "Укажите, кто подтвердил прибытие (письмо работодателя, кадровый работник, …).",
            ),
            FollowUpError::NoEmployerName => {
                Text::new("Жұмыс берушінің атауын көрсетіңіз.", "Укажите название работодателя.")
            }
            FollowUpError::AmountTooLarge { amount } => Text::new(
                format!("{amount} теңге сомасы тым үлкен: соманы тексеріңіз."),
                format!("Сумма {amount} тенге слишком велика: проверьте сумму."),
            ),
            FollowUpError::Exempted { decision } => Text::new(
                format!("Түлек жұмыспен өтеуден босатылған (№{decision} шешім): өтеу міндеті жоқ"),
                format!("Выпускник освобождён от отработки (решение №{decision}): обязательства нет"),
            ),
            FollowUpError::NotBound(why) => why.message(),
        }
    }
}

/// Writing an .xlsx file failed.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot write: {source}")]
pub struct ExportError {
    pub path: PathBuf,
    #[source]
    pub source: rust_xlsxwriter::XlsxError,
}

impl UserFacing for ExportError {
    /// Stable code: `export_write_failed`.
    fn code(&self) -> &'static str {
        "export_write_failed"
    }

    fn message(&self) -> Text {
        let (path, source) = (self.path.display(), &self.source);
        Text::new(
            format!("«{path}» файлын жазу мүмкін болмады: ол Excel-де ашық емес пе? ({source})"),
            format!("Не удалось записать файл «{path}»: не открыт ли он в Excel? ({source})"),
        )
    }
}
