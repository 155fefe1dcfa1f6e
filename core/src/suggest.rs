//! The cohort suggestion: the best assignment of graduates to vacancies that respects the
//! rules and the places, placing as many graduates as possible and, among such assignments,
//! honouring their wishes best. An optimal matching (min-cost max-flow), not a greedy pass:
//! a greedy pass gives the last place to whoever comes first, even when that leaves another
//! graduate with nowhere to go.

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use crate::classifiers::Region;
use crate::ident::Bin;
use crate::model::{Graduate, Vacancy};
use crate::rules::RuleSet;

/// One line of a graduate's application: a region, an employer, or both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Wish {
    pub region: Option<Region>,
    pub employer: Option<Bin>,
}

/// What a suggested referral honours, for the commission to see why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Suggestion {
    pub graduate_id: i64,
    pub vacancy_id: i64,
    /// The rank (from 1) of the wish it meets, if any.
    pub wish: Option<usize>,
    pub own_region: bool,
    pub programme_named: bool,
    /// Lower is better; what the matching minimised.
    pub cost: i64,
}

/// The weights of the suggestion, in one place: a referral costs `BASE`, less what it honours.
/// A named employer outweighs a region, an earlier wish a later one.
const BASE: i64 = 100;
const EMPLOYER_WISH: [i64; 3] = [60, 50, 40];
const REGION_WISH: [i64; 3] = [30, 25, 20];
const OWN_REGION: i64 = 15;
const PROGRAMME_NAMED: i64 = 10;

fn weigh(g: &Graduate, wishes: &[Wish], v: &Vacancy) -> Suggestion {
    let discount = |table: &[i64; 3], rank: usize| table[rank.min(table.len() - 1)];
    let employer = wishes.iter().position(|w| w.employer == Some(v.record.employer.bin));
    let region = wishes.iter().position(|w| w.employer.is_none() && w.region == Some(v.record.region));
    let own_region = g.record.region == Some(v.record.region);
    let programme_named = v.record.program_codes.contains(&g.record.program_code);
    let mut cost = BASE;
    cost -= match (employer, region) {
        (Some(rank), _) => discount(&EMPLOYER_WISH, rank),
        (None, Some(rank)) => discount(&REGION_WISH, rank),
        (None, None) => 0,
    };
    cost -= if own_region { OWN_REGION } else { 0 } + if programme_named { PROGRAMME_NAMED } else { 0 };
    Suggestion {
        graduate_id: g.id,
        vacancy_id: v.id,
        wish: employer.or(region).map(|r| r + 1),
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

/// Suggests a referral for as many of `graduates` as the places of `vacancies` allow, each
/// allowed by `rules`, with the least total cost (the best honoured wishes).
///
/// Graduates with the same allowed referrals at the same costs are one node of the flow, with
/// their number as its capacity: a cohort has far fewer such profiles than graduates, and the
/// flow's augmenting paths are what costs (10,000 graduates one by one took a minute).
pub fn suggest(
    rules: &RuleSet,
    graduates: &[Graduate],
    wishes: &HashMap<i64, Vec<Wish>>,
    vacancies: &[Vacancy],
) -> Vec<Suggestion> {
    let open: Vec<&Vacancy> = vacancies.iter().filter(|v| v.places_left > 0).collect();
    let mut profiles: Vec<Profile> = Vec::new();
    let mut index: HashMap<Vec<Honour>, usize> = HashMap::new();
    for (gi, g) in graduates.iter().enumerate() {
        let own = wishes.get(&g.id).map_or(&[][..], Vec::as_slice);
        let rules = rules.assessor(&g.record);
        let referrals: Vec<(usize, Suggestion)> = open
            .iter()
            .enumerate()
            .filter(|(_, v)| rules.allows(v))
            .map(|(vi, v)| (vi, weigh(g, own, v)))
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
                out.push(Suggestion { graduate_id: graduates[g].id, ..s.clone() });
            }
        }
    }
    out.sort_by_key(|s| (s.vacancy_id, s.graduate_id));
    out
}

/// Min-cost max-flow assignment: each left item `l` to right items, `supplies[l]` units in all,
/// each right item `r` taking at most `capacities[r]`, along `edges` `(left, right, cost)` of
/// any capacity. Returns the units sent along each edge: as many as possible, of least total
/// cost among those. Successive shortest paths with Bellman-Ford (queue-based), which the
/// residual graph's negative costs need, each path carrying as much as it can.
pub fn assign(supplies: &[u32], capacities: &[u32], edges: &[(usize, usize, i64)]) -> Vec<u32> {
    let (source, sink) = (0, 1);
    let left_node = |l: usize| 2 + l;
    let right_node = |r: usize| 2 + supplies.len() + r;
    let mut graph = Graph::new(2 + supplies.len() + capacities.len());
    for (l, &supply) in supplies.iter().enumerate() {
        graph.add(source, left_node(l), i64::from(supply), 0);
    }
    let edge_ids: Vec<usize> =
        edges.iter().map(|&(l, r, cost)| graph.add(left_node(l), right_node(r), i64::MAX, cost)).collect();
    for (r, &cap) in capacities.iter().enumerate() {
        graph.add(right_node(r), sink, i64::from(cap), 0);
    }
    while let Some(path) = graph.shortest_path(source, sink) {
        let amount = path.iter().map(|&e| graph.capacity[e]).min().unwrap_or(0);
        for &e in &path {
            graph.push(e, amount);
        }
    }
    edge_ids.iter().map(|&id| u32::try_from(graph.flow(id)).unwrap_or(u32::MAX)).collect()
}

