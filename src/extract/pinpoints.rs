//! Pinpoints: the article/point/sub-point part of a citation. Kazakh writes them after the
//! act, outermost first ("Заңының 21-бабы 4-тармағының 13) тармақшасына"); Russian writes them
//! before it, innermost first ("подпунктом 13) пункта 4 статьи 21 Закона").
//!
//! Works on flat text. Not here: resolving a pinpoint to an eid (see [`super::internal`]).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Pinpoint, PinpointUnit};

/// A run of pinpoint levels found in flat text.
#[derive(Debug, Clone, PartialEq)]
pub struct PinpointRun {
    pub start: usize,
    pub end: usize,
    /// Outermost first.
    pub levels: Vec<Pinpoint>,
}

const NUM: &str = r"\d+(?:-\d+)*";

static KAZAKH_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:({NUM})(?:\)| ?- ?)? ?(?:және {NUM}-?\)? ?)?|({ORD}) )(ба[пб]|тармақша|тарма[қғ]|бөлі[кг]|абзац|тарау|бөлім|қосымша|жол)\p{{L}}*",
        ORD = ORDINAL_PATTERN
    ))
    .expect("valid regex")
});

static RUSSIAN_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(подпункт|пункт|стать|част|глав|раздел|приложени|абзац)\p{{L}}* ({NUM})\)?"
    ))
    .expect("valid regex")
});

const ORDINAL_PATTERN: &str = r"(?:бірінші|екінші|үшінші|төртінші|бесінші|алтыншы|жетінші|сегізінші|тоғызыншы|оныншы|(?:он|жиырма|отыз) (?:бірінші|екінші|үшінші|төртінші|бесінші|алтыншы|жетінші|сегізінші|тоғызыншы)|жиырмасыншы|отызыншы)";

/// The Kazakh ordinal word(s) as a number: "төртінші" = 4, "он екінші" = 12.
pub fn kazakh_ordinal(words: &str) -> Option<u32> {
    const UNITS: [&str; 9] = ["бірінші", "екінші", "үшінші", "төртінші", "бесінші", "алтыншы", "жетінші", "сегізінші", "тоғызыншы"];
    let lower = words.trim().to_lowercase();
    let mut parts = lower.split_whitespace();
    let first = parts.next()?;
    let second = parts.next();
    let tens = match first {
        "он" => Some(10),
        "жиырма" => Some(20),
        "отыз" => Some(30),
        _ => None,
    };
    match (tens, second) {
        (Some(t), Some(unit)) => UNITS.iter().position(|u| *u == unit).map(|i| t + i as u32 + 1),
        _ => match first {
            "оныншы" => Some(10),
            "жиырмасыншы" => Some(20),
            "отызыншы" => Some(30),
            w => UNITS.iter().position(|u| *u == w).map(|i| i as u32 + 1),
        },
    }
}

fn kazakh_unit(word: &str) -> Option<PinpointUnit> {
    let w = word.to_lowercase();
    Some(match () {
        _ if w.starts_with("бап") || w.starts_with("баб") => PinpointUnit::Article,
        _ if w.starts_with("тармақша") => PinpointUnit::Subpoint,
        _ if w.starts_with("тармақ") || w.starts_with("тармағ") => PinpointUnit::Point,
        _ if w.starts_with("бөлік") || w.starts_with("бөліг") => PinpointUnit::Part,
        _ if w.starts_with("абзац") => PinpointUnit::Paragraph,
        _ if w.starts_with("тарау") => PinpointUnit::Chapter,
        _ if w.starts_with("бөлім") => PinpointUnit::Section,
        _ if w.starts_with("қосымша") => PinpointUnit::Appendix,
        _ if w.starts_with("жол") => PinpointUnit::Row,
        _ => return None,
    })
}

fn russian_unit(word: &str) -> Option<PinpointUnit> {
    let w = word.to_lowercase();
    Some(match () {
        _ if w.starts_with("подпункт") => PinpointUnit::Subpoint,
        _ if w.starts_with("пункт") => PinpointUnit::Point,
        _ if w.starts_with("стать") => PinpointUnit::Article,
        _ if w.starts_with("част") => PinpointUnit::Part,
        _ if w.starts_with("глав") => PinpointUnit::Chapter,
        _ if w.starts_with("раздел") => PinpointUnit::Section,
        _ if w.starts_with("приложени") => PinpointUnit::Appendix,
        _ if w.starts_with("абзац") => PinpointUnit::Paragraph,
        _ => return None,
    })
}

