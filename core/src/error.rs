//! The core's error: every failure a person can meet, with a stable code and a bilingual text.

use crate::commission::WorkflowError;
use crate::demo::DemoError;
use crate::followup::{ExportError, FollowUpError};
use crate::i18n::{Text, UserFacing};
use crate::import::ImportError;
use crate::papers::PaperError;
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
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    #[error(transparent)]
    Paper(#[from] PaperError),
}

impl UserFacing for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::Store(e) => e.code(),
            Error::Import(e) => e.code(),
            Error::Demo(e) => e.code(),
            Error::FollowUp(e) => e.code(),
            Error::Export(e) => e.code(),
            Error::Workflow(e) => e.code(),
            Error::Paper(e) => e.code(),
        }
    }
    fn message(&self) -> Text {
        match self {
            Error::Store(e) => e.message(),
            Error::Import(e) => e.message(),
            Error::Demo(e) => e.message(),
            Error::FollowUp(e) => e.message(),
            Error::Export(e) => e.message(),
            Error::Workflow(e) => e.message(),
            Error::Paper(e) => e.message(),
        }
    }
    fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            Error::Store(e) => e.params(),
            Error::Import(e) => e.params(),
            Error::Demo(e) => e.params(),
            Error::FollowUp(e) => e.params(),
            Error::Export(e) => e.params(),
            Error::Workflow(e) => e.params(),
            Error::Paper(e) => e.params(),
        }
    }
}
