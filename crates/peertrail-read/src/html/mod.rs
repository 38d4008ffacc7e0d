//! Saved web pages: the content (headings, lists, tables, paragraphs) read
//! from the tree html5ever builds (a slim one of our own, [`tree`]),
//! navigation, headers, footers, cookie banners and menus dropped; the
//! `<title>` and canonical address kept as facts.

mod tree;

use crate::markdown::Writer;
use crate::{Document, ReadError, ReadOptions, Reader};
use tree::{Data, Edge, NodeIx, Tree};

const FORMAT: &str = "web page";

/// The web page reader.
#[derive(Debug)]
pub(crate) struct Html;

impl Reader for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn read_owned(&self, bytes: Vec<u8>, _options: &ReadOptions) -> Result<Document, ReadError> {
        let page = Tree::parse(bytes).map_err(|limit| ReadError::Corrupt {
            format: FORMAT,
            message: limit.to_string(),
        })?;
        let title = page
            .named("title")
            .next()
            .map(|e| crate::markdown::one_line(&page.text_under(e)));
        let canonical = |e: &NodeIx| {
            page.attr(*e, "rel").is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|word| word.eq_ignore_ascii_case("canonical"))
            })
        };
        let url = page
            .named("link")
            .find(canonical)
            .and_then(|e| page.attr(e, "href"))
            .or_else(|| {
                page.named("meta")
                    .find(|&e| page.attr(e, "property") == Some("og:url"))
                    .and_then(|e| page.attr(e, "content"))
            })
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        let root = only_one(page.named("main"))
            .or_else(|| {
                only_one(
                    page.elements()
                        .filter(|&e| page.attr(e, "role") == Some("main")),
                )
            })
            .or_else(|| only_one(page.named("article")))
            .or_else(|| page.named("body").next())
            .or_else(|| page.root_element());
        let text = root.map(|root| content(&page, root)).unwrap_or_default();
        if text.trim().is_empty() {
            return Err(ReadError::Empty { format: FORMAT });
        }
        Ok(Document {
            text,
            pages: Vec::new(),
            title: title.filter(|t| !t.is_empty()),
            url,
            engine: self.name(),
            warnings: Vec::new(),
        })
    }
}

/// The element found, when exactly one is.
fn only_one(mut found: impl Iterator<Item = NodeIx>) -> Option<NodeIx> {
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Elements never read: scripts, forms and page furniture.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
    "iframe", "svg", "dialog", "menu", "head", "object", "canvas",
];

/// Roles and `id`/`class` words that mark page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "complementary",
];
const FURNITURE_WORDS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "skip-link",
    "skiplink",
    "sidebar",
    "social",
    "share",
    "site-header",
    "site-footer",
    "masthead",
];

