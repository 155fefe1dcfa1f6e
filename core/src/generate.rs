//! Generated, believable graduate and vacancy lists (as a registrar and employers would send
//! them), written as real .xlsx files: for the demo year ([`crate::workflow::demo`]),
//! benchmarks and tests.
//!
//! A port of `shared/tools/gen_graduates.py` and `gen_vacancies.py`: the same headers,
//! programmes, name pools, funding logic, regions and employer kinds. The output depends only
//! on the spec: a seeded PRNG inside this module drives every choice.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::classifiers::{Field, Funding, Level};
use crate::i18n::{Lang, Pair, Text, UserFacing};
use crate::ident::check_digit;

pub mod layouts;

/// Which graduate list to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraduateListSpec {
    pub rows: usize,
    pub lang: Lang,
    /// Graduation year: the year column, and birth years follow from it.
    pub year: i32,
    pub seed: u64,
    /// `false`: one header row and valid data only (benchmarks). `true`: what real exports
    /// carry: a merged title, IINs as numbers (leading zero lost) or text (some padded with
    /// spaces), dates as text, stray spaces, a blank line, ~1% bad check digits, one missing
    /// surname, one person listed twice, a totals row.
    pub messy: bool,
}

/// Which vacancy list to write: one header row, valid BINs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VacancyListSpec {
    pub rows: usize,
    /// The cohort the requests are for: the organisations were registered before it.
    pub year: i32,
    pub seed: u64,
}

/// A list that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{path}: cannot write the list: {source}")]
    Write { path: PathBuf, source: XlsxError },
    #[error("{path}: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("year {year}")]
    Year { year: i32, years: std::ops::RangeInclusive<i32> },
}

impl UserFacing for DemoError {
    fn code(&self) -> &'static str {
        match self {
            DemoError::Write { .. } | DemoError::Folder { .. } => "demo_write_failed",
            DemoError::Year { .. } => "demo_year",
        }
    }
    fn message(&self) -> Text {
        match self {
            DemoError::Write { path, source } => Text::new(
                format!("{} файлын жазу мүмкін емес: {source}", path.display()),
                format!("Не удалось записать файл {}: {source}", path.display()),
            ),
            DemoError::Folder { path, source } => Text::new(
                format!("{} қалтасын жасау мүмкін емес: {source}", path.display()),
                format!("Не удалось создать папку {}: {source}", path.display()),
            ),
            DemoError::Year { year, years } => Text::new(
                format!(
                    "Демо {year} жылға жасалмайды: {}–{} жылдардың бірін таңдаңыз",
                    years.start(),
                    years.end()
                ),
                format!(
                    "Демо не создаётся для {year} года: выберите год от {} до {}",
                    years.start(),
                    years.end()
                ),
            ),
        }
    }
}

/// Writes a graduate list as .xlsx.
pub fn write_graduate_list(path: &Path, spec: &GraduateListSpec) -> Result<(), DemoError> {
    save(path, graduate_workbook(spec))
}

/// Writes an employers' vacancy list as .xlsx.
pub fn write_vacancy_list(path: &Path, spec: &VacancyListSpec) -> Result<(), DemoError> {
    save(path, vacancy_workbook(spec))
}

fn save(path: &Path, workbook: Result<Workbook, XlsxError>) -> Result<(), DemoError> {
    // Made-up people, but written as the real lists are: owner-only.
    let bytes = workbook
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|source| DemoError::Write { path: path.to_owned(), source })?;
    crate::private::write(path, &bytes)
        .map_err(|e| DemoError::Write { path: path.to_owned(), source: XlsxError::IoError(e) })
}

// ---- Data tables (as in the Python tools) ----

