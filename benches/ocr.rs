//! Throughput of the OCR path (scan → acquired text) on the committed scan fixtures: pages per
//! second, one thread and all threads, and the share of time spent outside Tesseract (image
//! decoding, poppler subprocesses, our assembly). Goal for that share: under 2 %.
//!
//! `OMP_THREAD_LIMIT=1 cargo bench --bench ocr` (the `normbase` binary sets the variable
//! itself; a bench cannot, because libgomp reads it when it loads). Optional argument: rounds
//! per input (default 5): `cargo bench --bench ocr -- 10`.

use std::path::Path;
use std::time::Instant;

use normbase::acquire::Input;
use normbase::scan::{self, OcrOptions};
use normbase::{driver, pipeline};
use rayon::prelude::*;

const INPUTS: &[&str] = &["seed004.png", "act100021.tiff", "seed004-scan.pdf"];

fn main() {
    if std::env::var_os("OMP_THREAD_LIMIT").is_none() {
        eprintln!("warning: OMP_THREAD_LIMIT is not set: Tesseract's OpenMP threads will compete with rayon");
    }
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this without it: then one
    // quick round checks that the bench still works.
    let benching = std::env::args().any(|a| a == "--bench");
    let rounds: usize = if benching { std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(5) } else { 1 };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/acquire");
    let inputs: Vec<Input> = INPUTS.iter().map(|name| driver::read_input(&dir.join(name)).expect("fixture")).collect();
    let options = OcrOptions::default();

    let single = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    let started = Instant::now();
    single.install(|| scan::acquire_any(&inputs[0], &options).expect("warm-up"));
    println!("engine start and first page: {:.2}s", started.elapsed().as_secs_f64());

    println!("one thread, {rounds} rounds per input:");
    println!("{:<20} {:>7} {:>9} {:>10} {:>18} {:>8} {:>8}", "input", "pages", "pages/s", "s/page", "outside Tesseract", "poppler", "ours");
    let (mut all_pages, mut all_wall, mut all_tess, mut all_tools) = (0usize, 0f64, 0f64, 0f64);
    for input in &inputs {
        let tess_before = scan::tesseract_seconds();
        let tools_before = scan::tool_seconds();
        let started = Instant::now();
        let mut pages = 0;
        for _ in 0..rounds {
            pages += single.install(|| scan::acquire_any(input, &options)).expect("acquires").pages.len();
        }
        let wall = started.elapsed().as_secs_f64();
        let tess = scan::tesseract_seconds() - tess_before;
        let tools = scan::tool_seconds() - tools_before;
        let name = Path::new(&input.path).file_name().and_then(|n| n.to_str()).unwrap_or("?");
        row(name, pages, wall, tess, tools);
        all_pages += pages;
        all_wall += wall;
        all_tess += tess;
        all_tools += tools;
    }
    row("all", all_pages, all_wall, all_tess, all_tools);

    // The rest of the pipeline on OCR'd text, for scale.
    let resources = driver::load_resources();
    let acquired: Vec<_> = inputs.iter().map(|i| single.install(|| scan::acquire_any(i, &options)).expect("acquires")).collect();
    let started = Instant::now();
    for _ in 0..rounds {
        for (input, acq) in inputs.iter().zip(&acquired) {
            std::hint::black_box(pipeline::process_acquired(input, acq.clone(), &resources));
        }
    }
    let rest = started.elapsed().as_secs_f64() / (rounds * inputs.len()) as f64;
    println!("repair+segment+extract after OCR: {:.1} ms per document", rest * 1000.0);

    if !benching {
        return;
    }
    let threads = rayon::current_num_threads();
    let jobs: Vec<&Input> = (0..rounds).flat_map(|_| inputs.iter()).collect();
    // Warm every worker's engine first: engine start is a one-off cost per thread.
    (0..threads * 2).into_par_iter().for_each(|_| {
        let _ = scan::acquire_any(&inputs[0], &options);
    });
    let started = Instant::now();
    let pages: usize = jobs.par_iter().map(|input| scan::acquire_any(input, &options).map_or(0, |a| a.pages.len())).sum();
    let wall = started.elapsed().as_secs_f64();
    println!("{threads} threads: {pages} pages in {wall:.2}s = {:.2} pages/s ({:.2} per thread)", pages as f64 / wall, pages as f64 / wall / threads as f64);
}

/// One line of the one-thread table: shares of the wall time outside Tesseract, split into
/// poppler's subprocesses and the rest (image decoding, our code).
fn row(name: &str, pages: usize, wall: f64, tess: f64, tools: f64) {
    let share = |t: f64| 100.0 * t / wall;
    println!(
        "{:<20} {:>7} {:>9.2} {:>10.3} {:>17.2}% {:>7.2}% {:>7.2}%",
        name,
        pages,
        pages as f64 / wall,
        wall / pages as f64,
        share(wall - tess),
        share(tools),
        share(wall - tess - tools)
    );
}
