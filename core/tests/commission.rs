//! The commission's year on a real register: members, meetings, every kind of decision, the
//! locking of a finalised meeting, revisions and paper numbers. What does not write to the
//! file by hand runs again on the server (`on_both_stores!`).

#[macro_use]
mod common;

use std::path::{Path, PathBuf};

use common::{Backend, Register};

use chrono::NaiveDate;
use joldama_core::authentic::{Claim, UniversityKey, mask};
use joldama_core::classifiers::Region;
use joldama_core::commission::{
    Decision, DecisionRequest, Outcome, PaperNumber, PaperSeries, ProofFile, Role,
};
use joldama_core::i18n::{Lang, UserFacing};
use joldama_core::import::ImportOptions;
use joldama_core::matching::{Application, Mode, Wish};
use joldama_core::model::Graduate;
use joldama_core::rules::decision::DecisionError;
use joldama_core::rules::{
    Coverage, DeferralReason, ExemptionGround, ProofDocument, Refusal, RuleSet, assess,
};
use joldama_core::store::{ChangeContext, Store};
use joldama_core::workflow::commission::{self, CommissionRequest, MeetingRequest, MemberRequest};
use joldama_core::workflow::{WorkflowError, decide, dossier, matching, papers, verify};
use joldama_core::{Error, Text};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

