//! Classifiers as data: every value with its code, Kazakh and Russian labels and the spellings
//! that lists really use. Matching goes through [`fold`], so the tables hold plain words.
//! Unknown spellings give `None`: the caller reports them, nothing is guessed.

use std::sync::OnceLock;

pub use crate::vocabulary::Termed;

/// Folds a spreadsheet text for matching: lowercase; Kazakh letters to their Russian
/// look-alikes (ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и); ё→е; Latin look-alike letters in
/// Cyrillic words left alone; punctuation (.,;:«»"'()-–—/№) to spaces; runs of white space
/// (including non-breaking) to one space; trimmed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(folded_chars(text));
    out
}

/// The characters of `fold(text)`, lazily: tables compare their spellings without allocating.
fn folded_chars(text: &str) -> Folded<'_> {
    Folded { chars: text.chars(), after_space: None, started: false }
}

struct Folded<'a> {
    chars: std::str::Chars<'a>,
    /// The char read past a run of separators, given out after the one space.
    after_space: Option<char>,
    started: bool,
}

impl Iterator for Folded<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.after_space.take() {
            return Some(c);
        }
        let mut space = false;
        loop {
            match fold_char(self.chars.next()?) {
                None => {}
                // Leading separators are dropped; trailing ones end with the text.
                Some(' ') => space = self.started,
                Some(c) if space => {
                    self.after_space = Some(c);
                    return Some(' ');
                }
                Some(c) => {
                    self.started = true;
                    return Some(c);
                }
            }
        }
    }
}

/// One char folded and lowercased: a space for separators, `None` for invisible format chars.
/// ASCII and Cyrillic take a direct path: the general `to_lowercase` table lookup dominated.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'a'..='z' | '0'..='9' | 'а'..='я' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20)?,
        'Ә' | 'ә' => 'а',
        'Ғ' | 'ғ' => 'г',
        'Қ' | 'қ' => 'к',
        'Ң' | 'ң' => 'н',
        'Ө' | 'ө' => 'о',
        'Ұ' | 'ұ' | 'Ү' | 'ү' => 'у',
        'Һ' | 'һ' => 'х',
        'І' | 'і' => 'и',
        'Ё' | 'ё' => 'е',
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => return None,
        '«' | '»' | '„' | '“' | '”' | '‘' | '’' | '‐'..='—' | '−' | '…' | '№' | '·' => {
            ' '
        }
        c if c.is_whitespace() || c.is_ascii_punctuation() => ' ',
        // One char is enough for matching; only a few letters (Turkish İ) lowercase to more.
        c => c.to_lowercase().next().unwrap_or(c),
    })
}

/// Whether `spelling` folds to `folded` (already folded).
fn folds_to(spelling: &str, folded: &str) -> bool {
    folded_chars(spelling).eq(folded.chars())
}

/// Whether a word of `folded` starts with `keyword` (itself folded, may span words).
fn starts_a_word(folded: &str, keyword: &str) -> bool {
    folded.match_indices(keyword).any(|(at, _)| at == 0 || folded.as_bytes()[at - 1] == b' ')
}

/// The one value claimed: `None` if nothing claims it, `Some(None)` if two different values do.
fn sole<T: Copy + Eq>(mut claims: impl Iterator<Item = T>) -> Option<Option<T>> {
    let first = claims.next()?;
    Some(claims.all(|c| c == first).then_some(first))
}

/// How a list's text is read as a classifier's value: by its terms' spellings (see
/// [`crate::vocabulary`]), then by keywords.
pub trait Classifier: Termed {
    /// Fallback when no spelling matches exactly: the first row whose keyword (folded) starts a
    /// word of the folded text wins, so the order of the rows is the priority.
    const KEYWORDS: &'static [(&'static str, Self)] = &[];

    /// The value a spreadsheet text names, if exactly one value claims it.
    fn parse(text: &str) -> Option<Self> {
        let folded = fold(text);
        if folded.is_empty() {
            return None;
        }
        let exact = Self::ALL.iter().copied().filter(|value| value.spellings().any(|s| folds_to(s, &folded)));
        match sole(exact) {
            Some(claim) => claim,
            None => Self::KEYWORDS
                .iter()
                .find(|(keyword, _)| starts_a_word(&folded, keyword))
                .map(|(_, value)| *value),
        }
    }
}

