use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::*;
use crate::classifiers::Sex;
use crate::ident::{Bin, Iin};
use crate::model::{EmployerRecord, Vacancy, VacancyRecord};

const YEAR: i32 = 2025;

fn graduate(funding: Funding, level: Level, field: Field, program_code: &str) -> GraduateRecord {
    GraduateRecord {
        iin: Iin::parse("871008401427").unwrap(),
        surname: "Әбенов".into(),
        name: "Асқар".into(),
        patronymic: None,
        birth_date: NaiveDate::from_ymd_opt(1987, 10, 8).unwrap(),
        sex: Sex::Male,
        level,
        funding,
        field,
        program_code: program_code.into(),
        program_name: "Бағдарлама".into(),
        graduation_year: YEAR,
        region: None,
        phone: None,
        email: None,
        grant: None,
        gpa: None,
    }
}

fn vacancy(id: i64, kind: OrgKind, region: Region, rural: bool) -> Vacancy {
    Vacancy {
        id,
        record: VacancyRecord {
            employer: EmployerRecord {
                bin: Bin::parse("940140000385").unwrap(),
                name: "Ұйым".into(),
                kind,
                ownership: None,
            },
            year: YEAR,
            position: "Маман".into(),
            program_codes: vec![],
            places: 3,
            region,
            district: None,
            settlement: None,
            rural,
            contact_person: None,
            phone: None,
        },
        places_left: 3,
    }
}

fn codes(reasons: &[Refusal]) -> Vec<&'static str> {
    reasons.iter().map(|r| r.code()).collect()
}

/// Where a row lets its graduates work, as the test expects it (not read from the row).
#[derive(Clone, Copy, Debug)]
enum Where {
    Anywhere,
    Rural,
    Serpin,
}

struct Case {
    row: usize,
    funding: Funding,
    level: Level,
    field: Field,
    code: &'static str,
    term: u8,
    /// A kind the row allows, and one it refuses (`None`: it allows any).
    kind: OrgKind,
    wrong_kind: Option<OrgKind>,
    area: Where,
}

