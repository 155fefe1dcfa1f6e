//! The applications list (заявления / өтініштер): each graduate's ranked wishes, one row per
//! graduate with wish 1…10 in columns, or one row per wish with its rank. A wish is an
//! employer's BIN (perhaps with a region), a region, or an employer's name as the vacancy
//! lists gave it.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use super::content::Content;
use super::header::{ColumnSpec, FieldKey, HeaderMap};
use super::rows::{self, ListParser, Lookup, Reading, RowCtx};
use super::workbook::Flow;
use super::{Choice, ImportError, ImportPreview};
use crate::classifiers::{Classifier, Region, fold, parse_yes_no};
use crate::i18n::Text;
use crate::ident::{Bin, Iin};
use crate::matching::{SocialGround, Wish};

/// How many numbered wish columns a list may have.
pub const WISHES: u8 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Iin,
    FullName,
    AppliedOn,
    Social,
    /// A row's rank, in a list of one row per wish.
    Rank,
    /// The wish of a list of one row per wish (0), or the numbered wish 1…10.
    Wish(u8),
}

const WISH_CODES: [&str; WISHES as usize + 1] = [
    "wish", "wish_1", "wish_2", "wish_3", "wish_4", "wish_5", "wish_6", "wish_7", "wish_8", "wish_9",
    "wish_10",
];

impl FieldKey for Column {
    fn code(self) -> &'static str {
        match self {
            Column::Iin => "iin",
            Column::FullName => "full_name",
            Column::AppliedOn => "applied_on",
            Column::Social => "social",
            Column::Rank => "rank",
            Column::Wish(n) => WISH_CODES[usize::from(n)],
        }
    }
}

/// The spec of numbered wish `n`, its wordings as registrars number them.
macro_rules! numbered {
    ($n:literal) => {
        ColumnSpec {
            key: Column::Wish($n),
            kk: concat!($n, "-тілек"),
            ru: concat!("Пожелание ", $n),
            headers: &[
                concat!($n, "-тілек"),
                concat!($n, " тілек"),
                concat!("Тілек ", $n),
                concat!("Тілек №", $n),
                concat!($n, "-басымдық"),
                concat!("Пожелание ", $n),
                concat!("Пожелание №", $n),
                concat!($n, "-е пожелание"),
                concat!("Приоритет ", $n),
                concat!($n, "-й приоритет"),
                concat!("Wish ", $n),
            ],
        }
    };
}

pub const COLUMNS: &[ColumnSpec<Column>] = &[
    ColumnSpec { key: Column::Iin, kk: "ЖСН", ru: "ИИН", headers: super::graduates::IIN_HEADERS },
    ColumnSpec {
        key: Column::FullName,
        kk: "Т.А.Ә.",
        ru: "ФИО",
        headers: super::graduates::FULL_NAME_HEADERS,
    },
    ColumnSpec {
        key: Column::AppliedOn,
        kk: "Өтініш берілген күн",
        ru: "Дата подачи заявления",
        headers: &[
            "Өтініш берілген күн",
            "Өтініш күні",
            "Өтініш берілген күні",
            "Дата подачи заявления",
            "Дата заявления",
            "Дата подачи",
            "Application date",
        ],
    },
    ColumnSpec {
        key: Column::Social,
        kk: "Әлеуметтік негіз",
        ru: "Социальное основание",
        headers: &[
            "Әлеуметтік негіз",
            "Әлеуметтік санат",
            "Әлеуметтік мәртебе",
            "Социальное основание",
            "Социальная категория",
            "Социальный статус",
            "Льготная категория",
        ],
    },
    ColumnSpec {
        key: Column::Rank,
        kk: "Тілек реті",
        ru: "Номер пожелания",
        headers: &[
            "Тілек реті",
            "Тілектің реті",
            "Басымдық",
            "Номер пожелания",
            "Приоритет",
            "Очерёдность",
            "Rank",
        ],
    },
    ColumnSpec {
        key: Column::Wish(0),
        kk: "Тілек",
        ru: "Пожелание",
        headers: &["Тілек", "Түлектің тілегі", "Пожелание", "Пожелание выпускника", "Wish"],
    },
    numbered!(1),
    numbered!(2),
    numbered!(3),
    numbered!(4),
    numbered!(5),
    numbered!(6),
    numbered!(7),
    numbered!(8),
    numbered!(9),
    numbered!(10),
];

