//! Amendment instructions of an amending act: "19-тармақ мынадай редакцияда жазылсын: "..."",
//! "5-тармақта: 3) тармақша алып тасталсын;", "мынадай мазмұндағы 3-1) тармақшамен
//! толықтырылсын: "..."", "3-қосымшаның тақырыбы мынадай редакцияда жазылсын", and the
//! Russian "изложить в следующей редакции", "исключить", "дополнить".
//!
//! Each instruction gets the act its amending point cites, the target part as written (with
//! the point it sits under: "5-тармақта 3) тармақша"), a pinpoint, the operation and the new
//! text. Not here: applying the amendments.

use std::sync::LazyLock;

use regex::Regex;

use super::flat::{squash, Flat};
use super::internal::{containing, eid_at};
use super::pinpoints::kazakh_after;
use crate::model::{Amendment, AmendmentOp, CitedAct, Node, NodeKind, Pinpoint, Reference, RelationKind};

static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:мынадай|жаңа) редакцияда жазылсын|алып тасталсын|толықтырылсын|изложить в (?:следующей|новой) редакции|исключить|дополнить")
        .expect("valid regex")
});
static APPROVED_BY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^көрсетілген (?:бұйрықпен|қаулымен) бекітілген\s*").expect("valid regex"));
static PER_APPENDIX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\s*осы бұйрыққа \S*\s*қосымшаға сәйкес$").expect("valid regex"));
static POINT_START: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+(?:-\d+)?\. ").expect("valid regex"));
static LEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:мынадай мазмұндағы|мынадай|осы бұйрыққа)\s*").expect("valid regex"));

/// The amendment instructions in `flat`, under each point that amends another act.
pub fn find_amendments(flat: &Flat, structure: &[Node], references: &[Reference]) -> Vec<Amendment> {
    let mut out = Vec::new();
    let amending: Vec<&Reference> =
        references.iter().filter(|r| r.relation == Some(RelationKind::Amends) && !r.inverse && r.act.is_some()).collect();
    for (i, reference) in amending.iter().enumerate() {
        let Some(target) = reference.act.as_ref() else { continue };
        let start = flat.flat_of(reference.span.end);
        // The instructions run to the end of the amending point (or the next amending citation).
        let point_end = containing(structure, reference.span.start)
            .iter()
            .rev()
            .find(|n| n.kind == NodeKind::Point)
            .map(|n| flat.flat_of(n.span.end));
        let next = amending.get(i + 1).map(|r| flat.flat_of(r.span.start));
        let end = point_end.or(next).unwrap_or(flat.text.len());
        let Some(colon) = flat.slice(start, end).find(':') else { continue };
        if flat.slice(start, start + colon).contains(". ") {
            continue; // a title mention, not an amending point
        }
        instructions(flat, structure, start + colon + 1, end, target, &mut out);
    }
    out
}

