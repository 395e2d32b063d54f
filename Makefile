# normbase — the README's two commands:
#   make kb    installs what is missing, builds, and ingests corpus/ into kb.json
#   make test  the same package step, then the whole test suite
CARGO ?= cargo

.PHONY: kb test packages build data bench clean

kb: packages data build
	./target/release/normbase ingest --out kb.json

test: packages data
	$(CARGO) test --release --all-targets

packages:
	@scripts/install-packages

build:
	$(CARGO) build --release

# Built language data (lexicon, models); see scripts/ and the README.
data: packages

bench: packages data
	$(CARGO) bench

clean:
	$(CARGO) clean
	rm -f kb.json
