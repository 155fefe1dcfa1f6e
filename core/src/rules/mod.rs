//! Who is bound to work off, where and for how long — as data, one [`RuleSet`] per graduation
//! cohort (the governing Rules are re-issued; a graduate stays under their cohort's set).
//!
//! - this module: the rule set, its validation, the row that covers a graduate and whether a
//!   place of work is one the row allows;
//! - [`defaults`]: the table of domain.md (cohorts 2023+), the seed of the first stored set;
//! - [`cohort`]: the cohort's other settings (arrival day, deadline, normative years);
//! - [`assess`]: every reason a graduate may not take a vacancy, and vacancies ranked;
//! - [`decision`]: the checks a commission's decision must pass;
//! - [`exemption`]: the grounds of exemption and deferral with their proof documents.

mod assess;
mod cohort;
pub mod decision;
mod defaults;
mod exemption;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::classifiers::{Classifier, Field, Funding, Level, OrgKind, Region};
use crate::i18n::{Lang, Text, UserFacing};
use crate::model::GraduateRecord;
use crate::model::Vacancy;
use crate::vocabulary::Termed;

pub use assess::{Assessment, Refusal, Score, assess};
pub use cohort::{ArrivalDay, CohortSettings, NormativeYears, SettingsError};
pub use defaults::SERPIN_REGIONS;
pub use exemption::{DeferralReason, ExemptionGround, ProofDocument, exemption_allowed};

/// The shortest and longest term a row may set, in years (domain: 2 or 3; akimat grants 5).
pub const TERM_YEARS: std::ops::RangeInclusive<u8> = 1..=10;

/// Any value, or only these (never empty: [`RuleSet::new`] refuses an empty set).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Selection<T: Ord> {
    Any,
    Only(BTreeSet<T>),
}

impl<T: Ord> Selection<T> {
    pub fn contains(&self, value: &T) -> bool {
        match self {
            Selection::Any => true,
            Selection::Only(set) => set.contains(value),
        }
    }

    /// Whether every value `other` admits, this admits too.
    fn covers(&self, other: &Selection<T>) -> bool {
        match (self, other) {
            (Selection::Any, _) => true,
            (Selection::Only(_), Selection::Any) => false,
            (Selection::Only(mine), Selection::Only(theirs)) => theirs.is_subset(mine),
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Selection::Only(set) if set.is_empty())
    }
}

/// Where the work may be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Area {
    Anywhere,
    /// Rural settlements only (the vacancy's `rural` flag).
    RuralOnly,
    /// Only these regions (never empty).
    Regions(BTreeSet<Region>),
}

/// One row: which graduates it binds (funding, level, field) and where they may work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Rule {
    /// A short name for lists and papers, e.g. «Ауылдық квота: педагогика».
    pub name: Text,
    pub funding: Funding,
    /// Never empty.
    pub levels: BTreeSet<Level>,
    pub fields: Selection<Field>,
    /// The employers' kinds allowed.
    pub kinds: Selection<OrgKind>,
    pub area: Area,
    /// Within [`TERM_YEARS`].
    pub term_years: u8,
}

impl Rule {
    fn binds(&self, g: &GraduateRecord) -> bool {
        self.funding == g.funding && self.levels.contains(&g.level) && self.fields.contains(&g.field)
    }

    /// Whether every graduate this row binds, `earlier` binds first.
    fn shadowed_by(&self, earlier: &Rule) -> bool {
        earlier.funding == self.funding
            && self.levels.is_subset(&earlier.levels)
            && earlier.fields.covers(&self.fields)
    }

    fn check(&self, row: usize) -> Result<(), RulesError> {
        if self.name.kk.trim().is_empty() || self.name.ru.trim().is_empty() {
            return Err(RulesError::NoName { row });
        }
        if self.levels.is_empty() {
            return Err(RulesError::NoLevels { row });
        }
        if self.fields.is_empty() {
            return Err(RulesError::NoFields { row });
        }
        if self.kinds.is_empty() {
            return Err(RulesError::NoKinds { row });
        }
        if matches!(&self.area, Area::Regions(regions) if regions.is_empty()) {
            return Err(RulesError::NoRegions { row });
        }
        if !TERM_YEARS.contains(&self.term_years) {
            return Err(RulesError::TermOutOfRange { row, years: self.term_years });
        }
        Ok(())
    }
}

