//! `commission …` and `meeting …`: the commission of a cohort, its members and meetings.

use clap::Subcommand;
use joldama_core::Text;
use joldama_core::commission::{Commission, Meeting, Role};
use joldama_core::vocabulary::Termed;
use joldama_core::workflow::commission::{
    self as workflow, CommissionCopy, CommissionRequest, MeetingRequest, MemberEdit, MemberRequest,
};
use joldama_core::workflow::decide::{graduate, views};
use serde::Serialize;

use crate::Cli;
use crate::args::{self, code};
use crate::error::Failure;
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
        #[command(flatten)]
        member: MemberArgs,
    },
    /// Change a member's role, name or position (not once a finalised protocol names them).
    EditMember {
        /// The member's number, as `commission show` lists it.
        member_id: i64,
        #[command(flatten)]
        member: MemberArgs,
    },
    /// Remove a member (not once a finalised protocol names them).
    RemoveMember { member_id: i64 },
    /// Copy the commission and its members to another year.
    Copy {
        #[arg(long)]
        from: i32,
        #[arg(long)]
        to: i32,
    },
    /// The commission, its members and meetings.
    Show {
        #[arg(long)]
        year: i32,
    },
}

/// A member as typed: role, name, position.
#[derive(clap::Args)]
pub struct MemberArgs {
    /// chair, deputy, secretary or member.
    #[arg(long)]
    role: String,
    #[arg(long)]
    name: String,
    #[arg(long)]
    position: Option<String>,
}

impl MemberArgs {
    fn role(&self) -> Result<Role, Failure> {
        Ok(code(&self.role, Role::ALL, Role::code, ("рөл", "роль"))?)
    }
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
    let mut store = match command {
        CommissionCommand::Create { .. } => cli.create_store()?,
        _ => cli.open_store()?,
    };
    let commission = match command {
        CommissionCommand::Create { year, name_kk, name_ru } => {
            let default = workflow::default_name();
            let name =
                Text::new(name_kk.clone().unwrap_or(default.kk), name_ru.clone().unwrap_or(default.ru));
            workflow::create_commission(
                &mut store,
                &CommissionRequest { year: *year, name: Some(name) },
                &cli.change(),
            )?
        }
        CommissionCommand::AddMember { year, member: m } => {
            let (full_name, position) = (m.name.clone(), m.position.clone());
            let request = MemberRequest { year: *year, role: m.role()?, full_name, position };
            workflow::add_member(&mut store, &request, &cli.change())?
        }
        CommissionCommand::EditMember { member_id, member: m } => {
            let (full_name, position) = (m.name.clone(), m.position.clone());
            let request = MemberEdit { member_id: *member_id, role: m.role()?, full_name, position };
            workflow::edit_member(&mut store, &request, &cli.change())?
        }
        CommissionCommand::RemoveMember { member_id } => {
            workflow::remove_member(&mut store, *member_id, &cli.change())?
        }
        CommissionCommand::Copy { from, to } => {
            let request = CommissionCopy { from_year: *from, to_year: *to };
            workflow::copy_commission(&mut store, &request, &cli.change())?
        }
        CommissionCommand::Show { year } => workflow::of_year(&store, *year)?,
    };
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
        println!("  [{}] {}: {}{position}", m.id, m.role.label(out.lang), m.full_name);
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

/// `all` (none), or ids separated by commas.
fn present(value: &str) -> Result<Option<Vec<i64>>, Failure> {
    if value.trim() == "all" {
        return Ok(None);
    }
    let ids =
        value.split(',').filter(|p| !p.trim().is_empty()).map(args::number).collect::<Result<_, _>>()?;
    Ok(Some(ids))
}

pub fn meeting(cli: &Cli, command: &MeetingCommand) -> Result<(), Failure> {
    let out = cli.printer();
    let mut store = cli.open_store()?;
    match command {
        MeetingCommand::Create { year, date, place, present: who } => {
            let request = MeetingRequest {
                year: *year,
                held_on: args::date(date)?,
                place: place.clone(),
                present: present(who)?,
            };
            let meeting = workflow::create_meeting(&mut store, &request, &cli.change())?;
            out.show(&meeting, || print_meeting_head(&out, &meeting));
        }
        MeetingCommand::Finalise { meeting_id } => {
            let meeting = workflow::finalise(&mut store, *meeting_id, &cli.change())?;
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
            let meeting = workflow::meeting(&store, *meeting_id)?;
            let decisions = views(&store, store.decisions_of_meeting(meeting.id)?)?;
            let graduates = decisions
                .iter()
                .map(|d| graduate(&store, d.decision.graduate_id))
                .collect::<Result<Vec<_>, _>>()?;
            let view = serde_json::json!({ "meeting": meeting, "decisions": decisions });
            out.show(&view, || {
                print_meeting_head(&out, &meeting);
                for (d, g) in decisions.iter().zip(&graduates) {
                    out.decision(d, Some(g));
                }
            });
        }
    }
    Ok(())
}
