//! Finding the list in a workbook: which sheet, which header row, which column holds which
//! field. Every visible sheet is considered (a cover page comes first in many registrars'
//! files) and the one whose header maps the most fields wins; hidden sheets only when no
//! visible one holds the list. Columns are matched by their header's wording (a two-level
//! header read as one), then by what they hold (see [`super::content`]), each with its
//! evidence.

use std::path::Path;

use super::cells::{Cell, OwnedCell};
use super::header::{FieldKey, HeaderMap, Heading, Vocabulary};
use super::rows::{ListParser, label};
use super::workbook::{Flow, Workbook, column_letters};
use super::{ColumnMapping, ImportError, SheetChoice};
use crate::i18n::Text;

/// How far down a letterhead can push the header.
const HEADER_SEARCH_ROWS: usize = 40;
/// Rows under a candidate header whose values are read to match columns by content.
const SAMPLE_ROWS: usize = 200;
/// A row names at least this many fields by wording to be a candidate header: a title or a
/// data row names none or one.
const MIN_WORDED: usize = 2;
/// And, with what its columns hold, at least this many.
const MIN_FIELDS: usize = 3;

/// What a person asked of the reading: the sheet, and the header and columns they corrected.
#[derive(Clone, Copy, Debug, Default)]
pub struct Choice<'a> {
    pub sheet: Option<&'a SheetChoice>,
    pub mapping: Option<&'a ColumnMapping>,
    /// The wizard's preview: a header lacking required columns is shown (no rows read) for the
    /// person to map them, where an import refuses it.
    pub incomplete: bool,
}

/// Where the list is.
pub(super) struct Found<K> {
    pub sheet: usize,
    pub map: HeaderMap<K>,
    /// The header row's cells as text, for the wizard to show.
    pub header_cells: Vec<String>,
    /// Required fields no column was found for (only when [`Choice::incomplete`]).
    pub missing: Vec<K>,
}

pub(super) fn find<P: ListParser>(
    book: &mut Workbook,
    parser: &P,
    choice: Choice<'_>,
) -> Result<Found<P::Key>, ImportError> {
    let path = book.path().to_path_buf();
    let forced = choice.mapping.map(mapped::<P>).transpose()?;
    let asked = match (choice.mapping.and_then(|m| m.sheet.as_ref()), choice.sheet) {
        (Some(name), _) => Some(sheet_index(book, &SheetChoice::Name(name.clone()))?),
        (None, Some(sheet)) => Some(sheet_index(book, sheet)?),
        (None, None) => None,
    };
    let sheets = book.sheets().to_vec();
    let vocabulary = Vocabulary::new(P::COLUMNS);
    let order: Vec<usize> = match asked {
        Some(n) => vec![n],
        None => {
            let (visible, hidden): (Vec<usize>, Vec<usize>) =
                (0..sheets.len()).partition(|&n| !sheets[n].hidden);
            visible.into_iter().chain(hidden).collect()
        }
    };
    let (mut best, mut any_cells): (Option<Found<P::Key>>, bool) = (None, false);
    for n in order {
        // A hidden sheet only when no visible one holds the list.
        if sheets[n].hidden && asked.is_none() && best.is_some() {
            break;
        }
        let probe = probe(book, n, forced.as_ref().map(|f| f.0))?;
        any_cells |= !probe.is_empty();
        let candidate = match &forced {
            Some((row, columns)) => probe.iter().find(|(index, _)| index == row).map(|(index, cells)| {
                let cells: Vec<Cell<'_>> = cells.iter().map(OwnedCell::cell).collect();
                (HeaderMap::chosen(*index, &cells, columns), text_of(&cells))
            }),
            None => best_header::<P>(&probe, &vocabulary),
        };
        if let Some((map, header_cells)) = candidate
            && best.as_ref().is_none_or(|b| map.score() > b.map.score())
        {
            best = Some(Found { sheet: n, map, header_cells, missing: Vec::new() });
        }
    }
    if !any_cells {
        return Err(ImportError::Empty { path });
    }
    let mut found = best.ok_or_else(|| no_header::<P>(&path))?;
    let mut missing = parser.missing(&found.map);
    // A header is taken without its anchor only when the anchor's values fit several columns.
    if !found.map.has(P::ANCHOR) {
        missing.insert(0, P::ANCHOR);
    }
    if !missing.is_empty() && choice.incomplete {
        found.missing = missing;
    } else if !missing.is_empty() {
        let ambiguous = found
            .map
            .ambiguous
            .iter()
            .map(|(key, columns)| {
                (label(P::COLUMNS, *key), columns.iter().map(|c| column_letters(*c)).collect())
            })
            .collect();
        return Err(ImportError::MissingColumns {
            path,
            header_row: found.map.row_index + 1,
            missing: missing.into_iter().map(|k| label(P::COLUMNS, k)).collect(),
            ambiguous,
        });
    }
    Ok(found)
}

