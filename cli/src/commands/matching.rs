//! `suggest`, `wishes show|set` and `priority show|set`: the cohort's matching in either mode
//! with the figures of both and why a graduate got what they got, graduates' applications, and
//! the commission's priority order.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use joldama_core::classifiers::Region;
use joldama_core::ident::Bin;
use joldama_core::matching::{Application, Explanation, Mode, QueuePlace, SocialGround, Why, Wish};
use joldama_core::task::Watch;
use joldama_core::vocabulary::Termed;
use joldama_core::workflow::dossier;
use joldama_core::workflow::matching::{self, ApplicationRequest, ApplicationView, RefusalRequest};

use super::decide::Whom;
use super::rules::{CohortDocCommand, read};
use crate::error::{CliError, Failure};
use crate::output::Printer;
use crate::{Cli, args};

#[derive(Clone, Copy, ValueEnum)]
pub enum ModeArg {
    Stable,
    Fill,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Stable => Mode::Stable,
            ModeArg::Fill => Mode::Fill,
        }
    }
}

#[derive(Args)]
pub struct SuggestArgs {
    #[arg(long)]
    year: i32,
    /// Stable (the commission's order and the graduates' wishes) or fill (as many places as
    /// possible).
    #[arg(long, value_enum, default_value = "stable")]
    mode: ModeArg,
    /// Why this graduate (IIN) gets what the suggestion gives them, wish by wish.
    #[arg(long, conflicts_with = "accept")]
    explain: Option<String>,
    /// Take the suggestion as referrals at this meeting.
    #[arg(long)]
    accept: Option<i64>,
    /// The arrival date of accepted referrals; by default the cohort's arrival day.
    #[arg(long)]
    arrival: Option<String>,
    /// Print the draft distribution (the mode's referrals, both modes' figures) to this PDF.
    #[arg(long, conflicts_with_all = ["accept", "explain"])]
    pdf: Option<PathBuf>,
    /// Export the draft distribution's list to this .xlsx file.
    #[arg(long, conflicts_with_all = ["accept", "explain"])]
    xlsx: Option<PathBuf>,
}

pub fn suggest(cli: &Cli, a: &SuggestArgs) -> Result<(), Failure> {
    let mut store = cli.open_store()?;
    let out = cli.printer();
    let mode = Mode::from(a.mode);
    if let Some(iin) = &a.explain {
        let graduate = dossier::graduate_by_iin(&store, iin, Some(a.year))?;
        let explanation = matching::explain(&store, graduate.id, mode)?;
        out.show(&explanation, || print_explanation(&out, &explanation));
        return Ok(());
    }
    if let Some(meeting) = a.accept {
        let arrival = args::date_opt(a.arrival.as_deref())?;
        let taken =
            matching::accept(&mut store, meeting, mode, arrival, None, &cli.change(), &Watch::default())?;
        out.show(&taken, || {
            println!("{}: {}", out.t("Жолдамалар қабылданды", "Принято направлений"), taken.len())
        });
        return Ok(());
    }
    if a.pdf.is_some() || a.xlsx.is_some() {
        let today = args::today();
        let mut files = Vec::new();
        if let Some(path) = &a.pdf {
            files.push(matching::print_draft(&store, a.year, mode, cli.lang, today, path)?);
        }
        if let Some(path) = &a.xlsx {
            files.push(matching::export_draft(&store, a.year, mode, cli.lang, today, path)?);
        }
        out.show(&files, || files.iter().for_each(|f| println!("{}", f.display())));
        return Ok(());
    }
    let simulation = matching::simulate(&store, a.year)?;
    out.show(&simulation, || {
        println!("{}: {}", out.t("Кезек", "Очередь"), out.text(&simulation.priority));
        for s in simulation.of(mode) {
            let wish = s.wish.map_or_else(String::new, |w| format!(" ({} {w})", out.t("тілек", "пожелание")));
            println!("{} → {}{wish}", s.graduate_id, s.vacancy_id);
        }
        println!();
        for f in &simulation.figures {
            let wishes: Vec<String> =
                f.by_wish.iter().enumerate().map(|(i, n)| format!("{}: {n}", i + 1)).collect();
            println!(
                "{}: {} {} / {} {}; {} {}; {} {}; {} {}; {} {}",
                out.text(&f.mode.text()),
                out.t("орналасты", "распределено"),
                f.placed,
                f.places,
                out.t("орын", "мест"),
                out.t("тілек бойынша", "по пожеланиям"),
                if wishes.is_empty() { "—".into() } else { wishes.join(", ") },
                out.t("тілексіз", "без пожелания"),
                f.no_wish,
                out.t("орынсыз қалды", "без места"),
                f.unplaced,
                out.t("негізді наразылық", "обоснованная зависть"),
                f.envy
            );
        }
    });
    Ok(())
}

