//! Acquire: an input's bytes → text, with what was learnt about the source on the way.
//!
//! Recognises the format from the bytes (not the file name) and decodes text in any of the
//! supported encodings ([`encoding`]). Scans (PDF, PNG, JPEG, TIFF) need poppler and Tesseract,
//! which the driver-side [`crate::scan`] runs; it uses the pure parts here: the PDF decisions
//! ([`pdf`]), TIFF page counting ([`tiff`]) and the assembly of page texts into one document
//! text with page spans ([`pages`], [`from_pages`]).
//!
//! Not here: reading files (the driver passes bytes in), running tools or OCR engines
//! ([`crate::scan`]), repairing the text (see [`crate::repair`]).

pub mod encoding;
pub mod markdown;
pub mod pages;
pub mod pdf;
pub mod pnm;
pub mod tiff;

use crate::model::{Decoding, Page, SourceFormat};
use pages::{PageMethod, PageText};

/// One input as the driver hands it over.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as given, for messages and `source.path`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Text read from an input, before repair.
#[derive(Debug, Clone, PartialEq)]
pub struct Acquired {
    pub text: String,
    pub format: SourceFormat,
    pub encoding: Option<Decoding>,
    pub pages: Vec<Page>,
    pub ocr_languages: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AcquireError {
    #[error("the file is empty")]
    Empty,
    #[error("the file holds no text (only whitespace)")]
    Blank,
    #[error("binary data, not text ({0})")]
    Binary(String),
    #[error("not valid text in any supported encoding ({0})")]
    Undecodable(String),
    /// A scan reached the text-only path; the driver reads scans through [`crate::scan`].
    #[error("{0} is a scan: it is read through OCR (normbase ingest/text), not as text")]
    NeedsOcr(&'static str),
    #[error("the {format} cannot be decoded: {detail}")]
    Corrupt { format: &'static str, detail: String },
    #[error("the PDF is encrypted (password-protected)")]
    Encrypted,
    #[error("the PDF has no pages")]
    NoPages,
    #[error("no text found on any of its {0} page(s) (blank or not a document)")]
    NoText(usize),
    #[error("OCR failed: {0}")]
    Ocr(String),
    #[error("a tool it needs failed: {0}")]
    Tool(String),
}

/// Turns an input's bytes into text.
pub fn acquire(input: &Input) -> Result<Acquired, AcquireError> {
    if input.bytes.is_empty() {
        return Err(AcquireError::Empty);
    }
    match sniff(&input.bytes) {
        Some(format) => Err(AcquireError::NeedsOcr(format_name(format))),
        None => acquire_text(input),
    }
}

/// The format's name for messages.
pub fn format_name(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Text => "text",
        SourceFormat::Markdown => "markdown",
        SourceFormat::Pdf | SourceFormat::PdfScanned => "PDF",
        SourceFormat::Png => "PNG image",
        SourceFormat::Jpeg => "JPEG image",
        SourceFormat::Tiff => "TIFF image",
    }
}

/// Builds the acquired text of a paged input from its pages' texts. A PDF is `pdf_scanned`
/// when any page had to be OCR'd. Fails with [`AcquireError::NoText`] when no page has any
/// text, so a blank scan is a clear per-file error rather than an empty document.
pub fn from_pages(format: SourceFormat, pages: &[PageText], ocr_languages: &str) -> Result<Acquired, AcquireError> {
    let (text, spans) = pages::assemble(pages);
    if text.trim().is_empty() {
        return Err(AcquireError::NoText(pages.len()));
    }
    let any_ocr = pages.iter().any(|p| p.method == PageMethod::Ocr);
    let format = match format {
        SourceFormat::Pdf if any_ocr => SourceFormat::PdfScanned,
        other => other,
    };
    Ok(Acquired {
        text,
        format,
        encoding: None,
        pages: spans,
        ocr_languages: any_ocr.then(|| ocr_languages.to_owned()),
    })
}

fn acquire_text(input: &Input) -> Result<Acquired, AcquireError> {
    let (text, decoding) = encoding::decode(&input.bytes)?;
    if text.trim().is_empty() {
        return Err(AcquireError::Blank);
    }
    // Markdown is recognised by name only: its bytes are text like any other.
    let (text, format) = if input.path.to_ascii_lowercase().ends_with(".md") {
        (markdown::to_plain_text(&text), SourceFormat::Markdown)
    } else {
        (text, SourceFormat::Text)
    };
    Ok(Acquired { text, format, encoding: Some(decoding), pages: Vec::new(), ocr_languages: None })
}

/// The format of a non-text input, from its magic bytes; `None` for text.
pub fn sniff(bytes: &[u8]) -> Option<SourceFormat> {
    if bytes.starts_with(b"%PDF-") {
        Some(SourceFormat::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(SourceFormat::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(SourceFormat::Jpeg)
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some(SourceFormat::Tiff)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(bytes: &[u8]) -> Input {
        Input { path: "x.txt".into(), bytes: bytes.to_vec() }
    }

    #[test]
    fn empty_and_blank_inputs_are_errors() {
        assert_eq!(acquire(&input(b"")), Err(AcquireError::Empty));
        assert_eq!(acquire(&input(b" \n\t\n")), Err(AcquireError::Blank));
    }

    #[test]
    fn scans_are_not_read_as_text() {
        assert_eq!(acquire(&input(b"%PDF-1.4\n...")), Err(AcquireError::NeedsOcr("PDF")));
        assert_eq!(acquire(&input(b"II*\0\x08\0\0\0")), Err(AcquireError::NeedsOcr("TIFF image")));
    }

    #[test]
    fn paged_inputs_record_pages_and_ocr_languages() {
        let layer = PageText { text: "Бірінші бет".into(), method: PageMethod::TextLayer, confidence: None };
        let scanned = PageText { text: "Екінші бет".into(), method: PageMethod::Ocr, confidence: Some(91.0) };
        let only_layer = from_pages(SourceFormat::Pdf, std::slice::from_ref(&layer), "kaz+rus").unwrap();
        assert_eq!(only_layer.format, SourceFormat::Pdf);
        assert_eq!(only_layer.ocr_languages, None);
        let mixed = from_pages(SourceFormat::Pdf, &[layer, scanned], "kaz+rus").unwrap();
        assert_eq!(mixed.format, SourceFormat::PdfScanned);
        assert_eq!(mixed.ocr_languages.as_deref(), Some("kaz+rus"));
        assert_eq!(mixed.pages[1].span.of(&mixed.text), "Екінші бет");
        assert_eq!(mixed.pages[1].ocr_confidence, Some(91.0));
    }

    #[test]
    fn a_scan_without_any_text_is_an_error() {
        let blank = PageText { text: " \n".into(), method: PageMethod::Ocr, confidence: Some(0.0) };
        assert_eq!(from_pages(SourceFormat::Png, &[blank], "kaz+rus"), Err(AcquireError::NoText(1)));
    }

    #[test]
    fn scans_are_recognised_by_magic_bytes() {
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some(SourceFormat::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(SourceFormat::Png));
        assert_eq!(sniff("Қазақстан".as_bytes()), None);
    }
}
