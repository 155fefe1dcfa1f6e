//! `joldama`: the command line over joldama-core, for scripting and tests. Every command
//! prints for a person (in Kazakh or Russian) or, with `--json`, for a program.

mod args;
mod commands;
mod error;
mod output;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use joldama_core::Lang;
use joldama_core::import::{ImportOptions, SheetChoice};
use joldama_core::store::{ChangeContext, Store};
use joldama_core::workflow::{self, demo};

use commands::{commission, decide, export, followup, matching, papers, rules, server};
use error::{CliError, Failure};

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
    /// The register on a PostgreSQL server instead of the file:
    /// postgresql://person@host:5432/database (the server names who made each change).
    #[arg(long, global = true, env = "JOLDAMA_SERVER", value_name = "URL")]
    server: Option<String>,
    /// The server's password when the address holds none, as libpq takes it.
    #[arg(long, global = true, env = "PGPASSWORD", hide_env_values = true, hide = true)]
    password: Option<String>,
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
    /// The commission of a graduation cohort and its members.
    #[command(subcommand)]
    Commission(commission::CommissionCommand),
    /// The commission's meetings.
    #[command(subcommand)]
    Meeting(commission::MeetingCommand),
    /// The vacancies a graduate may be referred to, and why the others are refused.
    Eligible(decide::Whom),
    /// Take a decision for a graduate at a meeting.
    #[command(subcommand)]
    Decide(decide::DecideCommand),
    /// A graduate's decisions, revisions included.
    History(decide::Whom),
    /// Record arrival, periods, the cost of studies and the years on the grant, payments.
    #[command(subcommand)]
    Followup(followup::FollowupCommand),
    /// Where the obligation stands: its state, the term and its days, what is owed (only
    /// once broken) or would be owed if the graduate stopped.
    Obligation(followup::ObligationArgs),
    /// Write lists in Excel.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Print a meeting's papers (letters, referrals, certificates) as PDF.
    Letters(papers::LettersArgs),
    /// Print a meeting's protocol as PDF.
    Protocol(papers::ProtocolArgs),
    /// The register of the papers a year's commission issued (журнал регистрации), as PDF or,
    /// with `--xlsx`, as an Excel workbook.
    Issued(papers::IssuedArgs),
    /// Check a paper from its QR code: the code's text, or a PNG scan of the page (`--image`).
    /// With `--key` (the university's public key file) it checks the signature alone, without
    /// the register; otherwise it checks against the register too.
    Verify(papers::VerifyArgs),
    /// Write the university's public key, for employers to check papers with `verify --key`.
    PublicKey(papers::PublicKeyArgs),
    /// Sign a printed paper (PDF) with a member's key file (.p12, RSA, as NCA RK issues):
    /// a PAdES signature added to the file, so that members sign one protocol in turn. The
    /// password is asked for on the terminal, or read from stdin with `--password-stdin`.
    Sign(papers::SignArgs),
    /// The cohort's suggestion in stable mode (the commission's order and the graduates'
    /// wishes) or fill mode, with both modes' figures; `--explain IIN` says why a graduate
    /// gets what they get; `--accept MEETING` takes it as referrals.
    Suggest(matching::SuggestArgs),
    /// Graduates' applications: ranked wishes and the day handed in.
    #[command(subcommand)]
    Wishes(matching::WishesCommand),
    /// The commission's priority order for a cohort: criteria and the final tie-break.
    #[command(subcommand)]
    Priority(rules::CohortDocCommand),
    /// The rules table of a cohort: who is bound, where they may work, for how long.
    #[command(subcommand)]
    Rules(rules::CohortDocCommand),
    /// The cohort's settings: arrival day, deadline, normative years.
    #[command(subcommand)]
    Cohort(rules::CohortDocCommand),
    /// The register on a PostgreSQL server, for several desks: status, moving this desk's file
    /// in, people and their roles.
    Server(server::ServerArgs),
    /// Check the register: every finalised meeting and paper number against its seal, the
    /// chain of seals, rows pointing nowhere, the file itself. Fails if anything is found.
    Check,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// The registrar's list of graduates.
    Graduates(ImportArgs),
    /// Employers' requests (vacancies).
    Vacancies(ImportArgs),
    /// Graduates' applications: wishes 1…10 in columns, or one row per wish with its rank;
    /// a wish is a BIN, a region or an employer's name.
    Applications(ImportArgs),
}

