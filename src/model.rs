//! The data model: every type that crosses a stage boundary or lands in the knowledge base.
//!
//! This is the one place that defines the knowledge base format (version [`SCHEMA_VERSION`]).
//! The JSON Schema in `docs/kb.schema.json` is generated from these types (`normbase schema`)
//! and a test fails when the two differ, so a change here is a change of the format: bump
//! [`SCHEMA_VERSION`] when it is not backwards compatible.
//!
//! Not here: how any of these values are computed (see the stage modules), file I/O (see
//! [`crate::driver`]).
//!
//! Conventions:
//! - every [`Span`] is a pair of byte offsets into [`Document::text`], the repaired text;
//! - dates are ISO 8601 calendar dates (`2025-10-20`);
//! - strings that were read from the document are kept as written (`number: "521/НҚ"`), with
//!   normalised forms in separate fields where a machine needs them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the knowledge base format produced by this crate.
pub const SCHEMA_VERSION: u32 = 1;

/// A calendar date. Serialised as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    /// `None` when the day does not exist (`2025-02-30`).
    pub fn from_ymd(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for Date {
    type Err = jiff::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(Date)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> String {
        "Date".to_owned()
    }
    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            format: Some("date".to_owned()),
            ..Default::default()
        }
        .into()
    }
}

/// The JSON Schema of [`KnowledgeBase`], as committed in `docs/kb.schema.json`.
pub fn kb_schema_json() -> String {
    let schema = schemars::schema_for!(KnowledgeBase);
    let mut json = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    json.push('\n');
    json
}

/// Half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The slice of `text` this span covers.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

// ---------------------------------------------------------------------------------------------
// Knowledge base
// ---------------------------------------------------------------------------------------------

/// The whole output of `normbase ingest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KnowledgeBase {
    pub schema_version: u32,
    pub generator: Generator,
    /// One per ingested input, sorted by `id`.
    pub documents: Vec<Document>,
    /// Every act the knowledge base knows: those it has documents for and those only referenced.
    pub acts: Vec<Act>,
    /// Typed edges between acts, each with the place in a document that states it.
    pub relations: Vec<Relation>,
}

/// What produced the knowledge base. Holds no time stamp, so that output is reproducible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Generator {
    pub name: String,
    pub version: String,
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

/// One input file after the whole pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Stable, Akoma-Ntoso-like id: `kz/order/2025-10-20/521-НҚ/kaz`; `kz/unknown/<sha256 prefix>`
    /// while the identity is unknown.
    pub id: String,
    pub source: Source,
    /// `None` when the text is unreadable.
    pub language: Option<Language>,
    pub title: Option<String>,
    pub act: ActIdentity,
    pub registration: Option<Registration>,
    pub status: Status,
    /// When the act (or named parts of it) comes into force, as the text states it.
    pub effective: Vec<Effective>,
    /// The repaired text; every span in this document points into it.
    pub text: String,
    /// The top-level nodes of the structure tree, in text order.
    pub structure: Vec<Node>,
    pub references: Vec<Reference>,
    /// Amendment instructions, for amending acts.
    pub amendments: Vec<Amendment>,
    pub facts: Vec<Fact>,
    /// Every edit the repair stage made, in the order applied.
    pub repairs: Vec<Edit>,
    pub quality: Quality,
}

/// Where a document came from and how it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The path as given to `ingest` (relative paths stay relative, `/` separated).
    pub path: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    pub format: SourceFormat,
    /// The character encoding the bytes were decoded from (text inputs only).
    pub encoding: Option<Decoding>,
    /// Pages, for paged inputs (PDF, TIFF, images). Empty for plain text.
    pub pages: Vec<Page>,
    /// Tesseract languages used, for OCR'd inputs (`kaz+rus`).
    pub ocr_languages: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Text,
    Markdown,
    Pdf,
    PdfScanned,
    Png,
    Jpeg,
    Tiff,
}

