//! Finding the header row and matching its cells to the fields a list must give. Columns are
//! described as data ([`ColumnSpec`]): a field, its bilingual name, and the header wordings
//! registrars and employers use, in Kazakh, Russian and English, compared after folding.

use super::cells::Cell;
use super::content::{Content, FIT_SHARE, MIN_FILLED};
use crate::classifiers::fold;
use crate::i18n::Text;

/// A field a list's column can hold.
pub trait FieldKey: Copy + Eq + std::fmt::Debug + 'static {
    /// Stable key, as problems name it (`iin`, `surname`, …).
    fn code(self) -> &'static str;
}

/// One field: its name for messages and the header wordings that name it.
pub struct ColumnSpec<K> {
    pub key: K,
    pub kk: &'static str,
    pub ru: &'static str,
    /// Header wordings; matched after [`fold`], exactly or as a run of whole words.
    pub headers: &'static [&'static str],
}

impl<K: FieldKey> ColumnSpec<K> {
    pub fn label(&self) -> Text {
        Text::new(self.kk, self.ru)
    }
}

/// A column of the sheet matched to a field, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchedColumn<K> {
    pub key: K,
    /// 0-based column index (A is 0).
    pub index: usize,
    /// The header as the file has it.
    pub header: String,
    pub evidence: Evidence,
}

/// Why a column was taken for a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// Its header is one of the field's wordings.
    Wording,
    /// `fits` of the `filled` cells below the header are the field's kind of value.
    Content { kind: Content, fits: u32, filled: u32 },
    /// The person chose it in the import wizard.
    Chosen,
}

impl Evidence {
    /// «тақырып «Мамандық (коды)»: мәндердің 98% — білім беру бағдарламасының кодтары (49 / 50)».
    pub fn text(self, header: &str) -> Text {
        let quoted = |h: &str| if h.is_empty() { String::new() } else { format!("«{h}»") };
        match self {
            Evidence::Wording => {
                Text::new(format!("тақырып {}", quoted(header)), format!("заголовок {}", quoted(header)))
            }
            Evidence::Chosen => Text::new("қолмен таңдалды", "выбрано вручную"),
            Evidence::Content { kind, fits, filled } => {
                let percent = fits * 100 / filled.max(1);
                let what = kind.describe();
                Text::new(
                    format!(
                        "тақырып {}: мәндердің {percent}% — {} ({fits} / {filled})",
                        quoted(header),
                        what.kk
                    ),
                    format!(
                        "заголовок {}: {percent}% значений — {} ({fits} из {filled})",
                        quoted(header),
                        what.ru
                    ),
                )
            }
        }
    }
}

/// The header row and which column holds which field. The import wizard shows it and lets the
/// user correct it before the rows are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderMap<K> {
    /// 0-based row index (row 1 is 0).
    pub row_index: u32,
    pub columns: Vec<MatchedColumn<K>>,
    /// Fields whose values fit more than one unnamed column: reported, never guessed.
    pub ambiguous: Vec<(K, Vec<usize>)>,
}

impl<K: FieldKey> HeaderMap<K> {
    pub fn column(&self, key: K) -> Option<&MatchedColumn<K>> {
        self.columns.iter().find(|c| c.key == key)
    }

    pub fn has(&self, key: K) -> bool {
        self.column(key).is_some()
    }
}

/// How well a folded header names a field: an exact wording beats a wording found inside a
/// longer header, and a longer wording beats a shorter one ("әкесінің аты" over "аты").
fn score(folded_header: &str, wordings: &[&str]) -> Option<usize> {
    wordings
        .iter()
        .filter_map(|w| {
            let w = fold(w);
            if w.is_empty() {
                None
            } else if folded_header == w {
                Some(10_000 + w.len())
            } else if contains_words(folded_header, &w) {
                Some(w.len())
            } else {
                None
            }
        })
        .max()
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before_ok = haystack[..at].ends_with(' ') || at == 0;
        let end = at + needle.len();
        let after_ok = end == haystack.len() || haystack[end..].starts_with(' ');
        before_ok && after_ok
    })
}

