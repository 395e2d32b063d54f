//! Mojibake: text that was decoded with the wrong code page somewhere upstream and reached us
//! as valid, but garbled, Unicode ("ТљР°Р·Р°Т›СЃС‚Р°РЅ" for "Қазақстан").
//!
//! Each [`Misreading`] is a pair (true encoding, encoding it was shown in); undoing it means
//! encoding the garbled text in the shown encoding and decoding the bytes in the true one. We
//! undo it token by token (tokens never straddle ASCII whitespace, which every code page here
//! leaves alone), keep an undoing only when it makes the token read better as Kazakh/Russian
//! ([`super::score`]), repeat for text garbled twice, and report each run of repaired tokens
//! as one edit. A document can be damaged only in part.
//!
//! Not here: choosing the encoding of the input bytes ([`crate::acquire::encoding`]).

use crate::acquire::encoding::Encoding;
use crate::lang::{script, Resources};
use crate::model::EditKind;

use super::score;
use super::Change;

/// One way text gets garbled: bytes in `truth` decoded as if they were in `shown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misreading {
    /// UTF-8 shown as Windows-1251: "ТљР°Р·Р°Т›".
    Utf8AsCp1251,
    /// UTF-8 shown as Latin-1 / Windows-1252: "Ð\u{9a}Ð°".
    Utf8AsLatin1,
    /// KZ-1048 shown as Windows-1251: "Ќазаќстан".
    Kz1048AsCp1251,
    /// KOI8-R shown as Windows-1251: "оБУФПСЭЙК".
    Koi8AsCp1251,
    /// Windows-1251 shown as Latin-1: "Àïïàðàò".
    Cp1251AsLatin1,
}

pub const MISREADINGS: [Misreading; 5] =
    [Misreading::Utf8AsCp1251, Misreading::Utf8AsLatin1, Misreading::Kz1048AsCp1251, Misreading::Koi8AsCp1251, Misreading::Cp1251AsLatin1];

/// Where the bytes of a shown text come from: a real code page, or Latin-1 (which we read as
/// ISO-8859-1 with the Windows-1252 extras, since both are what "Latin-1" means in practice).
#[derive(Debug, Clone, Copy)]
enum Shown {
    Cp1251,
    Latin1,
}

impl Misreading {
    fn parts(self) -> (Encoding, Shown) {
        match self {
            Misreading::Utf8AsCp1251 => (Encoding::Utf8, Shown::Cp1251),
            Misreading::Utf8AsLatin1 => (Encoding::Utf8, Shown::Latin1),
            Misreading::Kz1048AsCp1251 => (Encoding::Kz1048, Shown::Cp1251),
            Misreading::Koi8AsCp1251 => (Encoding::Koi8R, Shown::Cp1251),
            Misreading::Cp1251AsLatin1 => (Encoding::Windows1251, Shown::Latin1),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Misreading::Utf8AsCp1251 => "UTF-8 read as windows-1251",
            Misreading::Utf8AsLatin1 => "UTF-8 read as Latin-1",
            Misreading::Kz1048AsCp1251 => "KZ-1048 read as windows-1251",
            Misreading::Koi8AsCp1251 => "KOI8-R read as windows-1251",
            Misreading::Cp1251AsLatin1 => "windows-1251 read as Latin-1",
        }
    }

    /// Garbles `text` this way (for tests and fixtures); `None` when a character has no byte
    /// in the true encoding.
    pub fn garble(self, text: &str) -> Option<String> {
        let (truth, shown) = self.parts();
        let bytes = truth.encode(text)?;
        Some(match shown {
            Shown::Cp1251 => encoding_rs::WINDOWS_1251.decode_without_bom_handling(&bytes).0.into_owned(),
            Shown::Latin1 => bytes.iter().map(|&b| b as char).collect(),
        })
    }

    /// Undoes this misreading; `None` when `text` cannot have been produced by it.
    pub fn undo(self, text: &str) -> Option<String> {
        let (truth, shown) = self.parts();
        let bytes = match shown {
            Shown::Cp1251 => Encoding::Windows1251.encode(text)?,
            Shown::Latin1 => encode_latin1(text)?,
        };
        truth.decode(&bytes)
    }
}

