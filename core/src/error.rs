//! The core's error: every failure a person can meet, with a stable code and a bilingual text.

use crate::followup::{ExportError, FollowUpError};
use crate::generate::DemoError;
use crate::i18n::{Text, UserFacing};
use crate::ident::IdError;
use crate::import::ImportError;
use crate::matching::PriorityError;
use crate::papers::PaperError;
use crate::rules::{RulesError, SettingsError};
use crate::store::StoreError;
use crate::store::server::ServerError;
use crate::workflow::WorkflowError;

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
    #[error(transparent)]
    Id(#[from] IdError),
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    Priority(#[from] PriorityError),
    #[error(transparent)]
    Server(#[from] ServerError),
}

/// Every variant delegates to the error it wraps.
macro_rules! each {
    ($self:ident, $e:ident => $body:expr) => {
        match $self {
            Error::Store($e) => $body,
            Error::Import($e) => $body,
            Error::Demo($e) => $body,
            Error::FollowUp($e) => $body,
            Error::Export($e) => $body,
            Error::Workflow($e) => $body,
            Error::Paper($e) => $body,
            Error::Id($e) => $body,
            Error::Rules($e) => $body,
            Error::Settings($e) => $body,
            Error::Priority($e) => $body,
            Error::Server($e) => $body,
        }
    };
}

impl UserFacing for Error {
    fn code(&self) -> &'static str {
        each!(self, e => e.code())
    }
    fn message(&self) -> Text {
        each!(self, e => e.message())
    }
    fn params(&self) -> Vec<(&'static str, String)> {
        each!(self, e => e.params())
    }
}
