//! Every fixed wording of the papers, Kazakh first and Russian second, in one place.

use chrono::NaiveDate;

use crate::classifiers::Funding;
use crate::i18n::{Lang, Pair};

/// A fixed phrase of the papers.
pub type Phrase = Pair<&'static str>;

pub(super) const fn p(kk: &'static str, ru: &'static str) -> Phrase {
    Pair::new(kk, ru)
}

// Titles.
pub const REFERRAL_TITLE: Phrase = p("ЖҰМЫСҚА ЖОЛДАМА", "НАПРАВЛЕНИЕ НА РАБОТУ");
pub const CENTRE_TITLE: Phrase =
    p("ХАЛЫҚТЫ ЖҰМЫСПЕН ҚАМТУ ОРТАЛЫҒЫНА ЖОЛДАМА", "НАПРАВЛЕНИЕ В ЦЕНТР ЗАНЯТОСТИ НАСЕЛЕНИЯ");
pub const CENTRE_SUBTITLE: Phrase = p("(мансап орталығы)", "(карьерный центр)");
pub const CERTIFICATE_TITLE: Phrase = p("АНЫҚТАМА", "СПРАВКА");
pub const EXEMPTION_SUBTITLE: Phrase = p("жұмыспен өтеуден босату туралы", "об освобождении от отработки");
pub const DEFERRAL_SUBTITLE: Phrase = p("жұмыспен өтеуді кейінге қалдыру туралы", "об отсрочке отработки");
pub const PROTOCOL_TITLE: Phrase = p("ОТЫРЫС ХАТТАМАСЫ", "ПРОТОКОЛ ЗАСЕДАНИЯ");
pub const SLIP_TITLE: Phrase =
    p("ЖАС МАМАННЫҢ ЖҰМЫСҚА КЕЛГЕНІН РАСТАУ", "ПОДТВЕРЖДЕНИЕ ПРИБЫТИЯ МОЛОДОГО СПЕЦИАЛИСТА НА РАБОТУ");

// Number and date line.
pub const NUMBER: Phrase = p("№", "№");
pub const CANCELLED: Phrase = p("ЖОЙЫЛДЫ", "АННУЛИРОВАНО");
pub const CUT_HERE: Phrase = p("кесу сызығы", "линия отреза");

// Field labels.
// The law's word for the person is «жас маман / молодой специалист», not «түлек / выпускник».
pub const GRADUATE: Phrase =
    p("Жас маманның тегі, аты, әкесінің аты", "Фамилия, имя, отчество молодого специалиста");
pub const IIN: Phrase = p("ЖСН", "ИИН");
pub const BIN: Phrase = p("БСН", "БИН");
pub const PROGRAM: Phrase = p("Білім беру бағдарламасы", "Образовательная программа");
pub const LEVEL_AND_YEAR: Phrase = p("Білім деңгейі, бітірген жылы", "Уровень образования, год окончания");
pub const FUNDING: Phrase = p("Оқуды қаржыландыру негізі", "Основание финансирования обучения");
pub const EMPLOYER: Phrase = p("Жұмыс беруші", "Работодатель");
pub const EMPLOYER_ADDRESS: Phrase = p("Жұмыс берушінің мекенжайы", "Адрес работодателя");
pub const POSITION: Phrase = p("Лауазымы", "Должность");
pub const ARRIVAL_DATE: Phrase = p("Жұмысқа келудің соңғы күні", "Прибыть на работу не позднее");
pub const TERM: Phrase = p("Жұмыспен өтеу мерзімі", "Срок отработки");
pub const REGION: Phrase = p("Тұрғылықты жері (өңір)", "Место жительства (регион)");
pub const DECISION: Phrase = p("Шешім", "Решение");
pub const GROUND: Phrase = p("Негізі", "Основание");
pub const DOCUMENTS: Phrase = p("Растайтын құжаттар", "Подтверждающие документы");
pub const REASON: Phrase = p("Себебі", "Причина");
pub const PERIOD: Phrase = p("Кезеңі", "Период");
pub const LETTER_REF: Phrase = p("Жолдама", "Направление");
pub const ARRIVED_ON: Phrase = p(
    "Жұмысқа келген күні: «____» ______________ 20____ ж.",
    "Прибыл(а) на работу: «____» ______________ 20____ г.",
);
pub const HIRING_ORDER: Phrase = p(
    "Жұмысқа қабылдау туралы бұйрық: № ________ «____» ______________ 20____ ж.",
    "Приказ о приёме на работу: № ________ от «____» ______________ 20____ г.",
);
pub const HIRED_AS: Phrase = p(
    "Қабылданған лауазымы: ________________________________________",
    "Принят(а) на должность: ________________________________________",
);
pub const RETURN_TO: Phrase = p("Растаманы қайтару мекенжайы", "Подтверждение вернуть по адресу");
pub const PLACE: Phrase = p("Өткізілген орны", "Место проведения");

