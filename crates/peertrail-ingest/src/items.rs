//! Items: what a report recommends, what an action plan proposes, and what
//! a later document reports on earlier recommendations.
//!
//! One pass over the blocks, tracking the section each block sits in. The
//! shapes read, each described with its rule in `docs/extraction.md`:
//!
//! - numbered (`3.`, `c)`, `R2:`) items in a recommendations section, with a
//!   bold lead as the title; `R2:` labels anywhere;
//! - "Recommendation N" / "Proposed Action" blocks of an action plan;
//! - bold-led bullets under a status sentence ("have been significantly
//!   progressed"), restating an earlier review's recommendations;
//! - bullets quoted under theme headings in a progress review;
//! - pipe tables with a recommendation and a status column;
//! - key reflections standing as short paragraphs, and suggestions listed
//!   after "should consider … to:".

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use peertrail_core::{
    Action, Cue, CueKind, Progress, Recommendation, RecommendationId, RecommendationKind, ReviewId,
    ReviewKind, ReviewProgress, ReviewRef, Span, Status, Theme, Warning,
};

use crate::cues::Set;
use crate::facts::DocFacts;
use crate::mentions::mentions_in;
use crate::outline::outline;
use crate::roles::{advising, roles, Role};
use crate::segment::{Block, BlockKind};
use crate::text::{contains_ci, find_ci, squash, Phrases};

mod aggregate;
pub(crate) use aggregate::names_the_set;
mod flat;
mod owner;
mod plan;
mod status;
mod timescale;

pub use status::status_of;

/// Everything item extraction found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Items {
    /// Own and restated recommendations, reflections and suggestions.
    pub recommendations: Vec<Recommendation>,
    /// Proposed actions.
    pub actions: Vec<Action>,
    /// Reported statuses.
    pub progress: Vec<Progress>,
    /// Statuses given to a whole review's recommendations together.
    pub review_progress: Vec<ReviewProgress>,
    /// Reviews found while reading items that the facts did not already list.
    pub references: Vec<ReviewRef>,
}

/// Which section a block sits in, as far as items care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Nothing special.
    Plain,
    /// "Key recommendations".
    Recommendations,
    /// "Key reflections".
    Reflections,
    /// A table of contents: its numbered lines are neither items nor
    /// section headings.
    Contents,
}

/// Section headings that end a recommendations section even when numbered.
const SECTION_WORDS: &[&str] = &[
    "introduction",
    "summary",
    "background",
    "feedback",
    "next steps",
    "executive summary",
    "findings",
    "contact",
    "appendix",
    "scope",
    "approach",
    "conclusion",
    "final thoughts",
];

struct Reader<'a> {
    facts: &'a DocFacts,
    own: ReviewId,
    items: Items,
    own_count: u32,
    /// Ids taken so far, and items per review: kept beside the list so
    /// that a report with a million items is still read in linear time.
    ids: BTreeSet<RecommendationId>,
    per_review: BTreeMap<ReviewId, u32>,
    /// Progress entries of the last group of quoted recommendations still
    /// waiting for the status the text gives after them.
    open_group: Vec<usize>,
}

/// Reads the items of a report (`text` is the report, `blocks` its
/// segmentation).
pub fn read(text: &str, blocks: &[Block], facts: &DocFacts, warnings: &mut Vec<Warning>) -> Items {
    let mut r = Reader {
        facts,
        own: facts.review_id.clone(),
        items: Items::default(),
        own_count: 0,
        ids: BTreeSet::new(),
        per_review: BTreeMap::new(),
        open_group: Vec::new(),
    };
    if !(facts.kind == ReviewKind::ActionPlan && plan::read(blocks, facts, &mut r.items)) {
        r.walk(blocks, warnings);
        r.flattened_tables(text);
    }
    r.items.review_progress = aggregate::read(
        blocks,
        &facts.review_id,
        facts.follows.as_ref().map(|f| &f.review),
    );
    r.items
}