/// Declares a classifier enum with its stable codes (the serde names too) and `ALL`; its
/// terms (labels, spellings) are in the vocabulary, under the enum's name, and the enum is
/// listed in [`crate::vocabulary::kinds`], whose test checks the two agree.
macro_rules! classifier_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(::ts_rs::TS), ts(export))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Stable code, as stored and as in JSON.
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::vocabulary::Termed for $name {
            const KIND: &'static str = stringify!($name);
            const ALL: &'static [$name] = $name::ALL;

            fn code(self) -> &'static str {
                $name::code(self)
            }
        }
    };
}
pub(crate) use classifier_enum;

classifier_enum! {
    pub enum Region {
        Abai => "abai",
        Akmola => "akmola",
        Aktobe => "aktobe",
        AlmatyRegion => "almaty_region",
        Atyrau => "atyrau",
        WestKazakhstan => "west_kazakhstan",
        Zhambyl => "zhambyl",
        Jetisu => "jetisu",
        Karaganda => "karaganda",
        Kostanay => "kostanay",
        Kyzylorda => "kyzylorda",
        Mangystau => "mangystau",
        Pavlodar => "pavlodar",
        NorthKazakhstan => "north_kazakhstan",
        Turkistan => "turkistan",
        Ulytau => "ulytau",
        EastKazakhstan => "east_kazakhstan",
        Astana => "astana",
        AlmatyCity => "almaty_city",
        Shymkent => "shymkent",
    }
}

impl Region {
    /// The KATO code of the region or city of republican significance.
    pub fn kato(self) -> &'static str {
        match self {
            Region::Abai => "10",
            Region::Akmola => "11",
            Region::Aktobe => "15",
            Region::AlmatyRegion => "19",
            Region::Atyrau => "23",
            Region::WestKazakhstan => "27",
            Region::Zhambyl => "31",
            Region::Jetisu => "33",
            Region::Karaganda => "35",
            Region::Kostanay => "39",
            Region::Kyzylorda => "43",
            Region::Mangystau => "47",
            Region::Pavlodar => "55",
            Region::NorthKazakhstan => "59",
            Region::Turkistan => "61",
            Region::Ulytau => "62",
            Region::EastKazakhstan => "63",
            Region::Astana => "71",
            Region::AlmatyCity => "75",
            Region::Shymkent => "79",
        }
    }
    pub fn is_city(self) -> bool {
        matches!(self, Region::Astana | Region::AlmatyCity | Region::Shymkent)
    }
}

/// Which kind of place a region name's marker word says.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marker {
    Oblast,
    City,
}

/// Marker words (folded) that name the kind of place, not the place: «Алматы облысы» and
/// «г. Алматы» share the stem «алматы» and differ only here.
const MARKERS: &[(&str, Marker)] = &[
    ("область", Marker::Oblast),
    ("обл", Marker::Oblast),
    ("облысы", Marker::Oblast),
    ("облыс", Marker::Oblast),
    ("region", Marker::Oblast),
    ("oblast", Marker::Oblast),
    ("oblysy", Marker::Oblast),
    ("г", Marker::City),
    ("гор", Marker::City),
    ("город", Marker::City),
    ("каласы", Marker::City),
    ("кала", Marker::City),
    ("city", Marker::City),
];

fn marker_of(word: &str) -> Option<Marker> {
    MARKERS.iter().find(|(m, _)| *m == word).map(|(_, kind)| *kind)
}

/// A folded region name without its marker words.
fn stem(folded: &str) -> String {
    let mut stem = String::with_capacity(folded.len());
    for word in folded.split(' ').filter(|w| marker_of(w).is_none()) {
        if !stem.is_empty() {
            stem.push(' ');
        }
        stem.push_str(word);
    }
    stem
}

