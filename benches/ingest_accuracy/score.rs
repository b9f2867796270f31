//! Scores what ingest worked out for each article against the truth an editor wrote
//! (`tests/fixtures/ingest/truth.json`): per-field accuracy, tag precision and recall per
//! kind, boilerplate removed, sentences kept. Shared by the benchmark (which reads
//! `marsad ingest --dry-run --json`) and `tests/it/ingest_corpus.rs` (which plans in-process),
//! so both count the same way. It never looks at how ingest works, only at what it says.

use marsad::fold::match_key;
use serde::Deserialize;
use std::fmt;

/// The truth file.
#[derive(Debug, Deserialize)]
pub struct Truth {
    pub articles: Vec<Expected>,
    /// Absent from a fresh corpus's truth (`unseen*/truth.json` holds `articles` only).
    #[serde(default)]
    pub seeds: Vec<Expected>,
    /// Articles in `holdout/`, written after the rules were settled and never used to change
    /// them: how ingest does on text nobody tuned it to.
    #[serde(default)]
    pub holdout: Vec<Expected>,
}

/// What an editor says one article is.
#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    pub file: String,
    pub lang: String,
    /// None: the article has no headline, so ingest must mark its title for review.
    pub title: Option<String>,
    pub date: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub boilerplate: Vec<String>,
    #[serde(default)]
    pub keep: Vec<String>,
    /// For a seed: the portal briefing an editor made of it (read by tests/it/ingest.rs).
    #[serde(default)]
    #[allow(dead_code)]
    pub briefing: Option<String>,
}

/// What ingest says the same article is.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Observed {
    pub lang: String,
    pub title: String,
    /// Fields marked for review (`title` when it was built from a sentence).
    pub review: Vec<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    /// The source as the article wrote it, and its sources-registry id when it has one.
    #[serde(default)]
    pub source_written: Option<String>,
    #[serde(default)]
    pub source_id: Option<String>,
    pub topics: Vec<String>,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    pub body: Vec<String>,
}

/// A fraction with its counts, so a figure always says what it is out of.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Ratio {
    pub hit: usize,
    pub of: usize,
}

impl Ratio {
    pub fn value(self) -> f64 {
        if self.of == 0 {
            1.0
        } else {
            self.hit as f64 / self.of as f64
        }
    }
    fn add(&mut self, ok: bool) {
        self.of += 1;
        self.hit += usize::from(ok);
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3} ({}/{})", self.value(), self.hit, self.of)
    }
}

/// Tag counts for one kind.
#[derive(Debug, Clone, Copy, Default)]
pub struct TagCounts {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
}

impl TagCounts {
    pub fn precision(&self) -> Ratio {
        Ratio {
            hit: self.true_pos,
            of: self.true_pos + self.false_pos,
        }
    }
    pub fn recall(&self) -> Ratio {
        Ratio {
            hit: self.true_pos,
            of: self.true_pos + self.false_neg,
        }
    }
}

/// Every figure, and every miss with the article it came from.
#[derive(Debug, Default)]
pub struct Scores {
    pub articles: usize,
    pub lang: Ratio,
    pub title: Ratio,
    pub date: Ratio,
    /// A date given where the article gives none.
    pub invented_dates: usize,
    pub source: Ratio,
    /// Topics, actors, places.
    pub tags: [TagCounts; 3],
    pub boilerplate_removed: Ratio,
    pub sentences_kept: Ratio,
    pub misses: Vec<String>,
}

pub const KINDS: [&str; 3] = ["topics", "actors", "places"];

/// The targets of issue 14.
pub const TARGETS: Targets = Targets {
    lang: 1.0,
    title: 0.95,
    date: 0.95,
    source: 0.90,
    precision: 0.95,
    recall: 0.90,
    boilerplate: 0.98,
};

pub struct Targets {
    pub lang: f64,
    pub title: f64,
    pub date: f64,
    pub source: f64,
    pub precision: f64,
    pub recall: f64,
    pub boilerplate: f64,
}

