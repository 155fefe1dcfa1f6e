//! Referral letter benchmark: 1,000 one-page letters with varied names, each rendered to its
//! own PDF on one thread. Prints letters per second and the average file size.
//!
//! `cargo bench -p joldama-core --bench letters [-- COUNT]`. Targets: ≥ 1,000 letters/s, ≤ 20 KB
//! (reportlab: 188 letters/s and 27 KB for a plain six-line letter on the same machine).

use std::time::Instant;

use chrono::NaiveDate;
use joldama_core::authentic::{Claim, UniversityKey, mask};
use joldama_core::classifiers::{Funding, Level};
use joldama_core::commission::PaperSeries;
use joldama_core::i18n::{Lang, Text};
use joldama_core::ident::{Bin, Iin};
use joldama_core::papers::{GraduateLine, Issue, ProtocolRef, ReferralLetter, University, render};

const SURNAMES: [&str; 8] =
    ["Әбдіраһманова", "Нұрғалиев", "Сүлейменова", "Жұмабаев", "Өтегенова", "Құдайбергенов", "Иванова", "Ким"];
const NAMES: [&str; 6] = ["Шаһизада", "Айдос", "Гүлнұр", "Ерұлан", "Мария", "Дәулет"];
const PATRONYMICS: [&str; 5] = ["Ғалымжанқызы", "Серікұлы", "Бекқызы", "Петровна", ""];
const EMPLOYERS: [&str; 4] = [
    "«Өскемен қаласының № 12 жалпы білім беретін мектебі» КММ",
    "«Қарағанды облыстық көпбейінді ауруханасы» ШЖҚ КМК",
    "ТОО «Восток-Агро Трейд»",
    "Шығыс Қазақстан облысы ветеринария басқармасының «Ұлан аудандық ветеринариялық станциясы» ШЖҚ КМК",
];

fn letters(count: usize) -> Vec<ReferralLetter> {
    let university = University {
        name: Text::new(
            "«Сәрсен Аманжолов атындағы Шығыс Қазақстан университеті» КеАҚ",
            "НАО «Восточно-Казахстанский университет имени Сарсена Аманжолова»",
        ),
        address: Text::new(
            "070020, Өскемен қ., Гвардиялық дивизия к-сі, 34",
            "070020, г. Усть-Каменогорск, 34",
        ),
        letterhead: Text::new("Тел. 8 (727) 000-00-00", "Тел. 8 (727) 000-00-00"),
    };
    // Signed once per letter here, as printing does; rendering is what is timed.
    let key = UniversityKey::from_seed(&[7; 32]);
    let iins = (0u32..).filter_map(|n| {
        let body = format!("0{}0{}1{}5{:04}", n % 10, 1 + n % 9, n % 3, n % 10_000);
        (0..10).find_map(|d| Iin::parse(&format!("{body}{d}")).ok())
    });
    iins.take(count)
        .enumerate()
        .map(|(n, iin)| {
            let full_name = format!(
                "{} {} {}",
                SURNAMES[n % SURNAMES.len()],
                NAMES[n / SURNAMES.len() % NAMES.len()],
                PATRONYMICS[n % PATRONYMICS.len()]
            );
            ReferralLetter {
                issue: Issue {
                    lang: if n % 2 == 0 { Lang::Kk } else { Lang::Ru },
                    number: format!("12/{n}"),
                    date: NaiveDate::from_ymd_opt(2025, 6, 20).unwrap(),
                    university: university.clone(),
                    protocol: ProtocolRef { number: 5, date: NaiveDate::from_ymd_opt(2025, 6, 20).unwrap() },
                    chair: "Нұрғалиев Жомарт Қасымұлы".into(),
                    secretary: "Сүлейменова Айгүл Өмірқызы".into(),
                    cancelled: false,
                    qr: Some(
                        Claim {
                            series: PaperSeries::Referral,
                            number: format!("2025/1-{n:04}"),
                            issued_on: NaiveDate::from_ymd_opt(2025, 6, 20).unwrap(),
                            holder: full_name.clone(),
                            iin: mask(&iin),
                            employer: "940140000385".into(),
                        }
                        .signed(&key),
                    ),
                    graduate: GraduateLine {
                        full_name,
                        iin,
                        program_code: "6B01501".into(),
                        program_name: "Математика".into(),
                        level: Level::Bachelor,
                        graduation_year: 2025,
                        funding: Funding::StateOrder,
                    },
                },
                employer_name: EMPLOYERS[n % EMPLOYERS.len()].into(),
                employer_bin: Bin::parse("940140000385").unwrap(),
                employer_address: "Шығыс Қазақстан облысы, Өскемен қ., Үшанов к-сі, 45".into(),
                position: "Математика пәнінің мұғалімі".into(),
                arrival_date: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
                term_years: 3,
            }
        })
        .collect()
}

fn main() {
    let count = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1000);
    let letters = letters(count);
    // The fonts are parsed once per process; that is not a letter's cost.
    render(&[&letters[0]]).expect("renders");
    let start = Instant::now();
    let mut bytes = 0usize;
    for letter in &letters {
        bytes += render(&[letter]).expect("renders").len();
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{count} letters in {seconds:.2} s: {:.0} letters/s on one core, {:.1} KB per letter on average",
        count as f64 / seconds,
        bytes as f64 / count as f64 / 1024.0
    );
}
