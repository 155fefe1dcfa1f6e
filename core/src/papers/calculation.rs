//! The calculation sheet (есеп парағы / расчётный лист) of one graduate's obligation: the term
//! and how it was made proportional, every period with its days, the paused days, the days
//! counted and left, the formula, the amount and its rounding, the payments: what a court or
//! the Financial Centre can check line by line.

use chrono::NaiveDate;

use super::Paper;
use super::documents::{GraduateLine, University, graduate_fields, head};
use super::layout::{Align, Column, Flow, Span, Style, Table};
use super::words;
use crate::followup::{Activity, Employer};
use crate::i18n::{Lang, Text, tenge};
use crate::obligation::{CostScope, GrantShare, ObligationView, PeriodKind};
use crate::vocabulary::Termed;

/// One graduate's obligation on one date, as a paper.
#[derive(Clone, Debug)]
pub struct CalculationSheet {
    pub lang: Lang,
    pub university: University,
    pub graduate: GraduateLine,
    pub view: ObligationView,
    /// Who prepared it (the secretary).
    pub prepared_by: String,
}

fn t(lang: Lang, kk: &str, ru: &str) -> String {
    Text::new(kk, ru).get(lang).to_owned()
}

/// `a × b / c` to two decimals, truncated, and rounded half up to a whole: how the rounding
/// line shows the exact value before it.
fn quotient(a: u64, b: u32, c: u32) -> (String, u64) {
    let (num, den) = (u128::from(a) * u128::from(b), u128::from(c.max(1)));
    let whole = num / den;
    let hundredths = (num % den) * 100 / den;
    let rounded = (2 * num + den) / (2 * den);
    let whole = u64::try_from(whole).unwrap_or(u64::MAX);
    (format!("{},{hundredths:02}", tenge(whole)), u64::try_from(rounded).unwrap_or(u64::MAX))
}

fn share_text(share: GrantShare) -> String {
    format!("{} / {}", share.on_grant(), share.normative())
}

impl CalculationSheet {
    fn term(&self, flow: &mut Flow) {
        let lang = self.lang;
        let s = &self.view.standing;
        flow.paragraph(&[Span::bold(&t(lang, "1. Мерзім", "1. Срок"))], Style::BODY);
        let row = |label: &str, value: String| [label.to_owned(), value];
        let mut rows =
            vec![row(&t(lang, "Ережелер бойынша", "По правилам"), words::at_least_years(lang, s.term.years))];
        if let Some(start) = s.start {
            rows.push(row(&t(lang, "Басталуы (келген күні)", "Начало (день прибытия)"), words::date(start)));
        }
        rows.push(row(&t(lang, "Толық мерзім, күн", "Полный срок, дней"), s.term.full_days.to_string()));
        if let Some(share) = s.term.share {
            rows.push(row(
                &t(lang, "Грантпен оқыған жылдар / нормативтік мерзім", "Лет на гранте / нормативный срок"),
                share_text(share),
            ));
            let (exact, _) = quotient(
                u64::from(s.term.full_days),
                u32::from(share.on_grant().tenths()),
                u32::from(share.normative().tenths()),
            );
            rows.push(row(
                &t(lang, "Үлестік мерзім, күн", "Пропорциональный срок, дней"),
                format!(
                    "{} × {} = {exact}; {} {}",
                    s.term.full_days,
                    share_text(share),
                    t(lang, "дөңгелектенді:", "округлено:"),
                    s.term.days
                ),
            ));
        }
        rows.push(row(&t(lang, "Өтелетін мерзім, күн", "Срок к отработке, дней"), s.term_days.to_string()));
        flow.table(&Table { columns: &TWO, header: &[], ruled: true, style: Style::BODY }, &rows);
        flow.gap(8.0);
    }

