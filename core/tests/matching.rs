//! The cohort's matching on a small world the reader can follow: the commission's order decides
//! who keeps a place, rural vacancies go first to the rural quota, an employer's refusal and a
//! vacancy without places take part without breaking anything, and the explanation names the
//! criterion that decided. Pure: no store.

mod common;

use std::collections::{HashMap, HashSet};

use joldama_core::classifiers::{Field, Funding, Level, OrgKind, Region};
use joldama_core::ident::Iin;
use joldama_core::matching::{
    self, Application, Cohort, Criterion, Decider, Mode, Priority, SocialGround, Suggestion, TieBreak, Why,
    Wish,
};
use joldama_core::model::{Gpa, Graduate, Vacancy};
use joldama_core::rules::RuleSet;

/// A valid IIN of someone born 19 November 2003, the `n`-th with a check digit.
fn iin(n: usize) -> Iin {
    (0..10_000)
        .filter_map(|serial| {
            Iin::parse(&format!("0311195{serial:04}0"))
                .ok()
                .or_else(|| (0..10).find_map(|c| Iin::parse(&format!("0311195{serial:04}{c}")).ok()))
        })
        .nth(n)
        .unwrap()
}

fn graduate(id: i64, funding: Funding, gpa: Option<u16>) -> Graduate {
    let mut record =
        common::graduate(iin(id as usize).as_str(), funding, Level::Bachelor, Field::Pedagogical, "6B01501");
    record.gpa = gpa.and_then(Gpa::from_hundredths);
    record.surname = format!("Түлек {id}");
    Graduate { id, record }
}

fn vacancy(id: i64, bin: &str, rural: bool, places: u32) -> Vacancy {
    let record =
        common::vacancy(bin, &format!("Мектеп {id}"), OrgKind::Education, Region::Abai, rural, places);
    Vacancy { id, record, places_left: places }
}

fn wants(vacancies: &[i64]) -> Application {
    Application {
        wishes: vacancies.iter().map(|&vacancy_id| Wish::Vacancy { vacancy_id }).collect(),
        ..Application::default()
    }
}

struct World {
    rules: RuleSet,
    priority: Priority,
    graduates: Vec<Graduate>,
    applications: HashMap<i64, Application>,
    vacancies: Vec<Vacancy>,
    unacceptable: HashSet<(i64, i64)>,
}

impl World {
    /// 1 (GPA 3,90) and 2 (3,10) on the state order, 3 on the rural quota (2,50), 4 with no
    /// wishes. Vacancy 10 in town and 20 in a village, one place each; 30 with none.
    fn new() -> World {
        let graduates = vec![
            graduate(1, Funding::StateOrder, Some(390)),
            graduate(2, Funding::StateOrder, Some(310)),
            graduate(3, Funding::RuralQuota, Some(250)),
            graduate(4, Funding::StateOrder, None),
        ];
        let vacancies = vec![
            vacancy(10, "940140000385", false, 1),
            vacancy(20, "940140000385", true, 1),
            vacancy(30, "940140000385", false, 0),
        ];
        let applications =
            HashMap::from([(1, wants(&[10])), (2, wants(&[30, 10, 20])), (3, wants(&[10, 20]))]);
        World {
            rules: RuleSet::defaults(),
            priority: Priority::default(),
            graduates,
            applications,
            vacancies,
            unacceptable: HashSet::new(),
        }
    }

    fn cohort(&self) -> Cohort<'_> {
        Cohort {
            rules: &self.rules,
            priority: &self.priority,
            graduates: &self.graduates,
            applications: &self.applications,
            vacancies: &self.vacancies,
            unacceptable: &self.unacceptable,
        }
    }

    fn run(&self, mode: Mode) -> Vec<(i64, i64)> {
        pairs(&matching::suggest(&self.cohort(), mode))
    }
}

fn pairs(s: &[Suggestion]) -> Vec<(i64, i64)> {
    let mut pairs: Vec<(i64, i64)> = s.iter().map(|s| (s.graduate_id, s.vacancy_id)).collect();
    pairs.sort();
    pairs
}

#[test]
fn the_order_decides_and_the_village_goes_to_the_rural_quota() {
    let w = World::new();
    // 1 outranks 2 by grade for the town; 3 outranks 2 by the quota for the village, though
    // 2's grade is higher; 4 listed nothing and waits for the commission.
    assert_eq!(w.run(Mode::Stable), [(1, 10), (3, 20)]);
    let f = matching::figures(&w.cohort(), Mode::Stable, &matching::suggest(&w.cohort(), Mode::Stable));
    assert_eq!((f.placed, f.places, f.unplaced, f.envy), (2, 2, 2, 0));
    assert_eq!(f.by_wish, [1, 1], "1 at their first wish, 3 at their second");
}

