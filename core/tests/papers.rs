//! Papers read back with poppler's tools (poppler-utils): text, word boxes, page counts, fonts.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use joldama_core::authentic::{Claim, Reading, UniversityKey, mask, read, texts_in_png};
use joldama_core::classifiers::{Funding, Level, Region};
use joldama_core::commission::PaperSeries;
use joldama_core::i18n::{Lang, Text, UserFacing};
use joldama_core::ident::{Bin, Iin};
use joldama_core::papers::{
    CentreReferral, Certificate, CertificateKind, FileNames, GraduateLine, Issue, MARGIN_BOTTOM, MARGIN_LEFT,
    MARGIN_RIGHT, MARGIN_TOP, Output, PAGE_HEIGHT, PAGE_WIDTH, Paper, PaperError, Protocol, ProtocolRef,
    ProtocolRow, ReferralLetter, University, render, write_batch,
};

const NAME: &str = "Әбдіраһманова Шаһизада Ғалымжанқызы";
const IIN: &str = "871008401427";
const EMPLOYER: &str = "«Өскемен қаласының № 12 жалпы білім беретін мектебі» КММ";
const BIN: &str = "940140000385";
/// Full names as the commission's list holds them; papers sign them «Ж.Қ. Нұрғалиев».
const CHAIR: &str = "Нұрғалиев Жомарт Қасымұлы";
const SECRETARY: &str = "Сүлейменова Айгүл Өмірқызы";
const KAZAKH_LETTERS: [char; 9] = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];
/// 150 characters each, wider than the page: they must wrap, whole and inside the margins.
const LONG_EMPLOYER: &str = "Шығыс Қазақстан облысы білім басқармасының «Өскемен қаласының дарынды балаларға \
     арналған Әлихан Бөкейханов атындағы мамандандырылған лицейі» КММ (ШҚО)";
const LONG_ADDRESS: &str = "Шығыс Қазақстан облысы, Өскемен қаласы, Ұлан ауданы, Қасымов ауылдық округі, \
     Тәуелсіздіктің 30 жылдығы көшесі, 148а-үй, 3-қабат, 317/1-кабинет, 070000";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn university() -> University {
    University {
        name: Text::new(
            "«Сәрсен Аманжолов атындағы Шығыс Қазақстан университеті» КеАҚ",
            "НАО «Восточно-Казахстанский университет имени Сарсена Аманжолова»",
        ),
        address: Text::new(
            "070020, Өскемен қ., 30-шы Гвардиялық дивизия к-сі, 34",
            "070020, г. Усть-Каменогорск, ул. 30-й Гвардейской дивизии, 34",
        ),
        letterhead: Text::new("Тел. 8 (727) 000-00-00", "Тел. 8 (727) 000-00-00"),
    }
}

fn graduate() -> GraduateLine {
    GraduateLine {
        full_name: NAME.into(),
        iin: Iin::parse(IIN).unwrap(),
        program_code: "6B01501".into(),
        program_name: "Математика".into(),
        level: Level::Bachelor,
        graduation_year: 2025,
        funding: Funding::StateOrder,
    }
}

/// A letter's QR text, signed by a fixed test key.
fn qr(number: &str) -> String {
    let claim = Claim {
        series: PaperSeries::Referral,
        number: number.into(),
        issued_on: date(2025, 6, 20),
        holder: NAME.into(),
        iin: mask(&Iin::parse(IIN).unwrap()),
        employer: BIN.into(),
    };
    claim.signed(&UniversityKey::from_seed(&[7; 32]))
}

fn issue(lang: Lang, number: &str) -> Issue {
    Issue {
        lang,
        number: number.into(),
        date: date(2025, 6, 20),
        university: university(),
        graduate: graduate(),
        protocol: ProtocolRef { number: 5, date: date(2025, 6, 20) },
        chair: CHAIR.into(),
        secretary: SECRETARY.into(),
        cancelled: false,
        qr: Some(qr(number)),
    }
}

