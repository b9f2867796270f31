//! Raw bytes -> text: UTF-8 when it is, otherwise the legacy encoding chardetng (Firefox's
//! detector) finds, limited to the ones scraped news text comes in (Windows-1256 for Arabic,
//! Windows-1252/Latin-1 for French and English). Refuses empty, binary and huge input.
//!
//! A byte-order mark decides first (UTF-8, UTF-16 LE or BE). Between the two legacy
//! encodings the bytes themselves are weighed as well as the detector's guess: Arabic in
//! Windows-1256 is words of high bytes, French or English in Latin-1 is single accented
//! letters between ASCII ones. When the two readings disagree, or the bytes fit neither, the
//! input is refused with a request for `--encoding`, rather than Latin text read as Arabic.

/// Inputs larger than this are refused: no news article is 5 MB of text.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, or the legacy encoding that was detected and used.
    pub encoding: &'static str,
}

/// A legacy encoding the user names with `--encoding`, for inputs whose bytes are unclear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Windows1256,
    Latin1,
}

impl Legacy {
    pub fn parse(name: &str) -> Option<Legacy> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "windows-1256" | "cp1256" | "arabic" => Some(Legacy::Windows1256),
            "latin1" | "latin-1" | "iso-8859-1" | "windows-1252" | "cp1252" => Some(Legacy::Latin1),
            _ => None,
        }
    }

    fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            Legacy::Windows1256 => encoding_rs::WINDOWS_1256,
            Legacy::Latin1 => encoding_rs::WINDOWS_1252,
        }
    }
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    decode_as(bytes, None)
}

/// Decodes, with the legacy encoding to use for non-UTF input when the user named one.
pub fn decode_as(bytes: &[u8], legacy: Option<Legacy>) -> Result<Decoded, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "the file is {} MiB; an article is expected to be under {} MiB of text",
            bytes.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        ));
    }
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        return decode_utf16(&bytes[bom..], encoding);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("the file is empty".into());
    }
    if looks_binary(bytes) {
        return Err(
            "the file is binary, not text (expected a scraped article as plain text)".into(),
        );
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
        });
    }
    let encoding = match legacy {
        Some(l) => l.encoding(),
        None => guess_legacy(bytes)?,
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(format!("the file is not valid {} either", encoding.name()));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

/// UTF-16 with its byte-order mark (already removed from `bytes`).
fn decode_utf16(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Result<Decoded, String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!(
            "the file starts with a {} byte-order mark but is not valid {} text",
            encoding.name(),
            encoding.name()
        ));
    }
    if text.trim().is_empty() {
        return Err("the file is empty".into());
    }
    if text.contains('\0') {
        return Err(
            "the file is binary, not text (expected a scraped article as plain text)".into(),
        );
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

/// Windows-1256 or Latin-1, when both the detector and the shape of the bytes agree.
fn guess_legacy(bytes: &[u8]) -> Result<&'static encoding_rs::Encoding, String> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let unclear = || {
        "the file is not UTF-8, and its bytes do not say clearly whether it is Windows-1256 \
         (Arabic) or Latin-1 (French, English); convert it to UTF-8, or pass \
         --encoding windows-1256 or --encoding latin1"
            .to_string()
    };
    match (byte_shape(bytes), guess) {
        (Some(Legacy::Windows1256), g)
            if g == encoding_rs::WINDOWS_1256 || g == encoding_rs::ISO_8859_6 =>
        {
            Ok(encoding_rs::WINDOWS_1256)
        }
        (Some(Legacy::Latin1), g) if g == encoding_rs::WINDOWS_1252 => {
            Ok(encoding_rs::WINDOWS_1252)
        }
        // The detector reads a West European text as some other Latin encoding (its
        // statistics need more text than a short article); the shape says Latin-1.
        (Some(Legacy::Latin1), g)
            if g != encoding_rs::WINDOWS_1256 && g != encoding_rs::ISO_8859_6 =>
        {
            Ok(encoding_rs::WINDOWS_1252)
        }
        (Some(Legacy::Windows1256), g) if g != encoding_rs::WINDOWS_1252 => {
            Ok(encoding_rs::WINDOWS_1256)
        }
        _ => Err(unclear()),
    }
}

