//! Employers' requests for graduates (vacancies), one row a position at a place of work.

use std::path::Path;

use super::cells::Cell;
use super::content::Content;
use super::header::{ColumnSpec, FieldKey, HeaderMap};
use super::rows::{self, ListParser, Lookup, Reading, RowCtx};
use super::workbook::Flow;
use super::workbook::column_letters;
use super::{Choice, ImportError, ImportPreview, Problem};
use crate::classifiers::{OrgKind, Ownership, Region, parse_yes_no};
use crate::i18n::Text;
use crate::ident::Bin;
use crate::model::{EmployerRecord, VacancyRecord};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Employer,
    Bin,
    Kind,
    Ownership,
    Region,
    District,
    Settlement,
    Rural,
    Position,
    ProgramCodes,
    Places,
    ContactPerson,
    Phone,
}

impl FieldKey for Column {
    fn code(self) -> &'static str {
        match self {
            Column::Employer => "employer",
            Column::Bin => "bin",
            Column::Kind => "kind",
            Column::Ownership => "ownership",
            Column::Region => "region",
            Column::District => "district",
            Column::Settlement => "settlement",
            Column::Rural => "rural",
            Column::Position => "position",
            Column::ProgramCodes => "program_codes",
            Column::Places => "places",
            Column::ContactPerson => "contact_person",
            Column::Phone => "phone",
        }
    }
}

pub const COLUMNS: &[ColumnSpec<Column>] = &[
    ColumnSpec {
        key: Column::Employer,
        kk: "Ұйымның атауы",
        ru: "Наименование организации",
        headers: &[
            "Ұйымның атауы",
            "Ұйым",
            "Жұмыс беруші",
            "Наименование организации",
            "Организация",
            "Работодатель",
            "Наименование работодателя",
            "Employer",
        ],
    },
    ColumnSpec {
        key: Column::Bin,
        kk: "БСН",
        ru: "БИН",
        headers: &["БСН", "Ұйымның БСН", "БИН", "BIN", "БИН организации"],
    },
    ColumnSpec {
        key: Column::Kind,
        kk: "Ұйым түрі",
        ru: "Тип организации",
        headers: &["Ұйым түрі", "Ұйымның түрі", "Тип организации", "Вид организации", "Organisation kind"],
    },
    ColumnSpec {
        key: Column::Ownership,
        kk: "Меншік нысаны",
        ru: "Форма собственности",
        headers: &["Меншік нысаны", "Форма собственности", "Ownership"],
    },
    ColumnSpec {
        key: Column::Region,
        kk: "Өңір",
        ru: "Регион",
        headers: &["Өңір", "Облыс", "Регион", "Область", "Region"],
    },
    ColumnSpec {
        key: Column::District, kk: "Аудан", ru: "Район", headers: &["Аудан", "Район", "District"]
    },
    ColumnSpec {
        key: Column::Settlement,
        kk: "Елді мекен",
        ru: "Населённый пункт",
        headers: &["Елді мекен", "Населённый пункт", "Населенный пункт", "Settlement"],
    },
    ColumnSpec {
        key: Column::Rural,
        kk: "Ауылдық жер",
        ru: "Сельская местность",
        headers: &[
            "Ауылдық жер",
            "Ауылдық елді мекен",
            "Сельская местность",
            "Сельский населённый пункт",
            "Rural",
        ],
    },
    ColumnSpec {
        key: Column::Position,
        kk: "Лауазымы",
        ru: "Должность",
        headers: &["Лауазымы", "Лауазым", "Должность", "Вакансия", "Position"],
    },
    ColumnSpec {
        key: Column::ProgramCodes,
        kk: "БББ шифры",
        ru: "Шифр ОП",
        headers: &[
            "БББ шифры",
            "БББ коды",
            "Мамандық коды",
            "Шифр ОП",
            "Код ОП",
            "Шифр",
            "Код",
            "Program code",
        ],
    },
    ColumnSpec {
        key: Column::Places,
        kk: "Орын саны",
        ru: "Количество мест",
        headers: &["Орын саны", "Орындар саны", "Количество мест", "Кол-во мест", "Places"],
    },
    ColumnSpec {
        key: Column::ContactPerson,
        kk: "Байланыс тұлғасы",
        ru: "Контактное лицо",
        headers: &[
            "Байланыс тұлғасы",
            "Жауапты тұлға",
            "Контактное лицо",
            "Ответственное лицо",
            "Contact person",
        ],
    },
    ColumnSpec {
        key: Column::Phone, kk: "Телефон", ru: "Телефон", headers: &["Телефон", "Тел.", "Phone"]
    },
];

