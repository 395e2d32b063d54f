//! A whitespace-collapsed view of a text, with a map back to the original byte offsets.
//!
//! Headers and citations wrap across lines ("Қазақстан \nРеспубликасының") and PDF exports
//! leave double spaces; matching on the flat view makes every pattern robust to both, and
//! [`Flat::span`] turns a match back into a [`Span`] of the original text.
//!
//! Not here: any other normalisation (letters, quotes stay as written).

use crate::model::Span;

/// `text` with every run of whitespace replaced by one space.
#[derive(Debug, Clone)]
pub struct Flat {
    pub text: String,
    /// `origin[i]` = byte offset in the original text of flat byte `i`; one extra entry for
    /// the end.
    origin: Vec<usize>,
}

impl Flat {
    pub fn new(original: &str) -> Flat {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut in_space = false;
        for (at, c) in original.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    text.push(' ');
                    origin.push(at);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            let mut buf = [0u8; 4];
            let encoded = c.encode_utf8(&mut buf);
            text.push_str(encoded);
            origin.extend((0..encoded.len()).map(|i| at + i));
        }
        origin.push(original.len());
        Flat { text, origin }
    }

    /// The original byte offset of flat byte `i` (clamped to the end).
    pub fn at(&self, i: usize) -> usize {
        self.origin[i.min(self.origin.len() - 1)]
    }

    /// The original span of the flat range `start..end`. The end maps to where the next flat
    /// character begins, which is just past the last character (or past a whole whitespace
    /// run when the range ends in a collapsed space), so it is always a char boundary.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.at(start);
        Span::new(s, self.at(end.max(start)).max(s))
    }

    /// The flat offset of original byte `offset` (the first flat byte at or after it).
    pub fn flat_of(&self, offset: usize) -> usize {
        self.origin.partition_point(|&o| o < offset)
    }

    pub fn slice(&self, start: usize, end: usize) -> &str {
        let end = end.min(self.text.len());
        let start = start.min(end);
        self.text.get(start..end).unwrap_or("")
    }
}

/// Collapses whitespace runs to one space and trims.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The largest char boundary of `s` at or below `i`.
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or above `i`.
pub fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_and_maps_back() {
        let original = "Қазақстан \n  Республикасының  Әділет";
        let flat = Flat::new(original);
        assert_eq!(flat.text, "Қазақстан Республикасының Әділет");
        let start = flat.text.find("Республикасының").unwrap();
        let span = flat.span(start, start + "Республикасының".len());
        assert_eq!(span.of(original), "Республикасының");
        let whole = flat.span(0, flat.text.len());
        assert_eq!(whole.of(original), original);
        assert_eq!(flat.flat_of(span.start), start);
    }
}
