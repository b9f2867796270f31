//! The live preview equals a clean build, by randomized edit sequences driven in-process
//! (fast enough to run many): after every edit, the set of served paths and every served
//! file must be what `marsad build` writes for the same files.
//!
//! Operations: add, delete and rename briefings; remove and restore dates (down to no dated
//! briefing at all and back); change topics, actors and places (a term's last briefing
//! leaving it); toggle `draft`; move a briefing to another language; edit a registry entry and
//! its aliases; edit a template, a Fluent file, `site.toml` and a static file; break a
//! briefing and fix it (text edits land while it is broken); schedule a briefing
//! (`publish_date:` before or after the day), let days pass (scheduled briefings go out), and
//! give places coordinates (the map). Some steps are bursts of two or three saves, each
//! rebuilt before the previous one's follow-up (issue 23). The preview shows scheduled
//! briefings, so the clean build it is compared with is a `--future` build of the same day.

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
    /// The day the preview and the clean builds are for.
    day: marsad::dates::PartialDate,
}

/// The first day of every sequence.
const FIRST_DAY: &str = "2026-06-15";

impl Model {
    fn new() -> Model {
        let site = TestSite::fixture("mixed");
        let day = marsad::dates::PartialDate::parse(FIRST_DAY).expect("day");
        let (state, error) = SiteState::load(
            site.root().to_path_buf(),
            Default::default(),
            Model::options(day),
        )
        .expect("load");
        assert!(error.is_none(), "{error:?}");
        Model { site, state, day }
    }

    /// What the preview publishes on `day`: scheduled briefings too (marked).
    fn options(day: marsad::dates::PartialDate) -> marsad::resolve::ResolveOptions {
        marsad::resolve::ResolveOptions {
            include_future: true,
            today: Some(day),
            ..Default::default()
        }
    }

