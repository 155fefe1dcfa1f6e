//! The records the store keeps: what an import produces and what the listings return.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::classifiers::{Field, Funding, Level, OrgKind, Ownership, Region, Sex};
use crate::followup::GrantYears;
use crate::i18n::Text;
use crate::ident::{Bin, Iin};

/// A graduate as a list gives them, validated. Unique by (`iin`, `graduation_year`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GraduateRecord {
    pub iin: Iin,
    pub surname: String,
    pub name: String,
    pub patronymic: Option<String>,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub level: Level,
    pub funding: Funding,
    pub field: Field,
    pub program_code: String,
    /// The programme's name at this university (a programme is university + code + name).
    pub program_name: String,
    pub graduation_year: i32,
    /// Region of residence: where the employment centre referral goes.
    pub region: Option<Region>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The years on the grant when a list states them (a graduate who moved to the grant
    /// late); the store keeps the last a list gave, and the card can correct it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<GrantYears>,
    /// The grade average when the list gives one: a criterion of the commission's priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpa: Option<Gpa>,
}

/// A grade average on the credit system's 4-point scale (GPA), stored in hundredths (3,45 is
/// 345): whole numbers compare exactly, as a priority order must.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, type = "number"))]
pub struct Gpa(u16);

impl Gpa {
    const MAX_HUNDREDTHS: u16 = 400;

    pub fn from_hundredths(hundredths: u16) -> Option<Gpa> {
        (hundredths <= Self::MAX_HUNDREDTHS).then_some(Gpa(hundredths))
    }

    pub fn hundredths(self) -> u16 {
        self.0
    }

    /// «3,45» or «3.45».
    pub fn parse(text: &str) -> Option<Gpa> {
        text.trim().replace(',', ".").parse::<f64>().ok().and_then(|v| Gpa::try_from(v).ok())
    }
}

impl TryFrom<f64> for Gpa {
    type Error = String;
    fn try_from(value: f64) -> Result<Gpa, String> {
        let hundredths = (value * 100.0).round();
        match value.is_finite() && (0.0..=f64::from(Self::MAX_HUNDREDTHS)).contains(&hundredths) {
            true => Ok(Gpa(hundredths as u16)),
            false => Err(format!("{value} is not a grade average from 0 to 4")),
        }
    }
}

impl From<Gpa> for f64 {
    fn from(gpa: Gpa) -> f64 {
        f64::from(gpa.0) / 100.0
    }
}

impl std::fmt::Display for Gpa {
    /// With a decimal comma, as both languages write it: «3,45».
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{},{:02}", self.0 / 100, self.0 % 100)
    }
}

/// A stored graduate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Graduate {
    pub id: i64,
    #[serde(flatten)]
    pub record: GraduateRecord,
}

/// An employer as a vacancy list names it. Unique by BIN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EmployerRecord {
    pub bin: Bin,
    pub name: String,
    pub kind: OrgKind,
    pub ownership: Option<Ownership>,
}

/// An employer's request for graduates of one cohort: where, which position, how many places.
/// Unique by (employer BIN, year, position, settlement).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct VacancyRecord {
    pub employer: EmployerRecord,
    pub year: i32,
    pub position: String,
    /// Programme codes the employer asks for; empty means any.
    pub program_codes: Vec<String>,
    pub places: u32,
    pub region: Region,
    pub district: Option<String>,
    pub settlement: Option<String>,
    /// Whether the place of work is a rural settlement (rural-quota graduates need one).
    pub rural: bool,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
}

/// A stored vacancy; `places_left` drops as referrals take places (workflow issue).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Vacancy {
    pub id: i64,
    #[serde(flatten)]
    pub record: VacancyRecord,
    pub places_left: u32,
}

/// What applying a list did (or would do, in a dry run).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ApplyCounts {
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Records the commission has decided on that this list changed (a graduate with a
    /// decision, a vacancy or employer with referrals): applied to the live record, while
    /// finalised papers keep what they printed; the commission should look at them again.
    pub decided: Vec<DecidedChange>,
}

/// A decided record a list changed, and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DecidedChange {
    /// Who or what: «Ахметов Айдос, 020427650123», «ТОО «Х», учитель».
    pub label: String,
    pub changes: Vec<FieldChange>,
}

/// One field's old and new value, as a person reads them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FieldChange {
    /// The field's stable key (`surname`, `program_code`, `places`…).
    pub field: String,
    pub label: Text,
    pub old: Text,
    pub new: Text,
}

/// The home university as its commission's papers head them: name, address and the
/// letterhead's further line (department, phone, e-mail), each in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct University {
    pub name: Text,
    pub address: Text,
    pub letterhead: Text,
}

/// Surname, name and patronymic, as papers and lists write them.
pub fn full_name(surname: &str, name: &str, patronymic: Option<&str>) -> String {
    [Some(surname), Some(name), patronymic].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

impl GraduateRecord {
    pub fn full_name(&self) -> String {
        full_name(&self.surname, &self.name, self.patronymic.as_deref())
    }
}
