//! Splitting OCR'd text into the pieces the decoder reads: whitespace-separated chunks, cut at
//! hyphens and at slashes next to digits ("17-0a0bIHBIH", "521/HK"), with numbers, punctuation
//! and web addresses marked to keep exactly.
//!
//! Not here: deciding whether a word piece is damaged (see [`super`]).

/// A byte range of the text and what to do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub kind: PieceKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Kept exactly: numbers, punctuation, separators, web and e-mail addresses.
    Keep,
    /// Holds letters (or letter-like OCR symbols): a candidate for decoding.
    Word,
}

/// The pieces of `text`, in order (whitespace is not a piece).
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                chunk_pieces(text, s, i, &mut out);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

fn chunk_pieces(text: &str, start: usize, end: usize, out: &mut Vec<Piece>) {
    let chunk = &text[start..end];
    if is_address(chunk) || !chunk.chars().any(char::is_alphabetic) {
        out.push(Piece { start, end, kind: PieceKind::Keep });
        return;
    }
    let chars: Vec<(usize, char)> = chunk.char_indices().collect();
    let mut part_start = 0;
    for (from, to) in kept_spans(&chars, chunk.len()) {
        push_part(chunk, start, part_start, from, out);
        out.push(Piece { start: start + from, end: start + to, kind: PieceKind::Keep });
        part_start = to;
    }
    push_part(chunk, start, part_start, chunk.len(), out);
}

/// The byte spans of a chunk kept exactly, in order: a hyphen between two non-empty parts; a
/// number's slash ([`number_slash`]) or one between letters ([`between_letters`]); the point
/// of an initial ([`initial_before`]); a list number with its point; a number standing apart
/// from letters, punctuation between ("жазылсын:3" holds the number 3; in "Ka3akcTaH" and
/// "6yiipbiK" digits are misread letters).
fn kept_spans(chars: &[(usize, char)], len: usize) -> Vec<(usize, usize)> {
    let byte_at = |k: usize| chars.get(k).map_or(len, |&(i, _)| i);
    // A number's neighbour: the chunk's edge or sentence punctuation (OCR garbage glues digits
    // to symbols that are letters too: "2%K9HE" is "және").
    let apart = |k: Option<usize>| {
        k.and_then(|k| chars.get(k).map(|&(_, c)| (k, c))).is_none_or(|(k, c)| if c == '/' { number_slash(chars, k) } else { ".,:;()«»\"'-–".contains(c) })
    };
    let mut spans = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        let (before, after) = (k.checked_sub(1).map(|p| chars[p].1), chars.get(k + 1).map(|&(_, c)| c));
        let cut = match c {
            '-' | '–' => before.is_some() && after.is_some(),
            '/' => number_slash(chars, k) || between_letters(before, after),
            '.' => initial_before(chars, k) && after.is_some_and(char::is_alphabetic),
            _ => false,
        };
        if cut {
            spans.push((byte_at(k), byte_at(k + 1)));
        } else if c.is_ascii_digit() {
            let end = (k..chars.len()).find(|&e| !chars[e].1.is_ascii_digit()).unwrap_or(chars.len());
            if list_number(chars, k, end) {
                spans.push((byte_at(k), byte_at(end + 1)));
            } else if apart(k.checked_sub(1)) && apart(Some(end)) && (k > 0 || end < chars.len()) {
                spans.push((byte_at(k), byte_at(end)));
            }
            k = end;
            continue;
        }
        k += 1;
    }
    spans
}

/// Whether the slash at `k` belongs to a number ("521/HK", "1/2", "№13/11"), not to OCR
/// garbage, where an English model prints д as "/{", "/j" or "/a" after a "3" that is з
/// ("CO3/alOTCA" is "создаются", "110/{Be/,OMCTBeHHEIX" "подведомственных"): a number's
/// slash has a digit after it and no letter before it, or an abbreviation after it and
/// digits before it that do not end a word as its one digit. A letter, a slash and a digit
/// are an English model's л ("/1") inside a word ("C/10X%KHOCTH" is "сложности"): no number
/// of legal prose is written so, only web addresses, which are kept whole anyway. And a
/// number's suffix is an abbreviation ("НҚ", "ҚБП"): after "3/" a longer run of letters is
/// the rest of a word whose э the model printed as "3/" ("3/IeKTPOHHOLO" is "электронного").
fn number_slash(chars: &[(usize, char)], k: usize) -> bool {
    let at = |i: Option<usize>| i.and_then(|i| chars.get(i)).map(|&(_, c)| c);
    let (before, after) = (at(k.checked_sub(1)), at(Some(k + 1)));
    let digit_after = after.is_some_and(|a| a.is_ascii_digit()) && !before.is_some_and(char::is_alphabetic);
    let glued_digit = at(k.checked_sub(2)).is_some_and(char::is_alphabetic);
    let letters_after = chars[k + 1..].iter().take_while(|&&(_, c)| c.is_alphabetic()).count();
    let digits_before = before.is_some_and(|b| b.is_ascii_digit()) && !glued_digit && (1..=MAX_SUFFIX_LETTERS).contains(&letters_after);
    digit_after || digits_before
}

