use proptest::prelude::*;

use super::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

use ObligationState::{Completed, Deferred, InProgress, Interrupted, NotStarted};
use PeriodKind::{Centre, Deferral, Work};

struct Case {
    name: &'static str,
    term: u8,
    start: &'static str,
    periods: &'static [(PeriodKind, &'static str, Option<&'static str>)],
    as_of: &'static str,
    cost: Option<u64>,
    state: ObligationState,
    term_days: u32,
    counted: u32,
    deferred: u32,
    ends_on: Option<&'static str>,
    refund: Option<u64>,
}

// Worked by hand. 2025-09-01 + 3 years = 2028-09-01: 365 + 365 + 366 (29 Feb 2028) = 1096 days.
const CASES: &[Case] = &[
    Case {
        name: "before the start date nothing counts and the refund is the whole cost",
        term: 3,
        start: "2025-09-01",
        periods: &[],
        as_of: "2025-08-15",
        cost: Some(1_096_000),
        state: NotStarted,
        term_days: 1096,
        counted: 0,
        deferred: 0,
        ends_on: None,
        refund: Some(1_096_000),
    },
    Case {
        // 2025-09-01..2026-08-31 = 365 days; refund 1 000 000 × 731 / 1096 = 666 970.80 → 666 971.
        name: "worked a year then quit",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", Some("2026-08-31"))],
        as_of: "2026-12-31",
        cost: Some(1_000_000),
        state: Interrupted,
        term_days: 1096,
        counted: 365,
        deferred: 0,
        ends_on: None,
        refund: Some(666_971),
    },
    Case {
        // 730 days to 2027-08-31, of them 2026 (365) deferred: 365 counted, 731 left;
        // 2027-08-31 + 731 days (366 over 29 Feb 2028, then 365) = 2029-08-31.
        name: "a deferral inside a work period is not counted",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", None), (Deferral, "2026-01-01", Some("2026-12-31"))],
        as_of: "2027-08-31",
        cost: None,
        state: InProgress,
        term_days: 1096,
        counted: 365,
        deferred: 365,
        ends_on: Some("2029-08-31"),
        refund: None,
    },
    Case {
        // Work Sep–Dec 2025 = 30 + 31 + 30 + 31 = 122; deferred 10–31 Jan (22) + Feb–Jun
        // (28 + 31 + 30 + 31 + 30) = 172.
        name: "serving on the as-of date",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", Some("2025-12-31")), (Deferral, "2026-01-10", None)],
        as_of: "2026-06-30",
        cost: None,
        state: Deferred,
        term_days: 1096,
        counted: 122,
        deferred: 172,
        ends_on: None,
        refund: None,
    },
    Case {
        // Sep 2025 – Jun 2026: 30 + 31 + 30 + 31 + 31 + 28 + 31 + 30 + 31 + 30 = 303, the
        // overlap (Jan–Feb 2026) once.
        name: "overlapping work and centre periods are counted once",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", Some("2026-02-28")), (Centre, "2026-01-01", Some("2026-06-30"))],
        as_of: "2026-12-31",
        cost: None,
        state: Interrupted,
        term_days: 1096,
        counted: 303,
        deferred: 0,
        ends_on: None,
        refund: None,
    },
    Case {
        // Sep–Feb = 181 days, plus 1 March itself: 182; 1096 − 182 = 914; 2026-03-01 + 914 days
        // = 2028-08-31, the last day of the unbroken term.
        name: "an ongoing period counts up to the as-of date included",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", None)],
        as_of: "2026-03-01",
        cost: Some(1096),
        state: InProgress,
        term_days: 1096,
        counted: 182,
        deferred: 0,
        ends_on: Some("2028-08-31"),
        refund: Some(914),
    },
    Case {
        name: "the start day counts when the graduate is at work",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", None)],
        as_of: "2025-09-01",
        cost: None,
        state: InProgress,
        term_days: 1096,
        counted: 1,
        deferred: 0,
        ends_on: Some("2028-08-31"),
        refund: None,
    },
    Case {
        name: "completed: the refund is 0 and ends_on is the last day worked",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", None)],
        as_of: "2029-01-01",
        cost: Some(5_000_000),
        state: Completed,
        term_days: 1096,
        counted: 1096,
        deferred: 0,
        ends_on: Some("2028-08-31"),
        refund: Some(0),
    },
    Case {
        // 365 worked, a month's gap, then 731 days from 2026-10-01: 2026-10-01 + 730 =
        // 2028-09-30, a month after the unbroken end.
        name: "a gap pushes the end later",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", Some("2026-08-31")), (Centre, "2026-10-01", None)],
        as_of: "2030-01-01",
        cost: Some(1),
        state: Completed,
        term_days: 1096,
        counted: 1096,
        deferred: 0,
        ends_on: Some("2028-09-30"),
        refund: Some(0),
    },
    Case {
        // 365 before the service, 365 served, then 731 from 2027-09-01: 2029-08-31. Deferral
        // days after completion are not reported (none here: it ended before).
        name: "a deferral pushes the end later by its length",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", None), (Deferral, "2026-09-01", Some("2027-08-31"))],
        as_of: "2030-01-01",
        cost: None,
        state: Completed,
        term_days: 1096,
        counted: 1096,
        deferred: 365,
        ends_on: Some("2029-08-31"),
        refund: None,
    },
    Case {
        // 2025-09-01 + 2 years = 2027-09-01: 730 days; refund 2 000 000 × 365 / 730.
        name: "«Серпін»: a 2-year term",
        term: 2,
        start: "2025-09-01",
        periods: &[(Work, "2025-09-01", Some("2026-08-31"))],
        as_of: "2027-01-01",
        cost: Some(2_000_000),
        state: Interrupted,
        term_days: 730,
        counted: 365,
        deferred: 0,
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
        state: Interrupted,
        term_days: 1095,
        counted: 0,
        deferred: 0,
        ends_on: None,
        refund: None,
    },
    Case {
        // 2023-03-01 + 1 year = 2024-03-01, over 29 Feb 2024: 366.
        name: "a one-year term over a leap day",
        term: 1,
        start: "2023-03-01",
        periods: &[],
        as_of: "2023-01-01",
        cost: None,
        state: NotStarted,
        term_days: 366,
        counted: 0,
        deferred: 0,
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
        state: Interrupted,
        term_days: 1096,
        counted: 10,
        deferred: 0,
        ends_on: None,
        refund: None,
    },
    Case {
        name: "a period after the as-of date does not count yet",
        term: 3,
        start: "2025-09-01",
        periods: &[(Work, "2026-01-01", None)],
        as_of: "2025-12-31",
        cost: None,
        state: Interrupted,
        term_days: 1096,
        counted: 0,
        deferred: 0,
        ends_on: None,
        refund: None,
    },
];

