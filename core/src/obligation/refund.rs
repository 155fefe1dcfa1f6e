//! The refund of the budget's costs for the unworked part of the term (domain.md, «Refund»,
//! our reading): cost × unworked days / term days, where the cost is what the state paid for
//! the years on the grant. Rounded once, half up, to whole tenge.

use super::GrantShare;
use crate::classifiers::classifier_enum;

classifier_enum! {
    /// What a recorded cost of the studies covers: what the budget paid for this graduate's
    /// years on the grant (taken as it is), or the programme's cost over its normative years
    /// (the grant's share of it is owed).
    pub enum CostScope {
        GrantYears => "grant_years",
        WholeProgramme => "whole_programme",
    }
}

/// The cost the refund is a share of, in tenge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    pub amount: u64,
    pub scope: CostScope,
}

impl Cost {
    /// The part of the cost the grant paid for: the whole amount, or its share.
    pub fn on_grant(self, share: Option<GrantShare>) -> u64 {
        match (self.scope, share) {
            (CostScope::WholeProgramme, Some(share)) => {
                u64::try_from(share.of(self.amount.into())).expect("a share is at most the whole")
            }
            _ => self.amount,
        }
    }

    /// The refund for `unworked` of `term_days`. Each step is rounded once, half up, as the
    /// calculation sheet prints it: the grant's share of the cost, then the refund.
    pub fn refund(self, share: Option<GrantShare>, term_days: u32, unworked: u32) -> u64 {
        refund(self.on_grant(share), term_days, unworked)
    }
}

/// cost × unworked / term, rounded half up, in integers: ⌊(2·cost·unworked + term) / (2·term)⌋.
/// Never more than `cost`.
pub(super) fn refund(cost: u64, term_days: u32, unworked: u32) -> u64 {
    let term = u128::from(term_days.max(1));
    let unworked = u128::from(unworked.min(term_days));
    let refund = (2 * u128::from(cost) * unworked + term) / (2 * term);
    u64::try_from(refund).expect("refund ≤ cost")
}