impl Reader<'_> {
    fn walk(&mut self, blocks: &[Block], warnings: &mut Vec<Warning>) {
        let outline = outline(blocks);
        let roles = roles(blocks, &outline);
        let role_of = |i: usize| outline.list_of(i).and_then(|(n, _)| roles.get(n));
        // A paper or plan about another review restates that review's
        // recommendations; a review's own report makes its own.
        let about_another = matches!(
            self.facts.kind,
            ReviewKind::ActionPlan | ReviewKind::CommitteePaper
        );
        let mut section_cue: Option<Cue> = None;
        let mut section = Section::Plain;
        let mut theme: Option<String> = None;
        let mut intro: Option<&Block> = None;
        // Paragraphs after a numbered recommendation: part of it when
        // another numbered recommendation follows.
        let mut pending: Vec<&Block> = Vec::new();
        let mut last_was_reflection = false;
        let restating = matches!(
            self.facts.kind,
            ReviewKind::ProgressReview | ReviewKind::FollowUpVisit | ReviewKind::RemotePeerSupport
        );
        let mut table = plan::Table::default();
        for (i, b) in blocks.iter().enumerate() {
            if section == Section::Contents && matches!(b.kind, BlockKind::Numbered { .. }) {
                continue;
            }
            if let Some(heading) = heading_text(b) {
                pending.clear();
                self.open_group.clear();
                intro = None;
                last_was_reflection = false;
                let lower = heading.to_ascii_lowercase();
                if lower == "contents" || lower == "table of contents" {
                    section = Section::Contents;
                    theme = None;
                } else if lower.contains("recommendation") {
                    section = Section::Recommendations;
                    section_cue = Some(cue(CueKind::Heading, &heading, b.span().line));
                    theme = None;
                } else if lower.contains("reflection") {
                    section = Section::Reflections;
                    section_cue = Some(cue(CueKind::Heading, &heading, b.span().line));
                    theme = None;
                } else {
                    if matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Paragraph)
                        || is_section_word(&lower)
                    {
                        section = Section::Plain;
                    }
                    let numbered = matches!(b.kind, BlockKind::Numbered { .. })
                        || heading.starts_with(|c: char| c.is_ascii_digit());
                    theme = (!numbered && !is_section_word(&lower)).then(|| heading.clone());
                }
                continue;
            }
            match &b.kind {
                BlockKind::TableRow { cells } => {
                    if let Some(row) = table.row(cells, b.span()) {
                        self.table_row(row, warnings);
                    }
                    continue;
                }
                _ => {
                    if let Some(row) = table.finish() {
                        self.table_row(row, warnings);
                    }
                }
            }
            let role = role_of(i);
            if matches!(role, Some(Role::NotItems(_))) {
                continue;
            }
            match &b.kind {
                BlockKind::Numbered { label }
                    if section == Section::Recommendations || is_r_label(label) =>
                {
                    self.flush_pending(&mut pending);
                    let kind = if section == Section::Reflections {
                        RecommendationKind::Reflection
                    } else {
                        RecommendationKind::Recommendation
                    };
                    let evidence = if section == Section::Recommendations {
                        section_cue.clone()
                    } else {
                        Some(cue(CueKind::Label, label, b.span().line))
                    };
                    self.own_item(b, Some(label), kind, theme.as_deref());
                    self.set_cue(evidence);
                }
                BlockKind::Numbered { label } if section == Section::Reflections => {
                    self.own_item(b, Some(label), RecommendationKind::Reflection, None);
                    self.set_cue(section_cue.clone());
                }
                BlockKind::Bullet if section == Section::Recommendations && !restating => {
                    self.flush_pending(&mut pending);
                    self.own_item(
                        b,
                        None,
                        RecommendationKind::Recommendation,
                        theme.as_deref(),
                    );
                    self.set_cue(section_cue.clone());
                }
                BlockKind::Bullet | BlockKind::Numbered { .. }
                    if !restating
                        && restated_lead(b).is_none()
                        && !is_suggestion_intro(intro)
                        && matches!(role, Some(Role::Recommendations(_) | Role::AdvisingItems)) =>
                {
                    let evidence = match role {
                        Some(Role::Recommendations(e)) => Some(e.clone()),
                        _ => advising(b),
                    };
                    if let Some(evidence) = evidence {
                        let label = match &b.kind {
                            BlockKind::Numbered { label } => Some(&**label),
                            _ => None,
                        };
                        if about_another {
                            let target = self.target_review(intro);
                            let text = squash(&b.text);
                            self.restate_labelled(&target, label, text, theme.as_deref(), b.span());
                        } else {
                            self.own_item(
                                b,
                                label,
                                RecommendationKind::Recommendation,
                                theme.as_deref(),
                            );
                        }
                        self.set_cue(Some(evidence));
                    }
                }
                BlockKind::Paragraph if section == Section::Recommendations => {
                    if self
                        .items
                        .recommendations
                        .last()
                        .is_some_and(|r| r.review == self.own)
                    {
                        pending.push(b);
                    }
                    intro = Some(b);
                }
                BlockKind::Paragraph if section == Section::Reflections => {
                    let next = blocks.get(i + 1);
                    if !last_was_reflection && is_reflection(b, next) {
                        self.own_item(b, None, RecommendationKind::Reflection, None);
                        self.set_cue(section_cue.clone());
                        last_was_reflection = true;
                        continue;
                    }
                    last_was_reflection = false;
                    intro = Some(b);
                }
                BlockKind::Bullet | BlockKind::Paragraph => {
                    let indented_item = matches!(b.kind, BlockKind::Paragraph)
                        && b.indent > 0
                        && intro.is_some_and(|p| p.text.trim_end().ends_with(':'));
                    if matches!(b.kind, BlockKind::Paragraph) && !indented_item {
                        self.group_statuses(b);
                        intro = Some(b);
                        last_was_reflection = false;
                        // A flattened report: "… 2. Key recommendations • Agree …".
                        if ends_with_recommendations_heading(&b.text) {
                            section = Section::Recommendations;
                        }
                        continue;
                    }
                    let intro_text = intro.map_or("", |p| p.text.as_ref());
                    if is_suggestion_intro(intro) {
                        self.suggestion(b);
                        let line = intro.map_or(b.span().line, |p| p.span().line);
                        self.set_cue(Some(cue(CueKind::Intro, intro_text, line)));
                    } else if let Some(lead) = restated_lead(b) {
                        if restating && !is_team_intro(intro) {
                            self.restated(b, &lead, intro, theme.as_deref());
                            let line = intro.map_or(b.span().line, |p| p.span().line);
                            self.set_cue(Some(cue(CueKind::StatusGroup, intro_text, line)));
                        }
                    } else if restating
                        && intro_text.trim_end().ends_with(':')
                        && !is_team_intro(intro)
                        && matches!(role, Some(Role::Recommendations(_)))
                        && status_of(intro_text).is_some()
                    {
                        // "The following recommendations are complete:"
                        // then the recommendations, whole or by topic.
                        self.restated_whole(b, intro, theme.as_deref());
                        let line = intro.map_or(b.span().line, |p| p.span().line);
                        self.set_cue(Some(cue(CueKind::StatusGroup, intro_text, line)));
                    } else if restating
                        && self.facts.kind != ReviewKind::RemotePeerSupport
                        && theme.is_some()
                        && intro_text.trim_end().ends_with(':')
                        && !is_team_intro(intro)
                    {
                        self.quoted(b, theme.as_deref());
                        let line = intro.map_or(b.span().line, |p| p.span().line);
                        self.set_cue(Some(cue(CueKind::Restated, intro_text, line)));
                    }
                }
                _ => {}
            }
        }
        if let Some(row) = table.finish() {
            self.table_row(row, warnings);
        }
    }

    fn flush_pending(&mut self, pending: &mut Vec<&Block>) {
        if let Some(last) = self
            .items
            .recommendations
            .last_mut()
            .filter(|r| r.review == self.own)
        {
            for b in pending.iter() {
                last.text.push(' ');
                last.text.push_str(&b.text);
                last.span = last.span.cover(b.span());
            }
        }
        pending.clear();
    }

    /// Records why the item just read was taken.
    fn set_cue(&mut self, cue: Option<Cue>) {
        if let Some(last) = self.items.recommendations.last_mut() {
            if last.cue.is_none() {
                last.cue = cue;
            }
        }
    }

    /// A recommendation of another review, under the number its label
    /// gives where that number is still free.
    fn restate_labelled(
        &mut self,
        target: &ReviewId,
        label: Option<&str>,
        text: String,
        theme: Option<&str>,
        span: Span,
    ) -> RecommendationId {
        let wanted = label
            .and_then(label_number)
            .filter(|&n| !self.ids.contains(&RecommendationId::new(target, n)));
        let n = wanted.unwrap_or_else(|| {
            let mut n = self
                .per_review
                .get(target)
                .copied()
                .unwrap_or(0)
                .saturating_add(1);
            while self.ids.contains(&RecommendationId::new(target, n)) {
                n = n.saturating_add(1);
            }
            n
        });
        let id = RecommendationId::new(target, n);
        self.push(
            id.clone(),
            target.clone(),
            n,
            label,
            RecommendationKind::Recommendation,
            None,
            text,
            theme,
            span,
        );
        id
    }

    /// One of the report's own items.
    fn own_item(
        &mut self,
        b: &Block,
        label: Option<&str>,
        kind: RecommendationKind,
        theme: Option<&str>,
    ) {
        let cut = inline_heading_cut(b);
        let b = &*cut;
        self.own_count += 1;
        let number = label.and_then(label_number).unwrap_or(self.own_count);
        let (title, text) = split_lead(b);
        if text.is_empty() && title.is_none() {
            self.own_count -= 1;
            return;
        }
        let own = self.own.clone();
        let id = RecommendationId::new(&own, number);
        if self.ids.contains(&id) {
            // A repeated label ("1." twice): keep both, the second numbered
            // past every printed number.
            let mut n = 1000u32.saturating_add(self.own_count);
            while self.ids.contains(&RecommendationId::new(&own, n)) {
                n = n.saturating_add(1);
            }
            let id = RecommendationId::new(&own, n);
            self.push(id, own, n, label, kind, title, text, theme, b.span());
            return;
        }
        self.push(id, own, number, label, kind, title, text, theme, b.span());
    }

    /// Suggestions share the numbering of the report's own items, in
    /// document order, so ids never collide.
    fn suggestion(&mut self, b: &Block) {
        self.own_item(b, None, RecommendationKind::Suggestion, None);
    }

    /// A bold-led bullet restating an earlier recommendation, with the
    /// status its group's sentence gives.
    fn restated(&mut self, b: &Block, lead: &str, intro: Option<&Block>, theme: Option<&str>) {
        let target = self.target_review(intro);
        let status = status_of(intro.map_or("", |p| p.text.as_ref()));
        let commentary = b
            .text
            .get(lead_len(b)..)
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        let text = lead.trim().to_string();
        let id = self.restate(&target, text, theme, b.span());
        if let Some((status, wording)) = status {
            self.items.progress.push(Progress {
                review: self.own.clone(),
                recommendation: id,
                status,
                wording,
                commentary,
                span: b.span(),
            });
        }
    }

    /// A bullet that is a restated recommendation as a whole (a sentence or
    /// just its topic), with the status its group's sentence gives.
    fn restated_whole(&mut self, b: &Block, intro: Option<&Block>, theme: Option<&str>) {
        let target = self.target_review(intro);
        let status = status_of(intro.map_or("", |p| p.text.as_ref()));
        let id = self.restate(&target, squash(&b.text), theme, b.span());
        if let Some((status, wording)) = status {
            self.items.progress.push(Progress {
                review: self.own.clone(),
                recommendation: id,
                status,
                wording,
                commentary: None,
                span: b.span(),
            });
        }
    }

    /// A bullet quoting an earlier recommendation under a theme heading of
    /// a progress review: restated, and reported on without a stated status.
    fn quoted(&mut self, b: &Block, theme: Option<&str>) {
        let target = self.target_review(None);
        let id = self.restate(&target, squash(&b.text), theme, b.span());
        self.open_group.push(self.items.progress.len());
        self.items.progress.push(Progress {
            review: self.own.clone(),
            recommendation: id,
            status: Status::Unknown,
            wording: String::new(),
            commentary: None,
            span: b.span(),
        });
    }

    /// The statuses a paragraph gives the quoted recommendations before it:
    /// "Both recommendations are complete." gives each the status; "This
    /// recommendation is complete. … this recommendation continues to
    /// progress." gives them in order.
    fn group_statuses(&mut self, b: &Block) {
        if self.open_group.is_empty() {
            return;
        }
        for (_, sentence) in crate::text::sentences(&b.text) {
            for clause in sentence.split("; ") {
                let Some((status, wording)) = status_of(clause) else {
                    continue;
                };
                let lower = clause.to_ascii_lowercase();
                // Narrative ("the programme started last month") gives a
                // status only to a group of one; with more, the sentence
                // must say which ("this recommendation", "both").
                let explicit = ["recommendation", "this ", "both", "all ", "each of"]
                    .iter()
                    .any(|w| lower.contains(w));
                if !explicit && self.open_group.len() > 1 {
                    continue;
                }
                let all = [
                    "both",
                    "all ",
                    "each of",
                    "these recommendations",
                    "recommendations are",
                    "recommendations have",
                ]
                .iter()
                .any(|w| lower.contains(w));
                let targets: Vec<usize> = if all {
                    std::mem::take(&mut self.open_group)
                } else if self.open_group.is_empty() {
                    Vec::new()
                } else {
                    vec![self.open_group.remove(0)]
                };
                for i in targets {
                    if let Some(p) = self.items.progress.get_mut(i) {
                        p.status = status;
                        p.wording.clone_from(&wording);
                        p.commentary = Some(clause.trim().to_string());
                    }
                }
                if self.open_group.is_empty() {
                    return;
                }
            }
        }
    }

    fn table_row(&mut self, row: plan::Row, warnings: &mut Vec<Warning>) {
        let evidence = cue(CueKind::Column, &row.column, row.header_line);
        let Some(status_cell) = row.status.clone() else {
            self.recommendation_row(row, evidence);
            return;
        };
        let target = self.target_review(None);
        let id = self.restate_labelled(&target, row.label.as_deref(), row.text, None, row.span);
        self.set_cue(Some(evidence));
        let status = status_of(&status_cell);
        if status.is_none() && !status_cell.trim().is_empty() {
            warnings.push(Warning {
                line: Some(row.span.line),
                message: format!(
                    "status {:?} not understood; recorded as unknown",
                    status_cell
                ),
            });
        }
        let (status, _) = status.unwrap_or((Status::Unknown, String::new()));
        self.items.progress.push(Progress {
            review: self.own.clone(),
            recommendation: id.clone(),
            status,
            wording: status_cell,
            commentary: row.commentary,
            span: row.span,
        });
        self.plan_action(row.action, row.owner, row.due, id, row.span);
    }

    /// An action plan's action from a table's Action(s) cell, answering the
    /// row's recommendation.
    fn plan_action(
        &mut self,
        text: Option<String>,
        owner: Option<String>,
        due: Option<String>,
        recommendation: RecommendationId,
        span: Span,
    ) {
        if self.facts.kind != ReviewKind::ActionPlan {
            return;
        }
        let Some(text) = text else { return };
        let timescale = due
            .as_deref()
            .and_then(timescale::read)
            .or_else(|| timescale::labelled(&text));
        let n = u32::try_from(self.items.actions.len())
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        self.items.actions.push(Action {
            id: peertrail_core::ActionId::new(&self.own, n),
            review: self.own.clone(),
            number: n,
            recommendation: Some(recommendation),
            text,
            owner,
            covered_by: None,
            span,
            timescale,
            revised: None,
            decided: Vec::new(),
        });
    }

    /// Rows of tables flattened into lines of text.
    fn flattened_tables(&mut self, text: &str) {
        for table in flat::read(text) {
            let evidence = cue(CueKind::Column, &table.header, table.header_line);
            // A merged topic cell stands on the first row of its group only.
            let mut topic: Option<String> = None;
            for row in table.rows {
                if row.topic.is_some() {
                    topic.clone_from(&row.topic);
                }
                self.recommendation_row(
                    plan::Row {
                        text: row.text,
                        status: None,
                        commentary: None,
                        label: Some(row.label),
                        action: row.action,
                        owner: None,
                        due: None,
                        span: row.span,
                        column: String::new(),
                        header_line: table.header_line,
                    },
                    evidence.clone(),
                );
                if let (Some(topic), Some(last)) = (&topic, self.items.recommendations.last_mut()) {
                    last.themes = vec![Theme::Heading(topic.clone())];
                }
            }
        }
    }

    /// A row of a table of recommendations without a status column: the
    /// review's own recommendation, or, in a paper or plan about another
    /// review, that review's, with the plan's action beside it.
    fn recommendation_row(&mut self, row: plan::Row, evidence: Cue) {
        let about_another = matches!(
            self.facts.kind,
            ReviewKind::ActionPlan
                | ReviewKind::CommitteePaper
                | ReviewKind::ProgressReview
                | ReviewKind::FollowUpVisit
                | ReviewKind::RemotePeerSupport
        );
        let id = if about_another {
            let target = self.target_review(None);
            self.restate_labelled(&target, row.label.as_deref(), row.text, None, row.span)
        } else {
            let own = self.own.clone();
            self.restate_labelled(&own, row.label.as_deref(), row.text, None, row.span)
        };
        self.set_cue(Some(evidence));
        self.plan_action(row.action, row.owner, row.due, id, row.span);
    }

    /// The review a restated recommendation belongs to: one the group's
    /// sentence names, else the review the document follows, else the
    /// latest CPC it mentions, else the latest review it mentions.
    fn target_review(&self, intro: Option<&Block>) -> ReviewId {
        let mentioned = intro.map(mentions_in).unwrap_or_default();
        let named = mentioned.iter().find_map(|m| {
            let date = m.dates.first().copied()?;
            let id = ReviewId::new(&self.facts.council.id, m.kind, Some(&date));
            self.facts
                .references
                .iter()
                .find(|r| r.review == id)
                .map(|r| r.review.clone())
        });
        if let Some(id) = named {
            return id;
        }
        if let Some(f) = &self.facts.follows {
            return f.review.clone();
        }
        let dated = self.facts.references.iter().filter(|r| r.held.is_some());
        let cpc = dated
            .clone()
            .filter(|r| r.kind == ReviewKind::CorporatePeerChallenge)
            .max_by_key(|r| r.held);
        cpc.or_else(|| dated.max_by_key(|r| r.held))
            .map_or_else(|| self.own.clone(), |r| r.review.clone())
    }

    fn restate(
        &mut self,
        target: &ReviewId,
        text: String,
        theme: Option<&str>,
        span: Span,
    ) -> RecommendationId {
        let n = self
            .per_review
            .get(target)
            .copied()
            .unwrap_or(0)
            .saturating_add(1);
        let id = RecommendationId::new(target, n);
        self.push(
            id.clone(),
            target.clone(),
            n,
            None,
            RecommendationKind::Recommendation,
            None,
            text,
            theme,
            span,
        );
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        id: RecommendationId,
        review: ReviewId,
        number: u32,
        label: Option<&str>,
        kind: RecommendationKind,
        title: Option<String>,
        text: String,
        theme: Option<&str>,
        span: Span,
    ) {
        self.ids.insert(id.clone());
        *self.per_review.entry(review.clone()).or_default() += 1;
        self.items.recommendations.push(Recommendation {
            id,
            review,
            number,
            label: label.map(str::to_string),
            kind,
            title,
            text,
            themes: theme
                .map(|t| vec![Theme::Heading(t.to_string())])
                .unwrap_or_default(),
            span,
            cue: None,
            source: None,
            latest: None,
            silent: false,
            response: None,
            decided: Vec::new(),
        });
    }
}

