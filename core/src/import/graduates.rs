//! The registrar's list of graduates bound to work off their studies.

use std::path::Path;

use super::content::Content;
use super::header::{ColumnSpec, FieldKey, HeaderMap};
use super::rows::{self, ListParser, Lookup, Reading, RowCtx};
use super::workbook::Flow;
use super::{Choice, ImportError, ImportPreview};
use crate::classifiers::{Field, Funding, Level, Region, Sex};
use crate::followup::{GrantYears, Source};
use crate::i18n::{Lang, Text};
use crate::ident::Iin;
use crate::model::{Gpa, GraduateRecord};
use crate::obligation::{ObligationError, Years};
use crate::vocabulary::Termed;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Iin,
    FullName,
    Surname,
    Name,
    Patronymic,
    BirthDate,
    Sex,
    Level,
    ProgramCode,
    ProgramName,
    Funding,
    GraduationYear,
    Region,
    Phone,
    Email,
    GrantYears,
    NormativeYears,
    Gpa,
}

impl FieldKey for Column {
    fn code(self) -> &'static str {
        match self {
            Column::Iin => "iin",
            Column::FullName => "full_name",
            Column::Surname => "surname",
            Column::Name => "name",
            Column::Patronymic => "patronymic",
            Column::BirthDate => "birth_date",
            Column::Sex => "sex",
            Column::Level => "level",
            Column::ProgramCode => "program_code",
            Column::ProgramName => "program_name",
            Column::Funding => "funding",
            Column::GraduationYear => "graduation_year",
            Column::Region => "region",
            Column::Phone => "phone",
            Column::Email => "email",
            Column::GrantYears => "grant_years",
            Column::NormativeYears => "normative_years",
            Column::Gpa => "gpa",
        }
    }
}

/// A graduate's IIN and full name as lists head them: the applications list names graduates
/// the same way.
pub(super) const IIN_HEADERS: &[&str] = &[
    "ЖСН",
    "ИИН",
    "IIN",
    "ИИН выпускника",
    "Түлектің ЖСН",
    "Жеке сәйкестендіру нөмірі",
    "Индивидуальный идентификационный номер",
];
pub(super) const FULL_NAME_HEADERS: &[&str] = &[
    "ФИО",
    "Ф.И.О.",
    "ФИО выпускника",
    "Фамилия, имя, отчество",
    "Фамилия имя отчество",
    "Т.А.Ә.",
    "ТАӘ",
    "Аты-жөні",
    "Тегі, аты, әкесінің аты",
    "Түлектің Т.А.Ә.",
    "Full name",
];

