//! The relation a citation states, from the governing verb: Kazakh puts it after the act
//! ("бұйрығына өзгерістер енгізілсін", "... күші жойылды деп танылсын", "2-тармағына сәйкес"),
//! Russian before it ("Признать утратившим силу приказ ...", "В соответствии с ... Закона").
//! Notes ("Ескерту. ... жаңа редакцияда - ... бұйрығымен") state what the cited act did to
//! this one: those relations are inverse.
//!
//! Not here: turning relations into KB edges (see [`crate::kb`]).

use std::sync::LazyLock;

use regex::Regex;

use super::acttype::{role_of, Role};
use super::citations::Citation;
use crate::model::{Language, RelationKind};

/// A citation's relation, and whether the cited act does it to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stated {
    pub kind: RelationKind,
    pub inverse: bool,
}

static KAZAKH_TRIGGERS: LazyLock<Vec<(Regex, RelationKind)>> = LazyLock::new(|| {
    [
        (r"(?i)^(?:күші|күшін) жой(?:ылды|ылған|ды) деп танылсын", RelationKind::Repeals),
        (r"(?i)^күші жойылсын", RelationKind::Repeals),
        (r"(?i)^(?:мынадай )?(?:өзгеріс|толықтыру)\p{L}*(?: (?:мен|және) (?:толықтыру|өзгеріс)\p{L}*)? (?:енгізілсін|енгізу)", RelationKind::Amends),
        (r"(?i)^жаңа редакцияда", RelationKind::Amends),
        (r"(?i)^сәйкес", RelationKind::Basis),
        (r"(?i)^негізінде", RelationKind::Basis),
        (r"(?i)^бекітілсін", RelationKind::Approves),
    ]
    .into_iter()
    .map(|(p, k)| (Regex::new(p).expect("valid regex"), k))
    .collect()
});

static RUSSIAN_TRIGGERS: LazyLock<Vec<(Regex, RelationKind)>> = LazyLock::new(|| {
    [
        (r"(?i)признать утратившим\p{L}* силу", RelationKind::Repeals),
        (r"(?i)внести (?:в|следующие|изменени)", RelationKind::Amends),
        (r"(?i)(?:в соответствии со?|согласно|на основании)", RelationKind::Basis),
        (r"(?i)утвердить", RelationKind::Approves),
    ]
    .into_iter()
    .map(|(p, k)| (Regex::new(p).expect("valid regex"), k))
    .collect()
});

static NOTE_START: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:Ескерту|Сноска)\. ?").expect("valid regex"));
static NOTE_REPEAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)күші жойылды|утратил\p{L}* силу").expect("valid regex"));
static NOTE_AMEND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)редакцияда|в редакции|өзгеріс\p{L}* енгізілді|толықтырылды|дополнен|изменени\p{L}* внесены|с изменениями").expect("valid regex")
});
static REPEAL_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:күші жойылған[^.]{0,120}?(?:тізбесі|тізімі)|перечень[^.]{0,80}?утративших силу)").expect("valid regex")
});

/// The relation of citation `index` among `citations` (all in `flat`).
pub fn relation(flat: &str, citations: &[Citation], index: usize, language: Option<Language>) -> Option<Stated> {
    let c = &citations[index];
    if let Some(note) = in_note(flat, c) {
        return Some(note);
    }
    if inside_quoted_title(flat, c, language) {
        return Some(Stated { kind: RelationKind::Cites, inverse: false });
    }
    let direct = match language {
        Some(Language::Russian) => russian(flat, c),
        _ => kazakh(flat, c),
    };
    if let Some(kind) = direct {
        return Some(Stated { kind, inverse: false });
    }
    if in_repeal_list(flat, c.start) {
        return Some(Stated { kind: RelationKind::Repeals, inverse: false });
    }
    None
}

/// A note sentence ("Ескерту. 3-қосымша жаңа редакцияда - ... бұйрығымен.", the header's
/// "Күші жойылды - ... бұйрығымен.") about what the cited act did to this one.
fn in_note(flat: &str, c: &Citation) -> Option<Stated> {
    let head = flat.get(..c.start)?;
    let window_start = super::flat::floor_boundary(head, head.len().saturating_sub(400));
    let window = &head[window_start..];
    let mut clause_start = window.rfind(". ").map_or(0, |i| i + 2);
    if let Some(word) = ["Ескерту", "Сноска"].iter().find(|w| window[..clause_start.saturating_sub(2)].ends_with(*w)) {
        clause_start -= 2 + word.len();
    }
    let clause = &window[clause_start..];
    let is_note = NOTE_START.is_match(clause) || clause.trim_start().to_lowercase().starts_with("күші жойылды");
    let instrumental = c.type_word.and_then(|(s, e)| flat.get(s..e)).is_some_and(|w| role_of(w) == Role::Instrumental);
    if !(is_note || (instrumental && NOTE_REPEAL.is_match(clause))) {
        return None;
    }
    if NOTE_REPEAL.is_match(clause) {
        Some(Stated { kind: RelationKind::Repeals, inverse: true })
    } else if NOTE_AMEND.is_match(clause) {
        Some(Stated { kind: RelationKind::Amends, inverse: true })
    } else {
        None
    }
}

