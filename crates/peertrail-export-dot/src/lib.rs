//! The Graphviz DOT exporter: each council's trail as a cluster.
//!
//! Reviews run left to right in date order inside their council's cluster,
//! each with its recommendations and actions beside it; links are edges
//! labelled with their kind. Every id and label is a double-quoted, escaped
//! string, so no text from a report can change the graph's structure. The
//! conventions are documented in `docs/formats.md`.

#![warn(missing_docs)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use peertrail_core::{
    Action, CouncilId, Dataset, ExportContext, ExportError, Exporter, Link, LinkKind,
    Recommendation, RecommendationKind, Review, ReviewId, Source,
};

const NAME: &str = "dot";
const FILE: &str = "peertrail.dot";

/// Longest recommendation or action line in a node label, in characters,
/// ellipsis included; the full text is in the node's tooltip.
pub const MAX_LABEL_CHARS: usize = 60;

/// The dot exporter plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct DotExporter;

impl Exporter for DotExporter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "peertrail.dot: a Graphviz digraph, one cluster per council, reviews in date order, links as labelled edges"
    }

    fn files(&self) -> &'static [&'static str] {
        &[FILE]
    }

    fn cost_hint(&self) -> u32 {
        // Measured at 10,000 generated documents: 0.13 s, against ~0.02 s
        // for one CSV table.
        2
    }

    fn write(
        &self,
        file: &str,
        ctx: &ExportContext<'_>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        if file != FILE {
            return Err(ExportError::unknown_file(NAME, file));
        }
        render(ctx, out)?;
        Ok(())
    }
}

/// Items grouped under the review that owns them, in `Dataset` order.
/// Keyed by the id's text, compared byte by byte: cheaper than a
/// `ReviewId`'s natural order, which only matters where the maps are
/// listed (the items of reviews missing from the data set, sorted again).
struct Items<'a> {
    recommendations: BTreeMap<&'a str, (&'a ReviewId, Vec<&'a Recommendation>)>,
    actions: BTreeMap<&'a str, (&'a ReviewId, Vec<&'a Action>)>,
}

/// How much text is gathered before it goes to the writer: the graph is
/// streamed, never held whole (at 10,000 documents it is ~40 MB, and
/// growing one String that large spent more time zeroing fresh pages than
/// writing the text).
const CHUNK: usize = 1 << 18;

/// Hands `text` to `out` once it holds at least [`CHUNK`] bytes.
fn spill(text: &mut String, out: &mut dyn Write) -> std::io::Result<()> {
    if text.len() >= CHUNK {
        out.write_all(text.as_bytes())?;
        text.clear();
    }
    Ok(())
}

fn render(ctx: &ExportContext<'_>, sink: &mut dyn Write) -> std::io::Result<()> {
    let data = ctx.data;
    let mut out = String::with_capacity(CHUNK + CHUNK / 4);
    out.push_str("digraph \"peertrail\" {\n");
    out.push_str("  rankdir=LR;\n");
    out.push_str("  node [fontsize=10];\n");
    out.push_str("  edge [fontsize=8];\n");

    let mut items = Items {
        recommendations: BTreeMap::new(),
        actions: BTreeMap::new(),
    };
    for r in &data.recommendations {
        let entry = items.recommendations.entry(r.review.as_str());
        entry.or_insert_with(|| (&r.review, Vec::new())).1.push(r);
    }
    for a in &data.actions {
        let entry = items.actions.entry(a.review.as_str());
        entry.or_insert_with(|| (&a.review, Vec::new())).1.push(a);
    }

    let mut clusters: BTreeMap<&CouncilId, Vec<&Review>> = BTreeMap::new();
    for r in &data.reviews {
        clusters.entry(&r.council).or_default().push(r);
    }
    // Councils in `Dataset` order, then any council a review names that the
    // data set lacks (labelled with its id), so no review is dropped.
    // Looked up by id, never searched: linear in the number of councils.
    let by_id: BTreeMap<&CouncilId, &peertrail_core::Council> =
        data.councils.iter().map(|c| (&c.id, c)).collect();
    let mut order: Vec<(&CouncilId, String)> = data
        .councils
        .iter()
        .map(|c| (&c.id, council_tooltip(c)))
        .collect();
    for id in clusters.keys() {
        if !by_id.contains_key(*id) {
            order.push((id, id.as_str().to_string()));
        }
    }
    for (n, (id, tooltip)) in order.into_iter().enumerate() {
        let name = by_id.get(id).map_or(id.as_str(), |c| c.name.as_str());
        let reviews = clusters.remove(id).unwrap_or_default();
        cluster(&mut out, n, name, &tooltip, reviews, &items);
        spill(&mut out, sink)?;
    }

    // Items whose review is not in the data set still appear, unclustered.
    for (_, recs) in missing_reviews(data, &items.recommendations) {
        for r in recs {
            recommendation_node(&mut out, "  ", r);
            spill(&mut out, sink)?;
        }
    }
    for (_, actions) in missing_reviews(data, &items.actions) {
        for a in actions {
            action_node(&mut out, "  ", a);
            spill(&mut out, sink)?;
        }
    }

    for link in &data.links {
        if link.kind == LinkKind::SimilarTheme && !ctx.similar_theme {
            continue;
        }
        link_edge(&mut out, link);
        spill(&mut out, sink)?;
    }
    out.push_str("}\n");
    sink.write_all(out.as_bytes())
}

