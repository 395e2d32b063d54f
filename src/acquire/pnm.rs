//! Binary greymaps (PGM, `P5`), the format `pdftoppm -gray` writes: the header is read here so
//! the pixels can go to Tesseract as they are, without a decoder copying them byte by byte
//! (leptonica's PNM reader took as long as a tenth of the page's OCR).
//!
//! Not here: any other image format (leptonica decodes those, driver side), 16-bit greymaps
//! (`pdftoppm` writes 8-bit; anything else is left to leptonica).

/// An 8-bit greymap borrowed from its file's bytes: `height` rows of `width` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Greymap<'a> {
    pub width: usize,
    pub height: usize,
    pub pixels: &'a [u8],
}

/// Reads a binary 8-bit PGM; `None` for anything else or when the pixels are cut short.
pub fn parse_pgm(bytes: &[u8]) -> Option<Greymap<'_>> {
    let rest = bytes.strip_prefix(b"P5")?;
    let (width, rest) = header_number(rest)?;
    let (height, rest) = header_number(rest)?;
    let (maxval, rest) = header_number(rest)?;
    if width == 0 || height == 0 || maxval == 0 || maxval > 255 {
        return None;
    }
    // Exactly one whitespace byte separates the header from the pixels.
    let (separator, pixels) = rest.split_first()?;
    if !separator.is_ascii_whitespace() {
        return None;
    }
    let size = width.checked_mul(height)?;
    Some(Greymap { width, height, pixels: pixels.get(..size)? })
}

/// Skips whitespace and `#` comments, then reads a decimal number.
fn header_number(mut bytes: &[u8]) -> Option<(usize, &[u8])> {
    loop {
        match bytes.first()? {
            b if b.is_ascii_whitespace() => bytes = &bytes[1..],
            b'#' => bytes = &bytes[bytes.iter().position(|&b| b == b'\n')?..],
            _ => break,
        }
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let number = std::str::from_utf8(&bytes[..digits]).ok()?.parse().ok()?;
    Some((number, &bytes[digits..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greymaps_are_read_with_comments_and_trailing_bytes() {
        let pgm = b"P5\n# made by a test\n3 2\n255\n\x00\x01\x02\x03\x04\x05\xff";
        let map = parse_pgm(pgm).unwrap();
        assert_eq!((map.width, map.height), (3, 2));
        assert_eq!(map.pixels, &[0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn anything_else_is_refused() {
        assert_eq!(parse_pgm(b"P5\n3 2\n255\n\x00\x01"), None, "pixels cut short");
        assert_eq!(parse_pgm(b"P2\n3 2\n255\n0 1 2 3 4 5"), None, "ASCII greymap");
        assert_eq!(parse_pgm(b"P5\n3 2\n65535\n"), None, "16-bit");
        assert_eq!(parse_pgm(b"P5\n0 2\n255\n"), None);
        assert_eq!(parse_pgm(b"P5\n99999999999 2\n255\n"), None);
        assert_eq!(parse_pgm(b""), None);
    }
}