#[rustfmt::skip]
const CASES: &[Case] = {
    use Field::*;
    use Funding::*;
    use Level::*;
    &[
        Case { row: 1, funding: RuralQuota, level: Bachelor, field: Pedagogical, code: "6B01501", term: 3, kind: OrgKind::Education, wrong_kind: Some(OrgKind::Health), area: Where::Rural },
        Case { row: 2, funding: RuralQuota, level: Bachelor, field: Medical, code: "6B10101", term: 3, kind: OrgKind::Health, wrong_kind: Some(OrgKind::Education), area: Where::Rural },
        Case { row: 3, funding: RuralQuota, level: Bachelor, field: Veterinary, code: "6B09101", term: 3, kind: OrgKind::Veterinary, wrong_kind: Some(OrgKind::Agrarian), area: Where::Rural },
        Case { row: 3, funding: RuralQuota, level: Bachelor, field: Veterinary, code: "6B09101", term: 3, kind: OrgKind::StateVetBody, wrong_kind: Some(OrgKind::Other), area: Where::Rural },
        Case { row: 4, funding: RuralQuota, level: Bachelor, field: Agricultural, code: "6B08201", term: 3, kind: OrgKind::Agrarian, wrong_kind: Some(OrgKind::Veterinary), area: Where::Rural },
        Case { row: 5, funding: StateOrder, level: Bachelor, field: Pedagogical, code: "6B01501", term: 3, kind: OrgKind::Education, wrong_kind: Some(OrgKind::Other), area: Where::Anywhere },
        Case { row: 5, funding: StateOrder, level: Master, field: Pedagogical, code: "7M01501", term: 3, kind: OrgKind::University, wrong_kind: Some(OrgKind::Science), area: Where::Anywhere },
        Case { row: 5, funding: StateOrder, level: Residency, field: Pedagogical, code: "7R01501", term: 3, kind: OrgKind::Education, wrong_kind: Some(OrgKind::Health), area: Where::Anywhere },
        Case { row: 6, funding: StateOrder, level: Bachelor, field: Medical, code: "6B10101", term: 3, kind: OrgKind::Health, wrong_kind: Some(OrgKind::Education), area: Where::Anywhere },
        Case { row: 6, funding: StateOrder, level: Master, field: Medical, code: "7M10101", term: 3, kind: OrgKind::Health, wrong_kind: Some(OrgKind::Science), area: Where::Anywhere },
        Case { row: 6, funding: StateOrder, level: Residency, field: Medical, code: "7R01101", term: 3, kind: OrgKind::Health, wrong_kind: Some(OrgKind::Other), area: Where::Anywhere },
        Case { row: 7, funding: Serpin, level: Bachelor, field: Technical, code: "6B07101", term: 2, kind: OrgKind::Other, wrong_kind: None, area: Where::Serpin },
        Case { row: 8, funding: Serpin, level: Bachelor, field: Pedagogical, code: "6B01501", term: 2, kind: OrgKind::Education, wrong_kind: Some(OrgKind::Health), area: Where::Serpin },
        Case { row: 9, funding: Serpin, level: Bachelor, field: Agricultural, code: "6B08201", term: 2, kind: OrgKind::Agrarian, wrong_kind: Some(OrgKind::Education), area: Where::Serpin },
        Case { row: 10, funding: StateOrder, level: Bachelor, field: Technical, code: "6B07101", term: 3, kind: OrgKind::Other, wrong_kind: None, area: Where::Anywhere },
        Case { row: 10, funding: StateOrder, level: Bachelor, field: Veterinary, code: "6B09101", term: 3, kind: OrgKind::Education, wrong_kind: None, area: Where::Anywhere },
        Case { row: 10, funding: StateOrder, level: Master, field: Agricultural, code: "7M08201", term: 3, kind: OrgKind::Health, wrong_kind: None, area: Where::Anywhere },
        Case { row: 10, funding: StateOrder, level: Bachelor, field: Other, code: "6B04101", term: 3, kind: OrgKind::Science, wrong_kind: None, area: Where::Anywhere },
        Case { row: 11, funding: Phd, level: Doctorate, field: Other, code: "8D01501", term: 3, kind: OrgKind::University, wrong_kind: Some(OrgKind::Education), area: Where::Anywhere },
        Case { row: 11, funding: Phd, level: Doctorate, field: Pedagogical, code: "8D01501", term: 3, kind: OrgKind::Science, wrong_kind: Some(OrgKind::Other), area: Where::Anywhere },
    ]
};

