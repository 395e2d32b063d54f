//! Prints what the channel offers for OCR segments, for reading the decoder's choices:
//! `cargo run --release --example channel_sources -- [--rus] SEGMENT...`: the clean sources of
//! each segment with their costs, then those of its other letter cases.

use normbase::repair::ocr::channel::EngineModel;

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut engine = EngineModel::English;
    if let Some(i) = args.iter().position(|a| a == "--rus") {
        engine = EngineModel::Russian;
        args.remove(i);
    }
    let data = normbase::driver::load_language_data().map_err(anyhow::Error::msg)?;
    let resources = data.resources(&[]);
    let models = resources.ocr.as_ref().ok_or_else(|| anyhow::anyhow!("no OCR models"))?;
    let channel = match engine {
        EngineModel::English => &models.english,
        EngineModel::Russian => &models.russian,
    };
    for segment in &args {
        let sources: Vec<String> = channel.sources(segment).iter().map(|s| format!("{}:{:.2}", s.clean, s.cost)).collect();
        let backoff: Vec<String> = channel.case_backoff_iter(segment, 0.0).map(|(clean, cost)| format!("{clean}:{cost:.2}")).collect();
        println!("{segment}\t{}\t| other cases: {}", sources.join(" "), backoff.join(" "));
    }
    Ok(())
}
