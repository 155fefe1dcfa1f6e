//! What a column holds, told from its values: a header the wording table lacks («Мамандық
//! (коды)», «Грант түрі») is matched by what is written below it, when its values are
//! unmistakably IINs, programme codes, funding words… Each kind knows how to recognise one
//! cell and how to name itself in the evidence shown to the secretary.

use super::cells::Cell;
use super::graduates::normalise_program_code;
use crate::classifiers::{Classifier, Funding, Level, OrgKind, Ownership, Region, Sex, parse_yes_no};
use crate::i18n::Text;
use crate::ident::{Bin, Iin};

/// A kind of value a field's column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    Iin,
    Bin,
    ProgramCode,
    Funding,
    Level,
    Sex,
    Region,
    Date,
    Year,
    Phone,
    Email,
    /// Surname, name and patronymic in one cell.
    FullName,
    OrgKind,
    Ownership,
    YesNo,
    /// A small whole number (places asked).
    Count,
}

/// The share of a column's filled cells that must fit, and how many filled cells at least, for
/// the column to be taken by its content.
pub const FIT_SHARE: f64 = 0.8;
pub const MIN_FILLED: u32 = 3;

impl Content {
    pub fn fits(self, cell: Cell<'_>) -> bool {
        let text = || cell.text().unwrap_or_default();
        match self {
            Content::Iin => match cell {
                Cell::Number(n) => Iin::from_number(n).is_ok(),
                Cell::Text(t) => Iin::parse(t).is_ok(),
                _ => false,
            },
            Content::Bin => match cell {
                Cell::Number(n) => Bin::from_number(n).is_ok(),
                Cell::Text(t) => Bin::parse(t).is_ok(),
                _ => false,
            },
            Content::ProgramCode => programme_code(&text()),
            Content::Funding => Funding::parse(&text()).is_some(),
            Content::Level => Level::parse(&text()).is_some(),
            Content::Sex => Sex::parse(&text()).is_some(),
            Content::Region => Region::parse(&text()).is_some(),
            Content::OrgKind => OrgKind::parse(&text()).is_some(),
            Content::Ownership => Ownership::parse(&text()).is_some(),
            Content::YesNo => parse_yes_no(&text()).is_some(),
            Content::Date => cell.date().is_some_and(|d| (1900..=2100).contains(&chrono::Datelike::year(&d))),
            Content::Year => cell.whole_number().is_some_and(|y| (1990..=2100).contains(&y)),
            Content::Count => cell.whole_number().is_some_and(|n| (1..=500).contains(&n)),
            Content::Phone => phone(&text()),
            Content::Email => email(&text()),
            Content::FullName => full_name(&text()),
        }
    }

    /// «жарамды ЖСН» / «корректные ИИН»: what the values were found to be.
    pub fn describe(self) -> Text {
        let (kk, ru) = match self {
            Content::Iin => ("бақылау цифры дұрыс ЖСН", "ИИН с верной контрольной цифрой"),
            Content::Bin => ("бақылау цифры дұрыс БСН", "БИН с верной контрольной цифрой"),
            Content::ProgramCode => ("білім беру бағдарламасының кодтары", "коды образовательных программ"),
            Content::Funding => ("қаржыландыру түрлері", "виды финансирования"),
            Content::Level => ("білім деңгейлері", "уровни обучения"),
            Content::Sex => ("жынысы", "пол"),
            Content::Region => ("өңірлер", "регионы"),
            Content::Date => ("күндер", "даты"),
            Content::Year => ("жылдар", "годы"),
            Content::Phone => ("телефон нөмірлері", "номера телефонов"),
            Content::Email => ("э-пошта мекенжайлары", "адреса e-mail"),
            Content::FullName => ("толық аты-жөндер", "ФИО полностью"),
            Content::OrgKind => ("ұйым түрлері", "типы организаций"),
            Content::Ownership => ("меншік нысандары", "формы собственности"),
            Content::YesNo => ("иә / жоқ", "да / нет"),
            Content::Count => ("сандар", "числа"),
        };
        Text::new(kk, ru)
    }
}

/// «6B01501», «7М01501» (a Cyrillic look-alike), «8D07101», «7R01101».
fn programme_code(text: &str) -> bool {
    let code: Vec<char> = normalise_program_code(text).chars().collect();
    matches!(code.as_slice(), [level, kind, rest @ ..]
        if ('5'..='8').contains(level) && "BMDR".contains(*kind) && rest.len() == 5 && rest.iter().all(char::is_ascii_digit))
}

/// «+7 701 885 37 58», «8(727)2501234»: 10 or 11 digits, Kazakhstan's +7 / 8.
fn phone(text: &str) -> bool {
    if !text.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
        return false;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        10 => true,
        11 => digits.starts_with('7') || digits.starts_with('8'),
        _ => false,
    }
}

fn email(text: &str) -> bool {
    match text.split_once('@') {
        Some((user, host)) => !user.is_empty() && host.contains('.') && !text.contains(char::is_whitespace),
        None => false,
    }
}

/// Two to five words of letters (and hyphens), each starting with a capital.
fn full_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_knows_its_values_and_not_its_neighbours() {
        let t = Cell::Text;
        assert!(Content::Iin.fits(t("061211600012")) && Content::Iin.fits(Cell::Number(61211600012.0)));
        assert!(!Content::Iin.fits(t("061211600013")) && !Content::Iin.fits(t("6B01501")));
        assert!(Content::ProgramCode.fits(t("6B01501")) && Content::ProgramCode.fits(t("7М01501")));
        assert!(!Content::ProgramCode.fits(t("2025")) && !Content::ProgramCode.fits(t("6B0150")));
        assert!(Content::Funding.fits(t("Государственный образовательный заказ")));
        assert!(Content::Phone.fits(t("+7 701 885 37 58")) && !Content::Phone.fits(t("2025")));
        assert!(Content::Email.fits(t("a@mail.kz")) && !Content::Email.fits(t("a @mail")));
        assert!(Content::FullName.fits(t("Ахметов Айдос Серікұлы")) && !Content::FullName.fits(t("Ахметов")));
        assert!(!Content::FullName.fits(t("Государственный образовательный заказ")));
        assert!(Content::Year.fits(Cell::Number(2025.0)) && !Content::Year.fits(Cell::Number(1.0)));
    }
}
