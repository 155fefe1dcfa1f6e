//! Placement statistics: how a cohort's graduates were placed, by programme, by funding
//! category and by the employer's region, with shares of each row's total.

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError};
use serde::{Deserialize, Serialize};

use super::ExportError;
use super::xlsx::{Column, Formats, data_row, filter, header, pick, save};
use crate::classifiers::{Funding, Region};
use crate::i18n::Lang;
use crate::vocabulary::Termed;

/// What the commission decided for a graduate, as far as the statistics go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "PlacementOutcome"))]
pub enum Outcome {
    /// Referred to an employer's vacancy.
    Vacancy,
    /// Referred to the employment centre.
    EmploymentCentre,
    Exempt,
    Deferred,
    NoDecision,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Vacancy,
        Outcome::EmploymentCentre,
        Outcome::Exempt,
        Outcome::Deferred,
        Outcome::NoDecision,
    ];

    fn column(self) -> Column {
        match self {
            Outcome::Vacancy => Column::new("Бос орынға жолдама", "Направлено на вакансию", 14.0),
            Outcome::EmploymentCentre => {
                Column::new("Жұмыспен қамту орталығына жолдама", "Направлено в центр занятости", 14.0)
            }
            Outcome::Exempt => Column::new("Өтеуден босатылды", "Освобождено от отработки", 14.0),
            Outcome::Deferred => Column::new("Кейінге қалдырылды", "Отсрочка", 14.0),
            Outcome::NoDecision => Column::new("Шешім жоқ", "Нет решения", 14.0),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A programme at the university: code and name (the same code may carry two names).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Programme {
    pub code: String,
    pub name: String,
}

/// One graduate as the statistics see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementInput {
    pub programme: Programme,
    pub funding: Funding,
    /// The region of the employer referred to; `None` when there is none.
    pub region: Option<Region>,
    pub outcome: Outcome,
}

/// Graduates counted by outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "PlacementTally"))]
pub struct Tally {
    counts: [u32; Outcome::ALL.len()],
}

impl Tally {
    pub fn count(&self, outcome: Outcome) -> u32 {
        self.counts[outcome.index()]
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The outcome's share of the total, 0–1; 0 for an empty tally.
    pub fn share(&self, outcome: Outcome) -> f64 {
        match self.total() {
            0 => 0.0,
            total => f64::from(self.count(outcome)) / f64::from(total),
        }
    }

    fn add(&mut self, outcome: Outcome) {
        self.counts[outcome.index()] += 1;
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlacementStats {
    /// By code, then name.
    pub by_programme: Vec<(Programme, Tally)>,
    /// In the classifier's order; categories without graduates left out.
    pub by_funding: Vec<(Funding, Tally)>,
    /// In the classifier's order, `None` (no employer's region) last.
    pub by_region: Vec<(Option<Region>, Tally)>,
    pub total: Tally,
}

impl PlacementStats {
    pub fn compute(inputs: &[PlacementInput]) -> PlacementStats {
        let mut by_programme: BTreeMap<&Programme, Tally> = BTreeMap::new();
        let mut by_funding: BTreeMap<Funding, Tally> = BTreeMap::new();
        // `(true, None)` sorts after every `(false, Some(_))`.
        let mut by_region: BTreeMap<(bool, Option<Region>), Tally> = BTreeMap::new();
        let mut total = Tally::default();
        for input in inputs {
            by_programme.entry(&input.programme).or_default().add(input.outcome);
            by_funding.entry(input.funding).or_default().add(input.outcome);
            by_region.entry((input.region.is_none(), input.region)).or_default().add(input.outcome);
            total.add(input.outcome);
        }
        PlacementStats {
            by_programme: by_programme.into_iter().map(|(p, t)| (p.clone(), t)).collect(),
            by_funding: by_funding.into_iter().collect(),
            by_region: by_region.into_iter().map(|((_, region), t)| (region, t)).collect(),
            total,
        }
    }

    /// Writes the three tables to `path` (.xlsx), one sheet each, in `lang`.
    pub fn write_xlsx(&self, year: i32, lang: Lang, path: &Path) -> Result<(), ExportError> {
        let no_region = pick(lang, "Жұмыс берушісіз", "Без работодателя");
        let title = match lang {
            Lang::Kk => format!("{year} жылғы түлектерді жұмысқа орналастыру"),
            Lang::Ru => format!("Трудоустройство выпуска {year} года"),
        };
        save(path, &title, |workbook| {
            let f = Formats::new();
            write_table(
                workbook.add_worksheet(),
                pick(lang, "Бағдарламалар", "По программам"),
                &[
                    Column::new("Бағдарлама коды", "Код программы", 11.0),
                    Column::new("Білім беру бағдарламасы", "Образовательная программа", 36.0),
                ],
                self.by_programme.iter().map(|(p, t)| ([p.code.as_str(), p.name.as_str()], t)),
                &self.total,
                lang,
                &f,
            )?;
            write_table(
                workbook.add_worksheet(),
                pick(lang, "Қаржыландыру", "По финансированию"),
                &[Column::new("Қаржыландыру", "Финансирование", 30.0)],
                self.by_funding.iter().map(|(funding, t)| ([funding.label(lang)], t)),
                &self.total,
                lang,
                &f,
            )?;
            write_table(
                workbook.add_worksheet(),
                pick(lang, "Өңірлер", "По регионам"),
                &[Column::new("Жұмыс берушінің өңірі", "Регион работодателя", 30.0)],
                self.by_region.iter().map(|(r, t)| ([r.map_or(no_region, |r| r.label(lang))], t)),
                &self.total,
                lang,
                &f,
            )
        })
    }
}

/// A sheet: the key columns, then the row's total and each outcome's count and share, then the
/// total row.
fn write_table<'t, const K: usize>(
    sheet: &mut Worksheet,
    name: &str,
    keys: &[Column; K],
    rows: impl ExactSizeIterator<Item = ([&'t str; K], &'t Tally)>,
    total: &Tally,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut columns = keys.to_vec();
    columns.push(Column::new("Барлығы", "Всего", 9.0));
    for outcome in Outcome::ALL {
        columns.extend([outcome.column(), Column::new("%", "%", 7.0)]);
    }
    header(sheet, name, &columns, lang, f)?;
    let count = rows.len();
    for (index, (key, tally)) in rows.enumerate() {
        let row = data_row(index)?;
        for (col, text) in (0..).zip(key) {
            sheet.write_string(row, col, text)?;
        }
        write_tally(sheet, row, K, tally, &f.integer, f)?;
    }
    let row = data_row(count)?;
    sheet.write_string_with_format(row, 0, pick(lang, "Барлығы", "Итого"), &f.total)?;
    write_tally(sheet, row, K, total, &f.total, f)?;
    // The total row stays out of the filter, so sorting never moves it.
    filter(sheet, count, &columns)
}

/// From column `first`: the total, then each outcome's count (in `number`) and share.
fn write_tally(
    sheet: &mut Worksheet,
    row: RowNum,
    first: usize,
    tally: &Tally,
    number: &Format,
    f: &Formats,
) -> Result<(), XlsxError> {
    let col = |offset: usize| ColNum::try_from(first + offset).map_err(|_| XlsxError::RowColumnLimitError);
    sheet.write_number_with_format(row, col(0)?, tally.total(), number)?;
    for (i, outcome) in Outcome::ALL.into_iter().enumerate() {
        sheet.write_number_with_format(row, col(1 + 2 * i)?, tally.count(outcome), number)?;
        sheet.write_number_with_format(row, col(2 + 2 * i)?, tally.share(outcome), &f.percent)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
