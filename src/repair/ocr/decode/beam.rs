//! The beam search behind [`super::Decoder`], built for speed: a hypothesis is a small `Copy`
//! record (cost, automaton nodes, a span of its clean output in a byte arena, a back-pointer
//! to its last segment), so extending one allocates nothing; pruning dedupes outputs by their
//! bytes in the arena with a cheap hash. The arena, the per-node letter lists and the
//! character-cost memo live in a thread-local scratch that is reused from word to word.
//!
//! The search is exactly the one the decoder specifies (same hypotheses, same tie-breaking);
//! only its bookkeeping differs. One exact shortcut: a candidate already worse than the best
//! candidate of its target position by more than the window is never stored, since the
//! window would drop it there anyway.
//!
//! Not here: the channel, case restoration, readings (see [`super`]).

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use fst::raw::{CompiledAddr, Fst};

use super::{Decoder, CASE_BACKOFF};
use crate::repair::ocr::channel::{Source, UNSEEN_IDENTITY};

/// The lexicon automata searched together: general, corpus.
pub(super) type Automata<'f> = [&'f Fst<Vec<u8>>; 2];
/// A hypothesis's node in each automaton (`None`: the output left that automaton).
type Nodes = [Option<CompiledAddr>; 2];

/// A complete hypothesis, materialised.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub out: String,
    pub cost: f32,
    /// (OCR chars consumed so far, output bytes so far) after each segment.
    pub segs: Vec<(u16, u16)>,
    pub last: char,
}

/// No segment yet.
const NO_LINK: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Hyp {
    cost: f32,
    last: char,
    /// The output: `arena.bytes[out_start..out_start + out_len]`.
    out_start: u32,
    out_len: u32,
    /// The last segment in `arena.links`.
    link: u32,
    nodes: Nodes,
}

/// One segment of a hypothesis, chained to the segments before it.
#[derive(Debug, Clone, Copy)]
struct Link {
    parent: u32,
    consumed: u16,
    out_len: u16,
}

/// Scratch memory of one search, reused across searches on a thread.
#[derive(Default)]
struct Arena {
    bytes: Vec<u8>,
    links: Vec<Link>,
    /// Letters continuing a node pair, with the node pair after each.
    letters: FxMap<Nodes, Vec<(char, Nodes)>>,
    /// Weighted character-model costs of the current search.
    char_costs: FxMap<(char, char), f32>,
}

impl Arena {
    fn out(&self, hyp: &Hyp) -> &[u8] {
        let start = hyp.out_start as usize;
        self.bytes.get(start..start + hyp.out_len as usize).unwrap_or(&[])
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.links.clear();
        self.letters.clear();
        self.char_costs.clear();
    }
}

thread_local! {
    static SCRATCH: RefCell<Arena> = RefCell::new(Arena::default());
}

/// The pending candidates of each OCR position, and the cheapest cost stored at each.
struct Layers {
    hyps: Vec<Vec<Hyp>>,
    best: Vec<f32>,
    window: f32,
}

impl Layers {
    /// Whether a candidate of `cost` for position `at` can survive that position's window.
    /// The last position is never pruned by window (its hypotheses are the answers).
    fn admits(&self, at: usize, cost: f32) -> bool {
        at + 1 == self.hyps.len() || !(cost > self.best[at] + self.window)
    }

    fn push(&mut self, at: usize, hyp: Hyp) {
        if hyp.cost < self.best[at] {
            self.best[at] = hyp.cost;
        }
        self.hyps[at].push(hyp);
    }
}

struct Search<'d, 'a, 'f> {
    decoder: &'d Decoder<'a>,
    automata: Option<Automata<'f>>,
    arena: Arena,
}

impl Decoder<'_> {
    /// Beam search; `automata` constrains the output to lexicon prefixes. Returns complete
    /// hypotheses (final in some automaton, when constrained), cheapest first.
    pub(super) fn search(&self, chars: &[char], automata: Option<Automata<'_>>) -> Vec<Found> {
        let mut arena = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
        arena.clear();
        let mut search = Search { decoder: self, automata, arena };
        let found = search.run(chars);
        let mut arena = search.arena;
        // Do not keep a huge arena alive after an unusual word.
        if arena.bytes.capacity() > 1 << 24 {
            arena = Arena::default();
        }
        SCRATCH.with(|s| *s.borrow_mut() = arena);
        found
    }
}