#[test]
fn every_default_row_binds_allows_and_refuses_as_the_table_says() {
    let rules = RuleSet::defaults();
    let covered: BTreeSet<usize> = CASES.iter().map(|c| c.row).collect();
    assert_eq!(covered, (1..=rules.rows().len()).collect(), "a case per row");

    for case in CASES {
        let at = format!("row {} {:?} {:?} {:?}", case.row, case.funding, case.level, case.field);
        let g = graduate(case.funding, case.level, case.field, case.code);
        match rules.coverage(&g) {
            Coverage::Covered(bound) => {
                assert_eq!(
                    (bound.row, bound.funding, bound.term_years),
                    (case.row, case.funding, case.term),
                    "{at}"
                );
                assert_eq!(&bound.name, &rules.rows()[case.row - 1].name, "{at}");
                let json = serde_json::to_value(Coverage::Covered(bound)).unwrap();
                assert_eq!((&json["status"], &json["term_years"]), (&"covered".into(), &case.term.into()));
            }
            other => panic!("{at}: {other:?}"),
        }

        // Akmola is a «Серпін» region; rural suits every row.
        let good = vacancy(1, case.kind, Region::Akmola, true);
        assert_eq!(codes(&rules.refusals(&g, &good)), Vec::<&str>::new(), "{at}");

        let refused = |change: &dyn Fn(&mut Vacancy)| {
            let mut v = good.clone();
            change(&mut v);
            rules.refusals(&g, &v)
        };
        match case.wrong_kind {
            Some(kind) => {
                let reasons = refused(&|v| v.record.employer.kind = kind);
                assert_eq!(codes(&reasons), ["wrong_org_kind"], "{at}");
                let Refusal::WrongKind { kind: got, allowed } = &reasons[0] else { unreachable!() };
                assert_eq!(*got, kind);
                assert!(allowed.contains(&case.kind) && !allowed.contains(&kind), "{at}");
            }
            None => {
                for &kind in OrgKind::ALL {
                    assert!(refused(&|v| v.record.employer.kind = kind).is_empty(), "{at} {kind:?}");
                }
            }
        }
        let urban = refused(&|v| v.record.rural = false);
        let outside_serpin = refused(&|v| v.record.region = Region::AlmatyCity);
        match case.area {
            Where::Anywhere => {
                assert!(urban.is_empty() && outside_serpin.is_empty(), "{at}");
            }
            Where::Rural => {
                assert_eq!(urban, [Refusal::NotRural], "{at}");
                assert!(outside_serpin.is_empty(), "{at}");
            }
            Where::Serpin => {
                assert!(urban.is_empty(), "{at}");
                assert_eq!(
                    outside_serpin,
                    [Refusal::RegionNotAllowed {
                        region: Region::AlmatyCity,
                        allowed: BTreeSet::from(SERPIN_REGIONS)
                    }],
                    "{at}"
                );
            }
        }
        assert_eq!(refused(&|v| v.places_left = 0), [Refusal::NoPlacesLeft], "{at}");
        assert_eq!(
            refused(&|v| v.record.program_codes = vec!["6B99999".into(), "7M99999".into()]),
            [Refusal::ProgrammeNotWanted {
                program_code: case.code.into(),
                wanted: vec!["6B99999".into(), "7M99999".into()]
            }],
            "{at}"
        );
        assert!(refused(&|v| v.record.program_codes = vec!["6B99999".into(), case.code.into()]).is_empty());
        assert_eq!(
            refused(&|v| v.record.year = YEAR - 1),
            [Refusal::OtherCohort { vacancy_year: YEAR - 1, graduation_year: YEAR }],
            "{at}"
        );
        // Back from the army, a graduate takes a later cohort's vacancy under their own rules.
        assert!(refused(&|v| v.record.year = YEAR + 1).is_empty(), "{at}");
    }
}

#[test]
fn organisations_of_education_include_universities_and_colleges() {
    let rules = RuleSet::defaults();
    for (funding, level) in [
        (Funding::StateOrder, Level::Master),
        (Funding::StateOrder, Level::Bachelor),
        (Funding::RuralQuota, Level::Bachelor),
        (Funding::Serpin, Level::Bachelor),
    ] {
        let g = graduate(funding, level, Field::Pedagogical, "7M01501");
        for kind in [OrgKind::Education, OrgKind::University] {
            let place = vacancy(1, kind, Region::Akmola, true);
            assert_eq!(
                codes(&rules.refusals(&g, &place)),
                Vec::<&str>::new(),
                "{funding:?} {level:?} at {kind:?}"
            );
        }
        let bank = vacancy(1, OrgKind::Other, Region::Akmola, true);
        assert_eq!(codes(&rules.refusals(&g, &bank)), ["wrong_org_kind"]);
    }
}

#[test]
fn work_is_checked_against_the_row_like_a_vacancy() {
    let rules = RuleSet::defaults();
    let teacher = graduate(Funding::RuralQuota, Level::Bachelor, Field::Pedagogical, "6B01501");
    let village_school = Place { kind: OrgKind::Education, region: Region::Abai, rural: true };
    assert_eq!(rules.work_verdict(&teacher, Some(&village_school)), WorkVerdict::Counts);
    // A city bank: neither an organisation of education nor in a village.
    let bank = Place { kind: OrgKind::Other, region: Region::AlmatyCity, rural: false };
    let WorkVerdict::DoesNotCount(reasons) = rules.work_verdict(&teacher, Some(&bank)) else { panic!() };
    assert_eq!(codes(&reasons), ["wrong_org_kind", "not_rural"]);
    assert_eq!(rules.work_verdict(&teacher, None), WorkVerdict::Unchecked(Unchecked::PlaceUnknown));
    let uncovered = graduate(Funding::RuralQuota, Level::Bachelor, Field::Technical, "6B07101");
    assert_eq!(rules.work_verdict(&uncovered, Some(&bank)), WorkVerdict::Unchecked(Unchecked::NotCovered));
    assert!(WorkVerdict::Unchecked(Unchecked::NotCovered).counts());
}

