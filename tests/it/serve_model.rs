//! The live preview equals a clean build, by randomized edit sequences driven in-process
//! (fast enough to run many): after every edit, the set of served paths and every served
//! file must be what `marsad build` writes for the same files.
//!
//! Operations: add, delete and rename briefings; remove and restore dates (down to no dated
//! briefing at all and back); change topics, actors and places (a term's last briefing
//! leaving it); toggle `draft`; move a briefing to another language; edit a registry entry and
//! its aliases; edit a template, a Fluent file, `site.toml` and a static file.

use crate::support::*;
use marsad::serve::state::{Outcome, SiteState};
use marsad::serve::watch::{Change, classify};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Sequences run by the suite; `MARSAD_MODEL_SEQUENCES` asks for more by hand.
fn sequences() -> u64 {
    std::env::var("MARSAD_MODEL_SEQUENCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(56)
}
const STEPS: usize = 12;

struct Model {
    site: TestSite,
    state: SiteState,
}

impl Model {
    fn new() -> Model {
        let site = TestSite::fixture("mixed");
        let (state, error) = SiteState::load(
            site.root().to_path_buf(),
            Default::default(),
            Default::default(),
        )
        .expect("load");
        assert!(error.is_none(), "{error:?}");
        Model { site, state }
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.site.root().join(rel)).unwrap_or_default()
    }

    /// Applies what the watcher would report for these paths, then the follow-up.
    fn rebuild(&mut self, touched: &[PathBuf], when: &str) {
        let root = self.site.root().to_path_buf();
        let changes: BTreeSet<Change> = touched
            .iter()
            .filter_map(|p| classify(&root, &root.join(p)))
            .collect();
        if let Outcome::Failed(d) = self.state.rebuild(&changes) {
            panic!("{when}: the rebuild failed: {d}");
        }
        self.state
            .finish(&std::sync::atomic::AtomicBool::new(false));
    }

    fn assert_equals_clean_build(&self, when: &str) {
        let expected = self.site.clean_build_files();
        let served: BTreeMap<&String, &Vec<u8>> = self
            .state
            .files
            .iter()
            .map(|(k, v)| (k, v.as_ref()))
            .collect();
        let served_paths: BTreeSet<&String> = served.keys().copied().collect();
        let expected_paths: BTreeSet<&String> = expected.keys().collect();
        let missing: Vec<_> = expected_paths.difference(&served_paths).collect();
        let extra: Vec<_> = served_paths.difference(&expected_paths).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{when}: served paths differ from a clean build: missing {missing:?}, extra {extra:?}"
        );
        let differ: Vec<&String> = expected
            .iter()
            .filter(|(k, v)| served.get(k).is_some_and(|s| s != v))
            .map(|(k, _)| k)
            .collect();
        assert!(
            differ.is_empty(),
            "{when}: {} served files differ from a clean build: {:?}",
            differ.len(),
            &differ[..differ.len().min(8)]
        );
    }
}

const TOPICS: &[&str] = &[
    "counter-terrorism",
    "Lutte contre le terrorisme",
    "Sahel",
    "new topic",
    "مكافحة الإرهاب",
];
const ACTORS: &[&str] = &[
    "Mounir Lemouri",
    "منير ليموري",
    "Someone Else",
    "Nasser Bourita",
];
const PLACES: &[&str] = &["Rabat", "الرباط", "Dakar", "Agadir"];

/// Rewrites one front-matter line (`key: ...`), adding it if absent, removing it for `None`.
fn set_field(text: &str, key: &str, value: Option<&str>) -> String {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text.to_string();
    };
    let Some(end) = rest.find("\n---") else {
        return text.to_string();
    };
    let (front, body) = rest.split_at(end);
    let mut lines: Vec<String> = front
        .lines()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .map(str::to_string)
        .collect();
    if let Some(v) = value {
        lines.push(format!("{key}: {v}"));
    }
    format!("---\n{}{body}", lines.join("\n"))
}