/// Scores each (truth, ingest's answer) pair; `None` is an article ingest refused.
#[allow(dead_code)] // the tests' entry; the bench scores with the registry
pub fn score(pairs: &[(Expected, Option<Observed>)]) -> Scores {
    score_with(pairs, &|_| None)
}

/// Which outlet of the sources registry a name is (its id), when it is one.
pub type Resolve<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Scores, with the sources registry: a source is right when ingest wrote the truth's
/// spelling, or wrote it as written, or names the registry outlet the truth's spelling is
/// (the truth says `MAP`, the briefing `Maghreb Arab Press (MAP)`).
pub fn score_with(pairs: &[(Expected, Option<Observed>)], resolve: Resolve) -> Scores {
    let mut s = Scores::default();
    for (want, got) in pairs {
        s.articles += 1;
        let Some(got) = got else {
            s.misses.push(format!("{}: refused by ingest", want.file));
            let missed = Observed::default();
            score_one(&mut s, want, &missed, resolve);
            continue;
        };
        score_one(&mut s, want, got, resolve);
    }
    s
}

fn score_one(s: &mut Scores, want: &Expected, got: &Observed, resolve: Resolve) {
    let file = &want.file;
    let miss = |field: &str, want: &dyn fmt::Debug, got: &dyn fmt::Debug| {
        format!("{file}: {field}: want {want:?}, got {got:?}")
    };
    let mut misses = Vec::new();
    let lang_ok = got.lang == want.lang;
    s.lang.add(lang_ok);
    if !lang_ok {
        misses.push(miss("lang", &want.lang, &got.lang));
    }
    let marked = got.review.iter().any(|r| r == "title");
    let title_ok = match &want.title {
        Some(t) => squash(t) == squash(&got.title),
        None => marked,
    };
    s.title.add(title_ok);
    if !title_ok {
        misses.push(miss("title", &want.title, &(&got.title, marked)));
    }
    let date_ok = want.date == got.date;
    s.date.add(date_ok);
    if want.date.is_none() && got.date.is_some() {
        s.invented_dates += 1;
    }
    if !date_ok {
        misses.push(miss("date", &want.date, &got.date));
    }
    let source_ok = match (&want.source, &got.source) {
        (None, None) => true,
        (Some(w), Some(g)) => {
            let w_key = match_key(w);
            w_key == match_key(g)
                || got.source_written.as_deref().map(match_key) == Some(w_key)
                || (got.source_id.is_some() && resolve(w) == got.source_id)
        }
        _ => false,
    };
    s.source.add(source_ok);
    if !source_ok {
        misses.push(miss("source", &want.source, &got.source));
    }
    for (k, (wanted, found)) in [
        (&want.topics, &got.topics),
        (&want.actors, &got.actors),
        (&want.places, &got.places),
    ]
    .into_iter()
    .enumerate()
    {
        let counts = &mut s.tags[k];
        let extra: Vec<&String> = found.iter().filter(|t| !wanted.contains(t)).collect();
        let missing: Vec<&String> = wanted.iter().filter(|t| !found.contains(t)).collect();
        counts.true_pos += found.iter().filter(|t| wanted.contains(t)).count();
        counts.false_pos += extra.len();
        counts.false_neg += missing.len();
        if !extra.is_empty() || !missing.is_empty() {
            misses.push(format!(
                "{file}: {}: missing {missing:?}, extra {extra:?}",
                KINDS[k]
            ));
        }
    }
    let body: Vec<String> = got.body.iter().map(|p| match_key(p)).collect();
    for line in &want.boilerplate {
        let key = match_key(line);
        let left = key == match_key(&got.title) || body.iter().any(|p| p.starts_with(&key));
        s.boilerplate_removed.add(!left);
        if left {
            misses.push(format!("{file}: boilerplate left: {line}"));
        }
    }
    let text = format!(" {} {} ", match_key(&got.title), body.join(" "));
    for sentence in &want.keep {
        let kept = text.contains(&format!(" {} ", match_key(sentence)));
        s.sentences_kept.add(kept);
        if !kept {
            misses.push(format!("{file}: sentence lost: {sentence}"));
        }
    }
    s.misses.extend(misses);
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Scores {
    /// The targets this run misses, one line each; empty when all are met.
    pub fn missed_targets(&self) -> Vec<String> {
        let t = &TARGETS;
        let mut out = Vec::new();
        let mut check = |name: &str, r: Ratio, min: f64| {
            if r.value() < min {
                out.push(format!("{name} {r} is under {min}"));
            }
        };
        check("language", self.lang, t.lang);
        check("title", self.title, t.title);
        check("date", self.date, t.date);
        check("source", self.source, t.source);
        for (k, c) in self.tags.iter().enumerate() {
            check(
                &format!("{} precision", KINDS[k]),
                c.precision(),
                t.precision,
            );
            check(&format!("{} recall", KINDS[k]), c.recall(), t.recall);
        }
        check(
            "boilerplate removed",
            self.boilerplate_removed,
            t.boilerplate,
        );
        check("sentences kept", self.sentences_kept, 1.0);
        if self.invented_dates > 0 {
            out.push(format!("{} invented dates", self.invented_dates));
        }
        out
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "articles             {}", self.articles)?;
        writeln!(f, "language             {}", self.lang)?;
        writeln!(f, "title                {}", self.title)?;
        writeln!(
            f,
            "date                 {}  invented: {}",
            self.date, self.invented_dates
        )?;
        writeln!(f, "source               {}", self.source)?;
        for (k, c) in self.tags.iter().enumerate() {
            writeln!(
                f,
                "{:<20} precision {}  recall {}",
                KINDS[k],
                c.precision(),
                c.recall()
            )?;
        }
        writeln!(f, "boilerplate removed  {}", self.boilerplate_removed)?;
        write!(f, "sentences kept       {}", self.sentences_kept)
    }
}

