//! `normbase ingest` over a folder of mixed text, images and PDFs, bad scans included: one
//! knowledge base with every good input, a clear per-file error for each bad one, no panic,
//! exit code 1 (some input failed), and `--ocr-lang` recorded in the sources.

use std::fs;
use std::path::Path;
use std::process::Command;

use normbase::model::{KnowledgeBase, SourceFormat};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/acquire").join(name)
}

fn copy_into(dir: &Path, names: &[&str]) {
    for name in names {
        let target = dir.join(Path::new(name).file_name().expect("a file name"));
        fs::copy(fixture(name), target).expect("fixture copies");
    }
}

#[test]
fn a_mixed_folder_becomes_one_knowledge_base_and_bad_scans_fail_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).expect("input dir");
    copy_into(&inputs, &["seed004.txt", "seed004.png", "act100021.tiff", "act100021-text.pdf", "seed004-scan.pdf"]);
    copy_into(&inputs, &["bad/blank-page.png", "bad/corrupt.png", "bad/encrypted.pdf", "bad/no-pages.pdf", "bad/no-text.jpg"]);
    // A zero-byte "scan" and a text file that only claims to be a TIFF.
    fs::write(inputs.join("empty.pdf"), b"").expect("write");
    fs::write(inputs.join("liar.tif"), "Бұл мәтін, сурет емес: Қазақстан Республикасының бұйрығы.").expect("write");
    let out = dir.path().join("kb.json");

    let run = Command::new(env!("CARGO_BIN_EXE_normbase"))
        .args(["ingest", "--quiet", "-j", "2", "--ocr-lang", "kaz+rus", "--out"])
        .arg(&out)
        .arg(&inputs)
        .output()
        .expect("normbase runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "some inputs fail, the rest go on\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (file, cause) in [
        ("blank-page.png", "no text found"),
        ("corrupt.png", "cannot be decoded"),
        ("encrypted.pdf", "encrypted"),
        ("no-pages.pdf", "no pages"),
        ("empty.pdf", "empty"),
    ] {
        let line = stderr.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("no error for {file}\n{stderr}"));
        assert!(line.contains(cause), "{file}: expected '{cause}' in '{line}'");
    }

    let kb: KnowledgeBase = serde_json::from_slice(&fs::read(&out).expect("kb written")).expect("kb parses");
    // A photo without text: Tesseract finds nothing (an error) or a few specks of "text" (a
    // document flagged unreadable, with the page's low confidence on record).
    let photo = kb.documents.iter().find(|d| d.source.path.ends_with("no-text.jpg"));
    match photo {
        None => assert!(stderr.lines().any(|l| l.contains("no-text.jpg") && l.contains("no text found")), "{stderr}"),
        Some(doc) => {
            assert!(!doc.quality.readable, "{}: {:?}", doc.text, doc.quality);
            assert!(doc.source.pages[0].ocr_confidence.is_some_and(|c| c < 60.0), "{:?}", doc.source.pages);
        }
    }
    let good: Vec<_> = kb.documents.iter().filter(|d| !d.source.path.ends_with("no-text.jpg")).collect();
    let format_of = |name: &str| {
        let doc = good.iter().find(|d| d.source.path.ends_with(name)).unwrap_or_else(|| panic!("{name} missing from the KB"));
        doc.source.format
    };
    assert_eq!(good.len(), 6, "five good inputs and the text file named .tif");
    assert_eq!(format_of("seed004.txt"), SourceFormat::Text);
    assert_eq!(format_of("liar.tif"), SourceFormat::Text, "formats come from the bytes, not the name");
    assert_eq!(format_of("seed004.png"), SourceFormat::Png);
    assert_eq!(format_of("act100021.tiff"), SourceFormat::Tiff);
    assert_eq!(format_of("act100021-text.pdf"), SourceFormat::Pdf);
    assert_eq!(format_of("seed004-scan.pdf"), SourceFormat::PdfScanned);
    for doc in good.iter().filter(|d| d.source.format != SourceFormat::Text) {
        assert!(!doc.source.pages.is_empty(), "{}: pages recorded", doc.source.path);
        let ocr = doc.source.pages.iter().any(|p| p.method == "ocr");
        assert_eq!(doc.source.ocr_languages.as_deref(), ocr.then_some("kaz+rus"), "{}", doc.source.path);
    }
}

#[test]
fn a_page_reads_the_same_whatever_the_engine_read_before() {
    use normbase::scan::{acquire_any, OcrOptions};
    let read = |name: &str| normbase::driver::read_input(&fixture(name)).expect("fixture reads");
    let (png, tiff) = (read("seed004.png"), read("act100021.tiff"));
    let options = OcrOptions::default();
    // One thread, so the same engine reads all three.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    let (first, second) = pool.install(|| {
        let first = acquire_any(&png, &options).expect("png");
        acquire_any(&tiff, &options).expect("tiff");
        (first, acquire_any(&png, &options).expect("png again"))
    });
    assert_eq!(first, second);
    assert!(first.text.contains("37506"), "{}", first.text);
}

#[test]
fn the_binary_limits_openmp_to_one_thread() {
    // libgomp prints its settings when it loads; the re-executed process must have the limit.
    let run = Command::new(env!("CARGO_BIN_EXE_normbase"))
        .arg("schema")
        .env_remove("OMP_THREAD_LIMIT")
        .env("OMP_DISPLAY_ENV", "true")
        .output()
        .expect("normbase runs");
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("OMP_THREAD_LIMIT = '1'"), "{stderr}");
}

#[test]
fn text_prints_a_pdf_text_layer_and_repair_points_scans_to_ocr() {
    let text = Command::new(env!("CARGO_BIN_EXE_normbase")).arg("text").arg(fixture("act100021-text.pdf")).output().expect("runs");
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.starts_with("Об утверждении Правил") && stdout.contains("Контроль за исполнением"), "{stdout}");
    let repair = Command::new(env!("CARGO_BIN_EXE_normbase")).arg("repair").arg(fixture("seed004.png")).output().expect("runs");
    assert_eq!(repair.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&repair.stderr).contains("is a scan"), "{}", String::from_utf8_lossy(&repair.stderr));
}
