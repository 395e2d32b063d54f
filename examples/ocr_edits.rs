//! Prints the OCR pass's edits of one damaged text, leave-one-out, one per line:
//! `start<TAB>end<TAB>kind<TAB>confidence<TAB>after` (byte offsets into the text).
//! `cargo run --release --example ocr_edits -- DAMAGED.txt [EXCLUDED_DOC_ID...]`
//! Used by `scripts/ocr-training/calibrate` to check that confidences mean what they say.

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else { anyhow::bail!("usage: ocr_edits DAMAGED.txt [EXCLUDED_DOC_ID...]") };
    let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    let exclude: Vec<&str> = args[1..].iter().map(String::as_str).collect();
    let data = normbase::driver::load_language_data().map_err(anyhow::Error::msg)?;
    let resources = data.resources(&exclude);
    for change in normbase::repair::ocr::find(&text, &resources) {
        println!("{}\t{}\t{:?}\t{}\t{}", change.start, change.end, change.kind, change.confidence, change.after);
    }
    Ok(())
}