/// The groups of `items` whose review is not in the data set, in the
/// reviews' natural order.
fn missing_reviews<'m, 'a, T>(
    data: &Dataset,
    items: &'m BTreeMap<&'a str, (&'a ReviewId, Vec<T>)>,
) -> Vec<&'m (&'a ReviewId, Vec<T>)> {
    let mut missing: Vec<_> = items
        .values()
        .filter(|(review, _)| data.review(review).is_none())
        .collect();
    missing.sort_by(|a, b| a.0.cmp(b.0));
    missing
}

/// The plain edge from a review to an item it holds.
fn contains(out: &mut String, review: &str, item: &str) {
    edge(out, "    ", review, item);
    out.push_str(" [arrowhead=none, color=gray60];\n");
}

/// `{indent}"from" -> "to"`: an edge up to its attributes.
fn edge(out: &mut String, indent: &str, from: &str, to: &str) {
    out.push_str(indent);
    push_quoted(out, from);
    out.push_str(" -> ");
    push_quoted(out, to);
}

/// A council's name, ONS code and reorganisations, for its cluster's
/// tooltip.
fn council_tooltip(c: &peertrail_core::Council) -> String {
    let mut t = c.name.clone();
    if let Some(code) = &c.code {
        let _ = write!(t, " ({code})");
    }
    if !c.predecessors.is_empty() {
        let ids: Vec<&str> = c.predecessors.iter().map(CouncilId::as_str).collect();
        let _ = write!(t, "; replaced {}", ids.join(", "));
    }
    if !c.successors.is_empty() {
        let ids: Vec<&str> = c.successors.iter().map(CouncilId::as_str).collect();
        let _ = write!(t, "; replaced by {}", ids.join(", "));
    }
    t
}

fn cluster(
    out: &mut String,
    n: usize,
    name: &str,
    tooltip: &str,
    mut reviews: Vec<&Review>,
    items: &Items<'_>,
) {
    // Date order, undated last; the stable sort keeps id order among equals.
    reviews.sort_by_key(|r| (r.held.is_none(), r.held));
    out.push_str("  subgraph cluster_");
    push_decimal(out, n);
    out.push_str(" {\n    label=");
    push_quoted(out, name);
    out.push_str(";\n    tooltip=");
    push_quoted(out, tooltip);
    out.push_str(";\n");
    out.push_str("    labeljust=l;\n    style=rounded;\n    color=gray60;\n");
    for r in &reviews {
        review_node(out, r);
        let recs = items.recommendations.get(r.id.as_str());
        for rec in recs.into_iter().flat_map(|(_, v)| v) {
            recommendation_node(out, "    ", rec);
            contains(out, r.id.as_str(), rec.id.as_str());
        }
        let actions = items.actions.get(r.id.as_str());
        for a in actions.into_iter().flat_map(|(_, v)| v) {
            action_node(out, "    ", a);
            contains(out, r.id.as_str(), a.id.as_str());
        }
    }
    // The invisible timeline: two ranks per review, so each review's items
    // sit in the column between it and the next review.
    for pair in reviews.windows(2) {
        if let [a, b] = pair {
            edge(out, "    ", a.id.as_str(), b.id.as_str());
            out.push_str(" [style=invis, weight=10, minlen=2];\n");
        }
    }
    out.push_str("  }\n");
}