fn run_sequence(seed: u64) {
    let mut rng = Lcg(seed);
    let mut m = Model::new();
    let mut files: Vec<String> = vec![
        "content/en/dialogue.md".into(),
        "content/fr/dialogue.md".into(),
        "content/ar/dialogue.md".into(),
        "content/en/year-only.md".into(),
    ];
    for step in 0..STEPS {
        let pick = |rng: &mut Lcg, files: &[String]| files[rng.next(files.len())].clone();
        let (what, touched): (String, Vec<PathBuf>) = match rng.next(13) {
            0 => {
                let lang = ["en", "fr", "ar"][rng.next(3)];
                let path = format!("content/{lang}/gen-{step}.md");
                let date = rng.date_line();
                m.site.write(&path, &format!(
                    "---\ntitle: \"Generated {step}\"\n{date}topics: [\"{}\"]\nactors: [\"{}\"]\nplaces: [\"{}\"]\n---\nBody {step} with a [link](/en/).\n",
                    TOPICS[rng.next(TOPICS.len())], ACTORS[rng.next(ACTORS.len())], PLACES[rng.next(PLACES.len())]
                ));
                files.push(path.clone());
                (format!("add {path}"), vec![path.into()])
            }
            1 if files.len() > 1 => {
                let path = files.remove(rng.next(files.len()));
                m.site.remove(&path);
                (format!("delete {path}"), vec![path.into()])
            }
            2 if !files.is_empty() => {
                let i = rng.next(files.len());
                let path = files.remove(i);
                let to = path.replace(".md", &format!("-r{step}.md"));
                std::fs::rename(m.site.root().join(&path), m.site.root().join(&to))
                    .expect("rename");
                files.push(to.clone());
                (
                    format!("rename {path} -> {to}"),
                    vec![path.into(), to.into()],
                )
            }
            3 if !files.is_empty() => {
                // Dates away, one briefing at a time, down to none; or one back.
                let path = pick(&mut rng, &files);
                let date = (rng.next(3) == 0)
                    .then(|| format!("20{}-0{}", 10 + rng.next(15), 1 + rng.next(9)));
                let text = set_field(&m.read(&path), "date", date.as_deref());
                m.site.write(&path, &text);
                (format!("date {date:?} on {path}"), vec![path.into()])
            }
            4 if !files.is_empty() => {
                let path = pick(&mut rng, &files);
                let key = ["topics", "actors", "places"][rng.next(3)];
                let pool = match key {
                    "topics" => TOPICS,
                    "actors" => ACTORS,
                    _ => PLACES,
                };
                let value = match rng.next(3) {
                    0 => None,
                    _ => Some(format!("[\"{}\"]", pool[rng.next(pool.len())])),
                };
                let text = set_field(&m.read(&path), key, value.as_deref());
                m.site.write(&path, &text);
                (format!("{key} {value:?} on {path}"), vec![path.into()])
            }
            5 if !files.is_empty() => {
                let path = pick(&mut rng, &files);
                let text = m.read(&path);
                let draft = !text.contains("draft: true");
                m.site
                    .write(&path, &set_field(&text, "draft", draft.then_some("true")));
                (format!("draft {draft} on {path}"), vec![path.into()])
            }
            6 if !files.is_empty() => {
                // Into another language's folder (a translation appears or goes).
                let i = rng.next(files.len());
                let path = files.remove(i);
                let to_lang = ["en", "fr", "ar"][rng.next(3)];
                let name = Path::new(&path)
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned();
                let mut to = format!("content/{to_lang}/{name}");
                if Path::new(&m.site.root().join(&to)).exists() {
                    to = format!("content/{to_lang}/m{step}-{name}");
                }
                std::fs::rename(m.site.root().join(&path), m.site.root().join(&to)).expect("move");
                files.push(to.clone());
                (format!("move {path} -> {to}"), vec![path.into(), to.into()])
            }
            7 if !files.is_empty() => {
                // A text-only edit: title and body.
                let path = pick(&mut rng, &files);
                let text = m
                    .read(&path)
                    .replacen("title: ", &format!("title: S{step} "), 1)
                    .replace("\"S", "S");
                m.site.write(&path, &format!("{text}\nMore text {step}.\n"));
                (format!("text of {path}"), vec![path.into()])
            }
            8 => {
                let rel = "content/_registry/actors.yaml";
                let reg = m.read(rel);
                let text = if rng.next(2) == 0 {
                    reg.replace(
                        "aliases: [Mounir Lemouri",
                        &format!("aliases: [Mounir Lemouri, Alias {step}"),
                    )
                } else {
                    format!(
                        "{reg}- id: actor-{step}\n  names: {{ en: Nasser Bourita, fr: Nasser Bourita, ar: ناصر بوريطة }}\n  aliases: [Someone Else]\n"
                    )
                };
                // A second entry claiming an alias already claimed is an error: keep one.
                if text.matches("Someone Else").count() > 1 {
                    continue;
                }
                m.site.write(rel, &text);
                ("registry".into(), vec![rel.into()])
            }
            9 => {
                let rel = "templates/base.html";
                let text = m
                    .read(rel)
                    .replace("</footer>", &format!("<!-- {step} --></footer>"));
                m.site.write(rel, &text);
                ("template".into(), vec![rel.into()])
            }
            10 => {
                let rel = "templates/i18n/fr.ftl";
                m.site
                    .write(rel, &format!("{}\n# étape {step}\n", m.read(rel)));
                ("fluent".into(), vec![rel.into()])
            }
            11 => {
                let rel = "site.toml";
                let text = m
                    .read(rel)
                    .replace(&format!("paginate = {}", 2), "paginate = 3")
                    .replacen(
                        "title = \"Fixture\"",
                        &format!("title = \"Fixture {step}\""),
                        1,
                    );
                m.site.write(rel, &text);
                ("site.toml".into(), vec![rel.into()])
            }
            _ => {
                let rel = "static/style.css";
                m.site
                    .write(rel, &format!("{}\n/* {step} */\n", m.read(rel)));
                ("static".into(), vec![rel.into()])
            }
        };
        let when = format!("seed {seed}, step {step} ({what})");
        m.rebuild(&touched, &when);
        m.assert_equals_clean_build(&when);
    }
}

