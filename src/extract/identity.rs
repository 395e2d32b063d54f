//! The document's own identity: title, type, issuer, date, number, registration and status,
//! from the requisite lines of the header; for texts without a header (the title is followed
//! by the preamble), from the appendix stamps ("... № 13/11 бұйрығымен бекітілген",
//! "Утверждены приказом ... от 28 января 2016 года № 13/11") and the operative word.
//!
//! Not here: citations of other acts (see [`super::citations`]), though a repeal note's
//! citation is read with that module.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::acttype::{act_type_of, is_requisite_form};
use super::citations::{find_citations, NUMBER};
use super::dates::{date_at, find_dates};
use super::flat::{squash, Flat};
use crate::model::{ActIdentity, ActType, CitedAct, Date, Language, Registration, Span, Status, StatusState};

/// What the header (or, failing it, the stamps) says about the document's own act.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Own {
    pub title: Option<String>,
    pub act: ActIdentity,
    pub registration: Option<Registration>,
    pub status: Status,
    /// Flat range of the requisite block (header identity), to exclude from citations.
    pub requisite: Option<(usize, usize)>,
}

/// How far into the text a header may lie.
const HEADER_WINDOW: usize = 6000;

static NUMBER_AFTER_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^ ?(?:№|N) ?({NUMBER}) ?(\S+)")).expect("valid regex"));
static RUSSIAN_REQUISITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[^\p{{L}}])(Приказ|Постановление|Указ|Закон|Решение|Распоряжение|Совместный приказ)( .{{3,400}}?)? от (\d.{{6,24}}?) № ?({NUMBER})\b"
    ))
    .expect("valid regex")
});
static REGISTERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:Әділет министрлігінде|юстиции Республики Казахстан|тіркелді|Зарегистрирован\p{L}*)").expect("valid regex")
});
static REG_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"№ ?(\d+)").expect("valid regex"));

/// Reads the document's own identity.
pub fn own(text: &str, flat: &Flat, language: Option<Language>) -> Own {
    let mut own = header(text, flat, language).unwrap_or_default();
    if own.act.date.is_none() {
        if let Some(stamp) = from_stamps(flat, language) {
            own.act = stamp;
        }
        if own.title.is_none() {
            own.title = first_line_title(text);
        }
        if own.act.act_type.is_none() {
            own.act.act_type = operative_type(&flat.text);
        }
    }
    own.status = status(text, flat, language, own.requisite);
    // The model's `in_force`: a document whose identity was read and that states nothing
    // against being in force (when it comes into force is the timeline's business).
    if own.status.state == StatusState::Unknown && own.act.date.is_some() {
        own.status.state = StatusState::InForce;
    }
    own
}

/// A requisite line can be seen (a date and "№ number" near the top, not a registration) but
/// not read (no act type word after it): the text is corrupted where it matters most, and
/// anything read from it is a guess. Used to keep extraction from inventing facts out of
/// garbage that a repair made look like words.
pub fn header_damaged(flat: &Flat, own: &Own) -> bool {
    if own.act.date.is_some() {
        return false;
    }
    let window_end = super::flat::floor_boundary(&flat.text, 1500);
    let window = &flat.text[..window_end];
    find_dates(window).into_iter().any(|d| {
        // Russian order ("... решением акима от 29.09.2004 № 9-95"): the type word came first.
        if window[..d.start].trim_end().to_lowercase().ends_with(" от") {
            return false;
        }
        let Some(caps) = NUMBER_AFTER_DATE.captures(&window[d.end..]) else { return false };
        let word = caps.get(2).map_or("", |m| m.as_str()).to_lowercase();
        !word.starts_with("болып") && act_type_of(&word).is_none()
    })
}

