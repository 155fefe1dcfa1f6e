//! The bundled faces (Noto Serif Regular and Bold, OFL): measured for layout, and embedded.
//! The bundled files are Noto Serif without its TrueType hinting and with a four-line name
//! table (`pyftsubset --unicodes='*' --glyphs='*' --no-hinting --layout-features='*'
//! --name-IDs=1,2,4,6 --notdef-outline`): hinting is 40 % of a glyph's bytes and PDF readers
//! rasterise without it; the result is a letter of 19 KB instead of 37 KB.
//!
//! Embedding was most of a one-page PDF's cost: subsetting a face and deflating the font
//! program. Every document's program therefore carries a common base of chars (Kazakh and
//! Russian letters, digits, punctuation) plus whatever else its papers use, and programs are
//! made and deflated once per set of such extra chars: a batch of letters, whose extras are at
//! most a few Latin letters, embeds the same few programs over and over.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use printpdf::{FontEmbeddingMode, ParsedFont, PdfFont, PrintpdfFontMeta};

pub(super) static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSerif-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSerif-Bold.ttf");

/// Chars below this have their advance (and whether they are in the base) in a table.
const TABLE_CHARS: usize = 0x500;

/// Programs kept per face; past that the cache starts again (only odd batches get there).
const MAX_PROGRAMS: usize = 64;

/// The chars every regular program carries: each glyph costs ~55 bytes in every file. The
/// bold face has no base: it prints the fixed labels, titles and the university's name, the
/// same chars in every paper of a language, so its exact subset is made once and reused.
fn base() -> impl Iterator<Item = char> {
    ('А'..='я').chain('0'..='9').chain("ЁёӘәҒғҚқҢңӨөҰұҮүҺһІі .,:;-–—()/\"'«»№_".chars())
}

/// A font program to embed: the face cut down to some chars, and its bytes deflated.
pub(super) struct Program {
    font: ParsedFont,
    deflated: Vec<u8>,
}

impl Program {
    /// Embedded as it is: it is already a subset.
    pub fn embedded(&self) -> PdfFont {
        let meta = PrintpdfFontMeta {
            embedding_mode: FontEmbeddingMode::Full,
            requires_subsetting: false,
            ..Default::default()
        };
        PdfFont::with_meta(self.font.clone(), meta)
    }

    /// The deflated program, if `bytes` are this program's.
    pub fn deflated(&self, bytes: &[u8]) -> Option<&[u8]> {
        let own = self.font.source_bytes()?;
        (own.as_slice() == bytes).then_some(self.deflated.as_slice())
    }
}

pub(super) struct Face {
    full: ParsedFont,
    /// Advances in ems of the chars below [`TABLE_CHARS`], and whether each is in the base.
    advances: Vec<f32>,
    in_base: Vec<bool>,
    /// The base's chars above the table (typographic marks).
    base_above: Vec<char>,
    /// The chars every program of this face carries.
    base: Vec<char>,
    units_per_em: f32,
    /// Ascent and descent in ems, from the font's metrics: one line is their sum.
    pub ascent: f32,
    pub descent: f32,
    /// Programs by the extra chars they carry beyond the base.
    programs: Mutex<HashMap<BTreeSet<char>, Arc<Program>>>,
}

impl Face {
    fn load(bytes: &[u8], base: Vec<char>) -> Face {
        let full = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("bundled font parses");
        let metrics = full.get_font_metrics();
        let units_per_em = f32::from(metrics.units_per_em);
        let mut in_base = vec![false; TABLE_CHARS];
        let mut base_above = Vec::new();
        for &c in &base {
            match in_base.get_mut(c as usize) {
                Some(flag) => *flag = true,
                None => base_above.push(c),
            }
        }
        let mut face = Face {
            advances: Vec::new(),
            in_base,
            base_above,
            base,
            units_per_em,
            ascent: metrics.ascent / units_per_em,
            descent: metrics.descent / units_per_em,
            programs: Mutex::default(),
            full,
        };
        face.advances = (0..TABLE_CHARS as u32)
            .map(|c| char::from_u32(c).map_or(0.0, |c| face.lookup_advance(c)))
            .collect();
        face
    }

