//! Entry into force, as the act states it for itself: "Осы бұйрық 2026 жылғы 1 қаңтардан
//! бастап қолданысқа енгізіледі", "01.01.2026 ж. бастап", "алғашқы ресми жарияланған күнінен
//! кейін күнтізбелік он күн өткен соң", "вводится в действие по истечении десяти календарных
//! дней после дня его первого официального опубликования", and the partial form ("... 1-
//! тармағының сегізінші, ... абзацтарын қоспағанда, ...").
//!
//! A publication date the text does not state is never made up: the rule is kept. Not here:
//! what the rule means on a given day (see [`crate::kb`]).

use std::sync::LazyLock;

use regex::Regex;

use super::dates::find_dates;
use super::pinpoints::kazakh_ordinal;
use crate::model::{EffectiveRule, Span};

/// One entry-into-force statement in flat offsets; `parts`/`except` as eids.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub rule: EffectiveRule,
    pub parts: Vec<String>,
    pub except: Vec<String>,
    pub start: usize,
    pub end: usize,
}

static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)қолданысқа енгізіледі|қолданысқа енгізілсін|вводится в действие|вступает в силу").expect("valid regex")
});
/// The act itself as the subject: "Осы бұйрық", "Настоящий приказ".
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:осы (?:бұйрық|қаулы|шешім|жарлық|заң|бірлескен бұйрық)(?:[^\p{L}]|$)|настоящ\p{L}* (?:приказ|постановлени|решени|указ|закон|совместн))").expect("valid regex")
});
static AFTER_PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:жарияланған күнінен кейін (күнтізбелік )?(\p{L}+|\d+) (?:күнтізбелік )?күн|по истечении (\p{L}+|\d+) (календарных )?дней после дня (?:его )?(?:первого )?официального опубликования)")
        .expect("valid regex")
});
static ON_PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:ресми жарияланған күнінен бастап|со дня (?:его )?(?:первого )?официального опубликования)").expect("valid regex")
});
static ON_SIGNING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:қол қойылған күнінен бастап|со дня (?:его )?подписания)").expect("valid regex"));
static EXCEPT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)қоспағанда|за исключением").expect("valid regex"));
static POINT_OF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d+)-тармағының|пункта (\d+)").expect("valid regex"));
static ORDINALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:он|жиырма|отыз) )?(?:бірінші|екінші|үшінші|төртінші|бесінші|алтыншы|жетінші|сегізінші|тоғызыншы|оныншы|жиырмасыншы|отызыншы)").expect("valid regex")
});

fn number_word(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    const WORDS: &[(&str, u32)] = &[
        ("бір", 1), ("екі", 2), ("үш", 3), ("бес", 5), ("он", 10), ("жиырма", 20), ("отыз", 30),
        ("одного", 1), ("трех", 3), ("пяти", 5), ("десяти", 10), ("двадцати", 20), ("тридцати", 30),
    ];
    let lower = word.to_lowercase();
    WORDS.iter().find(|(w, _)| *w == lower).map(|(_, n)| *n)
}