pub const COLUMNS: &[ColumnSpec<Column>] = &[
    ColumnSpec { key: Column::Iin, kk: "ЖСН", ru: "ИИН", headers: IIN_HEADERS },
    ColumnSpec { key: Column::FullName, kk: "Т.А.Ә.", ru: "ФИО", headers: FULL_NAME_HEADERS },
    ColumnSpec {
        key: Column::Surname,
        kk: "Тегі",
        ru: "Фамилия",
        headers: &["Тегі", "Фамилия", "Surname", "Last name"],
    },
    ColumnSpec {
        key: Column::Name,
        kk: "Аты",
        ru: "Имя",
        headers: &["Аты", "Есімі", "Имя", "First name", "Name"],
    },
    ColumnSpec {
        key: Column::Patronymic,
        kk: "Әкесінің аты",
        ru: "Отчество",
        headers: &["Әкесінің аты", "Әкесінің есімі", "Отчество", "Patronymic", "Middle name"],
    },
    ColumnSpec {
        key: Column::BirthDate,
        kk: "Туған күні",
        ru: "Дата рождения",
        headers: &["Туған күні", "Туылған күні", "Дата рождения", "Birth date", "Date of birth"],
    },
    ColumnSpec {
        key: Column::Sex, kk: "Жынысы", ru: "Пол", headers: &["Жынысы", "Пол", "Sex", "Gender"]
    },
    ColumnSpec {
        key: Column::Level,
        kk: "Оқу деңгейі",
        ru: "Уровень обучения",
        headers: &[
            "Оқу деңгейі",
            "Білім деңгейі",
            "Деңгейі",
            "Уровень обучения",
            "Уровень образования",
            "Уровень",
            "Ступень",
            "Level",
        ],
    },
    ColumnSpec {
        key: Column::ProgramCode,
        kk: "БББ шифры",
        ru: "Шифр ОП",
        headers: &[
            "БББ шифры",
            "БББ коды",
            "Мамандық шифры",
            "Мамандық коды",
            "Шифр ОП",
            "Код ОП",
            "Шифр",
            "Код",
            "Код программы",
            "Шифр образовательной программы",
            "Шифр специальности",
            "Код специальности",
            "Program code",
        ],
    },
    ColumnSpec {
        key: Column::ProgramName,
        kk: "Білім беру бағдарламасы",
        ru: "Образовательная программа",
        headers: &[
            "Білім беру бағдарламасы",
            "Бағдарлама атауы",
            "Мамандық",
            "Образовательная программа",
            "Наименование ОП",
            "Наименование образовательной программы",
            "Специальность",
            "Program",
        ],
    },
    ColumnSpec {
        key: Column::Funding,
        kk: "Қаржыландыру көзі",
        ru: "Источник финансирования",
        headers: &[
            "Қаржыландыру көзі",
            "Қаржыландыру түрі",
            "Источник финансирования",
            "Вид финансирования",
            "Форма финансирования",
            "Основа обучения",
            "Funding",
        ],
    },
    ColumnSpec {
        key: Column::GraduationYear,
        kk: "Бітірген жылы",
        ru: "Год окончания",
        headers: &["Бітірген жылы", "Бітіру жылы", "Год окончания", "Год выпуска", "Graduation year"],
    },
    ColumnSpec {
        key: Column::Region,
        kk: "Тұрғылықты өңірі",
        ru: "Регион проживания",
        headers: &["Тұрғылықты өңірі", "Өңір", "Облыс", "Регион проживания", "Регион", "Область", "Region"],
    },
    ColumnSpec {
        key: Column::Phone, kk: "Телефон", ru: "Телефон", headers: &["Телефон", "Тел.", "Phone"]
    },
    ColumnSpec {
        key: Column::Email,
        kk: "Э-пошта",
        ru: "E-mail",
        headers: &["E-mail", "Email", "Э-пошта", "Электрондық пошта", "Эл. почта", "Электронная почта"],
    },
    ColumnSpec {
        key: Column::GrantYears,
        kk: "Грантпен оқыған жылдар",
        ru: "Лет обучения по гранту",
        headers: &[
            "Грантпен оқыған жылдар",
            "Грантпен оқыған жылдар саны",
            "Грант бойынша оқу жылдары",
            "Грант бойынша оқу мерзімі",
            "Лет обучения по гранту",
            "Количество лет обучения по гранту",
            "Срок обучения по гранту",
            "Лет на гранте",
            "Years on grant",
        ],
    },
    ColumnSpec {
        key: Column::NormativeYears,
        kk: "Нормативтік оқу мерзімі",
        ru: "Нормативный срок обучения",
        headers: &[
            "Нормативтік оқу мерзімі",
            "Оқудың нормативтік мерзімі",
            "Нормативный срок обучения",
            "Нормативный срок освоения",
            "Normative years",
        ],
    },
    ColumnSpec {
        key: Column::Gpa,
        kk: "Орташа балл (GPA)",
        ru: "Средний балл (GPA)",
        headers: &[
            "Орташа балл (GPA)",
            "Орташа балл",
            "GPA",
            "Средний балл (GPA)",
            "Средний балл",
            "Средний балл GPA",
            "Grade average",
        ],
    },
];

/// A list read and checked, before anything is stored: what the import wizard previews.
pub struct Preview {
    pub reading: Reading<Column>,
    pub records: Vec<GraduateRecord>,
}

impl Preview {
    /// What the import wizard shows of it.
    pub fn view(self, path: &Path) -> ImportPreview {
        ImportPreview::new::<RowParser>(path, self.reading, self.records.len())
    }
}

/// Reads and checks a list without touching the database.
pub fn preview(path: &Path, year: Option<i32>, choice: Choice<'_>) -> Result<Preview, ImportError> {
    let mut records = Vec::new();
    let reading = read(path, year, choice, |record| {
        records.push(record);
        Flow::Continue
    })?;
    Ok(Preview { reading, records })
}

/// Reads and checks the list, handing each good record to `record` as it is read (which may
/// stop the reading); answers what the reading found. The workflow's import streams the
/// records into the store meanwhile.
pub fn read(
    path: &Path,
    year: Option<i32>,
    choice: Choice<'_>,
    mut record: impl FnMut(GraduateRecord) -> Flow,
) -> Result<Reading<Column>, ImportError> {
    rows::read(path, &mut RowParser::new(year), choice, |_, r| record(r))
}

