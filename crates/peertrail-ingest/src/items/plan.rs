//! Action plans ("Recommendation N" blocks each followed by a "Proposed
//! Action") and status tables (markdown pipe tables with a recommendation
//! and a status column).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use peertrail_core::{
    Action, ActionId, Recommendation, RecommendationId, RecommendationKind, ReviewId, Span,
};

use super::Items;
use crate::facts::DocFacts;
use crate::segment::{Block, BlockKind};
use crate::text::{any_of, contains_ci, find_ci, squash, squash_into, starts_with_ci, Phrases};

/// "Recommendation 4" (also "Recommendation 4:" and "Recommendation no. 4").
fn recommendation_number(b: &Block) -> Option<u32> {
    let t = b.text.trim().trim_end_matches(':');
    let rest = t
        .strip_prefix("Recommendation")
        .or_else(|| t.strip_prefix("RECOMMENDATION"))?;
    let rest = rest
        .trim()
        .trim_start_matches("no.")
        .trim_start_matches("no")
        .trim();
    rest.parse().ok()
}

fn is_proposed_action(b: &Block) -> bool {
    if b.text.len() > 40 {
        return false;
    }
    let t = squash(&b.text).trim_end_matches(':').to_ascii_lowercase();
    matches!(
        t.as_str(),
        "proposed action" | "proposed actions" | "suggested action" | "action" | "actions"
    )
}

/// Reads an action plan; false when it has no "Recommendation N" blocks
/// (then the general reader takes over).
pub(super) fn read(blocks: &[Block], facts: &DocFacts, items: &mut Items) -> bool {
    let starts: Vec<(usize, u32)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| recommendation_number(b).map(|n| (i, n)))
        .collect();
    if starts.is_empty() {
        return false;
    }
    let plan = facts.review_id.clone();
    let target: ReviewId = facts
        .follows
        .as_ref()
        .map_or_else(|| plan.clone(), |f| f.review.clone());
    // This reader's actions start here in `items.actions`.
    let first_action = items.actions.len();
    let mut taken: BTreeSet<RecommendationId> = BTreeSet::new();
    for (k, &(i, n)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(blocks.len(), |s| s.0);
        let body = &blocks[i + 1..end];
        let split = body
            .iter()
            .position(is_proposed_action)
            .unwrap_or(body.len());
        let (rec_blocks, action_blocks) = body.split_at(split);
        let rec_text = join(rec_blocks);
        let rec_span = rec_blocks
            .iter()
            .fold(blocks[i].span(), |s, b| s.cover(b.span()));
        let rec_id = RecommendationId::new(&target, n);
        if taken.insert(rec_id.clone()) {
            items.recommendations.push(Recommendation {
                id: rec_id.clone(),
                review: target.clone(),
                number: n,
                label: Some(n.to_string()),
                kind: RecommendationKind::Recommendation,
                title: None,
                text: rec_text,
                themes: Vec::new(),
                span: rec_span,
                cue: None,
                source: None,
                latest: None,
                silent: false,
                response: None,
                decided: Vec::new(),
            });
        }
        let action_body = action_blocks.get(1..).unwrap_or_default();
        let text = join(action_body);
        // The action's span starts at its own heading, never at the
        // recommendation it answers.
        let span = action_blocks
            .iter()
            .map(|b| b.span())
            .reduce(|a, b| a.cover(b))
            .unwrap_or(blocks[i].span());
        items.actions.push(Action {
            id: ActionId::new(&plan, n),
            review: plan.clone(),
            number: n,
            recommendation: Some(rec_id),
            owner: super::owner::owner(&text),
            timescale: super::timescale::labelled(&text),
            text,
            covered_by: None,
            span,
            revised: None,
            decided: Vec::new(),
        });
    }
    covered(&plan, first_action, &mut items.actions);
    true
}

/// Block texts joined: paragraphs by a blank line, bullets as "- " lines.
fn join(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        if matches!(b.kind, BlockKind::Bullet) {
            out.push_str("- ");
        }
        squash_into(&mut out, &b.text);
    }
    out
}

/// Every phrase by which an action says another covers it, in one set so
/// that an action's text is read once for all of them:
/// - [`FIRST_N`]: "the first three recommendations", one phrase for each
///   count from [`FIRST_COUNT`] on, in order;
/// - [`REFERS`]: words by which an action says another's work takes it in;
/// - [`PREVIOUS`]: an action pointing at the one before it.
static COVER_CUES: Phrases = Phrases::new(&[
    "first two recommendations",
    "first three recommendations",
    "first four recommendations",
    "first five recommendations",
    "first six recommendations",
    "picked up",
    "pick up",
    "covered",
    "addressed",
    "dealt with",
    "see ",
    "recommendation above",
    "previous recommendation",
]);

/// Where each list sits in [`COVER_CUES`].
const FIRST_N: Range<usize> = 0..5;
const REFERS: Range<usize> = 5..11;
const PREVIOUS: Range<usize> = 11..13;

/// The count the first phrase of [`FIRST_N`] names.
const FIRST_COUNT: u32 = 2;