fn letter(lang: Lang) -> ReferralLetter {
    ReferralLetter {
        issue: issue(lang, "12/345"),
        employer_name: EMPLOYER.into(),
        employer_bin: Bin::parse(BIN).unwrap(),
        employer_address: "Шығыс Қазақстан облысы, Өскемен қ., Үшанов к-сі, 45".into(),
        position: "Математика пәнінің мұғалімі".into(),
        arrival_date: date(2025, 9, 1),
        term_years: 3,
    }
}

fn centre(lang: Lang) -> CentreReferral {
    CentreReferral {
        issue: issue(lang, "12/346"),
        region: Region::EastKazakhstan,
        term_years: 3,
        reason: None,
    }
}

fn exemption(lang: Lang) -> Certificate {
    Certificate {
        issue: issue(lang, "12/347"),
        kind: CertificateKind::Exemption {
            ground: "«Білім туралы» Заңның 47-бабының 17-2-тармағы: магистратураға түсу".into(),
            documents: vec!["Магистратураға қабылдау туралы бұйрықтың көшірмесі".into()],
        },
    }
}

fn deferral(lang: Lang) -> Certificate {
    Certificate {
        kind: CertificateKind::Deferral {
            reason: "Мерзімді әскери қызмет".into(),
            from: date(2025, 7, 1),
            to: Some(date(2026, 6, 30)),
        },
        issue: issue(lang, "12/348"),
    }
}

/// A valid IIN for 1 Jan 2003 with serial `n`; `None` for the serials never issued.
fn iin(n: u32) -> Option<Iin> {
    let body = format!("0301015{:04}", n % 10_000);
    (0..10).find_map(|d| Iin::parse(&format!("{body}{d}")).ok())
}

fn protocol(lang: Lang, rows: usize) -> Protocol {
    let rows = (0..)
        .filter_map(|n| iin(n).map(|iin| (n, iin)))
        .take(rows)
        .map(|(n, iin)| ProtocolRow {
            // The first row is the graduate of the other papers.
            graduate_name: if n == 0 { NAME.into() } else { format!("Түлек {n} Тұрсынұлы") },
            iin: if n == 0 { graduate().iin } else { iin },
            program_code: "6B01501".into(),
            decision: format!("{EMPLOYER} мекемесіне жұмысқа жолдансын (№ 12/{n})"),
        })
        .collect();
    Protocol {
        lang,
        commission_name: "Дербес бөлу жөніндегі комиссия".into(),
        meeting_number: "5".into(),
        date: date(2025, 6, 20),
        place: Some("Өскемен қ., Ғылыми кеңес залы".into()),
        university: university(),
        members: vec![
            ("Төраға".into(), CHAIR.into()),
            ("Төрағаның орынбасары".into(), "Омарова Бибігүл Әлібекқызы".into()),
            ("Мүше".into(), "Жұмабаев Ерлан Үсенұлы".into()),
            ("Хатшы".into(), SECRETARY.into()),
        ],
        absent: vec![("Мүше".into(), "Ким Ольга Викторовна".into())],
        rows,
        secretary: SECRETARY.into(),
        seal: Some("5104cc3f5eb8f62b55bd045238cf638d5bc7e23f1164af3590395676c6c465aa".into()),
    }
}

fn write_pdf(dir: &Path, name: &str, papers: &[&dyn Paper]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, render(papers).unwrap()).unwrap();
    path
}

