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
        AppError { code: e.code().to_owned(), params: BTreeMap::new(), message: e.message() }
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