/// Whether a slash stands between two letters: "және/немесе", "и/или", but also an English
/// model's д ("FOCy/apCTBeHHBIX") and a Russian model's і ("мерз/мдер!н"). It is cut like a
/// hyphen, and the decoder reads the word both ways ([`slash_joined`]).
fn between_letters(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic)
}

/// Whether `pieces[i..i + 3]` are two word pieces with a slash between them and nothing else
/// ([`between_letters`]): the decoder reads them as two words and as one.
pub fn slash_joined(text: &str, pieces: &[Piece], i: usize) -> bool {
    let [first, slash, second] = match pieces.get(i..i + 3) {
        Some(&[a, b, c]) => [a, b, c],
        _ => return false,
    };
    first.kind == PieceKind::Word && second.kind == PieceKind::Word && &text[slash.start..slash.end] == "/" && first.end == slash.start && slash.end == second.start
}

/// The end (exclusive piece index) of the run of slash-joined word pieces starting at `i`
/// ("и/или/либо"); `i + 1` when none is joined to the piece at `i`.
pub fn slash_run_end(text: &str, pieces: &[Piece], i: usize) -> usize {
    let mut end = i + 1;
    while slash_joined(text, pieces, end - 1) {
        end += 2;
    }
    end
}

/// Most letters of a number's suffix after its slash ("521/НҚ", "13/ҚБП").
const MAX_SUFFIX_LETTERS: usize = 5;

/// Whether the point at `k` closes an initial: a lone letter after the chunk's start or
/// another mark ("м.а.", "А.Х.", "Ж.Мадиев"). The letters of initials are read one by one,
/// and the points stay: read as one word, "м.а." lost its inner point ("ма.").
fn initial_before(chars: &[(usize, char)], k: usize) -> bool {
    let letter = k.checked_sub(1).map(|p| chars[p].1).is_some_and(char::is_alphabetic);
    let alone = k.checked_sub(2).map(|p| chars[p].1).is_none_or(|c| !c.is_alphanumeric());
    letter && alone
}

/// Whether the digits `k..end` open the chunk as a list item's number glued to its first
/// word ("1.Коса", "2.Қазақстан"): the point is the list's, not a speck of a letter.
fn list_number(chars: &[(usize, char)], k: usize, end: usize) -> bool {
    k == 0 && chars.get(end).is_some_and(|&(_, c)| c == '.') && chars.get(end + 1).is_some_and(|&(_, c)| opens_list_item(c))
}

/// Whether `c`, glued to a list number's point, can open the item: an item opens Capitalised.
/// The OCR pass gives such a point its space back only where this holds, so that the point
/// is always in a kept piece, never in a word whose reading could replace it too.
pub fn opens_list_item(c: char) -> bool {
    c.is_uppercase()
}

fn push_part(chunk: &str, offset: usize, from: usize, to: usize, out: &mut Vec<Piece>) {
    if from >= to {
        return;
    }
    let part = &chunk[from..to];
    let kind = if part.chars().any(char::is_alphabetic) { PieceKind::Word } else { PieceKind::Keep };
    out.push(Piece { start: offset + from, end: offset + to, kind });
}

/// Web and e-mail addresses: left exactly as they are.
fn is_address(chunk: &str) -> bool {
    let lower = chunk.to_ascii_lowercase();
    lower.contains("://") || lower.starts_with("www.") || lower.contains('@') && lower.contains('.')
}

