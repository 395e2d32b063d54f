//! TIFF page counting: walks the chain of image file directories (IFDs) in the bytes, so that
//! the pages of a multi-page scan can be decoded and OCR'd in parallel.
//!
//! Not here: decoding pixels (leptonica does, driver side in [`crate::scan`]). BigTIFF is not
//! recognised (it is rare for scans, and [`super::sniff`] does not accept it either).

use super::AcquireError;

/// More pages than any real scan; stops a crafted file from making the walk run long.
const MAX_PAGES: usize = 10_000;

/// The number of pages (IFDs) in a classic TIFF.
pub fn page_count(bytes: &[u8]) -> Result<usize, AcquireError> {
    let little = match bytes.get(..4) {
        Some(b"II*\0") => true,
        Some(b"MM\0*") => false,
        _ => return Err(corrupt("not a TIFF header")),
    };
    let read_u16 = |at: usize| -> Option<usize> {
        let b: [u8; 2] = bytes.get(at..at + 2)?.try_into().ok()?;
        Some(usize::from(if little { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) }))
    };
    let read_u32 = |at: usize| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        usize::try_from(if little { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) }).ok()
    };
    let mut offset = read_u32(4).ok_or_else(|| corrupt("truncated header"))?;
    let mut seen = std::collections::BTreeSet::new();
    while offset != 0 {
        if seen.len() >= MAX_PAGES || seen.contains(&offset) {
            return Err(corrupt("the page directory chain loops or is too long"));
        }
        seen.insert(offset);
        let entries = read_u16(offset).ok_or_else(|| corrupt("a page directory lies outside the file"))?;
        offset = read_u32(offset + 2 + entries * 12).ok_or_else(|| corrupt("a page directory is truncated"))?;
    }
    if seen.is_empty() {
        return Err(corrupt("no pages"));
    }
    Ok(seen.len())
}

fn corrupt(detail: &str) -> AcquireError {
    AcquireError::Corrupt { format: "TIFF", detail: detail.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian TIFF skeleton whose IFDs (with no entries) sit at `ifds`, chained.
    fn skeleton(ifds: &[u32]) -> Vec<u8> {
        let mut bytes = b"II*\0".to_vec();
        bytes.extend(ifds.first().copied().unwrap_or(0).to_le_bytes());
        for (i, at) in ifds.iter().enumerate() {
            bytes.resize(*at as usize, 0);
            bytes.extend(0u16.to_le_bytes());
            bytes.extend(ifds.get(i + 1).copied().unwrap_or(0).to_le_bytes());
        }
        bytes
    }

    #[test]
    fn pages_are_counted_along_the_chain() {
        assert_eq!(page_count(&skeleton(&[8])), Ok(1));
        assert_eq!(page_count(&skeleton(&[8, 20, 40])), Ok(3));
    }

    #[test]
    fn broken_chains_are_errors_not_panics() {
        assert!(page_count(&skeleton(&[])).is_err(), "no IFD at all");
        assert!(page_count(b"II*\0\xff\xff\xff\x7f").is_err(), "IFD beyond the end");
        let mut looped = skeleton(&[8]);
        looped[10..14].copy_from_slice(&8u32.to_le_bytes());
        assert!(page_count(&looped).is_err(), "IFD pointing at itself");
        assert!(page_count(b"II*").is_err());
        assert!(page_count(b"GIF89a").is_err());
    }
}
