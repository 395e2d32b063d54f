//! Gold structure from the public acts' markdown: what the markdown itself states with `#`
//! headings, `>` stamps and notes, `**bold**` signatures, numbered lines `1.` / `   1)`, dash
//! items, indented paragraphs and HTML tables.
//!
//! Written apart from the segmenter on purpose (its own patterns, its own nesting and its own
//! eid naming), so that comparing the two measures the segmenter rather than agreeing with it.
//! Not here: the comparison (see the parent module).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

/// One node of the gold tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldNode {
    /// The kind's eid name: `point`, `subpoint`, `para`, `appendix`...
    pub kind: &'static str,
    pub num: Option<String>,
    pub children: Vec<GoldNode>,
}

static POINT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d+(?:-\d+)?)\\?\.\s").expect("valid"));
static SUBPOINT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\s*)(\d+(?:-\d+)?)\)\s").expect("valid"));
static DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\s*)[-–—]\s?\S").expect("valid"));
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:(\d+)-тарау|глава\s+(\d+)|(\d+)\.\s)").expect("valid"));
static SECTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:(\d+)-бөлім|раздел\s+(\d+))").expect("valid"));
static APPENDIX_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)(?:(\d+)\s*-\s*қосымша|приложение\s*№?\s*(\d+))").expect("valid"));

#[derive(Default)]
struct Arena {
    kinds: Vec<&'static str>,
    nums: Vec<Option<String>>,
    children: Vec<Vec<usize>>,
}

impl Arena {
    fn add(&mut self, parent: usize, kind: &'static str, num: Option<String>) -> usize {
        self.kinds.push(kind);
        self.nums.push(num);
        self.children.push(Vec::new());
        let index = self.kinds.len() - 1;
        self.children[parent].push(index);
        index
    }

    fn into_tree(self, index: usize) -> Vec<GoldNode> {
        fn build(a: &Arena, i: usize) -> Vec<GoldNode> {
            a.children[i].iter().map(|&c| GoldNode { kind: a.kinds[c], num: a.nums[c].clone(), children: build(a, c) }).collect()
        }
        build(&self, index)
    }
}

#[derive(Default)]
struct State {
    arena: Arena,
    title_seen: bool,
    appendix: Option<usize>,
    chapter: Option<usize>,
    point: Option<usize>,
    subpoint: Option<(usize, usize)>,
    table: Option<usize>,
    row: Option<usize>,
    preamble: Option<usize>,
    body_started: bool,
    signature_open: bool,
}

/// The gold tree of a markdown act.
pub fn gold_from_markdown(markdown: &str) -> Vec<GoldNode> {
    let mut s = State::default();
    s.arena.kinds.push("document");
    s.arena.nums.push(None);
    s.arena.children.push(Vec::new());
    let lines: Vec<&str> = markdown.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        let trimmed = line.trim();
        if trimmed.starts_with('>') {
            let mut quoted = Vec::new();
            while i < lines.len() && lines[i].trim().starts_with('>') {
                quoted.push(strip_emphasis(lines[i].trim().trim_start_matches('>')));
                i += 1;
            }
            s.quote_block(&quoted);
            continue;
        }
        s.line(line, trimmed);
        i += 1;
    }
    s.arena.into_tree(0)
}

fn strip_emphasis(text: &str) -> String {
    text.replace(['*', '\\'], "").trim().to_owned()
}

impl State {
    fn container(&self) -> usize {
        self.chapter.or(self.appendix).unwrap_or(0)
    }

    fn innermost(&self) -> usize {
        self.subpoint.map(|(i, _)| i).or(self.point).unwrap_or_else(|| self.container())
    }

    fn outer(&self) -> usize {
        self.appendix.unwrap_or(0)
    }

    fn reset_body(&mut self) {
        self.chapter = None;
        self.point = None;
        self.subpoint = None;
        self.table = None;
        self.row = None;
    }

    fn quote_block(&mut self, quoted: &[String]) {
        self.signature_open = false;
        let text = quoted.join(" ");
        let lower = text.to_lowercase();
        if lower.starts_with("ескерту") || lower.starts_with("сноска") {
            let parent = if self.appendix.is_some() || self.body_started { self.innermost() } else { 0 };
            self.arena.add(parent, "note", None);
        } else if lower.contains("келісілді") || lower.contains("согласовано") {
            let parent = self.outer();
            self.arena.add(parent, "approval", None);
        } else {
            let only_stamps = self.appendix.is_some_and(|a| self.arena.children[a].iter().all(|&c| self.arena.kinds[c] == "stamp"));
            let appendix = match self.appendix {
                Some(a) if only_stamps => a,
                _ => {
                    let num = APPENDIX_NUMBER.captures(&text).and_then(|c| c.get(1).or(c.get(2))).map(|m| m.as_str().to_owned());
                    self.arena.add(0, "appendix", num)
                }
            };
            self.arena.add(appendix, "stamp", None);
            self.appendix = Some(appendix);
            self.reset_body();
        }
    }