    fn periods(&self, flow: &mut Flow) {
        let lang = self.lang;
        flow.paragraph(&[Span::bold(&t(lang, "2. Кезеңдер", "2. Периоды"))], Style::BODY);
        let header = [
            t(lang, "Кезең", "Период"),
            t(lang, "Жұмыс беруші", "Работодатель"),
            t(lang, "Басталуы – аяқталуы", "Начало – окончание"),
            t(lang, "Күн", "Дней"),
            t(lang, "Ескертпе", "Примечание"),
        ];
        let rows: Vec<[String; 5]> = self
            .view
            .periods
            .iter()
            .map(|p| {
                let period = &p.period;
                let employer = match &period.activity {
                    Activity::Work(Employer::Registered { name, bin }) => format!("{name} ({bin})"),
                    Activity::Work(Employer::Unregistered { name }) => name.clone(),
                    Activity::Centre | Activity::Deferral => String::new(),
                };
                let to = period.span.to().map_or_else(|| "…".to_owned(), words::date);
                let note = match (period.activity.kind(), p.counts) {
                    (PeriodKind::Deferral, _) => t(lang, "мерзім тоқтатылады", "срок приостанавливается"),
                    (_, true) => t(lang, "есептеледі", "засчитывается"),
                    (_, false) => {
                        let why: Vec<&str> = p.reasons.iter().map(|r| r.message.get(lang)).collect();
                        format!("{}: {}", t(lang, "есептелмейді", "не засчитывается"), why.join("; "))
                    }
                };
                [
                    period.activity.kind().label(lang).to_owned(),
                    employer,
                    format!("{} – {to}", words::date(period.span.from())),
                    p.days.to_string(),
                    note,
                ]
            })
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        if rows.is_empty() {
            flow.text(&t(lang, "Кезеңдер тіркелмеген.", "Периоды не записаны."), Style::BODY);
        } else {
            flow.table(
                &Table { columns: &PERIODS, header: &header, ruled: true, style: Style::SMALL },
                &rows,
            );
        }
        let s = &self.view.standing;
        flow.gap(4.0);
        let totals = [
            [t(lang, "Есептелген күндер", "Засчитано дней"), s.counted_days.to_string()],
            [
                t(
                    lang,
                    "Тоқтатылған күндер (мерзімді әскери қызмет)",
                    "Приостановлено дней (срочная служба)",
                ),
                s.paused_days.to_string(),
            ],
            [
                t(lang, "Қалған күндер", "Осталось дней"),
                format!("{} - {} = {}", s.term_days, s.counted_days, s.remaining_days),
            ],
        ];
        flow.table(&Table { columns: &TWO, header: &[], ruled: true, style: Style::BODY }, &totals);
        flow.gap(8.0);
    }

    fn refund(&self, flow: &mut Flow) {
        let lang = self.lang;
        let s = &self.view.standing;
        flow.paragraph(&[Span::bold(&t(lang, "3. Шығыстарды өтеу", "3. Возмещение расходов"))], Style::BODY);
        let Some(cost) = &self.view.study_cost else {
            flow.text(
                &t(
                    lang,
                    "Оқу құны енгізілмеген: сома есептелмейді.",
                    "Стоимость обучения не внесена: сумма не рассчитывается.",
                ),
                Style::BODY,
            );
            return;
        };
        let mut rows: Vec<[String; 2]> = Vec::new();
        let basis = cost.basis.as_deref().map(|b| format!(" ({b})")).unwrap_or_default();
        let on_grant = match (cost.scope, s.term.share) {
            (CostScope::WholeProgramme, Some(share)) => {
                rows.push([
                    t(lang, "Бағдарламаның толық құны, теңге", "Стоимость всей программы, тенге"),
                    format!("{}{basis}", tenge(cost.amount)),
                ]);
                let (exact, rounded) = quotient(
                    cost.amount,
                    u32::from(share.on_grant().tenths()),
                    u32::from(share.normative().tenths()),
                );
                rows.push([
                    t(lang, "Грант үлесі, теңге", "Доля гранта, тенге"),
                    format!(
                        "{} × {} = {exact}; {} {}",
                        tenge(cost.amount),
                        share_text(share),
                        t(lang, "дөңгелектенді:", "округлено:"),
                        tenge(rounded)
                    ),
                ]);
                rounded
            }
            _ => {
                rows.push([
                    t(lang, "Бюджет төлеген оқу құны, теңге", "Стоимость обучения за счёт бюджета, тенге"),
                    format!("{}{basis}", tenge(cost.amount)),
                ]);
                cost.amount
            }
        };
        let (exact, amount) = quotient(on_grant, s.remaining_days, s.term_days);
        rows.push([
            t(lang, "Формула", "Формула"),
            format!("{} × {} / {} = {exact}", tenge(on_grant), s.remaining_days, s.term_days),
        ]);
        rows.push([
            t(lang, "Дөңгелектеу", "Округление"),
            t(
                lang,
                "бүтін теңгеге дейін, 0,50 және одан жоғары — жоғары қарай",
                "до целого тенге, 0,50 и выше — вверх",
            ),
        ]);
        match (s.state.owes() || s.paid > 0, s.refund_owed) {
            (true, Some(owed)) => {
                rows.push([t(lang, "Өтелетін сома, теңге", "Сумма возмещения, тенге"), tenge(owed)]);
                rows.push([t(lang, "Төленді, теңге", "Оплачено, тенге"), tenge(s.paid)]);
                rows.push([t(lang, "Қалдық, теңге", "Остаток, тенге"), tenge(s.balance.unwrap_or(owed))]);
            }
            _ => rows.push([
                t(lang, "Өтелетін сома", "Сумма возмещения"),
                format!(
                    "{}: {} {}",
                    t(
                        lang,
                        "міндеттеме бұзылмаған, қарыз жоқ; тек осы күні тоқтаса (болжам)",
                        "обязательство не нарушено, долга нет; лишь если прекратить в этот день (оценка)"
                    ),
                    tenge(amount),
                    t(lang, "теңге", "тенге")
                ),
            ]),
        }
        flow.table(&Table { columns: &TWO, header: &[], ruled: true, style: Style::BODY }, &rows);
        if !self.view.payments.is_empty() {
            flow.gap(4.0);
            let header = [
                t(lang, "Төлем күні", "Дата платежа"),
                t(lang, "Сома, теңге", "Сумма, тенге"),
                t(lang, "Құжат", "Документ"),
            ];
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let rows: Vec<[String; 3]> = self
                .view
                .payments
                .iter()
                .map(|p| [words::date(p.paid_on), tenge(p.amount), p.document.clone()])
                .collect();
            flow.table(&Table { columns: &THREE, header: &header, ruled: true, style: Style::BODY }, &rows);
        }
    }
}