const REQUIRED: &[Column] = &[
    Column::Employer,
    Column::Bin,
    Column::Kind,
    Column::Region,
    Column::Rural,
    Column::Position,
    Column::Places,
];

pub struct Preview {
    pub reading: Reading<Column>,
    pub records: Vec<VacancyRecord>,
    /// Each record's row, as the spreadsheet program numbers it.
    pub rows: Vec<u32>,
}

/// A vacancy as lists and referrals name it: (employer's BIN, year, position, settlement or
/// ''), as the store's unique key `vacancy_key`.
pub type VacancyKey = (Bin, i32, String, String);

pub fn key_of(r: &VacancyRecord) -> VacancyKey {
    (r.employer.bin, r.year, r.position.clone(), r.settlement.clone().unwrap_or_default())
}

impl Preview {
    /// Refuses the rows that would leave a vacancy fewer places than the graduates referred to
    /// it (`referred`: who stands on each vacancy): a problem naming them, the row not applied.
    pub fn keep_referrals(&mut self, referred: &std::collections::HashMap<VacancyKey, Vec<String>>) {
        let places =
            self.reading.header.column(Column::Places).map(|c| (column_letters(c.index), c.header.clone()));
        let (mut records, mut rows) = (Vec::new(), Vec::new());
        for (record, row) in std::mem::take(&mut self.records).into_iter().zip(std::mem::take(&mut self.rows))
        {
            match referred.get(&key_of(&record)).filter(|who| (record.places as usize) < who.len()) {
                None => {
                    records.push(record);
                    rows.push(row);
                }
                Some(who) => {
                    let (n, names) = (who.len(), who.join("; "));
                    self.reading.tally.valid -= 1;
                    self.reading.tally.problems.push(Problem {
                        row,
                        column: places.as_ref().map(|p| p.0.clone()),
                        header: places.as_ref().map(|p| p.1.clone()),
                        field: Some(Column::Places.code()),
                        value: Some(record.places.to_string()),
                        person: Some(record.employer.name.clone()),
                        code: "places_below_referrals",
                        message: Text::new(
                            format!(
                                "Орын саны {} — бұл бос орынға {n} түлек жолданған: {names}. Алдымен олардың \
                                 шешімдерін қайта қараңыз.",
                                record.places
                            ),
                            format!(
                                "Мест {} — на эту вакансию направлено выпускников: {n} ({names}). Сначала \
                                 пересмотрите их решения.",
                                record.places
                            ),
                        ),
                    });
                }
            }
        }
        (self.records, self.rows) = (records, rows);
    }

    /// What the import wizard shows of it.
    pub fn view(self, path: &Path) -> ImportPreview {
        ImportPreview::new::<RowParser>(path, self.reading, self.records.len())
    }
}

/// Reads and checks a list of requests for the cohort `year` without touching the database.
pub fn preview(path: &Path, year: i32, choice: Choice<'_>) -> Result<Preview, ImportError> {
    let (mut records, mut rows) = (Vec::new(), Vec::new());
    let reading = rows::read(path, &mut RowParser::new(year), choice, |row, record| {
        records.push(record);
        rows.push(row);
        Flow::Continue
    })?;
    Ok(Preview { reading, records, rows })
}

struct RowParser {
    year: i32,
    kinds: Lookup<OrgKind>,
    ownerships: Lookup<Ownership>,
    regions: Lookup<Region>,
}

impl RowParser {
    fn new(year: i32) -> RowParser {
        RowParser {
            year,
            kinds: Lookup::default(),
            ownerships: Lookup::default(),
            regions: Lookup::default(),
        }
    }
}

impl ListParser for RowParser {
    type Key = Column;
    type Record = VacancyRecord;
    type Identity = (Bin, String, Option<String>);

