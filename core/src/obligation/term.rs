//! The term: whole years in the rules table, made proportional to the years studied on the
//! grant (Law «On Education», art. 47 p. 17 as amended in 2021: the term is in proportion to
//! the time studied on the state's money), and counted in days.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ObligationError;

/// Study years as lists and cards state them, to a tenth (2,5 years): stored as tenths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, type = "number"))]
pub struct Years(u16);

impl Years {
    /// No programme is longer than this many years (tenths): a bound for typing slips.
    const MAX_TENTHS: u16 = 150;

    /// `tenths` of a year, more than 0 and at most 15 years.
    pub fn from_tenths(tenths: u16) -> Option<Years> {
        (1..=Self::MAX_TENTHS).contains(&tenths).then_some(Years(tenths))
    }

    pub const fn whole(years: u8) -> Years {
        Years(years as u16 * 10)
    }

    pub fn tenths(self) -> u16 {
        self.0
    }

    /// «2», «2,5», «2.5», « 4 »: a year count as people type it, to a tenth.
    pub fn parse(text: &str) -> Option<Years> {
        let text = text.trim().replace(',', ".");
        let value: f64 = text.parse().ok()?;
        Years::try_from(value).ok()
    }
}

impl TryFrom<f64> for Years {
    type Error = ObligationError;
    fn try_from(value: f64) -> Result<Years, ObligationError> {
        let tenths = (value * 10.0).round();
        // Only whole tenths: 2,55 years is a slip, not a figure anyone means.
        if !value.is_finite()
            || (value * 10.0 - tenths).abs() > 1e-6
            || !(1.0..=f64::from(Self::MAX_TENTHS)).contains(&tenths)
        {
            return Err(ObligationError::BadYears { value: value.to_string() });
        }
        Ok(Years(tenths as u16))
    }
}

impl From<Years> for f64 {
    fn from(years: Years) -> f64 {
        f64::from(years.0) / 10.0
    }
}

/// «2», «2,5»: as Kazakh and Russian papers write a year count.
impl std::fmt::Display for Years {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 % 10 {
            0 => write!(f, "{}", self.0 / 10),
            tenth => write!(f, "{},{tenth}", self.0 / 10),
        }
    }
}

/// The years a graduate studied on the grant against the programme's normative years: the
/// share of the term (and, for a cost stated for the whole programme, of the cost) they owe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawShare")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GrantShare {
    on_grant: Years,
    normative: Years,
}

#[derive(Deserialize)]
struct RawShare {
    on_grant: Years,
    normative: Years,
}

impl TryFrom<RawShare> for GrantShare {
    type Error = ObligationError;
    fn try_from(raw: RawShare) -> Result<GrantShare, ObligationError> {
        GrantShare::new(raw.on_grant, raw.normative)
    }
}

impl GrantShare {
    /// Never more years on the grant than the programme lasts.
    pub fn new(on_grant: Years, normative: Years) -> Result<GrantShare, ObligationError> {
        if on_grant > normative {
            return Err(ObligationError::GrantLongerThanProgramme { on_grant, normative });
        }
        Ok(GrantShare { on_grant, normative })
    }

    pub fn on_grant(self) -> Years {
        self.on_grant
    }

    pub fn normative(self) -> Years {
        self.normative
    }

    pub fn is_whole(self) -> bool {
        self.on_grant == self.normative
    }

    /// `value` × on grant / normative, rounded half up.
    pub(super) fn of(self, value: u128) -> u128 {
        let (num, den) = (u128::from(self.on_grant.0), u128::from(self.normative.0));
        (2 * value * num + den) / (2 * den)
    }
}

/// The term of one obligation, in the rules' years and in days from its start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Term {
    /// As the rules table sets it: «not less than N years» for a whole grant.
    pub years: u8,
    /// From the start (included) to the same date `years` later (excluded). A start on
    /// 29 February ends on 28 February, the Civil Code's rule for a month without the date.
    pub full_days: u32,
    /// Set when the graduate studied part of the programme on the grant.
    pub share: Option<GrantShare>,
    /// `full_days`, or its share rounded half up to whole days: what is worked off.
    pub days: u32,
}

impl Term {
    pub fn new(years: u8, start: NaiveDate, share: Option<GrantShare>) -> Result<Term, ObligationError> {
        if years == 0 {
            return Err(ObligationError::ZeroTerm);
        }
        let end = start
            .checked_add_months(Months::new(12 * u32::from(years)))
            .ok_or(ObligationError::OutOfRange { start, years })?;
        let full_days = u32::try_from((end - start).num_days()).expect("at most 255 years of days");
        let days = match share.filter(|s| !s.is_whole()) {
            // At least one day: a tenth of a year on the grant still binds.
            Some(share) => u32::try_from(share.of(full_days.into())).expect("≤ full_days").max(1),
            None => full_days,
        };
        Ok(Term { years, full_days, share: share.filter(|s| !s.is_whole()), days })
    }
}
