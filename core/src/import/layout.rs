//! A list's layout: the header row that identifies a registrar's or an employer's template, so
//! that a column mapping a person chose for it is offered again when the same template comes
//! (next year's list, another faculty's copy).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ColumnMapping;
use crate::classifiers::fold;

/// Which kind of list a layout is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Graduates,
    Vacancies,
    Applications,
}

impl ListKind {
    pub fn code(self) -> &'static str {
        match self {
            ListKind::Graduates => "graduates",
            ListKind::Vacancies => "vacancies",
            ListKind::Applications => "applications",
        }
    }
}

/// The header row's fingerprint: each non-empty cell with its column, folded so that case,
/// spacing and punctuation do not make another layout. Lowercase hex SHA-256.
pub fn signature(header_cells: &[String]) -> String {
    let mut hasher = Sha256::new();
    for (index, text) in header_cells.iter().enumerate() {
        let folded = fold(text);
        if !folded.is_empty() {
            hasher.update(format!("{index}\t{folded}\n"));
        }
    }
    format!("{:x}", hasher.finalize())
}

/// A mapping a person chose for a layout, offered when a list of that layout comes again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RememberedMapping {
    /// The header row and the columns (the sheet is the one the list is found on).
    pub mapping: ColumnMapping,
    pub saved_at: String,
    pub actor: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn the_same_template_signs_the_same_whatever_its_case_and_spacing() {
        let this_year = signature(&cells(&["№", "ИИН", "Специальность (шифр)", ""]));
        let next_year = signature(&cells(&["№ ", "иин", "СПЕЦИАЛЬНОСТЬ  шифр", "", ""]));
        assert_eq!(this_year, next_year);
        assert_eq!(this_year.len(), 64);
    }

    #[test]
    fn another_order_or_another_wording_is_another_layout() {
        let base = signature(&cells(&["ИИН", "ФИО", "Основа"]));
        assert_ne!(base, signature(&cells(&["ФИО", "ИИН", "Основа"])));
        assert_ne!(base, signature(&cells(&["ИИН", "ФИО", "Грант"])));
        assert_ne!(base, signature(&cells(&["", "ИИН", "ФИО", "Основа"])));
    }
}
