//! The commission's papers: what each holds and how it is drawn on a [`Flow`].

use chrono::NaiveDate;

use super::Paper;
use super::layout::{Align, Column, Flow, Span, Style, Table};
use super::words::{self, Action, LegalPoint, Phrase};
use crate::classifiers::{Funding, Level, Region};
use crate::i18n::Lang;
use crate::ident::{Bin, Iin};
use crate::vocabulary::Termed;

pub use crate::model::University;

/// What every paper says about the graduate.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GraduateLine {
    pub full_name: String,
    pub iin: Iin,
    pub program_code: String,
    pub program_name: String,
    pub level: Level,
    pub graduation_year: i32,
    pub funding: Funding,
}

impl GraduateLine {
    pub fn of(g: &crate::model::Graduate) -> GraduateLine {
        let r = &g.record;
        GraduateLine {
            full_name: r.full_name(),
            iin: r.iin,
            program_code: r.program_code.clone(),
            program_name: r.program_name.clone(),
            level: r.level,
            graduation_year: r.graduation_year,
            funding: r.funding,
        }
    }
}

/// What every numbered paper about one graduate carries: its language, number and date, the
/// university issuing it, the graduate, who signs it, and whether it was cancelled.
#[derive(Clone, Debug)]
pub struct Issue {
    pub lang: Lang,
    pub number: String,
    pub date: NaiveDate,
    pub university: University,
    pub graduate: GraduateLine,
    /// The meeting whose decision the paper carries out.
    pub protocol: ProtocolRef,
    /// Full names, surname first; the paper signs them as initials and surname.
    pub chair: String,
    pub secretary: String,
    /// The decision was revised: the paper is stamped void.
    pub cancelled: bool,
    /// The signed text of its QR code (see `authentic`), printed in the top right corner.
    pub qr: Option<String>,
}

/// A meeting's protocol as papers cite it: its number and the meeting's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProtocolRef {
    pub number: u32,
    pub date: NaiveDate,
}

/// Жұмысқа жолдама / направление на работу, with the employer's tear-off arrival slip.
#[derive(Clone, Debug)]
pub struct ReferralLetter {
    pub issue: Issue,
    pub employer_name: String,
    pub employer_bin: Bin,
    pub employer_address: String,
    pub position: String,
    pub arrival_date: NaiveDate,
    pub term_years: u8,
}

/// Referral to the employment (career) centre of the graduate's place of residence.
#[derive(Clone, Debug)]
pub struct CentreReferral {
    pub issue: Issue,
    pub region: Region,
    pub term_years: u8,
    /// The commission's reason, when allowed vacancies had places.
    pub reason: Option<String>,
}

/// Анықтама / справка: exemption from the work-off or its deferral.
#[derive(Clone, Debug)]
pub struct Certificate {
    pub issue: Issue,
    pub kind: CertificateKind,
}

#[derive(Clone, Debug)]
pub enum CertificateKind {
    /// `ground`: the legal ground as the commission words it (art. 47 p. 17-2 of the Law «On
    /// Education»); `documents`: the proofs presented.
    Exemption { ground: String, documents: Vec<String> },
    /// Military service: the time does not count toward the term. `to`: open while unknown.
    Deferral { reason: String, from: NaiveDate, to: Option<NaiveDate> },
}

