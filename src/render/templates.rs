//! The compiled tera templates with marsad's template functions. Only `render` knows tera.
//!
//! Templates are parsed once per build; every `.html` and `.xml` template autoescapes.

use crate::error::{Diagnostic, Diagnostics, Location};
use crate::i18n::{Arg, I18n};
use crate::lang::Lang;
use crate::load::TextFile;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tera::{Kwargs, State, Tera, Value};

/// Templates every site must provide.
pub const REQUIRED: &[&str] = &[
    "atom.xml",
    "sitemap.xml",
    "briefing.html",
    "list.html",
    "root.html",
    "404.html",
    "terms.html",
    "term.html",
    "search.html",
];

pub struct Templates {
    tera: Tera,
    i18n: Arc<I18n>,
    /// Output buffer to start each template's render with: twice its text, as tera does.
    size_hints: HashMap<String, usize>,
}

impl Templates {
    /// Compiles all templates; `t(key=…, lang=…, …args)` formats a Fluent message in the
    /// page's language (the context's `lang`) unless `lang=` says otherwise.
    pub fn compile(files: &[TextFile], i18n: Arc<I18n>) -> Result<Templates, Diagnostics> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let for_templates = Arc::clone(&i18n);
        let formatted = Formatted::new(&i18n);
        tera.register_function("t", move |kwargs: Kwargs, state: &State| {
            translate(&for_templates, &formatted, kwargs, state)
        });
        let mut diags = Diagnostics::new();
        let pairs: Vec<(String, String)> = files
            .iter()
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(pairs) {
            diags.push(template_diagnostic(&e, None));
        }
        for name in REQUIRED {
            if !files.iter().any(|f| f.name == *name) {
                diags.push(Diagnostic::error(
                    Location::file(PathBuf::from(crate::load::TEMPLATES_DIR).join(name)),
                    "required template is missing",
                ));
            }
        }
        diags.into_result()?;
        let size_hints = files
            .iter()
            .map(|f| (f.name.clone(), (f.text.len() * 2).next_power_of_two()))
            .collect();
        Ok(Templates {
            tera,
            i18n,
            size_hints,
        })
    }

    /// A Fluent message, for text the render stage composes itself (page titles).
    pub fn message(
        &self,
        lang: &Lang,
        key: &str,
        args: &[(String, Arg)],
    ) -> Result<String, String> {
        self.i18n.format(lang, key, args)
    }

    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, tera::Error> {
        self.tera.render(name, context)
    }

    /// The same bytes as [`Templates::render`], without checking again that what tera wrote
    /// from strings is UTF-8 (a pass over every page).
    pub fn render_bytes(
        &self,
        name: &str,
        context: &tera::Context,
    ) -> Result<Vec<u8>, tera::Error> {
        let hint = self.size_hints.get(name).copied().unwrap_or(0);
        let mut out = Vec::with_capacity(hint);
        self.tera.render_to(name, context, &mut out)?;
        Ok(out)
    }
}

/// What `t()` returns, kept so a message is formatted once per build and language rather
/// than once per page: messages without arguments are formatted when templates are
/// compiled; calls whose arguments are all numbers (counts) are kept when first made.
/// Both as the tera values returned, cloned in O(1).
struct Formatted {
    /// (language code, (message id, value) sorted by id), one per interface language.
    plain: Vec<(String, Vec<(String, Value)>)>,
    /// By (language code, message id, (argument, number's bits) sorted by name).
    with_numbers: Mutex<HashMap<NumbersCall, Value>>,
}

type NumbersCall = (String, String, Vec<(String, u64)>);

/// Calls with numbers kept at most (a site has a few hundred different counts).
const MAX_NUMBERS_CALLS: usize = 1 << 16;

impl Formatted {
    fn new(i18n: &I18n) -> Formatted {
        let mut by_lang: Vec<(String, Vec<(String, Value)>)> = Vec::new();
        for (lang, id, text) in i18n.plain_messages() {
            let i = match by_lang.iter().position(|(l, _)| l == lang.as_str()) {
                Some(i) => i,
                None => {
                    by_lang.push((lang.as_str().to_string(), Vec::new()));
                    by_lang.len() - 1
                }
            };
            by_lang[i].1.push((id.to_string(), Value::from(text)));
        }
        for (_, messages) in &mut by_lang {
            messages.sort_by(|a, b| a.0.cmp(&b.0));
        }
        Formatted {
            plain: by_lang,
            with_numbers: Mutex::new(HashMap::new()),
        }
    }