    fn lookup_advance(&self, c: char) -> f32 {
        // A char the font lacks is drawn as glyph 0 (.notdef), with that glyph's advance.
        let glyph = self.full.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        f32::from(self.full.get_horizontal_advance(glyph)) / self.units_per_em
    }

    fn advance(&self, c: char) -> f32 {
        match self.advances.get(c as usize) {
            Some(&em) => em,
            None => self.lookup_advance(c),
        }
    }

    /// Width of `text` at `size` points, as a PDF reader advances it (no kerning is applied).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// Whether the face has no glyph for `c`.
    pub fn lacks(&self, c: char) -> bool {
        self.full.lookup_glyph_index(u32::from(c)).is_none()
    }

    /// The chars of `text` beyond the base, into `extra`.
    pub fn note_extra(&self, text: &str, extra: &mut BTreeSet<char>) {
        let in_base = |c: char| match self.in_base.get(c as usize) {
            Some(&flag) => flag,
            None => self.base_above.contains(&c),
        };
        extra.extend(text.chars().filter(|&c| !in_base(c)));
    }

    /// The program carrying the base and `extra`, made on first use.
    pub fn program(&self, extra: &BTreeSet<char>) -> Arc<Program> {
        let mut programs = self.programs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(program) = programs.get(extra) {
            return Arc::clone(program);
        }
        if programs.len() >= MAX_PROGRAMS {
            programs.clear();
        }
        let program = Arc::new(self.make_program(extra));
        programs.insert(extra.clone(), Arc::clone(&program));
        program
    }

    fn make_program(&self, extra: &BTreeSet<char>) -> Program {
        let glyphs: BTreeMap<u16, String> = self
            .base
            .iter()
            .chain(extra)
            .copied()
            .filter_map(|c| Some((self.full.lookup_glyph_index(u32::from(c))?, c.to_string())))
            .collect();
        let subset = printpdf::subset_font(&self.full, &glyphs).expect("bundled font subsets");
        let mut font = ParsedFont::from_bytes(&subset.bytes, 0, &mut Vec::new()).expect("subset parses");
        font.font_name = Some(subset_name(self.full.font_name.as_deref().unwrap_or("NotoSerif"), extra));
        let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), subset.bytes);
        stream.compress().expect("deflating into memory");
        Program { font, deflated: stream.content }
    }
}

/// `ABCDEF+Name`: the tag marks a subset (ISO 32000-1, 9.6.4), one tag per face and extra chars.
fn subset_name(name: &str, extra: &BTreeSet<char>) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    (name, extra).hash(&mut hasher);
    let mut n = hasher.finish();
    let tag: String = (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (n % 26) as u8);
            n /= 26;
            letter
        })
        .collect();
    format!("{tag}+{name}")
}

pub(super) struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

/// Loaded once per process.
pub(super) fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: Face::load(REGULAR_TTF, base().collect()),
        bold: Face::load(BOLD_TTF, Vec::new()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_are_made_once_per_extra_chars() {
        let face = &fonts().regular;
        let mut extra = BTreeSet::new();
        face.note_extra("Ғалымжанқызы 6B01501 «ЖОО» — Müller", &mut extra);
        assert_eq!(extra, BTreeSet::from(['B', 'M', 'e', 'l', 'r', 'ü']));
        let program = face.program(&extra);
        assert!(Arc::ptr_eq(&program, &face.program(&extra)));
        for c in base().chain(extra.iter().copied()) {
            assert!(program.font.lookup_glyph_index(u32::from(c)).is_some(), "{c}");
        }
        assert!(program.font.lookup_glyph_index(u32::from('z')).is_none());
        assert!(!Arc::ptr_eq(&program, &face.program(&BTreeSet::new())));
    }

    #[test]
    fn subset_names_carry_a_tag() {
        let name = subset_name("NotoSerif-Bold", &BTreeSet::from(['B']));
        let (tag, rest) = name.split_once('+').unwrap();
        assert_eq!(rest, "NotoSerif-Bold");
        assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()));
        assert_ne!(name, subset_name("NotoSerif-Bold", &BTreeSet::new()));
    }
}
