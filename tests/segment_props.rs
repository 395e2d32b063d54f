//! Properties of the segmenter on generated documents: it never panics, never loses text (every
//! non-blank character lies in exactly one innermost node), nests spans properly, names nodes
//! uniquely, and gives the same tree every time.

use std::collections::BTreeSet;

use normbase::model::Node;
use normbase::segment;
use proptest::prelude::*;

/// Lines an order is made of, in both languages, with the damage seen in the seeds.
const PIECES: &[&str] = &[
    "Бекіту туралы",
    "Қазақстан Республикасы Жасанды интеллект және цифрлық даму министрінің 2025 жылғы 20 қазандағы № 1/НҚ бұйрығы. Қазақстан",
    "Республикасының Әділет министрлігінде 2025 жылғы 21 қазанда № 1 болып тіркелді",
    "      ЗҚАИ-ның ескертпесі!",
    "      Ескерту. Бұйрықтың күші жойылды",
    "Сноска. Утратило силу",
    "БҰЙЫРАМЫН:",
    "      ПРИКАЗЫВАЮ:",
    "      1. Мыналар:",
    "      2. Осы бұйрыққа  сәйкес кейбір бұйрықтардың күші жойылды деп 3-қосымшаға",
    "      3. Утвердить прилагаемые правила.",
    "      1) осы бұйрықты мемлекеттік тіркеуді;",
    "      2) орналастыруды;",
    "      3-1) тармақша;",
    "танылсын.",
    "тармақтың 1) және 2) тармақшаларында",
    ":",
    "      мынадай редакцияда жазылсын:",
    "      \"19. Есептеу операцияларын орындау",
    "қоспағанда).\";",
    "      \"",
    "      \";",
    "      \"КЕЛІСІЛДІ\"",
    "      Қазақстан Республикасының",
    "      Қаржы министрлігі",
    "Премьер-Министрінің орынбасары –",
    "Ж. Мадиев",
    "2025 жылғы № бұйрығына",
    "1-қосымша",
    "Приложение 2",
    "к приказу Министра",
    "Утверждена",
    "1-тарау. Жалпы ережелер",
    "Глава 2. Порядок",
    "Нысан",
    "[Ұйымның атауын енгізіңіз]",
    "БҚОҮ = (1–(∑СВi/∑ ОСВᵢ)) × 100%,",
    "<table>",
    "<tr>",
    "<td>1</td>",
    "<td>незакрытая",
    "</tr>",
    "</table>",
    "<a id=\"p1\"></a>",
    "Күшін жойған",
    "",
    "",
    "\t",
    "   ",
    "Kazakcran Pecniy6nukace! 1.",
    "»",
    "\r",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![4 => prop::sample::select(PIECES).prop_map(str::to_owned), 1 => "\\PC{0,40}"], 0..80).prop_map(|lines| lines.join("\n"))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let nodes = segment::segment(text, None);
    check_nesting(&nodes, text, None)?;
    // Every non-whitespace character: in a top-level node, and in exactly one innermost node.
    let mut innermost = vec![0u32; text.len()];
    for node in segment::walk(&nodes) {
        let mut own = vec![true; node.span.len()];
        for child in &node.children {
            for b in child.span.start..child.span.end {
                own[b - node.span.start] = false;
            }
        }
        for (i, is_own) in own.into_iter().enumerate() {
            if is_own {
                innermost[node.span.start + i] += 1;
            }
        }
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            prop_assert_eq!(innermost[i], 1, "character {:?} at {} lies in {} innermost nodes", c, i, innermost[i]);
        }
    }
    let eids: Vec<&str> = segment::walk(&nodes).map(|n| n.eid.as_str()).collect();
    let unique: BTreeSet<&str> = eids.iter().copied().collect();
    prop_assert_eq!(unique.len(), eids.len(), "eids repeat: {:?}", eids);
    prop_assert_eq!(&segment::segment(text, None), &nodes);
    Ok(())
}