// Body sentences.
pub const REFERRAL_NOTE: Phrase = p(
    "Жұмыс беруші жас маманның жұмысқа келгенін төмендегі растамада белгілеп, оны университетке қайтарады.",
    "Работодатель отмечает прибытие молодого специалиста в подтверждении ниже и возвращает его в университет.",
);
/// What not working off costs: the refund the Rules name, proportional to the unworked part.
pub const CONSEQUENCE: Phrase = p(
    "Жұмыспен өтеу міндеті орындалмаған жағдайда жас маман бюджет қаражаты есебінен шеккен шығыстарды \
     жұмыспен өтелмеген мерзімге барабар өтейді.",
    "При неисполнении обязанности по отработке молодой специалист возмещает расходы, понесённые за счёт \
     бюджетных средств, пропорционально неотработанному сроку.",
);
pub const CENTRE_COUNTS: Phrase = p(
    "Жұмыс іздеп жүрген адам ретінде тіркелген уақыт жұмыспен өтеу мерзіміне есептеледі.",
    "Время регистрации в качестве лица, ищущего работу, засчитывается в срок отработки.",
);
pub const EXEMPTION_DECISION: Phrase =
    p("Жұмыспен өтеу міндетінен босатылсын.", "Освободить от обязанности по отработке.");
pub const DEFERRAL_DECISION: Phrase =
    p("Жұмыспен өтеу кейінге қалдырылсын.", "Предоставить отсрочку отработки.");
pub const DEFERRAL_NOT_COUNTED: Phrase = p(
    "Кейінге қалдыру кезеңі жұмыспен өтеу мерзіміне есептелмейді.",
    "Период отсрочки не засчитывается в срок отработки.",
);
pub const CERTIFICATE_USE: Phrase = p(
    "Анықтама талап етілген жерге ұсыну үшін берілді.",
    "Справка выдана для предъявления по месту требования.",
);
pub const MEMBERS_PRESENT: Phrase = p("Қатысқандар:", "Присутствовали:");
pub const MEMBERS_ABSENT: Phrase = p("Қатыспағандар:", "Отсутствовали:");
pub const NOBODY: Phrase = p("жоқ", "нет");
pub const AGENDA: Phrase = p(
    "Күн тәртібі: мемлекеттік білім беру тапсырысы негізінде білім алған жас мамандарды дербес бөлу.",
    "Повестка дня: персональное распределение молодых специалистов, обучавшихся на основе \
     государственного образовательного заказа.",
);
pub const HEARD: Phrase = p("ТЫҢДАЛДЫ:", "СЛУШАЛИ:");
pub const RESOLVED: Phrase = p("ҚАУЛЫ ЕТТІ:", "ПОСТАНОВИЛИ:");
/// The votes are counted in the room and written in by hand: the register does not hold them.
pub const VOTED: Phrase = p(
    "Дауыс беру қорытындысы: «жақтағаны» ______, «қарсы» ______, «қалыс қалғаны» ______.",
    "Голосовали: «за» ______, «против» ______, «воздержались» ______.",
);

