//! The list the university passes to the Financial Centre: one row per graduate with the
//! decision, the employer, arrival, the periods and what is left to work off or refund; a
//! second sheet has one period per row.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Worksheet, XlsxError};
use serde::{Deserialize, Serialize};

use super::xlsx::{Column, Formats, data_row, filter, header, pick, save, write_date};
use super::{Activity, Employer, ExportError, ObligationStatus, Period};
use crate::classifiers::{Classifier, Funding, Level};
use crate::i18n::{Lang, date};
use crate::ident::Iin;

/// One graduate in the Financial Centre's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancialCentreRow {
    pub iin: Iin,
    pub surname: String,
    pub name: String,
    pub patronymic: Option<String>,
    pub program_code: String,
    pub program_name: String,
    pub level: Level,
    pub funding: Funding,
    pub graduation_year: i32,
    pub term_years: u8,
    /// As the caller words it in the export's language, e.g. «жолдама» / «направление».
    pub decision: String,
    /// The employer of the referral.
    pub employer: Option<Employer>,
    pub arrival: Option<NaiveDate>,
    pub periods: Vec<Period>,
    pub status: ObligationStatus,
}

const GRADUATES: &[Column] = &[
    Column::new("ЖСН", "ИИН", 14.0),
    Column::new("Тегі", "Фамилия", 16.0),
    Column::new("Аты", "Имя", 14.0),
    Column::new("Әкесінің аты", "Отчество", 16.0),
    Column::new("Бағдарлама коды", "Код программы", 11.0),
    Column::new("Білім беру бағдарламасы", "Образовательная программа", 30.0),
    Column::new("Деңгейі", "Уровень", 13.0),
    Column::new("Қаржыландыру", "Финансирование", 22.0),
    Column::new("Бітірген жылы", "Год окончания", 9.0),
    Column::new("Өтеу мерзімі, жыл", "Срок отработки, лет", 9.0),
    Column::new("Шешім", "Решение", 16.0),
    Column::new("Жұмыс беруші", "Работодатель", 30.0),
    Column::new("Жұмыс берушінің БСН", "БИН работодателя", 14.0),
    Column::new("Келген күні", "Дата прибытия", 11.0),
    Column::new("Кезеңдер", "Периоды", 50.0),
    Column::new("Есептелген күндер", "Засчитано дней", 10.0),
    Column::new("Қалған күндер", "Осталось дней", 10.0),
    Column::new("Өтеудің аяқталу күні", "Дата окончания отработки", 11.0),
    Column::new("Мәртебесі", "Статус", 14.0),
    Column::new("Өтелетін сома, теңге", "Сумма возмещения, тенге", 14.0),
];

const PERIODS: &[Column] = &[
    Column::new("ЖСН", "ИИН", 14.0),
    Column::new("Тегі, аты, әкесінің аты", "Фамилия, имя, отчество", 32.0),
    Column::new("Кезең", "Период", 30.0),
    Column::new("Жұмыс беруші", "Работодатель", 30.0),
    Column::new("Жұмыс берушінің БСН", "БИН работодателя", 14.0),
    Column::new("Басталуы", "Начало", 11.0),
    Column::new("Аяқталуы", "Окончание", 11.0),
    Column::new("Ескертпе", "Примечание", 30.0),
];

/// Writes the list to `path` (.xlsx), headers and labels in `lang`.
pub fn write_financial_centre(
    rows: &[FinancialCentreRow],
    lang: Lang,
    path: &Path,
) -> Result<(), ExportError> {
    save(path, |workbook| {
        let formats = Formats::new();
        graduates_sheet(workbook.add_worksheet(), rows, lang, &formats)?;
        periods_sheet(workbook.add_worksheet(), rows, lang, &formats)
    })
}

