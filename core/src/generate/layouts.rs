//! Lists laid out the many ways registrars and employers lay them out, each written with the
//! truth of where its list is: sheets in any order and under any name, cover sheets with a
//! small table that is not the list, an old draft on a hidden sheet, titles pushing the header
//! down, merged titles and two-level headers, header wordings drawn from the real variants of
//! both languages (some that no wording table holds, told only by their words or by what the
//! column holds), columns in any order and extra columns. Some lists must be refused: a column
//! missing, or two unlabelled columns holding the same kind of value. The corpus test
//! (`core/tests/import_layouts.rs`) reads hundreds of them; a failing seed is replayed with
//! [`write`].

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::{
    Cell, DemoError, Graduate, GraduateListSpec, PROGRAMS, Rng, Styles, digits_text, make_bin, make_iin,
    save, vacancy_cells, write_cell,
};
use crate::i18n::Lang;
use crate::i18n::Pair;

/// The cohort of every generated list.
pub const YEAR: i32 = 2025;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Graduates,
    Vacancies,
}

/// What reading the file must give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The list: its sheet, header row, columns and rows as the [`Layout`] says.
    List,
    /// Refused: the field's values fit these columns (0-based) and nothing tells them apart.
    Ambiguous { field: &'static str, columns: Vec<usize> },
    /// Refused: the list has no column for the field.
    Missing { field: &'static str },
}

#[derive(Clone, Debug)]
pub struct SheetTruth {
    pub name: String,
    pub hidden: bool,
    /// «list», «cover», «draft».
    pub holds: &'static str,
}

/// A column of the list: its header as written (the group above it in a two-level header)
/// and the field it holds (none for an extra column).
#[derive(Clone, Debug)]
pub struct ColumnTruth {
    pub group: Option<String>,
    pub header: String,
    pub field: Option<&'static str>,
}

/// What a generated workbook holds.
#[derive(Clone, Debug)]
pub struct Layout {
    pub seed: u64,
    pub kind: ListKind,
    pub lang: Lang,
    /// In the workbook's order.
    pub sheets: Vec<SheetTruth>,
    /// The list's sheet, an index into `sheets`.
    pub sheet: usize,
    /// The header's last row, numbered from 1 as the spreadsheet program numbers rows.
    pub header_row: u32,
    pub columns: Vec<ColumnTruth>,
    /// Data rows, all valid.
    pub rows: usize,
    pub expect: Expect,
}

impl Layout {
    /// The 0-based column holding `field`.
    pub fn column(&self, field: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.field == Some(field))
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "seed {}: {:?} list in {:?}, {} rows, expect {:?}",
            self.seed, self.kind, self.lang, self.rows, self.expect
        )?;
        for (n, sheet) in self.sheets.iter().enumerate() {
            let mark =
                if n == self.sheet { format!(" <- header row {}", self.header_row) } else { String::new() };
            let hidden = if sheet.hidden { " (hidden)" } else { "" };
            writeln!(f, "  sheet «{}»{hidden}: {}{mark}", sheet.name, sheet.holds)?;
        }
        for (i, c) in self.columns.iter().enumerate() {
            let group = c.group.as_deref().map(|g| format!("«{g}» / ")).unwrap_or_default();
            let field = c.field.unwrap_or("-");
            writeln!(f, "  {:>2} {group}«{}» = {field}", i, c.header.replace('\n', "\\n"))?;
        }
        Ok(())
    }
}

/// Writes the workbook of `seed` as .xlsx and answers what it holds.
pub fn write(path: &Path, seed: u64) -> Result<Layout, DemoError> {
    let mut layout = None;
    save(
        path,
        draw(seed).map(|(workbook, drawn)| {
            layout = Some(drawn);
            workbook
        }),
    )?;
    Ok(layout.expect("a saved workbook was drawn"))
}

// ---- Vocabulary ----

/// Where a column's values come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The cell at this index of the demo generator's row ([`super::GRADUATE_HEADERS`],
    /// [`super::VACANCY_HEADERS`]).
    Base(usize),
    FullName,
    Note,
    Gpa,
    /// Another person's IIN, another programme's code, another organisation's BIN.
    OtherIin,
    OtherCode,
    OtherBin,
}