#[rustfmt::skip]
const GRADUATE_HEADERS: Pair<[&str; 17]> = Pair {
    kk: [
        "Р/с", "ЖСН", "Тегі", "Аты", "Әкесінің аты", "Туған күні", "Жынысы", "Оқу деңгейі",
        "БББ шифры", "Білім беру бағдарламасы", "Қаржыландыру көзі", "Бітірген жылы",
        "Тұрғылықты өңірі", "Телефон", "Э-пошта", "Грант куәлігінің №", "Оқыту тілі",
    ],
    ru: [
        "№", "ИИН", "Фамилия", "Имя", "Отчество", "Дата рождения", "Пол", "Уровень обучения",
        "Шифр ОП", "Образовательная программа", "Источник финансирования", "Год окончания",
        "Регион проживания", "Телефон", "E-mail", "№ свидетельства о гранте", "Язык обучения",
    ],
};
const GRADUATE_SHEET: Pair<&str> = Pair { kk: "Түлектер", ru: "Выпускники" };
const GRADUATE_TITLE: Pair<&str> = Pair {
    kk: "Бюджет қаражаты есебінен оқыған түлектер тізімі",
    ru: "Список выпускников, обучавшихся за счёт бюджетных средств",
};
const YEAR_LINE: Pair<&str> = Pair { kk: "Бітіру жылы: ", ru: "Год выпуска: " };
const TOTAL_LINE: Pair<&str> = Pair { kk: "Барлығы: ", ru: "Итого: " };
/// Male, female.
const GENDER: Pair<[&str; 2]> = Pair { kk: ["Е", "Ә"], ru: ["М", "Ж"] };
const STUDY_LANGS: Pair<[&str; 2]> =
    Pair { kk: ["қазақ", "орыс"], ru: ["казахский", "русский"] };

struct Program {
    level: Level,
    code: &'static str,
    name: &'static str,
    field: Field,
}

const fn program(level: Level, code: &'static str, name: &'static str, field: Field) -> Program {
    Program { level, code, name, field }
}

const PROGRAMS: &[Program] = {
    use Field::*;
    use Level::*;
    &[
        program(Bachelor, "6B01501", "Математика", Pedagogical),
        program(Bachelor, "6B01502", "Физика", Pedagogical),
        program(Bachelor, "6B01503", "Информатика", Pedagogical),
        program(Bachelor, "6B01301", "Педагогика и методика начального обучения", Pedagogical),
        program(Bachelor, "6B01701", "Казахский язык и литература", Pedagogical),
        program(Bachelor, "6B10101", "Общая медицина", Medical),
        program(Bachelor, "6B10104", "Сестринское дело", Medical),
        program(Bachelor, "6B09101", "Ветеринарная медицина", Veterinary),
        program(Bachelor, "6B09102", "Ветеринарная санитария", Veterinary),
        program(Bachelor, "6B08101", "Агрономия", Agricultural),
        program(Bachelor, "6B08201", "Зоотехния", Agricultural),
        program(Bachelor, "6B07101", "Электроэнергетика", Technical),
        program(Bachelor, "6B07301", "Строительство", Technical),
        program(Bachelor, "6B06101", "Информационные системы", Technical),
        program(Bachelor, "6B04101", "Экономика", Other),
        program(Bachelor, "6B04201", "Юриспруденция", Other),
        program(Master, "7M01501", "Математика", Pedagogical),
        program(Master, "7M07101", "Электроэнергетика", Other),
        program(Residency, "7R01101", "Анестезиология и реаниматология", Medical),
        program(Residency, "7R01103", "Педиатрия", Medical),
        program(Doctorate, "8D01501", "Математика", Other),
        program(Doctorate, "8D07101", "Электроэнергетика", Other),
    ]
};

/// The level's label, the same in both languages' lists.
fn level_label(level: Level) -> &'static str {
    match level {
        Level::Bachelor => "Бакалавриат",
        Level::Master => "Магистратура",
        Level::Residency => "Резидентура",
        Level::Doctorate => "Докторантура",
    }
}

fn funding_label(funding: Funding, lang: Lang) -> &'static str {
    let labels = match funding {
        Funding::StateOrder => Pair {
            kk: "Мемлекеттік білім беру тапсырысы",
            ru: "Государственный образовательный заказ",
        },
        Funding::RuralQuota => Pair { kk: "Ауылдық квота", ru: "Сельская квота" },
        Funding::Serpin => Pair { kk: "Серпін", ru: "Серпін" },
        Funding::Phd => Pair {
            kk: "Мемлекеттік білім беру тапсырысы (PhD)",
            ru: "Государственный образовательный заказ (PhD)",
        },
    };
    labels.get(lang)
}

/// Typical age at graduation.
fn graduation_age(level: Level) -> i32 {
    match level {
        Level::Bachelor => 22,
        Level::Master => 24,
        Level::Residency => 26,
        Level::Doctorate => 28,
    }
}

