//! The driver: everything that touches the outside world. It finds input files, reads them,
//! runs the pure per-document [`pipeline`] on a rayon pool, builds the knowledge base and writes
//! it atomically (temp file + rename), with progress on stderr.
//!
//! Not here: any decision about text (those live in the stages), argument parsing (the
//! binary).

use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::acquire::Input;
use crate::lang::Resources;
use crate::model::{Document, KnowledgeBase};
use crate::{kb, pipeline};

/// File name endings `ingest` picks up when it walks a directory. A file named explicitly is
/// always tried, whatever its name.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "text", "pdf", "png", "jpg", "jpeg", "tif", "tiff"];

/// Directories a walk does not enter.
const SKIPPED_DIRS: &[&str] = &[".git", "target"];

/// One input that could not be turned into a document, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub path: String,
    pub cause: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.cause)
    }
}

/// What an ingest run did.
#[derive(Debug)]
pub struct IngestReport {
    pub kb: KnowledgeBase,
    pub failures: Vec<Failure>,
    pub elapsed: Duration,
}

/// How to run an ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub paths: Vec<PathBuf>,
    /// Worker threads; `None` = one per core.
    pub jobs: Option<usize>,
    /// Show a progress bar on stderr (when it is a terminal and there are enough files).
    pub progress: bool,
    /// How scans (PDFs, images) are OCR'd.
    pub ocr: crate::scan::OcrOptions,
}

/// Finds the input files under `paths`, in a stable order. Paths that do not exist and
/// directories without documents are failures; the rest is still returned.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Failure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Err(err) => failures.push(Failure { path: display(path), cause: io_cause(&err) }),
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                if let Err(failure) = walk(path, &mut files) {
                    failures.push(failure);
                }
                if files.len() == before {
                    failures.push(Failure { path: display(path), cause: "directory holds no documents".into() });
                }
            }
            Ok(_) => files.push(path.clone()),
        }
    }
    (files, failures)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let read = fs::read_dir(dir).map_err(|err| Failure { path: display(dir), cause: io_cause(&err) })?;
    let mut entries: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for entry in entries {
        let name = entry.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if entry.is_dir() {
            if !SKIPPED_DIRS.contains(&name) && !name.starts_with('.') {
                walk(&entry, files)?;
            }
        } else if is_document_name(name) {
            files.push(entry);
        }
    }
    Ok(())
}

fn is_document_name(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ext.is_some_and(|ext| DOCUMENT_EXTENSIONS.contains(&ext.as_str()))
}

/// Reads and processes every input, then builds the knowledge base. Never fails as a whole:
/// each bad input becomes a [`Failure`].
pub fn ingest(options: &IngestOptions, resources: &Resources) -> IngestReport {
    let started = Instant::now();
    let (files, mut failures) = collect_inputs(&options.paths);
    let bar = progress_bar(options.progress, files.len());
    let run = || {
        files
            .par_iter()
            .map(|path| {
                let result = process_file_with(path, resources, &options.ocr);
                bar.inc(1);
                result
            })
            .collect::<Vec<Result<Document, Failure>>>()
    };
    let results = match rayon::ThreadPoolBuilder::new().num_threads(options.jobs.unwrap_or(0)).build() {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    };
    bar.finish_and_clear();
    let mut documents = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(doc) => documents.push(doc),
            Err(failure) => failures.push(failure),
        }
    }
    IngestReport { kb: kb::build(documents), failures, elapsed: started.elapsed() }
}

/// Reads one file and runs the pipeline on it.
pub fn process_file(path: &Path, resources: &Resources) -> Result<Document, Failure> {
    process_file_with(path, resources, &crate::scan::OcrOptions::default())
}

/// Reads one file (text or scan, see [`crate::scan`]) and runs the pipeline on it.
pub fn process_file_with(path: &Path, resources: &Resources, ocr: &crate::scan::OcrOptions) -> Result<Document, Failure> {
    let input = read_input(path)?;
    let acquired = crate::scan::acquire_any(&input, ocr).map_err(|err| Failure { path: input.path.clone(), cause: err.to_string() })?;
    Ok(pipeline::process_acquired(&input, acquired, resources))
}