#[test]
fn without_the_quota_criterion_the_grade_takes_the_village() {
    let mut w = World::new();
    w.priority = Priority::new(vec![Criterion::GradeAverage], TieBreak::Alphabet, 0).unwrap();
    assert_eq!(w.run(Mode::Stable), [(1, 10), (2, 20)]);
}

#[test]
fn a_social_ground_stated_comes_first_where_the_order_puts_it() {
    let mut w = World::new();
    // 2 (GPA 3,10) states a ground: with the criterion first, 2 takes the town from 1 (3,90).
    w.applications.get_mut(&2).unwrap().social = Some(SocialGround::Orphan);
    assert_eq!(w.run(Mode::Stable), [(1, 10), (3, 20)], "the default order has no such criterion");
    w.priority =
        Priority::new(vec![Criterion::SocialGround, Criterion::GradeAverage], TieBreak::Alphabet, 0).unwrap();
    assert_eq!(w.run(Mode::Stable), [(2, 10), (3, 20)]);
    let e = matching::explain(&w.cohort(), &matching::suggest(&w.cohort(), Mode::Stable), 1).unwrap();
    let Why::Taken { above, .. } = &e.wishes[0].vacancies[0].why else { panic!("{e:?}") };
    assert_eq!(above, &[(Decider::Criterion(Criterion::SocialGround), 1)]);
    assert_eq!(e.standing.facts[0], (Criterion::SocialGround, joldama_core::Text::new("жоқ", "нет")));
}

#[test]
fn an_employers_refusal_passes_the_place_on() {
    let mut w = World::new();
    w.unacceptable.insert((10, 1));
    assert_eq!(w.run(Mode::Stable), [(2, 10), (3, 20)]);
    // Fill mode honours the refusal too, though 1 shares everything else with 2 and 4.
    assert!(!w.run(Mode::Fill).contains(&(1, 10)), "{:?}", w.run(Mode::Fill));
}

#[test]
fn the_explanation_names_the_reason_for_every_wish_above() {
    let w = World::new();
    let cohort = w.cohort();
    let stable = matching::suggest(&cohort, Mode::Stable);
    let e = matching::explain(&cohort, &stable, 2).expect("2 awaits a decision");
    assert_eq!(e.got, None);
    assert_eq!((e.standing.place, e.standing.rural_place, e.standing.of), (2, 3, 4));
    assert_eq!(
        matching::standing(&cohort, 2),
        Some(e.standing.clone()),
        "the card's place is the explanation's"
    );
    assert_eq!(matching::standing(&cohort, 99), None);
    let whys: Vec<(usize, &Why)> =
        e.wishes.iter().flat_map(|w| w.vacancies.iter().map(move |v| (w.rank, &v.why))).collect();
    assert!(
        matches!(whys[0], (1, Why::Refused { reasons }) if reasons[0].code == "no_places_left"),
        "{whys:?}"
    );
    let by = |c| vec![(Decider::Criterion(c), 1)];
    assert_eq!(
        whys[1],
        (2, &Why::Taken { places: 1, above: by(Criterion::GradeAverage), below: 0, free: 0 })
    );
    assert_eq!(whys[2], (3, &Why::Taken { places: 1, above: by(Criterion::RuralQuota), below: 0, free: 0 }));
    let text = &e.wishes[2].vacancies[0].text;
    assert!(text.ru.contains("по критерию «Сельская квота"), "{}", text.ru);
    assert!(text.kk.contains("«Ауылдық квота"), "{}", text.kk);
    // 3's first wish (town) is refused by the rules: the quota binds to villages.
    let e = matching::explain(&cohort, &stable, 3).unwrap();
    assert_eq!(e.got.map(|s| (s.vacancy_id, s.wish)), Some((20, Some(2))));
    assert!(
        matches!(&e.wishes[0].vacancies[0].why, Why::Refused { reasons } if reasons[0].code == "not_rural")
    );
}

