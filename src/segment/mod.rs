//! Segment: repaired text → structure tree (title, header, notes, preamble, chapters, points,
//! sub-points, paragraphs, quotes, signature, approvals, appendices with their stamps, forms,
//! tables, formulas), each node with a stable eid and a span.
//!
//! A small grammar in the spirit of Laws.Africa's Bluebell, in three steps:
//! 1. [`lines`]: the text as lines with offsets and indentation;
//! 2. [`grammar`] says what each line can start, and [`blocks`] groups lines into units
//!    (wrapped lines and page-break gaps joined; signatures, approvals and quotations
//!    recognised from their neighbours, appendix stamps in [`stamps`]);
//! 3. [`tree`] nests the units with a stack and checks numbering; [`eid`] names them.
//!
//! Every node's span covers its own lines and its children; children are disjoint and in text
//! order, and every non-blank character of the text lies in exactly one innermost node.
//! Works on raw text (wrapped lines, indents, gaps) as well as on repaired text.
//!
//! Not here: what the nodes mean (identity, references: see [`crate::extract`]).

pub mod blocks;
pub mod eid;
pub mod grammar;
pub mod lines;
pub mod stamps;
pub mod tree;

use crate::model::{Language, Node, Span};

/// Segments `text` into its top-level nodes, in text order.
///
/// `language` is not needed today: the grammar knows both languages' words.
pub fn segment(text: &str, _language: Option<Language>) -> Vec<Node> {
    let lines = lines::split(text);
    let blocks = blocks::blocks(&lines);
    let tree = tree::build(&lines, &blocks);
    finish(&tree, 0, "")
}

/// Turns the drafts under `index` into nodes: spans from own lines and children, eids from
/// the path.
fn finish(tree: &tree::Tree, index: usize, prefix: &str) -> Vec<Node> {
    let Some(parent) = tree.drafts.get(index) else { return Vec::new() };
    let children: Vec<&tree::Draft> = parent.children.iter().filter_map(|&c| tree.drafts.get(c)).collect();
    let names = eid::sibling_names(children.iter().map(|d| (d.kind, d.num.as_ref())));
    parent
        .children
        .iter()
        .zip(names)
        .filter_map(|(&child, name)| {
            let draft = tree.drafts.get(child)?;
            let eid = eid::join(prefix, &name);
            let nodes = finish(tree, child, &eid);
            let span = hull(draft.own.iter().copied().chain(nodes.iter().map(|n| n.span)))?;
            Some(Node { kind: draft.kind, num: draft.num.clone(), eid, heading: draft.heading.clone(), span, children: nodes })
        })
        .collect()
}

fn hull(spans: impl Iterator<Item = Span>) -> Option<Span> {
    spans.fold(None, |acc: Option<Span>, s| Some(acc.map_or(s, |a| Span::new(a.start.min(s.start), a.end.max(s.end)))))
}

/// Every node of `nodes` and their descendants, depth first.
pub fn walk(nodes: &[Node]) -> impl Iterator<Item = &Node> {
    nodes.iter().flat_map(Node::walk)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(text: &str) -> Vec<String> {
        walk(&segment(text, None)).map(|n| format!("{}:{}", n.eid, n.span.of(text).split_whitespace().next().unwrap_or(""))).collect()
    }

    const RUSSIAN_ORDER: &str = "Об утверждении перечня приоритетных видов деятельности

Приказ Министра цифрового развития Республики Казахстан от 20 октября 2025 года № 9/НҚ. Зарегистрирован в Министерстве юстиции Республики Казахстан 21 октября 2025 года № 100
      Примечание ИЗПИ!
      Вводится в действие с 01.01.2026.
      В соответствии с пунктом 2 статьи 17 Налогового кодекса Республики Казахстан ПРИКАЗЫВАЮ:
      1. Утвердить:
      1) перечень приоритетных видов деятельности согласно приложению 1 к
настоящему приказу;
      2) критерий согласно приложению 2 к настоящему приказу.
      2. Внести в приказ следующее изменение:
      пункт 5 изложить в следующей редакции:
      \"5. Новый текст пункта.
      1) новый подпункт.\";
      3. Настоящий приказ вводится в действие с 1 января 2026 года.
      Министр цифрового развития
Республики Казахстан

А. Иванов

      \"СОГЛАСОВАН\"
      Министерство финансов
      Республики Казахстан

Приложение 1
к приказу Министра
цифрового развития
от 20 октября 2025 года № 9/НҚ

Перечень приоритетных видов деятельности

      Глава 1. Общие положения
      1. Разработка программного обеспечения.
      2. Создание информационных систем.
      Сноска. Пункт 2 в редакции приказа.