const TWO: [Column; 2] =
    [Column { share: 0.45, align: Align::Left }, Column { share: 0.55, align: Align::Left }];
const THREE: [Column; 3] = [
    Column { share: 0.25, align: Align::Left },
    Column { share: 0.3, align: Align::Right },
    Column { share: 0.45, align: Align::Left },
];
const PERIODS: [Column; 5] = [
    Column { share: 0.2, align: Align::Left },
    Column { share: 0.25, align: Align::Left },
    Column { share: 0.2, align: Align::Left },
    Column { share: 0.08, align: Align::Right },
    Column { share: 0.27, align: Align::Left },
];

impl Paper for CalculationSheet {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn file_name(&self) -> String {
        t(self.lang, "есеп", "расчёт")
    }

    fn person(&self) -> Option<&str> {
        Some(&self.graduate.full_name)
    }

    fn draw(&self, flow: &mut Flow) {
        let lang = self.lang;
        let s = &self.view.standing;
        flow.number_pages();
        // Not a numbered paper: the head carries the date only.
        let number = String::new();
        let titles = [
            t(lang, "ЖҰМЫСПЕН ӨТЕУ ЖӘНЕ ШЫҒЫСТАРДЫ ӨТЕУ ЕСЕБІ", "РАСЧЁТ ОТРАБОТКИ И ВОЗМЕЩЕНИЯ РАСХОДОВ"),
            t(
                lang,
                "«Білім туралы» Қазақстан Республикасы Заңының 47-бабының 17-тармағы",
                "пункт 17 статьи 47 Закона Республики Казахстан «Об образовании»",
            ),
        ];
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        head(flow, &self.university, None, &number, s.as_of, &titles);
        graduate_fields(flow, &self.graduate);
        let field = |flow: &mut Flow, label: String, value: &str| {
            flow.field(&label, value, Style::BODY);
            flow.gap(1.0);
        };
        field(flow, words::FUNDING.get(lang).to_owned(), self.graduate.funding.label(lang));
        if let Some(d) = &self.view.decision {
            let date = words::date(d.decision.meeting_date);
            let decision = format!("{} (№{}, {date})", d.summary.get(lang), d.decision.meeting_number);
            field(flow, t(lang, "Комиссия шешімі", "Решение комиссии"), &decision);
        }
        let since = s.since.map_or_else(String::new, |d: NaiveDate| {
            format!(" ({} {})", t(lang, "бастап", "с"), words::date(d))
        });
        field(
            flow,
            t(lang, "Есеп күнгі жағдайы", "Состояние на дату расчёта"),
            &format!("{}{since}", self.view.state_label.get(lang)),
        );
        for note in &self.view.notes {
            flow.text(&format!("• {}", note.message.get(lang)), Style::SMALL);
        }
        flow.gap(6.0);
        self.term(flow);
        self.periods(flow);
        self.refund(flow);
        flow.gap(12.0);
        let prepared = t(lang, "Есепті жасаған", "Расчёт составил");
        flow.signatures(&[(&prepared, &self.prepared_by)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_rounding_lines() {
        assert_eq!(tenge(1_333_942), "1\u{a0}333\u{a0}942");
        assert_eq!(tenge(942), "942");
        assert_eq!(quotient(2_000_000, 731, 1096), ("1\u{a0}333\u{a0}941,60".to_owned(), 1_333_942));
        assert_eq!(quotient(1, 1, 2), ("0,50".to_owned(), 1));
        assert_eq!(quotient(1, 1, 3), ("0,33".to_owned(), 0));
    }
}
