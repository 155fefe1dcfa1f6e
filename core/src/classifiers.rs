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

/// Labels and spellings of a classifier declared with `classifier_enum!` (which gives each
/// enum `ALL`, `code()` and `from_code()`).
pub trait Classifier: Sized + Copy + Eq + 'static {
    fn label(self, lang: Lang) -> &'static str;
    /// Every spelling a list may use for this value (labels included), matched after [`fold`].
    fn spellings(self) -> &'static [&'static str];

    /// The value a spreadsheet text names, if exactly one value claims it.
    fn parse(_text: &str) -> Option<Self> {
        todo!()
    }
}

/// Declares a classifier enum with its stable codes (the serde names too) and `ALL`.
/// Labels and spellings are data tables beside each enum (`impl Classifier`).
macro_rules! classifier_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident => $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Stable code, as stored and as in JSON.
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

classifier_enum! {
    pub enum Region {
        Abai => "abai",
        Akmola => "akmola",
        Aktobe => "aktobe",
        AlmatyRegion => "almaty_region",
        Atyrau => "atyrau",
        WestKazakhstan => "west_kazakhstan",
        Zhambyl => "zhambyl",
        Jetisu => "jetisu",
        Karaganda => "karaganda",
        Kostanay => "kostanay",
        Kyzylorda => "kyzylorda",
        Mangystau => "mangystau",
        Pavlodar => "pavlodar",
        NorthKazakhstan => "north_kazakhstan",
        Turkistan => "turkistan",
        Ulytau => "ulytau",
        EastKazakhstan => "east_kazakhstan",
        Astana => "astana",
        AlmatyCity => "almaty_city",
        Shymkent => "shymkent",
    }
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

classifier_enum! {
    /// The basis on which the studies were paid, which decides the obligation's category.
    pub enum Funding {
        StateOrder => "state_order",
        RuralQuota => "rural_quota",
        Serpin => "serpin",
        Phd => "phd",
    }
}

classifier_enum! {
    pub enum Level {
        Bachelor => "bachelor",
        Master => "master",
        Residency => "residency",
        Doctorate => "doctorate",
    }
}

impl Level {
    /// From the programme code's prefix: 6B bachelor, 7M master, 7R residency, 8D doctorate.
    pub fn of_program_code(_code: &str) -> Option<Level> {
        todo!()
    }
}

classifier_enum! {
    /// The field of a programme as the rules table distinguishes it.
    pub enum Field {
        Pedagogical => "pedagogical",
        Medical => "medical",
        Veterinary => "veterinary",
        Agricultural => "agricultural",
        Technical => "technical",
        Other => "other",
    }
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

classifier_enum! {
    /// The kind of an employer, which the rules table allows or refuses per category.
    pub enum OrgKind {
        Education => "education",
        Health => "health",
        Veterinary => "veterinary",
        StateVetBody => "state_vet_body",
        Agrarian => "agrarian",
        Science => "science",
        University => "university",
        Other => "other",
    }
}

classifier_enum! {
    pub enum Ownership {
        State => "state",
        Private => "private",
    }
}

classifier_enum! {
    pub enum Sex {
        Male => "male",
        Female => "female",
    }
}

/// A yes/no cell (the rural flag): да/нет, иә/жоқ, yes/no, 1/0, +/-, сельская/городская,
/// ауыл/қала, true/false.
pub fn parse_yes_no(_text: &str) -> Option<bool> {
    todo!()
}