/// A column a list may have and the headers it goes by in each language's lists: the wording
/// table's own, their inflections, abbreviations and notes in brackets, and some no table
/// holds or none at all (the column is told by its values).
struct Variant {
    field: Option<&'static str>,
    source: Source,
    headers: Pair<&'static [&'static str]>,
}

const fn v(
    field: Option<&'static str>,
    source: Source,
    kk: &'static [&'static str],
    ru: &'static [&'static str],
) -> Variant {
    Variant { field, source, headers: Pair { kk, ru } }
}

const NUMBER: Variant =
    v(None, Source::Base(0), &["Р/с", "№", "Р/с №", "№ р/с"], &["№", "№ п/п", "п/п", "№\nп/п"]);
const NOTE: Variant = v(None, Source::Note, &["Ескертпе"], &["Примечание"]);

#[rustfmt::skip]
const GRADUATE: &[Variant] = &[
    v(Some("iin"), Source::Base(1),
        &["ЖСН", "Түлектің ЖСН", "ЖСН (12 сан)", "Жеке сәйкестендіру нөмірі", "ЖСН*", ""],
        &["ИИН", "ИИН выпускника", "ИИН (12 цифр)", "Индивидуальный идентификационный номер",
          "Индивидуальный идентификационный номер (ИИН)", "ИИН:", ""]),
    v(Some("full_name"), Source::FullName,
        &["Т.А.Ә.", "ТАӘ", "Аты-жөні", "Тегі, аты, әкесінің аты", "Түлектің аты-жөні",
          "Білім алушының Т.А.Ә.", "Түлек"],
        &["ФИО", "Ф.И.О.", "Ф. И. О.", "Фамилия, имя, отчество", "Фамилия, имя, отчество (при наличии)",
          "ФИО выпускника", "Ф.И.О. обучающегося", "Выпускник", "Обучающийся"]),
    v(Some("surname"), Source::Base(2), &["Тегі", "Тегі:"], &["Фамилия", "Фамилия*"]),
    v(Some("name"), Source::Base(3), &["Аты", "Есімі"], &["Имя"]),
    v(Some("patronymic"), Source::Base(4),
        &["Әкесінің аты", "Әкесінің аты (бар болса)", "Әкесінің есімі"],
        &["Отчество", "Отчество (при наличии)", "Отч."]),
    v(Some("birth_date"), Source::Base(5),
        &["Туған күні", "Туған күні (кк.аа.жжжж)", "Туылған күні"],
        &["Дата рождения", "Дата рожд.", "Дата\nрождения", "Дата рождения (дд.мм.гггг)"]),
    v(Some("sex"), Source::Base(6), &["Жынысы", "Жыныс"], &["Пол", "Пол (М/Ж)"]),
    v(Some("level"), Source::Base(7),
        &["Оқу деңгейі", "Білім деңгейі", "Академиялық дәреже"],
        &["Уровень обучения", "Уровень образования", "Уровень", "Академическая степень"]),
    v(Some("program_code"), Source::Base(8),
        &["БББ шифры", "БББ коды", "Білім беру бағдарламасының коды", "Мамандық (коды)", "Мамандық шифры",
          "Шифр", ""],
        &["Шифр ОП", "Код ОП", "Шифр", "Код образовательной программы", "Специальность (шифр)",
          "Шифр специальности", "Направление подготовки (код)", "Код\nОП", ""]),
    v(Some("program_name"), Source::Base(9),
        &["Білім беру бағдарламасы", "Білім беру бағдарламасының атауы", "Бағдарлама атауы", "Мамандық",
          "Мамандық атауы"],
        &["Образовательная программа", "Наименование ОП", "Наименование образовательной программы",
          "Специальность", "Наименование специальности", "Наим. ОП"]),
    v(Some("funding"), Source::Base(10),
        &["Қаржыландыру көзі", "Қаржыландыру түрі", "Грант түрі", "Оқу негізі"],
        &["Источник финансирования", "Вид финансирования", "Финансирование", "Вид гранта",
          "Основа обучения", "Источник финансирования (грант)"]),
    v(Some("graduation_year"), Source::Base(11),
        &["Бітірген жылы", "Бітіру жылы", "Оқуды бітірген жылы"],
        &["Год окончания", "Год выпуска", "Год окончания обучения"]),
    v(Some("region"), Source::Base(12),
        &["Тұрғылықты өңірі", "Өңір", "Облыс", "Тұратын облысы"],
        &["Регион проживания", "Регион", "Область", "Область проживания", "Место жительства (регион)"]),
    v(Some("phone"), Source::Base(13),
        &["Телефон", "Тел.", "Байланыс телефоны", "Ұялы телефон"],
        &["Телефон", "Тел.", "Контактный телефон", "Моб. телефон", "Телефон (моб.)"]),
    v(Some("email"), Source::Base(14),
        &["Э-пошта", "Электрондық пошта", "E-mail"],
        &["E-mail", "Эл. почта", "Электронная почта", "e-mail"]),
    v(None, Source::Base(15), &["Грант куәлігінің №"], &["№ свидетельства о гранте", "№ свид-ва о гранте"]),
    v(None, Source::Base(16), &["Оқыту тілі"], &["Язык обучения"]),
    v(Some("gpa"), Source::Gpa, &["GPA", "Орташа балл (GPA)", "Орташа балл"], &["GPA", "Средний балл", "Средний балл (GPA)"]),
];

