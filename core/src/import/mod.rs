//! Import of graduate and vacancy lists from .xlsx, .xls and .ods.

use std::path::PathBuf;

use crate::i18n::{Text, UserFacing};

/// A file that cannot be imported at all. Row problems are not errors: see the report.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl UserFacing for ImportError {
    fn code(&self) -> &'static str {
        match self {
            ImportError::Io { .. } => "file_unreadable",
        }
    }
    fn message(&self) -> Text {
        match self {
            ImportError::Io { path, source } => Text::new(
                format!("{} файлын оқу мүмкін емес: {source}", path.display()),
                format!("Не удалось прочитать файл {}: {source}", path.display()),
            ),
        }
    }
}
