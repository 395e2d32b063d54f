//! Pages of a paged input (PDF, TIFF, image): joining the pages' texts into one document text
//! with each page's span, cleaning what OCR and `pdftotext` leave behind, and carrying page
//! spans through the repair's edits so they point into the repaired text.
//!
//! Not here: getting the pages' text (the driver-side [`crate::scan`] runs poppler and
//! Tesseract), deciding between a PDF's text layer and OCR ([`super::pdf`]).

use crate::model::{Edit, Page, Span};

/// How a page's text was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageMethod {
    /// Read from a PDF's text layer.
    TextLayer,
    /// Recognised by OCR.
    Ocr,
}

impl PageMethod {
    /// The name written into `Page::method`.
    pub fn as_str(self) -> &'static str {
        match self {
            PageMethod::TextLayer => "text_layer",
            PageMethod::Ocr => "ocr",
        }
    }
}

/// One page's text as read, before it is joined with the others.
#[derive(Debug, Clone, PartialEq)]
pub struct PageText {
    pub text: String,
    pub method: PageMethod,
    /// Mean OCR word confidence, 0..100 (OCR'd pages only).
    pub confidence: Option<f32>,
}

/// Joins pages into one text. Pages are separated by a single line break, not a blank line:
/// a page break usually falls inside a paragraph, and the repair's unwrapping then treats it
/// like any other wrapped line. A page with no text gets an empty span where it would be.
pub fn assemble(pages: &[PageText]) -> (String, Vec<Page>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(pages.len());
    for (index, page) in pages.iter().enumerate() {
        let cleaned = clean_page_text(&page.text);
        if !cleaned.is_empty() && !text.is_empty() {
            text.push('\n');
        }
        let start = text.len();
        text.push_str(&cleaned);
        spans.push(Page {
            number: u32::try_from(index + 1).unwrap_or(u32::MAX),
            span: Span::new(start, text.len()),
            ocr_confidence: page.confidence,
            method: page.method.as_str().to_owned(),
        });
    }
    (text, spans)
}