fn print_explanation(out: &Printer, e: &Explanation) {
    print_place(out, &e.standing);
    match &e.got {
        Some(got) => {
            let wish = got.wish.map_or_else(
                || out.t("тілексіз", "вне пожеланий"),
                |w| format!("{} {w}", out.t("тілек", "пожелание")),
            );
            println!("{}: {} ({wish})", out.t("Ұсынылды", "Предложено"), got.vacancy_id);
        }
        None => println!(
            "{}",
            out.t(
                "Бос орын ұсынылмады: шешімді комиссия қабылдайды.",
                "Вакансия не предложена: решает комиссия."
            )
        ),
    }
    for w in &e.wishes {
        println!("{} {}: {}", out.t("Тілек", "Пожелание"), w.rank, out.text(&w.text));
        for v in &w.vacancies {
            let mark = match v.why {
                Why::Refused { .. } => "×",
                Why::Unacceptable => "⊘",
                Why::Taken { .. } => "→",
            };
            println!("  {mark} {} {}, {}: {}", v.vacancy_id, v.employer, v.position, out.text(&v.text));
        }
    }
}

/// A graduate's place in the order, each criterion's value, and the order in words.
fn print_place(out: &Printer, s: &QueuePlace) {
    println!(
        "{}: {} / {} ({}: {})",
        out.t("Кезектегі орны", "Место в очереди"),
        s.place,
        s.of,
        out.t("ауылдағы бос орындарға", "на вакансии в селе"),
        s.rural_place
    );
    for (criterion, value) in &s.facts {
        println!("  {}: {}", out.text(&criterion.text()), out.text(value));
    }
    println!("  {}", out.text(&s.order));
}

#[derive(Subcommand)]
pub enum WishesCommand {
    /// Import the applications list (as `import applications`).
    Import(crate::ImportArgs),
    /// A graduate's application, each wish flagged when the rules allow none of it.
    Show(Whom),
    /// An employer's word that a graduate is unacceptable for its vacancy (with the reason it
    /// gave), or `--withdraw` it.
    Refused {
        #[command(flatten)]
        whom: Whom,
        #[arg(long)]
        vacancy: i64,
        #[arg(long, required_unless_present = "withdraw")]
        reason: Option<String>,
        #[arg(long, conflicts_with = "reason")]
        withdraw: bool,
    },
    /// Replace a graduate's application: wishes most wanted first, each `vacancy:ID`,
    /// `employer:BIN`, `employer:BIN@REGION` or `region:REGION`.
    Set {
        #[command(flatten)]
        whom: Whom,
        /// The day the application was handed in.
        #[arg(long)]
        applied: Option<String>,
        /// A social ground stated with its proof: orphan, disability, large_family.
        #[arg(long)]
        social: Option<String>,
        wishes: Vec<String>,
    },
}