/// Which list an import reads.
#[derive(Clone, Copy)]
pub(crate) enum List {
    Graduates,
    Vacancies,
    Applications,
}

/// Imports a list and prints its report.
pub(crate) fn import(cli: &Cli, args: &ImportArgs, list: List) -> Result<(), Failure> {
    // A dry run changes nothing: against no file yet, it reads into an empty database in
    // memory rather than create one.
    let mut store = match (args.dry_run, cli.server.is_none() && !cli.db_path()?.exists()) {
        (true, true) => Store::open_in_memory()?,
        (true, false) => cli.open_store()?,
        (false, _) => cli.create_store()?,
    };
    let options = ImportOptions {
        year: args.year,
        dry_run: args.dry_run,
        actor: cli.actor(),
        sheet: args.sheet.clone(),
        mapping: args::mapping(args.header_row, &args.map)?,
        ..Default::default()
    };
    let year = || args.year.unwrap_or_else(current_year);
    let report = match list {
        List::Graduates => workflow::import::graduates(&mut store, &args.path, &options)?,
        List::Vacancies => workflow::import::vacancies(&mut store, &args.path, year(), &options)?,
        List::Applications => workflow::import::applications(&mut store, &args.path, year(), &options)?,
    };
    cli.printer().import_report(&report);
    Ok(())
}

#[derive(Args)]
pub(crate) struct ImportArgs {
    path: PathBuf,
    /// The graduation cohort (required for a graduate list without a year column; for
    /// vacancies, by default the current year).
    #[arg(long)]
    year: Option<i32>,
    /// Read and check only; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// The sheet the list is on, by name or number from 1; by default the one that fits best.
    #[arg(long)]
    sheet: Option<SheetChoice>,
    /// The header row as the spreadsheet numbers it, with `--map`: read as mapped, not detected.
    #[arg(long, requires = "map")]
    header_row: Option<u32>,
    /// A field's column, as `field=COLUMN` (`iin=B`, `program_code=F`); repeat for each field.
    #[arg(long, value_name = "FIELD=COLUMN", requires = "header_row")]
    map: Vec<String>,
}

#[derive(Args)]
struct DemoArgs {
    /// The graduation cohort; by default the current year.
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, default_value_t = demo::DemoSpec::GRADUATES)]
    graduates: usize,
    #[arg(long, default_value_t = demo::DemoSpec::VACANCIES)]
    vacancies: usize,
    /// Seed of the generator: the same seed gives the same people.
    #[arg(long, default_value_t = demo::DemoSpec::SEED)]
    seed: u64,
}

fn main() -> ExitCode {
    // Piped into `head`, a script's reader may close early: end quietly, as Unix tools do,
    // instead of panicking on the failed write (Rust ignores SIGPIPE by default).
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            output::error(failure.reason(), cli.lang, cli.json);
            ExitCode::from(2)
        }
    }
}

impl Cli {
    /// The database, which must exist: most commands only read or change what is there, and a
    /// mistyped `--db` must not leave a new empty file behind.
    fn open_store(&self) -> Result<Store, Failure> {
        if let Some(request) = self.server_request() {
            // The desk's own files (proofs, papers) go where its file would be.
            let folder = self.db_path()?.parent().map_or_else(std::env::temp_dir, Path::to_path_buf);
            return Ok(workflow::server::open_store(&request, folder)?);
        }
        self.open_file()
    }

    /// The desk's file, which must exist, even with a server named (moving it in reads it).
    pub(crate) fn open_file(&self) -> Result<Store, Failure> {
        let path = self.db_path()?;
        self.warn_if_shared(&path);
        Ok(Store::open_existing(&path)?)
    }

    /// The database, created if missing: for the commands that bring the first data in.
    fn create_store(&self) -> Result<Store, Failure> {
        if self.server.is_some() {
            return self.open_store();
        }
        let path = self.db_path()?;
        self.warn_if_shared(&path);
        Ok(Store::open(&path)?)
    }

    /// The server's register, when `--server` or `JOLDAMA_SERVER` names one.
    pub(crate) fn server_request(&self) -> Option<workflow::server::ServerRequest> {
        let address = self.server.clone()?;
        Some(workflow::server::ServerRequest { address, password: self.password.clone() })
    }

