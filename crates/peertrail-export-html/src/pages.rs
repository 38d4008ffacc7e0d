//! The pages: their view models, built from the data set in one pass per
//! page kind, and their rendering into the folder.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::{context, Environment, Value};
use peertrail_core::{
    Action, DateSpan, DueItem, DueStatus, ExportContext, ExportError, FolderSink, Link, LinkKind,
    Precision, Progress, Recommendation, Review, Span, Status,
};
use serde::Serialize;

use crate::names::{council_page, encode, recommendation_page, review_href};
use crate::render;
use crate::svg::{self, Edge, Node, Picture};

#[derive(Serialize)]
struct Site {
    documents: usize,
    councils: usize,
    recommendations: usize,
    as_of: Option<String>,
    as_of_origin: &'static str,
}

#[derive(Serialize, Clone)]
struct StatusCell {
    class: &'static str,
    label: &'static str,
}

fn status_cell(status: Option<Status>) -> StatusCell {
    match status {
        Some(s) => StatusCell {
            class: s.as_str(),
            label: s.label(),
        },
        None => StatusCell {
            class: "none",
            label: "No status reported",
        },
    }
}

/// Lookups shared by every page.
struct Index<'a> {
    ctx: &'a ExportContext<'a>,
    reviews: BTreeMap<&'a str, &'a Review>,
    recs: BTreeMap<&'a str, &'a Recommendation>,
    actions: BTreeMap<&'a str, &'a Action>,
    links_to: BTreeMap<&'a str, Vec<&'a Link>>,
    links_from: BTreeMap<&'a str, Vec<&'a Link>>,
    progress: BTreeMap<&'a str, Vec<&'a Progress>>,
    council_names: BTreeMap<&'a str, &'a str>,
}

impl<'a> Index<'a> {
    fn new(ctx: &'a ExportContext<'a>) -> Self {
        let data = ctx.data;
        let mut links_to: BTreeMap<&str, Vec<&Link>> = BTreeMap::new();
        let mut links_from: BTreeMap<&str, Vec<&Link>> = BTreeMap::new();
        for l in &data.links {
            if l.kind == LinkKind::SimilarTheme && !ctx.similar_theme {
                continue;
            }
            links_to.entry(l.to.as_str()).or_default().push(l);
            links_from.entry(l.from.as_str()).or_default().push(l);
        }
        let mut progress: BTreeMap<&str, Vec<&Progress>> = BTreeMap::new();
        for p in &data.progress {
            progress
                .entry(p.recommendation.as_str())
                .or_default()
                .push(p);
        }
        Index {
            ctx,
            reviews: data.reviews.iter().map(|r| (r.id.as_str(), r)).collect(),
            recs: data
                .recommendations
                .iter()
                .map(|r| (r.id.as_str(), r))
                .collect(),
            actions: data.actions.iter().map(|a| (a.id.as_str(), a)).collect(),
            links_to,
            links_from,
            progress,
            council_names: data
                .councils
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect(),
        }
    }

