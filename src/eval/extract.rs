//! `normbase eval extract`: precision, recall and F1 per field of extraction against gold.
//!
//! Gold: the hand-checked seed fixtures in `fixtures/extract/gold/*.json` (identity,
//! references, internal references, entry into force, amendments, facts) and the public acts'
//! `meta.yaml` requisite lines (identity only: type, date, number, registration). Extraction
//! has no trained part, so nothing is learnt from the documents measured (leave-one-out holds
//! trivially). Not here: the extraction itself.

use crate::lang::data::LanguageData;
use crate::lang::Resources;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{EvalError, Report};
use crate::model::Document;

/// What to evaluate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A directory of gold JSON files; default `fixtures/extract/gold`. The public acts'
    /// `meta.yaml` under `corpus/public-acts` are always added when present.
    pub gold: Option<PathBuf>,
}

/// Micro-F1 an evaluation must reach on identity fields and on references for the run to pass.
pub const IDENTITY_TARGET: f64 = 0.9;
pub const REFERENCE_TARGET: f64 = 0.75;

pub use super::Counts;


/// Compares two multisets of values (`None` = not stated: not counted).
pub fn compare(gold: &[Option<String>], predicted: &[Option<String>]) -> Counts {
    let mut pool: BTreeMap<&str, usize> = BTreeMap::new();
    for g in gold.iter().flatten() {
        *pool.entry(g.as_str()).or_default() += 1;
    }
    let mut correct = 0;
    for p in predicted.iter().flatten() {
        if let Some(n) = pool.get_mut(p.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            correct += 1;
        }
    }
    Counts { gold: gold.iter().flatten().count(), found: predicted.iter().flatten().count(), matched: correct }
}

/// Leave-one-out: the language data without the document at `doc_path` and its `twins` (the
/// same act in another form, e.g. a clean text and its OCR), named by corpus id. Without built
/// data, the pipeline's heuristics.
fn held_out(data: Option<&LanguageData>, doc_path: &str, twins: &[&str]) -> Resources {
    let own = crate::lang::corpus::doc_id(doc_path);
    let mut exclude = vec![own.as_str()];
    exclude.extend_from_slice(twins);
    data.map_or_else(Resources::none, |data| data.resources(&exclude))
}

pub fn run(options: &Options) -> Result<Report, EvalError> {
    let gold_dir = options.gold.clone().unwrap_or_else(|| PathBuf::from("fixtures/extract/gold"));
    let mut table: BTreeMap<String, Counts> = BTreeMap::new();
    let data = crate::driver::load_language_data().ok();
    let mut documents = 0;
    for path in sorted_files(&gold_dir, "json")? {
        let gold: Value = read_json(&path)?;
        let Some(doc_path) = gold.get("path").and_then(Value::as_str) else { continue };
        let twins: Vec<&str> = gold.get("exclude").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let doc = crate::driver::process_file(Path::new(doc_path), &held_out(data.as_ref(), doc_path, &twins)).map_err(|f| EvalError::Input { path: f.path, cause: f.cause })?;
        documents += 1;
        for (field, counts) in seed_fields(&gold, &doc) {
            table.entry(field).or_default().add(&counts);
        }
    }
    let acts = Path::new("corpus/public-acts");
    if acts.is_dir() {
        for dir in sorted_dirs(acts)? {
            let Ok(meta) = std::fs::read_to_string(dir.join("meta.yaml")) else { continue };
            let Some(requisite) = requisite_of(&meta) else { continue };
            let gold = crate::eval::extract::identity_of_requisite(&requisite);
            for lang in ["kaz", "rus"] {
                let file = dir.join(format!("{lang}.txt"));
                if !file.exists() {
                    continue;
                }
                let doc = crate::driver::process_file(&file, &held_out(data.as_ref(), &file.to_string_lossy(), &[])).map_err(|f| EvalError::Input { path: f.path, cause: f.cause })?;
                documents += 1;
                for (field, counts) in identity_fields(&gold, &doc) {
                    // The public acts' texts do not carry their registration (only meta.yaml
                    // does): shown, but kept out of the target.
                    let name = if field == "registration" { "registration (public acts, not in text)" } else { field };
                    let name = if name == field { format!("identity.{field} (public acts)") } else { format!("identity.{name}") };
                    table.entry(name).or_default().add(&counts);
                }
            }
        }
    }
    Ok(render(&table, documents))
}

