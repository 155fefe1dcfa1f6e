//! The register's seals: what a finalised meeting decided and printed, and every paper number
//! given, kept as they were in an append-only chain of entries, each hashed with the one before
//! (SHA-256, so anyone can recompute it). The check compares the seals with the rows: an edit
//! made past the triggers with another tool (the sqlite3 shell, a hex editor) is found and
//! named, never silently trusted. Pure: the store reads the rows, this compares them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::commission::Commission;
use crate::i18n::{Lang, Reason, Text};
use crate::model::{FieldChange, University, Vacancy};
use crate::papers::GraduateLine;
use crate::vocabulary::Termed;

/// The hash the first entry follows.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry seals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A meeting, when it is finalised.
    Meeting,
    /// A paper, when it is numbered.
    Paper,
}

impl EntryKind {
    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Meeting => "meeting",
            EntryKind::Paper => "paper",
        }
    }

    pub fn parse(code: &str) -> Option<EntryKind> {
        [EntryKind::Meeting, EntryKind::Paper].into_iter().find(|k| k.code() == code)
    }
}

/// One entry of the chain, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub seq: i64,
    pub kind: EntryKind,
    /// The meeting's or the paper's id.
    pub ref_id: i64,
    /// The sealed content: canonical JSON (fields in a fixed order, maps sorted).
    pub content: String,
    pub prev_hash: String,
    pub hash: String,
}

/// `sha256(prev \n kind \n ref_id \n content)` in lowercase hex.
pub fn hash(prev: &str, kind: EntryKind, ref_id: i64, content: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [prev, kind.code(), &ref_id.to_string(), content] {
        hasher.update(part.as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().iter().fold(String::with_capacity(64), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}

/// Rows as they were: table → row key → column → value. Compared column by column.
pub type Rows = BTreeMap<String, BTreeMap<i64, BTreeMap<String, Value>>>;

/// What a finalised meeting printed beyond its own rows: the university, the commission and
/// its members, each decided graduate as the papers name them, each vacancy referred to. A
/// reprint shows exactly this, whatever later lists change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Printed {
    pub university: University,
    pub commission: Commission,
    /// By decision id.
    pub graduates: BTreeMap<i64, GraduateLine>,
    /// By vacancy id.
    pub vacancies: BTreeMap<i64, Vacancy>,
}

/// A meeting's seal: its rows (the meeting, attendance, decisions, proofs) and what it printed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SealedMeeting {
    pub rows: Rows,
    pub printed: Printed,
}

/// A paper number's seal: its row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SealedPaper {
    pub rows: Rows,
}

/// What a decision's papers printed that the live records now say otherwise: the graduate's
/// line, and the vacancy's employer and place. The queue shows these graduates again.
pub fn printed_changes(
    printed: &Printed,
    decision_id: i64,
    graduate: &GraduateLine,
    vacancy: Option<&Vacancy>,
) -> Vec<FieldChange> {
    let mut found = Vec::new();
    let mut compare = |field: &str, label: Text, old: Text, new: Text| {
        if old != new {
            found.push(FieldChange { field: field.to_owned(), label, old, new });
        }
    };
    let plain = |s: &str| Text::new(s, s);
    let class = |c: &dyn Fn(Lang) -> &'static str| Text::new(c(Lang::Kk), c(Lang::Ru));
    if let Some(was) = printed.graduates.get(&decision_id) {
        compare("full_name", Text::new("Аты-жөні", "ФИО"), plain(&was.full_name), plain(&graduate.full_name));
        compare("iin", Text::new("ЖСН", "ИИН"), plain(was.iin.as_str()), plain(graduate.iin.as_str()));
        let programme = |g: &GraduateLine| plain(&format!("{} {}", g.program_code, g.program_name));
        compare(
            "program_code",
            Text::new("Білім беру бағдарламасы", "Образовательная программа"),
            programme(was),
            programme(graduate),
        );
        compare(
            "level",
            Text::new("Деңгейі", "Уровень"),
            class(&|l| was.level.label(l)),
            class(&|l| graduate.level.label(l)),
        );
        compare(
            "funding",
            Text::new("Қаржыландыру", "Финансирование"),
            class(&|l| was.funding.label(l)),
            class(&|l| graduate.funding.label(l)),
        );
    }
    let sealed = vacancy.and_then(|v| printed.vacancies.get(&v.id).map(|was| (was, v)));
    if let Some((was, now)) = sealed {
        let (a, b) = (&was.record, &now.record);
        compare(
            "employer",
            Text::new("Жұмыс беруші", "Работодатель"),
            plain(&a.employer.name),
            plain(&b.employer.name),
        );
        compare(
            "bin",
            Text::new("БСН", "БИН"),
            plain(a.employer.bin.as_str()),
            plain(b.employer.bin.as_str()),
        );
        compare(
            "kind",
            Text::new("Ұйым түрі", "Тип организации"),
            class(&|l| a.employer.kind.label(l)),
            class(&|l| b.employer.kind.label(l)),
        );
        compare("position", Text::new("Лауазымы", "Должность"), plain(&a.position), plain(&b.position));
        let place = |r: &crate::model::VacancyRecord, lang: Lang| {
            [Some(r.region.label(lang)), r.district.as_deref(), r.settlement.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        };
        compare(
            "region",
            Text::new("Мекенжайы", "Адрес"),
            Text::new(place(a, Lang::Kk), place(a, Lang::Ru)),
            Text::new(place(b, Lang::Kk), place(b, Lang::Ru)),
        );
        let yes_no =
            |rural: bool| if rural { Text::new("иә", "да") } else { Text::new("жоқ", "нет") };
        compare("rural", Text::new("Ауылдық жер", "Сельская местность"), yes_no(a.rural), yes_no(b.rural));
    }
    found
}

/// A column that is not what was sealed.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub table: String,
    pub row: i64,
    pub column: String,
    /// `None`: the row (or column) was not there.
    pub sealed: Option<Value>,
    pub now: Option<Value>,
}