fn encode_latin1(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        if (c as u32) <= 0xFF {
            bytes.push(c as u32 as u8);
        } else {
            let mut buf = [0u8; 4];
            let (encoded, _, had_errors) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
            if had_errors || encoded.len() != 1 {
                return None;
            }
            bytes.push(encoded[0]);
        }
    }
    Some(bytes)
}

/// How much better (in mean letter score) a single-byte undoing must read to be taken.
const MIN_GAIN: f64 = 0.4;

/// Undoing UTF-8 may even read worse by letter statistics (a token garbled twice can score
/// better than once, its NBSPs cutting it into one-letter "words"): that the bytes decode as
/// UTF-8 into characters documents use ([`document_char`]) is the evidence. Clean Cyrillic
/// practically never does: it would have to alternate capitals with "Ё", "і", "№" and the like.
const MIN_GAIN_UTF8: f64 = f64::NEG_INFINITY;

/// How many misreadings can be stacked on one token ("applied twice" and then some).
const MAX_LAYERS: usize = 3;

/// The mojibake pass.
pub fn find(text: &str, _resources: &Resources) -> Vec<Change> {
    if text.is_ascii() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if !line.is_ascii() {
            lines.push(scan_line(line, line_start));
        }
        line_start += line.len();
    }
    // The single-byte misreading most of the document had, for lines with no word to tell.
    let document_misreading = most_common_single_byte(lines.iter().flat_map(|l| l.fixed.iter()));
    let mut changes = Vec::new();
    for mut line in lines {
        let misreading = most_common_single_byte(line.fixed.iter()).or(document_misreading);
        if let Some(misreading) = misreading {
            fix_letterless(&line.letterless, misreading, &mut line.fixed);
        }
        group_runs(text, &line.fixed, &mut changes);
    }
    changes
}

/// A token repaired: its byte range in the text, the repaired form and the misreadings undone.
struct Fixed {
    start: usize,
    end: usize,
    after: String,
    undone: Vec<Misreading>,
}

/// One line's repaired tokens, and its tokens without letters (byte range in the text).
struct LineScan<'t> {
    fixed: Vec<Fixed>,
    letterless: Vec<(usize, &'t str)>,
}

fn scan_line(line: &str, offset: usize) -> LineScan<'_> {
    let koi8_line = koi8_reads_better(line);
    let mut scan = LineScan { fixed: Vec::new(), letterless: Vec::new() };
    for (start, token) in tokens(line) {
        if token.is_ascii() || (!koi8_line && !may_be_garbled(token)) {
            continue;
        }
        if let Some((after, undone)) = fix_token(token, koi8_line) {
            scan.fixed.push(Fixed { start: offset + start, end: offset + start + token.len(), after, undone });
        } else if !token.chars().any(char::is_alphabetic) {
            scan.letterless.push((offset + start, token));
        }
    }
    scan
}

fn most_common_single_byte<'a>(fixed: impl Iterator<Item = &'a Fixed>) -> Option<Misreading> {
    let mut counts = [0usize; MISREADINGS.len()];
    for f in fixed {
        if let [m] = f.undone[..] {
            if let Some(i) = MISREADINGS.iter().position(|&x| x == m) {
                counts[i] += 1;
            }
        }
    }
    (2..MISREADINGS.len()).filter(|&i| counts[i] > 0).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).map(|i| MISREADINGS[i])
}