    /// A file on a network share is said to be one, on stderr, before anything is done.
    fn warn_if_shared(&self, path: &Path) {
        if let Some(share) = joldama_core::store::network_share(path) {
            eprintln!("{}", self.printer().text(&share.warning(path)));
        }
    }

    fn db_path(&self) -> Result<PathBuf, Failure> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => Ok(Store::default_path().ok_or(CliError::NoDataFolder)?),
        }
    }

    fn actor(&self) -> String {
        self.actor
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .unwrap_or_else(|| "joldama".into())
    }

    fn change(&self) -> ChangeContext {
        ChangeContext { actor: self.actor(), source: Some("cli".into()) }
    }

    fn printer(&self) -> output::Printer {
        output::Printer { lang: self.lang, json: self.json }
    }
}

fn current_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year()
}

fn run(cli: &Cli) -> Result<(), Failure> {
    let out = cli.printer();
    match &cli.command {
        Command::Import(which) => match which {
            ImportCommand::Graduates(args) => import(cli, args, List::Graduates)?,
            ImportCommand::Vacancies(args) => import(cli, args, List::Vacancies)?,
            ImportCommand::Applications(args) => import(cli, args, List::Applications)?,
        },
        Command::Graduates { year } => {
            let store = cli.open_store()?;
            let mut graduates = store.graduates()?;
            graduates.retain(|g| year.is_none_or(|y| g.record.graduation_year == y));
            out.graduates(&graduates);
        }
        Command::Vacancies { year } => {
            let store = cli.open_store()?;
            let mut vacancies = store.vacancies()?;
            vacancies.retain(|v| year.is_none_or(|y| v.record.year == y));
            out.vacancies(&vacancies);
        }
        Command::Demo(args) => {
            let mut store = cli.create_store()?;
            let year = args.year.unwrap_or_else(current_year);
            let spec = demo::DemoSpec {
                year,
                graduates: args.graduates,
                vacancies: args.vacancies,
                seed: args.seed,
            };
            match demo::build(&mut store, &spec, &cli.actor())? {
                Some(summary) => out.demo(&summary, store.path().unwrap_or(Path::new(":memory:"))),
                None => {
                    let (kk, ru) = (
                        format!("{year} жылдың деректері бар: демо қайта жасалмады"),
                        format!("Данные {year} года уже есть: демо не создаётся заново"),
                    );
                    out.show(&serde_json::json!({ "skipped": year }), || println!("{}", out.t(&kk, &ru)));
                }
            }
        }
        Command::Commission(command) => commission::commission(cli, command)?,
        Command::Meeting(command) => commission::meeting(cli, command)?,
        Command::Eligible(args) => decide::eligible(cli, args)?,
        Command::Decide(command) => decide::decide(cli, command)?,
        Command::History(args) => decide::history(cli, args)?,
        Command::Followup(command) => followup::followup(cli, command)?,
        Command::Obligation(args) => followup::obligation(cli, args)?,
        Command::Export(command) => export::export(cli, command)?,
        Command::Letters(a) => papers::letters(cli, a)?,
        Command::Protocol(a) => papers::protocol(cli, a)?,
        Command::Issued(a) => papers::issued(cli, a)?,
        Command::Verify(a) => papers::verify(cli, a)?,
        Command::PublicKey(a) => papers::public_key(cli, a)?,
        Command::Sign(a) => papers::sign(cli, a)?,
        Command::Suggest(a) => matching::suggest(cli, a)?,
        Command::Wishes(command) => matching::wishes(cli, command)?,
        Command::Priority(command) => matching::priority(cli, command)?,
        Command::Rules(command) => rules::rules(cli, command)?,
        Command::Cohort(command) => rules::cohort(cli, command)?,
        Command::Server(args) => server::run(cli, args)?,
        Command::Check => {
            let store = cli.open_store()?;
            let report = joldama_core::workflow::register::check(&store)?;
            out.show(&report, || {
                println!(
                    "{}: {} / {}",
                    out.t(
                        "Тексерілген мөрлер (отырыстар / құжаттар)",
                        "Проверено печатей (заседания / документы)"
                    ),
                    report.meetings,
                    report.papers
                );
                report.findings.iter().for_each(|f| println!("  {}", out.text(&f.message)));
            });
            if !report.findings.is_empty() {
                return Err(CliError::RegisterFindings { count: report.findings.len() }.into());
            }
        }
    }
    Ok(())
}
