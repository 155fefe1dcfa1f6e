//! IIN (ЖСН, a person's number) and BIN (БСН, an organisation's number): 12 digits with a
//! check digit (algorithm in domain.md). Both types are valid by construction.
//!
//! INTERFACE STUB — to be implemented (helper A). Keep these signatures; add what you need.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::classifiers::Sex;
use crate::i18n::{Text, UserFacing};

/// Which identifier a fault concerns; it prefixes the problem code (`iin_…`, `bin_…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    Iin,
    Bin,
}

/// Why a text is not a valid IIN or BIN.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("{kind:?}: empty")]
    Empty { kind: IdKind },
    #[error("{kind:?}: not digits: {text}")]
    NotDigits { kind: IdKind, text: String },
    #[error("{kind:?}: {len} digits instead of 12")]
    Length { kind: IdKind, len: usize },
    #[error("{kind:?}: check digit {found}, expected {expected}")]
    CheckDigit { kind: IdKind, found: u8, expected: u8 },
    /// Both weightings give 10: such a number is never issued.
    #[error("{kind:?}: never issued")]
    NeverIssued { kind: IdKind },
    /// IIN: digits 1–6 are not a date, or digit 7 is not 1–6. BIN: month not 01–12.
    #[error("{kind:?}: bad date part")]
    BadDate { kind: IdKind },
    /// BIN: digit 5 (type) not 4/5/6 or digit 6 (attribute) not 0–3. IIN: digit 7 not 1–6.
    #[error("{kind:?}: bad type digit")]
    BadTypeDigit { kind: IdKind },
}

impl UserFacing for IdError {
    /// Stable codes: `iin_empty`, `iin_not_digits`, `iin_length`, `iin_check_digit`,
    /// `iin_never_issued`, `iin_bad_date`, `iin_bad_type_digit`, and the same with `bin_`.
    fn code(&self) -> &'static str {
        todo!()
    }
    fn message(&self) -> Text {
        todo!()
    }
}

/// A person's IIN. Digits 1–6 birth date YYMMDD, 7 century and sex (1/2 1800s, 3/4 1900s,
/// 5/6 2000s; odd male), 8–11 serial, 12 check digit.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin([u8; 12]);

impl Iin {
    /// From text as typed or exported: trims spaces (also inside: "871008 401427"), a leading
    /// apostrophe (Excel's text marker), non-breaking spaces. Does NOT pad short text.
    pub fn parse(_text: &str) -> Result<Iin, IdError> {
        todo!()
    }
    /// From a numeric spreadsheet cell, which loses leading zeros (2000s births): a whole
    /// non-negative number below 10^12 is padded back to 12 digits, then checked.
    pub fn from_number(_value: f64) -> Result<Iin, IdError> {
        todo!()
    }
    pub fn as_str(&self) -> &str {
        todo!()
    }
    pub fn birth_date(&self) -> NaiveDate {
        todo!()
    }
    pub fn sex(&self) -> Sex {
        todo!()
    }
}

/// An organisation's BIN: YYMM registration, type (4 resident, 5 non-resident, 6 joint IE),
/// attribute (0 head office, 1 branch, 2 representative office, 3 peasant farm), 5-digit serial,
/// check digit.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bin([u8; 12]);

impl Bin {
    pub fn parse(_text: &str) -> Result<Bin, IdError> {
        todo!()
    }
    pub fn from_number(_value: f64) -> Result<Bin, IdError> {
        todo!()
    }
    pub fn as_str(&self) -> &str {
        todo!()
    }
}

// Display/Debug print the 12 digits; serde as a string (deserialising validates).
macro_rules! string_id_impls {
    ($t:ty) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($t), self.as_str())
            }
        }
        impl std::str::FromStr for $t {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                <$t>::parse(s)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                <$t>::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}
string_id_impls!(Iin);
string_id_impls!(Bin);
