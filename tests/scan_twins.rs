//! Scans against their text twins: each fixture in `fixtures/acquire/` (made by
//! `scripts/make-scan-fixtures`) is a rendering of a `.txt` twin; ingesting the scan must give
//! the same identity and references as ingesting the twin, and the repaired OCR text must be
//! close to the repaired twin (character error rate within [`CER_TOLERANCE`]).
//!
//! Leave-one-out: the language data is loaded without the two source documents the twins are
//! cut from, so the repair of the OCR text is not helped by having learnt them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use normbase::acquire::pages::page_of;
use normbase::driver;
use normbase::lang::Resources;
use normbase::model::{Document, SourceFormat};

/// Highest character error rate allowed between the repaired OCR text and the repaired twin,
/// both with whitespace runs collapsed (line wrapping differs between a rendering and its
/// source). Clean 300 dpi renderings OCR at well under 1 %; 2 % leaves room for Tesseract
/// versions without letting a broken page (a lost line is several percent) pass.
const CER_TOLERANCE: f64 = 0.02;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/acquire").join(name)
}

/// The language data, leave-one-out, and whether it was found (`make data` builds it).
fn resources() -> &'static (Resources, bool) {
    static RESOURCES: OnceLock<(Resources, bool)> = OnceLock::new();
    RESOURCES.get_or_init(|| match driver::load_resources_excluding(&["seeds/004", "public-acts/100021/rus"]) {
        Ok(resources) => (resources, true),
        Err(err) => {
            eprintln!("scan_twins: no language data ({err}): the act number is compared with Қ = К");
            (Resources::none(), false)
        }
    })
}

/// Whether identities are compared with `Қ` = `К` in the act number: only without language
/// data. The combined `kaz+rus` model reads `604/НҚ` as `604/НК` (the Russian model wins the
/// word); the repair restores `Қ` with the corpus word model, which needs the data.
fn fold_ka() -> bool {
    !resources().1
}

fn ingest(name: &str) -> Document {
    driver::process_file(&fixture(name), &resources().0).unwrap_or_else(|failure| panic!("{failure}"))
}

fn collapsed(text: &str) -> Vec<char> {
    text.split_whitespace().collect::<Vec<_>>().join(" ").chars().collect()
}

/// Character error rate of `got` against `want`: edit distance over the length of `want`.
fn cer(got: &str, want: &str) -> f64 {
    let (got, want) = (collapsed(got), collapsed(want));
    strsim::generic_levenshtein(&got, &want) as f64 / want.len().max(1) as f64
}

/// An identity as compared: typographic dashes (‐ ‑ ‒ – — ―, minus) folded to `-`, because
/// the Kazakh and Russian Tesseract models have no such characters and always read `-`.
/// With `fold_ka`, Kazakh `Қ` in the act number also counts as Russian `К` (see [`fold_ka`]).
fn identity(doc: &Document, fold_ka: bool) -> String {
    let mut act = doc.act.clone();
    if fold_ka {
        act.number = act.number.map(|n| n.replace('Қ', "К"));
    }
    let folded = format!("{:?} {:?}", act, doc.registration);
    let folded: String = folded.chars().map(|c| if ('\u{2010}'..='\u{2015}').contains(&c) || c == '\u{2212}' { '-' } else { c }).collect();
    // Spans point into different texts; everything else must agree.
    let span = regex::Regex::new(r"span: Some\(Span \{ start: \d+, end: \d+ \}\)").expect("valid regex");
    span.replace_all(&folded, "span").into_owned()
}

/// The parts of a reference that do not depend on where it sits in the text.
fn references(doc: &Document) -> Vec<String> {
    doc.references.iter().map(|r| format!("{:?} {:?} {:?} {:?}", r.act, r.pinpoint, r.relation, r.internal_eid)).collect()
}

fn assert_twins(scan_name: &str, twin_name: &str) -> (Document, Document) {
    let scan = ingest(scan_name);
    let twin = ingest(twin_name);
    let rate = cer(&scan.text, &twin.text);
    eprintln!("{scan_name}: CER {:.4} against {twin_name} ({} chars)", rate, twin.text.chars().count());
    assert!(rate <= CER_TOLERANCE, "{scan_name}: CER {rate:.4} > {CER_TOLERANCE}\n--- scan ---\n{}\n--- twin ---\n{}", scan.text, twin.text);
    assert_eq!(scan.language, twin.language, "{scan_name}: language");
    assert_eq!(identity(&scan, fold_ka()), identity(&twin, fold_ka()), "{scan_name}: identity and registration");
    assert_eq!(references(&scan), references(&twin), "{scan_name}: references");
    assert_pages_cover_the_text(&scan);
    (scan, twin)
}

/// Page spans lie on char boundaries, in order, without overlap, inside the text, and
/// together cover every non-blank character.
fn assert_pages_cover_the_text(doc: &Document) {
    let pages = &doc.source.pages;
    assert!(!pages.is_empty());
    let mut covered = 0;
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page.number as usize, i + 1);
        assert!(page.span.start >= covered && page.span.end <= doc.text.len(), "page {} span {:?}", page.number, page.span);
        assert!(doc.text.is_char_boundary(page.span.start) && doc.text.is_char_boundary(page.span.end));
        assert!(doc.text[covered..page.span.start].trim().is_empty(), "text between pages");
        covered = page.span.end;
    }
    assert!(doc.text[covered..].trim().is_empty(), "text after the last page");
}

