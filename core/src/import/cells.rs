//! Reading one cell as what a list means by it: text, a whole number, a date. Registrars' files
//! hold the same thing in many ways (an IIN as a number or as text with spaces, a date as a date
//! cell, an Excel serial or «dd.mm.yyyy» text); this is the one place that knows them.

use calamine::{CellErrorType, Data, DataRef, ExcelDateTime};
use chrono::NaiveDate;

use crate::i18n::Text;

/// A cell reduced to what matters for reading a list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    /// Trimmed, never empty.
    Text(&'a str),
    Number(f64),
    Date(NaiveDate),
    /// A value the spreadsheet program could not give: read as neither empty nor a value.
    Fault(Fault),
}

/// Why a cell holds no value although something was put in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// An error a formula gave (`#REF!`, `#N/A`, `#DIV/0!`, …), as the file shows it.
    Error(&'static str),
    /// A formula saved without its value (written by a program that does not calculate).
    Uncalculated,
}

impl Fault {
    fn of(error: &CellErrorType) -> Fault {
        Fault::Error(match error {
            CellErrorType::Div0 => "#DIV/0!",
            CellErrorType::NA => "#N/A",
            CellErrorType::Name => "#NAME?",
            CellErrorType::Null => "#NULL!",
            CellErrorType::Num => "#NUM!",
            CellErrorType::Ref => "#REF!",
            CellErrorType::Value => "#VALUE!",
            CellErrorType::GettingData => "#GETTING_DATA",
        })
    }

    /// The problem's code and words for the cell of field `label`.
    pub fn problem(self, label: &Text) -> (&'static str, Text) {
        match self {
            Fault::Error(shown) => (
                "cell_error",
                Text::new(
                    format!(
                        "«{}» ұяшығында мән емес, {shown} қатесі тұр: формуланы түзетіп, файлды қайта сақтаңыз",
                        label.kk
                    ),
                    format!(
                        "В ячейке «{}» не значение, а ошибка {shown}: исправьте формулу и сохраните файл заново",
                        label.ru
                    ),
                ),
            ),
            Fault::Uncalculated => (
                "formula_not_calculated",
                Text::new(
                    format!(
                        "«{}» ұяшығындағы формуланың мәні файлда сақталмаған: файлды Excel-де ашып, қайта сақтаңыз",
                        label.kk
                    ),
                    format!(
                        "Значение формулы в ячейке «{}» не сохранено в файле: откройте его в Excel и сохраните заново",
                        label.ru
                    ),
                ),
            ),
        }
    }
}

/// A cell kept after its row is gone (the rows read while looking for the header).
#[derive(Clone, Debug, PartialEq)]
pub enum OwnedCell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Fault(Fault),
}

impl OwnedCell {
    pub fn of(cell: Cell<'_>) -> OwnedCell {
        match cell {
            Cell::Empty => OwnedCell::Empty,
            Cell::Text(t) => OwnedCell::Text(t.to_owned()),
            Cell::Number(n) => OwnedCell::Number(n),
            Cell::Date(d) => OwnedCell::Date(d),
            Cell::Fault(f) => OwnedCell::Fault(f),
        }
    }

    pub fn cell(&self) -> Cell<'_> {
        match self {
            OwnedCell::Empty => Cell::Empty,
            OwnedCell::Text(t) => Cell::Text(t),
            OwnedCell::Number(n) => Cell::Number(*n),
            OwnedCell::Date(d) => Cell::Date(*d),
            OwnedCell::Fault(f) => Cell::Fault(*f),
        }
    }
}

impl<'a> Cell<'a> {
    pub fn of(data: &'a Data) -> Cell<'a> {
        match data {
            Data::String(s) | Data::DurationIso(s) => Cell::of_text(s),
            Data::Float(f) => Cell::Number(*f),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Bool(b) => Cell::Number(f64::from(u8::from(*b))),
            Data::DateTime(dt) => Cell::of_datetime(dt),
            Data::DateTimeIso(s) => Cell::of_iso(s),
            Data::Error(e) => Cell::Fault(Fault::of(e)),
            Data::Empty => Cell::Empty,
        }
    }

    /// As [`Cell::of`], for a cell streamed from an .xlsx sheet.
    pub fn of_ref(data: &'a DataRef<'_>) -> Cell<'a> {
        match data {
            DataRef::SharedString(s) => Cell::of_text(s),
            DataRef::String(s) | DataRef::DurationIso(s) => Cell::of_text(s),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Bool(b) => Cell::Number(f64::from(u8::from(*b))),
            DataRef::DateTime(dt) => Cell::of_datetime(dt),
            DataRef::DateTimeIso(s) => Cell::of_iso(s),
            DataRef::Error(e) => Cell::Fault(Fault::of(e)),
            DataRef::Empty => Cell::Empty,
        }
    }

    fn of_text(s: &'a str) -> Cell<'a> {
        let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
        if t.is_empty() { Cell::Empty } else { Cell::Text(t) }
    }

    fn of_datetime(dt: &ExcelDateTime) -> Cell<'a> {
        dt.as_datetime().map_or(Cell::Number(dt.as_f64()), |d| Cell::Date(d.date()))
    }

