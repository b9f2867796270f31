//! Hard-wrapped text (copied from a PDF, or a scrape of a fixed-width page) -> one line per
//! paragraph. A text is hard-wrapped when its long lines mostly stop mid-sentence: paragraphs
//! of a scrape end with their sentence, lines of a wrapped page end where the width ran out.
//! Then lines are joined until a line falls short of the wrap width (a paragraph's last line,
//! or a headline), a blank line, or the end; a word hyphenated across lines is joined whole.
//! Text that is not wrapped is returned as it is.

use super::line::ends_sentence;

/// The lines as paragraphs.
pub fn reflow(lines: Vec<String>) -> Vec<String> {
    let Some(width) = wrap_width(&lines) else {
        return lines;
    };
    let short = width * 3 / 4;
    let mut out: Vec<String> = Vec::new();
    let mut paragraph = String::new();
    for (i, line) in lines.iter().enumerate() {
        let len = line.chars().count();
        if line.is_empty() {
            flush(&mut out, &mut paragraph);
            out.push(String::new());
            continue;
        }
        // A line that opens in lowercase continues the line before, even one flushed as short
        // (a letterhead wrapped over two lines).
        let continues = line.chars().next().is_some_and(char::is_lowercase);
        if continues
            && paragraph.is_empty()
            && let Some(last) = out
                .last_mut()
                .filter(|l| !l.is_empty() && !ends_sentence(l))
        {
            last.push(' ');
            last.push_str(line);
            continue;
        }
        // A line opening a block, not ending a sentence, before a capital: a headline.
        let next_capital = lines
            .get(i + 1)
            .and_then(|n| n.chars().next())
            .is_some_and(char::is_uppercase);
        if paragraph.is_empty() && !ends_sentence(line) && next_capital && len * 10 < width * 9 {
            out.push(line.clone());
            continue;
        }
        if paragraph.ends_with('-') && continues {
            paragraph.pop();
        } else if !paragraph.is_empty() {
            paragraph.push(' ');
        }
        paragraph.push_str(line);
        let next_lowercase = lines
            .get(i + 1)
            .and_then(|n| n.chars().next())
            .is_some_and(char::is_lowercase);
        if len < short || (ends_sentence(line) && !next_lowercase) {
            flush(&mut out, &mut paragraph);
        }
    }
    flush(&mut out, &mut paragraph);
    out
}

fn flush(out: &mut Vec<String>, paragraph: &mut String) {
    if !paragraph.is_empty() {
        out.push(std::mem::take(paragraph));
    }
}

/// The width the text is wrapped at, when it is: among its lines near the longest (the
/// 90th percentile of lengths), most end without ending a sentence.
fn wrap_width(lines: &[String]) -> Option<usize> {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lengths.len() < 6 {
        return None;
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 9 / 10];
    if width < 30 {
        return None;
    }
    let long: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].chars().count() * 5 >= width * 4)
        .collect();
    let open: Vec<usize> = long
        .iter()
        .copied()
        .filter(|&i| !ends_sentence(&lines[i]))
        .collect();
    // A short text has few long lines: one that runs on into a lowercase word is enough.
    let runs_on = open.iter().any(|&i| {
        lines
            .get(i + 1)
            .and_then(|n| n.chars().next())
            .is_some_and(char::is_lowercase)
    });
    // Wrapped lines are also about as long as each other: no paragraph runs far past them.
    let longest = lengths.last().copied().unwrap_or(0);
    let enough = long.len() >= 4 || (long.len() >= 2 && runs_on);
    (enough && open.len() * 10 >= long.len() * 6 && longest * 4 <= width * 5).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn wrapped_text_is_joined_into_paragraphs() {
        let text = "Le Maroc et la Mauritanie renforcent leur coopération\n\
Le ministre de l'Intérieur a reçu mardi à Rabat son homologue\n\
mauritanien pour examiner la sécurité de leur frontière commune et\n\
la lutte contre les réseaux de trafic de migrants, selon un communi-\n\
qué du ministère publié le même jour à Rabat et à Nouakchott.\n\
Les deux ministres ont convenu de tenir une réunion de suivi dans\n\
trois mois à Nouakchott, avec les responsables des services de\n\
sécurité des deux pays.";
        let out = reflow(lines(text));
        assert_eq!(out.len(), 3, "{out:#?}");
        assert!(out[1].contains("un communiqué du ministère"), "{}", out[1]);
        assert!(out[2].starts_with("Les deux ministres") && out[2].ends_with("pays."));
    }

    /// A letterhead wrapped over two lines is one line, and a page number is left alone.
    #[test]
    fn a_wrapped_letterhead_is_joined() {
        let text = "ROYAUME DU MAROC\n\
Ministère des Affaires Etrangères, de la Coopération Africaine\n\
et des Marocains Résidant à l'Etranger\n\
COMMUNIQUÉ\n\
Le Ministre des Affaires Etrangères a reçu ce mardi à Rabat son homologue\n\
malien, avec lequel il a passé en revue l'état de la coopération bilatérale,\n\
notamment dans le domaine de la lutte contre le terrorisme au Sahel.\n\
1/1";
        let out = reflow(lines(text));
        assert_eq!(
            out[1],
            "Ministère des Affaires Etrangères, de la Coopération Africaine et des Marocains Résidant à l'Etranger"
        );
        assert_eq!(out.len(), 5, "{out:#?}");
    }

    #[test]
    fn one_paragraph_per_line_is_left_alone() {
        let text = "A headline of a few words\nThe first paragraph is a sentence that ends where it should end.\nThe second one does too, and it is a little longer than the first.\nA third.\nA fourth paragraph closes the article with a full stop.\nShare this\nReply";
        assert_eq!(reflow(lines(text)), lines(text));
    }
}