/// Which actions another covers: one that says it is picked up or covered
/// under the work for recommendation no 1 (→ action 1), one that points to
/// "the recommendation above" (→ the previous action), and the empty
/// actions after one that says it takes in "the first three
/// recommendations".
fn covered(plan: &ReviewId, first: usize, actions: &mut [Action]) {
    let cover = covers(actions.get(first..).unwrap_or_default());
    let mut slot: BTreeMap<u32, usize> = BTreeMap::new();
    for (i, a) in actions.iter().enumerate().rev() {
        slot.insert(a.number, i);
    }
    for (covered_n, by) in cover {
        if let Some(a) = slot.get(&covered_n).and_then(|&i| actions.get_mut(i)) {
            if a.covered_by.is_none() {
                a.covered_by = Some(ActionId::new(plan, by));
            }
        }
    }
}

/// (covered, by) for each action of `mine` that says another covers it,
/// kept only where the covered action is empty or itself names a
/// recommendation and the covering one is in the plan. Read without a
/// lower-cased copy: an action's text can be most of a long document.
fn covers(mine: &[Action]) -> Vec<(u32, u32)> {
    let numbers: BTreeSet<u32> = mine.iter().map(|a| a.number).collect();
    let by_number: BTreeMap<u32, &str> = mine
        .iter()
        .rev()
        .map(|a| (a.number, a.text.as_str()))
        .collect();
    let mut cover: Vec<(u32, u32)> = Vec::new();
    for a in mine {
        let (n, text) = (&a.number, a.text.as_str());
        // Every way of pointing at another action names a recommendation:
        // an action that does not is passed over after one search.
        if !contains_ci(text, "recommendation") {
            continue;
        }
        // Every list of cues is asked about in one scan, not a search per cue.
        let found = COVER_CUES.which_in(text);
        for (i, count) in FIRST_N.zip(FIRST_COUNT..) {
            if any_of(found, i..i + 1) {
                for k in (n + 1)..=count {
                    cover.push((k, *n));
                }
            }
        }
        if any_of(found, REFERS) {
            if let Some(at) =
                find_ci(text, "recommendation no").or_else(|| find_ci(text, "recommendation "))
            {
                let rest = &text[at..];
                let rest = trim_start_matches_ci(rest, "recommendation").trim_start();
                let rest = trim_start_matches_ci(rest, "no.");
                let digits: String = trim_start_matches_ci(rest, "no")
                    .trim_start()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if let Ok(k) = digits.parse::<u32>() {
                    if k != *n && numbers.contains(&k) {
                        cover.push((*n, k));
                    }
                }
            }
        }
        if any_of(found, PREVIOUS) {
            if let Some(&prev) = numbers.range(..*n).next_back() {
                cover.push((*n, prev));
            }
        }
    }
    cover.retain(|(covered_n, by)| {
        let empty_or_named = by_number
            .get(covered_n)
            .is_some_and(|t| t.is_empty() || contains_ci(t, "recommendation"));
        empty_or_named && numbers.contains(by)
    });
    cover
}

/// `text` without every leading `prefix`, ASCII case ignored.
fn trim_start_matches_ci<'a>(mut text: &'a str, prefix: &str) -> &'a str {
    while !prefix.is_empty() && starts_with_ci(text, prefix) {
        text = &text[prefix.len()..];
    }
    text
}

/// One table row, continuation rows joined.
#[derive(Debug, Clone)]
pub(super) struct Row {
    /// The recommendation cell.
    pub text: String,
    /// The status cell; `None` when the table has no status column.
    pub status: Option<String>,
    pub commentary: Option<String>,
    /// The label cell ("R3", "PCR1", "4").
    pub label: Option<String>,
    /// The action cell, for an action plan's table.
    pub action: Option<String>,
    /// The owner cell.
    pub owner: Option<String>,
    /// The Timescale, Due or Deadline cell.
    pub due: Option<String>,
    pub span: Span,
    /// The header's recommendation column, as evidence.
    pub column: String,
    /// The header row's line.
    pub header_line: u32,
}

/// Column positions of a recommendation table, found from its header row.
#[derive(Debug, Clone)]
struct Columns {
    rec: usize,
    status: Option<usize>,
    number: Option<usize>,
    comment: Option<usize>,
    action: Option<usize>,
    owner: Option<usize>,
    due: Option<usize>,
    name: String,
    line: u32,
}

/// A recommendation table being read row by row.
#[derive(Debug, Default)]
pub(super) struct Table {
    columns: Option<Columns>,
    current: Option<Row>,
}