/// One row: a graduate's wishes (a list of one row per wish gives one, with its rank).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationRow {
    pub iin: Iin,
    pub rank: Option<u32>,
    pub wishes: Vec<Wish>,
    pub applied_on: Option<NaiveDate>,
    pub social: Option<SocialGround>,
}

/// What a wish's words may name besides a BIN and a region: the employers the vacancy lists
/// gave, by folded name (`None`: two employers share the name).
pub type Employers = HashMap<String, Option<Bin>>;

/// A list read and checked, before anything is stored: what the import wizard previews.
pub struct Preview {
    pub reading: Reading<Column>,
    pub records: usize,
}

impl Preview {
    pub fn view(self, path: &Path) -> ImportPreview {
        ImportPreview::new::<RowParser<'static>>(path, self.reading, self.records)
    }
}

/// Reads and checks the list without touching the database.
pub fn preview(
    path: &Path,
    graduates: &HashSet<Iin>,
    employers: &Employers,
    choice: Choice<'_>,
) -> Result<Preview, ImportError> {
    let mut records = 0;
    let reading = read(path, graduates, employers, choice, |_| {
        records += 1;
        Flow::Continue
    })?;
    Ok(Preview { reading, records })
}

/// Reads and checks the list: `graduates` are the IINs of the cohort the applications are for.
pub fn read(
    path: &Path,
    graduates: &HashSet<Iin>,
    employers: &Employers,
    choice: Choice<'_>,
    mut row: impl FnMut(ApplicationRow) -> Flow,
) -> Result<Reading<Column>, ImportError> {
    let mut parser =
        RowParser { graduates, employers, regions: Lookup::default(), grounds: Lookup::default() };
    rows::read(path, &mut parser, choice, |_, r| row(r))
}

struct RowParser<'a> {
    graduates: &'a HashSet<Iin>,
    employers: &'a Employers,
    regions: Lookup<Region>,
    grounds: Lookup<SocialGround>,
}

impl RowParser<'_> {
    /// A wish's words: a BIN (an employer, with a region if the rest names one), a region, or
    /// an employer's name.
    fn wish(&mut self, text: &str) -> Result<Wish, Text> {
        let bin = text
            .split(|c: char| !c.is_ascii_digit())
            .find(|digits| digits.len() == 12)
            .map(|digits| Bin::parse(digits).map_err(|e| crate::i18n::UserFacing::message(&e)))
            .transpose()?;
        if let Some(bin) = bin {
            let rest: String = text.chars().filter(|c| !c.is_ascii_digit()).collect();
            let rest = rest.trim_matches(|c: char| c.is_whitespace() || ",;:()-–".contains(c));
            let region = if rest.is_empty() { None } else { Region::parse(rest) };
            return Ok(Wish::Employer { bin, region });
        }
        if let Some(region) = self.regions.get(text) {
            return Ok(Wish::Region { region });
        }
        match self.employers.get(&fold(text)) {
            Some(Some(bin)) => Ok(Wish::Employer { bin: *bin, region: None }),
            Some(None) => Err(Text::new(
                "бұл атаумен бірнеше жұмыс беруші бар: БСН-ін жазыңыз",
                "работодателей с таким названием несколько: укажите БИН",
            )),
            None => Err(Text::new(
                "жұмыс берушінің БСН-і, өңір немесе бос орындар тізіміндегі жұмыс берушінің атауы керек",
                "нужен БИН работодателя, регион или название работодателя из списка вакансий",
            )),
        }
    }
}