/// Turns one row into a record; holds the per-list lookups so each distinct spelling is
/// matched once.
struct RowParser {
    year: Option<i32>,
    levels: Lookup<Level>,
    fundings: Lookup<Funding>,
    regions: Lookup<Region>,
    sexes: Lookup<Sex>,
}

/// Registrars type programme codes with Cyrillic look-alikes («6В01501»): the code's letters
/// are Latin.
pub(super) fn normalise_program_code(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c.to_uppercase().next().unwrap_or(c) {
            'В' => 'B',
            'М' => 'M',
            'Р' => 'R',
            'Д' => 'D',
            other => other,
        })
        .collect()
}

impl RowParser {
    fn new(year: Option<i32>) -> RowParser {
        RowParser {
            year,
            levels: Lookup::default(),
            fundings: Lookup::default(),
            regions: Lookup::default(),
            sexes: Lookup::default(),
        }
    }
}

impl ListParser for RowParser {
    type Key = Column;
    type Record = GraduateRecord;
    type Identity = (Iin, i32);

    const COLUMNS: &'static [ColumnSpec<Column>] = COLUMNS;
    const ANCHOR: Column = Column::Iin;
    const EXPECTED: &'static [Column] =
        &[Column::Iin, Column::FullName, Column::ProgramCode, Column::Funding];

    fn missing(&self, map: &HeaderMap<Column>) -> Vec<Column> {
        let mut missing = Vec::new();
        if !map.has(Column::FullName) {
            missing.extend([Column::Surname, Column::Name].into_iter().filter(|k| !map.has(*k)));
        }
        missing.extend([Column::ProgramCode, Column::Funding].into_iter().filter(|k| !map.has(*k)));
        if self.year.is_none() && !map.has(Column::GraduationYear) {
            missing.push(Column::GraduationYear);
        }
        missing
    }

    fn identity(record: &GraduateRecord) -> (Iin, i32) {
        (record.iin, record.graduation_year)
    }

    fn content(key: Column, matched: &HeaderMap<Column>) -> Option<Content> {
        match key {
            Column::Iin => Some(Content::Iin),
            Column::ProgramCode => Some(Content::ProgramCode),
            Column::Funding => Some(Content::Funding),
            Column::Level => Some(Content::Level),
            // Whole names in one column, unless the list names them in three.
            Column::FullName if !matched.has(Column::Surname) => Some(Content::FullName),
            _ => None,
        }
    }

    fn person(row: &RowCtx<'_, Column>) -> Option<String> {
        let text = |key| row.cell(key).text();
        text(Column::FullName)
            .or_else(|| {
                let parts: Vec<String> = [Column::Surname, Column::Name, Column::Patronymic]
                    .into_iter()
                    .filter_map(text)
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            })
            .map(|name| super::cells::visible(&name))
    }

    fn duplicate(first: u32) -> Text {
        Text::new(
            format!("Бұл түлек тізімде {first}-жолда бар (ЖСН мен бітірген жылы бірдей)"),
            format!("Этот выпускник уже есть в списке в строке {first} (тот же ИИН и год окончания)"),
        )
    }

    fn parse(&mut self, ctx: &mut RowCtx<'_, Column>) -> Option<GraduateRecord> {
        let iin = ctx.iin(Column::Iin);
        let (surname, name, patronymic) = bounded_names(ctx);
        if let Some(iin) = iin {
            self.check_birth_date_and_sex(ctx, iin);
        }
        let program = program(ctx);
        let stated_level = ctx.classified(Column::Level, &mut self.levels);
        let funding = ctx.required_classified(Column::Funding, &mut self.fundings);
        let graduation_year = self.graduation_year(ctx);
        let region = ctx.classified(Column::Region, &mut self.regions);

        let (program_code, code_level, field) = program?;
        if let Some(stated) = stated_level.filter(|l| *l != code_level) {
            let (kk, ru) = (stated.label(Lang::Kk), stated.label(Lang::Ru));
            ctx.problem(
                Column::Level,
                "inconsistent_value",
                Text::new(
                    format!("Оқу деңгейі «{kk}», бірақ {program_code} шифры басқа деңгейдікі"),
                    format!("Уровень «{ru}», но шифр {program_code} относится к другому уровню"),
                ),
            );
        }
        let funding = match (funding?, code_level) {
            // A doctorate on the state order is the PhD category of the rules.
            (Funding::StateOrder, Level::Doctorate) => Funding::Phd,
            (Funding::Phd, level) if level != Level::Doctorate => {
                ctx.problem(
                    Column::Funding,
                    "inconsistent_value",
                    Text::new(
                        "PhD қаржыландыруы тек докторантураға қатысты",
                        "Финансирование PhD относится только к докторантуре",
                    ),
                );
                return None;
            }
            (funding, _) => funding,
        };
        let iin = iin?;
        Some(GraduateRecord {
            iin,
            surname: surname?,
            name: name?,
            patronymic,
            birth_date: iin.birth_date(),
            sex: iin.sex(),
            level: code_level,
            funding,
            field,
            program_code,
            program_name: ctx.optional_text(Column::ProgramName).unwrap_or_default(),
            graduation_year: graduation_year?,
            region,
            phone: ctx.optional_text(Column::Phone),
            email: ctx.optional_text(Column::Email),
            grant: grant_years(ctx),
            gpa: gpa(ctx),
        })
    }
}

