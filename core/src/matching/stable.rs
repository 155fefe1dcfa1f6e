//! Graduate-proposing deferred acceptance (Gale–Shapley, as the medical residency match runs
//! it): each graduate asks for their next wish; a vacancy holds the best its places allow by the
//! commission's order and turns the rest back; it ends when nobody is turned back or has a wish
//! left. The result is stable (no graduate wants a place held by someone ranked below them), the
//! best stable result for every graduate at once, and nobody gains by hiding their true wishes.

use std::collections::BinaryHeap;

/// Each graduate's vacancy: `lists[g]` the vacancies g would take, best first; `capacities[v]`
/// its places; `place(v, g)` g's place in the commission's order for v (0 first, distinct per
/// vacancy). Every proposal is made once, so the work is the lists' total length (log places).
pub fn deferred_acceptance(
    lists: &[Vec<usize>],
    capacities: &[u32],
    place: impl Fn(usize, usize) -> u32,
) -> Vec<Option<usize>> {
    let mut next = vec![0usize; lists.len()];
    // Per vacancy the graduates it holds, the last in the order on top.
    let mut held: Vec<BinaryHeap<(u32, usize)>> = vec![BinaryHeap::new(); capacities.len()];
    let mut asking: Vec<usize> = (0..lists.len()).rev().collect();
    while let Some(g) = asking.pop() {
        let Some(&v) = lists[g].get(next[g]) else { continue };
        next[g] += 1;
        held[v].push((place(v, g), g));
        if held[v].len() > capacities[v] as usize {
            let (_, turned_back) = held[v].pop().expect("more held than places");
            asking.push(turned_back);
        }
    }
    let mut result = vec![None; lists.len()];
    for (v, holds) in held.into_iter().enumerate() {
        for (_, g) in holds {
            result[g] = Some(v);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Random instance: lists over `vacancies` (no repeats), capacities, and per vacancy a
    /// permutation of the graduates as its order.
    #[derive(Clone, Debug)]
    struct Instance {
        lists: Vec<Vec<usize>>,
        capacities: Vec<u32>,
        order: Vec<Vec<u32>>,
    }

    impl Instance {
        fn place(&self) -> impl Fn(usize, usize) -> u32 + '_ {
            |v, g| self.order[v][g]
        }

        /// Where `g` ranks `v` (lower is better); `None`: not on their list.
        fn want(&self, g: usize, v: usize) -> Option<usize> {
            self.lists[g].iter().position(|&x| x == v)
        }

        /// Whether `g` strictly prefers `a` to `b` (`None`: unplaced).
        fn prefers(&self, g: usize, a: usize, b: Option<usize>) -> bool {
            match (self.want(g, a), b.map(|b| self.want(g, b))) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(a), Some(b)) => b.is_none_or(|b| a < b),
            }
        }

        /// The blocking pairs of `m`: g wants v more than their own, and v has a free place or
        /// holds someone ranked below g.
        fn blocking(&self, m: &[Option<usize>]) -> Vec<(usize, usize)> {
            let mut pairs = Vec::new();
            for g in 0..self.lists.len() {
                for &v in &self.lists[g] {
                    if !self.prefers(g, v, m[g]) {
                        continue;
                    }
                    let holders: Vec<usize> = (0..m.len()).filter(|&h| m[h] == Some(v)).collect();
                    let free = (holders.len() as u32) < self.capacities[v];
                    if free || holders.iter().any(|&h| self.order[v][h] > self.order[v][g]) {
                        pairs.push((g, v));
                    }
                }
            }
            pairs
        }

        /// Every matching within the lists and the places.
        fn all_matchings(&self) -> Vec<Vec<Option<usize>>> {
            fn go(
                i: &Instance,
                g: usize,
                used: &mut Vec<u32>,
                m: &mut Vec<Option<usize>>,
                out: &mut Vec<Vec<Option<usize>>>,
            ) {
                if g == i.lists.len() {
                    out.push(m.clone());
                    return;
                }
                m[g] = None;
                go(i, g + 1, used, m, out);
                for &v in &i.lists[g] {
                    if used[v] < i.capacities[v] {
                        used[v] += 1;
                        m[g] = Some(v);
                        go(i, g + 1, used, m, out);
                        used[v] -= 1;
                    }
                }
                m[g] = None;
            }
            let mut out = Vec::new();
            go(self, 0, &mut vec![0; self.capacities.len()], &mut vec![None; self.lists.len()], &mut out);
            out
        }
    }

    fn instance(graduates: usize, vacancies: usize) -> impl Strategy<Value = Instance> {
        let lists = proptest::collection::vec(
            Just((0..vacancies).collect::<Vec<_>>())
                .prop_shuffle()
                .prop_flat_map(move |all| (0..=vacancies).prop_map(move |n| all[..n].to_vec())),
            graduates,
        );
        let capacities = proptest::collection::vec(0u32..3, vacancies);
        let order = proptest::collection::vec(
            Just((0..graduates as u32).collect::<Vec<_>>()).prop_shuffle(),
            vacancies,
        );
        (lists, capacities, order).prop_map(|(lists, capacities, order)| Instance {
            lists,
            capacities,
            order,
        })
    }

    fn sized(max_graduates: usize, max_vacancies: usize) -> impl Strategy<Value = Instance> {
        (1..=max_graduates, 1..=max_vacancies).prop_flat_map(|(g, v)| instance(g, v))
    }

    fn run(i: &Instance) -> Vec<Option<usize>> {
        deferred_acceptance(&i.lists, &i.capacities, i.place())
    }

    #[test]
    fn the_higher_ranked_graduate_keeps_the_last_place() {
        // One place; B asks first, A (ranked first) asks later and takes it; B goes on to Y.
        let lists = vec![vec![0], vec![0, 1]];
        let order = [[0, 1], [0, 1]];
        let m = deferred_acceptance(&lists, &[1, 1], |v, g| order[v][g]);
        assert_eq!(m, [Some(0), Some(1)]);
    }

    #[test]
    fn a_vacancy_without_places_turns_everyone_back() {
        let m = deferred_acceptance(&[vec![0, 1], vec![0]], &[0, 1], |_, g| g as u32);
        assert_eq!(m, [Some(1), None]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Within lists and places, and no graduate and vacancy would both rather have each other.
        #[test]
        fn no_blocking_pair(i in sized(12, 6)) {
            let m = run(&i);
            for (g, v) in m.iter().enumerate() {
                if let Some(v) = v {
                    prop_assert!(i.lists[g].contains(v));
                }
            }
            for v in 0..i.capacities.len() {
                prop_assert!(m.iter().filter(|x| **x == Some(v)).count() as u32 <= i.capacities[v]);
            }
            prop_assert_eq!(i.blocking(&m), vec![]);
        }

        /// On small instances, every graduate does at least as well as in any stable matching
        /// found by brute force (so the result is the graduate-optimal one).
        #[test]
        fn graduate_optimal_among_all_stable_matchings(i in sized(5, 3)) {
            let m = run(&i);
            let stable: Vec<_> = i.all_matchings().into_iter().filter(|x| i.blocking(x).is_empty()).collect();
            prop_assert!(stable.contains(&m));
            for other in &stable {
                for (g, theirs) in other.iter().enumerate() {
                    if let Some(v) = *theirs {
                        prop_assert!(!i.prefers(g, v, m[g]), "graduate {} would rather have {} of another stable matching than {:?}", g, v, m[g]);
                    }
                }
            }
        }

        /// No graduate gets a place they truly want more by handing in a different list
        /// (reordered, shortened, or with other vacancies).
        #[test]
        fn truthful_wishes_are_never_worse(
            i in sized(7, 4),
            liar in 0usize..7,
            lie in proptest::collection::vec(0usize..4, 0..5),
        ) {
            let liar = liar % i.lists.len();
            let mut told = i.clone();
            let mut lie: Vec<usize> = lie.into_iter().filter(|&v| v < i.capacities.len()).collect();
            lie.dedup();
            let mut seen = std::collections::HashSet::new();
            lie.retain(|v| seen.insert(*v));
            told.lists[liar] = lie;
            let truthful = run(&i)[liar];
            let lied = run(&told)[liar];
            if let Some(got) = lied {
                prop_assert!(!i.prefers(liar, got, truthful),
                    "lying got {:?}, truth {:?} (true list {:?})", lied, truthful, i.lists[liar]);
            }
        }
    }
}
