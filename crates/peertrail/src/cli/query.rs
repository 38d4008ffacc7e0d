//! `trace`, `timeline`, `due` and `people`: questions asked of the linked
//! corpus, answered as text for people or `--json` for programs.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Args;
use peertrail::render;
use peertrail_core::RecommendationId;
use peertrail_graph::Graph;
use serde_json::{Map, Value};

use super::suggest;
use crate::{finish, write_stdout, LoadArgs};

/// Where the corpus is and how to answer.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// A folder of reports (read recursively) or a report file; repeatable.
    #[arg(long = "corpus", value_name = "DIR", required = true)]
    pub(crate) corpus: Vec<PathBuf>,
    /// Print JSON for programs instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub struct TraceArgs {
    /// The recommendation id, e.g. `marshfield/2019-11-05-cpc#r2`
    /// (ids are listed by `peertrail export` in recommendations.csv).
    #[arg(value_name = "REC_ID")]
    id: String,
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    load: LoadArgs,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The council, by id (`marshfield`) or by name (`Marshfield Borough Council`).
    #[arg(value_name = "COUNCIL")]
    wanted: String,
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    load: LoadArgs,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// The day to judge by (YYYY-MM-DD); defaults to today's local date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Only this council's next steps, by id or by name.
    #[arg(long, value_name = "COUNCIL")]
    council: Option<String>,
    /// Council name for reports that never name their council (a sidecar's
    /// wins). Spelled out here because `--council` chooses whose steps to list.
    #[arg(long, value_name = "NAME")]
    default_council: Option<String>,
    /// Refuse to answer when a file cannot be read.
    #[arg(long)]
    strict: bool,
    /// Read every report afresh, without the extraction cache.
    #[arg(long)]
    no_cache: bool,
    /// No progress line on stderr.
    #[arg(long, short = 'q')]
    quiet: bool,
    #[command(flatten)]
    corpus: CorpusArgs,
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// Only people whose name, or any way a report wrote it, contains this
    /// (case and punctuation ignored); everyone when left out.
    #[arg(value_name = "NAME")]
    name: Option<String>,
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    load: LoadArgs,
}

pub const TRACE_HELP: &str = "\
Prints the recommendation (its review, text, themes, latest status) and then every
later event touching it, in date order: restated by a later document, answered by
an action, a status reported, repeated by a later recommendation. Each event shows
the rule that linked it and its confidence.

Examples:
  peertrail trace 'marshfield/2019-11-05-cpc#r2' --corpus reports/
  peertrail trace 'marshfield/2019-11-05-cpc#r2' --corpus reports/ --json | jq '.events[].kind'

An unknown id exits with status 2 and lists the closest ids in the corpus.";

pub const TIMELINE_HELP: &str = "\
Prints every review and document about the council in date order (undated last),
with how many recommendations, actions, status reports and peers each has, how many
of its recommendations were never mentioned again (silent), and their latest
statuses. Reviews that later documents mention but the corpus does not hold are
marked [placeholder: not in the corpus].

Examples:
  peertrail timeline marshfield --corpus reports/
  peertrail timeline 'Marshfield Borough Council' --corpus reports/ --json";

pub const DUE_HELP: &str = "\
For every Corporate Peer Challenge in the corpus held by the --as-of date, lists the
next steps the LGA rules of its era expect (report publication, action plan, progress
review or follow-up visit, next peer challenge), replaced by the steps the report
itself states, grouped as overdue, due and satisfied, each with the rule applied.
--as-of defaults to today's local date; give it explicitly for repeatable output.

Then every action with a target date (an action plan's Timescale, Due or Deadline,
or a date a person revised with `peertrail decide due`), late or on time against
the original and the revised date, judged by its recommendation's latest status.

--json prints {\"as_of\": DATE, \"council\": ID or null, \"items\": [...], \"actions\": [...]}.

Examples:
  peertrail due --as-of 2026-11-22 --corpus reports/
  peertrail due --as-of 2026-11-22 --council marshfield --corpus reports/ --json";

pub const PEOPLE_HELP: &str = "\
Prints each peer (member and officer peers, shadows, peer challenge managers, LGA
advisers), every way the reports wrote their name, the reviews they served on in date
order with their role and organisation at the time, and why written forms were merged
into one person. Council staff met during a review are not peers.

