//! Acquire: an input's bytes → text, with what was learnt about the source on the way.
//!
//! Recognises the format from the bytes (not the file name), decodes text in any of the
//! supported encodings ([`encoding`]) and, for scans, hands pages to OCR.
//!
//! Not here: reading files (the driver passes bytes in), repairing the text (see
//! [`crate::repair`]).

pub mod encoding;
pub mod markdown;

use crate::model::{Decoding, Page, SourceFormat};

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
    #[error("{0} input is not supported yet")]
    Unsupported(&'static str),
}

/// Turns an input's bytes into text.
pub fn acquire(input: &Input) -> Result<Acquired, AcquireError> {
    if input.bytes.is_empty() {
        return Err(AcquireError::Empty);
    }
    match sniff(&input.bytes) {
        Some(SourceFormat::Pdf) => Err(AcquireError::Unsupported("PDF")),
        Some(SourceFormat::Png) => Err(AcquireError::Unsupported("PNG image")),
        Some(SourceFormat::Jpeg) => Err(AcquireError::Unsupported("JPEG image")),
        Some(SourceFormat::Tiff) => Err(AcquireError::Unsupported("TIFF image")),
        _ => acquire_text(input),
    }
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
    fn scans_are_recognised_by_magic_bytes() {
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some(SourceFormat::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(SourceFormat::Png));
        assert_eq!(sniff("Қазақстан".as_bytes()), None);
    }
}
