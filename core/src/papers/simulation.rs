//! The draft distribution (бөлу жобасы / проект распределения): a what-if run of the matching
//! printed for the commission to review before the meeting. It decides nothing: the two
//! modes' figures, the commission's order in words, each graduate's suggested referral with
//! the wish it meets and their place in the order, and those left for the commission.

use chrono::NaiveDate;

use super::Paper;
use super::documents::{University, head};
use super::layout::{Align, Column, Flow, Table};
use super::words::{self, Phrase};
use crate::i18n::Lang;

/// One graduate of the draft, in the paper's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftLine {
    pub graduate: String,
    /// From 1.
    pub place: u32,
    /// The employer, position and region; empty when nothing is suggested.
    pub referral: String,
    /// The wish met (from 1).
    pub wish: Option<usize>,
}

/// A mode's figures, as the draft's first table states them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftFigures {
    pub mode: String,
    pub placed: usize,
    pub places: u32,
    pub first_wish: usize,
    pub other_wish: usize,
    pub no_wish: usize,
    pub unplaced: usize,
    pub envy: usize,
}

#[derive(Clone, Debug)]
pub struct Draft {
    pub lang: Lang,
    pub year: i32,
    pub as_of: NaiveDate,
    pub university: University,
    /// The mode whose referrals are listed.
    pub mode: String,
    pub order: String,
    pub figures: Vec<DraftFigures>,
    /// Placed graduates first, by employer; then those left for the commission.
    pub lines: Vec<DraftLine>,
}

pub const TITLE: Phrase = words::p("БӨЛУ ЖОБАСЫ", "ПРОЕКТ РАСПРЕДЕЛЕНИЯ");
const NOT_A_DECISION: Phrase = words::p(
    "Жоба комиссияның шешімі емес: ол ештеңені өзгертпейді, комиссия әр жолды қарап шығады.",
    "Проект не является решением комиссии: он ничего не меняет, комиссия рассматривает каждую строку.",
);
const ORDER: Phrase = words::p("Комиссияның кезегі", "Очередь комиссии");

pub const FIGURE_COLUMNS: [Phrase; 7] = [
    words::p("Тәсіл", "Способ"),
    words::p("Орналасты / орын", "Распределено / мест"),
    words::p("1-тілек", "1-е пожелание"),
    words::p("Басқа тілек", "Другое пожелание"),
    words::p("Тілексіз", "Вне пожеланий"),
    words::p("Комиссияға қалды", "Оставлено комиссии"),
    words::p("Негізді наразылық", "Обоснованная зависть"),
];

pub const COLUMNS: [Phrase; 5] = [
    words::p("№", "№"),
    words::p("Түлек", "Выпускник"),
    words::p("Кезектегі орны", "Место в очереди"),
    words::p("Ұсынылған жолдама", "Предлагаемое направление"),
    words::p("Тілек", "Пожелание"),
];

impl DraftFigures {
    fn cells(&self) -> [String; 7] {
        [
            self.mode.clone(),
            format!("{} / {}", self.placed, self.places),
            self.first_wish.to_string(),
            self.other_wish.to_string(),
            self.no_wish.to_string(),
            self.unplaced.to_string(),
            self.envy.to_string(),
        ]
    }
}

impl DraftLine {
    /// The line's cells in the order of [`COLUMNS`], the first being its place `n`.
    pub fn cells(&self, n: usize, lang: Lang) -> [String; 5] {
        let referral = match self.referral.is_empty() {
            true => words::p("— комиссия шешеді", "— решает комиссия").get(lang).to_owned(),
            false => self.referral.clone(),
        };
        [
            n.to_string(),
            self.graduate.clone(),
            self.place.to_string(),
            referral,
            self.wish.map_or_else(String::new, |w| w.to_string()),
        ]
    }
}

fn subtitle(lang: Lang, year: i32, mode: &str) -> String {
    match lang {
        Lang::Kk => format!("{year} жылғы түлектер; тәсіл: {mode}"),
        Lang::Ru => format!("Выпускники {year} года; способ: {mode}"),
    }
}

impl Paper for Draft {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn file_name(&self) -> String {
        format!("{} {}", TITLE.get(self.lang), self.year)
    }

    fn draw(&self, flow: &mut Flow) {
        let lang = self.lang;
        flow.number_pages();
        head(
            flow,
            &self.university,
            None,
            "",
            self.as_of,
            &[TITLE.get(lang), &subtitle(lang, self.year, &self.mode)],
        );
        flow.text(NOT_A_DECISION.get(lang), super::Style::SMALL);
        flow.gap(4.0);
        // Wide enough for «Распределено», «1-е пожелание» and «наразылық» to break between
        // words only.
        const FIGURES: [Column; 7] = [
            Column { share: 0.16, align: Align::Left },
            Column { share: 0.15, align: Align::Center },
            Column { share: 0.13, align: Align::Center },
            Column { share: 0.14, align: Align::Center },
            Column { share: 0.13, align: Align::Center },
            Column { share: 0.14, align: Align::Center },
            Column { share: 0.15, align: Align::Center },
        ];
        let header = FIGURE_COLUMNS.map(|c| c.get(lang));
        let rows: Vec<[String; 7]> = self.figures.iter().map(DraftFigures::cells).collect();
        let style = super::Style::BODY.sized(8.0);
        flow.table(&Table { columns: &FIGURES, header: &header, ruled: true, style }, &rows);
        flow.gap(4.0);
        flow.text(&format!("{}: {}", ORDER.get(lang), self.order), super::Style::SMALL);
        flow.gap(4.0);
        const WIDTHS: [Column; 5] = [
            Column { share: 0.05, align: Align::Center },
            Column { share: 0.27, align: Align::Left },
            Column { share: 0.10, align: Align::Center },
            Column { share: 0.44, align: Align::Left },
            Column { share: 0.14, align: Align::Center },
        ];
        let header = COLUMNS.map(|c| c.get(lang));
        let rows: Vec<[String; 5]> =
            self.lines.iter().enumerate().map(|(n, l)| l.cells(n + 1, lang)).collect();
        flow.table(&Table { columns: &WIDTHS, header: &header, ruled: true, style }, &rows);
    }
}

/// Writes the draft's list to `path` as .xlsx: the same columns, a filter.
pub fn write_xlsx(draft: &Draft, path: &std::path::Path) -> Result<(), crate::followup::ExportError> {
    use crate::followup::xlsx::{self, Cell};
    const WIDTHS: [f64; 5] = [6.0, 40.0, 12.0, 70.0, 10.0];
    let lang = draft.lang;
    let columns: Vec<xlsx::Column> =
        COLUMNS.iter().zip(WIDTHS).map(|(c, width)| xlsx::Column::new(c.kk, c.ru, width)).collect();
    let title = format!("{}: {}", TITLE.get(lang), subtitle(lang, draft.year, &draft.mode));
    let rows = draft.lines.iter().enumerate().map(|(index, line)| {
        let mut cells: Vec<Cell> = line.cells(index + 1, lang).into_iter().map(Cell::Text).collect();
        cells[0] = Cell::Number((index + 1) as f64);
        cells[2] = Cell::Number(f64::from(line.place));
        if let Some(wish) = line.wish {
            cells[4] = Cell::Number(wish as f64);
        }
        cells
    });
    xlsx::list(path, &title, &draft.year.to_string(), &columns, lang, rows)
}
