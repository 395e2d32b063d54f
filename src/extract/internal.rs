//! Internal references: "осы бұйрыққа 1-қосымшаға", "осы Қағидалардың 5-тармағында",
//! "осы тармақтың 1) тармақшасында", "приложению 1 к настоящему приказу", "пунктом 5
//! настоящих Правил", resolved to eids of this document's structure.
//!
//! Not here: citations of other acts (see [`super::citations`]).

use std::sync::LazyLock;

use regex::Regex;

use super::pinpoints::{kazakh_after, russian_before};
use crate::model::{Node, NodeKind, Pinpoint, PinpointUnit};

/// An internal reference in flat offsets, with what it points at.
#[derive(Debug, Clone, PartialEq)]
pub struct Internal {
    pub start: usize,
    pub end: usize,
    pub scope: Scope,
    pub pinpoint: Vec<Pinpoint>,
}

/// What "осы ..." / "настоящ..." names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The act itself ("осы бұйрық", "настоящий приказ").
    Act,
    /// The approved document the reference sits in ("осы Қағидалар", "настоящих Правил").
    Enclosing,
    /// The point the reference sits in ("осы тармақтың").
    Point,
}

static KAZAKH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}])(?:осы) (бұйрық\p{L}*|қаулы\p{L}*|шешім\p{L}*|қағида\p{L}*|әдістеме\p{L}*|ереже\p{L}*|қосымша\p{L}*|нұсқаулы\p{L}*|тармақ\p{L}*)")
        .expect("valid regex")
});
static SECOND: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:және|мен|немесе) (\d+(?:-\d+)*)").expect("valid regex"));
static RUSSIAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:к )?настоящ\p{L}* (приказ\p{L}*|постановлени\p{L}*|решени\p{L}*|правил\p{L}*|методик\p{L}*|положени\p{L}*|инструкци\p{L}*|пункт\p{L}*)")
        .expect("valid regex")
});

fn scope_of(word: &str) -> Scope {
    let w = word.to_lowercase();
    if ["бұйрық", "қаулы", "шешім", "приказ", "постановлени", "решени"].iter().any(|p| w.starts_with(p)) {
        Scope::Act
    } else if w.starts_with("тармақ") || w.starts_with("пункт") {
        Scope::Point
    } else {
        Scope::Enclosing
    }
}

/// Every internal reference with a pinpoint.
pub fn find_internal(flat: &str) -> Vec<Internal> {
    let mut out = Vec::new();
    for caps in KAZAKH.captures_iter(flat) {
        let (Some(all), Some(word)) = (caps.get(0), caps.get(1)) else { continue };
        let start = all.start() + (all.as_str().len() - all.as_str().trim_start_matches(|c: char| !c.is_alphabetic()).len());
        let scope = scope_of(word.as_str());
        // "осы Қағидаларға қосымшаға": the one appendix, unnumbered.
        let next = flat.get(all.end()..).unwrap_or("").trim_start();
        if scope != Scope::Point && next.to_lowercase().starts_with("қосымша") {
            let len = next.split(' ').next().map_or(0, str::len);
            let end = all.end() + (flat.len() - all.end() - next.len()) + len;
            out.push(Internal { start, end, scope, pinpoint: vec![Pinpoint { unit: PinpointUnit::Appendix, num: String::new() }] });
            continue;
        }
        if let Some(run) = kazakh_after(flat, all.end()) {
            // "1) және 2) тармақшаларында", "5 және 6-тармақтарында": one reference each.
            let second = flat.get(run.start..run.end).and_then(|t| SECOND.captures(t)).and_then(|c| c.get(1)).map(|m| m.as_str().to_owned());
            if let (Some(second), Some(last)) = (second, run.levels.last()) {
                let mut levels = run.levels.clone();
                levels.pop();
                levels.push(Pinpoint { unit: last.unit, num: second });
                out.push(Internal { start, end: run.end, scope, pinpoint: run.levels.clone() });
                out.push(Internal { start, end: run.end, scope, pinpoint: levels });
            } else {
                out.push(Internal { start, end: run.end, scope, pinpoint: run.levels });
            }
        }
    }
    for caps in RUSSIAN.captures_iter(flat) {
        let (Some(all), Some(word)) = (caps.get(0), caps.get(1)) else { continue };
        if let Some(run) = russian_before(flat, all.start()) {
            out.push(Internal { start: run.start, end: all.end(), scope: scope_of(word.as_str()), pinpoint: run.levels });
        }
    }
    out.sort_by_key(|i| i.start);
    out
}