/// The first rows of sheet `n` (to the forced header row and the sample under it, if asked).
fn probe(
    book: &mut Workbook,
    n: usize,
    forced_row: Option<u32>,
) -> Result<Vec<(u32, Vec<OwnedCell>)>, ImportError> {
    let mut rows = Vec::new();
    book.rows(n, |index, cells| {
        rows.push((index, cells.iter().copied().map(OwnedCell::of).collect()));
        let enough = rows.len() >= HEADER_SEARCH_ROWS + SAMPLE_ROWS
            && forced_row.is_none_or(|f| index >= f.saturating_add(SAMPLE_ROWS as u32));
        Ok(if enough { Flow::Stop } else { Flow::Continue })
    })?;
    Ok(rows)
}

/// The probe's row that maps the most fields (the earliest of equals), as a header: a row
/// alone, or with the row right above it as a two-level header (which wins a tie with that row
/// alone: its second row would otherwise be read as data).
fn best_header<P: ListParser>(
    probe: &[(u32, Vec<OwnedCell>)],
    vocabulary: &Vocabulary<'_, P::Key>,
) -> Option<(HeaderMap<P::Key>, Vec<String>)> {
    let rows: Vec<Vec<Cell<'_>>> =
        probe.iter().map(|(_, cells)| cells.iter().map(OwnedCell::cell).collect()).collect();
    let mut best: Option<(HeaderMap<P::Key>, Vec<String>)> = None;
    let none = HeaderMap { row_index: 0, columns: Vec::new(), ambiguous: Vec::new() };
    let anchor = P::content(P::ANCHOR, &none);
    for (i, (index, _)) in probe.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let cells = &rows[i];
        // A row holding an identifier (an IIN, a BIN) is data, not a header.
        if anchor.is_some_and(|kind| cells.iter().any(|c| kind.fits(*c))) {
            continue;
        }
        let two_level = i
            .checked_sub(1)
            .filter(|&above| probe[above].0 + 1 == *index && two_level(&rows[above], cells))
            .map(|above| (Heading::two_level(&rows[above], cells), true));
        for (headings, deeper) in [(Heading::row(cells), false)].into_iter().chain(two_level) {
            let map = HeaderMap::of_words(*index, &headings, vocabulary);
            if map.score() < MIN_WORDED {
                continue;
            }
            let below = &rows[i + 1..rows.len().min(i + 1 + SAMPLE_ROWS)];
            let map = map.by_content(&headings, below, vocabulary, P::content);
            let anchored = map.has(P::ANCHOR) || map.ambiguous.iter().any(|(key, _)| *key == P::ANCHOR);
            let better = best.as_ref().is_none_or(|(b, _)| {
                map.score() > b.score() || (deeper && map.score() == b.score() && b.row_index + 1 == *index)
            });
            if anchored && map.score() >= MIN_FIELDS && better {
                best = Some((map, headings.iter().map(Heading::shown).collect()));
            }
        }
    }
    best
}

/// Whether `upper` over `lower` can be a two-level header: the upper row labels several
/// columns (a title line fills one or two cells) and the lower one holds words only (a data
/// row holds identifiers, codes, numbers).
fn two_level(upper: &[Cell<'_>], lower: &[Cell<'_>]) -> bool {
    let words = |c: &Cell<'_>| match c {
        Cell::Empty => true,
        Cell::Text(t) => !t.contains(|d: char| d.is_ascii_digit()),
        _ => false,
    };
    upper.iter().filter(|c| !c.is_empty()).count() >= MIN_FIELDS && lower.iter().all(words)
}

fn text_of(cells: &[Cell<'_>]) -> Vec<String> {
    cells.iter().map(|c| c.text().unwrap_or_default()).collect()
}

fn sheet_index(book: &Workbook, choice: &SheetChoice) -> Result<usize, ImportError> {
    let sheets = book.sheets();
    let found = match choice {
        SheetChoice::Number(n) => n.checked_sub(1).filter(|i| *i < sheets.len()),
        SheetChoice::Name(name) => sheets.iter().position(|s| s.name.trim() == name.trim()),
    };
    found.ok_or_else(|| ImportError::NoSuchSheet {
        path: book.path().to_path_buf(),
        asked: choice.to_string(),
        sheets: sheets.iter().map(|s| s.name.clone()).collect(),
    })
}

/// A person's mapping as the list's keys: the 0-based header row and (key, column) pairs.
type Chosen<K> = (u32, Vec<(K, usize)>);

fn mapped<P: ListParser>(mapping: &ColumnMapping) -> Result<Chosen<P::Key>, ImportError> {
    let columns = mapping
        .columns
        .iter()
        .map(|c| {
            P::COLUMNS
                .iter()
                .find(|spec| spec.key.code() == c.field)
                .map(|spec| (spec.key, c.index as usize))
                .ok_or_else(|| ImportError::UnknownField { field: c.field.clone() })
        })
        .collect::<Result<_, _>>()?;
    Ok((mapping.header_row.saturating_sub(1), columns))
}

fn no_header<P: ListParser>(path: &Path) -> ImportError {
    ImportError::NoHeader {
        path: path.to_path_buf(),
        expected: P::EXPECTED.iter().map(|k| label(P::COLUMNS, *k)).collect::<Vec<Text>>(),
    }
}