#[rustfmt::skip]
const VACANCY: &[Variant] = &[
    v(Some("employer"), Source::Base(1),
        &["Ұйымның атауы", "Ұйым", "Жұмыс беруші", "Жұмыс берушінің атауы", "Ұйымның толық атауы"],
        &["Наименование организации", "Организация", "Работодатель", "Наименование работодателя",
          "Полное наименование организации", "Наим. организации"]),
    v(Some("bin"), Source::Base(2),
        &["БСН", "Ұйымның БСН", "БСН/ЖСН", "Бизнес-сәйкестендіру нөмірі", ""],
        &["БИН", "БИН организации", "БИН/ИИН", "Бизнес-идентификационный номер", ""]),
    v(Some("kind"), Source::Base(3),
        &["Ұйым түрі", "Ұйымның түрі", "Қызмет саласы"],
        &["Тип организации", "Вид организации", "Тип", "Сфера деятельности"]),
    v(Some("ownership"), Source::Base(4), &["Меншік нысаны"], &["Форма собственности", "Форма собств."]),
    v(Some("region"), Source::Base(5),
        &["Өңір", "Облыс", "Облыс/қала"],
        &["Регион", "Область", "Регион (область)", "Область/город"]),
    v(Some("district"), Source::Base(6), &["Аудан", "Ауданы"], &["Район"]),
    v(Some("settlement"), Source::Base(7),
        &["Елді мекен", "Елді мекен атауы"],
        &["Населённый пункт", "Населенный пункт", "Нас. пункт"]),
    v(Some("rural"), Source::Base(8),
        &["Ауылдық жер", "Ауылдық елді мекен", "Ауыл (иә/жоқ)"],
        &["Сельская местность", "Сельская местность (да/нет)", "Село (да/нет)", "Сельский населённый пункт"]),
    v(Some("position"), Source::Base(9),
        &["Лауазымы", "Лауазым", "Бос лауазым"],
        &["Должность", "Вакансия", "Вакантная должность", "Наименование должности"]),
    v(Some("program_codes"), Source::Base(10),
        &["БББ шифры", "Мамандық (коды)", "БББ коды"],
        &["Шифр ОП", "Код ОП", "Специальность (шифр)", "Требуемая специальность (код)"]),
    v(Some("places"), Source::Base(11),
        &["Орын саны", "Орындар саны", "Қажетті орын саны"],
        &["Количество мест", "Кол-во мест", "Кол. мест", "Потребность (кол-во мест)"]),
    v(Some("contact_person"), Source::Base(12),
        &["Байланыс тұлғасы", "Жауапты тұлға"],
        &["Контактное лицо", "Ответственное лицо", "ФИО контактного лица"]),
    v(Some("phone"), Source::Base(13),
        &["Телефон", "Тел.", "Байланыс телефоны"],
        &["Телефон", "Тел.", "Контактный телефон"]),
];

/// A two-level header's group: its label, and the sub-header of each field under it.
struct Group {
    labels: Pair<&'static [&'static str]>,
    subs: &'static [(&'static str, Pair<&'static [&'static str]>)],
}

