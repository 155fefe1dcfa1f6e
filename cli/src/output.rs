//! What the command line prints: text for a person in their language, or JSON for a program.

use std::path::Path;

use chrono::NaiveDate;
use joldama_core::classifiers::Region;
use joldama_core::commission::DecisionView;
use joldama_core::i18n::UserFacing;
use joldama_core::import::{ImportReport, Problem};
use joldama_core::model::{Graduate, Vacancy};
use joldama_core::vocabulary::Termed;
use joldama_core::workflow::demo::DemoSummary;
use joldama_core::{Lang, Text};
use serde::Serialize;

pub struct Printer {
    pub lang: Lang,
    pub json: bool,
}

/// A problem as programs read it: the message in the chosen language.
#[derive(Serialize)]
struct ProblemView<'a> {
    row: u32,
    column: Option<&'a str>,
    header: Option<&'a str>,
    field: Option<&'a str>,
    value: Option<&'a str>,
    person: Option<&'a str>,
    code: &'a str,
    message: &'a str,
}

impl<'a> ProblemView<'a> {
    fn of(p: &'a Problem, lang: Lang) -> Self {
        ProblemView {
            row: p.row,
            column: p.column.as_deref(),
            header: p.header.as_deref(),
            field: p.field,
            value: p.value.as_deref(),
            person: p.person.as_deref(),
            code: p.code,
            message: p.message.get(lang),
        }
    }
}

fn print_json(value: &impl Serialize) {
    println!("{}", serde_json::to_string_pretty(value).expect("plain data serialises"));
}

