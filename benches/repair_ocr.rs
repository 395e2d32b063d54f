//! Speed of the OCR repair: damaged words per second on one thread, and the time to load the
//! lexicon and models. `cargo bench --bench repair_ocr` (needs `make data`).
//!
//! The text is the English-model seed (every word damaged). `seed` is the whole OCR pass over
//! one document, cold: readings are cached per document only (repeated words are cheap, as in
//! real documents), and nothing is shared between iterations but the character model's costs,
//! which a thread keeps from document to document as a batch does (the first iteration, the
//! slowest, looks them up). `decoder` is the candidate
//! search alone: every distinct word of the seed read once, so it counts distinct words.

use std::path::Path;

use divan::counter::ItemsCount;
use divan::Bencher;
use normbase::repair::ocr::decode::{Decoder, Params};
use normbase::{driver, repair};

fn main() {
    divan::main();
}

fn damaged_seed() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ocr/pairs/seed-003.damaged.txt");
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The OCR pass over the whole English-model seed: words per second.
#[divan::bench(sample_count = 5)]
fn seed(bencher: Bencher) {
    let Ok(resources) = driver::load_resources_excluding(&["seeds/000", "seeds/003"]) else { return };
    let text = damaged_seed();
    let words = text.split_whitespace().count();
    bencher.counter(ItemsCount::new(words)).bench(|| repair::ocr::find(&text, &resources).len());
}

/// The decoder's candidate search (lexicon and character model) for each distinct word of
/// the seed, as the English-model channel reads it: distinct words per second.
#[divan::bench(sample_count = 5)]
fn decoder(bencher: Bencher) {
    let Ok(resources) = driver::load_resources_excluding(&["seeds/000", "seeds/003"]) else { return };
    let Some(models) = resources.ocr.as_ref() else { return };
    let decoder = Decoder { lexicon: resources.lexicon.as_ref(), words: &models.words, channel: &models.english, params: Params::default() };
    let text = damaged_seed();
    let mut words: Vec<&str> = text.split_whitespace().collect();
    words.sort_unstable();
    words.dedup();
    bencher.counter(ItemsCount::new(words.len())).bench(|| words.iter().map(|w| decoder.readings(w, 4).len()).sum::<usize>());
}

/// Loading the lexicon, the corpus word model and the channel models.
#[divan::bench(sample_count = 5)]
fn load() -> bool {
    driver::load_resources_excluding(&[]).is_ok()
}
