//! Facts the rule engine needs, each with its place (eid, span): thresholds ("кемінде 80%",
//! "20%-ынан аспайды", "не менее 30%"), formulas with their variables ("БҚОҮ = (1 – ∑СВᵢ/∑ОСВᵢ)
//! × 100%, мұндағы: ∑СВᵢ — ..."), and enumerated lists (an appendix listing activities or
//! criteria, item by item).
//!
//! Not here: evaluating anything.

use std::sync::LazyLock;

use regex::Regex;

use super::flat::{squash, Flat};
use super::internal::eid_at;
use crate::model::{Comparison, Fact, FactValue, Language, ListItem, Node, NodeKind, Span, Variable};

/// All facts of a document, in text order.
pub fn find_facts(text: &str, flat: &Flat, structure: &[Node], _language: Option<Language>) -> Vec<Fact> {
    let mut facts = thresholds(flat, structure);
    facts.extend(formulas(text, structure));
    facts.extend(lists(text, structure));
    facts.sort_by_key(|f| (f.span.start, f.span.end));
    facts
}

const NUMBER: &str = r"(\d+(?:[.,]\d+)?) ?%";

static THRESHOLDS: LazyLock<Vec<(Regex, Comparison, bool)>> = LazyLock::new(|| {
    // (pattern, comparison, whether the value comes before the comparison words)
    [
        (format!(r"(?i)(?:^|[^\p{{L}}])кемінде {NUMBER}"), Comparison::AtLeast, false),
        (format!(r"(?i)(?:^|[^\p{{L}}])не менее {NUMBER}"), Comparison::AtLeast, false),
        (format!(r"(?i)(?:^|[^\p{{L}}])не более {NUMBER}"), Comparison::AtMost, false),
        (format!(r"(?i)(?:^|[^\p{{L}}])не превыша\p{{L}}* {NUMBER}"), Comparison::AtMost, false),
        (format!(r"(?i)(?:^|[^\p{{L}}])более {NUMBER}"), Comparison::MoreThan, false),
        (format!(r"(?i)(?:^|[^\p{{L}}])менее {NUMBER}"), Comparison::LessThan, false),
        (format!(r"(?i){NUMBER}-?\p{{L}}* (?:аспайды|аспауы|аспауға|аспауы тиіс)"), Comparison::AtMost, true),
        (format!(r"(?i){NUMBER}-?\p{{L}}* (?:кем емес|кем болмауы)"), Comparison::AtLeast, true),
        (format!(r"(?i){NUMBER}-?\p{{L}}* (?:астам|артық)"), Comparison::MoreThan, true),
    ]
    .into_iter()
    .map(|(p, c, after)| (Regex::new(&p).expect("valid regex"), c, after))
    .collect()
});

fn thresholds(flat: &Flat, structure: &[Node]) -> Vec<Fact> {
    let mut out: Vec<(usize, usize, Fact)> = Vec::new();
    for (re, comparison, _) in THRESHOLDS.iter() {
        for caps in re.captures_iter(&flat.text) {
            let (Some(all), Some(num)) = (caps.get(0), caps.get(1)) else { continue };
            if out.iter().any(|(s, e, _)| *s < all.end() && all.start() < *e) {
                continue;
            }
            let Ok(value) = num.as_str().replace(',', ".").parse::<f64>() else { continue };
            let start = all.start() + all.as_str().len() - all.as_str().trim_start_matches(|c: char| !c.is_alphanumeric()).len();
            let subject = subject_before(&flat.text, start);
            let span = flat.span(start, all.end());
            out.push((
                all.start(),
                all.end(),
                Fact {
                    value: FactValue::Threshold { subject, comparison: *comparison, value, unit: "%".into() },
                    eid: eid_at(structure, span.start),
                    span,
                },
            ));
        }
    }
    out.sort_by_key(|(s, _, _)| *s);
    out.into_iter().map(|(_, _, f)| f).collect()
}

/// The words the threshold is about: up to eight words before it, back to a clause mark.
fn subject_before(flat: &str, at: usize) -> String {
    let head = &flat[..at];
    let head = &head[super::flat::ceil_boundary(head, head.len().saturating_sub(400))..];
    let clause_start = head
        .rfind([',', ';', ':', '(', ')', '.', '"', '«', '»'])
        .map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    let words: Vec<&str> = head[clause_start..].split_whitespace().collect();
    let from = words.len().saturating_sub(8);
    words[from..].join(" ")
}

static FORMULA_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[\p{L}∑Σ][^=\n]{0,40}=\s*[^=\n]*[×*/∑Σ÷][^=\n]*$").expect("valid regex"));
static WHERE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s*(?:мұндағы|где)\s*:?\s*$").expect("valid regex"));
static VARIABLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(\S[^—–\n]{0,24}?)\s+[—–-]\s+(.+?)\s*$").expect("valid regex"));

