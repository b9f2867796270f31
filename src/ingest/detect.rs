//! What an article is: its language (from the script and function words), its headline, and
//! its date (explicit fragments, datelines, "Thursday, March 16, 2023", "16 mars 2023",
//! see `date_text`). Never invents a date: one without a year is no date.

use super::date_text;
use crate::dates::PartialDate;

/// The language of a text, or why it cannot be told: Arabic when Arabic letters are a good
/// share of its letters (after NFKC, text copied from a PDF in presentation forms counts),
/// otherwise English or French by their stop words (`stopwords`).
pub fn detect_language(text: &str) -> Result<&'static str, String> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 20 {
        return Err("too little text to tell its language; pass --lang".into());
    }
    let arabic = text
        .chars()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c) || ('\u{0750}'..='\u{077F}').contains(c))
        .count();
    if arabic * 100 / letters >= 40 {
        return Ok("ar");
    }
    let [en, fr, _] = super::stopwords::counts(text);
    if en.max(fr) < 3 {
        return Err(
            "cannot tell whether the text is English, French or Arabic; pass --lang".into(),
        );
    }
    Ok(if fr > en { "fr" } else { "en" })
}

/// An honest title from the first sentence: up to its first clause break, at most 14 words.
pub fn title_from_sentence(paragraph: &str) -> String {
    let sentence = first_sentence(paragraph);
    let clause = sentence
        .split([',', '،', ';', '؛'])
        .next()
        .unwrap_or(sentence)
        .trim();
    let words: Vec<&str> = clause.split_whitespace().collect();
    if words.len() > 14 {
        format!("{}…", words[..14].join(" "))
    } else {
        clause.to_string()
    }
}

/// The first sentence: up to a `.`, `!`, `?` or `؟` followed by a space, where the `.` does
/// not close an abbreviation such as `U.S.` or `H.E.`.
fn first_sentence(text: &str) -> &str {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '؟') {
            continue;
        }
        let next_is_space = chars.get(k + 1).is_none_or(|(_, n)| n.is_whitespace());
        let word_before = text[..i].rsplit(char::is_whitespace).next().unwrap_or("");
        let abbreviation =
            c == '.' && (word_before.chars().count() <= 1 || word_before.contains('.'));
        if next_is_space && !abbreviation {
            return &text[..i];
        }
    }
    text
}

/// The article's date from its lead (the first paragraph of the body): the first date there
/// that is not announced as ahead ("scheduled for", "prévue le", "المقرر"). Later paragraphs
/// mostly date other events, so they are not read.
pub fn find_date(lead: &str) -> Option<PartialDate> {
    date_text::dates_in(lead)
        .into_iter()
        .find(|f| !announced_as_ahead(&lead[..f.span.start]))
        .map(|f| f.date)
}

/// Words that put the date that follows them in the future: an event announced, not the
/// day the article reports. Written as writers spell them; compared by their `match_key`.
fn announced_as_ahead(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail = crate::fold::match_key(&tail);
    [
        "scheduled",
        "expected on",
        "due on",
        "will be held",
        "prévu",
        "prévue",
        "programmé le",
        "jusqu",
        "until",
        "مقرر",
        "المرتقب",
        "مرتقب",
        "سيعقد",
        "ستعقد",
        "سينظم",
    ]
    .iter()
    .any(|m| tail.contains(&crate::fold::match_key(m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_told_apart() {
        assert_eq!(
            detect_language(
                "The ministry said on Monday that the talks with the delegation were useful."
            )
            .unwrap(),
            "en"
        );
        assert_eq!(
            detect_language(
                "Le ministère a déclaré lundi que les discussions avec la délégation sont utiles."
            )
            .unwrap(),
            "fr"
        );
        assert_eq!(
            detect_language("قالت الوزارة يوم الاثنين إن المحادثات مع الوفد كانت مفيدة للطرفين")
                .unwrap(),
            "ar"
        );
        assert!(detect_language("12345 67890").is_err());
    }

    #[test]
    fn announced_dates_are_not_the_articles_date() {
        assert_eq!(
            find_date("A conference, scheduled for 14 November 2024, was announced.")
                .map(|d| d.iso()),
            None
        );
        assert_eq!(
            find_date("يستعد المغرب لاحتضان مؤتمر، المقرر عقده في 20 نونبر 2024 بأكادير")
                .map(|d| d.iso()),
            None
        );
        assert_eq!(
            find_date("Le ministre a reçu, le 12 janvier 2025, une délégation.").map(|d| d.iso()),
            Some("2025-01-12".into())
        );
    }

    #[test]
    fn sentence_titles() {
        assert_eq!(
            title_from_sentence(
                "A meeting of the U.S.-Morocco Strategic Dialogue working group was convened on Wednesday in Washington at the initiative of Morocco."
            ),
            "A meeting of the U.S.-Morocco Strategic Dialogue working group was convened on Wednesday in…"
        );
    }
}
