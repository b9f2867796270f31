//! `marsad ingest` on input as people have it (issue 21): saved web pages (the portal's own
//! among them), Arabic copied from a PDF in presentation forms, pages wrapped in site chrome,
//! and the source, date and tag rules that read them. Every assertion is on what ingest
//! writes or reports.

use crate::support::*;
use marsad::ingest::{Existing, IngestOptions, Plan, plan};
use marsad::taxonomy::Registry;

fn setup(site: &TestSite) -> (marsad::config::SiteConfig, Registry, Existing) {
    let (config, sources) = site.load();
    let (registry, _) =
        marsad::taxonomy::parse_registry(&config, &sources.registries).expect("registry");
    (config, registry, Existing::scan(&sources.content))
}

fn ingest(bytes: &[u8]) -> Result<Plan, String> {
    let site = TestSite::portal();
    let (config, registry, mut existing) = setup(&site);
    plan(
        bytes,
        &config,
        &registry,
        &mut existing,
        &IngestOptions {
            force: true,
            ..Default::default()
        },
    )
}

fn source_name(p: &Plan) -> Option<&str> {
    p.source.as_ref().map(|s| s.name.as_str())
}

/// Issue 21's "done means": a saved page of the bundled portal itself gives its title, its
/// date and the portal as source, for every briefing page in every language.
#[test]
fn a_saved_page_of_the_portal_gives_its_title_date_and_the_portal_as_source() {
    let site = TestSite::portal();
    site.build_ok();
    let (config, _) = site.load();
    let mut pages = Vec::new();
    for lang in &config.languages {
        let dir = site.public().join(lang.lang.as_str());
        for entry in std::fs::read_dir(&dir).expect("language folder") {
            let page = entry.expect("entry").path().join("index.html");
            let text = std::fs::read_to_string(&page).unwrap_or_default();
            if text.contains(r#""@type":"NewsArticle""#) {
                pages.push((page, lang.title.clone()));
            }
        }
    }
    for lang in &config.languages {
        let code = format!("/{}/", lang.lang.as_str());
        assert!(
            pages
                .iter()
                .any(|(p, _)| p.to_string_lossy().contains(&code)),
            "{pages:?}"
        );
    }
    let mut args = vec!["ingest", "--dry-run", "--json"];
    args.extend(pages.iter().map(|(p, _)| p.to_str().expect("utf-8 path")));
    let out = run_marsad(&args, site.root());
    let reports: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("a JSON report");
    assert_eq!(reports.len(), pages.len());
    for ((path, portal), report) in pages.iter().zip(&reports) {
        let html = scraper::Html::parse_document(&std::fs::read_to_string(path).expect("page"));
        let ld = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).expect("css");
        let ld: serde_json::Value = serde_json::from_str(
            &html
                .select(&ld)
                .next()
                .expect("JSON-LD")
                .text()
                .collect::<String>(),
        )
        .expect("JSON-LD parses");
        let shown = path.display();
        assert_eq!(report["title"], ld["headline"], "{shown}: {report:#}");
        assert_eq!(
            report["date"].as_str(),
            ld["datePublished"].as_str(),
            "{shown}: {report:#}"
        );
        assert_eq!(report["source"].as_str(), Some(portal.as_str()), "{shown}");
        assert!(
            report["source_url"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://marsad.example.org/")),
            "{shown}: {report:#}"
        );
        // The page's chrome (navigation, the term lists, related briefings) is not the body.
        let body: Vec<&str> = report["body"]
            .as_array()
            .expect("body")
            .iter()
            .filter_map(|p| p.as_str())
            .collect();
        assert!(!body.is_empty(), "{shown}");
        for chrome in [
            "Skip to content",
            "Related briefings",
            "Search the briefings",
        ] {
            assert!(!body.contains(&chrome), "{shown}: {body:#?}");
        }
    }
}

