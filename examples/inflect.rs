//! Builds `data/build/chains.fst`: the Kazakh noun suffix chains of every stem of a hunspell
//! dictionary (see `normbase::lang::morphology`), as a lexicon the OCR pass searches apart.
//! `cargo run --release --example inflect -- kk_KZ.dic OUT.fst` (run by `scripts/build-lexicon`).

use normbase::lang::lexicon::{build_general, KAZAKH};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dic, out] = &args[..] else { anyhow::bail!("usage: inflect DIC OUT.fst") };
    let text = std::fs::read_to_string(dic).map_err(|e| anyhow::anyhow!("{dic}: {e}"))?;
    // The first line of a .dic is its entry count.
    let stems: Vec<String> = text.lines().skip(1).map(|line| line.split('/').next().unwrap_or("").trim().to_owned()).collect();
    let forms = normbase::lang::morphology::chains_of_stems(&stems);
    let count = forms.len();
    let bytes = build_general(forms.into_iter().map(|form| (form, KAZAKH)));
    std::fs::write(out, &bytes).map_err(|e| anyhow::anyhow!("{out}: {e}"))?;
    eprintln!("chains: {count} forms, {} bytes -> {out}", bytes.len());
    Ok(())
}