impl ListParser for RowParser<'_> {
    type Key = Column;
    type Record = ApplicationRow;
    type Identity = (Iin, Option<u32>);

    const COLUMNS: &'static [ColumnSpec<Column>] = COLUMNS;
    const ANCHOR: Column = Column::Iin;
    const EXPECTED: &'static [Column] = &[Column::Iin, Column::Wish(1)];

    /// The IIN, and a wish column: the first numbered one, or the one of a row per wish.
    fn missing(&self, map: &HeaderMap<Column>) -> Vec<Column> {
        let mut missing = Vec::new();
        if !map.has(Column::Iin) {
            missing.push(Column::Iin);
        }
        if !map.has(Column::Wish(0)) && !map.has(Column::Wish(1)) {
            missing.push(Column::Wish(1));
        }
        missing
    }

    fn identity(r: &ApplicationRow) -> Self::Identity {
        (r.iin, r.rank)
    }

    fn content(key: Column, _: &HeaderMap<Column>) -> Option<Content> {
        match key {
            Column::Iin => Some(Content::Iin),
            _ => None,
        }
    }

    fn person(row: &RowCtx<'_, Column>) -> Option<String> {
        row.cell(Column::FullName).text().map(|name| super::cells::visible(&name))
    }

    fn duplicate(first: u32) -> Text {
        Text::new(
            format!("Бұл түлектің осы тілегі {first}-жолда бар"),
            format!("Это пожелание этого выпускника уже есть в строке {first}"),
        )
    }

    fn parse(&mut self, ctx: &mut RowCtx<'_, Column>) -> Option<ApplicationRow> {
        let iin = ctx.iin(Column::Iin)?;
        if !self.graduates.contains(&iin) {
            ctx.problem(
                Column::Iin,
                "graduate_not_found",
                Text::new(
                    format!("ЖСН {iin} түлек осы жылғы түлектер тізімінде жоқ"),
                    format!("Выпускника с ИИН {iin} нет в списке выпускников этого года"),
                ),
            );
            return None;
        }
        let applied_on = {
            let cell = ctx.cell(Column::AppliedOn);
            match (cell.is_empty(), cell.date()) {
                (true, _) => None,
                (false, Some(day)) => Some(day),
                (false, None) => {
                    let expected = Text::new("күн КК.АА.ЖЖЖЖ түрінде", "дата в виде ДД.ММ.ГГГГ");
                    ctx.invalid(Column::AppliedOn, &cell.text().unwrap_or_default(), expected);
                    return None;
                }
            }
        };
        let rank = {
            let cell = ctx.cell(Column::Rank);
            match cell {
                _ if cell.is_empty() => None,
                super::cells::Cell::Number(n) if n >= 1.0 && n.fract() == 0.0 && n <= f64::from(WISHES) => {
                    Some(n as u32)
                }
                _ => match cell.text().and_then(|t| t.trim().trim_end_matches(['.', ')']).parse().ok()) {
                    Some(n) if (1..=u32::from(WISHES)).contains(&n) => Some(n),
                    _ => {
                        let expected = Text::new(
                            format!("1-ден {WISHES}-ға дейінгі сан"),
                            format!("число от 1 до {WISHES}"),
                        );
                        ctx.invalid(Column::Rank, &cell.text().unwrap_or_default(), expected);
                        return None;
                    }
                },
            }
        };
        // Empty, «нет» or a dash states no ground; a text that names none is a problem.
        let stated = ctx.cell(Column::Social).text();
        let none = stated
            .as_deref()
            .is_none_or(|t| parse_yes_no(t) == Some(false) || t.trim() == "-" || t.trim() == "—");
        let social = if none { None } else { Some(ctx.classified(Column::Social, &mut self.grounds)?) };
        let mut wishes = Vec::new();
        let mut broken = false;
        for n in 0..=WISHES {
            let Some(text) = ctx.optional_text(Column::Wish(n)) else { continue };
            match self.wish(&text) {
                Ok(wish) if !wishes.contains(&wish) => wishes.push(wish),
                Ok(_) => {}
                Err(expected) => {
                    ctx.invalid(Column::Wish(n), &text, expected);
                    broken = true;
                }
            }
        }
        if broken {
            return None;
        }
        if wishes.is_empty() {
            let key = if ctx.cell(Column::Wish(0)).is_empty() { Column::Wish(1) } else { Column::Wish(0) };
            ctx.missing(key);
            return None;
        }
        Some(ApplicationRow { iin, rank, wishes, applied_on, social })
    }
}