#[test]
fn worked_examples() {
    for case in CASES {
        let periods =
            case.periods.iter().map(|&(kind, from, to)| (kind, Span::new(d(from), to.map(d)).unwrap()));
        let obligation = Obligation::new(case.term, d(case.start), periods, case.cost).unwrap();
        let got = obligation.status(d(case.as_of));
        let expected = ObligationStatus {
            as_of: d(case.as_of),
            state: case.state,
            term_days: case.term_days,
            counted_days: case.counted,
            deferred_days: case.deferred,
            remaining_days: case.term_days - case.counted,
            ends_on: case.ends_on.map(d),
            refund: case.refund,
        };
        assert_eq!(got, expected, "{}", case.name);
    }
}

#[test]
fn at_ends_on_an_unbroken_ongoing_term_is_completed() {
    let obligation =
        Obligation::new(3, d("2025-09-01"), [(Work, Span::ongoing(d("2025-09-01")))], None).unwrap();
    let ends_on = obligation.status(d("2026-05-17")).ends_on.unwrap();
    let before = obligation.status(ends_on.pred_opt().unwrap());
    assert_eq!((before.state, before.remaining_days), (InProgress, 1));
    let at = obligation.status(ends_on);
    assert_eq!((at.state, at.ends_on), (Completed, Some(ends_on)));
}

#[test]
fn refund_rounds_half_up() {
    // 1 × 548 / 1096 = 0.5 → 1; 1 × 547 / 1096 = 0.499 → 0; 3 × 1 / 2 = 1.5 → 2.
    assert_eq!(refund(1, 1096, 548), 1);
    assert_eq!(refund(1, 1096, 549), 0);
    assert_eq!(refund(3, 2, 1), 2);
    assert_eq!(refund(u64::MAX, 1096, 0), u64::MAX);
    assert_eq!(refund(u64::MAX, 1096, 1096), 0);
}

