//! The commission's year from the command line, one module per group of commands; each is a
//! thin layer that parses arguments into the workflow's requests and prints its answers.

pub mod commission;
pub mod decide;
pub mod export;
pub mod followup;
pub mod matching;
pub mod papers;
pub mod rules;
pub mod server;