/// The years on the grant and the normative years, when the list has them: to a tenth, the
/// first never more than the second.
fn grant_years(ctx: &mut RowCtx<'_, Column>) -> Option<GrantYears> {
    let mut years = |column| {
        let cell = ctx.cell(column);
        let value = match cell {
            _ if cell.is_empty() => return None,
            super::cells::Cell::Number(n) => Years::try_from(n).ok(),
            _ => cell.text().as_deref().and_then(Years::parse),
        };
        if value.is_none() {
            let expected = Text::new(
                "0,1-ден 15-ке дейінгі жыл саны, мысалы 2,5",
                "число лет от 0,1 до 15, например 2,5",
            );
            ctx.invalid(column, &cell.text().unwrap_or_default(), expected);
        }
        value
    };
    let (on_grant, normative) = (years(Column::GrantYears)?, years(Column::NormativeYears));
    if let Some(normative) = normative.filter(|n| on_grant > *n) {
        ctx.fault(Column::GrantYears, &ObligationError::GrantLongerThanProgramme { on_grant, normative });
        return None;
    }
    Some(GrantYears { on_grant, normative, source: Source::List })
}

/// The grade average when the list has it: 0 to 4 to a hundredth, «3,45» or 3.45.
fn gpa(ctx: &mut RowCtx<'_, Column>) -> Option<Gpa> {
    let cell = ctx.cell(Column::Gpa);
    let value = match cell {
        _ if cell.is_empty() => return None,
        super::cells::Cell::Number(n) => Gpa::try_from(n).ok(),
        _ => cell.text().as_deref().and_then(Gpa::parse),
    };
    if value.is_none() {
        let expected =
            Text::new("0-ден 4-ке дейінгі орташа балл, мысалы 3,45", "средний балл от 0 до 4, например 3,45");
        ctx.invalid(Column::Gpa, &cell.text().unwrap_or_default(), expected);
    }
    value
}

impl RowParser {
    /// The IIN holds the birth date and sex; a list that also states them must agree.
    fn check_birth_date_and_sex(&mut self, ctx: &mut RowCtx<'_, Column>, iin: Iin) {
        let cell = ctx.cell(Column::BirthDate);
        if !cell.is_empty() {
            match cell.date() {
                None => ctx.invalid(
                    Column::BirthDate,
                    &cell.text().unwrap_or_default(),
                    Text::new("күн КК.АА.ЖЖЖЖ түрінде болуы керек", "дата должна быть в виде ДД.ММ.ГГГГ"),
                ),
                Some(stated) if stated != iin.birth_date() => {
                    let (stated, in_iin) = (stated.format("%d.%m.%Y"), iin.birth_date().format("%d.%m.%Y"));
                    ctx.problem(
                        Column::BirthDate,
                        "iin_birth_date_mismatch",
                        Text::new(
                            format!("Туған күні {stated}, ал ЖСН бойынша {in_iin}"),
                            format!("Дата рождения {stated}, а по ИИН {in_iin}"),
                        ),
                    );
                }
                Some(_) => {}
            }
        }
        if ctx.classified(Column::Sex, &mut self.sexes).is_some_and(|stated| stated != iin.sex()) {
            ctx.problem(
                Column::Sex,
                "iin_sex_mismatch",
                Text::new("Жынысы ЖСН-нің 7-цифрына сәйкес емес", "Пол не совпадает с 7-й цифрой ИИН"),
            );
        }
    }

