//! The beam search behind [`super::Decoder`], built for speed: a hypothesis is a small `Copy`
//! record (cost, automaton nodes, a span of its clean output in a byte arena, a back-pointer
//! to its last segment, a hash of its output), so extending one allocates nothing; the
//! candidates of a position are deduplicated by output as they arrive. Automaton nodes are
//! decoded once per output and search. The arena and the pending layers live in a
//! thread-local scratch reused from word to word (nothing in it outlives a search's meaning,
//! except the character model's costs, which are the model's and kept while it is the same:
//! its lookups walk an automaton, and a document asks for about 150,000 of them).
//!
//! The search is exactly the one the decoder specifies (same hypotheses, same tie-breaking,
//! same readings); only its bookkeeping differs. Its shortcuts are exact: a candidate is not
//! stored (nor its automaton walk done) once it is certain the pruning of its position would
//! drop it — worse than that position's best by more than the window, or worse than `beam`
//! distinct outputs already there; hypotheses are sorted by cost, so the first such one ends
//! the loop over a segment's source.
//!
//! Not here: the channel, case restoration, readings (see [`super`]).

use std::cell::RefCell;
use std::cmp::Ordering;

use super::nodes::{Automata, Nodes, StepCache};
use super::{Decoder, CASE_BACKOFF};
use crate::lang::chargram::{self, Context};
use crate::repair::ocr::channel::{FxMap, UNSEEN_IDENTITY};

/// A complete hypothesis, materialised.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub out: String,
    pub cost: f32,
    /// (OCR chars consumed so far, output bytes so far) after each segment.
    pub segs: Vec<(u16, u16)>,
}

/// The multiplier of the output hash (FxHash's).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Character-model costs a thread keeps at most (some 40 MB of table; a document asks for
/// about 150,000).
const MAX_CHAR_COSTS: usize = 1 << 20;

/// No segment yet.
const NO_LINK: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Hyp {
    cost: f32,
    /// The output: `arena.bytes[out_start..out_start + out_len]`.
    out_start: u32,
    out_len: u32,
    /// The last segment in `arena.links`.
    link: u32,
    /// Hash of the output bytes.
    hash: u64,
    nodes: Nodes,
    /// The step in the step cache that led to `nodes` (`NO_INDEX` at the root or without
    /// automata): where the span of the characters after it is kept once known.
    step: u32,
}

/// What a layer's search learns of one of its hypotheses, once, for all its extensions.
#[derive(Debug, Clone, Copy)]
struct Known {
    /// The id of its continuing characters in the step cache (`NO_INDEX` until looked up).
    steps: u32,
    /// The character model's context after its output (a search without automata).
    tail: Context,
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
    /// The steps of a search that was handed no cache of its own.
    steps: StepCache,
    /// The pending candidates of each OCR position (kept for their memory).
    pendings: Vec<Pending>,
    /// Character-model costs (unweighted) of the current search: few, so looked up fast.
    char_costs: FxMap<(Context, char), f32>,
    /// The same of every search while the model is the one of `char_model`
    /// ([`crate::lang::corpus::CharModel::id`]): the model's own lookups cost more.
    known_char_costs: FxMap<(Context, char), f32>,
    char_model: Option<u64>,
    /// `prune`'s output hash → first kept index with it; `chain` links the others.
    dedup: FxMap<u64, u32>,
    chain: Vec<u32>,
}

impl Arena {
    fn out(&self, hyp: &Hyp) -> &[u8] {
        output(&self.bytes, hyp)
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.links.clear();
        self.steps.clear();
    }
}

/// `hyp`'s output in the arena's `bytes`.
fn output<'b>(bytes: &'b [u8], hyp: &Hyp) -> &'b [u8] {
    let start = hyp.out_start as usize;
    bytes.get(start..start + hyp.out_len as usize).unwrap_or(&[])
}

/// The index in `hyps` of the hypothesis with `hyp`'s output, following the hash chain that
/// starts at `head` (outputs are told apart by their hash first).
fn same_output(hyps: &[Hyp], chain: &[u32], head: u32, bytes: &[u8], hyp: &Hyp) -> Option<usize> {
    let mut at = head;
    while at != NO_INDEX {
        if output(bytes, &hyps[at as usize]) == output(bytes, hyp) {
            return Some(at as usize);
        }
        at = chain[at as usize];
    }
    None
}

/// Keeps the cheaper of `old` and `new` in `old` (`old` on a tie).
fn keep_cheaper(old: &mut Hyp, new: Hyp) {
    if !matches!(old.cost.partial_cmp(&new.cost), Some(Ordering::Less | Ordering::Equal)) {
        *old = new;
    }
}