/// Arabic letters as isolated presentation forms (U+FE70–U+FEFF), as a PDF copy gives them.
fn presentation_forms(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ا' => '\u{FE8D}',
            'ب' => '\u{FE8F}',
            'ت' => '\u{FE95}',
            'ث' => '\u{FE99}',
            'ج' => '\u{FE9D}',
            'ح' => '\u{FEA1}',
            'خ' => '\u{FEA5}',
            'د' => '\u{FEA9}',
            'ذ' => '\u{FEAB}',
            'ر' => '\u{FEAD}',
            'ز' => '\u{FEAF}',
            'س' => '\u{FEB1}',
            'ش' => '\u{FEB5}',
            'ص' => '\u{FEB9}',
            'ض' => '\u{FEBD}',
            'ط' => '\u{FEC1}',
            'ظ' => '\u{FEC5}',
            'ع' => '\u{FEC9}',
            'غ' => '\u{FECD}',
            'ف' => '\u{FED1}',
            'ق' => '\u{FED5}',
            'ك' => '\u{FED9}',
            'ل' => '\u{FEDD}',
            'م' => '\u{FEE1}',
            'ن' => '\u{FEE5}',
            'ه' => '\u{FEE9}',
            'و' => '\u{FEED}',
            'ي' => '\u{FEF1}',
            'ة' => '\u{FE93}',
            'أ' => '\u{FE83}',
            'إ' => '\u{FE87}',
            'آ' => '\u{FE81}',
            'ى' => '\u{FEEF}',
            other => other,
        })
        .collect()
}

/// Issue 21: an Arabic article copied from a PDF was refused for its language, and with
/// `--lang ar` written in presentation forms.
#[test]
fn arabic_copied_from_a_pdf_reads_as_ordinary_letters() {
    let original = std::fs::read(repo().join("tests/fixtures/ingest/ar01_hespress_dateline.txt"))
        .expect("article");
    let text = String::from_utf8(original.clone()).expect("utf-8");
    let copied = presentation_forms(&text);
    assert!(
        copied
            .chars()
            .any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c))
    );
    let from_pdf = ingest(copied.as_bytes()).expect("ingested");
    let plain = ingest(&original).expect("ingested");
    assert_eq!(from_pdf.lang, "ar");
    assert_eq!(from_pdf.title, plain.title);
    assert_eq!(from_pdf.date, plain.date);
    assert_eq!(from_pdf.places, plain.places);
    assert_eq!(from_pdf.actors, plain.actors);
    let written: String = from_pdf.body.concat();
    assert!(
        !written
            .chars()
            .any(|c| ('\u{FB50}'..='\u{FEFF}').contains(&c)),
        "{written}"
    );
    // Latin ligatures too.
    let p = ingest("Le financement du terrorisme au Sahel\n\nLe Maroc a présenté à Niamey ses ﬁnancements et son expérience ﬂagrante de la lutte contre le ﬁnancement du terrorisme, selon le ministère.".as_bytes()).expect("ingested");
    assert_eq!(p.lang, "fr");
    assert!(p.body[0].contains("financements"), "{:?}", p.body);
    assert!(p.topics.contains(&"terrorist-financing".to_string()));
}

/// A site that writes no full stops (and a PDF copy whose stops moved to the line's start)
/// still has an article: the lines that read best are its text.
#[test]
fn arabic_without_full_stops_keeps_its_paragraphs() {
    let p = ingest(NO_STOPS.as_bytes()).expect("ingested");
    assert_eq!(p.title, "المغرب وإسبانيا يتفقان على تعزيز التعاون الأمني");
    assert_eq!(p.body.len(), 2, "{:#?}", p.body);
    // Each paragraph's stop at the start of its own line, as a PDF copy leaves it.
    let moved = NO_STOPS
        .replace("\nاستقبل", "\n.استقبل")
        .replace("\nوأكد", "\n.وأكد");
    let p = ingest(moved.as_bytes()).expect("ingested");
    assert_eq!(p.body.len(), 2, "{:#?}", p.body);
}

const NO_STOPS: &str = "الرئيسية
أخبار وطنية
المغرب وإسبانيا يتفقان على تعزيز التعاون الأمني
استقبل وزير الداخلية عبد الوافي لفتيت اليوم بالرباط نظيره الإسباني وتباحث الجانبان سبل تعزيز التعاون في مجال مكافحة الإرهاب والهجرة غير النظامية
وأكد الوزيران على أهمية تبادل المعلومات بين الأجهزة الأمنية في البلدين لمواجهة التهديدات المشتركة
شارك
";