impl Search<'_, '_, '_> {
    fn run(&mut self, chars: &[char]) -> Vec<Found> {
        let params = self.decoder.params;
        let n = chars.len();
        let mut layers = Layers { hyps: vec![Vec::new(); n + 1], best: vec![f32::INFINITY; n + 1], window: params.window };
        let roots = self.automata.map(|a| [Some(a[0].root().addr()), Some(a[1].root().addr())]).unwrap_or([None, None]);
        layers.push(0, Hyp { cost: 0.0, last: '^', out_start: 0, out_len: 0, link: NO_LINK, nodes: roots });
        let mut segment = String::new();
        let mut sources: Vec<Source> = Vec::new();
        for j in 0..n {
            // The unconstrained search only backs the lexicon up (names): a narrower beam.
            let beam = if self.automata.is_some() { params.beam } else { (params.beam / 4).max(4) };
            let mut layer = self.prune(std::mem::take(&mut layers.hyps[j]), beam, params.window);
            if let Some(a) = self.automata {
                // A letter the OCR lost (no OCR character consumed), then prune again.
                // Unseen edits are tried from the best few hypotheses only: they fan out to
                // every letter.
                let few = params.beam / 4;
                let mut lost = Vec::new();
                for hyp in layer.iter().take(few) {
                    self.unseen_letters(hyp, a, j as u16, |h| lost.push(h));
                }
                layer.extend(lost);
                layer = self.prune(layer, params.beam, params.window);
                for hyp in layer.iter().take(few) {
                    // An OCR character read as any continuing letter, or dropped.
                    self.unseen_letters(hyp, a, (j + 1) as u16, |h| {
                        if layers.admits(j + 1, h.cost) {
                            layers.push(j + 1, h);
                        }
                    });
                    let cost = hyp.cost + params.unseen_edit;
                    if layers.admits(j + 1, cost) {
                        let link = self.link(hyp.link, (j + 1) as u16, hyp.out_len);
                        layers.push(j + 1, Hyp { cost, link, ..*hyp });
                    }
                }
            }
            for len in 1..=self.decoder.channel.max_ocr_len.min(n - j) {
                segment.clear();
                segment.extend(&chars[j..j + len]);
                let channel = self.decoder.channel;
                sources.clear();
                sources.extend(channel.sources(&segment).iter().take(params.max_sources).cloned());
                sources.extend(channel.case_backoff(&segment, CASE_BACKOFF).into_iter().take(params.max_sources / 2));
                if sources.is_empty() && len == 1 {
                    sources.push(Source { clean: segment.to_lowercase(), cost: UNSEEN_IDENTITY });
                }
                for source in &sources {
                    for hyp in &layer {
                        self.extend(hyp, &source.clean, source.cost, j + len, &mut layers);
                    }
                }
            }
        }
        let automata = self.automata;
        let finals: Vec<Hyp> = std::mem::take(&mut layers.hyps[n])
            .into_iter()
            .filter(|h| h.out_len > 0)
            .filter(|h| match automata {
                Some(a) => (0..2).any(|k| h.nodes[k].is_some_and(|addr| a[k].node(addr).is_final())),
                None => true,
            })
            .collect();
        let finals = self.prune(finals, params.beam, f32::INFINITY);
        finals.iter().map(|h| self.found(h)).collect()
    }

    fn found(&self, hyp: &Hyp) -> Found {
        let out = String::from_utf8_lossy(self.arena.out(hyp)).into_owned();
        let mut segs = Vec::new();
        let mut link = hyp.link;
        while let Some(l) = self.arena.links.get(link as usize) {
            segs.push((l.consumed, l.out_len));
            link = l.parent;
        }
        segs.reverse();
        Found { out, cost: hyp.cost, segs, last: hyp.last }
    }

    fn link(&mut self, parent: u32, consumed: u16, out_len: u32) -> u32 {
        self.arena.links.push(Link { parent, consumed, out_len: out_len as u16 });
        (self.arena.links.len() - 1) as u32
    }

    /// Stores `hyp` extended by `clean` (having consumed the OCR up to `at`) in `layers[at]`,
    /// if the automata allow the output and the window does not rule it out.
    fn extend(&mut self, hyp: &Hyp, clean: &str, cost: f32, at: usize, layers: &mut Layers) {
        let mut nodes = hyp.nodes;
        let mut extra = 0.0f32;
        let mut last = hyp.last;
        match self.automata {
            Some(a) => {
                for k in 0..2 {
                    nodes[k] = nodes[k].and_then(|addr| walk(a[k], addr, clean.as_bytes()));
                }
                if nodes.iter().all(Option::is_none) {
                    return;
                }
                if let Some(c) = clean.chars().last() {
                    last = c;
                }
            }
            None => {
                for c in clean.chars() {
                    extra += self.char_cost(last, c);
                    last = c;
                }
            }
        }
        let cost = hyp.cost + cost + extra;
        if !layers.admits(at, cost) {
            return;
        }
        let next = self.append(hyp, clean.as_bytes(), cost, at as u16, nodes, last);
        layers.push(at, next);
    }

    /// `hyp` with `clean` appended to its output as a new segment.
    fn append(&mut self, hyp: &Hyp, clean: &[u8], cost: f32, consumed: u16, nodes: Nodes, last: char) -> Hyp {
        let (out_start, out_len) = if clean.is_empty() {
            (hyp.out_start, hyp.out_len)
        } else {
            let start = self.arena.bytes.len();
            let from = hyp.out_start as usize;
            self.arena.bytes.extend_from_within(from..from + hyp.out_len as usize);
            self.arena.bytes.extend_from_slice(clean);
            (start as u32, hyp.out_len + clean.len() as u32)
        };
        let link = self.link(hyp.link, consumed, out_len);
        Hyp { cost, last, out_start, out_len, link, nodes }
    }

    fn char_cost(&mut self, prev: char, c: char) -> f32 {
        let decoder = self.decoder;
        *self.arena.char_costs.entry((prev, c)).or_insert_with(|| decoder.params.char_weight * decoder.words.chars.cost(prev, c) as f32)
    }

    /// `hyp` extended by every letter that continues a lexicon form, at the unseen-edit cost,
    /// each handed to `emit`.
    fn unseen_letters(&mut self, hyp: &Hyp, automata: Automata<'_>, consumed: u16, mut emit: impl FnMut(Hyp)) {
        let letters = match self.arena.letters.remove(&hyp.nodes) {
            Some(letters) => letters,
            None => continuing_letters(automata, hyp.nodes),
        };
        let cost = hyp.cost + (self.decoder.params.unseen_edit + 0.0) + 0.0;
        let mut buf = [0u8; 4];
        for &(c, nodes) in &letters {
            emit(self.append(hyp, c.encode_utf8(&mut buf).as_bytes(), cost, consumed, nodes, c));
        }
        self.arena.letters.insert(hyp.nodes, letters);
    }

    /// Keeps the cheapest hypothesis per output and the `beam` cheapest overall, within
    /// `window` of the best. Ties in cost are broken by the output, so the result does not
    /// depend on the order of `hyps` (except which of two equal-cost paths to the same output
    /// is kept: the first).
    fn prune(&self, hyps: Vec<Hyp>, beam: usize, window: f32) -> Vec<Hyp> {
        let arena = &self.arena;
        let mut index: FxMap<&[u8], usize> = FxMap::with_capacity_and_hasher(hyps.len(), Default::default());
        let mut kept: Vec<Hyp> = Vec::with_capacity(hyps.len());
        for hyp in hyps {
            match index.entry(arena.out(&hyp)) {
                Entry::Occupied(e) => {
                    let old = &mut kept[*e.get()];
                    if !(old.cost <= hyp.cost) {
                        *old = hyp;
                    }
                }
                Entry::Vacant(e) => {
                    e.insert(kept.len());
                    kept.push(hyp);
                }
            }
        }
        let order = |a: &Hyp, b: &Hyp| -> Ordering { a.cost.total_cmp(&b.cost).then_with(|| arena.out(a).cmp(arena.out(b))) };
        if beam == 0 {
            return Vec::new();
        }
        if kept.len() > beam {
            kept.select_nth_unstable_by(beam - 1, order);
            kept.truncate(beam);
        }
        kept.sort_unstable_by(order);
        if let Some(first) = kept.first().map(|h| h.cost) {
            kept.retain(|h| h.cost <= first + window);
        }
        kept
    }
}