/// The ordered rows of one cohort; the first row that binds a graduate decides. Valid by
/// construction: built only through [`RuleSet::new`] (deserialising too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Rule>", into = "Vec<Rule>")]
pub struct RuleSet {
    rows: Vec<Rule>,
}

impl RuleSet {
    /// Checks every row (name, non-empty sets, term within [`TERM_YEARS`]) and that no row is
    /// hidden by an earlier one, which would make an edit silently do nothing.
    pub fn new(rows: Vec<Rule>) -> Result<RuleSet, RulesError> {
        if rows.is_empty() {
            return Err(RulesError::NoRows);
        }
        for (at, rule) in rows.iter().enumerate() {
            rule.check(at + 1)?;
            if let Some(earlier) = rows[..at].iter().position(|e| rule.shadowed_by(e)) {
                return Err(RulesError::Unreachable { row: at + 1, hidden_by: earlier + 1 });
            }
        }
        Ok(RuleSet { rows })
    }

    pub fn rows(&self) -> &[Rule] {
        &self.rows
    }

    pub fn into_rows(self) -> Vec<Rule> {
        self.rows
    }

    /// The row that covers `g` (its number from 1) — the first match.
    fn binding(&self, g: &GraduateRecord) -> Result<(usize, &Rule), NotCovered> {
        self.rows
            .iter()
            .enumerate()
            .find(|(_, rule)| rule.binds(g))
            .map(|(at, rule)| (at + 1, rule))
            .ok_or(NotCovered { funding: g.funding, level: g.level, field: g.field })
    }

    pub fn coverage(&self, g: &GraduateRecord) -> Coverage {
        match self.binding(g) {
            Ok((row, rule)) => Coverage::Covered(Covered {
                row,
                name: rule.name.clone(),
                funding: rule.funding,
                term_years: rule.term_years,
            }),
            Err(why) => Coverage::NotCovered(why),
        }
    }

    /// Whether a period of work at `place` counts toward `g`'s term: the row's kinds and area
    /// checked as for a vacancy. A graduate no row covers has nothing to check against.
    pub fn work_verdict(&self, g: &GraduateRecord, place: Option<&Place>) -> WorkVerdict {
        match (self.binding(g), place) {
            (Err(_), _) => WorkVerdict::Unchecked(Unchecked::NotCovered),
            (Ok(_), None) => WorkVerdict::Unchecked(Unchecked::PlaceUnknown),
            (Ok((_, rule)), Some(place)) => match rule.place_refusals(place) {
                reasons if reasons.is_empty() => WorkVerdict::Counts,
                reasons => WorkVerdict::DoesNotCount(reasons),
            },
        }
    }
}

/// Where work is done, as the rules look at it: the organisation's kind, the region, and
/// whether the settlement is rural.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Place {
    pub kind: OrgKind,
    pub region: Region,
    pub rural: bool,
}

impl Place {
    pub fn of(v: &Vacancy) -> Place {
        Place { kind: v.record.employer.kind, region: v.record.region, rural: v.record.rural }
    }
}

/// The rules' verdict on a period of work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkVerdict {
    Counts,
    /// The row refuses the place: the period is kept, its days do not count.
    DoesNotCount(Vec<Refusal>),
    /// Nothing to check against: counted, and said so.
    Unchecked(Unchecked),
}

impl WorkVerdict {
    pub fn counts(&self) -> bool {
        !matches!(self, WorkVerdict::DoesNotCount(_))
    }
}

/// Why a period of work could not be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unchecked {
    /// Entered before places were recorded: kind, region and rural flag unknown.
    PlaceUnknown,
    NotCovered,
}