    fn line(&mut self, line: &str, trimmed: &str) {
        if trimmed.is_empty() || trimmed.starts_with("<a ") {
            return;
        }
        let bold = trimmed.starts_with("**") && trimmed.ends_with("**");
        if !bold {
            self.signature_open = false;
        }
        if let Some(heading) = trimmed.strip_prefix('#') {
            return self.heading(trimmed, heading);
        }
        if bold {
            if !self.signature_open {
                let parent = self.outer();
                self.arena.add(parent, "signature", None);
                self.signature_open = true;
            }
            return;
        }
        if self.table_line(trimmed) {
            return;
        }
        if let Some(c) = POINT.captures(line) {
            let parent = self.container();
            let point = self.arena.add(parent, "point", Some(c[1].to_owned()));
            self.point = Some(point);
            self.subpoint = None;
            self.body_started = true;
            return;
        }
        if let Some(c) = SUBPOINT.captures(line) {
            let parent = self.point.unwrap_or_else(|| self.container());
            let sub = self.arena.add(parent, "subpoint", Some(c[2].to_owned()));
            self.subpoint = Some((sub, c[1].len()));
            return;
        }
        let indent = line.len() - line.trim_start().len();
        if !self.body_started && self.appendix.is_none() && self.title_seen && DASH.captures(line).is_none() {
            if self.preamble.is_none() {
                self.preamble = Some(self.arena.add(0, "preamble", None));
            }
            return;
        }
        let parent = match self.subpoint {
            Some((sub, sub_indent)) if indent > sub_indent => sub,
            _ => self.point.unwrap_or_else(|| self.container()),
        };
        self.arena.add(parent, "para", None);
    }

    fn heading(&mut self, trimmed: &str, after_hash: &str) {
        let level = 1 + after_hash.chars().take_while(|&c| c == '#').count();
        let text = strip_emphasis(trimmed.trim_start_matches('#'));
        if level == 1 && !self.title_seen {
            self.title_seen = true;
            self.arena.add(0, "title", None);
            return;
        }
        if let Some(c) = SECTION.captures(&text) {
            let num = c.get(1).or(c.get(2)).map(|m| m.as_str().to_owned());
            let parent = self.outer();
            self.reset_body();
            self.chapter = Some(self.arena.add(parent, "section", num));
            return;
        }
        if let Some(c) = CHAPTER.captures(&text) {
            if level > 1 {
                let num = c.get(1).or(c.get(2)).or(c.get(3)).map(|m| m.as_str().to_owned());
                let parent = self.outer();
                self.reset_body();
                self.chapter = Some(self.arena.add(parent, "chapter", num));
            }
        }
        // Other headings are an appendix's title: its own text, not a node.
    }

    fn table_line(&mut self, trimmed: &str) -> bool {
        let lower = trimmed.to_lowercase();
        if lower.starts_with("<table") {
            let parent = self.innermost();
            self.table = Some(self.arena.add(parent, "table", None));
        } else if lower.starts_with("</table") {
            self.table = None;
            self.row = None;
        } else if lower.starts_with("<tr") {
            if let Some(table) = self.table {
                self.row = Some(self.arena.add(table, "row", None));
            }
        } else if lower.starts_with("</tr") {
            self.row = None;
        } else if lower.starts_with("<td") || lower.starts_with("<th") {
            if let Some(row) = self.row {
                self.arena.add(row, "cell", None);
            }
        } else {
            return self.table.is_some() && lower.starts_with('<');
        }
        true
    }
}

/// Eids of a gold tree, with the documented naming rule (numbered → `point_3`, the front parts
/// by name, the rest by ordinal, repeats suffixed `_2`), paired with kind and number.
pub fn eids(nodes: &[GoldNode]) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    name(nodes, "", &mut out);
    out
}

fn name(nodes: &[GoldNode], prefix: &str, out: &mut Vec<(String, &'static str, String)>) {
    let mut ordinals: BTreeMap<&str, usize> = BTreeMap::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for node in nodes {
        let base = match &node.num {
            Some(n) => format!("{}_{n}", node.kind),
            None if matches!(node.kind, "title" | "header" | "status" | "preamble") => node.kind.to_owned(),
            None => {
                let o = ordinals.entry(node.kind).or_insert(0);
                *o += 1;
                format!("{}_{o}", node.kind)
            }
        };
        let count = seen.entry(base.clone()).or_insert(0);
        *count += 1;
        let own = if *count == 1 { base } else { format!("{base}_{count}") };
        let eid = if prefix.is_empty() { own } else { format!("{prefix}__{own}") };
        out.push((eid.clone(), node.kind, node.num.clone().unwrap_or_default()));
        name(&node.children, &eid, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_structure_the_markdown_states() {
        let md = "# Title\n\n> *Ескерту. Күші жойылды.*\n\nПреамбула ПРИКАЗЫВАЮ:\n\n<a id=\"p1\"></a>\n\n1. Первый:\n\n   1) а;\n\n   2) б.\n\n      Абзац.\n\n2\\. Второй.\n\n**Министр**\n\n**А. Б**\n\n> *Приложение 1*  \n> *к приказу*\n\n## Правила\n\n### Глава 1. Общие\n\n1. Текст.\n\n<table>\n<tr>\n<td>x</td>\n</tr>\n</table>\n";
        let gold = gold_from_markdown(md);
        let got: Vec<String> = eids(&gold).into_iter().map(|(e, k, n)| format!("{e}:{k}:{n}")).collect();
        assert_eq!(
            got,
            [
                "title:title:",
                "note_1:note:",
                "preamble:preamble:",
                "point_1:point:1",
                "point_1__subpoint_1:subpoint:1",
                "point_1__subpoint_2:subpoint:2",
                "point_1__subpoint_2__para_1:para:",
                "point_2:point:2",
                "signature_1:signature:",
                "appendix_1:appendix:1",
                "appendix_1__stamp_1:stamp:",
                "appendix_1__chapter_1:chapter:1",
                "appendix_1__chapter_1__point_1:point:1",
                "appendix_1__chapter_1__point_1__table_1:table:",
                "appendix_1__chapter_1__point_1__table_1__row_1:row:",
                "appendix_1__chapter_1__point_1__table_1__row_1__cell_1:cell:",
            ]
        );
    }
}