thread_local! {
    static SCRATCH: RefCell<Arena> = RefCell::new(Arena::default());
}

/// The candidates pending for one OCR position, deduplicated by output as they arrive, with
/// bounds that reject a candidate as soon as it is certain the position's pruning would drop
/// it: worse than the best by more than the window, or worse than `beam` other outputs.
struct Pending {
    hyps: Vec<Hyp>,
    /// Output hash → first index in `hyps` with that hash; `chain` links the others.
    index: FxMap<u64, u32>,
    chain: Vec<u32>,
    best: f32,
    /// Cost of the `beam`-th cheapest distinct output seen (costs only fall, so it only falls).
    limit: f32,
    beam: usize,
    window: f32,
    /// The last position: only complete words count (the rest is filtered out anyway).
    complete_only: bool,
}

const NO_INDEX: u32 = u32::MAX;

impl Pending {
    fn new(beam: usize, window: f32, complete_only: bool) -> Pending {
        Pending { hyps: Vec::new(), index: FxMap::default(), chain: Vec::new(), best: f32::INFINITY, limit: f32::INFINITY, beam, window, complete_only }
    }

    /// Whether a candidate of `cost` can survive this position's pruning.
    fn admits(&self, cost: f32) -> bool {
        !(cost > self.limit || cost > self.best + self.window)
    }

    /// Adds a candidate the bounds admit; of two with the same output the cheaper stays (the
    /// first on a tie).
    fn push(&mut self, hyp: Hyp, arena: &Arena) {
        let head = self.index.get(&hyp.hash).copied().unwrap_or(NO_INDEX);
        if let Some(at) = same_output(&self.hyps, &self.chain, head, &arena.bytes, &hyp) {
            keep_cheaper(&mut self.hyps[at], hyp);
            self.best = self.best.min(self.hyps[at].cost);
            return;
        }
        self.index.insert(hyp.hash, self.hyps.len() as u32);
        self.chain.push(head);
        self.hyps.push(hyp);
        self.best = self.best.min(hyp.cost);
        if self.beam > 0 && self.hyps.len() >= 4 * self.beam {
            self.tighten();
        }
    }

    /// Drops the candidates worse than the `beam`-th cheapest output, and keeps that bound.
    fn tighten(&mut self) {
        let mut costs: Vec<f32> = self.hyps.iter().map(|h| h.cost).collect();
        let (_, &mut limit, _) = costs.select_nth_unstable_by(self.beam - 1, f32::total_cmp);
        self.limit = self.limit.min(limit);
        let limit = self.limit;
        self.hyps.retain(|h| h.cost <= limit);
        self.index.clear();
        self.chain.clear();
        for (i, hyp) in self.hyps.iter().enumerate() {
            let head = self.index.insert(hyp.hash, i as u32).unwrap_or(NO_INDEX);
            self.chain.push(head);
        }
    }

    fn reset(&mut self, beam: usize, window: f32, complete_only: bool) {
        self.hyps.clear();
        self.index.clear();
        self.chain.clear();
        (self.best, self.limit, self.beam, self.window, self.complete_only) = (f32::INFINITY, f32::INFINITY, beam, window, complete_only);
    }

    fn take(&mut self) -> Vec<Hyp> {
        self.index.clear();
        self.chain.clear();
        std::mem::take(&mut self.hyps)
    }
}

struct Search<'d, 'a, 'f, 's> {
    decoder: &'d Decoder<'a>,
    automata: Option<Automata<'f>>,
    arena: Arena,
    /// The characters continuing node pairs: the caller's cache, or the arena's.
    steps: Option<&'s mut StepCache>,
}

/// The clean sources the channel offers for every OCR segment of a word, shared by the
/// lexicon and the character searches. The clean segments are kept in one string.
pub(super) struct SourceTable {
    len: usize,
    max_len: usize,
    text: String,
    /// (start, end) of the clean segment in `text`, and the cost.
    entries: Vec<(u32, u32, f32)>,
    /// `spans[j * max_len + len - 1]`: the entries of the segment of `len` chars at `j`.
    spans: Vec<(u32, u32)>,
}

impl SourceTable {
    fn sources(&self, j: usize, len: usize) -> impl Iterator<Item = (&str, f32)> + '_ {
        let (from, to) = self.spans.get(j * self.max_len + len - 1).copied().unwrap_or((0, 0));
        self.entries[from as usize..to as usize].iter().map(|&(a, b, cost)| (self.text.get(a as usize..b as usize).unwrap_or(""), cost))
    }

    fn add(&mut self, clean: &str, cost: f32) {
        let start = self.text.len() as u32;
        self.text.push_str(clean);
        self.entries.push((start, self.text.len() as u32, cost));
    }
}

