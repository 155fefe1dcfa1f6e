//! IIN (ЖСН, a person's number) and BIN (БСН, an organisation's number): 12 digits with a
//! check digit (algorithm in domain.md). Both types are valid by construction.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::classifiers::Sex;
use crate::i18n::{Text, UserFacing};

/// Which identifier a fault concerns; it prefixes the problem code (`iin_…`, `bin_…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    Iin,
    Bin,
}

/// Why a text is not a valid IIN or BIN.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("{kind:?}: empty")]
    Empty { kind: IdKind },
    #[error("{kind:?}: not digits: {text}")]
    NotDigits { kind: IdKind, text: String },
    #[error("{kind:?}: {len} digits instead of 12")]
    Length { kind: IdKind, len: usize },
    #[error("{kind:?}: check digit {found}, expected {expected}")]
    CheckDigit { kind: IdKind, found: u8, expected: u8 },
    /// Both weightings give 10: such a number is never issued.
    #[error("{kind:?}: never issued")]
    NeverIssued { kind: IdKind },
    /// IIN: digits 1–6 are not a date in the century digit 7 gives. BIN: month not 01–12.
    #[error("{kind:?}: bad date part")]
    BadDate { kind: IdKind },
    /// BIN: digit 5 (type) not 4/5/6 or digit 6 (attribute) not 0–3. IIN: digit 7 not 1–6.
    #[error("{kind:?}: bad type digit")]
    BadTypeDigit { kind: IdKind },
}

impl IdError {
    fn kind(&self) -> IdKind {
        match self {
            IdError::Empty { kind }
            | IdError::NotDigits { kind, .. }
            | IdError::Length { kind, .. }
            | IdError::CheckDigit { kind, .. }
            | IdError::NeverIssued { kind }
            | IdError::BadDate { kind }
            | IdError::BadTypeDigit { kind } => *kind,
        }
    }
}

impl UserFacing for IdError {
    /// Stable codes: `iin_empty`, `iin_not_digits`, `iin_length`, `iin_check_digit`,
    /// `iin_never_issued`, `iin_bad_date`, `iin_bad_type_digit`, and the same with `bin_`.
    fn code(&self) -> &'static str {
        use IdKind::{Bin, Iin};
        match (self.kind(), self) {
            (Iin, IdError::Empty { .. }) => "iin_empty",
            (Iin, IdError::NotDigits { .. }) => "iin_not_digits",
            (Iin, IdError::Length { .. }) => "iin_length",
            (Iin, IdError::CheckDigit { .. }) => "iin_check_digit",
            (Iin, IdError::NeverIssued { .. }) => "iin_never_issued",
            (Iin, IdError::BadDate { .. }) => "iin_bad_date",
            (Iin, IdError::BadTypeDigit { .. }) => "iin_bad_type_digit",
            (Bin, IdError::Empty { .. }) => "bin_empty",
            (Bin, IdError::NotDigits { .. }) => "bin_not_digits",
            (Bin, IdError::Length { .. }) => "bin_length",
            (Bin, IdError::CheckDigit { .. }) => "bin_check_digit",
            (Bin, IdError::NeverIssued { .. }) => "bin_never_issued",
            (Bin, IdError::BadDate { .. }) => "bin_bad_date",
            (Bin, IdError::BadTypeDigit { .. }) => "bin_bad_type_digit",
        }
    }

    fn message(&self) -> Text {
        let (kk_id, ru_id) = match self.kind() {
            IdKind::Iin => ("ЖСН", "ИИН"),
            IdKind::Bin => ("БСН", "БИН"),
        };
        match self {
            IdError::Empty { .. } => {
                Text::new(format!("{kk_id} көрсетілмеген"), format!("{ru_id} не указан"))
            }
            IdError::NotDigits { text, .. } => Text::new(
                format!("{kk_id} тек цифрлардан тұруы керек: «{text}»"),
                format!("{ru_id} должен состоять только из цифр: «{text}»"),
            ),
            IdError::Length { len, .. } => Text::new(
                format!("{kk_id} 12 цифрдан тұруы керек, мұнда {len}"),
                format!("{ru_id} должен содержать 12 цифр, здесь {len}"),
            ),
            IdError::CheckDigit { found, expected, .. } => Text::new(
                format!("{kk_id} бақылау цифры қате: {found}, болуы керек {expected}"),
                format!("Неверная контрольная цифра {ru_id}: {found}, должна быть {expected}"),
            ),
            IdError::NeverIssued { .. } => Text::new(
                format!("Мұндай {kk_id} берілмейді (бақылау цифрын есептеу мүмкін емес)"),
                format!("Такой {ru_id} не выдаётся (контрольная цифра не вычисляется)"),
            ),
            IdError::BadDate { kind: IdKind::Iin } => Text::new(
                "ЖСН-нің алғашқы 6 цифры туған күн емес",
                "Первые 6 цифр ИИН не являются датой рождения",
            ),
            IdError::BadDate { kind: IdKind::Bin } => Text::new(
                "БСН-нің 3–4 цифрлары тіркеу айы емес (01–12)",
                "3–4 цифры БИН не являются месяцем регистрации (01–12)",
            ),
            IdError::BadTypeDigit { .. } => {
                Text::new(format!("{kk_id} түрінің цифры қате"), format!("Неверная цифра типа в {ru_id}"))
            }
        }
    }
}

