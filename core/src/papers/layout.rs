//! A small flow layout on A4: text is measured from the bundled font's glyph advances and
//! wrapped by words inside the margins (printpdf's `ShowText` draws one line, unwrapped);
//! the cursor moves down and a new page starts at the bottom margin.

use std::collections::BTreeSet;

use printpdf::{
    Color, CurTransMat, DictItem, ExternalStream, ExternalXObject, FontId, Line, LineDashPattern, LinePoint,
    Op, PaintMode, PdfFontHandle, PdfPage, Point, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem, TextMatrix,
    WindingOrder, XObjectId, XObjectTransform,
};

use super::fonts::{Face, fonts};
use super::words;
use crate::i18n::Lang;

pub(super) const MM: f32 = 72.0 / 25.4;
/// A4 in points.
pub const PAGE_WIDTH: f32 = 210.0 * MM;
pub const PAGE_HEIGHT: f32 = 297.0 * MM;
/// Margins of Kazakh office papers (left 30 mm for binding, right 10 mm).
pub const MARGIN_LEFT: f32 = 30.0 * MM;
pub const MARGIN_RIGHT: f32 = 10.0 * MM;
pub const MARGIN_TOP: f32 = 18.0 * MM;
pub const MARGIN_BOTTOM: f32 = 18.0 * MM;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - MARGIN_BOTTOM;

/// Horizontal padding inside ruled table cells, and the gap between unruled columns.
const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 2.0;
const HEADER_GREY: f32 = 0.9;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    fn face(self) -> &'static Face {
        match self {
            Weight::Regular => &fonts().regular,
            Weight::Bold => &fonts().bold,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    /// Where a line of `used` width starts inside `width`.
    fn offset(self, width: f32, used: f32) -> f32 {
        match self {
            Align::Left => 0.0,
            Align::Center => (width - used) / 2.0,
            Align::Right => width - used,
        }
    }
}

/// How a paragraph is set.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub size: f32,
    pub align: Align,
}

impl Style {
    pub const BODY: Style = Style { size: 11.0, align: Align::Left };
    pub const SMALL: Style = Style { size: 9.0, align: Align::Left };
    pub const TITLE: Style = Style { size: 13.0, align: Align::Center };

    pub const fn aligned(self, align: Align) -> Style {
        Style { align, ..self }
    }

    pub const fn sized(self, size: f32) -> Style {
        Style { size, ..self }
    }

    /// Baseline-to-baseline distance: the font's ascent plus descent, so that lines never overlap.
    fn line_height(self) -> f32 {
        let face = &fonts().regular;
        (face.ascent + face.descent) * self.size
    }

    fn ascent(self) -> f32 {
        fonts().regular.ascent * self.size
    }
}

/// A run of text in one weight; a paragraph is a sequence of runs.
#[derive(Clone, Copy, Debug)]
pub struct Span<'a> {
    pub text: &'a str,
    pub weight: Weight,
}