#[rustfmt::skip]
const KK_SURNAMES: &[&str] = &[
    "Ахметов", "Сейткали", "Нұрланов", "Жұмабаев", "Қасымов", "Әбенов", "Омаров", "Төлегенов",
    "Исаев", "Садықов", "Байжанов", "Мұхамеджанов", "Ержанов", "Қалиев", "Есенов", "Мұратов",
    "Серікбаев", "Әлиев", "Бекмұханбетов", "Жақсылықов", "Оспанов", "Құрманғалиев", "Шәріпов",
    "Үсенов", "Ілиясов", "Өтегенов", "Ғабдуллин", "Һашимов",
];
#[rustfmt::skip]
const KK_MALE: &[&str] = &[
    "Арман", "Ерлан", "Данияр", "Айдос", "Әлихан", "Қуаныш", "Ғалым", "Нұрсұлтан", "Ерасыл",
    "Бауыржан", "Темірлан", "Өмірзақ", "Ілияс", "Санжар", "Мейірхан",
];
#[rustfmt::skip]
const KK_FEMALE: &[&str] = &[
    "Айгерім", "Динара", "Әсел", "Жанар", "Гүлнар", "Ақбота", "Сәуле", "Аружан", "Томирис", "Інжу",
    "Ұлжан", "Мөлдір", "Дана", "Камила", "Әйгерім",
];
#[rustfmt::skip]
const RU_SURNAMES: &[&str] = &[
    "Петров", "Смирнов", "Ким", "Иванов", "Ли", "Шевченко", "Кузнецов", "Попов", "Волков",
    "Морозов", "Пак", "Соколов",
];
#[rustfmt::skip]
const RU_MALE: &[&str] = &[
    "Иван", "Дмитрий", "Сергей", "Алексей", "Максим", "Артём", "Виктор",
];
#[rustfmt::skip]
const RU_FEMALE: &[&str] = &[
    "Елена", "Анна", "Мария", "Ольга", "Дарья", "Виктория", "Ксения",
];
const RU_PATRONYMIC_STEMS: &[&str] = &["Сергеев", "Александров", "Викторов", "Петров"];

#[rustfmt::skip]
const GRADUATE_REGIONS: &[&str] = &[
    "Абайская область", "Акмолинская область", "Актюбинская область", "Алматинская область",
    "Атырауская область", "Западно-Казахстанская область", "Жамбылская область",
    "Жетысуская область", "Карагандинская область", "Костанайская область",
    "Кызылординская область", "Мангистауская область", "Павлодарская область",
    "Северо-Казахстанская область", "Туркестанская область", "Область Ұлытау",
    "Восточно-Казахстанская область", "г. Астана", "г. Алматы", "г. Шымкент",
];

#[rustfmt::skip]
const VACANCY_HEADERS: [&str; 14] = [
    "№", "Наименование организации", "БИН", "Тип организации", "Форма собственности", "Регион",
    "Район", "Населённый пункт", "Сельская местность", "Должность", "Шифр ОП", "Количество мест",
    "Контактное лицо", "Телефон",
];

struct EmployerKind {
    label: &'static str,
    /// `{n}` takes a number.
    name: &'static str,
    /// `{subj}` takes a school subject.
    position: &'static str,
    fields: &'static [Field],
    /// Chance that a request is for a rural settlement, and that the employer is state-owned.
    rural_share: f64,
    state_share: f64,
}