/// How text bytes were decoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Decoding {
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1251`, `KOI8-R`, `KZ-1048`.
    pub encoding: String,
    pub had_bom: bool,
    /// Score margin over the runner-up decoding, 0..1: low means the choice was close.
    pub confidence: f32,
}

/// One page of a paged input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// The part of the document text that came from this page.
    pub span: Span,
    /// Mean OCR word confidence, 0..100, when the page was OCR'd.
    pub ocr_confidence: Option<f32>,
    /// `text_layer` or `ocr`.
    pub method: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Language {
    #[serde(rename = "kk")]
    Kazakh,
    #[serde(rename = "ru")]
    Russian,
}

impl Language {
    /// The ISO 639-2 code used in document ids (`kaz`, `rus`).
    pub fn code3(self) -> &'static str {
        match self {
            Language::Kazakh => "kaz",
            Language::Russian => "rus",
        }
    }
    pub fn code2(self) -> &'static str {
        match self {
            Language::Kazakh => "kk",
            Language::Russian => "ru",
        }
    }
}

/// How readable the document is, and how much repair it needed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quality {
    /// Word tokens in the repaired text.
    pub tokens: usize,
    /// Share of word tokens recognised as words of the document's language, 0..1.
    pub word_share: f64,
    /// False when the text is unreadable garbage: its extracted fields are then left empty.
    pub readable: bool,
    /// Share of word tokens the repair changed, 0..1.
    pub repaired_share: f64,
    /// Of the repaired tokens, the share repaired with high confidence, 0..1 (1 when none).
    pub high_confidence_share: f64,
    /// Why the document is marked as it is, for people.
    pub verdict: String,
}

// ---------------------------------------------------------------------------------------------
// Repair
// ---------------------------------------------------------------------------------------------

/// One change the repair stage made to the text.
///
/// Edits are applied in passes. Within a pass, spans point into that pass's input text, do not
/// overlap and are sorted; replaying all passes in order over the decoded input reproduces the
/// repaired text exactly (see [`crate::repair::replay`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Edit {
    /// The pass this edit belongs to (0-based, in application order).
    pub pass: u32,
    /// Bytes of the pass's input text that were replaced.
    pub span: Span,
    pub before: String,
    pub after: String,
    pub kind: EditKind,
    /// 0..1. Below [`LOW_CONFIDENCE`] the edit is a guess and is flagged as such.
    pub confidence: f32,
    /// A short reason, for people.
    pub reason: String,
}

/// Edits with a confidence below this are guesses, not certainties.
pub const LOW_CONFIDENCE: f32 = 0.7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EditKind {
    /// Text decoded with the wrong code page, restored.
    Mojibake,
    /// Latin look-alike letters inside a Cyrillic word.
    Lookalike,
    /// A word a PDF exporter moved to the line end, put back.
    Move,
    /// A word shredded across table-cell lines, rejoined.
    Rejoin,
    /// A wrapped line joined to its paragraph.
    Unwrap,
    /// A hyphen at a line break removed.
    Dehyphenate,
    /// An OCR misreading corrected.
    Ocr,
    /// Whitespace or control characters normalised.
    Whitespace,
    /// Unicode normalisation (NFC).
    Normalize,
    /// Something looks damaged but was left unchanged (before == after).
    Suspected,
}

/// A text together with everything the repair did to it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Repaired {
    pub text: String,
    pub edits: Vec<Edit>,
}

// ---------------------------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------------------------

/// A node of a document's structure tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Node {
    pub kind: NodeKind,
    /// The number as written and normalised, for numbered nodes.
    pub num: Option<Num>,
    /// Path id, stable across reprocessing: `appendix_1__chapter_2__point_5`.
    pub eid: String,
    pub heading: Option<String>,
    /// The whole node, children included.
    pub span: Span,
    pub children: Vec<Node>,
}

impl Node {
    /// Depth-first iteration over this node and its descendants.
    pub fn walk(&self) -> impl Iterator<Item = &Node> {
        let mut stack = vec![self];
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            stack.extend(node.children.iter().rev());
            Some(node)
        })
    }
}

/// A number as written (`3-1)`, `1-қосымша`) and its normalised form (`3-1`, `1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Num {
    pub raw: String,
    pub norm: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Title,
    Header,
    Status,
    Note,
    Preamble,
    Section,
    Chapter,
    Paragraph,
    Point,
    Subpoint,
    /// Text quoted by an amending point: content, not structure of this document.
    Quote,
    Signature,
    Approval,
    Appendix,
    Stamp,
    Form,
    Table,
    Row,
    Cell,
    Formula,
    Blank,
}

