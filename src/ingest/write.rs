//! A planned briefing -> its file: front matter and the body as Markdown that renders as the
//! text it was, written so that nothing is ever half-written or silently replaced.

use super::{Plan, Status};

pub(super) fn render_file(plan: &Plan, hash: &str) -> String {
    let front = crate::front_matter::FrontMatter {
        title: plan.title.clone(),
        date: plan.date,
        lang: Some(plan.lang.clone()),
        source: plan
            .source
            .as_ref()
            .map(|s| crate::front_matter::SourceRef {
                name: s.name.clone(),
                url: s.url.clone(),
            }),
        topics: plan.topics.clone(),
        actors: plan.actors.clone(),
        places: plan.places.clone(),
        review: plan.review.clone(),
        ingest_hash: Some(hash.to_string()),
        ..Default::default()
    };
    let mut out =
        crate::front_matter::write_front_matter(&front, crate::front_matter::EmptyLists::Omitted);
    out.push('\n');
    for p in &plan.body {
        out.push_str(&escape_markdown(p));
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Plain text as Markdown that renders as the same text: markup characters escaped, and
/// line starts that Markdown would read as headings, lists or quotes neutralized.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    let starts_block = out.starts_with(['-', '+', '='])
        || out.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())
        });
    if starts_block {
        out.insert(0, '\\');
    }
    out
}

/// Writes the planned file: a temporary file beside it, then moved into place whole. Only
/// [`Status::Replace`] (`--force`) may replace a file; otherwise the move is a hard link,
/// which fails if the name was taken meanwhile (by another run, or an editor), so the check
/// and the write are one step and nothing is overwritten by a race.
pub fn write_plan(root: &std::path::Path, plan: &Plan) -> Result<(), String> {
    let target = root.join(&plan.path);
    let dir = target.parent().ok_or("no folder for the briefing")?;
    crate::fs::create_dir_all(dir).map_err(|d| d.message)?;
    if plan.status == Status::Replace {
        return crate::fs::replace_file(&target, plan.text.as_bytes()).map_err(|d| d.message);
    }
    crate::fs::write_new_file(&target, plan.text.as_bytes())
        .map_err(|d| d.message)?
        .then_some(())
        .ok_or_else(|| {
            format!(
                "{} already exists (written since this run began); pass --force to replace it",
                plan.path.display()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_text_as_text() {
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(escape_markdown("1. not a list"), "\\1. not a list");
        assert_eq!(escape_markdown("- dash"), "\\- dash");
        assert_eq!(
            escape_markdown("a <b> *c* [d]"),
            "a \\<b\\> \\*c\\* \\[d\\]"
        );
    }
}
