//! The default rule set: domain.md's table (Law «On Education», art. 47 p. 17), cohorts 2023+.
//! It only seeds the store; each cohort's stored copy is what is applied and edited.

use std::collections::BTreeSet;

use super::{Area, Rule, RuleSet, Selection};
use crate::classifiers::{Field, Funding, Level, OrgKind, Region};
use crate::i18n::Text;

/// The 11 regions of «Серпін» (domain.md).
pub const SERPIN_REGIONS: [Region; 11] = [
    Region::Akmola,
    Region::Aktobe,
    Region::Atyrau,
    Region::Abai,
    Region::WestKazakhstan,
    Region::Karaganda,
    Region::Kostanay,
    Region::Pavlodar,
    Region::NorthKazakhstan,
    Region::Ulytau,
    Region::EastKazakhstan,
];

fn only<T: Ord + Copy>(values: &[T]) -> Selection<T> {
    Selection::Only(values.iter().copied().collect())
}

/// «Organisations of education»: schools, colleges and universities (an ОВПО is one).
fn education() -> Selection<OrgKind> {
    only(&[OrgKind::Education, OrgKind::University])
}

fn row(
    (kk, ru): (&str, &str),
    funding: Funding,
    levels: &[Level],
    fields: Selection<Field>,
    kinds: Selection<OrgKind>,
    area: Area,
    term_years: u8,
) -> Rule {
    Rule {
        name: Text::new(kk, ru),
        funding,
        levels: levels.iter().copied().collect(),
        fields,
        kinds,
        area,
        term_years,
    }
}

impl RuleSet {
    /// domain.md's table, row for row, in its order.
    pub fn defaults() -> RuleSet {
        use Field::{Agricultural, Medical, Other, Pedagogical, Technical, Veterinary};
        use Funding::{Phd, RuralQuota, Serpin, StateOrder};
        use Level::{Bachelor, Doctorate, Master, Residency};
        let serpin = || Area::Regions(BTreeSet::from(SERPIN_REGIONS));
        let rows = vec![
            row(
                ("Ауылдық квота: педагогика", "Сельская квота: педагогика"),
                RuralQuota,
                &[Bachelor],
                only(&[Pedagogical]),
                education(),
                Area::RuralOnly,
                3,
            ),
            row(
                ("Ауылдық квота: медицина", "Сельская квота: медицина"),
                RuralQuota,
                &[Bachelor],
                only(&[Medical]),
                only(&[OrgKind::Health]),
                Area::RuralOnly,
                3,
            ),
            row(
                ("Ауылдық квота: ветеринария", "Сельская квота: ветеринария"),
                RuralQuota,
                &[Bachelor],
                only(&[Veterinary]),
                only(&[OrgKind::Veterinary, OrgKind::StateVetBody]),
                Area::RuralOnly,
                3,
            ),
            row(
                ("Ауылдық квота: ауыл шаруашылығы", "Сельская квота: сельское хозяйство"),
                RuralQuota,
                &[Bachelor],
                only(&[Agricultural]),
                only(&[OrgKind::Agrarian]),
                Area::RuralOnly,
                3,
            ),
            row(
                ("Мемлекеттік тапсырыс: педагогика", "Госзаказ: педагогика"),
                StateOrder,
                &[Bachelor, Master, Residency],
                only(&[Pedagogical]),
                education(),
                Area::Anywhere,
                3,
            ),
            row(
                ("Мемлекеттік тапсырыс: медицина", "Госзаказ: медицина"),
                StateOrder,
                &[Bachelor, Master, Residency],
                only(&[Medical]),
                only(&[OrgKind::Health]),
                Area::Anywhere,
                3,
            ),
            // «Серпін» employers by field is our reading of the table (domain.md).
            row(
                ("«Серпін»: техникалық", "«Серпін»: технические"),
                Serpin,
                &[Bachelor],
                only(&[Technical]),
                Selection::Any,
                serpin(),
                2,
            ),
            row(
                ("«Серпін»: педагогика", "«Серпін»: педагогика"),
                Serpin,
                &[Bachelor],
                only(&[Pedagogical]),
                education(),
                serpin(),
                2,
            ),
            row(
                ("«Серпін»: ауыл шаруашылығы", "«Серпін»: сельское хозяйство"),
                Serpin,
                &[Bachelor],
                only(&[Agricultural]),
                only(&[OrgKind::Agrarian]),
                serpin(),
                2,
            ),
            row(
                ("Мемлекеттік тапсырыс: басқа бағдарламалар", "Госзаказ: прочие программы"),
                StateOrder,
                &[Bachelor, Master],
                only(&[Veterinary, Agricultural, Technical, Other]),
                Selection::Any,
                Area::Anywhere,
                3,
            ),
            row(
                ("PhD докторлары", "Доктора PhD"),
                Phd,
                &[Doctorate],
                Selection::Any,
                only(&[OrgKind::University, OrgKind::Science]),
                Area::Anywhere,
                3,
            ),
        ];
        RuleSet::new(rows).expect("the default table is valid")
    }
}