fn review_node(out: &mut String, r: &Review) {
    let held = r
        .held
        .map_or_else(|| "undated".to_string(), |h| h.to_string());
    let (style, note) = if r.in_corpus {
        ("bold", "")
    } else {
        ("dashed", "\nplaceholder")
    };
    let label = format!("{}\n{held}{note}", r.kind.label());
    node(
        out,
        "    ",
        r.id.as_str(),
        &["shape=box, style=", style],
        &label,
        r.title.as_deref().unwrap_or(r.id.as_str()),
    );
}

/// `{indent}"id" [{shape}, label="…", tooltip="…"];`: a node, its label and
/// tooltip quoted; `shape` is the exporter's own attribute text, in pieces.
fn node(out: &mut String, indent: &str, id: &str, shape: &[&str], label: &str, tooltip: &str) {
    out.push_str(indent);
    push_quoted(out, id);
    out.push_str(" [");
    shape.iter().for_each(|piece| out.push_str(piece));
    out.push_str(", label=");
    push_quoted(out, label);
    out.push_str(", tooltip=");
    push_quoted(out, tooltip);
    out.push_str("];\n");
}

fn recommendation_node(out: &mut String, indent: &str, r: &Recommendation) {
    let number = r.label.clone().unwrap_or_else(|| r.number.to_string());
    let kind = match r.kind {
        RecommendationKind::Recommendation => "",
        RecommendationKind::Reflection => "Reflection: ",
        RecommendationKind::Suggestion => "Suggestion: ",
        _ => "",
    };
    let words = r.title.as_deref().unwrap_or(&r.text);
    let mut label = label_line(&format!("{number}. {kind}"), words);
    if let Some(latest) = &r.latest {
        let _ = write!(label, "\n{}", latest.status.as_str());
        if latest.source == Source::Updated {
            if let Some(day) = latest.reported {
                let _ = write!(label, " (updated {day})");
            }
        }
    } else if r.silent {
        label.push_str("\nsilent");
    }
    if let Some(response) = &r.response {
        let _ = write!(label, "\nresponse: {}", response.response.as_str());
    }
    let mut full = match &r.title {
        Some(title) => format!("{title} {}", r.text),
        None => r.text.clone(),
    };
    if !r.decided.is_empty() {
        let _ = write!(full, " [corrected: {}]", r.decided.join(", "));
    }
    node(out, indent, r.id.as_str(), &["shape=note"], &label, &full);
}

fn action_node(out: &mut String, indent: &str, a: &Action) {
    let mut label = format!("Action {}", a.number);
    let text = if a.text.trim().is_empty() {
        "(no action given)"
    } else {
        a.text.as_str()
    };
    let _ = write!(label, "\n{}", label_line("", text));
    if let Some(owner) = &a.owner {
        let _ = write!(label, "\n{}", label_line("owner: ", owner));
    }
    if let Some(t) = &a.timescale {
        let _ = write!(label, "\n{}", label_line("due: ", &t.wording));
    }
    if let Some(r) = &a.revised {
        let slip = r
            .slip_days
            .map_or_else(String::new, |d| format!(" ({d:+} days)"));
        let _ = write!(label, "\nrevised: {}{slip}", r.due);
    }
    node(
        out,
        indent,
        a.id.as_str(),
        &["shape=box, style=rounded"],
        &label,
        text,
    );
}

/// Colour and line style of each link kind.
fn link_style(kind: LinkKind) -> (&'static str, &'static str) {
    match kind {
        LinkKind::Restates => ("blue", "solid"),
        LinkKind::Responds => ("darkgreen", "solid"),
        LinkKind::ReportsProgress => ("darkorange", "bold"),
        LinkKind::Recurs => ("red", "bold"),
        LinkKind::SimilarTheme => ("purple", "dotted"),
        LinkKind::Follows => ("black", "bold"),
        LinkKind::References => ("gray40", "dashed"),
        LinkKind::CoveredBy => ("darkgreen", "dashed"),
        _ => ("black", "solid"),
    }
}

