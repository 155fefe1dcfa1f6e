//! A paper signed with a PKCS#12 key made here by `openssl`, checked by poppler's `pdfsig`: the
//! signature valid, two members signing one protocol in turn, one changed byte caught.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use joldama_core::i18n::{Lang, Text, UserFacing};
use joldama_core::papers::sign::{SigningKey, sign, signatures_in};
use joldama_core::papers::{Protocol, ProtocolRow, University, render};

const PASSWORD: &str = "Qwerty123";

fn run(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A self-signed RSA certificate in a .p12, as NCA RK issues them (the CN in Cyrillic, UTF-8).
fn keystore(dir: &Path, file: &str, holder: &str, legacy: bool) -> PathBuf {
    let (key, cert, p12) = (dir.join(format!("{file}.key")), dir.join(format!("{file}.crt")), dir.join(file));
    let subject = format!("/CN={holder}/C=KZ");
    let out = run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "30",
            "-utf8",
            "-subj",
            &subject,
            "-keyout",
            key.to_str().unwrap(),
            "-out",
            cert.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut export = vec![
        "pkcs12",
        "-export",
        "-inkey",
        key.to_str().unwrap(),
        "-in",
        cert.to_str().unwrap(),
        "-out",
        p12.to_str().unwrap(),
    ];
    let pass = format!("pass:{PASSWORD}");
    export.extend(["-passout", &pass]);
    if legacy {
        export.push("-legacy");
    }
    let out = run("openssl", &export);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    p12
}

fn protocol() -> Protocol {
    Protocol {
        lang: Lang::Kk,
        commission_name: "Дербес бөлу жөніндегі комиссия".into(),
        meeting_number: "5".into(),
        date: NaiveDate::from_ymd_opt(2025, 6, 20).unwrap(),
        place: Some("Қарағанды қ.".into()),
        university: University {
            name: Text::new("Сарыарқа университеті", "Университет «Сарыарка»"),
            address: Text::new("Қарағанды қ.", "г. Караганда"),
            letterhead: Text::new("", ""),
        },
        members: vec![("Төраға".into(), "Нұрғалиев Жомарт Қасымұлы".into())],
        absent: vec![],
        rows: vec![ProtocolRow {
            graduate_name: "Әбдіраһманова Шаһизада".into(),
            iin: "871008401427".parse().unwrap(),
            program_code: "6B01501".into(),
            decision: "жұмысқа жолдансын".into(),
        }],
        secretary: "Сүлейменова Айгүл Өмірқызы".into(),
        seal: None,
    }
}

/// `pdfsig`'s report; it exits non-zero when a signature does not verify, so both are kept.
fn pdfsig(path: &Path) -> String {
    let out = run("pdfsig", &[path.to_str().unwrap()]);
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn at(h: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 6, 20).unwrap().and_hms_opt(h, 30, 0).unwrap()
}

#[test]
fn two_members_sign_one_protocol_and_pdfsig_checks_both() {
    let dir = tempfile::tempdir().unwrap();
    let chair_p12 = keystore(dir.path(), "chair.p12", "НҰРҒАЛИЕВ ЖОМАРТ", false);
    let secretary_p12 = keystore(dir.path(), "secretary.p12", "СҮЛЕЙМЕНОВА АЙГҮЛ", true);
    let chair = SigningKey::open(&std::fs::read(&chair_p12).unwrap(), PASSWORD).unwrap();
    let secretary = SigningKey::open(&std::fs::read(&secretary_p12).unwrap(), PASSWORD).unwrap();
    assert_eq!(chair.holder(), "НҰРҒАЛИЕВ ЖОМАРТ");
    assert_eq!(chair.serial().len() % 2, 0, "{}", chair.serial());

    let pdf = render(&[&protocol()]).unwrap();
    assert_eq!(signatures_in(&pdf).unwrap(), 0);
    let once = sign(&pdf, &chair, at(10)).unwrap().pdf;
    assert!(once.starts_with(&pdf), "an incremental update keeps the paper's bytes");
    let path = dir.path().join("protocol.pdf");
    std::fs::write(&path, &once).unwrap();
    let report = pdfsig(&path);
    assert!(report.contains("Signature #1"), "{report}");
    assert!(report.contains("Signature is Valid"), "{report}");
    assert!(report.contains("Total document signed"), "{report}");
    assert!(report.contains("НҰРҒАЛИЕВ ЖОМАРТ"), "{report}");

    let twice = sign(&once, &secretary, at(11)).unwrap();
    assert_eq!(twice.signatures, 2);
    let twice = twice.pdf;
    assert_eq!(signatures_in(&twice).unwrap(), 2);
    std::fs::write(&path, &twice).unwrap();
    let report = pdfsig(&path);
    assert!(report.contains("Signature #2"), "{report}");
    assert_eq!(report.matches("Signature is Valid").count(), 2, "{report}");
    assert!(report.contains("СҮЛЕЙМЕНОВА АЙГҮЛ"), "{report}");

    // The stamps are drawn: rendered for looking at and read back.
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/papers");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::copy(&path, out.join("protocol-signed.pdf")).unwrap();
    let png = out.join("protocol-signed");
    assert!(
        run("pdftoppm", &["-r", "110", "-png", path.to_str().unwrap(), png.to_str().unwrap()])
            .status
            .success()
    );

    // One byte of the paper changed (a digit of the meeting's date in a content stream would
    // be deflated; the document's title is plain text): both signatures fail.
    let title = twice.windows(6).position(|w| w == b"/Title").expect("the PDF has a title");
    let mut altered = twice.clone();
    let at_byte = title + 10;
    altered[at_byte] = if altered[at_byte] == b'X' { b'Y' } else { b'X' };
    std::fs::write(&path, &altered).unwrap();
    let report = pdfsig(&path);
    assert!(!report.contains("Signature is Valid"), "{report}");
    assert!(report.contains("Signature is Invalid") || report.contains("Digest Mismatch"), "{report}");
}

#[test]
fn a_wrong_password_or_a_file_that_is_not_a_key_is_said_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let p12 = std::fs::read(keystore(dir.path(), "chair.p12", "НҰРҒАЛИЕВ ЖОМАРТ", false)).unwrap();
    for (bytes, password) in [(&p12[..], "wrong"), (&b"not a keystore"[..], PASSWORD)] {
        let error = SigningKey::open(bytes, password).err().expect("refused");
        assert_eq!(error.code(), "sign_keystore");
        assert!(error.message().kk.contains("құпиясөз"), "{}", error.message().kk);
        assert!(error.message().ru.contains("пароль"), "{}", error.message().ru);
    }
    let key = SigningKey::open(&p12, PASSWORD).unwrap();
    let error = sign(b"%PDF-1.7 broken", &key, at(10)).expect_err("refused");
    assert_eq!(error.code(), "sign_pdf");
}
