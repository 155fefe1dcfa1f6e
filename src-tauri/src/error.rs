//! Errors as they cross to the window: a stable code the UI translates, the values it may
//! interpolate, and the core's own bilingual message as the fallback. Never a debug string.

use std::collections::BTreeMap;

use joldama_core::Text;
use joldama_core::i18n::UserFacing;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AppError {
    pub code: String,
    pub params: BTreeMap<String, String>,
    pub message: Text,
}

impl AppError {
    pub fn of(e: &impl UserFacing) -> AppError {
        let params = e.params().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        AppError { code: e.code().to_owned(), params, message: e.message() }
    }

    pub fn new(code: &str, message: Text) -> AppError {
        AppError { code: code.to_owned(), params: BTreeMap::new(), message }
    }

    /// A step that panicked: the store rolled back; nothing the person can fix.
    pub fn unexpected() -> AppError {
        AppError::new(
            "unexpected",
            Text::new(
                "Ішкі қате: әрекет орындалмады, деректер өзгерген жоқ",
                "Внутренняя ошибка: действие не выполнено, данные не изменены",
            ),
        )
    }

    pub fn with(mut self, key: &str, value: impl ToString) -> AppError {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }
}

/// Every core error reaches the window this way.
impl<E: UserFacing> From<E> for AppError {
    fn from(e: E) -> AppError {
        AppError::of(&e)
    }
}

pub type Answer<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use joldama_core::import::ImportError;
    use joldama_core::rules::decision::DecisionError;
    use joldama_core::workflow::WorkflowError;

    use super::*;

    /// The window shows the core's own words: every error reaches it with both languages'
    /// texts, naming what it is about, beside the code and params its logic reads.
    #[test]
    fn errors_reach_the_window_in_the_cores_words() {
        let path = || std::path::PathBuf::from("/home/хатшы/Түлектер 2025.xlsx");
        let errors: Vec<AppError> = vec![
            ImportError::NotASpreadsheet { path: path() }.into(),
            ImportError::PasswordProtected { path: path() }.into(),
            ImportError::Empty { path: path() }.into(),
            WorkflowError::Decision(DecisionError::MeetingFinalised { number: 4 }).into(),
            WorkflowError::CommissionExists { year: 2025 }.into(),
            WorkflowError::Decision(DecisionError::VacanciesAvailable { count: 3 }).into(),
        ];
        for e in &errors {
            let Text { kk, ru } = &e.message;
            assert!(!kk.is_empty() && !ru.is_empty() && kk != ru, "{}: {kk} / {ru}", e.code);
        }
        for e in &errors[..3] {
            assert!(
                e.message.kk.contains("Түлектер 2025.xlsx") && e.message.ru.contains("Түлектер 2025.xlsx")
            );
        }
        assert!(errors[3].message.ru.contains('4') && errors[5].message.kk.contains('3'));
        assert_eq!(errors[0].params["file"], "Түлектер 2025.xlsx");
        assert_eq!(errors[3].params["number"], "4");
    }
}