/// Ways to cut a word piece into leading punctuation, core and trailing punctuation: up to two
/// non-alphanumeric characters off the front and three off the end (legal prose closes a
/// quotation, a bracket and a sentence at once: "«B»)."), as byte ranges of the core. The
/// first option is the whole piece. OCR prints letters as punctuation too ("!" for ы), so
/// which option is right is for the decoder's costs to say.
pub fn core_options(word: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let lead = chars.iter().take_while(|(_, c)| !c.is_alphanumeric()).count().min(2);
    let trail = chars.iter().rev().take_while(|(_, c)| !c.is_alphanumeric()).count().min(3);
    let mut options = Vec::new();
    for k in 0..=lead {
        for m in 0..=trail {
            if k + m >= chars.len() {
                continue;
            }
            let start = chars[k].0;
            let end = if m == 0 { word.len() } else { chars[chars.len() - m].0 };
            if word[start..end].chars().any(char::is_alphanumeric) {
                options.push((start, end));
            }
        }
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<(&str, PieceKind)> {
        pieces(text).into_iter().map(|p| (&text[p.start..p.end], p.kind)).collect()
    }

    #[test]
    fn cuts_hyphens_and_number_slashes_and_keeps_numbers() {
        use PieceKind::*;
        assert_eq!(
            show("17-0a0bIHBIH Ne 521/HK, 01.01.2026 Typa/bI"),
            [("17", Keep), ("-", Keep), ("0a0bIHBIH", Word), ("Ne", Word), ("521", Keep), ("/", Keep), ("HK,", Word), ("01.01.2026", Keep), ("Typa", Word), ("/", Keep), ("bI", Word)]
        );
        // A slash between letters is cut too; the decoder also reads the word whole.
        let text = "%KoHe/HeMece и/или /a";
        let pieces = pieces(text);
        assert_eq!(show(text), [("%KoHe", Word), ("/", Keep), ("HeMece", Word), ("и", Word), ("/", Keep), ("или", Word), ("/a", Word)]);
        assert_eq!((0..pieces.len()).filter(|&i| slash_joined(text, &pieces, i)).collect::<Vec<_>>(), [0, 3]);
        let text = "a/b/c d";
        assert_eq!((0..5).map(|i| slash_run_end(text, &super::pieces(text), i)).collect::<Vec<_>>(), [5, 2, 5, 4, 5]);
        assert_eq!(show("https://adilet.zan.kz/kaz info@gov.kz"), [("https://adilet.zan.kz/kaz", Keep), ("info@gov.kz", Keep)]);
        assert_eq!(show(""), []);
        assert_eq!(show("жазылсын:3-қосымшаның (1)a"), [("жазылсын:", Word), ("3", Keep), ("-", Keep), ("қосымшаның", Word), ("(", Keep), ("1", Keep), (")a", Word)]);
        assert_eq!(show("Ka3akcTaH 6yiipbiK e1 2%K9HE"), [("Ka3akcTaH", Word), ("6yiipbiK", Word), ("e1", Word), ("2%K9HE", Word)]);
        assert_eq!(show("  — "), [("—", Keep)]);
        // A list number keeps its point when OCR glued it to the item's first word.
        assert_eq!(show("1.Коса 2.Kazak 3.5"), [("1.", Keep), ("Коса", Word), ("2.", Keep), ("Kazak", Word), ("3.5", Keep)]);
        // An English model's д after its з ("3/{", "3/a") is no number's slash.
        assert_eq!(show("CO3/alOTCA 110/{Be/ 37/HK 1/2"), [("CO3/alOTCA", Word), ("110/{Be/", Word), ("37", Keep), ("/", Keep), ("HK", Word), ("1/2", Keep)]);
        // Nor is an English model's л ("/1") after a letter.
        assert_eq!(show("C/10X%KHOCTH №13/11"), [("C/10X%KHOCTH", Word), ("№13/11", Keep)]);
        // Nor one before a word's letters: a number's suffix is an abbreviation.
        assert_eq!(show("3/IeKTPOHHOLO 13/ҚБП"), [("3/IeKTPOHHOLO", Word), ("13", Keep), ("/", Keep), ("ҚБП", Word)]);
        // Initials keep their points: each letter is read alone.
        assert_eq!(show("м.а. Ж.Мадиев"), [("м", Word), (".", Keep), ("а.", Word), ("Ж", Word), (".", Keep), ("Мадиев", Word)]);
        // A point after a longer word inside a chunk is no initial's.
        assert_eq!(show("Pecny6.nukace e.g"), [("Pecny6.nukace", Word), ("e", Word), (".", Keep), ("g", Word)]);
    }

    #[test]
    fn core_options_strip_punctuation_both_ends() {
        let word = "\"Pecny6nukace!,";
        let cores: Vec<&str> = core_options(word).into_iter().map(|(s, e)| &word[s..e]).collect();
        assert_eq!(cores[0], word);
        assert!(cores.contains(&"Pecny6nukace!") && cores.contains(&"Pecny6nukace") && cores.contains(&"\"Pecny6nukace"));
        assert_eq!(core_options("!!"), Vec::<(usize, usize)>::new());
        // Three marks close "«B»).": the core may be the letter alone.
        let word = "«B»).";
        assert!(core_options(word).into_iter().any(|(s, e)| &word[s..e] == "B"));
    }
}
