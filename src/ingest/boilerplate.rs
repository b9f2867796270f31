//! What is not the article: share and comment prompts, "back to top", newsletter and cookie
//! banners, "read also" and related-article headers, photo credits, tag lists, scraper
//! errors, in English, French and Arabic. Matched over whole lines folded by `match_key`
//! (lowercase, no diacritics or apostrophes, punctuation as spaces, Arabic letters folded and
//! the article dropped). The patterns below are written in their natural spelling and folded
//! the same way by `fold::pattern` when compiled, so no one folds them by hand.
//!
//! These are patterns of the trade, not strings of any one site: other sites say the same
//! things in other words, and the corpus in tests/fixtures/ingest checks that they generalise.

use crate::fold::pattern;
use regex::Regex;
use std::sync::LazyLock;

/// Whether a folded line is boilerplate on its own.
pub fn is_boilerplate(folded: &str) -> bool {
    let words = folded.split(' ').count();
    // Banners name what they are about; a news sentence about cookies or newsletters is rare
    // in this domain and would be longer.
    let banner = (folded.contains("cookie") && words <= 40)
        || (folded.contains("newsletter") && words <= 15);
    banner || LINES.iter().any(|re| re.is_match(folded))
}

/// Whether a folded line is a bare "related articles" / "read also" header: the short lines
/// after it are headlines of other articles.
pub fn is_related_header(folded: &str) -> bool {
    RELATED_HEADER.is_match(folded)
}

static RELATED_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&pattern(concat!(
        r"^((related|similar|more|recommended|latest) (posts|articles|stories|news|reading)",
        r"|(read|see) (also|more)|you may also like|also read",
        r"|(à )?(lire|voir) (aussi|également|plus)|articles? (similaires|liés|connexes|recommandés)",
        r"|plus d'articles|sur le même sujet|dans la même rubrique",
        r"|اقرأ (أيضا|كذلك)|(مقالات|أخبار|مواضيع) (ذات صلة|مشابهة|متعلقة)|(أخبار|مقالات) أخرى)$"
    )))
    .expect("constant pattern")
});

static LINES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // English
        r"^(scroll )?back to (the )?top( button)?$",
        r"^leave (a|your) (reply|comment)( cancel reply)?$",
        r"^you must be (logged|signed) in to (post|leave) a comment$",
        r"^(share|share this( article| story| post| page)?|share (on|via|by|with) \w+( and \w+)*)$",
        r"^(related|similar|more|recommended) (posts|articles|stories|news)$",
        r"^(read|see) (also|more)( \w+){0,14}$",
        r"^(error )?content is protected$",
        r"^click (here )?to (share|print|email|tweet)( \w+){0,6}$",
        r"^(tweet|pin|print|email|whatsapp|facebook|twitter|x|linkedin|telegram|reddit)( \w+){0,4}$",
        r"^(\d+ )?(comments?|reactions?)( \d+)?$",
        r"^(no comments yet|be the first to comment|loading comments)$",
        r"^like this( like)?( loading)?$",
        r"^follow us( on \w+)*$",
        r"^follow( \S+){1,4} on( \S+){1,3}$",
        r"^(privacy policy|terms of (use|service)|contact us|about us|all rights reserved)$",
        r"^(advertisement|sponsored|ad)$",
        r"^((additional )?reporting|writing|editing|compiled) by( \S+){1,12}$",
        // Photo credits and tag lists: a label, then names.
        r"^(photo|photos|image|picture|credit|photo credit|crédit photo|صورة|صور)( \S+){0,8}$",
        r"^(tags?|keywords|topics|mots clés|mots clefs|étiquettes|كلمات مفتاحية|وسوم)( \S+){0,20}$",
        // French
        r"^(partagez|partager)( cet article| sur \w+( et \w+)*| la publication| le)?$",
        r"^(à )?(lire|voir) (aussi|également|la suite|plus)( \w+){0,14}$",
        r"^retour (en|vers le) haut( de (la )?page)?$",
        r"^(laisser|laissez|ajouter|écrire) un commentaire$",
        r"^vous devez (être|vous) connecté(e)?( \w+){0,8}$",
        r"^articles? (similaires|liés|connexes|recommandés)$",
        r"^(publicité|imprimer|envoyer par e ?mail|plus d'articles)$",
        r"^(\d+ )?commentaires?( \d+)?$",
        r"^(réagissez|réagir|commentez|commenter)( \w+){0,4}$",
        r"^cet article vous a plu( \w+){0,4}$",
        r"^suivez( nous)?( sur \w+)*$",
        r"^(mentions légales|politique de confidentialité|nous contacter|tous droits réservés)$",
        // Arabic
        r"^(إرسال|أضف|إضافة|اكتب|اترك) (تعليق|تعليقا|تعليقك)$",
        r"^(اقرأ|إقرأ) (أيضا|كذلك)( \S+){0,14}$",
        r"^(مقالات|أخبار|مواضيع) (ذات صلة|مشابهة|متعلقة)$",
        r"^(شارك|شاركوا|مشاركة)( \S+){0,3}$",
        r"^(عودة|رجوع) (إلى) (أعلى)( الصفحة)?$",
        r"^تابعونا( على \S+)*$",
        r"^(جميع الحقوق محفوظة|اتصل بنا|سياسة الخصوصية)$",
        r"^(تعليقات|تعليق)( الزوار| القراء)?$",
        r"^(إعلان|واتساب|فيسبوك|تويتر|طباعة|اطبع|انستغرام|تيليغرام)$",
    ]
    .iter()
    .map(|p| Regex::new(&pattern(p)).expect("boilerplate patterns are constants"))
    .collect()
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::match_key;

    #[test]
    fn prompts_banners_credits_and_tags_in_three_languages() {
        for line in [
            "Share via Email",
            "Comments (0)",
            "Photo: Ministry of the Interior",
            "Tags: Morocco, Spain, security",
            "We use cookies to improve your experience. Accept all",
            "Abonnez-vous à notre newsletter",
            "Réagissez à cet article",
            "Plus d'articles",
            "تابعونا على فيسبوك",
            "تعليقات الزوار",
            "كلمات مفتاحية: المغرب، الأمن",
            "Reporting by Jane Doe; editing by John Smith",
        ] {
            assert!(is_boilerplate(&match_key(line)), "{line}");
        }
        for line in [
            "The ministers shared their views on the Sahel.",
            "Photographs of the suspects were released by the police on Monday after the raid.",
        ] {
            assert!(!is_boilerplate(&match_key(line)), "{line}");
        }
        assert!(is_related_header(&match_key("À lire également")));
        assert!(is_related_header(&match_key("مقالات ذات صلة")));
        assert!(!is_related_header(&match_key("Lire aussi : autre chose")));
    }
}