/// The citation sits inside a quoted title of another act ("... № 37/НҚ бұйрығына өзгерістер
/// енгізу туралы" Қазақстан ...): it is only mentioned.
fn inside_quoted_title(flat: &str, c: &Citation, language: Option<Language>) -> bool {
    let rest = flat.get(c.end..).unwrap_or("");
    let window = &rest[..super::flat::floor_boundary(rest, 200)];
    let end_of_sentence = window.find(". ").unwrap_or(window.len());
    let window = &window[..end_of_sentence];
    match language {
        Some(Language::Russian) => window.find('»').is_some_and(|close| !window[..close].contains('«')) && {
            // Russian: the citation follows an opening guillemet without its close before it.
            let head = flat.get(..c.start).unwrap_or("");
            let head = &head[super::flat::ceil_boundary(head, head.len().saturating_sub(600))..];
            head.rfind('«').is_some_and(|open| !head[open..].contains('»'))
        },
        _ => ["туралы\"", "туралы»", "туралы “", "туралы”"].iter().any(|t| window.contains(t)),
    }
}

fn kazakh(flat: &str, c: &Citation) -> Option<RelationKind> {
    let instrumental = c.type_word.and_then(|(s, e)| flat.get(s..e)).is_some_and(|w| role_of(w) == Role::Instrumental);
    if instrumental {
        return Some(RelationKind::Cites);
    }
    // An appendix stamp ("... № 37/НҚ бұйрығына 2-қосымша Меншікті ..."): a heading follows.
    let stamp = c.pinpoint.last().is_some_and(|p| p.unit == crate::model::PinpointUnit::Appendix)
        && flat.get(c.end..).and_then(|r| r.trim_start().chars().next()).is_some_and(char::is_uppercase);
    if stamp {
        return Some(RelationKind::Cites);
    }
    verb_after(flat, c.end)
}

/// The relation the first Kazakh governing verb after `end` (in the same sentence) states.
pub fn verb_after(flat: &str, end: usize) -> Option<RelationKind> {
    let rest = flat.get(end..)?;
    let window = &rest[..super::flat::floor_boundary(rest, 600)];
    let stop = sentence_stop(window);
    let window = &window[..stop];
    // Scan word starts; the first trigger decides.
    let mut at = 0;
    loop {
        let here = window.get(at..)?.trim_start();
        for (re, kind) in KAZAKH_TRIGGERS.iter() {
            if re.is_match(here) {
                return Some(*kind);
            }
        }
        let next = here.find(' ')?;
        at = window.len() - here.len() + next + 1;
    }
}

fn russian(flat: &str, c: &Citation) -> Option<RelationKind> {
    if let Some(kind) = verb_before(flat, c.start) {
        return Some(kind);
    }
    let rest = flat.get(c.end..)?;
    let window = &rest[..super::flat::floor_boundary(rest, 200)];
    if window.trim_start().to_lowercase().starts_with("следующие изменения") {
        return Some(RelationKind::Amends);
    }
    None
}

/// For an internal reference ("осы бұйрыққа 1-қосымшаға сәйкес ... бекітілсін"): "сәйкес"
/// only says where the content is; the sentence's main verb (approve, repeal, amend), when
/// there is one, is the relation.
pub fn verb_after_internal(flat: &str, end: usize) -> Option<RelationKind> {
    let first = verb_after(flat, end)?;
    if first != RelationKind::Basis {
        return Some(first);
    }
    // The main verb can close a list of sub-points ("1) ... 1-қосымшаға сәйкес ...; 2) ...
    // бекітілсін."): look to the end of the sentence, across ';'.
    let rest = flat.get(end..)?;
    let rest = &rest[..super::flat::floor_boundary(rest, 1500)];
    let sentence = &rest[..rest.find(". ").unwrap_or(rest.len())];
    let mut best: Option<(usize, RelationKind)> = None;
    for (needle, kind) in [("бекітілсін", RelationKind::Approves), ("деп танылсын", RelationKind::Repeals), ("енгізілсін", RelationKind::Amends)] {
        if let Some(i) = sentence.find(needle) {
            if best.is_none_or(|(b, _)| i < b) {
                best = Some((i, kind));
            }
        }
    }
    Some(best.map_or(first, |(_, k)| k))
}

/// The relation the nearest Russian governing verb before `start` (same clause) states.
pub fn verb_before(flat: &str, start: usize) -> Option<RelationKind> {
    let head = flat.get(..start)?;
    let window_start = super::flat::floor_boundary(head, head.len().saturating_sub(300));
    let window = &head[window_start..];
    let clause_start = [". ", "; ", ": "].iter().filter_map(|p| window.rfind(p)).max().map_or(0, |i| i + 2);
    let clause = &window[clause_start..];
    let best = RUSSIAN_TRIGGERS.iter().filter_map(|(re, kind)| re.find_iter(clause).last().map(|m| (m.start(), *kind))).max_by_key(|(at, _)| *at);
    best.map(|(_, kind)| kind)
}