#[test]
fn serpin_allows_its_eleven_regions_only() {
    let rules = RuleSet::defaults();
    let g = graduate(Funding::Serpin, Level::Bachelor, Field::Technical, "6B07101");
    let allowed: Vec<Region> = Region::ALL
        .iter()
        .copied()
        .filter(|&r| rules.refusals(&g, &vacancy(1, OrgKind::Other, r, false)).is_empty())
        .collect();
    use Region::*;
    let expected = [
        Abai,
        Akmola,
        Aktobe,
        Atyrau,
        WestKazakhstan,
        Karaganda,
        Kostanay,
        Pavlodar,
        NorthKazakhstan,
        Ulytau,
        EastKazakhstan,
    ];
    assert_eq!(allowed, expected);
}

#[test]
fn a_graduate_no_row_covers_is_not_covered() {
    let rules = RuleSet::defaults();
    let cases = [
        (Funding::RuralQuota, Level::Master, Field::Pedagogical, "7M01501"),
        (Funding::RuralQuota, Level::Bachelor, Field::Technical, "6B07101"),
        (Funding::Serpin, Level::Bachelor, Field::Medical, "6B10101"),
        (Funding::Serpin, Level::Master, Field::Technical, "7M07101"),
        (Funding::StateOrder, Level::Residency, Field::Other, "7R09101"),
        (Funding::StateOrder, Level::Doctorate, Field::Other, "8D01501"),
        (Funding::Phd, Level::Master, Field::Other, "7M04101"),
    ];
    for (funding, level, field, code) in cases {
        let g = graduate(funding, level, field, code);
        let why = NotCovered { funding, level, field };
        let obligation = rules.coverage(&g);
        assert_eq!(obligation, Coverage::NotCovered(why), "{funding:?} {level:?} {field:?}");
        assert_eq!(serde_json::to_value(&obligation).unwrap()["status"], "not_covered");
        let v = vacancy(1, OrgKind::Other, Region::Akmola, true);
        assert_eq!(rules.refusals(&g, &v), [Refusal::NotCovered(why)]);
    }
}

#[test]
fn every_reason_is_given_not_only_the_first() {
    let rules = RuleSet::defaults();
    let g = graduate(Funding::RuralQuota, Level::Bachelor, Field::Pedagogical, "6B01501");
    let mut v = vacancy(1, OrgKind::Health, Region::Astana, false);
    v.record.year = YEAR - 1;
    v.places_left = 0;
    v.record.program_codes = vec!["6B10101".into()];
    assert_eq!(
        codes(&rules.refusals(&g, &v)),
        ["other_cohort", "wrong_org_kind", "not_rural", "no_places_left", "programme_not_wanted"]
    );

    let g = graduate(Funding::Serpin, Level::Bachelor, Field::Pedagogical, "6B01501");
    assert_eq!(
        codes(&rules.refusals(&g, &v)),
        ["other_cohort", "wrong_org_kind", "region_not_allowed", "no_places_left", "programme_not_wanted"]
    );

    let g = graduate(Funding::Serpin, Level::Master, Field::Pedagogical, "7M01501");
    assert_eq!(
        codes(&rules.refusals(&g, &v)),
        ["not_covered", "other_cohort", "no_places_left", "programme_not_wanted"]
    );
}

#[test]
fn the_first_matching_row_wins() {
    let mut rows = RuleSet::defaults().into_rows();
    // A narrower row put first takes its graduates from the broader one below it.
    let mut narrow = rows[9].clone();
    narrow.fields = Selection::Only(BTreeSet::from([Field::Technical]));
    narrow.term_years = 4;
    rows.insert(0, narrow);
    let rules = RuleSet::new(rows).unwrap();
    let technical = graduate(Funding::StateOrder, Level::Bachelor, Field::Technical, "6B07101");
    let other = graduate(Funding::StateOrder, Level::Bachelor, Field::Other, "6B04101");
    let term = |g| match rules.coverage(g) {
        Coverage::Covered(b) => (b.row, b.term_years),
        not => panic!("{not:?}"),
    };
    assert_eq!(term(&technical), (1, 4));
    assert_eq!(term(&other), (11, 3));
}

