//! Markdown (as the public kazakhstan-law corpus ships acts) → plain text laid out the way the
//! official site shows an act: headings and stamps as plain lines, body paragraphs indented by
//! six spaces, markup removed, blank lines kept. Anchors (`<a id="p1"></a>`) are markup
//! too and vanish; HTML tables are kept for the segmenter to read as tables.
//!
//! Not here: any structure decisions — the segmenter must find the structure in the plain text
//! on its own; the markdown's own structure is used only as evaluation gold.

/// The indent the official site puts before body paragraphs.
pub const BODY_INDENT: &str = "      ";

/// Renders markdown to plain text.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        if is_anchor_line(line.trim()) {
            continue;
        }
        out.push_str(&render_line(line));
        out.push('\n');
    }
    out
}

/// A line that is only anchors (`<a id="p1"></a>`): link targets of the site, nothing to read.
fn is_anchor_line(line: &str) -> bool {
    !line.is_empty() && line.starts_with("<a") && strip_tags(line).trim().is_empty()
}

/// HTML elements the corpus markdown uses inline; their tags are markup, their text is kept.
/// Tables (`<table>`, `<tr>`, `<td>`) are not among them: they stay as they are, and the
/// segmenter reads them as tables.
const INLINE_TAGS: [&str; 9] = ["a", "br", "sup", "sub", "span", "b", "i", "u", "p"];

/// `text` without the tags of [`INLINE_TAGS`] (a `<br>` becomes a space).
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag = &rest[open..];
        let close = tag.find('>');
        let name: String = tag[1..].trim_start_matches('/').chars().take_while(char::is_ascii_alphabetic).collect::<String>().to_ascii_lowercase();
        match close {
            Some(end) if INLINE_TAGS.contains(&name.as_str()) => {
                if name == "br" {
                    out.push(' ');
                }
                rest = &tag[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &tag[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn render_line(line: &str) -> String {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return String::new();
    }
    if let Some(heading) = strip_heading(trimmed) {
        return inline(heading);
    }
    if let Some(quoted) = trimmed.strip_prefix('>') {
        return inline(quoted.trim());
    }
    let body = inline(trimmed);
    if is_bold_line(trimmed) {
        body
    } else {
        format!("{BODY_INDENT}{body}")
    }
}

fn strip_heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    (hashes > 0 && line[hashes..].starts_with(' ')).then(|| line[hashes..].trim())
}

/// Signature lines (`**Облыс әкімі**`) are printed flush left, not as body paragraphs.
fn is_bold_line(line: &str) -> bool {
    line.starts_with("**") && line.ends_with("**") && line.len() > 4
}

/// Removes emphasis markers and backslash escapes.
fn inline(text: &str) -> String {
    let text = if text.contains("<a") { strip_tags(text) } else { text.to_owned() };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(&next) = chars.peek() {
                    if next.is_ascii_punctuation() {
                        out.push(next);
                        chars.next();
                        continue;
                    }
                }
                out.push(c);
            }
            '*' => {}
            _ => out.push(c),
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headings_stamps_points_and_escapes() {
        let md = "# Title\n\n> *Утверждены*  \n> *приказом*\n\n1\\. Утвердить.\n\n   1) первое;\n\n   - дефис\n\n**А. Бисембаев**\n";
        let text = to_plain_text(md);
        assert_eq!(
            text,
            "Title\n\nУтверждены\nприказом\n\n      1. Утвердить.\n\n      1) первое;\n\n      - дефис\n\nА. Бисембаев\n"
        );
    }

    #[test]
    fn anchors_vanish_and_tables_stay() {
        let md = "<a id=\"p1\"></a>\n1\\. Бекітілсін.\n\n<table>\n<tr>\nСм. <a href=\"x\">пункт</a> 2 < 3\n";
        assert_eq!(to_plain_text(md), "      1. Бекітілсін.\n\n      <table>\n      <tr>\n      См. пункт 2 < 3\n");
    }

    #[test]
    fn asterisks_inside_words_are_markup_too() {
        assert_eq!(inline("*a* **b**"), "a b");
    }
}