const EMPLOYER_KINDS: &[EmployerKind] = &[
    EmployerKind {
        label: "Организация образования",
        name: "КГУ «Средняя школа №{n}»",
        position: "Учитель {subj}",
        fields: &[Field::Pedagogical],
        rural_share: 0.6,
        state_share: 1.0,
    },
    EmployerKind {
        label: "Организация здравоохранения",
        name: "ГКП на ПХВ «Районная больница №{n}»",
        position: "Врач общей практики",
        fields: &[Field::Medical],
        rural_share: 0.6,
        state_share: 1.0,
    },
    EmployerKind {
        label: "Ветеринарная организация",
        name: "КГП «Ветеринарная станция района №{n}»",
        position: "Ветеринарный врач",
        fields: &[Field::Veterinary],
        rural_share: 0.6,
        state_share: 1.0,
    },
    EmployerKind {
        label: "Подразделение госоргана в области ветеринарии",
        name: "ГУ «Отдел ветеринарии района №{n}»",
        position: "Главный специалист",
        fields: &[Field::Veterinary],
        rural_share: 0.6,
        state_share: 1.0,
    },
    EmployerKind {
        label: "Организация аграрного профиля",
        name: "ТОО «Агрофирма {n}»",
        position: "Агроном",
        fields: &[Field::Agricultural],
        rural_share: 0.6,
        state_share: 0.2,
    },
    EmployerKind {
        label: "Научная организация",
        name: "РГП «НИИ №{n}»",
        position: "Научный сотрудник",
        fields: &[Field::Other],
        rural_share: 0.0,
        state_share: 1.0,
    },
    EmployerKind {
        label: "ОВПО",
        name: "НАО «Университет №{n}»",
        position: "Преподаватель",
        fields: &[Field::Other, Field::Pedagogical],
        rural_share: 0.0,
        state_share: 1.0,
    },
    EmployerKind {
        label: "Прочая организация",
        name: "ТОО «Компания {n}»",
        position: "Инженер",
        fields: &[Field::Technical, Field::Other],
        rural_share: 0.0,
        state_share: 0.2,
    },
];

/// Programme codes an employer of a field asks for.
fn requested_codes(field: Field) -> &'static [&'static str] {
    match field {
        Field::Pedagogical => &["6B01501", "6B01502", "6B01503", "6B01301", "6B01701"],
        Field::Medical => &["6B10101", "6B10104", "7R01103"],
        Field::Veterinary => &["6B09101", "6B09102"],
        Field::Agricultural => &["6B08101", "6B08201"],
        Field::Technical => &["6B07101", "6B07301", "6B06101"],
        Field::Other => &["6B04101", "8D01501", "7M07101"],
    }
}

#[rustfmt::skip]
const SUBJECTS: &[&str] = &[
    "математики", "физики", "информатики", "казахского языка", "начальных классов",
];
#[rustfmt::skip]
const VACANCY_REGIONS: &[&str] = &[
    "Акмолинская область", "Актюбинская область", "Атырауская область", "Абайская область",
    "Западно-Казахстанская область", "Карагандинская область", "Костанайская область",
    "Павлодарская область", "Северо-Казахстанская область", "Область Ұлытау",
    "Восточно-Казахстанская область", "Туркестанская область", "Жамбылская область",
    "Кызылординская область", "г. Астана", "г. Алматы",
];
const SETTLEMENTS: &[&str] = &["Акколь", "Степное", "Жанатурмыс", "Караой", "Сарыагаш"];

// ---- Randomness and identifiers ----

/// SplitMix64: a few lines, seedable, plenty for believable data; no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-shift; the bias is negligible for small `n`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) / ((1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// An IIN or BIN as 12 digit values (0–9).
type Digits = [u8; 12];

/// Writes `value` as `width` decimal digits at `at`.
fn put(d: &mut Digits, at: usize, width: usize, mut value: u32) {
    for slot in d[at..at + width].iter_mut().rev() {
        *slot = (value % 10) as u8;
        value /= 10;
    }
}

/// Draws serials until the number gets a check digit. `fill` writes the first 11 digits.
fn with_check_digit(rng: &mut Rng, fill: impl Fn(&mut Rng, &mut Digits)) -> Digits {
    let mut d = Digits::default();
    loop {
        fill(rng, &mut d);
        if let Some(c) = check_digit(d[..11].try_into().expect("11 digits")) {
            d[11] = c;
            return d;
        }
    }
}

fn make_iin(rng: &mut Rng, birth: NaiveDate, male: bool) -> Digits {
    // 1/2 for the 1800s, 3/4 for the 1900s, 5/6 for the 2000s; odd for men.
    let sex_century = 2 * (birth.year() / 100 - 18) as u32 + if male { 1 } else { 2 };
    with_check_digit(rng, |rng, d| {
        put(d, 0, 2, birth.year().rem_euclid(100) as u32);
        put(d, 2, 2, birth.month());
        put(d, 4, 2, birth.day());
        put(d, 6, 1, sex_century);
        put(d, 7, 4, rng.below(10_000) as u32);
    })
}

fn make_bin(rng: &mut Rng, year: i32) -> Digits {
    let last_year = (year - 1).rem_euclid(100) as u32;
    with_check_digit(rng, |rng, d| {
        put(d, 0, 2, rng.between(0, last_year));
        put(d, 2, 2, rng.between(1, 12));
        put(d, 4, 1, 4); // resident legal entity
        put(d, 5, 1, rng.between(0, 3));
        put(d, 6, 5, rng.below(100_000) as u32);
    })
}