fn instructions(flat: &Flat, structure: &[Node], from: usize, end: usize, target: &CitedAct, out: &mut Vec<Amendment>) {
    let text = &flat.text;
    let mut pos = from;
    let mut context = String::new();
    while pos < end {
        let Some(verb) = next_verb_outside_quotes(text, pos, end) else { break };
        let segment = &text[pos..verb.0];
        // Context lines end with ':'; the last piece is the target of this instruction.
        let (ctx, target_text) = match segment.rfind(':') {
            Some(c) => (Some(segment[..c].trim()), segment[c + 1..].trim()),
            None => (None, segment.trim()),
        };
        if let Some(ctx) = ctx {
            let last = ctx.rsplit([':', ';']).next().unwrap_or(ctx).trim();
            context = if last.starts_with(|c: char| c.is_ascii_digit()) { last.to_owned() } else { String::new() };
        }
        let target_text = target_text.trim_start_matches(['"', ';', '.', ' ']).trim();
        let target_text = LEAD.replace(target_text, "").into_owned();
        // "көрсетілген бұйрықпен бекітілген X осы бұйрыққа қосымшаға сәйкес": the part is X.
        let target_text = APPROVED_BY.replace(&target_text, "").into_owned();
        let target_text = PER_APPENDIX.replace(&target_text, "").trim().to_owned();
        let verb_text = text[verb.0..verb.1].to_lowercase();
        let operation = if target_text.contains("тақырыбы") || target_text.contains("заголов") {
            AmendmentOp::Retitle
        } else if verb_text.contains("редакци") {
            AmendmentOp::Replace
        } else if verb_text.contains("алып тасталсын") || verb_text.contains("исключить") {
            AmendmentOp::Delete
        } else {
            AmendmentOp::Insert
        };
        // A target at the context's level or above starts afresh ("2-қосымшада: ...;
        // 3-қосымшаның тақырыбы ...").
        let outer = |t: &str| pinpoint_of(t).first().map(|p| rank(p.unit));
        let (new_text, after) = quoted_after(text, verb.1, end);
        // New text "9. ..." is a point, whatever the instruction calls it.
        let numbered_point = new_text.as_deref().is_some_and(|t| POINT_START.is_match(t));
        let target_rank = if numbered_point { Some(rank(crate::model::PinpointUnit::Point)) } else { outer(&target_text) };
        if let (Some(t), Some(c)) = (target_rank, outer(&context)) {
            if t <= c {
                context.clear();
            }
        }
        let target_part = squash(&format!("{context} {target_text}"));
        let span_start = pos + (segment.len() - segment.trim_start().len());
        out.push(Amendment {
            target: target.clone(),
            pinpoint: pinpoint_of(&target_part),
            target_part,
            operation,
            new_text,
            eid: eid_at(structure, flat.at(span_start)),
            span: flat.span(span_start, after.min(end).max(span_start)),
        });
        pos = after.max(verb.1);
    }
}

/// The next instruction verb at or after `from`, skipping quoted new text.
fn next_verb_outside_quotes(text: &str, from: usize, end: usize) -> Option<(usize, usize)> {
    let window = text.get(from..end)?;
    for m in VERB.find_iter(window) {
        let before = &window[..m.start()];
        let open = before.matches('"').count() % 2 == 1 || before.matches('«').count() > before.matches('»').count();
        if !open {
            return Some((from + m.start(), from + m.end()));
        }
    }
    None
}

/// The quoted new text right after an instruction ("жазылсын: "..."; "), and where the
/// instruction ends.
fn quoted_after(text: &str, from: usize, end: usize) -> (Option<String>, usize) {
    let rest = text.get(from..end).unwrap_or("");
    let lead = rest.len() - rest.trim_start_matches([':', ' ']).len();
    let body = &rest[lead..];
    if !body.starts_with(['"', '«']) {
        let stop = rest.find([';', '.']).map_or(rest.len(), |i| i + 1);
        return (None, from + stop);
    }
    // The closing quote is one followed by ';' or '.' (nested quotes are not).
    let inner = &body[1..];
    let close = inner
        .match_indices(['"', '»'])
        .map(|(i, _)| i)
        .find(|&i| inner[i + 1..].trim_start().starts_with([';', '.']) || inner[i + 1..].trim().is_empty());
    match close {
        Some(c) => {
            let after_close = &inner[c + 1..];
            let tail = after_close.len() - after_close.trim_start().len() + usize::from(after_close.trim_start().starts_with([';', '.']));
            (Some(inner[..c].trim().to_owned()), from + lead + 1 + c + 1 + tail)
        }
        None => (Some(inner.trim().to_owned()), end),
    }
}

fn rank(unit: crate::model::PinpointUnit) -> u8 {
    use crate::model::PinpointUnit::*;
    match unit {
        Appendix | Section => 0,
        Chapter => 1,
        Article => 2,
        Point | Part => 3,
        Subpoint | Row => 4,
        Paragraph => 5,
    }
}