/// The Kazakh requisite ("... 2025 жылғы 20 қазандағы № 521/НҚ бұйрығы.") or the Russian one
/// ("Приказ Министра ... от 28 января 2016 года № 13/11.") near the start.
fn header(text: &str, flat: &Flat, language: Option<Language>) -> Option<Own> {
    let window_end = super::flat::floor_boundary(&flat.text, HEADER_WINDOW);
    let window = &flat.text[..window_end];
    let stop = ["БҰЙЫРАМЫН", "ПРИКАЗЫВАЮ", "ҚАУЛЫ ЕТЕДІ", "ПОСТАНОВЛЯЕТ", "ШЕШІМ ЕТТІ", "РЕШИЛ"]
        .iter()
        .filter_map(|w| window.find(w))
        .min()
        .unwrap_or(window.len());
    let kazakh = || {
        find_dates(&window[..stop]).into_iter().find_map(|d| {
            let caps = NUMBER_AFTER_DATE.captures(&window[d.end..])?;
            let (number, word) = (caps.get(1)?, caps.get(2)?);
            if !is_requisite_form(word.as_str()) {
                return None;
            }
            let act_type = act_type_of(word.as_str())?;
            let type_end = d.end + word.start() + word.as_str().trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            let start = requisite_start(text, flat, d.start);
            let issuer = squash(flat.slice(start, d.start));
            Some((start, d.date, number.as_str().trim_end_matches('.').to_owned(), act_type, word.as_str(), issuer, type_end))
        })
    };
    let russian = || {
        let caps = RUSSIAN_REQUISITE.captures(&window[..stop])?;
        let (word, date_m, number) = (caps.get(1)?, caps.get(3)?, caps.get(4)?);
        let date = date_at(date_m.as_str())?.date;
        let issuer = caps.get(2).map(|m| squash(m.as_str())).unwrap_or_default();
        let start = requisite_start(text, flat, word.start());
        Some((start, date, number.as_str().trim_end_matches('.').to_owned(), act_type_of(word.as_str())?, word.as_str(), issuer, number.end()))
    };
    let found = match language {
        Some(Language::Russian) => russian().or_else(kazakh),
        _ => kazakh().or_else(russian),
    };
    let (start, date, number, act_type, word, issuer, type_end) = found?;
    let (registration, end) = registration(flat, type_end);
    let title = squash(flat.slice(0, start));
    let title = strip_status_words(&title);
    Some(Own {
        title: (!title.is_empty()).then_some(title),
        act: ActIdentity {
            act_type: Some(act_type),
            type_native: Some(word.trim_end_matches(|c: char| !c.is_alphanumeric()).to_owned()),
            issuer: (!issuer.is_empty()).then_some(issuer),
            date: Some(date),
            number: Some(number),
            span: Some(flat.span(start, type_end)),
        },
        registration,
        status: Status::default(),
        requisite: Some((start, end)),
    })
}

/// Where the requisite block starts: the line holding `at`, extended back over wrapped lines
/// until a blank line, a title's last line ("... туралы") or a status line.
fn requisite_start(text: &str, flat: &Flat, at: usize) -> usize {
    let original = flat.at(at);
    let mut line_start = text[..original].rfind('\n').map_or(0, |i| i + 1);
    while line_start > 0 {
        let prev_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        let prev = text[prev_start..line_start - 1].trim();
        let lower = prev.to_lowercase();
        let ends_title = ["туралы", "туралы\"", "туралы»"].iter().any(|e| lower.ends_with(e)) || lower.ends_with('»') || lower.ends_with('"');
        if prev.is_empty() || ends_title || status_of_line(prev).is_some() {
            break;
        }
        line_start = prev_start;
    }
    flat.flat_of(line_start)
}