#[test]
fn fill_mode_ignores_the_order_and_its_figures_show_the_envy() {
    let mut w = World::new();
    // The village is 1's first wish and 3's only one; the town is 2's only wish.
    w.applications = HashMap::from([(1, wants(&[20, 10])), (2, wants(&[10])), (3, wants(&[20]))]);
    let cohort = w.cohort();
    let (stable, fill) = (matching::suggest(&cohort, Mode::Stable), matching::suggest(&cohort, Mode::Fill));
    // The quota keeps the village for 3, the grade the town for 1.
    assert_eq!(pairs(&stable), [(1, 10), (3, 20)]);
    assert_eq!(matching::figures(&cohort, Mode::Stable, &stable).envy, 0);
    // Fill mode honours two first wishes, so someone ranked higher loses a place they wanted.
    let figures = matching::figures(&cohort, Mode::Fill, &fill);
    assert_eq!((figures.placed, figures.by_wish.first(), figures.envy), (2, Some(&2), 1), "{fill:?}");
    let envious = [1, 3].into_iter().find(|g| !fill.iter().any(|s| s.graduate_id == *g)).unwrap();
    let e = matching::explain(&cohort, &fill, envious).unwrap();
    let Why::Taken { below, .. } = &e.wishes[0].vacancies[0].why else { panic!("{e:?}") };
    assert_eq!(*below, 1, "the place went to someone ranked below");
    assert!(e.wishes[0].vacancies[0].text.ru.contains("режим заполнения не следует очереди"));
}

mod fill_against_a_plain_matching {
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use super::*;

    /// Graduates 1..=12, made once (finding IINs with a check digit takes a moment).
    fn pool() -> &'static [Graduate] {
        static POOL: OnceLock<Vec<Graduate>> = OnceLock::new();
        POOL.get_or_init(|| {
            (1..=12)
                .map(|id| {
                    graduate(id, if id % 4 == 0 { Funding::RuralQuota } else { Funding::StateOrder }, None)
                })
                .collect()
        })
    }

    fn wish(code: u8) -> Wish {
        match code % 8 {
            0 => Wish::Region { region: Region::Abai },
            1 => Wish::Region { region: Region::Karaganda },
            2 => Wish::Employer { bin: "940140000385".parse().unwrap(), region: None },
            n => Wish::Vacancy { vacancy_id: i64::from(n) * 10 },
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The class-and-region network places as many as, at the same total cost as, the plain
        /// one-node-per-graduate matching over every allowed pair with `weigh`'s costs.
        #[test]
        fn the_same_count_and_cost(
            graduates in 1usize..=12,
            places in proptest::collection::vec((0u32..3, any::<bool>(), any::<bool>()), 1..=5),
            wishes in proptest::collection::vec(proptest::collection::vec(0u8..8, 0..4), 12),
        ) {
            let graduates = &pool()[..graduates];
            let vacancies: Vec<Vacancy> = places
                .iter()
                .enumerate()
                .map(|(i, &(n, rural, karaganda))| {
                    let mut v = vacancy(10 * (i as i64 + 3), "940140000385", rural, n);
                    if karaganda {
                        v.record.region = Region::Karaganda;
                    }
                    v
                })
                .collect();
            let applications: HashMap<i64, Application> = graduates
                .iter()
                .zip(&wishes)
                .map(|(g, w)| (g.id, Application { wishes: w.iter().map(|&c| wish(c)).collect(), ..Application::default() }))
                .collect();
            let (rules, priority, unacceptable) = (RuleSet::defaults(), Priority::default(), HashSet::new());
            let cohort = Cohort {
                rules: &rules,
                priority: &priority,
                graduates,
                applications: &applications,
                vacancies: &vacancies,
                unacceptable: &unacceptable,
            };
            let fill = matching::suggest(&cohort, Mode::Fill);
            let mut edges = Vec::new();
            for (gi, g) in graduates.iter().enumerate() {
                for (vi, v) in vacancies.iter().enumerate() {
                    if rules.refusals(&g.record, v).is_empty() {
                        edges.push((gi, vi, matching::weigh(g, &applications[&g.id], v).cost));
                    }
                }
            }
            let capacities: Vec<u32> = vacancies.iter().map(|v| v.places_left).collect();
            let flows = matching::assign(&vec![1; graduates.len()], &capacities, &edges);
            let plain: (u32, i64) = (flows.iter().sum(), flows.iter().zip(&edges).map(|(&f, e)| i64::from(f) * e.2).sum());
            prop_assert_eq!((fill.len() as u32, fill.iter().map(|s| s.cost).sum::<i64>()), plain);
            for s in &fill {
                let (g, v) = (graduates.iter().find(|g| g.id == s.graduate_id).unwrap(), vacancies.iter().find(|v| v.id == s.vacancy_id).unwrap());
                prop_assert!(rules.refusals(&g.record, v).is_empty());
            }
        }
    }
}
