//! Checking a paper from its QR code: the signature against the university's key, then, with
//! the register at hand, whether the register issued that paper as printed and whether it
//! still stands.

use std::path::Path;

use ed25519_dalek::VerifyingKey;
use serde::Serialize;

use super::{Entity, WorkflowError};
use crate::authentic::{self, Claim, ClaimError, Reading};
use crate::i18n::Text;
use crate::store::Db;

/// What a paper's QR code proves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", content = "claim", rename_all = "snake_case")]
pub enum Verdict {
    /// Signed by the university; the register issued it as printed and it stands.
    Valid(Claim),
    /// Signed, but its decision was revised: the register cancelled it.
    Cancelled(Claim),
    /// Signed, but this register has no paper of that number (another file, or a copy older
    /// than the paper).
    Unknown(Claim),
    /// The text does not match its signature, or the register's record of that number.
    Altered(Claim),
    /// Signed by the key; without the register, whether it still stands is not known.
    Signed(Claim),
}

impl Verdict {
    pub fn code(&self) -> &'static str {
        match self {
            Verdict::Valid(_) => "valid",
            Verdict::Cancelled(_) => "cancelled",
            Verdict::Unknown(_) => "unknown",
            Verdict::Altered(_) => "altered",
            Verdict::Signed(_) => "signed",
        }
    }

    pub fn claim(&self) -> &Claim {
        match self {
            Verdict::Valid(c)
            | Verdict::Cancelled(c)
            | Verdict::Unknown(c)
            | Verdict::Altered(c)
            | Verdict::Signed(c) => c,
        }
    }

    /// The verdict in words, naming the paper.
    pub fn message(&self) -> Text {
        let c = self.claim();
        let (number, holder) = (&c.number, &c.holder);
        match self {
            Verdict::Valid(_) => Text::new(
                format!("№{number} құжат ({holder}) түпнұсқа: тізілімде бар және күшінде."),
                format!("Документ №{number} ({holder}) подлинный: есть в реестре и действует."),
            ),
            Verdict::Cancelled(_) => Text::new(
                format!("№{number} құжат ({holder}) жойылған: шешім қайта қаралды."),
                format!("Документ №{number} ({holder}) аннулирован: решение пересмотрено."),
            ),
            Verdict::Unknown(_) => Text::new(
                format!("№{number} құжатқа университет қол қойған, бірақ бұл тізілімде ол жоқ."),
                format!("Документ №{number} подписан университетом, но в этом реестре его нет."),
            ),
            Verdict::Altered(_) => Text::new(
                format!(
                    "№{number} құжаттың мәтіні өзгертілген немесе оған басқа кілт қол қойған: түпнұсқа емес."
                ),
                format!(
                    "Текст документа №{number} изменён или подписан другим ключом: документ не подлинный."
                ),
            ),
            Verdict::Signed(_) => Text::new(
                format!(
                    "№{number} құжатқа ({holder}) университет қол қойған; күшінде екенін тізілім ғана айта алады."
                ),
                format!(
                    "Документ №{number} ({holder}) подписан университетом; действует ли он, скажет только реестр."
                ),
            ),
        }
    }
}

/// A verdict as it reaches the window or the command line: its code, what the paper claims,
/// and the verdict in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Checked {
    /// `valid`, `cancelled`, `unknown`, `altered` or `signed`.
    pub verdict: String,
    pub claim: Claim,
    pub message: Text,
}

impl From<Verdict> for Checked {
    fn from(verdict: Verdict) -> Checked {
        Checked {
            verdict: verdict.code().to_owned(),
            message: verdict.message(),
            claim: verdict.claim().clone(),
        }
    }
}

/// Checks a QR code's `text`: against `key` (the university's public key, as an employer
/// holds it) or, when none is given, the register's own key; then against the register, if
/// at hand.
pub fn verify(store: Option<&Db>, key: Option<&VerifyingKey>, text: &str) -> Result<Verdict, WorkflowError> {
    let key = match (key, store) {
        (Some(key), _) => *key,
        (None, Some(store)) => store.university_public_key()?.ok_or(ClaimError::NoKey)?,
        (None, None) => return Err(ClaimError::NoKey.into()),
    };
    let claim = match authentic::read(text, &key)? {
        Reading::Altered(claim) => return Ok(Verdict::Altered(claim)),
        Reading::Signed(claim) => claim,
    };
    let Some(store) = store else { return Ok(Verdict::Signed(claim)) };
    let Some((decision_id, number)) = store.paper_by_number(&claim.number)? else {
        return Ok(Verdict::Unknown(claim));
    };
    let d = store
        .decision(decision_id)?
        .ok_or(WorkflowError::NotFound { what: Entity::Decision, id: decision_id })?;
    let graduate = super::decide::graduate(store, d.graduate_id)?;
    let vacancy = match &d.outcome {
        crate::commission::Outcome::Vacancy { vacancy_id, .. } => store.vacancy(*vacancy_id)?,
        _ => None,
    };
    let registered = super::papers::claim_of(
        &d,
        &number,
        &graduate.record.full_name(),
        &graduate.record.iin,
        vacancy.as_ref(),
    );
    Ok(match (registered == claim, number.cancelled) {
        (false, _) => Verdict::Altered(claim),
        (true, true) => Verdict::Cancelled(claim),
        (true, false) => Verdict::Valid(claim),
    })
}

/// The register's public key as text for employers (`JOLDAMA1-KEY …`), once a paper is signed.
pub fn public_key(store: &Db) -> Result<String, WorkflowError> {
    let key = store.university_public_key()?.ok_or(ClaimError::NoKey)?;
    Ok(authentic::public_text(&key))
}

/// What a paper is checked from: the text its QR code reads as, or a PNG scan of its page.
pub enum Shown<'a> {
    Text(&'a str),
    Scan(&'a Path),
}

/// Checks a paper as shown (a scan: its first Joldama QR code), as [`verify`] does, and
/// answers the verdict with its words: what the window and the command line show.
pub fn check(
    store: Option<&Db>,
    key: Option<&VerifyingKey>,
    shown: Shown<'_>,
) -> Result<Checked, WorkflowError> {
    let verdict = match shown {
        Shown::Text(text) => verify(store, key, text)?,
        Shown::Scan(path) => {
            let texts = authentic::texts_in_png(&WorkflowError::read(path)?)?;
            let text = texts.iter().find(|t| t.starts_with(authentic::HEADER)).ok_or(ClaimError::NoCode)?;
            verify(store, key, text)?
        }
    };
    Ok(verdict.into())
}