/// Normalises what OCR and `pdftotext` emit: CRLF and lone CR to LF, form feeds and other
/// control characters dropped, trailing spaces cut from every line, and blank lines at the
/// page's start and end removed. Inner blank lines stay (they separate paragraphs).
pub fn clean_page_text(raw: &str) -> String {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = unified
        .split('\n')
        .map(|line| line.chars().filter(|c| !c.is_control() || *c == '\t').collect::<String>().trim_end().to_owned())
        .collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

/// Moves page spans from the acquired text to the repaired text by replaying the offsets
/// through every repair pass. An offset inside a replaced stretch moves to that stretch's
/// start (for a page start) or end (for a page end), so a page never loses text that was
/// merely rewritten. Offsets are finally clamped onto `repaired`'s char boundaries.
pub fn remap_page_spans(pages: &mut [Page], edits: &[Edit], repaired: &str) {
    let mut passes: Vec<u32> = edits.iter().map(|e| e.pass).collect();
    passes.sort_unstable();
    passes.dedup();
    for pass in passes {
        let mut in_pass: Vec<&Edit> = edits.iter().filter(|e| e.pass == pass).collect();
        in_pass.sort_by_key(|e| (e.span.start, e.span.end));
        // An edit that spans a page break goes to the earlier page: spans stay in order and
        // never overlap; an empty page stays empty.
        let mut floor = 0;
        for page in pages.iter_mut() {
            let start = map_offset(page.span.start, &in_pass, Side::Start).max(floor);
            let end = if page.span.is_empty() { start } else { map_offset(page.span.end, &in_pass, Side::End).max(start) };
            page.span = Span::new(start, end);
            floor = end;
        }
    }
    for page in pages.iter_mut() {
        let start = floor_char_boundary(repaired, page.span.start);
        let end = floor_char_boundary(repaired, page.span.end).max(start);
        page.span = Span::new(start, end);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Start,
    End,
}

fn map_offset(offset: usize, edits: &[&Edit], side: Side) -> usize {
    let mut shift: isize = 0;
    for edit in edits {
        let (start, end) = (edit.span.start, edit.span.end);
        let growth = edit.after.len() as isize - edit.before.len() as isize;
        if end < offset || (end == offset && start < offset) {
            shift += growth;
        } else if start < offset && offset < end {
            let new_start = (start as isize + shift).max(0) as usize;
            return match side {
                Side::Start => new_start,
                Side::End => new_start + edit.after.len(),
            };
        } else {
            break;
        }
    }
    (offset as isize + shift).max(0) as usize
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The number of the page a span starts on, if the document has pages.
pub fn page_of(pages: &[Page], span: Span) -> Option<u32> {
    pages
        .iter()
        .filter(|p| !p.span.is_empty())
        .find(|p| p.span.start <= span.start && span.start < p.span.end.max(p.span.start + 1))
        .map(|p| p.number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EditKind;

    fn ocr(text: &str) -> PageText {
        PageText { text: text.into(), method: PageMethod::Ocr, confidence: Some(90.0) }
    }

    #[test]
    fn pages_are_joined_by_one_line_break_and_spans_cover_each_page() {
        let (text, pages) = assemble(&[ocr("Бірінші бет\n\n"), ocr(""), ocr("  Екінші\r\nбет \x0c")]);
        assert_eq!(text, "Бірінші бет\n  Екінші\nбет");
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].span.of(&text), "Бірінші бет");
        assert!(pages[1].span.is_empty(), "a blank page keeps an empty span");
        assert_eq!(pages[2].span.of(&text), "  Екінші\nбет");
        assert_eq!(pages[2].number, 3);
        assert_eq!(pages[2].method, "ocr");
    }

    #[test]
    fn cleaning_keeps_inner_blank_lines_and_indentation() {
        assert_eq!(clean_page_text("\n\n   1. Бап  \n\n2) тармақ\n\n\n"), "   1. Бап\n\n2) тармақ");
        assert_eq!(clean_page_text(" \n\t\n"), "");
        assert_eq!(clean_page_text("a\u{0}b"), "ab");
    }

    fn edit(pass: u32, start: usize, end: usize, before: &str, after: &str) -> Edit {
        Edit {
            pass,
            span: Span::new(start, end),
            before: before.into(),
            after: after.into(),
            kind: EditKind::Ocr,
            confidence: 1.0,
            reason: String::new(),
        }
    }

    #[test]
    fn page_spans_follow_the_repair() {
        // "ab\ncd": page 1 = "ab", page 2 = "cd". Pass 0 turns the break into a space and
        // pass 1 rewrites "c" as "ҚҚ" (two bytes each).
        let (text, mut pages) = assemble(&[ocr("ab"), ocr("cd")]);
        assert_eq!(text, "ab\ncd");
        let edits = [edit(0, 2, 3, "\n", " "), edit(1, 3, 4, "c", "ҚҚ")];
        let repaired = "ab ҚҚd";
        remap_page_spans(&mut pages, &edits, repaired);
        assert_eq!(pages[0].span.of(repaired), "ab");
        assert_eq!(pages[1].span.of(repaired), "ҚҚd");
    }

    #[test]
    fn an_edit_reaching_into_the_next_page_goes_to_the_earlier_page() {
        // "ab\ncd" → "aXYd": the edit covers the break and page 2's first letter.
        let (text, mut pages) = assemble(&[ocr("ab"), ocr(""), ocr("cd")]);
        assert_eq!(text, "ab\ncd");
        remap_page_spans(&mut pages, &[edit(0, 1, 4, "b\nc", "XY")], "aXYd");
        assert_eq!(pages[0].span.of("aXYd"), "aXY");
        assert!(pages[1].span.is_empty(), "the blank page stays blank");
        assert_eq!(pages[2].span.of("aXYd"), "d");
    }

    #[test]
    fn an_edit_across_a_page_boundary_keeps_both_pages_whole() {
        // Dehyphenation "ab-\ncd" → "abcd" spans the page break.
        let (text, mut pages) = assemble(&[ocr("ab-"), ocr("cd")]);
        assert_eq!(text, "ab-\ncd");
        let edits = [edit(0, 2, 4, "-\n", "")];
        remap_page_spans(&mut pages, &edits, "abcd");
        assert_eq!(pages[0].span.of("abcd"), "ab");
        assert_eq!(pages[1].span.of("abcd"), "cd");
        assert_eq!(page_of(&pages, Span::new(2, 3)), Some(2));
        assert_eq!(page_of(&pages, Span::new(0, 1)), Some(1));
    }

    proptest::proptest! {
        /// Whatever one pass of edits does, page spans stay ordered, inside the repaired text,
        /// on char boundaries, and a page no edit touches keeps exactly its text.
        #[test]
        fn remapped_spans_stay_valid(
            pages in proptest::collection::vec("[a-zҚә ]{0,6}", 1..5),
            cuts in proptest::collection::vec((0usize..40, 0usize..3, "[xӨ]{0,3}"), 0..6),
        ) {
            let (text, mut spans) = assemble(&pages.iter().map(|p| ocr(p)).collect::<Vec<_>>());
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            // Non-overlapping, sorted edits on char boundaries.
            let mut edits = Vec::new();
            let mut at = 0;
            for (skip, len, after) in cuts {
                let start = at + skip % 4;
                let end = start + len;
                if end >= bounds.len() { break; }
                let (s, e) = (bounds[start], bounds[end]);
                edits.push(edit(0, s, e, &text[s..e], &after));
                at = end + 1;
            }
            let mut repaired = String::new();
            let mut last = 0;
            for e in &edits {
                repaired.push_str(&text[last..e.span.start]);
                repaired.push_str(&e.after);
                last = e.span.end;
            }
            repaired.push_str(&text[last..]);
            let before = spans.clone();
            remap_page_spans(&mut spans, &edits, &repaired);
            let mut previous_end = 0;
            for (old, new) in before.iter().zip(&spans) {
                proptest::prop_assert!(new.span.start <= new.span.end && new.span.end <= repaired.len());
                proptest::prop_assert!(repaired.is_char_boundary(new.span.start) && repaired.is_char_boundary(new.span.end));
                proptest::prop_assert!(new.span.start >= previous_end, "pages overlap or go back");
                previous_end = new.span.end;
                if old.span.is_empty() {
                    proptest::prop_assert!(new.span.is_empty(), "a blank page got text");
                }
                let touched = edits.iter().any(|e| e.span.start <= old.span.end && old.span.start <= e.span.end);
                if !touched {
                    proptest::prop_assert_eq!(new.span.of(&repaired), old.span.of(&text));
                }
            }
        }
    }

    #[test]
    fn remapping_never_leaves_a_char_boundary() {
        let (_, mut pages) = assemble(&[ocr("Қ"), ocr("Ө")]);
        // A bogus edit list (shorter text than claimed) must still give valid spans.
        remap_page_spans(&mut pages, &[edit(0, 0, 1, "x", "")], "ҚӨ");
        for page in &pages {
            assert!("ҚӨ".is_char_boundary(page.span.start) && "ҚӨ".is_char_boundary(page.span.end));
            assert!(page.span.start <= page.span.end);
        }
    }
}