    /// A served file's text, unpacked.
    fn served_text(&self, path: &str) -> String {
        let file = self.state.files().get(path).expect("served");
        String::from_utf8_lossy(&file.bytes()).into_owned()
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.site.root().join(rel)).unwrap_or_default()
    }

    /// Applies what the watcher would report for these paths, then the follow-up.
    fn rebuild(&mut self, touched: &[PathBuf], when: &str) {
        if let Outcome::Failed(d) = self.save(touched) {
            panic!("{when}: the rebuild failed: {d}");
        }
        self.follow_up();
    }

    /// One burst of saves as the watcher reports it: the rebuild, without the follow-up
    /// (which a newer burst arriving within the debounce pre-empts).
    fn save(&mut self, touched: &[PathBuf]) -> Outcome {
        let root = self.site.root().to_path_buf();
        let changes: BTreeSet<Change> = touched
            .iter()
            .filter_map(|p| classify(&root, &root.join(p)))
            .collect();
        self.state.rebuild(&changes)
    }

    fn follow_up(&mut self) {
        let _ = self
            .state
            .finish(&std::sync::atomic::AtomicBool::new(false));
    }

    fn served(&self) -> BTreeMap<String, Vec<u8>> {
        self.state
            .files()
            .iter()
            .map(|(k, v)| (k.clone(), v))
            .collect()
    }

    /// What a clean build writes now, or `None` when it fails.
    fn clean_build(&self) -> Option<BTreeMap<String, Vec<u8>>> {
        let (config, sources) =
            marsad::load::load_site(self.site.root(), &Default::default()).ok()?;
        let generated = marsad::generate(&config, &sources, Model::options(self.day)).ok()?;
        let mut files: BTreeMap<String, Vec<u8>> = generated
            .outputs
            .into_iter()
            .map(|o| (o.path, o.bytes))
            .collect();
        for s in &sources.static_files {
            files.insert(s.name.clone(), s.read().ok()?.into_owned());
        }
        Some(files)
    }

    fn assert_equals_clean_build(&self, when: &str) {
        let clean = self.clean_build().expect("a clean build succeeds");
        self.assert_serves(&clean, when);
    }

    fn assert_serves(&self, expected: &BTreeMap<String, Vec<u8>>, when: &str) {
        let served: BTreeMap<&String, Vec<u8>> = self.state.files().iter().collect();
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
            .filter(|(k, v)| served.get(k).is_some_and(|s| s != *v))
            .map(|(k, _)| k)
            .collect();
        // The first differing line of the first differing file, to see what went wrong.
        let detail = differ.first().map_or_else(String::new, |first| {
            let (a, b) = (
                String::from_utf8_lossy(&expected[*first]).into_owned(),
                String::from_utf8_lossy(&served[first]).into_owned(),
            );
            a.lines()
                .zip(b.lines())
                .find(|(x, y)| x != y)
                .map_or_else(String::new, |(x, y)| {
                    format!("\nfirst difference, in {first}:\n  clean:  {x}\n  served: {y}")
                })
        });
        assert!(
            differ.is_empty(),
            "{when}: {} served files differ from a clean build: {:?}{detail}",
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

/// One random edit on disk: what it was and the paths the watcher reports. `None` when the
/// edit drawn does not apply. `broken` holds the files broken on purpose, with the text that
/// fixes them.
fn random_edit(
    rng: &mut Lcg,
    m: &mut Model,
    files: &mut Vec<String>,
    broken: &mut BTreeMap<String, String>,
    step: usize,
) -> Option<(String, Vec<PathBuf>)> {
    fn pick(rng: &mut Lcg, files: &[String]) -> String {
        files[rng.next(files.len())].clone()
    }
    let op = match rng.next(18) {
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
            std::fs::rename(m.site.root().join(&path), m.site.root().join(&to)).expect("rename");
            files.push(to.clone());
            (
                format!("rename {path} -> {to}"),
                vec![path.into(), to.into()],
            )
        }
        3 if !files.is_empty() => {
            // Dates away, one briefing at a time, down to none; or one back.
            let path = pick(rng, files);
            let date =
                (rng.next(3) == 0).then(|| format!("20{}-0{}", 10 + rng.next(15), 1 + rng.next(9)));
            let text = set_field(&m.read(&path), "date", date.as_deref());
            m.site.write(&path, &text);
            (format!("date {date:?} on {path}"), vec![path.into()])
        }
        4 if !files.is_empty() => {
            let path = pick(rng, files);
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
            let path = pick(rng, files);
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
            let path = pick(rng, files);
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
                return None;
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
        13 if !files.is_empty() => {
            // Break a briefing (a language its folder contradicts, or YAML that does not
            // parse): the preview must keep the last good site and the error.
            let path = pick(rng, files);
            if broken.contains_key(&path) {
                return None;
            }
            let text = m.read(&path);
            let bad = if rng.next(2) == 0 {
                set_field(&text, "lang", Some("xx"))
            } else {
                text.replacen("title: ", "title: [", 1)
            };
            broken.insert(path.clone(), text);
            m.site.write(&path, &bad);
            (format!("break {path}"), vec![path.into()])
        }
        14 if !broken.is_empty() => {
            let path = broken
                .keys()
                .nth(rng.next(broken.len()))
                .cloned()
                .expect("one");
            let text = broken.remove(&path).expect("kept");
            m.site.write(&path, &text);
            (format!("fix {path}"), vec![path.into()])
        }
        15 if !files.is_empty() => {
            // Scheduled for a day past, a day to come, or not at all.
            let path = pick(rng, files);
            let offset = rng.next(21) as i64 - 5;
            let value = (rng.next(4) != 0)
                .then(|| marsad::dates::PartialDate::days_before(m.day, -offset).iso());
            let text = set_field(&m.read(&path), "publish_date", value.as_deref());
            m.site.write(&path, &text);
            (
                format!("publish_date {value:?} on {path}"),
                vec![path.into()],
            )
        }
        16 => {
            // Days pass, as the preview runs overnight: what was scheduled goes out.
            let days = 1 + rng.next(10) as i64;
            m.day = marsad::dates::PartialDate::days_before(m.day, -days);
            m.state.set_today(m.day);
            if !m.state.day_changed() {
                return None;
            }
            // What the preview's idle check sends when it sees the new day.
            let _ = m.state.rebuild(&[Change::Day].into_iter().collect());
            (format!("{days} days pass"), Vec::new())
        }
        17 => {
            // A place gets coordinates (or other ones, or loses them): the map moves.
            let rel = "content/_registry/places.yaml";
            let coords = [
                "",
                "  coords: [34.02, -6.84]\n",
                "  coords: [14.69, -17.45]\n  region: true\n",
            ][rng.next(3)];
            m.site.write(
                rel,
                &format!("- id: rabat\n  names: {{ en: Rabat, fr: Rabat, ar: الرباط }}\n{coords}- id: dakar\n  names: {{ en: Dakar, fr: Dakar, ar: داكار }}\n  coords: [14.69, -17.45]\n"),
            );
            (format!("coords of rabat: {coords:?}"), vec![rel.into()])
        }
        _ => {
            let rel = "static/style.css";
            m.site
                .write(rel, &format!("{}\n/* {step} */\n", m.read(rel)));
            ("static".into(), vec![rel.into()])
        }
    };
    // A broken file deleted, renamed or moved is no longer one to fix under its old name.
    broken.retain(|path, _| m.site.root().join(path).exists());
    Some(op)
}

fn run_sequence(seed: u64) {
    let mut rng = Lcg(seed);
    let mut m = Model::new();
    // Half the sequences leave every page but the edited briefings' own to the follow-up
    // (as a large site does), so bursts of saves meet pending pages.
    if seed % 2 == 1 {
        m.state.set_at_once(0);
    }
    let mut files: Vec<String> = vec![
        "content/en/dialogue.md".into(),
        "content/fr/dialogue.md".into(),
        "content/ar/dialogue.md".into(),
        "content/en/year-only.md".into(),
    ];
    let mut broken = BTreeMap::new();
    let mut last_good = m.served();
    for step in 0..STEPS {
        // Most steps are one save; some are a burst of two or three saves, each rebuilt
        // before the follow-up of the one before could run (issue 23).
        let saves = [1, 1, 1, 1, 1, 1, 2, 2, 3][rng.next(9)];
        let mut whats = Vec::new();
        for _ in 0..saves {
            let Some((what, touched)) =
                random_edit(&mut rng, &mut m, &mut files, &mut broken, step)
            else {
                continue;
            };
            // A save of a burst that builds is the last good site from then on, even when
            // a later save of the same burst breaks it.
            let saved = if touched.is_empty() {
                Outcome::Updated {
                    changed: Vec::new(),
                    elapsed: std::time::Duration::ZERO,
                    scope: marsad::serve::state::Scope::Pages,
                }
            } else {
                m.save(&touched)
            };
            if let (Outcome::Updated { .. }, Some(clean)) = (saved, m.clean_build()) {
                last_good = clean;
            }
            whats.push(what);
        }
        m.follow_up();
        let when = format!("seed {seed}, step {step} ({})", whats.join("; "));
        match m.clean_build() {
            Some(clean) => {
                m.assert_serves(&clean, &when);
                last_good = clean;
            }
            // The site does not build: the last good site is still served.
            None => m.assert_serves(&last_good, &format!("{when}, while broken")),
        }
    }
}

#[test]
fn random_edit_sequences_serve_exactly_what_a_clean_build_writes() {
    // One sequence by hand, to look at a failure: MARSAD_MODEL_SEED=<seed as printed>.
    if let Some(seed) = std::env::var("MARSAD_MODEL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        run_sequence(seed);
        return;
    }
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

/// Issue 23, first fault: a text edit, then within the debounce of its follow-up a save that
/// restores the old text and adds a front-matter field. The fast path had written the
/// re-rendered page but kept its old view hash, so the second rebuild compared against the
/// hash from before the edit and kept serving the appended paragraph.
#[test]
fn two_quick_saves_never_leave_a_stale_page() {
    let mut m = Model::new();
    let path = "content/en/dialogue.md";
    let original = m.read(path);
    m.site
        .write(path, &format!("{original}\nAn appended paragraph.\n"));
    assert!(matches!(m.save(&[path.into()]), Outcome::Updated { .. }));
    // No follow-up: the next save arrives first.
    m.site
        .write(path, &set_field(&original, "review", Some("[title]")));
    assert!(matches!(m.save(&[path.into()]), Outcome::Updated { .. }));
    m.follow_up();
    m.assert_equals_clean_build("after two quick saves");
    let page = m.served_text("en/dialogue/index.html");
    assert!(
        !page.contains("An appended paragraph"),
        "a stale page is served"
    );
    // Later unrelated edits do not hide it either.
    let other = "content/fr/dialogue.md";
    m.site.write(other, &format!("{}\nPlus.\n", m.read(other)));
    m.rebuild(&[other.into()], "an unrelated edit");
    m.assert_equals_clean_build("after an unrelated edit");
}

/// Issue 23, second fault: while the site does not build, a text edit of another briefing
/// took the fast path on the last good context, cleared the error and published a site no
/// build makes. The preview keeps the last good site and the error until a build succeeds.
#[test]
fn a_text_edit_while_the_site_is_broken_keeps_the_error() {
    let mut m = Model::new();
    let good = m.served();
    let broken = "content/en/year-only.md";
    let fine = m.read(broken);
    m.site.write(broken, &set_field(&fine, "lang", Some("fr")));
    assert!(matches!(m.save(&[broken.into()]), Outcome::Failed(_)));
    m.follow_up();
    assert!(m.clean_build().is_none(), "a clean build fails too");
    let other = "content/en/dialogue.md";
    m.site
        .write(other, &format!("{}\nEdited while broken.\n", m.read(other)));
    let outcome = m.save(&[other.into()]);
    assert!(
        matches!(outcome, Outcome::Failed(_)),
        "a text edit while the site is broken must not clear the error"
    );
    m.follow_up();
    m.assert_serves(&good, "while broken");
    // Fixed: everything, the edit made while broken included, is served.
    m.site.write(broken, &fine);
    assert!(matches!(m.save(&[broken.into()]), Outcome::Updated { .. }));
    m.follow_up();
    m.assert_equals_clean_build("after the fix");
    let page = m.served_text("en/dialogue/index.html");
    assert!(page.contains("Edited while broken"));
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
    assert!(!m.state.files().contains_key("en/atom.xml"));
    let home = m.served_text("en/index.html");
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
    assert!(m.state.files().contains_key("en/atom.xml"));
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
    assert!(
        m.state.finish(&newer_edit).expect("finish").is_empty(),
        "the follow-up ran"
    );
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
