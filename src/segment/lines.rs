//! The document as lines: byte offsets of each line's content (whitespace trimmed), its
//! indentation, and whether it is blank. Everything the segmenter decides is made of these.
//!
//! Not here: what a line means (see [`super::grammar`]).

/// One line of the text, without its line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'t> {
    /// Byte offset of the first non-whitespace character (of the line start when blank).
    pub start: usize,
    /// Byte offset just after the last non-whitespace character.
    pub end: usize,
    /// The content, trimmed.
    pub text: &'t str,
    /// Leading whitespace in columns; a tab counts as four.
    pub indent: usize,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Indented the way body paragraphs are on the official site (six spaces) or by a tab.
    pub fn is_indented(&self) -> bool {
        self.indent >= 2
    }
}

/// Splits `text` into lines (`\n`, `\r\n` or `\r` breaks).
pub fn split(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            if !(at_end && line_start == bytes.len() && !lines.is_empty()) {
                lines.push(make_line(text, line_start, i));
            }
            if !at_end && bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            line_start = i + 1;
        }
        i += 1;
    }
    lines
}

fn make_line(text: &str, start: usize, end: usize) -> Line<'_> {
    // `start..end` lies between ASCII line breaks, hence on char boundaries.
    let raw = &text[start..end];
    let trimmed_start = raw.trim_start();
    let lead = raw.len() - trimmed_start.len();
    let content = trimmed_start.trim_end();
    let indent = raw[..lead].chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
    Line { start: start + lead, end: start + lead + content.len(), text: content, indent }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_at_trimmed_content() {
        let text = "  ab \r\n\n\tcd\n";
        let lines = split(text);
        // The final line break ends the last line; it does not open an empty one.
        assert_eq!(lines.len(), 3);
        assert_eq!(&text[lines[0].start..lines[0].end], "ab");
        assert_eq!(lines[0].indent, 2);
        assert!(lines[1].is_blank());
        assert_eq!(lines[2].text, "cd");
        assert_eq!(lines[2].indent, 4);
    }

    #[test]
    fn multibyte_text_keeps_char_boundaries() {
        let text = "      1. Мыналар:\nБҰЙЫРАМЫН:";
        let lines = split(text);
        assert_eq!(lines[0].text, "1. Мыналар:");
        assert_eq!(&text[lines[1].start..lines[1].end], "БҰЙЫРАМЫН:");
    }
}
