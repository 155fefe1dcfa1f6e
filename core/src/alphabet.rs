//! Names in the order of the Kazakh Cyrillic alphabet, which holds the Russian one: Ә right
//! after А, Ғ after Г, І after Ы… Code-point order would put Ә, Ғ, І and the others before А
//! or after Я, which no Kazakh or Russian reader expects of a list of people.

use std::cmp::Ordering;

const LOWER: [char; 42] = [
    'а', 'ә', 'б', 'в', 'г', 'ғ', 'д', 'е', 'ё', 'ж', 'з', 'и', 'й', 'к', 'қ', 'л', 'м', 'н', 'ң', 'о', 'ө',
    'п', 'р', 'с', 'т', 'у', 'ұ', 'ү', 'ф', 'х', 'һ', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'і', 'ь', 'э', 'ю', 'я',
];
const UPPER: [char; 42] = [
    'А', 'Ә', 'Б', 'В', 'Г', 'Ғ', 'Д', 'Е', 'Ё', 'Ж', 'З', 'И', 'Й', 'К', 'Қ', 'Л', 'М', 'Н', 'Ң', 'О', 'Ө',
    'П', 'Р', 'С', 'Т', 'У', 'Ұ', 'Ү', 'Ф', 'Х', 'Һ', 'Ц', 'Ч', 'Ш', 'Щ', 'Ъ', 'Ы', 'І', 'Ь', 'Э', 'Ю', 'Я',
];

/// Rank (1-based) of each Cyrillic code point U+0400..U+04FF in the alphabet; 0 outside it.
/// A table, because SQLite calls the collation for every comparison of a sort.
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

/// Where a character sorts: spaces, digits, punctuation and Latin letters (in code-point
/// order, case folded) before the Cyrillic alphabet.
fn key(c: char) -> (u8, u32) {
    let rank = (c as usize).checked_sub(0x400).and_then(|i| RANKS.get(i)).copied().unwrap_or(0);
    if rank > 0 { (1, u32::from(rank)) } else { (0, c.to_lowercase().next().unwrap_or(c) as u32) }
}

/// The alphabet's order, letter case aside; names that differ only in case (or in letters
/// outside the table that fold alike) are ordered by their code points, so that the order is
/// total and stable.
pub fn compare(a: &str, b: &str) -> Ordering {
    a.chars().map(key).cmp(b.chars().map(key)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_letters_sit_in_their_alphabet_places() {
        let mut names = vec![
            "Іляс",
            "Ахметов",
            "Әлиев",
            "Яковлев",
            "Ыбырай",
            "Ғаббасов",
            "Гусев",
            "Дәулет",
            "ахметов",
            "Ұлан",
            "Үмбет",
            "Уәли",
        ];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(
            names,
            [
                "Ахметов",
                "ахметов",
                "Әлиев",
                "Гусев",
                "Ғаббасов",
                "Дәулет",
                "Уәли",
                "Ұлан",
                "Үмбет",
                "Ыбырай",
                "Іляс",
                "Яковлев"
            ]
        );
    }

    #[test]
    fn the_order_is_total() {
        assert_eq!(compare("Ким", "Ким"), Ordering::Equal);
        assert_eq!(compare("Ким", "Ким Ли"), Ordering::Less);
        assert_eq!(compare("Kim", "Ким"), Ordering::Less);
        assert_ne!(compare("ким", "Ким"), Ordering::Equal);
    }
}
