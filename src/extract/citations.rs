//! Citations of other acts: find the act mentions in flat text and attach to each its type,
//! issuer, date, number, registration number, quoted title and pinpoint.
//!
//! Two finders: numbered citations anchored on a date (with "№ number" after it, or a type
//! word right by it), and named citations of laws and codes ("«Өнеркәсіптік саясат туралы»
//! Заңының", "Салық кодексінің", "Трудового кодекса"). Not here: what the citing text does
//! with the act (see [`super::relations`]), internal references (see [`super::internal`]).

use std::sync::LazyLock;

use regex::Regex;

use super::acttype::{act_type_of, is_main_type};
use super::dates::{find_dates, DateMatch};
use super::pinpoints::{kazakh_after, russian_before};
use crate::model::{ActIdentity, ActType, CitedAct, Language, Pinpoint};

/// One act mention, in flat offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub start: usize,
    pub end: usize,
    pub act: CitedAct,
    pub pinpoint: Vec<Pinpoint>,
    /// Where the date starts (the anchor), or the type word for named citations.
    pub anchor: usize,
    /// Flat range of the type word.
    pub type_word: Option<(usize, usize)>,
}

/// An act number as written: starts with a digit; `521/НҚ`, `19-42-3.3.17`, `13/139`.
pub const NUMBER: &str = r"\d[\p{L}\d]*(?:[-./][\p{L}\d]+)*";

static NUMBER_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^ ?(\()? ?(?:№|N|No\.?) ?({NUMBER})")).expect("valid regex"));
static NUMBER_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:№|N) ?({NUMBER}) (?:от|жылғы)? ?$")).expect("valid regex"));
static REGISTRATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:тізілімінде|тізілімде|реестре[^№)]{0,80}?|зарегистрирован\p{L}*[^№)]{0,80}?|тіркеу[^№)]{0,40}?)(?:за )?№ ?(\d+)")
        .expect("valid regex")
});
static NAMED_KAZAKH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:(«[^«»]{3,300}»|"[^"]{3,300}") (?:Қазақстан Республикасы(?:ның)? )?)?(?:(\p{Lu}\p{Ll}+) )?(Заң\p{L}*|[Кк]одекс\p{L}*|Конституция\p{L}*)"#)
        .expect("valid regex")
});
static NAMED_RUSSIAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:(\p{L}+(?:ого|ый|ом|ому)) )?([Кк]одекс\p{L}*|Закон(?:а|у|ом|е)?|Конституци\p{L}*)(?: Республики Казахстан)?(?: («[^«»]{3,300}»|"[^"]{3,300}"))?"#)
        .expect("valid regex")
});

/// Every citation of an act in `flat`, in text order.
pub fn find_citations(flat: &str, language: Option<Language>) -> Vec<Citation> {
    let words = words(flat);
    let dates = find_dates(flat);
    let mut found: Vec<Citation> = Vec::new();
    for (i, date) in dates.iter().enumerate() {
        let next_anchor = dates.get(i + 1).map_or(flat.len(), |d| d.start);
        if let Some(c) = numbered(flat, &words, date, next_anchor, language) {
            found.push(c);
        }
    }
    found.sort_by_key(|c| c.start);
    found.dedup_by(|b, a| b.anchor == a.anchor);
    let named = named(flat, language, &found);
    found.extend(named);
    let approved = approved_documents(flat, &found);
    found.extend(approved);
    found.sort_by_key(|c| (c.start, c.anchor));
    found
}

/// Word spans of flat text (split on spaces).
fn words(flat: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in flat.char_indices() {
        if c == ' ' {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, flat.len()));
    }
    out
}