/// Отырыс хаттамасы / протокол заседания: the members present and every decision.
#[derive(Clone, Debug)]
pub struct Protocol {
    pub lang: Lang,
    pub commission_name: String,
    pub meeting_number: String,
    pub date: NaiveDate,
    /// Where the meeting sat (room, city), as the secretary wrote it.
    pub place: Option<String>,
    pub university: University,
    /// (role, full name) of each member present; each signs the protocol.
    pub members: Vec<(String, String)>,
    /// (role, full name) of each member absent.
    pub absent: Vec<(String, String)>,
    pub rows: Vec<ProtocolRow>,
    /// Who reports the decisions (СЛУШАЛИ), full name.
    pub secretary: String,
    /// A finalised meeting's seal (its hash in the register's chain): printed so that the
    /// signed paper anchors the file's record of it.
    pub seal: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ProtocolRow {
    pub graduate_name: String,
    pub iin: Iin,
    pub program_code: String,
    pub decision: String,
}

/// The QR code's side: 22 mm, a module of 0.35 mm or more for the 250 bytes a letter's code
/// holds (version 11), which a phone reads off a laser print.
const QR_SIZE: f32 = 22.0 * 72.0 / 25.4;

/// Letterhead (beside the QR code, if any), number and date, title: the top of every paper.
pub(super) fn head(
    flow: &mut Flow,
    university: &University,
    qr: Option<&str>,
    number: &str,
    date: NaiveDate,
    titles: &[&str],
) {
    let lang = flow.lang();
    // A text too long for any QR version leaves the paper without one: it stands on its
    // number and signatures as before.
    if let Some(code) = qr.and_then(|text| fast_qr::QRBuilder::new(text).ecl(fast_qr::ECL::M).build().ok()) {
        let modules: Vec<bool> = code.data[..code.size * code.size].iter().map(|m| m.value()).collect();
        flow.qr_aside(&modules, code.size, QR_SIZE);
    }
    flow.paragraph(&[Span::bold(university.name.get(lang))], Style::BODY.sized(12.0).aligned(Align::Center));
    flow.text(university.address.get(lang), Style::SMALL.aligned(Align::Center));
    // Each line typed in Settings stays a line (department, phone, e-mail), not one run-on text.
    for line in university.letterhead.get(lang).lines().map(str::trim).filter(|l| !l.is_empty()) {
        flow.text(line, Style::SMALL.aligned(Align::Center));
    }
    flow.clear_aside();
    flow.rule(5.0, 1.5);
    flow.gap(4.0);
    const NUMBER_DATE: [Column; 2] =
        [Column { share: 0.6, align: Align::Left }, Column { share: 0.4, align: Align::Right }];
    let table = Table { columns: &NUMBER_DATE, header: &[], ruled: false, style: Style::BODY };
    let number =
        if number.is_empty() { String::new() } else { format!("{} {number}", words::NUMBER.get(lang)) };
    flow.table(&table, &[[number, words::date(date)]]);
    flow.gap(8.0);
    for title in titles {
        flow.heading(title);
    }
    flow.gap(6.0);
}

fn field(flow: &mut Flow, label: Phrase, value: &str) {
    let label = label.get(flow.lang());
    flow.field(label, value, Style::BODY);
    flow.gap(1.0);
}

/// The tear-off slip's smaller type: the letter and its slip stay on one page.
const SLIP: Style = Style::SMALL;

fn slip_field(flow: &mut Flow, label: Phrase, value: &str) {
    let label = label.get(flow.lang());
    flow.field(label, value, SLIP);
}

pub(super) fn graduate_fields(flow: &mut Flow, graduate: &GraduateLine) {
    let lang = flow.lang();
    field(flow, words::GRADUATE, &graduate.full_name);
    field(flow, words::IIN, graduate.iin.as_str());
    field(flow, words::PROGRAM, &format!("{} — {}", graduate.program_code, graduate.program_name));
    field(
        flow,
        words::LEVEL_AND_YEAR,
        &format!("{}, {}", graduate.level.label(lang), graduate.graduation_year),
    );
}

fn note(flow: &mut Flow, phrase: Phrase) {
    let text = phrase.get(flow.lang());
    flow.gap(4.0);
    flow.text(text, Style::BODY);
}

fn commission_signatures(flow: &mut Flow, chair: &str, secretary: &str) {
    let lang = flow.lang();
    flow.gap(6.0);
    let (chair, secretary) = (words::signer(chair), words::signer(secretary));
    flow.signatures(&[(words::CHAIR.get(lang), &chair), (words::SECRETARY.get(lang), &secretary)]);
    flow.text(words::STAMP.get(lang), Style::SMALL);
}

/// A paper about one graduate: its [`Issue`], titles and introduction, then its own body.
trait GraduatePaper {
    fn issue(&self) -> &Issue;
    fn titles(&self) -> Vec<Phrase>;
    /// What the decision does, for the first sentence.
    fn action(&self) -> Action;
    /// What follows the graduate's fields, before the signatures.
    fn body(&self, flow: &mut Flow);
    /// What follows the signatures (the letter's tear-off slip).
    fn tail(&self, _flow: &mut Flow) {}
}

impl<T: GraduatePaper> Paper for T {
    fn lang(&self) -> Lang {
        self.issue().lang
    }

    fn file_name(&self) -> String {
        self.issue().number.clone()
    }

    fn person(&self) -> Option<&str> {
        Some(&self.issue().graduate.full_name)
    }

    fn draw(&self, flow: &mut Flow) {
        let issue = self.issue();
        if issue.cancelled {
            flow.mark_cancelled();
        }
        let titles: Vec<&str> = self.titles().iter().map(|t| t.get(issue.lang)).collect();
        head(flow, &issue.university, issue.qr.as_deref(), &issue.number, issue.date, &titles);
        let protocol = words::protocol_ref(issue.lang, issue.protocol.number, issue.protocol.date);
        flow.text(&words::intro(issue.lang, self.action(), &protocol, issue.graduate.funding), Style::BODY);
        flow.gap(6.0);
        graduate_fields(flow, &issue.graduate);
        self.body(flow);
        commission_signatures(flow, &issue.chair, &issue.secretary);
        self.tail(flow);
    }
}

impl GraduatePaper for ReferralLetter {
    fn issue(&self) -> &Issue {
        &self.issue
    }

