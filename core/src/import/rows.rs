//! The row loop shared by every list: finding the header, telling data rows from the lines
//! around a table, reading a field's cell, recording problems with their row, column and
//! field, and dropping a person or position listed twice.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::Hash;
use std::path::Path;

use serde::Serialize;

use super::cells::{self, Cell, Fault};
use super::content::Content;
use super::detect::{self, Choice};
use super::header::{ColumnSpec, FieldKey, HeaderMap};
use super::workbook::{Flow, SheetInfo, Workbook, column_letters};
use super::{ImportError, Problem};
use crate::classifiers::{Classifier, fold};
use crate::i18n::{Lang, Text, UserFacing};
use crate::ident::Iin;

/// First words of the lines under a table that are not data (folded).
const NOT_DATA_WORDS: &[&str] = &[
    "итого",
    "всего",
    "барлыгы",
    "жиыны",
    "total",
    "ректор",
    "проректор",
    "председатель",
    "секретарь",
    "торага",
    "хатшы",
    "подпись",
    "колы",
    "мп",
    "м п",
    "исп",
    "исполнитель",
    "орындаган",
    "примечание",
    "ескертпе",
];

/// One kind of list: its columns, and how a row becomes a record.
pub trait ListParser {
    type Key: FieldKey;
    type Record;
    /// What makes two rows the same person or position.
    type Identity: Eq + Hash;

    const COLUMNS: &'static [ColumnSpec<Self::Key>];
    /// The column a header row must name; a data row usually fills it.
    const ANCHOR: Self::Key;
    /// The columns named when no header row is found.
    const EXPECTED: &'static [Self::Key];

    /// Columns the list cannot do without that this header lacks.
    fn missing(&self, header: &HeaderMap<Self::Key>) -> Vec<Self::Key>;
    /// The row's record, or `None` with the row's problems recorded in `row`.
    fn parse(&mut self, row: &mut RowCtx<'_, Self::Key>) -> Option<Self::Record>;
    fn identity(record: &Self::Record) -> Self::Identity;
    /// The `duplicate_in_file` message of a row that repeats row `first`.
    fn duplicate(first: u32) -> Text;
    /// What a field's values are, for matching a column whose header the wordings lack, given
    /// the columns matched so far; `None` for a field told by its header only (a surname and a
    /// name look alike).
    fn content(key: Self::Key, matched: &HeaderMap<Self::Key>) -> Option<Content>;
    /// Whom (or what) a row is about, as its problems name it: the person's name, the employer.
    fn person(row: &RowCtx<'_, Self::Key>) -> Option<String>;
}

/// What reading a list found, besides its records.
#[derive(Clone, Debug)]
pub struct Reading<K> {
    pub sheet: String,
    /// The list was found only on a hidden sheet: the report says so.
    pub sheet_hidden: bool,
    /// Every sheet of the workbook, for the wizard to choose another.
    pub sheets: Vec<SheetInfo>,
    pub header: HeaderMap<K>,
    /// The header row's cells as text, for the wizard to show.
    pub header_cells: Vec<String>,
    /// The matched fields the list could not be read without: the anchor (the IIN, the BIN),
    /// and those whose unmapping would leave a required field missing (a surname beside no
    /// full name, say).
    pub indispensable: Vec<K>,
    /// Required fields no column was found for: only in a preview (see [`Choice::incomplete`]).
    pub missing: Vec<K>,
    pub tally: Tally,
}

/// The rows a list was read as.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Tally {
    pub header_row: u32,
    /// Rows read as data (blank rows, totals and signatures under the table are not).
    pub data_rows: usize,
    /// Rows without problems.
    pub valid: usize,
    pub problems: Vec<Problem>,
    /// Non-empty rows read as totals, notes or signatures, not data.
    pub skipped_rows: Vec<u32>,
}

pub fn label<K: FieldKey>(specs: &[ColumnSpec<K>], key: K) -> Text {
    specs.iter().find(|s| s.key == key).map(ColumnSpec::label).expect("every key has a spec")
}

/// Reads a list: finds its sheet and header (see [`detect`]), turns each data row into a
/// record with `parser` and hands every good record, in order, with its row number to `accept`
/// (which may stop the reading).
pub fn read<P: ListParser>(
    path: &Path,
    parser: &mut P,
    choice: Choice<'_>,
    mut accept: impl FnMut(u32, P::Record) -> Flow,
) -> Result<Reading<P::Key>, ImportError> {
    let mut book = Workbook::open(path)?;
    let found = detect::find(&mut book, &*parser, choice)?;
    let map = &found.map;
    let mut tally = Tally { header_row: map.row_index + 1, ..Tally::default() };
    let mut first_rows: HashMap<P::Identity, u32> = HashMap::new();
    // Rows mean nothing until the required columns are mapped.
    if found.missing.is_empty() {
        book.rows(found.sheet, |index, cells| {
            if index <= map.row_index {
                return Ok(Flow::Continue);
            }
            let number = index + 1;
            match row_kind(cells, map, P::ANCHOR) {
                RowKind::NotData => {
                    tally.skipped_rows.push(number);
                    return Ok(Flow::Continue);
                }
                RowKind::Data => tally.data_rows += 1,
            }
            let mut row = RowCtx { map, cells, number, problems: Vec::new(), specs: P::COLUMNS };
            // A field the parser may leave unread when empty still must not hide an error value.
            for column in &map.columns {
                if let Cell::Fault(fault) = row.cell(column.key) {
                    row.cell_fault(column.key, fault);
                }
            }
            let record = parser.parse(&mut row).filter(|_| row.problems.is_empty());
            let person = P::person(&row);
            tally.problems.extend(row.problems.into_iter().map(|p| Problem { person: person.clone(), ..p }));
            let Some(record) = record else { return Ok(Flow::Continue) };
            match first_rows.entry(P::identity(&record)) {
                Entry::Occupied(first) => {
                    let column = map.column(P::ANCHOR);
                    tally.problems.push(Problem {
                        row: number,
                        column: column.map(|c| column_letters(c.index)),
                        header: column.map(|c| c.header.clone()),
                        field: Some(P::ANCHOR.code()),
                        value: column
                            .and_then(|c| cells.get(c.index))
                            .and_then(|c| c.text())
                            .map(|t| cells::visible(&t)),
                        person,
                        code: "duplicate_in_file",
                        message: P::duplicate(*first.get()),
                    });
                    Ok(Flow::Continue)
                }
                Entry::Vacant(slot) => {
                    slot.insert(number);
                    tally.valid += 1;
                    Ok(accept(number, record))
                }
            }
        })?;
    }
    let indispensable = indispensable(&*parser, &found.map);
    let sheet = &book.sheets()[found.sheet];
    Ok(Reading {
        sheet: sheet.name.clone(),
        sheet_hidden: sheet.hidden,
        sheets: book.sheets().to_vec(),
        header: found.map,
        header_cells: found.header_cells,
        missing: found.missing,
        indispensable,
        tally,
    })
}

fn indispensable<P: ListParser>(parser: &P, header: &HeaderMap<P::Key>) -> Vec<P::Key> {
    let without = |key: P::Key| HeaderMap {
        row_index: header.row_index,
        columns: header.columns.iter().filter(|c| c.key != key).cloned().collect(),
        ambiguous: Vec::new(),
    };
    header
        .columns
        .iter()
        .map(|c| c.key)
        .filter(|&key| key == P::ANCHOR || !parser.missing(&without(key)).is_empty())
        .collect()
}

/// One row being read.
pub struct RowCtx<'a, K: FieldKey> {
    map: &'a HeaderMap<K>,
    specs: &'a [ColumnSpec<K>],
    cells: &'a [Cell<'a>],
    pub number: u32,
    problems: Vec<Problem>,
}

