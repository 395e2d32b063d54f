//! `normbase repair` end to end: bytes in any supported encoding in, repaired UTF-8 out, every
//! edit in the JSON report (and the report replays); bad input is an error naming the file.

use std::process::Command;

use normbase::model::Edit;
use normbase::repair::replay;

fn normbase() -> Command {
    Command::new(env!("CARGO_BIN_EXE_normbase"))
}

#[test]
fn repairs_a_kz1048_file_with_moved_words_and_reports_edits_that_replay() {
    let dir = tempfile::tempdir().unwrap();
    let text = "      Қазақстан Республикасы Салық кодексінің 17-бабының  сәйкес 2-тармағына\nБҰЙЫРАМЫН:\n      1. Министрлер Кабинетiнiң қаулысы.\n";
    let input = dir.path().join("order.txt");
    std::fs::write(&input, normbase::acquire::encoding::Encoding::Kz1048.encode(text).unwrap()).unwrap();
    let (out, report) = (dir.path().join("out.txt"), dir.path().join("edits.json"));
    let status = normbase()
        .args(["repair", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--report", report.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let repaired = std::fs::read_to_string(&out).unwrap();
    assert!(repaired.contains("17-бабының 2-тармағына сәйкес"), "{repaired}");
    assert!(repaired.contains("Кабинетінің"), "{repaired}");
    let edits: Vec<Edit> = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert!(edits.len() >= 2, "{edits:?}");
    assert_eq!(replay(text, &edits).as_deref(), Some(repaired.as_str()));
}

#[test]
fn mojibake_on_stdin_is_restored() {
    use std::io::Write;
    let garbled = normbase::repair::mojibake::Misreading::Utf8AsCp1251.garble("Осы бұйрық қолданысқа енгізіледі.").unwrap();
    let mut child = normbase().args(["repair", "-"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(garbled.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "Осы бұйрық қолданысқа енгізіледі.");
}

#[test]
fn undecodable_bytes_are_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("noise.txt");
    let noise: Vec<u8> = (0..300u32).map(|i| (0x80 + (i * 53 + 7) % 0x40) as u8).collect();
    std::fs::write(&input, noise).unwrap();
    let out = normbase().args(["repair", input.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("noise.txt") && err.contains("not valid text"), "{err}");
    assert!(out.stdout.is_empty(), "no U+FFFD flood on stdout");
}
