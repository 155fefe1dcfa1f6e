//! What a paper's QR code holds and how it is checked: the paper's kind, number and date, the
//! holder's name and masked IIN, and the employer's BIN, signed with the university's Ed25519
//! key. Anyone with the university's public key can tell offline whether the printed text is
//! what the university signed; with the register at hand, whether the paper still stands.
//!
//! The text is plain lines, readable by any QR reader: `JOLDAMA1`, then one field a line, then
//! the signature of every line before it in base64.

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::Serialize;

use crate::commission::PaperSeries;
use crate::i18n::{Text, UserFacing};
use crate::ident::Iin;

/// The first line: which format the rest is in.
pub const HEADER: &str = "JOLDAMA1";

/// What a paper says about itself, as its QR code carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Claim {
    pub series: PaperSeries,
    pub number: String,
    pub issued_on: NaiveDate,
    pub holder: String,
    /// The IIN with its middle hidden (`0209****7307`): enough to match the paper, not to
    /// be read off it.
    pub iin: String,
    /// The employer's BIN for a referral letter; empty for other papers.
    pub employer: String,
}

/// The IIN as a QR code shows it: its first and last four digits.
pub fn mask(iin: &Iin) -> String {
    let digits = iin.as_str();
    format!("{}****{}", &digits[..4], &digits[8..])
}

/// One field a line: a line break inside a field would shift the others.
fn field(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Claim {
    /// The signed part: the header and the fields, one a line.
    fn message(&self) -> String {
        let date = self.issued_on.format("%Y-%m-%d").to_string();
        let fields = [self.series.code(), &self.number, &date, &self.holder, &self.iin, &self.employer];
        std::iter::once(HEADER.to_owned()).chain(fields.map(field)).collect::<Vec<_>>().join("\n")
    }

    /// The QR code's text: the claim and its signature by `key`.
    pub fn signed(&self, key: &UniversityKey) -> String {
        let message = self.message();
        let signature = key.0.sign(message.as_bytes());
        format!("{message}\n{}", STANDARD_NO_PAD.encode(signature.to_bytes()))
    }
}

/// What a QR code's text proves against a public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Signed by the key: the text is the university's.
    Signed(Claim),
    /// Read as a claim, but the signature does not match: the text was altered, or another
    /// university signed it.
    Altered(Claim),
}

/// Reads a QR code's text and checks its signature by `public`.
pub fn read(text: &str, public: &VerifyingKey) -> Result<Reading, ClaimError> {
    let text = text.trim().replace("\r\n", "\n");
    let (message, signature) = text.rsplit_once('\n').ok_or(ClaimError::NotOurs)?;
    let lines: Vec<&str> = message.split('\n').collect();
    let [HEADER, series, number, date, holder, iin, employer] = lines[..] else {
        return Err(ClaimError::NotOurs);
    };
    let claim = Claim {
        series: PaperSeries::from_code(series).ok_or(ClaimError::NotOurs)?,
        number: number.to_owned(),
        issued_on: NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| ClaimError::NotOurs)?,
        holder: holder.to_owned(),
        iin: iin.to_owned(),
        employer: employer.to_owned(),
    };
    let signature = STANDARD_NO_PAD
        .decode(signature.trim())
        .ok()
        .and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
        .map(|bytes| Signature::from_bytes(&bytes));
    // The claim's own message, not the text read: a field changed in any way fails.
    let genuine = signature.is_some_and(|s| public.verify(claim.message().as_bytes(), &s).is_ok())
        && claim.message() == message;
    Ok(if genuine { Reading::Signed(claim) } else { Reading::Altered(claim) })
}

/// The texts of the QR codes found in a PNG image (a scanned or rendered page).
pub fn texts_in_png(bytes: &[u8]) -> Result<Vec<String>, ClaimError> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|_| ClaimError::NotAnImage)?;
    let mut pixels = vec![0; reader.output_buffer_size().ok_or(ClaimError::NotAnImage)?];
    let frame = reader.next_frame(&mut pixels).map_err(|_| ClaimError::NotAnImage)?;
    let channels = frame.color_type.samples();
    let (width, height) = (frame.width as usize, frame.height as usize);
    // Grey from the first channel (a scan's red, or its grey): the code is black on white.
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[(y * width + x) * channels]);
    Ok(image.detect_grids().iter().filter_map(|grid| grid.decode().ok()).map(|(_, text)| text).collect())
}

/// The university's signing key: made once, kept in the register's file.
pub struct UniversityKey(SigningKey);

impl UniversityKey {
    /// A new key from the operating system's randomness.
    pub fn generate() -> Result<UniversityKey, ClaimError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|_| ClaimError::NoRandomness)?;
        Ok(UniversityKey(SigningKey::from_bytes(&seed)))
    }

    pub fn from_seed(seed: &[u8; 32]) -> UniversityKey {
        UniversityKey(SigningKey::from_bytes(seed))
    }

    pub fn seed(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    pub fn public(&self) -> VerifyingKey {
        self.0.verifying_key()
    }
}

/// The public key as text, to hand to employers: `JOLDAMA1-KEY` and the key in base64.
pub fn public_text(public: &VerifyingKey) -> String {
    format!("{HEADER}-KEY {}", STANDARD_NO_PAD.encode(public.to_bytes()))
}