/// Where a Kazakh sentence ends: ". " before a capital or a digit, or ";".
fn sentence_stop(window: &str) -> usize {
    let mut best = window.len();
    if let Some(i) = window.find(';') {
        best = best.min(i);
    }
    for (i, _) in window.match_indices(". ") {
        let next = window[i + 2..].chars().next();
        let prev_digit = window[..i].chars().last().is_some_and(|c| c.is_ascii_digit());
        if next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit()) && !prev_digit {
            best = best.min(i);
            break;
        }
    }
    best
}

/// Inside an appendix listing repealed acts ("Күші жойылған кейбір бұйрықтардың тізбесі").
fn in_repeal_list(flat: &str, at: usize) -> bool {
    // A repeal list's heading always contains "күші жойылған" / "утративших": a cheap test
    // before the regex scan.
    if !flat.contains("күші жойылған") && !flat.contains("Күші жойылған") && !flat.to_lowercase().contains("утративших силу") {
        return false;
    }
    REPEAL_LIST.find_iter(&flat[..super::flat::floor_boundary(flat, at)]).any(|m| {
        if m.end() > at {
            return false;
        }
        let between = &flat[m.end()..at];
        !between.contains("-қосымша") && !between.contains("Приложение") && !between.contains("Утвержден")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::citations::find_citations;
    use crate::extract::flat::squash;

    fn kinds(text: &str, lang: Language) -> Vec<Option<(RelationKind, bool)>> {
        let flat = squash(text);
        let cites = find_citations(&flat, Some(lang));
        (0..cites.len()).map(|i| relation(&flat, &cites, i, Some(lang)).map(|s| (s.kind, s.inverse))).collect()
    }

    #[test]
    fn kazakh_verbs() {
        assert_eq!(
            kinds("Министрінің 2019 жылғы 11 сәуірдегі № 37/НҚ бұйрығына (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 18523 болып тіркелген) мынадай өзгерістер енгізілсін:", Language::Kazakh),
            [Some((RelationKind::Amends, false))]
        );
        assert_eq!(kinds("Қазақстан Республикасы Салық кодексінің 17-бабының 2-тармағына сәйкес БҰЙЫРАМЫН:", Language::Kazakh), [Some((RelationKind::Basis, false))]);
        assert_eq!(
            kinds("2. Министрінің 2015 жылғы 2 желтоқсандағы № 42-3.3.8 бұйрығының күші жойылды деп танылсын.", Language::Kazakh),
            [Some((RelationKind::Repeals, false))]
        );
    }

    #[test]
    fn nested_title_only_cites() {
        let text = "2. \"Тізбені бекіту туралы\" Қазақстан Республикасының министрінің 2019 жылғы 11 сәуірдегі № 37/НҚ бұйрығына өзгерістер енгізу туралы\" Қазақстан Республикасының министрінің 2022 жылғы 19 сәуірдегі № 130/НҚ бұйрығы.";
        let found = kinds(text, Language::Kazakh);
        assert_eq!(found[0], Some((RelationKind::Cites, false)));
    }

    #[test]
    fn repeal_list_appendix() {
        let text = "3-қосымша Күші жойылған кейбір бұйрықтардың тізбесі 1. \"Тізбені бекіту туралы\" Қазақстан Республикасының министрінің 2019 жылғы 11 сәуірдегі № 37/НҚ бұйрығы (Нормативтік құқықтық актілерді мемлекеттік тіркеудегі тізілімінде № 18523 болып тіркелді).";
        assert_eq!(kinds(text, Language::Kazakh), [Some((RelationKind::Repeals, false))]);
    }

    #[test]
    fn notes_are_inverse() {
        let text = "Ескерту. 3-қосымша жаңа редакцияда - ҚР Президенті Кеңсесінің Бастығының 09.02.2018 № 18-42-3.3.4 (алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі) бұйрығымен.";
        assert_eq!(kinds(text, Language::Kazakh), [Some((RelationKind::Amends, true))]);
        let text = "Сноска. Утратило силу решением акима Алматинской области от 29.09.2004 № 9-96.";
        assert_eq!(kinds(text, Language::Russian), [Some((RelationKind::Repeals, true))]);
    }

    #[test]
    fn russian_verbs() {
        let text = "2. Признать утратившим силу приказ Управляющего Делами Президента Республики Казахстан от 12 февраля 2016 года № 13/19 «Об утверждении Методики».";
        assert_eq!(kinds(text, Language::Russian), [Some((RelationKind::Repeals, false))]);
        let text = "В соответствии с пунктом 7 статьи 139 Трудового кодекса Республики Казахстан, ПРИКАЗЫВАЮ:";
        assert_eq!(kinds(text, Language::Russian), [Some((RelationKind::Basis, false))]);
    }
}