#[test]
fn assessments_rank_allowed_first_then_own_region_named_programme_places() {
    let rules = RuleSet::defaults();
    let mut g = graduate(Funding::StateOrder, Level::Bachelor, Field::Technical, "6B07101");
    g.region = Some(Region::Pavlodar);
    let with = |id, region, codes: &[&str], places_left| {
        let mut v = vacancy(id, OrgKind::Other, region, false);
        v.record.program_codes = codes.iter().map(|c| c.to_string()).collect();
        v.places_left = places_left;
        v
    };
    let vacancies = [
        with(1, Region::Astana, &[], 9),
        with(2, Region::Pavlodar, &[], 1),
        with(3, Region::Pavlodar, &["6B07101"], 1),
        with(4, Region::Pavlodar, &["6B07101", "6B07102"], 3),
        with(5, Region::Pavlodar, &["6B01501"], 0),
        with(6, Region::Pavlodar, &["6B07101"], 0),
        with(7, Region::Astana, &[], 2),
    ];
    let ranked = assess(&rules, &g, &vacancies);
    let order: Vec<(i64, bool)> = ranked.iter().map(|a| (a.vacancy_id, a.allowed())).collect();
    assert_eq!(order, [(4, true), (3, true), (2, true), (1, true), (7, true), (6, false), (5, false)]);
    assert_eq!(ranked[0].score, Score { own_region: true, programme_named: true, places_left: 3 });

    // Without a region of residence no vacancy is "own".
    g.region = None;
    let ids: Vec<i64> = assess(&rules, &g, &vacancies).iter().map(|a| a.vacancy_id).collect();
    assert_eq!(ids, [4, 3, 1, 7, 2, 6, 5]);
}

#[test]
fn assessments_serialise_with_codes_and_both_messages() {
    let rules = RuleSet::defaults();
    let g = graduate(Funding::RuralQuota, Level::Bachelor, Field::Veterinary, "6B09101");
    let ranked = assess(&rules, &g, &[vacancy(7, OrgKind::Health, Region::Akmola, true)]);
    let json = serde_json::to_value(&ranked).unwrap();
    let reason = &json[0]["reasons"][0];
    assert_eq!(json[0]["vacancy_id"], 7);
    assert_eq!(json[0]["allowed"], false);
    assert_eq!(reason["code"], "wrong_org_kind");
    assert_eq!(reason["kind"], "health");
    assert_eq!(reason["allowed"], serde_json::json!(["veterinary", "state_vet_body"]));
    assert_eq!(reason["message"]["kk"], ranked[0].reasons[0].message().kk);
    assert_eq!(reason["message"]["ru"], ranked[0].reasons[0].message().ru);
    assert_eq!(json[0]["score"]["places_left"], 3);

    let not_covered = graduate(Funding::Phd, Level::Master, Field::Other, "7M04101");
    let json =
        serde_json::to_value(assess(&rules, &not_covered, &[vacancy(1, OrgKind::Other, Region::Abai, true)]))
            .unwrap();
    assert_eq!(json[0]["reasons"][0]["code"], "not_covered");
    assert_eq!(json[0]["reasons"][0]["level"], "master");
}

