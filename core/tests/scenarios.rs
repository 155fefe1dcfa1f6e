//! The legal scenario table (`scenarios/obligation.md`), one test per row: each row's facts are
//! entered through the workflow on a real SQLite file, and its obligation compared with the
//! table's columns.

mod common;

use std::path::PathBuf;

use chrono::NaiveDate;
use joldama_core::classifiers::{Field, Funding, Level, OrgKind, Region};
use joldama_core::commission::{DecisionRequest, Outcome, ProofFile};
use joldama_core::i18n::UserFacing;
use joldama_core::model::VacancyRecord;
use joldama_core::obligation::{CostScope, EndGround, PeriodKind, Years};
use joldama_core::rules::{DeferralReason, ExemptionGround, Place, ProofDocument};
use joldama_core::store::{ChangeContext, Store};
use joldama_core::workflow::commission::{self, MeetingRequest};
use joldama_core::workflow::decide;
use joldama_core::workflow::followup::{
    self, ArrivalRequest, GrantYearsRequest, PaymentRequest, PeriodEndRequest, PeriodRequest,
    StudyCostRequest,
};
use joldama_core::{Error, followup::ObligationEnd};

const TABLE: &str = include_str!("scenarios/obligation.md");

/// One row: its number, the facts, the date, and what is expected.
struct Row {
    number: usize,
    given: String,
    on: Option<NaiveDate>,
    expected: Expected,
}

enum Expected {
    Standing { state: String, counted: u32, paused: u32, owed: Option<u64>, if_stopped: Option<u64> },
    Refused(String),
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text.trim(), "%d.%m.%Y").unwrap_or_else(|_| panic!("a date: {text}"))
}

fn amount(cell: &str) -> Option<u64> {
    match cell.trim() {
        "—" => None,
        n => Some(n.parse().unwrap_or_else(|_| panic!("an amount: {n}"))),
    }
}

fn rows() -> Vec<Row> {
    TABLE
        .lines()
        .filter(|l| l.starts_with("| ") && l[2..].starts_with(|c: char| c.is_ascii_digit()))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let expected = match cells[3].strip_prefix("refused: ") {
                Some(code) => Expected::Refused(code.to_owned()),
                None => Expected::Standing {
                    state: cells[3].replace(' ', "_"),
                    counted: cells[4].parse().unwrap(),
                    paused: cells[5].parse().unwrap(),
                    owed: amount(cells[6]),
                    if_stopped: amount(cells[7]),
                },
            };
            Row {
                number: cells[0].parse().unwrap(),
                given: cells[1].to_owned(),
                on: (cells[2] != "—").then(|| date(cells[2])),
                expected,
            }
        })
        .collect()
}

fn ctx() -> ChangeContext {
    ChangeContext { actor: "scenario".into(), source: None }
}

/// The world every row starts from: graduates of each kind, four places, a commission and its
/// first meeting.
struct World {
    dir: tempfile::TempDir,
    store: Store,
    meeting: i64,
    graduate: i64,
}

const PLACES: [(&str, &str, OrgKind, Region, bool); 4] = [
    ("city school", "940140000385", OrgKind::Education, Region::Abai, false),
    ("village school", "950341000052", OrgKind::Education, Region::Abai, true),
    ("university", "070941024691", OrgKind::University, Region::AlmatyCity, false),
    ("city bank", "990540000100", OrgKind::Other, Region::AlmatyCity, false),
];

fn subject(given: &str) -> (Funding, Level, Field, &'static str) {
    if given.contains("rural teacher") {
        (Funding::RuralQuota, Level::Bachelor, Field::Pedagogical, "6B01501")
    } else if given.contains("rural-quota engineer") {
        (Funding::RuralQuota, Level::Bachelor, Field::Technical, "6B07101")
    } else if given.contains("pedagogical master") {
        (Funding::StateOrder, Level::Master, Field::Pedagogical, "7M01501")
    } else {
        (Funding::StateOrder, Level::Bachelor, Field::Pedagogical, "6B01501")
    }
}

