//! What an article is: its language (from the script and function words), its headline, and
//! its date (explicit fragments, datelines, "Thursday, March 16, 2023", "16 mars 2023",
//! Arabic month names of the Maghreb, the Mashriq and the Levant). Never invents a date: one
//! without a year is no date.

use crate::dates::PartialDate;
use regex::Regex;
use std::sync::LazyLock;

/// The language of a text, or why it cannot be told.
pub fn detect_language(text: &str) -> Result<&'static str, String> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 20 {
        return Err("too little text to tell its language; pass --lang".into());
    }
    let arabic = text
        .chars()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
        .count();
    if arabic * 100 / letters >= 40 {
        return Ok("ar");
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(&w.as_str())).count();
    let en = count(&[
        "the", "of", "and", "to", "in", "is", "was", "for", "on", "with", "that", "by", "as", "at",
        "from", "has", "have", "which", "their", "its",
    ]);
    let fr = count(&[
        "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "pour", "dans", "sur",
        "avec", "qui", "que", "au", "aux", "par", "ont", "sont", "ce", "cette",
    ]);
    if en.max(fr) < 3 {
        return Err(
            "cannot tell whether the text is English, French or Arabic; pass --lang".into(),
        );
    }
    Ok(if fr > en { "fr" } else { "en" })
}

/// A first line reads as a headline when it is short and does not end a sentence.
pub fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (3..=25).contains(&words)
        && line.chars().count() <= 200
        && !line.trim_end().ends_with(['.', ',', ';', ':'])
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

const EN_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
/// Arabic month names: Maghreb (Morocco), Mashriq, and Levantine, each list January first.
const AR_MONTHS: [&[&str]; 12] = [
    &["يناير", "كانون الثاني", "جانفي"],
    &["فبراير", "شباط", "فيفري"],
    &["مارس", "آذار"],
    &["أبريل", "ابريل", "نيسان", "أفريل"],
    &["ماي", "مايو", "أيار"],
    &["يونيو", "يونيه", "حزيران", "جوان"],
    &["يوليوز", "يوليو", "تموز", "جويلية"],
    &["غشت", "أغسطس", "اغسطس", "آب", "أوت"],
    &["شتنبر", "سبتمبر", "أيلول"],
    &["أكتوبر", "اكتوبر", "تشرين الأول"],
    &["نونبر", "نوفمبر", "تشرين الثاني"],
    &["دجنبر", "ديسمبر", "كانون الأول"],
];

static LATIN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let months = EN_MONTHS
        .iter()
        .chain(FR_MONTHS.iter())
        .copied()
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"(?i)\b(?:(\d{{1,2}})(?:er)?\s+({months})\s+(\d{{4}})|({months})\s+(\d{{1,2}}),?\s+(\d{{4}})|({months})\s+(\d{{4}}))\b"
    ))
    .expect("constant pattern")
});

static ARABIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let months = AR_MONTHS
        .iter()
        .flat_map(|m| m.iter())
        .copied()
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"(?:([0-9٠-٩]{{1,2}})\s+)?({months})\s+([0-9٠-٩]{{4}})"
    ))
    .expect("constant pattern")
});

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4}-\d{2}-\d{2})\b").expect("constant pattern"));

/// The article's date from its opening paragraphs (later mentions are usually other events).
pub fn find_date(paragraphs: &[String]) -> Option<PartialDate> {
    paragraphs.iter().take(2).find_map(|p| date_in(p))
}

fn date_in(text: &str) -> Option<PartialDate> {
    let ascii = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
                c => c,
            })
            .collect()
    };
    if let Some(c) = ISO_DATE.captures(text) {
        return PartialDate::parse(&c[1]).ok();
    }
    if let Some(c) = LATIN_DATE.captures(text) {
        let month_of = |name: &str| -> Option<u8> {
            let n = name.to_lowercase();
            EN_MONTHS
                .iter()
                .position(|m| *m == n)
                .or_else(|| FR_MONTHS.iter().position(|m| *m == n))
                .map(|i| i as u8 + 1)
        };
        let (day, month, year) = if let Some(d) = c.get(1) {
            (Some(d.as_str()), &c[2], &c[3])
        } else if let Some(m) = c.get(4) {
            (c.get(5).map(|d| d.as_str()), m.as_str(), &c[6])
        } else {
            (None, &c[7], &c[8])
        };
        let month = month_of(month)?;
        let iso = match day {
            Some(d) => format!("{year}-{month:02}-{:02}", d.parse::<u8>().ok()?),
            None => format!("{year}-{month:02}"),
        };
        return PartialDate::parse(&iso).ok();
    }
    if let Some(c) = ARABIC_DATE.captures(text) {
        let month = AR_MONTHS.iter().position(|names| names.contains(&&c[2]))? as u8 + 1;
        let year = ascii(&c[3]);
        let iso = match c.get(1) {
            Some(d) => format!(
                "{year}-{month:02}-{:02}",
                ascii(d.as_str()).parse::<u8>().ok()?
            ),
            None => format!("{year}-{month:02}"),
        };
        return PartialDate::parse(&iso).ok();
    }
    None
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
    fn dates_in_three_languages() {
        let d = |s: &str| date_in(s).map(|d| d.iso());
        assert_eq!(
            d("On Thursday, March 16, 2023, Rabat held"),
            Some("2023-03-16".into())
        );
        assert_eq!(d("le 16 mars 2023 à Rabat"), Some("2023-03-16".into()));
        assert_eq!(d("jeudi 1er février 2024"), Some("2024-02-01".into()));
        assert_eq!(d("في 20 يوليوز 2023 بالرباط"), Some("2023-07-20".into()));
        assert_eq!(d("في ٣ شتنبر ٢٠٢٤"), Some("2024-09-03".into()));
        assert_eq!(d("خلال تموز 2022"), Some("2022-07".into()));
        assert_eq!(d("in September 2012"), Some("2012-09".into()));
        assert_eq!(d("on July 20 in Dakar"), None, "no year: no date");
    }

    #[test]
    fn headlines_and_sentence_titles() {
        assert!(is_headline(
            "Morocco Holds Strong Cities Conference in the MENA Region"
        ));
        assert!(!is_headline(
            "Le Maroc et l’ONUCT ont conclu leur premier Dialogue stratégique de haut niveau, jeudi à New York."
        ));
        assert_eq!(
            title_from_sentence(
                "A meeting of the U.S.-Morocco Strategic Dialogue working group was convened on Wednesday in Washington at the initiative of Morocco."
            ),
            "A meeting of the U.S.-Morocco Strategic Dialogue working group was convened on Wednesday in…"
        );
    }
}