fn tool(name: &str, args: &[&str]) -> String {
    let out =
        Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name} (poppler-utils): {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn pdf_text(path: &Path) -> String {
    tool("pdftotext", &["-layout", path.to_str().unwrap(), "-"])
}

/// The text with every run of white space (line ends too) as one space.
fn joined(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(path: &Path) -> usize {
    let info = tool("pdfinfo", &[path.to_str().unwrap()]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

#[derive(Debug)]
struct WordBox {
    text: String,
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
}

fn attr(tag: &str, name: &str) -> f32 {
    let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    tag[at..].split('"').next().unwrap().parse().unwrap()
}

/// Each page's word boxes, from `pdftotext -bbox`.
fn word_boxes(path: &Path) -> Vec<Vec<WordBox>> {
    let html = tool("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|word| {
                    let (tag, rest) = word.split_once('>').unwrap();
                    WordBox {
                        text: rest.split("</word>").next().unwrap().to_string(),
                        x_min: attr(tag, "xMin"),
                        y_min: attr(tag, "yMin"),
                        x_max: attr(tag, "xMax"),
                        y_max: attr(tag, "yMax"),
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_paper_in_both_languages_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Kk, Lang::Ru] {
        let papers: [(&str, &dyn Paper); 5] = [
            ("letter", &letter(lang)),
            ("centre", &centre(lang)),
            ("exemption", &exemption(lang)),
            ("deferral", &deferral(lang)),
            ("protocol", &protocol(lang, 3)),
        ];
        for (name, paper) in papers {
            let path = write_pdf(dir.path(), &format!("{name}-{}.pdf", lang.code()), &[paper]);
            let text = joined(&pdf_text(&path));
            // The protocol wraps the name in its column: other columns' words come between its words.
            let name_words = NAME.split(' ').collect::<Vec<_>>();
            let found = if name == "protocol" {
                name_words.iter().all(|w| text.contains(w))
            } else {
                text.contains(NAME)
            };
            assert!(found, "{name} {lang:?}: {text}");
            assert!(text.contains(IIN), "{name} {lang:?}");
            if lang == Lang::Kk {
                for letter in KAZAKH_LETTERS {
                    assert!(text.contains(letter), "{name} lacks {letter}");
                }
            }
            let (title, date) = match (name, lang) {
                ("letter", Lang::Kk) => ("ЖҰМЫСҚА ЖОЛДАМА", "20.06.2025"),
                ("letter", Lang::Ru) => ("НАПРАВЛЕНИЕ НА РАБОТУ", "20.06.2025"),
                ("centre", Lang::Kk) => {
                    ("ХАЛЫҚТЫ ЖҰМЫСПЕН ҚАМТУ ОРТАЛЫҒЫНА ЖОЛДАМА (мансап орталығы)", "20.06.2025")
                }
                ("centre", Lang::Ru) => {
                    ("НАПРАВЛЕНИЕ В ЦЕНТР ЗАНЯТОСТИ НАСЕЛЕНИЯ (карьерный центр)", "20.06.2025")
                }
                ("exemption" | "deferral", Lang::Kk) => ("АНЫҚТАМА", "20.06.2025"),
                ("exemption" | "deferral", Lang::Ru) => ("СПРАВКА", "20.06.2025"),
                (_, Lang::Kk) => ("ОТЫРЫС ХАТТАМАСЫ", "Бет 1 / 1"),
                (_, Lang::Ru) => ("ПРОТОКОЛ ЗАСЕДАНИЯ", "Стр. 1 из 1"),
            };
            assert!(text.contains(title) && text.contains(date), "{name} {lang:?}: {text}");
            if name != "protocol" {
                // The level's label is one word in both languages.
                let level = "Бакалавриат";
                // How they studied, in the first sentence.
                let funding = match lang {
                    Lang::Kk => "мемлекеттік білім беру тапсырысы негізінде білім алған жас маман",
                    Lang::Ru => "на основе государственного образовательного заказа",
                };
                assert!(text.contains(level) && text.contains(funding), "{name} {lang:?}");
                assert!(text.contains("6B01501 — Математика"), "{name} {lang:?}");
            }
        }
    }
}

#[test]
fn referral_letter_has_the_employer_and_the_tear_off_slip() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, term, arrived) in [
        (Lang::Kk, "кемінде 3 жыл", "Жұмысқа келген күні"),
        (Lang::Ru, "не менее 3 лет", "Прибыл(а) на работу"),
    ] {
        let path = write_pdf(dir.path(), "letter.pdf", &[&letter(lang)]);
        assert_eq!(pages(&path), 1, "{lang:?}: the letter and its slip on one page");
        let text = joined(&pdf_text(&path));
        // The employer's name and BIN twice: in the letter and on the slip.
        assert_eq!(text.matches(EMPLOYER).count(), 2, "{lang:?}");
        assert_eq!(text.matches(BIN).count(), 2, "{lang:?}");
        assert_eq!(text.matches(NAME).count(), 2, "{lang:?}");
        assert!(text.contains("01.09.2025") && text.contains(term) && text.contains(arrived), "{lang:?}");
        assert!(text.contains("Ж.Қ. Нұрғалиев") && text.contains("А.Ө. Сүлейменова"), "{lang:?}: {text}");
    }
}

/// The forms' wording (`domain.md`, "Wording"): the legal ground, the protocol, the young
/// specialist and how they studied, the term, the consequence; the protocol's place, absent
/// members, quorum, votes and «ҚАУЛЫ ЕТТІ».
#[test]
fn papers_read_as_the_forms() {
    let dir = tempfile::tempdir().unwrap();
    let mut rural = letter(Lang::Kk);
    rural.issue.graduate.funding = Funding::RuralQuota;
    let mut rural_ru = letter(Lang::Ru);
    rural_ru.issue.graduate.funding = Funding::RuralQuota;
    let cases: [(&str, &dyn Paper, &[&str]); 9] = [
        (
            "letter kk",
            &letter(Lang::Kk),
            &[
                "«Білім туралы» Қазақстан Республикасы Заңының 47-бабының 17-тармағына сәйкес дербес бөлу жөніндегі \
             комиссияның шешімімен (№5 хаттама, 20.06.2025 ж.) мемлекеттік білім беру тапсырысы негізінде білім \
             алған жас маман жұмысқа жолданады.",
                "Жас маманның тегі, аты, әкесінің аты",
                "Жұмысқа келудің соңғы күні: 01.09.2025",
                "бюджет қаражаты есебінен шеккен шығыстарды",
                "Жұмысқа қабылдау туралы бұйрық: №",
                "Растаманы қайтару мекенжайы: «Сәрсен Аманжолов атындағы Шығыс Қазақстан университеті» КеАҚ, 070020",
            ],
        ),
        (
            "letter ru",
            &letter(Lang::Ru),
            &[
                "В соответствии с пунктом 17 статьи 47 Закона Республики Казахстан «Об образовании» и решением \
             комиссии по персональному распределению (протокол №5 от 20.06.2025) молодой специалист, обучавшийся \
             на основе государственного образовательного заказа, направляется на работу.",
                "Прибыть на работу не позднее: 01.09.2025",
                "Срок отработки: не менее 3 лет",
                "пропорционально неотработанному сроку",
                "Приказ о приёме на работу: №",
            ],
        ),
        (
            "rural kk",
            &rural,
            &[
                "ауыл жастарына арналған квота шегінде мемлекеттік білім беру тапсырысы негізінде білім алған жас маман",
            ],
        ),
        (
            "rural ru",
            &rural_ru,
            &[
                "обучавшийся на основе государственного образовательного заказа в пределах квоты для сельской молодёжи",
            ],
        ),
        (
            "centre ru",
            &centre(Lang::Ru),
            &["в связи с отсутствием вакантного места молодой специалист", "в качестве лица, ищущего работу"],
        ),
        (
            "exemption kk",
            &exemption(Lang::Kk),
            &["47-бабының 17-2-тармағына сәйкес", "Жұмыспен өтеу міндетінен босатылсын.", "Негізі:"],
        ),
        (
            "deferral ru",
            &deferral(Lang::Ru),
            &["пунктом 17 статьи 47", "(протокол №5 от 20.06.2025) настоящая справка"],
        ),
        (
            "protocol kk",
            &protocol(Lang::Kk, 3),
            &[
                "Өткізілген орны: Өскемен қ., Ғылыми кеңес залы",
                "Қатыспағандар: Мүше Ким Ольга Викторовна",
                "Комиссияның 5 мүшесінің 4 қатысты, кворум бар.",
                "ТЫҢДАЛДЫ: комиссия хатшысы А.Ө. Сүлейменова",
                "ҚАУЛЫ ЕТТІ:",
                "«жақтағаны» ______",
            ],
        ),
        (
            "protocol ru",
            &protocol(Lang::Ru, 3),
            &[
                "Отсутствовали: Мүше Ким Ольга Викторовна",
                "Присутствуют 4 из 5 членов комиссии, кворум имеется.",
                "СЛУШАЛИ: секретаря комиссии А.Ө. Сүлейменова",
                "ПОСТАНОВИЛИ:",
                "Голосовали: «за» ______",
            ],
        ),
    ];
    for (name, paper, expected) in cases {
        let text = joined(&pdf_text(&write_pdf(dir.path(), "paper.pdf", &[paper])));
        for phrase in expected {
            assert!(text.contains(&joined(phrase)), "{name}: «{phrase}» not in {text}");
        }
        assert!(!text.contains("түлек") && !text.contains("выпускник"), "{name}: {text}");
    }
}

/// The QR code, rendered by poppler at a scanner's 300 dpi, reads back as the signed text.
#[test]
fn the_qr_code_reads_back_from_the_rendered_page() {
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Kk, Lang::Ru] {
        let path = write_pdf(dir.path(), "letter.pdf", &[&letter(lang)]);
        let png = dir.path().join("page");
        tool(
            "pdftoppm",
            &["-r", "300", "-png", "-singlefile", path.to_str().unwrap(), png.to_str().unwrap()],
        );
        let texts = texts_in_png(&std::fs::read(png.with_extension("png")).unwrap()).unwrap();
        assert_eq!(texts, [qr("12/345")], "{lang:?}");
        let key = UniversityKey::from_seed(&[7; 32]).public();
        assert!(matches!(read(&texts[0], &key), Ok(Reading::Signed(c)) if c.holder == NAME));
    }
}

#[test]
fn centre_referral_and_certificates_say_what_counts() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&dyn Paper, &[&str]); 6] = [
        (&centre(Lang::Kk), &["Шығыс Қазақстан облысы", "мерзіміне есептеледі"]),
        (&centre(Lang::Ru), &["Восточно-Казахстанская область", "засчитывается в срок отработки"]),
        (&exemption(Lang::Kk), &["17-2-тармағы", "1. Магистратураға қабылдау"]),
        (&exemption(Lang::Ru), &["Освободить от обязанности по отработке", "1. Магистратураға қабылдау"]),
        (&deferral(Lang::Kk), &["01.07.2025 ж. бастап 30.06.2026 ж. дейін", "есептелмейді"]),
        (&deferral(Lang::Ru), &["с 01.07.2025 по 30.06.2026", "не засчитывается в срок отработки"]),
    ];
    for (paper, expected) in cases {
        let text = joined(&pdf_text(&write_pdf(dir.path(), "paper.pdf", &[paper])));
        for phrase in expected {
            assert!(text.contains(phrase), "{phrase}: {text}");
        }
    }
}

