//! `commission …` and `meeting …`: the commission of a cohort, its members and meetings.

use clap::Subcommand;
use joldama_core::Text;
use joldama_core::commission::{Commission, Meeting, Role};
use serde::Serialize;

use super::{commission_of, meeting_of, vacancies};
use crate::Cli;
use crate::args::{self, code};
use crate::error::{CliError, Failure};
use crate::output::{Printer, day};

#[derive(Subcommand)]
pub enum CommissionCommand {
    /// Create the commission of a graduation cohort.
    Create {
        #[arg(long)]
        year: i32,
        /// Its name in Kazakh; by default «Дербес бөлу жөніндегі комиссия».
        #[arg(long)]
        name_kk: Option<String>,
        /// Its name in Russian; by default «Комиссия по персональному распределению».
        #[arg(long)]
        name_ru: Option<String>,
    },
    /// Add a member.
    AddMember {
        #[arg(long)]
        year: i32,
        /// chair, deputy, secretary or member.
        #[arg(long)]
        role: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        position: Option<String>,
    },
    /// The commission, its members and meetings.
    Show {
        #[arg(long)]
        year: i32,
    },
}

#[derive(Subcommand)]
pub enum MeetingCommand {
    /// Open the commission's next meeting.
    Create {
        #[arg(long)]
        year: i32,
        /// YYYY-MM-DD or DD.MM.YYYY.
        #[arg(long)]
        date: String,
        #[arg(long)]
        place: Option<String>,
        /// Members present: `all`, or their ids separated by commas.
        #[arg(long, default_value = "all")]
        present: String,
    },
    /// Lock the meeting: its decisions and protocol never change afterwards.
    Finalise { meeting_id: i64 },
    /// The meeting and its decisions.
    Show { meeting_id: i64 },
}

/// A commission as programs read it, with its meetings.
#[derive(Serialize)]
struct CommissionView<'a> {
    #[serde(flatten)]
    commission: &'a Commission,
    meetings: &'a [Meeting],
}

pub fn commission(cli: &Cli, command: &CommissionCommand) -> Result<(), Failure> {
    let out = cli.printer();
    let mut store = cli.open_store()?;
    let year = match command {
        CommissionCommand::Create { year, name_kk, name_ru } => {
            let name = Text::new(
                name_kk.as_deref().unwrap_or("Дербес бөлу жөніндегі комиссия"),
                name_ru.as_deref().unwrap_or("Комиссия по персональному распределению"),
            );
            store.create_commission(*year, &name, &cli.change())?;
            *year
        }
        CommissionCommand::AddMember { year, role, name, position } => {
            let role = code(role, Role::ALL, Role::code, ("рөл", "роль"))?;
            let commission = commission_of(&store, *year)?;
            store.add_member(commission.id, role, name, position.as_deref(), &cli.change())?;
            *year
        }
        CommissionCommand::Show { year } => *year,
    };
    let commission = commission_of(&store, year)?;
    let meetings = store.meetings(commission.id)?;
    out.show(&CommissionView { commission: &commission, meetings: &meetings }, || {
        print_commission(&out, &commission, &meetings)
    });
    Ok(())
}

fn print_commission(out: &Printer, c: &Commission, meetings: &[Meeting]) {
    println!("{} ({} {})", out.text(&c.name), c.year, out.t("жылғы түлектер", "год выпуска"));
    for m in &c.members {
        let position = m.position.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
        println!("  [{}] {}: {}{position}", m.id, out.text(&m.role.label()), m.full_name);
    }
    for m in meetings {
        print_meeting_head(out, m);
    }
}

fn print_meeting_head(out: &Printer, m: &Meeting) {
    let state = match &m.finalised {
        Some(f) => format!("{} {}", out.t("аяқталған", "завершено"), f.at),
        None => out.t("ашық", "открыто"),
    };
    let place = m.place.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
    println!(
        "{} №{} (id {}), {}{place}; {}: {}; {state}",
        out.t("Отырыс", "Заседание"),
        m.number,
        m.id,
        day(m.held_on),
        out.t("қатысқандар", "присутствуют"),
        m.present.len()
    );
}

/// `all`, or ids separated by commas, each a member of the commission.
fn present(value: &str, commission: &Commission) -> Result<Vec<i64>, Failure> {
    if value.trim() == "all" {
        return Ok(commission.members.iter().map(|m| m.id).collect());
    }
    let mut ids = Vec::new();
    for part in value.split(',').filter(|p| !p.trim().is_empty()) {
        let id = args::number(part)?;
        if !commission.members.iter().any(|m| m.id == id) {
            return Err(CliError::NotAMember { id }.into());
        }
        ids.push(id);
    }
    Ok(ids)
}

pub fn meeting(cli: &Cli, command: &MeetingCommand) -> Result<(), Failure> {
    let out = cli.printer();
    let mut store = cli.open_store()?;
    match command {
        MeetingCommand::Create { year, date, place, present: who } => {
            let held_on = args::date(date)?;
            let commission = commission_of(&store, *year)?;
            let present = present(who, &commission)?;
            let meeting =
                store.create_meeting(commission.id, held_on, place.as_deref(), &present, &cli.change())?;
            out.show(&meeting, || print_meeting_head(&out, &meeting));
        }
        MeetingCommand::Finalise { meeting_id } => {
            meeting_of(&store, *meeting_id)?;
            let meeting = store.finalise_meeting(*meeting_id, &cli.change())?;
            out.show(&meeting, || {
                print_meeting_head(&out, &meeting);
                println!(
                    "{}",
                    out.t(
                        "Отырыс аяқталды: оның шешімдері мен хаттамасы енді өзгермейді. \
                         Түзету керек болса, келесі отырыста шешімді қайта қарау арқылы енгізіледі.",
                        "Заседание завершено: его решения и протокол больше не меняются. \
                         Исправление вносится пересмотром решения на следующем заседании."
                    )
                );
            });
        }
        MeetingCommand::Show { meeting_id } => {
            let meeting = store.meeting(*meeting_id)?.ok_or(CliError::MeetingNotFound { id: *meeting_id })?;
            let decisions = store.decisions_of_meeting(meeting.id)?;
            let vacancies = vacancies(&store)?;
            let graduates =
                decisions.iter().map(|d| store.graduate(d.graduate_id)).collect::<Result<Vec<_>, _>>()?;
            let view = serde_json::json!({ "meeting": meeting, "decisions": decisions });
            out.show(&view, || {
                print_meeting_head(&out, &meeting);
                for (d, g) in decisions.iter().zip(&graduates) {
                    out.decision(d, g.as_ref(), &vacancies);
                }
            });
        }
    }
    Ok(())
}