impl<'a, K: FieldKey> RowCtx<'a, K> {
    pub fn cell(&self, key: K) -> Cell<'a> {
        self.map.column(key).and_then(|c| self.cells.get(c.index)).copied().unwrap_or(Cell::Empty)
    }

    pub fn label(&self, key: K) -> Text {
        label(self.specs, key)
    }

    /// Records a problem of field `key`; for a cell holding an error value or an uncalculated
    /// formula, that fault is the problem, whatever the parser made of the cell.
    pub fn problem(&mut self, key: K, code: &'static str, message: Text) {
        match self.cell(key) {
            Cell::Fault(fault) => self.cell_fault(key, fault),
            cell => self.push(key, code, message, cell.text().map(|t| cells::visible(&t))),
        }
    }

    /// The problem of a faulty cell, said once per field.
    fn cell_fault(&mut self, key: K, fault: Fault) {
        if self.problems.iter().any(|p| p.field == Some(key.code())) {
            return;
        }
        let (code, message) = fault.problem(&self.label(key));
        let value = match fault {
            Fault::Error(shown) => Some(shown.to_owned()),
            Fault::Uncalculated => None,
        };
        self.push(key, code, message, value);
    }

    fn push(&mut self, key: K, code: &'static str, message: Text, value: Option<String>) {
        let column = self.map.column(key);
        self.problems.push(Problem {
            row: self.number,
            column: column.map(|c| column_letters(c.index)),
            header: column.map(|c| c.header.clone()),
            field: Some(key.code()),
            value,
            person: None,
            code,
            message,
        });
    }

    /// A problem from a typed error (an identifier's fault, …), keeping its code and text.
    pub fn fault(&mut self, key: K, error: &impl UserFacing) {
        self.problem(key, error.code(), error.message());
    }

    pub fn missing(&mut self, key: K) {
        let label = self.label(key);
        self.problem(
            key,
            "missing_field",
            Text::new(format!("«{}» толтырылмаған", label.kk), format!("Не заполнено поле «{}»", label.ru)),
        );
    }

    pub fn invalid(&mut self, key: K, value: &str, expected: Text) {
        let label = self.label(key);
        let value = cells::visible(value);
        self.problem(
            key,
            "invalid_value",
            Text::new(
                format!("«{}» өрісінде «{value}» дұрыс емес: {}", label.kk, expected.kk),
                format!("Неверное значение «{value}» в поле «{}»: {}", label.ru, expected.ru),
            ),
        );
    }

    /// The cell's text; `None` for an empty cell, and with a problem for a text no paper
    /// should carry: hidden characters (`hidden_characters`) or longer than any real name or
    /// address (`too_long`).
    pub fn optional_text(&mut self, key: K) -> Option<String> {
        let text = self.cell(key).text()?;
        match cells::text_fault(&self.label(key), &text) {
            None => Some(text),
            Some((code, message)) => {
                self.problem(key, code, message);
                None
            }
        }
    }

    /// An IIN, typed as text or kept by Excel as a number (a lost leading zero restored), or
    /// a problem saying what is wrong with it.
    pub fn iin(&mut self, key: K) -> Option<Iin> {
        let parsed = match self.cell(key) {
            Cell::Empty => {
                self.missing(key);
                return None;
            }
            Cell::Number(n) => Iin::from_number(n),
            Cell::Text(t) => Iin::parse(t),
            Cell::Date(_) | Cell::Fault(_) => Iin::parse(""),
        };
        parsed.map_err(|e| self.fault(key, &e)).ok()
    }

    /// The cell's text, or a `missing_field` problem.
    pub fn required_text(&mut self, key: K) -> Option<String> {
        if self.cell(key).text().is_none() {
            self.missing(key);
            return None;
        }
        self.optional_text(key)
    }

    /// A classifier's value from the cell; `unknown_value` naming what is expected if the
    /// text names none. `None` for an empty cell.
    pub fn classified<C: Classifier>(&mut self, key: K, lookup: &mut Lookup<C>) -> Option<C> {
        let cell = self.cell(key);
        let value = match cell {
            Cell::Empty => return None,
            Cell::Text(text) => lookup.get(text),
            other => lookup.get(&other.text().unwrap_or_default()),
        };
        if value.is_none() {
            let text = cells::visible(&cell.text().unwrap_or_default());
            let label = self.label(key);
            let expected = |lang| C::ALL.iter().map(|v| v.label(lang)).collect::<Vec<_>>().join(", ");
            self.problem(
                key,
                "unknown_value",
                Text::new(
                    format!(
                        "«{text}» — «{}» өрісі үшін белгісіз мән; болуы мүмкін: {}",
                        label.kk,
                        expected(Lang::Kk)
                    ),
                    format!(
                        "«{text}» — неизвестное значение поля «{}»; возможны: {}",
                        label.ru,
                        expected(Lang::Ru)
                    ),
                ),
            );
        }
        value
    }

    /// As [`RowCtx::classified`], with `missing_field` for an empty cell.
    pub fn required_classified<C: Classifier>(&mut self, key: K, lookup: &mut Lookup<C>) -> Option<C> {
        if self.cell(key).is_empty() {
            self.missing(key);
            return None;
        }
        self.classified(key, lookup)
    }
}