#[test]
fn long_names_wrap_whole_inside_the_margins() {
    assert_eq!(LONG_EMPLOYER.chars().count(), 150);
    assert_eq!(LONG_ADDRESS.chars().count(), 150);
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Kk, Lang::Ru] {
        let long = ReferralLetter {
            employer_name: LONG_EMPLOYER.into(),
            employer_address: LONG_ADDRESS.into(),
            ..letter(lang)
        };
        let path = write_pdf(dir.path(), "long.pdf", &[&long]);
        let text = joined(&pdf_text(&path));
        assert_eq!(text.matches(LONG_EMPLOYER).count(), 2, "{lang:?}: {text}");
        assert!(text.contains(LONG_ADDRESS), "{lang:?}: {text}");
        // Names this long may push the tear-off slip to a second page, whole.
        let n = pages(&path);
        assert!(n <= 2, "{lang:?}: {n} pages");
        let (title, signature) = match lang {
            Lang::Kk => ("КЕЛГЕНІН РАСТАУ", "Жұмыс берушінің қолы"),
            Lang::Ru => ("ПОДТВЕРЖДЕНИЕ ПРИБЫТИЯ", "Подпись работодателя"),
        };
        let pages_text = pdf_text(&path);
        let last = joined(pages_text.split('\u{c}').rfind(|p| !p.trim().is_empty()).unwrap());
        assert!(last.contains(title) && last.contains(signature), "{lang:?}: the slip is split: {last}");

        let boxes = word_boxes(&path);
        assert!(boxes[0].len() > 150, "{}", boxes[0].len());
        assert!(boxes[0].iter().any(|w| w.text == "Бөкейханов"), "{:?}", boxes[0]);
        for page in &boxes {
            assert_inside_margins_apart(page, n > 1);
        }
    }
}

