//! The list the university passes to the Financial Centre: every grant graduate of the cohort,
//! in every state (the exempted with their ground and certificate, the deferred with their
//! dates, those no rules row covers, those not yet decided), with contacts, the protocol and
//! paper numbers, the years on the grant, the term and its days, and the refund only where
//! owed; a second sheet has one period per row, with whether and why it counts.

use std::path::Path;

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::xlsx::{Column, Formats, data_row, filter, header, pick, save, write_date};
use super::{Activity, ExportError};
use crate::commission::{Outcome, PaperNumber};
use crate::i18n::{Lang, date};
use crate::model::{EmployerRecord, Graduate};
use crate::obligation::ObligationView;
use crate::vocabulary::Termed;

/// One graduate in the Financial Centre's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinancialCentreRow {
    pub graduate: Graduate,
    pub obligation: ObligationView,
    /// The current decision's paper (referral, certificate), once printed.
    pub paper: Option<PaperNumber>,
    /// The referral's employer.
    pub employer: Option<EmployerRecord>,
}

const GRADUATES: &[Column] = &[
    Column::new("ЖСН", "ИИН", 14.0),
    Column::new("Тегі", "Фамилия", 16.0),
    Column::new("Аты", "Имя", 14.0),
    Column::new("Әкесінің аты", "Отчество", 16.0),
    Column::new("Телефон", "Телефон", 14.0),
    Column::new("Э-пошта", "E-mail", 20.0),
    Column::new("Бағдарлама коды", "Код программы", 11.0),
    Column::new("Білім беру бағдарламасы", "Образовательная программа", 30.0),
    Column::new("Деңгейі", "Уровень", 13.0),
    Column::new("Қаржыландыру", "Финансирование", 22.0),
    Column::new("Бітірген жылы", "Год окончания", 9.0),
    Column::new("Ережелер кестесінің жолы", "Строка таблицы правил", 24.0),
    Column::new("Жағдайы", "Состояние", 20.0),
    Column::new("Шешім", "Решение", 40.0),
    Column::new("Хаттама №", "№ протокола", 9.0),
    Column::new("Хаттама күні", "Дата протокола", 11.0),
    Column::new("Құжат № (жолдама, анықтама)", "№ документа (направление, справка)", 12.0),
    Column::new("Құжат күні", "Дата документа", 11.0),
    Column::new("Босату негізі", "Основание освобождения", 30.0),
    Column::new("Кейінге қалдыру: басы", "Отсрочка: с", 11.0),
    Column::new("Кейінге қалдыру: соңы", "Отсрочка: по", 11.0),
    Column::new("Жұмыс беруші", "Работодатель", 30.0),
    Column::new("Жұмыс берушінің БСН", "БИН работодателя", 14.0),
    Column::new("Келген күні", "Дата прибытия", 11.0),
    Column::new("Грантпен оқыған жылдар / нормативтік", "Лет на гранте / нормативный срок", 12.0),
    Column::new("Өтеу мерзімі, жыл", "Срок отработки, лет", 9.0),
    Column::new("Мерзім, күн", "Срок, дней", 9.0),
    Column::new("Есептелген күндер", "Засчитано дней", 10.0),
    Column::new("Тоқтатылған күндер", "Приостановлено дней", 10.0),
    Column::new("Қалған күндер", "Осталось дней", 10.0),
    Column::new("Өтеудің аяқталу күні", "Дата окончания отработки", 11.0),
    Column::new("Өтелетін сома, теңге", "Сумма возмещения, тенге", 14.0),
    Column::new("Төленді, теңге", "Оплачено, тенге", 14.0),
    Column::new("Қалдық, теңге", "Остаток, тенге", 14.0),
    Column::new("Ескертпе", "Примечание", 40.0),
];

const PERIODS: &[Column] = &[
    Column::new("ЖСН", "ИИН", 14.0),
    Column::new("Тегі, аты, әкесінің аты", "Фамилия, имя, отчество", 32.0),
    Column::new("Кезең", "Период", 30.0),
    Column::new("Жұмыс беруші", "Работодатель", 30.0),
    Column::new("Жұмыс берушінің БСН", "БИН работодателя", 14.0),
    Column::new("Басталуы", "Начало", 11.0),
    Column::new("Аяқталуы", "Окончание", 11.0),
    Column::new("Күндер", "Дней", 9.0),
    Column::new("Есептеледі ме", "Засчитывается", 10.0),
    Column::new("Неге есептелмейді", "Почему не засчитывается", 40.0),
    Column::new("Ескертпе", "Примечание", 30.0),
];

