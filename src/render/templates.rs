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
use std::sync::Arc;
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
        let plain = PlainValues::new(&i18n);
        tera.register_function("t", move |kwargs: Kwargs, state: &State| {
            translate(&for_templates, &plain, kwargs, state)
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

/// `t()`'s results for calls without message arguments, as the tera values it returns,
/// by language code and message id: built once, cloned in O(1).
struct PlainValues(HashMap<String, HashMap<String, Value>>);

impl PlainValues {
    fn new(i18n: &I18n) -> PlainValues {
        let mut by_lang: HashMap<String, HashMap<String, Value>> = HashMap::new();
        for (lang, id, text) in i18n.plain_messages() {
            by_lang
                .entry(lang.as_str().to_string())
                .or_default()
                .insert(id.to_string(), Value::from(text));
        }
        PlainValues(by_lang)
    }
}

fn translate(
    i18n: &I18n,
    plain: &PlainValues,
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
    let has_args = kwargs
        .iter()
        .any(|(name, _)| !matches!(name.as_str(), Some("key" | "lang")));
    if !has_args
        && let Some(value) = plain.0.get(lang.as_ref()).and_then(|m| m.get(key.as_ref()))
    {
        // A configured code exactly as written is what parsing it again would give.
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
    i18n.format(&lang, &key, &args)
        .map(Value::from)
        .map_err(tera::Error::message)
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
