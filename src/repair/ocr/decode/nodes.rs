//! Reading the lexicon automata (`fst`) character by character: which characters continue a
//! node pair, and the node pairs after each. Used by the beam search. The characters continuing a
//! node pair are kept in a [`StepCache`], which may outlive a search: the searches of one
//! document's words walk the same prefixes again and again (the seed decodes 909,000 node
//! pairs, 67,000 of them distinct).
//!
//! Not here: the search itself (see [`super::beam`]).

use fst::raw::{CompiledAddr, Fst};

use crate::lang::lexicon::Lexicon;
use crate::repair::ocr::channel::FxMap;

/// The lexicon automata searched together: general, corpus.
pub(super) type Automata<'f> = [&'f Fst<Vec<u8>>; 2];
/// A node in each automaton (`None`: the output left that automaton).
pub(super) type Nodes = [Option<CompiledAddr>; 2];

/// A character that continues a node pair, and the node pair after it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Step {
    pub c: char,
    pub alphabetic: bool,
    pub nodes: Nodes,
    /// The span of `nodes`' own steps once asked for ([`NO_SPAN`] before): a search goes
    /// from a step to the steps after it again and again, and this spares the hash lookup.
    next: u32,
}

/// [`Step::next`] not yet known.
const NO_SPAN: u32 = u32::MAX;

/// The characters continuing the node pairs of one pair of automata met so far: one span of
/// `steps` per node pair, sorted by character, with a mask of its characters in front.
#[derive(Default)]
pub struct StepCache {
    /// The automata the spans belong to (the addresses of their bytes); a cache handed
    /// other automata starts over.
    owner: [usize; 2],
    steps: Vec<Step>,
    spans: Vec<(u32, u32)>,
    /// Per span, its characters as bits of their code point modulo 128: most channel sources
    /// continue no hypothesis's word (nine walks in ten fail), and this turns most of them
    /// away without looking at the span.
    masks: Vec<u128>,
    /// Span ids by [`key`] of their node pair.
    index: FxMap<u128, u32>,
    /// `continuing`'s scratch.
    found: Vec<(char, usize, CompiledAddr)>,
}

/// Steps a cache holds at most between searches (about 40 MB): an unusually long document
/// starts over rather than grow without bound.
const MAX_STEPS: usize = 1 << 20;

impl StepCache {
    /// Which automata a cache of `lexicon`'s belongs to: the addresses of their bytes, which
    /// stay put while the lexicon lives.
    pub fn owner(lexicon: &Lexicon) -> [usize; 2] {
        owner(lexicon.automata())
    }

    /// Readies the cache for a search of `automata`: the spans of other automata, or too
    /// many, are dropped.
    pub(super) fn claim(&mut self, automata: Automata<'_>) {
        let owner = owner(automata);
        if owner != self.owner || self.steps.len() > MAX_STEPS {
            self.clear();
            self.owner = owner;
        }
    }

    pub(super) fn clear(&mut self) {
        self.owner = [0, 0];
        self.steps.clear();
        self.spans.clear();
        self.masks.clear();
        self.index.clear();
    }

    /// The id of the span of the characters continuing `nodes` in `automata` (the automata
    /// last claimed).
    pub(super) fn of(&mut self, nodes: Nodes, automata: Automata<'_>) -> usize {
        if let Some(&id) = self.index.get(&key(nodes)) {
            return id as usize;
        }
        let (id, from) = (self.spans.len(), self.steps.len() as u32);
        continuing(automata, nodes, &mut self.found, &mut self.steps);
        self.spans.push((from, self.steps.len() as u32));
        self.masks.push(self.steps[from as usize..].iter().fold(0, |mask, step| mask | char_bit(step.c)));
        self.index.insert(key(nodes), id as u32);
        id
    }

    /// The indices of the steps of span `id`, sorted by character.
    pub(super) fn span(&self, id: usize) -> std::ops::Range<usize> {
        let (from, to) = self.spans[id];
        from as usize..to as usize
    }

    /// The index of the step of span `id` by `c`, if `c` continues its nodes.
    pub(super) fn step(&self, id: usize, c: char) -> Option<usize> {
        if self.masks[id] & char_bit(c) == 0 {
            return None;
        }
        let span = self.span(id);
        let start = span.start;
        self.steps[span].binary_search_by_key(&c, |step| step.c).ok().map(|i| start + i)
    }

    /// The step at `index` (from [`StepCache::step`] or a span).
    pub(super) fn at(&self, index: usize) -> &Step {
        &self.steps[index]
    }

    /// The id of the span of the characters continuing the nodes after step `index`.
    pub(super) fn after(&mut self, index: usize, automata: Automata<'_>) -> usize {
        match self.steps[index].next {
            NO_SPAN => {
                let id = self.of(self.steps[index].nodes, automata);
                self.steps[index].next = id as u32;
                id
            }
            id => id as usize,
        }
    }
}

/// A node pair as one number, hashed in two rounds instead of five (the search looks node
/// pairs up millions of times).
fn key(nodes: Nodes) -> u128 {
    let [a, b] = nodes.map(|addr| addr.map_or(0, |addr| addr as u128 + 1));
    a << 64 | b
}

