//! Plain-text renderings of the query results, for the command line. Pure
//! functions: they format, the caller prints. Output is stable (no
//! timestamps, no terminal widths), so it can be snapshot-tested.

use std::fmt::Write as _;

use chrono::NaiveDate;
use peertrail_core::DateSpan;

use peertrail_graph::query::{PersonSummary, ReviewSummary, Timeline, Trace};
use peertrail_graph::{DueItem, DueStatus};

fn held(h: Option<DateSpan>) -> String {
    h.map_or_else(|| "undated".to_string(), |h| h.to_string())
}

fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(
        || "undated".to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    )
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn review_line(r: &ReviewSummary) -> String {
    let place = if r.in_corpus {
        ""
    } else {
        " [placeholder: not in the corpus]"
    };
    format!("{} ({}, {}){place}", r.id, r.kind.label(), held(r.held))
}

/// `peertrail trace`.
pub fn trace_text(t: &Trace) -> String {
    let mut s = String::new();
    let r = &t.recommendation;
    let _ = writeln!(s, "{}  {}", r.id, r.kind.as_str());
    let _ = writeln!(s, "  review: {}", review_line(&t.review));
    if let Some(title) = &r.title {
        let _ = writeln!(s, "  title: {title}");
    }
    let _ = writeln!(s, "  text: {}", r.text);
    // Pages are cited for sources that have them (PDFs).
    if let Some(page) = r.span.page {
        let line = r.span.line;
        let _ = match r.source.as_deref() {
            Some(source) => writeln!(s, "  source: {source}, page {page} (line {line})"),
            None => writeln!(
                s,
                "  source: the review's report, page {page} (line {line})"
            ),
        };
    }
    if !r.themes.is_empty() {
        let themes: Vec<String> = r.themes.iter().map(|t| t.name().into_owned()).collect();
        let _ = writeln!(s, "  themes: {}", themes.join(", "));
    }
    match &r.latest {
        Some(l) => {
            let _ = writeln!(
                s,
                "  latest status: {} (reported by {} on {})",
                l.status.as_str(),
                l.review,
                date(l.reported)
            );
        }
        None => {
            let _ = writeln!(s, "  latest status: none reported");
        }
    }
    if r.silent {
        let _ = writeln!(s, "  silent: never mentioned again after its review");
    }
    for earlier in &t.repeats {
        let _ = writeln!(s, "  repeats: {earlier}");
    }
    if t.events.is_empty() {
        let _ = writeln!(s, "no later events");
    } else {
        let _ = writeln!(s, "events:");
    }
    for e in &t.events {
        let mut line = format!("  {}  {:<15} {}", date(e.date), e.kind.as_str(), e.review);
        if let Some(item) = &e.item {
            let _ = write!(line, " {item}");
        }
        if let Some(st) = e.status {
            let _ = write!(line, " -> {}", st.as_str());
        }
        let _ = write!(line, "  [{} {:.2}]", e.rule, e.confidence);
        if e.suggested {
            line.push_str(" suggested: to be confirmed");
        }
        let _ = writeln!(s, "{line}");
        if let Some(text) = e.text.as_deref().filter(|t| !t.trim().is_empty()) {
            let _ = writeln!(s, "      {text}");
        }
    }
    s
}

/// `peertrail timeline`.
pub fn timeline_text(t: &Timeline) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} ({})", t.council.name, t.council.id);
    if !t.council.aliases.is_empty() {
        let _ = writeln!(s, "  also: {}", t.council.aliases.join("; "));
    }
    if let Some(code) = &t.council.code {
        let _ = writeln!(s, "  ONS code: {code}");
    }
    for e in &t.reviews {
        let _ = writeln!(s, "{}", review_line(&e.review));
        if let Some(via) = &e.via {
            let what = match via.relation.as_str() {
                "predecessor" => "a review of predecessor",
                _ => "a joint review, filed under",
            };
            let _ = writeln!(s, "  {what} {} ({})", via.name, via.council);
        }
        if let Some(f) = &e.follows {
            let _ = writeln!(s, "  follows {f}");
        }
        let mut counts = vec![count(
            e.recommendations,
            "recommendation",
            "recommendations",
        )];
        if e.actions > 0 {
            counts.push(count(e.actions, "action", "actions"));
        }
        if e.statuses_reported > 0 {
            counts.push(count(
                e.statuses_reported,
                "status reported",
                "statuses reported",
            ));
        }
        if e.peers > 0 {
            counts.push(count(e.peers, "peer", "peers"));
        }
        if e.silent > 0 {
            counts.push(format!("{} silent", e.silent));
        }
        let _ = writeln!(s, "  {}", counts.join(", "));
        if e.recommendations > 0 {
            let st: Vec<String> = e
                .latest_statuses
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            let _ = writeln!(s, "  latest statuses: {}", st.join(", "));
        }
    }
    s
}

/// `peertrail due`.
pub fn due_text(items: &[DueItem], as_of: NaiveDate) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "as of {}", as_of.format("%Y-%m-%d"));
    if items.is_empty() {
        let _ = writeln!(s, "nothing due");
    }
    for status in [DueStatus::Overdue, DueStatus::Due, DueStatus::Satisfied] {
        let group: Vec<&DueItem> = items.iter().filter(|i| i.status == status).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(s, "{} ({}):", status.as_str(), group.len());
        for i in group {
            let window = match i.due_from {
                Some(f) => format!(
                    "{} to {}",
                    f.format("%Y-%m-%d"),
                    i.due_by.format("%Y-%m-%d")
                ),
                None => format!("by {}", i.due_by.format("%Y-%m-%d")),
            };
            let _ = writeln!(
                s,
                "  {}  {} after {} ({})",
                window,
                i.step.as_str(),
                i.review,
                i.review_date.format("%Y-%m-%d")
            );
            let _ = writeln!(s, "      rule {}: {}", i.rule, i.rule_text);
            if let Some(by) = &i.satisfied_by {
                let _ = writeln!(s, "      satisfied by {by}");
            }
        }
    }
    s
}

/// `peertrail people`.
pub fn people_text(people: &[PersonSummary]) -> String {
    let mut s = String::new();
    if people.is_empty() {
        let _ = writeln!(s, "no one matches");
    }
    for p in people {
        let _ = writeln!(
            s,
            "{} ({}), {}",
            p.name,
            p.id,
            count(p.reviews.len(), "review", "reviews")
        );
        if !p.aliases.is_empty() {
            let _ = writeln!(s, "  written as: {}", p.aliases.join("; "));
        }
        for r in &p.reviews {
            let mut role: Vec<&str> = Vec::new();
            if let Some(x) = &r.role {
                role.push(x);
            }
            if let Some(x) = &r.organisation {
                role.push(x);
            }
            let role = if role.is_empty() {
                String::new()
            } else {
                format!(" ({})", role.join(", "))
            };
            let _ = writeln!(
                s,
                "  {}  {}  {}  as {}{role}",
                date(r.date),
                r.review,
                r.position.as_str(),
                r.written_name
            );
        }
        for e in &p.merge_evidence {
            let _ = writeln!(s, "  merged: {e}");
        }
    }
    s
}