#[rustfmt::skip]
const NAME_GROUP: Group = Group {
    labels: Pair { kk: &["Т.А.Ә.", "Аты-жөні", "Түлектің аты-жөні"], ru: &["ФИО", "Ф.И.О.", "Фамилия, имя, отчество"] },
    subs: &[
        ("surname", Pair { kk: &["Тегі"], ru: &["Фамилия"] }),
        ("name", Pair { kk: &["Аты"], ru: &["Имя"] }),
        ("patronymic", Pair { kk: &["Әкесінің аты"], ru: &["Отчество"] }),
    ],
};
#[rustfmt::skip]
const PROGRAM_GROUP: Group = Group {
    labels: Pair { kk: &["Білім беру бағдарламасы", "Мамандық"], ru: &["Образовательная программа", "Специальность"] },
    subs: &[
        ("program_code", Pair { kk: &["Коды", "Шифры"], ru: &["Код", "Шифр"] }),
        ("program_name", Pair { kk: &["Атауы"], ru: &["Наименование"] }),
    ],
};
#[rustfmt::skip]
const GRADUATE_GROUP: Group = Group {
    labels: Pair { kk: &["Түлек туралы мәліметтер"], ru: &["Сведения о выпускнике"] },
    subs: &[
        ("iin", Pair { kk: &["ЖСН"], ru: &["ИИН"] }),
        ("full_name", Pair { kk: &["Т.А.Ә.", "Аты-жөні"], ru: &["ФИО", "Ф.И.О."] }),
    ],
};
#[rustfmt::skip]
const EMPLOYER_GROUP: Group = Group {
    labels: Pair { kk: &["Жұмыс беруші"], ru: &["Работодатель"] },
    subs: &[
        ("employer", Pair { kk: &["Атауы"], ru: &["Наименование"] }),
        ("bin", Pair { kk: &["БСН"], ru: &["БИН"] }),
    ],
};
#[rustfmt::skip]
const PLACE_GROUP: Group = Group {
    labels: Pair { kk: &["Жұмыс орны"], ru: &["Место работы", "Местонахождение"] },
    subs: &[
        ("region", Pair { kk: &["Өңір", "Облыс"], ru: &["Регион", "Область"] }),
        ("district", Pair { kk: &["Аудан"], ru: &["Район"] }),
        ("settlement", Pair { kk: &["Елді мекен"], ru: &["Населённый пункт"] }),
    ],
};

#[rustfmt::skip]
const SHEET_NAMES: &[&str] = &[
    "Лист1", "Лист2", "Лист3", "Sheet1", "Sheet2", "Парақ1", "Парақ2", "Титул", "Титульный лист", "2025",
    "Свод", "Жиынтық", "Список", "Тізім", "Выпускники", "Түлектер", "Вакансии", "Бос орындар", "Данные",
    "Деректер", "Отчёт",
];
const DRAFT_NAMES: &[&str] = &["Черновик", "Копия", "Old", "Ескі"];

#[rustfmt::skip]
const TITLES: Pair<&[&str]> = Pair {
    kk: &["2025 жылы бітірген түлектердің тізімі", "Мемлекеттік білім беру тапсырысы бойынша оқыған түлектер",
          "Жұмыс берушілердің 2025 жылғы түлектерге өтінімдері", "БЕКІТЕМІН"],
    ru: &["Список выпускников 2025 года", "Сведения о выпускниках, обучавшихся по государственному образовательному заказу",
          "Заявки работодателей на выпускников 2025 года", "УТВЕРЖДАЮ"],
};
#[rustfmt::skip]
const KEY_VALUES: Pair<&[(&str, &str)]> = Pair {
    kk: &[("Университет:", "«Университет №3» КЕАҚ"), ("Факультет:", "Педагогикалық"), ("Оқу нысаны:", "күндізгі"),
          ("Күні:", "01.07.2025"), ("Бітіру жылы:", "2025")],
    ru: &[("Университет:", "НАО «Университет №3»"), ("Факультет:", "Педагогический"), ("Форма обучения:", "очная"),
          ("Дата:", "01.07.2025"), ("Год выпуска:", "2025")],
};
#[rustfmt::skip]
const FOOTERS: Pair<&[&str]> = Pair {
    kk: &["Ректор ____________ А. Ахметов", "Орындаған: Омарова Д.", "М.О."],
    ru: &["Ректор ____________ А. Ахметов", "Исп.: Иванова А.", "М.П."],
};
const TOTAL: Pair<&str> = Pair { kk: "Барлығы:", ru: "Итого:" };
/// A cover page's table: a summary by programme (graduates) or by region (vacancies), not
/// the list.
#[rustfmt::skip]
const GRADUATE_SUMMARY: Pair<[&str; 3]> = Pair {
    kk: ["БББ шифры", "Түлектер саны", "Қаржыландыру көзі"],
    ru: ["Шифр ОП", "Количество выпускников", "Источник финансирования"],
};
const VACANCY_SUMMARY: Pair<[&str; 3]> = Pair {
    kk: ["Өңір", "Орын саны", "Ауылдық жер"],
    ru: ["Регион", "Количество мест", "Сельская местность"],
};
const NOTES: &[&str] = &["", "", "", "перевод", "дубликат диплома", "—"];