fn render(table: &BTreeMap<String, Counts>, documents: usize) -> Report {
    let mut text = format!("extraction against gold, {documents} documents\n\n{:<40} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}\n", "field", "gold", "pred", "ok", "P", "R", "F1");
    for (field, c) in table {
        text.push_str(&format!("{field:<40} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}\n", c.gold, c.found, c.matched, c.precision(), c.recall(), c.f1()));
    }
    let micro = |prefix: &str| {
        let mut total = Counts::default();
        for (_, c) in table.iter().filter(|(f, _)| f.starts_with(prefix) && !f.contains("not in text")) {
            total.add(c);
        }
        total
    };
    let identity = micro("identity.");
    let references = micro("reference.");
    text.push_str(&format!(
        "\nmicro-F1 identity {:.3} (target {IDENTITY_TARGET}), references {:.3} (target {REFERENCE_TARGET})\n",
        identity.f1(),
        references.f1()
    ));
    Report { text, targets_met: identity.f1() >= IDENTITY_TARGET && references.f1() >= REFERENCE_TARGET }
}

/// Per-field counts for one hand-checked seed.
fn seed_fields(gold: &Value, doc: &Document) -> Vec<(String, Counts)> {
    let mut out: Vec<(String, Counts)> = Vec::new();
    let identity: BTreeMap<&str, Option<String>> = ["type", "date", "number", "registration", "registration_date", "status", "repealed_by", "issuer"]
        .into_iter()
        .map(|k| (k, gold.pointer(&format!("/identity/{k}")).and_then(value_str)))
        .collect();
    for (field, counts) in identity_fields(&identity, doc) {
        out.push((format!("identity.{field}"), counts));
    }
    // A gold file may limit what it scores (`"score": ["identity"]`): an OCR twin's other
    // fields are measured by `eval repair` on its text instead.
    let identity_only = gold.get("score").and_then(Value::as_array).is_some_and(|s| s.iter().all(|f| f.as_str() == Some("identity")));
    if identity_only {
        return out;
    }
    let empty = Vec::new();
    let gold_refs = gold.get("references").and_then(Value::as_array).unwrap_or(&empty);
    let predicted: Vec<&crate::model::Reference> = doc.references.iter().filter(|r| r.act.is_some()).collect();
    for field in ["type", "date", "number", "registration", "relation", "pinpoint"] {
        let g: Vec<Option<String>> = gold_refs.iter().map(|r| r.get(field).and_then(value_str).filter(|s| !s.is_empty())).collect();
        let p: Vec<Option<String>> = predicted.iter().map(|r| reference_field(r, field)).collect();
        out.push((format!("reference.{field}"), compare(&g, &p)));
    }
    let whole = |type_: Option<String>, date: Option<String>, number: Option<String>, reg: Option<String>, rel: Option<String>| {
        Some(format!("{type_:?}|{date:?}|{number:?}|{reg:?}|{rel:?}"))
    };
    let g: Vec<Option<String>> = gold_refs
        .iter()
        .map(|r| {
            let f = |k: &str| r.get(k).and_then(value_str);
            whole(f("type"), f("date"), f("number"), f("registration"), f("relation"))
        })
        .collect();
    let p: Vec<Option<String>> = predicted
        .iter()
        .map(|r| whole(reference_field(r, "type"), reference_field(r, "date"), reference_field(r, "number"), reference_field(r, "registration"), reference_field(r, "relation")))
        .collect();
    out.push(("reference.whole".into(), compare(&g, &p)));
    let gold_internal = gold.get("internal").and_then(Value::as_array).unwrap_or(&empty);
    let g: Vec<Option<String>> = gold_internal.iter().map(|r| Some(format!("{}|{}", r.get("pinpoint").and_then(value_str).unwrap_or_default(), r.get("eid").and_then(value_str).unwrap_or_default()))).collect();
    let p: Vec<Option<String>> = doc
        .references
        .iter()
        .filter(|r| r.act.is_none())
        .map(|r| Some(format!("{}|{}", pinpoint_str(&r.pinpoint), r.internal_eid.clone().unwrap_or_default())))
        .collect();
    out.push(("internal.pinpoint+eid".into(), compare(&g, &p)));
    let g: Vec<Option<String>> = gold.get("effective").and_then(Value::as_array).unwrap_or(&empty).iter().map(|e| Some(e.to_string())).collect();
    let p: Vec<Option<String>> = doc
        .effective
        .iter()
        .map(|e| serde_json::to_value(serde_json::json!({"rule": e.rule, "parts": e.parts, "except": e.except})).ok().map(|v| v.to_string()))
        .collect();
    out.push(("effective.rule+parts".into(), compare(&g, &p)));
    let g: Vec<Option<String>> = gold
        .get("amendments")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
        .iter()
        .map(|a| Some(format!("{}|{}", a.get("target_part").and_then(value_str).unwrap_or_default(), a.get("operation").and_then(value_str).unwrap_or_default())))
        .collect();
    let p: Vec<Option<String>> = doc
        .amendments
        .iter()
        .map(|a| Some(format!("{}|{}", a.target_part, serde_json::to_value(a.operation).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())))
        .collect();
    out.push(("amendment.part+operation".into(), compare(&g, &p)));
    let g: Vec<Option<String>> = gold.get("facts").and_then(Value::as_array).unwrap_or(&empty).iter().map(|f| Some(f.to_string())).collect();
    let p: Vec<Option<String>> = doc.facts.iter().map(|f| Some(fact_summary(f).to_string())).collect();
    out.push(("fact".into(), compare(&g, &p)));
    out
}