#[test]
fn refusals_name_what_is_allowed_in_both_languages() {
    let kind = Refusal::WrongKind {
        kind: OrgKind::Health,
        allowed: BTreeSet::from([OrgKind::Veterinary, OrgKind::StateVetBody]),
    };
    let text = kind.message();
    for lang in [Lang::Kk, Lang::Ru] {
        for k in [OrgKind::Health, OrgKind::Veterinary, OrgKind::StateVetBody] {
            assert!(text.get(lang).contains(k.label(lang)), "{lang:?} {k:?}: {}", text.get(lang));
        }
    }
    let region =
        Refusal::RegionNotAllowed { region: Region::Astana, allowed: BTreeSet::from(SERPIN_REGIONS) };
    for lang in [Lang::Kk, Lang::Ru] {
        for r in SERPIN_REGIONS.iter().chain([&Region::Astana]) {
            assert!(region.message().get(lang).contains(r.label(lang)), "{lang:?} {r:?}");
        }
    }
    let wanted =
        Refusal::ProgrammeNotWanted { program_code: "6B01501".into(), wanted: vec!["6B01502".into()] };
    assert!(wanted.message().kk.contains("6B01502") && wanted.message().ru.contains("6B01502"));
    let why = NotCovered { funding: Funding::Serpin, level: Level::Master, field: Field::Technical };
    for lang in [Lang::Kk, Lang::Ru] {
        let text = why.message();
        let labels = [Funding::Serpin.label(lang), Level::Master.label(lang), Field::Technical.label(lang)];
        assert!(labels.iter().all(|l| text.get(lang).contains(l)), "{lang:?}: {}", text.get(lang));
    }

    let all = [
        Refusal::NotCovered(why),
        Refusal::OtherCohort { vacancy_year: 2024, graduation_year: 2025 },
        kind,
        Refusal::NotRural,
        region,
        Refusal::NoPlacesLeft,
        wanted,
    ];
    let expected = [
        "not_covered",
        "other_cohort",
        "wrong_org_kind",
        "not_rural",
        "region_not_allowed",
        "no_places_left",
        "programme_not_wanted",
    ];
    assert_eq!(codes(&all), expected);
    for refusal in &all {
        // The serde tag is the stable code; the texts differ by language.
        assert_eq!(serde_json::to_value(refusal).unwrap()["code"], refusal.code());
        let text = refusal.message();
        assert!(!text.kk.is_empty() && text.kk != text.ru, "{refusal:?}");
    }
}

#[test]
fn defaults_round_trip_through_json() {
    let rules = RuleSet::defaults();
    let json = serde_json::to_string(&rules).unwrap();
    assert_eq!(serde_json::from_str::<RuleSet>(&json).unwrap(), rules);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value[0]["area"], "rural_only");
    assert_eq!(value[6]["kinds"], "any");
    assert_eq!(value[6]["area"]["regions"].as_array().unwrap().len(), 11);
    assert_eq!(value[2]["kinds"]["only"], serde_json::json!(["veterinary", "state_vet_body"]));
}

#[test]
fn invalid_rule_sets_are_refused_with_the_row() {
    let edited = |row: usize, edit: &dyn Fn(&mut Rule)| {
        let mut rows = RuleSet::defaults().into_rows();
        edit(&mut rows[row - 1]);
        RuleSet::new(rows)
    };
    let cases: [(Result<RuleSet, RulesError>, RulesError); 9] = [
        (RuleSet::new(vec![]), RulesError::NoRows),
        (edited(2, &|r| r.name.ru = " ".into()), RulesError::NoName { row: 2 }),
        (edited(3, &|r| r.levels.clear()), RulesError::NoLevels { row: 3 }),
        (edited(4, &|r| r.fields = Selection::Only(BTreeSet::new())), RulesError::NoFields { row: 4 }),
        (edited(5, &|r| r.kinds = Selection::Only(BTreeSet::new())), RulesError::NoKinds { row: 5 }),
        (edited(7, &|r| r.area = Area::Regions(BTreeSet::new())), RulesError::NoRegions { row: 7 }),
        (edited(1, &|r| r.term_years = 0), RulesError::TermOutOfRange { row: 1, years: 0 }),
        (edited(11, &|r| r.term_years = 11), RulesError::TermOutOfRange { row: 11, years: 11 }),
        (
            edited(10, &|r| *r = RuleSet::defaults().rows()[4].clone()),
            RulesError::Unreachable { row: 10, hidden_by: 5 },
        ),
    ];
    for (got, expected) in cases {
        assert_eq!(got, Err(expected.clone()));
        let text = expected.message();
        assert!(!text.kk.is_empty() && text.kk != text.ru, "{expected:?}");
    }
    assert!(edited(1, &|r| r.term_years = 10).is_ok());

    // Deserialising validates too: stored JSON cannot bypass the checks.
    let mut value = serde_json::to_value(RuleSet::defaults()).unwrap();
    value[0]["term_years"] = 0.into();
    let err = serde_json::from_value::<RuleSet>(value).unwrap_err();
    assert!(err.to_string().contains("row 1"), "{err}");

    let codes: BTreeSet<&str> = [
        RulesError::NoRows,
        RulesError::NoName { row: 1 },
        RulesError::NoLevels { row: 1 },
        RulesError::NoFields { row: 1 },
        RulesError::NoKinds { row: 1 },
        RulesError::NoRegions { row: 1 },
        RulesError::TermOutOfRange { row: 1, years: 0 },
        RulesError::Unreachable { row: 2, hidden_by: 1 },
    ]
    .iter()
    .map(|e| e.code())
    .collect();
    assert_eq!(codes.len(), 8);
}