// ---- Drawing ----

/// A column as drawn.
struct Col {
    group: Option<String>,
    header: String,
    field: Option<&'static str>,
    source: Source,
}

/// Columns that stand together: a two-level header's group, or one column.
type Block = Vec<Col>;

fn pick(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.below(items.len())]
}

/// A header as people type it: in capitals, with a colon or an asterisk, broken over two
/// lines, with stray spaces.
fn decorate(rng: &mut Rng, text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    match rng.below(12) {
        0 => text.to_uppercase(),
        1 => format!("{text}:"),
        2 => format!("{text}*"),
        3 => text.replacen(' ', "\n", 1),
        4 => format!(" {text}  "),
        _ => text.to_owned(),
    }
}

fn column(rng: &mut Rng, variant: &Variant, lang: Lang) -> Col {
    let wording = pick(rng, variant.headers.get(lang));
    let header = decorate(rng, wording);
    Col { group: None, header, field: variant.field, source: variant.source }
}

fn find(variants: &'static [Variant], field: &str) -> &'static Variant {
    variants.iter().find(|v| v.field == Some(field)).expect("a variant for every field drawn")
}

/// The fields under `group`, grouped (with their sub-headers) or each with its own header.
fn block(
    rng: &mut Rng,
    variants: &'static [Variant],
    group: &Group,
    fields: &[&str],
    lang: Lang,
    grouped: bool,
) -> Block {
    let label = pick(rng, group.labels.get(lang)).to_owned();
    fields
        .iter()
        .map(|field| {
            let variant = find(variants, field);
            match group.subs.iter().find(|(f, _)| f == field).filter(|_| grouped) {
                Some((_, subs)) => Col {
                    group: Some(label.clone()),
                    header: pick(rng, subs.get(lang)).to_owned(),
                    field: variant.field,
                    source: variant.source,
                },
                None => column(rng, variant, lang),
            }
        })
        .collect()
}

/// The columns of a graduate list, in blocks.
fn graduate_blocks(rng: &mut Rng, lang: Lang) -> Vec<Block> {
    let split_names = rng.chance(0.5);
    let mut blocks = Vec::new();
    if split_names {
        let mut fields = vec!["surname", "name"];
        if rng.chance(0.85) {
            fields.push("patronymic");
        }
        let grouped = rng.chance(0.4);
        blocks.push(vec![column(rng, find(GRADUATE, "iin"), lang)]);
        blocks.push(block(rng, GRADUATE, &NAME_GROUP, &fields, lang, grouped));
    } else {
        let grouped = rng.chance(0.2);
        blocks.push(block(rng, GRADUATE, &GRADUATE_GROUP, &["iin", "full_name"], lang, grouped));
    }
    let with_name = rng.chance(0.6);
    let fields: &[&str] = if with_name { &["program_code", "program_name"] } else { &["program_code"] };
    let grouped = with_name && rng.chance(0.35);
    blocks.push(block(rng, GRADUATE, &PROGRAM_GROUP, fields, lang, grouped));
    blocks.push(vec![column(rng, find(GRADUATE, "funding"), lang)]);
    for field in ["birth_date", "sex", "level", "graduation_year", "region", "phone", "email"] {
        if rng.chance(0.4) {
            blocks.push(vec![column(rng, find(GRADUATE, field), lang)]);
        }
    }
    for extra in GRADUATE.iter().filter(|v| v.field.is_none()).chain([&NOTE]) {
        if rng.chance(0.2) {
            blocks.push(vec![column(rng, extra, lang)]);
        }
    }
    blocks
}

fn vacancy_blocks(rng: &mut Rng, lang: Lang) -> Vec<Block> {
    let grouped = rng.chance(0.3);
    let mut blocks = vec![block(rng, VACANCY, &EMPLOYER_GROUP, &["employer", "bin"], lang, grouped)];
    let mut place = vec!["region"];
    for field in ["district", "settlement"] {
        if rng.chance(0.6) {
            place.push(field);
        }
    }
    let grouped = place.len() > 1 && rng.chance(0.35);
    blocks.push(block(rng, VACANCY, &PLACE_GROUP, &place, lang, grouped));
    for field in ["kind", "rural", "position", "places"] {
        blocks.push(vec![column(rng, find(VACANCY, field), lang)]);
    }
    for field in ["ownership", "program_codes", "contact_person", "phone"] {
        if rng.chance(0.45) {
            blocks.push(vec![column(rng, find(VACANCY, field), lang)]);
        }
    }
    if rng.chance(0.2) {
        blocks.push(vec![column(rng, &NOTE, lang)]);
    }
    blocks
}

/// The blocks in a random order, the row number first in most lists.
fn shuffle(rng: &mut Rng, mut blocks: Vec<Block>, number: Option<Block>) -> Vec<Col> {
    for i in (1..blocks.len()).rev() {
        blocks.swap(i, rng.below(i + 1));
    }
    if let Some(number) = number {
        let at = if rng.chance(0.85) { 0 } else { rng.below(blocks.len() + 1) };
        blocks.insert(at, number);
    }
    blocks.into_iter().flatten().collect()
}

/// Unlabels the field's column (out of its group) and adds another unlabelled one holding
/// the same kind of value: nothing tells them apart.
fn make_ambiguous(rng: &mut Rng, columns: &mut Vec<Col>, field: &'static str, other: Source) -> Expect {
    let at = columns.iter().position(|c| c.field == Some(field)).expect("the field is drawn");
    columns[at].header.clear();
    columns[at].group = None;
    let extra = rng.below(columns.len() + 1);
    columns.insert(extra, Col { group: None, header: String::new(), field: None, source: other });
    let mut both: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.field == Some(field) || c.source == other)
        .map(|(i, _)| i)
        .collect();
    both.sort_unstable();
    Expect::Ambiguous { field, columns: both }
}

