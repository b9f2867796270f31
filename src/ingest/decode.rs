//! Raw bytes -> text: UTF-8 when it is, otherwise the legacy encoding chardetng (Firefox's
//! detector) finds, limited to the ones scraped news text comes in (Windows-1256 for Arabic,
//! Windows-1252/Latin-1 for French and English). Refuses empty, binary and huge input.

/// Inputs larger than this are refused: no news article is 5 MB of text.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, or the legacy encoding that was detected and used.
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "the file is {} MiB; an article is expected to be under {} MiB of text",
            bytes.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        ));
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
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let allowed = [
        encoding_rs::WINDOWS_1256,
        encoding_rs::WINDOWS_1252,
        encoding_rs::ISO_8859_6,
    ];
    let encoding = if allowed.contains(&guess) {
        guess
    } else if bytes.iter().filter(|&&b| b >= 0xC1).count() * 2
        > bytes.iter().filter(|&&b| b >= 0x80).count()
    {
        // Mostly high bytes in the Arabic letter range of Windows-1256.
        encoding_rs::WINDOWS_1256
    } else {
        return Err(format!(
            "the file is not UTF-8 and looks like {} (expected UTF-8, Windows-1256 or Latin-1)",
            guess.name()
        ));
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
