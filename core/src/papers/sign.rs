//! The chair's (or a member's) digital signature on a paper: PAdES (ETSI.CAdES.detached) from
//! the RSA key of a PKCS#12 file, the form NCA RK issues, appended to the PDF as an
//! incremental update so that every earlier signature stays valid and the members of a
//! commission can sign one protocol in turn. Each signature shows a stamp naming the signer,
//! the certificate's serial and the time, in both languages, in a margin of the last page.
//!
//! GOST keys live in NCALayer, not in a file; the README describes that route.

use chrono::NaiveDateTime;
use der::Decode;
use underskrift::visual::{
    Border, Color, FontSpec, Measurement, SignatureLayout, SignatureRect, TextConfig, TextLine,
    VisibleSignatureConfig,
};
use underskrift::{CryptoSigner, PdfSigner, SigningOptions, SoftwareSigner};
use x509_cert::Certificate;

use super::fonts::REGULAR_TTF;
use super::layout::{MARGIN_LEFT, MARGIN_RIGHT, MM, PAGE_HEIGHT, PAGE_WIDTH};
use crate::i18n::{Text, UserFacing};

/// A stamp fits a margin (18 mm) with room to spare.
const STAMP_WIDTH: f32 = 55.0 * MM;
const STAMP_HEIGHT: f32 = 14.0 * MM;
const STAMP_GAP: f32 = 2.0 * MM;

/// Room for the CMS: the signature and the signer's chain (NCA's chains are two certificates of
/// under 2 KB each; an RSA-2048 CMS with them is about 5 KB).
const CONTENT_SIZE: usize = 8 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("not a PKCS#12 keystore or wrong password: {0}")]
    Keystore(String),
    #[error("the keystore's certificate cannot be read: {0}")]
    Certificate(String),
    #[error("the keystore holds no RSA key: {0}")]
    NotRsa(String),
    #[error("not a PDF or damaged: {0}")]
    Pdf(String),
    #[error("signing failed: {0}")]
    Signing(String),
}

impl UserFacing for SignError {
    /// Stable codes: `sign_keystore`, `sign_certificate`, `sign_not_rsa`, `sign_pdf`, `sign_failed`.
    fn code(&self) -> &'static str {
        match self {
            SignError::Keystore(_) => "sign_keystore",
            SignError::Certificate(_) => "sign_certificate",
            SignError::NotRsa(_) => "sign_not_rsa",
            SignError::Pdf(_) => "sign_pdf",
            SignError::Signing(_) => "sign_failed",
        }
    }

    fn message(&self) -> Text {
        match self {
            SignError::Keystore(_) => Text::new(
                "Кілт файлы ашылмады: құпиясөз қате немесе бұл PKCS#12 (.p12) файлы емес. \
                 ГОСТ кілттері NCALayer арқылы ғана қол қояды.",
                "Файл ключа не открыт: неверный пароль или это не файл PKCS#12 (.p12). \
                 Ключи ГОСТ подписывают только через NCALayer.",
            ),
            SignError::Certificate(_) => Text::new(
                "Кілт файлындағы сертификат оқылмады",
                "Не удалось прочитать сертификат в файле ключа",
            ),
            SignError::NotRsa(_) => Text::new(
                "Бұл кілт RSA емес: файлдан тек RSA кілтімен қол қоюға болады, ГОСТ кілті NCALayer арқылы қол қояды.",
                "Это не ключ RSA: из файла подписывает только ключ RSA, ключ ГОСТ подписывает через NCALayer.",
            ),
            SignError::Pdf(_) => Text::new(
                "Бұл файл PDF емес немесе бүлінген: оған қол қою мүмкін емес",
                "Этот файл не PDF или повреждён: подписать его нельзя",
            ),
            // The library's own words are English: they stay in the error's Display, for logs.
            SignError::Signing(_) => Text::new(
                "Қол қою сәтсіз аяқталды: құжат немесе кілт бұл әдіспен қол қоюға жарамайды",
                "Подписать не удалось: документ или ключ не подходит для такой подписи",
            ),
        }
    }
}