#[test]
fn invalid_inputs_are_typed_errors() {
    assert_eq!(
        Span::new(d("2026-01-02"), Some(d("2026-01-01"))),
        Err(ObligationError::EndsBeforeStart { from: d("2026-01-02"), to: d("2026-01-01") })
    );
    let one_day = Span::new(d("2026-01-01"), Some(d("2026-01-01"))).unwrap();
    assert_eq!(one_day.to(), Some(one_day.from()));
    assert_eq!(Obligation::new(0, d("2025-09-01"), [], None), Err(ObligationError::ZeroTerm));
    assert!(matches!(
        Obligation::new(255, NaiveDate::MAX, [], None),
        Err(ObligationError::OutOfRange { years: 255, .. })
    ));
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
fn period_kind_codes_round_trip() {
    for &kind in PeriodKind::ALL {
        assert_eq!(PeriodKind::from_code(kind.code()), Some(kind));
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.code());
    }
    assert_eq!(PeriodKind::from_code("military"), None);
}

/// The definition, day by day: what `status` must agree with.
fn counted_day_by_day(
    start: NaiveDate,
    term_days: u32,
    periods: &[(PeriodKind, Span)],
    as_of: NaiveDate,
) -> u32 {
    let covers = |span: &Span, day: NaiveDate| span.from <= day && span.to.is_none_or(|to| day <= to);
    start
        .iter_days()
        .take_while(|&day| day <= as_of)
        .filter(|&day| {
            periods.iter().any(|(k, s)| k.counts() && covers(s, day))
                && !periods.iter().any(|(k, s)| !k.counts() && covers(s, day))
        })
        .take(term_days as usize)
        .count() as u32
}

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    // 2024-01-01 and about nine years on: leap days included.
    (0u64..3300).prop_map(|n| d("2024-01-01") + Days::new(n))
}

fn arb_period() -> impl Strategy<Value = (PeriodKind, Span)> {
    (prop::sample::select(PeriodKind::ALL), arb_date(), prop::option::of(0u64..900)).prop_map(
        |(kind, from, length)| {
            (kind, Span::new(from, length.map(|n| from + Days::new(n))).expect("to ≥ from"))
        },
    )
}

proptest! {
    #[test]
    fn status_agrees_with_counting_day_by_day(
        term in 1u8..=3,
        start in arb_date(),
        periods in prop::collection::vec(arb_period(), 0..6),
        as_of in arb_date(),
        cost in prop::option::of(0u64..50_000_000),
    ) {
        let obligation = Obligation::new(term, start, periods.clone(), cost).unwrap();
        let status = obligation.status(as_of);
        prop_assert!(status.counted_days <= status.term_days);
        prop_assert_eq!(status.counted_days, counted_day_by_day(start, status.term_days, &periods, as_of));
        prop_assert_eq!(status.remaining_days, status.term_days - status.counted_days);
        prop_assert_eq!(status.state == Completed, status.remaining_days == 0);
        prop_assert_eq!(status.ends_on.is_some(), matches!(status.state, InProgress | Completed));
        if let (Some(cost), Some(refund)) = (cost, status.refund) {
            prop_assert!(refund <= cost);
            prop_assert_eq!(refund == 0, status.state == Completed || cost == 0 ||
                // Rounded down to nothing: less than half a tenge left.
                2 * u128::from(cost) * u128::from(status.remaining_days) < u128::from(status.term_days));
        }
    }

    #[test]
    fn another_counting_period_never_raises_the_refund(
        start in arb_date(),
        periods in prop::collection::vec(arb_period(), 0..5),
        extra in arb_period().prop_filter("counting", |(k, _)| k.counts()),
        as_of in arb_date(),
        cost in 0u64..50_000_000,
    ) {
        let before = Obligation::new(3, start, periods.clone(), Some(cost)).unwrap().status(as_of);
        let after = Obligation::new(3, start, periods.into_iter().chain([extra]), Some(cost)).unwrap().status(as_of);
        prop_assert!(after.counted_days >= before.counted_days);
        prop_assert!(after.refund <= before.refund);
    }

    #[test]
    fn refund_is_monotone_and_whole_at_zero(
        term_days in 1u32..2000,
        cost in any::<u64>(),
        a in 0u32..2000,
        b in 0u32..2000,
    ) {
        let (low, high) = (a.min(b).min(term_days), a.max(b).min(term_days));
        prop_assert!(refund(cost, term_days, low) >= refund(cost, term_days, high));
        prop_assert_eq!(refund(cost, term_days, 0), cost);
        prop_assert_eq!(refund(cost, term_days, term_days), 0);
    }
}
