//! Throughput of the whole per-document pipeline (acquire → repair → segment → extract) on the
//! corpus, one thread: documents and bytes per second per core.
//!
//! `cargo bench --bench pipeline`. The numbers in the README come from this.

use std::path::Path;

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use normbase::acquire::Input;
use normbase::{driver, kb, pipeline};

fn main() {
    divan::main();
}

fn corpus_inputs() -> Vec<Input> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (files, _) = driver::collect_inputs(&[root]);
    files.iter().filter_map(|path| driver::read_input(path).ok()).collect()
}

/// Every corpus document through every per-document stage.
#[divan::bench(sample_count = 20)]
fn corpus_per_document(bencher: Bencher) {
    let inputs = corpus_inputs();
    let resources = driver::load_resources();
    let bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    bencher
        .counter(ItemsCount::new(inputs.len()))
        .counter(BytesCount::new(bytes))
        .bench(|| inputs.iter().filter_map(|input| pipeline::process(input, &resources).ok()).count());
}

/// Merging the corpus documents into a knowledge base and serialising it.
#[divan::bench(sample_count = 20)]
fn corpus_kb_build(bencher: Bencher) {
    let resources = driver::load_resources();
    let documents: Vec<_> = corpus_inputs().iter().filter_map(|i| pipeline::process(i, &resources).ok()).collect();
    bencher.bench(|| driver::kb_json(&kb::build(documents.clone())).len());
}

/// Loading the language resources (lexicon, models) as the CLI does at start-up.
#[divan::bench(sample_count = 10)]
fn load_resources() -> normbase::lang::Resources {
    driver::load_resources()
}
