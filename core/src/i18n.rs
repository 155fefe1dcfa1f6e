//! Bilingual user-facing text. Kazakh comes first everywhere, Russian second.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Lang {
    #[default]
    Kk,
    Ru,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "kk" | "kz" | "қаз" | "kaz" => Ok(Lang::Kk),
            "ru" | "рус" | "rus" => Ok(Lang::Ru),
            other => Err(format!("unknown language '{other}' (kk, ru)")),
        }
    }
}

/// A message in both languages; the reader picks one with [`Text::get`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Text {
    pub kk: String,
    pub ru: String,
}

impl Text {
    pub fn new(kk: impl Into<String>, ru: impl Into<String>) -> Self {
        Text { kk: kk.into(), ru: ru.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
        }
    }
}

/// A fixed Kazakh and Russian pair of anything `Copy` (a paper's wording, a list's headers),
/// made in `const`s; [`Text`] is its owned form, which crosses to the window.
#[derive(Clone, Copy, Debug)]
pub struct Pair<T> {
    pub kk: T,
    pub ru: T,
}

impl<T: Copy> Pair<T> {
    pub const fn new(kk: T, ru: T) -> Self {
        Pair { kk, ru }
    }

    pub fn get(&self, lang: Lang) -> T {
        match lang {
            Lang::Kk => self.kk,
            Lang::Ru => self.ru,
        }
    }
}

/// A date as Kazakh and Russian papers and messages write it: dd.mm.yyyy.
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// «1 234 567» as tenge are written.
pub fn tenge(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// An error or problem that reaches a person: a stable code for programs and a bilingual text.
pub trait UserFacing {
    fn code(&self) -> &'static str;
    fn message(&self) -> Text;
    /// The values a window's own text for `code` may name (a file, a number), by name.
    fn params(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

/// The code and words of a failed file operation, by its kind; `None` for a kind without words
/// of its own, which the caller says in general. The system's own text is English: it stays in
/// the log.
pub fn io_reason(kind: std::io::ErrorKind) -> Option<(&'static str, Text)> {
    use std::io::ErrorKind as K;
    let (code, kk, ru) = match kind {
        K::NotFound => {
            ("file_not_found", "мұндай файл жоқ, жолын тексеріңіз", "такого файла нет, проверьте путь")
        }
        K::PermissionDenied => (
            "permission_denied",
            "рұқсат жоқ, файлдың құқықтарын тексеріңіз",
            "нет доступа, проверьте права на файл",
        ),
        K::IsADirectory => ("file_is_folder", "бұл файл емес, қалта", "это папка, а не файл"),
        K::NotADirectory => ("not_a_folder", "жолдағы бір атау қалта емес", "одно из имён в пути — не папка"),
        K::StorageFull | K::QuotaExceeded => ("disk_full", "дискіде орын жоқ", "на диске нет места"),
        K::ReadOnlyFilesystem => ("read_only", "диск тек оқуға ғана ашық", "диск доступен только для чтения"),
        K::ResourceBusy => ("file_busy", "файлды басқа бағдарлама ұстап тұр", "файл занят другой программой"),
        _ => return None,
    };
    Some((code, Text::new(kk, ru)))
}

/// The words for a failed file operation, or general ones for a kind without its own.
pub fn io_reason_words(kind: std::io::ErrorKind) -> Text {
    io_reason(kind).map_or_else(|| Text::new("жүйе қатесі", "ошибка системы"), |(_, reason)| reason)
}

/// A reason (a refusal, a note) as it crosses to a window or a list: its stable code and its
/// words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Reason {
    pub code: String,
    pub message: Text,
}

impl Reason {
    pub fn of(e: &impl UserFacing) -> Reason {
        Reason { code: e.code().to_owned(), message: e.message() }
    }

    pub fn new(code: &str, kk: &str, ru: &str) -> Reason {
        Reason { code: code.to_owned(), message: Text::new(kk, ru) }
    }
}
