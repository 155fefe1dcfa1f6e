//! Min-cost max-flow over a bipartite graph: fill mode's engine.

use std::collections::VecDeque;

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
