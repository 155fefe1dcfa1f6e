//! The core's error: every failure a person can meet, with a stable code and a bilingual text.

use crate::demo::DemoError;
use crate::followup::{ExportError, FollowUpError};
use crate::i18n::{Text, UserFacing};
use crate::import::ImportError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Demo(#[from] DemoError),
    #[error(transparent)]
    FollowUp(#[from] FollowUpError),
    #[error(transparent)]
    Export(#[from] ExportError),
}

impl UserFacing for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::Store(e) => e.code(),
            Error::Import(e) => e.code(),
            Error::Demo(e) => e.code(),
            Error::FollowUp(e) => e.code(),
            Error::Export(e) => e.code(),
        }
    }
    fn message(&self) -> Text {
        match self {
            Error::Store(e) => e.message(),
            Error::Import(e) => e.message(),
            Error::Demo(e) => e.message(),
            Error::FollowUp(e) => e.message(),
            Error::Export(e) => e.message(),
        }
    }
}
