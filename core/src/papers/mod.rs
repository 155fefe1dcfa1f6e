//! The commission's printable papers as PDF, offline: referral letters with the employer's
//! tear-off slip, referrals to the employment centre, exemption and deferral certificates,
//! meeting protocols and an obligation's calculation sheet, in Kazakh or Russian, on A4.
//!
//! Each paper is plain data implementing [`Paper`]; [`render`] lays any number of them out into
//! one PDF, [`write_batch`] writes many to a folder or one combined file with progress and
//! cancellation. Fonts (Noto Serif, every Kazakh letter) are bundled and embedded as subsets
//! made once per process (see `fonts`).

mod batch;
mod calculation;
mod documents;
mod fonts;
pub mod issued;
mod layout;
pub mod sign;
pub mod simulation;
mod words;

use printpdf::{FontId, PdfDocument, PdfParseErrorSeverity, PdfSaveOptions};

pub use batch::{FileNames, Output, write_batch};
pub use calculation::CalculationSheet;
pub use documents::{
    CentreReferral, Certificate, CertificateKind, GraduateLine, Issue, Protocol, ProtocolRef, ProtocolRow,
    ReferralLetter, University,
};
pub use issued::{IssuedLine, PaperRegister};
pub use layout::{
    Align, Column, Flow, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH, Span,
    Style, Table, Weight,
};
pub use simulation::{Draft, DraftFigures, DraftLine};

use crate::i18n::{Lang, Text, UserFacing};
use layout::Extra;

/// A printable paper: it knows its language, its file name and how to draw itself.
pub trait Paper {
    fn lang(&self) -> Lang;
    /// A readable name for its own file, before it is made safe, that names nobody: its number
    /// (e.g. «2025/0012»), since a folder listing is readable by more eyes than the paper.
    fn file_name(&self) -> String;
    /// The person the paper is about, added to its file name when the secretary asks.
    fn person(&self) -> Option<&str> {
        None
    }
    fn draw(&self, flow: &mut Flow);
}

#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    #[error("no papers to render")]
    Empty,
    #[error("PDF not produced: {detail}")]
    Pdf { detail: String },
    #[error("writing {path}: {source}")]
    Io { path: std::path::PathBuf, source: std::io::Error },
    #[error("cancelled after {done} of {total} papers")]
    Cancelled { done: usize, total: usize },
    /// A text (a graduate's name, a paper) holds chars the embedded fonts have no glyph for: a
    /// name in a script they lack.
    #[error("{what}: unprintable {chars}")]
    Unprintable { what: String, chars: String },
}

impl UserFacing for PaperError {
    /// Stable codes: `papers_empty`, `papers_pdf`, `papers_io`, `papers_cancelled`,
    /// `papers_unprintable`.
    fn code(&self) -> &'static str {
        match self {
            PaperError::Empty => "papers_empty",
            PaperError::Pdf { .. } => "papers_pdf",
            PaperError::Io { .. } => "papers_io",
            PaperError::Cancelled { .. } => "papers_cancelled",
            PaperError::Unprintable { .. } => "papers_unprintable",
        }
    }

    fn message(&self) -> Text {
        match self {
            PaperError::Empty => Text::new("Басып шығаратын құжат жоқ", "Нет документов для печати"),
            PaperError::Pdf { detail } => Text::new(
                format!("PDF файлын құру мүмкін болмады: {detail}"),
                format!("Не удалось сформировать PDF: {detail}"),
            ),
            PaperError::Io { path, source } => Text::new(
                format!("«{}» файлын жазу мүмкін болмады: {source}", path.display()),
                format!("Не удалось записать файл «{}»: {source}", path.display()),
            ),
            PaperError::Cancelled { done, total } => Text::new(
                format!("Құжаттарды шығару тоқтатылды: {total} құжаттың {done} дайын"),
                format!("Выпуск документов остановлен: готово {done} из {total}"),
            ),
            PaperError::Unprintable { what, chars } => {
                let codes =
                    chars.chars().map(|c| format!("«{c}» U+{:04X}", c as u32)).collect::<Vec<_>>().join(", ");
                Text::new(
                    format!(
                        "«{what}»: қаріпте жоқ таңбалар бар ({codes}), олар қағазда басылмай қалар еді. \
                         Құжаттар шығарылмады: деректерді түзетіңіз."
                    ),
                    format!(
                        "«{what}»: есть символы, которых нет в шрифте ({codes}), на бумаге они бы \
                         пропали. Документы не выпущены: исправьте данные."
                    ),
                )
            }
        }
    }
}