/// Whether running text ends with a recommendations heading that lost its
/// own line.
fn ends_with_recommendations_heading(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(':');
    // Only the end of the text matters.
    let mut from = t.len().saturating_sub(48);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let t = t[from..].to_ascii_lowercase();
    t.ends_with("key recommendations")
        || (t.ends_with(" recommendations") && !t.ends_with("following recommendations"))
}

/// The text of a block that heads a section, if it does.
fn heading_text(b: &Block) -> Option<String> {
    match &b.kind {
        BlockKind::Heading { .. } => Some(b.text.trim_end_matches(':').trim().to_string()),
        BlockKind::Paragraph if b.is_heading_like() && !is_field_or_link(&b.text) => {
            Some(b.text.trim().to_string())
        }
        BlockKind::Numbered { .. } => {
            let t = b.text.trim();
            let words = t.split_whitespace().count();
            let lower = t.to_ascii_lowercase();
            let headingish = words <= 6 && !t.ends_with(['.', ';', ':', ',']) && b.lines == 1;
            (headingish
                && (lower.contains("recommendation")
                    || lower.contains("reflection")
                    || is_section_word(&lower)))
            .then(|| t.to_string())
        }
        _ => None,
    }
}

/// "Decision status: Recommendations Approved", "Key Reflections pdf icon
/// PDF 168 KB": a form field or a link to a file on a council's page, not
/// a section heading.
fn is_field_or_link(text: &str) -> bool {
    let t = text.trim();
    t.contains(": ") || t.ends_with(" KB") || t.ends_with(" MB") || t.ends_with(" PDF")
}