/// A residual graph: each edge is stored with its reverse at index `id ^ 1`.
struct Graph {
    head: Vec<Vec<usize>>,
    to: Vec<usize>,
    capacity: Vec<i64>,
    cost: Vec<i64>,
}

impl Graph {
    fn new(nodes: usize) -> Graph {
        Graph { head: vec![Vec::new(); nodes], to: Vec::new(), capacity: Vec::new(), cost: Vec::new() }
    }

    fn add(&mut self, from: usize, to: usize, capacity: i64, cost: i64) -> usize {
        let id = self.to.len();
        for (a, b, cap, c) in [(from, to, capacity, cost), (to, from, 0, -cost)] {
            self.head[a].push(self.to.len());
            self.to.push(b);
            self.capacity.push(cap);
            self.cost.push(c);
        }
        id
    }

    fn push(&mut self, edge: usize, amount: i64) {
        self.capacity[edge] -= amount;
        self.capacity[edge ^ 1] += amount;
    }

    fn flow(&self, edge: usize) -> i64 {
        self.capacity[edge ^ 1]
    }

    /// The edges of a cheapest path with spare capacity, if any.
    fn shortest_path(&self, source: usize, sink: usize) -> Option<Vec<usize>> {
        let n = self.head.len();
        let mut distance = vec![i64::MAX; n];
        let mut via = vec![usize::MAX; n];
        let mut queued = vec![false; n];
        let mut queue = VecDeque::from([source]);
        distance[source] = 0;
        while let Some(node) = queue.pop_front() {
            queued[node] = false;
            for &e in &self.head[node] {
                let next = self.to[e];
                if self.capacity[e] > 0 && distance[node] + self.cost[e] < distance[next] {
                    distance[next] = distance[node] + self.cost[e];
                    via[next] = e;
                    if !queued[next] {
                        queued[next] = true;
                        queue.push_back(next);
                    }
                }
            }
        }
        if distance[sink] == i64::MAX {
            return None;
        }
        let mut path = Vec::new();
        let mut node = sink;
        while node != source {
            let e = via[node];
            path.push(e);
            node = self.to[e ^ 1];
        }
        Some(path)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every feasible assignment by brute force, each left item one unit: (size, cost) of the best.
    fn brute(left: usize, capacities: &[u32], edges: &[(usize, usize, i64)]) -> (usize, i64) {
        fn go(
            l: usize,
            left: usize,
            used: &mut Vec<u32>,
            caps: &[u32],
            edges: &[(usize, usize, i64)],
        ) -> (usize, i64) {
            if l == left {
                return (0, 0);
            }
            let mut best = go(l + 1, left, used, caps, edges);
            for &(_, r, c) in edges.iter().filter(|e| e.0 == l) {
                if used[r] < caps[r] {
                    used[r] += 1;
                    let (n, cost) = go(l + 1, left, used, caps, edges);
                    used[r] -= 1;
                    if (n + 1, -(cost + c)) > (best.0, -best.1) {
                        best = (n + 1, cost + c);
                    }
                }
            }
            best
        }
        go(0, left, &mut vec![0; capacities.len()], capacities, edges)
    }

    #[test]
    fn the_matching_is_not_greedy() {
        // A could take X or Y, B only X, one place each: greedy A→X strands B.
        let flows = assign(&[1, 1], &[1, 1], &[(0, 0, 10), (0, 1, 50), (1, 0, 10)]);
        assert_eq!(flows, [0, 1, 1]);
    }

    proptest! {
        /// Left items of several units (a profile's graduates) against brute force over the
        /// same items one unit each.
        #[test]
        fn as_many_as_possible_then_cheapest(
            supplies in proptest::collection::vec(1u32..3, 1..4),
            capacities in proptest::collection::vec(0u32..3, 1..4),
            raw in proptest::collection::vec((0usize..4, 0usize..4, 1i64..100), 0..10),
        ) {
            let mut edges: Vec<(usize, usize, i64)> =
                raw.into_iter().filter(|(l, r, _)| *l < supplies.len() && *r < capacities.len()).collect();
            edges.sort();
            edges.dedup_by_key(|e| (e.0, e.1));
            let flows = assign(&supplies, &capacities, &edges);
            let cost: i64 = flows.iter().zip(&edges).map(|(&f, e)| i64::from(f) * e.2).sum();
            let units: u32 = flows.iter().sum();
            // Feasible: each left item within its supply, each right item within capacity.
            let mut per_left = vec![0; supplies.len()];
            let mut per_right = vec![0u32; capacities.len()];
            for (&f, e) in flows.iter().zip(&edges) {
                per_left[e.0] += f;
                per_right[e.1] += f;
            }
            prop_assert!(per_left.iter().zip(&supplies).all(|(n, s)| n <= s));
            prop_assert!(per_right.iter().zip(&capacities).all(|(n, c)| n <= c));
            // The same problem with every unit its own left item.
            let mut copies = Vec::new();
            for (l, &supply) in supplies.iter().enumerate() {
                copies.extend(std::iter::repeat_n(l, supply as usize));
            }
            let unit_edges: Vec<(usize, usize, i64)> = copies
                .iter()
                .enumerate()
                .flat_map(|(copy, &l)| edges.iter().filter(move |e| e.0 == l).map(move |e| (copy, e.1, e.2)))
                .collect();
            prop_assert_eq!((units as usize, cost), brute(copies.len(), &capacities, &unit_edges));
        }
    }
}