impl<'a> Span<'a> {
    pub fn regular(text: &'a str) -> Span<'a> {
        Span { text, weight: Weight::Regular }
    }
    pub fn bold(text: &'a str) -> Span<'a> {
        Span { text, weight: Weight::Bold }
    }
}

/// Text set in one weight at an offset from the line's start.
#[derive(Debug, PartialEq)]
struct Piece {
    x: f32,
    text: String,
    weight: Weight,
}

#[derive(Debug, Default)]
struct SetLine {
    pieces: Vec<Piece>,
    width: f32,
}

impl SetLine {
    /// Appends a word, after a space if asked and the line is not empty.
    fn push(&mut self, word: &str, weight: Weight, space: bool, size: f32) {
        let face = weight.face();
        let space = space && !self.pieces.is_empty();
        let gap = if space { face.width(" ", size) } else { 0.0 };
        match self.pieces.last_mut() {
            Some(last) if last.weight == weight => {
                if space {
                    last.text.push(' ');
                }
                last.text.push_str(word);
            }
            _ => self.pieces.push(Piece { x: self.width + gap, text: word.to_string(), weight }),
        }
        self.width += gap + face.width(word, size);
    }
}

/// Breaks runs of text into lines no wider than `width`: by words, and inside a word only when
/// the word alone is wider than a line.
fn wrap(spans: &[Span], size: f32, width: f32) -> Vec<SetLine> {
    let mut lines = Vec::new();
    let mut line = SetLine::default();
    // Whether white space separates the next word from the previous one, across runs too.
    let mut space = false;
    for span in spans {
        let face = span.weight.face();
        let mut rest = span.text;
        loop {
            let trimmed = rest.trim_start();
            space |= trimmed.len() < rest.len();
            if trimmed.is_empty() {
                break;
            }
            let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            let mut word = &trimmed[..end];
            rest = &trimmed[end..];
            let gap = if space && !line.pieces.is_empty() { face.width(" ", size) } else { 0.0 };
            if line.width + gap + face.width(word, size) > width && !line.pieces.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than a whole line is cut where it reaches the margin.
            while face.width(word, size) > width {
                let mut used = 0.0;
                let cut = word
                    .char_indices()
                    .find(|&(_, c)| {
                        used += face.width(c.encode_utf8(&mut [0; 4]), size);
                        used > width
                    })
                    .map_or(word.len(), |(at, _)| at)
                    .max(word.chars().next().map_or(0, char::len_utf8));
                line.push(&word[..cut], span.weight, false, size);
                lines.push(std::mem::take(&mut line));
                word = &word[cut..];
            }
            if !word.is_empty() {
                line.push(word, span.weight, space, size);
            }
            space = false;
        }
    }
    if !line.pieces.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A column of a [`Table`]: its share of the content width and how its cells align.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub share: f32,
    pub align: Align,
}

/// How a table looks: ruled (cell borders, a grey header repeated on every page) or not (for
/// signature lines and label–value layouts).
#[derive(Clone, Copy, Debug)]
pub struct Table<'a> {
    pub columns: &'a [Column],
    pub header: &'a [&'a str],
    pub ruled: bool,
    pub style: Style,
}

/// One paper's pages being laid out. Papers draw through its methods only; positions are
/// measured from the top of the page, in points.
pub struct Flow {
    lang: Lang,
    regular: FontId,
    bold: FontId,
    pages: Vec<Vec<Op>>,
    /// Distance of the cursor from the top edge of the current page.
    y: f32,
    numbered: bool,
    cancelled: bool,
    /// Chars drawn beyond the faces' base, regular and bold (see `fonts`).
    extra: Extra,
    /// Forms the pages use (QR codes), for the document's resources.
    forms: Vec<(XObjectId, ExternalXObject)>,
    /// A block at the right edge (a QR code): until `y` passes its bottom, text keeps `width`
    /// points clear of it. (bottom, width)
    aside: Option<(f32, f32)>,
}

/// Chars beyond the faces' base that a paper draws, per face.
#[derive(Debug, Default)]
pub(super) struct Extra {
    pub regular: BTreeSet<char>,
    pub bold: BTreeSet<char>,
}

impl Extra {
    fn note(&mut self, text: &str, weight: Weight) {
        let set = match weight {
            Weight::Regular => &mut self.regular,
            Weight::Bold => &mut self.bold,
        };
        weight.face().note_extra(text, set);
    }

    pub fn append(&mut self, other: &mut Extra) {
        self.regular.append(&mut other.regular);
        self.bold.append(&mut other.bold);
    }

    /// The chars the faces have no glyph for: a PDF reader would show them as empty boxes or
    /// drop them.
    pub fn unprintable(&self) -> BTreeSet<char> {
        let fonts = super::fonts::fonts();
        let lacking = |set: &BTreeSet<char>, face: &super::fonts::Face| {
            set.iter().copied().filter(|&c| !c.is_whitespace() && face.lacks(c)).collect::<Vec<_>>()
        };
        lacking(&self.regular, &fonts.regular).into_iter().chain(lacking(&self.bold, &fonts.bold)).collect()
    }
}