/// Every word inside the margins (a footer, if asked, below the bottom one) and no two words
/// overlapping.
fn assert_inside_margins_apart(words: &[WordBox], footer: bool) {
    let bottom = PAGE_HEIGHT - MARGIN_BOTTOM;
    for w in words {
        assert!(w.x_min >= MARGIN_LEFT - 0.5, "{w:?} left of the margin");
        assert!(w.x_max <= PAGE_WIDTH - MARGIN_RIGHT + 0.5, "{w:?} right of the margin");
        assert!(w.y_min >= MARGIN_TOP - 0.5, "{w:?} above the margin");
        assert!(w.y_max <= bottom + 0.5 || (footer && w.y_min >= bottom), "{w:?} below the margin");
    }
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            let overlap_x = a.x_max.min(b.x_max) - a.x_min.max(b.x_min);
            let overlap_y = a.y_max.min(b.y_max) - a.y_min.max(b.y_min);
            assert!(overlap_x <= 0.5 || overlap_y <= 0.5, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn protocol_runs_over_pages_with_header_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Kk, Lang::Ru] {
        let paper = protocol(lang, 150);
        let path = write_pdf(dir.path(), "protocol.pdf", &[&paper]);
        let n = pages(&path);
        assert!(n > 1, "{lang:?}");
        let text = pdf_text(&path);
        let page_texts: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        assert_eq!(page_texts.len(), n);
        let header = match lang {
            Lang::Kk => "Аты-жөні",
            Lang::Ru => "Ф. И. О.",
        };
        for (k, page) in page_texts.iter().enumerate() {
            let footer = match lang {
                Lang::Kk => format!("Бет {} / {n}", k + 1),
                Lang::Ru => format!("Стр. {} из {n}", k + 1),
            };
            assert!(page.contains(header), "{lang:?} page {}: no header", k + 1);
            assert_eq!(page.matches(&footer).count(), 1, "{lang:?} page {}: {footer}", k + 1);
        }
        // Every decision, once, and the signatures at the end.
        let all = joined(&text);
        for row in &paper.rows {
            assert_eq!(all.matches(row.iin.as_str()).count(), 1, "{lang:?} {}", row.iin);
        }
        // The last decision stands with the votes and every present member's signature.
        let last = joined(page_texts[n - 1]);
        assert!(last.contains(paper.rows.last().unwrap().iin.as_str()), "{last}");
        for signer in ["Ж.Қ. Нұрғалиев", "Б.Ә. Омарова", "Е.Ү. Жұмабаев", "А.Ө. Сүлейменова"]
        {
            assert!(last.contains(signer), "{lang:?}: {signer} does not sign: {last}");
        }
        assert!(!last.contains("О.В. Ким"), "an absent member signs: {last}");
        // The seal's code under the signatures, as a person compares it with the register.
        assert!(page_texts[n - 1].contains("5104 cc3f 5eb8 f62b"), "{}", page_texts[n - 1]);
        for page in word_boxes(&path) {
            assert_inside_margins_apart(&page, true);
        }
    }
}

