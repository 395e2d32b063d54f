//! Encoding detection over the whole corpus: every document, encoded in every encoding that
//! can carry it, decodes back to the same text; and the same for each of its paragraphs alone
//! (short texts are the hard case).

use std::path::{Path, PathBuf};

use normbase::acquire::encoding::{decode, Encoding};

/// Every corpus text but 003: English-model OCR garbage is mostly Latin, not a test of
/// Cyrillic code pages.
fn corpus_texts() -> Vec<PathBuf> {
    let (files, failures) = normbase::driver::collect_inputs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")]);
    assert!(failures.is_empty() && files.len() >= 19, "expected the seeds and public acts: {failures:?}");
    files.into_iter().filter(|p| !p.to_string_lossy().contains("/003_")).collect()
}

const ENCODINGS: [Encoding; 6] = [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Windows1251, Encoding::Kz1048, Encoding::Koi8R];

#[test]
fn every_document_decodes_back_in_every_encoding_that_carries_it() {
    let mut checked = 0;
    for path in corpus_texts() {
        let clean = std::fs::read_to_string(&path).expect("UTF-8 corpus");
        for enc in ENCODINGS {
            let Some(bytes) = enc.encode(&clean) else { continue };
            let (text, how) = decode(&bytes).unwrap_or_else(|e| panic!("{} in {}: {e}", path.display(), enc.name()));
            assert!(text == clean, "{} in {} read as {}", path.display(), enc.name(), how.encoding);
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked}");
}

#[test]
fn paragraphs_alone_decode_back() {
    let (mut right, mut total) = (0usize, 0usize);
    let mut wrong = Vec::new();
    for path in corpus_texts() {
        let clean = std::fs::read_to_string(&path).expect("UTF-8 corpus");
        for para in clean.lines().map(str::trim).filter(|l| l.chars().filter(|c| c.is_alphabetic()).count() >= 20) {
            for enc in [Encoding::Windows1251, Encoding::Kz1048, Encoding::Koi8R] {
                let Some(bytes) = enc.encode(para) else { continue };
                if bytes.is_ascii() {
                    continue;
                }
                total += 1;
                match decode(&bytes) {
                    Ok((text, _)) if text == para => right += 1,
                    other => wrong.push(format!("{} {}: {:?}", enc.name(), para, other.map(|(t, _)| t))),
                }
            }
        }
    }
    // Every paragraph of 20+ letters must come back.
    assert!(wrong.is_empty(), "{right}/{total} right; wrong:\n{}", wrong.join("\n"));
    assert!(total > 500, "{total}");
}
