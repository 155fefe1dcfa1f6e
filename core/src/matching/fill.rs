//! Fill mode: the assignment that places as many graduates as the places allow and, among such
//! assignments, honours their wishes best. An optimal matching (min-cost max-flow), not a greedy
//! pass: a greedy pass gives the last place to whoever comes first, even when that leaves another
//! graduate with nowhere to go.

use std::collections::{HashMap, HashSet};

use super::flow::{Network, UNLIMITED};
use super::wishes::Index;
use super::{Application, Cohort, Suggestion, Wish};
use crate::classifiers::Region;
use crate::model::{Graduate, Vacancy};

/// The weights of the suggestion, in one place: a referral costs `BASE`, less what it honours.
/// A named employer outweighs a region, an earlier wish a later one; of several wishes a
/// vacancy meets, the strongest counts.
const BASE: i64 = 100;
const EMPLOYER_WISH: [i64; 3] = [60, 50, 40];
const REGION_WISH: [i64; 3] = [30, 25, 20];
const OWN_REGION: i64 = 15;
const PROGRAMME_NAMED: i64 = 10;
/// Added to every graduate's first edge so that no edge costs less than nothing: every
/// placed graduate pays it once, so the best flow stays the best.
const SHIFT: i64 = EMPLOYER_WISH[0];

/// What the wish at `rank` takes off a referral it meets.
fn discount(wish: &Wish, rank: usize) -> i64 {
    let table = if wish.names_employer() { &EMPLOYER_WISH } else { &REGION_WISH };
    table[rank.min(table.len() - 1)]
}

/// A referral's cost before wishes: less in the graduate's own region and where the employer
/// names their programme.
fn base(g: &Graduate, v: &Vacancy) -> i64 {
    let own_region = g.record.region == Some(v.record.region);
    let programme_named = v.record.program_codes.contains(&g.record.program_code);
    BASE - if own_region { OWN_REGION } else { 0 } - if programme_named { PROGRAMME_NAMED } else { 0 }
}

/// What referring `g` to `v` honours, and what it costs fill mode.
pub fn weigh(g: &Graduate, application: &Application, v: &Vacancy) -> Suggestion {
    let strongest = application
        .wishes
        .iter()
        .enumerate()
        .filter(|(_, w)| w.covers(v))
        .map(|(rank, w)| discount(w, rank))
        .max()
        .unwrap_or(0);
    Suggestion {
        graduate_id: g.id,
        vacancy_id: v.id,
        wish: application.rank_of(v).map(|r| r + 1),
        own_region: g.record.region == Some(v.record.region),
        programme_named: v.record.program_codes.contains(&g.record.program_code),
        cost: base(g, v) - strongest,
    }
}

/// Graduates with the same allowed vacancies at the same costs before wishes.
struct Class {
    node: usize,
    /// (vacancy index, cost before wishes), by vacancy index.
    allowed: Vec<(usize, i64)>,
    /// Its graduates with no wishes, who enter the class's node directly.
    waiting: Vec<usize>,
}

/// All a rules check reads of a graduate (see `Assessor::row`), with the
/// region their costs depend on.
type RulesKey<'a> = (Option<usize>, i32, &'a str, Option<Region>);

/// Where a graduate's flow may go first.
#[derive(Clone, Copy)]
enum Via {
    /// Their class: every allowed vacancy at its cost before wishes.
    Class(usize),
    /// A region wish: the class's allowed vacancies in the region, less the wish's discount.
    Region(usize),
    /// A vacancy they name (or their employer's), less the wish's discount.
    Vacancy(usize),
}

