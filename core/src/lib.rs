//! Joldama's core: everything the commission's work needs, free of any UI framework.
//!
//! The domain (data in, verdict out; no store; files only where a paper or a list is written):
//! - [`ident`]: IIN and BIN, valid by construction;
//! - [`classifiers`]: regions, funding categories, levels, fields, organisation kinds, as data;
//! - [`model`]: the records lists give and the store keeps;
//! - [`rules`]: who is bound where and how long, per cohort; the decision checks; exemption
//!   grounds; the cohort's settings;
//! - [`commission`]: commissions, meetings, decisions and what they mean in words;
//! - [`obligation`]: the obligation's states, term, days and refund, from the law;
//! - [`followup`]: the facts recorded after a decision, and the Financial Centre's list (.xlsx);
//! - [`matching`]: graduates' wishes, the commission's priority order, stable and fill matching
//!   and why each graduate got what they got;
//! - [`papers`]: the commission's printable papers as PDF;
//! - [`register`]: the seals of finalised meetings and paper numbers, and their check.
//!
//! Around it:
//! - [`store`]: the SQLite file, its migrations and audit trail: reads and transaction steps;
//! - [`import`]: graduate and vacancy lists from .xlsx / .xls / .ods;
//! - [`workflow`]: one function per thing a person does, used by the window and the CLI alike;
//! - [`generate`]: believable generated lists, for the demo, benchmarks and tests;
//! - [`task`]: progress and cancellation of long steps;
//! - [`private`]: files and folders of personal data, created owner-only.

pub mod alphabet;
pub mod authentic;
pub mod classifiers;
pub mod commission;
pub mod error;
pub mod followup;
pub mod generate;
pub mod i18n;
pub mod ident;
pub mod import;
pub mod matching;
pub mod model;
pub mod obligation;
pub mod papers;
pub mod private;
pub mod register;
pub mod rules;
pub mod store;
pub mod task;
pub mod vocabulary;
pub mod workflow;

pub use error::Error;
pub use i18n::{Lang, Text};