impl NodeKind {
    /// The name used in eids (`point`, `subpoint`, `appendix`, ...).
    pub fn eid_name(self) -> &'static str {
        match self {
            NodeKind::Title => "title",
            NodeKind::Header => "header",
            NodeKind::Status => "status",
            NodeKind::Note => "note",
            NodeKind::Preamble => "preamble",
            NodeKind::Section => "section",
            NodeKind::Chapter => "chapter",
            NodeKind::Paragraph => "para",
            NodeKind::Point => "point",
            NodeKind::Subpoint => "subpoint",
            NodeKind::Quote => "quote",
            NodeKind::Signature => "signature",
            NodeKind::Approval => "approval",
            NodeKind::Appendix => "appendix",
            NodeKind::Stamp => "stamp",
            NodeKind::Form => "form",
            NodeKind::Table => "table",
            NodeKind::Row => "row",
            NodeKind::Cell => "cell",
            NodeKind::Formula => "formula",
            NodeKind::Blank => "blank",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Acts, identity, references
// ---------------------------------------------------------------------------------------------

/// The kind of legal act, in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActType {
    Order,
    Resolution,
    Decree,
    Law,
    Code,
    Decision,
    Constitution,
    Regulation,
    Rules,
    Instruction,
    Other,
}

impl ActType {
    pub fn as_str(self) -> &'static str {
        match self {
            ActType::Order => "order",
            ActType::Resolution => "resolution",
            ActType::Decree => "decree",
            ActType::Law => "law",
            ActType::Code => "code",
            ActType::Decision => "decision",
            ActType::Constitution => "constitution",
            ActType::Regulation => "regulation",
            ActType::Rules => "rules",
            ActType::Instruction => "instruction",
            ActType::Other => "other",
        }
    }
}

/// What a document says about the act it is (or an act it cites): all fields as found.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ActIdentity {
    #[serde(rename = "type")]
    pub act_type: Option<ActType>,
    /// The type as written (`бұйрығы`, `приказ`).
    pub type_native: Option<String>,
    /// The issuing body or office as written.
    pub issuer: Option<String>,
    pub date: Option<Date>,
    /// As written, without `№`: `521/НҚ`, `19-42-3.3.17`.
    pub number: Option<String>,
    /// Where in the document the identity was read.
    pub span: Option<Span>,
}

/// State registration with the Ministry of Justice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Registration {
    pub number: String,
    pub date: Option<Date>,
    pub span: Option<Span>,
}

/// What the document itself says of its status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Status {
    pub state: StatusState,
    /// The act that repealed this one, as cited in the status line or note.
    pub repealed_by: Option<CitedAct>,
    pub span: Option<Span>,
}

impl Default for Status {
    fn default() -> Self {
        Status { state: StatusState::Unknown, repealed_by: None, span: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusState {
    /// The document states nothing against it being in force.
    InForce,
    NotYetInForce,
    Repealed,
    Unknown,
}

/// An act as a citation describes it, plus the KB act it resolved to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct CitedAct {
    #[serde(flatten)]
    pub identity: ActIdentity,
    pub registration: Option<String>,
    /// The title in quotes, when the citation gives it.
    pub title: Option<String>,
    /// The id of the act in `acts`, filled by the kb stage.
    pub act_id: Option<String>,
}

/// A citation in the text: of another act, or of a part of this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    pub span: Span,
    /// eid of the structure node the reference is in.
    pub eid: Option<String>,
    /// The act cited; `None` for an internal reference.
    pub act: Option<CitedAct>,
    /// Article, point, sub-point, appendix... outermost first.
    pub pinpoint: Vec<Pinpoint>,
    /// What the citing text does with the cited act, if it says.
    pub relation: Option<RelationKind>,
    /// For internal references (`осы бұйрыққа 1-қосымшаға`): the eid cited.
    pub internal_eid: Option<String>,
    /// True when the cited act does `relation` to this one, as notes state it ("Күші
    /// жойылды - ... бұйрығымен", "Ескерту. 3-қосымша жаңа редакцияда - ... бұйрығымен").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inverse: bool,
}

/// One level of a pinpoint: `{unit: article, num: "17"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Pinpoint {
    pub unit: PinpointUnit,
    pub num: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PinpointUnit {
    Section,
    Chapter,
    Article,
    Part,
    Point,
    Subpoint,
    Paragraph,
    Appendix,
    Row,
}

// ---------------------------------------------------------------------------------------------
// Relations, effective dates, amendments, facts
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    Approves,
    Amends,
    Repeals,
    /// The citing act is issued on the basis of ("in accordance with") the cited one.
    Basis,
    /// A plain mention.
    Cites,
}