impl World {
    fn new(given: &str) -> World {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("scenario.sqlite3")).unwrap();
        let (funding, level, field, code) = subject(given);
        let mut graduate = common::graduate("061211600012", funding, level, field, code);
        graduate.surname = "Сапарова".into();
        store.apply_graduates(&[graduate], &ctx(), false).unwrap();
        let vacancies: Vec<VacancyRecord> = PLACES
            .iter()
            .map(|&(name, bin, kind, region, rural)| common::vacancy(bin, name, kind, region, rural, 3))
            .collect();
        store.apply_vacancies(&vacancies, &ctx(), false).unwrap();
        let meeting = common::first_meeting(&mut store, 2025, date("20.06.2025"), &ctx());
        let graduate = store.graduates().unwrap()[0].id;
        World { dir, store, meeting, graduate }
    }

    fn place(&self, name: &str) -> (i64, Place) {
        let (_, bin, kind, region, rural) =
            *PLACES.iter().find(|p| p.0 == name).unwrap_or_else(|| panic!("a place: {name}"));
        let vacancy = self
            .store
            .vacancies()
            .unwrap()
            .into_iter()
            .find(|v| v.record.employer.bin.as_str() == bin)
            .unwrap();
        (vacancy.id, Place { kind, region, rural })
    }

    fn decide(&mut self, outcome: Outcome) -> Result<(), Error> {
        let request = DecisionRequest {
            meeting_id: self.meeting,
            graduate_id: self.graduate,
            outcome,
            revises: None,
            reason: None,
        };
        decide::decide(&mut self.store, &request, &ctx()).map(drop)
    }

    /// The open period's id.
    fn open_period(&self) -> i64 {
        self.store
            .followup(self.graduate)
            .unwrap()
            .periods
            .iter()
            .rev()
            .find(|p| p.span.to().is_none())
            .expect("an open period")
            .id
    }

    fn period(&mut self, kind: PeriodKind, place: Option<&str>, span: &str) -> Result<(), Error> {
        let (from, to) = span.split_once('–').unwrap_or_else(|| panic!("a span: {span}"));
        let (employer_bin, place) = match place {
            Some(name) => {
                let bin = PLACES.iter().find(|p| p.0 == name).unwrap().1.to_owned();
                (Some(bin), Some(self.place(name).1))
            }
            None => (None, None),
        };
        let request = PeriodRequest {
            graduate_id: self.graduate,
            kind,
            employer_bin,
            employer_name: None,
            place,
            from: date(from),
            to: (!to.trim().is_empty()).then(|| date(to)),
            note: None,
            seen: None,
        };
        followup::add_period(&mut self.store, &request, &ctx()).map(drop)
    }

    /// Enters one fact of the table's DSL.
    fn fact(&mut self, fact: &str) -> Result<(), Error> {
        let g = self.graduate;
        let words = |prefix: &str| fact.strip_prefix(prefix).map(str::trim);
        if let Some(rest) = words("referred to the centre") {
            let reason = rest.strip_prefix("because").map(|r| r.trim().to_owned());
            return self.decide(Outcome::EmploymentCentre { region: Region::Abai, override_reason: reason });
        }
        if let Some(rest) = words("revised to") {
            let (place, arriving) = rest.split_once(" arriving ").expect("revised to PLACE arriving DATE");
            let (vacancy_id, _) = self.place(place);
            let current = self.store.current_decision(g).unwrap().expect("a decision to revise").id;
            let held_on = date("20.01.2026");
            let meeting = match self.store.meetings(self.store.commission(2025).unwrap().unwrap().id).unwrap()
            {
                m if m.len() > 1 => m[1].id,
                _ => {
                    let request = MeetingRequest { year: 2025, held_on, place: None, present: None };
                    commission::create_meeting(&mut self.store, &request, &ctx()).unwrap().id
                }
            };
            let request = DecisionRequest {
                meeting_id: meeting,
                graduate_id: g,
                outcome: Outcome::Vacancy { vacancy_id, arrival_date: date(arriving) },
                revises: Some(current),
                reason: Some("Қайта бөлу".into()),
            };
            return decide::decide(&mut self.store, &request, &ctx()).map(drop);
        }
        if let Some(place) = words("referred to") {
            let (vacancy_id, _) = self.place(place);
            return self.decide(Outcome::Vacancy { vacancy_id, arrival_date: date("01.09.2025") });
        }
        if let Some(on) = words("arrived") {
            let request = ArrivalRequest {
                graduate_id: g,
                on: date(on),
                confirmed_by: "Хат №1".into(),
                note: None,
                seen: None,
            };
            return followup::record_arrival(&mut self.store, &request, &ctx()).map(drop);
        }
        if let Some(on) = words("left") {
            let request = PeriodEndRequest { period_id: self.open_period(), to: date(on), seen: None };
            return followup::end_period(&mut self.store, &request, &ctx()).map(drop);
        }
        if let Some(rest) = words("works at") {
            let (place, span) =
                PLACES.iter().find_map(|p| rest.strip_prefix(p.0).map(|s| (p.0, s))).expect("a place");
            return self.period(PeriodKind::Work, Some(place), span.trim());
        }
        if let Some(span) = words("registered at the centre") {
            return self.period(PeriodKind::Centre, None, span);
        }
        if let Some(span) = words("serves") {
            return self.period(PeriodKind::Deferral, None, span);
        }
        if let Some(span) = words("deferred for contract service") {
            return self.defer(DeferralReason::Contract, span);
        }
        if let Some(span) = words("deferred") {
            return self.defer(DeferralReason::Conscription, span);
        }
        if fact == "exempted for further study" {
            let file = self.dir.path().join("бұйрық.pdf");
            std::fs::write(&file, b"order").unwrap();
            let proofs = vec![ProofFile { document: ProofDocument::AdmissionOrder, file }];
            return self.decide(Outcome::Exemption { ground: ExemptionGround::FurtherStudy, proofs });
        }
        if let Some(rest) = words("on grant") {
            let (on_grant, normative) = rest.trim_end_matches(" years").split_once(" of ").unwrap();
            let request = GrantYearsRequest {
                graduate_id: g,
                on_grant: Years::parse(on_grant),
                normative: Years::parse(normative),
                seen: None,
            };
            return followup::set_grant_years(&mut self.store, &request, &ctx()).map(drop);
        }
        if let Some(amount) = words("programme cost") {
            return self.cost(amount.parse().unwrap(), CostScope::WholeProgramme);
        }
        if let Some(rest) = words("paid") {
            let (amount, on) = rest.split_once(" on ").unwrap();
            let request = PaymentRequest {
                graduate_id: g,
                paid_on: date(on),
                amount: amount.parse().unwrap(),
                document: "№ 5".into(),
                seen: None,
            };
            return followup::record_payment(&mut self.store, &request, &ctx()).map(drop);
        }
        if let Some(on) = words("ended (death)") {
            let end = ObligationEnd {
                ground: EndGround::Death,
                on: date(on),
                document: "Куәлік №3".into(),
                note: None,
            };
            let request = followup::EndRequest { graduate_id: g, end: Some(end), seen: None };
            return followup::record_end(&mut self.store, &request, &ctx()).map(drop);
        }
        // Facts that only name the subject or leave the defaults.
        match fact {
            "no decision" | "rural teacher" | "pedagogical master" | "cost unknown" => Ok(()),
            f if f.starts_with("rural-quota engineer") => Ok(()),
            f => panic!("a fact the table's language does not have: «{f}»"),
        }
    }

    fn defer(&mut self, reason: DeferralReason, span: &str) -> Result<(), Error> {
        let (from, to) = span.split_once('–').unwrap();
        let to = (!to.trim().is_empty()).then(|| date(to));
        self.decide(Outcome::Deferral { reason, from: date(from), to })
    }

    fn cost(&mut self, amount: u64, scope: CostScope) -> Result<(), Error> {
        let request = StudyCostRequest { graduate_id: self.graduate, amount, scope, basis: None, seen: None };
        followup::set_study_cost(&mut self.store, &request, &ctx()).map(drop)
    }
}