/// Adjacent repaired tokens (only spaces between them) with the same misreadings form one
/// run, one edit.
fn group_runs(text: &str, fixed: &[Fixed], changes: &mut Vec<Change>) {
    let mut i = 0;
    while i < fixed.len() {
        let mut j = i;
        while j + 1 < fixed.len() && only_spaces_between(text, fixed[j].end, fixed[j + 1].start) && fixed[j + 1].undone == fixed[i].undone {
            j += 1;
        }
        let mut after = String::new();
        for k in i..=j {
            if k > i {
                after.push_str(&text[fixed[k - 1].end..fixed[k].start]);
            }
            after.push_str(&fixed[k].after);
        }
        let undone = &fixed[i].undone;
        let reason = undone.iter().map(|m| m.describe()).collect::<Vec<_>>().join(", then ");
        changes.push(Change::new(fixed[i].start, fixed[j].end, after, EditKind::Mojibake, confidence(undone), reason));
        i = j + 1;
    }
}

/// Tokens without letters ("¹" for "№" in windows-1251 read as Latin-1) cannot be judged by
/// letter statistics: they get the single-byte misreading their line's (or else the
/// document's) words had.
fn fix_letterless(letterless: &[(usize, &str)], misreading: Misreading, fixed: &mut Vec<Fixed>) {
    for &(start, token) in letterless {
        if let Some(after) = misreading.undo(token).filter(|u| u != token && u.chars().all(document_char)) {
            fixed.push(Fixed { start, end: start + token.len(), after, undone: vec![misreading] });
        }
    }
    fixed.sort_by_key(|f| f.start);
}

fn only_spaces_between(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\t'))
}

fn confidence(undone: &[Misreading]) -> f32 {
    // A UTF-8 undoing has to produce valid multi-byte sequences, which garbage almost never
    // does by chance; single-byte undoings rest on letter statistics alone.
    let weakest = undone
        .iter()
        .map(|m| match m {
            Misreading::Utf8AsCp1251 | Misreading::Utf8AsLatin1 => 0.99,
            Misreading::Kz1048AsCp1251 | Misreading::Cp1251AsLatin1 => 0.95,
            Misreading::Koi8AsCp1251 => 0.85,
        })
        .fold(1.0f32, f32::min);
    weakest
}

/// Tokens of a line: maximal runs without ASCII whitespace, with their byte offsets. (NBSP is
/// not a separator: UTF-8 read as windows-1251 turns "Р" into "Р\u{A0}".)
fn tokens(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &line[pos..];
        let skip = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_whitespace()).len();
        let start = pos + skip;
        if start >= line.len() {
            return None;
        }
        let len = line[start..].find(|c: char| c.is_ascii_whitespace()).unwrap_or(line.len() - start);
        pos = start + len;
        Some((start, &line[start..start + len]))
    })
}

/// A cheap necessary condition for a token to be garbled by one of the misreadings other than
/// KOI8-R (which is judged per line): it has a character of the Latin-1 range, one of the
/// characters windows-1251 puts where UTF-8 continuation bytes and KZ-1048 letters fall, or a
/// common character ("і", "ё", "№", "–", ...) right after a letter a UTF-8 lead byte shows as
/// ("Рё" is "и" garbled). Clean Kazakh and Russian words have none of these; the check keeps
/// the pass fast on clean text.
fn may_be_garbled(token: &str) -> bool {
    let mut previous = ' ';
    for c in token.chars() {
        let suspect = match c {
            '«' | '»' => is_lead_letter(previous),
            '\u{80}'..='\u{FF}' => true,
            'Ђ' | 'Ѓ' | 'ѓ' | 'Љ' | 'Њ' | 'Ќ' | 'Ћ' | 'Џ' | 'ђ' | 'љ' | 'њ' | 'ќ' | 'ћ' | 'џ' | 'Ў' | 'ў' | 'Ј' | 'Ґ' | 'ґ' | 'Ѕ' | 'ѕ'
            | 'Ї' | 'ї' | 'Є' | 'є' | 'ј' | '‚' | '„' | '…' | '†' | '‡' | '€' | '‰' | '‹' | '›' | '‘' | '’' | '“' | '”' | '•' | '™' => true,
            'і' | 'І' | 'ё' | 'Ё' | '№' | '–' | '—' => is_lead_letter(previous),
            _ => false,
        };
        if suspect {
            return true;
        }
        previous = c;
    }
    false
}

