use proptest::prelude::*;

use super::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

use PeriodKind::{Centre, Deferral, Work};
use State::{Broken, Deferred, Fulfilled, Referred, Working};

/// Referred to arrive on `start` with no grace, `periods` all at allowed places.
fn referred(term: u8, start: &str, periods: &[(PeriodKind, &str, Option<&str>)], cost: Option<u64>) -> Facts {
    Facts {
        covered: true,
        term_years: term,
        share: None,
        nominal_start: d(start),
        decided: Decided::Referral { arrival: d(start), deadline: d(start), first: d(start) },
        arrival: None,
        gap_grace_days: 0,
        periods: periods
            .iter()
            .map(|&(kind, from, to)| PeriodFact {
                kind,
                span: Span::new(d(from), to.map(d)).unwrap(),
                counts: true,
            })
            .collect(),
        cost: cost.map(|amount| Cost { amount, scope: CostScope::GrantYears }),
        payments: Vec::new(),
        ended_on: None,
    }
}

struct Case {
    name: &'static str,
    term: u8,
    start: &'static str,
    periods: &'static [(PeriodKind, &'static str, Option<&'static str>)],
    as_of: &'static str,
    cost: Option<u64>,
    state: State,
    term_days: u32,
    counted: u32,
    paused: u32,
    ends_on: Option<&'static str>,
    /// Owed (broken) or, while running, what a stop would cost.
    refund: Option<u64>,
}

// Worked by hand. 2025-09-01 + 3 years = 2028-09-01: 365 + 365 + 366 (29 Feb 2028) = 1096 days.
const CASES: &[Case] = &[
    Case {
        name: "before the arrival date the graduate is referred; a stop would cost the whole",
        term: 3,
        start: "2025-09-01",
        periods: &[],
        as_of: "2025-08-15",
        cost: Some(1_096_000),
        state: Referred,
        term_days: 1096,
        counted: 0,
        paused: 0,
        ends_on: Some("2028-08-31"),
        refund: Some(1_096_000),
    },
    Case {
        // 2025-09-01..2026-08-31 = 365 days; refund 1 000 000 × 731 / 1096 = 666 970.80 → 666 971.
        name: "worked a year then quit: broken, the unworked part owed",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", Some("2026-08-31"))],
        as_of: "2026-12-31",
        cost: Some(1_000_000),
        state: Broken,
        term_days: 1096,
        counted: 365,
        paused: 0,
        ends_on: None,
        refund: Some(666_971),
    },
    Case {
        // 730 days to 2027-08-31, of them 2026 (365) paused: 365 counted, 731 left;
        // 2027-08-31 + 731 days (366 over 29 Feb 2028, then 365) = 2029-08-31.
        name: "service inside a work period pauses the term",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", None), (Deferral, "2026-01-01", Some("2026-12-31"))],
        as_of: "2027-08-31",
        cost: None,
        state: Working,
        term_days: 1096,
        counted: 365,
        paused: 365,
        ends_on: Some("2029-08-31"),
        refund: None,
    },
    Case {
        // Work Sep–Dec 2025 = 122; service 10–31 Jan (22) + Feb–Jun (150) = 172, to 2026-12-31;
        // then 974 days from 2027-01-01: 2029-08-31.
        name: "serving on the as-of date: deferred, the end moved past the service",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", Some("2025-12-31")), (Deferral, "2026-01-10", Some("2026-12-31"))],
        as_of: "2026-06-30",
        cost: None,
        state: Deferred,
        term_days: 1096,
        counted: 122,
        paused: 172,
        ends_on: Some("2029-08-31"),
        refund: None,
    },
    Case {
        // Sep 2025 – Jun 2026: 303 days, the overlap (Jan–Feb 2026) once.
        name: "overlapping work and centre periods are counted once",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", Some("2026-02-28")), (Centre, "2026-01-01", Some("2026-06-30"))],
        as_of: "2026-12-31",
        cost: None,
        state: Broken,
        term_days: 1096,
        counted: 303,
        paused: 0,
        ends_on: None,
        refund: None,
    },
    Case {
        // Sep–Feb = 181 days, plus 1 March itself: 182; 1096 − 182 = 914.
        name: "an ongoing period counts up to the as-of date included",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", None)],
        as_of: "2026-03-01",
        cost: Some(1096),
        state: Working,
        term_days: 1096,
        counted: 182,
        paused: 0,
        ends_on: Some("2028-08-31"),
        refund: Some(914),
    },
    Case {
        name: "fulfilled: nothing owed, ends_on is the last day worked",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", None)],
        as_of: "2029-01-01",
        cost: Some(5_000_000),
        state: Fulfilled,
        term_days: 1096,
        counted: 1096,
        paused: 0,
        ends_on: Some("2028-08-31"),
        refund: None,
    },
    Case {
        // 365 worked, a month's gap, then 731 days from 2026-10-01: 2028-09-30.
        name: "a gap pushes the end later",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", Some("2026-08-31")), (Centre, "2026-10-01", None)],
        as_of: "2030-01-01",
        cost: Some(1),
        state: Fulfilled,
        term_days: 1096,
        counted: 1096,
        paused: 0,
        ends_on: Some("2028-09-30"),
        refund: None,
    },
    Case {
        // 2025-09-01 + 2 years = 730 days; refund 2 000 000 × 365 / 730.
        name: "«Серпін»: a 2-year term",
        term: 2,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", Some("2026-08-31"))],
        as_of: "2027-01-01",
        cost: Some(2_000_000),
        state: Broken,
        term_days: 730,
        counted: 365,
        paused: 0,
        ends_on: None,
        refund: Some(1_000_000),
    },
    Case {
        // Ends 2027-02-28 (no 29th): 365 × 3 = 1095 days.
        name: "a start on 29 February",
        term: 3,
        start: "2024-02-29",
        periods: &[],
        as_of: "2024-02-29",
        cost: None,
        state: Referred,
        term_days: 1095,
        counted: 0,
        paused: 0,
        ends_on: None,
        refund: None,
    },
    Case {
        name: "days before the start date are not counted",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-06-01", Some("2025-09-10"))],
        as_of: "2025-12-31",
        cost: None,
        state: Broken,
        term_days: 1096,
        counted: 10,
        paused: 0,
        ends_on: None,
        refund: None,
    },
];

