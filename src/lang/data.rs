//! Assembling [`Resources`] from the contents of the built data files, leaving out the
//! documents being measured (leave-one-out is structural: the corpus-derived parts are summed
//! here, per document, at load time).
//!
//! Not here: finding and reading the files (the driver: `driver::load_resources`), building
//! them (`scripts/build-lexicon`, `scripts/ocr-training/`).

use std::sync::Arc;

use fst::Set;

use super::chargram::CharGrams;
use super::corpus::CorpusCounts;
use super::lexicon::Lexicon;
use super::Resources;
use crate::repair::ocr::channel::{ChannelCounts, EngineModel};
use crate::repair::ocr::OcrModels;

/// The raw contents of the data files.
#[derive(Debug, Default)]
pub struct DataFiles {
    /// `data/build/lexicon.fst`: the hunspell-derived general lexicon.
    pub general_lexicon: Vec<u8>,
    /// `data/corpus-counts.tsv`.
    pub corpus_counts: String,
    /// `data/ocr-channel.tsv`.
    pub channel_counts: String,
    /// `data/build/chains.fst`: generated Kazakh suffix chains (empty: none).
    pub chain_lexicon: Vec<u8>,
    /// `data/build/attested.fst`: the forms seen in running text (empty: none, so every form
    /// counts as attested).
    pub attested_lexicon: Vec<u8>,
    /// `data/build/chargrams.fst`: the character model of unknown words (empty: none, so the
    /// corpus words' character bigrams stand in).
    pub char_grams: Vec<u8>,
}

/// Why the data could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{file}: {cause}")]
    Invalid { file: &'static str, cause: String },
}

/// The data files parsed once; [`LanguageData::resources`] then assembles the resources for any
/// set of held-out documents without reading or parsing anything again.
#[derive(Debug, Clone)]
pub struct LanguageData {
    counts: CorpusCounts,
    channel: ChannelCounts,
    general: Lexicon,
    chains: Option<Lexicon>,
    char_grams: Option<Arc<CharGrams>>,
}

impl LanguageData {
    pub fn parse(files: DataFiles) -> Result<LanguageData, DataError> {
        let counts = CorpusCounts::from_tsv(&files.corpus_counts).map_err(|cause| DataError::Invalid { file: "corpus-counts.tsv", cause })?;
        let channel = ChannelCounts::from_tsv(&files.channel_counts).map_err(|cause| DataError::Invalid { file: "ocr-channel.tsv", cause })?;
        let attested = if files.attested_lexicon.is_empty() {
            None
        } else {
            Some(Arc::new(Set::new(files.attested_lexicon).map_err(|err| DataError::Invalid { file: "attested.fst", cause: err.to_string() })?))
        };
        let attest = |lexicon: Lexicon| match &attested {
            Some(set) => lexicon.with_attested(Arc::clone(set)),
            None => lexicon,
        };
        let general = attest(Lexicon::from_bytes(files.general_lexicon).map_err(|err| DataError::Invalid { file: "lexicon.fst", cause: err.to_string() })?);
        let chains = if files.chain_lexicon.is_empty() {
            None
        } else {
            Some(attest(Lexicon::from_bytes(files.chain_lexicon).map_err(|err| DataError::Invalid { file: "chains.fst", cause: err.to_string() })?))
        };
        let char_grams = if files.char_grams.is_empty() {
            None
        } else {
            Some(Arc::new(CharGrams::from_bytes(files.char_grams).map_err(|err| DataError::Invalid { file: "chargrams.fst", cause: err.to_string() })?))
        };
        Ok(LanguageData { counts, channel, general, chains, char_grams })
    }

    /// The resources without anything learnt from the documents in `exclude` (document ids as
    /// in the counts: `seeds/000`, `public-acts/1469/kaz`).
    pub fn resources(&self, exclude: &[&str]) -> Resources {
        let mut words = self.counts.model(exclude);
        if let Some(grams) = &self.char_grams {
            words = words.with_char_grams(Arc::clone(grams));
        }
        let lexicon = self.general.clone().with_corpus_words(words.words().filter(|w| !w.starts_with('<')));
        let ocr = OcrModels {
            english: self.channel.channel(EngineModel::English, exclude),
            russian: self.channel.channel(EngineModel::Russian, exclude),
            words,
            chains: self.chains.clone(),
            corpus_words: Some(lexicon.corpus_only()),
        };
        Resources { lexicon: Some(lexicon), ocr: Some(ocr) }
    }
}

/// The resources from `files`, without anything learnt from the documents in `exclude`.
pub fn resources(files: DataFiles, exclude: &[&str]) -> Result<Resources, DataError> {
    Ok(LanguageData::parse(files)?.resources(exclude))
}