fn numbered(flat: &str, words: &[(usize, usize)], date: &DateMatch, next_anchor: usize, language: Option<Language>) -> Option<Citation> {
    let after = flat.get(date.end..)?;
    let (number, num_end, open_paren) = match NUMBER_AFTER.captures(after) {
        Some(c) => {
            let n = c.get(2)?;
            (Some(trim_number(n.as_str())), date.end + n.start() + trim_number(n.as_str()).len(), c.get(1).is_some())
        }
        None => match NUMBER_BEFORE.captures(tail(flat, date.start, 80)) {
            Some(c) => (c.get(1).map(|n| trim_number(n.as_str())), date.end, false),
            None => (None, date.end, false),
        },
    };
    // "№ 37182 болып тіркелді": a registration, not an act.
    let next_word = first_word_at(flat, words, num_end);
    if number.is_some() && next_word.is_some_and(|w| w.to_lowercase().starts_with("болып")) {
        return None;
    }
    let forward = || type_word_forward(flat, words, num_end, next_anchor, open_paren, if number.is_some() { 14 } else { 2 });
    let backward = || type_word_backward(flat, words, date.start);
    let type_word = match language {
        Some(Language::Russian) => backward().or_else(forward),
        Some(Language::Kazakh) => forward(),
        None => forward().or_else(backward),
    };
    let (tw_start, tw_end, act_type) = type_word?;
    if number.is_none() && !is_named_type(act_type) {
        return None;
    }
    let type_native = flat.get(tw_start..tw_end).map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()).to_owned());
    let russian_order = tw_end <= date.start;
    let mut start = if russian_order { tw_start } else { date.start };
    let mut end = if russian_order { num_end } else { tw_end.max(num_end) };
    let issuer = if russian_order { russian_issuer(flat, tw_end, date.start) } else { kazakh_issuer(flat, date.start) };
    let title = if russian_order || language == Some(Language::Russian) {
        title_after(flat, end).map(|(t, e)| {
            end = e;
            t
        })
    } else {
        title_before(flat, issuer.as_ref().map_or(date.start, |(s, _)| *s)).map(|(t, s)| {
            start = s;
            t
        })
    };
    if let Some((s, _)) = &issuer {
        start = start.min(*s);
    }
    let mut pinpoint = Vec::new();
    let mut title = title;
    let mut pin_until = tw_start;
    if !russian_order && number.is_none() && act_type == ActType::Code {
        // "2015 жылғы 23 қарашадағы Еңбек кодексінің": the words between name the code.
        let name = flat.get(date.end..tw_start).unwrap_or("").trim();
        if !name.is_empty() && name.split_whitespace().count() <= 2 {
            title = title.or_else(|| Some(name.to_owned()));
        }
    }
    if russian_order && act_type == ActType::Code {
        // "Трудового кодекса ... от 23 ноября 2015 года": the adjective names the code.
        let head = flat.get(..tw_start).unwrap_or("").trim_end();
        if let Some(adjective) = head.rsplit(' ').next().filter(|w| ["ого", "ый", "ой", "ий"].iter().any(|e| w.ends_with(e))) {
            title = title.or_else(|| Some(adjective.to_owned()));
            pin_until = head.len() - adjective.len();
            start = start.min(pin_until);
        }
    }
    if russian_order {
        if let Some(run) = russian_before(flat, pin_until) {
            pinpoint = run.levels;
            start = start.min(run.start);
        }
    } else if let Some(run) = kazakh_after(flat, tw_end) {
        pinpoint = run.levels;
        end = end.max(run.end);
    }
    // "... бұйрығымен бекітілген <the approved document's name> (... № 16750 болып
    // тіркелген)": the registration note follows the approved document's name.
    let approved = first_word_at(flat, words, end).is_some_and(|w| w.to_lowercase().starts_with("бекітілген"));
    let (registration, reg_end) = registration_after(flat, end, next_anchor, if approved { 90 } else { 8 });
    end = end.max(reg_end);
    Some(Citation {
        start,
        end,
        act: CitedAct {
            identity: ActIdentity {
                act_type: Some(act_type),
                type_native,
                issuer: issuer.map(|(_, s)| s),
                date: Some(date.date),
                number: number.map(str::to_owned),
                span: None,
            },
            registration,
            title,
            act_id: None,
        },
        pinpoint,
        anchor: date.start,
        type_word: Some((tw_start, tw_end)),
    })
}

/// The last `max` bytes (at most) of `flat[..end]`, on a char boundary: patterns anchored at
/// the end look only here, so each lookup costs the same wherever it is in the text.
fn tail(flat: &str, end: usize, max: usize) -> &str {
    let end = crate::extract::flat::floor_boundary(flat, end);
    let start = crate::extract::flat::ceil_boundary(flat, end.saturating_sub(max));
    &flat[start..end]
}

fn trim_number(n: &str) -> &str {
    n.trim_end_matches(['.', '-', '/'])
}

fn first_word_at<'f>(flat: &'f str, words: &[(usize, usize)], at: usize) -> Option<&'f str> {
    let i = words.partition_point(|&(s, _)| s < at);
    words.get(i).and_then(|&(s, e)| flat.get(s..e))
}

fn is_named_type(t: ActType) -> bool {
    matches!(t, ActType::Law | ActType::Code | ActType::Constitution)
}