impl Decoder<'_> {
    /// The sources of each OCR segment of `chars`: the channel's (at most `max_sources`),
    /// those of its other letter cases (at a price), and for a lone character no training
    /// ever showed, the character itself.
    pub(super) fn source_table(&self, chars: &[char]) -> SourceTable {
        let (n, max_len, params) = (chars.len(), self.channel.max_ocr_len, self.params);
        let mut table = SourceTable { len: n, max_len, text: String::new(), entries: Vec::new(), spans: Vec::with_capacity(n * max_len) };
        let mut segment = String::new();
        for j in 0..n {
            for len in 1..=max_len {
                let from = table.entries.len() as u32;
                if j + len <= n {
                    segment.clear();
                    segment.extend(&chars[j..j + len]);
                    for source in self.channel.sources(&segment).iter().take(params.max_sources) {
                        table.add(&source.clean, source.cost);
                    }
                    for (clean, cost) in self.channel.case_backoff_iter(&segment, CASE_BACKOFF).take(params.max_sources / 2) {
                        table.add(clean, cost);
                    }
                    if table.entries.len() as u32 == from && len == 1 {
                        table.add(&segment.to_lowercase(), UNSEEN_IDENTITY);
                    }
                }
                table.spans.push((from, table.entries.len() as u32));
            }
        }
        table
    }

    /// Beam search over the segments of `table`; `automata` constrains the output to lexicon
    /// prefixes, their continuing characters kept in `steps` when given (else for this search
    /// only). Returns the `limit` cheapest complete hypotheses (final in some automaton, when
    /// constrained), cheapest first.
    pub(super) fn search(&self, table: &SourceTable, automata: Option<Automata<'_>>, limit: usize, mut steps: Option<&mut StepCache>) -> Vec<Found> {
        let mut arena = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
        arena.clear();
        let char_model = self.words.chars.id();
        arena.char_costs.clear();
        if char_model.is_none() || char_model != arena.char_model || arena.known_char_costs.len() > MAX_CHAR_COSTS {
            arena.known_char_costs.clear();
            arena.char_model = char_model;
        }
        if let (Some(steps), Some(automata)) = (steps.as_deref_mut(), automata) {
            steps.claim(automata);
        }
        let mut search = Search { decoder: self, automata, arena, steps };
        let found = search.run(table, limit);
        let mut arena = search.arena;
        // Do not keep a huge arena alive after an unusual word.
        if arena.bytes.capacity() > 1 << 24 {
            arena = Arena::default();
        }
        SCRATCH.with(|s| *s.borrow_mut() = arena);
        found
    }
}