/// Draws the rows of the list: the demo generator's rows, spread over the drawn columns.
struct Rows<'a> {
    kind: ListKind,
    lang: Lang,
    columns: &'a [Col],
    used: HashSet<super::Digits>,
}

impl Rows<'_> {
    fn draw(&mut self, rng: &mut Rng, count: usize) -> Vec<Vec<Option<Cell>>> {
        let spec = GraduateListSpec {
            rows: count,
            lang: self.lang,
            year: YEAR,
            seed: rng.next(),
            messy: rng.chance(0.5),
        };
        (0..count)
            .map(|i| {
                let (mut base, full_name): (Vec<Option<Cell>>, String) = match self.kind {
                    ListKind::Graduates => {
                        let g = Graduate::random(rng, i, &spec, &mut self.used);
                        let full = format!("{} {} {}", g.surname, g.name, g.patronymic);
                        (g.cells(i + 1, &spec, rng).into_iter().map(Some).collect(), full)
                    }
                    ListKind::Vacancies => {
                        (vacancy_cells(rng, i + 1, YEAR).into_iter().map(Some).collect(), String::new())
                    }
                };
                self.columns
                    .iter()
                    .map(|c| match c.source {
                        Source::Base(n) => base[n].take(),
                        Source::FullName => Some(full_name.clone().into()),
                        Source::Note => Some(pick(rng, NOTES)).filter(|n| !n.is_empty()).map(Cell::from),
                        Source::Gpa => Some(Cell::Number(f64::from(rng.between(250, 400)) / 100.0)),
                        Source::OtherIin => {
                            let birth = NaiveDate::from_ymd_opt(1975, rng.between(1, 12), rng.between(1, 28))
                                .expect("days 1-28 exist in every month");
                            let male = rng.chance(0.5);
                            Some(digits_text(&make_iin(rng, birth, male)).into())
                        }
                        Source::OtherCode => Some(rng.pick(PROGRAMS).code.into()),
                        Source::OtherBin => Some(digits_text(&make_bin(rng, YEAR)).into()),
                    })
                    .collect()
            })
            .collect()
    }
}

