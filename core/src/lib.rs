//! Joldama's core: everything the commission's work needs, free of any UI framework.
//!
//! - [`ident`]: IIN and BIN, valid by construction;
//! - [`classifiers`]: regions, funding categories, levels, fields, organisation kinds, as data;
//! - [`model`]: the records the store keeps;
//! - [`rules`]: who is bound to work off, where and how long, per cohort; exemption grounds;
//! - [`store`]: the SQLite file, its migrations and audit trail;
//! - [`followup`]: arrival, periods worked, what is left to work off or refund; exports;
//! - [`import`]: graduate and vacancy lists from .xlsx / .xls / .ods;
//! - [`commission`]: commissions, meetings and decisions; [`suggest`]: the cohort suggestion;
//! - [`papers`]: the commission's printable papers as PDF (letters, certificates, protocols);
//!   [`letters`]: a meeting's papers built from the database;
//! - [`dossier`]: a graduate's file as the commission reads it (decisions in words, what the
//!   rules allow, the obligation's standing);
//! - [`task`]: progress and cancellation of long steps;
//! - [`demo`]: believable generated lists, for the demo database and benchmarks.

pub mod alphabet;
pub mod classifiers;
pub mod commission;
pub mod demo;
pub mod dossier;
pub mod error;
pub mod followup;
pub mod i18n;
pub mod ident;
pub mod import;
pub mod letters;
pub mod model;
pub mod papers;
pub mod rules;
pub mod store;
pub mod suggest;
pub mod task;

pub use error::Error;
pub use i18n::{Lang, Text};
