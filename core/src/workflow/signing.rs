//! Signing a printed paper with a member's key file: the chair signs the letters and
//! certificates, every member present the protocol, each in turn on the same file.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::WorkflowError;
use crate::papers::sign::{self, SigningKey};

/// A PDF to sign with the PKCS#12 file `keystore`. The password is used once and kept
/// nowhere (hence no `Debug`); the signed paper replaces the file unless `out` names another.
#[derive(Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SignRequest {
    pub pdf: PathBuf,
    pub keystore: PathBuf,
    pub password: String,
    pub out: Option<PathBuf>,
}

/// A paper signed: where it is, whose signature was added, and how many it now holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SignedPaper {
    pub file: PathBuf,
    pub holder: String,
    pub serial: String,
    pub signatures: u32,
}

/// Signs the request's PDF at `at` (the desk's local time, printed on the stamp). The file is
/// replaced whole or not at all.
pub fn sign_paper(request: &SignRequest, at: NaiveDateTime) -> Result<SignedPaper, WorkflowError> {
    let key = SigningKey::open(&WorkflowError::read(&request.keystore)?, &request.password)?;
    let signed = sign::sign(&WorkflowError::read(&request.pdf)?, &key, at)?;
    let file = request.out.clone().unwrap_or_else(|| request.pdf.clone());
    WorkflowError::write(&file, &signed.pdf)?;
    let signatures = u32::try_from(signed.signatures).unwrap_or(u32::MAX);
    Ok(SignedPaper { file, holder: key.holder().to_owned(), serial: key.serial().to_owned(), signatures })
}
