//! A graduate against vacancies: every reason they may not take each one, best vacancies first.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::{NotCovered, Place, Refused, RuleSet, Sink, labels};
use crate::classifiers::{OrgKind, Region};
use crate::i18n::{Lang, Text, UserFacing};
use crate::model::{GraduateRecord, Vacancy};
use crate::vocabulary::Termed;

/// One reason a graduate may not take a vacancy. Serialises with its stable code as `code`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Refusal {
    NotCovered(NotCovered),
    /// A vacancy for an earlier cohort than the graduate's (a later one is fine: a graduate
    /// back from the army is referred to the current year's vacancies).
    OtherCohort {
        vacancy_year: i32,
        graduation_year: i32,
    },
    #[serde(rename = "wrong_org_kind")]
    WrongKind {
        kind: OrgKind,
        allowed: BTreeSet<OrgKind>,
    },
    NotRural,
    RegionNotAllowed {
        region: Region,
        allowed: BTreeSet<Region>,
    },
    NoPlacesLeft,
    ProgrammeNotWanted {
        program_code: String,
        wanted: Vec<String>,
    },
}

impl UserFacing for Refusal {
    fn code(&self) -> &'static str {
        match self {
            Refusal::NotCovered(why) => why.code(),
            Refusal::OtherCohort { .. } => "other_cohort",
            Refusal::WrongKind { .. } => "wrong_org_kind",
            Refusal::NotRural => "not_rural",
            Refusal::RegionNotAllowed { .. } => "region_not_allowed",
            Refusal::NoPlacesLeft => "no_places_left",
            Refusal::ProgrammeNotWanted { .. } => "programme_not_wanted",
        }
    }

    fn message(&self) -> Text {
        match self {
            Refusal::NotCovered(why) => why.message(),
            Refusal::OtherCohort { vacancy_year, graduation_year } => Text::new(
                format!(
                    "Бос орын {vacancy_year} жылғы түлектерге арналған, ал бітіруші {graduation_year} жылы бітірген."
                ),
                format!(
                    "Вакансия для выпускников {vacancy_year} года, а выпускник окончил в {graduation_year} году."
                ),
            ),
            Refusal::WrongKind { kind, allowed } => Text::new(
                format!(
                    "Бітірушіні «{}» түріндегі ұйымға жолдауға болмайды; рұқсат етілгендері: {}.",
                    kind.label(Lang::Kk),
                    labels(allowed, Lang::Kk)
                ),
                format!(
                    "Направлять выпускника в организацию вида «{}» нельзя; допускаются: {}.",
                    kind.label(Lang::Ru),
                    labels(allowed, Lang::Ru)
                ),
            ),
            Refusal::NotRural => Text::new(
                "Жұмыс орны ауылдық елді мекенде емес, ал бітіруші тек ауылдық елді мекенге жолдана алады.",
                "Место работы не в сельском населённом пункте, а выпускника можно направить только в село.",
            ),
            Refusal::RegionNotAllowed { region, allowed } => Text::new(
                format!(
                    "Бітірушіні «{}» өңіріне жолдауға болмайды; рұқсат етілген өңірлер: {}.",
                    region.label(Lang::Kk),
                    labels(allowed, Lang::Kk)
                ),
                format!(
                    "Направлять выпускника в регион «{}» нельзя; допускаются: {}.",
                    region.label(Lang::Ru),
                    labels(allowed, Lang::Ru)
                ),
            ),
            Refusal::NoPlacesLeft => {
                Text::new("Бұл бос орында орын қалмады.", "В этой вакансии не осталось мест.")
            }
            Refusal::ProgrammeNotWanted { program_code, wanted } => Text::new(
                format!(
                    "Жұмыс беруші {program_code} бағдарламасының түлектерін сұрамайды; сұралатыны: {}.",
                    wanted.join(", ")
                ),
                format!(
                    "Работодатель не запрашивает выпускников программы {program_code}; запрашиваются: {}.",
                    wanted.join(", ")
                ),
            ),
        }
    }
}

impl RuleSet {
    /// Every reason `g` may not take `v` (none: allowed), in the order of [`Refusal`]'s variants.
    /// A graduate no row covers is refused as such; kind and area then have nothing to check.
    /// The graduate's own cohort's rules apply whatever the vacancy's year.
    pub fn refusals(&self, g: &GraduateRecord, v: &Vacancy) -> Vec<Refusal> {
        self.assessor(g).refusals(v)
    }