/// A referral for as many of the cohort's graduates as the places allow, each allowed by the
/// rules and acceptable to the employer, with the least total cost (the best honoured wishes);
/// the commission's order plays no part.
///
/// The network is kept small: graduates with the same allowed vacancies at the same costs
/// before wishes form a class, which holds the edges to those vacancies once; a graduate's own
/// node has an edge to the class, one to a node per (class, region, rank) for each region wish,
/// and edges to the vacancies they name. Graduates with no wishes enter their class directly,
/// all together. 10,000 graduates with ten wishes each make about 200,000 edges, not millions.
pub(super) fn fill(c: &Cohort<'_>) -> Vec<Suggestion> {
    let (source, sink) = (0, 1);
    let mut net = Network::new(2);
    let mut vacancy_node = vec![None; c.vacancies.len()];
    for (vi, v) in c.vacancies.iter().enumerate().filter(|(_, v)| v.places_left > 0) {
        let node = net.node();
        net.edge(node, sink, i64::from(v.places_left), 0);
        vacancy_node[vi] = Some(node);
    }
    let index = Index::new(c.vacancies);
    let mut classes: Vec<Class> = Vec::new();
    let mut class_of: HashMap<Vec<(usize, i64)>, usize> = HashMap::new();
    let mut region_nodes: HashMap<(usize, Region, usize), usize> = HashMap::new();
    // Out of each class and region node: (edge, vacancy).
    let mut outs: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    let mut routes: Vec<(usize, Vec<(usize, Via)>)> = Vec::new();
    // What the rules allow depends only on the binding row, the cohort, the programme and (for
    // the cost) the region: checked once per such key, not per graduate.
    let mut allowed_by: HashMap<RulesKey<'_>, Vec<(usize, i64)>> = HashMap::new();
    let refused: HashSet<i64> = c.unacceptable.iter().map(|(_, g)| *g).collect();
    for (gi, g) in c.graduates.iter().enumerate() {
        let rules = c.rules.assessor(&g.record);
        let r = &g.record;
        let key = (rules.row(), r.graduation_year, r.program_code.as_str(), r.region);
        let mut allowed = allowed_by
            .entry(key)
            .or_insert_with(|| {
                c.vacancies
                    .iter()
                    .enumerate()
                    .filter(|(vi, v)| vacancy_node[*vi].is_some() && rules.allows(v))
                    .map(|(vi, v)| (vi, base(g, v)))
                    .collect()
            })
            .clone();
        if refused.contains(&g.id) {
            allowed.retain(|(vi, _)| c.acceptable(c.vacancies[*vi].id, g.id));
        }
        if allowed.is_empty() {
            continue;
        }
        let class = *class_of.entry(allowed).or_insert_with_key(|allowed| {
            let node = net.node();
            let edges = allowed
                .iter()
                .map(|&(vi, cost)| (net.edge(node, vacancy_node[vi].expect("open"), UNLIMITED, cost), vi))
                .collect();
            outs.insert(node, edges);
            classes.push(Class { node, allowed: allowed.clone(), waiting: Vec::new() });
            classes.len() - 1
        });
        let application = c.application(g.id);
        if application.wishes.is_empty() {
            classes[class].waiting.push(gi);
            continue;
        }
        let node = net.node();
        net.edge(source, node, 1, 0);
        let mut via = vec![(net.edge(node, classes[class].node, 1, SHIFT), Via::Class(class))];
        for (rank, wish) in application.wishes.iter().enumerate() {
            let cost = SHIFT - discount(wish, rank);
            match wish {
                Wish::Region { region } => {
                    let key = (class, *region, rank.min(REGION_WISH.len() - 1));
                    let target = *region_nodes.entry(key).or_insert_with(|| {
                        let target = net.node();
                        let edges = classes[class]
                            .allowed
                            .iter()
                            .filter(|(vi, _)| c.vacancies[*vi].record.region == *region)
                            .map(|&(vi, cost)| {
                                (net.edge(target, vacancy_node[vi].expect("open"), UNLIMITED, cost), vi)
                            })
                            .collect();
                        outs.insert(target, edges);
                        target
                    });
                    via.push((net.edge(node, target, 1, cost), Via::Region(target)));
                }
                _ => {
                    let allowed = &classes[class].allowed;
                    for vi in index.covered(wish, c.vacancies) {
                        if let Ok(k) = allowed.binary_search_by_key(&vi, |(vi, _)| *vi) {
                            let edge =
                                net.edge(node, vacancy_node[vi].expect("open"), 1, cost + allowed[k].1);
                            via.push((edge, Via::Vacancy(vi)));
                        }
                    }
                }
            }
        }
        routes.push((gi, via));
    }
    let entries: Vec<usize> =
        classes.iter().map(|class| net.edge(source, class.node, class.waiting.len() as i64, SHIFT)).collect();
    net.min_cost_max_flow(source, sink);

    // Which vacancies each class and region node's flow reached, a unit at a time.
    let mut pools: HashMap<usize, Vec<usize>> = outs
        .into_iter()
        .map(|(node, edges)| {
            let units = edges.into_iter().flat_map(|(e, vi)| std::iter::repeat_n(vi, net.flow(e) as usize));
            (node, units.collect())
        })
        .collect();
    let mut take =
        |node: usize| pools.get_mut(&node).and_then(Vec::pop).expect("a unit that came in goes out");
    let mut placed: Vec<(usize, usize)> = Vec::new();
    for (gi, via) in &routes {
        if let Some((_, via)) = via.iter().find(|(e, _)| net.flow(*e) > 0) {
            let vi = match *via {
                Via::Class(class) => take(classes[class].node),
                Via::Region(node) => take(node),
                Via::Vacancy(vi) => vi,
            };
            placed.push((*gi, vi));
        }
    }
    // A class's wish-less graduates take what is left of its flow, in list order.
    for (class, entry) in classes.iter().zip(entries) {
        for &gi in class.waiting.iter().take(net.flow(entry) as usize) {
            placed.push((gi, take(class.node)));
        }
    }
    placed
        .into_iter()
        .map(|(gi, vi)| {
            let g = &c.graduates[gi];
            weigh(g, c.application(g.id), &c.vacancies[vi])
        })
        .collect()
}