fn is_section_word(lower: &str) -> bool {
    let bare = lower.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    SECTION_WORDS.iter().any(|w| bare.starts_with(w))
}

/// A block whose text runs on into the next section's heading (a report
/// flattened onto one line: "… all members. Next steps The council …")
/// is cut where that heading starts; a one-line block's span is cut too.
fn inline_heading_cut<'b, 'a>(b: &'b Block<'a>) -> Cow<'b, Block<'a>> {
    let Some(at) = inline_heading(&b.text) else {
        // Most items: nothing to cut, and nothing copied.
        return Cow::Borrowed(b);
    };
    let mut out = b.clone();
    out.truncate_text(at + 1);
    if b.lines == 1 {
        if let Some(raw_at) = inline_heading(b.raw()) {
            let span = b.span();
            let marker = (span.end - span.start).saturating_sub(b.raw().len());
            out.end_span_at((span.start + marker + raw_at + 1).min(span.end));
        }
    }
    Cow::Owned(out)
}

/// Where the first heading run into the text starts (at its full stop).
/// Every one starts with ". ", so only the full stops are looked at, each
/// once, rather than searching the text once per heading.
fn inline_heading(text: &str) -> Option<usize> {
    const HEADINGS: &[&str] = &[
        ". Next steps ",
        ". Next Steps ",
        ". Contact ",
        ". Appendix ",
        ". Summary of ",
    ];
    memchr::memchr_iter(b'.', text.as_bytes()).find(|&at| {
        let rest = text.as_bytes().get(at..).unwrap_or_default();
        HEADINGS.iter().any(|h| rest.starts_with(h.as_bytes()))
    })
}