/// The letters windows-1251 shows for the UTF-8 lead bytes of Cyrillic (D0–D3), Latin-1
/// punctuation (C2, C3) and general punctuation (E2).
fn is_lead_letter(c: char) -> bool {
    matches!(c, 'Р' | 'С' | 'Т' | 'У' | 'В' | 'Г' | 'в')
}

/// Undoes misreadings on one token while each makes it read better. UTF-8 undoings are tried
/// first: that the bytes decode as UTF-8 at all is strong evidence, which letter statistics
/// alone are not (a token garbled twice can also be read as some single-byte misreading).
fn fix_token(token: &str, koi8_allowed: bool) -> Option<(String, Vec<Misreading>)> {
    let mut current = token.to_owned();
    let mut undone = Vec::new();
    for _ in 0..MAX_LAYERS {
        let now = score::mean(&current);
        let candidates = |group: &[Misreading]| {
            group
                .iter()
                // The KOI8-R gate judged the line as it came; after another undoing it no longer
                // applies.
                .filter(|&&m| (koi8_allowed && undone.is_empty()) || m != Misreading::Koi8AsCp1251)
                .filter_map(|&m| m.undo(&current).filter(|u| *u != current && plausible(m, u)).map(|u| (score::mean(&u), m, u)))
                // C1 controls never occur in documents: undoing them away is gain enough.
                .filter(|(score, m, u)| *score >= now + min_gain(*m) || (has_c1(&current) && !has_c1(u)))
                .max_by(|a, b| a.0.total_cmp(&b.0))
        };
        // A single-byte misreading is the innermost layer: nothing is undone after it.
        let best = candidates(&MISREADINGS[..2]).or_else(|| candidates(&MISREADINGS[2..]));
        match best {
            Some((_, m, u)) => {
                current = u;
                undone.push(m);
                if !matches!(m, Misreading::Utf8AsCp1251 | Misreading::Utf8AsLatin1) {
                    break;
                }
            }
            None => break,
        }
    }
    (!undone.is_empty()).then_some((current, undone))
}

/// UTF-8 undoings must produce only characters a Kazakh/Russian document (or its garbled
/// form, for a token garbled twice) is made of.
fn plausible(m: Misreading, undone: &str) -> bool {
    match m {
        Misreading::Utf8AsCp1251 | Misreading::Utf8AsLatin1 => undone.chars().all(document_char),
        _ => true,
    }
}

/// Characters of Kazakh and Russian documents: ASCII, the Latin-1 supplement (which is also
/// what garbled text is made of), the Russian and Kazakh Cyrillic letters, typographic
/// punctuation, №, and mathematical symbols and indices. Not archaic Cyrillic, Greek, CJK, ...
fn document_char(c: char) -> bool {
    matches!(c,
        '\u{0000}'..='\u{00FF}'
        | '\u{0400}'..='\u{045F}'
        | 'Ғ' | 'ғ' | 'Қ' | 'қ' | 'Ң' | 'ң' | 'Ү' | 'ү' | 'Ұ' | 'ұ' | 'Һ' | 'һ' | 'Ә' | 'ә' | 'Ө' | 'ө' | 'Ґ' | 'ґ'
        | '\u{1D62}'..='\u{1D6A}' | '\u{2000}'..='\u{206F}' | '\u{2070}'..='\u{209F}' | '\u{20AC}' | '\u{2116}' | '\u{2122}'
        | '\u{2190}'..='\u{21FF}' | '\u{2200}'..='\u{22FF}')
}

fn has_c1(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{80}'..='\u{9F}'))
}

fn min_gain(m: Misreading) -> f64 {
    match m {
        Misreading::Utf8AsCp1251 | Misreading::Utf8AsLatin1 => MIN_GAIN_UTF8,
        // Only tried on lines that read clearly better undone as a whole.
        Misreading::Koi8AsCp1251 => 0.0,
        // Its garbled letters (ѕ, ќ, ј, ў, ...) are odd in any Kazakh or Russian text, so one
        // in a long word is enough.
        Misreading::Kz1048AsCp1251 => 0.1,
        _ => MIN_GAIN,
    }
}