/// A page scraped whole: skip links, a breadcrumb, a cookie banner, a headline with its
/// outlet's suffix, a newsletter prompt and buttons after the article.
const CHROME: &str = "Skip to content
Home > Africa > Security
We use cookies to improve your experience on our site. Accept all
Morocco and Mauritania Agree to Step Up Border Patrols | The North Africa Post
Saturday 08/02/2025
By Staff Writer
Nouakchott – Morocco and Mauritania agreed on Friday to step up joint patrols along their shared border, the two interior ministries said in a statement.
The patrols will cover the crossing at Guerguerat and the desert tracks used by smugglers.
They start next month.
Officials from both countries will meet again in Rabat in the spring to review the first results of the patrols.
Enter your email address
Subscribe
Reply
";

#[test]
fn chrome_around_an_article_is_not_its_title_source_or_body() {
    let p = ingest(CHROME.as_bytes()).expect("ingested");
    assert_eq!(
        p.title,
        "Morocco and Mauritania Agree to Step Up Border Patrols"
    );
    assert_eq!(p.date.map(|d| d.iso()).as_deref(), Some("2025-02-08"));
    assert_eq!(source_name(&p), Some("The North Africa Post"));
    assert_eq!(p.body.len(), 4, "{:#?}", p.body);
    assert_eq!(p.body[2], "They start next month.");
    for chrome in [
        "Skip to content",
        "Enter your email address",
        "Subscribe",
        "Reply",
    ] {
        assert!(
            p.removed.iter().any(|r| r == chrome),
            "{chrome}: {:#?}",
            p.removed
        );
    }
}

/// Found by trying pages as a new user would: a WordPress scrape whose footer names the
/// outlet beside its CMS, and a French page whose breadcrumb is not a dateline.
#[test]
fn a_cms_footer_and_a_breadcrumb_are_read_for_what_they_are() {
    let p = ingest(WORDPRESS.as_bytes()).expect("ingested");
    assert_eq!(p.title, "Morocco, Nigeria discuss gas pipeline security");
    assert_eq!(p.date.map(|d| d.iso()).as_deref(), Some("2025-02-18"));
    assert_eq!(source_name(&p), Some("The Sahel Observer"));
    assert_eq!(p.body.len(), 4, "{:#?}", p.body);
    let p = ingest(BREADCRUMB.as_bytes()).expect("ingested");
    assert_eq!(p.title, "Sahel : Rabat plaide pour une approche globale");
    assert_eq!(p.date.map(|d| d.iso()).as_deref(), Some("2025-06-11"));
    assert_eq!(source_name(&p), Some("LeJournal.ma"));
    assert_eq!(p.body.len(), 3, "{:#?}", p.body);
}

const WORDPRESS: &str = "Menu
Home » News » Africa
Morocco, Nigeria discuss gas pipeline security – The Sahel Observer
Posted on February 18, 2025 by admin
Abuja – Moroccan and Nigerian officials met in Abuja on Monday to discuss the security of the planned Atlantic gas pipeline, which will cross several West African countries.
The talks focused on protecting the infrastructure from armed groups and sabotage.
“Security is a precondition for the project,” a Nigerian official said.
The next meeting will be held in Rabat.
Tags: Morocco, Nigeria, pipeline
Share this:
Twitter
Facebook
Like this:
Related
Morocco signs new deal with Senegal
February 10, 2025
In \"Africa\"
Leave a Reply Cancel reply
Your email address will not be published. Required fields are marked *
Comment
Name *
Email *
© 2025 The Sahel Observer. Powered by WordPress
";

const BREADCRUMB: &str = "Aller au contenu principal
Accueil / Maroc / Diplomatie
Sahel : Rabat plaide pour une approche globale - LeJournal.ma
Par Rédaction
Publié le 11 juin 2025 Lecture : 4 minutes.
Le Maroc a plaidé mardi à Nouakchott pour une approche globale de la sécurité au Sahel, combinant développement et coopération sécuritaire.
Le ministre a rappelé les programmes de formation d'imams et de policiers lancés par le Royaume au profit des pays de la région.
La prochaine réunion se tiendra à Dakar.
Newsletter
Recevez chaque matin l'essentiel de l'actualité
Votre adresse e-mail
S'inscrire
";