/// The alphabetic letters that continue the automata at `nodes`, in order, each with the
/// nodes after it.
fn continuing_letters(automata: Automata<'_>, nodes: Nodes) -> Vec<(char, Nodes)> {
    let mut letters: Vec<char> = Vec::new();
    for k in 0..2 {
        if let Some(addr) = nodes[k] {
            next_chars(automata[k], addr, &mut letters);
        }
    }
    letters.sort_unstable();
    letters.dedup();
    let mut buf = [0u8; 4];
    letters
        .into_iter()
        .filter(|c| c.is_alphabetic())
        .filter_map(|c| {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let after = [0, 1].map(|k| nodes[k].and_then(|addr| walk(automata[k], addr, bytes)));
            after.iter().any(Option::is_some).then_some((c, after))
        })
        .collect()
}

fn walk(fst: &Fst<Vec<u8>>, mut addr: CompiledAddr, bytes: &[u8]) -> Option<CompiledAddr> {
    for &b in bytes {
        let node = fst.node(addr);
        let i = node.find_input(b)?;
        addr = node.transition_addr(i);
    }
    Some(addr)
}

/// The characters that continue the automaton at `addr` (UTF-8 decoded, up to 3 bytes).
fn next_chars(fst: &Fst<Vec<u8>>, addr: CompiledAddr, out: &mut Vec<char>) {
    fn go(fst: &Fst<Vec<u8>>, addr: CompiledAddr, prefix: &mut Vec<u8>, out: &mut Vec<char>) {
        for t in fst.node(addr).transitions() {
            prefix.push(t.inp);
            match std::str::from_utf8(prefix) {
                Ok(s) => out.extend(s.chars()),
                Err(e) if e.error_len().is_none() && prefix.len() < 4 => go(fst, t.addr, prefix, out),
                Err(_) => {}
            }
            prefix.pop();
        }
    }
    go(fst, addr, &mut Vec::with_capacity(4), out);
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc (FxHash): fast on short keys, not DoS-resistant, which
/// does not matter for a per-word scratch table.
#[derive(Default, Clone, Copy)]
struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}
