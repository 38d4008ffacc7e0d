//! The html exporter: a self-contained static report in one folder
//! (`report/`), readable from disk with no server and no network.
//!
//! `index.html` lists every council with its reviews and its
//! recommendations counted by latest status; `councils/*.html` give each
//! council's timeline, lineage picture, recommendations and due steps;
//! `recommendations/*.html` give each recommendation's trail; `due.html`
//! and `people.html` the due steps and the peer teams. Pages are rendered
//! from embedded `minijinja` templates with HTML auto-escaping; every
//! string from the data is escaped. Page names come from ids through
//! [`names::encode`], so they are stable, distinct and never leave the
//! folder. The files are documented in `docs/formats.md`.

#![warn(missing_docs)]

mod names;
mod pages;
mod svg;

use minijinja::{context, Environment, UndefinedBehavior, Value};
use peertrail_core::{ExportContext, ExportError, Exporter, FolderSink, Target};

pub use names::encode as page_name;

const NAME: &str = "html";

/// The folder the report is written into, inside the output directory.
pub const FOLDER: &str = "report";

/// The html exporter plugin.
#[derive(Debug, Clone, Copy)]
pub struct HtmlExporter {
    graphviz: bool,
}

impl Default for HtmlExporter {
    /// Draws lineage pictures with Graphviz when it is installed.
    fn default() -> Self {
        HtmlExporter { graphviz: true }
    }
}

impl HtmlExporter {
    /// An exporter that always draws pictures with its own layout, so its
    /// bytes do not depend on whether (and which) Graphviz is installed.
    pub fn own_layout() -> Self {
        HtmlExporter { graphviz: false }
    }
}

impl Exporter for HtmlExporter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "a static report folder (report/index.html): councils, timelines, recommendation trails, due steps, people"
    }

    fn files(&self) -> &'static [&'static str] {
        &[FOLDER]
    }

    fn cost_hint(&self) -> u32 {
        // Measured at 10,000 generated documents: several seconds, against ~0.02 s
        // for one CSV table.
        20
    }

    fn target(&self) -> Target {
        Target::Folder
    }

    fn write_folder(
        &self,
        folder: &str,
        ctx: &ExportContext<'_>,
        out: &mut dyn FolderSink,
    ) -> Result<(), ExportError> {
        if folder != FOLDER {
            return Err(ExportError::unknown_file(NAME, folder));
        }
        let env = environment()?;
        out.put("style.css", include_bytes!("../assets/style.css"))?;
        out.put("filter.js", include_bytes!("../assets/filter.js"))?;
        pages::write_all(&env, ctx, self.graphviz, out)
    }
}

fn environment() -> Result<Environment<'static>, ExportError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let templates = [
        ("base.html", include_str!("../templates/base.html")),
        ("macros.html", include_str!("../templates/macros.html")),
        ("index.html", include_str!("../templates/index.html")),
        ("council.html", include_str!("../templates/council.html")),
        (
            "recommendation.html",
            include_str!("../templates/recommendation.html"),
        ),
        ("due.html", include_str!("../templates/due.html")),
        ("people.html", include_str!("../templates/people.html")),
    ];
    for (name, source) in templates {
        env.add_template(name, source).map_err(template_error)?;
    }
    Ok(env)
}

fn template_error(e: minijinja::Error) -> ExportError {
    ExportError::encode(NAME, format!("template: {e:#}"))
}

/// Renders `template` with `page` (any serialisable value), the site-wide
/// values and `extra` (values already escaped or marked safe).
fn render(
    env: &Environment<'_>,
    template: &str,
    root: &str,
    site: &Value,
    page: Value,
    extra: Value,
) -> Result<Vec<u8>, ExportError> {
    let tmpl = env.get_template(template).map_err(template_error)?;
    let ctx = minijinja::value::merge_maps([context! { root => root, site => site }, page, extra]);
    let mut html = tmpl.render(ctx).map_err(template_error)?;
    // Lines end in `\n`, with one at the end of the file.
    html = html
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    html.push('\n');
    Ok(html.into_bytes())
}