#[test]
fn worked_examples() {
    for case in CASES {
        let s = referred(case.term, case.start, case.periods, case.cost).standing(d(case.as_of)).unwrap();
        let refund = if s.state.owes() { s.refund_owed } else { s.refund_if_stopped };
        assert_eq!(
            (s.state, s.term_days, s.counted_days, s.paused_days, s.ends_on, refund),
            (case.state, case.term_days, case.counted, case.paused, case.ends_on.map(d), case.refund),
            "{}",
            case.name
        );
        assert_eq!(s.remaining_days, s.term_days - s.counted_days, "{}", case.name);
    }
}

#[test]
fn at_ends_on_an_unbroken_ongoing_term_is_fulfilled() {
    let facts = referred(3, "2025-09-01", &[(Work, "2025-09-01", None)], None);
    let ends_on = facts.standing(d("2026-05-17")).unwrap().ends_on.unwrap();
    let before = facts.standing(ends_on.pred_opt().unwrap()).unwrap();
    assert_eq!((before.state, before.remaining_days), (Working, 1));
    let at = facts.standing(ends_on).unwrap();
    assert_eq!((at.state, at.ends_on), (Fulfilled, Some(ends_on)));
}

#[test]
fn a_gap_within_the_cohorts_grace_is_a_break_not_a_breach() {
    let mut facts = referred(3, "2025-09-01", &[(Work, "2025-09-01", Some("2026-08-31"))], Some(1_000_000));
    facts.gap_grace_days = 30;
    let between = facts.standing(d("2026-09-20")).unwrap();
    assert_eq!(
        (between.state, between.refund_owed, between.since),
        (State::Between, Some(0), Some(d("2026-09-01")))
    );
    assert_eq!(between.deadline, Some(d("2026-09-30")), "the last day to resume");
    assert!(between.refund_if_stopped.is_some());
    let broken = facts.standing(d("2026-10-01")).unwrap();
    assert_eq!((broken.state, broken.since), (Broken, Some(d("2026-10-01"))));
}

#[test]
fn service_before_the_arrival_moves_the_deadline() {
    let mut facts =
        referred(3, "2025-09-01", &[(Deferral, "2025-08-15", Some("2026-08-14"))], Some(1_000_000));
    facts.gap_grace_days = 30;
    let back = facts.standing(d("2026-08-20")).unwrap();
    assert_eq!((back.state, back.refund_owed, back.paused_days), (Referred, Some(0), 348));
    assert_eq!(back.deadline, Some(d("2026-09-13")));
    assert_eq!(facts.standing(d("2026-09-14")).unwrap().state, Broken);
}

