//! A graduate's history as the card reads it: every audited change about them (their imported
//! row, decisions and revisions, the papers issued and cancelled, arrival, periods, cost, years
//! on the grant, payments, an end on another ground) in words: what happened, each field old → new, who, when.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::commission::{DecisionView, PaperNumber};
use crate::followup::{Arrival, GrantYears, ObligationEnd, Payment, Period, StudyCost};
use crate::i18n::{Lang, Text, date, tenge};
use crate::model::FieldChange;
use crate::store::{AuditEntry, Db, StoreError, entity};
use crate::vocabulary::Termed;

/// One change in a graduate's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HistoryEntry {
    /// When, as audited (UTC, ISO-8601).
    pub at: String,
    pub actor: String,
    /// What happened: «Келгені жазылды» / «Записано прибытие».
    pub what: Text,
    /// The fields that changed: an addition's from «—», a removal's to «—».
    pub changes: Vec<FieldChange>,
}

/// The graduate's history, oldest first; `decisions` are theirs, in words.
pub(super) fn of_graduate(
    db: &Db,
    graduate_id: i64,
    decisions: &[DecisionView],
) -> Result<Vec<HistoryEntry>, StoreError> {
    Ok(db.graduate_trail(graduate_id)?.into_iter().map(|row| entry(db, row, decisions)).collect())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Added,
    Changed,
    Removed,
}

impl Action {
    /// The audit writes `insert`, `update`, `delete` (and an import's batch row, never a
    /// graduate's).
    fn of(action: &str) -> Action {
        match action {
            "insert" => Action::Added,
            "delete" => Action::Removed,
            _ => Action::Changed,
        }
    }
}

fn entry(db: &Db, row: AuditEntry, decisions: &[DecisionView]) -> HistoryEntry {
    let action = Action::of(&row.action);
    let details = row.details.unwrap_or_default();
    let (what, changes) = match row.entity.as_str() {
        entity::DECISION => decision(row.entity_id, decisions),
        entity::PAPER => paper(&details),
        entity::ARRIVAL => described::<Arrival>(&details, action, ("Келгені", "Прибытие")),
        entity::PERIOD => described::<OfPeriod>(&details, action, ("Кезең", "Период")),
        entity::STUDY_COST => described::<StudyCost>(&details, action, ("Оқу құны", "Стоимость обучения")),
        entity::GRANT => described::<GrantYears>(&details, action, ("Грант жылдары", "Годы на гранте")),
        entity::PAYMENT => described::<OfPayment>(&details, action, ("Төлем", "Платёж")),
        entity::END => described::<ObligationEnd>(
            &details,
            action,
            ("Міндеттеменің өзге негізбен тоқтатылуы", "Прекращение обязательства по иному основанию"),
        ),
        // The graduate's own row: added or updated by a list.
        _ => match details.as_object() {
            Some(columns) if action == Action::Changed => (
                Text::new("Тізім деректерді өзгертті", "Данные изменены по списку"),
                db.graduate_update(columns),
            ),
            _ => (Text::new("Тізімнен қосылды", "Добавлен из списка"), Vec::new()),
        },
    };
    HistoryEntry { at: row.at, actor: row.actor, what, changes }
}

/// A paper: issued under its number, or cancelled when its decision was revised.
fn paper(details: &serde_json::Value) -> (Text, Vec<FieldChange>) {
    let Ok(Values::<PaperNumber> { new: Some(p), .. }) = Values::deserialize(details) else {
        return (Text::new("Құжат", "Документ"), Vec::new());
    };
    let (number, on) = (&p.number, date(p.issued_on));
    let what = if p.cancelled {
        Text::new(
            format!("№{number} құжат шешім қайта қаралғандықтан күшін жойды"),
            format!("Документ №{number} аннулирован: решение пересмотрено"),
        )
    } else {
        Text::new(format!("№{number} құжат берілді ({on})"), format!("Выдан документ №{number} ({on})"))
    };
    (what, Vec::new())
}

/// A decision: taken, or taken as a revision of an earlier one (then its fields read old → new).
fn decision(id: Option<i64>, decisions: &[DecisionView]) -> (Text, Vec<FieldChange>) {
    let find = |id: Option<i64>| decisions.iter().find(|d| Some(d.decision.id) == id);
    let Some(view) = find(id) else {
        return (Text::new("Шешім қабылданды", "Принято решение"), Vec::new());
    };
    let revised = find(view.decision.revises);
    let what = match view.decision.revises {
        Some(_) => Text::new("Шешім қайта қаралды", "Решение пересмотрено"),
        None => Text::new("Шешім қабылданды", "Принято решение"),
    };
    (what, changes(revised, Some(view)))
}

/// An audited follow-up value, `{old, new}`, named `(kk, ru)`, in words; a value that no
/// longer reads (a hand-edited file) still shows that something happened.
fn described<T: DeserializeOwned + Fields>(
    details: &serde_json::Value,
    action: Action,
    (kk, ru): (&str, &str),
) -> (Text, Vec<FieldChange>) {
    let (done_kk, done_ru) = match action {
        Action::Added => ("жазылды", "записано"),
        Action::Changed => ("түзетілді", "исправлено"),
        Action::Removed => ("жойылды", "удалено"),
    };
    let what = Text::new(format!("{kk}: {done_kk}"), format!("{ru}: {done_ru}"));
    let values = Values::<T>::deserialize(details).unwrap_or(Values { old: None, new: None });
    (what, changes(values.old.as_ref(), values.new.as_ref()))
}

/// The audit's `{old, new}` of one change.
#[derive(Deserialize)]
struct Values<T> {
    old: Option<T>,
    new: Option<T>,
}