// Protocol table header.
pub const COL_NO: Phrase = p("№", "№");
pub const COL_NAME: Phrase = p("Аты-жөні", "Ф. И. О.");
pub const COL_PROGRAM: Phrase = p("Бағдарлама коды", "Код программы");

// Signatures.
pub const CHAIR: Phrase = p("Комиссия төрағасы", "Председатель комиссии");
pub const SECRETARY: Phrase = p("Комиссия хатшысы", "Секретарь комиссии");
pub const EMPLOYER_SIGNATURE: Phrase = p("Жұмыс берушінің қолы", "Подпись работодателя");
pub const STAMP: Phrase = p("М.О.", "М.П.");
pub const SEAL: Phrase = p("Бекіту мөрінің коды", "Код печати утверждения");

/// The first 16 hex digits of a seal's hash in groups of four, as a person compares them.
pub fn seal_code(hash: &str) -> String {
    let digits: Vec<char> = hash.chars().take(16).collect();
    digits.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// A period from a date: «01.07.2025 ж. бастап 30.06.2026 ж. дейін» / «с 01.07.2025 по
/// 30.06.2026».
pub fn period(lang: Lang, from: NaiveDate, to: Option<NaiveDate>) -> String {
    match (lang, to) {
        (Lang::Kk, Some(to)) => format!("{} ж. бастап {} ж. дейін", date(from), date(to)),
        (Lang::Kk, None) => format!("{} ж. бастап", date(from)),
        (Lang::Ru, Some(to)) => format!("с {} по {}", date(from), date(to)),
        (Lang::Ru, None) => format!("с {}", date(from)),
    }
}

/// The term as the law words it: «кемінде 3 жыл» / «не менее 3 лет» (genitive: «не менее
/// 1 года», «не менее 21 года»).
pub fn at_least_years(lang: Lang, n: u8) -> String {
    match lang {
        Lang::Kk => format!("кемінде {n} жыл"),
        Lang::Ru if n % 10 == 1 && n % 100 != 11 => format!("не менее {n} года"),
        Lang::Ru => format!("не менее {n} лет"),
    }
}

/// The point of art. 47 of the Law «On Education» a paper rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegalPoint {
    /// p. 17: the work-off, the referral, the deferral.
    WorkOff,
    /// p. 17-2: the exemption.
    Exemption,
}

/// «"Білім туралы" Қазақстан Республикасы Заңының 47-бабының 17-тармағына сәйкес» / «В
/// соответствии с пунктом 17 статьи 47 Закона Республики Казахстан «Об образовании»».
pub fn legal_ground(lang: Lang, point: LegalPoint) -> String {
    let point = match point {
        LegalPoint::WorkOff => "17",
        LegalPoint::Exemption => "17-2",
    };
    match lang {
        Lang::Kk => {
            format!("«Білім туралы» Қазақстан Республикасы Заңының 47-бабының {point}-тармағына сәйкес")
        }
        Lang::Ru => {
            format!("В соответствии с пунктом {point} статьи 47 Закона Республики Казахстан «Об образовании»")
        }
    }
}

/// The protocol a paper carries out: «(№1 хаттама, 20.06.2025 ж.)» / «(протокол №1 от 20.06.2025)».
pub fn protocol_ref(lang: Lang, number: u32, on: NaiveDate) -> String {
    match lang {
        Lang::Kk => format!("(№{number} хаттама, {} ж.)", date(on)),
        Lang::Ru => format!("(протокол №{number} от {})", date(on)),
    }
}