/// Found by trying pages as a new user would: a wire page whose date line carries a time,
/// a time zone and "Updated 2 hours ago" (it was taken for the headline), an Arabic outlet
/// joined to its reporter's name, and a French ministry's release copied from its PDF
/// (letterhead wrapped over two lines, ligatures, a page number, hard-wrapped paragraphs).
#[test]
fn a_wire_page_an_arabic_masthead_and_a_pdf_release() {
    let p = ingest(WIRE_PAGE.as_bytes()).expect("ingested");
    assert_eq!(
        p.title,
        "Morocco arrests suspected Islamic State cell in Tangier"
    );
    assert_eq!(p.date.map(|d| d.iso()).as_deref(), Some("2025-02-18"));
    assert_eq!(
        p.source.as_ref().and_then(|s| s.id.as_deref()),
        Some("reuters")
    );
    assert_eq!(p.body.len(), 3, "{:#?}", p.body);
    let p = ingest(ARABIC_MASTHEAD.as_bytes()).expect("ingested");
    assert_eq!(p.title, "تفكيك خلية إرهابية بطنجة");
    assert_eq!(p.date.map(|d| d.iso()).as_deref(), Some("2025-02-18"));
    assert_eq!(source_name(&p), Some("هسبريس"));
    let p = ingest(PDF_RELEASE.as_bytes()).expect("ingested");
    assert_eq!(p.date.map(|d| d.iso()).as_deref(), Some("2025-02-18"));
    assert!(p.review.contains(&"title".to_string()), "{:?}", p.review);
    assert_eq!(
        source_name(&p),
        Some(
            "Ministère des Affaires Etrangères, de la Coopération Africaine et des Marocains Résidant à l'Etranger"
        )
    );
    assert_eq!(p.body.len(), 2, "{:#?}", p.body);
    assert!(
        p.body[0].contains("son homologue malien, avec lequel"),
        "{}",
        p.body[0]
    );
    assert!(
        p.body[1].ends_with("avant la fin de l'année."),
        "{}",
        p.body[1]
    );
}

const WIRE_PAGE: &str = "World
Africa
Morocco arrests suspected Islamic State cell in Tangier
By Jane Doe
February 18, 2025 9:30 AM GMT+1 Updated 2 hours ago
RABAT, Feb 18 (Reuters) - Moroccan police arrested four suspected members of an Islamic State cell in Tangier on Tuesday, the interior ministry said.
The suspects were planning attacks on public buildings, the ministry said in a statement.
Morocco has dismantled dozens of militant cells since 2002.
Reporting by Jane Doe; Editing by John Smith
Our Standards: The Thomson Reuters Trust Principles.
";

const ARABIC_MASTHEAD: &str = "هسبريس - محمد الراجي
الثلاثاء 18 فبراير 2025 - 10:30
تفكيك خلية إرهابية بطنجة
تمكن المكتب المركزي للأبحاث القضائية، صباح اليوم الثلاثاء، من تفكيك خلية إرهابية تتكون من أربعة عناصر موالين لتنظيم داعش بمدينة طنجة.
وكان المشتبه فيهم يخططون لتنفيذ عمليات إرهابية تستهدف مباني عمومية.
";

const PDF_RELEASE: &str = "ROYAUME DU MAROC
Ministère des Aﬀaires Etrangères, de la Coopération Africaine
et des Marocains Résidant à l'Etranger
COMMUNIQUÉ
Rabat, le 18 février 2025
Le Ministre des Aﬀaires Etrangères, M. Nasser Bourita, a reçu ce mardi à Rabat son homologue
malien, avec lequel il a passé en revue l'état de la coopération bilatérale, notamment dans le
domaine de la sécurité et de la lutte contre le terrorisme au Sahel.
Les deux ministres ont convenu de tenir la prochaine session de la commission mixte à Bamako
avant la ﬁn de l'année.
1/1
";