fn run(number: usize) {
    let rows = rows();
    let row = rows.iter().find(|r| r.number == number).unwrap_or_else(|| panic!("row {number} in the table"));
    let mut world = World::new(&row.given);
    let facts: Vec<&str> = row.given.split(';').map(str::trim).collect();
    let explicit_cost =
        facts.iter().any(|f| f.starts_with("cost unknown") || f.starts_with("programme cost"));
    if !explicit_cost {
        world.cost(2_000_000, CostScope::GrantYears).unwrap();
    }
    let mut refused = None;
    for fact in &facts {
        if let Err(e) = world.fact(fact) {
            refused = Some(e.code().to_owned());
            break;
        }
    }
    match &row.expected {
        Expected::Refused(code) => {
            assert_eq!(refused.as_deref(), Some(code.as_str()), "row {number}: {}", row.given)
        }
        Expected::Standing { state, counted, paused, owed, if_stopped } => {
            assert_eq!(refused, None, "row {number}: {}", row.given);
            let on = row.on.expect("a date to read the obligation on");
            let view = followup::obligation(&world.store, world.graduate, on).unwrap();
            let s = &view.standing;
            assert_eq!(
                (s.state.code(), s.counted_days, s.paused_days, s.refund_owed, s.refund_if_stopped),
                (state.as_str(), *counted, *paused, *owed, *if_stopped),
                "row {number}: {} — on {on}",
                row.given
            );
            // Never owed outside the broken states (and what was paid off).
            if s.refund_owed.is_some_and(|o| o > 0) {
                assert!(
                    matches!(s.state.code(), "broken" | "refund_paid_in_part" | "refund_paid"),
                    "row {number}"
                );
            }
        }
    }
}

/// One test per row; a row without its test, or a test without its row, fails `every_row_runs`.
macro_rules! scenarios {
    ($($name:ident = $n:literal),+ $(,)?) => {
        $(#[test] fn $name() { run($n) })+
        const NUMBERS: &[usize] = &[$($n),+];
    };
}

scenarios! {
    row_01 = 1, row_02 = 2, row_03 = 3, row_04 = 4, row_05 = 5, row_06 = 6, row_07 = 7, row_08 = 8,
    row_09 = 9, row_10 = 10, row_11 = 11, row_12 = 12, row_13 = 13, row_14 = 14, row_15 = 15,
    row_16 = 16, row_17 = 17, row_18 = 18, row_19 = 19, row_20 = 20, row_21 = 21, row_22 = 22,
    row_23 = 23, row_24 = 24, row_25 = 25, row_26 = 26, row_27 = 27, row_28 = 28, row_29 = 29,
    row_30 = 30, row_31 = 31, row_32 = 32, row_33 = 33, row_34 = 34, row_35 = 35, row_36 = 36,
    row_37 = 37, row_38 = 38,
}

#[test]
fn every_row_runs() {
    let numbers: Vec<usize> = rows().iter().map(|r| r.number).collect();
    assert_eq!(numbers, NUMBERS, "the table's rows and the tests above");
    assert!(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/obligation.md").exists());
}