/// Papers laid out one after another into one PDF document.
struct Document {
    pdf: PdfDocument,
    regular: FontId,
    bold: FontId,
    /// Chars the papers use beyond the faces' base (see `fonts`).
    extra: Extra,
}

impl Document {
    fn new(title: &str) -> Document {
        Document {
            pdf: PdfDocument::new(title),
            regular: FontId::new(),
            bold: FontId::new(),
            extra: Extra::default(),
        }
    }

    /// Lays the paper out; refuses it if it has a char the fonts cannot print, so that a name
    /// is never printed short.
    fn add(&mut self, paper: &dyn Paper) -> Result<(), PaperError> {
        let mut flow = Flow::new(paper.lang(), self.regular.clone(), self.bold.clone());
        paper.draw(&mut flow);
        let (pages, mut extra, forms) = flow.finish();
        let unprintable = extra.unprintable();
        if !unprintable.is_empty() {
            return Err(PaperError::Unprintable {
                what: paper.file_name(),
                chars: unprintable.into_iter().collect(),
            });
        }
        self.pdf.pages.extend(pages);
        for (id, form) in forms {
            self.pdf.resources.xobjects.map.insert(id, printpdf::XObject::External(form));
        }
        self.extra.append(&mut extra);
        Ok(())
    }

    /// The PDF bytes, with each face embedded as a subset made and deflated once per process
    /// (see `fonts`); the other streams are deflated here.
    fn save(mut self) -> Result<Vec<u8>, PaperError> {
        if self.pdf.pages.is_empty() {
            return Err(PaperError::Empty);
        }
        let fonts = fonts::fonts();
        let programs = [fonts.regular.program(&self.extra.regular), fonts.bold.program(&self.extra.bold)];
        for (id, program) in [&self.regular, &self.bold].into_iter().zip(&programs) {
            self.pdf.resources.fonts.map.insert(id.clone(), program.embedded());
        }
        let mut warnings = Vec::new();
        let options = PdfSaveOptions { optimize: false, subset_fonts: false, ..Default::default() };
        let mut pdf = self.pdf.to_lopdf_document(&options, &mut warnings);
        if let Some(error) = warnings.into_iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
            return Err(PaperError::Pdf { detail: error.msg });
        }
        for object in pdf.objects.values_mut() {
            let lopdf::Object::Stream(stream) = object else { continue };
            match programs.iter().find_map(|program| program.deflated(&stream.content)) {
                Some(deflated) => {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(deflated.to_vec());
                }
                None if stream.allows_compression => {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(deflate(&stream.content)?);
                }
                None => {}
            }
        }
        let mut bytes = Vec::new();
        pdf.save_to(&mut bytes).map_err(|e| PaperError::Pdf { detail: e.to_string() })?;
        Ok(bytes)
    }
}

/// A page's or a form's stream deflated at zlib's default level: lopdf's own `compress` takes
/// the best level, which spent a third of a letter's time for 2 % of its bytes.
fn deflate(content: &[u8]) -> Result<Vec<u8>, PaperError> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(content)
        .and_then(|()| encoder.finish())
        .map_err(|e| PaperError::Pdf { detail: e.to_string() })
}

/// The chars of `text` the embedded fonts cannot print, in order, once each.
pub fn unprintable(text: &str) -> Vec<char> {
    let fonts = fonts::fonts();
    let mut found: Vec<char> = Vec::new();
    for c in text.chars() {
        if !c.is_whitespace() && (fonts.regular.lacks(c) || fonts.bold.lacks(c)) && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// Renders papers, each starting on a new page, into one PDF.
pub fn render(papers: &[&dyn Paper]) -> Result<Vec<u8>, PaperError> {
    let mut document = Document::new(&papers.first().map(|p| p.file_name()).unwrap_or_default());
    for paper in papers {
        document.add(*paper)?;
    }
    document.save()
}