/// Every region spelling reduced to its stem, computed once.
fn region_stems() -> &'static [(Region, String)] {
    static STEMS: OnceLock<Vec<(Region, String)>> = OnceLock::new();
    STEMS.get_or_init(|| {
        Region::ALL
            .iter()
            .flat_map(|&region| region.spellings().map(move |s| (region, stem(&fold(s)))))
            .collect()
    })
}

impl Classifier for Region {
    /// Matches the stem left after marker words: a city marker admits only cities, an oblast
    /// marker only oblasts, none admits both (so a bare «Алматы» is ambiguous).
    fn parse(text: &str) -> Option<Region> {
        let folded = fold(text);
        let mut marker = None;
        for kind in folded.split(' ').filter_map(marker_of) {
            if marker.is_some_and(|m| m != kind) {
                return None;
            }
            marker = Some(kind);
        }
        let stem = stem(&folded);
        if stem.is_empty() {
            return None;
        }
        let claims = region_stems()
            .iter()
            .filter(|(region, region_stem)| {
                *region_stem == stem
                    && match marker {
                        Some(Marker::City) => region.is_city(),
                        Some(Marker::Oblast) => !region.is_city(),
                        None => true,
                    }
            })
            .map(|(region, _)| *region);
        sole(claims).flatten()
    }
}

classifier_enum! {
    /// The basis on which the studies were paid, which decides the obligation's category.
    pub enum Funding {
        StateOrder => "state_order",
        RuralQuota => "rural_quota",
        Serpin => "serpin",
        Phd => "phd",
    }
}

impl Classifier for Funding {
    // PhD before the state order: «Грант (PhD)» is a doctoral grant.
    const KEYWORDS: &'static [(&'static str, Self)] = &[
        ("серпин", Funding::Serpin),
        ("serpin", Funding::Serpin),
        ("квот", Funding::RuralQuota),
        ("quota", Funding::RuralQuota),
        ("phd", Funding::Phd),
        ("грант", Funding::StateOrder),
        ("заказ", Funding::StateOrder),
        ("госзаказ", Funding::StateOrder),
        ("тапсырыс", Funding::StateOrder),
        ("grant", Funding::StateOrder),
    ];
}

classifier_enum! {
    pub enum Level {
        Bachelor => "bachelor",
        Master => "master",
        Residency => "residency",
        Doctorate => "doctorate",
    }
}

impl Level {
    /// From the programme code's prefix: 6B bachelor, 7M master, 7R residency, 8D doctorate.
    /// The letter may be typed in Cyrillic (В, М, Р, Д), as registrars often do.
    pub fn of_program_code(code: &str) -> Option<Level> {
        let mut chars = code.trim_start().chars();
        let digit = chars.next()?;
        let letter = chars.next()?.to_lowercase().next()?;
        match (digit, letter) {
            ('6', 'b' | 'в') => Some(Level::Bachelor),
            ('7', 'm' | 'м') => Some(Level::Master),
            ('7', 'r' | 'р') => Some(Level::Residency),
            ('8', 'd' | 'д') => Some(Level::Doctorate),
            _ => None,
        }
    }
}

impl Classifier for Level {
    const KEYWORDS: &'static [(&'static str, Self)] = &[
        ("бакалавр", Level::Bachelor),
        ("bachelor", Level::Bachelor),
        ("магистр", Level::Master),
        ("master", Level::Master),
        ("резидент", Level::Residency),
        ("residen", Level::Residency),
        ("доктор", Level::Doctorate),
        ("phd", Level::Doctorate),
        ("doctor", Level::Doctorate),
    ];
}

classifier_enum! {
    /// The field of a programme as the rules table distinguishes it.
    pub enum Field {
        Pedagogical => "pedagogical",
        Medical => "medical",
        Veterinary => "veterinary",
        Agricultural => "agricultural",
        Technical => "technical",
        Other => "other",
    }
}