/// Every statement of when this act (or named parts of it) comes into force.
pub fn find_effective(flat: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for verb in VERB.find_iter(flat) {
        let (start, end) = sentence_around(flat, verb.start(), verb.end());
        let sentence = &flat[start..end];
        let verb_at = verb.start() - start;
        // The subject must be the act itself, and the statement must not sit inside a
        // parenthesis (that is the cited act's own rule: "(... қолданысқа енгізіледі)").
        let Some(subject) = SUBJECT.find(sentence).filter(|m| m.start() < verb_at) else { continue };
        let head = &sentence[..verb_at];
        if head.matches('(').count() > head.matches(')').count() {
            continue;
        }
        let from_subject = &sentence[subject.start()..];
        if let Some(except_at) = EXCEPT.find(from_subject) {
            // "X бастап қолданысқа енгізілетін <parts>-ны қоспағанда, <main rule>".
            let (before, after) = from_subject.split_at(except_at.start());
            let parts = parts_of(before);
            let Some(main) = rule_of(after) else { continue };
            if let Some(part_rule) = rule_of(before) {
                out.push(Found { rule: part_rule, parts: parts.clone(), except: Vec::new(), start, end });
            }
            out.push(Found { rule: main, parts: Vec::new(), except: parts, start, end });
        } else if let Some(rule) = rule_of(from_subject) {
            out.push(Found { rule, parts: Vec::new(), except: Vec::new(), start, end });
        }
    }
    // The same rule stated twice (a note and the final point) is one rule.
    let mut seen: Vec<(EffectiveRule, Vec<String>, Vec<String>)> = Vec::new();
    out.retain(|f| {
        let key = (f.rule.clone(), f.parts.clone(), f.except.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    out
}

fn rule_of(s: &str) -> Option<EffectiveRule> {
    if let Some(caps) = AFTER_PUBLICATION.captures(s) {
        let word = caps.get(2).or(caps.get(3))?;
        let calendar = caps.get(1).is_some() || caps.get(4).is_some();
        return Some(EffectiveRule::AfterPublication { days: number_word(word.as_str())?, calendar });
    }
    if ON_PUBLICATION.is_match(s) {
        return Some(EffectiveRule::OnPublication);
    }
    if ON_SIGNING.is_match(s) {
        return Some(EffectiveRule::OnSigning);
    }
    find_dates(s).into_iter().next().map(|d| EffectiveRule::OnDate { date: d.date })
}

/// The parts a partial rule names, as eids: "1-тармағының сегізінші, ... абзацтарын" →
/// `point_1__para_8`, ... (the point may be written anywhere in the clause).
fn parts_of(clause: &str) -> Vec<String> {
    let Some(point) = POINT_OF.captures(clause).and_then(|c| c.get(1).or(c.get(2))) else { return Vec::new() };
    let ordinals: Vec<u32> = ORDINALS.find_iter(clause).filter_map(|m| kazakh_ordinal(m.as_str())).collect();
    if ordinals.is_empty() {
        return vec![format!("point_{}", point.as_str())];
    }
    ordinals.into_iter().map(|n| format!("point_{}__para_{n}", point.as_str())).collect()
}

/// The sentence holding `start..end`: from after the previous ". " (or a point number) to the
/// next full stop that ends a sentence.
fn sentence_around(flat: &str, start: usize, end: usize) -> (usize, usize) {
    let head = &flat[..start];
    let from = head
        .match_indices(". ")
        .map(|(i, _)| i)
        .filter(|&i| {
            // Not after a number or an abbreviation ("01.01.2026 ж. бастап", "м.а.").
            let word = head[..i].rsplit(' ').next().unwrap_or("");
            !word.ends_with(|c: char| c.is_ascii_digit()) && word.chars().count() > 2
        })
        .last()
        .map_or(0, |i| i + 2)
        .max(head.rfind("! ").map_or(0, |i| i + 2));
    let tail = &flat[end..];
    let to = tail.find(". ").or_else(|| tail.find('.')).map_or(flat.len(), |i| end + i + 1);
    (from, to.min(flat.len()))
}

/// Maps composed part ids (`point_1__para_8`) onto the structure. Legal paragraph counting
/// ("абзац") counts the point's own opening line as the first paragraph and every following
/// line unit, quoted text included, as the next: paragraph K of a point is its child K-1.
/// Without a structure, or when the point is not found, the composed id is kept.
pub fn resolve_parts(parts: &[String], structure: &[crate::model::Node]) -> Vec<String> {
    parts
        .iter()
        .map(|part| {
            let Some((point, para)) = part.split_once("__para_") else { return part.clone() };
            let Some(num) = point.strip_prefix("point_") else { return part.clone() };
            let node = structure.iter().flat_map(|n| n.walk()).find(|n| {
                n.kind == crate::model::NodeKind::Point && n.num.as_ref().is_some_and(|x| x.norm == num) && !n.eid.contains("appendix")
            });
            let (Some(node), Ok(k)) = (node, para.parse::<usize>()) else { return part.clone() };
            match k {
                0 => part.clone(),
                1 => node.eid.clone(),
                k => node.children.get(k - 2).map_or_else(|| part.clone(), |c| c.eid.clone()),
            }
        })
        .collect()
}

/// The original span of a found statement.
pub fn span_of(flat: &super::flat::Flat, found: &Found) -> Span {
    flat.span(found.start, found.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::flat::squash;
    use crate::model::Date;

    #[test]
    fn absolute_and_relative() {
        let found = find_effective(&squash("5. Осы бұйрық 2026 жылғы 1 қаңтардан бастап қолданысқа енгізіледі және ресми жариялануға тиіс."));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, EffectiveRule::OnDate { date: Date::from_ymd(2026, 1, 1).unwrap() });
        let found = find_effective(&squash("4. Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі."));
        assert_eq!(found[0].rule, EffectiveRule::AfterPublication { days: 10, calendar: true });
        let found = find_effective(&squash("4. Настоящий приказ вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования."));
        assert_eq!(found[0].rule, EffectiveRule::AfterPublication { days: 10, calendar: true });
        let found = find_effective(&squash("ЗҚАИ-ның ескертпесі! Осы бұйрық 01.01.2026 ж. бастап қолданысқа енгізіледі. 5. Осы бұйрық 2026 жылғы 1 қаңтардан бастап қолданысқа енгізіледі."));
        assert_eq!(found.len(), 1, "the same rule twice is one rule");
    }

    #[test]
    fn partial() {
        let text = "4. Осы бұйрық 2026 жылғы 1 қаңтардан бастап қолданысқа енгізілетін осы бұйрықтың 1-тармағының сегізінші, тоғызыншы, оныншы, он екінші, он үшінші және он төртінші абзацтарын қоспағанда, алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.";
        let found = find_effective(&squash(text));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].rule, EffectiveRule::OnDate { date: Date::from_ymd(2026, 1, 1).unwrap() });
        assert_eq!(found[0].parts, ["point_1__para_8", "point_1__para_9", "point_1__para_10", "point_1__para_12", "point_1__para_13", "point_1__para_14"]);
        assert_eq!(found[1].rule, EffectiveRule::AfterPublication { days: 10, calendar: true });
        assert_eq!(found[1].except, found[0].parts);
    }

    #[test]
    fn a_cited_acts_rule_is_not_ours() {
        let text = "Ескерту. Бұйрықтың күші жойылды - министрінің 20.10.2025 № 521/НҚ (01.01.2026 бастап қолданысқа енгізіледі) бұйрығымен.";
        assert!(find_effective(&squash(text)).is_empty());
    }
}
