//! Every fixed wording of the papers, Kazakh first and Russian second, in one place.

use chrono::NaiveDate;

use crate::i18n::Lang;

/// A fixed phrase in both languages; `const`, unlike [`crate::Text`].
#[derive(Clone, Copy, Debug)]
pub struct Phrase {
    pub kk: &'static str,
    pub ru: &'static str,
}

impl Phrase {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Kk => self.kk,
            Lang::Ru => self.ru,
        }
    }
}

const fn p(kk: &'static str, ru: &'static str) -> Phrase {
    Phrase { kk, ru }
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
    p("ТҮЛЕКТІҢ ЖҰМЫСҚА КЕЛГЕНІН РАСТАУ", "ПОДТВЕРЖДЕНИЕ ПРИБЫТИЯ ВЫПУСКНИКА НА РАБОТУ");

// Number and date line.
pub const NUMBER: Phrase = p("№", "№");
pub const CANCELLED: Phrase = p("ЖОЙЫЛДЫ", "АННУЛИРОВАНО");
pub const CUT_HERE: Phrase = p("кесу сызығы", "линия отреза");

// Field labels.
pub const GRADUATE: Phrase = p("Түлектің тегі, аты, әкесінің аты", "Фамилия, имя, отчество выпускника");
pub const IIN: Phrase = p("ЖСН", "ИИН");
pub const BIN: Phrase = p("БСН", "БИН");
pub const PROGRAM: Phrase = p("Білім беру бағдарламасы", "Образовательная программа");
pub const LEVEL: Phrase = p("Білім деңгейі", "Уровень образования");
pub const GRADUATION_YEAR: Phrase = p("Бітірген жылы", "Год окончания");
pub const FUNDING: Phrase = p("Оқуды қаржыландыру негізі", "Основание финансирования обучения");
pub const EMPLOYER: Phrase = p("Жұмыс беруші", "Работодатель");
pub const EMPLOYER_ADDRESS: Phrase = p("Жұмыс берушінің мекенжайы", "Адрес работодателя");
pub const POSITION: Phrase = p("Лауазымы", "Должность");
pub const ARRIVAL_DATE: Phrase = p("Жұмысқа келу күні", "Дата прибытия на работу");
pub const TERM: Phrase = p("Жұмыспен өтеу мерзімі", "Срок отработки");
pub const REGION: Phrase = p("Тұрғылықты жері (өңір)", "Место жительства (регион)");
pub const DECISION: Phrase = p("Шешім", "Решение");
pub const GROUND: Phrase = p("Негіздеме", "Основание");
pub const DOCUMENTS: Phrase = p("Растайтын құжаттар", "Подтверждающие документы");
pub const REASON: Phrase = p("Себебі", "Причина");
pub const PERIOD: Phrase = p("Кезеңі", "Период");
pub const LETTER_REF: Phrase = p("Жолдама", "Направление");
pub const ARRIVED_ON: Phrase = p(
    "Жұмысқа келген күні: «____» ______________ 20____ ж.",
    "Прибыл(а) на работу: «____» ______________ 20____ г.",
);

// Body sentences.
pub const REFERRAL_INTRO: Phrase = p(
    "Дербес бөлу жөніндегі комиссияның шешімімен мемлекеттік білім беру тапсырысы бойынша оқуды бітірген \
     төменде көрсетілген түлек жұмысқа жолданады.",
    "Решением комиссии по персональному распределению нижеуказанный выпускник, обучавшийся по \
     государственному образовательному заказу, направляется на работу.",
);
pub const REFERRAL_NOTE: Phrase = p(
    "Жұмыс беруші түлектің жұмысқа келгенін төмендегі растамада белгілеп, оны университетке қайтарады.",
    "Работодатель отмечает прибытие выпускника в подтверждении ниже и возвращает его в университет.",
);
pub const CENTRE_INTRO: Phrase = p(
    "Бос жұмыс орны болмауына байланысты дербес бөлу жөніндегі комиссияның шешімімен түлек тұрғылықты \
     жері бойынша халықты жұмыспен қамту орталығына (мансап орталығына) жұмыс іздеп жүрген адам ретінде \
     тіркелуге жолданады.",
    "В связи с отсутствием вакантного места решением комиссии по персональному распределению выпускник \
     направляется в центр занятости населения (карьерный центр) по месту жительства на регистрацию в \
     качестве лица, ищущего работу.",
);
/// For a centre referral the commission made while allowed vacancies had places: its reason,
/// printed below, is the ground; the paper never claims there was no vacancy.
pub const CENTRE_INTRO_BY_DECISION: Phrase = p(
    "Дербес бөлу жөніндегі комиссияның шешімімен түлек төменде көрсетілген себеппен тұрғылықты жері \
     бойынша халықты жұмыспен қамту орталығына (мансап орталығына) жұмыс іздеп жүрген адам ретінде \
     тіркелуге жолданады.",
    "Решением комиссии по персональному распределению выпускник по указанной ниже причине направляется \
     в центр занятости населения (карьерный центр) по месту жительства на регистрацию в качестве лица, \
     ищущего работу.",
);
pub const CENTRE_COUNTS: Phrase = p(
    "Жұмыс іздеп жүрген адам ретінде тіркелген уақыт жұмыспен өтеу мерзіміне есептеледі.",
    "Время регистрации в качестве лица, ищущего работу, засчитывается в срок отработки.",
);
pub const CERTIFICATE_INTRO: Phrase = p(
    "Осы анықтама дербес бөлу жөніндегі комиссияның шешімі негізінде төменде көрсетілген түлекке берілді.",
    "Настоящая справка выдана нижеуказанному выпускнику на основании решения комиссии по \
     персональному распределению.",
);
pub const EXEMPTION_DECISION: Phrase = p(
    "Мемлекеттік білім беру тапсырысы бойынша жұмыспен өтеуден босатылсын.",
    "Освободить от отработки по государственному образовательному заказу.",
);
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
pub const AGENDA: Phrase = p(
    "Күн тәртібі: мемлекеттік білім беру тапсырысы бойынша оқыған түлектерді дербес бөлу.",
    "Повестка дня: персональное распределение выпускников, обучавшихся по государственному \
     образовательному заказу.",
);
pub const RESOLVED: Phrase = p("ШЕШІМ ҚАБЫЛДАНДЫ:", "ПОСТАНОВИЛИ:");

// Protocol table header.
pub const COL_NO: Phrase = p("№", "№");
pub const COL_NAME: Phrase = p("Түлектің аты-жөні", "ФИО выпускника");
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

/// A period from a date: «01.07.2025 бастап 30.06.2026 дейін» / «с 01.07.2025 по 30.06.2026».
pub fn period(lang: Lang, from: NaiveDate, to: Option<NaiveDate>) -> String {
    match (lang, to) {
        (Lang::Kk, Some(to)) => format!("{} бастап {} дейін", date(from), date(to)),
        (Lang::Kk, None) => format!("{} бастап", date(from)),
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
    fn dates_and_periods() {
        let d = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        let e = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert_eq!(date(d), "01.07.2025");
        assert_eq!(period(Lang::Kk, d, Some(e)), "01.07.2025 бастап 30.06.2026 дейін");
        assert_eq!(period(Lang::Ru, d, None), "с 01.07.2025");
        assert_eq!(page_of(Lang::Ru, 2, 5), "Стр. 2 из 5");
    }
}
