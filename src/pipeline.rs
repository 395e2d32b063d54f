//! The per-document pipeline: one input's bytes → one [`Document`], through acquire, repair,
//! quality, segment and extract. Pure: the driver does the reading and writing.

use sha2::{Digest, Sha256};

use crate::acquire::{self, AcquireError, Input};
use crate::extract::{self, Extracted};
use crate::lang::{self, Resources};
use crate::model::{Document, Source};
use crate::{ids, quality, repair, segment};

/// Why one input could not become a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProcessError {
    #[error(transparent)]
    Acquire(#[from] AcquireError),
}

/// Runs every per-document stage over one input.
pub fn process(input: &Input, resources: &Resources) -> Result<Document, ProcessError> {
    let acquired = acquire::acquire(input)?;
    Ok(process_acquired(input, acquired, resources))
}

/// Runs the stages after acquire, for text the driver already acquired (scans are OCR'd on
/// the driver side, see [`crate::scan`]). Page spans are moved onto the repaired text.
pub fn process_acquired(input: &Input, mut acquired: acquire::Acquired, resources: &Resources) -> Document {
    let repaired = repair::repair(&acquired.text, resources);
    acquire::pages::remap_page_spans(&mut acquired.pages, &repaired.edits, &repaired.text);
    let quality = quality::assess(&repaired, resources);
    let language = if quality.readable { lang::identify(&repaired.text) } else { None };
    let (structure, extracted) = if quality.readable {
        let structure = segment::segment(&repaired.text, language);
        let extracted = extract::extract(&repaired.text, &structure, language);
        (structure, extracted)
    } else {
        (Vec::new(), Extracted::default())
    };
    let sha256 = hex(&Sha256::digest(&input.bytes));
    let Extracted { title, act, registration, status, effective, references, amendments, facts } = extracted;
    Document {
        id: ids::document_id(&act, language, &sha256),
        source: Source {
            path: input.path.clone(),
            sha256,
            format: acquired.format,
            encoding: acquired.encoding,
            pages: acquired.pages,
            ocr_languages: acquired.ocr_languages,
        },
        language,
        title,
        act,
        registration,
        status,
        effective,
        text: repaired.text,
        structure,
        references,
        amendments,
        facts,
        repairs: repaired.edits,
        quality,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