    fn titles(&self) -> Vec<Phrase> {
        vec![words::REFERRAL_TITLE]
    }

    fn action(&self) -> Action {
        Action::Referral
    }

    fn body(&self, flow: &mut Flow) {
        let lang = self.issue.lang;
        field(flow, words::EMPLOYER, &self.employer_name);
        field(flow, words::BIN, self.employer_bin.as_str());
        field(flow, words::EMPLOYER_ADDRESS, &self.employer_address);
        field(flow, words::POSITION, &self.position);
        field(flow, words::ARRIVAL_DATE, &words::date(self.arrival_date));
        field(flow, words::TERM, &words::at_least_years(lang, self.term_years));
        note(flow, words::CONSEQUENCE);
    }

    fn tail(&self, flow: &mut Flow) {
        let (lang, issue) = (self.issue.lang, &self.issue);
        flow.keep_together(|flow| {
            flow.gap(2.0);
            flow.cut_line(words::CUT_HERE.get(lang));
            flow.gap(2.0);
            flow.paragraph(&[Span::bold(words::SLIP_TITLE.get(lang))], SLIP.aligned(Align::Center));
            flow.gap(3.0);
            let letter = format!("{} {}, {}", words::NUMBER.get(lang), issue.number, words::date(issue.date));
            slip_field(flow, words::LETTER_REF, &letter);
            let who =
                format!("{}, {} {}", issue.graduate.full_name, words::IIN.get(lang), issue.graduate.iin);
            slip_field(flow, words::GRADUATE, &who);
            let employer = format!("{}, {} {}", self.employer_name, words::BIN.get(lang), self.employer_bin);
            slip_field(flow, words::EMPLOYER, &employer);
            flow.gap(3.0);
            for line in [words::ARRIVED_ON, words::HIRING_ORDER, words::HIRED_AS] {
                flow.text(line.get(lang), SLIP);
                flow.gap(2.0);
            }
            let university = &issue.university;
            let back = [university.name.get(lang), university.address.get(lang)];
            let back = back.iter().filter(|t| !t.is_empty()).copied().collect::<Vec<_>>().join(", ");
            slip_field(flow, words::RETURN_TO, &back);
            flow.text(words::REFERRAL_NOTE.get(lang), SLIP);
            flow.gap(4.0);
            flow.signatures(&[(words::EMPLOYER_SIGNATURE.get(lang), words::STAMP.get(lang))]);
        });
    }
}

impl GraduatePaper for CentreReferral {
    fn issue(&self) -> &Issue {
        &self.issue
    }

    fn titles(&self) -> Vec<Phrase> {
        vec![words::CENTRE_TITLE, words::CENTRE_SUBTITLE]
    }

    fn action(&self) -> Action {
        match self.reason {
            Some(_) => Action::CentreByDecision,
            None => Action::CentreNoVacancy,
        }
    }

    fn body(&self, flow: &mut Flow) {
        let lang = self.issue.lang;
        if let Some(reason) = &self.reason {
            field(flow, words::REASON, reason);
        }
        field(flow, words::REGION, self.region.label(lang));
        field(flow, words::TERM, &words::at_least_years(lang, self.term_years));
        note(flow, words::CENTRE_COUNTS);
        note(flow, words::CONSEQUENCE);
    }
}

impl GraduatePaper for Certificate {
    fn issue(&self) -> &Issue {
        &self.issue
    }

    fn titles(&self) -> Vec<Phrase> {
        let subtitle = match self.kind {
            CertificateKind::Exemption { .. } => words::EXEMPTION_SUBTITLE,
            CertificateKind::Deferral { .. } => words::DEFERRAL_SUBTITLE,
        };
        vec![words::CERTIFICATE_TITLE, subtitle]
    }

    fn action(&self) -> Action {
        match self.kind {
            CertificateKind::Exemption { .. } => Action::Certificate(LegalPoint::Exemption),
            CertificateKind::Deferral { .. } => Action::Certificate(LegalPoint::WorkOff),
        }
    }

    fn body(&self, flow: &mut Flow) {
        let lang = self.issue.lang;
        match &self.kind {
            CertificateKind::Exemption { ground, documents } => {
                field(flow, words::DECISION, words::EXEMPTION_DECISION.get(lang));
                field(flow, words::GROUND, ground);
                field(flow, words::DOCUMENTS, "");
                for (n, document) in documents.iter().enumerate() {
                    flow.text(&format!("{}. {document}", n + 1), Style::BODY);
                }
            }
            CertificateKind::Deferral { reason, from, to } => {
                field(flow, words::DECISION, words::DEFERRAL_DECISION.get(lang));
                field(flow, words::REASON, reason);
                field(flow, words::PERIOD, &words::period(lang, *from, *to));
                note(flow, words::DEFERRAL_NOT_COUNTED);
            }
        }
        note(flow, words::CERTIFICATE_USE);
    }
}

impl Paper for Protocol {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn file_name(&self) -> String {
        format!("{} {}", words::PROTOCOL_TITLE.get(self.lang), self.meeting_number)
    }