/// Which legacy encoding the bytes are shaped like. Arabic in Windows-1256 writes whole words
/// in high bytes (runs of three and more, between ASCII spaces and punctuation); French or
/// English in Latin-1 has a high byte here and there, each an accented letter alone between
/// ASCII letters. `None` when neither shape holds for most high bytes.
fn byte_shape(bytes: &[u8]) -> Option<Legacy> {
    let mut high = 0usize;
    let mut in_words = 0usize;
    let mut alone = 0usize;
    let mut run = 0usize;
    for &b in bytes.iter().chain(std::iter::once(&b' ')) {
        if b >= 0x80 {
            run += 1;
            continue;
        }
        if run >= 3 {
            in_words += run;
        } else if run == 1 {
            alone += 1;
        }
        high += run;
        run = 0;
    }
    if high == 0 {
        return None;
    }
    if in_words * 10 >= high * 7 {
        Some(Legacy::Windows1256)
    } else if alone * 10 >= high * 7 {
        Some(Legacy::Latin1)
    } else {
        None
    }
}

/// NUL bytes, or many control characters, mean this is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let control = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 100 > bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("مرحبا".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("مرحبا", "UTF-8"));
    }

    #[test]
    fn windows_1256_arabic_is_detected() {
        let text = "افتتحت صباح اليوم بمدينة أكادير أشغال الاجتماع الرابع لرؤساء وكالات مكافحة الإرهاب في إفريقيا";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, text);
    }

    #[test]
    fn latin1_french_is_detected() {
        let text = "Le Maroc et l'ONUCT ont conclu leur premier Dialogue stratégique, à New York, après une série de réunions.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, text);
    }

    /// UTF-16 has NUL bytes for every ASCII letter: it was refused as binary.
    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let text = "Rabat (MAP) – Le Maroc et l'Espagne. الرباط";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE"));
        assert!(
            decode(&[0xFF, 0xFE, b' ', 0])
                .unwrap_err()
                .contains("empty")
        );
    }

    /// Bytes that fit neither shape are not guessed at: reading Latin text as Arabic (or the
    /// reverse) would publish nonsense.
    #[test]
    fn an_unclear_legacy_encoding_is_reported_and_can_be_named() {
        // Two-byte high runs only: neither Arabic words nor lone accented letters.
        let bytes = b"Rapport \xC7\xE1 sur \xD1\xC8 la s\xE9\xE9curit\xE9\xE9 du Sahel \xC7\xE1.";
        let err = decode(bytes).unwrap_err();
        assert!(err.contains("--encoding"), "{err}");
        let named = decode_as(bytes, Some(Legacy::Latin1)).unwrap();
        assert_eq!(named.encoding, "windows-1252");
        assert!(named.text.contains("séécuritéé"), "{}", named.text);
        assert_eq!(Legacy::parse("CP1256"), Some(Legacy::Windows1256));
        assert_eq!(Legacy::parse("latin1"), Some(Legacy::Latin1));
        assert_eq!(Legacy::parse("koi8-r"), None);
    }

    #[test]
    fn latin1_english_with_few_accents_is_not_read_as_arabic() {
        let text = "Morocco and Spain signed a security accord in Rabat; the caf\u{e9} owner said the na\u{ef}ve plan was d\u{e9}j\u{e0} vu.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, text);
    }

    #[test]
    fn empty_binary_and_huge_inputs_are_refused() {
        assert!(decode(b"  \n ").unwrap_err().contains("empty"));
        assert!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
                .unwrap_err()
                .contains("binary")
        );
        assert!(
            decode(&vec![b'a'; MAX_BYTES + 1])
                .unwrap_err()
                .contains("MiB")
        );
    }
}