    fn council_name(&self, id: &'a str) -> &'a str {
        self.council_names.get(id).copied().unwrap_or(id)
    }

    fn review_label(&self, id: &str) -> String {
        match self.reviews.get(id) {
            Some(r) => review_label(r),
            None => id.to_string(),
        }
    }

    fn review_href(&self, id: &str) -> Option<String> {
        self.reviews
            .get(id)
            .map(|r| review_href(r.council.as_str(), r.id.as_str()))
    }

    fn review_date(&self, id: &str) -> Option<NaiveDate> {
        self.reviews.get(id).and_then(|r| r.held).map(|h| h.start)
    }
}

fn when(held: Option<DateSpan>) -> String {
    match held {
        None => "undated".to_string(),
        Some(h) => match h.precision {
            Precision::Month => h.start.format("%B %Y").to_string(),
            Precision::Year => h.start.format("%Y").to_string(),
            _ if h.end != h.start => format!(
                "{} to {}",
                h.start.format("%Y-%m-%d"),
                h.end.format("%Y-%m-%d")
            ),
            _ => h.start.format("%Y-%m-%d").to_string(),
        },
    }
}

fn review_label(r: &Review) -> String {
    let date = match r.held {
        None => "undated".to_string(),
        Some(h) => match h.precision {
            Precision::Month => h.start.format("%Y-%m").to_string(),
            Precision::Year => h.start.format("%Y").to_string(),
            _ => h.start.format("%Y-%m-%d").to_string(),
        },
    };
    format!("{date} {}", r.kind.label())
}

fn place(source: Option<&str>, span: Span) -> String {
    let lines = if span.end_line > span.line {
        format!("lines {}–{}", span.line, span.end_line)
    } else {
        format!("line {}", span.line)
    };
    match source {
        Some(s) => format!("{s}, {lines}"),
        None => lines,
    }
}

fn words(snake: &str) -> String {
    let s = snake.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

fn iso(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn headline(r: &Recommendation) -> String {
    svg::clip(r.title.as_deref().unwrap_or(&r.text), 140)
}

#[derive(Serialize)]
struct DueView {
    council: String,
    council_href: String,
    review: String,
    review_href: String,
    step: String,
    due_from: String,
    due_by: String,
    status: &'static str,
    status_label: &'static str,
    rule: String,
    rule_text: String,
    satisfied_by: Option<String>,
    satisfied_href: String,
}

fn due_view(ix: &Index<'_>, d: &DueItem) -> DueView {
    let status_label = match d.status {
        DueStatus::Overdue => "Overdue",
        DueStatus::Due => "Due",
        DueStatus::Satisfied => "Satisfied",
        _ => "Other",
    };
    DueView {
        council: ix.council_name(d.council.as_str()).to_string(),
        council_href: council_page(d.council.as_str()),
        review: ix.review_label(d.review.as_str()),
        review_href: review_href(d.council.as_str(), d.review.as_str()),
        step: words(d.step.as_str()),
        due_from: iso(d.due_from),
        due_by: iso(Some(d.due_by)),
        status: d.status.as_str(),
        status_label,
        rule: d.rule.to_string(),
        rule_text: d.rule_text.clone(),
        satisfied_by: d.satisfied_by.as_ref().map(|r| ix.review_label(r.as_str())),
        satisfied_href: d
            .satisfied_by
            .as_ref()
            .and_then(|r| ix.review_href(r.as_str()))
            .unwrap_or_default(),
    }
}

/// Writes every page.
pub fn write_all(
    env: &Environment<'_>,
    ctx: &ExportContext<'_>,
    graphviz: bool,
    out: &mut dyn FolderSink,
) -> Result<(), ExportError> {
    let ix = Index::new(ctx);
    let data = ctx.data;
    let site = v(Site {
        documents: data.reviews.iter().filter(|r| r.in_corpus).count(),
        councils: data.councils.len(),
        recommendations: data.recommendations.len(),
        as_of: ctx.as_of.map(|a| a.date().format("%Y-%m-%d").to_string()),
        as_of_origin: ctx.as_of.map_or("", |a| a.origin()),
    });

    // Reviews and recommendations by council (both lists sorted by id, so
    // by date within a council).
    let mut reviews_of: BTreeMap<&str, Vec<&Review>> = BTreeMap::new();
    for r in &data.reviews {
        reviews_of.entry(r.council.as_str()).or_default().push(r);
    }
    let mut recs_of: BTreeMap<&str, Vec<&Recommendation>> = BTreeMap::new();
    for r in &data.recommendations {
        if let Some(review) = ix.reviews.get(r.review.as_str()) {
            recs_of.entry(review.council.as_str()).or_default().push(r);
        }
    }
    let mut due_of: BTreeMap<&str, Vec<&DueItem>> = BTreeMap::new();
    for d in ctx.due {
        due_of.entry(d.council.as_str()).or_default().push(d);
    }

    index_page(env, &ix, &site, &reviews_of, &recs_of, &due_of, out)?;
    council_pages(
        env,
        &ix,
        &site,
        graphviz,
        &reviews_of,
        &recs_of,
        &due_of,
        out,
    )?;
    for r in &data.recommendations {
        recommendation_page_write(env, &ix, &site, r, out)?;
    }
    due_page(env, &ix, &site, out)?;
    people_page(env, &ix, &site, out)
}

fn index_page(
    env: &Environment<'_>,
    ix: &Index<'_>,
    site: &Value,
    reviews_of: &BTreeMap<&str, Vec<&Review>>,
    recs_of: &BTreeMap<&str, Vec<&Recommendation>>,
    due_of: &BTreeMap<&str, Vec<&DueItem>>,
    out: &mut dyn FolderSink,
) -> Result<(), ExportError> {
    #[derive(Serialize)]
    struct ReviewLink {
        href: String,
        date: String,
        kind: &'static str,
        in_corpus: bool,
    }
    #[derive(Serialize)]
    struct Row {
        name: String,
        href: String,
        reviews: Vec<ReviewLink>,
        total: usize,
        counts: Vec<usize>,
        overdue: usize,
    }
    let mut statuses: Vec<StatusCell> = Status::ALL.iter().map(|s| status_cell(Some(*s))).collect();
    statuses.push(status_cell(None));
    let councils: Vec<Row> = ix
        .ctx
        .data
        .councils
        .iter()
        .map(|c| {
            let id = c.id.as_str();
            let recs = recs_of.get(id).map(Vec::as_slice).unwrap_or_default();
            let mut counts = vec![0; Status::ALL.len() + 1];
            for r in recs {
                let slot = r
                    .latest
                    .as_ref()
                    .and_then(|l| Status::ALL.iter().position(|s| *s == l.status))
                    .unwrap_or(Status::ALL.len());
                if let Some(n) = counts.get_mut(slot) {
                    *n += 1;
                }
            }
            Row {
                name: c.name.clone(),
                href: council_page(id),
                reviews: reviews_of
                    .get(id)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|r| ReviewLink {
                        href: review_href(id, r.id.as_str()),
                        date: review_label(r)
                            .split(' ')
                            .next()
                            .unwrap_or_default()
                            .to_string(),
                        kind: r.kind.label(),
                        in_corpus: r.in_corpus,
                    })
                    .collect(),
                total: recs.len(),
                counts,
                overdue: due_of
                    .get(id)
                    .map(|d| d.iter().filter(|d| d.status == DueStatus::Overdue).count())
                    .unwrap_or(0),
            }
        })
        .collect();
    let page = context! { councils => v(&councils), statuses => v(&statuses) };
    let html = render(env, "index.html", "", site, page, context! {})?;
    out.put("index.html", &html)
}

#[allow(clippy::too_many_arguments)]
fn council_pages(
    env: &Environment<'_>,
    ix: &Index<'_>,
    site: &Value,
    graphviz: bool,
    reviews_of: &BTreeMap<&str, Vec<&Review>>,
    recs_of: &BTreeMap<&str, Vec<&Recommendation>>,
    due_of: &BTreeMap<&str, Vec<&DueItem>>,
    out: &mut dyn FolderSink,
) -> Result<(), ExportError> {
    let councils = &ix.ctx.data.councils;
    let pictures: Vec<Picture> = councils
        .iter()
        .map(|c| {
            picture(
                ix,
                &c.name,
                reviews_of
                    .get(c.id.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or_default(),
            )
        })
        .collect();
    let svg_ids: Vec<String> = councils.iter().map(|_| "lineage".to_string()).collect();
    let drawn = if graphviz {
        svg::graphviz(&pictures, &svg_ids)
    } else {
        None
    };
    let note = match (&drawn, graphviz) {
        (Some(_), _) => "Drawn by Graphviz. Arrows point from a document to the earlier review it follows, mentions, restates or reports on.",
        (None, true) => "Drawn by peertrail's own layout (Graphviz is not installed): reviews oldest first; each arc runs from a document to the earlier review it follows, mentions, restates or reports on.",
        (None, false) => "Reviews oldest first; each arc runs from a document to the earlier review it follows, mentions, restates or reports on.",
    };

    #[derive(Serialize)]
    struct ReviewRow {
        anchor: String,
        id: String,
        when: String,
        kind: &'static str,
        title: String,
        review_name: Option<String>,
        in_corpus: bool,
        follows: Option<String>,
        follows_anchor: String,
        recommendations: usize,
        source: Option<String>,
    }
    #[derive(Serialize)]
    struct RecRow {
        href: String,
        review: String,
        number: u32,
        headline: String,
        status: StatusCell,
        reported: String,
    }
    #[derive(Serialize)]
    struct CouncilView {
        name: String,
        aliases: Vec<String>,
    }
    let mut rec_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &ix.ctx.data.recommendations {
        *rec_counts.entry(r.review.as_str()).or_default() += 1;
    }
    for (i, c) in councils.iter().enumerate() {
        let id = c.id.as_str();
        let reviews: Vec<ReviewRow> = reviews_of
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|r| ReviewRow {
                anchor: encode(r.id.as_str()),
                id: r.id.to_string(),
                when: when(r.held),
                kind: r.kind.label(),
                title: r.title.clone().unwrap_or_default(),
                review_name: r.review_name.clone(),
                in_corpus: r.in_corpus,
                follows: r.follows.as_ref().map(|f| ix.review_label(f.as_str())),
                follows_anchor: r
                    .follows
                    .as_ref()
                    .map(|f| encode(f.as_str()))
                    .unwrap_or_default(),
                recommendations: rec_counts.get(r.id.as_str()).copied().unwrap_or(0),
                source: r.source.clone(),
            })
            .collect();
        let recs: Vec<RecRow> = recs_of
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|r| RecRow {
                href: recommendation_page(r.id.as_str()),
                review: ix.review_label(r.review.as_str()),
                number: r.number,
                headline: headline(r),
                status: status_cell(r.latest.as_deref().map(|l| l.status)),
                reported: r
                    .latest
                    .as_ref()
                    .map(|l| ix.review_label(l.review.as_str()))
                    .unwrap_or_default(),
            })
            .collect();
        let due: Vec<DueView> = due_of
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|d| due_view(ix, d))
            .collect();
        let svg = match (&drawn, pictures.get(i)) {
            (Some(all), _) => all.get(i).cloned().unwrap_or_default(),
            (None, Some(p)) => p.own_svg("lineage"),
            (None, None) => String::new(),
        };
        let page = context! {
            council => v(CouncilView { name: c.name.clone(), aliases: c.aliases.clone() }),
            reviews => v(&reviews),
            recommendations => v(&recs),
            due => v(&due),
        };
        let extra = context! { svg => Value::from_safe_string(svg), svg_note => note };
        let html = render(env, "council.html", "../", site, page, extra)?;
        out.put(&council_page(id), &html)?;
    }
    Ok(())
}