fn link_edge(out: &mut String, link: &Link) {
    let (color, style) = link_style(link.kind);
    // A suggested link is drawn dashed and labelled so: a person should
    // confirm it. The label and tooltip are written piece by piece between
    // their quotes; no piece ends in a carriage return, so escaping them
    // one by one is escaping the whole.
    let style = if link.suggested { "dashed" } else { style };
    edge(out, "  ", link.from.as_str(), link.to.as_str());
    out.push_str(" [label=\"");
    push_escaped(out, link.kind.as_str());
    if link.suggested {
        out.push_str(" (suggested)");
    }
    // `constraint=false`: links point back in time and would otherwise
    // pull the left-to-right timeline out of order.
    for piece in [
        "\", color=",
        color,
        ", fontcolor=",
        color,
        ", style=",
        style,
        ", constraint=false, tooltip=\"",
        match (link.suggested, link.source) {
            (true, _) => "suggested: ",
            (false, Source::Decided) => "decided by a person: ",
            _ => "",
        },
    ] {
        out.push_str(piece);
    }
    push_escaped(out, &link.evidence.rule.name());
    out.push_str(" (confidence ");
    peertrail_core::push_fixed(link.confidence, 2, out);
    out.push_str("): ");
    push_escaped(out, &link.evidence.detail.text());
    out.push_str("\"];\n");
}

/// `prefix` and `text` on one line (white space runs as single spaces),
/// [`truncate`]d: the words are joined only until the line is longer than
/// a label keeps, since what is cut never shows (a recommendation's text
/// is several times a label).
fn label_line(prefix: &str, text: &str) -> String {
    let mut line = String::with_capacity(prefix.len() + 2 * MAX_LABEL_CHARS);
    line.push_str(prefix);
    let mut chars = prefix.chars().count();
    for (i, word) in text.split_whitespace().enumerate() {
        if chars > MAX_LABEL_CHARS {
            break;
        }
        if i > 0 {
            line.push(' ');
            chars += 1;
        }
        line.push_str(word);
        chars += word.chars().count();
    }
    cut_to_label(&mut line, chars);
    line
}

/// At most [`MAX_LABEL_CHARS`] characters, cut on a character boundary and
/// ended with an ellipsis when cut.
pub fn truncate(text: &str) -> String {
    let mut out = text.to_string();
    cut_to_label(&mut out, text.chars().count());
    out
}

/// [`truncate`] in place, for a `text` of `chars` characters: the first
/// [`MAX_LABEL_CHARS`] − 1 of them, trailing white space dropped, and `…`.
fn cut_to_label(text: &mut String, chars: usize) {
    if chars <= MAX_LABEL_CHARS {
        return;
    }
    let keep = if text.len() == chars {
        // All ASCII: a character is a byte.
        MAX_LABEL_CHARS - 1
    } else {
        text.char_indices()
            .nth(MAX_LABEL_CHARS - 1)
            .map_or(text.len(), |(at, _)| at)
    };
    text.truncate(keep);
    text.truncate(text.trim_end().len());
    text.push('…');
}

/// A DOT double-quoted string: `"` and `\\` escaped, line breaks as the `\n`
/// escape, every other control character a space. Backslashes are doubled,
/// so no text can form one of Graphviz's label escapes (`\N`, `\G`, `\l`).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_quoted(&mut out, text);
    out
}

/// [`quote`] written straight onto the graph.
fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    push_escaped(out, text);
    out.push('"');
}

/// `n` in decimal, without the formatting machinery.
fn push_decimal(out: &mut String, n: usize) {
    let n = u64::try_from(n).unwrap_or(u64::MAX);
    out.push_str(peertrail_core::decimal(&mut [0; 20], n));
}

