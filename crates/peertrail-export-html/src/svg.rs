//! The lineage picture of a council: its reviews and documents in date
//! order, and which follows, mentions, restates or reports on which. Drawn
//! by Graphviz (`dot -Tsvg`) when it is installed, else by a small layout
//! of our own: one box per review, top to bottom, arcs on the right.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// One review of the picture.
#[derive(Debug)]
pub struct Node {
    /// Its label ("2019-09-10 Corporate Peer Challenge").
    pub label: String,
}

/// One relation between two reviews of the picture (indexes into the nodes).
#[derive(Debug)]
pub struct Edge {
    /// The later or dependent review.
    pub from: usize,
    /// The earlier one.
    pub to: usize,
    /// The relation in words ("follows", "restates 3").
    pub label: String,
}

/// A council's picture before drawing.
#[derive(Debug)]
pub struct Picture {
    /// The council's name.
    pub title: String,
    /// Reviews, oldest first.
    pub nodes: Vec<Node>,
    /// Relations.
    pub edges: Vec<Edge>,
}

impl Picture {
    /// The picture in words: the SVG's text alternative.
    pub fn describe(&self) -> String {
        let mut s = format!(
            "Lineage of {}: {} reviews and documents",
            self.title,
            self.nodes.len()
        );
        if self.edges.is_empty() {
            s.push_str(", none refers to another.");
            return s;
        }
        s.push_str(". ");
        let parts: Vec<String> = self
            .edges
            .iter()
            .filter_map(|e| {
                let from = self.nodes.get(e.from)?;
                let to = self.nodes.get(e.to)?;
                Some(format!("{} {} {}", from.label, e.label, to.label))
            })
            .collect();
        s.push_str(&parts.join("; "));
        s.push('.');
        s
    }

    /// Graphviz source for the picture.
    pub fn dot(&self) -> String {
        let mut s = String::from("digraph lineage {\n  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (i, n) in self.nodes.iter().enumerate() {
            let _ = writeln!(s, "  n{i} [label={}];", dot_quote(&n.label));
        }
        for e in &self.edges {
            let _ = writeln!(
                s,
                "  n{} -> n{} [label={}];",
                e.from,
                e.to,
                dot_quote(&e.label)
            );
        }
        s.push_str("}\n");
        s
    }

    /// Our own layout, as inline SVG.
    pub fn own_svg(&self, id: &str) -> String {
        const TOP: usize = 10;
        const ROW: usize = 46;
        const BOX_H: usize = 32;
        const BOX_W: usize = 420;
        const LEFT: usize = 10;
        let right = LEFT + BOX_W;
        let span_max = self
            .edges
            .iter()
            .map(|e| e.from.abs_diff(e.to))
            .max()
            .unwrap_or(0);
        let width = right + 40 + 18 * span_max + 10;
        let height = TOP * 2 + ROW * self.nodes.len().max(1);
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
        );
        let _ = write!(
            s,
            "<title id=\"{id}-title\">Lineage of {}</title><desc id=\"{id}-desc\">{}</desc>",
            xml(&self.title),
            xml(&self.describe())
        );
        s.push_str("<defs><marker id=\"");
        s.push_str(id);
        s.push_str("-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#505a5f\"/></marker></defs>");
        for (i, n) in self.nodes.iter().enumerate() {
            let y = TOP + ROW * i;
            let _ = write!(
                s,
                "<g class=\"node\"><rect x=\"{LEFT}\" y=\"{y}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"4\"/><text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#0b0c0c\">{}</text></g>",
                LEFT + 8,
                y + 21,
                xml(&clip(&n.label, 60))
            );
        }
        for e in &self.edges {
            let y1 = TOP + ROW * e.from + BOX_H / 2;
            let y2 = TOP + ROW * e.to + BOX_H / 2;
            let bulge = right + 24 + 18 * e.from.abs_diff(e.to);
            let _ = write!(
                s,
                "<g class=\"edge\"><title>{}</title><path d=\"M{right},{y1} C{bulge},{y1} {bulge},{y2} {right},{y2}\" stroke-width=\"1.5\" marker-end=\"url(#{id}-arrow)\"/></g>",
                xml(&e.label)
            );
        }
        s.push_str("</svg>");
        s
    }
}

/// Draws every picture with one `dot -Tsvg` run; `None` when Graphviz is
/// not installed or fails, so the caller falls back to its own layout.
pub fn graphviz(pictures: &[Picture], ids: &[String]) -> Option<Vec<String>> {
    if pictures.is_empty() {
        return Some(Vec::new());
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let source: String = pictures.iter().map(Picture::dot).collect();
    let mut stdin = child.stdin.take()?;
    // Written from another thread so a large output never blocks the input.
    let writer = std::thread::spawn(move || stdin.write_all(source.as_bytes()));
    let mut out = String::new();
    child.stdout.take()?.read_to_string(&mut out).ok()?;
    let wrote = writer.join().ok()?.is_ok();
    let status = child.wait().ok()?;
    if !wrote || !status.success() {
        return None;
    }
    let svgs: Vec<&str> = out
        .split("<svg")
        .skip(1)
        .map(|part| part.split("</svg>").next().unwrap_or(""))
        .collect();
    if svgs.len() != pictures.len() {
        return None;
    }
    Some(
        svgs.iter()
            .zip(pictures.iter().zip(ids))
            .map(|(body, (p, id))| {
                format!(
                    "<svg role=\"img\" aria-labelledby=\"{id}-desc\"{}<desc id=\"{id}-desc\">{}</desc></svg>",
                    strip_comments(body),
                    xml(&p.describe())
                )
            })
            .collect(),
    )
}

/// Graphviz's comments name its version: left out so pages do not change
/// with it.
fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes text for SVG (XML) content and attributes.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `n` characters, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_labels_are_escaped() {
        let p = Picture {
            title: "<script>alert(1)</script>".into(),
            nodes: vec![
                Node {
                    label: "a \"q\" {{x}}".into(),
                },
                Node { label: "b".into() },
            ],
            edges: vec![Edge {
                from: 1,
                to: 0,
                label: "follows".into(),
            }],
        };
        let svg = p.own_svg("l");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(p.dot().contains("\\\"q\\\""));
    }
}
