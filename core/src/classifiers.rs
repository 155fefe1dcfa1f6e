//! Classifiers as data: every value with its code, Kazakh and Russian labels and the spellings
//! that lists really use. Matching goes through [`fold`], so the tables hold plain words.
//! Unknown spellings give `None`: the caller reports them, nothing is guessed.
//!
//! INTERFACE STUB — to be implemented (helper A). Keep these signatures; add what you need.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Folds a spreadsheet text for matching: lowercase; Kazakh letters to their Russian
/// look-alikes (ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и); ё→е; Latin look-alike letters in
/// Cyrillic words left alone; punctuation (.,;:«»"'()-–—/№) to spaces; runs of white space
/// (including non-breaking) to one space; trimmed.
pub fn fold(_text: &str) -> String {
    todo!()
}

/// A closed list of values, each with a stable code (also its serde name) and labels.
pub trait Classifier: Sized + Copy + Eq + 'static {
    const ALL: &'static [Self];
    /// Stable snake_case code, as stored and as in JSON.
    fn code(self) -> &'static str;
    fn label(self, lang: Lang) -> &'static str;
    /// Every spelling a list may use for this value (labels included), matched after [`fold`].
    fn spellings(self) -> &'static [&'static str];

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
    /// The value a spreadsheet text names, if exactly one value claims it.
    fn parse(_text: &str) -> Option<Self> {
        todo!()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Abai,
    Akmola,
    Aktobe,
    AlmatyRegion,
    Atyrau,
    WestKazakhstan,
    Zhambyl,
    Jetisu,
    Karaganda,
    Kostanay,
    Kyzylorda,
    Mangystau,
    Pavlodar,
    NorthKazakhstan,
    Turkistan,
    Ulytau,
    EastKazakhstan,
    Astana,
    AlmatyCity,
    Shymkent,
}

impl Region {
    /// The KATO code of the region or city of republican significance.
    pub fn kato(self) -> &'static str {
        todo!()
    }
    pub fn is_city(self) -> bool {
        matches!(self, Region::Astana | Region::AlmatyCity | Region::Shymkent)
    }
}

/// The basis on which the studies were paid, which decides the obligation's category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Funding {
    StateOrder,
    RuralQuota,
    Serpin,
    Phd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Bachelor,
    Master,
    Residency,
    Doctorate,
}

impl Level {
    /// From the programme code's prefix: 6B bachelor, 7M master, 7R residency, 8D doctorate.
    pub fn of_program_code(_code: &str) -> Option<Level> {
        todo!()
    }
}

/// The field of a programme as the rules table distinguishes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Pedagogical,
    Medical,
    Veterinary,
    Agricultural,
    Technical,
    Other,
}

impl Field {
    /// From the level and the programme code's area (the two digits after 6B/7M/7R/8D), by a
    /// table: first matching row wins. Bachelor: 01 pedagogical, 10 medical, 09 veterinary,
    /// 08 agricultural, 06 and 07 technical, else other. Master: 01 pedagogical, 10 medical,
    /// 09 veterinary, 08 agricultural, else other. Residency: medical. Doctorate: other (the
    /// rules do not distinguish fields there). `None` if the code is not of the form.
    pub fn of_program(_level: Level, _code: &str) -> Option<Field> {
        todo!()
    }
}

/// The kind of an employer, which the rules table allows or refuses per category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Education,
    Health,
    Veterinary,
    StateVetBody,
    Agrarian,
    Science,
    University,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    State,
    Private,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// A yes/no cell (the rural flag): да/нет, иә/жоқ, yes/no, 1/0, +/-, сельская/городская,
/// ауыл/қала, true/false.
pub fn parse_yes_no(_text: &str) -> Option<bool> {
    todo!()
}
