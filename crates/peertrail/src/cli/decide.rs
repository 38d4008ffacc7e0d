//! Recording decisions: `decide link|correct|not-recommendation|due|peer`,
//! `update`, `respond` and `import-updates` write the corpus folder's
//! decisions file; `linked` is how every command reads a corpus with its
//! decisions applied, reporting orphaned decisions on stderr.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::time::{Duration, Instant};

use peertrail::timings::Timings;
use peertrail::{Corpus, Linked};
use peertrail_core::{Dataset, LinkKind, RecommendationId, ResponseKind, Status};
use peertrail_decisions::{
    import, Decision, DecisionsError, Field, Fingerprints, LinkVerdict, OutcomeKind, PeerVerdict,
    TrackerFormat, TrackerRow, MAX_TRACKER_BYTES, TRACKER_COLUMNS,
};

use super::progress::Progress;
use super::suggest;
use crate::{load, LoadArgs, EXIT_SOME_FAILED};

/// Loads a corpus, links it and applies the decisions files of its
/// folders; orphaned and invalid decisions are reported on stderr.
pub fn linked(inputs: &[PathBuf], load_args: &LoadArgs) -> Result<(Corpus, Linked)> {
    let mut progress = Progress::start(load_args.quiet);
    let result = linked_timed(inputs, load_args, &mut Timings::start(), &progress);
    progress.finish();
    result
}

/// [`linked`], recording how long reading and linking took and showing
/// how far it has got on `progress`.
pub fn linked_timed(
    inputs: &[PathBuf],
    load_args: &LoadArgs,
    timings: &mut Timings,
    progress: &Progress,
) -> Result<(Corpus, Linked)> {
    let start = Instant::now();
    let corpus = load(inputs, load_args, progress)?;
    link_loaded(inputs, corpus, start.elapsed(), timings, progress, true)
}

/// [`linked_timed`] for a corpus already loaded, which took `took`;
/// `similar_theme` says whether the caller shows `similar_theme` links
/// (see [`peertrail::link_with`]).
pub fn link_loaded(
    inputs: &[PathBuf],
    mut corpus: Corpus,
    took: Duration,
    timings: &mut Timings,
    progress: &Progress,
    similar_theme: bool,
) -> Result<(Corpus, Linked)> {
    let mb = corpus.bytes_seen as f64 / 1e6;
    timings.record(
        "read and extract",
        took,
        format!(
            "{} files, {mb:.1} MB, {:.1} MB/s, {} from the cache",
            corpus.files_seen,
            mb / took.as_secs_f64().max(1e-9),
            corpus.from_cache
        ),
    );
    progress.stage("linking");
    let extractions = std::mem::take(&mut corpus.extractions);
    let linked = timings
        .time("link and decide", || {
            peertrail::link_with(inputs, extractions, similar_theme)
        })
        .context("the decisions file cannot be used; nothing was written")?;
    report(&linked, progress);
    Ok((corpus, linked))
}

fn report(linked: &Linked, progress: &Progress) {
    for (path, report) in &linked.reports {
        let problems = report.count(OutcomeKind::Orphaned) + report.count(OutcomeKind::Invalid);
        if problems == 0 {
            continue;
        }
        progress.println(&format_args!(
            "peertrail: {}: {} decision(s) applied, {} not needed, {} orphaned, {} invalid",
            path.display(),
            report.count(OutcomeKind::Applied),
            report.count(OutcomeKind::NotNeeded),
            report.count(OutcomeKind::Orphaned),
            report.count(OutcomeKind::Invalid),
        ));
        for o in report.problems() {
            progress.println(&format_args!(
                "{}:{}: {}: {}: {}",
                path.display(),
                o.line,
                o.kind.as_str(),
                o.summary,
                o.reason.as_deref().unwrap_or_default()
            ));
            if o.kind == OutcomeKind::Orphaned {
                if o.candidates.is_empty() {
                    progress.println(&format_args!("    no close candidate in the corpus now"));
                }
                for c in &o.candidates {
                    progress.println(&format_args!("    candidate: {c}"));
                }
            }
        }
    }
}

