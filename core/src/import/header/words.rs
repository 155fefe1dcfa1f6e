//! Headers compared with the wording table by their words, as a reader compares them: the
//! same word in another case or number («образовательной программы», «бағдарламасының»),
//! a word cut short with a dot («Дата рожд.», «Наим. ОП»), an initialism for the words it
//! stands for («ОП», «ЖСН», «Ф.И.О.»), in upper or lower case.

use crate::classifiers::fold;

/// Endings stripped to a word's stem, folded (Kazakh letters as [`fold`] writes them), longest
/// first: Russian case and number endings, Kazakh possessive, genitive and plural suffixes.
const ENDINGS: &[&str] = &[
    "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "нын", "нин", "дын", "дин", "тын", "тин", "лар",
    "лер", "дар", "дер", "тар", "тер", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ых",
    "их", "ым", "им", "ую", "юю", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ия", "ии", "ию", "сы",
    "си", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
];

/// A stem keeps at least this many letters: «код» of «коды», but «аты» stays whole.
const MIN_STEM: usize = 3;

/// Kazakh stacks suffixes («бағдарлама·сы·ның»): a few are stripped in turn.
const MAX_STRIPS: usize = 3;

#[derive(Debug)]
struct Word {
    folded: String,
    /// The word with each run of endings stripped: one ending can be read two ways
    /// («жынысы»: «жыныс·ы» or «жыны·сы»), and two words are the same if they share a stem.
    stems: Vec<String>,
    /// Written with a dot after it («рожд.»): stands for any word it begins.
    abbreviated: bool,
    /// Written with a capital.
    capital: bool,
    /// The letters of an initialism («ИИН», «ОП», «Ф.И.О.»), folded.
    initials: Option<String>,
}

/// A text as words to compare.
#[derive(Debug)]
pub struct Words(Vec<Word>);

fn stems(folded: &str) -> Vec<String> {
    let mut stems = vec![folded.to_owned()];
    let mut last = 0;
    for _ in 0..MAX_STRIPS {
        let end = stems.len();
        for i in last..end {
            let word = stems[i].clone();
            let length = word.chars().count();
            for ending in ENDINGS {
                if word.ends_with(ending) && length - ending.chars().count() >= MIN_STEM {
                    let stem = word[..word.len() - ending.len()].to_owned();
                    if !stems.contains(&stem) {
                        stems.push(stem);
                    }
                }
            }
        }
        last = end;
    }
    stems
}

impl Words {
    pub fn of(text: &str) -> Words {
        // (the word as written, a dot after it)
        let mut raw: Vec<(&str, bool)> = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find(char::is_alphanumeric) {
            let after = &rest[start..];
            let end = after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len());
            raw.push((&after[..end], after[end..].starts_with('.')));
            rest = &after[end..];
        }
        let mut words = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            // A run of single letters («Ф.И.О.», «п/п») is one initialism.
            let run = raw[i..].iter().take_while(|(w, _)| w.chars().count() == 1).count();
            if run >= 2 {
                let letters: String = raw[i..i + run].iter().map(|(w, _)| fold(w)).collect();
                words.push(Word {
                    stems: vec![letters.clone()],
                    folded: letters.clone(),
                    abbreviated: false,
                    capital: true,
                    initials: Some(letters),
                });
                i += run;
                continue;
            }
            let (word, dot) = raw[i];
            let folded = fold(word);
            let letters = word.chars().count();
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            let all_caps = word.chars().all(|c| c.is_alphabetic() && c.is_uppercase());
            words.push(Word {
                stems: stems(&folded),
                abbreviated: dot && letters >= 2,
                capital,
                initials: (all_caps && (2..=5).contains(&letters)).then(|| folded.clone()),
                folded,
            });
            i += 1;
        }
        Words(words)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Its words' stems: a header shares one with each wording it can match plainly.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().flat_map(|w| w.stems.iter().map(String::as_str))
    }

    /// Whether it holds an initialism or an abbreviation, which match by their letters rather
    /// than by a shared stem.
    pub fn shortened(&self) -> bool {
        self.0.iter().any(|w| w.abbreviated || w.initials.is_some())
    }

    /// How many of these (a header's) words the `wording`'s words cover, all of them found
    /// in order in one run; `None` if they are not.
    pub fn covered_by(&self, wording: &Words) -> Option<usize> {
        if wording.0.is_empty() {
            return None;
        }
        (0..self.0.len()).filter_map(|start| run(&self.0[start..], &wording.0)).max()
    }
}

