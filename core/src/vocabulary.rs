//! Every domain term in one place: each classifier code's Kazakh and Russian name, a short
//! form where a narrow column needs one, and the spellings a list may use for it. The data is
//! `core/vocabulary.json`, bundled; the classifiers, the papers, the exports and (through the
//! generated `ui/src/bindings/vocabulary.json`) the window all read it, so a term is named the
//! same everywhere. A code without a term fails the tests, never a user.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::i18n::{Lang, Text};

/// One code's term.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    #[serde(flatten)]
    pub name: Text,
    /// For tables and narrow columns; the name where absent.
    #[serde(default)]
    pub short: Option<Text>,
    /// Further spellings lists use, besides the names; matched folded.
    #[serde(default)]
    pub spellings: Vec<String>,
}

impl Term {
    /// The short form, or the name where none is needed.
    pub fn short(&self) -> &Text {
        self.short.as_ref().unwrap_or(&self.name)
    }
}

type Kinds = HashMap<String, HashMap<String, Term>>;

static TERMS: LazyLock<Kinds> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../vocabulary.json")).expect("the bundled vocabulary parses (tested)")
});

/// The term of `code` of the classifier `kind`. Every code has one: `every_code_has_a_term`.
pub fn term(kind: &str, code: &str) -> &'static Term {
    TERMS
        .get(kind)
        .and_then(|codes| codes.get(code))
        .unwrap_or_else(|| panic!("no term for {kind}.{code} in vocabulary.json"))
}

/// A classifier declared with `classifier_enum!`: its codes in order, and their terms.
pub trait Termed: Sized + Copy + Eq + 'static {
    /// The classifier's name in the vocabulary (its Rust name).
    const KIND: &'static str;
    const ALL: &'static [Self];

    fn code(self) -> &'static str;

    fn term(self) -> &'static Term {
        term(Self::KIND, self.code())
    }

    fn label(self, lang: Lang) -> &'static str {
        self.term().name.get(lang)
    }

    /// The term in both languages.
    fn text(self) -> Text {
        self.term().name.clone()
    }

    /// Every spelling a list may use for this value: its two names, then the others.
    fn spellings(self) -> impl Iterator<Item = &'static str> {
        let term = self.term();
        [term.name.kk.as_str(), term.name.ru.as_str()]
            .into_iter()
            .chain(term.spellings.iter().map(String::as_str))
    }
}

/// Every classifier's codes with their terms, in declaration order.
pub fn kinds() -> Vec<(&'static str, Vec<(&'static str, &'static Term)>)> {
    fn of<T: Termed>() -> (&'static str, Vec<(&'static str, &'static Term)>) {
        (T::KIND, T::ALL.iter().map(|v| (v.code(), v.term())).collect())
    }
    use crate::classifiers::{Field, Funding, Level, OrgKind, Ownership, Region, Sex};
    use crate::commission::{PaperSeries, Role};
    use crate::followup::Source;
    use crate::matching::{Criterion, Mode, SocialGround, TieBreak};
    use crate::obligation::{CostScope, EndGround, PeriodKind, State};
    use crate::rules::{DeferralReason, ExemptionGround, ProofDocument};
    use crate::store::DecisionStatus;
    vec![
        of::<Region>(),
        of::<Funding>(),
        of::<Level>(),
        of::<Field>(),
        of::<OrgKind>(),
        of::<Ownership>(),
        of::<Sex>(),
        of::<Role>(),
        of::<DecisionStatus>(),
        of::<ExemptionGround>(),
        of::<ProofDocument>(),
        of::<DeferralReason>(),
        of::<PeriodKind>(),
        of::<State>(),
        of::<CostScope>(),
        of::<EndGround>(),
        of::<PaperSeries>(),
        of::<Source>(),
        of::<Mode>(),
        of::<Criterion>(),
        of::<TieBreak>(),
        of::<SocialGround>(),
    ]
}

/// The window's code labels, `{"kk": {"Region": {"abai": "…"}, "FundingShort": …}, "ru": …}`,
/// codes in declaration order (the order of the window's lists).
pub fn for_window() -> String {
    let mut out = String::from("{\n");
    for (i, lang) in [Lang::Kk, Lang::Ru].into_iter().enumerate() {
        let mut objects = Vec::new();
        for (kind, codes) in kinds() {
            let names = codes.iter().map(|(code, term)| (*code, term.name.get(lang)));
            objects.push(object(kind, names, 2));
            if codes.iter().any(|(_, term)| term.short.is_some()) {
                let shorts = codes.iter().map(|(code, term)| (*code, term.short().get(lang)));
                objects.push(object(&format!("{kind}Short"), shorts, 2));
            }
        }
        let comma = if i == 0 { "," } else { "" };
        out.push_str(&format!("  {}: {{\n{}\n  }}{comma}\n", quoted(lang.code()), objects.join(",\n")));
    }
    out.push_str("}\n");
    out
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn object<'a>(key: &str, entries: impl Iterator<Item = (&'a str, &'a str)>, depth: usize) -> String {
    let pad = "  ".repeat(depth);
    let lines: Vec<String> = entries.map(|(k, v)| format!("{pad}  {}: {}", quoted(k), quoted(v))).collect();
    format!("{pad}{}: {{\n{}\n{pad}}}", quoted(key), lines.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_term_and_every_term_a_code() {
        let kinds = kinds();
        for (kind, codes) in &kinds {
            for (code, term) in codes {
                assert!(!term.name.kk.trim().is_empty() && !term.name.ru.trim().is_empty(), "{kind}.{code}");
            }
            let listed: std::collections::BTreeSet<&str> = codes.iter().map(|(c, _)| *c).collect();
            let data: std::collections::BTreeSet<&str> = TERMS[*kind].keys().map(String::as_str).collect();
            assert_eq!(listed, data, "{kind}: codes in vocabulary.json and in the code differ");
        }
        let named: std::collections::BTreeSet<&str> = kinds.iter().map(|(k, _)| *k).collect();
        let data: std::collections::BTreeSet<&str> = TERMS.keys().map(String::as_str).collect();
        assert_eq!(named, data, "classifiers in vocabulary.json and in the code differ");
    }

    /// Written where ts-rs writes the bindings, so `./scripts/test`'s drift check covers it.
    #[cfg(feature = "ts")]
    #[test]
    fn export_bindings_vocabulary() {
        let dir =
            std::path::PathBuf::from(std::env::var("TS_RS_EXPORT_DIR").expect("set by .cargo/config.toml"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("vocabulary.json"), for_window()).unwrap();
    }
}
