//! The `normbase` command: argument parsing and exit codes around [`normbase::driver`].
//!
//! Exit codes: 0 = every input processed, 1 = some input failed (the others were still
//! processed), 2 = usage error.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use normbase::{acquire, driver, model, repair, segment};

#[derive(Parser)]
#[command(name = "normbase", version, about = "Kazakhstan's legal orders into a structured, auditable JSON knowledge base")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process files and directories (recursively) into a knowledge base.
    Ingest {
        /// Files and directories to read; default: `corpus/`.
        paths: Vec<PathBuf>,
        /// Where to write the knowledge base (atomically).
        #[arg(long, default_value = "kb.json")]
        out: PathBuf,
        /// Worker threads (default: one per core).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        /// Do not show a progress bar.
        #[arg(long)]
        quiet: bool,
        /// Tesseract languages for scans (PDF without a text layer, PNG, JPEG, TIFF), `+`-joined.
        #[arg(long, default_value = normbase::scan::DEFAULT_OCR_LANGUAGES)]
        ocr_lang: String,
    },
    /// Repair one text: bytes in (any supported encoding), repaired UTF-8 text out.
    Repair {
        /// The file to repair; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// Write the repaired text here instead of standard output.
        #[arg(short = 'o', long)]
        out: Option<PathBuf>,
        /// Write every edit as JSON to this file.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Print the structure tree of one document as JSON.
    Segment {
        file: PathBuf,
        /// Print an indented outline for people instead of JSON.
        #[arg(long)]
        outline: bool,
    },
    /// Print the JSON Schema of the knowledge base.
    Schema,
    /// Measure a stage against gold data (leave-one-out).
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Print which acts are in force, repealed or not yet in force on a date, and why.
    Status {
        /// The knowledge base to read.
        #[arg(default_value = "kb.json")]
        kb: PathBuf,
        /// The day to ask about (YYYY-MM-DD).
        #[arg(long)]
        at: String,
    },
    /// Print consistency findings, one per line; exit 1 when any is an error.
    Check {
        /// The knowledge base to read.
        #[arg(default_value = "kb.json")]
        kb: PathBuf,
    },
    /// Print a file's text as acquired (decoded, converted from markdown or OCR'd), before
    /// any repair.
    Text { file: PathBuf },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Character and word error rates of the repair over damaged/clean pairs.
    Repair {
        /// A directory of pairs (damaged text + clean text).
        #[arg(long)]
        pairs: Option<PathBuf>,
        /// Write each pair's repaired text to DIR/<name>.repaired.txt.
        #[arg(long, value_name = "DIR")]
        dump: Option<PathBuf>,
        /// Also break the errors left down by kind (case, punctuation, number, Latin left,
        /// word, split or merge), with the N most frequent confusions and broken words.
        #[arg(long, value_name = "N")]
        errors: Option<usize>,
    },
    /// Precision/recall/F1 of segmentation over (eid, kind, num) against gold structure.
    Segment {
        #[arg(long)]
        gold: Option<PathBuf>,
    },
    /// Precision/recall/F1 per field of extraction against gold.
    Extract {
        #[arg(long)]
        gold: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    limit_openmp_threads();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("normbase: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// Tesseract's OpenMP threads would fight rayon's workers for the cores, so OpenMP gets one
/// thread. libgomp reads `OMP_THREAD_LIMIT` when it loads, before `main`, so setting it here
/// would be too late: without it, the process re-executes itself with it set.
fn limit_openmp_threads() {
    #[cfg(unix)]
    if std::env::var_os("OMP_THREAD_LIMIT").is_none() {
        use std::os::unix::process::CommandExt;
        if let Ok(exe) = std::env::current_exe() {
            let mut args = std::env::args_os();
            let arg0 = args.next().unwrap_or_else(|| exe.clone().into_os_string());
            // `exec` returns only on failure; then run on with OpenMP's default.
            let _ = std::process::Command::new(&exe).arg0(arg0).args(args).env("OMP_THREAD_LIMIT", "1").exec();
        }
    }
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Ingest { paths, out, jobs, quiet, ocr_lang } => ingest(paths, &out, jobs, quiet, ocr_lang),
        Command::Repair { file, out, report } => repair_command(file.as_deref(), out.as_deref(), report.as_deref()),
        Command::Segment { file, outline } => segment_command(&file, outline),
        Command::Text { file } => {
            let input = driver::read_input(&file).map_err(|f| anyhow::anyhow!("{f}"))?;
            let acquired = normbase::scan::acquire_any(&input, &normbase::scan::OcrOptions::default())
                .map_err(|err| anyhow::anyhow!("{}: {err}", input.path))?;
            std::io::stdout().write_all(acquired.text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { what } => eval_command(what),
        Command::Status { kb, at } => status_command(&kb, &at),
        Command::Check { kb } => check_command(&kb),
        Command::Schema => {
            print!("{}", model::kb_schema_json());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn ingest(paths: Vec<PathBuf>, out: &Path, jobs: Option<usize>, quiet: bool, ocr_lang: String) -> Result<ExitCode> {
    let paths = if paths.is_empty() { vec![PathBuf::from("corpus")] } else { paths };
    let resources = driver::load_resources();
    let ocr = normbase::scan::OcrOptions { languages: ocr_lang };
    let options = driver::IngestOptions { paths, jobs, progress: !quiet, ocr };
    let report = driver::ingest(&options, &resources);
    for failure in &report.failures {
        eprintln!("normbase: {failure}");
    }
    driver::write_atomically(out, &driver::kb_json(&report.kb)).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "ingested {} documents into {} ({} acts, {} relations), {} failed, in {:.2}s",
        report.kb.documents.len(),
        out.display(),
        report.kb.acts.len(),
        report.kb.relations.len(),
        report.failures.len(),
        report.elapsed.as_secs_f64()
    );
    Ok(if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn repair_command(file: Option<&Path>, out: Option<&Path>, report: Option<&Path>) -> Result<ExitCode> {
    let input = match file {
        Some(path) if path != Path::new("-") => driver::read_input(path).map_err(|f| anyhow::anyhow!("{f}"))?,
        _ => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
            acquire::Input { path: "<stdin>".into(), bytes }
        }
    };
    let repaired = acquire_and_repair(&input)?;
    match out {
        Some(path) => driver::write_atomically(path, repaired.text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().write_all(repaired.text.as_bytes()).context("cannot write standard output")?,
    }
    if let Some(path) = report {
        let mut json = serde_json::to_vec_pretty(&repaired.edits)?;
        json.push(b'\n');
        driver::write_atomically(path, &json).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The text the pipeline would segment: acquired (text formats) and repaired.
fn acquire_and_repair(input: &acquire::Input) -> Result<model::Repaired> {
    let acquired = acquire::acquire(input).map_err(|err| anyhow::anyhow!("{}: {err}", input.path))?;
    Ok(repair::repair(&acquired.text, &driver::load_resources()))
}

fn segment_command(file: &Path, outline: bool) -> Result<ExitCode> {
    let input = driver::read_input(file).map_err(|f| anyhow::anyhow!("{f}"))?;
    let repaired = acquire_and_repair(&input)?;
    let language = normbase::lang::identify(&repaired.text);
    let tree = segment::segment(&repaired.text, language);
    if outline {
        print!("{}", segment_outline(&tree, &repaired.text));
    } else {
        println!("{}", serde_json::to_string_pretty(&tree)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// One line per node, indented by depth: eid, the number as written, and the heading (or the
/// node's first words), so a person can check the structure against the text.
fn segment_outline(nodes: &[model::Node], text: &str) -> String {
    fn visit(node: &model::Node, text: &str, depth: usize, out: &mut String) {
        let first_line = node.span.of(text).lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("<a ")).unwrap_or("");
        let label = node.heading.as_deref().unwrap_or(first_line);
        let preview: String = label.chars().take(80).collect();
        let ellipsis = if label.chars().count() > 80 { "…" } else { "" };
        let num = node.num.as_ref().map(|n| format!(" [{}]", n.raw)).unwrap_or_default();
        out.push_str(&format!("{:indent$}{}{num}  {preview}{ellipsis}\n", "", node.eid, indent = depth * 2));
        for child in &node.children {
            visit(child, text, depth + 1, out);
        }
    }
    let mut out = String::new();
    for node in nodes {
        visit(node, text, 0, &mut out);
    }
    out
}

fn eval_command(what: EvalCommand) -> Result<ExitCode> {
    use normbase::eval;
    let report = match what {
        EvalCommand::Repair { pairs, dump, errors } => eval::repair::run(&eval::repair::Options { gold: pairs, dump, errors }),
        EvalCommand::Segment { gold } => eval::segment::run(&eval::segment::Options { gold }),
        EvalCommand::Extract { gold } => eval::extract::run(&eval::extract::Options { gold }),
    }?;
    print!("{}", report.text);
    Ok(if report.targets_met { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn read_kb(path: &Path) -> Result<model::KnowledgeBase> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{} is not a knowledge base", path.display()))
}

fn status_command(path: &Path, at: &str) -> Result<ExitCode> {
    let day: model::Date = at.parse().map_err(|_| anyhow::anyhow!("--at {at}: expected a date like 2026-01-01"))?;
    let kb = read_kb(path)?;
    let mut out = String::new();
    for act in &kb.acts {
        let on = normbase::kb::timeline::status_on(act, day);
        let state = match on.state {
            model::StatusState::InForce => "in force",
            model::StatusState::NotYetInForce => "not yet in force",
            model::StatusState::Repealed => "repealed",
            model::StatusState::Unknown => "unknown",
        };
        out.push_str(&format!("{state:<16}  {}  {}\n", act.id, on.why));
    }
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn check_command(path: &Path) -> Result<ExitCode> {
    let kb = read_kb(path)?;
    let findings = normbase::check::check(&kb);
    let mut out = String::new();
    for finding in &findings {
        out.push_str(&normbase::check::render(finding));
        out.push('\n');
    }
    std::io::stdout().write_all(out.as_bytes())?;
    let errors = findings.iter().filter(|f| f.severity == model::Severity::Error).count();
    eprintln!("{} findings, {errors} errors", findings.len());
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