/// The registration sentence right after the requisite: number, date, and where it ends.
fn registration(flat: &Flat, from: usize) -> (Option<Registration>, usize) {
    let end = super::flat::floor_boundary(&flat.text, from + 300);
    let window = flat.slice(from, end);
    let Some(found) = REGISTERED.find(window) else { return (None, from) };
    if found.start() > 160 {
        return (None, from);
    }
    let sentence_end = window[found.start()..].find("тіркелді").map(|i| found.start() + i + "тіркелді".len()).unwrap_or(window.len().min(found.end() + 160));
    let sentence_end = super::flat::floor_boundary(window, sentence_end);
    let sentence = &window[..sentence_end];
    // The Kazakh verb ends the sentence ("... № 37182 болып тіркелді"): when only the verb was
    // recognised (the ministry's name is damaged), the number stands before it.
    let start = if found.as_str().to_lowercase() == "тіркелді" { sentence[..found.start()].rfind(['.', '\n']).map_or(0, |i| i + 1) } else { found.start() };
    let Some(number) = REG_NUMBER.captures(&sentence[start..]).and_then(|c| c.get(1)) else { return (None, from) };
    let date = find_dates(sentence).into_iter().last().map(|d| d.date);
    let span = flat.span(from + start, from + sentence_end);
    (Some(Registration { number: number.as_str().to_owned(), date, span: Some(span) }), from + sentence_end)
}

/// The status a status line states ("Күшін жойған", "Утративший силу", ...).
fn status_of_line(line: &str) -> Option<StatusState> {
    let lower = line.trim().trim_end_matches('.').to_lowercase();
    match lower.as_str() {
        "күшін жойған" | "утративший силу" | "утратил силу" => Some(StatusState::Repealed),
        "қолданыстағы" | "действующий" => Some(StatusState::InForce),
        "қолданысқа енгізілмеген" | "не введен в действие" | "не вступил в силу" => Some(StatusState::NotYetInForce),
        _ => None,
    }
}

fn strip_status_words(title: &str) -> String {
    let mut t = title.trim().to_owned();
    for w in ["Күшін жойған", "Утративший силу", "Қолданыстағы", "Действующий", "Қолданысқа енгізілмеген", "Не введен в действие"] {
        if let Some(rest) = t.strip_suffix(w) {
            t = rest.trim().to_owned();
        }
    }
    t
}

static REPEAL_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:күші жойылды|утратил[аои]? силу|утратил\p{L}* силу)").expect("valid regex")
});

/// The status: a status line near the top, and a repeal note ("Күші жойылды - ...
/// бұйрығымен.", "Утратил силу приказом ... от ... № ...") in the header or an opening note.
fn status(text: &str, flat: &Flat, language: Option<Language>, requisite: Option<(usize, usize)>) -> Status {
    let mut state = StatusState::Unknown;
    let mut span = None;
    let head_end = text.char_indices().nth(3000).map_or(text.len(), |(i, _)| i);
    let mut offset = 0;
    for line in text[..head_end].split_inclusive('\n') {
        if let Some(s) = status_of_line(line) {
            state = s;
            let start = offset + (line.len() - line.trim_start().len());
            span = Some(Span::new(start, start + line.trim().len()));
            break;
        }
        offset += line.len();
    }
    // The repeal note: in the requisite block or in an opening "Ескерту."/"Сноска." note,
    // always before the operative part.
    let window_end = super::flat::floor_boundary(&flat.text, HEADER_WINDOW);
    let window = &flat.text[..window_end];
    let stop = ["БҰЙЫРАМЫН", "ПРИКАЗЫВАЮ", "ҚАУЛЫ ЕТЕДІ", "ПОСТАНОВЛЯЕТ", "ШЕШІМ ЕТТІ", "РЕШИЛ", "Приказываю"]
        .iter()
        .filter_map(|w| window.find(w))
        .min()
        .unwrap_or_else(|| super::flat::floor_boundary(window, 1500));
    let mut repealed_by = None;
    if let Some(note) = REPEAL_NOTE.find(&window[..stop]) {
        let from = note.start();
        let sentence_end = sentence_end(window, note.end()).min(window.len());
        let sentence = &window[from..sentence_end];
        if let Some(c) = find_citations(sentence, language).into_iter().next() {
            repealed_by = Some(CitedAct { act_id: None, ..c.act });
            state = StatusState::Repealed;
            span = span.or(Some(flat.span(from, sentence_end)));
        }
    }
    let _ = requisite;
    Status { state, repealed_by, span }
}