#[test]
fn one_page_letter_embeds_a_font_subset() {
    let bytes = render(&[&letter(Lang::Kk)]).unwrap();
    // 19 KB without the QR code; the code adds 2–3 KB.
    assert!(bytes.len() <= 24 * 1024, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let fonts = tool("pdffonts", &[path.to_str().unwrap()]);
    // Subset fonts are named «ABCDEF+Name» and marked in the «sub» column.
    let embedded: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(embedded.len(), 2, "{fonts}");
    for line in embedded {
        assert!(line.contains('+') && line.contains(" yes yes "), "{fonts}");
    }
}

#[test]
fn chars_beyond_the_common_ones_are_embedded_too() {
    let dir = tempfile::tempdir().unwrap();
    let name = "Müller-Łukasiewicz Þóra Ἀθηνᾶ";
    let mut foreign = letter(Lang::Ru);
    foreign.issue.graduate.full_name = name.into();
    let path = write_pdf(dir.path(), "foreign.pdf", &[&foreign]);
    assert_eq!(joined(&pdf_text(&path)).matches(name).count(), 2);
    let fonts = tool("pdffonts", &[path.to_str().unwrap()]);
    assert_eq!(fonts.matches(" yes yes yes ").count(), 2, "{fonts}");
}

#[test]
fn cancelled_papers_are_stamped() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, mark) in [(Lang::Kk, "ЖОЙЫЛДЫ"), (Lang::Ru, "АННУЛИРОВАНО")] {
        let plain = joined(&pdf_text(&write_pdf(dir.path(), "plain.pdf", &[&letter(lang)])));
        assert!(!plain.contains(mark));
        let mut cancelled = letter(lang);
        cancelled.issue.cancelled = true;
        let mut certificate = deferral(lang);
        certificate.issue.cancelled = true;
        let path = write_pdf(dir.path(), "cancelled.pdf", &[&cancelled, &certificate]);
        assert_eq!(pdf_text(&path).matches(mark).count(), 2, "{lang:?}");
    }
}