fn kind_of(unit: PinpointUnit) -> NodeKind {
    match unit {
        PinpointUnit::Section => NodeKind::Section,
        PinpointUnit::Chapter => NodeKind::Chapter,
        PinpointUnit::Article | PinpointUnit::Point => NodeKind::Point,
        PinpointUnit::Part | PinpointUnit::Paragraph => NodeKind::Paragraph,
        PinpointUnit::Subpoint => NodeKind::Subpoint,
        PinpointUnit::Appendix => NodeKind::Appendix,
        PinpointUnit::Row => NodeKind::Row,
    }
}

/// The eid the reference points at. With a structure, the node is looked up (first match in
/// the scope, depth-first); without one, the eid is composed from the pinpoint when the scope
/// is the act itself. `at` is the reference's original offset.
pub fn resolve(internal: &Internal, structure: &[Node], at: usize) -> Option<String> {
    if structure.is_empty() {
        if internal.scope != Scope::Act {
            return None;
        }
        let parts: Vec<String> = internal.pinpoint.iter().map(|p| format!("{}_{}", kind_of(p.unit).eid_name(), p.num)).collect();
        return (!parts.is_empty()).then(|| parts.join("__"));
    }
    let path = containing(structure, at);
    if let [Pinpoint { unit: PinpointUnit::Appendix, num }] = internal.pinpoint.as_slice() {
        if num.is_empty() {
            return sole_appendix(internal.scope, structure, &path);
        }
    }
    let found = lookup(internal, scope_nodes(internal.scope, structure, &path)?);
    // "осы Қағидаларға 1-қосымша": the rules' appendices may stand beside the rules.
    found.or_else(|| if internal.scope == Scope::Enclosing { lookup(internal, structure.iter().collect()) } else { None })
}

/// The appendix an unnumbered "қосымша" names: the act's only appendix, or the one that
/// follows the appendix holding the rules that speak of "their" appendix.
fn sole_appendix(scope: Scope, structure: &[Node], path: &[&Node]) -> Option<String> {
    let appendices: Vec<&Node> = structure.iter().filter(|n| n.kind == NodeKind::Appendix).collect();
    match scope {
        Scope::Act => (appendices.len() == 1).then(|| appendices[0].eid.clone()),
        Scope::Enclosing => {
            let enclosing = path.iter().find(|n| n.kind == NodeKind::Appendix)?;
            let i = appendices.iter().position(|a| a.eid == enclosing.eid)?;
            appendices.get(i + 1).map(|a| a.eid.clone())
        }
        Scope::Point => None,
    }
}

