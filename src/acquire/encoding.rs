//! Character encodings: bytes → text, choosing among the encodings Kazakh and Russian documents
//! actually arrive in (UTF-8 with or without BOM, UTF-16 LE/BE, Windows-1251, KOI8-R, KZ-1048).
//!
//! The choice is made by scoring every candidate decoding as Kazakh/Russian text
//! ([`crate::repair::score`]: letter frequencies, case, odd characters), never from the file
//! name. The lexicon is not consulted here (acquire runs before resources are lent to the
//! stages); letter statistics separate the candidates well even on a single short line. Not here: text that was decoded wrongly *before* it reached us (mojibake inside
//! valid UTF-8) — that is [`crate::repair`]'s job.

use super::AcquireError;
use crate::lang::script;
use crate::model::Decoding;
use crate::repair::score;

/// KZ-1048 (STRK1048-2002), the Kazakh code page, bytes 0x80..=0xFF. encoding_rs does not carry
/// it. Generated from CPython's `kz1048` codec: `bytes(range(128, 256)).decode("kz1048")`
/// (0x98 is unassigned and maps to U+FFFD).
pub const KZ1048_HIGH: [char; 128] = [
    'Ђ', 'Ѓ', '‚', 'ѓ', '„', '…', '†', '‡', '€', '‰', 'Љ', '‹', 'Њ', 'Қ', 'Һ', 'Џ', //
    'ђ', '‘', '’', '“', '”', '•', '–', '—', '\u{FFFD}', '™', 'љ', '›', 'њ', 'қ', 'һ', 'џ', //
    '\u{A0}', 'Ұ', 'ұ', 'Ә', '¤', 'Ө', '¦', '§', 'Ё', '©', 'Ғ', '«', '¬', '\u{AD}', '®', 'Ү', //
    '°', '±', 'І', 'і', 'ө', 'µ', '¶', '·', 'ё', '№', 'ғ', '»', 'ә', 'Ң', 'ң', 'ү', //
    'А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'Й', 'К', 'Л', 'М', 'Н', 'О', 'П', //
    'Р', 'С', 'Т', 'У', 'Ф', 'Х', 'Ц', 'Ч', 'Ш', 'Щ', 'Ъ', 'Ы', 'Ь', 'Э', 'Ю', 'Я', //
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', //
    'р', 'с', 'т', 'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'ь', 'э', 'ю', 'я', //
];

/// A single-byte or multi-byte encoding we can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1251,
    Koi8R,
    Kz1048,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1251 => "windows-1251",
            Encoding::Koi8R => "KOI8-R",
            Encoding::Kz1048 => "KZ-1048",
        }
    }

    /// Decodes `bytes` (without BOM); `None` when they are not valid in this encoding.
    pub fn decode(self, bytes: &[u8]) -> Option<String> {
        let via = |enc: &'static encoding_rs::Encoding| {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            (!had_errors).then(|| text.into_owned())
        };
        match self {
            Encoding::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_owned),
            Encoding::Utf16Le => via(encoding_rs::UTF_16LE),
            Encoding::Utf16Be => via(encoding_rs::UTF_16BE),
            Encoding::Windows1251 => via(encoding_rs::WINDOWS_1251),
            Encoding::Koi8R => via(encoding_rs::KOI8_R),
            Encoding::Kz1048 => decode_kz1048(bytes),
        }
    }

    /// Encodes `text`; `None` when a character has no byte in this encoding.
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        let via = |enc: &'static encoding_rs::Encoding| {
            let (bytes, _, had_errors) = enc.encode(text);
            (!had_errors).then(|| bytes.into_owned())
        };
        match self {
            Encoding::Utf8 => Some(text.as_bytes().to_vec()),
            Encoding::Utf16Le => Some(text.encode_utf16().flat_map(u16::to_le_bytes).collect()),
            Encoding::Utf16Be => Some(text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
            Encoding::Windows1251 => via(encoding_rs::WINDOWS_1251),
            Encoding::Koi8R => via(encoding_rs::KOI8_R),
            Encoding::Kz1048 => encode_kz1048(text),
        }
    }
}

fn decode_kz1048(bytes: &[u8]) -> Option<String> {
    bytes
        .iter()
        .map(|&b| match b {
            0..=0x7F => Some(b as char),
            _ => Some(KZ1048_HIGH[(b - 0x80) as usize]).filter(|&c| c != '\u{FFFD}'),
        })
        .collect()
}

fn encode_kz1048(text: &str) -> Option<Vec<u8>> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c as u8)
            } else {
                KZ1048_HIGH.iter().position(|&k| k == c && c != '\u{FFFD}').map(|i| 0x80 + i as u8)
            }
        })
        .collect()
}

/// The single-byte encodings tried when the bytes are not UTF-8.
const SINGLE_BYTE: [Encoding; 3] = [Encoding::Windows1251, Encoding::Kz1048, Encoding::Koi8R];

