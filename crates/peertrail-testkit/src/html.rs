//! The saved web page form: the report inside `<main>`, with a site header,
//! navigation, a breadcrumb and a cookie banner and footer around it.

use std::fmt::Write as _;

use crate::blocks::{blocks, Block, Run};

/// The web page form of a report's text, with `url` as its canonical link.
pub fn html(text: &str, title: &str, url: &str) -> String {
    let mut body = String::new();
    let mut list: Option<(bool, usize)> = None;
    let mut table = false;
    for block in blocks(text) {
        let (wants_list, depth) = match &block {
            Block::Item(label, depth, _) => (Some(label.is_some()), *depth),
            _ => (None, 0),
        };
        // Close what the block does not continue.
        if list.is_some() && (wants_list != list.map(|l| l.0) || depth != list.map_or(0, |l| l.1)) {
            let _ = writeln!(
                body,
                "{}",
                if list.map(|l| l.0) == Some(true) {
                    "</ol>"
                } else {
                    "</ul>"
                }
            );
            list = None;
        }
        if table && !matches!(block, Block::Row(_)) {
            body.push_str("</table>\n");
            table = false;
        }
        match &block {
            Block::Heading(level, runs) => {
                let level = (*level).clamp(1, 6);
                let _ = writeln!(body, "<h{level}>{}</h{level}>", inline(runs));
            }
            Block::Paragraph(runs) => {
                let _ = writeln!(body, "<p>\n  {}\n</p>", inline(runs));
            }
            Block::Item(label, depth, runs) => {
                let number = label
                    .as_deref()
                    .and_then(|l| l.strip_suffix('.'))
                    .and_then(|n| n.parse::<u32>().ok());
                match (label, number) {
                    (Some(_), Some(n)) => {
                        if list.is_none() {
                            let _ = writeln!(body, "<ol start=\"{n}\">");
                            list = Some((true, *depth));
                        }
                        let _ = writeln!(body, "<li value=\"{n}\">{}</li>", inline(runs));
                    }
                    (Some(label), None) => {
                        // Labels a list cannot number ("(a)", "R2:") stay in the text.
                        if let Some((ordered, _)) = list.take() {
                            body.push_str(if ordered { "</ol>\n" } else { "</ul>\n" });
                        }
                        let _ = writeln!(body, "<p>{} {}</p>", esc(label), inline(runs));
                    }
                    (None, _) => {
                        if list.is_none() {
                            body.push_str("<ul class=\"list\">\n");
                            list = Some((false, *depth));
                        }
                        let _ = writeln!(body, "<li>{}</li>", inline(runs));
                    }
                }
            }
            Block::Row(cells) => {
                if !table {
                    body.push_str("<table class=\"data\">\n");
                    table = true;
                }
                body.push_str("<tr>");
                for cell in cells {
                    let _ = write!(body, "<td>{}</td>", esc(cell));
                }
                body.push_str("</tr>\n");
            }
        }
    }
    if let Some((ordered, _)) = list {
        body.push_str(if ordered { "</ol>\n" } else { "</ul>\n" });
    }
    if table {
        body.push_str("</table>\n");
    }
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{url}">
<meta property="og:url" content="{url}">
<style>body {{ font-family: sans-serif; }}</style>
<script>window.dataLayer = [];</script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><a href="/">Home</a><form role="search"><input name="q"></form></header>
<nav aria-label="Main menu"><ul><li><a href="/council">Council and democracy</a></li><li><a href="/news">News</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
<div class="breadcrumb"><ol><li>Home</li><li>Council</li><li>Performance</li></ol></div>
<main id="main">
{body}</main>
<aside><h2>Related pages</h2><ul><li>Annual report</li></ul></aside>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to make this site work.</p><button>Accept all cookies</button></div>
<footer class="site-footer"><ul><li>Accessibility statement</li><li>Privacy</li></ul><p>Copyright</p></footer>
</body>
</html>
"##,
        title = esc(title),
        url = esc(url),
    )
}

fn inline(runs: &[Run]) -> String {
    let mut out = String::new();
    for run in runs {
        if run.bold {
            let _ = write!(out, "<strong>{}</strong>", esc(&run.text));
        } else {
            out.push_str(&esc(&run.text));
        }
    }
    out
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