/// Formulas kept verbatim, with the variables defined after "мұндағы:" / "где:".
fn formulas(text: &str, structure: &[Node]) -> Vec<Fact> {
    let lines: Vec<(usize, &str)> = line_offsets(text);
    let mut out = Vec::new();
    for (i, &(offset, line)) in lines.iter().enumerate() {
        if !FORMULA_LINE.is_match(line) {
            continue;
        }
        let expression = line.trim().trim_end_matches([',', ';', '.']).trim().to_owned();
        let mut variables = Vec::new();
        let mut end = offset + line.len();
        let mut j = i + 1;
        while j < lines.len() && lines[j].1.trim().is_empty() {
            j += 1;
        }
        if j < lines.len() && WHERE.is_match(lines[j].1) {
            j += 1;
            while j < lines.len() {
                let l = lines[j].1;
                if l.trim().is_empty() {
                    j += 1;
                    continue;
                }
                let Some(caps) = VARIABLE.captures(l) else { break };
                let (Some(symbol), Some(definition)) = (caps.get(1), caps.get(2)) else { break };
                variables.push(Variable {
                    symbol: symbol.as_str().trim().to_owned(),
                    definition: definition.as_str().trim_end_matches([';', '.', ',']).trim().to_owned(),
                });
                end = lines[j].0 + l.len();
                j += 1;
            }
        }
        let start = offset + (line.len() - line.trim_start().len());
        let span = Span::new(start, end.max(start));
        out.push(Fact { value: FactValue::Formula { expression, variables }, eid: eid_at(structure, start), span });
    }
    out
}

fn line_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        out.push((offset, line.trim_end_matches(['\n', '\r'])));
        offset += line.len();
    }
    out
}

/// Words that make an appendix an enumerated list: "тізбесі" (list), "өлшемшарт"
/// (criterion), "перечень", "критери".
const LIST_WORDS: &[&str] = &["тізбесі", "тізбе", "өлшемшарт", "перечень", "критери", "тізімі"];

/// Appendices that are lists: their points (or, for a criterion stated as one paragraph,
/// that paragraph) in order.
fn lists(text: &str, structure: &[Node]) -> Vec<Fact> {
    let mut out = Vec::new();
    for appendix in structure.iter().flat_map(|n| n.walk()).filter(|n| n.kind == NodeKind::Appendix) {
        let Some(title) = appendix.heading.as_deref().map(squash).filter(|h| !h.is_empty()) else { continue };
        let lower = title.to_lowercase();
        if !LIST_WORDS.iter().any(|w| lower.contains(w)) {
            continue;
        }
        let mut items: Vec<ListItem> = top_items(appendix, NodeKind::Point);
        if items.is_empty() {
            items = top_items(appendix, NodeKind::Paragraph);
        }
        let items = items.into_iter().map(|mut i| {
            i.text = squash(node_text(text, structure, &i.eid).unwrap_or(&i.text));
            i
        });
        let items: Vec<ListItem> = items.filter(|i| !i.text.is_empty()).collect();
        if items.is_empty() {
            continue;
        }
        out.push(Fact { value: FactValue::List { title, items }, eid: Some(appendix.eid.clone()), span: appendix.span });
    }
    out
}

/// The outermost nodes of `kind` under `node` (not those nested in another of the kind).
fn top_items(node: &Node, kind: NodeKind) -> Vec<ListItem> {
    let mut out = Vec::new();
    for child in &node.children {
        if child.kind == kind {
            out.push(ListItem { eid: child.eid.clone(), text: String::new() });
        } else if !matches!(child.kind, NodeKind::Stamp | NodeKind::Quote) {
            out.extend(top_items(child, kind));
        }
    }
    out
}

fn node_text<'t>(text: &'t str, structure: &[Node], eid: &str) -> Option<&'t str> {
    let node = structure.iter().flat_map(|n| n.walk()).find(|n| n.eid == eid)?;
    text.get(node.span.start..node.span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_with_comparison_and_subject() {
        let text = "3-1) бағдарламалық қамтылым оқшаулау үлесінің кемінде 80%; жалпы төлем сомасының 20%-ынан аспайды. Доля локализации не менее 30 %.";
        let flat = Flat::new(text);
        let found = thresholds(&flat, &[]);
        let summary: Vec<(String, Comparison, f64)> = found
            .iter()
            .map(|f| match &f.value {
                FactValue::Threshold { subject, comparison, value, .. } => (subject.clone(), *comparison, *value),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("бағдарламалық қамтылым оқшаулау үлесінің".to_owned(), Comparison::AtLeast, 80.0),
                ("жалпы төлем сомасының".to_owned(), Comparison::AtMost, 20.0),
                ("Доля локализации".to_owned(), Comparison::AtLeast, 30.0),
            ]
        );
        assert_eq!(found[0].span.of(text), "кемінде 80%");
    }

    #[test]
    fn formula_with_variables() {
        let text = "5. Есептейді:\n\n      БҚОҮ = (1–(∑СВi/∑ ОСВᵢ)) × 100%,\n\n      мұндағы:\n\n      ∑СВᵢ — төлемдер сомасы;\n\n      i — шарттың реттік нөмірі.\n\n      Бұл ретте, кемінде 80 %.";
        let found = formulas(text, &[]);
        assert_eq!(found.len(), 1);
        let FactValue::Formula { expression, variables } = &found[0].value else { panic!("a formula") };
        assert_eq!(expression, "БҚОҮ = (1–(∑СВi/∑ ОСВᵢ)) × 100%");
        assert_eq!(variables.len(), 2);
        assert_eq!(variables[0], Variable { symbol: "∑СВᵢ".into(), definition: "төлемдер сомасы".into() });
        assert_eq!(variables[1].symbol, "i");
    }

    #[test]
    fn prose_with_an_equals_sign_is_not_a_formula() {
        assert!(formulas("тепе=тендікті сақтауды ескере отырып", &[]).is_empty());
    }
}