/// Rows of (levels, code area or any, field); the first matching row wins.
const FIELD_OF_PROGRAM: &[(&[Level], Option<&str>, Field)] = {
    use Level::{Bachelor, Doctorate, Master, Residency};
    &[
        (&[Bachelor, Master], Some("01"), Field::Pedagogical),
        (&[Bachelor, Master], Some("10"), Field::Medical),
        (&[Bachelor, Master], Some("09"), Field::Veterinary),
        (&[Bachelor, Master], Some("08"), Field::Agricultural),
        (&[Bachelor], Some("06"), Field::Technical),
        (&[Bachelor], Some("07"), Field::Technical),
        (&[Residency], None, Field::Medical),
        (&[Bachelor, Master, Doctorate], None, Field::Other),
    ]
};

impl Field {
    /// From the level and the programme code's area (the two digits after 6B/7M/7R/8D), by a
    /// table: first matching row wins. Bachelor: 01 pedagogical, 10 medical, 09 veterinary,
    /// 08 agricultural, 06 and 07 technical, else other. Master: 01 pedagogical, 10 medical,
    /// 09 veterinary, 08 agricultural, else other. Residency: medical. Doctorate: other (the
    /// rules do not distinguish fields there). `None` if the code is not of the form.
    pub fn of_program(level: Level, code: &str) -> Option<Field> {
        let code = code.trim_start();
        Level::of_program_code(code)?;
        let area = code.char_indices().nth(2).and_then(|(at, _)| code.get(at..at + 2))?;
        if !area.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        FIELD_OF_PROGRAM
            .iter()
            .find(|(levels, row_area, _)| levels.contains(&level) && row_area.is_none_or(|a| a == area))
            .map(|(_, _, field)| *field)
    }
}

impl Classifier for Field {}

classifier_enum! {
    /// The kind of an employer, which the rules table allows or refuses per category.
    pub enum OrgKind {
        Education => "education",
        Health => "health",
        Veterinary => "veterinary",
        StateVetBody => "state_vet_body",
        Agrarian => "agrarian",
        Science => "science",
        University => "university",
        Other => "other",
    }
}

impl Classifier for OrgKind {
    // Specific before general: a state veterinary department is not a veterinary clinic, a
    // research institute is not a university, a university is not a school.
    const KEYWORDS: &'static [(&'static str, Self)] = &[
        ("отдел ветеринар", OrgKind::StateVetBody),
        ("управление ветеринар", OrgKind::StateVetBody),
        ("ветеринария болим", OrgKind::StateVetBody),
        ("ветеринария баскарма", OrgKind::StateVetBody),
        ("ветеринар", OrgKind::Veterinary),
        ("научн", OrgKind::Science),
        ("нии", OrgKind::Science),
        ("гылыми", OrgKind::Science),
        ("университет", OrgKind::University),
        ("институт", OrgKind::University),
        ("вуз", OrgKind::University),
        ("высшего и послевузовского", OrgKind::University),
        // The law's wording of a university: «высшего и (или) послевузовского образования».
        ("высшего и или послевузовского", OrgKind::University),
        ("послевузовск", OrgKind::University),
        ("жогары оку", OrgKind::University),
        ("образован", OrgKind::Education),
        ("билим беру", OrgKind::Education),
        ("школ", OrgKind::Education),
        ("мектеп", OrgKind::Education),
        ("гимнази", OrgKind::Education),
        ("лицей", OrgKind::Education),
        ("колледж", OrgKind::Education),
        ("детский сад", OrgKind::Education),
        ("ясли", OrgKind::Education),
        ("балабакша", OrgKind::Education),
        ("здравоохранен", OrgKind::Health),
        ("денсаулык", OrgKind::Health),
        ("больниц", OrgKind::Health),
        ("поликлиник", OrgKind::Health),
        ("клиник", OrgKind::Health),
        ("аурухана", OrgKind::Health),
        ("емхана", OrgKind::Health),
        ("аграр", OrgKind::Agrarian),
        ("агро", OrgKind::Agrarian),
        ("сельскохозяйствен", OrgKind::Agrarian),
        ("ауыл шаруашылы", OrgKind::Agrarian),
        ("крестьянск", OrgKind::Agrarian),
        ("фермер", OrgKind::Agrarian),
        ("шаруа кожалыг", OrgKind::Agrarian),
    ];
}

