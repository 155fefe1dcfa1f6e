//! The window's commands: each one line (or a few) over the core, run off the UI thread.

pub mod files;
pub mod followup;
pub mod graduates;
pub mod matching;
pub mod meeting;
pub mod papers;
pub mod server;
pub mod settings;
pub mod vacancies;