/// The corpus folder whose decisions file a command writes.
#[derive(Debug, Args)]
pub struct DecideCorpus {
    /// The corpus folder: its reports are read to check ids, and its
    /// `peertrail-decisions.toml` is written (created when missing).
    #[arg(long = "corpus", value_name = "DIR", required = true)]
    corpus: PathBuf,
    /// Who is deciding, kept with the decision.
    #[arg(long, value_name = "NAME")]
    who: Option<String>,
    /// Why, in your words; kept with the decision.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    #[command(flatten)]
    load: LoadArgs,
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    #[command(subcommand)]
    what: DecideWhat,
}

#[derive(Debug, Subcommand)]
enum DecideWhat {
    /// Confirm or reject a link the tool made, or add one it missed.
    #[command(after_help = LINK_HELP)]
    Link(LinkArgs),
    /// Correct an extracted field; the id stays as extracted.
    #[command(after_help = CORRECT_HELP)]
    Correct(CorrectArgs),
    /// Mark an item as not a recommendation: it leaves every output.
    NotRecommendation(NotRecArgs),
    /// Record a new target date for an action; the plan's own date is kept beside it.
    Due(DueArgs),
    /// Correct, remove or add a member of a review's peer team.
    #[command(after_help = PEER_HELP)]
    Peer(PeerArgs),
}

pub const DECIDE_HELP: &str = "\
Every decision is appended to the corpus folder's peertrail-decisions.toml (history:
never rewritten) and applied by every command after extraction and linking. A
decision names its target by id and by a fingerprint of its text: if a later run
finds the text changed, the decision is reported as orphaned with the closest
candidates instead of being applied to the wrong item.

Examples:
  peertrail decide link 'corrington/2021-06-14-progress-review' 'corrington/2019-09-17-cpc#r4' --confirm --corpus reports/
  peertrail decide correct 'corrington/2019-09-17-cpc#r2' --field title --value 'Agree who leads each priority' --corpus reports/
  peertrail decide due 'corrington/2019-12-11-action-plan#a8' --date 2020-09 --note 'recruitment paused' --corpus reports/";

const LINK_HELP: &str = "\
FROM is the later or dependent item (the document, action or later recommendation),
TO the earlier one, as `peertrail links` lists them. --confirm and --reject find the
link's kind themselves when only one link joins FROM and TO; --add needs --kind.
A rejected reports_progress link takes its status with it.

Examples:
  peertrail links --suggested --corpus reports/
  peertrail decide link 'marshfield/2021-03-17-remote-support' 'marshfield/2018-09-11-cpc#r3' --reject --corpus reports/
  peertrail decide link 'corrington/2019-12-11-action-plan#a5' 'corrington/2019-09-17-cpc#r5' --add --kind responds --corpus reports/";

const CORRECT_HELP: &str = "\
Fields: a recommendation's title, text, number or kind (recommendation, reflection,
suggestion); an action's text or owner; a review's title, date (YYYY-MM-DD, YYYY-MM
or YYYY), kind or council. An empty --value clears a title or owner. Exports list
the corrected fields in `decided`.";

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("verdict").required(true).args(["confirm", "reject", "add"])))]
struct LinkArgs {
    /// The later or dependent item's id.
    #[arg(value_name = "FROM")]
    from: String,
    /// The earlier item's id.
    #[arg(value_name = "TO")]
    to: String,
    /// The link is right: it stops being suggested.
    #[arg(long)]
    confirm: bool,
    /// The link is wrong: it is removed.
    #[arg(long)]
    reject: bool,
    /// The tool missed this link: add it (needs --kind).
    #[arg(long)]
    add: bool,
    /// The link's kind (restates, responds, reports_progress, recurs,
    /// similar_theme, follows, references, covered_by).
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    #[command(flatten)]
    corpus: DecideCorpus,
}

#[derive(Debug, Args)]
struct CorrectArgs {
    /// The recommendation, action or review id.
    #[arg(value_name = "ID")]
    id: String,
    /// The field (title, text, number, kind, owner, date, council).
    #[arg(long, value_name = "FIELD", value_parser = parse_field)]
    field: Field,
    /// The value to show instead of the extracted one.
    #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
    value: String,
    #[command(flatten)]
    corpus: DecideCorpus,
}