/// KOI8-R read as windows-1251 is all valid Cyrillic, so a single token cannot show it; the
/// whole line must read better undone.
fn koi8_reads_better(line: &str) -> bool {
    // Windows-1251 has no Kazakh letter but "і", so a line with one is not KOI8-R shown as
    // windows-1251; and KOI8-R read so turns lower case into capitals, so a line with few
    // capitals inside words is not either. Both checks are cheap and spare the full reading.
    if line.chars().any(|c| script::is_kazakh_only_letter(c) && !matches!(c, 'і' | 'І')) {
        return false;
    }
    let tally = score::Tally::of(line);
    if tally.inner_capitals * 4 < tally.chars {
        return false;
    }
    let Some(undone) = Misreading::Koi8AsCp1251.undo(line.trim_end()) else {
        // Some character is not windows-1251: undo token by token, judged by the line's
        // tokens that can be undone.
        let (mut before, mut after) = (score::Tally::default(), score::Tally::default());
        for (_, token) in tokens(line) {
            if let Some(u) = Misreading::Koi8AsCp1251.undo(token) {
                before = before.plus(score::Tally::of(token));
                after = after.plus(score::Tally::of(&u));
            }
        }
        return before.words >= 2 && after.mean() >= before.mean() + MIN_GAIN;
    };
    let (before, after) = (score::Tally::of(line), score::Tally::of(&undone));
    before.words >= 2 && after.mean() >= before.mean() + MIN_GAIN
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::{change, replay};

    fn fix(text: &str) -> String {
        change::apply(text, find(text, &Resources::none()), 0).0
    }

    const KAZ: &str = "Қазақстан Республикасының Әділет министрлігінде 2025 жылғы 21 қазанда № 37182 болып тіркелді. Өнеркәсіп және құрылыс министрлігі «Астана хаб» ұйымына ақпарат ұсынады.";
    const RUS: &str = "Настоящий приказ вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования.";

    #[test]
    fn each_misreading_is_undone_exactly() {
        for m in MISREADINGS {
            let clean = if matches!(m, Misreading::Koi8AsCp1251 | Misreading::Cp1251AsLatin1) { RUS } else { KAZ };
            let garbled = m.garble(clean).expect("garbles");
            assert_ne!(garbled, clean);
            assert_eq!(fix(&garbled), clean, "{m:?}: {garbled}");
        }
    }

    #[test]
    fn utf8_read_as_cp1251_twice_is_undone() {
        let once = Misreading::Utf8AsCp1251.garble(KAZ).unwrap();
        let twice = Misreading::Utf8AsCp1251.garble(&once).unwrap();
        assert_eq!(fix(&twice), KAZ);
    }

    #[test]
    fn only_the_damaged_run_changes_and_the_edit_replays() {
        let garbled = format!("Бұйрық: {} — соңы.", Misreading::Utf8AsCp1251.garble("Қазақстан Республикасы").unwrap());
        let changes = find(&garbled, &Resources::none());
        assert_eq!(changes.len(), 1, "one run, one edit");
        let (text, edits) = change::apply(&garbled, changes, 0);
        assert_eq!(text, "Бұйрық: Қазақстан Республикасы — соңы.");
        assert_eq!(replay(&garbled, &edits).as_deref(), Some(text.as_str()));
    }

    #[test]
    fn examples_from_the_issue() {
        assert_eq!(fix("Ќазаќстан Республикасыныѕ"), "Қазақстан Республикасының");
        // windows-1251 has no "қ", so the issue's "Ақпараттық" was typed as "Акпараттык".
        assert_eq!(fix("Àêïàðàòòûê"), "Акпараттык");
    }

    #[test]
    fn clean_text_is_left_alone() {
        for clean in [KAZ, RUS, "Сі Ні ISO/IEC 15408 moap@mdai.gov.kz", "СВi ∑СВᵢ × 100%"] {
            assert!(find(clean, &Resources::none()).is_empty(), "{clean}");
        }
    }
}