fn scope_nodes<'n>(scope: Scope, structure: &'n [Node], path: &[&'n Node]) -> Option<Vec<&'n Node>> {
    Some(match scope {
        Scope::Act => structure.iter().collect(),
        Scope::Enclosing => match path.iter().rev().find(|n| n.kind == NodeKind::Appendix) {
            Some(appendix) => appendix.children.iter().collect(),
            None => structure.iter().collect(),
        },
        Scope::Point => match path.iter().rev().find(|n| n.kind == NodeKind::Point) {
            Some(point) => point.children.iter().collect(),
            None => return None,
        },
    })
}

fn lookup(internal: &Internal, scope: Vec<&Node>) -> Option<String> {
    let mut candidates = scope;
    let mut found = None;
    for level in &internal.pinpoint {
        let kind = kind_of(level.unit);
        // "1-4 қосымшаларға" is a range: its first member stands for it.
        let first = level.num.split('-').next().unwrap_or(&level.num);
        let matches = |n: &&Node, want: &str| n.kind == kind && n.num.as_ref().is_some_and(|num| num.norm == want);
        let node = candidates
            .iter()
            .flat_map(|n| n.walk())
            .find(|n| matches(n, &level.num))
            .or_else(|| candidates.iter().flat_map(|n| n.walk()).find(|n| matches(n, first)))?;
        candidates = node.children.iter().collect();
        found = Some(node.eid.clone());
    }
    found
}

/// The nodes containing original offset `at`, outermost first.
pub fn containing(structure: &[Node], at: usize) -> Vec<&Node> {
    let mut path = Vec::new();
    let mut level = structure;
    while let Some(node) = level.iter().find(|n| n.span.start <= at && at < n.span.end) {
        path.push(node);
        level = &node.children;
    }
    path
}

/// The eid of the innermost node containing original offset `at`.
pub fn eid_at(structure: &[Node], at: usize) -> Option<String> {
    containing(structure, at).last().map(|n| n.eid.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::flat::squash;
    use crate::model::{Num, Span};

    #[test]
    fn finds_kazakh_and_russian_internal_references() {
        let flat = squash("1) осы бұйрыққа 1-қосымшаға сәйкес тізбесі; осы Қағидалардың 5 және 6-тармақтарында; осы тармақтың 1) және 2) тармақшаларында");
        let found = find_internal(&flat);
        assert_eq!(found.len(), 5, "{found:#?}");
        assert_eq!(found[0].scope, Scope::Act);
        assert_eq!(found[0].pinpoint[0], Pinpoint { unit: PinpointUnit::Appendix, num: "1".into() });
        assert_eq!(found[1].scope, Scope::Enclosing);
        assert_eq!(found[1].pinpoint[0].num, "5");
        assert_eq!(found[2].pinpoint[0].num, "6");
        assert_eq!(found[3].scope, Scope::Point);
        assert_eq!(found[4].pinpoint[0], Pinpoint { unit: PinpointUnit::Subpoint, num: "2".into() });
        let flat = squash("согласно приложению 2 к настоящему приказу");
        let found = find_internal(&flat);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pinpoint[0], Pinpoint { unit: PinpointUnit::Appendix, num: "2".into() });
    }

    fn node(kind: NodeKind, num: &str, eid: &str, span: (usize, usize), children: Vec<Node>) -> Node {
        Node { kind, num: Some(Num { raw: num.into(), norm: num.into() }), eid: eid.into(), heading: None, span: Span::new(span.0, span.1), children }
    }

    #[test]
    fn resolves_against_the_structure() {
        let structure = vec![
            node(NodeKind::Point, "1", "point_1", (0, 50), vec![]),
            node(NodeKind::Appendix, "1", "appendix_1", (50, 200), vec![node(NodeKind::Chapter, "2", "appendix_1__chapter_2", (60, 200), vec![node(NodeKind::Point, "5", "appendix_1__chapter_2__point_5", (70, 100), vec![])])]),
        ];
        let to_appendix = Internal { start: 0, end: 0, scope: Scope::Act, pinpoint: vec![Pinpoint { unit: PinpointUnit::Appendix, num: "1".into() }] };
        assert_eq!(resolve(&to_appendix, &structure, 10).as_deref(), Some("appendix_1"));
        let to_point = Internal { start: 0, end: 0, scope: Scope::Enclosing, pinpoint: vec![Pinpoint { unit: PinpointUnit::Point, num: "5".into() }] };
        assert_eq!(resolve(&to_point, &structure, 150).as_deref(), Some("appendix_1__chapter_2__point_5"));
        let unnumbered = find_internal(&squash("1) осы Қағидаларға қосымшаға сәйкес нысан бойынша"));
        assert_eq!(unnumbered.len(), 1);
        let rules_and_form = vec![
            node(NodeKind::Appendix, "1", "appendix_1", (0, 100), vec![]),
            node(NodeKind::Appendix, "2", "appendix_2", (100, 200), vec![]),
        ];
        assert_eq!(resolve(&unnumbered[0], &rules_and_form, 50).as_deref(), Some("appendix_2"), "the rules' form follows them");
        let dangling = Internal { start: 0, end: 0, scope: Scope::Act, pinpoint: vec![Pinpoint { unit: PinpointUnit::Appendix, num: "9".into() }] };
        assert_eq!(resolve(&dangling, &structure, 10), None);
        assert_eq!(eid_at(&structure, 80).as_deref(), Some("appendix_1__chapter_2__point_5"));
    }
}
