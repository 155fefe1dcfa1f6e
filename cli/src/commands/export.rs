//! `export …`: the Financial Centre's list and the placement statistics, in Excel.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use joldama_core::workflow::reports;

use crate::Cli;
use crate::args;
use crate::error::Failure;

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long)]
    year: i32,
    /// The .xlsx file to write.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Every grant graduate of the cohort, in every state (exempted, deferred, not covered,
    /// at the centre, working, broken): decision and papers, contacts, the term and its days,
    /// the refund only where owed; a second sheet lists the periods.
    FinancialCentre {
        #[command(flatten)]
        export: ExportArgs,
        /// By default today.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Placement by programme, funding category and region.
    Stats {
        #[command(flatten)]
        export: ExportArgs,
    },
}

pub fn export(cli: &Cli, command: &ExportCommand) -> Result<(), Failure> {
    let out = cli.printer();
    let store = cli.open_store()?;
    let written = match command {
        ExportCommand::FinancialCentre { export, as_of } => {
            let as_of = args::date_opt(as_of.as_deref())?.unwrap_or_else(args::today);
            reports::export_financial_centre(&store, export.year, as_of, cli.lang, &export.out)?
        }
        ExportCommand::Stats { export } => reports::export_stats(&store, export.year, cli.lang, &export.out)?,
    };
    out.show(&written, || {
        println!(
            "{}: {} ({} {})",
            out.t("Файл жазылды", "Файл записан"),
            written.file.display(),
            written.rows,
            out.t("түлек", "выпускников")
        );
    });
    Ok(())
}