const PEER_HELP: &str = "\
PERSON is the member's person id as peers.csv lists it (`person`); `peertrail people
NAME --corpus DIR` finds it. --correct changes what is shown (the id stays, so other
decisions keep pointing at it; a corrected name becomes the person's shown name, the
old one an alias); --remove takes an entry that is not a member (an attendee, a
contact) off the team; --add puts a member the tool missed on it (needs --name).
Exports list the decided fields of each member in `decided`.

Positions: member_peer, officer_peer, shadow, peer_challenge_manager, lga_adviser,
lga_staff.

Examples:
  peertrail decide peer 'marshfield/2018-09-11-cpc' jo-hart --correct --name 'Jo Harte' --corpus reports/
  peertrail decide peer 'marshfield/2018-09-11-cpc' sam-vale --remove --note 'an attendee' --corpus reports/
  peertrail decide peer 'marshfield/2018-09-11-cpc' --add --name 'Ravi Shah' --role 'Chief Executive' --position officer_peer --corpus reports/";

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("verdict").required(true).args(["correct", "remove", "add"])))]
struct PeerArgs {
    /// The review id.
    #[arg(value_name = "REVIEW_ID")]
    review: String,
    /// The member's person id (as in peers.csv); not with --add.
    #[arg(value_name = "PERSON")]
    person: Option<String>,
    /// Show the given --name, --role, --organisation or --position instead.
    #[arg(long)]
    correct: bool,
    /// The entry is not a member of the team.
    #[arg(long)]
    remove: bool,
    /// Add a member the tool missed (needs --name).
    #[arg(long)]
    add: bool,
    /// The member's name, without honorifics.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Their role (empty clears it).
    #[arg(long, value_name = "ROLE", allow_hyphen_values = true)]
    role: Option<String>,
    /// Their organisation (empty clears it).
    #[arg(long, value_name = "ORG", allow_hyphen_values = true)]
    organisation: Option<String>,
    /// Their position on the team.
    #[arg(long, value_name = "POSITION")]
    position: Option<String>,
    #[command(flatten)]
    corpus: DecideCorpus,
}

#[derive(Debug, Args)]
struct NotRecArgs {
    /// The recommendation id.
    #[arg(value_name = "REC_ID")]
    id: String,
    #[command(flatten)]
    corpus: DecideCorpus,
}

#[derive(Debug, Args)]
struct DueArgs {
    /// The action id (`plan#aN`, as in actions.csv).
    #[arg(value_name = "ACTION_ID")]
    id: String,
    /// The new target: YYYY-MM-DD, YYYY-MM (the whole month) or YYYY.
    #[arg(long, value_name = "DATE")]
    date: String,
    #[command(flatten)]
    corpus: DecideCorpus,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The recommendation id, as in recommendations.csv.
    #[arg(value_name = "REC_ID")]
    id: String,
    /// The status (complete, significant_progress, in_progress, begun,
    /// not_started, superseded, unknown).
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    status: Status,
    /// The day the status held (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    date: NaiveDate,
    #[command(flatten)]
    corpus: DecideCorpus,
}

pub const UPDATE_HELP: &str = "\
Records a status between published reviews. The latest status shown everywhere
follows dates, whatever their source: an update dated after the last review that
reported on the recommendation becomes its latest status (source `updated`), an
earlier one stays on record. Updates are never overwritten; record a newer one.

Examples:
  peertrail update 'corrington/2019-09-17-cpc#r3' --status in_progress --date 2024-05-01 \\
      --note 'Portfolio review reported to Audit Committee' --who 'Policy Team' --corpus reports/";

#[derive(Debug, Args)]
pub struct RespondArgs {
    /// The recommendation id, as in recommendations.csv.
    #[arg(value_name = "REC_ID")]
    id: String,
    /// accepted, partly_accepted, not_accepted or noted.
    #[arg(long, value_name = "RESPONSE", value_parser = parse_response)]
    response: ResponseKind,
    /// When the council responded (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    date: NaiveDate,
    #[command(flatten)]
    corpus: DecideCorpus,
}

pub const RESPOND_HELP: &str = "\
Records the council's response to a recommendation (shown as `response` in every
export). A later response replaces the one shown; the earlier stays on record.