#[test]
fn random_edit_sequences_serve_exactly_what_a_clean_build_writes() {
    let n = sequences();
    std::thread::scope(|s| {
        for part in 0..2u64 {
            s.spawn(move || {
                for seed in (0..n).filter(|i| i % 2 == part) {
                    run_sequence(0x6d61_7273_6164 + seed);
                }
            });
        }
    });
}

/// The bug that started issue 10: once no briefing has a date there is no language feed,
/// yet the served pages still linked to `atom.xml`, and the preview never recovered.
#[test]
fn removing_the_last_date_removes_the_feed_and_every_link_to_it() {
    let mut m = Model::new();
    let dated = [
        "content/en/dialogue.md",
        "content/fr/dialogue.md",
        "content/en/year-only.md",
    ];
    for (i, path) in dated.iter().enumerate() {
        let text = set_field(&m.read(path), "date", None);
        m.site.write(path, &text);
        m.rebuild(&[PathBuf::from(path)], &format!("undate {path}"));
        m.assert_equals_clean_build(&format!("after removing date {i}"));
    }
    assert!(!m.state.files.contains_key("en/atom.xml"));
    let home = String::from_utf8_lossy(&m.state.files["en/index.html"]).into_owned();
    let doc = scraper::Html::parse_document(&home);
    let feed_links =
        scraper::Selector::parse("link[type=\"application/atom+xml\"]").expect("selector");
    assert_eq!(
        doc.select(&feed_links).count(),
        0,
        "a feed link to a feed that is gone"
    );
    // And back.
    let path = "content/en/dialogue.md";
    m.site
        .write(path, &set_field(&m.read(path), "date", Some("2023-07-20")));
    m.rebuild(&[PathBuf::from(path)], "date back");
    m.assert_equals_clean_build("after a date came back");
    assert!(m.state.files.contains_key("en/atom.xml"));
}

/// An edit that arrives while the previous one's follow-up is due puts that follow-up off
/// (saving twice in a row never waits for the first save's); the next follow-up does both,
/// and the preview equals a clean build again.
#[test]
fn a_follow_up_put_off_by_a_newer_edit_is_done_by_the_next() {
    let mut m = Model::new();
    let first = "content/en/dialogue.md";
    m.site.write(
        first,
        &set_field(&m.read(first), "title", Some("A new title")),
    );
    let changes: BTreeSet<Change> = [first]
        .iter()
        .filter_map(|p| classify(m.site.root(), &m.site.root().join(p)))
        .collect();
    assert!(matches!(m.state.rebuild(&changes), Outcome::Updated { .. }));
    let newer_edit = std::sync::atomic::AtomicBool::new(true);
    assert!(m.state.finish(&newer_edit).is_empty(), "the follow-up ran");
    assert!(m.state.has_pending(), "the follow-up was forgotten");
    let second = "content/fr/dialogue.md";
    m.site.write(
        second,
        &set_field(&m.read(second), "title", Some("Un titre neuf")),
    );
    m.rebuild(&[PathBuf::from(second)], "second title");
    assert!(!m.state.has_pending());
    m.assert_equals_clean_build("after both titles");
}
