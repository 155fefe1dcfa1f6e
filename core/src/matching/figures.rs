//! The figures the commission compares the two modes by.

use std::collections::HashMap;

use serde::Serialize;

use super::wishes::Index;
use super::{Cohort, Mode, Suggestion};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Figures {
    pub mode: Mode,
    pub graduates: usize,
    /// The open vacancies' places left, in all.
    pub places: u32,
    /// Graduates placed (places filled).
    pub placed: usize,
    /// Graduates placed at their 1st, 2nd, … wish.
    pub by_wish: Vec<usize>,
    /// Graduates placed on a vacancy none of their wishes names.
    pub no_wish: usize,
    /// Graduates left for the commission (centre, exemption, deferral).
    pub unplaced: usize,
    /// Graduates with justified envy: a vacancy they wanted more went to someone the
    /// commission ranked below them. Stable mode's is 0 by construction.
    pub envy: usize,
}

/// The figures of `suggestions`, a result in `mode` over `c`.
pub fn figures(c: &Cohort<'_>, mode: Mode, suggestions: &[Suggestion]) -> Figures {
    let mut by_wish = Vec::new();
    for rank in suggestions.iter().filter_map(|s| s.wish) {
        if by_wish.len() < rank {
            by_wish.resize(rank, 0);
        }
        by_wish[rank - 1] += 1;
    }
    let vacancy_at: HashMap<i64, usize> = c.vacancies.iter().enumerate().map(|(i, v)| (v.id, i)).collect();
    let graduate_at: HashMap<i64, usize> = c.graduates.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
    let mut got = vec![None; c.graduates.len()];
    for s in suggestions {
        got[graduate_at[&s.graduate_id]] = Some(vacancy_at[&s.vacancy_id]);
    }
    // Per vacancy, the last place in the order among those it went to.
    let order = c.order();
    let mut last = vec![None::<u32>; c.vacancies.len()];
    for (g, v) in got.iter().enumerate() {
        if let Some(v) = *v {
            last[v] = last[v].max(Some(order.place(g, &c.vacancies[v])));
        }
    }
    let index = Index::new(c.vacancies);
    let envy = c
        .graduates
        .iter()
        .enumerate()
        .filter(|(gi, g)| {
            let list = c.list(g, &index);
            let own = list.iter().position(|(v, _)| Some(*v) == got[*gi]).unwrap_or(list.len());
            list[..own]
                .iter()
                .any(|&(v, _)| last[v].is_some_and(|last| order.place(*gi, &c.vacancies[v]) < last))
        })
        .count();
    Figures {
        mode,
        graduates: c.graduates.len(),
        places: c.vacancies.iter().map(|v| v.places_left).sum(),
        placed: suggestions.len(),
        no_wish: suggestions.iter().filter(|s| s.wish.is_none()).count(),
        by_wish,
        unplaced: c.graduates.len() - suggestions.len(),
        envy,
    }
}