/// Every pinpoint level the target part names, outermost first.
fn pinpoint_of(target: &str) -> Vec<Pinpoint> {
    let mut levels = Vec::new();
    let mut at = 0;
    while at < target.len() {
        if let Some(run) = kazakh_after(target, at).filter(|r| r.start == at || target[at..r.start].trim().is_empty()) {
            levels.extend(run.levels);
            at = run.end.max(at + 1);
        } else {
            at = target[at..].find(' ').map_or(target.len(), |i| at + i + 1);
        }
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::citations::find_citations;
    use crate::model::{Language, PinpointUnit, Span};

    fn amendments_of(text: &str) -> Vec<Amendment> {
        let flat = Flat::new(text);
        let refs: Vec<Reference> = find_citations(&flat.text, Some(Language::Kazakh))
            .into_iter()
            .enumerate()
            .map(|(i, c)| Reference {
                span: flat.span(c.start, c.end),
                eid: None,
                act: Some(c.act),
                pinpoint: c.pinpoint,
                relation: Some(if i == 0 { RelationKind::Amends } else { RelationKind::Basis }),
                internal_eid: None,
                inverse: false,
            })
            .collect();
        find_amendments(&flat, &[], &refs)
    }

    /// Point 1 of seed 002 with the moved words put back, shortened.
    const REPAIRED_002: &str = "1. Министрінің 2018 жылғы 28 наурыздағы № 53/НҚ бұйрығына (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 16750 болып тіркелген) мынадай өзгерістер мен толықтырулар енгізілсін:
      кіріспе мынадай редакцияда жазылсын:
      \"Заңына сәйкес БҰЙЫРАМЫН:\";
      көрсетілген бұйрықпен бекітілген қағидаларында:
      1-тармақ мынадай редакцияда жазылсын:
      \"1. Осы Қағидалар \"Ақпараттандыру туралы\" Заңына сәйкес әзірленді.\";
      5-тармақта:
      3) тармақша алып тасталсын;
      мынадай мазмұндағы 3-1) тармақшамен толықтырылсын:
      \"3-1) бағдарламалық қамтылым оқшаулау үлесінің кемінде 80%;\";
      2-қосымшада:
      реттік нөмірі 9-жол мынадай редакцияда жазылсын:
      \"9. Құжаттар\";
      3-қосымшаның тақырыбы мынадай редакцияда жазылсын:
      \"Өтініш\".
      2. Комитет қамтамасыз етсін.";

    #[test]
    fn instructions_of_an_amending_point() {
        let found = amendments_of(REPAIRED_002);
        let summary: Vec<(String, AmendmentOp)> = found.iter().map(|a| (a.target_part.clone(), a.operation)).collect();
        assert_eq!(
            summary,
            [
                ("кіріспе".to_owned(), AmendmentOp::Replace),
                ("1-тармақ".to_owned(), AmendmentOp::Replace),
                ("5-тармақта 3) тармақша".to_owned(), AmendmentOp::Delete),
                ("5-тармақта 3-1) тармақшамен".to_owned(), AmendmentOp::Insert),
                ("2-қосымшада реттік нөмірі 9-жол".to_owned(), AmendmentOp::Replace),
                ("3-қосымшаның тақырыбы".to_owned(), AmendmentOp::Retitle),
            ]
        );
        assert_eq!(found[1].new_text.as_deref(), Some("1. Осы Қағидалар \"Ақпараттандыру туралы\" Заңына сәйкес әзірленді."));
        assert_eq!(found[3].new_text.as_deref(), Some("3-1) бағдарламалық қамтылым оқшаулау үлесінің кемінде 80%;"));
        assert_eq!(found[2].pinpoint, [Pinpoint { unit: PinpointUnit::Point, num: "5".into() }, Pinpoint { unit: PinpointUnit::Subpoint, num: "3".into() }]);
        assert_eq!(found[4].pinpoint.last(), Some(&Pinpoint { unit: PinpointUnit::Row, num: "9".into() }));
        assert!(found.iter().all(|a| a.target.identity.number.as_deref() == Some("53/НҚ")));
        assert!(found.iter().all(|a| a.span != Span::new(0, 0)));
    }
}
