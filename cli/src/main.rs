//! `joldama`: the command line over joldama-core, for scripting and tests. Every command
//! prints for a person (in Kazakh or Russian) or, with `--json`, for a program.

mod output;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use joldama_core::i18n::UserFacing;
use joldama_core::import::{self, ImportOptions};
use joldama_core::store::Store;
use joldama_core::{Error, Lang, Text, demo};

#[derive(Parser)]
#[command(name = "joldama", version, about = "Joldama: graduates' personal distribution commission")]
struct Cli {
    /// The database file; by default the desktop app's, in the user's data folder.
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    /// Language of messages: kk (Қазақша) or ru (Русский).
    #[arg(long, global = true, default_value = "kk")]
    lang: Lang,
    /// Print JSON for programs instead of text for people.
    #[arg(long, global = true)]
    json: bool,
    /// Who makes the changes, for the audit trail; by default the system user.
    #[arg(long, global = true)]
    actor: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import a list from .xlsx, .xls or .ods.
    #[command(subcommand)]
    Import(ImportCommand),
    /// The stored graduates.
    Graduates {
        /// Only this graduation year.
        #[arg(long)]
        year: Option<i32>,
    },
    /// The stored vacancies with places left.
    Vacancies {
        #[arg(long)]
        year: Option<i32>,
    },
    /// Fill the database with a believable demo year, imported from generated lists.
    Demo(DemoArgs),
}

#[derive(Subcommand)]
enum ImportCommand {
    /// The registrar's list of graduates.
    Graduates(ImportArgs),
    /// Employers' requests (vacancies).
    Vacancies(ImportArgs),
}

#[derive(Args)]
struct ImportArgs {
    path: PathBuf,
    /// The graduation cohort (required for a graduate list without a year column; for
    /// vacancies, by default the current year).
    #[arg(long)]
    year: Option<i32>,
    /// Read and check only; change nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Args)]
struct DemoArgs {
    /// The graduation cohort; by default the current year.
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, default_value_t = 400)]
    graduates: usize,
    #[arg(long, default_value_t = 120)]
    vacancies: usize,
    /// Seed of the generator: the same seed gives the same people.
    #[arg(long, default_value_t = 2025)]
    seed: u64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            output::error(&error, cli.lang, cli.json);
            ExitCode::from(2)
        }
    }
}

/// Failures the command line reports: the core's, and a database it could not locate.
enum CliError {
    Core(Error),
    NoDataFolder,
}

impl<E: Into<Error>> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError::Core(e.into())
    }
}

impl UserFacing for CliError {
    fn code(&self) -> &'static str {
        match self {
            CliError::Core(e) => e.code(),
            CliError::NoDataFolder => "no_data_folder",
        }
    }
    fn message(&self) -> Text {
        match self {
            CliError::Core(e) => e.message(),
            CliError::NoDataFolder => Text::new(
                "Пайдаланушы деректерінің қалтасы табылмады: --db арқылы файлды көрсетіңіз",
                "Не найдена папка данных пользователя: укажите файл через --db",
            ),
        }
    }
}

fn open_store(cli: &Cli) -> Result<Store, CliError> {
    let path = match &cli.db {
        Some(path) => path.clone(),
        None => Store::default_path().ok_or(CliError::NoDataFolder)?,
    };
    Ok(Store::open(&path)?)
}

fn actor(cli: &Cli) -> String {
    cli.actor
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_else(|| "joldama".into())
}

fn current_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year()
}

fn run(cli: &Cli) -> Result<(), CliError> {
    let out = output::Printer { lang: cli.lang, json: cli.json };
    match &cli.command {
        Command::Import(which) => {
            let (args, graduates) = match which {
                ImportCommand::Graduates(args) => (args, true),
                ImportCommand::Vacancies(args) => (args, false),
            };
            let mut store = open_store(cli)?;
            let options = ImportOptions { year: args.year, dry_run: args.dry_run, actor: actor(cli) };
            let report = if graduates {
                import::graduates::import(&mut store, &args.path, &options)?
            } else {
                let year = args.year.unwrap_or_else(current_year);
                import::vacancies::import(&mut store, &args.path, year, &options)?
            };
            out.import_report(&report);
        }
        Command::Graduates { year } => {
            let store = open_store(cli)?;
            let mut graduates = store.graduates()?;
            graduates.retain(|g| year.is_none_or(|y| g.record.graduation_year == y));
            out.graduates(&graduates);
        }
        Command::Vacancies { year } => {
            let store = open_store(cli)?;
            let mut vacancies = store.vacancies()?;
            vacancies.retain(|v| year.is_none_or(|y| v.record.year == y));
            out.vacancies(&vacancies);
        }
        Command::Demo(args) => {
            let mut store = open_store(cli)?;
            let spec = demo::DemoSpec {
                year: args.year.unwrap_or_else(current_year),
                graduates: args.graduates,
                vacancies: args.vacancies,
                seed: args.seed,
            };
            let summary = demo::build(&mut store, &spec, &actor(cli))?;
            out.demo(&summary, store.path().unwrap_or(Path::new(":memory:")));
        }
    }
    Ok(())
}