/// Every sealed column that differs now, rows added or removed included. Columns a later
/// migration adds are not in older seals and are not compared (a migration that rewrites a
/// sealed column must seal anew).
pub fn differences(sealed: &Rows, now: &Rows) -> Vec<Difference> {
    let empty_table = BTreeMap::new();
    let empty_row = BTreeMap::new();
    let mut found = Vec::new();
    let tables: std::collections::BTreeSet<&String> = sealed.keys().chain(now.keys()).collect();
    for table in tables {
        let (a, b) = (sealed.get(table).unwrap_or(&empty_table), now.get(table).unwrap_or(&empty_table));
        let rows: std::collections::BTreeSet<&i64> = a.keys().chain(b.keys()).collect();
        for row in rows {
            let (ra, rb) = (a.get(row), b.get(row));
            if ra.is_none() || rb.is_none() {
                found.push(Difference {
                    table: table.clone(),
                    row: *row,
                    column: String::new(),
                    sealed: ra.map(|r| Value::Object(r.clone().into_iter().collect())),
                    now: rb.map(|r| Value::Object(r.clone().into_iter().collect())),
                });
                continue;
            }
            let (ra, rb) = (ra.unwrap_or(&empty_row), rb.unwrap_or(&empty_row));
            for column in ra.keys() {
                if ra.get(column) != rb.get(column) {
                    found.push(Difference {
                        table: table.clone(),
                        row: *row,
                        column: column.clone(),
                        sealed: ra.get(column).cloned(),
                        now: rb.get(column).cloned(),
                    });
                }
            }
        }
    }
    found
}

/// Where the chain does not hold: the first entry whose `prev_hash` is not the hash before
/// it, or whose `hash` is not its content's.
pub fn broken_links(entries: &[Entry]) -> Vec<i64> {
    let mut prev = GENESIS.to_owned();
    let mut broken = Vec::new();
    for e in entries {
        if e.prev_hash != prev || e.hash != hash(&e.prev_hash, e.kind, e.ref_id, &e.content) {
            broken.push(e.seq);
        }
        prev = e.hash.clone();
    }
    broken
}

/// What the check found, each in words a secretary (and whoever supports her) can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    /// An entry of the chain was changed, removed or written by hand.
    ChainBroken { seq: i64 },
    /// A finalised meeting's rows are not what was sealed.
    MeetingChanged { year: i32, number: u32, difference: Difference },
    /// A meeting is marked finalised, but nothing was sealed when it was.
    MeetingUnsealed { year: i32, number: u32 },
    /// A sealed meeting is no longer marked finalised, or is gone.
    MeetingReopened { meeting_id: i64 },
    /// A numbered paper's row is not what was sealed, or is gone.
    PaperChanged { paper_id: i64, difference: Difference },
    /// A paper row no number was given for.
    PaperUnsealed { paper_id: i64 },
    /// A row points at one that is not there (written with foreign keys off).
    Orphan { table: String, row: i64, parent: String },
    /// SQLite's own check of the file failed.
    Damaged { detail: String },
}

