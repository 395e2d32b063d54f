//! Scanned inputs, driver side: everything about PDFs and images that touches the outside
//! world. Runs poppler's `pdftotext` and `pdftoppm` as subprocesses (the PDF goes in
//! on standard input, so the bytes read and hashed are the bytes processed), decodes images with
//! leptonica and recognises them with Tesseract (through the `tesseract` crate), then hands the
//! page texts to the pure [`crate::acquire::from_pages`].
//!
//! Threads: a Tesseract engine is `Send` but not `Sync`, so each worker thread keeps its own
//! (created on first use, reused for every later page); pages are recognised in parallel with
//! rayon. Tesseract's own OpenMP threads must be off (`OMP_THREAD_LIMIT=1`, set by the binary
//! before the library loads) or they fight rayon for the cores.
//!
//! Not here: decisions about text (PDF text layer or OCR, page assembly: [`crate::acquire`]),
//! repairing OCR errors ([`crate::repair`]).

use std::cell::RefCell;
use std::ffi::CString;
use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Once;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tesseract::plumbing::leptonica_plumbing::leptonica_sys;
use tesseract::plumbing::leptonica_plumbing::memory::RefCountedExclusive;
use tesseract::plumbing::leptonica_plumbing::Pix;
use tesseract::plumbing::TessBaseApi;

use crate::acquire::pages::{PageMethod, PageText};
use crate::acquire::pnm::{self, Greymap};
use crate::acquire::{self, pdf, tiff, Acquired, AcquireError, Input};
use crate::model::SourceFormat;

/// Tesseract languages used when none are given.
pub const DEFAULT_OCR_LANGUAGES: &str = "kaz+rus";

/// Resolution PDF pages are rasterised at for OCR.
pub const RASTER_DPI: u32 = 300;

/// How scans are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrOptions {
    /// Tesseract languages, `+`-joined (`kaz+rus`).
    pub languages: String,
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions { languages: DEFAULT_OCR_LANGUAGES.to_owned() }
    }
}

/// Any input's text: text formats through [`acquire::acquire`], PDFs and images here.
pub fn acquire_any(input: &Input, options: &OcrOptions) -> Result<Acquired, AcquireError> {
    match acquire::sniff(&input.bytes) {
        None => acquire::acquire(input),
        Some(SourceFormat::Pdf) => acquire_pdf(&input.bytes, options),
        Some(format) => acquire_image(&input.bytes, format, options),
    }
}

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

fn acquire_image(bytes: &[u8], format: SourceFormat, options: &OcrOptions) -> Result<Acquired, AcquireError> {
    let page_count = if format == SourceFormat::Tiff { tiff::page_count(bytes)? } else { 1 };
    let pages = (0..page_count)
        .into_par_iter()
        .map(|index| {
            let pix = decode_image(bytes, format, index)?;
            recognise(PageImage::Pix(&pix), None, &options.languages)
        })
        .collect::<Result<Vec<PageText>, AcquireError>>()?;
    acquire::from_pages(format, &pages, &options.languages)
}

/// Decodes page `index` (0-based) of an image with leptonica.
fn decode_image(bytes: &[u8], format: SourceFormat, index: usize) -> Result<RefCountedExclusive<Pix>, AcquireError> {
    quiet_leptonica();
    let corrupt = || AcquireError::Corrupt { format: acquire::format_name(format), detail: "the image data is damaged or truncated".into() };
    if format != SourceFormat::Tiff {
        return Pix::read_mem(bytes).map_err(|_| corrupt());
    }
    let index = i32::try_from(index).map_err(|_| corrupt())?;
    // SAFETY: leptonica reads `bytes.len()` bytes from the slice and returns a new Pix (owned
    // by us, destroyed by RefCountedExclusive) or null.
    let ptr = unsafe { leptonica_sys::pixReadMemTiff(bytes.as_ptr(), bytes.len(), index) };
    if ptr.is_null() {
        return Err(corrupt());
    }
    // SAFETY: `ptr` is a valid Pix that nothing else refers to.
    Ok(unsafe { RefCountedExclusive::new(Pix::new_from_pointer(ptr)) })
}

/// Leptonica prints every decoding failure on stderr; the failures become per-file errors
/// instead, so its messages are turned off (a process-wide setting, once).
fn quiet_leptonica() {
    static QUIET: Once = Once::new();
    QUIET.call_once(|| {
        // SAFETY: sets a global integer in leptonica.
        unsafe { leptonica_sys::setMsgSeverity(leptonica_sys::L_SEVERITY_NONE as i32) };
    });
}

// ---------------------------------------------------------------------------------------------
// Tesseract
// ---------------------------------------------------------------------------------------------

struct Engine {
    languages: String,
    api: TessBaseApi,
}

