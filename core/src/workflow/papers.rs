//! The papers of a meeting, built from what the database holds: each decision's paper
//! (referral letter, referral to the employment centre, exemption or deferral certificate)
//! numbered the first time it is printed, and the meeting's protocol.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;

use super::{Entity, WorkflowError};
use crate::authentic::{self, Claim, UniversityKey};
use crate::commission::{Decision, Meeting, Outcome, PaperNumber, PaperSeries, Role};
use crate::error::Error;
use crate::i18n::{Lang, Text, date};
use crate::ident::Iin;
use crate::model::Vacancy;
use crate::papers::{
    CalculationSheet, CentreReferral, Certificate, CertificateKind, GraduateLine, Issue, IssuedLine, Output,
    Paper, PaperError, PaperRegister, Protocol, ProtocolRef, ProtocolRow, ReferralLetter, write_batch,
};
use crate::register::Printed;
use crate::store::{ChangeContext, Db, Store, StoreError};
use crate::task::Watch;
use crate::vocabulary::Termed;

/// What every paper of one meeting shares. A finalised meeting prints what was sealed when
/// it was finalised; another prints the live rows.
struct Context {
    printed: Printed,
    meeting: Meeting,
    /// The seal's hash, printed on a finalised meeting's protocol.
    seal: Option<String>,
    lang: Lang,
}

impl Context {
    fn load(store: &Db, meeting_id: i64, lang: Lang) -> Result<Context, WorkflowError> {
        let meeting = store
            .meeting(meeting_id)?
            .ok_or(WorkflowError::NotFound { what: Entity::Meeting, id: meeting_id })?;
        let (printed, seal) = match (meeting.finalised.is_some(), store.sealed_meeting(meeting_id)?) {
            (true, Some((sealed, hash))) => (sealed.printed, Some(hash)),
            _ => (store.printed(meeting_id)?, None),
        };
        printable(&printed)?;
        Ok(Context { printed, meeting, seal, lang })
    }

    fn signatory(&self, role: Role) -> String {
        self.printed.commission.member(role).map(|m| m.full_name.clone()).unwrap_or_default()
    }

    fn t(&self, text: Text) -> String {
        text.get(self.lang).to_owned()
    }

    /// The graduate a decision is about; a typed error (never SQLite's words) if they are gone.
    fn graduate(&self, d: &Decision) -> Result<&GraduateLine, WorkflowError> {
        self.printed
            .graduates
            .get(&d.id)
            .ok_or(WorkflowError::NotFound { what: Entity::Graduate, id: d.graduate_id })
    }

    fn vacancy(&self, d: &Decision) -> Option<&Vacancy> {
        match &d.outcome {
            Outcome::Vacancy { vacancy_id, .. } => self.printed.vacancies.get(vacancy_id),
            _ => None,
        }
    }
}

/// Refuses, before anything is numbered or written, a graduate or vacancy whose words the
/// fonts cannot print, naming them: a name is never printed short.
fn printable(printed: &Printed) -> Result<(), PaperError> {
    let graduates = printed
        .graduates
        .values()
        .map(|g| (format!("{}, {}", g.full_name, g.iin), [g.full_name.as_str(), &g.program_name].join(" ")));
    let vacancies = printed.vacancies.values().map(|v| {
        let r = &v.record;
        let words = [
            Some(r.employer.name.as_str()),
            Some(&r.position),
            r.district.as_deref(),
            r.settlement.as_deref(),
        ];
        (
            format!("{}, {}", r.employer.name, r.position),
            words.into_iter().flatten().collect::<Vec<_>>().join(" "),
        )
    });
    for (what, words) in graduates.chain(vacancies) {
        let chars = crate::papers::unprintable(&words);
        if !chars.is_empty() {
            return Err(PaperError::Unprintable { what, chars: chars.into_iter().collect() });
        }
    }
    Ok(())
}