/// A period's and a payment's audit value names the graduate beside it.
#[derive(Deserialize)]
struct OfPeriod {
    period: Period,
}

#[derive(Deserialize)]
struct OfPayment {
    payment: Payment,
}

/// A field as the history lists it.
struct Field {
    key: &'static str,
    label: Text,
    value: Text,
}

/// A record the history lists field by field. Every field is always listed (an absent value as
/// «—»), so that two versions of a record line up.
trait Fields {
    fn fields(&self) -> Vec<Field>;
}

/// The fields that differ between `old` and `new`; a missing one reads «—» in every field.
fn changes<T: Fields>(old: Option<&T>, new: Option<&T>) -> Vec<FieldChange> {
    let (old, new) =
        (old.map(Fields::fields).unwrap_or_default(), new.map(Fields::fields).unwrap_or_default());
    let shape = if new.is_empty() { &old } else { &new };
    shape
        .iter()
        .enumerate()
        .filter_map(|(i, field)| {
            let value = |side: &[Field]| side.get(i).map_or_else(|| plain(NONE), |f| f.value.clone());
            let (old, new) = (value(&old), value(&new));
            (old != new).then(|| FieldChange {
                field: field.key.to_owned(),
                label: field.label.clone(),
                old,
                new,
            })
        })
        .collect()
}

const NONE: &str = "—";

fn field(key: &'static str, kk: &str, ru: &str, value: Text) -> Field {
    Field { key, label: Text::new(kk, ru), value }
}

fn plain(text: impl Into<String>) -> Text {
    let text = text.into();
    Text::new(text.clone(), text)
}

fn opt(text: Option<&str>) -> Text {
    plain(text.unwrap_or(NONE))
}

fn day(d: NaiveDate) -> Text {
    plain(date(d))
}

fn money(amount: u64) -> Text {
    plain(format!("{} ₸", tenge(amount)))
}

/// A text made in each language.
fn both(f: impl Fn(Lang) -> String) -> Text {
    Text::new(f(Lang::Kk), f(Lang::Ru))
}

fn note(note: Option<&str>) -> Field {
    field("note", "Ескерту", "Примечание", opt(note))
}

impl Fields for DecisionView {
    fn fields(&self) -> Vec<Field> {
        let d = &self.decision;
        vec![
            field("decision", "Шешім", "Решение", self.summary.clone()),
            field(
                "meeting",
                "Отырыс",
                "Заседание",
                plain(format!("№{}, {}", d.meeting_number, date(d.meeting_date))),
            ),
            field("reason", "Себебі", "Причина", opt(d.reason.as_deref())),
        ]
    }
}

impl Fields for Arrival {
    fn fields(&self) -> Vec<Field> {
        vec![
            field("on", "Келген күні", "Дата прибытия", day(self.on)),
            field("confirmed_by", "Кім растады", "Кем подтверждено", plain(&self.confirmed_by)),
            note(self.note.as_deref()),
        ]
    }
}

impl Fields for OfPeriod {
    fn fields(&self) -> Vec<Field> {
        let p = &self.period;
        let employer = p.activity.employer().map_or_else(
            || plain(NONE),
            |e| match e.bin() {
                Some(bin) => both(|lang| {
                    format!("{} ({} {})", e.name(), Text::new("БСН", "БИН").get(lang), bin.as_str())
                }),
                None => plain(e.name()),
            },
        );
        let place = p.place.map_or_else(
            || plain(NONE),
            |place| {
                both(|lang| {
                    let rural = Text::new(", ауылдық жер", ", сельская местность").get(lang).to_owned();
                    let rural = if place.rural { rural } else { String::new() };
                    format!("{}, {}{rural}", place.kind.label(lang), place.region.label(lang))
                })
            },
        );
        let to = p.span.to().map_or_else(|| Text::new("жалғасуда", "продолжается"), day);
        vec![
            field("kind", "Түрі", "Вид", both(|lang| p.activity.kind().label(lang).to_owned())),
            field("employer", "Жұмыс беруші", "Работодатель", employer),
            field("place", "Орны", "Место", place),
            field("from", "Басталуы", "Начало", day(p.span.from())),
            field("to", "Аяқталуы", "Окончание", to),
            note(p.note.as_deref()),
        ]
    }
}

impl Fields for StudyCost {
    fn fields(&self) -> Vec<Field> {
        vec![
            field("amount", "Сомасы", "Сумма", money(self.amount)),
            field("scope", "Нені қамтиды", "Что покрывает", self.scope.text()),
            field("basis", "Негізі", "Основание", opt(self.basis.as_deref())),
        ]
    }
}

impl Fields for GrantYears {
    fn fields(&self) -> Vec<Field> {
        vec![
            field("on_grant", "Грантта оқыған жылдар", "Лет на гранте", plain(self.on_grant.to_string())),
            field(
                "normative",
                "Бағдарламаның нормативтік мерзімі",
                "Нормативный срок программы",
                self.normative.map_or_else(|| plain(NONE), |y| plain(y.to_string())),
            ),
        ]
    }
}

impl Fields for OfPayment {
    fn fields(&self) -> Vec<Field> {
        let p = &self.payment;
        vec![
            field("paid_on", "Төленген күні", "Дата оплаты", day(p.paid_on)),
            field("amount", "Сомасы", "Сумма", money(p.amount)),
            field("document", "Құжат", "Документ", plain(&p.document)),
        ]
    }
}

impl Fields for ObligationEnd {
    fn fields(&self) -> Vec<Field> {
        vec![
            field("ground", "Негізі", "Основание", self.ground.text()),
            field("on", "Күні", "Дата", day(self.on)),
            field("document", "Құжат", "Документ", plain(&self.document)),
            note(self.note.as_deref()),
        ]
    }
}