#[test]
fn a_redistributed_graduate_awaits_the_new_place_without_losing_days() {
    // Worked 1 Sep – 31 Dec 2025 (122 days); referred again to arrive on 1 Feb 2026.
    let mut facts = referred(3, "2025-09-01", &[(Work, "2025-09-01", Some("2025-12-31"))], Some(1_000_000));
    facts.decided =
        Decided::Referral { arrival: d("2026-02-01"), deadline: d("2026-03-03"), first: d("2025-09-01") };
    facts.arrival = Some(d("2025-09-01"));
    let waiting = facts.standing(d("2026-02-15")).unwrap();
    assert_eq!((waiting.state, waiting.counted_days, waiting.refund_owed), (Referred, 122, Some(0)));
    assert_eq!(waiting.start, Some(d("2025-09-01")), "the term runs from the first arrival");
    facts.periods.push(PeriodFact { kind: Work, span: Span::ongoing(d("2026-02-03")), counts: true });
    let working = facts.standing(d("2026-03-01")).unwrap();
    assert_eq!((working.state, working.counted_days), (Working, 122 + 27));
}

#[test]
fn an_end_on_another_ground_after_a_breach_leaves_the_debt() {
    let mut facts = referred(3, "2025-09-01", &[(Work, "2025-09-01", Some("2026-08-31"))], Some(1_000_000));
    facts.ended_on = Some(d("2026-12-01"));
    let s = facts.standing(d("2027-01-01")).unwrap();
    assert_eq!((s.state, s.refund_owed), (Broken, Some(666_971)));
    // Work after the end counts for nothing: the debt stands as it was; payments go to it.
    let mut later = facts.clone();
    later.periods.push(PeriodFact { kind: Work, span: Span::ongoing(d("2027-01-10")), counts: true });
    later.payments.push((d("2027-02-01"), 100_000));
    let t = later.standing(d("2027-06-01")).unwrap();
    assert_eq!(
        (t.state, t.refund_owed, t.counted_days),
        (State::RefundPaidInPart, Some(666_971), s.counted_days)
    );
    assert_eq!((t.paid, t.balance), (100_000, Some(566_971)));
    // Before a breach the end is final and nothing is owed.
    facts.ended_on = Some(d("2026-03-01"));
    let s = facts.standing(d("2027-01-01")).unwrap();
    assert_eq!((s.state, s.refund_owed, s.counted_days), (State::Ended, Some(0), 182));
}

#[test]
fn each_period_is_credited_with_its_own_days() {
    // Work Sep–Feb (181), centre Jan–Jun of which Mar–Jun are its own (122), service Jul (31).
    let facts = referred(
        3,
        "2025-09-01",
        &[
            (Work, "2025-09-01", Some("2026-02-28")),
            (Centre, "2026-01-01", Some("2026-06-30")),
            (Deferral, "2026-07-01", Some("2026-07-31")),
        ],
        None,
    );
    let s = facts.standing(d("2026-12-31")).unwrap();
    assert_eq!(s.period_days, [181, 122, 31]);
    assert_eq!((s.counted_days, s.paused_days), (303, 31));
}

#[test]
fn the_term_and_a_whole_programme_cost_are_proportional_to_the_years_on_the_grant() {
    let share = GrantShare::new(Years::whole(2), Years::whole(4)).unwrap();
    let term = Term::new(3, d("2025-09-01"), Some(share)).unwrap();
    assert_eq!((term.full_days, term.days), (1096, 548));
    let whole = GrantShare::new(Years::whole(4), Years::whole(4)).unwrap();
    assert_eq!(Term::new(3, d("2025-09-01"), Some(whole)).unwrap().share, None, "a whole grant is no share");
    let cost = Cost { amount: 4_000_000, scope: CostScope::WholeProgramme };
    assert_eq!(cost.on_grant(Some(share)), 2_000_000);
    assert_eq!(Cost { scope: CostScope::GrantYears, ..cost }.on_grant(Some(share)), 4_000_000);
    // Half the proportional term left: half of the grant's share.
    assert_eq!(cost.refund(Some(share), 548, 274), 1_000_000);
    assert_eq!(Years::parse("2,5").map(Years::tenths), Some(25));
    assert_eq!(Years::parse("2.5").unwrap().to_string(), "2,5");
    assert_eq!(Years::parse("4").unwrap().to_string(), "4");
    assert_eq!(Years::parse("2,55"), None);
    assert_eq!(Years::parse("0"), None);
    assert!(matches!(
        GrantShare::new(Years::whole(5), Years::whole(4)),
        Err(ObligationError::GrantLongerThanProgramme { .. })
    ));
}