fn check_nesting(nodes: &[Node], text: &str, parent: Option<&Node>) -> Result<(), TestCaseError> {
    let mut end = parent.map_or(0, |p| p.span.start);
    for node in nodes {
        prop_assert!(text.is_char_boundary(node.span.start) && text.is_char_boundary(node.span.end));
        prop_assert!(node.span.start >= end, "{} overlaps its previous sibling", node.eid);
        prop_assert!(!node.span.is_empty(), "{} is empty", node.eid);
        if let Some(p) = parent {
            prop_assert!(p.span.contains(node.span), "{} sticks out of {}", node.eid, p.eid);
            let prefix = format!("{}__", p.eid);
            prop_assert!(node.eid.starts_with(&prefix), "{} is not under {}", node.eid, p.eid);
        }
        end = node.span.end;
        check_nesting(&node.children, text, Some(node))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn generated_orders_lose_no_text(text in document()) {
        check(&text)?;
    }

    #[test]
    fn arbitrary_text_loses_no_text(text in "\\PC{0,300}") {
        check(&text)?;
    }
}

#[test]
fn seeds_and_public_acts_lose_no_text() {
    let mut paths: Vec<String> = std::fs::read_dir("corpus/seeds").expect("seeds").filter_map(|e| e.ok()).map(|e| e.path().display().to_string()).collect();
    for code in std::fs::read_dir("corpus/public-acts").expect("acts").filter_map(|e| e.ok()) {
        for lang in ["kaz", "rus"] {
            paths.push(code.path().join(format!("{lang}.txt")).display().to_string());
        }
    }
    paths.sort();
    assert!(paths.len() >= 19);
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("utf-8 text");
        check(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}

#[test]
#[ignore = "a measurement, not a check: cargo test --release --test segment_props -- --ignored --nocapture"]
fn segmenting_speed() {
    let mut texts = Vec::new();
    for dir in ["corpus/seeds", "corpus/public-acts"] {
        for entry in walk(std::path::Path::new(dir)) {
            if let Ok(text) = std::fs::read_to_string(&entry) {
                texts.push(text);
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let rounds = 200;
    let start = std::time::Instant::now();
    let mut nodes = 0;
    for _ in 0..rounds {
        for text in &texts {
            nodes += segment::walk(&segment::segment(text, None)).count();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let docs = (rounds * texts.len()) as f64;
    println!("{} documents, {:.0} docs/s, {:.1} MB/s, {} nodes per round", texts.len(), docs / secs, (rounds * bytes) as f64 / secs / 1e6, nodes / rounds);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Words for generated point texts, with the numbers and references that wrap to a line start
/// in real documents ("1) және 2) тармақшаларында", "2025 жылғы"). No word ends a sentence:
/// "… 3." at a line end, a page break, and "3. …" flush left is ambiguous even to a reader.
const WORDS: &[&str] = &[
    "осы", "бұйрық", "тармақтың", "1)", "және", "2)", "тармақшаларында", "көзделген", "2025", "жылғы", "№", "521/НҚ", "Қазақстан",
    "Республикасының", "министрлігі", "3-тармағы", "–", "(бұдан", "әрі", "Қағидалар)", "сәйкес", "жүзеге", "асырылады", "в", "соответствии", "с",
    "пунктом", "статьи", "17", "Кодекса",
];

/// An order body: points, some with sub-points, wrapped at `width` (first line indented, the
/// rest flush left) with page-break gaps dropped between lines.
fn wrapped_order() -> impl Strategy<Value = (String, Vec<String>)> {
    let item = prop::collection::vec(prop::sample::select(WORDS), 3..40);
    let point = (item.clone(), prop::collection::vec(item, 0..4));
    (prop::collection::vec(point, 1..8), 30usize..90, prop::collection::vec(any::<bool>(), 64)).prop_map(|(points, width, gaps)| {
        let mut lines = Vec::new();
        let mut eids = Vec::new();
        for (p, (words, subs)) in points.iter().enumerate() {
            let end = if subs.is_empty() { "." } else { ":" };
            wrap(&format!("{}. {}{end}", p + 1, words.join(" ")), width, &mut lines);
            eids.push(format!("point_{}", p + 1));
            for (s, sub) in subs.iter().enumerate() {
                let end = if s + 1 == subs.len() { "." } else { ";" };
                wrap(&format!("{}) {}{end}", s + 1, sub.join(" ")), width, &mut lines);
                eids.push(format!("point_{}__subpoint_{}", p + 1, s + 1));
            }
        }
        let mut text = String::new();
        for (i, line) in lines.iter().enumerate() {
            text.push_str(line);
            text.push('\n');
            if gaps[i % gaps.len()] && i % 7 == 3 {
                text.push_str("\n\n\n");
            }
        }
        (text, eids)
    })
}

fn wrap(paragraph: &str, width: usize, lines: &mut Vec<String>) {
    let mut line = String::from("      ");
    let mut first = true;
    for word in paragraph.split(' ') {
        let empty = line.trim().is_empty();
        if !empty && line.chars().count() + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
            first = false;
        }
        if !line.is_empty() && (!first || !line.trim().is_empty()) {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Page-break gaps and wrapped lines neither create nor split points.
    #[test]
    fn wrapped_points_keep_their_numbers((text, eids) in wrapped_order()) {
        let nodes = segment::segment(&text, None);
        let got: Vec<String> = segment::walk(&nodes).filter(|n| matches!(n.kind, normbase::model::NodeKind::Point | normbase::model::NodeKind::Subpoint)).map(|n| n.eid.clone()).collect();
        prop_assert_eq!(got, eids, "text:\n{}", text);
        check(&text)?;
    }
}