/// Where the list goes on its sheet.
struct Placing {
    /// Rows of titles above the header.
    depth: u32,
    titles: bool,
    footer: bool,
}

/// Writes the list: titles, its header (two rows when it has groups), its rows, a footer.
/// Answers the header's last row, from 0.
fn write_list(
    ws: &mut Worksheet,
    rng: &mut Rng,
    lang: Lang,
    columns: &[Col],
    rows: Vec<Vec<Option<Cell>>>,
    placing: &Placing,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let width = columns.len() as u16;
    let count = rows.len();
    if placing.titles {
        for r in 0..placing.depth {
            match rng.below(8) {
                0..=2 => {}
                3 | 4 => {
                    ws.merge_range(r, 0, r, width - 1, pick(rng, TITLES.get(lang)), &styles.title)?;
                }
                5 | 6 => {
                    let (key, value) = rng.pick(KEY_VALUES.get(lang));
                    ws.write_string(r, 0, *key)?;
                    ws.write_string(r, 1, *value)?;
                }
                _ => {
                    ws.write_string(r, rng.below(3) as u16, pick(rng, TITLES.get(lang)))?;
                }
            }
        }
    }
    let two_level = columns.iter().any(|c| c.group.is_some());
    let top = placing.depth;
    let header = top + u32::from(two_level);
    let mut col = 0;
    while col < columns.len() {
        let c = &columns[col];
        let at = col as u16;
        match &c.group {
            Some(group) => {
                let span = columns[col..].iter().take_while(|d| d.group == c.group).count();
                let last = at + span as u16 - 1;
                if span > 1 {
                    ws.merge_range(top, at, top, last, group, &styles.header)?;
                } else {
                    ws.write_string_with_format(top, at, group, &styles.header)?;
                }
                for (i, sub) in columns[col..col + span].iter().enumerate() {
                    ws.write_string_with_format(header, at + i as u16, &sub.header, &styles.header)?;
                }
                col += span;
                continue;
            }
            None if c.header.is_empty() => {}
            None if two_level && rng.chance(0.8) => {
                ws.merge_range(top, at, header, at, &c.header, &styles.header)?;
            }
            None => {
                ws.write_string_with_format(top, at, &c.header, &styles.header)?;
            }
        }
        col += 1;
    }
    let mut r = header;
    for cells in rows {
        r += 1;
        for (at, cell) in (0u16..).zip(cells) {
            if let Some(cell) = cell {
                write_cell(ws, r, at, cell, styles)?;
            }
        }
    }
    if placing.footer {
        r += 2;
        ws.write_string(r, 0, format!("{} {count}", TOTAL.get(lang)))?;
        for line in FOOTERS.get(lang).iter() {
            if rng.chance(0.6) {
                r += 2;
                ws.write_string(r, rng.below(2) as u16, *line)?;
            }
        }
    }
    Ok(header)
}

/// A cover page: a title, who approves, and sometimes a summary table that is not the list.
fn write_cover(
    ws: &mut Worksheet,
    rng: &mut Rng,
    lang: Lang,
    kind: ListKind,
    styles: &Styles,
) -> Result<(), XlsxError> {
    ws.merge_range(2, 0, 2, 6, pick(rng, TITLES.get(lang)), &styles.title)?;
    ws.write_string(4, 4, FOOTERS.get(lang)[0])?;
    let (key, value) = rng.pick(KEY_VALUES.get(lang));
    ws.write_string(6, 0, *key)?;
    ws.write_string(6, 1, *value)?;
    if rng.chance(0.6) {
        let headers = match kind {
            ListKind::Graduates => GRADUATE_SUMMARY.get(lang),
            ListKind::Vacancies => VACANCY_SUMMARY.get(lang),
        };
        for (at, h) in (0u16..).zip(headers.iter()) {
            ws.write_string_with_format(8, at, *h, &styles.header)?;
        }
        for r in 9..9 + rng.between(2, 5) {
            ws.write_number(r, 1, f64::from(rng.between(1, 40)))?;
            match kind {
                ListKind::Graduates => {
                    let program = rng.pick(PROGRAMS);
                    ws.write_string(r, 0, program.code)?;
                    let funding = super::funding_for(rng, program);
                    ws.write_string(r, 2, super::funding_label(funding, lang))?;
                }
                ListKind::Vacancies => {
                    ws.write_string(r, 0, *rng.pick(super::VACANCY_REGIONS))?;
                    ws.write_string(r, 2, if rng.chance(0.5) { "да" } else { "нет" })?;
                }
            }
        }
    }
    Ok(())
}