/// Spellings of one person and look-alikes of different people
/// (`tests/fixtures/ingest/name_pairs.json`).
#[derive(Debug, Deserialize)]
pub struct NamePairs {
    pub same_person: Vec<[String; 2]>,
    pub different_people: Vec<[String; 2]>,
}

/// How `names::name_likeness` does on the pairs: a `Strong` likeness is a tag, a `Weak` one
/// a suggestion.
#[derive(Debug, Default)]
pub struct PairScores {
    pub tagged: Ratio,
    pub suggested: Ratio,
    pub false_tags: Vec<String>,
    pub false_suggestions: usize,
    pub different: usize,
    /// Spellings of one person that are not tagged.
    pub untagged: Vec<String>,
}

pub fn score_pairs(pairs: &NamePairs) -> PairScores {
    use marsad::names::{Likeness, name_likeness};
    let mut s = PairScores::default();
    for [a, b] in &pairs.same_person {
        let l = name_likeness(a, b);
        s.tagged.add(l == Likeness::Strong);
        if l != Likeness::Strong {
            s.untagged.push(format!("{a} / {b}"));
        }
        s.suggested.add(l >= Likeness::Weak);
    }
    for [a, b] in &pairs.different_people {
        s.different += 1;
        match name_likeness(a, b) {
            Likeness::Strong => s.false_tags.push(format!("{a} / {b}")),
            Likeness::Weak => s.false_suggestions += 1,
            Likeness::None => {}
        }
    }
    s
}

impl fmt::Display for PairScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "same person, tagged         {}", self.tagged)?;
        writeln!(f, "same person, tagged or suggested {}", self.suggested)?;
        writeln!(
            f,
            "look-alikes tagged (false)  {}/{}",
            self.false_tags.len(),
            self.different
        )?;
        write!(
            f,
            "look-alikes suggested       {}/{}",
            self.false_suggestions, self.different
        )
    }
}
