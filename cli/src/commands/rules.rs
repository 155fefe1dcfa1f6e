//! `rules show|set`: the cohort's rules table, as JSON a person can read and edit.

use std::path::PathBuf;

use clap::Subcommand;
use joldama_core::rules::{Rule, RuleSet};

use crate::Cli;
use crate::error::{CliError, Failure};

#[derive(Subcommand)]
pub enum RulesCommand {
    /// The cohort's rules table (a new cohort starts as a copy of the last one's).
    Show {
        #[arg(long)]
        year: i32,
    },
    /// Replace the cohort's rules table with the rows of a JSON file (as `show --json` prints
    /// them); the table is checked whole before anything is saved.
    Set {
        #[arg(long)]
        year: i32,
        file: PathBuf,
    },
}

pub fn rules(cli: &Cli, command: &RulesCommand) -> Result<(), Failure> {
    let mut store = cli.open_store()?;
    let out = cli.printer();
    let year = match command {
        RulesCommand::Show { year } => *year,
        RulesCommand::Set { year, file } => {
            let unreadable = |detail: String| CliError::RulesFile { path: file.clone(), detail };
            let text = std::fs::read_to_string(file).map_err(|e| unreadable(e.to_string()))?;
            let rows: Vec<Rule> = serde_json::from_str(&text).map_err(|e| unreadable(e.to_string()))?;
            store.save_rules(*year, &RuleSet::new(rows)?, &cli.change())?;
            *year
        }
    };
    let set = store.rules(year)?;
    out.show(&set, || {
        for (n, rule) in set.rows().iter().enumerate() {
            println!(
                "{}. {} — {}",
                n + 1,
                out.text(&rule.name),
                out.t(&format!("{} жыл", rule.term_years), &format!("{} г.", rule.term_years))
            );
        }
    });
    Ok(())
}
