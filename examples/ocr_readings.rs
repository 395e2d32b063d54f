//! Prints the OCR readings of words, for reading the decoder's choices:
//! `cargo run --release --example ocr_readings -- [--exclude seeds/000,seeds/003] [--rus] WORD...`
//! Leave-one-out as in `normbase eval repair`: the excluded documents feed no model.

use normbase::repair::ocr::channel::EngineModel;
use normbase::repair::ocr::decode::{Decoder, Params};

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut exclude = vec!["seeds/000".to_owned(), "seeds/003".to_owned()];
    let mut engine = EngineModel::English;
    if let Some(i) = args.iter().position(|a| a == "--exclude") {
        exclude = args.get(i + 1).map(|s| s.split(',').map(str::to_owned).collect()).unwrap_or_default();
        args.drain(i..(i + 2).min(args.len()));
    }
    if let Some(i) = args.iter().position(|a| a == "--rus") {
        engine = EngineModel::Russian;
        args.remove(i);
    }
    let data = normbase::driver::load_language_data().map_err(anyhow::Error::msg)?;
    let exclude: Vec<&str> = exclude.iter().map(String::as_str).collect();
    let resources = data.resources(&exclude);
    let models = resources.ocr.as_ref().ok_or_else(|| anyhow::anyhow!("no OCR models"))?;
    let channel = match engine {
        EngineModel::English => &models.english,
        EngineModel::Russian => &models.russian,
    };
    let decoder = Decoder { lexicon: resources.lexicon.as_ref(), words: &models.words, channel, params: Params::default() };
    if args.first().map(String::as_str) == Some("--check") {
        // Lines "ocr<TAB>expected": how far the decoder is from the expected word.
        let lexicon = resources.lexicon.as_ref().ok_or_else(|| anyhow::anyhow!("no lexicon"))?;
        let (mut absent, mut chained, mut unranked, mut outranked) = (0, 0, 0, 0);
        for line in std::io::stdin().lines() {
            let line = line?;
            let Some((ocr, expected)) = line.split_once('\t') else { continue };
            let expected = expected.split('\t').next().unwrap_or("").to_lowercase();
            let readings = decoder.readings(ocr, 8);
            let rank = readings.iter().position(|r| r.lower == expected);
            let verdict = match rank {
                // The pass searches the suffix chains apart (not shown here): such words are
                // counted on their own, not as missing.
                _ if !lexicon.contains(&expected) && models.chains.as_ref().is_some_and(|c| c.contains(&expected)) => { chained += 1; "only in the suffix chains".to_owned() }
                _ if !lexicon.contains(&expected) => { absent += 1; "not in lexicon".to_owned() }
                None => { unranked += 1; "not found".to_owned() }
                Some(k) => { outranked += 1; format!("rank {k}") }
            };
            println!("{ocr}\t{expected}\t{verdict}\t{}", readings.first().map(|r| r.lower.as_str()).unwrap_or(""));
        }
        println!("not in lexicon {absent}, only in the suffix chains {chained}, not found {unranked}, found but not chosen {outranked}");
        return Ok(());
    }
    for word in &args {
        println!("{word}");
        for reading in decoder.readings(word, 8) {
            let unigram = models.words.unigram_cost(&reading.lower);
            println!("  {:<24} channel {:>6.2} cost {:>6.2} unigram {:>6.2} {:?} cases {:?}", reading.text, reading.channel_cost, reading.cost, unigram, reading.origin, reading.case_costs);
        }
    }
    Ok(())
}
