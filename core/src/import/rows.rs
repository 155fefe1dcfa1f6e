//! The row loop shared by every list: which rows are data, reading a field's cell, and
//! recording problems with their row, column and field.

use std::collections::HashMap;
use std::hash::Hash;

use calamine::Data;

use super::Problem;
use super::cells::Cell;
use super::header::{ColumnSpec, FieldKey, HeaderMap};
use super::workbook::Sheet;
use crate::classifiers::{Classifier, fold};
use crate::i18n::{Lang, Text, UserFacing};

/// First words of the lines under a table that are not data.
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

/// A list's rows after reading: the good records with their row numbers, and the problems.
pub struct Rows<T> {
    pub header_row: u32,
    pub data_rows: usize,
    pub records: Vec<(u32, T)>,
    pub problems: Vec<Problem>,
    pub skipped_rows: Vec<u32>,
}

/// One row being read.
pub struct RowCtx<'a, K: FieldKey> {
    sheet: &'a Sheet,
    map: &'a HeaderMap<K>,
    specs: &'a [ColumnSpec<K>],
    cells: &'a [Data],
    pub number: u32,
    problems: Vec<Problem>,
}

impl<'a, K: FieldKey> RowCtx<'a, K> {
    pub fn cell(&self, key: K) -> Cell<'a> {
        self.map.column(key).and_then(|c| self.cells.get(c.index)).map_or(Cell::Empty, Cell::of)
    }

    pub fn label(&self, key: K) -> Text {
        self.specs.iter().find(|s| s.key == key).map(ColumnSpec::label).expect("every key has a spec")
    }

    pub fn problem(&mut self, key: K, code: &'static str, message: Text) {
        let column = self.map.column(key);
        self.problems.push(Problem {
            row: self.number,
            column: column.map(|c| self.sheet.column_letters(c.index)),
            header: column.map(|c| c.header.clone()),
            field: Some(key.code()),
            code,
            message,
        });
    }

    /// A problem from a typed error (an identifier's fault, …), keeping its code and text.
    pub fn fault(&mut self, key: K, error: &impl UserFacing) {
        self.problem(key, error.code(), error.message());
    }

    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
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
        self.problem(
            key,
            "invalid_value",
            Text::new(
                format!("«{}» өрісінде «{value}» дұрыс емес: {}", label.kk, expected.kk),
                format!("Неверное значение «{value}» в поле «{}»: {}", label.ru, expected.ru),
            ),
        );
    }

    pub fn optional_text(&self, key: K) -> Option<String> {
        self.cell(key).text()
    }

    /// The cell's text, or a `missing_field` problem.
    pub fn required_text(&mut self, key: K) -> Option<String> {
        let text = self.optional_text(key);
        if text.is_none() {
            self.missing(key);
        }
        text
    }

    /// A classifier's value from the cell; `unknown_value` naming what is expected if the
    /// text names none. `None` for an empty cell.
    pub fn classified<C: Classifier>(&mut self, key: K, lookup: &mut Lookup<C>) -> Option<C> {
        let text = self.optional_text(key)?;
        let value = lookup.get(&text);
        if value.is_none() {
            let label = self.label(key);
            let expected = |lang| C::TABLE.iter().map(|(v, _)| v.label(lang)).collect::<Vec<_>>().join(", ");
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

/// Whether a row under the header holds data, rather than a blank line, a repeated header, a
/// totals line or a signature.
fn row_kind<K: FieldKey>(cells: &[Data], map: &HeaderMap<K>, anchor: K) -> RowKind {
    let first_text = cells.iter().map(Cell::of).find(|c| !c.is_empty());
    let Some(first) = first_text else { return RowKind::Blank };
    if let Some(text) = first.text() {
        let folded = fold(&text);
        if NOT_DATA_WORDS.iter().any(|w| folded == *w || folded.starts_with(&format!("{w} "))) {
            return RowKind::NotData;
        }
    }
    let anchor_cell = map.column(anchor).and_then(|c| cells.get(c.index)).map_or(Cell::Empty, Cell::of);
    if let (Cell::Text(t), Some(col)) = (anchor_cell, map.column(anchor))
        && t == col.header
    {
        return RowKind::NotData; // the header repeated on each printed page
    }
    let anchor_has_digits = match anchor_cell {
        Cell::Number(_) => true,
        Cell::Text(t) => t.chars().filter(char::is_ascii_digit).count() >= 6,
        _ => false,
    };
    let filled =
        map.columns.iter().filter(|c| cells.get(c.index).is_some_and(|d| !Cell::of(d).is_empty())).count();
    if anchor_has_digits || filled >= 2 { RowKind::Data } else { RowKind::NotData }
}

enum RowKind {
    Blank,
    NotData,
    Data,
}

/// Reads every row under the header with `parse`, which returns a record when the row has no
/// problems.
pub fn read<K: FieldKey, T>(
    sheet: &Sheet,
    map: &HeaderMap<K>,
    specs: &[ColumnSpec<K>],
    anchor: K,
    mut parse: impl FnMut(&mut RowCtx<'_, K>) -> Option<T>,
) -> Rows<T> {
    let mut out = Rows {
        header_row: sheet.row_number(map.row_index),
        data_rows: 0,
        records: Vec::new(),
        problems: Vec::new(),
        skipped_rows: Vec::new(),
    };
    for (index, cells) in sheet.cells.rows().enumerate().skip(map.row_index + 1) {
        let number = sheet.row_number(index);
        match row_kind(cells, map, anchor) {
            RowKind::Blank => continue,
            RowKind::NotData => {
                out.skipped_rows.push(number);
                continue;
            }
            RowKind::Data => {}
        }
        out.data_rows += 1;
        let mut ctx = RowCtx { sheet, map, specs, cells, number, problems: Vec::new() };
        let record = parse(&mut ctx);
        match record {
            Some(record) if !ctx.has_problems() => out.records.push((number, record)),
            _ => out.problems.append(&mut ctx.problems),
        }
    }
    out
}

/// Turns every later row with the same key as an earlier good row into a `duplicate_in_file`
/// problem on `field`.
pub fn drop_duplicates<T, Q: Eq + Hash>(
    rows: &mut Rows<T>,
    field: &'static str,
    key: impl Fn(&T) -> Q,
    message: impl Fn(u32) -> Text,
) {
    let mut first_row: HashMap<Q, u32> = HashMap::with_capacity(rows.records.len());
    let mut kept = Vec::with_capacity(rows.records.len());
    for (number, record) in rows.records.drain(..) {
        match first_row.entry(key(&record)) {
            std::collections::hash_map::Entry::Occupied(e) => rows.problems.push(Problem {
                row: number,
                column: None,
                header: None,
                field: Some(field),
                code: "duplicate_in_file",
                message: message(*e.get()),
            }),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(number);
                kept.push((number, record));
            }
        }
    }
    rows.records = kept;
    rows.problems.sort_by_key(|p| p.row);
}