impl<'f> Search<'_, '_, 'f, '_> {
    fn run(&mut self, table: &SourceTable, limit: usize) -> Vec<Found> {
        let params = self.decoder.params;
        let n = table.len;
        let beam = if self.automata.is_some() { params.beam } else { params.character_beam };
        // The pending layers and small buffers are reused from the previous search.
        let mut layers = std::mem::take(&mut self.arena.pendings);
        if layers.len() < n + 1 {
            layers.resize_with(n + 1, || Pending::new(0, 0.0, false));
        }
        for (i, pending) in layers.iter_mut().enumerate().take(n + 1) {
            if i < n {
                pending.reset(beam, params.window, false);
            } else {
                pending.reset(params.beam, f32::INFINITY, true);
            }
        }
        let (mut lost, mut next, mut known) = (Vec::new(), Vec::new(), Vec::new());
        let roots = self.automata.map(|a| [Some(a[0].root().addr()), Some(a[1].root().addr())]).unwrap_or([None, None]);
        let root = Hyp { cost: 0.0, out_start: 0, out_len: 0, link: NO_LINK, hash: 0, nodes: roots, step: NO_INDEX };
        self.push(&mut layers[0], root);
        for j in 0..n {
            let mut layer = self.select(layers[j].take(), beam, params.window);
            if let Some(a) = self.automata {
                // A letter the OCR lost (no OCR character consumed), then prune again.
                // Unseen edits are tried from the best few hypotheses only: they fan out to
                // every letter.
                let few = params.unseen_from;
                lost.clear();
                // The bound the second pruning will apply to a lost letter's cost.
                let mut bound = layer.first().map_or(f32::INFINITY, |h| h.cost + params.window);
                if layer.len() >= params.beam {
                    bound = bound.min(layer[params.beam - 1].cost);
                }
                for hyp in layer.iter().take(few) {
                    if hyp.cost + params.unseen_edit > bound {
                        break;
                    }
                    self.unseen_letters(hyp, a, j as u16, |h| lost.push(h));
                }
                layer.append(&mut lost);
                layer = self.prune(layer, params.beam, params.window);
                for hyp in layer.iter().take(few) {
                    // An OCR character read as any continuing letter, or dropped.
                    let cost = hyp.cost + params.unseen_edit;
                    if !layers[j + 1].admits(cost) {
                        continue;
                    }
                    next.clear();
                    self.unseen_letters(hyp, a, (j + 1) as u16, |h| next.push(h));
                    for h in next.drain(..) {
                        self.push(&mut layers[j + 1], h);
                    }
                    let link = self.link(hyp.link, (j + 1) as u16, hyp.out_len);
                    self.push(&mut layers[j + 1], Hyp { cost, link, ..*hyp });
                }
            }
            known.clear();
            match self.automata {
                Some(_) => known.resize(layer.len(), Known { steps: NO_INDEX, tail: chargram::START }),
                None => known.extend(layer.iter().map(|hyp| Known { steps: NO_INDEX, tail: self.tail(hyp) })),
            }
            for len in 1..=table.max_len.min(n - j) {
                for (clean, cost) in table.sources(j, len) {
                    for (hyp, known) in layer.iter().zip(known.iter_mut()) {
                        if !self.extend(hyp, known, clean, cost, j + len, &mut layers[j + len]) {
                            break;
                        }
                    }
                }
            }
            layer.clear();
            layers[j].hyps = layer;
        }
        let finals = layers[n].take();
        let finals = self.select(finals, params.beam, f32::INFINITY);
        let found = finals.iter().take(limit).map(|h| self.found(h)).collect();
        self.arena.pendings = layers;
        found
    }

    /// Adds `hyp` to `pending` if it can survive there.
    fn push(&self, pending: &mut Pending, hyp: Hyp) {
        if !pending.admits(hyp.cost) {
            return;
        }
        if pending.complete_only {
            let complete = hyp.out_len > 0
                && match self.automata {
                    Some(a) => (0..2).any(|k| hyp.nodes[k].is_some_and(|addr| a[k].node(addr).is_final())),
                    None => true,
                };
            if !complete {
                return;
            }
        }
        pending.push(hyp, &self.arena);
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
        Found { out, cost: hyp.cost, segs }
    }

    fn link(&mut self, parent: u32, consumed: u16, out_len: u32) -> u32 {
        self.arena.links.push(Link { parent, consumed, out_len: out_len as u16 });
        (self.arena.links.len() - 1) as u32
    }

    /// Stores `hyp` extended by `clean` (having consumed the OCR up to that position) in
    /// `pending`, if the automata allow the output and the bounds do not rule it out. Returns
    /// false when the bounds rule out every costlier hypothesis too: its channel cost alone
    /// does (the character model's cost is never negative, and hypotheses come cheapest
    /// first).
    fn extend(&mut self, hyp: &Hyp, known: &mut Known, clean: &str, cost: f32, at: usize, pending: &mut Pending) -> bool {
        if !pending.admits(hyp.cost + cost) {
            return false;
        }
        let (mut nodes, mut step) = (hyp.nodes, hyp.step);
        let mut extra = 0.0f32;
        match self.automata {
            Some(a) => {
                if known.steps == NO_INDEX {
                    known.steps = self.span_of(hyp, a) as u32;
                }
                // An empty clean segment (an OCR speck) leaves the nodes where they are.
                if !clean.is_empty() {
                    let Some(after) = self.walk_from(known.steps as usize, clean, a) else { return true };
                    (nodes, step) = after;
                }
            }
            None => {
                let mut tail = known.tail;
                for c in clean.chars() {
                    extra += self.char_cost(tail, c);
                    tail = chargram::shift(tail, c);
                }
            }
        }
        let cost = hyp.cost + cost + extra;
        if !pending.admits(cost) {
            return true;
        }
        let next = self.append(hyp, clean.as_bytes(), cost, at as u16, (nodes, step));
        self.push(pending, next);
        true
    }

    /// `hyp` with `clean` appended to its output as a new segment.
    /// `(nodes, step)`: the automata's nodes after it and the step that led there.
    fn append(&mut self, hyp: &Hyp, clean: &[u8], cost: f32, consumed: u16, (nodes, step): (Nodes, u32)) -> Hyp {
        let (out_start, out_len) = if clean.is_empty() {
            (hyp.out_start, hyp.out_len)
        } else {
            let start = self.arena.bytes.len();
            let from = hyp.out_start as usize;
            self.arena.bytes.extend_from_within(from..from + hyp.out_len as usize);
            self.arena.bytes.extend_from_slice(clean);
            (start as u32, hyp.out_len + clean.len() as u32)
        };
        let hash = clean.iter().fold(hyp.hash, |h, &b| (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(SEED));
        let link = self.link(hyp.link, consumed, out_len);
        Hyp { cost, out_start, out_len, link, hash, nodes, step }
    }

    /// The character model's context after `hyp`'s output.
    fn tail(&self, hyp: &Hyp) -> Context {
        chargram::tail_of(std::str::from_utf8(self.arena.out(hyp)).unwrap_or(""))
    }

    fn char_cost(&mut self, context: Context, c: char) -> f32 {
        let decoder = self.decoder;
        let Arena { char_costs, known_char_costs, .. } = &mut self.arena;
        let cost = *char_costs.entry((context, c)).or_insert_with(|| *known_char_costs.entry((context, c)).or_insert_with(|| decoder.words.chars.cost(context, c) as f32));
        decoder.params.char_weight * cost
    }

    /// `hyp` extended by every letter that continues a lexicon form, at the unseen-edit cost,
    /// each handed to `emit`.
    fn unseen_letters(&mut self, hyp: &Hyp, automata: Automata<'_>, consumed: u16, mut emit: impl FnMut(Hyp)) {
        let id = self.span_of(hyp, automata);
        let cost = hyp.cost + self.decoder.params.unseen_edit;
        let mut buf = [0u8; 4];
        for index in self.cache().span(id) {
            let step = *self.cache().at(index);
            if step.alphabetic {
                emit(self.append(hyp, step.c.encode_utf8(&mut buf).as_bytes(), cost, consumed, (step.nodes, index as u32)));
            }
        }
    }

    fn cache(&self) -> &StepCache {
        self.steps.as_deref().unwrap_or(&self.arena.steps)
    }

    fn cache_mut(&mut self) -> &mut StepCache {
        self.steps.as_deref_mut().unwrap_or(&mut self.arena.steps)
    }

    /// The id in the step cache of the characters continuing `hyp`'s nodes.
    fn span_of(&mut self, hyp: &Hyp, automata: Automata<'_>) -> usize {
        match hyp.step {
            NO_INDEX => self.cache_mut().of(hyp.nodes, automata),
            step => self.cache_mut().after(step as usize, automata),
        }
    }

    /// The nodes after the non-empty `clean` from the nodes whose steps are span `id`, and the
    /// step that led there; `None` when the automata do not go on so (or `clean` is empty).
    /// A character at a time through the step cache: the nodes inside a clean segment are
    /// those of other hypotheses' outputs too, and the cache decodes each once per document.
    fn walk_from(&mut self, id: usize, clean: &str, automata: Automata<'f>) -> Option<(Nodes, u32)> {
        let mut chars = clean.chars();
        let mut step = self.cache().step(id, chars.next()?)?;
        for c in chars {
            let id = self.cache_mut().after(step, automata);
            step = self.cache().step(id, c)?;
        }
        Some((self.cache().at(step).nodes, step as u32))
    }

    /// Keeps the cheapest hypothesis per output and the `beam` cheapest overall, within
    /// `window` of the best. Ties in cost are broken by the output, so the result does not
    /// depend on the order of `hyps` (except which of two equal-cost paths to the same output
    /// is kept: the first).
    fn prune(&mut self, mut hyps: Vec<Hyp>, beam: usize, window: f32) -> Vec<Hyp> {
        // Outputs are told apart by their hash first (kept in the hypotheses), through a
        // table reused from layer to layer; the kept ones are compacted in place.
        let Arena { bytes, dedup, chain, .. } = &mut self.arena;
        dedup.clear();
        chain.clear();
        let mut kept = 0;
        for i in 0..hyps.len() {
            let hyp = hyps[i];
            let head = dedup.get(&hyp.hash).copied().unwrap_or(NO_INDEX);
            if let Some(at) = same_output(&hyps[..kept], chain, head, bytes, &hyp) {
                keep_cheaper(&mut hyps[at], hyp);
                continue;
            }
            dedup.insert(hyp.hash, kept as u32);
            chain.push(head);
            hyps[kept] = hyp;
            kept += 1;
        }
        hyps.truncate(kept);
        self.select(hyps, beam, window)
    }

    /// The `beam` cheapest of `kept` (distinct outputs), cheapest first, within `window` of
    /// the best; ties in cost are broken by the output.
    fn select(&self, mut kept: Vec<Hyp>, beam: usize, window: f32) -> Vec<Hyp> {
        let arena = &self.arena;
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
