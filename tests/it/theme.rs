//! The built-in theme: a site without `templates/` or `static/` builds with the portal's
//! look, and a site's own file replaces the built-in one of the same name, and only it.

use crate::support::*;

#[test]
fn a_site_without_templates_or_static_builds_with_the_built_in_theme() {
    let site = TestSite::bare("mixed");
    assert!(!site.root().join("templates").exists());
    assert!(!site.root().join("static").exists());
    site.build_ok();

    let ar = site.page("ar/dialogue/index.html");
    ar.one(r#"html[lang="ar"][dir="rtl"]"#);
    let en = site.page("en/dialogue/index.html");
    en.one(r#"html[lang="en"][dir="ltr"]"#);
    assert_eq!(en.text("h1"), "Strategic dialogue in Rabat");
    // The stylesheet the pages link is the portal's, byte for byte.
    let href = en.attrs(r#"link[rel="stylesheet"]"#, "href");
    assert_eq!(href.len(), 1, "{href:?}");
    let css = resolve_href(&site.public(), "/", &href[0]).expect("the stylesheet is written");
    let expected = std::fs::read(repo().join("static/style.css")).expect("portal css");
    assert_eq!(std::fs::read(css).expect("read css"), expected);
}

#[test]
fn a_site_file_overrides_the_built_in_one_of_the_same_name_only() {
    let site = TestSite::bare("mixed");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"lost\">Lost</h1>{% endblock main %}",
    );
    let en_ftl = std::fs::read_to_string(repo().join("templates/i18n/en.ftl")).expect("ftl");
    assert!(en_ftl.contains("skip-to-content = Skip to content"));
    site.write(
        "templates/i18n/en.ftl",
        &en_ftl.replace(
            "skip-to-content = Skip to content",
            "skip-to-content = Jump to the text",
        ),
    );
    site.write("static/style.css", "body { color: teal }\n");
    site.write("static/extra.txt", "mine\n");
    site.build_ok();

    assert_eq!(site.page("404.html").text("h1.lost"), "Lost");
    // The other built-in templates are still used: the briefing page has the portal's <main>.
    let en = site.page("en/dialogue/index.html");
    assert_eq!(en.text("h1"), "Strategic dialogue in Rabat");
    let skip = |p: &Page| p.text("a.skip-link");
    assert_eq!(skip(&en), "Jump to the text");
    // French messages are still the built-in ones.
    let fr_ftl = std::fs::read_to_string(repo().join("templates/i18n/fr.ftl")).expect("ftl");
    let fr_skip = fr_ftl
        .lines()
        .find_map(|l| l.strip_prefix("skip-to-content = "))
        .expect("fr has the message");
    assert_eq!(skip(&site.page("fr/dialogue/index.html")), fr_skip);
    assert_eq!(
        std::fs::read_to_string(site.public().join("style.css")).expect("css"),
        "body { color: teal }\n"
    );
    assert_eq!(
        std::fs::read_to_string(site.public().join("extra.txt")).expect("extra"),
        "mine\n"
    );
}

#[test]
fn commands_outside_a_site_point_to_init() {
    let dir = TestSite::empty();
    for command in ["build", "check", "serve", "status"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_marsad"))
            .arg(command)
            .arg("--root")
            .arg(dir.root())
            .output()
            .expect("run marsad");
        assert_eq!(out.status.code(), Some(1), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is not a marsad site") && err.contains("marsad init"),
            "{command}: {err}"
        );
        assert!(!err.contains("cannot access"), "{command}: {err}");
    }
    // Nothing was created in the folder, not even an output folder.
    assert!(fs_is_empty(dir.root()));
}

fn fs_is_empty(dir: &std::path::Path) -> bool {
    std::fs::read_dir(dir).expect("read dir").next().is_none()
}

/// Feeds and the sitemap are templates like pages (issue 13): a site's own `atom.xml` or
/// `sitemap.xml` replaces the built-in one, and text from front matter stays escaped in it.
#[test]
fn a_site_can_override_the_feed_and_sitemap_templates() {
    let site = TestSite::bare("mixed");
    site.write(
        "templates/atom.xml",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{{ feed.title }}</title><rights>© Marsad</rights>{% for e in entries %}<entry><title>{{ e.title }}</title></entry>{% endfor %}</feed>\n",
    );
    site.write(
        "templates/sitemap.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{% for e in entries %}<url><loc>{{ e.loc }}</loc></url>{% endfor %}</urlset>\n",
    );
    site.write(
        "content/en/markup.md",
        "---\ntitle: \"A <b>bold</b> & \\x01title\"\ndate: 2024-01-02\n---\nBody.\n",
    );
    site.build_ok();
    let feed = std::fs::read_to_string(site.public().join("en/atom.xml")).expect("feed");
    let doc = roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");
    let ns = "http://www.w3.org/2005/Atom";
    assert!(doc.descendants().any(|n| n.has_tag_name((ns, "rights"))));
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "entry")))
        .filter_map(|n| n.first_child()?.text())
        .collect();
    assert!(titles.contains(&"A <b>bold</b> & title"), "{titles:?}");
    assert!(!doc.descendants().any(|n| n.has_tag_name((ns, "b"))));
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).expect("sitemap");
    let doc = roxmltree::Document::parse(&sitemap).expect("well-formed");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.org/en/markup/"), "{locs:?}");
    // The override has no alternates: the built-in one's are gone.
    assert!(!sitemap.contains("xhtml:link"));
}