/// A sealed table's row in words: «шешім №7» / «решение №7»; an unknown table by its name.
fn row_words(table: &str, row: i64) -> Text {
    let (kk, ru) = match table {
        "meeting" => ("отырыс", "заседание"),
        "meeting_attendance" => ("қатысқан мүше", "присутствовавший член"),
        "decision" => ("шешім", "решение"),
        "decision_proof" => ("растайтын құжат", "подтверждающий документ"),
        "paper" => ("құжат нөмірі", "номер документа"),
        other => (other, other),
    };
    Text::new(format!("{kk} №{row}"), format!("{ru} №{row}"))
}

/// A sealed column in words; an unknown column by its name.
fn column_words(column: &str) -> Text {
    let (kk, ru) = match column {
        "" => ("жазба тұтасымен", "запись целиком"),
        "meeting_id" => ("отырыс", "заседание"),
        "graduate_id" => ("түлек", "выпускник"),
        "member_id" => ("комиссия мүшесі", "член комиссии"),
        "commission_id" => ("комиссия", "комиссия"),
        "kind" => ("шешім түрі", "вид решения"),
        "vacancy_id" => ("бос орын", "вакансия"),
        "arrival_date" => ("келу күні", "дата прибытия"),
        "arrival_deadline" => ("келудің соңғы күні", "крайний срок прибытия"),
        "centre_region" => ("жұмыспен қамту орталығының өңірі", "регион центра занятости"),
        "centre_reason" => ("орталыққа жолдау себебі", "причина направления в центр"),
        "exemption_ground" => ("босату негізі", "основание освобождения"),
        "deferral_reason" => ("кейінге қалдыру негізі", "основание отсрочки"),
        "deferral_from" => ("кейінге қалдырудың басы", "начало отсрочки"),
        "deferral_to" => ("кейінге қалдырудың соңы", "конец отсрочки"),
        "term_years" => ("өтеу мерзімі", "срок отработки"),
        "revises_id" => ("қайта қаралған шешім", "пересмотренное решение"),
        "reason" => ("қайта қарау себебі", "причина пересмотра"),
        "held_on" => ("отырыс күні", "дата заседания"),
        "number" => ("нөмірі", "номер"),
        "place" => ("өткізілген орны", "место проведения"),
        "finalised_at" | "finalised_by" => ("бекітілуі", "утверждение"),
        "seq" => ("реттік нөмірі", "порядковый номер"),
        "decision_id" => ("шешім", "решение"),
        "issued_on" => ("берілген күні", "дата выдачи"),
        "document" | "file_name" | "stored_as" => ("құжат файлы", "файл документа"),
        other => (other, other),
    };
    Text::new(kk, ru)
}

