//! `peertrail links`: the links of a corpus with their evidence, the
//! earlier and the later wording side by side, so a person can check them
//! quickly; `--suggested` keeps those a person should confirm.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use peertrail_core::{Dataset, Link, LinkKind, RecommendationId, Source};
use serde::Serialize;

use super::query::CorpusArgs;
use super::suggest;
use crate::{finish, write_stdout, LoadArgs};

#[derive(Debug, Args)]
pub struct LinksArgs {
    /// Only the links under the confidence a person should confirm.
    #[arg(long)]
    suggested: bool,
    /// Only links of this kind (restates, reports_progress, responds,
    /// recurs, similar_theme, follows, references, covered_by).
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// Only this council's links, by id or by name.
    #[arg(long, value_name = "COUNCIL")]
    council: Option<String>,
    /// Council name for reports that never name their council (a sidecar's
    /// wins). Spelled out here because `--council` chooses whose links to list.
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

pub const LINKS_HELP: &str = "\
Lists links between items with the rule that made each one, its score and
confidence, and the two wordings side by side: the earlier item's text, and the
later document's words (the restatement, the action, the status, the later
recommendation). Links under the confidence threshold are marked suggested: a
person should confirm or reject them, and each shows the `peertrail decide link`
command that records either decision (the JSON gives them as `confirm` and
`reject`). Links a person confirmed or added are marked decided.

Examples:
  peertrail links --suggested --corpus reports/
  peertrail links --kind restates --council marshfield --corpus reports/ --json";

/// One link with the words on both sides.
#[derive(Debug, Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    link: &'a Link,
    /// The earlier item's wording.
    earlier: Option<String>,
    /// The later document's wording.
    later: Option<String>,
    /// The command that records a person confirming the link.
    confirm: String,
    /// The command that records a person rejecting it.
    reject: String,
}

/// `peertrail decide link FROM TO --kind KIND --confirm --corpus DIR`.
fn decide_command(l: &Link, verdict: &str, dir: &str) -> String {
    format!(
        "peertrail decide link {} {} --kind {} {verdict} --corpus {}",
        shell_quote(l.from.as_str()),
        shell_quote(l.to.as_str()),
        l.kind.as_str(),
        shell_quote(dir)
    )
}

/// Single-quoted for a POSIX shell when it holds anything but plain characters.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.:".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// `peertrail links`.
pub fn links(args: LinksArgs) -> Result<ExitCode> {
    let load_args = LoadArgs {
        council: args.default_council.clone(),
        strict: args.strict,
        pdf_engine: peertrail_read::PdfEngine::default(),
        no_cache: args.no_cache,
        quiet: args.quiet,
    };
    let (corpus, linked) = super::decide::linked(&args.corpus.corpus, &load_args)?;
    let graph = linked.graph;
    let data = graph.dataset();
    let dir = args
        .corpus
        .corpus
        .iter()
        .find(|p| p.is_dir())
        .map_or_else(|| "DIR".to_string(), |p| p.display().to_string());
    let kind = match args.kind.as_deref() {
        None => None,
        Some(k) => Some(kind_named(k)?),
    };
    let council = args
        .council
        .as_deref()
        .map(|c| suggest::council(&graph, c))
        .transpose()?;
    let shown: Vec<Shown<'_>> = data
        .links
        .iter()
        .filter(|l| !args.suggested || l.suggested)
        // Links between councils on a shared theme are many and opt-in, as
        // in the exports: only when asked for by kind.
        .filter(|l| match kind {
            Some(k) => l.kind == k,
            None => l.kind != LinkKind::SimilarTheme,
        })
        .filter(|l| {
            council.as_ref().is_none_or(|c| {
                l.from.as_str().starts_with(&format!("{c}/"))
                    || l.to.as_str().starts_with(&format!("{c}/"))
            })
        })
        .map(|l| Shown {
            link: l,
            earlier: wording(data, l.to.as_str()),
            later: later_wording(data, l),
            confirm: decide_command(l, "--confirm", &dir),
            reject: decide_command(l, "--reject", &dir),
        })
        .collect();
    if args.corpus.json {
        let mut out = serde_json::to_string_pretty(&shown)?;
        out.push('\n');
        write_stdout(&out)?;
    } else {
        write_stdout(&text(&shown))?;
    }
    Ok(finish(&corpus))
}

fn kind_named(name: &str) -> Result<LinkKind> {
    const ALL: [LinkKind; 8] = [
        LinkKind::Restates,
        LinkKind::Responds,
        LinkKind::ReportsProgress,
        LinkKind::Recurs,
        LinkKind::SimilarTheme,
        LinkKind::Follows,
        LinkKind::References,
        LinkKind::CoveredBy,
    ];
    ALL.into_iter()
        .find(|k| k.as_str() == name.trim())
        .ok_or_else(|| {
            let known: Vec<&str> = ALL.iter().map(|k| k.as_str()).collect();
            anyhow::anyhow!("unknown link kind `{name}`; known: {}", known.join(", "))
        })
}

/// The text of a recommendation, action or review by id.
fn wording(data: &Dataset, id: &str) -> Option<String> {
    if let Some(r) = data.recommendation(&RecommendationId::from_raw(id)) {
        return Some(match &r.title {
            Some(t) => format!("{t} {}", r.text),
            None => r.text.clone(),
        });
    }
    if let Some(a) = data.actions.iter().find(|a| a.id.as_str() == id) {
        return Some(a.text.clone());
    }
    data.reviews
        .iter()
        .find(|r| r.id.as_str() == id)
        .and_then(|r| r.title.clone())
}

/// The later side's words: the restatement (kept in the evidence), the
/// status and its commentary, the action, the later recommendation.
fn later_wording(data: &Dataset, l: &Link) -> Option<String> {
    match l.kind {
        LinkKind::Restates => Some(l.evidence.detail.to_string()),
        LinkKind::ReportsProgress => data
            .progress
            .iter()
            .find(|p| l.from == p.review.as_str() && l.to == p.recommendation.as_str())
            .map(|p| match &p.commentary {
                Some(c) => format!("{}: {c}", p.wording),
                None => p.wording.clone(),
            }),
        _ => wording(data, l.from.as_str()),
    }
}

fn text(shown: &[Shown<'_>]) -> String {
    let mut s = String::new();
    if shown.is_empty() {
        s.push_str("no links\n");
    }
    for x in shown {
        let l = x.link;
        let _ = writeln!(
            s,
            "{} {} -> {}  [{} {}conf {:.2}]{}",
            l.kind.as_str(),
            l.from,
            l.to,
            l.evidence.rule,
            l.evidence
                .score
                .map_or_else(String::new, |v| format!("score {v:.2}, ")),
            l.confidence,
            match (l.suggested, l.source) {
                (true, _) => " suggested",
                (false, Source::Decided) => " decided",
                _ => "",
            }
        );
        if let Some(e) = &x.earlier {
            let _ = writeln!(s, "    earlier: {e}");
        }
        if let Some(w) = &x.later {
            let _ = writeln!(s, "    later:   {w}");
        }
        if l.suggested {
            let _ = writeln!(s, "    confirm: {}", x.confirm);
            let _ = writeln!(s, "    reject:  {}", x.reject);
        }
    }
    s
}