    fn draw(&self, flow: &mut Flow) {
        let lang = self.lang;
        flow.number_pages();
        head(
            flow,
            &self.university,
            None,
            &self.meeting_number,
            self.date,
            &[words::PROTOCOL_TITLE.get(lang), &self.commission_name],
        );
        if let Some(place) = self.place.as_deref().filter(|p| !p.trim().is_empty()) {
            field(flow, words::PLACE, place);
            flow.gap(4.0);
        }
        const MEMBERS: [Column; 2] =
            [Column { share: 0.45, align: Align::Left }, Column { share: 0.55, align: Align::Left }];
        let members = Table { columns: &MEMBERS, header: &[], ruled: false, style: Style::BODY };
        for (title, who) in [(words::MEMBERS_PRESENT, &self.members), (words::MEMBERS_ABSENT, &self.absent)] {
            flow.paragraph(&[Span::bold(title.get(lang))], Style::BODY);
            if who.is_empty() {
                flow.text(words::NOBODY.get(lang), Style::BODY);
            }
            let rows: Vec<[&str; 2]> = who.iter().map(|(role, name)| [role.as_str(), name]).collect();
            flow.table(&members, &rows);
            flow.gap(4.0);
        }
        let total = self.members.len() + self.absent.len();
        flow.text(&words::quorum(lang, self.members.len(), total), Style::BODY);
        flow.gap(6.0);
        flow.text(words::AGENDA.get(lang), Style::BODY);
        flow.gap(6.0);
        let heard = match lang {
            Lang::Kk => format!(
                "комиссия хатшысы {} — жас мамандарды дербес бөлу туралы.",
                words::signer(&self.secretary)
            ),
            Lang::Ru => format!(
                "секретаря комиссии {} — о персональном распределении молодых специалистов.",
                words::signer(&self.secretary)
            ),
        };
        flow.paragraph(
            &[Span::bold(words::HEARD.get(lang)), Span::regular(" "), Span::regular(&heard)],
            Style::BODY,
        );
        flow.gap(6.0);
        flow.paragraph(&[Span::bold(words::RESOLVED.get(lang))], Style::BODY);
        flow.gap(4.0);
        const DECISIONS: [Column; 5] = [
            Column { share: 0.06, align: Align::Center },
            Column { share: 0.26, align: Align::Left },
            Column { share: 0.17, align: Align::Left },
            Column { share: 0.15, align: Align::Left },
            Column { share: 0.36, align: Align::Left },
        ];
        let header = [
            words::COL_NO.get(lang),
            words::COL_NAME.get(lang),
            words::IIN.get(lang),
            words::COL_PROGRAM.get(lang),
            words::DECISION.get(lang),
        ];
        let rows: Vec<[String; 5]> = self
            .rows
            .iter()
            .enumerate()
            .map(|(n, row)| {
                [
                    (n + 1).to_string(),
                    row.graduate_name.clone(),
                    row.iin.to_string(),
                    row.program_code.clone(),
                    row.decision.clone(),
                ]
            })
            .collect();
        let table =
            Table { columns: &DECISIONS, header: &header, ruled: true, style: Style::BODY.sized(9.5) };
        // The last decision goes with the votes and the signatures, so they never stand alone
        // on a page of their own.
        let (rows, last) = rows.split_at(rows.len().saturating_sub(1));
        flow.table(&table, rows);
        let signers: Vec<(&str, String)> =
            self.members.iter().map(|(role, name)| (role.as_str(), words::signer(name))).collect();
        let signers: Vec<(&str, &str)> = signers.iter().map(|(role, name)| (*role, name.as_str())).collect();
        flow.keep_together(|flow| {
            let continued =
                if flow.at_page_top() || rows.is_empty() { table } else { Table { header: &[], ..table } };
            flow.table(&continued, last);
            flow.gap(8.0);
            flow.text(words::VOTED.get(lang), Style::BODY);
            flow.gap(12.0);
            flow.signatures(&signers);
            flow.text(words::STAMP.get(lang), Style::SMALL);
            if let Some(seal) = &self.seal {
                flow.gap(4.0);
                flow.text(&format!("{}: {}", words::SEAL.get(lang), words::seal_code(seal)), Style::SMALL);
            }
        });
    }
}