fn same(a: &Word, b: &Word) -> bool {
    a.stems.iter().any(|s| b.stems.contains(s)) || abbreviates(a, b) || abbreviates(b, a)
}

fn abbreviates(short: &Word, long: &Word) -> bool {
    short.abbreviated && long.folded.len() > short.folded.len() && long.folded.starts_with(&short.folded)
}

/// How many of `words` the `initials` spell, one a word. Names and titles capitalise every
/// word («Иванов Иван Николаевич»); the words an initialism stands for are a phrase.
fn spelled(initials: &str, words: &[Word]) -> Option<usize> {
    let k = initials.chars().count();
    let run = words.get(..k)?;
    let fits = run.iter().zip(initials.chars()).all(|(w, c)| w.initials.is_none() && w.folded.starts_with(c));
    (fits && !run[1..].iter().all(|w| w.capital)).then_some(k)
}

/// Header words consumed from the start of `header` to match all of `wording`, if they match.
fn run(header: &[Word], wording: &[Word]) -> Option<usize> {
    let Some((first, rest)) = wording.split_first() else { return Some(0) };
    let head = header.first()?;
    if same(head, first)
        && let Some(n) = run(&header[1..], rest)
    {
        return Some(n + 1);
    }
    // The header's initialism for several of the wording's words («Код ОП»).
    if let Some(k) = head.initials.as_deref().and_then(|i| spelled(i, wording))
        && let Some(n) = run(&header[1..], &wording[k..])
    {
        return Some(n + 1);
    }
    // The wording's initialism for several of the header's words.
    if let Some(k) = first.initials.as_deref().and_then(|i| spelled(i, header))
        && let Some(n) = run(&header[k..], rest)
    {
        return Some(n + k);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(header: &str, wording: &str) -> Option<usize> {
        Words::of(header).covered_by(&Words::of(wording))
    }

    #[test]
    fn stems_in_both_languages() {
        assert_eq!(covered("ЖЫНЫС", "Жынысы"), Some(1));
        assert_eq!(covered("Код образовательной программы", "Код образовательная программа"), Some(3));
        assert_eq!(covered("Білім беру бағдарламасының коды", "Білім беру бағдарламасы коды"), Some(4));
        assert_eq!(covered("Тұратын облысы", "Облыс"), Some(1));
        assert_eq!(covered("Наименование организаций", "Наименование организации"), Some(2));
        assert_eq!(covered("Аты", "Атауы"), None);
    }

    #[test]
    fn abbreviations_and_initialisms() {
        assert_eq!(covered("Дата рожд.", "Дата рождения"), Some(2));
        assert_eq!(covered("Наим. ОП", "Наименование образовательной программы"), Some(2));
        assert_eq!(covered("Код образовательной программы", "Код ОП"), Some(3));
        assert_eq!(covered("Бизнес-сәйкестендіру нөмірі", "БСН"), Some(3));
        assert_eq!(covered("Ф. И. О. обучающегося", "Ф.И.О."), Some(1));
        assert_eq!(covered("ФИО", "Фамилия имя отчество"), Some(1));
        // A person's name is no initialism's expansion.
        assert_eq!(covered("Иванов Иван Николаевич", "ИИН"), None);
        assert_eq!(covered("Тел.", "Телефон"), Some(1));
        assert_eq!(covered("Телефон", "Тел"), None);
    }
}