/// Makes the check digit wrong, as a typo does.
fn corrupt_check_digit(d: &mut Digits) {
    d[11] = if d[11] == 9 { 1 } else { d[11] + 1 };
}

fn digits_text(d: &Digits) -> String {
    d.iter().map(|&x| char::from(b'0' + x)).collect()
}

fn digits_number(d: &Digits) -> f64 {
    d.iter().fold(0u64, |n, &x| n * 10 + u64::from(x)) as f64
}

// ---- Cells ----

enum Cell {
    Text(Cow<'static, str>),
    Number(f64),
    Date(NaiveDate),
}

impl From<&'static str> for Cell {
    fn from(text: &'static str) -> Cell {
        Cell::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(Cow::Owned(text))
    }
}

struct Styles {
    header: Format,
    title: Format,
    date: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            header: Format::new().set_bold(),
            title: Format::new().set_bold().set_font_size(14),
            date: Format::new().set_num_format("dd.mm.yyyy"),
        }
    }
}

/// Writes a row left to right; the array's length is the header's, so columns cannot slip.
fn write_cells<const N: usize>(
    ws: &mut Worksheet,
    row: u32,
    cells: [Cell; N],
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, cell) in (0u16..).zip(cells) {
        write_cell(ws, row, col, cell, styles)?;
    }
    Ok(())
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, cell: Cell, styles: &Styles) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(text) => ws.write_string(row, col, text)?,
        Cell::Number(n) => ws.write_number(row, col, n)?,
        Cell::Date(d) => {
            let date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(row, col, &date, &styles.date)?
        }
    };
    Ok(())
}

/// The workbook's one sheet, named, with readable column widths. Callers write rows top-down
/// only, so the sheet could be switched to constant-memory mode.
fn add_sheet<'a>(
    workbook: &'a mut Workbook,
    name: &str,
    columns: usize,
) -> Result<&'a mut Worksheet, XlsxError> {
    let ws = workbook.add_worksheet();
    ws.set_name(name)?;
    for col in (0u16..).take(columns) {
        ws.set_column_width(col, 18)?;
    }
    Ok(ws)
}

fn write_header(
    ws: &mut Worksheet,
    row: u32,
    headers: &[&'static str],
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, header) in (0u16..).zip(headers) {
        ws.write_string_with_format(row, col, *header, &styles.header)?;
    }
    Ok(())
}

// ---- Graduates ----

#[derive(Clone)]
struct Graduate {
    iin: Digits,
    male: bool,
    surname: String,
    name: &'static str,
    patronymic: String,
    birth: NaiveDate,
    program: &'static Program,
    funding: Funding,
    region: &'static str,
    phone: String,
    email: String,
    grant: u32,
    /// Index into [`STUDY_LANGS`].
    study_lang: usize,
}

/// Feminine form of a surname where Kazakh and Russian surnames have one.
fn surname_for(surname: &str, male: bool) -> String {
    let feminine = !male && ["ов", "ев", "ин"].iter().any(|end| surname.ends_with(end));
    if feminine { format!("{surname}а") } else { surname.to_owned() }
}