/// The end of the sentence starting before `from`: a full stop followed by a space and a
/// capital letter or a note word, outside parentheses.
fn sentence_end(s: &str, from: usize) -> usize {
    let mut depth = 0i32;
    let bytes = s.as_bytes();
    for (i, c) in s[from..].char_indices() {
        let at = from + i;
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            '.' if depth == 0 => {
                let next = s[at + 1..].trim_start().chars().next();
                let prev_digit = at > 0 && bytes[at - 1].is_ascii_digit();
                let next_digit = s.get(at + 1..at + 2).is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
                if !prev_digit && !next_digit && next.is_none_or(|n| n.is_uppercase() || n.is_ascii_digit()) {
                    return at + 1;
                }
                if prev_digit && !next_digit && next.is_none_or(char::is_uppercase) {
                    return at + 1;
                }
            }
            _ => {}
        }
    }
    s.len()
}

static KAZAKH_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(\d{{4}} ?жылғы \d{{1,2}} \p{{L}}+) ?№ ?({NUMBER}) (\p{{L}}+) (?:бекітілген|бекітілді|\d*-?қосымша)"
    ))
    .expect("valid regex")
});
static RUSSIAN_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:Утвержден\p{{L}}*|Приложение(?: \d+)?) (?:к )?(приказ\p{{L}}*|постановлени\p{{L}}*|решени\p{{L}}*|указ\p{{L}}*|распоряжени\p{{L}}*) (.{{0,200}}?) ?от (\d{{1,2}} \p{{L}}+ \d{{4}}) ?(?:года)? ?№ ?({NUMBER})"
    ))
    .expect("valid regex")
});

/// Identity from the appendix stamps: the (type, date, number) the stamps agree on most.
fn from_stamps(flat: &Flat, language: Option<Language>) -> Option<ActIdentity> {
    let text = &flat.text;
    let mut votes: BTreeMap<(Date, String), (usize, ActIdentity)> = BTreeMap::new();
    let mut vote = |identity: ActIdentity| {
        let (Some(date), Some(number)) = (identity.date, identity.number.clone()) else { return };
        let entry = votes.entry((date, number)).or_insert((0, identity));
        entry.0 += 1;
    };
    if language != Some(Language::Russian) {
        for caps in KAZAKH_STAMP.captures_iter(text) {
            let (Some(all), Some(d), Some(n), Some(w)) = (caps.get(0), caps.get(1), caps.get(2), caps.get(3)) else { continue };
            let Some(act_type) = act_type_of(w.as_str()) else { continue };
            let Some(date) = date_at(d.as_str()) else { continue };
            vote(ActIdentity {
                act_type: Some(act_type),
                type_native: Some(w.as_str().to_owned()),
                issuer: stamp_issuer(text, all.start()),
                date: Some(date.date),
                number: Some(n.as_str().trim_end_matches('.').to_owned()),
                span: Some(flat.span(all.start(), all.end())),
            });
        }
    }
    if language != Some(Language::Kazakh) {
        for caps in RUSSIAN_STAMP.captures_iter(text) {
            let (Some(all), Some(w), Some(d), Some(n)) = (caps.get(0), caps.get(1), caps.get(3), caps.get(4)) else { continue };
            let Some(act_type) = act_type_of(w.as_str()) else { continue };
            let Some(date) = date_at(d.as_str()) else { continue };
            let issuer = caps.get(2).map(|m| m.as_str().trim().to_owned()).filter(|s| !s.is_empty());
            vote(ActIdentity {
                act_type: Some(act_type),
                type_native: Some(w.as_str().to_owned()),
                issuer,
                date: Some(date.date),
                number: Some(n.as_str().trim_end_matches('.').to_owned()),
                span: Some(flat.span(all.start(), all.end())),
            });
        }
    }
    votes.into_values().max_by_key(|(count, id)| (*count, std::cmp::Reverse(id.span.map(|s| s.start)))).map(|(_, id)| id)
}

/// A Kazakh stamp's issuer: the words before the date back to the stamp's start (a capital
/// "Қазақстан" or the previous sentence end).
fn stamp_issuer(text: &str, date_start: usize) -> Option<String> {
    let head = &text[..date_start];
    let from = head.rfind("Қазақстан").filter(|&i| date_start - i < 250)?;
    let issuer = squash(&head[from..]);
    (!issuer.is_empty()).then_some(issuer)
}