#[test]
fn exemption_grounds_need_their_proofs() {
    use ProofDocument::*;
    let expected: [(ExemptionGround, &str, &[&[ProofDocument]]); 4] = [
        (
            ExemptionGround::SpouseLocality,
            "spouse_locality",
            &[&[MarriageCertificate], &[SpouseWorkOrResidenceCertificate], &[NoVacancyLetter]],
        ),
        (ExemptionGround::Disability, "disability", &[&[DisabilityCertificate]]),
        (ExemptionGround::FurtherStudy, "further_study", &[&[AdmissionOrder]]),
        (
            ExemptionGround::PregnancyOrYoungChild,
            "pregnancy_or_young_child",
            &[&[MedicalCertificate, ChildBirthCertificate]],
        ),
    ];
    for (ground, code, proofs) in expected {
        assert_eq!(ground.code(), code);
        assert_eq!(serde_json::to_value(ground).unwrap(), code);
        assert_eq!(ground.proofs(), proofs);
        assert_eq!(ground.missing_proofs(&[]), proofs);
    }
    assert_eq!(
        ExemptionGround::ALL.iter().map(|g| g.code()).collect::<Vec<_>>(),
        expected.map(|(_, code, _)| code)
    );

    let spouse = ExemptionGround::SpouseLocality;
    assert_eq!(
        spouse.missing_proofs(&[MarriageCertificate, AdmissionOrder]),
        [&[SpouseWorkOrResidenceCertificate][..], &[NoVacancyLetter]]
    );
    // One of the alternatives is enough.
    assert!(ExemptionGround::PregnancyOrYoungChild.missing_proofs(&[ChildBirthCertificate]).is_empty());

    let documents = [
        MarriageCertificate,
        SpouseWorkOrResidenceCertificate,
        NoVacancyLetter,
        DisabilityCertificate,
        AdmissionOrder,
        MedicalCertificate,
        ChildBirthCertificate,
    ];
    for document in documents {
        assert_eq!(serde_json::to_value(document).unwrap(), document.code());
    }
    for reason in DeferralReason::ALL {
        assert_eq!(serde_json::to_value(reason).unwrap(), reason.code());
    }
}

#[test]
fn exemption_only_in_the_graduation_year() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert!(exemption_allowed(2025, date(2025, 1, 1)));
    assert!(exemption_allowed(2025, date(2025, 12, 31)));
    assert!(!exemption_allowed(2025, date(2026, 1, 1)));
    assert!(!exemption_allowed(2025, date(2024, 12, 31)));
}

/// The suggestion's check, which builds no reason, agrees with the reasons on every graduate
/// kind, place, cohort, place count and programme.
#[test]
fn allowed_exactly_when_no_reason() {
    let rules = RuleSet::defaults();
    let mut checked = (0, 0);
    for &funding in Funding::ALL {
        for &level in Level::ALL {
            for &field in Field::ALL {
                let g = graduate(funding, level, field, "6B01501");
                let assessor = rules.assessor(&g);
                for (&kind, &region) in OrgKind::ALL.iter().zip(Region::ALL.iter().cycle()) {
                    for rural in [false, true] {
                        for (year, places, codes) in [
                            (YEAR, 3, vec![]),
                            (YEAR - 1, 3, vec![]),
                            (YEAR, 0, vec![]),
                            (YEAR, 3, vec!["7M01101".to_owned()]),
                        ] {
                            let mut v = vacancy(1, kind, region, rural);
                            (v.record.year, v.places_left, v.record.program_codes) = (year, places, codes);
                            let allowed = rules.refusals(&g, &v).is_empty();
                            assert_eq!(assessor.allows(&v), allowed, "{g:?} {v:?}");
                            checked = (checked.0 + usize::from(allowed), checked.1 + 1);
                        }
                    }
                }
            }
        }
    }
    assert!(checked.0 > 0 && checked.0 < checked.1, "{checked:?}: both outcomes met");
}