classifier_enum! {
    pub enum Ownership {
        State => "state",
        Private => "private",
    }
}

impl Classifier for Ownership {
    const KEYWORDS: &'static [(&'static str, Self)] = &[
        ("государствен", Ownership::State),
        ("мемлекет", Ownership::State),
        ("коммунальн", Ownership::State),
        ("республиканск", Ownership::State),
        ("частн", Ownership::Private),
        ("жеке", Ownership::Private),
    ];
}

classifier_enum! {
    pub enum Sex {
        Male => "male",
        Female => "female",
    }
}

impl Classifier for Sex {
    // «Ә» folds to «а», which no male spelling uses.
}

/// Spellings of a yes/no cell, matched after [`fold`].
const YES_NO: &[(&str, bool)] = &[
    ("да", true),
    ("нет", false),
    ("иә", true),
    ("ия", true),
    ("жоқ", false),
    ("yes", true),
    ("no", false),
    ("1", true),
    ("0", false),
    ("true", true),
    ("false", false),
    // Excel's Russian booleans.
    ("истина", true),
    ("ложь", false),
    ("сельская", true),
    ("городская", false),
    ("сельская местность", true),
    ("ауыл", true),
    ("қала", false),
    ("ауылдық", true),
    ("қалалық", false),
    ("село", true),
    ("город", false),
    ("rural", true),
    ("urban", false),
];