Examples:
  peertrail respond 'corrington/2019-09-17-cpc#r3' --response partly_accepted --date 2019-12-11 --corpus reports/";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The edited tracker: recommendations.csv or peertrail.xlsx as
    /// `peertrail export` wrote it.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Take nothing when any row cannot be used.
    #[arg(long)]
    strict: bool,
    /// Report what would be taken, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The corpus folder whose decisions file is written.
    #[arg(long = "corpus", value_name = "DIR", required = true)]
    corpus: PathBuf,
    /// Council name for reports that never name their council (a sidecar's wins).
    #[arg(long, value_name = "NAME")]
    default_council: Option<String>,
}

pub const IMPORT_HELP: &str = "\
Reads a tracker a person edited and records every changed cell of its tracker
columns as a decision: update_status, update_date, update_note, update_who (a new
status update) and response, response_date, response_note (the council's response).
The tracker is recommendations.csv from `peertrail export --format csv` (edited and
saved as CSV) or the workbook peertrail.xlsx from `--format xlsx` (edited in Excel and
saved as .xlsx; its Recommendations sheet carries the same columns). A zip file or a
.xlsx name is read as a workbook, anything else as CSV.

Rows are compared with what the corpus shows now, so unchanged rows add nothing and
importing the same file twice is harmless. Statuses and responses may be written as
words (\"In progress\", \"Partly accepted\"); dates as YYYY-MM-DD or DD/MM/YYYY, or in
the workbook as date cells.

Each change taken and each row refused is reported with its line (FILE:LINE) or its
sheet row (FILE: sheet Recommendations, row N). Exit status 1 when some rows were
refused (the others are taken), or, with --strict, when any row is invalid (then
nothing is taken); 2 when the file cannot be read as a tracker (nothing is taken).

Examples:
  peertrail export --corpus reports/ --out out/ --format csv,xlsx
  # edit out/recommendations.csv and save as CSV, or edit out/peertrail.xlsx
  peertrail import-updates out/recommendations.csv --corpus reports/
  peertrail import-updates out/peertrail.xlsx --corpus reports/";

fn parse_status(s: &str) -> Result<Status, String> {
    let k = s.trim().to_lowercase().replace([' ', '-'], "_");
    Status::ALL
        .into_iter()
        .find(|st| st.as_str() == k)
        .ok_or_else(|| {
            format!(
                "`{s}` is not a status; one of: {}",
                Status::ALL.map(Status::as_str).join(", ")
            )
        })
}

fn parse_response(s: &str) -> Result<ResponseKind, String> {
    let k = s.trim().to_lowercase().replace([' ', '-'], "_");
    ResponseKind::ALL
        .into_iter()
        .find(|r| r.as_str() == k)
        .ok_or_else(|| {
            format!(
                "`{s}` is not a response; one of: {}",
                ResponseKind::ALL.map(ResponseKind::as_str).join(", ")
            )
        })
}

fn parse_field(s: &str) -> Result<Field, String> {
    Field::ALL
        .into_iter()
        .find(|f| f.as_str() == s.trim())
        .ok_or_else(|| {
            format!(
                "`{s}` is not a field; one of: {}",
                Field::ALL.map(Field::as_str).join(", ")
            )
        })
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("`{s}` is not a date of the form YYYY-MM-DD ({e})"))
}

fn kind_named(name: &str) -> Result<LinkKind> {
    LinkKind::ALL
        .into_iter()
        .find(|k| k.as_str() == name.trim())
        .ok_or_else(|| {
            let known: Vec<&str> = LinkKind::ALL.iter().map(|k| k.as_str()).collect();
            anyhow::anyhow!("unknown link kind `{name}`; known: {}", known.join(", "))
        })
}

fn read(c: &DecideCorpus) -> Result<(Corpus, Linked, Fingerprints)> {
    if !c.corpus.is_dir() {
        bail!(
            "{} is not a folder: decisions are kept in a corpus folder's {}",
            c.corpus.display(),
            peertrail_decisions::FILE_NAME
        );
    }
    let (corpus, linked) = linked(std::slice::from_ref(&c.corpus), &c.load)?;
    let fps = Fingerprints::of(linked.extracted());
    Ok((corpus, linked, fps))
}

/// The error for an id that names nothing, with the closest ids.
fn unknown_id(data: &Dataset, input: &str) -> anyhow::Error {
    let input = input.trim();
    let ids = data
        .recommendations
        .iter()
        .map(|r| r.id.as_str())
        .chain(data.actions.iter().map(|a| a.id.as_str()))
        .chain(data.reviews.iter().map(|r| r.id.as_str()));
    let mut ranked: Vec<(usize, &str)> = ids
        .map(|id| {
            let shared = id
                .chars()
                .zip(input.chars())
                .take_while(|(a, b)| a == b)
                .count();
            (shared, id)
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut message = format!("no recommendation, action or review `{input}` in the corpus");
    if !ranked.is_empty() {
        message.push_str("\n  did you mean:");
        for (_, id) in ranked.iter().take(5) {
            let _ = write!(message, "\n    {id}");
        }
    }
    anyhow::Error::msg(message)
}

fn known(data: &Dataset, id: &str) -> bool {
    data.recommendation(&RecommendationId::from_raw(id))
        .is_some()
        || data.actions.iter().any(|a| a.id.as_str() == id)
        || data.reviews.iter().any(|r| r.id.as_str() == id)
}

fn record(dir: &Path, decisions: &[Decision]) -> Result<()> {
    let path = peertrail::append_decisions(dir, decisions).context("nothing was written")?;
    for d in decisions {
        eprintln!("peertrail: recorded in {}: {}", path.display(), d.summary());
    }
    Ok(())
}

/// `peertrail decide …`.
pub fn decide(args: DecideArgs) -> Result<ExitCode> {
    match args.what {
        DecideWhat::Link(a) => decide_link(a),
        DecideWhat::Peer(a) => decide_peer(a),
        DecideWhat::Correct(a) => {
            let (corpus, linked, fps) = read(&a.corpus)?;
            let id = a.id.trim();
            if !known(linked.graph.dataset(), id) {
                return Err(unknown_id(linked.graph.dataset(), id));
            }
            peertrail_decisions::check_value(a.field, &a.value).map_err(anyhow::Error::msg)?;
            let d = Decision::Correct {
                target: id.to_string(),
                fingerprint: fps.fingerprint(id).map(str::to_string),
                text: fps.excerpt(id),
                field: a.field,
                value: a.value,
                note: a.corpus.note.clone(),
                who: a.corpus.who.clone(),
            };
            finish_one(&a.corpus, &corpus, &linked, d)
        }
        DecideWhat::NotRecommendation(a) => {
            let (corpus, linked, fps) = read(&a.corpus)?;
            let id = rec_id(&linked, &a.id)?;
            let d = Decision::NotARecommendation {
                fingerprint: fps.fingerprint(&id).map(str::to_string),
                text: fps.excerpt(&id),
                recommendation: id,
                note: a.corpus.note.clone(),
                who: a.corpus.who.clone(),
            };
            finish_one(&a.corpus, &corpus, &linked, d)
        }
        DecideWhat::Due(a) => {
            let (corpus, linked, fps) = read(&a.corpus)?;
            let id = a.id.trim();
            if !linked
                .graph
                .dataset()
                .actions
                .iter()
                .any(|x| x.id.as_str() == id)
            {
                return Err(unknown_id(linked.graph.dataset(), id));
            }
            let d = Decision::ReviseDue {
                action: id.to_string(),
                fingerprint: fps.fingerprint(id).map(str::to_string),
                text: fps.excerpt(id),
                due: a.date.trim().to_string(),
                note: a.corpus.note.clone(),
                who: a.corpus.who.clone(),
            };
            finish_one(&a.corpus, &corpus, &linked, d)
        }
    }
}

/// `decide peer`: the review and member checked, then recorded.
fn decide_peer(a: PeerArgs) -> Result<ExitCode> {
    let verdict = if a.add {
        PeerVerdict::Add
    } else if a.remove {
        PeerVerdict::Remove
    } else {
        PeerVerdict::Correct
    };
    let person = a.person.as_deref().map(str::trim).filter(|p| !p.is_empty());
    if verdict == PeerVerdict::Add && person.is_some() {
        bail!("--add takes no PERSON: the new member's id comes from --name");
    }
    peertrail_decisions::check_peer(
        verdict,
        person,
        a.name.as_deref(),
        a.role.is_some() || a.organisation.is_some(),
        a.position.as_deref(),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let (corpus, linked, _) = read(&a.corpus)?;
    let data = linked.graph.dataset();
    let review_id = a.review.trim();
    let Some(review) = data.reviews.iter().find(|r| r.id.as_str() == review_id) else {
        return Err(unknown_id(data, review_id));
    };
    let text = match person {
        Some(p) => match review.peers.iter().find(|m| m.person.as_str() == p) {
            Some(m) => Some(m.name.to_string()),
            None => {
                let team: Vec<String> = review
                    .peers
                    .iter()
                    .map(|m| format!("{} ({})", m.person, m.name))
                    .collect();
                bail!(
                    "no member `{p}` on the peer team of `{review_id}`; its members: {}",
                    if team.is_empty() {
                        "none".to_string()
                    } else {
                        team.join(", ")
                    }
                );
            }
        },
        None => None,
    };
    let d = Decision::Peer {
        verdict,
        review: review_id.to_string(),
        person: person.map(str::to_string),
        text,
        name: a.name.map(|n| n.trim().to_string()),
        role: a.role,
        organisation: a.organisation,
        position: a.position.map(|p| p.trim().to_string()),
        note: a.corpus.note.clone(),
        who: a.corpus.who.clone(),
    };
    finish_one(&a.corpus, &corpus, &linked, d)
}

/// Checks a decision against the corpus as it stands, then records it.
fn finish_one(c: &DecideCorpus, corpus: &Corpus, linked: &Linked, d: Decision) -> Result<ExitCode> {
    let mut data = linked.graph.dataset().clone();
    let one = peertrail_decisions::Decisions {
        decisions: vec![peertrail_decisions::Recorded {
            line: 0,
            decision: d.clone(),
        }],
    };
    let report = peertrail_decisions::apply(&mut data, &one);
    if let Some(o) = report.problems().next() {
        bail!("{}: {}", o.summary, o.reason.as_deref().unwrap_or_default());
    }
    record(&c.corpus, &[d])?;
    Ok(crate::finish(corpus))
}

fn rec_id(linked: &Linked, input: &str) -> Result<String> {
    let id = RecommendationId::from_raw(input.trim());
    if linked.graph.dataset().recommendation(&id).is_none() {
        return Err(suggest::unknown_recommendation(&linked.graph, input));
    }
    Ok(id.to_string())
}

fn decide_link(a: LinkArgs) -> Result<ExitCode> {
    let (corpus, linked, fps) = read(&a.corpus)?;
    let data = linked.graph.dataset();
    let (from, to) = (a.from.trim(), a.to.trim());
    for id in [from, to] {
        if !known(data, id) {
            return Err(unknown_id(data, id));
        }
    }
    let verdict = if a.add {
        LinkVerdict::Add
    } else if a.reject {
        LinkVerdict::Reject
    } else {
        LinkVerdict::Confirm
    };
    let kind = match (a.kind.as_deref(), verdict) {
        (Some(k), _) => kind_named(k)?,
        (None, LinkVerdict::Add) => bail!("--add needs --kind KIND (the relation to add)"),
        (None, _) => {
            let kinds: Vec<LinkKind> = data
                .links
                .iter()
                .filter(|l| l.from == from && l.to == to)
                .map(|l| l.kind)
                .collect();
            match kinds.as_slice() {
                [k] => *k,
                [] => bail!(
                    "no link {from} -> {to} in the corpus; `peertrail links --corpus {}` lists them, \
                     and --add --kind KIND adds a missing one",
                    a.corpus.corpus.display()
                ),
                many => bail!(
                    "{} links join {from} and {to} ({}); choose one with --kind",
                    many.len(),
                    many.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
                ),
            }
        }
    };
    if verdict == LinkVerdict::Add
        && data
            .links
            .iter()
            .any(|l| l.from == from && l.to == to && l.kind == kind && !l.suggested)
    {
        bail!("the {} link {from} -> {to} is already there", kind.as_str());
    }
    let d = Decision::Link {
        verdict,
        from: from.to_string(),
        to: to.to_string(),
        kind,
        from_fingerprint: fps.fingerprint(from).map(str::to_string),
        to_fingerprint: fps.fingerprint(to).map(str::to_string),
        note: a.corpus.note.clone(),
        who: a.corpus.who.clone(),
    };
    finish_one(&a.corpus, &corpus, &linked, d)
}

/// `peertrail update REC_ID --status S --date D`.
pub fn update(a: UpdateArgs) -> Result<ExitCode> {
    let (corpus, linked, fps) = read(&a.corpus)?;
    let id = rec_id(&linked, &a.id)?;
    let d = Decision::StatusUpdate {
        fingerprint: fps.fingerprint(&id).map(str::to_string),
        text: fps.excerpt(&id),
        recommendation: id,
        status: a.status,
        date: a.date,
        note: a.corpus.note.clone(),
        who: a.corpus.who.clone(),
    };
    finish_one(&a.corpus, &corpus, &linked, d)
}

/// `peertrail respond REC_ID --response R --date D`.
pub fn respond(a: RespondArgs) -> Result<ExitCode> {
    let (corpus, linked, fps) = read(&a.corpus)?;
    let id = rec_id(&linked, &a.id)?;
    let d = Decision::Response {
        fingerprint: fps.fingerprint(&id).map(str::to_string),
        text: fps.excerpt(&id),
        recommendation: id,
        response: a.response,
        date: a.date,
        note: a.corpus.note.clone(),
        who: a.corpus.who.clone(),
    };
    finish_one(&a.corpus, &corpus, &linked, d)
}

/// `peertrail import-updates FILE`.
pub fn import_updates(a: ImportArgs) -> Result<ExitCode> {
    let name = a.file.display().to_string();
    let rows = tracker_rows(&a.file, &name)?;
    let c = DecideCorpus {
        corpus: a.corpus.clone(),
        who: None,
        note: None,
        load: LoadArgs {
            council: a.default_council.clone(),
            strict: false,
            pdf_engine: peertrail_read::PdfEngine::default(),
            no_cache: false,
            quiet: false,
        },
    };
    let (corpus, linked, fps) = read(&c)?;
    let result = import(linked.graph.dataset(), &fps, &rows)
        .map_err(|e| tracker_error(&name, e))
        .with_context(|| {
            format!(
                "{name} is not a tracker (it needs `id` and the columns {})",
                TRACKER_COLUMNS.join(", ")
            )
        })?;
    for ch in &result.changes {
        eprintln!(
            "{}: took: {}",
            ch.place.in_file(&name),
            ch.decision.summary()
        );
    }
    for r in &result.refused {
        eprintln!(
            "{}: refused{}: {}",
            r.place.in_file(&name),
            r.id.as_deref()
                .map_or_else(String::new, |i| format!(" ({i})")),
            r.reason
        );
    }
    let refused = !result.refused.is_empty();
    let summary = format!(
        "{} change(s) found, {} row(s) refused, {} row(s) unchanged",
        result.changes.len(),
        result.refused.len(),
        result.unchanged
    );
    if a.strict && refused {
        eprintln!("peertrail: {summary}; --strict: nothing taken");
        return Ok(ExitCode::from(EXIT_SOME_FAILED));
    }
    if a.dry_run {
        eprintln!("peertrail: {summary}; --dry-run: nothing written");
    } else if !result.changes.is_empty() {
        let decisions: Vec<Decision> = result.changes.into_iter().map(|c| c.decision).collect();
        let path =
            peertrail::append_decisions(&a.corpus, &decisions).context("nothing was written")?;
        eprintln!("peertrail: {summary}; recorded in {}", path.display());
    } else {
        eprintln!("peertrail: {summary}; nothing to record");
    }
    if refused {
        return Ok(ExitCode::from(EXIT_SOME_FAILED));
    }
    Ok(crate::finish(&corpus))
}

/// The rows of a tracker file, CSV or workbook (by its first bytes, else
/// its name); nothing else is read before the file is known to be one.
fn tracker_rows(path: &Path, name: &str) -> Result<Vec<TrackerRow>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {name}"))?
        .len();
    if size > MAX_TRACKER_BYTES {
        bail!(
            "{name}: the file is larger than {} MiB; a tracker is far smaller",
            MAX_TRACKER_BYTES / 1024 / 1024
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    let ext = path.extension().and_then(|e| e.to_str());
    let format = TrackerFormat::of(ext, &bytes).map_err(|e| tracker_error(name, e))?;
    format.rows(&bytes).map_err(|e| tracker_error(name, e))
}

/// A tracker's problem, with the file and the line or sheet row first:
/// `FILE:7: …` for a CSV line, `FILE: sheet Recommendations, row 7: …`.
fn tracker_error(name: &str, e: DecisionsError) -> anyhow::Error {
    match e {
        DecisionsError::Tracker { place, message } => {
            anyhow::anyhow!("{}: {message}", place.in_file(name))
        }
        other => anyhow::anyhow!("{name}: {other}"),
    }
}

/// An action with a target date, judged on the day `due` asks about.
#[derive(Debug, serde::Serialize)]
pub struct ActionDue {
    /// The action.
    pub action: String,
    /// The recommendation it answers.
    pub recommendation: Option<String>,
    /// The plan's own words.
    pub timescale: Option<String>,
    /// The last day of the plan's own target.
    pub due: Option<NaiveDate>,
    /// The last day of the revised target, where a person moved it.
    pub revised: Option<NaiveDate>,
    /// Days the target slipped.
    pub slip_days: Option<i64>,
    /// The recommendation's latest status.
    pub status: Option<&'static str>,
    /// Late against the plan's date (null when it has none).
    pub late_original: Option<bool>,
    /// Late against the revised date (null when it was not revised).
    pub late_revised: Option<bool>,
}

/// Every action with a target date (of `council`, if given), by due date.
pub fn actions_due(
    data: &Dataset,
    as_of: NaiveDate,
    council: Option<&peertrail_core::CouncilId>,
) -> Vec<ActionDue> {
    let mut out: Vec<ActionDue> = data
        .actions
        .iter()
        .filter(|a| council.is_none_or(|c| a.review.council() == *c))
        .filter(|a| a.timescale.as_ref().is_some_and(|t| t.due.is_some()) || a.revised.is_some())
        .map(|a| {
            let latest = a
                .recommendation
                .as_ref()
                .and_then(|r| data.recommendation(r))
                .and_then(|r| r.latest.as_deref());
            let original = a.timescale.as_ref().and_then(|t| t.due);
            let revised = a.revised.as_ref().map(|r| r.due);
            let late = |d: Option<peertrail_core::DateSpan>| {
                d.and_then(|d| peertrail_core::is_late(&d, latest, Some(as_of)))
            };
            ActionDue {
                action: a.id.to_string(),
                recommendation: a.recommendation.as_ref().map(ToString::to_string),
                timescale: a.timescale.as_ref().map(|t| t.wording.clone()),
                due: original.map(|d| d.end),
                revised: revised.map(|d| d.end),
                slip_days: a.revised.as_ref().and_then(|r| r.slip_days),
                status: latest.map(|l| l.status.as_str()),
                late_original: late(original),
                late_revised: late(revised),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.revised.or(a.due), &a.action).cmp(&(b.revised.or(b.due), &b.action)));
    out
}

/// The actions as text, after the next steps.
pub fn actions_due_text(items: &[ActionDue]) -> String {
    let mut s = String::new();
    if items.is_empty() {
        return s;
    }
    s.push_str("\nactions with target dates:\n");
    for a in items {
        let when = match (a.due, a.revised) {
            (Some(d), Some(r)) => format!(
                "due {d}, revised to {r}{}",
                a.slip_days
                    .map_or_else(String::new, |n| format!(" ({n:+} days)"))
            ),
            (Some(d), None) => format!("due {d}"),
            (None, Some(r)) => format!("revised to {r}"),
            (None, None) => "no date".to_string(),
        };
        let verdict = match (a.late_original, a.late_revised) {
            (Some(true), Some(false)) => {
                "late against the original date, on time against the revised"
            }
            (_, Some(true)) => "late against the revised date",
            (Some(true), None) => "late",
            (Some(false), _) => "on time",
            _ => "not judged",
        };
        let _ = writeln!(
            s,
            "  {}  {when}; {verdict}; status {}",
            a.action,
            a.status.unwrap_or("none reported")
        );
    }
    s
}