/// Evidence for an item, trimmed to a readable length.
fn cue(kind: CueKind, words: &str, line: u32) -> Cue {
    let words = squash(words);
    let mut end = words.len().min(120);
    while !words.is_char_boundary(end) {
        end -= 1;
    }
    Cue {
        kind,
        words: words[..end].into(),
        line,
    }
}

/// `R2` labels mark recommendations wherever they stand.
fn is_r_label(label: &str) -> bool {
    label.starts_with(['R', 'r']) && label.len() > 1
}

/// `3` → 3, `c` → 3, `R2` → 2.
fn label_number(label: &str) -> Option<u32> {
    let digits = label.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    if let Ok(n) = digits.parse::<u32>() {
        return Some(n);
    }
    let c = label.chars().next()?;
    c.is_ascii_lowercase()
        .then(|| u32::from(c) - u32::from('a') + 1)
}

/// The bold lead as the title and the rest as the text; the whole text
/// when there is no lead or nothing follows it.
fn split_lead(b: &Block) -> (Option<String>, String) {
    match b.lead() {
        Some(lead) => {
            let rest = b.text.get(lead_len(b)..).map(str::trim).unwrap_or_default();
            if rest.is_empty() {
                (None, squash(&b.text))
            } else {
                (Some(lead.trim().to_string()), rest.to_string())
            }
        }
        None => (None, squash(&b.text)),
    }
}

