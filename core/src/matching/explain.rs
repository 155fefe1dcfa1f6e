//! Why a graduate got what they got: for every wish above it, why not, in both languages.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::Serialize;

use super::priority::{Decider, Facts};
use super::wishes::Index;
use super::{Cohort, Criterion, Suggestion, Wish};
use crate::i18n::{Lang, Pair, Reason, Text};
use crate::vocabulary::Termed;

/// A graduate's place in the commission's order and what it was made of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct QueuePlace {
    /// From 1, for vacancies outside rural settlements.
    pub place: u32,
    /// From 1, for rural vacancies, where the rural quota moves it.
    pub rural_place: u32,
    pub of: usize,
    /// Each criterion with the graduate's value, in the order's order.
    pub facts: Vec<(Criterion, Text)>,
    /// The order in words.
    pub order: Text,
}

/// Why one vacancy of a wish did not go to the graduate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Why {
    /// The rules do not allow it (or it has no place left): every reason.
    Refused { reasons: Vec<Reason> },
    /// The employer found the graduate unacceptable.
    Unacceptable,
    /// Its places went to others: how many ranked above the graduate, by which criterion,
    /// how many below (fill mode only), and how many places stayed free.
    Taken { places: u32, above: Vec<(Decider, usize)>, below: usize, free: u32 },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct VacancyWhy {
    pub vacancy_id: i64,
    pub employer: String,
    pub position: String,
    pub why: Why,
    pub text: Text,
}

/// A wish above the one the graduate got, and why each vacancy it stands for went elsewhere.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WishWhy {
    /// From 1.
    pub rank: usize,
    pub wish: Wish,
    /// Empty: no open vacancy meets the wish (said in `text`).
    pub vacancies: Vec<VacancyWhy>,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Explanation {
    pub graduate_id: i64,
    pub standing: QueuePlace,
    pub got: Option<Suggestion>,
    pub wishes: Vec<WishWhy>,
}

/// Why graduate `graduate_id` got what `suggestions` (a result over `c`) gives them. `None`:
/// not one of the cohort's graduates awaiting a decision. Linear in the cohort: no matching runs.
pub fn explain(c: &Cohort<'_>, suggestions: &[Suggestion], graduate_id: i64) -> Option<Explanation> {
    let gi = c.graduates.iter().position(|g| g.id == graduate_id)?;
    let g = &c.graduates[gi];
    let facts: Vec<_> = c.graduates.iter().map(|g| c.facts(g)).collect();
    let mine = &facts[gi];
    let standing = place_of(c, gi, &facts);
    let got = suggestions.iter().find(|s| s.graduate_id == graduate_id).cloned();
    let application = c.application(graduate_id);
    // Every wish above the one met; all of them when none is.
    let above = got.as_ref().and_then(|s| s.wish).map_or(application.wishes.len(), |w| w - 1);
    let index = Index::new(c.vacancies);
    let holders: HashMap<i64, Vec<usize>> = {
        let at: HashMap<i64, usize> = c.graduates.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
        let mut holders: HashMap<i64, Vec<usize>> = HashMap::new();
        for s in suggestions {
            holders.entry(s.vacancy_id).or_default().push(at[&s.graduate_id]);
        }
        holders
    };
    let rules = c.rules.assessor(&g.record);
    let wishes = application.wishes[..above]
        .iter()
        .enumerate()
        .map(|(rank, wish)| {
            let vacancies: Vec<VacancyWhy> = index
                .covered(wish, c.vacancies)
                .into_iter()
                .map(|vi| &c.vacancies[vi])
                .filter(|v| got.as_ref().is_none_or(|s| s.vacancy_id != v.id))
                .map(|v| {
                    let refusals = rules.refusals(v);
                    let why = if !refusals.is_empty() {
                        Why::Refused { reasons: refusals.iter().map(Reason::of).collect() }
                    } else if !c.acceptable(v.id, graduate_id) {
                        Why::Unacceptable
                    } else {
                        let mut by: Vec<(Decider, usize)> = Vec::new();
                        let mut below = 0;
                        let held = holders.get(&v.id).map_or(&[][..], Vec::as_slice);
                        for &h in held {
                            match c.priority.compare(&facts[h], mine, v.record.rural) {
                                (Ordering::Less, decider) => match by.iter_mut().find(|(d, _)| *d == decider)
                                {
                                    Some((_, n)) => *n += 1,
                                    None => by.push((decider, 1)),
                                },
                                _ => below += 1,
                            }
                        }
                        let free = v.places_left.saturating_sub(held.len() as u32);
                        Why::Taken { places: v.places_left, above: by, below, free }
                    };
                    VacancyWhy {
                        vacancy_id: v.id,
                        employer: v.record.employer.name.clone(),
                        position: v.record.position.clone(),
                        text: words(&why),
                        why,
                    }
                })
                .collect();
            let text = summary(&vacancies);
            WishWhy { rank: rank + 1, wish: wish.clone(), vacancies, text }
        })
        .collect();
    Some(Explanation { graduate_id, standing, got, wishes })
}

/// Graduate `graduate_id`'s place in the commission's order and what it was made of, as the
/// card shows it; `None`: not awaiting a decision in the cohort. Linear: no matching runs.
pub fn standing(c: &Cohort<'_>, graduate_id: i64) -> Option<QueuePlace> {
    let gi = c.graduates.iter().position(|g| g.id == graduate_id)?;
    let facts: Vec<_> = c.graduates.iter().map(|g| c.facts(g)).collect();
    Some(place_of(c, gi, &facts))
}

