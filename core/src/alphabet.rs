//! Names in the order of the Kazakh Cyrillic alphabet, which holds the Russian one: Ә right
//! after А, Ғ after Г, І after Ы… Code-point order would put Ә, Ғ, І and the others before А
//! or after Я, which no Kazakh or Russian reader expects of a list of people.

const LOWER: [char; 42] = [
    'а', 'ә', 'б', 'в', 'г', 'ғ', 'д', 'е', 'ё', 'ж', 'з', 'и', 'й', 'к', 'қ', 'л', 'м', 'н', 'ң', 'о', 'ө',
    'п', 'р', 'с', 'т', 'у', 'ұ', 'ү', 'ф', 'х', 'һ', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'і', 'ь', 'э', 'ю', 'я',
];
const UPPER: [char; 42] = [
    'А', 'Ә', 'Б', 'В', 'Г', 'Ғ', 'Д', 'Е', 'Ё', 'Ж', 'З', 'И', 'Й', 'К', 'Қ', 'Л', 'М', 'Н', 'Ң', 'О', 'Ө',
    'П', 'Р', 'С', 'Т', 'У', 'Ұ', 'Ү', 'Ф', 'Х', 'Һ', 'Ц', 'Ч', 'Ш', 'Щ', 'Ъ', 'Ы', 'І', 'Ь', 'Э', 'Ю', 'Я',
];

/// Rank (1-based) of each Cyrillic code point U+0400..U+04FF in the alphabet; 0 outside it.
/// A table: an import makes a key for each of its 100,000 names.
const RANKS: [u8; 256] = {
    let mut ranks = [0u8; 256];
    let mut i = 0;
    while i < LOWER.len() {
        ranks[LOWER[i] as usize - 0x400] = i as u8 + 1;
        ranks[UPPER[i] as usize - 0x400] = i as u8 + 1;
        i += 1;
    }
    ranks
};

/// Where a character sorts: spaces, digits, punctuation and Latin letters (case folded) in
/// code-point order, then the Cyrillic alphabet, case aside, at U+E001.. (private use).
fn key_char(c: char) -> char {
    let rank = (c as usize).checked_sub(0x400).and_then(|i| RANKS.get(i)).copied().unwrap_or(0);
    match rank {
        0 => c.to_lowercase().next().unwrap_or(c),
        rank => char::from_u32(0xE000 + u32::from(rank)).unwrap_or(c),
    }
}

/// A person's name as a key whose plain byte order (UTF-8 keeps code-point order) is the
/// alphabet's: stored beside the name, it lets SQLite sort and page through 100,000 names
/// with its own fast comparison and an ordinary index. Parts are separated by U+0001, below
/// every letter, so that «Ан Ә» sorts before «Ана А».
pub fn sort_key<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            key.push('\u{1}');
        }
        key.extend(part.trim().chars().map(key_char));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&'static str]) -> Vec<&'static str> {
        let mut names = names.to_vec();
        names.sort_by_cached_key(|n| (sort_key(n.split(' ')), *n));
        names
    }

    #[test]
    fn kazakh_letters_sit_in_their_alphabet_places() {
        let names = [
            "Іляс",
            "Ахметов",
            "Әлиев",
            "Яковлев",
            "Ыбырай",
            "Ғаббасов",
            "Гусев",
            "Дәулет",
            "ұлан",
            "Үмбет",
            "Уәли",
        ];
        assert_eq!(
            sorted(&names),
            [
                "Ахметов",
                "Әлиев",
                "Гусев",
                "Ғаббасов",
                "Дәулет",
                "Уәли",
                "ұлан",
                "Үмбет",
                "Ыбырай",
                "Іляс",
                "Яковлев"
            ]
        );
    }

    #[test]
    fn a_shorter_name_comes_first_and_case_does_not_count() {
        assert_eq!(
            sorted(&["Ана Әсел", "Ан Әсел", "Kim Li", "ан Әсел"]),
            ["Kim Li", "Ан Әсел", "ан Әсел", "Ана Әсел"]
        );
        assert_eq!(sort_key(["АҚ"]), sort_key(["ақ"]));
    }
}