/// The first type word after `from`, within `max_words` words outside parentheses.
fn type_word_forward(
    flat: &str,
    words: &[(usize, usize)],
    from: usize,
    limit: usize,
    open_paren: bool,
    max_words: usize,
) -> Option<(usize, usize, ActType)> {
    let mut depth: i32 = i32::from(open_paren);
    let mut counted = 0;
    let mut limit_in_paren = false;
    for &(s, e) in &words[words.partition_point(|&(s, _)| s < from)..] {
        if s >= limit && !limit_in_paren {
            if depth == 0 {
                return None; // another date starts: the type word would be its own
            }
            limit_in_paren = true; // "(01.01.2026 бастап ...) бұйрығымен": the date is a remark
        }
        let word = flat.get(s..e)?;
        if let Some(t) = act_type_of(word) {
            // A moved word can land inside the registration note's parenthesis.
            if depth == 0 || is_main_type(t) {
                let core = word.trim_start_matches(['(', '«', '"']);
                let core_start = s + (word.len() - core.len());
                let core_end = core_start + core.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
                return Some((core_start, core_end, t));
            }
        }
        depth = (depth + word.matches('(').count() as i32 - word.matches(')').count() as i32).max(0);
        counted += 1;
        if counted >= max_words + 10 || (depth == 0 && counted >= max_words) {
            return None;
        }
        if depth == 0 && (word.ends_with(';') || word.ends_with(':') || word.ends_with('!')) {
            return None;
        }
    }
    None
}

/// The nearest type word before `until` in the same clause (Russian word order).
fn type_word_backward(flat: &str, words: &[(usize, usize)], until: usize) -> Option<(usize, usize, ActType)> {
    let end = words.partition_point(|&(s, _)| s < until);
    let before = tail(flat, until, 80).trim_end();
    let lower = before.to_lowercase();
    if !(lower.ends_with(" от") || lower.ends_with("№") || lower.ends_with(" n") || NUMBER_BEFORE.is_match(tail(flat, until, 80))) {
        return None;
    }
    for (k, &(s, e)) in words[..end].iter().rev().enumerate() {
        if k > 25 {
            return None;
        }
        let word = flat.get(s..e)?;
        if k > 0 && (word.ends_with(';') || word.ends_with(':')) {
            return None;
        }
        if let Some(t) = act_type_of(word) {
            let prev = words[..end].iter().rev().nth(k + 1).and_then(|&(ps, pe)| flat.get(ps..pe)).unwrap_or("").to_lowercase();
            if prev.starts_with("настоящ") || prev.starts_with("данн") || prev == "осы" {
                return None;
            }
            let core_end = s + word.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            return Some((s, core_end, t));
        }
    }
    None
}

/// Kazakh issuer: the words just before the date, back to the clause start.
fn kazakh_issuer(flat: &str, date_start: usize) -> Option<(usize, String)> {
    let head = flat.get(..date_start)?;
    let clause_start = head
        .rfind(['"', '»', ';', ':', '(', '!'])
        .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
        .into_iter()
        .chain(head.rfind(" - ").map(|i| i + 3))
        .chain(head.rfind(". ").map(|i| i + 2))
        .max()
        .unwrap_or(0);
    let clause = &head[clause_start..];
    // The last "Қазақстан Республикасы..." of the clause starts the issuer (an earlier one
    // belongs to a preceding title or a coordinated citation).
    let anchor = ["Қазақстан Республикасы", "ҚР ", "Алматы ", "Астана "].iter().filter_map(|w| clause.rfind(w)).max();
    let from = match anchor {
        Some(a) => clause_start + a,
        None if clause.split_whitespace().count() <= 8 => clause_start,
        None => return None,
    };
    let issuer = head[from..].trim();
    (!issuer.is_empty() && issuer.chars().any(char::is_alphabetic)).then(|| (from, issuer.to_owned()))
}

/// Russian issuer: between the type word and "от".
fn russian_issuer(flat: &str, type_end: usize, date_start: usize) -> Option<(usize, String)> {
    let between = flat.get(type_end..date_start)?.trim();
    let between = between.strip_suffix("от").unwrap_or(between).trim();
    let between = between.trim_end_matches(|c: char| c == '№' || c == 'N' || c.is_ascii_digit() || c == ' ' || c == '/' || c == '-').trim();
    let between = between.strip_suffix("от").unwrap_or(between).trim();
    (!between.is_empty() && between.split_whitespace().count() <= 15).then(|| (type_end, between.to_owned()))
}