fn owner(automata: Automata<'_>) -> [usize; 2] {
    automata.map(|a| a.as_bytes().as_ptr() as usize)
}

/// `c`'s bit in a span's mask of characters.
fn char_bit(c: char) -> u128 {
    1 << (c as u32 & 127)
}

/// Appends to `steps` the characters that continue the automata at `nodes`, in order, each
/// with the nodes after it; `found` is scratch (both are reused from call to call: the search
/// asks this of thousands of node pairs).
pub(super) fn continuing(automata: Automata<'_>, nodes: Nodes, found: &mut Vec<(char, usize, CompiledAddr)>, steps: &mut Vec<Step>) {
    found.clear();
    for k in 0..2 {
        if let Some(addr) = nodes[k] {
            next_chars(automata[k], addr, k, found);
        }
    }
    found.sort_unstable_by_key(|&(c, k, _)| (c, k));
    let start = steps.len();
    for &(c, k, addr) in found.iter() {
        match steps[start..].last_mut() {
            Some(step) if step.c == c => step.nodes[k] = Some(addr),
            _ => {
                let mut nodes = [None, None];
                nodes[k] = Some(addr);
                steps.push(Step { c, alphabetic: is_letter(c), nodes, next: NO_SPAN });
            }
        }
    }
}

/// The characters that continue the automaton `k` at `addr` (UTF-8 decoded),
/// with the node after each.
fn next_chars(fst: &Fst<Vec<u8>>, addr: CompiledAddr, k: usize, out: &mut Vec<(char, usize, CompiledAddr)>) {
    /// `code` holds the bits so far; `more` continuation bytes are still to come.
    fn go(fst: &Fst<Vec<u8>>, addr: CompiledAddr, k: usize, code: u32, more: u32, out: &mut Vec<(char, usize, CompiledAddr)>) {
        for t in fst.node(addr).transitions() {
            let b = u32::from(t.inp);
            let (code, more) = if more > 0 {
                if b & 0xC0 != 0x80 {
                    continue;
                }
                ((code << 6) | (b & 0x3F), more - 1)
            } else if b < 0x80 {
                (b, 0)
            } else if b & 0xE0 == 0xC0 {
                (b & 0x1F, 1)
            } else if b & 0xF0 == 0xE0 {
                (b & 0x0F, 2)
            } else if b & 0xF8 == 0xF0 {
                (b & 0x07, 3)
            } else {
                continue;
            };
            if more > 0 {
                go(fst, t.addr, k, code, more, out);
            } else if let Some(c) = char::from_u32(code) {
                // Overlong encodings never occur in an fst built from `str`s.
                out.push((c, k, t.addr));
            }
        }
    }
    go(fst, addr, k, 0, 0, out);
}

/// `c.is_alphabetic()`, answered without the Unicode tables for ASCII and Cyrillic (the
/// characters of every lexicon here), which the search asks about constantly.
fn is_letter(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphabetic(),
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => true,
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(fst: &Fst<Vec<u8>>, mut addr: CompiledAddr, bytes: &[u8]) -> Option<CompiledAddr> {
        for &b in bytes {
            let node = fst.node(addr);
            let i = node.find_input(b)?;
            addr = node.transition_addr(i);
        }
        Some(addr)
    }

    #[test]
    fn the_span_after_a_step_is_the_span_of_its_nodes_and_is_kept() {
        let mut words = vec!["ab", "abc", "ac", "b"];
        words.sort_unstable();
        let set = fst::Set::from_iter(words).unwrap();
        let fst = set.as_fst();
        let automata: Automata<'_> = [fst, fst];
        let mut cache = StepCache::default();
        cache.claim(automata);
        let root = cache.of([Some(fst.root().addr()), None], automata);
        let a = cache.step(root, 'a').expect("a continues the root");
        assert!(cache.step(root, 'z').is_none());
        let after = cache.after(a, automata);
        assert_eq!(after, cache.of(cache.at(a).nodes, automata));
        let chars: Vec<char> = cache.span(after).map(|i| cache.at(i).c).collect();
        assert_eq!(chars, ['b', 'c']);
        // Asked again, the same span, and no new one decoded.
        let spans = cache.spans.len();
        assert_eq!(cache.after(a, automata), after);
        assert_eq!(cache.spans.len(), spans);
    }

    #[test]
    fn is_letter_agrees_with_unicode() {
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn next_chars_decodes_utf8_of_every_width() {
        let words = ["a", "ж", "қ", "€", "𝔸", "ab"];
        let set = fst::Set::from_iter({
            let mut w = words.to_vec();
            w.sort_unstable();
            w
        })
        .unwrap();
        let fst = set.as_fst();
        let mut out = Vec::new();
        next_chars(fst, fst.root().addr(), 0, &mut out);
        let mut chars: Vec<char> = out.iter().map(|&(c, _, _)| c).collect();
        chars.sort_unstable();
        assert_eq!(chars, vec!['a', 'ж', 'қ', '€', '𝔸']);
        // The node after each character is where the rest of its words go on.
        let a = out.iter().find(|t| t.0 == 'a').unwrap().2;
        assert_eq!(walk(fst, fst.root().addr(), b"a"), Some(a));
        assert!(fst.node(a).is_final() && walk(fst, a, b"b").is_some());
    }
}