#[test]
fn refund_rounds_half_up() {
    // 1 × 548 / 1096 = 0.5 → 1; 1 × 547 / 1096 = 0.499 → 0; 3 × 1 / 2 = 1.5 → 2.
    assert_eq!(refund::refund(1, 1096, 548), 1);
    assert_eq!(refund::refund(1, 1096, 547), 0);
    assert_eq!(refund::refund(3, 2, 1), 2);
    assert_eq!(refund::refund(u64::MAX, 1096, 1096), u64::MAX);
    assert_eq!(refund::refund(u64::MAX, 1096, 0), 0);
}

#[test]
fn invalid_inputs_are_typed_errors() {
    assert_eq!(
        Span::new(d("2026-01-02"), Some(d("2026-01-01"))),
        Err(ObligationError::EndsBeforeStart { from: d("2026-01-02"), to: d("2026-01-01") })
    );
    let one_day = Span::new(d("2026-01-01"), Some(d("2026-01-01"))).unwrap();
    assert_eq!(one_day.to(), Some(one_day.from()));
    assert_eq!(Term::new(0, d("2025-09-01"), None), Err(ObligationError::ZeroTerm));
    assert!(matches!(
        Term::new(255, NaiveDate::MAX, None),
        Err(ObligationError::OutOfRange { years: 255, .. })
    ));
    use crate::i18n::UserFacing;
    let error = ObligationError::ZeroTerm;
    assert_eq!(error.code(), "term_zero");
    assert!(!error.message().kk.is_empty() && !error.message().ru.is_empty());
}