/// A council's reviews and the relations between them: `follows` and
/// `references` links, and restatements and progress reports counted per
/// pair of reviews.
fn picture(ix: &Index<'_>, name: &str, reviews: &[&Review]) -> Picture {
    let pos: BTreeMap<&str, usize> = reviews
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut counted: BTreeMap<(usize, usize, &'static str), usize> = BTreeMap::new();
    for r in reviews {
        for l in ix
            .links_from
            .get(r.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let (to_review, word) = match l.kind {
                LinkKind::Follows => (Some(l.to.as_str()), "follows"),
                LinkKind::References => (Some(l.to.as_str()), "mentions"),
                LinkKind::Restates => (
                    ix.recs.get(l.to.as_str()).map(|x| x.review.as_str()),
                    "restates",
                ),
                LinkKind::ReportsProgress => (
                    ix.recs.get(l.to.as_str()).map(|x| x.review.as_str()),
                    "reports on",
                ),
                _ => (None, ""),
            };
            let (Some(&from), Some(&to)) =
                (pos.get(r.id.as_str()), to_review.and_then(|t| pos.get(t)))
            else {
                continue;
            };
            if from != to {
                *counted.entry((from, to, word)).or_default() += 1;
            }
        }
    }
    let edges = counted
        .into_iter()
        .map(|((from, to, word), n)| Edge {
            from,
            to,
            label: match word {
                "restates" | "reports on" => format!("{word} {n}"),
                _ => word.to_string(),
            },
        })
        .collect();
    Picture {
        title: name.to_string(),
        nodes: reviews
            .iter()
            .map(|r| Node {
                label: review_label(r),
            })
            .collect(),
        edges,
    }
}

#[derive(Serialize)]
struct TrailRow {
    when: String,
    what: String,
    document: String,
    href: Option<String>,
    status: Option<StatusCell>,
    wording: Option<String>,
    commentary: Option<String>,
    #[serde(rename = "where")]
    place: Option<String>,
    confidence: Option<String>,
    suggested: bool,
    rule: String,
    score: Option<String>,
    detail: String,
    #[serde(skip)]
    sort: (Option<NaiveDate>, u8, String),
}

impl TrailRow {
    fn new(
        what: &str,
        document: String,
        href: Option<String>,
        date: Option<NaiveDate>,
        order: u8,
    ) -> Self {
        TrailRow {
            when: date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "undated".into()),
            what: what.to_string(),
            sort: (date, order, document.clone()),
            document,
            href,
            status: None,
            wording: None,
            commentary: None,
            place: None,
            confidence: None,
            suggested: false,
            rule: String::new(),
            score: None,
            detail: String::new(),
        }
    }

    fn link(mut self, l: Option<&Link>) -> Self {
        if let Some(l) = l {
            self.confidence = Some(two_places(l.confidence));
            // The graph marks the links a person should confirm.
            self.suggested = l.suggested;
            self.rule = l.evidence.rule.name().into_owned();
            self.score = l.evidence.score.map(two_places);
            self.detail = l.evidence.detail.to_string();
        }
        self
    }
}