/// How the young specialist studied, as the Rules word it: «…негізінде білім алған» /
/// «обучавшийся на основе…», with the rural quota, «Серпін» and doctoral study named. `to`:
/// the Russian participle in the dative, for «выдана молодому специалисту, обучавшемуся…».
pub fn studied_on(lang: Lang, funding: Funding, to: bool) -> String {
    let phrase = match funding {
        Funding::StateOrder => p(
            "мемлекеттік білім беру тапсырысы негізінде білім алған",
            "на основе государственного образовательного заказа",
        ),
        Funding::RuralQuota => p(
            "ауыл жастарына арналған квота шегінде мемлекеттік білім беру тапсырысы негізінде білім алған",
            "на основе государственного образовательного заказа в пределах квоты для сельской молодёжи",
        ),
        Funding::Serpin => p(
            "«Серпін» жобасы бойынша мемлекеттік білім беру тапсырысы негізінде білім алған",
            "на основе государственного образовательного заказа по проекту «Серпін»",
        ),
        Funding::Phd => p(
            "докторантурада мемлекеттік білім беру тапсырысы негізінде білім алған",
            "в докторантуре на основе государственного образовательного заказа",
        ),
    };
    match (lang, to) {
        (Lang::Kk, _) => phrase.kk.to_owned(),
        (Lang::Ru, false) => format!("обучавшийся {}", phrase.ru),
        (Lang::Ru, true) => format!("обучавшемуся {}", phrase.ru),
    }
}

/// What the commission's decision does with the young specialist, in a paper's first sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Referral,
    /// To the employment centre because no allowed vacancy had a place.
    CentreNoVacancy,
    /// To the employment centre for the reason the commission gave, printed below.
    CentreByDecision,
    Certificate(LegalPoint),
}

/// A paper's first sentence: the legal ground, the commission's decision with its protocol,
/// the young specialist and how they studied, and what the decision does.
pub fn intro(lang: Lang, action: Action, protocol: &str, funding: Funding) -> String {
    const CENTRE_KK: &str = "тұрғылықты жері бойынша халықты жұмыспен қамту орталығына (мансап орталығына) \
                             жұмыс іздеп жүрген адам ретінде тіркелуге жолданады";
    const CENTRE_RU: &str = "направляется в центр занятости населения (карьерный центр) по месту жительства \
                             на регистрацию в качестве лица, ищущего работу";
    let point = match action {
        Action::Certificate(point) => point,
        _ => LegalPoint::WorkOff,
    };
    let ground = legal_ground(lang, point);
    let studied = studied_on(lang, funding, matches!(action, Action::Certificate(_)));
    match (lang, action) {
        (Lang::Kk, Action::Referral) => {
            format!(
                "{ground} дербес бөлу жөніндегі комиссияның шешімімен {protocol} {studied} жас маман жұмысқа жолданады."
            )
        }
        (Lang::Ru, Action::Referral) => format!(
            "{ground} и решением комиссии по персональному распределению {protocol} молодой специалист, \
             {studied}, направляется на работу."
        ),
        (Lang::Kk, Action::CentreNoVacancy | Action::CentreByDecision) => {
            let cause = match action {
                Action::CentreNoVacancy => "бос жұмыс орны болмауына байланысты",
                _ => "төменде көрсетілген себеппен",
            };
            format!(
                "{ground} дербес бөлу жөніндегі комиссияның шешімімен {protocol} {cause} {studied} жас маман {CENTRE_KK}."
            )
        }
        (Lang::Ru, Action::CentreNoVacancy | Action::CentreByDecision) => {
            let cause = match action {
                Action::CentreNoVacancy => "в связи с отсутствием вакантного места",
                _ => "по указанной ниже причине",
            };
            format!(
                "{ground} и решением комиссии по персональному распределению {protocol} {cause} молодой \
                 специалист, {studied}, {CENTRE_RU}."
            )
        }
        (Lang::Kk, Action::Certificate(_)) => format!(
            "{ground} дербес бөлу жөніндегі комиссияның шешімі {protocol} негізінде осы анықтама {studied} \
             жас маманға берілді."
        ),
        (Lang::Ru, Action::Certificate(_)) => format!(
            "{ground} и на основании решения комиссии по персональному распределению {protocol} настоящая \
             справка выдана молодому специалисту, {studied}."
        ),
    }
}