/// Check digit of the first 11 digit values (0–9) of an IIN or BIN (domain.md); `None` when
/// both weightings give 10: such a number is never issued.
pub(crate) fn check_digit(d: &[u8; 11]) -> Option<u8> {
    const FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let weighted = |w: [u32; 11]| d.iter().zip(w).map(|(&x, w)| u32::from(x) * w).sum::<u32>() % 11;
    [weighted(FIRST), weighted(SECOND)].into_iter().find(|&s| s != 10).map(|s| s as u8)
}

/// Strips what spreadsheets add around a number and checks the 12 digits and check digit.
fn digits(kind: IdKind, text: &str) -> Result<[u8; 12], IdError> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('\'')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if cleaned.is_empty() {
        return Err(IdError::Empty { kind });
    }
    if !cleaned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdError::NotDigits { kind, text: text.trim().to_string() });
    }
    let bytes: [u8; 12] =
        cleaned.as_bytes().try_into().map_err(|_| IdError::Length { kind, len: cleaned.len() })?;
    let values: [u8; 11] = std::array::from_fn(|i| bytes[i] - b'0');
    let expected = check_digit(&values).ok_or(IdError::NeverIssued { kind })?;
    let found = bytes[11] - b'0';
    if found != expected {
        return Err(IdError::CheckDigit { kind, found, expected });
    }
    Ok(bytes)
}

/// A numeric cell holds the number without its leading zeros: pad it back to 12 digits.
fn digits_of_number(kind: IdKind, value: f64) -> Result<[u8; 12], IdError> {
    if !(value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value < 1e12) {
        return Err(IdError::NotDigits { kind, text: value.to_string() });
    }
    digits(kind, &format!("{:012}", value as u64))
}

fn two(d: &[u8; 12], at: usize) -> u32 {
    u32::from(d[at] - b'0') * 10 + u32::from(d[at + 1] - b'0')
}

