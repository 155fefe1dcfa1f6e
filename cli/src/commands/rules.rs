//! `rules show|set` and `cohort show|set`: the cohort's rules table and its settings (arrival
//! day, deadline, normative years), as JSON a person can read and edit.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use joldama_core::rules::{CohortSettings, Rule, RuleSet};
use joldama_core::workflow::WorkflowError;
use serde::de::DeserializeOwned;

use crate::Cli;
use crate::error::{CliError, Failure};

/// The same two verbs for both of a cohort's documents (its rules table and its settings).
#[derive(Subcommand)]
pub enum CohortDocCommand {
    /// Print it (a new cohort starts as a copy of the last one's).
    Show {
        #[arg(long)]
        year: i32,
    },
    /// Replace it with a JSON file (as `show --json` prints it); the file is checked whole
    /// before anything is saved.
    Set {
        #[arg(long)]
        year: i32,
        file: PathBuf,
    },
}

impl Cli {
    /// Setting a cohort's document may start a new file; showing one never does.
    pub(crate) fn store_for(
        &self,
        command: &CohortDocCommand,
    ) -> Result<joldama_core::store::Store, Failure> {
        match command {
            CohortDocCommand::Show { .. } => self.open_store(),
            CohortDocCommand::Set { .. } => self.create_store(),
        }
    }
}

/// A JSON file read into `T` (whose deserialising checks it), or an error naming the file.
pub(crate) fn read<T: DeserializeOwned>(file: &Path) -> Result<T, Failure> {
    let bytes = WorkflowError::read(file)?;
    Ok(serde_json::from_slice(&bytes).map_err(|e| CliError::RulesFile {
        path: file.to_path_buf(),
        line: e.line(),
        column: e.column(),
        fault: e.classify(),
    })?)
}

pub fn rules(cli: &Cli, command: &CohortDocCommand) -> Result<(), Failure> {
    let mut store = cli.store_for(command)?;
    let out = cli.printer();
    let year = match command {
        CohortDocCommand::Show { year } => *year,
        CohortDocCommand::Set { year, file } => {
            let rows: Vec<Rule> = read(file)?;
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

pub fn cohort(cli: &Cli, command: &CohortDocCommand) -> Result<(), Failure> {
    let mut store = cli.store_for(command)?;
    let out = cli.printer();
    let year = match command {
        CohortDocCommand::Show { year } => *year,
        CohortDocCommand::Set { year, file } => {
            let settings: CohortSettings = read(file)?;
            store.save_cohort_settings(*year, &settings, &cli.change())?;
            *year
        }
    };
    let s = store.cohort_settings(year)?;
    out.show(&s, || {
        println!("{}: {:02}.{:02}", out.t("Келу күні", "День прибытия"), s.arrival.day(), s.arrival.month());
        println!("{}: {}", out.t("Келуді күту, күн", "Ожидание прибытия, дней"), s.arrival_grace_days);
        println!(
            "{}: {}",
            out.t("Кестеде жоқ түлектің мерзімі, жыл", "Срок не охваченного таблицей, лет"),
            s.uncovered_term_years
        );
        let n = &s.normative_years;
        println!(
            "{}: {} / {} / {} / {}",
            out.t(
                "Нормативтік мерзім (бакалавриат / магистратура / резидентура / докторантура)",
                "Нормативный срок (бакалавриат / магистратура / резидентура / докторантура)"
            ),
            n.bachelor,
            n.master,
            n.residency,
            n.doctorate
        );
    });
    Ok(())
}