/// A signer as papers sign: initials, then the surname («Н.С. Әбілқасымов»), from a full
/// name written surname first, as the commission's list writes it.
pub fn signer(full_name: &str) -> String {
    let mut words = full_name.split_whitespace();
    let Some(surname) = words.next() else { return String::new() };
    let initials: String = words.filter_map(|w| w.chars().next()).map(|c| format!("{c}.")).collect();
    if initials.is_empty() { surname.to_owned() } else { format!("{initials} {surname}") }
}

/// Whether the members present make a quorum: more than half of the commission (the Rules
/// name no quorum of their own; this is the general rule of a collegial body, our reading).
pub fn quorum(lang: Lang, present: usize, total: usize) -> String {
    let has = present * 2 > total;
    match (lang, has) {
        (Lang::Kk, true) => format!("Комиссияның {total} мүшесінің {present} қатысты, кворум бар."),
        (Lang::Kk, false) => format!("Комиссияның {total} мүшесінің {present} қатысты, кворум жоқ."),
        (Lang::Ru, true) => format!("Присутствуют {present} из {total} членов комиссии, кворум имеется."),
        (Lang::Ru, false) => format!("Присутствуют {present} из {total} членов комиссии, кворума нет."),
    }
}

/// Page footer: «Бет 2 / 5» / «Стр. 2 из 5».
pub fn page_of(lang: Lang, page: usize, pages: usize) -> String {
    match lang {
        Lang::Kk => format!("Бет {page} / {pages}"),
        Lang::Ru => format!("Стр. {page} из {pages}"),
    }
}

/// Dates on the papers: dd.mm.yyyy.
pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_term_as_the_law_words_it() {
        let at_least: Vec<String> = [1, 2, 3, 11, 21].iter().map(|&n| at_least_years(Lang::Ru, n)).collect();
        assert_eq!(
            at_least,
            ["не менее 1 года", "не менее 2 лет", "не менее 3 лет", "не менее 11 лет", "не менее 21 года"]
        );
        assert_eq!(at_least_years(Lang::Kk, 3), "кемінде 3 жыл");
    }

    #[test]
    fn signers_sign_with_initials_then_surname() {
        assert_eq!(signer("Әбілқасымов Нұрлан Сапарұлы"), "Н.С. Әбілқасымов");
        assert_eq!(signer("  Ким  Ольга "), "О. Ким");
        assert_eq!(signer("Оспанов"), "Оспанов");
        assert_eq!(signer(""), "");
    }

    #[test]
    fn a_quorum_is_more_than_half() {
        assert!(quorum(Lang::Ru, 3, 5).ends_with("кворум имеется."));
        assert!(quorum(Lang::Ru, 2, 4).ends_with("кворума нет."));
        assert!(quorum(Lang::Kk, 4, 5).starts_with("Комиссияның 5 мүшесінің 4 қатысты"));
    }

    #[test]
    fn the_rural_quota_is_named_in_both_languages() {
        assert!(studied_on(Lang::Kk, Funding::RuralQuota, false).contains("ауыл жастарына арналған квота"));
        assert!(studied_on(Lang::Ru, Funding::RuralQuota, false).contains("квоты для сельской молодёжи"));
        let deferral =
            intro(Lang::Ru, Action::Certificate(LegalPoint::WorkOff), "(протокол №1)", Funding::Phd);
        assert!(
            deferral.ends_with("молодому специалисту, обучавшемуся в докторантуре на основе государственного образовательного заказа."),
            "{deferral}"
        );
        let exemption =
            intro(Lang::Kk, Action::Certificate(LegalPoint::Exemption), "(№1 хаттама)", Funding::Phd);
        assert!(exemption.contains("47-бабының 17-2-тармағына"), "{exemption}");
    }

    #[test]
    fn dates_and_periods() {
        let d = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        let e = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert_eq!(date(d), "01.07.2025");
        assert_eq!(period(Lang::Kk, d, Some(e)), "01.07.2025 ж. бастап 30.06.2026 ж. дейін");
        assert_eq!(period(Lang::Ru, d, None), "с 01.07.2025");
        assert_eq!(page_of(Lang::Ru, 2, 5), "Стр. 2 из 5");
    }
}
