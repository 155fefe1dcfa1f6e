//! `server status|move-in|people|add-person`: the register on a PostgreSQL server. The address
//! comes from `--server` or `JOLDAMA_SERVER`; the password from the address or `PGPASSWORD`.

use std::io::Write;
use std::time::Duration;

use clap::{Args, Subcommand};
use joldama_core::store::server::{Role, ServerError};
use joldama_core::workflow::server::{self, NewPerson};

use super::papers::password;
use crate::Cli;
use crate::error::Failure;

#[derive(Args)]
pub struct ServerArgs {
    #[command(subcommand)]
    command: ServerCommand,
}

#[derive(Subcommand)]
enum ServerCommand {
    /// Who you are on the server, your role, the register's version, its last backup.
    Status,
    /// Copy this desk's file (`--db`) into the server's empty register, and verify every
    /// table by its rows and checksum; all of it or nothing.
    MoveIn,
    /// Everyone who may sign in, with their role (administrators only).
    People,
    /// Give a person another role (administrators only; not one's own).
    SetRole {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// Take a person's sign-in away (administrators only; not one's own). What they recorded
    /// stays, under their name.
    RemovePerson { name: String },
    /// The changes every desk commits, one line each as they come: table, how, who.
    Watch {
        /// Stop after this many seconds (by default, when interrupted).
        #[arg(long = "for", value_name = "SECONDS")]
        seconds: Option<u64>,
    },
    /// Add a person (administrators only); the password is asked for on the terminal, or read
    /// from stdin with `--password-stdin`.
    AddPerson {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RoleArg {
    Administrator,
    Secretary,
    Member,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Administrator => Role::Administrator,
            RoleArg::Secretary => Role::Secretary,
            RoleArg::Member => Role::Member,
        }
    }
}

fn role_name(cli: &Cli, role: Role) -> String {
    let out = cli.printer();
    match role {
        Role::Administrator => out.t("әкімші", "администратор"),
        Role::Secretary => out.t("хатшы", "секретарь"),
        Role::Member => out.t("комиссия мүшесі", "член комиссии"),
    }
}

pub fn run(cli: &Cli, args: &ServerArgs) -> Result<(), Failure> {
    let request = cli.server_request().ok_or(ServerError::NoAddress)?;
    let out = cli.printer();
    match &args.command {
        ServerCommand::Status => {
            let status = server::status(&request)?;
            out.show(&status, || {
                println!("{}: {} ({})", out.t("Кірген", "Вошёл"), status.person, role_name(cli, status.role));
                println!("{}: {}", out.t("Тізілім схемасы", "Схема реестра"), status.schema_version);
                let h = &status.holds;
                println!(
                    "{}",
                    out.t(
                        &format!(
                            "Тізілімде: {} түлек, {} бос орын, {} отырыс",
                            h.graduates, h.vacancies, h.meetings
                        ),
                        &format!(
                            "В реестре: выпускников {}, вакансий {}, заседаний {}",
                            h.graduates, h.vacancies, h.meetings
                        )
                    )
                );
                println!(
                    "{}",
                    if status.encrypted {
                        out.t("Байланыс шифрланған (TLS)", "Соединение шифруется (TLS)")
                    } else {
                        out.t("Сервер осы компьютерде", "Сервер на этом компьютере")
                    }
                );
                let backup = status
                    .last_backup
                    .clone()
                    .unwrap_or_else(|| out.t("сервер хабарламайды", "сервер не сообщает"));
                println!("{}: {backup}", out.t("Соңғы резервтік көшірме", "Последняя резервная копия"));
                for p in &status.people {
                    println!("  {} — {}", p.name, role_name(cli, p.role));
                }
            });
        }
        ServerCommand::MoveIn => {
            let store = cli.open_file()?;
            let moved = server::move_in(&store, &request)?;
            out.show(&moved, || {
                println!(
                    "{}",
                    out.t(
                        &format!(
                            "Тізілім серверге көшірілді және тексерілді ({} кесте):",
                            moved.tables.len()
                        ),
                        &format!("Реестр перенесён на сервер и проверен (таблиц: {}):", moved.tables.len())
                    )
                );
                for t in &moved.tables {
                    println!("  {:<20} {:>8}  {}", t.table, t.rows, &t.checksum[..16]);
                }
            });
        }
        ServerCommand::People => {
            let people = server::status(&request)?.people;
            out.show(&people, || {
                people.iter().for_each(|p| println!("{} — {}", p.name, role_name(cli, p.role)))
            });
        }
        ServerCommand::SetRole { name, role } => {
            let person = server::set_role(&request, name, (*role).into())?;
            out.show(&person, || println!("{} — {}", person.name, role_name(cli, person.role)));
        }
        ServerCommand::RemovePerson { name } => {
            server::remove_person(&request, name)?;
            out.show(name, || {
                println!("{}", out.t(&format!("{name} енді кірмейді"), &format!("{name} больше не входит")))
            });
        }
        ServerCommand::Watch { seconds } => {
            let length = seconds.map(Duration::from_secs);
            server::watch(&request, length, |change| {
                // Each line flushed as it comes: a script reading the pipe sees it at once.
                let line = if out.json {
                    serde_json::to_string(change).expect("plain data serialises")
                } else {
                    format!("{} {} {}", change.table, change.op, change.by)
                };
                let mut stdout = std::io::stdout().lock();
                writeln!(stdout, "{line}").and_then(|()| stdout.flush()).is_ok()
            })?;
        }
        ServerCommand::AddPerson { name, role, password_stdin } => {
            let person = NewPerson {
                name: name.clone(),
                role: (*role).into(),
                password: password(*password_stdin, "Жаңа құпиясөз / Новый пароль: ")?,
            };
            let added = server::add_person(&request, &person)?;
            out.show(&added, || println!("{} — {}", added.name, role_name(cli, added.role)));
        }
    }
    Ok(())
}