thread_local! {
    /// This thread's engine: Tesseract is not `Sync`, and starting one costs about a second.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Nanoseconds spent inside Tesseract (set image, recognise, get text), all threads: lets the
/// benchmark tell Tesseract's time from ours.
static TESSERACT_NANOS: AtomicU64 = AtomicU64::new(0);

/// Nanoseconds spent waiting for poppler's tools, all threads.
static TOOL_NANOS: AtomicU64 = AtomicU64::new(0);

/// Total time spent inside Tesseract so far, in seconds.
pub fn tesseract_seconds() -> f64 {
    TESSERACT_NANOS.load(Ordering::Relaxed) as f64 / 1e9
}

/// Total time spent running poppler's tools so far, in seconds.
pub fn tool_seconds() -> f64 {
    TOOL_NANOS.load(Ordering::Relaxed) as f64 / 1e9
}

fn add_elapsed(counter: &AtomicU64, since: Instant) {
    counter.fetch_add(u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
}

fn start_engine(languages: &str) -> Result<TessBaseApi, AcquireError> {
    let unusable = || AcquireError::Ocr(format!("cannot start Tesseract for languages '{languages}' (are their traineddata files installed?)"));
    let c_languages = CString::new(languages).map_err(|_| unusable())?;
    let mut api = TessBaseApi::create();
    // LSTM only: the legacy engine's adaptive classifier learns from earlier pages, which
    // would make a page's text depend on what the thread read before it.
    let lstm_only = tesseract::plumbing::tesseract_sys::TessOcrEngineMode_OEM_LSTM_ONLY;
    api.init_4(None, Some(&c_languages), lstm_only).map_err(|_| unusable())?;
    // Tesseract reports guesses (e.g. "Estimating resolution") on stderr; results and
    // failures reach the user through the document and per-file errors instead.
    if let (Ok(name), Ok(value)) = (CString::new("debug_file"), CString::new("/dev/null")) {
        let _ = api.set_variable(&name, &value);
    }
    Ok(api)
}

/// Runs `work` with this thread's engine for `languages`, starting it if needed.
fn with_engine<R>(languages: &str, work: impl FnOnce(&mut TessBaseApi) -> R) -> Result<R, AcquireError> {
    ENGINE.with(|cell| {
        let Ok(mut slot) = cell.try_borrow_mut() else {
            // Only reachable if `work` re-entered OCR on this thread; never share an engine.
            return Ok(work(&mut start_engine(languages)?));
        };
        if slot.as_ref().is_none_or(|engine| engine.languages != languages) {
            *slot = Some(Engine { languages: languages.to_owned(), api: start_engine(languages)? });
        }
        match slot.as_mut() {
            Some(engine) => Ok(work(&mut engine.api)),
            None => Err(AcquireError::Ocr("no Tesseract engine".into())),
        }
    })
}

/// A page image as Tesseract takes it.
enum PageImage<'a> {
    /// Decoded by leptonica.
    Pix(&'a Pix),
    /// Raw 8-bit grey pixels (a rasterised PDF page).
    Grey(Greymap<'a>),
}

/// Recognises one page image. `dpi` is given for rasterised PDF pages (their PGM carries
/// none); images bring their own resolution or let Tesseract estimate it.
fn recognise(image: PageImage<'_>, dpi: Option<u32>, languages: &str) -> Result<PageText, AcquireError> {
    with_engine(languages, |api| {
        let started = Instant::now();
        match image {
            PageImage::Pix(pix) => api.set_image_2(pix),
            PageImage::Grey(map) => {
                let too_big = || AcquireError::Ocr("the page image is too large".into());
                let width = i32::try_from(map.width).map_err(|_| too_big())?;
                let height = i32::try_from(map.height).map_err(|_| too_big())?;
                api.set_image(map.pixels, width, height, 1, width).map_err(|err| AcquireError::Ocr(err.to_string()))?;
            }
        }
        if let Some(dpi) = dpi.and_then(|d| i32::try_from(d).ok()) {
            api.set_source_resolution(dpi);
        }
        let result = api
            .recognize()
            .map_err(|_| AcquireError::Ocr("Tesseract could not recognise the page".into()))
            .and_then(|()| api.get_utf8_text().map_err(|_| AcquireError::Ocr("Tesseract returned no text".into())))
            .map(|text| PageText {
                text: text.as_ref().to_string_lossy().into_owned(),
                method: PageMethod::Ocr,
                confidence: Some(api.mean_text_conf().clamp(0, 100) as f32),
            });
        add_elapsed(&TESSERACT_NANOS, started);
        result
    })?
}

// ---------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------

fn acquire_pdf(bytes: &[u8], options: &OcrOptions) -> Result<Acquired, AcquireError> {
    // One run gives the text layer and, through its page separators, the page count; its
    // errors say whether the PDF is encrypted, empty or damaged.
    let layer = pdf_tool("pdftotext", &["-enc", "UTF-8", "fd://0", "-"], bytes)?;
    let layer = String::from_utf8_lossy(&layer);
    let page_count = pdf::page_count(&layer);
    if page_count == 0 {
        return Err(AcquireError::NoPages);
    }
    let pages = pdf::split_text_pages(&layer, page_count)
        .into_par_iter()
        .enumerate()
        .map(|(index, text)| {
            if pdf::layer_is_usable(text, &options.languages) {
                Ok(PageText { text: text.to_owned(), method: PageMethod::TextLayer, confidence: None })
            } else {
                ocr_pdf_page(bytes, index + 1, &options.languages)
            }
        })
        .collect::<Result<Vec<PageText>, AcquireError>>()?;
    acquire::from_pages(SourceFormat::Pdf, &pages, &options.languages)
}

/// Rasterises page `number` (1-based) to a grey PGM and recognises it.
fn ocr_pdf_page(bytes: &[u8], number: usize, languages: &str) -> Result<PageText, AcquireError> {
    let page = number.to_string();
    let dpi = RASTER_DPI.to_string();
    let args = ["-r", &dpi, "-gray", "-f", &page, "-l", &page, "-singlefile", "fd://0"];
    let image = pdf_tool("pdftoppm", &args, bytes)?;
    let map = pnm::parse_pgm(&image)
        .ok_or_else(|| AcquireError::Corrupt { format: "PDF", detail: format!("page {number} could not be rasterised") })?;
    recognise(PageImage::Grey(map), Some(RASTER_DPI), languages)
}

/// Longest a poppler tool may run on one PDF or page before it is stopped: a damaged or
/// hostile file must not hold a worker for ever.
const TOOL_TIMEOUT: Duration = Duration::from_secs(120);

/// Runs a poppler tool with the PDF on standard input; its standard output on success, the
/// meaning of its complaint otherwise.
fn pdf_tool(tool: &str, args: &[&str], pdf_bytes: &[u8]) -> Result<Vec<u8>, AcquireError> {
    let started = Instant::now();
    let run = run_tool(tool, args, pdf_bytes, TOOL_TIMEOUT);
    add_elapsed(&TOOL_NANOS, started);
    run.and_then(|(ok, stdout, stderr)| {
        if ok {
            Ok(stdout)
        } else {
            Err(pdf::tool_failure(&String::from_utf8_lossy(&stderr)))
        }
    })
}

/// Runs `tool` with `input` on its standard input; (succeeded, stdout, stderr). The tool is
/// killed after `timeout`.
fn run_tool(tool: &str, args: &[&str], input: &[u8], timeout: Duration) -> Result<(bool, Vec<u8>, Vec<u8>), AcquireError> {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => AcquireError::Tool(format!("{tool} is not installed (Debian package poppler-utils)")),
            _ => AcquireError::Tool(format!("cannot run {tool}: {err}")),
        })?;
    let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    std::thread::scope(|scope| {
        // Every pipe has its own thread: the tool may fill one before it has read all input.
        scope.spawn(move || {
            if let Some(mut stdin) = stdin {
                // A tool that stops reading early (a damaged file) closes the pipe: not our error.
                let _ = stdin.write_all(input);
            }
        });
        let out = scope.spawn(move || read_all(stdout));
        let err = scope.spawn(move || read_all(stderr));
        let status = wait_or_kill(&mut child, timeout);
        let stdout = out.join().unwrap_or_default();
        let stderr = err.join().unwrap_or_default();
        match status {
            Ok(Some(status)) => Ok((status.success(), stdout, stderr)),
            Ok(None) => Err(AcquireError::Tool(format!("{tool} took longer than {}s and was stopped", timeout.as_secs()))),
            Err(err) => Err(AcquireError::Tool(format!("{tool} failed: {err}"))),
        }
    })
}

fn read_all(pipe: Option<impl Read>) -> Vec<u8> {
    let mut bytes = Vec::new();
    if let Some(mut pipe) = pipe {
        let _ = pipe.read_to_end(&mut bytes);
    }
    bytes
}

/// Waits for the child; `None` when it had to be killed at the deadline.
fn wait_or_kill(child: &mut Child, timeout: Duration) -> std::io::Result<Option<ExitStatus>> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_tool_is_a_clear_error() {
        let err = pdf_tool("normbase-no-such-tool", &[], b"%PDF-1.4").unwrap_err();
        assert!(matches!(err, AcquireError::Tool(ref m) if m.contains("not installed")), "{err}");
    }

    #[test]
    fn a_tool_that_hangs_is_stopped() {
        let started = Instant::now();
        let err = run_tool("sleep", &["5"], b"", Duration::from_millis(200)).unwrap_err();
        assert!(err.to_string().contains("took longer"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    #[test]
    fn a_tool_gets_all_its_input_and_gives_all_its_output() {
        let big: Vec<u8> = (0..300_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let (ok, stdout, _) = run_tool("cat", &[], &big, TOOL_TIMEOUT).unwrap();
        assert!(ok);
        assert_eq!(stdout, big, "no deadlock and nothing lost with pipes larger than their buffers");
    }

    #[test]
    fn unknown_languages_are_a_clear_error() {
        let Err(err) = start_engine("xx_no_such_language") else { panic!("no such traineddata") };
        assert!(err.to_string().contains("xx_no_such_language"), "{err}");
    }

    #[test]
    fn damaged_images_are_errors() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0";
        assert!(matches!(decode_image(png, SourceFormat::Png, 0), Err(AcquireError::Corrupt { .. })));
        assert!(matches!(decode_image(b"II*\0\x08\0\0\0\0\0", SourceFormat::Tiff, 0), Err(AcquireError::Corrupt { .. })));
    }
}