#[test]
fn span_deserialising_validates() {
    let ok: Span = serde_json::from_str(r#"{"from":"2025-09-01","to":null}"#).unwrap();
    assert_eq!(ok, Span::ongoing(d("2025-09-01")));
    assert!(serde_json::from_str::<Span>(r#"{"from":"2025-09-02","to":"2025-09-01"}"#).is_err());
}

#[test]
fn codes_round_trip() {
    for &kind in PeriodKind::ALL {
        assert_eq!(PeriodKind::from_code(kind.code()), Some(kind));
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.code());
    }
    for &state in State::ALL {
        assert_eq!(serde_json::to_value(state).unwrap(), state.code());
    }
}

/// The definition, day by day: what the standing's counted days must agree with.
fn counted_day_by_day(start: NaiveDate, term_days: u32, periods: &[PeriodFact], as_of: NaiveDate) -> u32 {
    start
        .iter_days()
        .take_while(|&day| day <= as_of)
        .filter(|&day| {
            periods.iter().any(|p| p.kind != Deferral && p.counts && p.span.covers(day))
                && !periods.iter().any(|p| p.kind == Deferral && p.span.covers(day))
        })
        .take(term_days as usize)
        .count() as u32
}

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    // 2024-01-01 and about nine years on: leap days included.
    (0u64..3300).prop_map(|n| d("2024-01-01") + Days::new(n))
}

fn arb_period() -> impl Strategy<Value = PeriodFact> {
    (
        prop::sample::select(PeriodKind::ALL),
        arb_date(),
        prop::option::of(0u64..900),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(kind, from, length, counts)| PeriodFact {
            kind,
            span: Span::new(from, length.map(|n| from + Days::new(n))).expect("to ≥ from"),
            counts,
        })
}

fn arb_decided() -> impl Strategy<Value = Decided> {
    prop_oneof![
        Just(Decided::Nothing),
        Just(Decided::Exemption),
        (arb_date(), prop::option::of(0u64..800)).prop_map(|(from, n)| Decided::Deferral(
            Span::new(from, n.map(|n| from + Days::new(n))).unwrap()
        )),
        (arb_date(), 0u64..60, 0u64..400).prop_map(|(arrival, grace, earlier)| Decided::Referral {
            arrival,
            deadline: arrival + Days::new(grace),
            first: arrival - Days::new(earlier),
        }),
    ]
}

fn arb_facts() -> impl Strategy<Value = Facts> {
    (
        1u8..=3,
        arb_decided(),
        prop::option::of(arb_date()),
        prop::collection::vec(arb_period(), 0..6),
        prop::option::of((0u64..50_000_000, prop::bool::ANY)),
        prop::option::of((1u16..=40, 0u16..=40)),
        prop::collection::vec((arb_date(), 1u64..3_000_000), 0..3),
        prop::option::of(arb_date()),
        prop::bool::ANY,
        0u16..60,
    )
        .prop_map(
            |(
                term_years,
                decided,
                arrival,
                periods,
                cost,
                share,
                payments,
                ended_on,
                covered,
                gap_grace_days,
            )| {
                Facts {
                    covered,
                    term_years,
                    share: share.and_then(|(g, extra)| {
                        GrantShare::new(Years::from_tenths(g)?, Years::from_tenths(g + extra)?).ok()
                    }),
                    nominal_start: d("2025-09-01"),
                    decided,
                    arrival,
                    periods,
                    cost: cost.map(|(amount, whole)| Cost {
                        amount,
                        scope: if whole { CostScope::WholeProgramme } else { CostScope::GrantYears },
                    }),
                    payments,
                    ended_on,
                    gap_grace_days,
                }
            },
        )
}

proptest! {
    #[test]
    fn counted_days_agree_with_counting_day_by_day(facts in arb_facts(), as_of in arb_date()) {
        let s = facts.standing(as_of).unwrap();
        prop_assert!(s.counted_days <= s.term_days);
        prop_assert_eq!(s.remaining_days, s.term_days - s.counted_days);
        if let (Decided::Referral { .. }, Some(start), true) =
            (facts.decided, s.start, facts.ended_on.is_none() && facts.payments.is_empty())
        {
            prop_assert_eq!(s.counted_days, counted_day_by_day(start, s.term_days, &facts.periods, as_of));
            // Counted and paused days are days that passed since the start.
            let elapsed = if as_of < start { 0 } else { (as_of - start).num_days() + 1 };
            prop_assert!(i64::from(s.counted_days + s.paused_days) <= elapsed);
            prop_assert_eq!(s.period_days.iter().sum::<u32>(), s.counted_days + s.paused_days);
        }
        prop_assert_eq!(s.state == State::Fulfilled, s.remaining_days == 0 && s.state != State::Exempted);
    }

    #[test]
    fn a_refund_is_never_owed_outside_the_broken_states(facts in arb_facts(), as_of in arb_date()) {
        let s = facts.standing(as_of).unwrap();
        if s.refund_owed.is_none_or(|owed| owed > 0) {
            prop_assert!(matches!(s.state, State::Broken | State::RefundPaidInPart | State::RefundPaid), "{:?}", s.state);
        }
        if !matches!(s.state, State::Broken | State::RefundPaidInPart) {
            prop_assert!(s.balance.is_none_or(|b| b == 0));
        }
        if let (Some(cost), Some(estimate)) = (facts.cost, s.refund_if_stopped) {
            prop_assert!(estimate <= cost.amount);
        }
    }

    #[test]
    fn counted_days_never_go_back(facts in arb_facts(), a in arb_date(), b in arb_date()) {
        let (early, late) = (a.min(b), a.max(b));
        let (early, late) = (facts.standing(early).unwrap(), facts.standing(late).unwrap());
        prop_assert!(early.counted_days <= late.counted_days || early.term_days != late.term_days);
    }

    #[test]
    fn another_counting_period_never_raises_what_is_owed(
        facts in arb_facts(),
        extra in arb_period().prop_filter("counting", |p| p.kind != Deferral && p.counts),
        as_of in arb_date(),
    ) {
        let before = facts.standing(as_of).unwrap();
        let mut more = facts.clone();
        more.periods.push(extra);
        let after = more.standing(as_of).unwrap();
        prop_assert!(after.counted_days >= before.counted_days);
        prop_assert!(after.refund_if_stopped <= before.refund_if_stopped || before.refund_if_stopped.is_none());
    }

    #[test]
    fn refund_is_monotone_and_whole_at_zero(term_days in 1u32..2000, cost in any::<u64>(), a in 0u32..2000, b in 0u32..2000) {
        let (low, high) = (a.min(b).min(term_days), a.max(b).min(term_days));
        prop_assert!(refund::refund(cost, term_days, low) <= refund::refund(cost, term_days, high));
        prop_assert_eq!(refund::refund(cost, term_days, term_days), cost);
        prop_assert_eq!(refund::refund(cost, term_days, 0), 0);
    }
}