/// Reads a file into an [`Input`].
pub fn read_input(path: &Path) -> Result<Input, Failure> {
    let bytes = fs::read(path).map_err(|err| Failure { path: display(path), cause: io_cause(&err) })?;
    Ok(Input { path: display(path), bytes })
}

fn progress_bar(wanted: bool, len: usize) -> indicatif::ProgressBar {
    if !wanted || len <= 8 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {elapsed} ({eta} left)") {
        bar.set_style(style);
    }
    bar
}

/// Writes `bytes` to `path` atomically: a temp file in the same directory, then a rename, so a
/// reader never sees a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// The knowledge base as the bytes written to `kb.json`: pretty JSON and a final newline.
pub fn kb_json(kb: &KnowledgeBase) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(kb).expect("the model serialises");
    bytes.push(b'\n');
    bytes
}

/// Loads the language resources the pipeline uses (lexicon, corpus word model, OCR channel
/// models) from the data directory (see [`data_dir`]). When the data is missing or broken it
/// says so on stderr — "run `make data`" — and returns no resources: the pipeline still runs,
/// on heuristics only.
pub fn load_resources() -> Resources {
    match load_resources_excluding(&[]) {
        Ok(resources) => resources,
        Err(err) => {
            eprintln!("normbase: {err}; continuing without lexicon and OCR models");
            Resources::none()
        }
    }
}

/// The language resources without anything learnt from the documents `exclude` (ids such as
/// `seeds/000`): what leave-one-out evaluation measures with.
pub fn load_resources_excluding(exclude: &[&str]) -> Result<Resources, String> {
    Ok(load_language_data()?.resources(exclude))
}

/// Reads and parses the language data files once; evaluations that hold out a different
/// document each time take their resources from this instead of reloading the files.
pub fn load_language_data() -> Result<crate::lang::data::LanguageData, String> {
    let dir = data_dir().ok_or("language data not found (no data/build/lexicon.fst next to the executable or the crate): run `make data`")?;
    let read = |name: &str| fs::read(dir.join(name)).map_err(|err| format!("{}: {}: run `make data`", display(&dir.join(name)), io_cause(&err)));
    let files = crate::lang::data::DataFiles {
        general_lexicon: read("build/lexicon.fst")?,
        corpus_counts: String::from_utf8_lossy(&read("corpus-counts.tsv")?).into_owned(),
        channel_counts: String::from_utf8_lossy(&read("ocr-channel.tsv")?).into_owned(),
        chain_lexicon: read("build/chains.fst")?,
        attested_lexicon: read("build/attested.fst")?,
        char_grams: read("build/chargrams.fst")?,
    };
    crate::lang::data::LanguageData::parse(files).map_err(|err| format!("{err}: run `make data`"))
}

/// The data directory: `$NORMBASE_DATA`, else the first `data/` with a built lexicon in an
/// ancestor of the executable's directory or of the current directory, else the crate's.
pub fn data_dir() -> Option<PathBuf> {
    let has_lexicon = |dir: &Path| dir.join("build/lexicon.fst").is_file();
    if let Some(dir) = std::env::var_os("NORMBASE_DATA").map(PathBuf::from) {
        return Some(dir);
    }
    let starts = [std::env::current_exe().ok().and_then(|p| p.parent().map(Path::to_path_buf)), std::env::current_dir().ok()];
    for start in starts.into_iter().flatten() {
        if let Some(dir) = start.ancestors().map(|a| a.join("data")).find(|d| has_lexicon(d)) {
            return Some(dir);
        }
    }
    let crate_data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    has_lexicon(&crate_data).then_some(crate_data)
}

/// A path as it goes into messages and `source.path`: as given, with `/` separators.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn io_cause(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kb.json");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left behind");
    }

    #[test]
    fn document_names() {
        assert!(is_document_name("000_4a8942dd3ddeb8f3.txt"));
        assert!(is_document_name("scan.TIFF"));
        assert!(!is_document_name("meta.yaml"));
        assert!(!is_document_name("README.md"));
    }
}