impl Flow {
    pub(super) fn new(lang: Lang, regular: FontId, bold: FontId) -> Flow {
        Flow {
            lang,
            regular,
            bold,
            pages: vec![Vec::new()],
            y: MARGIN_TOP,
            numbered: false,
            cancelled: false,
            extra: Extra::default(),
            aside: None,
            forms: Vec::new(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Puts «Бет k / N» / «Стр. k из N» on every page (a paper longer than a page gets it anyway).
    pub fn number_pages(&mut self) {
        self.numbered = true;
    }

    /// Stamps every page of the paper «ЖОЙЫЛДЫ» / «АННУЛИРОВАНО».
    pub fn mark_cancelled(&mut self) {
        self.cancelled = true;
    }

    /// Nothing drawn yet on this page.
    pub fn at_page_top(&self) -> bool {
        self.y <= MARGIN_TOP
    }

    pub fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// Wrapped text inside the margins, clear of a block aside.
    pub fn paragraph(&mut self, spans: &[Span], style: Style) {
        let height = style.line_height();
        let width = match self.aside {
            Some((bottom, aside)) if self.y < bottom => CONTENT_WIDTH - aside,
            _ => CONTENT_WIDTH,
        };
        for line in wrap(spans, style.size, width) {
            self.ensure(height);
            let x = MARGIN_LEFT + style.align.offset(width, line.width);
            self.draw_line(&line, x, self.y + style.ascent(), style.size);
            self.y += height;
        }
    }

    pub fn text(&mut self, text: &str, style: Style) {
        self.paragraph(&[Span::regular(text)], style);
    }

    /// A centred bold title.
    pub fn heading(&mut self, text: &str) {
        self.paragraph(&[Span::bold(text)], Style::TITLE);
    }

    /// «Label: value», the label in bold.
    pub fn field(&mut self, label: &str, value: &str, style: Style) {
        self.paragraph(
            &[Span::bold(label), Span::bold(":"), Span::regular(" "), Span::regular(value)],
            style,
        );
    }

    /// A QR code of `modules` (`width` a row, dark ones true) `size` points square at the right
    /// edge, from the cursor down; the text that follows keeps clear of it until
    /// [`Flow::clear_aside`]. The code is a form of its own, in units of one module: a run of
    /// dark modules is one `re` of small integers and one fill paints them all (2 KB a code,
    /// written as text here rather than as ~700 operators for printpdf to convert).
    pub fn qr_aside(&mut self, modules: &[bool], width: usize, size: f32) {
        use std::fmt::Write;
        let mut content = String::with_capacity(modules.len() * 4);
        for (row, line) in modules.chunks(width).enumerate() {
            let mut col = 0;
            while col < width {
                let start = col;
                while col < width && line[col] {
                    col += 1;
                }
                if col > start {
                    let _ = writeln!(content, "{start} {} {} 1 re", width - 1 - row, col - start);
                }
                col += 1;
            }
        }
        content.push('f');
        let dict = [
            ("Type", DictItem::Name(b"XObject".to_vec())),
            ("Subtype", DictItem::Name(b"Form".to_vec())),
            ("BBox", DictItem::Array([0, 0, width, width].map(|n| DictItem::Int(n as i64)).to_vec())),
        ];
        let form = ExternalXObject {
            stream: ExternalStream {
                dict: dict.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                content: content.into_bytes(),
                compress: true,
            },
            width: None,
            height: None,
            dpi: None,
        };
        let id = XObjectId::new();
        let module = size / width as f32;
        let (left, top) = (MARGIN_LEFT + CONTENT_WIDTH - size, self.y);
        self.current().extend([
            Op::SaveGraphicsState,
            Op::SetTransformationMatrix {
                matrix: CurTransMat::Raw([module, 0.0, 0.0, module, left, PAGE_HEIGHT - top - size]),
            },
            Op::UseXobject {
                id: id.clone(),
                transform: XObjectTransform { no_auto_scale: true, ..Default::default() },
            },
            Op::RestoreGraphicsState,
        ]);
        self.forms.push((id, form));
        // Its quiet zone: the four modules of white a reader needs around a code.
        self.aside = Some((top + size + 4.0 * module, size + 3.0 * MM));
    }

    /// Moves below the block aside, if any.
    pub fn clear_aside(&mut self) {
        if let Some((bottom, _)) = self.aside.take() {
            self.y = self.y.max(bottom);
        }
    }

    /// A horizontal line across the content width, in the middle of `height`.
    pub fn rule(&mut self, height: f32, thickness: f32) {
        self.ensure(height);
        let y = self.y + height / 2.0;
        self.line(MARGIN_LEFT, y, MARGIN_LEFT + CONTENT_WIDTH, y, thickness, false);
        self.y += height;
    }

    /// A dashed cut line from edge to edge of the content, with a small label in its middle.
    pub fn cut_line(&mut self, label: &str) {
        let style = Style::SMALL;
        let height = style.line_height();
        self.ensure(height);
        let width = Weight::Regular.face().width(label, style.size);
        let label_x = MARGIN_LEFT + (CONTENT_WIDTH - width) / 2.0;
        let y = self.y + height / 2.0;
        self.line(MARGIN_LEFT, y, label_x - CELL_PAD_X, y, 0.6, true);
        self.line(label_x + width + CELL_PAD_X, y, MARGIN_LEFT + CONTENT_WIDTH, y, 0.6, true);
        let baseline = self.y + style.ascent() - (style.line_height() - style.size) / 2.0;
        self.show(label_x, baseline, label, Weight::Regular, style.size);
        self.y += height;
    }

    /// Rows of cells; cells wrap and a row is as tall as its tallest cell. A row that does not
    /// fit goes to the next page, under the header again.
    pub fn table<R: AsRef<[S]>, S: AsRef<str>>(&mut self, table: &Table, rows: &[R]) {
        let boxes = column_boxes(table);
        let set = |texts: &mut dyn Iterator<Item = &str>, weight: Weight| -> Vec<Vec<SetLine>> {
            texts
                .zip(&boxes)
                .map(|(text, b)| wrap(&[Span { text, weight }], table.style.size, b.text_width))
                .collect()
        };
        let header = set(&mut table.header.iter().copied(), Weight::Bold);
        if !header.is_empty() {
            // The header never ends a page alone: room for it and a first row.
            self.ensure(row_height(table, &header) * 2.0);
            self.draw_row(table, &boxes, &header, true);
        }
        for row in rows {
            let cells = set(&mut row.as_ref().iter().map(AsRef::as_ref), Weight::Regular);
            if self.ensure(row_height(table, &cells)) && !header.is_empty() {
                self.draw_row(table, &boxes, &header, true);
            }
            self.draw_row(table, &boxes, &cells, false);
        }
    }

    /// Signature lines: role, a line to sign on, name; optionally a stamp place below.
    pub fn signatures(&mut self, signers: &[(&str, &str)]) {
        const COLUMNS: [Column; 3] = [
            Column { share: 0.42, align: Align::Left },
            Column { share: 0.26, align: Align::Center },
            Column { share: 0.32, align: Align::Right },
        ];
        let rows: Vec<[&str; 3]> =
            signers.iter().map(|&(role, name)| [role, "________________", name]).collect();
        let table = Table { columns: &COLUMNS, header: &[], ruled: false, style: Style::BODY };
        self.keep_together(|flow| {
            for row in &rows {
                flow.table(&table, std::slice::from_ref(row));
                flow.gap(6.0);
            }
        });
    }

    /// Draws with `draw`; if that crossed onto a new page, draws it again from the top of a
    /// fresh page, so a block (signatures, the tear-off slip) is never split.
    pub fn keep_together(&mut self, draw: impl Fn(&mut Flow)) {
        let (pages, ops, y) = (self.pages.len(), self.current().len(), self.y);
        draw(self);
        if self.pages.len() > pages && y > MARGIN_TOP {
            self.pages.truncate(pages);
            self.current().truncate(ops);
            self.new_page();
            draw(self);
        }
    }

    /// The pages, with page numbers and the cancellation stamp added, and the chars they use
    /// beyond the faces' base.
    pub(super) fn finish(mut self) -> (Vec<PdfPage>, Extra, Vec<(XObjectId, ExternalXObject)>) {
        let count = self.pages.len();
        let numbered = self.numbered || count > 1;
        let mut pages = std::mem::take(&mut self.pages);
        for (index, ops) in pages.iter_mut().enumerate() {
            if numbered {
                let text = words::page_of(self.lang, index + 1, count);
                let size = Style::SMALL.size;
                let x = MARGIN_LEFT + (CONTENT_WIDTH - Weight::Regular.face().width(&text, size)) / 2.0;
                text_ops(ops, &self.regular, x, MARGIN_BOTTOM / 2.0, &text, size);
                self.extra.note(&text, Weight::Regular);
            }
            if self.cancelled {
                let mark = words::CANCELLED.get(self.lang);
                self.stamp(ops, mark);
                self.extra.note(mark, Weight::Bold);
            }
        }
        let pages = pages.into_iter().map(|ops| PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops));
        (pages.collect(), self.extra, self.forms)
    }

    fn current(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a flow always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` fits above the bottom margin (or the page is still
    /// empty: a block taller than a page can only overflow). Whether it started one.
    fn ensure(&mut self, height: f32) -> bool {
        let fresh = self.y <= MARGIN_TOP;
        if self.y + height > CONTENT_BOTTOM && !fresh {
            self.new_page();
            return true;
        }
        false
    }

    fn draw_line(&mut self, line: &SetLine, x: f32, baseline: f32, size: f32) {
        for piece in &line.pieces {
            self.show(x + piece.x, baseline, &piece.text, piece.weight, size);
        }
    }

    fn show(&mut self, x: f32, baseline: f32, text: &str, weight: Weight, size: f32) {
        self.extra.note(text, weight);
        let font = match weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        };
        text_ops(self.current(), &font, x, PAGE_HEIGHT - baseline, text, size);
    }

    fn draw_row(&mut self, table: &Table, boxes: &[ColumnBox], cells: &[Vec<SetLine>], header: bool) {
        let style = table.style;
        let height = row_height(table, cells);
        for ((lines, b), column) in cells.iter().zip(boxes).zip(table.columns) {
            if table.ruled {
                let grey = if header { Some(HEADER_GREY) } else { None };
                self.cell_box(b.x, self.y, b.width, height, grey);
            }
            let align = if header { Align::Center } else { column.align };
            let mut top = self.y + if table.ruled { CELL_PAD_Y } else { 0.0 };
            for line in lines {
                let x = b.text_x + align.offset(b.text_width, line.width);
                self.draw_line(line, x, top + style.ascent(), style.size);
                top += style.line_height();
            }
        }
        self.y += height;
    }

    fn cell_box(&mut self, x: f32, top: f32, width: f32, height: f32, fill: Option<f32>) {
        let mode = if fill.is_some() { PaintMode::FillStroke } else { PaintMode::Stroke };
        let ops = self.current();
        ops.push(Op::SaveGraphicsState);
        if let Some(grey) = fill {
            ops.push(Op::SetFillColor { col: rgb(grey, grey, grey) });
        }
        ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(PAGE_HEIGHT - top - height),
                width: Pt(width),
                height: Pt(height),
                mode: Some(mode),
                winding_order: None,
            },
        });
        ops.push(Op::RestoreGraphicsState);
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, dashed: bool) {
        let ops = self.current();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        if dashed {
            ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[4.0, 3.0]) });
        }
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(x1, PAGE_HEIGHT - y1), point(x2, PAGE_HEIGHT - y2)],
                is_closed: false,
            },
        });
        ops.push(Op::RestoreGraphicsState);
    }

    /// A red framed word across the middle of the page, rotated like a rubber stamp, and the
    /// same word level in the top margin, where text search and screen readers find it.
    fn stamp(&self, ops: &mut Vec<Op>, text: &str) {
        const SIZE: f32 = 44.0;
        const DEGREES: f32 = 30.0;
        const PAD: f32 = 10.0;
        let face = Weight::Bold.face();
        let width = face.width(text, SIZE);
        let (sin, cos) = DEGREES.to_radians().sin_cos();
        // In the stamp's own axes: x along the text from its start, y up from the baseline.
        let (low, high) = (-face.descent * SIZE - PAD, 0.72 * SIZE + PAD);
        let centre = (PAGE_WIDTH / 2.0, PAGE_HEIGHT / 2.0);
        let origin_x = centre.0 - cos * width / 2.0 + sin * (low + high) / 2.0;
        let origin_y = centre.1 - sin * width / 2.0 - cos * (low + high) / 2.0;
        let at = |u: f32, v: f32| point(origin_x + u * cos - v * sin, origin_y + u * sin + v * cos);
        let red = rgb(0.8, 0.1, 0.1);
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor { col: red.clone() });
        ops.push(Op::SetFillColor { col: red });
        ops.push(Op::SetOutlineThickness { pt: Pt(3.0) });
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: vec![at(-PAD, low), at(width + PAD, low), at(width + PAD, high), at(-PAD, high)],
                }],
                mode: PaintMode::Stroke,
                winding_order: WindingOrder::NonZero,
            },
        });
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont { font: PdfFontHandle::External(self.bold.clone()), size: Pt(SIZE) });
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::TranslateRotate(Pt(origin_x), Pt(origin_y), DEGREES),
        });
        ops.push(Op::ShowText { items: vec![TextItem::Text(text.to_string())] });
        ops.push(Op::EndTextSection);
        let size = Style::TITLE.size;
        let x = MARGIN_LEFT + CONTENT_WIDTH - face.width(text, size);
        text_ops(ops, &self.bold, x, PAGE_HEIGHT - MARGIN_TOP / 2.0 - size / 2.0, text, size);
        ops.push(Op::RestoreGraphicsState);
    }
}

/// Where a column is and where its text goes, in points from the page's left edge.
struct ColumnBox {
    x: f32,
    width: f32,
    text_x: f32,
    text_width: f32,
}

/// Ruled cells pad their text on both sides; unruled columns keep a gap between them only, so
/// the first starts at the left margin and the last ends at the right one.
fn column_boxes(table: &Table) -> Vec<ColumnBox> {
    let total: f32 = table.columns.iter().map(|c| c.share).sum();
    let last = table.columns.len().saturating_sub(1);
    let mut x = MARGIN_LEFT;
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let width = column.share / total * CONTENT_WIDTH;
            let (left, right) = match table.ruled {
                true => (CELL_PAD_X, CELL_PAD_X),
                false => (if i > 0 { CELL_PAD_X } else { 0.0 }, if i < last { CELL_PAD_X } else { 0.0 }),
            };
            let column_box = ColumnBox { x, width, text_x: x + left, text_width: width - left - right };
            x += width;
            column_box
        })
        .collect()
}

fn row_height(table: &Table, cells: &[Vec<SetLine>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0) as f32;
    lines * table.style.line_height() + if table.ruled { 2.0 * CELL_PAD_Y } else { 0.0 }
}

/// One line of text at `x`, `y` (PDF coordinates: from the bottom left).
fn text_ops(ops: &mut Vec<Op>, font: &FontId, x: f32, y: f32, text: &str, size: f32) {
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(size) });
    ops.push(Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(y) } });
    ops.push(Op::ShowText { items: vec![TextItem::Text(text.to_string())] });
    ops.push(Op::EndTextSection);
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

fn rgb(r: f32, g: f32, b: f32) -> Color {
    Color::Rgb(Rgb { r, g, b, icc_profile: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[SetLine]) -> Vec<String> {
        lines.iter().map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("|")).collect()
    }

    #[test]
    fn wraps_by_words_within_the_width() {
        let text = "Қарағанды облысы білім басқармасының «Ақбөбек» бөбекжай-бақшасы мемлекеттік коммуналдық \
                    қазыналық кәсіпорны";
        let lines = wrap(&[Span::regular(text)], 11.0, 150.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 150.0));
        assert_eq!(texts(&lines).join(" "), text.split_whitespace().collect::<Vec<_>>().join(" "));
    }

    #[test]
    fn breaks_a_word_longer_than_a_line() {
        let word = "Ә".repeat(80);
        let lines = wrap(&[Span::bold(&word)], 11.0, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 100.0 && !l.pieces.is_empty()));
        assert_eq!(texts(&lines).concat(), word);
    }

    #[test]
    fn runs_of_two_weights_share_a_line() {
        let lines = wrap(&[Span::bold("ЖСН:"), Span::regular(" 871008401427")], 11.0, CONTENT_WIDTH);
        assert_eq!(lines.len(), 1);
        let pieces = &lines[0].pieces;
        assert_eq!((pieces[0].text.as_str(), pieces[0].weight), ("ЖСН:", Weight::Bold));
        assert_eq!((pieces[1].text.as_str(), pieces[1].weight), ("871008401427", Weight::Regular));
        assert!(pieces[1].x > Weight::Bold.face().width("ЖСН:", 11.0));
        // No space between runs that do not have one.
        let joined = wrap(&[Span::bold("Шешім"), Span::bold(":")], 11.0, CONTENT_WIDTH);
        assert_eq!(texts(&joined), ["Шешім:"]);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap(&[Span::regular("  ")], 11.0, 100.0).len(), 1);
    }
}