impl Graduate {
    /// A valid graduate whose IIN is not in `used` yet (then it is).
    fn random(rng: &mut Rng, index: usize, spec: &GraduateListSpec, used: &mut HashSet<Digits>) -> Self {
        let program = rng.pick(PROGRAMS);
        let male = rng.chance(0.45);
        let age = graduation_age(program.level) + *rng.pick(&[-1, 0, 0, 1, 2]);
        let birth = NaiveDate::from_ymd_opt(spec.year - age, rng.between(1, 12), rng.between(1, 28))
            .expect("days 1-28 exist in every month");
        let (surname, name, patronymic) = if rng.chance(0.8) {
            let surname = surname_for(rng.pick::<&str>(KK_SURNAMES), male);
            let name = *rng.pick(if male { KK_MALE } else { KK_FEMALE });
            let father = rng.pick(KK_MALE);
            let patronymic = if rng.chance(0.5) {
                format!("{father}{}", if male { "ұлы" } else { "қызы" })
            } else {
                format!("{father}{}", if male { "ович" } else { "овна" })
            };
            (surname, name, patronymic)
        } else {
            let surname = surname_for(rng.pick::<&str>(RU_SURNAMES), male);
            let name = *rng.pick(if male { RU_MALE } else { RU_FEMALE });
            let patronymic = format!("{}{}", rng.pick(RU_PATRONYMIC_STEMS), if male { "ич" } else { "на" });
            (surname, name, patronymic)
        };
        let iin = loop {
            let iin = make_iin(rng, birth, male);
            if used.insert(iin) {
                break iin;
            }
        };
        let funding = funding_for(rng, program);
        Graduate {
            iin,
            male,
            surname,
            name,
            patronymic,
            birth,
            program,
            funding,
            region: rng.pick::<&str>(GRADUATE_REGIONS),
            phone: format!(
                "+7 7{}{} {} {} {}",
                rng.below(10),
                rng.below(10),
                rng.between(100, 999),
                rng.between(10, 99),
                rng.between(10, 99)
            ),
            email: format!("grad{}_{index}@mail.kz", spec.seed),
            grant: rng.between(100_000, 999_999),
            study_lang: rng.below(2),
        }
    }

    fn cells(&self, number: usize, spec: &GraduateListSpec, rng: &mut Rng) -> [Cell; 17] {
        let lang = spec.lang;
        let messy = spec.messy;
        let iin = match (messy, rng.below(10)) {
            (false, _) | (true, 5..=8) => digits_text(&self.iin).into(),
            (true, 0..=4) => Cell::Number(digits_number(&self.iin)),
            (true, _) => format!(" {} ", digits_text(&self.iin)).into(),
        };
        let birth = if messy && rng.chance(0.3) {
            self.birth.format("%d.%m.%Y").to_string().into()
        } else {
            Cell::Date(self.birth)
        };
        let name = if messy && rng.chance(0.1) { format!("{} ", self.name).into() } else { self.name.into() };
        [
            Cell::Number(number as f64),
            iin,
            self.surname.clone().into(),
            name,
            self.patronymic.clone().into(),
            birth,
            GENDER.get(lang)[usize::from(!self.male)].into(),
            level_label(self.program.level).into(),
            self.program.code.into(),
            self.program.name.into(),
            funding_label(self.funding, lang).into(),
            Cell::Number(f64::from(spec.year)),
            self.region.into(),
            self.phone.clone().into(),
            self.email.clone().into(),
            self.grant.to_string().into(),
            STUDY_LANGS.get(lang)[self.study_lang].into(),
        ]
    }
}

/// The funding basis, by the shares real cohorts show for each programme's level and field.
fn funding_for(rng: &mut Rng, program: &Program) -> Funding {
    use Field::*;
    let bachelor = program.level == Level::Bachelor;
    if program.level == Level::Doctorate {
        Funding::Phd
    } else if bachelor
        && matches!(program.field, Pedagogical | Medical | Veterinary | Agricultural)
        && rng.chance(0.35)
    {
        Funding::RuralQuota
    } else if bachelor && matches!(program.field, Technical | Pedagogical | Agricultural) && rng.chance(0.25)
    {
        Funding::Serpin
    } else {
        Funding::StateOrder
    }
}

/// Where a messy list goes wrong: row indices chosen before the rows are written.
#[derive(Default)]
struct Faults {
    bad_check_digit: HashSet<usize>,
    /// A valid row of the first half, listed again at the end.
    listed_twice: Option<usize>,
    missing_surname: Option<usize>,
}

impl Faults {
    fn choose(rng: &mut Rng, rows: usize) -> Faults {
        // Below four rows there is no room for every fault on distinct valid rows.
        if rows < 4 {
            return Faults::default();
        }
        let mut bad_check_digit = HashSet::new();
        while bad_check_digit.len() < (rows / 100).max(1) {
            bad_check_digit.insert(rng.below(rows));
        }
        let valid_row = |rng: &mut Rng, below: usize, other: Option<usize>| loop {
            let i = rng.below(below);
            if !bad_check_digit.contains(&i) && Some(i) != other {
                break i;
            }
        };
        let listed_twice = valid_row(rng, rows / 2, None);
        let missing_surname = valid_row(rng, rows, Some(listed_twice));
        Faults { bad_check_digit, listed_twice: Some(listed_twice), missing_surname: Some(missing_surname) }
    }
}