Examples:
  peertrail people --corpus reports/
  peertrail people holloway --corpus reports/ --json";

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("`{s}` is not a date of the form YYYY-MM-DD ({e})"))
}

/// Loads the corpus, links it and applies its decisions.
fn graph(corpus: &CorpusArgs, load_args: &LoadArgs) -> Result<(peertrail::Corpus, Graph)> {
    let (corpus, linked) = super::decide::linked(&corpus.corpus, load_args)?;
    Ok((corpus, linked.graph))
}

fn answer<T: serde::Serialize>(json: bool, value: &T, text: impl FnOnce() -> String) -> Result<()> {
    if json {
        let mut out = serde_json::to_string_pretty(value).context("cannot encode the answer")?;
        out.push('\n');
        write_stdout(&out)
    } else {
        write_stdout(&text())
    }
}

/// `peertrail trace REC_ID`.
pub fn trace(args: TraceArgs) -> Result<ExitCode> {
    let (corpus, graph) = graph(&args.corpus, &args.load)?;
    let id = RecommendationId::from_raw(args.id.trim());
    let trace = graph
        .trace(&id)
        .ok_or_else(|| suggest::unknown_recommendation(&graph, &args.id))?;
    answer(args.corpus.json, &trace, || render::trace_text(&trace))?;
    Ok(finish(&corpus))
}

/// `peertrail timeline COUNCIL`.
pub fn timeline(args: TimelineArgs) -> Result<ExitCode> {
    let (corpus, graph) = graph(&args.corpus, &args.load)?;
    let council = suggest::council(&graph, &args.wanted)?;
    let timeline = graph
        .timeline(&council)
        .ok_or_else(|| anyhow::anyhow!("no council `{council}` in the corpus"))?;
    answer(args.corpus.json, &timeline, || {
        render::timeline_text(&timeline)
    })?;
    Ok(finish(&corpus))
}

/// `peertrail due [--as-of DATE] [--council C]`.
pub fn due(args: DueArgs) -> Result<ExitCode> {
    let load_args = LoadArgs {
        council: args.default_council.clone(),
        strict: args.strict,
        pdf_engine: peertrail_read::PdfEngine::default(),
        no_cache: args.no_cache,
        quiet: args.quiet,
    };
    let (corpus, graph) = graph(&args.corpus, &load_args)?;
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let council = args
        .council
        .as_deref()
        .map(|c| suggest::council(&graph, c))
        .transpose()?;
    let items = graph.due(as_of, council.as_ref());
    // An object rather than the bare list: the date judged by is part of
    // the answer, all the more when it defaulted to today.
    let mut doc = Map::new();
    doc.insert(
        "as_of".into(),
        Value::String(as_of.format("%Y-%m-%d").to_string()),
    );
    doc.insert(
        "council".into(),
        council
            .as_ref()
            .map_or(Value::Null, |c| Value::String(c.to_string())),
    );
    doc.insert(
        "items".into(),
        serde_json::to_value(&items).context("cannot encode the answer")?,
    );
    let actions = super::decide::actions_due(graph.dataset(), as_of, council.as_ref());
    doc.insert(
        "actions".into(),
        serde_json::to_value(&actions).context("cannot encode the answer")?,
    );
    answer(args.corpus.json, &doc, || {
        render::due_text(&items, as_of) + &super::decide::actions_due_text(&actions)
    })?;
    Ok(finish(&corpus))
}

/// `peertrail people [NAME]`.
pub fn people(args: PeopleArgs) -> Result<ExitCode> {
    let (corpus, graph) = graph(&args.corpus, &args.load)?;
    let people = graph.people(args.name.as_deref());
    answer(args.corpus.json, &people, || render::people_text(&people))?;
    Ok(finish(&corpus))
}
