# normbase — the README's two commands:
#   make kb    installs what is missing, builds, and ingests corpus/ into kb.json
#   make test  the same package step, then the whole test suite
CARGO ?= cargo

.PHONY: kb test packages build data bench clean

kb: packages data build
	./target/release/normbase ingest --out kb.json

# The property tests draw the same sample on every run here, so that what passed once passes
# again on a fresh clone; a bare `cargo test` draws a new one each time and explores.
PROPTEST_RNG_SEED ?= 20261122

test: packages data
	PROPTEST_RNG_SEED=$(PROPTEST_RNG_SEED) $(CARGO) test --release --all-targets

packages:
	@scripts/install-packages

build:
	$(CARGO) build --release

# Built language data (lexicon, models); see scripts/ and the README.
# data/build/lexicon.fst (hunspell-kk + hunspell-ru, affixes expanded) and data/corpus-counts.tsv
# are rebuilt when their inputs change; data/ocr-channel.tsv is committed (making it renders and
# OCRs pages for minutes: scripts/ocr-training/README.md).
data: packages data/build/lexicon.fst data/build/attested.fst data/build/chains.fst data/corpus-counts.tsv data/build/chargrams.fst

data/build/lexicon.fst data/build/attested.fst data/build/chains.fst data/corpus-counts.tsv &: scripts/build-lexicon examples/build_data.rs examples/inflect.rs src/lang/lexicon.rs src/lang/corpus.rs src/lang/morphology.rs $(wildcard corpus/seeds/*.txt corpus/public-acts/*/*.txt)
	CARGO=$(CARGO) scripts/build-lexicon

# The character model of unknown words, from the running-text forms (src/lang/chargram.rs).
data/build/chargrams.fst: data/build/attested.fst examples/build_data.rs src/lang/chargram.rs
	$(CARGO) run --quiet --release --example build_data -- char-grams $@ data/build/attested.fst

bench: packages data
	$(CARGO) bench

clean:
	$(CARGO) clean
	rm -f kb.json
