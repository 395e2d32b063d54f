//! Speed of the OCR repair: damaged words per second on one thread, and the time to load the
//! lexicon and models. `cargo bench --bench repair_ocr` (needs `make data`).
//!
//! The text is the English-model seed (every word damaged). Readings are cached per document,
//! so repeated words are cheap, as in real documents.

use std::path::Path;

use divan::counter::ItemsCount;
use divan::Bencher;
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

/// Loading the lexicon, the corpus word model and the channel models.
#[divan::bench(sample_count = 5)]
fn load() -> bool {
    driver::load_resources_excluding(&[]).is_ok()
}