pub fn wishes(cli: &Cli, command: &WishesCommand) -> Result<(), Failure> {
    let whom = match command {
        WishesCommand::Import(args) => return crate::import(cli, args, crate::List::Applications),
        WishesCommand::Refused { whom, .. } | WishesCommand::Show(whom) | WishesCommand::Set { whom, .. } => {
            whom
        }
    };
    let mut store = cli.open_store()?;
    let g = dossier::graduate_by_iin(&store, &whom.iin, whom.year)?;
    let view = match command {
        // `withdraw` only tells clap that no reason is meant.
        WishesCommand::Refused { vacancy, reason, .. } => {
            let request = RefusalRequest { vacancy_id: *vacancy, graduate_id: g.id, reason: reason.clone() };
            matching::set_unacceptable(&mut store, &request, &cli.change())?;
            matching::application(&store, g.id)?
        }
        WishesCommand::Set { applied, social, wishes, .. } => {
            let what = ("әлеуметтік негіз", "социальное основание");
            let application = Application {
                wishes: wishes.iter().map(|w| wish(w)).collect::<Result<_, _>>()?,
                applied_on: args::date_opt(applied.as_deref())?,
                social: social
                    .as_deref()
                    .map(|s| args::code(s, SocialGround::ALL, SocialGround::code, what))
                    .transpose()?,
            };
            let request = ApplicationRequest { graduate_id: g.id, application };
            matching::set_application(&mut store, &request, &cli.change())?
        }
        WishesCommand::Show(_) | WishesCommand::Import(_) => matching::application(&store, g.id)?,
    };
    let standing = matching::standing(&store, g.id)?;
    let out = cli.printer();
    out.show(&view, || {
        print_application(&out, &view);
        if let Some(s) = &standing {
            print_place(&out, s);
        }
    });
    Ok(())
}

fn print_application(out: &Printer, view: &ApplicationView) {
    let applied = view.applied_on.map_or_else(|| "—".to_owned(), |d| d.format("%d.%m.%Y").to_string());
    println!("{}: {applied}", out.t("Өтініш берілді", "Заявление подано"));
    if let Some(social) = view.social {
        println!("{}: {}", out.t("Әлеуметтік негіз", "Социальное основание"), out.text(&social.text()));
    }
    for (n, w) in view.wishes.iter().enumerate() {
        let what = match &w.wish {
            Wish::Vacancy { vacancy_id } => format!("{} {vacancy_id}", out.t("бос орын", "вакансия")),
            Wish::Employer { bin, region } => {
                let region = region.map_or_else(String::new, |r| format!(", {}", out.text(&r.text())));
                format!("{} {}{region}", out.t("жұмыс беруші", "работодатель"), bin.as_str())
            }
            Wish::Region { region } => out.text(&region.text()),
        };
        let flag = w.flag.as_ref().map_or_else(String::new, |r| format!(" ⚠ {}", out.text(&r.message)));
        println!(
            "{}. {what} ({} {}){flag}",
            n + 1,
            out.t("рұқсат етілген бос орын:", "допустимых вакансий:"),
            w.allowed
        );
    }
}

/// `vacancy:12`, `employer:123456789012`, `employer:123456789012@karaganda`, `region:karaganda`.
fn wish(text: &str) -> Result<Wish, Failure> {
    let bad = || CliError::BadWish { value: text.to_owned() };
    let region = |code: &str| args::code(code, Region::ALL, Region::code, ("өңір", "регион"));
    let (kind, value) = text.split_once(':').ok_or_else(bad)?;
    Ok(match kind.trim() {
        "vacancy" => Wish::Vacancy { vacancy_id: value.trim().parse().map_err(|_| bad())? },
        "employer" => {
            let (bin, within) = match value.split_once('@') {
                Some((bin, r)) => (bin, Some(region(r)?)),
                None => (value, None),
            };
            Wish::Employer { bin: Bin::parse(bin.trim())?, region: within }
        }
        "region" => Wish::Region { region: region(value)? },
        _ => return Err(bad().into()),
    })
}

pub fn priority(cli: &Cli, command: &CohortDocCommand) -> Result<(), Failure> {
    let mut store = cli.store_for(command)?;
    let year = match command {
        CohortDocCommand::Show { year } => *year,
        CohortDocCommand::Set { year, file } => {
            store.save_priority(*year, &read(file)?, &cli.change())?;
            *year
        }
    };
    let priority = store.priority(year)?;
    let out = cli.printer();
    out.show(&priority, || println!("{}", out.text(&priority.describe())));
    Ok(())
}