fn fact_summary(fact: &crate::model::Fact) -> Value {
    use crate::model::FactValue;
    match &fact.value {
        FactValue::Threshold { comparison, value, unit, .. } => serde_json::json!({"kind": "threshold", "comparison": comparison, "value": value, "unit": unit}),
        FactValue::Formula { expression, variables } => {
            serde_json::json!({"kind": "formula", "expression": expression, "variables": variables.iter().map(|v| v.symbol.clone()).collect::<Vec<_>>()})
        }
        FactValue::List { title, items } => serde_json::json!({"kind": "list", "title": title, "items": items.len()}),
    }
}

fn value_str(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn pinpoint_str(levels: &[crate::model::Pinpoint]) -> String {
    levels
        .iter()
        .map(|p| format!("{} {}", serde_json::to_value(p.unit).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(), p.num).trim().to_owned())
        .collect::<Vec<_>>()
        .join(" / ")
}

fn reference_field(r: &crate::model::Reference, field: &str) -> Option<String> {
    let act = r.act.as_ref()?;
    let s = match field {
        "type" => act.identity.act_type.map(|t| t.as_str().to_owned()),
        "date" => act.identity.date.map(|d| d.to_string()),
        "number" => act.identity.number.clone(),
        "registration" => act.registration.clone(),
        "relation" => r.relation.and_then(|k| serde_json::to_value(k).ok()).and_then(|v| v.as_str().map(str::to_owned)),
        "pinpoint" => Some(pinpoint_str(&r.pinpoint)).filter(|s| !s.is_empty()),
        _ => None,
    };
    s
}

/// Identity counts: each gold field against the document's.
fn identity_fields(gold: &BTreeMap<&str, Option<String>>, doc: &Document) -> Vec<(&'static str, Counts)> {
    let predicted: BTreeMap<&str, Option<String>> = [
        ("type", doc.act.act_type.map(|t| t.as_str().to_owned())),
        ("date", doc.act.date.map(|d| d.to_string())),
        ("number", doc.act.number.clone()),
        ("registration", doc.registration.as_ref().map(|r| r.number.clone())),
        ("registration_date", doc.registration.as_ref().and_then(|r| r.date).map(|d| d.to_string())),
        ("status", serde_json::to_value(doc.status.state).ok().and_then(|v| v.as_str().map(str::to_owned))),
        ("repealed_by", doc.status.repealed_by.as_ref().and_then(|a| a.identity.number.clone())),
        ("issuer", doc.act.issuer.clone()),
    ]
    .into_iter()
    .collect();
    let fields: [&'static str; 8] = ["type", "date", "number", "registration", "registration_date", "status", "repealed_by", "issuer"];
    fields
        .into_iter()
        .filter(|f| gold.contains_key(f))
        .map(|f| {
            let g = gold.get(f).cloned().flatten();
            let p = predicted.get(f).cloned().flatten();
            (f, compare(&[g], &[p]))
        })
        .collect()
}

/// The `requisite:` line of a `meta.yaml`.
fn requisite_of(meta: &str) -> Option<String> {
    let yaml: serde_yaml::Value = serde_yaml::from_str(meta).ok()?;
    yaml.get("requisite")?.as_str().map(str::to_owned)
}

/// Type, date, number and registration of an official Russian requisite line ("Приказ ... от
/// 28 января 2016 года № 13/11. Зарегистрирован ... 5 марта 2016 года № 13405. ...").
pub fn identity_of_requisite(requisite: &str) -> BTreeMap<&'static str, Option<String>> {
    let own = requisite.split(". Утратил").next().unwrap_or(requisite);
    let (act, registration) = match own.find("Зарегистрирован") {
        Some(i) => (&own[..i], Some(&own[i..])),
        None => (own, None),
    };
    let number_after = |s: &str| s.rsplit_once('№').map(|(_, n)| n.trim().trim_end_matches('.').split_whitespace().next().unwrap_or("").to_owned());
    let first_word = act.split_whitespace().next().unwrap_or("");
    let mut out = BTreeMap::new();
    out.insert("type", crate::extract::acttype::act_type_of(first_word).map(|t| t.as_str().to_owned()));
    out.insert("date", crate::extract::dates::find_dates(act).first().map(|d| d.date.to_string()));
    out.insert("number", number_after(act));
    out.insert("registration", registration.and_then(number_after));
    out
}

fn read_json(path: &Path) -> Result<Value, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::Input { path: path.display().to_string(), cause: e.to_string() })?;
    serde_json::from_str(&text).map_err(|e| EvalError::Input { path: path.display().to_string(), cause: e.to_string() })
}