/// Whether an element (and all it holds) is page furniture, not content.
fn is_furniture(page: &Tree, e: NodeIx, in_content: bool) -> bool {
    let name = page.name(e);
    if SKIPPED.contains(&name) {
        return true;
    }
    // A page's header and footer; inside an article they hold its title
    // and notes, which are content.
    if (name == "header" || name == "footer") && !in_content {
        return true;
    }
    if page.attr(e, "hidden").is_some() || page.attr(e, "aria-hidden") == Some("true") {
        return true;
    }
    if let Some(role) = page.attr(e, "role") {
        if FURNITURE_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    let words = [
        page.attr(e, "id").unwrap_or(""),
        page.attr(e, "class").unwrap_or(""),
    ];
    words.iter().any(|w| {
        let w = w.to_ascii_lowercase();
        w.split(|c: char| c.is_whitespace())
            .any(|token| FURNITURE_WORDS.iter().any(|f| token.contains(f)))
    })
}

/// What the text being gathered will become.
#[derive(Debug, Clone)]
enum Target {
    Paragraph,
    Heading(usize),
    Item(Option<String>, usize),
}

/// A list being read: ordered or not, and its next number.
#[derive(Debug)]
struct List {
    ordered: bool,
    next: u32,
}

/// Inline text gathered for one block, with `**` around bold.
#[derive(Debug, Default)]
struct Inline {
    text: String,
    bold: usize,
    bold_open: bool,
}

impl Inline {
    fn push(&mut self, raw: &str) {
        let bold = self.bold > 0;
        let mut text = String::new();
        // White space runs as one space, as a browser shows them.
        let mut space = raw.starts_with(char::is_whitespace);
        for word in raw.split_whitespace() {
            if space || !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
            space = false;
        }
        if raw.ends_with(char::is_whitespace) && !raw.trim().is_empty() {
            text.push(' ');
        }
        if raw.trim().is_empty() && !raw.is_empty() {
            text = " ".to_string();
        }
        if text.is_empty() {
            return;
        }
        if bold && !self.bold_open {
            let trimmed = text.trim_start();
            if trimmed.is_empty() {
                self.text.push(' ');
                return;
            }
            if text.len() != trimmed.len() {
                self.text.push(' ');
            }
            self.text.push_str("**");
            self.bold_open = true;
            self.text.push_str(trimmed);
            return;
        }
        if !bold && self.bold_open {
            self.close_bold();
        }
        self.text.push_str(&text);
    }

    fn close_bold(&mut self) {
        if !self.bold_open {
            return;
        }
        let keep = self.text.trim_end().len();
        let tail = self.text.split_off(keep);
        self.text.push_str("**");
        self.text.push_str(&tail);
        self.bold_open = false;
    }

    fn take(&mut self) -> String {
        self.close_bold();
        std::mem::take(&mut self.text)
    }
}

/// The content under `root` as text, in one iterative walk (no recursion,
/// so deep nesting cannot exhaust the stack).
fn content(page: &Tree, root: NodeIx) -> String {
    // What is written is the page's text with runs of white space as one
    // space and a little markup added: about as long.
    let mut out = Writer::with_capacity(page.text_len() + page.text_len() / 8);
    let mut inline = Inline::default();
    let mut target = Target::Paragraph;
    let mut lists: Vec<List> = Vec::new();
    // Rows of the outermost table being read, and how deep in tables we are.
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut table_depth = 0usize;
    let mut in_cell = false;
    let mut skip: Option<NodeIx> = None;
    let mut content_depth = 0usize;

    let flush = |inline: &mut Inline, target: &mut Target, out: &mut Writer| {
        let text = inline.take();
        match std::mem::replace(target, Target::Paragraph) {
            Target::Paragraph => out.paragraph(&text),
            Target::Heading(level) => out.heading(level, &text),
            Target::Item(label, depth) => out.item(label.as_deref(), depth, &text),
        }
    };

    for edge in page.traverse(root) {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match page.data(node) {
                    Data::Text { .. } => inline.push(page.text(node)),
                    Data::Element(_) => {
                        if is_furniture(page, node, content_depth > 0) && node != root {
                            skip = Some(node);
                            continue;
                        }
                        let name = page.name(node);
                        if matches!(name, "main" | "article") {
                            content_depth += 1;
                        }
                        if in_cell && table_depth > 1 {
                            inline.push(" ");
                            continue;
                        }
                        match name {
                            "strong" | "b" => inline.bold += 1,
                            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !in_cell => {
                                flush(&mut inline, &mut target, &mut out);
                                let level = usize::from(name.as_bytes()[1] - b'0');
                                target = Target::Heading(level);
                            }
                            "ul" | "ol" if !in_cell => {
                                flush(&mut inline, &mut target, &mut out);
                                let start = page
                                    .attr(node, "start")
                                    .and_then(|s| s.trim().parse().ok())
                                    .unwrap_or(1);
                                lists.push(List {
                                    ordered: name == "ol",
                                    next: start,
                                });
                            }
                            "li" if !in_cell => {
                                flush(&mut inline, &mut target, &mut out);
                                let depth = lists.len().saturating_sub(1);
                                let label = match lists.last_mut() {
                                    Some(list) if list.ordered => {
                                        if let Some(v) = page
                                            .attr(node, "value")
                                            .and_then(|v| v.trim().parse().ok())
                                        {
                                            list.next = v;
                                        }
                                        let n = list.next;
                                        list.next = list.next.saturating_add(1);
                                        Some(format!("{n}."))
                                    }
                                    _ => None,
                                };
                                target = Target::Item(label, depth);
                            }
                            "table" => {
                                table_depth += 1;
                                if table_depth == 1 {
                                    flush(&mut inline, &mut target, &mut out);
                                    table.clear();
                                }
                            }
                            "tr" if table_depth == 1 => table.push(Vec::new()),
                            "td" | "th" if table_depth == 1 => {
                                inline.take();
                                in_cell = true;
                            }
                            "br" if in_cell || !matches!(target, Target::Paragraph) => {
                                inline.push(" ")
                            }
                            "p" | "div" | "section" | "blockquote" | "dd" | "dt" | "pre" | "br"
                            | "hr" | "figure" | "figcaption" | "address" | "details"
                            | "summary" | "main" | "article" | "header" | "footer"
                                if !in_cell =>
                            {
                                // Text before a block inside a list item
                                // belongs to the item.
                                flush(&mut inline, &mut target, &mut out);
                            }
                            _ if in_cell => {
                                if matches!(name, "p" | "div" | "br" | "li") {
                                    inline.push(" ");
                                }
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node {
                        skip = None;
                    }
                    continue;
                }
                let Data::Element(_) = page.data(node) else {
                    continue;
                };
                let name = page.name(node);
                if matches!(name, "main" | "article") {
                    content_depth = content_depth.saturating_sub(1);
                }
                match name {
                    "strong" | "b" => inline.bold = inline.bold.saturating_sub(1),
                    "table" => {
                        table_depth = table_depth.saturating_sub(1);
                        if table_depth == 0 {
                            for row in &table {
                                out.row(row);
                            }
                            out.end_table();
                            table.clear();
                            in_cell = false;
                        }
                    }
                    "td" | "th" if table_depth == 1 => {
                        let text = inline.take();
                        if let Some(row) = table.last_mut() {
                            row.push(text);
                        }
                        in_cell = false;
                    }
                    "ul" | "ol" if !in_cell => {
                        flush(&mut inline, &mut target, &mut out);
                        lists.pop();
                    }
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "p" | "div" | "section"
                    | "blockquote" | "dd" | "dt" | "pre" | "figure" | "figcaption" | "address"
                    | "details" | "summary" | "main" | "article"
                        if !in_cell && table_depth == 0 =>
                    {
                        flush(&mut inline, &mut target, &mut out);
                    }
                    _ => {}
                }
            }
        }
    }
    flush(&mut inline, &mut target, &mut out);
    out.finish().0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Document {
        match Html.read(html.as_bytes(), &ReadOptions::default()) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn content_without_furniture() {
        let doc = read(
            r#"<!DOCTYPE html><html><head><title>Peer challenge | Kestrel Vale</title>
            <link rel="canonical" href="https://www.kestrelvale.example/peer"></head>
            <body><header><a href="/">Home</a></header>
            <nav><ul><li>Home</li><li>Council</li></ul></nav>
            <main><h1>Peer challenge</h1><p>The <strong>team </strong>met.</p>
            <ol><li>First</li><li>Second<ul><li>Sub</li></ul></li></ol>
            <table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td><p>x</p><p>y</p></td></tr></table>
            </main><div class="cookie-banner"><p>We use cookies</p></div>
            <footer>Copyright</footer></body></html>"#,
        );
        assert_eq!(
            doc.text,
            "# Peer challenge\n\nThe **team** met.\n\n1. First\n2. Second\n  - Sub\n\n| A | B |\n| 1 | x y |\n"
        );
        assert_eq!(doc.title.as_deref(), Some("Peer challenge | Kestrel Vale"));
        assert_eq!(
            doc.url.as_deref(),
            Some("https://www.kestrelvale.example/peer")
        );
    }
}