impl Rule {
    /// Every reason the row refuses work at `place`: the organisation's kind, then the area.
    pub fn place_refusals(&self, place: &Place) -> Vec<Refusal> {
        let mut reasons = Vec::new();
        let _ = self.check_place(place, &mut reasons);
        reasons
    }

    /// Tells `sink` each reason against `place`; `None` once it has heard enough.
    pub(crate) fn check_place(&self, place: &Place, sink: &mut impl Sink) -> Option<()> {
        if let Selection::Only(allowed) = &self.kinds
            && !allowed.contains(&place.kind)
        {
            sink.refuse(|| Refusal::WrongKind { kind: place.kind, allowed: allowed.clone() })?;
        }
        match &self.area {
            Area::RuralOnly if !place.rural => sink.refuse(|| Refusal::NotRural),
            Area::Regions(allowed) if !allowed.contains(&place.region) => {
                sink.refuse(|| Refusal::RegionNotAllowed { region: place.region, allowed: allowed.clone() })
            }
            _ => Some(()),
        }
    }
}

/// Where a check's reasons go: all of them, collected; or only whether there is one, when a
/// reason is never built (the suggestion checks millions of pairs).
pub(crate) trait Sink {
    /// Takes a reason, made only if wanted; `None` when no more are wanted.
    fn refuse(&mut self, reason: impl FnOnce() -> Refusal) -> Option<()>;
}

impl Sink for Vec<Refusal> {
    fn refuse(&mut self, reason: impl FnOnce() -> Refusal) -> Option<()> {
        self.push(reason());
        Some(())
    }
}

/// Whether any reason was told.
#[derive(Default)]
pub(crate) struct Refused(pub bool);

impl Sink for Refused {
    fn refuse(&mut self, _: impl FnOnce() -> Refusal) -> Option<()> {
        self.0 = true;
        None
    }
}

impl TryFrom<Vec<Rule>> for RuleSet {
    type Error = RulesError;
    fn try_from(rows: Vec<Rule>) -> Result<RuleSet, RulesError> {
        RuleSet::new(rows)
    }
}

impl From<RuleSet> for Vec<Rule> {
    fn from(set: RuleSet) -> Vec<Rule> {
        set.rows
    }
}

/// What a rule set says about one graduate: the row that covers them, or none. Every grant
/// graduate is bound by the law; a graduate no row covers is still bound, and the commission
/// must act on them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Coverage {
    Covered(Covered),
    NotCovered(NotCovered),
}

impl Coverage {
    pub fn covered(&self) -> Option<&Covered> {
        match self {
            Coverage::Covered(c) => Some(c),
            Coverage::NotCovered(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Covered {
    /// The row's number in its set, from 1.
    pub row: usize,
    pub name: Text,
    pub funding: Funding,
    pub term_years: u8,
}

/// No row covers this combination of funding, level and field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NotCovered {
    pub funding: Funding,
    pub level: Level,
    pub field: Field,
}

impl UserFacing for NotCovered {
    fn code(&self) -> &'static str {
        "not_covered"
    }
    fn message(&self) -> Text {
        let what = |lang| {
            format!(
                "«{}», «{}», «{}»",
                self.funding.label(lang),
                self.level.label(lang),
                self.field.label(lang)
            )
        };
        Text::new(
            format!(
                "Ережелер кестесі түлекті қамтымайды: {} үшін жол жоқ. Ол грантпен оқыған, сондықтан \
                 жұмыспен өтеуге міндетті: комиссия кестеге жол қосуы немесе өзге шешім қабылдауы керек.",
                what(Lang::Kk)
            ),
            format!(
                "Таблица правил не охватывает выпускника: нет строки для {}. Он обучался по гранту и \
                 обязан отработать: комиссии нужно добавить строку в таблицу или принять иное решение.",
                what(Lang::Ru)
            ),
        )
    }
}

/// Labels of `values` in `lang`, comma-separated, for messages.
fn labels<'a, C: Classifier>(values: impl IntoIterator<Item = &'a C>, lang: Lang) -> String {
    values.into_iter().map(|v| v.label(lang)).collect::<Vec<_>>().join(", ")
}

/// Why a rule set cannot be saved. Rows are numbered from 1, as the screen shows them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("a rule set needs at least one row")]
    NoRows,
    #[error("row {row}: the name is empty")]
    NoName { row: usize },
    #[error("row {row}: no level")]
    NoLevels { row: usize },
    #[error("row {row}: an empty set of fields")]
    NoFields { row: usize },
    #[error("row {row}: an empty set of organisation kinds")]
    NoKinds { row: usize },
    #[error("row {row}: an empty set of regions")]
    NoRegions { row: usize },
    #[error("row {row}: a term of {years} years is outside 1–10")]
    TermOutOfRange { row: usize, years: u8 },
    #[error("row {row} never applies: row {hidden_by} binds all its graduates first")]
    Unreachable { row: usize, hidden_by: usize },
}