";

    #[test]
    fn russian_order_segments_like_a_kazakh_one() {
        assert_eq!(
            outline(RUSSIAN_ORDER),
            [
                "title:Об",
                "header:Приказ",
                "note_1:Примечание",
                "preamble:В",
                "point_1:1.",
                "point_1__subpoint_1:1)",
                "point_1__subpoint_2:2)",
                "point_2:2.",
                "point_2__para_1:пункт",
                "point_2__quote_1:\"5.",
                "point_3:3.",
                "signature_1:Министр",
                "approval_1:\"СОГЛАСОВАН\"",
                "appendix_1:Приложение",
                "appendix_1__stamp_1:Приложение",
                "appendix_1__chapter_1:Глава",
                "appendix_1__chapter_1__point_1:1.",
                "appendix_1__chapter_1__point_2:2.",
                "appendix_1__chapter_1__point_2__note_1:Сноска.",
            ]
        );
        let nodes = segment(RUSSIAN_ORDER, None);
        let appendix = nodes.iter().find(|n| n.eid == "appendix_1").expect("appendix");
        assert_eq!(appendix.heading.as_deref(), Some("Перечень приоритетных видов деятельности"));
        assert_eq!(appendix.num.as_ref().map(|n| n.norm.as_str()), Some("1"));
    }

    #[test]
    fn decision_with_dash_items_and_flush_left_signature() {
        let text = "Об установлении карантина\n\nСноска. Утратило силу решением акима.\n\n      В целях охраны аким области РЕШИЛ:\n\n      1. Установить карантин:\n\n      - в районе А;\n\n      - в районе Б.\n\n      2. Контроль возложить на заместителя.\n\nАким области\n\nС. Умбетов\n";
        assert_eq!(
            outline(text),
            ["title:Об", "note_1:Сноска.", "preamble:В", "point_1:1.", "point_1__para_1:-", "point_1__para_2:-", "point_2:2.", "signature_1:Аким"]
        );
    }

    #[test]
    fn numbering_keeps_amendment_instructions_out_of_the_structure() {
        // "3) тармақша алып тасталсын" names a sub-point of another act: no sub-point 1) or 2)
        // came before it, so it stays a paragraph of the amending point.
        let text = "      1. Бұйрыққа мынадай өзгерістер енгізілсін:\n      5-тармақта:\n      3) тармақша алып тасталсын;\n      4) тармақша алып тасталсын;\n      2. Осы бұйрық қолданысқа енгізіледі.\n";
        assert_eq!(outline(text), ["point_1:1.", "point_1__para_1:5-тармақта:", "point_1__para_2:3)", "point_1__para_3:4)", "point_2:2."]);
    }

    #[test]
    fn page_break_gaps_and_wrapped_lines_do_not_split_points() {
        let text = "      1. Бірінші тармақтың мәтіні ұзын болып\n\n\n\nкелесі бетке ауысады және 2) тармақшасына\nсілтеме береді.\n      2. Екінші.\n";
        assert_eq!(outline(text), ["point_1:1.", "point_2:2."]);
    }
}

#[cfg(test)]
mod letter_tests {
    use super::*;

    #[test]
    fn lettered_items_nest_under_their_sub_point() {
        let text = "      1. Мыналар:\n      1) бірінші:\n      а) бір;\n      б) екі;\n      2) екінші;\n      в) үш.\n";
        let eids: Vec<String> = walk(&segment(text, None)).map(|n| n.eid.clone()).collect();
        // в) cannot open a new list under 2): it stays a paragraph there.
        assert_eq!(eids, ["point_1", "point_1__subpoint_1", "point_1__subpoint_1__subpoint_а", "point_1__subpoint_1__subpoint_б", "point_1__subpoint_2", "point_1__subpoint_2__para_1"]);
    }
}

#[cfg(test)]
mod stamp_tests {
    use super::*;

    #[test]
    fn an_indented_paragraph_ending_like_a_stamp_is_body_text() {
        let text = "      1. Мыналар бекітілсін:\n\n      осы бұйрыққа 1-қосымшаға сәйкес тізбе;\n\n      Осы бұйрыққа қосымша\n\n      2. Осы бұйрық қолданысқа енгізіледі.\n";
        let kinds: Vec<_> = walk(&segment(text, None)).map(|n| n.kind).collect();
        assert!(!kinds.contains(&crate::model::NodeKind::Appendix), "{kinds:?}");
    }

    #[test]
    fn a_right_aligned_russian_stamp_opens_an_appendix() {
        let text = "      1. Утвердить правила.\n\n                                        Утверждены\n                                        приказом Министра\n                                        от 1 января 2025 года № 1\n\nПравила\n\n      1. Общие положения.\n";
        let eids: Vec<_> = walk(&segment(text, None)).map(|n| n.eid.clone()).collect();
        assert_eq!(eids, ["point_1", "appendix_1", "appendix_1__stamp_1", "appendix_1__point_1"]);
    }
}

#[cfg(test)]
mod quote_tests {
    use super::*;

    #[test]
    fn an_unclosed_citation_after_a_colon_is_not_a_quote() {
        // The closing-looking line after the signature must not pull points and signature into
        // a quotation.
        let text = "      1. Мыналардың күші жойылды деп танылсын:\n      \"Бекіту туралы\" бұйрық;\n      2. Осы бұйрық қолданысқа енгізіледі.\n      Министр\n\nЖ. Мадиев\n\n      Мөр орны.\"\n";
        let eids: Vec<_> = walk(&segment(text, None)).map(|n| n.eid.clone()).collect();
        assert_eq!(eids, ["point_1", "point_1__para_1", "point_2", "signature_1", "para_1"]);
    }
}