fn sorted_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, EvalError> {
    let read = std::fs::read_dir(dir).map_err(|e| EvalError::Input { path: dir.display().to_string(), cause: e.to_string() })?;
    let mut files: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == ext)).collect();
    files.sort();
    Ok(files)
}

fn sorted_dirs(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let read = std::fs::read_dir(dir).map_err(|e| EvalError::Input { path: dir.display().to_string(), cause: e.to_string() })?;
    let mut dirs: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    dirs.sort();
    Ok(dirs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiset_comparison() {
        let s = |v: &[&str]| v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        let c = compare(&s(&["a", "a", "b"]), &s(&["a", "c"]));
        assert_eq!(c, Counts { gold: 3, found: 2, matched: 1 });
        assert!((c.precision() - 0.5).abs() < 1e-9);
        assert!((c.recall() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(compare(&[None], &[None]), Counts::default());
    }

    #[test]
    fn requisite_lines() {
        let id = identity_of_requisite("Приказ и.о. Управляющего Делами Президента Республики Казахстан от 12 февраля 2016 года № 13/19. Зарегистрирован в Министерстве юстиции Республики Казахстан 22 февраля 2016 года № 13165. Утратил силу приказом и.о. Управляющего Делами Президента Республики Казахстан от 3 апреля 2017 года № 13/80");
        assert_eq!(id["type"].as_deref(), Some("order"));
        assert_eq!(id["date"].as_deref(), Some("2016-02-12"));
        assert_eq!(id["number"].as_deref(), Some("13/19"));
        assert_eq!(id["registration"].as_deref(), Some("13165"));
    }
}