/// Kazakh pinpoint levels starting at `flat[from..]` (after optional spaces).
pub fn kazakh_after(flat: &str, from: usize) -> Option<PinpointRun> {
    let mut at = from;
    let mut levels = Vec::new();
    let mut start = None;
    loop {
        let rest = flat.get(at..)?;
        let skipped = rest.len() - rest.trim_start().len();
        let rest = rest.trim_start();
        let Some(caps) = KAZAKH_LEVEL.captures(rest) else { break };
        let (Some(all), Some(unit_word)) = (caps.get(0), caps.get(3)) else { break };
        let Some(unit) = kazakh_unit(unit_word.as_str()) else { break };
        let num = match (caps.get(1), caps.get(2)) {
            (Some(n), _) => n.as_str().to_owned(),
            (None, Some(ord)) => match kazakh_ordinal(ord.as_str()) {
                Some(n) => n.to_string(),
                None => break,
            },
            _ => break,
        };
        start.get_or_insert(at + skipped);
        levels.push(Pinpoint { unit, num });
        at += skipped + all.end();
    }
    Some(PinpointRun { start: start?, end: at, levels })
}

/// Russian pinpoint levels ending just before `flat[..until]` (before the act's type word).
pub fn russian_before(flat: &str, until: usize) -> Option<PinpointRun> {
    let head = flat.get(..until)?;
    // Look back over at most ~12 words.
    let window_start = head.char_indices().rev().filter(|(_, c)| *c == ' ').nth(12).map_or(0, |(i, _)| i + 1);
    let window = &head[window_start..];
    // Try every word start in the window; keep the earliest from which levels run to the end.
    for (offset, _) in std::iter::once((0, ' ')).chain(window.char_indices().filter(|(_, c)| *c == ' ').map(|(i, c)| (i + 1, c))) {
        let mut at = offset;
        let mut levels = Vec::new();
        while let Some(caps) = window.get(at..).and_then(|r| RUSSIAN_LEVEL.captures(r)) {
            let (Some(all), Some(unit), Some(num)) = (caps.get(0), caps.get(1), caps.get(2)) else { break };
            let Some(unit) = russian_unit(unit.as_str()) else { break };
            levels.push(Pinpoint { unit, num: num.as_str().to_owned() });
            at += all.end();
            at += window.get(at..).map_or(0, |r| r.len() - r.trim_start().len());
        }
        if !levels.is_empty() && window[at..].trim().is_empty() {
            levels.reverse();
            return Some(PinpointRun { start: window_start + offset, end: window_start + at, levels });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(run: &PinpointRun) -> String {
        run.levels.iter().map(|l| format!("{:?} {}", l.unit, l.num)).collect::<Vec<_>>().join(" / ")
    }

    #[test]
    fn kazakh_pinpoints() {
        let s = "Салық кодексінің 17-бабының 2-тармағына сәйкес";
        let run = kazakh_after(s, s.find(" 17").unwrap()).unwrap();
        assert_eq!(render(&run), "Article 17 / Point 2");
        let s = "Заңының 21-бабы 4-тармағының 13) тармақшасына сәйкес";
        assert_eq!(render(&kazakh_after(s, s.find(' ').unwrap()).unwrap()), "Article 21 / Point 4 / Subpoint 13");
        let s = "Ережесінің 15-тармағының 306) тармақшасына";
        assert_eq!(render(&kazakh_after(s, s.find(' ').unwrap()).unwrap()), "Point 15 / Subpoint 306");
        let s = "Заңының 51-2-бабының 2-тармағына";
        assert_eq!(render(&kazakh_after(s, s.find(' ').unwrap()).unwrap()), "Article 51-2 / Point 2");
        let s = "Заңының 68-бабының төртінші бөлігіне";
        assert_eq!(render(&kazakh_after(s, s.find(' ').unwrap()).unwrap()), "Article 68 / Part 4");
        assert!(kazakh_after("Заңының сәйкес", 7).is_none());
    }

    #[test]
    fn russian_pinpoints() {
        let s = "В соответствии с пунктом 7 статьи 139 ";
        let run = russian_before(s, s.len()).unwrap();
        assert_eq!(render(&run), "Article 139 / Point 7");
        let s = "подпунктом 3) пункта 2 статьи 5 ";
        assert_eq!(render(&russian_before(s, s.len()).unwrap()), "Article 5 / Point 2 / Subpoint 3");
        assert!(russian_before("В соответствии с ", 17).is_none());
    }

    #[test]
    fn ordinals() {
        assert_eq!(kazakh_ordinal("төртінші"), Some(4));
        assert_eq!(kazakh_ordinal("он екінші"), Some(12));
        assert_eq!(kazakh_ordinal("оныншы"), Some(10));
        assert_eq!(kazakh_ordinal("қырық"), None);
    }
}
