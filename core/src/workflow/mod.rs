//! One function per thing a person does: import a list, set up the commission, decide, revise,
//! finalise, record an arrival, a period, a payment, print, export. Each loads what it needs
//! from the store, calls the domain ([`crate::rules`], [`crate::obligation`]) for the verdict,
//! and writes in one transaction ([`crate::store::Store::write`]). The window's commands and
//! the command line call these same functions with the same request types; neither decides
//! anything.

pub mod commission;
pub mod decide;
pub mod demo;
pub mod dossier;
mod error;
pub mod followup;
pub mod history;
pub mod import;
pub mod matching;
pub mod papers;
pub mod person;
pub mod register;
pub mod reports;
pub mod server;
pub mod signing;
mod typed;
pub mod verify;

pub use error::{Entity, WorkflowError};