/// Graduate `gi`'s place: how many come before them, for vacancies outside villages and in.
fn place_of(c: &Cohort<'_>, gi: usize, facts: &[Facts]) -> QueuePlace {
    let mine = &facts[gi];
    let before = |rural: bool| {
        facts
            .iter()
            .enumerate()
            .filter(|(h, f)| *h != gi && c.priority.compare(f, mine, rural).0.is_lt())
            .count()
    };
    QueuePlace {
        place: before(false) as u32 + 1,
        rural_place: before(true) as u32 + 1,
        of: c.graduates.len(),
        facts: c.priority.criteria().iter().map(|&k| (k, value(c, &c.graduates[gi], k))).collect(),
        order: c.priority.describe(),
    }
}

/// A wish's vacancies in a line: how many, and how many of them each kind of «why» took.
fn summary(vacancies: &[VacancyWhy]) -> Text {
    if vacancies.is_empty() {
        return Text::new("Бұл тілекке сай ашық бос орын жоқ.", "Открытых вакансий по этому пожеланию нет.");
    }
    let count = |kind: fn(&Why) -> bool| vacancies.iter().filter(|v| kind(&v.why)).count();
    let counts = [
        (count(|w| matches!(w, Why::Refused { .. })), "ережелер рұқсат етпейді", "не допускаются правилами"),
        (
            count(|w| matches!(w, Why::Unacceptable)),
            "жұмыс беруші қабылдамады",
            "работодатель отклонил кандидатуру",
        ),
        (count(|w| matches!(w, Why::Taken { .. })), "орындары басқаларға берілді", "места отданы другим"),
    ];
    let line = |lang: Lang| {
        let parts: Vec<String> = counts
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, kk, ru)| format!("{} — {n}", Pair::new(kk, ru).get(lang)))
            .collect();
        format!(
            "{} {}: {}.",
            Pair::new("Бос орындар:", "Вакансий:").get(lang),
            vacancies.len(),
            parts.join("; ")
        )
    };
    Text::new(line(Lang::Kk), line(Lang::Ru))
}

/// A graduate's value of criterion `k`, as the card and the paper show it.
fn value(c: &Cohort<'_>, g: &crate::model::Graduate, k: Criterion) -> Text {
    let none = || Text::new("көрсетілмеген", "не указан");
    match k {
        Criterion::RuralQuota => match g.record.funding == crate::classifiers::Funding::RuralQuota {
            true => Text::new("иә", "да"),
            false => Text::new("жоқ", "нет"),
        },
        Criterion::GradeAverage => {
            g.record.gpa.map_or_else(none, |gpa| Text::new(gpa.to_string(), gpa.to_string()))
        }
        Criterion::SocialGround => {
            c.application(g.id).social.map_or_else(|| Text::new("жоқ", "нет"), |s| s.text())
        }
        Criterion::AppliedOn => c.application(g.id).applied_on.map_or_else(none, |d| {
            let d = d.format("%d.%m.%Y").to_string();
            Text::new(d.clone(), d)
        }),
    }
}

/// `why` as a sentence in both languages.
fn words(why: &Why) -> Text {
    let sentence = |lang: Lang| match why {
        Why::Refused { reasons } => {
            let reasons: Vec<&str> = reasons.iter().map(|r| r.message.get(lang)).collect();
            format!(
                "{} {}",
                Pair::new("Ережелер рұқсат етпейді:", "Не допускается правилами:").get(lang),
                reasons.join(" ")
            )
        }
        Why::Unacceptable => {
            Pair::new("Жұмыс беруші кандидатураны қабылдамады.", "Работодатель отклонил кандидатуру.")
                .get(lang)
                .to_owned()
        }
        Why::Taken { places, above, below, free } => {
            let by: Vec<String> = above
                .iter()
                .map(|(d, n)| match lang {
                    Lang::Kk => format!("{n} — «{}» бойынша", d.label(lang)),
                    Lang::Ru => format!("{n} — по критерию «{}»", d.label(lang)),
                })
                .collect();
            let taken: usize = above.iter().map(|(_, n)| n).sum();
            let mut parts = vec![match lang {
                Lang::Kk => format!("{places} орын"),
                Lang::Ru => format!("Мест: {places}"),
            }];
            if taken > 0 {
                parts.push(match lang {
                    Lang::Kk => {
                        format!("{taken} орын кезекте жоғары тұрған түлектерге берілді ({})", by.join(", "))
                    }
                    Lang::Ru => format!("{taken} отдано выпускникам выше в очереди ({})", by.join(", ")),
                });
            }
            if *below > 0 {
                parts.push(match lang {
                    Lang::Kk => format!(
                        "{below} орын кезекте төмен тұрғандарға берілді: толтыру режимі кезекті ескермейді"
                    ),
                    Lang::Ru => {
                        format!("{below} отдано стоящим ниже в очереди: режим заполнения не следует очереди")
                    }
                });
            }
            if *free > 0 {
                parts.push(match lang {
                    Lang::Kk => format!("{free} орын бос қалды"),
                    Lang::Ru => format!("свободно мест: {free}"),
                });
            }
            parts.join("; ") + "."
        }
    };
    Text::new(sentence(Lang::Kk), sentence(Lang::Ru))
}
