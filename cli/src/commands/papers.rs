//! `letters`, `protocol`, `issued`, `verify` and `sign`: a meeting's papers as PDF, the register
//! of papers issued, and a paper checked or signed.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use clap::Args;
use joldama_core::authentic;
use joldama_core::papers::{FileNames, Output};
use joldama_core::task::Watch;
use joldama_core::workflow::verify::Shown;
use joldama_core::workflow::{WorkflowError, papers, signing, verify};
use serde::Serialize;

use crate::error::Failure;
use crate::{Cli, args};

#[derive(Args)]
pub struct LettersArgs {
    /// The meeting whose decisions' papers to print.
    #[arg(long)]
    meeting: i64,
    /// A folder (one PDF per paper), or with `--combined` one PDF file.
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    combined: bool,
    /// Add the graduate's name to each paper's file name (by default the number alone, so
    /// that a folder's listing names nobody).
    #[arg(long)]
    named_files: bool,
    /// The date a paper printed for the first time carries; by default the meeting's date.
    #[arg(long)]
    date: Option<String>,
}

#[derive(Args)]
pub struct ProtocolArgs {
    meeting: i64,
    /// The PDF file to write.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Serialize)]
struct Written {
    files: Vec<PathBuf>,
}

pub fn letters(cli: &Cli, a: &LettersArgs) -> Result<(), Failure> {
    let mut store = cli.open_store()?;
    let date = args::date_opt(a.date.as_deref())?;
    let names = if a.named_files { FileNames::NumberAndName } else { FileNames::Number };
    let output = if a.combined { Output::Combined(&a.out) } else { Output::Folder(&a.out, names) };
    let out = cli.printer();
    let quiet = cli.json;
    let watch = Watch::new(Arc::new(AtomicBool::new(false)), move |p| {
        if !quiet {
            eprint!("\r{}/{}", p.done, p.total.unwrap_or_default());
        }
    });
    let files = papers::print_meeting(&mut store, a.meeting, cli.lang, date, output, &cli.change(), &watch)?;
    out.show(&Written { files: files.clone() }, || {
        eprintln!();
        println!("{}: {}", out.t("Жазылған файлдар", "Записано файлов"), files.len());
        files.iter().for_each(|f| println!("  {}", f.display()));
    });
    Ok(())
}

pub fn protocol(cli: &Cli, a: &ProtocolArgs) -> Result<(), Failure> {
    let store = cli.open_store()?;
    let files = vec![papers::print_protocol(&store, a.meeting, cli.lang, &a.out)?];
    let out = cli.printer();
    out.show(&Written { files: files.clone() }, || println!("{}", a.out.display()));
    Ok(())
}

#[derive(Args)]
pub struct IssuedArgs {
    /// The commission's year.
    #[arg(long)]
    year: i32,
    /// The file to write.
    #[arg(long)]
    out: PathBuf,
    /// An Excel workbook instead of a PDF.
    #[arg(long)]
    xlsx: bool,
}

pub fn issued(cli: &Cli, a: &IssuedArgs) -> Result<(), Failure> {
    let store = cli.open_store()?;
    let write = if a.xlsx { papers::export_register } else { papers::print_register };
    let files = vec![write(&store, a.year, cli.lang, args::today(), &a.out)?];
    let out = cli.printer();
    out.show(&Written { files: files.clone() }, || println!("{}", a.out.display()));
    Ok(())
}

#[derive(Args)]
pub struct VerifyArgs {
    /// The QR code's text, as a reader shows it.
    text: Option<String>,
    /// A PNG scan of the page instead of the text.
    #[arg(long, conflicts_with = "text", required_unless_present = "text")]
    image: Option<PathBuf>,
    /// The university's public key file (`public-key --out`): check without the register.
    #[arg(long)]
    key: Option<PathBuf>,
}

#[derive(Args)]
pub struct SignArgs {
    /// The PDF to sign.
    pdf: PathBuf,
    /// The signer's key file (PKCS#12).
    #[arg(long)]
    p12: PathBuf,
    /// Write the signed paper here instead of replacing the PDF.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Read the password from the first line of stdin (scripts), not from the terminal.
    #[arg(long)]
    password_stdin: bool,
}

#[derive(Args)]
pub struct PublicKeyArgs {
    /// The file to write.
    #[arg(long)]
    out: PathBuf,
}

pub fn verify(cli: &Cli, a: &VerifyArgs) -> Result<(), Failure> {
    let key = match &a.key {
        Some(path) => Some(authentic::parse_public(&String::from_utf8_lossy(&WorkflowError::read(path)?))?),
        None => None,
    };
    // With a key the employer's way: no register needed, none opened.
    let store = if key.is_some() { None } else { Some(cli.open_store()?) };
    let store = store.as_deref();
    let shown = match (&a.image, &a.text) {
        (Some(image), _) => Shown::Scan(image),
        (None, text) => Shown::Text(text.as_deref().unwrap_or_default()),
    };
    let checked = verify::check(store, key.as_ref(), shown)?;
    let out = cli.printer();
    out.show(&checked, || println!("{}", out.t(&checked.message.kk, &checked.message.ru)));
    Ok(())
}

pub fn public_key(cli: &Cli, a: &PublicKeyArgs) -> Result<(), Failure> {
    let store = cli.open_store()?;
    let text = verify::public_key(&store)?;
    WorkflowError::write(&a.out, format!("{text}\n").as_bytes())?;
    let out = cli.printer();
    out.show(&Written { files: vec![a.out.clone()] }, || println!("{}", a.out.display()));
    Ok(())
}

/// A password: from the terminal without echo (asked with `prompt`), or a line of stdin.
pub(crate) fn password(from_stdin: bool, prompt: &str) -> Result<String, WorkflowError> {
    let read = if from_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line.trim_end_matches(['\r', '\n']).to_owned())
    } else {
        rpassword::prompt_password(prompt)
    };
    read.map_err(|e| WorkflowError::File { path: PathBuf::from("stdin"), writing: false, kind: e.kind() })
}

pub fn sign(cli: &Cli, a: &SignArgs) -> Result<(), Failure> {
    let request = signing::SignRequest {
        pdf: a.pdf.clone(),
        keystore: a.p12.clone(),
        password: password(a.password_stdin, "Кілттің құпиясөзі / Пароль ключа: ")?,
        out: a.out.clone(),
    };
    let signed = signing::sign_paper(&request, chrono::Local::now().naive_local())?;
    let out = cli.printer();
    out.show(&signed, || {
        println!(
            "{}",
            out.t(
                &format!(
                    "{}: {} қол қойды ({} қолтаңба)",
                    signed.file.display(),
                    signed.holder,
                    signed.signatures
                ),
                &format!(
                    "{}: подписал {} (подписей: {})",
                    signed.file.display(),
                    signed.holder,
                    signed.signatures
                ),
            )
        )
    });
    Ok(())
}