#[test]
fn render_of_nothing_is_an_error() {
    assert!(matches!(render(&[]), Err(PaperError::Empty)));
}

fn letters(count: usize) -> Vec<ReferralLetter> {
    (0..count)
        .map(|n| {
            let mut letter = letter(Lang::Kk);
            letter.issue.number = format!("12/{n}");
            letter.issue.graduate.full_name = format!("Тұрсынов Әлихан {n}");
            letter
        })
        .collect()
}

#[test]
fn batch_to_a_folder_writes_a_file_per_paper_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let letters = letters(4);
    let papers: Vec<&dyn Paper> = letters.iter().map(|l| l as &dyn Paper).collect();
    let mut calls = Vec::new();
    let written = write_batch(
        &papers,
        Output::Folder(&dir.path().join("out"), FileNames::Number),
        |d, t| calls.push((d, t)),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(calls, [(1, 4), (2, 4), (3, 4), (4, 4)]);
    let names = |written: &[PathBuf]| -> Vec<String> {
        written.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect()
    };
    // A folder's listing names nobody, unless the secretary asks.
    assert_eq!(names(&written)[0], "12_0.pdf");
    for path in &written {
        assert_eq!(pages(path), 1);
    }
    assert_eq!(std::fs::read_dir(dir.path().join("out")).unwrap().count(), 4);
    let named = write_batch(
        &papers[..1],
        Output::Folder(&dir.path().join("named"), FileNames::NumberAndName),
        |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(names(&named), ["12_0_Тұрсынов_Әлихан_0.pdf"]);
}

#[test]
fn batch_cancel_stops_between_papers_leaving_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let letters = letters(5);
    let papers: Vec<&dyn Paper> = letters.iter().map(|l| l as &dyn Paper).collect();
    let cancel = AtomicBool::new(false);
    let mut calls = 0;
    let result = write_batch(
        &papers,
        Output::Folder(dir.path(), FileNames::Number),
        |done, _| {
            calls += 1;
            if done == 2 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(matches!(result, Err(PaperError::Cancelled { done: 2, total: 5 })), "{result:?}");
    assert_eq!(calls, 2);
    let files: Vec<PathBuf> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.iter().all(|f| f.extension().unwrap() == "pdf"));

    // A cancelled combined batch writes nothing.
    let combined = dir.path().join("all.pdf");
    let result = write_batch(&papers, Output::Combined(&combined), |_, _| {}, &cancel);
    assert!(matches!(result, Err(PaperError::Cancelled { done: 0, total: 5 })));
    assert!(!combined.exists());
}

#[test]
fn combined_batch_has_a_page_per_letter() {
    let dir = tempfile::tempdir().unwrap();
    let letters = letters(10);
    let papers: Vec<&dyn Paper> = letters.iter().map(|l| l as &dyn Paper).collect();
    let path = dir.path().join("all.pdf");
    let mut calls = 0;
    let written =
        write_batch(&papers, Output::Combined(&path), |_, _| calls += 1, &AtomicBool::new(false)).unwrap();
    assert_eq!((written, calls), (vec![path.clone()], 10));
    assert_eq!(pages(&path), 10);
    let text = pdf_text(&path);
    for n in 0..10 {
        assert!(text.contains(&format!("Тұрсынов Әлихан {n}")));
    }
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file left");
}

#[test]
fn write_errors_name_the_file_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should go: the rename fails.
    let path = dir.path().join("taken.pdf");
    std::fs::create_dir(&path).unwrap();
    let error =
        write_batch(&[&letter(Lang::Kk)], Output::Combined(&path), |_, _| {}, &AtomicBool::new(false))
            .unwrap_err();
    assert_eq!(error.code(), "papers_io");
    let message = error.message();
    assert!(message.kk.contains("taken.pdf") && message.kk.contains("файлын жазу"), "{}", message.kk);
    assert!(message.ru.contains("taken.pdf") && message.ru.contains("Не удалось записать"), "{}", message.ru);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file is removed");
}