    fn graduation_year(&mut self, ctx: &mut RowCtx<'_, Column>) -> Option<i32> {
        let cell = ctx.cell(Column::GraduationYear);
        let stated = match cell.whole_number() {
            Some(y) if (1990..=2100).contains(&y) => Some(y as i32),
            _ if cell.is_empty() => None,
            _ => {
                ctx.invalid(
                    Column::GraduationYear,
                    &cell.text().unwrap_or_default(),
                    Text::new("жыл төрт цифрмен жазылады", "год пишется четырьмя цифрами"),
                );
                return None;
            }
        };
        match (stated, self.year) {
            (Some(stated), Some(cohort)) if stated != cohort => {
                ctx.problem(
                    Column::GraduationYear,
                    "inconsistent_value",
                    Text::new(
                        format!("Бітірген жылы {stated}, ал импорт {cohort} жылғы түлектерге арналған"),
                        format!("Год окончания {stated}, а импорт выполняется для выпуска {cohort} года"),
                    ),
                );
                None
            }
            (Some(year), _) | (None, Some(year)) => Some(year),
            (None, None) => {
                ctx.missing(Column::GraduationYear);
                None
            }
        }
    }
}

/// Surname, name and patronymic, from one full-name column or from three.
fn names(ctx: &mut RowCtx<'_, Column>) -> (Option<String>, Option<String>, Option<String>) {
    if ctx.cell(Column::FullName).is_empty() && !ctx.cell(Column::Surname).is_empty() {
        return (
            ctx.required_text(Column::Surname),
            ctx.required_text(Column::Name),
            ctx.optional_text(Column::Patronymic),
        );
    }
    if ctx.cell(Column::FullName).text().is_none() {
        // Neither form filled in: name the columns the file has.
        let key = if ctx.cell(Column::Surname).is_empty() { Column::Surname } else { Column::FullName };
        ctx.missing(key);
        return (None, None, None);
    }
    let Some(full) = ctx.optional_text(Column::FullName) else { return (None, None, None) };
    let mut words = full.split(' ');
    let surname = words.next().map(str::to_owned);
    let name = words.next().map(str::to_owned);
    // A Kazakh patronymic may be two words («Айдос ұлы»).
    let rest: Vec<&str> = words.collect();
    if name.is_none() {
        ctx.invalid(
            Column::FullName,
            &full,
            Text::new("тегі мен аты бос орынмен жазылуы керек", "фамилия и имя пишутся через пробел"),
        );
    }
    (surname, name, (!rest.is_empty()).then(|| rest.join(" ")))
}

/// A person's whole name on a paper: the longest real ones run to about 60 characters.
const MAX_NAME_CHARS: usize = 150;

/// The row's name parts, refused whole (`too_long`) if together they are longer than any
/// paper's cell should carry.
fn bounded_names(ctx: &mut RowCtx<'_, Column>) -> (Option<String>, Option<String>, Option<String>) {
    let (surname, name, patronymic) = names(ctx);
    let length = [&surname, &name, &patronymic]
        .iter()
        .filter_map(|p| p.as_deref())
        .map(|p| p.chars().count() + 1)
        .sum::<usize>();
    if length > MAX_NAME_CHARS + 1 {
        let key = if ctx.cell(Column::FullName).is_empty() { Column::Surname } else { Column::FullName };
        ctx.problem(
            key,
            "too_long",
            Text::new(
                format!("Аты-жөні тым ұзын: {} таңба (ең көбі {MAX_NAME_CHARS})", length - 1),
                format!("ФИО слишком длинное: {} символов (не более {MAX_NAME_CHARS})", length - 1),
            ),
        );
        return (None, None, None);
    }
    (surname, name, patronymic)
}

/// The programme code, its level and field.
fn program(ctx: &mut RowCtx<'_, Column>) -> Option<(String, Level, Field)> {
    let code = normalise_program_code(&ctx.required_text(Column::ProgramCode)?);
    let level = Level::of_program_code(&code);
    match level.and_then(|l| Field::of_program(l, &code).map(|f| (l, f))) {
        Some((level, field)) => Some((code, level, field)),
        None => {
            ctx.invalid(
                Column::ProgramCode,
                &code,
                Text::new(
                    "шифр 6B01501 түрінде болуы керек (6B, 7M, 7R, 8D)",
                    "шифр должен иметь вид 6B01501 (6B, 7M, 7R, 8D)",
                ),
            );
            None
        }
    }
}