fn ctx() -> ChangeContext {
    ChangeContext { actor: "secretary".into(), source: None }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

struct Year {
    _dir: tempfile::TempDir,
    path: PathBuf,
    register: Register,
    store: Store,
    rules: RuleSet,
    meeting: i64,
    chair: i64,
    secretary: i64,
}

/// A 2025 cohort imported from the samples, its commission and an open first meeting, in the
/// desk's file (the tests that also write to it by hand).
fn year() -> Year {
    year_on(&Backend::File)
}

/// As [`year`], on either store.
fn year_on(backend: &Backend) -> Year {
    let dir = tempfile::tempdir().unwrap();
    // On the server, the file's name stands for the desk's folder.
    let path = dir.path().join("joldama.sqlite3");
    let register = backend.register(dir.path());
    let mut store = register.open(dir.path());
    let options =
        ImportOptions { year: Some(2025), dry_run: false, actor: "test".into(), ..Default::default() };
    joldama_core::workflow::import::graduates(&mut store, &fixture("graduates_2025_ru.xlsx"), &options)
        .unwrap();
    joldama_core::workflow::import::vacancies(&mut store, &fixture("vacancies_2025.xlsx"), 2025, &options)
        .unwrap();
    let rules = store.rules(2025).unwrap();
    let name = Text::new("Дербес бөлу жөніндегі комиссия", "Комиссия по персональному распределению");
    commission::create_commission(&mut store, &CommissionRequest { year: 2025, name: Some(name) }, &ctx())
        .unwrap();
    for (role, name, position) in [
        (Role::Chair, "Ахметов Ә. Қ.", Some("Ректор")),
        (Role::Secretary, "Омарова Д. А.", None),
        (Role::Member, "Петров И. С.", None),
    ] {
        let member =
            MemberRequest { year: 2025, role, full_name: name.into(), position: position.map(Into::into) };
        commission::add_member(&mut store, &member, &ctx()).unwrap();
    }
    let members = store.commission(2025).unwrap().unwrap().members;
    let (chair, secretary) = (members[0].id, members[1].id);
    let y = Year { _dir: dir, path, register, store, rules, meeting: 0, chair, secretary };
    let mut y = y;
    y.meeting = y.meet(day(2025, 6, 20), &[chair, secretary]);
    y
}

/// The domain's refusal inside the core's error.
fn refusal(error: Error) -> DecisionError {
    match error {
        Error::Workflow(WorkflowError::Decision(e)) => e,
        other => panic!("not a decision's refusal: {other:?}"),
    }
}

impl Year {
    fn meet(&mut self, held_on: NaiveDate, present: &[i64]) -> i64 {
        let request = MeetingRequest {
            year: 2025,
            held_on,
            place: Some("Астана".into()),
            present: Some(present.to_vec()),
        };
        commission::create_meeting(&mut self.store, &request, &ctx()).unwrap().id
    }

    fn decide(&mut self, request: &DecisionRequest) -> Result<Decision, Error> {
        decide::decide(&mut self.store, request, &ctx()).map(|view| view.decision)
    }

    /// A bound graduate with an allowed vacancy that has a free place, and that vacancy.
    fn referable(&self, skip: usize) -> (Graduate, i64) {
        let vacancies = self.store.vacancies().unwrap();
        self.store
            .undecided(2025)
            .unwrap()
            .into_iter()
            .filter_map(|g| {
                let best = assess(&self.rules, &g.record, &vacancies).into_iter().find(|a| a.allowed())?;
                Some((g, best.vacancy_id))
            })
            .nth(skip)
            .expect("a referable graduate")
    }

    fn refer(&mut self, graduate: i64, vacancy: i64) -> Result<Decision, Error> {
        let request = DecisionRequest {
            meeting_id: self.meeting,
            graduate_id: graduate,
            outcome: Outcome::Vacancy { vacancy_id: vacancy, arrival_date: day(2025, 9, 1) },
            revises: None,
            reason: None,
        };
        self.decide(&request)
    }

    fn number(&mut self, decision: i64, series: PaperSeries, on: NaiveDate) -> PaperNumber {
        self.store.write(&ctx(), |tx| tx.paper_number(decision, series, on)).unwrap()
    }

    fn places_left(&self, vacancy: i64) -> u32 {
        self.store.vacancies().unwrap().into_iter().find(|v| v.id == vacancy).unwrap().places_left
    }
}

fn a_referral_takes_a_place_and_a_graduate_has_one_current_decision(backend: &Backend) {
    let mut y = year_on(backend);
    let (g, vacancy) = y.referable(0);
    let before = y.places_left(vacancy);
    let decision = y.refer(g.id, vacancy).unwrap();
    assert_eq!(y.places_left(vacancy), before - 1);
    let Coverage::Covered(row) = y.rules.coverage(&g.record) else { panic!("covered") };
    assert_eq!(decision.term_years, Some(row.term_years));
    assert!(decision.is_current());

    let again = y.refer(g.id, vacancy).unwrap_err();
    assert_eq!(again.code(), "already_decided");
    assert_eq!(refusal(again), DecisionError::AlreadyDecided { current: decision.id });
    assert!(!y.store.undecided(2025).unwrap().iter().any(|u| u.id == g.id));
}

/// A paper numbered before the series (schema 11: `series` NULL) keeps the number it was
/// printed with; the next referral opens its own series beside it.
#[test]
fn a_paper_numbered_before_the_series_keeps_its_number() {
    let mut y = year();
    let (g, vacancy) = y.referable(0);
    let first = y.refer(g.id, vacancy).unwrap();
    let (other, other_vacancy) = y.referable(1);
    let second = y.refer(other.id, other_vacancy).unwrap();
    let raw = rusqlite::Connection::open(&y.path).unwrap();
    raw.execute(
        "INSERT INTO paper (commission_id, seq, decision_id, issued_on) \
         SELECT m.commission_id, 7, d.id, '2025-06-20' FROM decision d JOIN meeting m ON m.id = d.meeting_id \
         WHERE d.id = ?1",
        [first.id],
    )
    .unwrap();
    let old = y.number(first.id, PaperSeries::Referral, day(2025, 6, 25));
    assert_eq!((old.number.as_str(), old.series), ("2025/0007", None));
    let new = y.number(second.id, PaperSeries::Referral, day(2025, 6, 25));
    assert_eq!((new.number.as_str(), new.series), ("2025/1-0001", Some(PaperSeries::Referral)));
}

fn the_rules_refuse_with_every_reason(backend: &Backend) {
    let mut y = year_on(backend);
    let vacancies = y.store.vacancies().unwrap();
    let (g, refused) = y
        .store
        .undecided(2025)
        .unwrap()
        .into_iter()
        .find_map(|g| {
            let refused =
                assess(&y.rules, &g.record, &vacancies).into_iter().find(|a| a.reasons.len() >= 2)?;
            Some((g, refused))
        })
        .unwrap();
    let error = y.refer(g.id, refused.vacancy_id).unwrap_err();
    assert!(error.message().ru.starts_with("Правила не допускают"), "{}", error.message().ru);
    assert!(!error.message().kk.is_empty());
    let DecisionError::NotAllowed { reasons } = refusal(error) else { panic!("not allowed") };
    let expected: Vec<&Refusal> = refused.reasons.iter().filter(|r| **r != Refusal::NoPlacesLeft).collect();
    assert_eq!(reasons.iter().collect::<Vec<_>>(), expected);
}

fn the_last_place_is_taken_once_even_by_two_windows_at_once(backend: &Backend) {
    let mut y = year_on(backend);
    let (first, vacancy) = y.referable(0);
    // Leave exactly one place on the vacancy.
    while y.places_left(vacancy) > 1 {
        let (g, _) = y
            .store
            .undecided(2025)
            .unwrap()
            .into_iter()
            .filter(|g| g.id != first.id)
            .find_map(|g| {
                let v = y.store.vacancies().unwrap().into_iter().find(|v| v.id == vacancy)?;
                y.rules.refusals(&g.record, &v).is_empty().then_some((g, ()))
            })
            .unwrap();
        y.refer(g.id, vacancy).unwrap();
    }
    let second = y
        .store
        .undecided(2025)
        .unwrap()
        .into_iter()
        .find(|g| {
            g.id != first.id && {
                let v = y.store.vacancies().unwrap().into_iter().find(|v| v.id == vacancy).unwrap();
                y.rules.refusals(&g.record, &v).is_empty()
            }
        })
        .expect("a second graduate allowed on the vacancy");

    // Two connections to the same register race for the last place.
    let (register, folder, meeting) = (y.register.clone(), y.path.parent().unwrap().to_path_buf(), y.meeting);
    let results: Vec<_> = [first.id, second.id]
        .into_iter()
        .map(|graduate| {
            let (register, folder) = (register.clone(), folder.clone());
            std::thread::spawn(move || {
                let mut store = register.open(&folder);
                let request = DecisionRequest {
                    meeting_id: meeting,
                    graduate_id: graduate,
                    outcome: Outcome::Vacancy { vacancy_id: vacancy, arrival_date: day(2025, 9, 1) },
                    revises: None,
                    reason: None,
                };
                decide::decide(&mut store, &request, &ctx()).map_err(|e| e.code())
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    assert!(results.iter().any(|r| matches!(r, Err("no_places_left"))), "{results:?}");
    assert_eq!(y.places_left(vacancy), 0);
}

fn employment_centre_while_vacancies_are_open_needs_a_written_reason(backend: &Backend) {
    let mut y = year_on(backend);
    let (g, _) = y.referable(0);
    let region = g.record.region.unwrap_or(Region::Astana);
    let meeting = y.meeting;
    let centre = |reason: Option<&str>| DecisionRequest {
        meeting_id: meeting,
        graduate_id: g.id,
        outcome: Outcome::EmploymentCentre { region, override_reason: reason.map(Into::into) },
        revises: None,
        reason: None,
    };
    for blank in [None, Some("  ")] {
        let error = refusal(y.decide(&centre(blank)).unwrap_err());
        assert!(matches!(error, DecisionError::VacanciesAvailable { count } if count > 0), "{error:?}");
    }
    let decision = y.decide(&centre(Some(" Выпускник ухаживает за больной матерью "))).unwrap();
    assert_eq!(
        decision.outcome,
        Outcome::EmploymentCentre {
            region,
            override_reason: Some("Выпускник ухаживает за больной матерью".into())
        }
    );
    let summary = decision.outcome.summary(None);
    assert!(summary.ru.contains("при наличии вакансий; причина: Выпускник ухаживает"), "{}", summary.ru);
}

fn exemption_needs_its_proofs_and_the_graduation_year_and_keeps_the_files(backend: &Backend) {
    let mut y = year_on(backend);
    let (g, _) = y.referable(0);
    let mut request = DecisionRequest {
        meeting_id: y.meeting,
        graduate_id: g.id,
        outcome: Outcome::Exemption { ground: ExemptionGround::Disability, proofs: Vec::new() },
        revises: None,
        reason: None,
    };
    let error = y.decide(&request).unwrap_err();
    assert_eq!(error.code(), "proofs_missing");
    assert!(
        error.message().ru.contains("Справка об инвалидности") || error.message().ru.contains("инвалид"),
        "{}",
        error.message().ru
    );

    let scan = y.path.parent().unwrap().join("справка.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scan").unwrap();
    request.outcome = Outcome::Exemption {
        ground: ExemptionGround::Disability,
        proofs: vec![ProofFile { document: ProofDocument::DisabilityCertificate, file: scan }],
    };
    let decision = y.decide(&request).unwrap();
    assert_eq!(decision.term_years, None);
    let joldama_core::commission::Outcome::Exemption { proofs, .. } = &decision.outcome else { panic!() };
    let kept = y.store.proofs_dir().join(&proofs[0].file);
    assert_eq!(std::fs::read(kept).unwrap(), b"%PDF-1.4 scan");

    // A meeting in another year cannot exempt a 2025 graduate.
    let (chair, secretary) = (y.chair, y.secretary);
    let late = y.meet(day(2026, 2, 1), &[chair, secretary]);
    let (other, _) = y.referable(0);
    let request = DecisionRequest { meeting_id: late, graduate_id: other.id, ..request };
    assert_eq!(y.decide(&request).unwrap_err().code(), "exemption_out_of_year");
}

fn a_deferral_is_for_conscript_service_only_and_checked_for_its_dates(backend: &Backend) {
    let mut y = year_on(backend);
    let (g, _) = y.referable(0);
    let mut request = DecisionRequest {
        meeting_id: y.meeting,
        graduate_id: g.id,
        outcome: Outcome::Deferral {
            reason: DeferralReason::Conscription,
            from: day(2025, 7, 1),
            to: Some(day(2025, 6, 1)),
        },
        revises: None,
        reason: None,
    };
    assert_eq!(y.decide(&request).unwrap_err().code(), "deferral_dates");
    request.outcome = Outcome::Deferral {
        reason: DeferralReason::Contract,
        from: day(2025, 7, 1),
        to: Some(day(2026, 7, 1)),
    };
    assert_eq!(y.decide(&request).unwrap_err().code(), "deferral_not_in_law");
    // A year typed wrong: a start far from the meeting (20.06.2025), a service of decades.
    let far = |from, to| Outcome::Deferral { reason: DeferralReason::Conscription, from, to };
    request.outcome = far(day(2052, 7, 1), None);
    let error = y.decide(&request).unwrap_err();
    assert_eq!(error.code(), "deferral_start_far");
    assert!(error.message().ru.contains("01.07.2052"), "{}", error.message().ru);
    request.outcome = far(day(2023, 6, 19), None);
    assert_eq!(y.decide(&request).unwrap_err().code(), "deferral_start_far");
    request.outcome = far(day(2025, 7, 1), Some(day(2062, 7, 1)));
    assert_eq!(y.decide(&request).unwrap_err().code(), "deferral_too_long");
    request.outcome = Outcome::Deferral {
        reason: DeferralReason::Conscription,
        from: day(2025, 7, 1),
        to: Some(day(2026, 7, 1)),
    };
    assert_eq!(y.decide(&request).unwrap().outcome, request.outcome);
}

#[test]
fn a_finalised_meeting_is_locked_and_a_revision_at_a_later_meeting_keeps_the_history() {
    let mut y = year();
    let (g, vacancy) = y.referable(0);
    let referral = y.refer(g.id, vacancy).unwrap();
    let places = y.places_left(vacancy);

    // The protocol is signed by the chair and the secretary: both must be present.
    let chair = y.chair;
    let empty = y.meet(day(2025, 6, 21), &[chair]);
    assert_eq!(commission::finalise(&mut y.store, empty, &ctx()).unwrap_err().code(), "signatories_absent");

    let meeting = commission::finalise(&mut y.store, y.meeting, &ctx()).unwrap();
    assert!(meeting.finalised.is_some());
    let (other, other_vacancy) = y.referable(0);
    let error = y.refer(other.id, other_vacancy).unwrap_err();
    assert_eq!(error.code(), "meeting_finalised");
    assert!(error.message().kk.contains("өзгертуге болмайды"));

    // Even a direct write to the file is refused by its triggers.
    let raw = rusqlite::Connection::open(&y.path).unwrap();
    let sneaky = raw.execute("UPDATE decision SET reason = 'x' WHERE id = ?1", [referral.id]);
    assert!(sneaky.unwrap_err().to_string().contains("meeting_finalised"));
    assert!(raw.execute("DELETE FROM decision WHERE id = ?1", [referral.id]).is_err());

    // The letter is numbered once; printing again gives the same number.
    let letter = y.number(referral.id, PaperSeries::Referral, day(2025, 6, 22));
    assert_eq!((letter.seq, letter.number.as_str(), letter.cancelled), (1, "2025/1-0001", false));
    assert_eq!(y.number(referral.id, PaperSeries::Referral, day(2025, 7, 1)), letter);

    // The employer refused: redistribution at the next meeting.
    let (chair, secretary) = (y.chair, y.secretary);
    let next = y.meet(day(2025, 8, 1), &[chair, secretary]);
    let revision = DecisionRequest {
        meeting_id: next,
        graduate_id: g.id,
        outcome: Outcome::EmploymentCentre {
            region: g.record.region.unwrap_or(Region::Astana),
            override_reason: Some("Жұмыс беруші бас тартты".into()),
        },
        revises: Some(referral.id),
        reason: Some("Жұмыс беруші бас тартты / Работодатель отказал".into()),
    };
    let revised = y.decide(&revision).unwrap();
    assert_eq!(y.places_left(vacancy), places + 1, "the place comes back");
    let history = y.store.decisions_of(g.id).unwrap();
    assert_eq!(history.iter().map(|d| d.id).collect::<Vec<_>>(), [referral.id, revised.id]);
    assert_eq!(history[0].revised_by, Some(revised.id));
    assert_eq!(history[1].revises, Some(referral.id));
    assert_eq!(history[0].outcome, referral.outcome, "the replaced decision is unchanged");
    let cancelled = y.number(referral.id, PaperSeries::Referral, day(2025, 8, 2));
    assert!(cancelled.cancelled && cancelled.number == "2025/1-0001");
    // The centre referral opens its own series; the cancelled letter's number is not reused.
    let centre = y.number(revised.id, PaperSeries::Centre, day(2025, 8, 2));
    assert_eq!(centre.number, "2025/2-0001");
    let raw = rusqlite::Connection::open(&y.path).unwrap();
    let reuse = raw.execute("UPDATE paper SET series_seq = 2 WHERE decision_id = ?1", [referral.id]);
    assert!(reuse.unwrap_err().to_string().contains("paper_never_deleted"));

    // The register lists both papers in the order issued, the letter cancelled by the revision.
    let register = papers::paper_register(&y.store, 2025, Lang::Ru, day(2025, 8, 3)).unwrap();
    let lines: Vec<(&str, &str, &str)> =
        register.lines.iter().map(|l| (l.number.as_str(), l.kind.as_str(), l.status.as_str())).collect();
    let cancelled_by = format!("Аннулирован решением №{}", revised.id);
    assert_eq!(
        lines,
        [
            ("2025/1-0001", "Направление на работу", cancelled_by.as_str()),
            ("2025/2-0001", "Направление в центр занятости", "Выдан"),
        ]
    );
    assert_eq!(register.lines[0].issued_on, day(2025, 6, 22));
    let at = format!("(заседание №{})", y.store.meeting(next).unwrap().unwrap().number);
    assert!(register.lines[1].decision.ends_with(&at), "{:?}", register.lines[1]);

    // Their QR codes, checked against the register: the letter cancelled, the referral valid.
    let key = y.store.write(&ctx(), |tx| tx.university_key(&UniversityKey::generate().unwrap())).unwrap();
    let code = |line: &joldama_core::papers::IssuedLine, series, employer: &str| {
        let claim = Claim {
            series,
            number: line.number.clone(),
            issued_on: line.issued_on,
            holder: line.holder.clone(),
            iin: mask(&line.iin),
            employer: employer.to_owned(),
        };
        claim.signed(&key)
    };
    let bin = y.store.vacancy(vacancy).unwrap().unwrap().record.employer.bin;
    let letter = code(&register.lines[0], PaperSeries::Referral, bin.as_str());
    let centre = code(&register.lines[1], PaperSeries::Centre, "");
    let verdict = |text: &str| verify::verify(Some(&y.store), None, text).unwrap().code();
    assert_eq!((verdict(&letter), verdict(&centre)), ("cancelled", "valid"));
    // Signed by the key, but not what the register issued under that number.
    let mut forged = register.lines[1].clone();
    forged.holder = "Басқа Адам".into();
    assert_eq!(verdict(&code(&forged, PaperSeries::Centre, "")), "altered");
    forged.number = "2025/2-0099".into();
    assert_eq!(verdict(&code(&forged, PaperSeries::Centre, "")), "unknown");
    assert_eq!(verdict(&letter.replace("2025-06-22", "2025-06-23")), "altered");

    // Only the current decision can be revised.
    let stale = DecisionRequest { revises: Some(referral.id), ..revision };
    assert_eq!(y.decide(&stale).unwrap_err().code(), "not_current_decision");
}

fn the_cohort_suggestion_respects_rules_and_places_honours_wishes_and_can_be_accepted(backend: &Backend) {
    let mut y = year_on(backend);
    // A graduate asks for a particular employer whose vacancy the rules allow them.
    let (g, vacancy) = y.referable(3);
    let wanted = y.store.vacancies().unwrap().into_iter().find(|v| v.id == vacancy).unwrap();
    let wish = Wish::Employer { bin: wanted.record.employer.bin, region: None };
    let application = Application { wishes: vec![wish], applied_on: None, social: None };
    y.store.write(&ctx(), |tx| tx.set_application(g.id, &application)).unwrap();

    let suggestions = matching::suggest(&y.store, 2025, Mode::Fill).unwrap();
    let vacancies = y.store.vacancies().unwrap();
    let graduates = y.store.undecided(2025).unwrap();
    assert!(!suggestions.is_empty());
    let mut taken: std::collections::HashMap<i64, u32> = std::collections::HashMap::new();
    for s in &suggestions {
        let v = vacancies.iter().find(|v| v.id == s.vacancy_id).unwrap();
        let graduate = graduates.iter().find(|x| x.id == s.graduate_id).unwrap();
        assert!(y.rules.refusals(&graduate.record, v).is_empty(), "suggested but not allowed: {s:?}");
        *taken.entry(v.id).or_default() += 1;
    }
    for (id, n) in &taken {
        assert!(*n <= vacancies.iter().find(|v| v.id == *id).unwrap().places_left);
    }
    let ids: std::collections::HashSet<i64> = suggestions.iter().map(|s| s.graduate_id).collect();
    assert_eq!(ids.len(), suggestions.len(), "one suggestion per graduate");
    let honoured =
        suggestions.iter().find(|s| s.graduate_id == g.id).expect("the graduate with a wish is placed");
    assert_eq!((honoured.vacancy_id, honoured.wish), (vacancy, Some(1)));

    // Accepted one by one, each becomes a referral; the places add up.
    for s in &suggestions {
        let request = DecisionRequest {
            meeting_id: y.meeting,
            graduate_id: s.graduate_id,
            outcome: Outcome::Vacancy { vacancy_id: s.vacancy_id, arrival_date: day(2025, 9, 1) },
            revises: None,
            reason: None,
        };
        y.decide(&request).unwrap();
    }
    assert!(matching::suggest(&y.store, 2025, Mode::Fill).unwrap().is_empty(), "nothing more can be placed");
}

fn back_from_the_army_a_graduate_is_queued_again_and_referred_to_a_later_cohorts_vacancy(backend: &Backend) {
    let mut y = year_on(backend);
    let (g, _) = y.referable(0);
    let deferral = y
        .decide(&DecisionRequest {
            meeting_id: y.meeting,
            graduate_id: g.id,
            outcome: Outcome::Deferral {
                reason: DeferralReason::Conscription,
                from: day(2025, 7, 1),
                to: Some(day(2026, 6, 30)),
            },
            revises: None,
            reason: None,
        })
        .unwrap();
    // The 2026 cohort's commission and its requests: one vacancy the 2025 rules allow him.
    commission::create_commission(&mut y.store, &CommissionRequest { year: 2026, name: None }, &ctx())
        .unwrap();
    for (role, name) in [(Role::Chair, "Ахметов Ә. Қ."), (Role::Secretary, "Омарова Д. А.")]
    {
        let member = MemberRequest { year: 2026, role, full_name: name.into(), position: None };
        commission::add_member(&mut y.store, &member, &ctx()).unwrap();
    }
    let allowed_2025 = decide::eligibility(&y.store, g.id).unwrap().allowed[0].vacancy.clone();
    let mut later = allowed_2025.record.clone();
    later.year = 2026;
    let later = y.store.add_vacancy(&later, &ctx()).unwrap();
    let meeting = MeetingRequest { year: 2026, held_on: day(2026, 8, 14), place: None, present: None };
    let meeting = commission::create_meeting(&mut y.store, &meeting, &ctx()).unwrap();

    // Still serving: not in the queue; back on 1 July: in the 2026 queue, to be revised.
    assert!(!decide::queue(&y.store, 2026, day(2026, 6, 1)).unwrap().iter().any(|r| r.row.id == g.id));
    let queue = decide::queue(&y.store, 2026, day(2026, 8, 14)).unwrap();
    let row = queue.iter().find(|r| r.row.id == g.id).expect("back in the queue");
    assert_eq!(row.revises, Some(deferral.id));
    // A later cohort's vacancy is open to him; an earlier one would not be.
    assert!(decide::eligibility(&y.store, g.id).unwrap().allowed.iter().any(|w| w.vacancy.id == later.id));

    let referral = y
        .decide(&DecisionRequest {
            meeting_id: meeting.id,
            graduate_id: g.id,
            outcome: Outcome::Vacancy { vacancy_id: later.id, arrival_date: day(2026, 9, 1) },
            revises: Some(deferral.id),
            reason: Some("Әскерден оралды".into()),
        })
        .unwrap();
    // His own cohort's rules: the 2025 row's term.
    let Coverage::Covered(row) = y.rules.coverage(&g.record) else { panic!("covered") };
    assert_eq!(referral.term_years, Some(row.term_years));
    assert!(!decide::queue(&y.store, 2026, day(2026, 8, 15)).unwrap().iter().any(|r| r.row.id == g.id));
    // An exemption is only for the graduation year: not at a 2026 meeting.
    let (other, _) = y.referable(0);
    let proof = y.path.parent().unwrap().join("анықтама.pdf");
    std::fs::write(&proof, b"%PDF").unwrap();
    let late_exemption = DecisionRequest {
        meeting_id: meeting.id,
        graduate_id: other.id,
        outcome: Outcome::Exemption {
            ground: ExemptionGround::Disability,
            proofs: vec![ProofFile { document: ProofDocument::DisabilityCertificate, file: proof }],
        },
        revises: None,
        reason: None,
    };
    assert_eq!(y.decide(&late_exemption).unwrap_err().code(), "exemption_out_of_year");
}

fn a_referral_arriving_years_after_its_meeting_is_refused(backend: &Backend) {
    let mut y = year_on(backend);
    let (g, vacancy) = y.referable(0);
    let meeting = y.meeting;
    let referral = |arrival| DecisionRequest {
        meeting_id: meeting,
        graduate_id: g.id,
        outcome: Outcome::Vacancy { vacancy_id: vacancy, arrival_date: arrival },
        revises: None,
        reason: None,
    };
    // 2052 typed for 2025: the meeting was on 20.06.2025.
    let error = refusal(y.decide(&referral(day(2052, 9, 1))).unwrap_err());
    assert!(matches!(error, DecisionError::ArrivalTooFar { .. }), "{error:?}");
    assert!(error.message().kk.contains("01.09.2052"), "{}", error.message().kk);
    y.decide(&referral(day(2027, 6, 20))).expect("two years after the meeting is allowed");
}

fn accepting_the_suggestion_takes_only_the_rows_kept(backend: &Backend) {
    let mut y = year_on(backend);
    let suggestions = matching::suggest(&y.store, 2025, Mode::Fill).unwrap();
    assert!(suggestions.len() > 3);
    // Two rows left out; a row the suggestion does not make (another vacancy) is not taken.
    let kept: Vec<(i64, i64)> = suggestions[2..].iter().map(|s| (s.graduate_id, s.vacancy_id)).collect();
    let stray = (suggestions[0].graduate_id, -1);
    let picks: Vec<(i64, i64)> = kept.iter().copied().chain([stray]).collect();
    let watch = joldama_core::task::Watch::default();
    let taken =
        matching::accept(&mut y.store, y.meeting, Mode::Fill, None, Some(&picks), &ctx(), &watch).unwrap();
    assert_eq!(taken.iter().map(|s| (s.graduate_id, s.vacancy_id)).collect::<Vec<_>>(), kept);
    let undecided: Vec<i64> = y.store.undecided(2025).unwrap().iter().map(|g| g.id).collect();
    assert!(
        undecided.contains(&suggestions[0].graduate_id) && undecided.contains(&suggestions[1].graduate_id)
    );
}

fn a_group_goes_to_the_centre_in_one_step_or_not_at_all(backend: &Backend) {
    let mut y = year_on(backend);
    // Graduates the rules allow a vacancy with places: the centre needs a reason for them.
    let others: Vec<Graduate> =
        (1..).map(|skip| y.referable(skip).0).filter(|g| g.record.region.is_some()).take(2).collect();
    let (referred, vacancy) = y.referable(0);
    y.refer(referred.id, vacancy).unwrap();
    let ids = vec![others[0].id, referred.id, others[1].id];
    let meeting = y.meeting;
    let group = |ids: &[i64], reason: Option<&str>| decide::CentreGroupRequest {
        meeting_id: meeting,
        graduate_ids: ids.to_vec(),
        reason: reason.map(Into::into),
    };
    // One of them already has a decision: nobody is sent, and the message names them.
    let error = decide::refer_to_centre(&mut y.store, &group(&ids, Some("Орын жоқ")), &ctx()).unwrap_err();
    assert_eq!(error.code(), "not_sent");
    assert!(error.message().kk.starts_with(&referred.record.full_name()), "{}", error.message().kk);
    assert!(error.params().contains(&("cause", "already_decided".into())), "{:?}", error.params());
    assert!(y.store.current_decision(others[0].id).unwrap().is_none(), "the step wrote nothing");

    // Checked as a single one is: allowed vacancies have places, so a reason is needed.
    let rest = [others[0].id, others[1].id];
    let error = decide::refer_to_centre(&mut y.store, &group(&rest, None), &ctx()).unwrap_err();
    assert!(error.params().contains(&("cause", "vacancies_available".into())), "{:?}", error.params());

    let views = decide::refer_to_centre(&mut y.store, &group(&rest, Some(" Орын жоқ ")), &ctx()).unwrap();
    for (view, g) in views.iter().zip(&others) {
        assert_eq!(view.decision.graduate_id, g.id);
        assert_eq!(
            view.decision.outcome,
            Outcome::EmploymentCentre {
                region: g.record.region.unwrap(),
                override_reason: Some("Орын жоқ".into())
            }
        );
    }
}

#[test]
fn members_are_edited_and_removed_until_a_finalised_protocol_names_them_and_copied_to_a_year() {
    let mut y = year();
    let member = |y: &Year, name: &str| {
        y.store.commission(2025).unwrap().unwrap().members.into_iter().find(|m| m.full_name == name).unwrap()
    };
    let petrov = member(&y, "Петров И. С.");
    let edit = |id, role, name: &str| commission::MemberEdit {
        member_id: id,
        role,
        full_name: name.into(),
        position: Some("Декан".into()),
    };

    // One chair and no name twice, in any letter case; the refusal names who holds the role.
    let second_chair =
        commission::edit_member(&mut y.store, &edit(petrov.id, Role::Chair, "Петров И. С."), &ctx());
    let error = second_chair.unwrap_err();
    assert_eq!(error.code(), "role_taken");
    assert!(error.message().ru.contains("Ахметов Ә. Қ."), "{}", error.message().ru);
    let twin =
        MemberRequest {
            year: 2025, role: Role::Member, full_name: " петров и. с. ".into(), position: None
        };
    assert_eq!(commission::add_member(&mut y.store, &twin, &ctx()).unwrap_err().code(), "member_exists");

    // Renamed, made deputy, given a position: the commission answers as it now is.
    let edited = commission::edit_member(
        &mut y.store,
        &edit(petrov.id, Role::Deputy, "Петров Иван Сергеевич"),
        &ctx(),
    )
    .unwrap();
    let petrov = edited.members.iter().find(|m| m.id == petrov.id).unwrap();
    assert_eq!(
        (petrov.role, petrov.full_name.as_str(), petrov.position.as_deref()),
        (Role::Deputy, "Петров Иван Сергеевич", Some("Декан"))
    );

    // Present at an open meeting: removing forgets the presence too.
    let (chair, secretary, petrov_id) = (y.chair, y.secretary, petrov.id);
    let open = y.meet(day(2025, 6, 25), &[chair, secretary, petrov_id]);
    let after = commission::remove_member(&mut y.store, petrov_id, &ctx()).unwrap();
    assert!(after.members.iter().all(|m| m.id != petrov_id));
    assert_eq!(commission::meeting(&y.store, open).unwrap().present, [chair, secretary]);
    let history = y.store.audit_trail("commission_member", petrov_id).unwrap();
    assert!(history.iter().any(|e| e.action == "delete"), "{history:?}");

    // Once a finalised protocol names the chair, the chair stays as printed, even to a raw write.
    let (g, vacancy) = y.referable(0);
    y.refer(g.id, vacancy).unwrap();
    commission::finalise(&mut y.store, y.meeting, &ctx()).unwrap();
    let sealed = commission::edit_member(&mut y.store, &edit(chair, Role::Chair, "Ахметов Әлібек"), &ctx());
    let error = sealed.unwrap_err();
    assert_eq!(
        (error.code(), error.params()),
        ("member_sealed", vec![("name", "Ахметов Ә. Қ.".to_owned()), ("number", "1".to_owned())])
    );
    assert_eq!(commission::remove_member(&mut y.store, chair, &ctx()).unwrap_err().code(), "member_sealed");
    let raw = rusqlite::Connection::open(&y.path).unwrap();
    let sneaky = raw.execute("UPDATE commission_member SET full_name = 'x' WHERE id = ?1", [chair]);
    assert!(sneaky.unwrap_err().to_string().contains("meeting_finalised"));

    // Copied to 2026 in one step, names and roles as they are; a year with members is refused.
    let copy = commission::CommissionCopy { from_year: 2025, to_year: 2026 };
    let copied = commission::copy_commission(&mut y.store, &copy, &ctx()).unwrap();
    let roles = |c: &joldama_core::commission::Commission| {
        c.members.iter().map(|m| (m.role, m.full_name.clone(), m.position.clone())).collect::<Vec<_>>()
    };
    assert_eq!(copied.year, 2026);
    assert_eq!(roles(&copied), roles(&y.store.commission(2025).unwrap().unwrap()));
    assert!(copied.members.iter().all(|m| m.id != chair), "new members, not shared ones");
    let again = commission::copy_commission(&mut y.store, &copy, &ctx()).unwrap_err();
    assert_eq!((again.code(), again.params()), ("commission_exists", vec![("year", "2026".to_owned())]));
    // An empty commission of the year is filled.
    let empty = CommissionRequest { year: 2027, name: None };
    commission::create_commission(&mut y.store, &empty, &ctx()).unwrap();
    let filled = commission::copy_commission(
        &mut y.store,
        &commission::CommissionCopy { from_year: 2026, to_year: 2027 },
        &ctx(),
    )
    .unwrap();
    assert_eq!(roles(&filled), roles(&copied));
}

/// A two-row registrar's list with the grade average, as text with a comma and as a number.
fn write_graded_list(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "ИИН",
        "ФИО",
        "Шифр ОП",
        "Образовательная программа",
        "Источник финансирования",
        "Год окончания",
        "Регион проживания",
        "Средний балл (GPA)",
    ];
    for (col, head) in header.iter().enumerate() {
        sheet.write_string(0, col as u16, *head).unwrap();
    }
    for (row, (iin, name)) in
        [("061211600012", "Сейітова Айым"), ("031119543923", "Бекова Дана")].iter().enumerate()
    {
        let row = row as u32 + 1;
        for (col, value) in
            [*iin, *name, "6B01501", "Математика", "Госзаказ", "2025", "Абайская область"].iter().enumerate()
        {
            sheet.write_string(row, col as u16, *value).unwrap();
        }
    }
    sheet.write_string(1, 7, "3,10").unwrap();
    sheet.write_number(2, 7, 3.8).unwrap();
    book.save(path).unwrap();
}

fn the_stable_suggestion_follows_the_grade_the_list_gives_and_explains_it(backend: &Backend) {
    let mut y = year_on(backend);
    let list = y.path.with_file_name("graded.xlsx");
    write_graded_list(&list);
    let options = ImportOptions { year: Some(2025), actor: "test".into(), ..Default::default() };
    joldama_core::workflow::import::graduates(&mut y.store, &list, &options).unwrap();
    let graded = |iin: &str| dossier::graduate_by_iin(&y.store, iin, Some(2025)).unwrap();
    let (lower, higher) = (graded("061211600012"), graded("031119543923"));
    assert_eq!(lower.record.gpa.map(|g| g.to_string()), Some("3,10".into()));
    assert_eq!(higher.record.gpa.map(|g| g.to_string()), Some("3,80".into()));

    // Both want the same vacancy first; second a region whose one vacancy wants another
    // programme, flagged with the rules' reason rather than dropped.
    let wanted = decide::eligibility(&y.store, higher.id).unwrap().allowed[0].vacancy.id;
    let wishes = vec![Wish::Vacancy { vacancy_id: wanted }, Wish::Region { region: Region::Ulytau }];
    for g in [&lower, &higher] {
        let application =
            Application { wishes: wishes.clone(), applied_on: Some(day(2025, 5, 2)), social: None };
        let request = matching::ApplicationRequest { graduate_id: g.id, application };
        let view = matching::set_application(&mut y.store, &request, &ctx()).unwrap();
        assert_eq!(view.wishes[0].flag, None);
        let flag = view.wishes[1].flag.as_ref().expect("a wish with nothing allowed is flagged");
        assert_eq!((view.wishes[1].allowed, flag.code.as_str()), (0, "programme_not_wanted"));
    }

    let stable = matching::suggest(&y.store, 2025, Mode::Stable).unwrap();
    let got = |g: &Graduate| stable.iter().find(|s| s.graduate_id == g.id).map(|s| (s.vacancy_id, s.wish));
    assert_eq!(got(&higher), Some((wanted, Some(1))), "the higher grade keeps the first wish");
    let e = matching::explain(&y.store, lower.id, Mode::Stable).unwrap();
    let e_higher = matching::explain(&y.store, higher.id, Mode::Stable).unwrap();
    assert!(e_higher.standing.place < e.standing.place);
    assert!(e.standing.facts.iter().any(|(_, value)| value.ru == "3,10"), "{:?}", e.standing.facts);
    if got(&lower).is_none() {
        let why = &e.wishes[0].vacancies[0].text.ru;
        assert!(why.contains("Средний балл"), "{why}");
    }

    // Taken through the same decision as one by one.
    let taken =
        matching::accept(&mut y.store, y.meeting, Mode::Stable, None, None, &ctx(), &Default::default())
            .unwrap();
    assert_eq!(taken.len(), stable.len());
    assert!(y.store.undecided(2025).unwrap().iter().all(|g| g.id != higher.id));
}

/// Writes `rows` (text cells) under `header` on one sheet, with a title line above as
/// registrars put it.
fn write_sheet(path: &Path, header: &[&str], rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Түлектердің өтініштері / Заявления выпускников").unwrap();
    for (col, head) in header.iter().enumerate() {
        sheet.write_string(2, col as u16, *head).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, value) in row.iter().enumerate() {
            sheet.write_string(3 + r as u32, col as u16, value).unwrap();
        }
    }
    book.save(path).unwrap();
}

fn the_applications_list_is_read_in_either_form_with_problems_by_row(backend: &Backend) {
    let mut y = year_on(backend);
    let graduates = y.store.undecided(2025).unwrap();
    let vacancies = y.store.vacancies_from(2025).unwrap();
    let (a, b) = (&graduates[0], &graduates[1]);
    let employer = &vacancies[0].record.employer;
    let iin = |g: &Graduate| g.record.iin.as_str().to_owned();
    let options = ImportOptions { actor: "test".into(), ..Default::default() };

    // One row per graduate: a BIN with a region, a region, an employer by name; a bad row.
    let wide = y.path.with_file_name("wide.xlsx");
    let header = [
        "№",
        "ИИН",
        "ФИО",
        "Дата подачи заявления",
        "Пожелание 1",
        "Пожелание 2",
        "Пожелание 3",
        "Социальная категория",
    ];
    let rows = vec![
        vec![
            "1".into(),
            iin(a),
            "А".into(),
            "02.05.2025".into(),
            format!("{}, Абайская область", employer.bin.as_str()),
            "Карагандинская область".into(),
            employer.name.clone(),
            "Сирота".into(),
        ],
        vec![
            "2".into(),
            "061211600012".into(),
            "Неизвестный".into(),
            String::new(),
            "Абайская область".into(),
            String::new(),
            String::new(),
            "нет".into(),
        ],
        vec![
            "3".into(),
            iin(b),
            "Б".into(),
            "31.02.2025".into(),
            "Абайская область".into(),
            String::new(),
            String::new(),
        ],
        vec![
            "4".into(),
            iin(b),
            "Б".into(),
            String::new(),
            "где-нибудь у моря".into(),
            String::new(),
            String::new(),
            "-".into(),
        ],
    ];
    write_sheet(&wide, &header, &rows);
    let report = joldama_core::workflow::import::applications(&mut y.store, &wide, 2025, &options).unwrap();
    assert_eq!((report.counts.imported, report.tally.valid), (1, 1), "{:?}", report.tally.problems);
    let problems: Vec<(u32, &str, Option<&str>)> =
        report.tally.problems.iter().map(|p| (p.row, p.code, p.field)).collect();
    assert_eq!(
        problems,
        [
            (5, "graduate_not_found", Some("iin")),
            (6, "invalid_value", Some("applied_on")),
            (7, "invalid_value", Some("wish_1"))
        ]
    );
    assert!(report.tally.problems[2].message.ru.contains("где-нибудь у моря"));
    let got = y.store.application(a.id).unwrap();
    assert_eq!(got.applied_on, Some(day(2025, 5, 2)));
    assert_eq!(got.social, Some(joldama_core::matching::SocialGround::Orphan));
    assert_eq!(
        got.wishes,
        [
            Wish::Employer { bin: employer.bin, region: Some(Region::Abai) },
            Wish::Region { region: Region::Karaganda },
            Wish::Employer { bin: employer.bin, region: None },
        ]
    );

    // One row per wish, ranks out of order; the first graduate's list is replaced.
    let long = y.path.with_file_name("long.xlsx");
    let rows = vec![
        vec![iin(a), "2".into(), "Абайская область".into()],
        vec![iin(a), "1".into(), "Карагандинская область".into()],
        vec![iin(b), "1".into(), employer.bin.as_str().to_owned()],
    ];
    write_sheet(&long, &["ИИН", "Номер пожелания", "Пожелание"], &rows);
    let dry = ImportOptions { dry_run: true, ..options.clone() };
    let report = joldama_core::workflow::import::applications(&mut y.store, &long, 2025, &dry).unwrap();
    assert_eq!((report.counts.imported, report.counts.updated), (1, 1));
    assert_eq!(y.store.application(a.id).unwrap(), got, "a dry run changes nothing");
    joldama_core::workflow::import::applications(&mut y.store, &long, 2025, &options).unwrap();
    let regions = |g: &Graduate| y.store.application(g.id).unwrap().wishes;
    assert_eq!(
        regions(a),
        [Wish::Region { region: Region::Karaganda }, Wish::Region { region: Region::Abai }]
    );
    assert_eq!(regions(b), [Wish::Employer { bin: employer.bin, region: None }]);
    let again = joldama_core::workflow::import::applications(&mut y.store, &long, 2025, &options).unwrap();
    assert_eq!(again.counts.unchanged, 2);

    // A mapping the secretary chose is remembered for the layout, as for the other lists.
    let mut mapping =
        joldama_core::workflow::import::preview_applications(&y.store, &long, 2025, Default::default())
            .unwrap()
            .remembered;
    assert_eq!(mapping.take(), None);
    let columns = ["iin", "rank", "wish"]
        .iter()
        .enumerate()
        .map(|(index, field)| joldama_core::import::MappedColumn {
            field: (*field).into(),
            index: index as u32,
        })
        .collect();
    let chosen = joldama_core::import::ColumnMapping { sheet: None, header_row: 3, columns };
    let options = ImportOptions { mapping: Some(chosen), ..options };
    joldama_core::workflow::import::applications(&mut y.store, &long, 2025, &options).unwrap();
    assert_eq!(y.store.audit_trail("list_layout", 1).unwrap().len(), 1);
}

fn the_applications_fixture_reads_as_its_truth(backend: &Backend) {
    let mut y = year_on(backend);
    let path = fixture("applications_2025_ru.xlsx");
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("applications_2025_ru.expected.json")).unwrap(),
    )
    .unwrap();
    let options = ImportOptions { actor: "test".into(), ..Default::default() };
    let report = joldama_core::workflow::import::applications(&mut y.store, &path, 2025, &options).unwrap();
    assert_eq!(report.tally.valid as u64, truth["valid"].as_u64().unwrap(), "{:?}", report.tally.problems);
    for row in truth["rows"].as_array().unwrap() {
        let n = row["row"].as_u64().unwrap() as u32;
        let found = report.tally.problems.iter().find(|p| p.row == n);
        match &row["problem"] {
            serde_json::Value::Null => {
                assert!(found.is_none(), "row {n}: {found:?}");
                let g = dossier::graduate_by_iin(&y.store, row["iin"].as_str().unwrap(), Some(2025)).unwrap();
                let application = y.store.application(g.id).unwrap();
                assert_eq!(application.wishes.len(), row["wishes"].as_array().unwrap().len(), "row {n}");
                assert_eq!(
                    application.applied_on.map(|d| d.to_string()),
                    row["applied_on"].as_str().map(String::from)
                );
                assert!(matches!(application.wishes[0], Wish::Employer { .. }), "row {n}: a BIN first");
                assert!(matches!(application.wishes[1], Wish::Region { .. }), "row {n}: a region second");
            }
            problem => {
                let found = found.unwrap_or_else(|| panic!("row {n}: no problem"));
                assert_eq!(
                    (found.code, found.field),
                    (problem["code"].as_str().unwrap(), problem["column"].as_str())
                );
            }
        }
    }
}

on_both_stores!(
    a_referral_takes_a_place_and_a_graduate_has_one_current_decision,
    the_rules_refuse_with_every_reason,
    the_last_place_is_taken_once_even_by_two_windows_at_once,
    employment_centre_while_vacancies_are_open_needs_a_written_reason,
    exemption_needs_its_proofs_and_the_graduation_year_and_keeps_the_files,
    a_deferral_is_for_conscript_service_only_and_checked_for_its_dates,
    the_cohort_suggestion_respects_rules_and_places_honours_wishes_and_can_be_accepted,
    back_from_the_army_a_graduate_is_queued_again_and_referred_to_a_later_cohorts_vacancy,
    a_referral_arriving_years_after_its_meeting_is_refused,
    accepting_the_suggestion_takes_only_the_rows_kept,
    a_group_goes_to_the_centre_in_one_step_or_not_at_all,
    the_stable_suggestion_follows_the_grade_the_list_gives_and_explains_it,
    the_applications_list_is_read_in_either_form_with_problems_by_row,
    the_applications_fixture_reads_as_its_truth,
);
