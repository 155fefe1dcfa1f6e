//! A cohort's settings beside its rules table: when referred graduates arrive, how long after
//! that a referral with no arrival recorded counts as broken, the term of a graduate no row
//! covers, and the programmes' normative years. Data per cohort, as the rules table is: the
//! Rules are re-issued, and a cohort keeps what bound it.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::TERM_YEARS;
use crate::classifiers::Level;
use crate::i18n::{Text, UserFacing};
use crate::obligation::Years;

/// A day of the year, e.g. 1 September: referrals' arrival date unless one is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawDay")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ArrivalDay {
    month: u32,
    day: u32,
}

#[derive(Deserialize)]
struct RawDay {
    month: u32,
    day: u32,
}

impl TryFrom<RawDay> for ArrivalDay {
    type Error = SettingsError;
    fn try_from(raw: RawDay) -> Result<ArrivalDay, SettingsError> {
        ArrivalDay::new(raw.month, raw.day)
    }
}

impl ArrivalDay {
    /// A day every year has (29 February is refused).
    pub fn new(month: u32, day: u32) -> Result<ArrivalDay, SettingsError> {
        NaiveDate::from_ymd_opt(2023, month, day)
            .map(|_| ArrivalDay { month, day })
            .ok_or(SettingsError::BadArrivalDay { month, day })
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn day(self) -> u32 {
        self.day
    }

    pub fn in_year(self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day).expect("a day every year has")
    }
}

/// The normative years of study by level, for a list that gives the years on the grant alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NormativeYears {
    pub bachelor: Years,
    pub master: Years,
    pub residency: Years,
    pub doctorate: Years,
}

impl NormativeYears {
    pub fn of(&self, level: Level) -> Years {
        match level {
            Level::Bachelor => self.bachelor,
            Level::Master => self.master,
            Level::Residency => self.residency,
            Level::Doctorate => self.doctorate,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawSettings")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CohortSettings {
    /// Referrals' arrival date in the meeting's year (domain.md: 1 September, our reading).
    pub arrival: ArrivalDay,
    /// Days after the arrival date before a referral with no arrival (or centre registration)
    /// recorded counts as broken: the employer's confirmation takes time to come back.
    pub arrival_grace_days: u16,
    /// Days after a period ends (work, the centre, conscript service) before a gap counts as
    /// broken: time to start the next job, register at the centre, or come back from service.
    /// Our reading, not the law's figure: a setting.
    pub gap_grace_days: u16,
    /// The term of a graduate no rules row covers, when the commission refers them to the
    /// employment centre: the law's «не менее трёх лет» (art. 47 p. 17).
    pub uncovered_term_years: u8,
    pub normative_years: NormativeYears,
}

#[derive(Deserialize)]
struct RawSettings {
    arrival: ArrivalDay,
    arrival_grace_days: u16,
    gap_grace_days: u16,
    uncovered_term_years: u8,
    normative_years: NormativeYears,
}

impl TryFrom<RawSettings> for CohortSettings {
    type Error = SettingsError;
    fn try_from(raw: RawSettings) -> Result<CohortSettings, SettingsError> {
        CohortSettings::new(CohortSettings {
            arrival: raw.arrival,
            arrival_grace_days: raw.arrival_grace_days,
            gap_grace_days: raw.gap_grace_days,
            uncovered_term_years: raw.uncovered_term_years,
            normative_years: raw.normative_years,
        })
    }
}

impl Default for CohortSettings {
    fn default() -> CohortSettings {
        CohortSettings {
            arrival: ArrivalDay { month: 9, day: 1 },
            arrival_grace_days: 30,
            gap_grace_days: 30,
            uncovered_term_years: 3,
            normative_years: NormativeYears {
                bachelor: Years::whole(4),
                master: Years::whole(2),
                residency: Years::whole(2),
                doctorate: Years::whole(3),
            },
        }
    }
}

/// At most a year's grace: beyond that a referral is no longer a referral.
const MAX_GRACE_DAYS: u16 = 365;

impl CohortSettings {
    /// Checks the bounds a typing slip would break.
    pub fn new(settings: CohortSettings) -> Result<CohortSettings, SettingsError> {
        if let Some(days) =
            [settings.arrival_grace_days, settings.gap_grace_days].into_iter().find(|d| *d > MAX_GRACE_DAYS)
        {
            return Err(SettingsError::GraceTooLong { days });
        }
        if !TERM_YEARS.contains(&settings.uncovered_term_years) {
            return Err(SettingsError::TermOutOfRange { years: settings.uncovered_term_years });
        }
        Ok(settings)
    }

    /// The arrival date a referral at a meeting held on `meeting` gets unless one is given: the
    /// cohort's arrival day in the meeting's year, or the meeting's own day once that passed.
    pub fn default_arrival(&self, meeting: NaiveDate) -> NaiveDate {
        self.arrival.in_year(meeting.year()).max(meeting)
    }

    /// The last day to arrive on a referral dated to arrive on `arrival`.
    pub fn deadline(&self, arrival: NaiveDate) -> NaiveDate {
        arrival + chrono::Days::new(self.arrival_grace_days.into())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("{day}.{month} is not a day of every year")]
    BadArrivalDay { month: u32, day: u32 },
    #[error("a grace of {days} days")]
    GraceTooLong { days: u16 },
    #[error("a term of {years} years")]
    TermOutOfRange { years: u8 },
}

impl UserFacing for SettingsError {
    /// Stable codes: `settings_arrival_day`, `settings_grace_too_long`, `settings_term_out_of_range`.
    fn code(&self) -> &'static str {
        match self {
            SettingsError::BadArrivalDay { .. } => "settings_arrival_day",
            SettingsError::GraceTooLong { .. } => "settings_grace_too_long",
            SettingsError::TermOutOfRange { .. } => "settings_term_out_of_range",
        }
    }

    fn message(&self) -> Text {
        let (min, max) = (TERM_YEARS.start(), TERM_YEARS.end());
        match self {
            SettingsError::BadArrivalDay { month, day } => Text::new(
                format!("{day:02}.{month:02} күні әр жылы бола бермейді: басқа күнді таңдаңыз."),
                format!("Дня {day:02}.{month:02} нет в каждом году: выберите другой день."),
            ),
            SettingsError::GraceTooLong { days } => Text::new(
                format!("Күту мерзімі {days} күн: {MAX_GRACE_DAYS} күннен аспауы керек."),
                format!("Срок ожидания {days} дн.: не больше {MAX_GRACE_DAYS} дн."),
            ),
            SettingsError::TermOutOfRange { years } => Text::new(
                format!("Өтеу мерзімі {years} жыл, ал {min}–{max} жыл болуы керек."),
                format!("Срок отработки указан как {years} (лет), а должен быть от {min} до {max}."),
            ),
        }
    }
}
