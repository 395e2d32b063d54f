//! End-to-end tests of the `normbase` binary: the knowledge base format, determinism, bad
//! input, exit codes. Stage behaviour is tested beside each stage.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn normbase() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_normbase"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str]) -> Output {
    normbase().args(args).output().expect("normbase runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn ingest_to(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["ingest", "--quiet", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn committed_schema_is_the_generated_one() {
    let committed = fs::read_to_string(repo("docs/kb.schema.json")).expect("docs/kb.schema.json exists");
    assert!(
        committed == normbase::model::kb_schema_json(),
        "docs/kb.schema.json is stale: run `cargo run -q -- schema > docs/kb.schema.json` and review the diff"
    );
    let out = run(&["schema"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), committed);
}

#[test]
fn corpus_kb_is_valid_against_the_schema_and_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one.json"), dir.path().join("two.json"));
    let out = ingest_to(&one, &["--jobs", "1"]);
    assert!(out.status.success(), "ingest failed: {}", stderr(&out));
    assert!(ingest_to(&two, &["--jobs", "2"]).status.success());
    let (a, b) = (fs::read(&one).unwrap(), fs::read(&two).unwrap());
    assert!(a == b, "kb.json differs between --jobs 1 and --jobs 2");

    let kb: serde_json::Value = serde_json::from_slice(&a).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&normbase::model::kb_schema_json()).unwrap();
    let validator = jsonschema::JSONSchema::compile(&schema).expect("the schema compiles");
    if let Err(errors) = validator.validate(&kb) {
        let errors: Vec<String> = errors.take(5).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        panic!("kb.json does not match its schema: {errors:#?}");
    }
    assert_eq!(kb["schema_version"], 1);
    let documents = kb["documents"].as_array().unwrap();
    let texts = walk_count(&repo("corpus"), "txt");
    assert_eq!(documents.len(), texts, "one document per corpus text");
    // The summary line names what was done.
    assert!(stderr(&out).contains(&format!("ingested {texts} documents")), "{}", stderr(&out));
}

fn walk_count(dir: &Path, ext: &str) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { walk_count(&p, ext) } else { usize::from(p.extension().is_some_and(|e| e == ext)) })
        .sum()
}

#[test]
fn unreadable_noise_gets_no_invented_identity() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("kb.json");
    // Latin noise that is no language's OCR of anything: the OCR repair can only guess at it,
    // and guesses must not make a text "readable". (Real English-model OCR of a Kazakh order is
    // repaired instead: see tests/ocr_repair.rs.) The numbers look like requisites on purpose.
    let garbage = "Qwv zxq ptkl vvbn, xzq wqpt; mnbv zzxq qwrt plkj vbnm.\n\
                   Xqz wvp tkl bnm zxq wpt kjh gfd sdq wer tyu iop.\n\
                   Ne 521/HK Qwzx 2025 xqwt 20 zzkv Ne 37182 Gqwv TIpqz\n";
    let input = dir.path().join("garbage.txt");
    fs::write(&input, garbage).unwrap();
    assert!(ingest_to(&out_path, &[input.to_str().unwrap()]).status.success());
    let kb: serde_json::Value = serde_json::from_slice(&fs::read(&out_path).unwrap()).unwrap();
    let doc = &kb["documents"][0];
    assert_eq!(doc["quality"]["readable"], false);
    assert!(doc["id"].as_str().unwrap().starts_with("kz/unknown/"));
    for field in ["type", "date", "number", "issuer"] {
        assert!(doc["act"][field].is_null(), "act.{field} invented: {}", doc["act"][field]);
    }
    assert!(doc["registration"].is_null());
    assert_eq!(doc["references"].as_array().unwrap().len(), 0);
    assert_eq!(kb["acts"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_inputs_fail_one_line_each_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.txt"), "Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.\n").unwrap();
    fs::write(d.join("empty.txt"), b"").unwrap();
    fs::write(d.join("blank.txt"), b"  \n\n\t \n").unwrap();
    fs::write(d.join("binary.txt"), [0x7F, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0x3E, 0]).unwrap();
    // High bytes only, no letters in any code page that form words: not text in any encoding.
    let noise: Vec<u8> = (0..400u32).map(|i| 0x80 + ((i * 37 + 11) % 0x40) as u8).collect();
    fs::write(d.join("undecodable.txt"), noise).unwrap();
    fs::create_dir(d.join("nothing-here")).unwrap();
    fs::write(d.join("nothing-here").join("notes.yaml"), "a: 1\n").unwrap();
    let missing = d.join("missing.txt");
    let out_path = d.join("kb.json");

    let out = ingest_to(
        &out_path,
        &[
            d.join("good.txt").to_str().unwrap(),
            d.join("empty.txt").to_str().unwrap(),
            d.join("blank.txt").to_str().unwrap(),
            d.join("binary.txt").to_str().unwrap(),
            d.join("undecodable.txt").to_str().unwrap(),
            d.join("nothing-here").to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "some input failed → exit 1; stderr: {}", stderr(&out));
    let err = stderr(&out);
    let failure_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("normbase: ")).collect();
    assert_eq!(failure_lines.len(), 6, "one line per bad input:\n{err}");
    for (name, cause) in [
        ("empty.txt", "empty"),
        ("blank.txt", "no text"),
        ("binary.txt", "binary"),
        ("undecodable.txt", "not valid text in any supported encoding"),
        ("nothing-here", "no documents"),
        ("missing.txt", "no such file"),
    ] {
        assert!(failure_lines.iter().any(|l| l.contains(name) && l.contains(cause)), "no line for {name} ({cause}):\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    let kb: serde_json::Value = serde_json::from_slice(&fs::read(&out_path).unwrap()).unwrap();
    assert_eq!(kb["documents"].as_array().unwrap().len(), 1, "the good file is still ingested");
}

#[test]
fn usage_errors_exit_2_and_every_subcommand_has_help() {
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["ingest", "--jobs", "many"]).status.code(), Some(2));
    assert_eq!(run(&[]).status.code(), Some(2));
    let version = run(&["--version"]);
    assert!(version.status.success());
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("normbase "));
    let help = String::from_utf8(run(&["--help"]).stdout).unwrap();
    let subcommands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(subcommands.contains(&"ingest") && subcommands.contains(&"repair") && subcommands.contains(&"segment"));
    for sub in subcommands {
        let out = run(&[sub, "--help"]);
        assert!(out.status.success(), "{sub} --help");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage: normbase"), "{sub} --help");
    }
}