pub fn day(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

impl Printer {
    pub fn t(&self, kk: &str, ru: &str) -> String {
        Text::new(kk, ru).get(self.lang).to_owned()
    }

    pub fn text(&self, text: &Text) -> String {
        text.get(self.lang).to_owned()
    }

    /// `value` as JSON for a program, or what `text` prints for a person.
    pub fn show<T: Serialize + ?Sized>(&self, value: &T, text: impl FnOnce()) {
        if self.json { print_json(&value) } else { text() }
    }

    /// «Surname Name Patronymic (IIN)».
    pub fn person(&self, g: &Graduate) -> String {
        let r = &g.record;
        let names = [Some(&r.surname), Some(&r.name), r.patronymic.as_ref()];
        let names: Vec<&str> = names.into_iter().flatten().map(String::as_str).collect();
        format!("{} ({})", names.join(" "), r.iin)
    }

    /// One decision as a line: number, meeting, graduate, outcome, and its place in revisions.
    pub fn decision(&self, view: &DecisionView, graduate: Option<&Graduate>) {
        let d = &view.decision;
        let who = graduate.map(|g| format!("  {}", self.person(g))).unwrap_or_default();
        println!(
            "{} №{}  ({} №{}){who}  {}",
            self.t("Шешім", "Решение"),
            d.id,
            self.t("отырыс", "заседание"),
            d.meeting_number,
            self.text(&view.summary)
        );
        if let Some(years) = d.term_years {
            println!("    {}: {years}", self.t("Өтеу мерзімі, жыл", "Срок отработки, лет"));
        }
        if let Some(revises) = d.revises {
            let reason = d.reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default();
            println!("    {} №{revises}{reason}", self.t("Қайта қаралған шешім", "Пересматривает решение"));
        }
        if let Some(by) = d.revised_by {
            println!("    {} №{by}", self.t("Қайта қаралды, жаңа шешім", "Пересмотрено решением"));
        }
        if let Some(review) = &view.review {
            println!("    ! {}", self.text(review));
        }
    }

    pub fn import_report(&self, report: &ImportReport) {
        if self.json {
            let mut value = serde_json::to_value(report).expect("plain data serialises");
            let problems: Vec<_> =
                report.tally.problems.iter().map(|p| ProblemView::of(p, self.lang)).collect();
            value["problems"] = serde_json::to_value(problems).expect("plain data serialises");
            print_json(&value);
            return;
        }
        let c = &report.counts;
        let dry = if report.dry_run {
            self.t(" (тексеру, ештеңе өзгертілмеді)", " (проверка, ничего не изменено)")
        } else {
            String::new()
        };
        println!(
            "{} «{}», {} «{}»{}{dry}",
            self.t("Файл", "Файл"),
            report.file,
            self.t("парақ", "лист"),
            report.sheet,
            report.year.map_or_else(String::new, |y| format!(", {y}")),
        );
        if report.sheet_hidden {
            println!(
                "{}",
                self.t(
                    "Тізім тек жасырын парақта табылды: дұрыс парақ па, тексеріңіз",
                    "Список найден только на скрытом листе: проверьте, тот ли это лист"
                )
            );
        }
        for c in &report.columns {
            if let (Some(field), Some(evidence)) = (&c.field, &c.evidence) {
                println!("  {} → {field}: {}", c.letter, evidence.get(self.lang));
            }
        }
        println!(
            "{}: {}; {}: {}; {}: {}",
            self.t("Тақырып жолы", "Строка заголовков"),
            report.tally.header_row,
            self.t("деректер жолдары", "строк данных"),
            report.tally.data_rows,
            self.t("дұрыс", "верных"),
            report.tally.valid
        );
        println!(
            "{}: {}, {}: {}, {}: {}, {}: {}",
            self.t("Қосылды", "Добавлено"),
            c.imported,
            self.t("жаңартылды", "обновлено"),
            c.updated,
            self.t("өзгеріссіз", "без изменений"),
            c.unchanged,
            self.t("қателер", "ошибок"),
            report.tally.problems.len()
        );
        for p in &report.tally.problems {
            let place = match (&p.column, &p.header) {
                (Some(col), Some(h)) => format!(", {col} «{h}»"),
                _ => String::new(),
            };
            let who = p.person.as_deref().map_or_else(String::new, |who| format!(" ({who})"));
            println!(
                "  {} {}{who}{place}: {} [{}]",
                self.t("жол", "строка"),
                p.row,
                p.message.get(self.lang),
                p.code
            );
        }
        if !report.tally.skipped_rows.is_empty() {
            let rows: Vec<String> = report.tally.skipped_rows.iter().map(u32::to_string).collect();
            println!(
                "{}: {}",
                self.t(
                    "Деректер емес жолдар (қорытынды, қолтаңба) өткізілді",
                    "Пропущены строки не с данными (итоги, подписи)"
                ),
                rows.join(", ")
            );
        }
    }

    fn region(&self, region: Option<Region>) -> &'static str {
        region.map_or("—", |r| r.label(self.lang))
    }

    pub fn graduates(&self, graduates: &[Graduate]) {
        if self.json {
            return print_json(&graduates);
        }
        for g in graduates {
            let r = &g.record;
            println!(
                "{}  {} {} {}  {}  {}  {} {}  {}",
                r.iin,
                r.surname,
                r.name,
                r.patronymic.as_deref().unwrap_or(""),
                r.birth_date.format("%d.%m.%Y"),
                r.level.label(self.lang),
                r.program_code,
                r.funding.label(self.lang),
                self.region(r.region),
            );
        }
        println!("{}: {}", self.t("Барлығы", "Всего"), graduates.len());
    }

    pub fn vacancies(&self, vacancies: &[Vacancy]) {
        if self.json {
            return print_json(&vacancies);
        }
        for v in vacancies {
            let r = &v.record;
            println!(
                "{}  {}  {}  {}  {}  {}/{}",
                r.employer.bin,
                r.employer.name,
                r.position,
                r.employer.kind.label(self.lang),
                self.region(Some(r.region)),
                v.places_left,
                r.places
            );
        }
        println!("{}: {}", self.t("Барлығы", "Всего"), vacancies.len());
    }

    pub fn demo(&self, summary: &DemoSummary, db: &Path) {
        if self.json {
            return print_json(&serde_json::json!({ "db": db, "summary": summary }));
        }
        println!("{}: {}", self.t("Демо-дерекқор дайын", "Демо-база готова"), db.display());
        for report in &summary.reports {
            println!("  «{}»: +{} ({})", report.file, report.counts.imported, report.tally.problems.len());
        }
        println!(
            "{}: {} ({} {})",
            self.t("Бекітілген №1 отырыс", "Утверждённое заседание №1"),
            summary.meeting_id,
            summary.referrals,
            self.t("жолдама", "направлений")
        );
        summary.papers.iter().for_each(|p| println!("  {}", p.display()));
    }
}

/// Prints a failure: to stderr for a person, as `{error: {code, message}}` on stdout for a program.
pub fn error(error: &dyn UserFacing, lang: Lang, json: bool) {
    if json {
        print_json(&serde_json::json!({
            "error": { "code": error.code(), "message": error.message().get(lang) }
        }));
    } else {
        eprintln!("{} [{}]", error.message().get(lang), error.code());
    }
}