/// A typed edge between two acts of the knowledge base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Relation {
    pub kind: RelationKind,
    /// Act id of the act that does it.
    pub from: String,
    /// Act id of the act it is done to.
    pub to: String,
    /// The date it takes effect, when known.
    pub effective: Option<Date>,
    pub provenance: Provenance,
}

/// Where in which document a value was read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Provenance {
    pub document: String,
    pub eid: Option<String>,
    pub span: Span,
}

/// When (part of) an act comes into force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Effective {
    pub rule: EffectiveRule,
    /// Parts this rule is limited to, as eids; empty = the whole act (less any `except`).
    pub parts: Vec<String>,
    /// Parts excepted from this rule, as eids.
    pub except: Vec<String>,
    pub eid: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EffectiveRule {
    /// From a fixed date.
    OnDate { date: Date },
    /// A number of (calendar) days after the first official publication, whose date is not
    /// known from the text.
    AfterPublication { days: u32, calendar: bool },
    /// From the day of first official publication.
    OnPublication,
    /// From the day of signing.
    OnSigning,
}

/// An amending act's instruction for another act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Amendment {
    /// The act amended (resolved to a KB act id by the kb stage).
    pub target: CitedAct,
    /// The part of the target act, as written (`19-тармақ`, `2-қосымшада реттік нөмірі 9-жол`).
    pub target_part: String,
    /// The same, as a pinpoint.
    pub pinpoint: Vec<Pinpoint>,
    pub operation: AmendmentOp,
    pub new_text: Option<String>,
    pub eid: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AmendmentOp {
    Replace,
    Insert,
    Delete,
    Retitle,
}

/// A fact the rule engine can use, with where it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Fact {
    #[serde(flatten)]
    pub value: FactValue,
    pub eid: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FactValue {
    /// `кемінде 80%`: subject ≥ 80 %.
    Threshold { subject: String, comparison: Comparison, value: f64, unit: String },
    /// A formula kept verbatim, with the definitions of its symbols.
    Formula { expression: String, variables: Vec<Variable> },
    /// An enumerated list (the items are the eids of the list's nodes).
    List { title: String, items: Vec<ListItem> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    AtLeast,
    AtMost,
    MoreThan,
    LessThan,
    Equal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Variable {
    pub symbol: String,
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ListItem {
    pub eid: String,
    pub text: String,
}

// ---------------------------------------------------------------------------------------------
// Acts in the knowledge base
// ---------------------------------------------------------------------------------------------

/// An act the knowledge base knows, from its own documents or only from citations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Act {
    /// `kz/order/2025-10-20/521-НҚ`; for an act known by registration only, `kz/reg/18523`.
    pub id: String,
    #[serde(rename = "type")]
    pub act_type: Option<ActType>,
    pub issuer: Option<String>,
    pub date: Option<Date>,
    pub number: Option<String>,
    pub registration: Option<Registration>,
    pub title: Option<String>,
    /// Ids of this act's documents (one per language); empty for acts known only by citation.
    pub documents: Vec<String>,
    /// Status changes in date order; the state before the first entry is `not_yet_in_force`
    /// when the first entry has a date.
    pub timeline: Vec<StatusChange>,
}

/// From `date` (inclusive) on, the act is `state`, because of `reason`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StatusChange {
    /// `None` when the date is not known (e.g. ten days after an unknown publication date).
    pub date: Option<Date>,
    pub state: StatusState,
    pub reason: String,
    pub provenance: Option<Provenance>,
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// One finding of `normbase check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    pub severity: Severity,
    /// A short stable code (`dangling-internal-reference`).
    pub code: String,
    pub message: String,
    pub document: Option<String>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}