/// For texts without a header: the first non-empty line, when it reads like a title.
fn first_line_title(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let starts_like_point = line.chars().next().is_some_and(|c| c.is_ascii_digit());
    (!starts_like_point && line.chars().count() < 800 && line.chars().any(char::is_alphabetic)).then(|| line.to_owned())
}

/// The act type the operative word implies ("БҰЙЫРАМЫН" = order, "ШЕШІМ ЕТТІ" = decision).
fn operative_type(flat: &str) -> Option<ActType> {
    const WORDS: &[(&str, ActType)] = &[
        ("БҰЙЫРАМЫН", ActType::Order),
        ("ПРИКАЗЫВАЮ", ActType::Order),
        ("ҚАУЛЫ ЕТЕДІ", ActType::Resolution),
        ("ПОСТАНОВЛЯЕТ", ActType::Resolution),
        ("ШЕШІМ ЕТТІ", ActType::Decision),
        ("ШЕШІМ ҚАБЫЛДАДЫ", ActType::Decision),
        ("РЕШИЛ", ActType::Decision),
    ];
    WORDS.iter().filter_map(|(w, t)| flat.find(w).map(|i| (i, *t))).min_by_key(|(i, _)| *i).map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Own {
        let flat = Flat::new(text);
        own(text, &flat, crate::lang::identify(text))
    }

    fn summary(own: &Own) -> String {
        format!(
            "{:?} {} {} reg {} {}",
            own.act.act_type,
            own.act.date.map(|d| d.to_string()).unwrap_or_default(),
            own.act.number.clone().unwrap_or_default(),
            own.registration.as_ref().map(|r| r.number.clone()).unwrap_or_default(),
            own.registration.as_ref().and_then(|r| r.date).map(|d| d.to_string()).unwrap_or_default(),
        )
    }

    #[test]
    fn seed_000_header() {
        let own = read(include_str!("../../corpus/seeds/000_4a8942dd3ddeb8f3.txt"));
        assert_eq!(summary(&own), "Some(Order) 2025-10-20 521/НҚ reg 37182 2025-10-21");
        assert_eq!(own.act.type_native.as_deref(), Some("бұйрығы"));
        assert_eq!(
            own.act.issuer.as_deref(),
            Some("Қазақстан Республикасы Премьер-Министрінің орынбасары – Жасанды интеллект және цифрлық даму министрінің")
        );
        assert_eq!(
            own.title.as_deref(),
            Some("Ақпараттық-коммуникациялық технологиялар саласындағы басым қызмет түрлерінің тізбесін және меншікті өндірістің өлшемшартын бекіту туралы")
        );
        assert_eq!(own.status.state, StatusState::InForce);
        assert!(own.status.repealed_by.is_none());
    }

    #[test]
    fn seed_001_header_and_repeal() {
        let own = read(include_str!("../../corpus/seeds/001_9a5cba1920c8ac8d.txt"));
        assert_eq!(summary(&own), "Some(Order) 2022-04-19 130/НҚ reg 27788 2022-04-27");
        assert_eq!(own.status.state, StatusState::Repealed);
        let by = own.status.repealed_by.as_ref().expect("repealed by");
        assert_eq!(by.identity.number.as_deref(), Some("521/НҚ"));
        assert_eq!(by.identity.date.map(|d| d.to_string()).as_deref(), Some("2025-10-20"));
        assert_eq!(by.identity.act_type, Some(ActType::Order));
        assert!(own.title.as_deref().is_some_and(|t| t.starts_with("\"Ақпараттық") && t.ends_with("енгізу туралы")), "{:?}", own.title);
    }

    #[test]
    fn seed_002_and_004_headers() {
        let own = read(include_str!("../../corpus/seeds/002_b7d9b1cdc6f4aeb2.txt"));
        assert_eq!(summary(&own), "Some(Order) 2025-11-07 567/НҚ reg 37408 2025-11-13");
        assert_eq!(own.act.issuer.as_deref(), Some("Қазақстан Республикасы Жасанды интеллект және цифрлық даму министрінің м.а."));
        let own = read(include_str!("../../corpus/seeds/004_39ecdd500e690dd8.txt"));
        assert_eq!(summary(&own), "Some(Order) 2025-11-28 604/НҚ reg 37506 2025-12-01");
        assert_eq!(
            own.title.as_deref(),
            Some("Қазақстандық тауар өндірушілер тізіліміне енгізу үшін қазақстандық бағдарламалық қамтылым өндірушісін растау қағидаларын бекіту туралы")
        );
    }

    #[test]
    fn garbage_has_no_identity() {
        let own = read(include_str!("../../corpus/seeds/003_feede087de93e305.txt"));
        assert_eq!(own.act.date, None);
        assert_eq!(own.act.number, None);
        assert_eq!(own.registration, None);
    }

    #[test]
    fn public_act_identity_from_stamps() {
        let own = read(include_str!("../../corpus/public-acts/100021/kaz.txt"));
        assert_eq!(summary(&own), "Some(Order) 2016-01-28 13/11 reg  ");
        let own = read(include_str!("../../corpus/public-acts/100021/rus.txt"));
        assert_eq!(summary(&own), "Some(Order) 2016-01-28 13/11 reg  ");
        let own = read(include_str!("../../corpus/public-acts/1469/rus.txt"));
        assert_eq!(own.status.state, StatusState::Repealed);
        assert_eq!(own.status.repealed_by.as_ref().and_then(|a| a.identity.number.as_deref()), Some("9-96"));
        assert_eq!(own.act.act_type, Some(ActType::Decision));
    }

    #[test]
    fn registration_is_read_when_only_the_verb_survives() {
        let text = "Тізбесін бекіту туралы\n\nминистрінің 2025 жылғы 20 қазандағы № 521/НҚ бұйрығы. Қазақстан Республикасының байтпен министрлігінде 2025 жылғы 21 қазанда № 37182 болып тіркелді\n";
        let flat = Flat::new(text);
        let registration = own(text, &flat, Some(Language::Kazakh)).registration.expect("a registration");
        assert_eq!(registration.number, "37182");
        assert_eq!(registration.date.map(|d| d.to_string()).as_deref(), Some("2025-10-21"));
    }

    #[test]
    fn a_seen_but_unreadable_requisite_is_damage() {
        let damaged = "Тізбесін бекіту туралан\n\nминистрінің 2025 жылғы 20 қазандағы № 521/нқ Опреснял. Қазақстан Республикасының опалите министрлігінде 2025 жылғы 21 қазанда № 37182 болып тіркелді\n";
        let flat = Flat::new(damaged);
        assert!(header_damaged(&flat, &own(damaged, &flat, Some(Language::Kazakh))));
        let clean = include_str!("../../corpus/seeds/000_4a8942dd3ddeb8f3.txt");
        let flat = Flat::new(clean);
        assert!(!header_damaged(&flat, &own(clean, &flat, Some(Language::Kazakh))));
        for public in [include_str!("../../corpus/public-acts/1469/kaz.txt"), include_str!("../../corpus/public-acts/2961/rus.txt")] {
            let flat = Flat::new(public);
            assert!(!header_damaged(&flat, &own(public, &flat, crate::lang::identify(public))), "a text without a requisite line is not damaged");
        }
    }

    #[test]
    fn russian_header() {
        let text = "Об утверждении Правил\n\nПриказ Министра финансов Республики Казахстан от 28 января 2016 года № 13/11. Зарегистрирован в Министерстве юстиции Республики Казахстан 5 марта 2016 года № 13405\n\n В соответствии с ... ПРИКАЗЫВАЮ:\n";
        let own = read(text);
        assert_eq!(summary(&own), "Some(Order) 2016-01-28 13/11 reg 13405 2016-03-05");
        assert_eq!(own.act.issuer.as_deref(), Some("Министра финансов Республики Казахстан"));
        assert_eq!(own.title.as_deref(), Some("Об утверждении Правил"));
    }
}