fn draw(seed: u64) -> Result<(Workbook, Layout), XlsxError> {
    let mut rng = Rng(seed);
    let kind = if rng.chance(0.5) { ListKind::Graduates } else { ListKind::Vacancies };
    let lang = if rng.chance(0.5) { Lang::Kk } else { Lang::Ru };
    let count = rng.between(8, 20) as usize;
    let blocks = match kind {
        ListKind::Graduates => graduate_blocks(&mut rng, lang),
        ListKind::Vacancies => vacancy_blocks(&mut rng, lang),
    };
    let number = rng.chance(0.7).then(|| vec![column(&mut rng, &NUMBER, lang)]);
    let mut columns = shuffle(&mut rng, blocks, number);
    let expect = match (kind, rng.below(100)) {
        (ListKind::Graduates, 0..=3) => make_ambiguous(&mut rng, &mut columns, "iin", Source::OtherIin),
        (ListKind::Graduates, 4..=7) => {
            make_ambiguous(&mut rng, &mut columns, "program_code", Source::OtherCode)
        }
        (ListKind::Vacancies, 0..=7) => make_ambiguous(&mut rng, &mut columns, "bin", Source::OtherBin),
        (_, 8..=13) => {
            let field = if kind == ListKind::Graduates { "funding" } else { "rural" };
            columns.retain(|c| c.field != Some(field));
            Expect::Missing { field }
        }
        _ => Expect::List,
    };

    // The sheets: the list, covers, perhaps an old draft hidden; in any order.
    let covers = rng.below(3);
    let list_hidden = covers > 0 && rng.chance(0.06);
    let draft = !list_hidden && rng.chance(0.15);
    let mut holds: Vec<&'static str> = std::iter::repeat_n("cover", covers).collect();
    if draft {
        holds.push("draft");
    }
    let sheet = rng.below(holds.len() + 1);
    holds.insert(sheet, "list");
    let mut names: Vec<&str> = SHEET_NAMES.to_vec();
    let sheets: Vec<SheetTruth> = holds
        .iter()
        .map(|holds| {
            let name = if *holds == "draft" {
                pick(&mut rng, DRAFT_NAMES).to_owned()
            } else {
                names.remove(rng.below(names.len())).to_owned()
            };
            SheetTruth { name, hidden: *holds == "draft" || (*holds == "list" && list_hidden), holds }
        })
        .collect();

    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let mut header_row = 0;
    let mut rows = Rows { kind, lang, columns: &columns, used: HashSet::new() };
    for truth in &sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&truth.name)?;
        match truth.holds {
            "list" => {
                let placing = Placing { depth: rng.below(31) as u32, titles: true, footer: rng.chance(0.6) };
                let cells = rows.draw(&mut rng, count);
                header_row = write_list(ws, &mut rng, lang, &columns, cells, &placing, &styles)? + 1;
            }
            "draft" => {
                let draft_rows = rng.below(4) + 3;
                let cells = rows.draw(&mut rng, draft_rows);
                let placing = Placing { depth: 0, titles: false, footer: false };
                write_list(ws, &mut rng, lang, &columns, cells, &placing, &styles)?;
            }
            _ => write_cover(ws, &mut rng, lang, kind, &styles)?,
        }
        ws.set_hidden(truth.hidden);
    }
    // A hidden sheet cannot be the one the workbook opens on.
    if let Some(first) = sheets.iter().position(|s| !s.hidden) {
        workbook.worksheet_from_index(first)?.set_active(true);
    }
    let columns = columns
        .into_iter()
        .map(|c| ColumnTruth { group: c.group, header: c.header, field: c.field })
        .collect();
    let layout = Layout { seed, kind, lang, sheets, sheet, header_row, columns, rows: count, expect };
    Ok((workbook, layout))
}