/// Byte length of the lead at the start of the block's plain text.
fn lead_len(b: &Block) -> usize {
    match b.lead() {
        Some(lead) if b.text.starts_with(lead) => lead.len(),
        _ => 0,
    }
}

/// A bold lead that reads as a recommendation: a sentence of four or more
/// words (not a person's name), with commentary after it.
fn restated_lead(b: &Block) -> Option<String> {
    let lead = b.lead()?;
    let words = lead.split_whitespace().count();
    (words >= 4 && lead_len(b) > 0).then(|| lead.to_string())
}

/// A short paragraph standing as the heading of a key reflection: not an
/// introduction, and followed by a longer paragraph that discusses it.
fn is_reflection(b: &Block, next: Option<&Block>) -> bool {
    if b.emphasised {
        return true;
    }
    let t = b.text.trim();
    let intro =
        t.ends_with(':') || contains_ci(t, "the following") || contains_ci(t, "key themes emerged");
    let short = t.chars().count() <= 300;
    let followed =
        next.is_some_and(|n| matches!(n.kind, BlockKind::Paragraph) && n.text.len() > t.len());
    !intro && short && followed
}

/// The words of an intro to suggestions ([`is_suggestion_intro`]).
const SUGGESTION_INTRO_WORDS: [&str; 8] = [
    "should consider",
    "may wish to consider",
    "could consider",
    "might consider",
    "we suggest",
    "suggestions",
    "dedicated event",
    "one way forward",
];
static SUGGESTION_INTRO: Phrases = Phrases::new(&SUGGESTION_INTRO_WORDS);

/// The words of an intro to a team ([`is_team_intro`]).
const TEAM_INTRO_WORDS: [&str; 6] = [
    "peer team",
    "following team",
    "representatives",
    "attendees",
    "cpc team",
    "peers who",
];
static TEAM_INTRO: Phrases = Phrases::new(&TEAM_INTRO_WORDS);

/// The phrases of the two intros, for the shared scan ([`crate::cues`]).
pub(crate) fn suggestion_intro() -> &'static Phrases {
    &SUGGESTION_INTRO
}
pub(crate) fn team_intro() -> &'static Phrases {
    &TEAM_INTRO
}

/// "the council should consider a workshop with its partners to:". Asked
/// for every item of a list about the one intro: read from its scan.
fn is_suggestion_intro(intro: Option<&Block>) -> bool {
    let Some(b) = intro else {
        return false;
    };
    let t = b.text.trim_end();
    t.ends_with(':') && b.holds(Set::SuggestionIntro, 0..t.len())
}

/// The paragraph before a list introduces people, not recommendations.
fn is_team_intro(intro: Option<&Block>) -> bool {
    let Some(b) = intro else {
        return false;
    };
    b.holds(Set::TeamIntro, 0..b.text.len()) && find_ci(&b.text, "recommend").is_none()
}
