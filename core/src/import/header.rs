//! Finding the header row and matching its cells to the fields a list must give. Columns are
//! described as data ([`ColumnSpec`]): a field, its bilingual name, and the header wordings
//! registrars and employers use, in Kazakh, Russian and English, compared after folding, then
//! by their words (see [`words`]): a header the table lacks is matched by its stems,
//! abbreviations and initialisms, by the words in its brackets, and in a two-level header by
//! the group above it.

mod words;

use std::collections::HashMap;

use super::cells::Cell;
use super::content::{Content, FIT_SHARE, MIN_FILLED};
use crate::classifiers::fold;
use crate::i18n::Text;
use words::Words;

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
    /// Its header says what the `wording` says in other words: another case or number, an
    /// abbreviation, its brackets, the group above it.
    Words { wording: &'static str },
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
            Evidence::Words { wording } => Text::new(
                format!("тақырып {}: «{wording}» деген мағынада", quoted(header)),
                format!("заголовок {}: в значении «{wording}»", quoted(header)),
            ),
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

/// A header cell: its text, and in a two-level header the group label above it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Heading {
    pub text: String,
    pub group: Option<String>,
}

impl Heading {
    /// The row's cells as one-level headings (a number or date names no field).
    pub fn row(cells: &[Cell<'_>]) -> Vec<Heading> {
        cells.iter().map(|c| Heading { text: text_cell(*c), group: None }).collect()
    }

    /// Two rows as one two-level header: a label over cells left empty below it spans its
    /// column (merged down); a label over a run of sub-headers is their group (merged
    /// across: the file keeps it in the run's first cell only).
    pub fn two_level(upper: &[Cell<'_>], lower: &[Cell<'_>]) -> Vec<Heading> {
        let width = upper.len().max(lower.len());
        let at = |row: &[Cell<'_>], i: usize| row.get(i).copied().map(text_cell).unwrap_or_default();
        (0..width)
            .map(|i| match (at(upper, i), at(lower, i)) {
                (up, low) if low.is_empty() => Heading { text: up, group: None },
                (up, low) if !up.is_empty() => Heading { text: low, group: Some(up) },
                (_, low) => {
                    let group = (0..i)
                        .rev()
                        .take_while(|&g| !at(lower, g).is_empty())
                        .map(|g| at(upper, g))
                        .find(|g| !g.is_empty());
                    Heading { text: low, group }
                }
            })
            .collect()
    }

    /// As the file shows it: «Білім беру бағдарламасы / Коды».
    pub fn shown(&self) -> String {
        match &self.group {
            Some(group) => format!("{group} / {}", self.text),
            None => self.text.clone(),
        }
    }
}

fn text_cell(cell: Cell<'_>) -> String {
    match cell {
        Cell::Text(_) => cell.text().unwrap_or_default(),
        _ => String::new(),
    }
}

/// A list's wordings as words, prepared once for all the rows a search compares, with an
/// index from each stem to the wordings holding it: a header is compared only with those its
/// words could match.
pub struct Vocabulary<'s, K> {
    specs: &'s [ColumnSpec<K>],
    /// (spec, wording, its words)
    wordings: Vec<(usize, &'static str, Words)>,
    by_stem: HashMap<String, Vec<usize>>,
    /// Wordings with an initialism or an abbreviation, compared with every header.
    shortened: Vec<usize>,
}

/// A naming's points: per thousandth of the text's words covered, for holding the wording
/// as written; a wording covering all the text's words has at least `WHOLE`.
const SHARE: usize = 1_000_000;
const VERBATIM: usize = 500_000;
const WHOLE: usize = 1000 * SHARE;

/// A heading naming a field: how well, by which wording, and whether as the table writes it.
struct Naming {
    points: usize,
    spec: usize,
    wording: &'static str,
    verbatim: bool,
}

impl<'s, K: FieldKey> Vocabulary<'s, K> {
    pub fn new(specs: &'s [ColumnSpec<K>]) -> Vocabulary<'s, K> {
        let wordings: Vec<(usize, &'static str, Words)> = specs
            .iter()
            .enumerate()
            .flat_map(|(s, spec)| spec.headers.iter().map(move |h| (s, *h, Words::of(h))))
            .collect();
        let mut by_stem: HashMap<String, Vec<usize>> = HashMap::new();
        let mut shortened = Vec::new();
        for (i, (_, _, words)) in wordings.iter().enumerate() {
            if words.shortened() {
                shortened.push(i);
            }
            for key in words.keys() {
                let holders = by_stem.entry(key.to_owned()).or_default();
                if holders.last() != Some(&i) {
                    holders.push(i);
                }
            }
        }
        Vocabulary { specs, wordings, by_stem, shortened }
    }

    /// The wordings `header` may match: all of them for a header with an initialism or an
    /// abbreviation, else those sharing a stem with it and those with one.
    fn comparable(&self, header: &Words) -> Vec<usize> {
        if header.shortened() {
            return (0..self.wordings.len()).collect();
        }
        let mut found: Vec<usize> = self.shortened.clone();
        found.extend(header.keys().filter_map(|k| self.by_stem.get(k)).flatten());
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Each field `text` names, with its best wording: a wording covering a greater share of
    /// the text's words wins (all of them best; "әкесінің аты" over "аты"; «Ұйымның БСН» is
    /// more about the BIN than «Ұйымның толық атауы» about the employer), then one the text
    /// holds as written, then the one covering more words, then the longer wording.
    fn namings(&self, text: &str) -> Vec<Naming> {
        let header = Words::of(text);
        if header.len() == 0 {
            return Vec::new();
        }
        let folded = fold(text);
        let mut best: Vec<Naming> = Vec::new();
        for i in self.comparable(&header) {
            let (spec, wording, words) = &self.wordings[i];
            let Some(covered) = header.covered_by(words) else { continue };
            let share = covered * 1000 / header.len();
            let verbatim = contains_words(&folded, &fold(wording));
            let points = share * SHARE
                + usize::from(verbatim) * VERBATIM
                + covered.min(999) * 100
                + wording.chars().count().min(99);
            let naming = Naming { points, spec: *spec, wording, verbatim };
            match best.iter_mut().find(|n| n.spec == *spec) {
                Some(n) if n.points >= points => {}
                Some(n) => *n = naming,
                None => best.push(naming),
            }
        }
        best
    }

    /// The fields a heading names. Words in brackets say what the column holds when they
    /// name a field («Специальность (шифр)»), else are a note («Отчество (при наличии)»);
    /// a sub-header naming none is read with its group («Наименование» under «Образовательная
    /// программа»), in either order, as Russian and Kazakh put a qualifier.
    fn heading(&self, heading: &Heading) -> Vec<Naming> {
        let (outside, inside) = brackets(&heading.text);
        for part in inside {
            // Named whole: «(шифр)» is the column's field, «(кк.аа.жжжж)» a date's mask.
            let mut named = self.namings(part);
            named.retain(|n| n.points >= WHOLE);
            if !named.is_empty() {
                return named.into_iter().map(|n| Naming { verbatim: false, ..n }).collect();
            }
        }
        let named = self.namings(&outside);
        let Some(group) = heading.group.as_deref().filter(|_| named.is_empty()) else {
            let alone = heading.group.is_none();
            return named.into_iter().map(|n| Naming { verbatim: n.verbatim && alone, ..n }).collect();
        };
        let mut named = self.namings(&format!("{outside} {group}"));
        named.extend(self.namings(&format!("{group} {outside}")));
        named.into_iter().map(|n| Naming { verbatim: false, ..n }).collect()
    }
}

/// The text outside brackets, and each bracket's text.
fn brackets(text: &str) -> (String, Vec<&str>) {
    let (mut outside, mut inside) = (String::new(), Vec::new());
    let mut rest = text;
    while let Some(open) = rest.find(['(', '[']) {
        outside.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find([')', ']']).unwrap_or(after.len());
        inside.push(&after[..close]);
        rest = after.get(close + 1..).unwrap_or_default();
    }
    outside.push_str(rest);
    (outside, inside)
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before_ok = haystack[..at].ends_with(' ') || at == 0;
        let end = at + needle.len();
        let after_ok = end == haystack.len() || haystack[end..].starts_with(' ');
        before_ok && after_ok
    })
}

/// Matches one row's headings to fields: each field to its best column, each column to one
/// field.
fn match_row<K: FieldKey>(row: &[Heading], vocabulary: &Vocabulary<'_, K>) -> Vec<MatchedColumn<K>> {
    let mut candidates: Vec<(usize, Naming)> = Vec::new(); // (column, naming)
    for (index, heading) in row.iter().enumerate() {
        candidates.extend(vocabulary.heading(heading).into_iter().map(|n| (index, n)));
    }
    // Best pairs first; ties go to the leftmost column.
    candidates.sort_by(|a, b| b.1.points.cmp(&a.1.points).then(a.0.cmp(&b.0)));
    let specs = vocabulary.specs;
    let mut taken_specs = vec![false; specs.len()];
    let mut taken_columns = vec![false; row.len()];
    let mut columns = Vec::new();
    for (index, naming) in candidates {
        if taken_specs[naming.spec] || taken_columns[index] {
            continue;
        }
        taken_specs[naming.spec] = true;
        taken_columns[index] = true;
        let evidence =
            if naming.verbatim { Evidence::Wording } else { Evidence::Words { wording: naming.wording } };
        let header = row[index].shown();
        columns.push(MatchedColumn { key: specs[naming.spec].key, index, header, evidence });
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

    /// The row as a header, its columns matched by their wording (see [`Vocabulary`]).
    pub fn of_words(row_index: u32, headings: &[Heading], vocabulary: &Vocabulary<'_, K>) -> HeaderMap<K> {
        HeaderMap { row_index, columns: match_row(headings, vocabulary), ambiguous: Vec::new() }
    }

    /// Each field still unmatched, matched by what the rows `below` hold in a column no
    /// wording took (see [`Content`]); a field whose values fit two such columns is left
    /// ambiguous.
    pub fn by_content(
        mut self,
        headings: &[Heading],
        below: &[Vec<Cell<'_>>],
        vocabulary: &Vocabulary<'_, K>,
        content: impl Fn(K, &HeaderMap<K>) -> Option<Content>,
    ) -> HeaderMap<K> {
        let width = below.iter().map(Vec::len).chain([headings.len()]).max().unwrap_or(0);
        for spec in vocabulary.specs {
            if self.has(spec.key) {
                continue;
            }
            let Some(kind) = content(spec.key, &self) else { continue };
            let fitting: Vec<(usize, u32, u32)> = (0..width)
                .filter(|&index| !self.columns.iter().any(|c| c.index == index))
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
                [(index, fits, filled)] => self.columns.push(MatchedColumn {
                    key: spec.key,
                    index: *index,
                    header: headings.get(*index).map(Heading::shown).unwrap_or_default(),
                    evidence: Evidence::Content { kind, fits: *fits, filled: *filled },
                }),
                many => self.ambiguous.push((spec.key, many.iter().map(|f| f.0).collect())),
            }
        }
        self.columns.sort_by_key(|c| c.index);
        self
    }

    /// How many fields the header maps: the better of two candidate headers maps more.
    pub fn score(&self) -> usize {
        // A column chosen by a person counts where the header row names it: a mapping sent
        // without its sheet then finds the sheet whose header row it fits, not a cover page
        // that happens to have a row of that number.
        self.columns
            .iter()
            .filter(|c| !matches!(c.evidence, Evidence::Chosen) || !c.header.trim().is_empty())
            .count()
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
        let row = Heading::row(&[Cell::Text("Әкесінің аты (бар болса)"), Cell::Text("Аты")]);
        let m = match_row(&row, &Vocabulary::new(SPECS));
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].key, m[0].index), (K::Patronymic, 0));
        assert_eq!((m[1].key, m[1].index), (K::Name, 1));
        assert_eq!(m[1].evidence, Evidence::Wording);
    }

    #[test]
    fn brackets_and_groups_say_what_a_column_holds() {
        let vocabulary = Vocabulary::new(SPECS);
        // The bracket names the field; the note in brackets does not.
        let row = Heading::row(&[Cell::Text("Әкесі (аты)"), Cell::Text("Отчество (при наличии)")]);
        let m = match_row(&row, &vocabulary);
        assert_eq!((m[0].key, m[1].key), (K::Name, K::Patronymic));
        assert_eq!(m[0].evidence, Evidence::Words { wording: "аты" });
        assert_eq!(m[1].evidence, Evidence::Wording);
        // «әкесінің» under «Аты» names nothing alone: read with its group.
        let upper = [Cell::Text("№"), Cell::Text("Аты"), Cell::Empty];
        let lower = [Cell::Empty, Cell::Text("әкесінің"), Cell::Text("Имя")];
        let row = Heading::two_level(&upper, &lower);
        assert_eq!(row[2].group.as_deref(), Some("Аты"));
        assert_eq!(row[0], Heading { text: "№".into(), group: None });
        let m = match_row(&row, &vocabulary);
        assert_eq!((m[0].key, m[0].index, m[0].header.as_str()), (K::Patronymic, 1, "Аты / әкесінің"));
        assert_eq!((m[1].key, m[1].index), (K::Name, 2));
    }

    #[test]
    fn words_match_whole() {
        assert!(contains_words("фамилия имя отчество", "имя"));
        assert!(!contains_words("фамилия", "имя"));
    }
}