fn address(v: &Vacancy, lang: Lang) -> String {
    let r = &v.record;
    [Some(r.region.label(lang)), r.district.as_deref(), r.settlement.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a decision says, in a protocol's row.
fn decision_text(d: &Decision, vacancy: Option<&Vacancy>) -> Text {
    let mut text = match (&d.outcome, vacancy) {
        (Outcome::Vacancy { .. }, Some(v)) => Text::new(
            format!("Жұмысқа жолдау: {}, {}", v.record.employer.name, v.record.position),
            format!("Направить на работу: {}, {}", v.record.employer.name, v.record.position),
        ),
        (Outcome::Vacancy { vacancy_id, .. }, None) => Text::new(
            format!("Жұмысқа жолдау (№{vacancy_id})"),
            format!("Направить на работу (№{vacancy_id})"),
        ),
        (Outcome::EmploymentCentre { region, override_reason }, _) => {
            let mark = override_reason.as_deref().map(centre_reason);
            let mark = |lang| mark.as_ref().map_or_else(String::new, |m: &Text| format!("; {}", m.get(lang)));
            Text::new(
                format!(
                    "Халықты жұмыспен қамту орталығына жолдау ({}){}",
                    region.label(Lang::Kk),
                    mark(Lang::Kk)
                ),
                format!("Направить в центр занятости ({}){}", region.label(Lang::Ru), mark(Lang::Ru)),
            )
        }
        (Outcome::Exemption { ground, .. }, _) => {
            let label = ground.text();
            Text::new(
                format!("Жұмыспен өтеуден босату: {}", label.kk),
                format!("Освободить от отработки: {}", label.ru),
            )
        }
        (Outcome::Deferral { reason, from, to }, _) => {
            let label = reason.text();
            let until = to.map_or_else(String::new, |to| format!(" – {}", date(to)));
            let from = date(*from);
            Text::new(
                format!("Кейінге қалдыру: {}, {from}{until}", label.kk),
                format!("Предоставить отсрочку: {}, {from}{until}", label.ru),
            )
        }
    };
    if let Some(replaced) = d.revises {
        text.kk.push_str(&format!(" (№{replaced} шешімнің орнына)"));
        text.ru.push_str(&format!(" (взамен решения №{replaced})"));
    }
    text
}

/// A centre referral's mark while allowed vacancies had places: the commission's reason.
fn centre_reason(reason: &str) -> Text {
    match reason.trim() {
        "" => {
            Text::new("бос орындар бола тұра; себебі жазылмаған", "при наличии вакансий; причина не записана")
        }
        reason => Text::new(
            format!("бос орындар бола тұра; себебі: {reason}"),
            format!("при наличии вакансий; причина: {reason}"),
        ),
    }
}

/// What the QR code of a decision's paper says.
pub(super) fn claim_of(
    d: &Decision,
    number: &PaperNumber,
    holder: &str,
    iin: &Iin,
    vacancy: Option<&Vacancy>,
) -> Claim {
    Claim {
        series: PaperSeries::of(&d.outcome),
        number: number.number.clone(),
        issued_on: number.issued_on,
        holder: holder.to_owned(),
        iin: authentic::mask(iin),
        employer: vacancy.map(|v| v.record.employer.bin.as_str().to_owned()).unwrap_or_default(),
    }
}

/// The meeting's papers, one per decision, numbered on first print and dated `issued_on` (by
/// default the meeting's date, so that a letter printed later still orders an arrival after
/// its own date); a reprint keeps both. A paper of a decision revised since is stamped
/// cancelled.
pub fn meeting_papers(
    store: &mut Store,
    meeting_id: i64,
    lang: Lang,
    issued_on: Option<NaiveDate>,
    ctx: &ChangeContext,
) -> Result<Vec<Box<dyn Paper>>, WorkflowError> {
    let context = Context::load(store, meeting_id, lang)?;
    let issued_on = issued_on.unwrap_or(context.meeting.held_on);
    let protocol = ProtocolRef { number: context.meeting.number, date: context.meeting.held_on };
    let decisions = store.decisions_of_meeting(meeting_id)?;
    // Numbered in one step: a print that fails half-way leaves no number behind. The key is
    // made with the first print and kept.
    let fresh = UniversityKey::generate()?;
    let (numbers, key) = store.write(ctx, |tx| {
        let numbers = decisions
            .iter()
            .map(|d| tx.paper_number(d.id, PaperSeries::of(&d.outcome), issued_on))
            .collect::<Result<Vec<_>, _>>()?;
        Ok::<_, StoreError>((numbers, tx.university_key(&fresh)?))
    })?;
    let mut papers: Vec<Box<dyn Paper>> = Vec::with_capacity(decisions.len());
    for (d, number) in decisions.iter().zip(numbers) {
        let graduate = context.graduate(d)?.clone();
        let claim = claim_of(d, &number, &graduate.full_name, &graduate.iin, context.vacancy(d));
        let issue = Issue {
            lang,
            number: number.number,
            date: number.issued_on,
            university: context.printed.university.clone(),
            graduate,
            protocol,
            qr: Some(claim.signed(&key)),
            chair: context.signatory(Role::Chair),
            secretary: context.signatory(Role::Secretary),
            cancelled: number.cancelled || !d.is_current(),
        };
        let term_years = d.term_years.unwrap_or_default();
        papers.push(match &d.outcome {
            Outcome::Vacancy { vacancy_id, arrival_date } => {
                let v = context
                    .vacancy(d)
                    .ok_or(WorkflowError::NotFound { what: Entity::Vacancy, id: *vacancy_id })?;
                Box::new(ReferralLetter {
                    employer_name: v.record.employer.name.clone(),
                    employer_bin: v.record.employer.bin,
                    employer_address: address(v, lang),
                    position: v.record.position.clone(),
                    arrival_date: *arrival_date,
                    term_years,
                    issue,
                })
            }
            Outcome::EmploymentCentre { region, override_reason } => Box::new(CentreReferral {
                issue,
                region: *region,
                term_years,
                reason: override_reason.as_deref().map(|r| match r.trim() {
                    "" => context.t(Text::new("себебі жазылмаған", "причина не записана")),
                    r => r.to_owned(),
                }),
            }),
            Outcome::Exemption { ground, proofs } => Box::new(Certificate {
                issue,
                kind: CertificateKind::Exemption {
                    ground: context.t(ground.text()),
                    documents: proofs.iter().map(|p| context.t(p.document.text())).collect(),
                },
            }),
            Outcome::Deferral { reason, from, to } => Box::new(Certificate {
                issue,
                kind: CertificateKind::Deferral { reason: context.t(reason.text()), from: *from, to: *to },
            }),
        });
    }
    Ok(papers)
}

/// The meeting's protocol: the members present and every decision taken.
pub fn protocol(store: &Db, meeting_id: i64, lang: Lang) -> Result<Protocol, WorkflowError> {
    let context = Context::load(store, meeting_id, lang)?;
    let decisions = store.decisions_of_meeting(meeting_id)?;
    let rows = decisions
        .iter()
        .map(|d| {
            let g = context.graduate(d)?;
            Ok(ProtocolRow {
                graduate_name: g.full_name.clone(),
                iin: g.iin,
                program_code: g.program_code.clone(),
                decision: context.t(decision_text(d, context.vacancy(d))),
            })
        })
        .collect::<Result<Vec<_>, WorkflowError>>()?;
    let (members, absent) = context
        .printed
        .commission
        .members
        .iter()
        .map(|m| (context.meeting.present.contains(&m.id), (context.t(m.role.text()), m.full_name.clone())))
        .partition::<Vec<_>, _>(|(present, _)| *present);
    let names = |found: Vec<(bool, (String, String))>| found.into_iter().map(|(_, m)| m).collect();
    Ok(Protocol {
        lang,
        commission_name: context.t(context.printed.commission.name.clone()),
        meeting_number: context.meeting.number.to_string(),
        date: context.meeting.held_on,
        place: context.meeting.place.clone(),
        university: context.printed.university.clone(),
        seal: context.seal.clone(),
        members: names(members),
        absent: names(absent),
        rows,
        secretary: context.signatory(Role::Secretary),
    })
}

/// The register of the papers the `year`'s commission issued, in the order issued, printed on
/// `as_of`: each paper's number, date, kind, holder, decision with its meeting, and status.
pub fn paper_register(
    store: &Db,
    year: i32,
    lang: Lang,
    as_of: NaiveDate,
) -> Result<PaperRegister, WorkflowError> {
    let decisions: HashMap<i64, Decision> =
        store.decisions_papered_in(year)?.into_iter().map(|d| (d.id, d)).collect();
    let vacancies: HashMap<i64, Vacancy> = store.vacancies()?.into_iter().map(|v| (v.id, v)).collect();
    let meetings: HashMap<i64, u32> = match store.commission(year)? {
        Some(c) => store.meetings(c.id)?.into_iter().map(|m| (m.id, m.number)).collect(),
        None => HashMap::new(),
    };
    let mut lines = Vec::new();
    for (decision_id, number) in store.issued_in(year)? {
        let d = decisions
            .get(&decision_id)
            .ok_or(WorkflowError::NotFound { what: Entity::Decision, id: decision_id })?;
        let graduate = super::decide::graduate(store, d.graduate_id)?;
        let meeting = *meetings
            .get(&d.meeting_id)
            .ok_or(WorkflowError::NotFound { what: Entity::Meeting, id: d.meeting_id })?;
        let vacancy = match &d.outcome {
            Outcome::Vacancy { vacancy_id, .. } => vacancies.get(vacancy_id),
            _ => None,
        };
        let decision = decision_text(d, vacancy);
        let text = Text::new(
            format!("{} (№{meeting} отырыс)", decision.kk),
            format!("{} (заседание №{meeting})", decision.ru),
        );
        let status = match (number.cancelled, d.revised_by) {
            (false, _) => Text::new("Берілді", "Выдан"),
            (true, Some(by)) => {
                Text::new(format!("Жойылды: №{by} шешіммен"), format!("Аннулирован решением №{by}"))
            }
            (true, None) => Text::new("Жойылды", "Аннулирован"),
        };
        lines.push(IssuedLine {
            number: number.number,
            issued_on: number.issued_on,
            kind: PaperSeries::of(&d.outcome).text().get(lang).to_owned(),
            holder: graduate.record.full_name(),
            iin: graduate.record.iin,
            decision: text.get(lang).to_owned(),
            status: status.get(lang).to_owned(),
        });
    }
    Ok(PaperRegister { lang, year, as_of, university: store.university()?, lines })
}

/// Prints the `year`'s register of issued papers to the PDF file `path`.
pub fn print_register(
    store: &Db,
    year: i32,
    lang: Lang,
    as_of: NaiveDate,
    path: &Path,
) -> Result<PathBuf, Error> {
    let register = paper_register(store, year, lang, as_of)?;
    one_file(&register, path)
}

/// Exports the `year`'s register of issued papers to the .xlsx file `path`.
pub fn export_register(
    store: &Db,
    year: i32,
    lang: Lang,
    as_of: NaiveDate,
    path: &Path,
) -> Result<PathBuf, Error> {
    let register = paper_register(store, year, lang, as_of)?;
    crate::papers::issued::write_xlsx(&register, path)?;
    Ok(path.to_path_buf())
}

/// Writes one paper to the PDF file `path`.
pub(super) fn one_file(paper: &dyn Paper, path: &Path) -> Result<PathBuf, Error> {
    let mut written = write_batch(&[paper], Output::Combined(path), |_, _| {}, &AtomicBool::new(false))?;
    Ok(written.pop().unwrap_or_else(|| path.to_path_buf()))
}

/// Prints a meeting's papers to `output`: numbers them on first print (dated `issued_on`, by
/// default the meeting's date), reports
/// each paper written, stops when the watch is cancelled. Returns the files written.
pub fn print_meeting(
    store: &mut Store,
    meeting_id: i64,
    lang: Lang,
    issued_on: Option<NaiveDate>,
    output: Output<'_>,
    ctx: &ChangeContext,
    watch: &Watch,
) -> Result<Vec<PathBuf>, Error> {
    let papers = meeting_papers(store, meeting_id, lang, issued_on, ctx)?;
    let refs: Vec<&dyn Paper> = papers.iter().map(Box::as_ref).collect();
    let progress = |done: usize, total: usize| watch.report(done as u64, Some(total as u64));
    Ok(write_batch(&refs, output, progress, watch.cancel_flag())?)
}

/// Prints a meeting's protocol to the PDF file `path`.
pub fn print_protocol(store: &Db, meeting_id: i64, lang: Lang, path: &Path) -> Result<PathBuf, Error> {
    let protocol = protocol(store, meeting_id, lang)?;
    one_file(&protocol, path)
}

/// Prints the calculation sheet of a graduate's obligation on `as_of` to the PDF file `path`.
pub fn print_calculation(
    store: &Db,
    graduate_id: i64,
    as_of: NaiveDate,
    lang: Lang,
    prepared_by: &str,
    path: &Path,
) -> Result<PathBuf, Error> {
    let graduate = super::decide::graduate(store, graduate_id)?;
    let sheet = CalculationSheet {
        lang,
        university: store.university()?,
        graduate: GraduateLine::of(&graduate),
        view: super::followup::obligation(store, graduate_id, as_of)?,
        prepared_by: prepared_by.to_owned(),
    };
    one_file(&sheet, path)
}