/// A yes/no cell (the rural flag): да/нет, иә/жоқ, yes/no, 1/0, +/-, сельская/городская,
/// ауыл/қала, true/false.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    // «+» and «-» are punctuation to `fold`, so they are read before folding.
    match text.trim() {
        "+" => return Some(true),
        "-" | "–" | "—" => return Some(false),
        _ => {}
    }
    let folded = fold(text);
    sole(YES_NO.iter().filter(|(s, _)| folds_to(s, &folded)).map(|(_, yes)| *yes)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every spelling in the vocabulary (labels included) parses back to its own value.
    fn check_table<C: Classifier + std::fmt::Debug>(all: &[C]) {
        for &value in all {
            for lang in [Lang::Kk, Lang::Ru] {
                assert!(!value.label(lang).is_empty());
                assert_eq!(C::parse(value.label(lang)), Some(value), "{lang:?} label");
            }
            for spelling in value.spellings() {
                assert_eq!(C::parse(spelling), Some(value), "{spelling}");
            }
        }
    }

    #[test]
    fn every_spelling_parses_to_its_value() {
        check_table(Region::ALL);
        check_table(Funding::ALL);
        check_table(Level::ALL);
        check_table(Field::ALL);
        check_table(OrgKind::ALL);
        check_table(Ownership::ALL);
        check_table(Sex::ALL);
    }

    #[test]
    fn fold_examples() {
        assert_eq!(fold("  Ақмола\u{a0}облысы  "), "акмола облысы");
        assert_eq!(fold("ӘҒҚҢӨҰҮҺІ Ёж"), "агкноуухи еж");
        assert_eq!(fold("Серпін-2050"), "серпин 2050");
        assert_eq!(fold("«Ұлытау»  облысы"), "улытау облысы");
        assert_eq!(fold("г.Астана"), "г астана");
        assert_eq!(fold("ГОЗ (PhD)"), "гоз phd");
        assert_eq!(fold("№\t5 —\r\n/a;b:c,d\"e'f"), "5 a b c d e f");
        assert_eq!(fold("Ма\u{200b}тематика\u{202f}"), "математика");
        assert_eq!(fold(" .,- "), "");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn generator_spellings_parse() {
        // shared/tools/gen_graduates.py and gen_vacancies.py.
        let regions = [
            ("Абайская область", Region::Abai),
            ("Акмолинская область", Region::Akmola),
            ("Актюбинская область", Region::Aktobe),
            ("Алматинская область", Region::AlmatyRegion),
            ("Атырауская область", Region::Atyrau),
            ("Западно-Казахстанская область", Region::WestKazakhstan),
            ("Жамбылская область", Region::Zhambyl),
            ("Жетысуская область", Region::Jetisu),
            ("Карагандинская область", Region::Karaganda),
            ("Костанайская область", Region::Kostanay),
            ("Кызылординская область", Region::Kyzylorda),
            ("Мангистауская область", Region::Mangystau),
            ("Павлодарская область", Region::Pavlodar),
            ("Северо-Казахстанская область", Region::NorthKazakhstan),
            ("Туркестанская область", Region::Turkistan),
            ("Область Ұлытау", Region::Ulytau),
            ("Восточно-Казахстанская область", Region::EastKazakhstan),
            ("г. Астана", Region::Astana),
            ("г. Алматы", Region::AlmatyCity),
            ("г. Шымкент", Region::Shymkent),
        ];
        for (text, region) in regions {
            assert_eq!(Region::parse(text), Some(region), "{text}");
        }
        let funding = [
            ("Государственный образовательный заказ", Funding::StateOrder),
            ("Сельская квота", Funding::RuralQuota),
            ("Серпін", Funding::Serpin),
            ("Государственный образовательный заказ (PhD)", Funding::Phd),
            ("Мемлекеттік білім беру тапсырысы", Funding::StateOrder),
            ("Ауылдық квота", Funding::RuralQuota),
            ("Мемлекеттік білім беру тапсырысы (PhD)", Funding::Phd),
        ];
        for (text, value) in funding {
            assert_eq!(Funding::parse(text), Some(value), "{text}");
        }
        let levels = [
            ("Бакалавриат", Level::Bachelor),
            ("Магистратура", Level::Master),
            ("Резидентура", Level::Residency),
            ("Докторантура", Level::Doctorate),
        ];
        for (text, value) in levels {
            assert_eq!(Level::parse(text), Some(value), "{text}");
        }
        for (text, value) in [("М", Sex::Male), ("Ж", Sex::Female), ("Е", Sex::Male), ("Ә", Sex::Female)]
        {
            assert_eq!(Sex::parse(text), Some(value), "{text}");
        }
        let kinds = [
            ("Организация образования", OrgKind::Education),
            ("Организация здравоохранения", OrgKind::Health),
            ("Ветеринарная организация", OrgKind::Veterinary),
            ("Подразделение госоргана в области ветеринарии", OrgKind::StateVetBody),
            ("Организация аграрного профиля", OrgKind::Agrarian),
            ("Научная организация", OrgKind::Science),
            ("ОВПО", OrgKind::University),
            ("Прочая организация", OrgKind::Other),
        ];
        for (text, value) in kinds {
            assert_eq!(OrgKind::parse(text), Some(value), "{text}");
        }
        assert_eq!(Ownership::parse("Государственная"), Some(Ownership::State));
        assert_eq!(Ownership::parse("Частная"), Some(Ownership::Private));
        assert_eq!(parse_yes_no("да"), Some(true));
        assert_eq!(parse_yes_no("нет"), Some(false));
    }

    #[test]
    fn region_spellings() {
        let cases = [
            ("Акмолинская обл.", Region::Akmola),
            ("АКМОЛИНСКАЯ  ОБЛАСТЬ", Region::Akmola),
            ("Ақмола облысы", Region::Akmola),
            ("Akmola region", Region::Akmola),
            ("Улытауская область", Region::Ulytau),
            ("Ұлытау облысы", Region::Ulytau),
            ("Ulytau", Region::Ulytau),
            ("Область Абай", Region::Abai),
            ("Абай облысы", Region::Abai),
            ("Мангыстауская область", Region::Mangystau),
            ("Маңғыстау облысы", Region::Mangystau),
            ("Батыс Қазақстан облысы", Region::WestKazakhstan),
            ("Шығыс Қазақстан облысы", Region::EastKazakhstan),
            ("Солтүстік Қазақстан облысы", Region::NorthKazakhstan),
            ("Жетісу облысы", Region::Jetisu),
            ("ВКО", Region::EastKazakhstan),
            ("ЗКО", Region::WestKazakhstan),
            ("СКО", Region::NorthKazakhstan),
            ("ШҚО", Region::EastKazakhstan),
            ("БҚО", Region::WestKazakhstan),
            ("СҚО", Region::NorthKazakhstan),
            ("город Астана", Region::Astana),
            ("Астана қаласы", Region::Astana),
            ("Астана", Region::Astana),
            ("Нур-Султан", Region::Astana),
            ("Нұр-Сұлтан", Region::Astana),
            ("г.Нур-Султан", Region::Astana),
            ("Алматы облысы", Region::AlmatyRegion),
            ("Алматинская область", Region::AlmatyRegion),
            ("Almaty region", Region::AlmatyRegion),
            ("г. Алматы", Region::AlmatyCity),
            ("Алматы қаласы", Region::AlmatyCity),
            ("город Алматы", Region::AlmatyCity),
            ("Almaty city", Region::AlmatyCity),
            ("Шымкент қаласы", Region::Shymkent),
        ];
        for (text, region) in cases {
            assert_eq!(Region::parse(text), Some(region), "{text}");
        }
    }

    #[test]
    fn ambiguous_and_unknown_give_none() {
        for text in ["Алматы", "Almaty", "", "  ", "Марс", "г. Алматинская", "Астана облысы"]
        {
            assert_eq!(Region::parse(text), None, "{text}");
        }
        assert_eq!(Region::parse("г. Алматы, Алматы облысы"), None);
        assert_eq!(Funding::parse("платное"), None);
        assert_eq!(Funding::parse(""), None);
        assert_eq!(Level::parse("колледж"), None);
        assert_eq!(OrgKind::parse("ТОО «Компания 5»"), None);
        assert_eq!(Ownership::parse("смешанная"), None);
        assert_eq!(Sex::parse("А"), Some(Sex::Female), "«Ә» folds to «а»");
        assert_eq!(Sex::parse("X"), None);
        assert_eq!(parse_yes_no("может быть"), None);
    }

    #[test]
    fn keyword_fallback() {
        let funding = [
            ("Грант (PhD)", Funding::Phd),
            ("государственный грант PhD", Funding::Phd),
            ("Госзаказ", Funding::StateOrder),
            ("ГОЗ", Funding::StateOrder),
            ("мемлекеттік тапсырыс", Funding::StateOrder),
            ("Серпін-2050", Funding::Serpin),
            ("грант Серпин", Funding::Serpin),
            ("квота для сельской молодёжи", Funding::RuralQuota),
            ("Квота", Funding::RuralQuota),
        ];
        for (text, value) in funding {
            assert_eq!(Funding::parse(text), Some(value), "{text}");
        }
        let levels = [
            ("доктор PhD", Level::Doctorate),
            ("магистрант", Level::Master),
            ("Master's degree", Level::Master),
            ("резидент", Level::Residency),
        ];
        for (text, value) in levels {
            assert_eq!(Level::parse(text), Some(value), "{text}");
        }
        let kinds = [
            ("КГУ «Средняя школа №5»", OrgKind::Education),
            ("Медицинский колледж", OrgKind::Education),
            ("ГКП на ПХВ «Районная больница №3»", OrgKind::Health),
            ("ГУ «Отдел ветеринарии района»", OrgKind::StateVetBody),
            ("Ветеринарная станция", OrgKind::Veterinary),
            ("Научно-исследовательский институт", OrgKind::Science),
            ("Медицинский университет", OrgKind::University),
            // The law's wording of an ОВПО is not a school: «образования» must not win.
            ("Организация высшего и (или) послевузовского образования", OrgKind::University),
            ("НАО «Организация высшего и/или послевузовского образования»", OrgKind::University),
            ("Жоғары және (немесе) жоғары оқу орнынан кейінгі білім беру ұйымы", OrgKind::University),
            ("ТОО «Агрофирма»", OrgKind::Agrarian),
        ];
        for (text, value) in kinds {
            assert_eq!(OrgKind::parse(text), Some(value), "{text}");
        }
        // A keyword must start a word: «нии» inside «организации» is not a research institute.
        assert_eq!(OrgKind::parse("организации"), None);
        assert_eq!(Ownership::parse("Коммунальная собственность"), Some(Ownership::State));
    }

    #[test]
    fn yes_no() {
        let cases = [
            ("да", true),
            ("Нет", false),
            ("иә", true),
            ("жоқ", false),
            ("Yes", true),
            ("no", false),
            ("1", true),
            ("0", false),
            (" + ", true),
            ("-", false),
            ("TRUE", true),
            ("false", false),
            ("ИСТИНА", true),
            ("Сельская", true),
            ("городская", false),
            ("ауыл", true),
            ("қала", false),
            ("село", true),
            ("город", false),
        ];
        for (text, yes) in cases {
            assert_eq!(parse_yes_no(text), Some(yes), "{text}");
        }
        assert_eq!(parse_yes_no(""), None);
    }

    #[test]
    fn level_of_program_code() {
        let cases = [
            ("6B01501", Some(Level::Bachelor)),
            ("6b01501", Some(Level::Bachelor)),
            ("6В01501", Some(Level::Bachelor)), // Cyrillic В
            ("7M01501", Some(Level::Master)),
            ("7М01501", Some(Level::Master)), // Cyrillic М
            ("7R01101", Some(Level::Residency)),
            ("7Р01101", Some(Level::Residency)), // Cyrillic Р
            ("8D01501", Some(Level::Doctorate)),
            ("8Д01501", Some(Level::Doctorate)),
            (" 6B07101", Some(Level::Bachelor)),
            ("6M01501", None),
            ("5B01501", None),
            ("B01501", None),
            ("6", None),
            ("", None),
        ];
        for (code, level) in cases {
            assert_eq!(Level::of_program_code(code), level, "{code}");
        }
    }

    #[test]
    fn field_of_program() {
        use Field::*;
        use Level::*;
        let cases = [
            (Bachelor, "6B01501", Some(Pedagogical)),
            (Bachelor, "6B10101", Some(Medical)),
            (Bachelor, "6B09101", Some(Veterinary)),
            (Bachelor, "6B08201", Some(Agricultural)),
            (Bachelor, "6B07101", Some(Technical)),
            (Bachelor, "6B07301", Some(Technical)),
            (Bachelor, "6B06101", Some(Technical)),
            (Bachelor, "6B04101", Some(Other)),
            (Bachelor, "6В01501", Some(Pedagogical)),
            (Master, "7M01501", Some(Pedagogical)),
            (Master, "7M10101", Some(Medical)),
            (Master, "7M07101", Some(Other)),
            (Residency, "7R01101", Some(Medical)),
            (Doctorate, "8D01501", Some(Other)),
            (Doctorate, "8D07101", Some(Other)),
            (Bachelor, "6B0", None),
            (Bachelor, "6BX1501", None),
            (Bachelor, "01501", None),
            (Bachelor, "", None),
        ];
        for (level, code, field) in cases {
            assert_eq!(Field::of_program(level, code), field, "{level:?} {code}");
        }
    }

    #[test]
    fn kato_codes() {
        let codes: Vec<&str> = Region::ALL.iter().map(|r| r.kato()).collect();
        let expected = [
            "10", "11", "15", "19", "23", "27", "31", "33", "35", "39", "43", "47", "55", "59", "61", "62",
            "63", "71", "75", "79",
        ];
        assert_eq!(codes, expected);
        assert_eq!(Region::ALL.iter().filter(|r| r.is_city()).count(), 3);
    }

    fn keywords_folded<C: Classifier>() {
        for (keyword, _) in C::KEYWORDS {
            assert_eq!(fold(keyword), *keyword);
        }
    }

    #[test]
    fn markers_and_keywords_are_folded() {
        for (marker, _) in MARKERS {
            assert_eq!(fold(marker), *marker);
        }
        keywords_folded::<Funding>();
        keywords_folded::<Level>();
        keywords_folded::<OrgKind>();
        keywords_folded::<Ownership>();
    }
}