/// Source evidence: a labelled line loses its label, an agency credit gives the agency under
/// the registry's name, an outlet the registry does not know is written as found and
/// proposed for review, and a stray short line is never the source.
#[test]
fn sources_are_weighed_against_the_registry() {
    let body = "Le Maroc et l'Espagne ont renforcé leur coopération contre le terrorisme lors d'une réunion tenue mardi à Rabat.\nLes deux délégations ont convenu de se retrouver à Madrid au printemps.";
    let p = ingest(
        format!(
            "Coopération sécuritaire renforcée\n{body}\nSource : Le Courrier du Sahel\nNewsletter\n"
        )
        .as_bytes(),
    )
    .expect("ingested");
    assert_eq!(source_name(&p), Some("Le Courrier du Sahel"));
    assert!(
        p.review
            .iter()
            .any(|r| r.contains("not in the sources registry")),
        "{:?}",
        p.review
    );
    let p = ingest(format!("Coopération sécuritaire renforcée\n{body}\nAvec MAP\n").as_bytes())
        .expect("ingested");
    assert_eq!(source_name(&p), Some("Maghreb Arabe Presse (MAP)"));
    assert_eq!(p.source.as_ref().and_then(|s| s.id.as_deref()), Some("map"));
    let p = ingest(
        format!("Coopération sécuritaire renforcée\n{body}\nRépondre\nInscrivez-vous\n").as_bytes(),
    )
    .expect("ingested");
    assert_eq!(p.source, None);
    let p = ingest(format!("Coopération sécuritaire renforcée\n{body}\n© 2025 Groupe Le360. Tous droits réservés.\n").as_bytes())
        .expect("ingested");
    assert_eq!(source_name(&p), Some("Le360"));
    // An agency's dispatch on an outlet's page is the outlet's article (`LNT avec MAP`).
    let p = ingest(
        format!("Coopération sécuritaire renforcée | Hespress FR\nRabat (MAP) – {body}\n")
            .as_bytes(),
    )
    .expect("ingested");
    assert_eq!(source_name(&p), Some("Hespress"));
    let p = ingest(format!("Coopération sécuritaire renforcée\nRabat (MAP) – {body}\n").as_bytes())
        .expect("ingested");
    assert_eq!(p.source.as_ref().and_then(|s| s.id.as_deref()), Some("map"));
}

/// The date grammar on the shapes issue 21 found missed, and what never gives a date.
#[test]
fn dates_from_labels_timestamps_urls_and_the_hijri_calendar() {
    let body = "Rabat a accueilli jeudi une réunion des ministres de l'Intérieur de la région consacrée à la sécurité des frontières.";
    let date = |head: &str| {
        ingest(format!("Réunion régionale sur les frontières à Rabat\n{head}\n{body}\n").as_bytes())
            .expect("ingested")
            .date
            .map(|d| d.iso())
    };
    assert_eq!(
        date("Publié le 11 juin 2025 Lecture : 4 minutes."),
        Some("2025-06-11".into())
    );
    assert_eq!(
        date("datePublished: 2025-02-18T10:00:00+01:00"),
        Some("2025-02-18".into())
    );
    assert_eq!(
        date("Mis à jour le 20/03/2025 | Publié le 18.03.2025"),
        Some("2025-03-18".into())
    );
    assert_eq!(
        date("https://example.ma/2025/02/18/reunion-frontieres"),
        Some("2025-02-18".into())
    );
    assert_eq!(date("Il y a 2 jours"), None);
    let p = ingest("اجتماع إقليمي حول أمن الحدود بالرباط\nالأحد 17 شعبان 1446 هـ الموافق 16 فبراير 2025 م\nاحتضنت الرباط اجتماعا لوزراء الداخلية في المنطقة خصص لأمن الحدود ومحاربة التهريب.\n".as_bytes())
        .expect("ingested");
    assert_eq!(p.date.map(|d| d.iso()).as_deref(), Some("2025-02-16"));
    let p = ingest("اجتماع إقليمي حول أمن الحدود بالرباط\nمنذ ساعتين\nاحتضنت الرباط اجتماعا لوزراء الداخلية في المنطقة خصص لأمن الحدود ومحاربة التهريب.\n".as_bytes())
        .expect("ingested");
    assert_eq!(p.date, None);
}