/// Writes the list of the `year`'s graduates to `path` (.xlsx), headers and labels in `lang`.
pub fn write_financial_centre(
    rows: &[FinancialCentreRow],
    year: i32,
    lang: Lang,
    path: &Path,
) -> Result<(), ExportError> {
    let title = match lang {
        Lang::Kk => format!("{year} жылғы түлектер: Қаржы орталығына тізім"),
        Lang::Ru => format!("Выпуск {year} года: список для Финансового центра"),
    };
    save(path, &title, |workbook| {
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
        let g = &r.graduate.record;
        let o = &r.obligation;
        let s = &o.standing;
        let put = |sheet: &mut Worksheet, col, text: &str| sheet.write_string(row, col, text).map(drop);
        sheet.write_string_with_format(row, 0, g.iin.as_str(), &f.text)?;
        put(sheet, 1, &g.surname)?;
        put(sheet, 2, &g.name)?;
        put(sheet, 3, g.patronymic.as_deref().unwrap_or_default())?;
        sheet.write_string_with_format(row, 4, g.phone.as_deref().unwrap_or_default(), &f.text)?;
        put(sheet, 5, g.email.as_deref().unwrap_or_default())?;
        sheet.write_string_with_format(row, 6, &g.program_code, &f.text)?;
        put(sheet, 7, &g.program_name)?;
        put(sheet, 8, g.level.label(lang))?;
        put(sheet, 9, g.funding.label(lang))?;
        sheet.write_number_with_format(row, 10, g.graduation_year, &f.integer)?;
        let coverage = match o.coverage.covered() {
            Some(c) => c.name.get(lang).to_owned(),
            None => pick(lang, "Кестеде қамтылмаған", "Не охвачен таблицей").to_owned(),
        };
        put(sheet, 11, &coverage)?;
        put(sheet, 12, o.state_label.get(lang))?;
        if let Some(d) = &o.decision {
            put(sheet, 13, d.summary.get(lang))?;
            sheet.write_number_with_format(row, 14, d.decision.meeting_number, &f.integer)?;
            write_date(sheet, row, 15, d.decision.meeting_date, f)?;
            match &d.decision.outcome {
                Outcome::Exemption { ground, .. } => put(sheet, 18, ground.text().get(lang))?,
                Outcome::Deferral { from, to, .. } => {
                    write_date(sheet, row, 19, *from, f)?;
                    if let Some(to) = to {
                        write_date(sheet, row, 20, *to, f)?;
                    }
                }
                _ => {}
            }
        }
        if let Some(paper) = &r.paper {
            sheet.write_string_with_format(row, 16, &paper.number, &f.text)?;
            write_date(sheet, row, 17, paper.issued_on, f)?;
        }
        if let Some(employer) = &r.employer {
            put(sheet, 21, &employer.name)?;
            sheet.write_string_with_format(row, 22, employer.bin.as_str(), &f.text)?;
        }
        if let Some(arrival) = &o.arrival {
            write_date(sheet, row, 23, arrival.on, f)?;
        }
        if let Some(share) = o.share {
            put(sheet, 24, &format!("{} / {}", share.on_grant(), share.normative()))?;
        }
        sheet.write_number_with_format(row, 25, s.term.years, &f.integer)?;
        sheet.write_number_with_format(row, 26, s.term_days, &f.integer)?;
        sheet.write_number_with_format(row, 27, s.counted_days, &f.integer)?;
        sheet.write_number_with_format(row, 28, s.paused_days, &f.integer)?;
        sheet.write_number_with_format(row, 29, s.remaining_days, &f.integer)?;
        if let Some(ends_on) = s.ends_on {
            write_date(sheet, row, 30, ends_on, f)?;
        }
        // Only a broken obligation owes: the estimate of a running one is never listed as a debt.
        if s.state.owes() || s.paid > 0 {
            if let Some(owed) = s.refund_owed {
                // Exact up to 2^53 tenge, far beyond any cost of studies.
                sheet.write_number_with_format(row, 31, owed as f64, &f.money)?;
            }
            sheet.write_number_with_format(row, 32, s.paid as f64, &f.money)?;
            if let Some(balance) = s.balance {
                sheet.write_number_with_format(row, 33, balance as f64, &f.money)?;
            }
        }
        let notes: Vec<&str> = o.notes.iter().map(|n| n.message.get(lang)).collect();
        put(sheet, 34, &notes.join("; "))?;
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
    let periods: Vec<_> =
        rows.iter().flat_map(|r| r.obligation.periods.iter().map(move |p| (r, p))).collect();
    for (index, (r, p)) in periods.iter().enumerate() {
        let row = data_row(index)?;
        let period = &p.period;
        sheet.write_string_with_format(row, 0, r.graduate.record.iin.as_str(), &f.text)?;
        sheet.write_string(row, 1, r.graduate.record.full_name())?;
        sheet.write_string(row, 2, period.activity.kind().label(lang))?;
        if let Activity::Work(employer) = &period.activity {
            sheet.write_string(row, 3, employer.name())?;
            if let Some(bin) = employer.bin() {
                sheet.write_string_with_format(row, 4, bin.as_str(), &f.text)?;
            }
        }
        write_date(sheet, row, 5, period.span.from(), f)?;
        if let Some(to) = period.span.to() {
            write_date(sheet, row, 6, to, f)?;
        }
        sheet.write_number_with_format(row, 7, p.days, &f.integer)?;
        sheet.write_string(
            row,
            8,
            if p.counts { pick(lang, "Иә", "Да") } else { pick(lang, "Жоқ", "Нет") },
        )?;
        let why: Vec<&str> = p.reasons.iter().map(|r| r.message.get(lang)).collect();
        sheet.write_string(row, 9, why.join("; "))?;
        sheet.write_string(row, 10, period.note.as_deref().unwrap_or_default())?;
    }
    filter(sheet, periods.len(), PERIODS)
}

/// «Жұмыс, ЖШС «Мектеп»: 01.09.2025 – 31.08.2026», for one-line summaries.
pub fn period_text(period: &super::Period, lang: Lang) -> String {
    let what = match &period.activity {
        Activity::Work(employer) => format!("{}, {}", period.activity.kind().label(lang), employer.name()),
        Activity::Centre | Activity::Deferral => period.activity.kind().label(lang).to_string(),
    };
    let to = match (period.span.to(), lang) {
        (Some(to), _) => date(to),
        (None, Lang::Kk) => "қазірге дейін".to_string(),
        (None, Lang::Ru) => "по настоящее время".to_string(),
    };
    format!("{what}: {} – {to}", date(period.span.from()))
}