/// Every paper in both languages rendered to `target/papers` (PDF and a PNG per page, by
/// `pdftoppm`), for a person to look at; each must be one page but the protocol.
#[test]
fn every_paper_is_rendered_for_looking_at() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/papers");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    for lang in [Lang::Kk, Lang::Ru] {
        let long = ReferralLetter {
            employer_name: LONG_EMPLOYER.into(),
            employer_address: LONG_ADDRESS.into(),
            ..letter(lang)
        };
        let papers: [(&str, &dyn Paper); 6] = [
            ("letter", &letter(lang)),
            ("letter-long", &long),
            ("centre", &centre(lang)),
            ("exemption", &exemption(lang)),
            ("deferral", &deferral(lang)),
            ("protocol", &protocol(lang, 40)),
        ];
        for (name, paper) in papers {
            let name = format!("{name}-{}", lang.code());
            let path = write_pdf(&out, &name, &[paper]);
            // The protocol's 40 decisions run over pages; every other paper is one page but the
            // letter with 150-character names, whose slip may go whole to a second.
            let one_page = !name.starts_with("protocol") && !name.starts_with("letter-long");
            assert!(pages(&path) == 1 || !one_page, "{name}");
            let png = out.join(&name);
            tool("pdftoppm", &["-r", "60", "-png", path.to_str().unwrap(), png.to_str().unwrap()]);
        }
    }
}