    fn plain(&self, lang: &str, key: &str) -> Option<&Value> {
        let (_, messages) = self.plain.iter().find(|(l, _)| l == lang)?;
        let i = messages
            .binary_search_by(|(id, _)| id.as_str().cmp(key))
            .ok()?;
        Some(&messages[i].1)
    }
}

fn translate(
    i18n: &I18n,
    formatted: &Formatted,
    kwargs: Kwargs,
    state: &State,
) -> tera::TeraResult<Value> {
    let key: Cow<str> = kwargs.must_get("key")?;
    let from_state: Value;
    let lang: Cow<str> = match kwargs.get::<Cow<str>>("lang")? {
        Some(l) => l,
        None => {
            from_state = state.get::<Value>("lang")?.ok_or_else(|| {
                tera::Error::message("t(): no `lang` in the context and none given")
            })?;
            text_of(&from_state)
        }
    };
    let is_message_arg = |name: &tera::value::Key| !matches!(name.as_str(), Some("key" | "lang"));
    let has_args = kwargs.iter().any(|(name, _)| is_message_arg(name));
    // A configured code exactly as written is what parsing it again would give.
    if !has_args && let Some(value) = formatted.plain(&lang, &key) {
        return Ok(value.clone());
    }
    // Only numbers: the same call gives the same text, whatever the page.
    let numbers_call: Option<NumbersCall> = if has_args {
        let numbers: Option<Vec<(String, u64)>> = kwargs
            .iter()
            .filter(|(name, _)| is_message_arg(name))
            .map(|(name, value)| {
                Some((
                    name.as_str()?.to_string(),
                    value.as_number()?.as_float().to_bits(),
                ))
            })
            .collect();
        numbers.map(|mut n| {
            n.sort();
            (lang.to_string(), key.to_string(), n)
        })
    } else {
        None
    };
    if let Some(call) = &numbers_call
        && let Some(value) = lock(&formatted.with_numbers).get(call)
    {
        return Ok(value.clone());
    }
    let lang = match i18n.language(&lang) {
        Some(l) => l.clone(),
        None => Lang::parse(&lang).map_err(tera::Error::message)?,
    };
    let mut args = Vec::new();
    for (name, value) in kwargs.iter() {
        let name = name.to_string();
        if name == "key" || name == "lang" {
            continue;
        }
        let arg = if let Some(n) = value.as_number() {
            Arg::Number(n.as_float())
        } else if let Some(s) = value.as_str() {
            Arg::Text(s.to_string())
        } else {
            Arg::Text(value_to_text(value))
        };
        args.push((name, arg));
    }
    let value = i18n
        .format(&lang, &key, &args)
        .map(Value::from)
        .map_err(tera::Error::message)?;
    if let Some(call) = numbers_call {
        let mut kept = lock(&formatted.with_numbers);
        if kept.len() >= MAX_NUMBERS_CALLS {
            kept.clear();
        }
        kept.insert(call, value.clone());
    }
    Ok(value)
}

/// The lock's map even if a thread panicked while holding it (entries are inserted whole).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A value as `String` arguments read it (strings as they are, others displayed).
fn text_of(v: &Value) -> Cow<'_, str> {
    match v.as_str() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(format!("{v}")),
    }
}

fn value_to_text(v: &Value) -> String {
    format!("{v}")
}

/// Turns a tera error into a diagnostic pointing into the template file (line:col) when the
/// error knows where it is; `page` names the source file being rendered, if any.
pub fn template_diagnostic(e: &tera::Error, page: Option<&std::path::Path>) -> Diagnostic {
    let during = page.map_or(String::new(), |p| {
        format!(" (while rendering {})", p.display())
    });
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let path = PathBuf::from(crate::load::TEMPLATES_DIR).join(r.filename());
            let span = r.span();
            Diagnostic::error(
                Location::at(path, span.start_line, span.start_col + 1),
                format!("{}{during}", r.message()),
            )
        }
        kind => {
            let mut msg = kind.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                msg.push_str(&format!(": {s}"));
                source = s.source();
            }
            Diagnostic::error(
                Location::file(crate::load::TEMPLATES_DIR),
                format!("{msg}{during}"),
            )
        }
    }
}