/// A signer's key opened from its file; the password is used here and not kept.
pub struct SigningKey {
    signer: SoftwareSigner,
    holder: String,
    serial: String,
}

impl SigningKey {
    pub fn open(p12: &[u8], password: &str) -> Result<SigningKey, SignError> {
        let store = p12_keystore::KeyStore::from_pkcs12(p12, password)
            .map_err(|e| SignError::Keystore(e.to_string()))?;
        let chain = store
            .entries()
            .find_map(|(_, entry)| match entry {
                p12_keystore::KeyStoreEntry::PrivateKeyChain(chain) => Some(chain),
                _ => None,
            })
            .ok_or_else(|| SignError::Keystore("no private key".into()))?;
        let certificates = chain.chain().iter().map(|c| c.as_der().to_vec()).collect();
        let signer = SoftwareSigner::from_rsa_der(chain.key(), certificates)
            .map_err(|e| SignError::NotRsa(e.to_string()))?;
        let cert = Certificate::from_der(signer.certificate_der())
            .map_err(|e| SignError::Certificate(e.to_string()))?;
        let tbs = &cert.tbs_certificate;
        let holder = common_name(&tbs.subject).unwrap_or_else(|| tbs.subject.to_string());
        let serial = tbs.serial_number.as_bytes().iter().map(|b| format!("{b:02X}")).collect();
        Ok(SigningKey { signer, holder, serial })
    }

    /// The certificate's holder, as the certificate names them (NCA: «SURNAME NAME»).
    pub fn holder(&self) -> &str {
        &self.holder
    }

    pub fn serial(&self) -> &str {
        &self.serial
    }
}

/// The subject's common name (OID 2.5.4.3), in whichever string type the CA chose.
fn common_name(name: &x509_cert::name::Name) -> Option<String> {
    use der::asn1::{PrintableStringRef, Utf8StringRef};
    const CN: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("2.5.4.3");
    let value = name.0.iter().flat_map(|rdn| rdn.0.iter()).find(|atv| atv.oid == CN)?;
    value
        .value
        .decode_as::<Utf8StringRef>()
        .map(|s| s.to_string())
        .or_else(|_| value.value.decode_as::<PrintableStringRef>().map(|s| s.to_string()))
        .ok()
}

fn load(pdf: &[u8]) -> Result<lopdf::Document, SignError> {
    lopdf::Document::load_mem(pdf).map_err(|e| SignError::Pdf(e.to_string()))
}

fn signatures(doc: &lopdf::Document) -> usize {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).is_ok_and(|n| n == b"Sig"))
        .count()
}

/// How many signatures the PDF holds.
pub fn signatures_in(pdf: &[u8]) -> Result<usize, SignError> {
    Ok(signatures(&load(pdf)?))
}

/// A signed PDF, and how many signatures it now holds.
#[derive(Debug)]
pub struct Signed {
    pub pdf: Vec<u8>,
    pub signatures: usize,
}

/// Signs `pdf` with `key` at `at` (the signer's local time, shown on the stamp). The new
/// signature takes the next field name and stamp place after those the PDF holds.
pub fn sign(pdf: &[u8], key: &SigningKey, at: NaiveDateTime) -> Result<Signed, SignError> {
    let doc = load(pdf)?;
    let before = signatures(&doc);
    let last_page = u32::try_from(doc.get_pages().len().saturating_sub(1)).unwrap_or(0);
    let (left, top) = slot(before);
    let options = SigningOptions {
        field_name: format!("Signature{}", before + 1),
        page: last_page,
        content_size: CONTENT_SIZE,
        visible_signature: Some(VisibleSignatureConfig {
            page: last_page,
            rect: SignatureRect::Positioned {
                left: Measurement::Points(left),
                top: Measurement::Points(top),
                width: Measurement::Points(STAMP_WIDTH),
                height: Measurement::Points(STAMP_HEIGHT),
            },
            layout: SignatureLayout::TextOnly(stamp_text(key, at)),
            background_color: None,
            border: Some(Border { width: 0.6, color: Color { r: 0.1, g: 0.2, b: 0.55 } }),
        }),
        ..SigningOptions::default()
    };
    let signed = futures_executor::block_on(PdfSigner::new().options(options).sign(pdf, &key.signer))
        .map_err(|e| SignError::Signing(e.to_string()))?;
    Ok(Signed { pdf: signed, signatures: before + 1 })
}

