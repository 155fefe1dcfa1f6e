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

    /// The `{name}`s of a text.
    fn placeholders(text: &str) -> Vec<&str> {
        text.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(name, _)| name).collect()
    }

    /// Each of the window's error texts with a `{name}` finds that value in the error the shell
    /// sends; else the window falls back to the core's message and the template is dead.
    #[test]
    fn the_window_finds_every_value_its_error_texts_name() {
        let path = || std::path::PathBuf::from("/home/хатшы/Түлектер 2025.xlsx");
        let errors: Vec<AppError> = vec![
            ImportError::NotASpreadsheet { path: path() }.into(),
            ImportError::PasswordProtected { path: path() }.into(),
            ImportError::Empty { path: path() }.into(),
            WorkflowError::Decision(DecisionError::MeetingFinalised { number: 4 }).into(),
            WorkflowError::CommissionExists { year: 2025 }.into(),
            WorkflowError::Decision(DecisionError::VacanciesAvailable { count: 3 }).into(),
        ];
        for (lang, locale) in [
            ("kk", include_str!("../../ui/src/locales/kk.json")),
            ("ru", include_str!("../../ui/src/locales/ru.json")),
        ] {
            let locale: serde_json::Value = serde_json::from_str(locale).unwrap();
            let texts = locale["errors"].as_object().unwrap();
            // The UI's own `unexpected` names the detail of a failure in the window itself.
            for (code, text) in texts.iter().filter(|(code, _)| *code != "unexpected") {
                let text = text.as_str().unwrap();
                if placeholders(text).is_empty() {
                    continue;
                }
                let error = errors.iter().find(|e| e.code == *code);
                let error = error.unwrap_or_else(|| panic!("{lang}: no error here has code {code}"));
                for name in placeholders(text) {
                    assert!(
                        error.params.contains_key(name),
                        "{lang} {code}: no param {name} in {:?}",
                        error.params
                    );
                }
            }
        }
        assert_eq!(errors[0].params["file"], "Түлектер 2025.xlsx");
        assert_eq!(errors[3].params["number"], "4");
    }
}
