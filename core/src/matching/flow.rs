//! Min-cost max-flow: fill mode's engine. Primal-dual: Dijkstra over reduced costs (the
//! potentials keep them non-negative) finds the cheapest distance to the sink, then a blocking
//! flow (Dinic's, with current arcs) pushes along every path of that distance at once. Costs are
//! small integers, so a cohort takes a few dozen rounds rather than one round per graduate.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// A flow network; each edge is stored with its residual twin at index `id ^ 1`.
pub struct Network {
    head: Vec<Vec<usize>>,
    to: Vec<usize>,
    capacity: Vec<i64>,
    cost: Vec<i64>,
}

/// An edge that never limits the flow.
pub const UNLIMITED: i64 = i64::MAX / 4;

impl Network {
    pub fn new(nodes: usize) -> Network {
        Network { head: vec![Vec::new(); nodes], to: Vec::new(), capacity: Vec::new(), cost: Vec::new() }
    }

    pub fn node(&mut self) -> usize {
        self.head.push(Vec::new());
        self.head.len() - 1
    }

    /// An edge of `capacity` at `cost` a unit (not negative: the first round's potentials are 0).
    pub fn edge(&mut self, from: usize, to: usize, capacity: i64, cost: i64) -> usize {
        debug_assert!(cost >= 0, "negative cost {cost}");
        let id = self.to.len();
        for (a, b, cap, c) in [(from, to, capacity, cost), (to, from, 0, -cost)] {
            self.head[a].push(self.to.len());
            self.to.push(b);
            self.capacity.push(cap);
            self.cost.push(c);
        }
        id
    }

    pub fn flow(&self, edge: usize) -> i64 {
        self.capacity[edge ^ 1]
    }

    /// Sends as much as possible from `source` to `sink`, of least total cost among such flows.
    pub fn min_cost_max_flow(&mut self, source: usize, sink: usize) {
        let n = self.head.len();
        let mut potential = vec![0i64; n];
        loop {
            let distance = self.distances(source, &potential);
            if distance[sink] == i64::MAX {
                return;
            }
            // A node the source cannot reach now never becomes reachable: augmenting adds only
            // twins of edges between reachable nodes.
            for (p, d) in potential.iter_mut().zip(&distance) {
                if *d != i64::MAX {
                    *p += d;
                }
            }
            while let Some(level) = self.levels(source, sink, &potential) {
                let mut arc = vec![0usize; n];
                while self.augment(source, sink, &level, &mut arc, &potential) {}
            }
        }
    }

    /// Whether the edge has room and lies on a cheapest path (reduced cost 0).
    fn admissible(&self, e: usize, potential: &[i64]) -> bool {
        let from = self.to[e ^ 1];
        self.capacity[e] > 0 && self.cost[e] + potential[from] - potential[self.to[e]] == 0
    }

    /// Dijkstra over the reduced costs, which the potentials keep non-negative.
    fn distances(&self, source: usize, potential: &[i64]) -> Vec<i64> {
        let mut distance = vec![i64::MAX; self.head.len()];
        let mut heap = BinaryHeap::from([Reverse((0i64, source))]);
        distance[source] = 0;
        while let Some(Reverse((d, node))) = heap.pop() {
            if d > distance[node] {
                continue;
            }
            for &e in &self.head[node] {
                let next = self.to[e];
                if self.capacity[e] <= 0 {
                    continue;
                }
                let reduced = d + self.cost[e] + potential[node] - potential[next];
                if reduced < distance[next] {
                    distance[next] = reduced;
                    heap.push(Reverse((reduced, next)));
                }
            }
        }
        distance
    }

    /// Breadth-first levels over the admissible edges, if the sink is among them.
    fn levels(&self, source: usize, sink: usize, potential: &[i64]) -> Option<Vec<u32>> {
        let mut level = vec![u32::MAX; self.head.len()];
        level[source] = 0;
        let mut queue = VecDeque::from([source]);
        while let Some(node) = queue.pop_front() {
            for &e in &self.head[node] {
                let next = self.to[e];
                if level[next] == u32::MAX && self.admissible(e, potential) {
                    level[next] = level[node] + 1;
                    queue.push_back(next);
                }
            }
        }
        (level[sink] != u32::MAX).then_some(level)
    }

    /// One path along admissible edges that climb a level each, pushed with all it can carry;
    /// `arc` keeps each node's first edge not yet found useless. Iterative: a path may be long.
    fn augment(
        &mut self,
        source: usize,
        sink: usize,
        level: &[u32],
        arc: &mut [usize],
        potential: &[i64],
    ) -> bool {
        let mut path: Vec<usize> = Vec::new();
        let mut node = source;
        loop {
            if node == sink {
                let amount = path.iter().map(|&e| self.capacity[e]).min().unwrap_or(0);
                for &e in &path {
                    self.capacity[e] -= amount;
                    self.capacity[e ^ 1] += amount;
                }
                return true;
            }
            let next = self.head[node][arc[node]..]
                .iter()
                .position(|&e| level[self.to[e]] == level[node] + 1 && self.admissible(e, potential));
            match next {
                Some(skip) => {
                    arc[node] += skip;
                    let e = self.head[node][arc[node]];
                    path.push(e);
                    node = self.to[e];
                }
                None => {
                    arc[node] = self.head[node].len();
                    let Some(e) = path.pop() else { return false };
                    node = self.to[e ^ 1];
                    arc[node] += 1;
                }
            }
        }
    }
}

/// Min-cost max-flow assignment: each left item `l` to right items, `supplies[l]` units in all,
/// each right item `r` taking at most `capacities[r]`, along `edges` `(left, right, cost)` of
/// any capacity. Returns the units sent along each edge: as many as possible, of least total
/// cost among those.
pub fn assign(supplies: &[u32], capacities: &[u32], edges: &[(usize, usize, i64)]) -> Vec<u32> {
    let (source, sink) = (0, 1);
    let left_node = |l: usize| 2 + l;
    let right_node = |r: usize| 2 + supplies.len() + r;
    let mut network = Network::new(2 + supplies.len() + capacities.len());
    for (l, &supply) in supplies.iter().enumerate() {
        network.edge(source, left_node(l), i64::from(supply), 0);
    }
    let ids: Vec<usize> = edges
        .iter()
        .map(|&(l, r, cost)| network.edge(left_node(l), right_node(r), UNLIMITED, cost))
        .collect();
    for (r, &cap) in capacities.iter().enumerate() {
        network.edge(right_node(r), sink, i64::from(cap), 0);
    }
    network.min_cost_max_flow(source, sink);
    ids.iter().map(|&id| u32::try_from(network.flow(id)).unwrap_or(u32::MAX)).collect()
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