fn recommendation_page_write(
    env: &Environment<'_>,
    ix: &Index<'_>,
    site: &Value,
    r: &Recommendation,
    out: &mut dyn FolderSink,
) -> Result<(), ExportError> {
    let id = r.id.as_str();
    let review = ix.reviews.get(r.review.as_str());
    let council = review.map(|v| v.council.as_str()).unwrap_or_default();
    let to = ix.links_to.get(id).map(Vec::as_slice).unwrap_or_default();
    let from = ix.links_from.get(id).map(Vec::as_slice).unwrap_or_default();
    let mut trail: Vec<TrailRow> = Vec::new();

    let rec_href = |other: &str| Some(recommendation_page(other));
    for l in to {
        match l.kind {
            LinkKind::Restates => {
                let mut row = TrailRow::new(
                    "Restated",
                    ix.review_label(l.from.as_str()),
                    ix.review_href(l.from.as_str()),
                    ix.review_date(l.from.as_str()),
                    1,
                )
                .link(Some(l));
                row.place = ix
                    .reviews
                    .get(l.from.as_str())
                    .and_then(|v| v.source.clone());
                trail.push(row);
            }
            LinkKind::Responds => {
                let action = ix.actions.get(l.from.as_str());
                let plan = action.map(|a| a.review.as_str()).unwrap_or_default();
                let mut row = TrailRow::new(
                    "Answered by an action",
                    ix.review_label(plan),
                    ix.review_href(plan),
                    ix.review_date(plan),
                    2,
                )
                .link(Some(l));
                if let Some(a) = action {
                    let text = if a.text.is_empty() {
                        "(the plan leaves the action blank)".to_string()
                    } else {
                        a.text.clone()
                    };
                    row.wording = Some(text);
                    row.commentary = a.owner.as_ref().map(|o| format!("Owner: {o}"));
                    let source = ix.reviews.get(plan).and_then(|v| v.source.as_deref());
                    row.place = Some(place(source, a.span));
                }
                trail.push(row);
            }
            LinkKind::Recurs | LinkKind::SimilarTheme => {
                let what = if l.kind == LinkKind::Recurs {
                    "Recurs later as"
                } else {
                    "Similar theme later in"
                };
                let later = ix.recs.get(l.from.as_str());
                let date = later.and_then(|x| ix.review_date(x.review.as_str()));
                let doc = later.map_or_else(
                    || l.from.to_string(),
                    |x| format!("{} ({})", headline(x), x.id),
                );
                trail.push(
                    TrailRow::new(what, doc, rec_href(l.from.as_str()), date, 4).link(Some(l)),
                );
            }
            _ => {}
        }
    }
    for p in ix.progress.get(id).map(Vec::as_slice).unwrap_or_default() {
        let link = to
            .iter()
            .copied()
            .find(|l| l.kind == LinkKind::ReportsProgress && l.from.as_str() == p.review.as_str());
        let reviewing = p.review.as_str();
        let mut row = TrailRow::new(
            "Reported on",
            ix.review_label(reviewing),
            ix.review_href(reviewing),
            ix.review_date(reviewing),
            3,
        )
        .link(link);
        row.status = Some(status_cell(Some(p.status)));
        row.wording = Some(p.wording.clone());
        row.commentary = p.commentary.clone();
        let source = ix.reviews.get(reviewing).and_then(|v| v.source.as_deref());
        row.place = Some(place(source, p.span));
        trail.push(row);
    }
    for l in from {
        if matches!(l.kind, LinkKind::Recurs | LinkKind::SimilarTheme) {
            let what = if l.kind == LinkKind::Recurs {
                "Recurs from the earlier"
            } else {
                "Similar theme earlier in"
            };
            let earlier = ix.recs.get(l.to.as_str());
            let date = earlier.and_then(|x| ix.review_date(x.review.as_str()));
            let doc = earlier.map_or_else(
                || l.to.to_string(),
                |x| format!("{} ({})", headline(x), x.id),
            );
            trail.push(TrailRow::new(what, doc, rec_href(l.to.as_str()), date, 0).link(Some(l)));
        }
    }
    trail.sort_by(|a, b| {
        // Undated rows last.
        (a.sort.0.is_none(), &a.sort).cmp(&(b.sort.0.is_none(), &b.sort))
    });

    let due = ix
        .ctx
        .due
        .iter()
        .filter(|d| d.review == r.review && d.status != DueStatus::Satisfied)
        .min_by_key(|d| d.due_by);

    #[derive(Serialize)]
    struct RecView {
        id: String,
        heading: String,
        council: String,
        council_href: String,
        review_label: String,
        review_href: String,
        kind: String,
        themes: Vec<String>,
        title: Option<String>,
        text: String,
        #[serde(rename = "where")]
        place: String,
        cue: Option<String>,
        status: StatusCell,
        reported: String,
        silent: bool,
        due: String,
        due_rule: String,
    }
    let review_label = ix.review_label(r.review.as_str());
    let number = r.label.clone().unwrap_or_else(|| r.number.to_string());
    let view = RecView {
        id: id.to_string(),
        heading: format!(
            "{} {number} of the {review_label} of {}",
            words(r.kind.as_str()),
            ix.council_name(council)
        ),
        council: ix.council_name(council).to_string(),
        council_href: council_page(council),
        review_label,
        review_href: review_href(council, r.review.as_str()),
        kind: words(r.kind.as_str()),
        themes: r.themes.iter().map(|t| t.name().into_owned()).collect(),
        title: r.title.clone(),
        text: r.text.clone(),
        place: place(
            r.source
                .as_deref()
                .or_else(|| review.and_then(|v| v.source.as_deref())),
            r.span,
        ),
        cue: r.cue.as_ref().map(|c| c.words.to_string()),
        status: status_cell(r.latest.as_deref().map(|l| l.status)),
        reported: r
            .latest
            .as_ref()
            .map(|l| match l.reported {
                Some(d) => format!(
                    "{} by the {}",
                    d.format("%Y-%m-%d"),
                    ix.review_label(l.review.as_str())
                ),
                None => format!("by the {}", ix.review_label(l.review.as_str())),
            })
            .unwrap_or_default(),
        silent: r.silent,
        due: due
            .map(|d| d.due_by.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        due_rule: due
            .map(|d| {
                format!(
                    "{}, {}: {}",
                    words(d.step.as_str()),
                    d.status.as_str(),
                    d.rule_text
                )
            })
            .unwrap_or_default(),
    };
    let page = context! { rec => v(&view), trail => v(&trail) };
    let html = render(env, "recommendation.html", "../", site, page, context! {})?;
    out.put(&recommendation_page(id), &html)
}

fn due_page(
    env: &Environment<'_>,
    ix: &Index<'_>,
    site: &Value,
    out: &mut dyn FolderSink,
) -> Result<(), ExportError> {
    let due: Vec<DueView> = ix.ctx.due.iter().map(|d| due_view(ix, d)).collect();
    let count = |s: DueStatus| ix.ctx.due.iter().filter(|d| d.status == s).count();
    let page = context! {
        due => v(&due),
        counts => context! { overdue => count(DueStatus::Overdue), due => count(DueStatus::Due), satisfied => count(DueStatus::Satisfied) },
    };
    let html = render(env, "due.html", "", site, page, context! {})?;
    out.put("due.html", &html)
}

fn people_page(
    env: &Environment<'_>,
    ix: &Index<'_>,
    site: &Value,
    out: &mut dyn FolderSink,
) -> Result<(), ExportError> {
    #[derive(Serialize)]
    struct Served {
        review: String,
        href: String,
        position: String,
        role: Option<String>,
        organisation: Option<String>,
    }
    #[derive(Serialize)]
    struct PersonRow {
        anchor: String,
        name: String,
        aliases: Vec<String>,
        served: Vec<Served>,
    }
    let mut served: BTreeMap<&str, Vec<Served>> = BTreeMap::new();
    for r in &ix.ctx.data.reviews {
        for m in &r.peers {
            served.entry(m.person.as_str()).or_default().push(Served {
                review: format!(
                    "{}, {}",
                    ix.council_name(r.council.as_str()),
                    review_label(r)
                ),
                href: review_href(r.council.as_str(), r.id.as_str()),
                position: words(m.position.as_str()),
                role: m.role.as_deref().map(str::to_string),
                organisation: m.organisation.as_deref().map(str::to_string),
            });
        }
    }
    let people: Vec<PersonRow> = ix
        .ctx
        .data
        .people
        .iter()
        .map(|p| PersonRow {
            anchor: encode(p.id.as_str()),
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            served: served.remove(p.id.as_str()).unwrap_or_default(),
        })
        .collect();
    let page = context! { people => v(&people) };
    let html = render(env, "people.html", "", site, page, context! {})?;
    out.put("people.html", &html)
}

/// A template value from any serialisable view model.
fn v<T: Serialize>(x: T) -> Value {
    Value::from(minijinja::value::Serde(x))
}

/// A confidence or score as the pages show it: two decimal places.
fn two_places(value: f64) -> String {
    let mut out = String::new();
    peertrail_core::push_fixed(value, 2, &mut out);
    out
}
