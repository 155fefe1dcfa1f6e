//! Fill mode: the assignment that places as many graduates as the places allow and, among such
//! assignments, honours their wishes best. An optimal matching (min-cost max-flow), not a greedy
//! pass: a greedy pass gives the last place to whoever comes first, even when that leaves another
//! graduate with nowhere to go.

use std::collections::HashMap;

use super::flow::assign;
use super::{Application, Cohort, Suggestion};
use crate::model::{Graduate, Vacancy};

/// The weights of the suggestion, in one place: a referral costs `BASE`, less what it honours.
/// A named employer outweighs a region, an earlier wish a later one.
const BASE: i64 = 100;
const EMPLOYER_WISH: [i64; 3] = [60, 50, 40];
const REGION_WISH: [i64; 3] = [30, 25, 20];
const OWN_REGION: i64 = 15;
const PROGRAMME_NAMED: i64 = 10;

pub(super) fn weigh(g: &Graduate, application: &Application, v: &Vacancy) -> Suggestion {
    let wish = application.rank_of(v);
    let own_region = g.record.region == Some(v.record.region);
    let programme_named = v.record.program_codes.contains(&g.record.program_code);
    let mut cost = BASE;
    if let Some(rank) = wish {
        let table = if application.wishes[rank].names_employer() { &EMPLOYER_WISH } else { &REGION_WISH };
        cost -= table[rank.min(table.len() - 1)];
    }
    cost -= if own_region { OWN_REGION } else { 0 } + if programme_named { PROGRAMME_NAMED } else { 0 };
    Suggestion {
        graduate_id: g.id,
        vacancy_id: v.id,
        wish: wish.map(|r| r + 1),
        own_region,
        programme_named,
        cost,
    }
}

/// Graduates alike for the suggestion: the referrals allowed them (open vacancy's index, what it
/// honours for the first of them) and which graduates they are.
struct Profile {
    referrals: Vec<(usize, Suggestion)>,
    graduates: Vec<usize>,
}

/// What makes two graduates alike for one referral: the vacancy, the wish met, own region,
/// programme named, cost.
type Honour = (usize, Option<usize>, bool, bool, i64);

/// A referral for as many of the cohort's graduates as the places allow, each allowed by the
/// rules and acceptable to the employer, with the least total cost (the best honoured wishes);
/// the commission's order plays no part.
///
/// Graduates with the same allowed referrals at the same costs are one node of the flow, with
/// their number as its capacity: a cohort has far fewer such profiles than graduates, and the
/// flow's augmenting paths are what costs (10,000 graduates one by one took a minute).
pub(super) fn fill(c: &Cohort<'_>) -> Vec<Suggestion> {
    let open: Vec<&Vacancy> = c.vacancies.iter().filter(|v| v.places_left > 0).collect();
    let mut profiles: Vec<Profile> = Vec::new();
    let mut index: HashMap<Vec<Honour>, usize> = HashMap::new();
    for (gi, g) in c.graduates.iter().enumerate() {
        let application = c.application(g.id);
        let rules = c.rules.assessor(&g.record);
        let referrals: Vec<(usize, Suggestion)> = open
            .iter()
            .enumerate()
            .filter(|(_, v)| c.acceptable(v.id, g.id) && rules.allows(v))
            .map(|(vi, v)| (vi, weigh(g, application, v)))
            .collect();
        let key =
            referrals.iter().map(|(vi, s)| (*vi, s.wish, s.own_region, s.programme_named, s.cost)).collect();
        let profile = *index.entry(key).or_insert_with(|| {
            profiles.push(Profile { referrals, graduates: Vec::new() });
            profiles.len() - 1
        });
        profiles[profile].graduates.push(gi);
    }
    let mut edges = Vec::new();
    for (p, profile) in profiles.iter().enumerate() {
        edges.extend(profile.referrals.iter().map(|(vi, s)| (p, *vi, s.cost)));
    }
    let members: Vec<u32> =
        profiles.iter().map(|p| u32::try_from(p.graduates.len()).unwrap_or(u32::MAX)).collect();
    let capacities: Vec<u32> = open.iter().map(|v| v.places_left).collect();
    let flows = assign(&members, &capacities, &edges);
    // A profile's graduates take its chosen referrals in list order.
    let mut out = Vec::new();
    let mut flows = flows.into_iter();
    for profile in &profiles {
        let mut members = profile.graduates.iter();
        for (_, s) in &profile.referrals {
            let units = flows.next().unwrap_or(0);
            for &g in members.by_ref().take(units as usize) {
                out.push(Suggestion { graduate_id: c.graduates[g].id, ..s.clone() });
            }
        }
    }
    out.sort_by_key(|s| (s.vacancy_id, s.graduate_id));
    out
}