/// The public key from its text.
pub fn parse_public(text: &str) -> Result<VerifyingKey, ClaimError> {
    let encoded = text.trim().strip_prefix(&format!("{HEADER}-KEY")).ok_or(ClaimError::BadKey)?;
    let bytes = STANDARD_NO_PAD.decode(encoded.trim()).map_err(|_| ClaimError::BadKey)?;
    let bytes = <[u8; 32]>::try_from(bytes).map_err(|_| ClaimError::BadKey)?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| ClaimError::BadKey)
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClaimError {
    #[error("not a Joldama paper's code")]
    NotOurs,
    #[error("not a Joldama public key")]
    BadKey,
    #[error("no randomness for a key")]
    NoRandomness,
    /// Neither a public key given nor one in the register (it has signed no paper yet).
    #[error("no public key")]
    NoKey,
    #[error("not a PNG image")]
    NotAnImage,
    #[error("no QR code in the image")]
    NoCode,
}

impl UserFacing for ClaimError {
    /// Stable codes: `claim_not_ours`, `claim_bad_key`, `claim_no_randomness`, `claim_no_key`,
    /// `claim_not_an_image`, `claim_no_code`.
    fn code(&self) -> &'static str {
        match self {
            ClaimError::NotOurs => "claim_not_ours",
            ClaimError::BadKey => "claim_bad_key",
            ClaimError::NoRandomness => "claim_no_randomness",
            ClaimError::NoKey => "claim_no_key",
            ClaimError::NotAnImage => "claim_not_an_image",
            ClaimError::NoCode => "claim_no_code",
        }
    }

    fn message(&self) -> Text {
        match self {
            ClaimError::NotOurs => Text::new(
                "Бұл мәтін Joldama құжатының QR коды емес",
                "Этот текст не является QR-кодом документа Joldama",
            ),
            ClaimError::BadKey => Text::new(
                "Бұл мәтін университеттің ашық кілті емес (ол «JOLDAMA1-KEY» деп басталады)",
                "Этот текст не является открытым ключом университета (он начинается с «JOLDAMA1-KEY»)",
            ),
            ClaimError::NoRandomness => Text::new(
                "Жүйе кілт жасауға кездейсоқ сандар бермеді",
                "Система не дала случайных чисел для создания ключа",
            ),
            ClaimError::NoKey => Text::new(
                "Тексеретін кілт жоқ: тізілім әлі бірде-бір құжатқа қол қоймаған, университеттің ашық кілтін беріңіз",
                "Нет ключа для проверки: реестр ещё не подписал ни одного документа, укажите открытый ключ университета",
            ),
            ClaimError::NotAnImage => Text::new(
                "Сурет PNG пішімінде емес немесе бүлінген: бетті PNG етіп сканерлеңіз",
                "Изображение не в формате PNG или повреждено: отсканируйте страницу в PNG",
            ),
            ClaimError::NoCode => Text::new(
                "Суретте QR код табылмады: бетті анығырақ сканерлеңіз (кемінде 300 dpi)",
                "На изображении не найден QR-код: отсканируйте страницу чётче (не менее 300 dpi)",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim() -> Claim {
        Claim {
            series: PaperSeries::Referral,
            number: "2025/1-0001".into(),
            issued_on: NaiveDate::from_ymd_opt(2025, 6, 20).unwrap(),
            holder: "Әбдіраһманова Шаһизада Ғалымжанқызы".into(),
            iin: mask(&Iin::parse("871008401427").unwrap()),
            employer: "940140000385".into(),
        }
    }

    #[test]
    fn a_signed_claim_reads_back_and_any_change_is_caught() {
        let key = UniversityKey::from_seed(&[7; 32]);
        let text = claim().signed(&key);
        assert!(text.starts_with("JOLDAMA1\nreferral\n2025/1-0001\n2025-06-20\nӘбдіраһманова"), "{text}");
        assert_eq!(read(&text, &key.public()), Ok(Reading::Signed(claim())));
        // Read from a scanner that ends lines in CR LF, with a trailing line break.
        assert_eq!(
            read(&format!("{}\r\n", text.replace('\n', "\r\n")), &key.public()),
            Ok(Reading::Signed(claim()))
        );

        let altered = text.replace("2025/1-0001", "2025/1-0002");
        assert!(
            matches!(read(&altered, &key.public()), Ok(Reading::Altered(c)) if c.number == "2025/1-0002")
        );
        let other = UniversityKey::from_seed(&[8; 32]);
        assert!(matches!(read(&text, &other.public()), Ok(Reading::Altered(_))));
        assert_eq!(read("https://example.com", &key.public()), Err(ClaimError::NotOurs));
    }

    #[test]
    fn the_iin_is_masked_and_the_key_travels_as_text() {
        assert_eq!(claim().iin, "8710****1427");
        let key = UniversityKey::from_seed(&[7; 32]);
        let text = public_text(&key.public());
        assert!(text.starts_with("JOLDAMA1-KEY "));
        assert_eq!(parse_public(&text), Ok(key.public()));
        assert_eq!(parse_public("JOLDAMA1-KEY abc"), Err(ClaimError::BadKey));
    }
}