/// Tags as an editor reads them: an institution named after a person is not the person, a
/// region is not its continent, Arabic words that are also registry names need context, and
/// two-letter acronyms do not count inside an all-caps headline.
#[test]
fn tags_read_names_in_context() {
    let p = ingest("La Fondation Mohammed VI des Oulémas Africains réunit ses membres à Fès\nLa Fondation Mohammed VI des Oulémas Africains a réuni lundi à Fès ses membres venus d'Afrique du Nord et d'Afrique de l'Ouest pour une session consacrée à la prévention de l'extrémisme violent.".as_bytes()).expect("ingested");
    assert!(
        !p.actors.contains(&"mohammed-vi".to_string()),
        "{:?}",
        p.actors
    );
    assert!(!p.places.contains(&"africa".to_string()), "{:?}", p.places);
    assert!(
        p.places.contains(&"west-africa".to_string()),
        "{:?}",
        p.places
    );
    let p = ingest("المغرب يقدم دعما لساحل العاج\nقدم المغرب الدعم المالي والتقني لساحل العاج في مجال تكوين عناصر الشرطة، حسب بلاغ للوزارة.".as_bytes()).expect("ingested");
    assert!(!p.places.contains(&"mali".to_string()), "{:?}", p.places);
    assert!(!p.places.contains(&"sahel".to_string()), "{:?}", p.places);
    let p = ingest("المغرب يرسل مساعدات إلى مالي\nأرسل المغرب مساعدات إنسانية إلى مالي والنيجر، حسب بلاغ للوزارة.".as_bytes()).expect("ingested");
    assert!(p.places.contains(&"mali".to_string()), "{:?}", p.places);
    let p = ingest("LE MAROC AU CŒUR DE LA SÉCURITÉ RÉGIONALE\nLe Maroc a accueilli une réunion régionale consacrée à la sécurité des frontières et à la lutte contre le terrorisme.".as_bytes()).expect("ingested");
    assert!(
        !p.actors.contains(&"african-union".to_string()),
        "{:?}",
        p.actors
    );
}

/// A saved page of another site: its metadata gives the title without the outlet's suffix,
/// the date, the outlet (registered: its name in the briefing's language) and the URL.
#[test]
fn a_saved_news_page_gives_its_metadata() {
    let page = r#"<!DOCTYPE html><html lang="en"><head>
<title>Morocco, Spain hold security talks - Hespress English</title>
<meta property="og:title" content="Morocco, Spain hold security talks">
<meta property="og:site_name" content="Hespress English">
<meta property="article:published_time" content="2025-02-18T09:30:00+00:00">
<link rel="canonical" href="https://en.hespress.com/101010-morocco-spain-hold-security-talks.html">
</head><body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/society">Society</a></li></ul></nav><div class="date">Tuesday 18 February 2025</div></header>
<article><h1>Morocco, Spain hold security talks</h1>
<p>Moroccan and Spanish security officials met in Rabat on Monday to review their cooperation against terrorism and irregular migration.</p>
<p>The two delegations agreed to meet again in Madrid in the autumn.</p></article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Another story about something else entirely</a></li><li><a href="/b">A second story about something else</a></li></ul></aside>
<footer><p>© 2025 Hespress. All rights reserved.</p></footer></body></html>"#;
    let p = ingest(page.as_bytes()).expect("ingested");
    assert_eq!(p.lang, "en");
    assert_eq!(p.title, "Morocco, Spain hold security talks");
    assert_eq!(p.date.map(|d| d.iso()).as_deref(), Some("2025-02-18"));
    assert_eq!(source_name(&p), Some("Hespress"));
    assert_eq!(
        p.source.as_ref().and_then(|s| s.url.as_deref()),
        Some("https://en.hespress.com/101010-morocco-spain-hold-security-talks.html")
    );
    assert_eq!(p.body.len(), 2, "{:#?}", p.body);
    // What is written is what the build reads back.
    let file =
        marsad::load::SourceFile::new("content/en/x.md".into(), "en/x.md".into(), p.text.clone());
    let doc = marsad::front_matter::parse_document(&file).expect("front matter parses");
    let source = doc.front.source.expect("source written");
    assert_eq!(source.name, "Hespress");
    assert_eq!(
        source.url.as_deref(),
        Some("https://en.hespress.com/101010-morocco-spain-hold-security-talks.html")
    );
}