    /// The rules as they apply to `g`, its row found once, to check many vacancies.
    pub fn assessor<'a>(&'a self, g: &'a GraduateRecord) -> Assessor<'a> {
        let binding = self.binding(g);
        Assessor { g, row: binding.as_ref().ok().map(|(row, _)| *row), rule: binding.map(|(_, rule)| rule) }
    }
}

/// One graduate's rules: see [`RuleSet::assessor`].
pub struct Assessor<'a> {
    g: &'a GraduateRecord,
    row: Option<usize>,
    rule: Result<&'a super::Rule, NotCovered>,
}

impl Assessor<'_> {
    /// The rules table's row (from 1) that binds the graduate, if one does: with the
    /// graduate's cohort and programme, all a check reads of them.
    pub fn row(&self) -> Option<usize> {
        self.row
    }

    /// As [`RuleSet::refusals`].
    pub fn refusals(&self, v: &Vacancy) -> Vec<Refusal> {
        let mut reasons = Vec::new();
        let _ = self.check(v, &mut reasons);
        reasons
    }

    /// Whether `v` is allowed, building no reason.
    pub fn allows(&self, v: &Vacancy) -> bool {
        let mut refused = Refused::default();
        let _ = self.check(v, &mut refused);
        !refused.0
    }

    /// Tells `sink` each reason against `v`, in [`Refusal`]'s order; `None` once it has heard
    /// enough.
    fn check(&self, v: &Vacancy, sink: &mut impl Sink) -> Option<()> {
        let (g, vacancy) = (self.g, &v.record);
        if let Err(why) = self.rule {
            sink.refuse(|| Refusal::NotCovered(why))?;
        }
        if vacancy.year < g.graduation_year {
            sink.refuse(|| Refusal::OtherCohort {
                vacancy_year: vacancy.year,
                graduation_year: g.graduation_year,
            })?;
        }
        if let Ok(rule) = self.rule {
            rule.check_place(&Place::of(v), sink)?;
        }
        if v.places_left == 0 {
            sink.refuse(|| Refusal::NoPlacesLeft)?;
        }
        if !vacancy.program_codes.is_empty() && !vacancy.program_codes.contains(&g.program_code) {
            sink.refuse(|| Refusal::ProgrammeNotWanted {
                program_code: g.program_code.clone(),
                wanted: vacancy.program_codes.clone(),
            })?;
        }
        Some(())
    }
}

/// How well an allowed vacancy suits the graduate; greater is better. The derived order
/// compares the fields in turn, so their order here is the ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Score {
    /// In the graduate's region of residence.
    pub own_region: bool,
    /// The vacancy names the graduate's programme (rather than wanting any).
    pub programme_named: bool,
    pub places_left: u32,
}

impl Score {
    fn of(g: &GraduateRecord, v: &Vacancy) -> Score {
        Score {
            own_region: g.region == Some(v.record.region),
            programme_named: v.record.program_codes.contains(&g.program_code),
            places_left: v.places_left,
        }
    }
}

/// One vacancy for one graduate: allowed when there is no reason against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub vacancy_id: i64,
    pub reasons: Vec<Refusal>,
    pub score: Score,
}

impl Assessment {
    pub fn allowed(&self) -> bool {
        self.reasons.is_empty()
    }
}

/// `{vacancy_id, allowed, reasons: [{code, message: {kk, ru}, ...details}], score}`.
impl Serialize for Assessment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Explained<'a> {
            #[serde(flatten)]
            refusal: &'a Refusal,
            message: Text,
        }
        let reasons: Vec<_> =
            self.reasons.iter().map(|refusal| Explained { refusal, message: refusal.message() }).collect();
        let mut out = s.serialize_struct("Assessment", 4)?;
        out.serialize_field("vacancy_id", &self.vacancy_id)?;
        out.serialize_field("allowed", &self.allowed())?;
        out.serialize_field("reasons", &reasons)?;
        out.serialize_field("score", &self.score)?;
        out.end()
    }
}

/// Every vacancy assessed for `graduate`, best first: allowed ones by [`Score`] (own region,
/// programme named, places left), then refused ones with the fewest reasons first — the
/// nearest misses; ties by vacancy id, so the order is stable.
pub fn assess(rules: &RuleSet, graduate: &GraduateRecord, vacancies: &[Vacancy]) -> Vec<Assessment> {
    let mut out: Vec<Assessment> = vacancies
        .iter()
        .map(|v| Assessment {
            vacancy_id: v.id,
            reasons: rules.refusals(graduate, v),
            score: Score::of(graduate, v),
        })
        .collect();
    out.sort_by_key(|a| (a.reasons.len(), Reverse(a.score), a.vacancy_id));
    out
}