fn show(value: &Option<Value>) -> String {
    match value {
        None => "—".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

impl Finding {
    pub fn code(&self) -> &'static str {
        match self {
            Finding::ChainBroken { .. } => "register_chain_broken",
            Finding::MeetingChanged { .. } => "register_meeting_changed",
            Finding::MeetingUnsealed { .. } => "register_meeting_unsealed",
            Finding::MeetingReopened { .. } => "register_meeting_reopened",
            Finding::PaperChanged { .. } => "register_paper_changed",
            Finding::PaperUnsealed { .. } => "register_paper_unsealed",
            Finding::Orphan { .. } => "register_orphan",
            Finding::Damaged { .. } => "register_damaged",
        }
    }

    pub fn message(&self) -> Text {
        match self {
            Finding::ChainBroken { seq } => Text::new(
                format!(
                    "Тізілімнің №{seq} жазбасы өзгертілген немесе қолмен жазылған: мөрлер тізбегі үзілді."
                ),
                format!("Запись №{seq} реестра изменена или записана вручную: цепочка печатей прервана."),
            ),
            Finding::MeetingChanged { year, number, difference: d } => {
                let (row, column) = (row_words(&d.table, d.row), column_words(&d.column));
                let (sealed, now) = (show(&d.sealed), show(&d.now));
                Text::new(
                    format!(
                        "{year} жылғы №{number} отырыс бекітілгеннен кейін өзгертілген ({}, {}; {}.{}): \
                         «{sealed}» болған, қазір «{now}».",
                        row.kk, column.kk, d.table, d.column
                    ),
                    format!(
                        "Заседание №{number} {year} года изменено после утверждения ({}, {}; {}.{}): \
                         было «{sealed}», сейчас «{now}».",
                        row.ru, column.ru, d.table, d.column
                    ),
                )
            }
            Finding::MeetingUnsealed { year, number } => Text::new(
                format!(
                    "{year} жылғы №{number} отырыс бекітілген деп белгіленген, бірақ бағдарламада бекітілмеген."
                ),
                format!(
                    "Заседание №{number} {year} года отмечено утверждённым, но утверждено не в программе."
                ),
            ),
            Finding::MeetingReopened { meeting_id } => Text::new(
                format!("Бекітілген отырыс (id {meeting_id}) қайта ашылған немесе жойылған."),
                format!("Утверждённое заседание (id {meeting_id}) вновь открыто или удалено."),
            ),
            Finding::PaperChanged { paper_id, difference: d } => {
                let (sealed, now) = (show(&d.sealed), show(&d.now));
                Text::new(
                    format!(
                        "Құжат нөмірі (id {paper_id}) өзгертілген ({}): «{sealed}» болған, қазір «{now}».",
                        d.column
                    ),
                    format!(
                        "Номер документа (id {paper_id}) изменён ({}): было «{sealed}», сейчас «{now}».",
                        d.column
                    ),
                )
            }
            Finding::PaperUnsealed { paper_id } => Text::new(
                format!("Құжат нөмірі (id {paper_id}) бағдарламадан тыс жазылған."),
                format!("Номер документа (id {paper_id}) записан в обход программы."),
            ),
            Finding::Orphan { table, row, parent } => Text::new(
                format!("{table} #{row} жазбасы жоқ жазбаға сілтейді ({parent})."),
                format!("Запись {table} #{row} ссылается на отсутствующую запись ({parent})."),
            ),
            Finding::Damaged { detail } => Text::new(
                format!("Дерекқор файлы бүлінген: {detail}"),
                format!("Файл базы данных повреждён: {detail}"),
            ),
        }
    }

    pub fn reason(&self) -> Reason {
        Reason { code: self.code().to_owned(), message: self.message() }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn rows(table: &str, id: i64, columns: &[(&str, Value)]) -> Rows {
        let row = columns.iter().map(|(c, v)| (c.to_string(), v.clone())).collect();
        BTreeMap::from([(table.to_owned(), BTreeMap::from([(id, row)]))])
    }

    #[test]
    fn the_hash_is_plain_sha256_anyone_can_recompute() {
        // printf '%s\npaper\n1\n{}\n' 000…000 | sha256sum
        assert_eq!(
            hash(GENESIS, EntryKind::Paper, 1, "{}"),
            "5104cc3f5eb8f62b55bd045238cf638d5bc7e23f1164af3590395676c6c465aa"
        );
    }

    #[test]
    fn a_chain_holds_until_an_entry_is_touched() {
        let mut entries = Vec::new();
        let mut prev = GENESIS.to_owned();
        for (seq, content) in [(1, "{\"a\":1}"), (2, "{\"b\":2}"), (3, "{\"c\":3}")] {
            let h = hash(&prev, EntryKind::Paper, seq, content);
            entries.push(Entry {
                seq,
                kind: EntryKind::Paper,
                ref_id: seq,
                content: content.into(),
                prev_hash: prev,
                hash: h.clone(),
            });
            prev = h;
        }
        assert!(broken_links(&entries).is_empty());

        let mut edited = entries.clone();
        edited[1].content = "{\"b\":3}".into();
        assert_eq!(broken_links(&edited), vec![2]);

        // Rehashing the edited entry breaks the link after it.
        let mut rehashed = edited.clone();
        rehashed[1].hash = hash(&rehashed[1].prev_hash, EntryKind::Paper, 2, "{\"b\":3}");
        assert_eq!(broken_links(&rehashed), vec![3]);

        let mut removed = entries.clone();
        removed.remove(1);
        assert_eq!(broken_links(&removed), vec![3]);
    }

    #[test]
    fn differences_name_the_column_and_both_values() {
        let sealed = rows("decision", 7, &[("meeting_id", json!(2)), ("kind", json!("vacancy"))]);
        assert!(differences(&sealed, &sealed.clone()).is_empty());

        let moved = rows("decision", 7, &[("meeting_id", json!(3)), ("kind", json!("vacancy"))]);
        let found = differences(&sealed, &moved);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].column.as_str(), &found[0].sealed, &found[0].now),
            ("meeting_id", &Some(json!(2)), &Some(json!(3)))
        );

        let gone = differences(&sealed, &Rows::new());
        assert_eq!((gone.len(), gone[0].row, gone[0].now.is_none()), (1, 7, true));
        let finding = Finding::MeetingChanged { year: 2025, number: 2, difference: found[0].clone() };
        assert!(finding.message().ru.contains("было «2», сейчас «3»"), "{}", finding.message().ru);
    }
}