    fn of_iso(s: &'a str) -> Cell<'a> {
        s.get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or(Cell::of_text(s), Cell::Date)
    }

    pub fn is_empty(self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as text: numbers without a trailing ".0" (a code or year typed into a number cell).
    /// None for a fault: it has no value to show as one.
    pub fn text(self) -> Option<String> {
        match self {
            Cell::Empty | Cell::Fault(_) => None,
            Cell::Text(t) => Some(collapse_spaces(t)),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Date(d) => Some(d.format("%d.%m.%Y").to_string()),
        }
    }

    /// A whole number from a number cell or from digits typed as text.
    pub fn whole_number(self) -> Option<i64> {
        match self {
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(n as i64),
            Cell::Text(t) => t.parse().ok(),
            _ => None,
        }
    }

    /// A date from a date cell, an Excel serial number, or text «dd.mm.yyyy», «dd/mm/yyyy»,
    /// «yyyy-mm-dd».
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Cell::Date(d) => Some(d),
            Cell::Number(n) => excel_serial_date(n),
            Cell::Text(t) => ["%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(t, f).ok()),
            Cell::Empty | Cell::Fault(_) => None,
        }
    }
}

/// Excel's 1900 date system: day 1 is 1900-01-01, and day 60 is the 29 February 1900 that never
/// was, so serials from 61 on count from 1899-12-30.
fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(61.0..2_958_466.0).contains(&serial) || serial.fract() != 0.0 {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial as u64))
}

/// Trims and folds runs of white space (also non-breaking) inside a name to one space.
/// A character that must not stand in a stored text: a control character (ESC, BEL… would
/// drive the terminal that prints it) or a bidirectional override (U+202E shows a name
/// backwards). Line breaks and tabs are spaces by then (see [`collapse_spaces`]).
pub fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The longest text a field may hold: an organisation's full name with its department runs to
/// about 250 characters; a longer one is a paste gone wrong.
pub const MAX_TEXT_CHARS: usize = 500;

/// Why the text of field `label` cannot be stored, if it cannot: hidden characters
/// (`hidden_characters`) or longer than any real name or address (`too_long`). The same rule
/// for a list's cells and for what a person types.
pub fn text_fault(label: &Text, text: &str) -> Option<(&'static str, Text)> {
    if let Some(c) = text.chars().find(|c| hidden(*c)) {
        let code = format!("U+{:04X}", c as u32);
        return Some((
            "hidden_characters",
            Text::new(
                format!(
                    "«{}» өрісінде көрінбейтін басқару таңбасы бар ({code}): оны өшіріп, қайта теріңіз",
                    label.kk
                ),
                format!(
                    "В поле «{}» есть невидимый управляющий символ ({code}): удалите его и наберите заново",
                    label.ru
                ),
            ),
        ));
    }
    let length = text.chars().count();
    (length > MAX_TEXT_CHARS).then(|| {
        (
            "too_long",
            Text::new(
                format!("«{}» өрісі тым ұзын: {length} таңба (ең көбі {MAX_TEXT_CHARS})", label.kk),
                format!("Поле «{}» слишком длинное: {length} символов (не более {MAX_TEXT_CHARS})", label.ru),
            ),
        )
    })
}

/// `text` with each [`hidden`] character written as `U+001B`: safe to show in a message.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

pub fn collapse_spaces(text: &str) -> String {
    let is_space = |c: char| c.is_whitespace() || c == '\u{a0}';
    let mut previous_space = true;
    let clean = text.chars().all(|c| {
        let space = is_space(c);
        let ok = !(space && (previous_space || c != ' '));
        previous_space = space;
        ok
    });
    if clean && !previous_space {
        return text.to_owned(); // the usual case: nothing to fold
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_every_form_a_list_uses() {
        assert_eq!(Cell::Number(36_967.0).date(), Some(d(2001, 3, 17)));
        assert_eq!(Cell::Text("17.03.2001").date(), Some(d(2001, 3, 17)));
        assert_eq!(Cell::Text("17/03/2001").date(), Some(d(2001, 3, 17)));
        assert_eq!(Cell::Text("2001-03-17").date(), Some(d(2001, 3, 17)));
        assert_eq!(Cell::Text("31.02.2001").date(), None);
        assert_eq!(Cell::Number(36_967.5).date(), None);
        let iso = Data::DateTimeIso("2001-03-17T00:00:00".into());
        assert_eq!(Cell::of(&iso).date(), Some(d(2001, 3, 17)));
    }

    #[test]
    fn text_of_numbers_and_spaces() {
        assert_eq!(Cell::Number(2025.0).text().as_deref(), Some("2025"));
        assert_eq!(Cell::of(&Data::String("  Дана \u{a0} ".into())), Cell::Text("Дана"));
        assert_eq!(Cell::of(&Data::String(" \u{a0}".into())), Cell::Empty);
        assert_eq!(collapse_spaces(" Айдос   ұлы "), "Айдос ұлы");
        assert_eq!(Cell::Text("3").whole_number(), Some(3));
        assert_eq!(Cell::Text("екі").whole_number(), None);
    }
}
