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