fn graduates_sheet(
    sheet: &mut Worksheet,
    rows: &[FinancialCentreRow],
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    header(sheet, pick(lang, "Түлектер", "Выпускники"), GRADUATES, lang, f)?;
    for (index, r) in rows.iter().enumerate() {
        let row = data_row(index)?;
        let employer = r.employer.as_ref();
        sheet.write_string_with_format(row, 0, r.iin.as_str(), &f.text)?;
        sheet.write_string(row, 1, &r.surname)?;
        sheet.write_string(row, 2, &r.name)?;
        sheet.write_string(row, 3, r.patronymic.as_deref().unwrap_or_default())?;
        sheet.write_string_with_format(row, 4, &r.program_code, &f.text)?;
        sheet.write_string(row, 5, &r.program_name)?;
        sheet.write_string(row, 6, r.level.label(lang))?;
        sheet.write_string(row, 7, r.funding.label(lang))?;
        sheet.write_number_with_format(row, 8, r.graduation_year, &f.integer)?;
        sheet.write_number_with_format(row, 9, r.term_years, &f.integer)?;
        sheet.write_string(row, 10, &r.decision)?;
        sheet.write_string(row, 11, employer.map(Employer::name).unwrap_or_default())?;
        if let Some(bin) = employer.and_then(Employer::bin) {
            sheet.write_string_with_format(row, 12, bin.as_str(), &f.text)?;
        }
        if let Some(arrival) = r.arrival {
            write_date(sheet, row, 13, arrival, f)?;
        }
        let periods: Vec<String> = r.periods.iter().map(|p| period_text(p, lang)).collect();
        sheet.write_string(row, 14, periods.join("; "))?;
        sheet.write_number_with_format(row, 15, r.status.counted_days, &f.integer)?;
        sheet.write_number_with_format(row, 16, r.status.remaining_days, &f.integer)?;
        if let Some(ends_on) = r.status.ends_on {
            write_date(sheet, row, 17, ends_on, f)?;
        }
        sheet.write_string(row, 18, r.status.state.label(lang))?;
        if let Some(refund) = r.status.refund {
            // Exact up to 2^53 tenge, far beyond any cost of studies.
            sheet.write_number_with_format(row, 19, refund as f64, &f.money)?;
        }
    }
    filter(sheet, rows.len(), GRADUATES)
}

fn periods_sheet(
    sheet: &mut Worksheet,
    rows: &[FinancialCentreRow],
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    header(sheet, pick(lang, "Кезеңдер", "Периоды"), PERIODS, lang, f)?;
    let periods: Vec<_> = rows.iter().flat_map(|r| r.periods.iter().map(move |p| (r, p))).collect();
    for (index, (r, p)) in periods.iter().enumerate() {
        let row = data_row(index)?;
        let full_name = [Some(&r.surname), Some(&r.name), r.patronymic.as_ref()]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        sheet.write_string_with_format(row, 0, r.iin.as_str(), &f.text)?;
        sheet.write_string(row, 1, full_name)?;
        sheet.write_string(row, 2, p.activity.kind().label(lang))?;
        if let Activity::Work(employer) = &p.activity {
            sheet.write_string(row, 3, employer.name())?;
            if let Some(bin) = employer.bin() {
                sheet.write_string_with_format(row, 4, bin.as_str(), &f.text)?;
            }
        }
        write_date(sheet, row, 5, p.span.from(), f)?;
        if let Some(to) = p.span.to() {
            write_date(sheet, row, 6, to, f)?;
        }
        sheet.write_string(row, 7, p.note.as_deref().unwrap_or_default())?;
    }
    filter(sheet, periods.len(), PERIODS)
}

/// «Жұмыс, ЖШС «Мектеп»: 01.09.2025 – 31.08.2026» for the one-cell summary.
fn period_text(p: &Period, lang: Lang) -> String {
    let what = match &p.activity {
        Activity::Work(employer) => format!("{}, {}", p.activity.kind().label(lang), employer.name()),
        Activity::Centre | Activity::Deferral => p.activity.kind().label(lang).to_string(),
    };
    let to = match (p.span.to(), lang) {
        (Some(to), _) => date(to),
        (None, Lang::Kk) => "қазірге дейін".to_string(),
        (None, Lang::Ru) => "по настоящее время".to_string(),
    };
    format!("{what}: {} – {to}", date(p.span.from()))
}

#[cfg(test)]
mod tests;