impl UserFacing for RulesError {
    /// Stable codes: `rules_no_rows`, `rules_no_name`, `rules_no_levels`, `rules_no_fields`,
    /// `rules_no_kinds`, `rules_no_regions`, `rules_term_out_of_range`, `rules_unreachable_row`.
    fn code(&self) -> &'static str {
        match self {
            RulesError::NoRows => "rules_no_rows",
            RulesError::NoName { .. } => "rules_no_name",
            RulesError::NoLevels { .. } => "rules_no_levels",
            RulesError::NoFields { .. } => "rules_no_fields",
            RulesError::NoKinds { .. } => "rules_no_kinds",
            RulesError::NoRegions { .. } => "rules_no_regions",
            RulesError::TermOutOfRange { .. } => "rules_term_out_of_range",
            RulesError::Unreachable { .. } => "rules_unreachable_row",
        }
    }

    fn message(&self) -> Text {
        let (min, max) = (TERM_YEARS.start(), TERM_YEARS.end());
        match self {
            RulesError::NoRows => Text::new(
                "Ережелер кестесінде кемінде бір жол болуы керек.",
                "В таблице правил должна быть хотя бы одна строка.",
            ),
            RulesError::NoName { row } => Text::new(
                format!("{row}-жол: атауы қазақша да, орысша да толтырылуы керек."),
                format!("Строка {row}: название нужно заполнить и на казахском, и на русском."),
            ),
            RulesError::NoLevels { row } => Text::new(
                format!("{row}-жол: кемінде бір оқу деңгейін таңдаңыз."),
                format!("Строка {row}: выберите хотя бы один уровень обучения."),
            ),
            RulesError::NoFields { row } => Text::new(
                format!("{row}-жол: кемінде бір бағытты таңдаңыз немесе «кез келген» деп белгілеңіз."),
                format!("Строка {row}: выберите хотя бы одно направление или отметьте «любое»."),
            ),
            RulesError::NoKinds { row } => Text::new(
                format!("{row}-жол: кемінде бір ұйым түрін таңдаңыз немесе «кез келген» деп белгілеңіз."),
                format!("Строка {row}: выберите хотя бы один вид организации или отметьте «любой»."),
            ),
            RulesError::NoRegions { row } => Text::new(
                format!("{row}-жол: кемінде бір өңірді таңдаңыз."),
                format!("Строка {row}: выберите хотя бы один регион."),
            ),
            RulesError::TermOutOfRange { row, years } => Text::new(
                format!("{row}-жол: өтеу мерзімі {years} жыл, ал {min}–{max} жыл болуы керек."),
                format!("Строка {row}: срок отработки {years} лет, а должен быть от {min} до {max} лет."),
            ),
            RulesError::Unreachable { row, hidden_by } => Text::new(
                format!(
                    "{row}-жол ешқашан қолданылмайды: оның барлық түлектерін бұрын {hidden_by}-жол қамтиды. \
                     Жолдардың ретін өзгертіңіз немесе шарттарын нақтылаңыз."
                ),
                format!(
                    "Строка {row} никогда не применится: всех её выпускников раньше охватывает строка \
                     {hidden_by}. Измените порядок строк или уточните условия."
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests;
