//! The register of issued papers (журнал регистрации): every paper a commission's year issued,
//! with its number, date, kind, holder, decision and status, and a column where the holder
//! signs for it.

use chrono::NaiveDate;

use super::Paper;
use super::documents::{University, head};
use super::layout::{Align, Column, Flow, Table};
use super::words::{self, Phrase};
use crate::i18n::Lang;
use crate::ident::Iin;

/// One paper as the register lists it, its words in the register's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedLine {
    pub number: String,
    pub issued_on: NaiveDate,
    pub kind: String,
    pub holder: String,
    pub iin: Iin,
    /// What the decision says, with its meeting.
    pub decision: String,
    /// «Берілді» / «Выдан», or cancelled by which decision.
    pub status: String,
}

/// The register of the `year`'s commission, printed on `as_of`.
#[derive(Clone, Debug)]
pub struct PaperRegister {
    pub lang: Lang,
    pub year: i32,
    pub as_of: NaiveDate,
    pub university: University,
    pub lines: Vec<IssuedLine>,
}

pub const TITLE: Phrase =
    words::p("БЕРІЛГЕН ҚҰЖАТТАРДЫ ТІРКЕУ ЖУРНАЛЫ", "ЖУРНАЛ РЕГИСТРАЦИИ ВЫДАННЫХ ДОКУМЕНТОВ");

/// The register's columns, Kazakh and Russian, shared by the PDF and the .xlsx.
pub const COLUMNS: [Phrase; 8] = [
    words::p("№", "№"),
    words::p("Құжат нөмірі", "Номер документа"),
    words::p("Берілген күні", "Дата выдачи"),
    words::p("Құжат түрі", "Вид документа"),
    words::p("Жас маман, ЖСН", "Молодой специалист, ИИН"),
    words::p("Шешім", "Решение"),
    words::p("Мәртебесі", "Статус"),
    words::p("Алғаны туралы қолы", "Подпись в получении"),
];

/// The commission's year under the title.
pub fn subtitle(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Kk => format!("{year} жылғы дербес бөлу жөніндегі комиссия"),
        Lang::Ru => format!("Комиссия по персональному распределению {year} года"),
    }
}

impl IssuedLine {
    /// The line's cells in the order of [`COLUMNS`], the first being its place `n`.
    pub fn cells(&self, n: usize) -> [String; 8] {
        [
            n.to_string(),
            self.number.clone(),
            words::date(self.issued_on),
            self.kind.clone(),
            format!("{}, {}", self.holder, self.iin),
            self.decision.clone(),
            self.status.clone(),
            String::new(),
        ]
    }
}

impl Paper for PaperRegister {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn file_name(&self) -> String {
        format!("{} {}", TITLE.get(self.lang), self.year)
    }

    fn draw(&self, flow: &mut Flow) {
        let lang = self.lang;
        flow.number_pages();
        let subtitle = subtitle(lang, self.year);
        head(flow, &self.university, None, "", self.as_of, &[TITLE.get(lang), &subtitle]);
        const WIDTHS: [Column; 8] = [
            Column { share: 0.04, align: Align::Center },
            Column { share: 0.12, align: Align::Left },
            Column { share: 0.11, align: Align::Left },
            Column { share: 0.14, align: Align::Left },
            Column { share: 0.18, align: Align::Left },
            Column { share: 0.19, align: Align::Left },
            Column { share: 0.10, align: Align::Left },
            Column { share: 0.12, align: Align::Left },
        ];
        let header = COLUMNS.map(|c| c.get(lang));
        let rows: Vec<[String; 8]> =
            self.lines.iter().enumerate().map(|(n, line)| line.cells(n + 1)).collect();
        let table =
            Table { columns: &WIDTHS, header: &header, ruled: true, style: super::Style::BODY.sized(8.0) };
        flow.table(&table, &rows);
    }
}

/// Writes the register to `path` as .xlsx: the same columns, real dates, a filter.
pub fn write_xlsx(
    register: &PaperRegister,
    path: &std::path::Path,
) -> Result<(), crate::followup::ExportError> {
    use crate::followup::xlsx::{self, Cell};
    const WIDTHS: [f64; 8] = [6.0, 14.0, 11.0, 24.0, 40.0, 50.0, 24.0, 18.0];
    let lang = register.lang;
    let columns: Vec<xlsx::Column> =
        COLUMNS.iter().zip(WIDTHS).map(|(c, width)| xlsx::Column::new(c.kk, c.ru, width)).collect();
    let title = format!("{}: {}", TITLE.get(lang), subtitle(lang, register.year));
    let rows = register.lines.iter().enumerate().map(|(index, line)| {
        let mut cells: Vec<Cell> = line.cells(index + 1).into_iter().map(Cell::Text).collect();
        cells[0] = Cell::Number((index + 1) as f64);
        cells[2] = Cell::Date(line.issued_on);
        cells
    });
    xlsx::list(path, &title, &register.year.to_string(), &columns, lang, rows)
}