#[test]
fn repair_reads_a_file_or_stdin_and_writes_text_and_report() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    fs::write(&input, "Осы бұйрық қолданысқа енгізіледі.\n").unwrap();
    let (out, report) = (dir.path().join("out.txt"), dir.path().join("edits.json"));
    let status = run(&["repair", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--report", report.to_str().unwrap()]);
    assert!(status.status.success(), "{}", stderr(&status));
    assert_eq!(fs::read_to_string(&out).unwrap(), "Осы бұйрық қолданысқа енгізіледі.\n");
    let edits: serde_json::Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    assert!(edits.is_array());

    let mut child = normbase().args(["repair", "-"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all("Заң күшіне енеді.".as_bytes()).unwrap();
    let piped = child.wait_with_output().unwrap();
    assert!(piped.status.success());
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), "Заң күшіне енеді.");

    let missing = run(&["repair", "no/such/file.txt"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no/such/file.txt: no such file"), "{}", stderr(&missing));
}

/// The foundation's promise for the clean seeds: identities exactly as the headers state them.
#[test]
fn seed_identities_in_the_knowledge_base() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("kb.json");
    let out = ingest_to(&out_path, &["corpus/seeds"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let kb: serde_json::Value = serde_json::from_slice(&fs::read(&out_path).unwrap()).unwrap();
    let by_file = |prefix: &str| -> serde_json::Value {
        kb["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["source"]["path"].as_str().unwrap().contains(prefix))
            .cloned()
            .unwrap_or_else(|| panic!("no document from {prefix}"))
    };
    for (file, id, date, number, reg, reg_date) in [
        ("000_", "kz/order/2025-10-20/521-НҚ/kaz", "2025-10-20", "521/НҚ", "37182", "2025-10-21"),
        ("001_", "kz/order/2022-04-19/130-НҚ/kaz", "2022-04-19", "130/НҚ", "27788", "2022-04-27"),
        ("002_", "kz/order/2025-11-07/567-НҚ/kaz", "2025-11-07", "567/НҚ", "37408", "2025-11-13"),
        ("004_", "kz/order/2025-11-28/604-НҚ/kaz", "2025-11-28", "604/НҚ", "37506", "2025-12-01"),
    ] {
        let doc = by_file(file);
        assert_eq!(doc["id"], id, "{file}");
        assert_eq!(doc["language"], "kk", "{file}");
        assert_eq!(doc["act"]["type"], "order", "{file}");
        assert_eq!(doc["act"]["date"], date, "{file}");
        assert_eq!(doc["act"]["number"], number, "{file}");
        assert_eq!(doc["registration"]["number"], reg, "{file}");
        assert_eq!(doc["registration"]["date"], reg_date, "{file}");
        assert_eq!(doc["source"]["sha256"].as_str().unwrap().len(), 64);
    }
    let repealed = by_file("001_");
    assert_eq!(repealed["status"]["state"], "repealed");
    assert_eq!(repealed["status"]["repealed_by"]["number"], "521/НҚ");
    assert_eq!(repealed["status"]["repealed_by"]["date"], "2025-10-20");
}