/// Matches one row's cells to fields: each field to its best column, each column to one field.
fn match_row<K: FieldKey>(row: &[Cell<'_>], specs: &[ColumnSpec<K>]) -> Vec<MatchedColumn<K>> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new(); // (score, spec, column)
    for (index, cell) in row.iter().enumerate() {
        let Cell::Text(text) = *cell else { continue };
        let folded = fold(text);
        for (s, spec) in specs.iter().enumerate() {
            if let Some(points) = score(&folded, spec.headers) {
                candidates.push((points, s, index));
            }
        }
    }
    // Best pairs first; ties go to the leftmost column.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut taken_specs = vec![false; specs.len()];
    let mut taken_columns = vec![false; row.len()];
    let mut columns = Vec::new();
    for (_, s, index) in candidates {
        if taken_specs[s] || taken_columns[index] {
            continue;
        }
        taken_specs[s] = true;
        taken_columns[index] = true;
        let header = row[index].text().unwrap_or_default();
        columns.push(MatchedColumn { key: specs[s].key, index, header, evidence: Evidence::Wording });
    }
    columns.sort_by_key(|c| c.index);
    columns
}

impl<K: FieldKey> HeaderMap<K> {
    /// The row as a header with the columns a person chose.
    pub fn chosen(row_index: u32, cells: &[Cell<'_>], chosen: &[(K, usize)]) -> HeaderMap<K> {
        let mut columns: Vec<MatchedColumn<K>> = chosen
            .iter()
            .map(|&(key, index)| MatchedColumn {
                key,
                index,
                header: cells.get(index).copied().and_then(Cell::text).unwrap_or_default(),
                evidence: Evidence::Chosen,
            })
            .collect();
        columns.sort_by_key(|c| c.index);
        HeaderMap { row_index, columns, ambiguous: Vec::new() }
    }

    /// The row as a header: its columns matched by their wording, then each field still
    /// unmatched by what the rows `below` hold in a column no wording took (see
    /// [`Content`]); a field whose values fit two such columns is left ambiguous.
    pub fn of_row(
        row_index: u32,
        cells: &[Cell<'_>],
        below: &[Vec<Cell<'_>>],
        specs: &[ColumnSpec<K>],
        content: impl Fn(K, &HeaderMap<K>) -> Option<Content>,
    ) -> HeaderMap<K> {
        let mut map = HeaderMap { row_index, columns: match_row(cells, specs), ambiguous: Vec::new() };
        let width = below.iter().map(Vec::len).chain([cells.len()]).max().unwrap_or(0);
        for spec in specs {
            if map.has(spec.key) {
                continue;
            }
            let Some(kind) = content(spec.key, &map) else { continue };
            let fitting: Vec<(usize, u32, u32)> = (0..width)
                .filter(|&index| !map.columns.iter().any(|c| c.index == index))
                .filter_map(|index| {
                    let filled: Vec<Cell<'_>> = below
                        .iter()
                        .filter_map(|row| row.get(index).copied())
                        .filter(|c| !c.is_empty())
                        .collect();
                    let fits = filled.iter().filter(|c| kind.fits(**c)).count() as u32;
                    let filled = filled.len() as u32;
                    (filled >= MIN_FILLED && f64::from(fits) >= FIT_SHARE * f64::from(filled))
                        .then_some((index, fits, filled))
                })
                .collect();
            match fitting.as_slice() {
                [] => {}
                [(index, fits, filled)] => map.columns.push(MatchedColumn {
                    key: spec.key,
                    index: *index,
                    header: cells.get(*index).copied().and_then(Cell::text).unwrap_or_default(),
                    evidence: Evidence::Content { kind, fits: *fits, filled: *filled },
                }),
                many => map.ambiguous.push((spec.key, many.iter().map(|f| f.0).collect())),
            }
        }
        map.columns.sort_by_key(|c| c.index);
        map
    }

    /// How many of the row's cells name a field by wording.
    pub fn worded(cells: &[Cell<'_>], specs: &[ColumnSpec<K>]) -> usize {
        match_row(cells, specs).len()
    }

    /// How many fields the header maps: the better of two candidate headers maps more.
    pub fn score(&self) -> usize {
        self.columns.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum K {
        Name,
        Patronymic,
    }
    impl FieldKey for K {
        fn code(self) -> &'static str {
            match self {
                K::Name => "name",
                K::Patronymic => "patronymic",
            }
        }
    }
    const SPECS: &[ColumnSpec<K>] = &[
        ColumnSpec { key: K::Name, kk: "Аты", ru: "Имя", headers: &["аты", "имя"] },
        ColumnSpec {
            key: K::Patronymic,
            kk: "Әкесінің аты",
            ru: "Отчество",
            headers: &["әкесінің аты", "отчество"],
        },
    ];

    #[test]
    fn the_longer_wording_wins_and_each_column_is_used_once() {
        let row = [Cell::Text("Әкесінің аты (бар болса)"), Cell::Text("Аты")];
        let m = match_row(&row, SPECS);
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].key, m[0].index), (K::Patronymic, 0));
        assert_eq!((m[1].key, m[1].index), (K::Name, 1));
    }

    #[test]
    fn words_match_whole() {
        assert!(contains_words("фамилия имя отчество", "имя"));
        assert!(!contains_words("фамилия", "имя"));
    }
}