#[test]
fn png_matches_its_twin() {
    let (scan, _) = assert_twins("seed004.png", "seed004.txt");
    assert_eq!(scan.source.format, SourceFormat::Png);
    assert_eq!(scan.source.ocr_languages.as_deref(), Some("kaz+rus"));
    let page = &scan.source.pages[0];
    assert_eq!(page.method, "ocr");
    assert!(page.ocr_confidence.is_some_and(|c| c > 80.0), "confidence {:?}", page.ocr_confidence);
    assert!(scan.act.number.is_some(), "the rendered header carries the order's number");
}

#[test]
fn lossy_200_dpi_jpeg_matches_its_twin() {
    let (scan, _) = assert_twins("seed004.jpg", "seed004.txt");
    assert_eq!(scan.source.format, SourceFormat::Jpeg);
    assert_eq!(scan.source.pages[0].method, "ocr");
}

#[test]
fn two_page_tiff_matches_its_twin_page_by_page() {
    let (scan, _) = assert_twins("act100021.tiff", "act100021.txt");
    assert_eq!(scan.source.format, SourceFormat::Tiff);
    let pages = &scan.source.pages;
    assert_eq!(pages.len(), 2);
    // The second rendered page starts with the sub-points of point 2.
    assert!(pages[0].span.of(&scan.text).contains("ПРИКАЗЫВАЮ"), "{}", pages[0].span.of(&scan.text));
    assert!(!pages[0].span.of(&scan.text).contains("Контроль"));
    assert!(pages[1].span.of(&scan.text).contains("Контроль"), "{}", pages[1].span.of(&scan.text));
    assert!(!scan.references.is_empty(), "the preamble cites the Labour Code");
    // Which page each part came from: the preamble's reference is on page 1, point 3 on page 2.
    let first = &scan.references[0];
    assert_eq!(page_of(&scan.source.pages, first.span), Some(1), "{}", first.span.of(&scan.text));
    let control = scan.text.find("Контроль").expect("point 3 was read");
    let node = scan.structure.iter().flat_map(|n| n.walk()).filter(|n| n.span.start <= control && control < n.span.end).last();
    let node = node.expect("point 3 is in the structure");
    assert_eq!(page_of(&scan.source.pages, node.span), Some(2), "{} {:?}", node.eid, node.span.of(&scan.text));
}

#[test]
fn pdf_text_layer_is_used_without_ocr() {
    let (scan, _) = assert_twins("act100021-text.pdf", "act100021.txt");
    assert_eq!(scan.source.format, SourceFormat::Pdf);
    assert_eq!(scan.source.ocr_languages, None);
    assert_eq!(scan.source.pages.len(), 2);
    assert!(scan.source.pages.iter().all(|p| p.method == "text_layer" && p.ocr_confidence.is_none()));
}

#[test]
fn pdf_without_text_layer_is_ocrd() {
    let (scan, _) = assert_twins("seed004-scan.pdf", "seed004.txt");
    assert_eq!(scan.source.format, SourceFormat::PdfScanned);
    assert_eq!(scan.source.pages.len(), 1);
    assert_eq!(scan.source.pages[0].method, "ocr");
    assert!(scan.source.pages[0].ocr_confidence.is_some_and(|c| c > 80.0));
}

#[test]
fn pdf_with_an_english_ocr_layer_is_ocrd_again() {
    // The scanner's English OCR layer reads "Ka3akcTaH..."; the page is recognised again.
    let (scan, _) = assert_twins("seed004-englayer.pdf", "seed004.txt");
    assert_eq!(scan.source.format, SourceFormat::PdfScanned);
    assert_eq!(scan.source.pages[0].method, "ocr");
    assert!(scan.text.contains("Қазақстан"), "{}", scan.text);
}

#[test]
fn cer_counts_character_edits_not_line_breaks() {
    assert_eq!(cer("Қазақстан\nРеспубликасы", "Қазақстан Республикасы"), 0.0);
    assert!((cer("Казакстан", "Қазақстан") - 2.0 / 9.0).abs() < 1e-9);
}

#[test]
fn identity_comparison_folds_only_what_it_says() {
    let mut a = driver::process_file(&fixture("seed004.txt"), &Resources::none()).unwrap();
    let b = a.clone();
    a.act.issuer = a.act.issuer.map(|i| i.replace('–', "-"));
    assert!(a.act.issuer != b.act.issuer, "the twin's issuer has an en dash");
    assert_eq!(identity(&a, false), identity(&b, false));
    a.act.number = a.act.number.map(|n| n.replace('Қ', "К"));
    assert_ne!(identity(&a, false), identity(&b, false), "strict: Қ and К differ");
    assert_eq!(identity(&a, true), identity(&b, true), "folded: only in the number");
    a.act.date = None;
    assert_ne!(identity(&a, true), identity(&b, true));
}