/// Decodes `bytes` into text, choosing the encoding whose decoding reads best as Kazakh or
/// Russian.
pub fn decode(bytes: &[u8]) -> Result<(String, Decoding), AcquireError> {
    if let Some(found) = decode_with_bom(bytes) {
        return found;
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        let text = encoding
            .decode(bytes)
            .ok_or_else(|| AcquireError::Undecodable(format!("looks like {} but is not valid", encoding.name())))?;
        return Ok((text, decoding(encoding, false, 1.0)));
    }
    if let Some(offset) = binary_marker(bytes) {
        return Err(AcquireError::Binary(format!("control byte 0x{:02X} at offset {offset}", bytes[offset])));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), decoding(Encoding::Utf8, false, 1.0)));
    }
    if let Some(found) = mostly_utf8(bytes) {
        return Ok(found);
    }
    choose_single_byte(bytes)
}

fn decode_with_bom(bytes: &[u8]) -> Option<Result<(String, Decoding), AcquireError>> {
    let (encoding, rest) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (Encoding::Utf8, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (Encoding::Utf16Le, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (Encoding::Utf16Be, rest)
    } else {
        return None;
    };
    Some(match encoding.decode(rest) {
        Some(text) => Ok((text, decoding(encoding, true, 1.0))),
        None => Err(AcquireError::Undecodable(format!("{} byte order mark, but invalid {} after it", encoding.name(), encoding.name()))),
    })
}

/// UTF-16 without BOM: Cyrillic and ASCII text has a zero or 0x04 byte in every other place.
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let high_at = |odd: usize| bytes.chunks_exact(2).filter(|pair| matches!(pair[odd], 0x00 | 0x04 | 0x20)).count();
    let (le, be) = (high_at(1), high_at(0));
    let has_nul = bytes.contains(&0);
    if has_nul && le * 10 >= pairs * 9 && le > be {
        Some(Encoding::Utf16Le)
    } else if has_nul && be * 10 >= pairs * 9 && be > le {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// The offset of a byte that never occurs in text (NUL and most C0 controls), if any.
fn binary_marker(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
}

/// Reads `bytes` in each single-byte encoding and keeps the reading that scores best as
/// Kazakh/Russian text ([`score`]): letter frequencies, case, and the odd characters a wrong
/// code page produces. Windows-1251 and KZ-1048 agree on every Russian letter and differ only in
/// Kazakh ones, so a Russian text reads the same in both (the tie goes to the first in
/// [`SINGLE_BYTE`]), while a Kazakh one reads as "Ќазаќстан" in the wrong one.
fn choose_single_byte(bytes: &[u8]) -> Result<(String, Decoding), AcquireError> {
    let mut scored: Vec<(f64, usize, Encoding, String)> = SINGLE_BYTE
        .iter()
        .enumerate()
        .filter_map(|(rank, &enc)| enc.decode(bytes).map(|text| (score::mean(&text), rank, enc, text)))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let Some((best, _, encoding, text)) = scored.first().cloned() else {
        return Err(AcquireError::Undecodable("no candidate encoding decodes it".into()));
    };
    let readable = script::plausibility(&text);
    if readable <= 0.3 {
        return Err(AcquireError::Undecodable(format!(
            "invalid UTF-8, and no single-byte encoding gives readable text (best: {}, {:.0}% well-formed words)",
            encoding.name(),
            100.0 * readable
        )));
    }
    // Confidence: the margin over the best reading that differs (identical readings are no
    // rival: the choice between them does not matter).
    let runner_up = scored.iter().skip(1).find(|s| s.3 != text).map(|s| s.0);
    let confidence = runner_up.map_or(1.0, |r| ((best - r) / 1.5).clamp(0.0, 1.0)) as f32;
    Ok((text, decoding(encoding, false, confidence)))
}

/// UTF-8 with a few broken sequences (a damaged byte here and there) is still UTF-8: decoded
/// with U+FFFD for the broken ones, at a confidence that says so. Many broken sequences mean
/// it is not UTF-8 at all. `None` unless the bytes are mostly valid UTF-8 with some non-ASCII.
fn mostly_utf8(bytes: &[u8]) -> Option<(String, Decoding)> {
    let text = String::from_utf8_lossy(bytes);
    let broken = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    let valid = non_ascii.saturating_sub(broken);
    if broken == 0 || broken > MAX_BROKEN_UTF8 || valid < broken * 50 {
        return None;
    }
    let confidence = (1.0 - broken as f32 / MAX_BROKEN_UTF8 as f32).clamp(0.1, 0.9);
    Some((text.into_owned(), decoding(Encoding::Utf8, false, confidence)))
}

/// At most this many broken sequences are tolerated in otherwise valid UTF-8.
const MAX_BROKEN_UTF8: usize = 20;

fn decoding(encoding: Encoding, had_bom: bool, confidence: f32) -> Decoding {
    Decoding { encoding: encoding.name().to_owned(), had_bom, confidence }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Қазақстан Республикасының Әділет министрлігінде мемлекеттік тіркеуді қамтамасыз етсін. \
                          Настоящий приказ вводится в действие со дня его первого официального опубликования.";

    #[test]
    fn every_encoding_round_trips_through_detection() {
        for enc in [Encoding::Utf8, Encoding::Windows1251, Encoding::Koi8R, Encoding::Kz1048, Encoding::Utf16Le, Encoding::Utf16Be] {
            let text = if matches!(enc, Encoding::Windows1251 | Encoding::Koi8R) {
                "Настоящий приказ вводится в действие со дня его первого официального опубликования."
            } else {
                SAMPLE
            };
            let bytes = enc.encode(text).expect("encodable");
            let (decoded, how) = decode(&bytes).expect("decodes");
            assert_eq!(decoded, text, "{}", enc.name());
            assert_eq!(how.encoding, enc.name());
        }
    }

    #[test]
    fn kz1048_table_covers_all_kazakh_letters() {
        for c in "ӘәҒғҚқҢңӨөҰұҮүҺһІі".chars() {
            assert!(KZ1048_HIGH.contains(&c), "{c}");
        }
    }

    #[test]
    fn binary_is_rejected_with_its_offset() {
        let err = decode(b"abc\x00\x01\x02def\x00").unwrap_err();
        assert!(matches!(err, AcquireError::Binary(ref m) if m.contains("offset 3")), "{err}");
    }

    fn detected(text: &str, enc: Encoding) -> (String, String) {
        let bytes = enc.encode(text).expect("encodable");
        let (decoded, how) = decode(&bytes).expect("decodes");
        (decoded, how.encoding)
    }

    #[test]
    fn short_texts_are_detected() {
        for (text, enc) in [
            ("Заң", Encoding::Kz1048),
            ("Қазақ", Encoding::Kz1048),
            ("Приказ", Encoding::Windows1251),
            ("Приказ", Encoding::Koi8R),
            ("ПРИКАЗЫВАЮ:", Encoding::Koi8R),
            ("Бұйрық.", Encoding::Kz1048),
        ] {
            assert_eq!(detected(text, enc), (text.to_owned(), enc.name().to_owned()), "{text} in {}", enc.name());
        }
    }

    #[test]
    fn kz1048_and_cp1251_differ_only_in_kazakh_letters() {
        // Russian text: both read it the same, so the only rival is KOI8-R.
        let russian = "Настоящий приказ вводится в действие.";
        let bytes = Encoding::Kz1048.encode(russian).unwrap();
        assert_eq!(bytes, Encoding::Windows1251.encode(russian).unwrap());
        let (text, how) = decode(&bytes).unwrap();
        assert_eq!(text, russian);
        assert!(how.confidence > 0.3, "{how:?}");
        // One Kazakh letter in a Russian sentence is enough to tell.
        let mixed = "Настоящий приказ Министерства (Қазақстан) вводится в действие.";
        assert_eq!(detected(mixed, Encoding::Kz1048), (mixed.to_owned(), "KZ-1048".to_owned()));
    }

    #[test]
    fn mixed_kazakh_and_russian_is_detected() {
        let mixed = "Осы бұйрық қолданысқа енгізіледі. Настоящий приказ вводится в действие. Өнеркәсіп және құрылыс министрлігі.";
        assert_eq!(detected(mixed, Encoding::Kz1048), (mixed.to_owned(), "KZ-1048".to_owned()));
        let utf16 = detected(mixed, Encoding::Utf16Le);
        assert_eq!(utf16.0, mixed);
    }

    #[test]
    fn utf8_with_a_broken_byte_stays_utf8() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes[3] = 0xFF;
        let (text, how) = decode(&bytes).unwrap();
        assert_eq!(how.encoding, "UTF-8");
        assert!(how.confidence < 1.0);
        // The damaged byte broke one two-byte letter: one or two replacement characters.
        assert!((1..=2).contains(&text.chars().filter(|&c| c == '\u{FFFD}').count()), "{text}");
        assert!(text.ends_with("опубликования."));
    }

    #[test]
    fn random_high_bytes_are_undecodable_not_a_replacement_flood() {
        let bytes: Vec<u8> = (0..400u32).map(|i| (0x80 + (i * 37 + i / 3) % 0x80) as u8).collect();
        let err = decode(&bytes).unwrap_err();
        assert!(matches!(err, AcquireError::Undecodable(_)), "{err}");
    }

    #[test]
    fn bom_is_honoured() {
        let (text, how) = decode("\u{FEFF}Заң".as_bytes()).unwrap();
        assert_eq!(text, "Заң");
        assert!(how.had_bom);
    }
}