fn iin_birth_date(d: &[u8; 12]) -> Option<NaiveDate> {
    let century = match d[6] {
        b'1' | b'2' => 1800,
        b'3' | b'4' => 1900,
        b'5' | b'6' => 2000,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(century + two(d, 0) as i32, two(d, 2), two(d, 4))
}

/// A person's IIN. Digits 1–6 birth date YYMMDD, 7 century and sex (1/2 1800s, 3/4 1900s,
/// 5/6 2000s; odd male), 8–11 serial, 12 check digit.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, type = "string"))]
pub struct Iin([u8; 12]);

impl Iin {
    /// From text as typed or exported: trims spaces (also inside: "871008 401427"), a leading
    /// apostrophe (Excel's text marker), non-breaking spaces. Does NOT pad short text.
    pub fn parse(text: &str) -> Result<Iin, IdError> {
        Self::checked(digits(IdKind::Iin, text)?)
    }
    /// From a numeric spreadsheet cell, which loses leading zeros (2000s births): a whole
    /// non-negative number below 10^12 is padded back to 12 digits, then checked.
    pub fn from_number(value: f64) -> Result<Iin, IdError> {
        Self::checked(digits_of_number(IdKind::Iin, value)?)
    }

    fn checked(d: [u8; 12]) -> Result<Iin, IdError> {
        if !(b'1'..=b'6').contains(&d[6]) {
            return Err(IdError::BadTypeDigit { kind: IdKind::Iin });
        }
        iin_birth_date(&d).ok_or(IdError::BadDate { kind: IdKind::Iin })?;
        Ok(Iin(d))
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.0).expect("ASCII digits")
    }

    pub fn birth_date(&self) -> NaiveDate {
        iin_birth_date(&self.0).expect("checked at construction")
    }

    pub fn sex(&self) -> Sex {
        if (self.0[6] - b'0') % 2 == 1 { Sex::Male } else { Sex::Female }
    }
}

/// An organisation's BIN: YYMM registration, type (4 resident, 5 non-resident, 6 joint IE),
/// attribute (0 head office, 1 branch, 2 representative office, 3 peasant farm), 5-digit serial,
/// check digit.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, type = "string"))]
pub struct Bin([u8; 12]);

impl Bin {
    pub fn parse(text: &str) -> Result<Bin, IdError> {
        Self::checked(digits(IdKind::Bin, text)?)
    }

    pub fn from_number(value: f64) -> Result<Bin, IdError> {
        Self::checked(digits_of_number(IdKind::Bin, value)?)
    }

    fn checked(d: [u8; 12]) -> Result<Bin, IdError> {
        if !(1..=12).contains(&two(&d, 2)) {
            return Err(IdError::BadDate { kind: IdKind::Bin });
        }
        if !(b'4'..=b'6').contains(&d[4]) || !(b'0'..=b'3').contains(&d[5]) {
            return Err(IdError::BadTypeDigit { kind: IdKind::Bin });
        }
        Ok(Bin(d))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII digits")
    }
}

// Display/Debug print the 12 digits; serde as a string (deserialising validates).
macro_rules! string_id_impls {
    ($t:ty) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($t), self.as_str())
            }
        }
        impl std::str::FromStr for $t {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                <$t>::parse(s)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                <$t>::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}