impl Table {
    /// Feeds one table row; returns a finished row when this one starts a new one.
    pub fn row(&mut self, cells: &[String], span: Span) -> Option<Row> {
        let Some(cols) = self.columns.clone() else {
            self.columns = header(cells, span.line);
            return None;
        };
        let cell = |i: usize| {
            cells
                .get(i)
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        };
        let opt = |i: Option<usize>| i.map(cell).filter(|c| !c.is_empty());
        let starts_new = match (cols.number, cols.status) {
            (Some(nc), _) => !cell(nc).is_empty(),
            (None, Some(sc)) => !cell(cols.rec).is_empty() && !cell(sc).is_empty(),
            (None, None) => !cell(cols.rec).is_empty(),
        };
        if !starts_new {
            if let Some(cur) = self.current.as_mut() {
                // A continuation row: its cells carry on the row above.
                append(&mut cur.text, &cell(cols.rec));
                if let (Some(status), Some(sc)) = (cur.status.as_mut(), cols.status) {
                    append(status, &cell(sc));
                }
                for (slot, col) in [
                    (&mut cur.commentary, cols.comment),
                    (&mut cur.action, cols.action),
                    (&mut cur.owner, cols.owner),
                    (&mut cur.due, cols.due),
                ] {
                    if let Some(c) = col {
                        let mut text = slot.take().unwrap_or_default();
                        append(&mut text, &cell(c));
                        *slot = (!text.is_empty()).then_some(text);
                    }
                }
                cur.span = cur.span.cover(span);
                return None;
            }
        }
        let finished = self.current.take().filter(|r| !r.text.is_empty());
        self.current = Some(Row {
            text: cell(cols.rec),
            status: cols.status.map(cell),
            commentary: opt(cols.comment),
            label: opt(cols.number),
            action: opt(cols.action),
            owner: opt(cols.owner),
            due: opt(cols.due),
            span,
            column: cols.name.clone(),
            header_line: cols.line,
        });
        finished
    }

    /// Ends the table; returns its last row.
    pub fn finish(&mut self) -> Option<Row> {
        self.columns = None;
        self.current.take().filter(|r| !r.text.is_empty())
    }
}

fn append(to: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(more);
}

fn named(cell: &str, names: &[&str]) -> bool {
    let c = cell.trim().trim_end_matches(':').to_ascii_lowercase();
    names.iter().any(|n| c == *n)
}

/// The columns of a recommendation table, when its header names a
/// recommendation column ("Recommendation", "Peer team suggestion", or
/// "Details" beside a "Ref" column); status, label, commentary, action
/// and owner columns where there are.
fn header(cells: &[String], line: u32) -> Option<Columns> {
    let find = |words: &[&str]| {
        cells
            .iter()
            .position(|c| words.iter().any(|w| find_ci(c, w).is_some()))
    };
    let number = cells.iter().position(|c| {
        named(
            c,
            &[
                "no",
                "no.",
                "#",
                "number",
                "ref",
                "ref.",
                "reference",
                "rec",
                "rec.",
            ],
        )
    });
    let rec = find(&["recommendation", "suggestion"])
        .filter(|&r| Some(r) != number)
        .or_else(|| {
            number.and(
                cells
                    .iter()
                    .position(|c| named(c, &["details", "detail", "description", "finding"])),
            )
        })?;
    let status = find(&["status", "progress", "rag"]).filter(|&s| s != rec);
    let comment = find(&["comment", "update", "commentary", "evidence", "notes"])
        .filter(|&c| c != rec && Some(c) != status);
    let action = cells
        .iter()
        .position(|c| find_ci(c, "action").is_some() && !named(c, &["action plan"]))
        .filter(|&a| a != rec && Some(a) != status && Some(a) != comment);
    let owner = find(&["owner", "lead", "responsible", "service area"])
        .filter(|&o| o != rec && Some(o) != action && Some(o) != status);
    let due = cells
        .iter()
        .position(|c| {
            named(c, &["due", "due by", "due date", "by when", "when"])
                || ["timescale", "deadline", "target date", "completion date"]
                    .iter()
                    .any(|w| find_ci(c, w).is_some())
        })
        .filter(|&d| d != rec && Some(d) != status && Some(d) != action && Some(d) != owner);
    Some(Columns {
        rec,
        status,
        number,
        comment,
        action,
        owner,
        due,
        name: cells.get(rec).cloned().unwrap_or_default(),
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_that_point_at_another_are_covered_in_any_case() {
        let mut text = String::from(
            "Fenby District Council\n\nAction plan in response to the Corporate Peer Challenge, March 2024\n\n",
        );
        for (n, action) in [
            "This will pick up the FIRST TWO RECOMMENDATIONS.",
            "",
            "Covered under Recommendation No. 1.",
            "Addressed in RECOMMENDATION 9, which is not in the plan.",
            "See the previous Recommendation.",
        ]
        .iter()
        .enumerate()
        {
            let n = n + 1;
            text.push_str(&format!(
                "Recommendation {n}\n\nImprove service {n}.\n\nProposed Action\n\n{action}\n\n"
            ));
        }
        let e = crate::ingest_str(&text, &crate::IngestOptions::default()).unwrap();
        let by: Vec<(u32, Option<u32>)> = e
            .actions
            .iter()
            .map(|a| {
                let by = (1..=5).find(|&k| a.covered_by == Some(ActionId::new(&a.review, k)));
                (a.number, by)
            })
            .collect();
        assert_eq!(
            by,
            [
                (1, None),
                (2, Some(1)),
                (3, Some(1)),
                (4, None),
                (5, Some(4))
            ]
        );
    }
}
