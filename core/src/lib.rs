//! Joldama's core: everything the commission's work needs, free of any UI framework.
//!
//! - [`ident`]: IIN and BIN, valid by construction;
//! - [`classifiers`]: regions, funding categories, levels, fields, organisation kinds, as data;
//! - [`model`]: the records the store keeps;
//! - [`store`]: the SQLite file, its migrations and audit trail;
//! - [`import`]: graduate and vacancy lists from .xlsx / .xls / .ods;
//! - [`papers`]: the commission's printable papers as PDF (letters, certificates, protocols);
//! - [`demo`]: believable generated lists, for the demo database and benchmarks.

pub mod classifiers;
pub mod demo;
pub mod error;
pub mod i18n;
pub mod ident;
pub mod import;
pub mod model;
pub mod papers;
pub mod store;

pub use error::Error;
pub use i18n::{Lang, Text};