    const COLUMNS: &'static [ColumnSpec<Column>] = COLUMNS;
    const ANCHOR: Column = Column::Bin;
    const EXPECTED: &'static [Column] = REQUIRED;

    fn missing(&self, map: &HeaderMap<Column>) -> Vec<Column> {
        REQUIRED.iter().copied().filter(|k| !map.has(*k)).collect()
    }

    fn identity(v: &VacancyRecord) -> Self::Identity {
        (v.employer.bin, v.position.clone(), v.settlement.clone())
    }

    fn content(key: Column, _: &HeaderMap<Column>) -> Option<Content> {
        match key {
            Column::Bin => Some(Content::Bin),
            Column::Kind => Some(Content::OrgKind),
            Column::Region => Some(Content::Region),
            Column::Rural => Some(Content::YesNo),
            Column::ProgramCodes => Some(Content::ProgramCode),
            Column::Places => Some(Content::Count),
            _ => None,
        }
    }

    fn person(row: &RowCtx<'_, Column>) -> Option<String> {
        row.cell(Column::Employer).text().map(|name| super::cells::visible(&name))
    }

    fn duplicate(first: u32) -> Text {
        Text::new(
            format!("Бұл жұмыс берушінің осы елді мекендегі осы лауазымы {first}-жолда бар"),
            format!("Эта должность этого работодателя в этом населённом пункте уже есть в строке {first}"),
        )
    }

    fn parse(&mut self, ctx: &mut RowCtx<'_, Column>) -> Option<VacancyRecord> {
        let bin = match ctx.cell(Column::Bin) {
            Cell::Empty => {
                ctx.missing(Column::Bin);
                None
            }
            Cell::Number(n) => Bin::from_number(n).map_err(|e| ctx.fault(Column::Bin, &e)).ok(),
            Cell::Text(t) => Bin::parse(t).map_err(|e| ctx.fault(Column::Bin, &e)).ok(),
            Cell::Date(_) | Cell::Fault(_) => Bin::parse("").map_err(|e| ctx.fault(Column::Bin, &e)).ok(),
        };
        let name = ctx.required_text(Column::Employer);
        let kind = ctx.required_classified(Column::Kind, &mut self.kinds);
        let ownership = ctx.classified(Column::Ownership, &mut self.ownerships);
        let region = ctx.required_classified(Column::Region, &mut self.regions);
        let rural = rural(ctx);
        let position = ctx.required_text(Column::Position);
        let places = places(ctx);
        let program_codes = ctx
            .optional_text(Column::ProgramCodes)
            .map(|t| {
                t.split([',', ';', ' ', '\n'])
                    .filter(|c| !c.is_empty())
                    .map(super::graduates::normalise_program_code)
                    .collect()
            })
            .unwrap_or_default();
        Some(VacancyRecord {
            employer: EmployerRecord { bin: bin?, name: name?, kind: kind?, ownership },
            year: self.year,
            position: position?,
            program_codes,
            places: places?,
            region: region?,
            district: ctx.optional_text(Column::District),
            settlement: ctx.optional_text(Column::Settlement),
            rural: rural?,
            contact_person: ctx.optional_text(Column::ContactPerson),
            phone: ctx.optional_text(Column::Phone),
        })
    }
}

fn rural(ctx: &mut RowCtx<'_, Column>) -> Option<bool> {
    let text = ctx.required_text(Column::Rural)?;
    let value = parse_yes_no(&text);
    if value.is_none() {
        ctx.invalid(
            Column::Rural,
            &text,
            Text::new("«иә» немесе «жоқ» болуы керек", "должно быть «да» или «нет»"),
        );
    }
    value
}

fn places(ctx: &mut RowCtx<'_, Column>) -> Option<u32> {
    let cell = ctx.cell(Column::Places);
    if cell.is_empty() {
        ctx.missing(Column::Places);
        return None;
    }
    let value = cell.whole_number().and_then(|n| u32::try_from(n).ok()).filter(|n| (1..=10_000).contains(n));
    if value.is_none() {
        ctx.invalid(
            Column::Places,
            &cell.text().unwrap_or_default(),
            Text::new("орын саны — оң бүтін сан", "количество мест — целое положительное число"),
        );
    }
    value
}