/// Remembers what each distinct spelling parsed to: a list repeats a handful of region or
/// funding spellings thousands of times, and folding each again would dominate the import.
pub struct Lookup<C>(HashMap<String, Option<C>>);

impl<C: Classifier> Default for Lookup<C> {
    fn default() -> Self {
        Lookup(HashMap::new())
    }
}

impl<C: Classifier> Lookup<C> {
    pub fn get(&mut self, text: &str) -> Option<C> {
        if let Some(v) = self.0.get(text) {
            return *v;
        }
        let v = C::parse(text);
        self.0.insert(text.to_owned(), v);
        v
    }
}

enum RowKind {
    NotData,
    Data,
}

/// Whether a row under the header holds data, rather than a repeated header, a totals line,
/// a signature or a note.
fn row_kind<K: FieldKey>(cells: &[Cell<'_>], map: &HeaderMap<K>, anchor: K) -> RowKind {
    if let Some(Cell::Text(first)) = cells.iter().find(|c| !c.is_empty()) {
        let folded = fold(first);
        let starts_with_word =
            |w: &&str| folded.strip_prefix(*w).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
        if NOT_DATA_WORDS.iter().any(starts_with_word) {
            return RowKind::NotData;
        }
    }
    let anchor_column = map.column(anchor);
    let anchor_cell = anchor_column.and_then(|c| cells.get(c.index)).copied().unwrap_or(Cell::Empty);
    let anchor_has_digits = match anchor_cell {
        // The header repeated on each printed page.
        Cell::Text(t) if anchor_column.is_some_and(|c| c.header == t) => return RowKind::NotData,
        Cell::Text(t) => t.bytes().filter(u8::is_ascii_digit).count() >= 6,
        Cell::Number(_) => true,
        _ => false,
    };
    let filled = map.columns.iter().filter(|c| cells.get(c.index).is_some_and(|d| !d.is_empty())).count();
    if anchor_has_digits || filled >= 2 { RowKind::Data } else { RowKind::NotData }
}