string_id_impls!(Iin);
string_id_impls!(Bin);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VALID_IINS: [&str; 3] = ["871008401427", "760212350620", "061211600012"];
    const VALID_BINS: [&str; 3] = ["940140000385", "950341000052", "070941024691"];

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The check digit of 11 digits written straight from domain.md, independent of the code
    /// under test; `None` when never issued.
    fn reference_check(d11: &str) -> Option<u32> {
        let d: Vec<u32> = d11.bytes().map(|b| u32::from(b - b'0')).collect();
        let s = (1..=11).zip(&d).map(|(w, x)| w * x).sum::<u32>() % 11;
        if s != 10 {
            return Some(s);
        }
        let w = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
        let s = w.iter().zip(&d).map(|(w, x)| w * x).sum::<u32>() % 11;
        (s != 10).then_some(s)
    }

    #[test]
    fn domain_examples() {
        for text in VALID_IINS {
            assert_eq!(Iin::parse(text).unwrap().as_str(), text);
        }
        assert_eq!(Iin::parse("821214240092"), Err(IdError::NeverIssued { kind: IdKind::Iin }));
        for text in VALID_BINS {
            assert_eq!(Bin::parse(text).unwrap().as_str(), text);
        }
        assert_eq!(
            Iin::parse("871008401428"),
            Err(IdError::CheckDigit { kind: IdKind::Iin, found: 8, expected: 7 })
        );
        assert_eq!(
            Bin::parse("940140000386"),
            Err(IdError::CheckDigit { kind: IdKind::Bin, found: 6, expected: 5 })
        );
    }

    #[test]
    fn birth_date_and_sex() {
        let iin = |s| Iin::parse(s).unwrap();
        assert_eq!(iin("871008401427").birth_date(), date(1987, 10, 8));
        assert_eq!(iin("871008401427").sex(), Sex::Female);
        assert_eq!(iin("760212350620").birth_date(), date(1976, 2, 12));
        assert_eq!(iin("760212350620").sex(), Sex::Male);
        assert_eq!(iin("061211600012").birth_date(), date(2006, 12, 11));
        assert_eq!(iin("061211600012").sex(), Sex::Female);
    }

    #[test]
    fn normalisation() {
        for text in [
            " 871008401427 ",
            "'871008401427",
            "871008 401427",
            "871 008 401 427",
            "\u{a0}871008401427\u{a0}",
            "871008\u{a0}401427",
            "\t871008401427\n",
        ] {
            assert_eq!(Iin::parse(text).map(|i| i.to_string()), Ok("871008401427".into()), "{text:?}");
        }
        assert_eq!(Iin::from_number(61211600012.0).unwrap().as_str(), "061211600012");
        assert_eq!(Iin::from_number(871008401427.0).unwrap().as_str(), "871008401427");
        assert_eq!(Bin::from_number(70941024691.0).unwrap().as_str(), "070941024691");
        // Text is taken as typed: a lost leading zero is not restored.
        assert_eq!(Iin::parse("61211600012"), Err(IdError::Length { kind: IdKind::Iin, len: 11 }));
        for value in [-871008401427.0, 61211600012.5, 1e12, f64::NAN, f64::INFINITY] {
            assert!(matches!(Iin::from_number(value), Err(IdError::NotDigits { .. })), "{value}");
        }
        assert_eq!(Iin::parse("  "), Err(IdError::Empty { kind: IdKind::Iin }));
        assert_eq!(Iin::parse("'"), Err(IdError::Empty { kind: IdKind::Iin }));
        assert!(matches!(Iin::parse("87100840142O"), Err(IdError::NotDigits { .. })));
        assert!(matches!(Iin::parse("871008401427.0"), Err(IdError::NotDigits { .. })));
    }

    #[test]
    fn bad_date_and_type_digit() {
        // 30 February 1987 with a valid check digit.
        let d11 = "8702304014";
        let with_check = |d11: &str| format!("{d11}{}", reference_check(d11).unwrap());
        assert_eq!(Iin::parse(&with_check(&format!("{d11}2"))), Err(IdError::BadDate { kind: IdKind::Iin }));
        assert_eq!(Iin::parse(&with_check("87100870142")), Err(IdError::BadTypeDigit { kind: IdKind::Iin }));
        assert_eq!(Bin::parse(&with_check("94134000038")), Err(IdError::BadDate { kind: IdKind::Bin }));
        assert_eq!(Bin::parse(&with_check("94013000038")), Err(IdError::BadTypeDigit { kind: IdKind::Bin }));
        assert_eq!(Bin::parse(&with_check("94014400038")), Err(IdError::BadTypeDigit { kind: IdKind::Bin }));
    }

    #[test]
    fn error_codes() {
        use crate::i18n::UserFacing;
        assert_eq!(Iin::parse("1").unwrap_err().code(), "iin_length");
        assert_eq!(Bin::parse("940140000386").unwrap_err().code(), "bin_check_digit");
        let message = Iin::parse("1").unwrap_err().message();
        assert!(message.kk.contains("ЖСН") && message.ru.contains("ИИН"));
    }

    #[test]
    fn serde_round_trip() {
        let iin = Iin::parse("061211600012").unwrap();
        let bin = Bin::parse("070941024691").unwrap();
        let json = serde_json::to_string(&(iin, bin)).unwrap();
        assert_eq!(json, r#"["061211600012","070941024691"]"#);
        assert_eq!(serde_json::from_str::<(Iin, Bin)>(&json).unwrap(), (iin, bin));
        assert!(serde_json::from_str::<Iin>(r#""061211600013""#).is_err());
        assert!(serde_json::from_str::<Bin>("940140000385").is_err(), "a number is not a BIN");
    }

    /// 11 digits of an issued IIN (birth date, century-and-sex digit, serial) and its check digit.
    fn iin_body() -> impl Strategy<Value = (NaiveDate, Sex, String, u32)> {
        let day = (1800i32..=2099, 1u32..=366)
            .prop_filter_map("no such day", |(y, d)| NaiveDate::from_yo_opt(y, d));
        (day, any::<bool>(), 0u32..10_000).prop_filter_map("never issued", |(birth, male, serial)| {
            use chrono::Datelike;
            let century = (birth.year() / 100 - 18) as u32;
            let digit7 = 2 * century + if male { 1 } else { 2 };
            let body = format!("{}{digit7}{serial:04}", birth.format("%y%m%d"));
            let check = reference_check(&body)?;
            Some((birth, if male { Sex::Male } else { Sex::Female }, body, check))
        })
    }

    /// 11 digits of an issued BIN (registration YYMM, type, attribute, serial) and its check
    /// digit.
    fn bin_body() -> impl Strategy<Value = (String, u32)> {
        (0u32..100, 1u32..=12, 4u32..=6, 0u32..=3, 0u32..100_000).prop_filter_map(
            "never issued",
            |(y, m, t, a, serial)| {
                let body = format!("{y:02}{m:02}{t}{a}{serial:05}");
                let check = reference_check(&body)?;
                Some((body, check))
            },
        )
    }

    /// Every string of ASCII digits whose length is not 12.
    fn wrong_length() -> impl Strategy<Value = String> {
        "[0-9]{1,30}".prop_filter("12 digits", |s| s.len() != 12)
    }

    proptest! {
        #[test]
        fn built_iin_parses((birth, sex, body, check) in iin_body()) {
                let text = format!("{body}{check}");
            let iin = Iin::parse(&text).unwrap();
            prop_assert_eq!(iin.to_string(), text.clone());
            prop_assert_eq!(iin.to_string().parse::<Iin>(), Ok(iin));
            prop_assert_eq!(Iin::from_number(text.parse::<u64>().unwrap() as f64), Ok(iin));
            prop_assert_eq!(iin.birth_date(), birth);
            prop_assert_eq!(iin.sex(), sex);
        }

        #[test]
        fn iin_other_check_digit_rejected((_, _, body, check) in iin_body(), other in 0u8..10) {
                prop_assume!(u32::from(other) != check);
            prop_assert_eq!(
                Iin::parse(&format!("{body}{other}")),
                Err(IdError::CheckDigit { kind: IdKind::Iin, found: other, expected: check as u8 })
            );
        }

        #[test]
        fn iin_wrong_length_rejected(text in wrong_length()) {
            prop_assert_eq!(Iin::parse(&text), Err(IdError::Length { kind: IdKind::Iin, len: text.len() }));
        }

        #[test]
        fn built_bin_parses((body, check) in bin_body()) {
                let text = format!("{body}{check}");
            let bin = Bin::parse(&text).unwrap();
            prop_assert_eq!(bin.to_string(), text.clone());
            prop_assert_eq!(bin.to_string().parse::<Bin>(), Ok(bin));
            prop_assert_eq!(Bin::from_number(text.parse::<u64>().unwrap() as f64), Ok(bin));
        }

        #[test]
        fn bin_other_check_digit_rejected((body, check) in bin_body(), other in 0u8..10) {
                prop_assume!(u32::from(other) != check);
            prop_assert_eq!(
                Bin::parse(&format!("{body}{other}")),
                Err(IdError::CheckDigit { kind: IdKind::Bin, found: other, expected: check as u8 })
            );
        }

        #[test]
        fn bin_wrong_length_rejected(text in wrong_length()) {
            prop_assert_eq!(Bin::parse(&text), Err(IdError::Length { kind: IdKind::Bin, len: text.len() }));
        }
    }
}