/// Where the n-th signature's stamp goes on the last page: the bottom margin's two corners,
/// either side of the page number; then three across the top margin (a letter's QR code is
/// below it); past five, in pairs up from the bottom over the text, which only a commission of
/// more than five signers meets.
fn slot(n: usize) -> (f32, f32) {
    let right = PAGE_WIDTH - MARGIN_RIGHT - STAMP_WIDTH;
    let middle = (MARGIN_LEFT + right) / 2.0;
    let bottom_row = PAGE_HEIGHT - STAMP_GAP - STAMP_HEIGHT;
    let (left, top) = match n {
        0 | 1 => ([MARGIN_LEFT, right][n], bottom_row),
        2..=4 => ([MARGIN_LEFT, middle, right][n - 2], STAMP_GAP),
        _ => {
            let k = n - 5;
            ([MARGIN_LEFT, right][k % 2], bottom_row - (k / 2 + 1) as f32 * (STAMP_HEIGHT + STAMP_GAP))
        }
    };
    (left, top)
}

fn stamp_text(key: &SigningKey, at: NaiveDateTime) -> TextConfig {
    let blue = Color { r: 0.1, g: 0.2, b: 0.55 };
    TextConfig {
        lines: vec![
            TextLine::new("Электрондық цифрлық қолтаңбамен қол қойылған"),
            TextLine::new("Подписано ЭЦП"),
            TextLine::new(key.holder.clone()),
            // NCA's serials are 40 hex digits: a line of their own.
            TextLine::new("Сертификат №"),
            TextLine::new(key.serial.clone()),
            TextLine::new(at.format("%d.%m.%Y %H:%M").to_string()),
        ],
        font: FontSpec::Embedded { data: REGULAR_TTF.to_vec(), name: "NotoSerif".into() },
        font_size: 5.0,
        color: blue,
        line_spacing: 1.15,
        padding: 2.0,
        ..TextConfig::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::papers::layout::{MARGIN_BOTTOM, MARGIN_TOP};

    #[test]
    fn stamps_never_cover_each_other_and_the_first_five_keep_to_the_margins() {
        let slots: Vec<(f32, f32)> = (0..9).map(slot).collect();
        for (i, a) in slots.iter().enumerate() {
            assert!(a.0 >= MARGIN_LEFT && a.0 + STAMP_WIDTH <= PAGE_WIDTH - MARGIN_RIGHT + 0.01, "{i}");
            assert!(a.1 >= 0.0 && a.1 + STAMP_HEIGHT <= PAGE_HEIGHT, "{i}");
            if i < 5 {
                let in_top = a.1 + STAMP_HEIGHT <= MARGIN_TOP;
                let in_bottom = a.1 >= PAGE_HEIGHT - MARGIN_BOTTOM;
                assert!(in_top || in_bottom, "stamp {i} at {a:?} is over the text");
            }
            for (j, b) in slots.iter().enumerate().skip(i + 1) {
                let apart = a.0 + STAMP_WIDTH <= b.0
                    || b.0 + STAMP_WIDTH <= a.0
                    || a.1 + STAMP_HEIGHT <= b.1
                    || b.1 + STAMP_HEIGHT <= a.1;
                assert!(apart, "stamps {i} and {j} overlap");
            }
        }
    }
}