/// A quoted title ending just before `at` (only spaces between): text and flat start.
fn title_before(flat: &str, at: usize) -> Option<(String, usize)> {
    let head = flat.get(..at)?.trim_end();
    let close = head.chars().last()?;
    if close != '"' && close != '»' {
        return None;
    }
    let close_at = head.len() - close.len_utf8();
    let open_at = if close == '»' { matching_guillemet(head, close_at)? } else { matching_straight_quote(head, close_at)? };
    let open_len = head[open_at..].chars().next().map_or(1, char::len_utf8);
    let title = head.get(open_at + open_len..close_at)?.trim();
    (!title.is_empty()).then(|| (title.to_owned(), open_at))
}

fn matching_guillemet(head: &str, close_at: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in head[..close_at + '»'.len_utf8()].char_indices().rev() {
        match c {
            '»' => depth += 1,
            '«' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Straight quotes do not say which way they face: a quote after a letter or before a space
/// closes, a quote after a space (or at a clause start) before a letter opens. Titles cite
/// titles ("..." ... бұйрығына өзгерістер енгізу туралы"), and the outer opening quote is
/// often lost, so when the count does not come back to zero, the earliest opening quote of
/// the clause is taken.
fn matching_straight_quote(head: &str, close_at: usize) -> Option<usize> {
    let mut depth = 0;
    let mut earliest_open = None;
    let bytes = head.as_bytes();
    for (i, c) in head[..close_at + 1].char_indices().rev() {
        if c == '.' && i + 1 < bytes.len() && bytes[i + 1] == b' ' && i > 0 && !bytes[i - 1].is_ascii_digit() {
            break;
        }
        if c != '"' {
            continue;
        }
        let prev = head[..i].chars().last();
        let opens = prev.is_none_or(|p| p == ' ' || p == '(' || p == ':');
        if opens {
            depth -= 1;
            earliest_open = Some(i);
            if depth == 0 {
                return Some(i);
            }
        } else {
            depth += 1;
        }
    }
    earliest_open
}

/// A quoted title starting right after `at` (Russian order): text and flat end.
fn title_after(flat: &str, at: usize) -> Option<(String, usize)> {
    let rest = flat.get(at..)?;
    let trimmed = rest.trim_start();
    let offset = rest.len() - trimmed.len();
    let open = trimmed.chars().next()?;
    let (close, inner_start) = match open {
        '«' => ('»', '«'.len_utf8()),
        '"' => ('"', 1),
        _ => return None,
    };
    let body = &trimmed[inner_start..];
    let close_at = if close == '»' {
        let mut depth = 1;
        let mut found = None;
        for (i, c) in body.char_indices() {
            match c {
                '«' => depth += 1,
                '»' => {
                    depth -= 1;
                    if depth == 0 {
                        found = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        found?
    } else {
        body.find('"')?
    };
    let title = body[..close_at].trim();
    (!title.is_empty() && title.len() < 600).then(|| (title.to_owned(), at + offset + inner_start + close_at + close.len_utf8()))
}

/// The registration number stated right after a citation, and where its note ends.
fn registration_after(flat: &str, from: usize, limit: usize, max_lead_words: usize) -> (Option<String>, usize) {
    let reach = if max_lead_words > 8 { 1200 } else { 260 };
    let window_end = crate::extract::flat::floor_boundary(flat, (from + reach).min(limit.max(from)).min(flat.len()));
    let Some(window) = flat.get(from..window_end) else { return (None, from) };
    let Some(caps) = REGISTRATION.captures(window) else { return (None, from) };
    let Some(all) = caps.get(0) else { return (None, from) };
    // The note must start within a few words of the citation.
    let lead = &window[..all.start()];
    if lead.split_whitespace().count() > max_lead_words || lead.contains('№') || lead.contains(". ") {
        return (None, from);
    }
    let number = caps.get(1).map(|m| m.as_str().to_owned());
    let mut end = from + all.end();
    if let Some(close) = flat.get(end..).and_then(|r| r.find(')')).filter(|&c| c < 40) {
        end += close + 1;
    }
    (number, end)
}

static APPROVED_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"бекітілген ((?:[^\s.;:]+ ){1,16}?туралы) (Ереже(?:сінің|сіне|сімен|сі)|[Ққ]ағидалар(?:ының|ына|ымен|ы))").expect("valid regex")
});

/// A regulation or rules approved by a cited act and named right after it ("... № 846
/// қаулысымен бекітілген ... министрлігі туралы Ережесінің 15-тармағының ..."): cited by
/// name, with its pinpoint.
fn approved_documents(flat: &str, found: &[Citation]) -> Vec<Citation> {
    let mut out = Vec::new();
    for caps in APPROVED_DOCUMENT.captures_iter(flat) {
        let (Some(title), Some(type_m)) = (caps.get(1), caps.get(2)) else { continue };
        // Only right after a citation of the approving act.
        let Some(approver) = found.iter().filter(|c| c.end <= title.start()).max_by_key(|c| c.end) else { continue };
        if flat.get(approver.end..title.start()).is_none_or(|between| between.split_whitespace().count() > 2) {
            continue;
        }
        let Some(act_type) = act_type_of(type_m.as_str()) else { continue };
        let mut end = type_m.end();
        let mut pinpoint = Vec::new();
        if let Some(run) = kazakh_after(flat, type_m.end()) {
            pinpoint = run.levels;
            end = run.end;
        }
        out.push(Citation {
            start: title.start(),
            end,
            act: CitedAct {
                identity: ActIdentity { act_type: Some(act_type), type_native: Some(type_m.as_str().to_owned()), ..Default::default() },
                registration: None,
                title: Some(title.as_str().trim().to_owned()),
                act_id: None,
            },
            pinpoint,
            anchor: type_m.start(),
            type_word: Some((type_m.start(), type_m.end())),
        });
    }
    out
}

/// Past a "(бұдан әрі – Заң)" / "(далее – Закон)" that names the act for later use.
fn skip_short_name(flat: &str, at: usize) -> usize {
    let rest = flat.get(at..).unwrap_or("");
    let trimmed = rest.trim_start();
    let lower = trimmed.chars().take(12).collect::<String>().to_lowercase();
    if lower.starts_with("(бұдан әрі") || lower.starts_with("(далее") {
        if let Some(close) = trimmed.find(')').filter(|&c| c < 80) {
            return at + (rest.len() - trimmed.len()) + close + 1;
        }
    }
    at
}

/// Laws, codes and the Constitution cited by name only.
fn named(flat: &str, language: Option<Language>, numbered: &[Citation]) -> Vec<Citation> {
    let taken = |s: usize, e: usize| numbered.iter().any(|c| c.start < e && s < c.end || c.type_word.is_some_and(|(ts, te)| ts < e && s < te));
    let mut out = Vec::new();
    let russian = language == Some(Language::Russian);
    let re: &Regex = if russian { &NAMED_RUSSIAN } else { &NAMED_KAZAKH };
    for caps in re.captures_iter(flat) {
        let Some(all) = caps.get(0) else { continue };
        let (title_m, name_m, type_m) = if russian { (caps.get(3), caps.get(1), caps.get(2)) } else { (caps.get(1), caps.get(2), caps.get(3)) };
        let Some(type_m) = type_m else { continue };
        let Some(act_type) = act_type_of(type_m.as_str()) else { continue };
        if taken(type_m.start(), type_m.end()) {
            continue;
        }
        // "осы Заң", "настоящего Кодекса": the citing act itself.
        let prev = flat[..all.start()].split_whitespace().last().unwrap_or("").to_lowercase();
        if prev == "осы" || prev.starts_with("настоящ") || prev.starts_with("данн") {
            continue;
        }
        let title = match (title_m, name_m) {
            (Some(t), _) => Some(t.as_str().trim_matches(['«', '»', '"']).trim().to_owned()),
            (None, Some(n)) if act_type == ActType::Code => Some(n.as_str().to_owned()),
            (None, _) if act_type == ActType::Constitution => None,
            _ => continue,
        };
        let mut start = all.start();
        let mut end = all.end();
        let mut pinpoint = Vec::new();
        if russian {
            if let Some(run) = russian_before(flat, all.start()) {
                pinpoint = run.levels;
                start = run.start;
            }
        } else if let Some(run) = kazakh_after(flat, skip_short_name(flat, type_m.end())) {
            pinpoint = run.levels;
            end = run.end;
        }
        let type_native = type_m.as_str().trim_end_matches(|c: char| !c.is_alphanumeric()).to_owned();
        out.push(Citation {
            start,
            end,
            act: CitedAct {
                identity: ActIdentity { act_type: Some(act_type), type_native: Some(type_native), ..Default::default() },
                registration: None,
                title,
                act_id: None,
            },
            pinpoint,
            anchor: type_m.start(),
            type_word: Some((type_m.start(), type_m.end())),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::flat::squash;

    fn cite(s: &str, lang: Language) -> Vec<Citation> {
        find_citations(&squash(s), Some(lang))
    }

    #[test]
    fn kazakh_numbered_citation_with_registration_and_title() {
        let text = "1. \"Ақпараттық технологиялар туралы\" Қазақстан Республикасының Цифрлық даму министрінің 2019 жылғы 11 сәуірдегі № 37/НҚ бұйрығына (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 18523 болып тіркелген) мынадай өзгерістер енгізілсін:";
        let found = cite(text, Language::Kazakh);
        assert_eq!(found.len(), 1, "{found:#?}");
        let act = &found[0].act;
        assert_eq!(act.identity.number.as_deref(), Some("37/НҚ"));
        assert_eq!(act.identity.date.map(|d| d.to_string()).as_deref(), Some("2019-04-11"));
        assert_eq!(act.identity.act_type, Some(ActType::Order));
        assert_eq!(act.identity.type_native.as_deref(), Some("бұйрығына"));
        assert_eq!(act.registration.as_deref(), Some("18523"));
        assert_eq!(act.title.as_deref(), Some("Ақпараттық технологиялар туралы"));
        assert_eq!(act.identity.issuer.as_deref(), Some("Қазақстан Республикасының Цифрлық даму министрінің"));
    }

    #[test]
    fn a_registration_line_is_not_a_citation() {
        assert!(cite("Әділет министрлігінде 2025 жылғы 21 қазанда № 37182 болып тіркелді", Language::Kazakh).is_empty());
    }

    #[test]
    fn named_law_with_pinpoint() {
        let text = "\"Өнеркәсіптік саясат туралы\" Қазақстан Республикасы Заңының 51-2-бабының 2-тармағына сәйкес";
        let found = cite(text, Language::Kazakh);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].act.identity.act_type, Some(ActType::Law));
        assert_eq!(found[0].act.title.as_deref(), Some("Өнеркәсіптік саясат туралы"));
        assert_eq!(found[0].pinpoint.len(), 2);
        assert_eq!(found[0].pinpoint[0].num, "51-2");
    }

    #[test]
    fn named_code() {
        let found = cite("Қазақстан Республикасы Салық кодексінің 17-бабының 2-тармағына сәйкес", Language::Kazakh);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].act.title.as_deref(), Some("Салық"));
        let found = cite("В соответствии с пунктом 7 статьи 139 Трудового кодекса Республики Казахстан, ПРИКАЗЫВАЮ:", Language::Russian);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].act.identity.act_type, Some(ActType::Code));
        assert_eq!(found[0].pinpoint.iter().map(|p| p.num.as_str()).collect::<Vec<_>>(), ["139", "7"]);
    }

    #[test]
    fn russian_numbered_citation() {
        let text = "2. Признать утратившим силу приказ Управляющего Делами Президента Республики Казахстан от 12 февраля 2016 года № 13/19 «Об утверждении Методики» (зарегистрирован в Реестре государственной регистрации нормативных правовых актов за № 13165).";
        let found = cite(text, Language::Russian);
        assert_eq!(found.len(), 1, "{found:#?}");
        let act = &found[0].act;
        assert_eq!(act.identity.number.as_deref(), Some("13/19"));
        assert_eq!(act.identity.act_type, Some(ActType::Order));
        assert_eq!(act.identity.issuer.as_deref(), Some("Управляющего Делами Президента Республики Казахстан"));
        assert_eq!(act.title.as_deref(), Some("Об утверждении Методики"));
        assert_eq!(act.registration.as_deref(), Some("13165"));
    }

    #[test]
    fn a_regulation_approved_by_a_cited_resolution() {
        let text = "Қазақстан Республикасы Үкіметінің 2025 жылғы 9 қазандағы № 846 қаулысымен бекітілген Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігі туралы Ережесінің 15-тармағының 306) тармақшасына сәйкес";
        let found = cite(text, Language::Kazakh);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[1].act.identity.act_type, Some(ActType::Regulation));
        assert_eq!(found[1].act.title.as_deref(), Some("Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігі туралы"));
        assert_eq!(found[1].pinpoint.iter().map(|p| p.num.as_str()).collect::<Vec<_>>(), ["15", "306"]);
    }

    #[test]
    fn dates_alone_are_not_citations() {
        assert!(cite("Осы бұйрық 2026 жылғы 1 қаңтардан бастап қолданысқа енгізіледі", Language::Kazakh).is_empty());
    }
}