fn graduate_workbook(spec: &GraduateListSpec) -> Result<Workbook, XlsxError> {
    let lang = spec.lang;
    let mut rng = Rng(spec.seed);
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let headers = GRADUATE_HEADERS.get(lang);
    let ws = add_sheet(&mut workbook, GRADUATE_SHEET.get(lang), headers.len())?;
    let mut row = 0;
    let faults = if spec.messy {
        let last_col = headers.len() as u16 - 1;
        ws.merge_range(0, 0, 0, last_col, GRADUATE_TITLE.get(lang), &styles.title)?;
        ws.write_string(1, 0, format!("{}{}", YEAR_LINE.get(lang), spec.year))?;
        row = 3;
        Faults::choose(&mut rng, spec.rows)
    } else {
        Faults::default()
    };
    write_header(ws, row, &headers, &styles)?;

    let total = spec.rows + usize::from(faults.listed_twice.is_some());
    let mut used = HashSet::with_capacity(spec.rows);
    let mut listed_twice = None;
    for i in 0..spec.rows {
        row += 1;
        if spec.messy && i == total / 3 {
            row += 1; // a blank line in the middle, as hand-edited lists have
        }
        let mut graduate = Graduate::random(&mut rng, i, spec, &mut used);
        if faults.bad_check_digit.contains(&i) {
            corrupt_check_digit(&mut graduate.iin);
        }
        if faults.missing_surname == Some(i) {
            graduate.surname.clear();
        }
        if faults.listed_twice == Some(i) {
            listed_twice = Some(graduate.clone());
        }
        write_cells(ws, row, graduate.cells(i + 1, spec, &mut rng), &styles)?;
    }
    if let Some(graduate) = listed_twice {
        row += 1;
        write_cells(ws, row, graduate.cells(total, spec, &mut rng), &styles)?;
    }
    if spec.messy {
        ws.write_string(row + 2, 0, format!("{}{total}", TOTAL_LINE.get(lang)))?;
    }
    Ok(workbook)
}

// ---- Vacancies ----

fn vacancy_workbook(spec: &VacancyListSpec) -> Result<Workbook, XlsxError> {
    let mut rng = Rng(spec.seed);
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let ws = add_sheet(&mut workbook, "Вакансии", VACANCY_HEADERS.len())?;
    write_header(ws, 0, &VACANCY_HEADERS, &styles)?;
    for (row, number) in (1u32..).zip(1..=spec.rows) {
        write_cells(ws, row, vacancy_cells(&mut rng, number, spec.year), &styles)?;
    }
    Ok(workbook)
}