/// Whether `b` can start something [`quote`] changes: `"`, `\\`, an ASCII
/// control character, or the lead byte 0xC2 of U+0080..=U+009F (the C1
/// controls; other characters it starts are copied as they are).
fn may_need_escaping(b: u8) -> bool {
    // Non-short-circuit operators: over a block of bytes this compiles
    // to vector compares instead of a branch a byte.
    (b < 0x20) | (b == b'"') | (b == b'\\') | (b == 0x7f) | (b == 0xc2)
}

/// The inside of [`quote`]: `text` escaped, without the quotes.
fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    // Runs that need no escaping (nearly all of a report's text) are
    // copied whole, a block of bytes tested at a time; only the character
    // found is looked at one by one.
    while let Some(at) = peertrail_core::position_blockwise(rest.as_bytes(), may_need_escaping) {
        let (clean, tail) = rest.split_at(at);
        out.push_str(clean);
        let mut chars = tail.chars();
        match chars.next() {
            Some('"') => out.push_str("\\\""),
            Some('\\') => out.push_str("\\\\"),
            Some('\r') => {
                if chars.as_str().starts_with('\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            Some('\n') => out.push_str("\\n"),
            Some(c) if c.is_control() => out.push(' '),
            Some(c) => out.push(c),
            None => break,
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::{label_line, quote, truncate, MAX_LABEL_CHARS};

    #[test]
    fn quoting_escapes_everything_that_could_end_a_string() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote("a \"b\" c"), r#""a \"b\" c""#);
        assert_eq!(quote("back\\slash\\"), r#""back\\slash\\""#);
        assert_eq!(
            quote("one\ntwo\r\nthree\rfour"),
            r#""one\ntwo\nthree\nfour""#
        );
        assert_eq!(quote("tab\there\u{7}\u{9b}"), "\"tab here  \"");
        assert_eq!(quote("\\N \\G"), r#""\\N \\G""#);
        // Characters that share the C1 controls' lead byte are kept.
        assert_eq!(quote("£5\u{a0}©\u{85}é"), "\"£5\u{a0}© é\"");
        assert_eq!(quote("end\r"), r#""end\n""#);
        // Escapes found wherever they stand in a long text, block by block.
        let long = "a".repeat(70);
        for at in [0, 31, 32, 63, 69] {
            let (head, tail) = long.split_at(at);
            let text = format!("{head}\"{tail}\\");
            assert_eq!(quote(&text), format!("\"{head}\\\"{tail}\\\\\""));
        }
        assert_eq!(quote(""), "\"\"");
    }

    #[test]
    fn truncation_keeps_char_boundaries() {
        let short = "x".repeat(MAX_LABEL_CHARS);
        assert_eq!(truncate(&short), short);
        // Joining only what a label can show gives the label the whole
        // line gives.
        for text in [
            "",
            "a",
            " two  words ",
            &"word ".repeat(30),
            &"é\tü ".repeat(40),
        ] {
            for prefix in ["", "1. ", &"p".repeat(70)] {
                let whole = format!(
                    "{prefix}{}",
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                );
                assert_eq!(label_line(prefix, text), truncate(&whole), "{text:?}");
            }
        }
        // The cut is the first characters, white space dropped before the
        // ellipsis, however many bytes they take.
        let reference = |text: &str| {
            if text.chars().count() <= MAX_LABEL_CHARS {
                return text.to_string();
            }
            let kept: String = text.chars().take(MAX_LABEL_CHARS - 1).collect();
            format!("{}…", kept.trim_end())
        };
        for n in [0, 1, 57, 58, 59, 60, 61, 62, 120] {
            for piece in ["a", "é", " ", "ab ", "\u{3000}", "x\u{2014} "] {
                let text = piece.repeat(n);
                assert_eq!(truncate(&text), reference(&text), "{text:?}");
                let mixed = format!("{}{text}", "y ".repeat(29));
                assert_eq!(truncate(&mixed), reference(&mixed), "{mixed:?}");
            }
        }
        let long = "é".repeat(MAX_LABEL_CHARS + 5);
        let cut = truncate(&long);
        assert_eq!(cut.chars().count(), MAX_LABEL_CHARS);
        assert!(cut.ends_with("é…"));
        assert_eq!(
            truncate(&format!("{} tail", "word ".repeat(12)))
                .chars()
                .last(),
            Some('…')
        );
    }
}