/// One request, as the cells under [`VACANCY_HEADERS`].
fn vacancy_cells(rng: &mut Rng, number: usize, year: i32) -> [Cell; 14] {
    let kind = rng.pick(EMPLOYER_KINDS);
    let rural = rng.chance(kind.rural_share);
    let bin = make_bin(rng, year);
    let state = rng.chance(kind.state_share);
    let name = kind.name.replace("{n}", &rng.between(1, 90).to_string());
    let bin = if rng.chance(0.5) { digits_text(&bin).into() } else { Cell::Number(digits_number(&bin)) };
    let settlement = format!("{}{}", if rural { "с. " } else { "г. " }, rng.pick(SETTLEMENTS));
    let position = kind.position.replace("{subj}", rng.pick::<&str>(SUBJECTS));
    let field = *rng.pick(kind.fields);
    let code = *rng.pick(requested_codes(field));
    [
        Cell::Number(number as f64),
        name.into(),
        bin,
        kind.label.into(),
        if state { "Государственная" } else { "Частная" }.into(),
        (*rng.pick(VACANCY_REGIONS)).into(),
        format!("Район {}", rng.between(1, 12)).into(),
        settlement.into(),
        if rural { "да" } else { "нет" }.into(),
        position.into(),
        code.into(),
        Cell::Number(f64::from(rng.between(1, 4))),
        "Иванова А.".into(),
        "+7 7172 55 12 34".into(),
    ]
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Range, Reader, open_workbook_auto};

    use super::*;
    use crate::ident::{Bin, Iin};

    fn graduates(rows: usize, lang: Lang, seed: u64, messy: bool) -> Range<Data> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graduates.xlsx");
        let spec = GraduateListSpec { rows, lang, year: 2025, seed, messy };
        write_graduate_list(&path, &spec).unwrap();
        read(&path)
    }

    fn read(path: &Path) -> Range<Data> {
        let mut workbook = open_workbook_auto(path).unwrap();
        workbook.worksheet_range_at(0).unwrap().unwrap()
    }

    fn text(range: &Range<Data>, row: usize, col: usize) -> String {
        range.get((row, col)).map(|cell| cell.to_string()).unwrap_or_default()
    }

    #[test]
    fn clean_list_reads_back_with_valid_iins_and_birth_dates() {
        let range = graduates(50, Lang::Ru, 7, false);
        assert_eq!(range.height(), 51);
        assert_eq!(range.start(), Some((0, 0)));
        let header: Vec<String> = (0..17).map(|col| text(&range, 0, col)).collect();
        assert_eq!(header, GRADUATE_HEADERS.ru);
        for row in 1..51 {
            let Some(Data::String(iin)) = range.get((row, 1)) else {
                panic!("row {row}: IIN is not text");
            };
            let iin = Iin::parse(iin).unwrap_or_else(|e| panic!("row {row}: {iin}: {e}"));
            let Some(Data::DateTime(birth)) = range.get((row, 5)) else {
                panic!("row {row}: birth is not a date");
            };
            assert_eq!(birth.as_datetime().unwrap().date(), iin.birth_date(), "row {row}");
        }
    }

    #[test]
    fn messy_list_has_title_blank_line_faults_and_totals() {
        let rows = 120;
        let range = graduates(rows, Lang::Kk, 3, true);
        assert_eq!(text(&range, 0, 0), GRADUATE_TITLE.kk);
        assert_eq!(text(&range, 3, 1), "ЖСН");
        let last = range.height() - 1;
        assert_eq!(text(&range, last, 0), format!("Барлығы: {}", rows + 1));
        // Header at 3, rows + the repeated person + one blank line, then a gap and the totals.
        assert_eq!(last, 3 + rows + 1 + 1 + 2);
        let iins: Vec<&Data> = (4..last - 1).filter_map(|row| range.get((row, 1))).collect();
        let numbers = iins.iter().filter(|d| matches!(d, Data::Float(_))).count();
        let texts = iins.iter().filter(|d| matches!(d, Data::String(_))).count();
        assert!(numbers > 0 && texts > 0, "{numbers} numbers, {texts} texts");
        let invalid = iins
            .iter()
            .filter(|d| match d {
                Data::Float(n) => Iin::from_number(*n).is_err(),
                Data::String(s) => Iin::parse(s).is_err(),
                _ => false,
            })
            .count();
        assert_eq!(invalid, 1, "one bad check digit per hundred rows");
    }

    #[test]
    fn same_seed_same_cells_other_seed_other_cells() {
        for messy in [false, true] {
            let a = graduates(30, Lang::Ru, 11, messy);
            assert_eq!(a, graduates(30, Lang::Ru, 11, messy));
            assert_ne!(a, graduates(30, Lang::Ru, 12, messy));
        }
    }

    #[test]
    fn vacancy_list_has_header_and_valid_bins() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vacancies.xlsx");
        write_vacancy_list(&path, &VacancyListSpec { rows: 40, year: 2025, seed: 5 }).unwrap();
        let range = read(&path);
        assert_eq!(range.height(), 41);
        let header: Vec<String> = (0..14).map(|col| text(&range, 0, col)).collect();
        assert_eq!(header, VACANCY_HEADERS);
        for row in 1..41 {
            let bin = match range.get((row, 2)) {
                Some(Data::String(s)) => Bin::parse(s),
                Some(Data::Float(n)) => Bin::from_number(*n),
                other => panic!("row {row}: BIN cell {other:?}"),
            };
            bin.unwrap_or_else(|e| panic!("row {row}: {e}"));
            assert!(matches!(range.get((row, 11)), Some(Data::Float(n)) if (1.0..=4.0).contains(n)));
        }
    }

    #[test]
    fn unwritable_path_is_a_user_facing_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-dir").join("list.xlsx");
        let spec = VacancyListSpec { rows: 1, year: 2025, seed: 1 };
        let err = write_vacancy_list(&path, &spec).unwrap_err();
        assert_eq!(err.code(), "demo_write_failed");
        let message = err.message();
        assert!(message.kk.contains("list.xlsx") && message.ru.contains("list.xlsx"));
    }
}
