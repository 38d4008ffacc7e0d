//! `cargo xtask corpus --docs N --out DIR [--seed S]`: writes a corpus of
//! report texts of our own, in the shapes peertrail reads, for any size:
//! fictional councils, each with a trail of two to five documents (a CPC
//! with numbered key recommendations and its peer team, then some of: an
//! action plan answering them, a progress review quoting them under theme
//! headings with statuses, a remote support note restating them in other
//! words under status sentences, a later CPC). Each council's
//! recommendations carry its own particulars (its place, partners,
//! numbers, years), so texts differ from council to council as real
//! reports' do. Same arguments, same files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::{value, USAGE};

/// Changes whenever the same arguments would give other files, so that a
/// corpus kept from an earlier version (`cargo xtask bench` keeps its
/// corpora in `target/bench-corpus/`) is not mistaken for today's.
pub const VERSION: u32 = 2;

/// A small, fast, seedable generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.get(self.below(list.len())).copied().unwrap_or("")
    }
}

/// Stems no English council's name starts with, so that no generated
/// council is found in the gazetteer.
const FIRST: &[&str] = &[
    "Brindle", "Quill", "Wren", "Thistle", "Fallow", "Bracken", "Heron", "Kestrel", "Lantern",
    "Marrow", "Nettle", "Osier", "Plover", "Rushy", "Sorrel", "Teasel", "Umber", "Vetch", "Yarrow",
    "Burdock", "Campion", "Dunlin", "Eyot", "Gorse", "Juniper", "Lichen", "Merlin", "Nightjar",
    "Pipit", "Tansy",
];
const SECOND: &[&str] = &[
    "ford", "ham", "ley", "mere", "moor", "stead", "ton", "wick", "worth", "dale", "field",
    "combe", "bridge", "holme", "by", "well",
];
const TYPES: &[&str] = &[
    "District Council",
    "Borough Council",
    "City Council",
    "Metropolitan Borough Council",
    "Council",
];
const GIVEN: &[&str] = &[
    "Alex", "Bina", "Carys", "Dev", "Elena", "Fergus", "Grace", "Hamid", "Isla", "Jonah", "Keira",
    "Luis", "Maya", "Niall", "Orla", "Pavel", "Rhian", "Sunil", "Tamsin", "Umar",
];
const FAMILY: &[&str] = &[
    "Abbott", "Bright", "Carver", "Dalton", "Ellery", "Fairlie", "Gough", "Hollins", "Irvine",
    "Joss", "Kaur", "Lomas", "Mercer", "Nolan", "Okafor", "Pryce", "Quayle", "Rudd", "Shaw",
    "Tully",
];
const ROLES: &[&str] = &[
    "Chief Executive",
    "Leader",
    "Deputy Leader",
    "Director of Resources",
    "Director of Place",
    "Head of Policy",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "September",
    "October",
    "November",
];

/// One recommendation a council may be given: (theme heading, title,
/// text, the same in other words for a later document). The title, text
/// and restatement hold slots ([`Fill`]) that each council's own values
/// fill, so no two councils' recommendations read alike, and a
/// restatement says what its original said in other words, with the same
/// particulars.
const RECOMMENDATIONS: &[(&str, &str, &str, &str)] = &[
    ("Vision and Priorities", "Agree a shared vision for {place} with {partner}.", "Set out a long-term vision for {place}, agreed with {partner} and residents, and use it to shape the Council Plan that runs to {year}.", "Settle a vision for {place} with {partner} and residents and let it shape the Council Plan to {year}."),
    ("Finance", "Put the medium term financial strategy on a firm footing.", "Close the budget gap for the next {years} years with savings that are identified, owned and tracked, and reduce {place}'s use of reserves by {year}.", "Close the MTFS gap over {years} years with savings that are owned and tracked, relying less on {place}'s reserves by {year}."),
    ("Governance", "Strengthen overview and scrutiny.", "Give {place}'s scrutiny committees a work programme tied to the council's priorities, reviewed {cadence}, and the performance information they need.", "Tie {place}'s O&S work programme to the priorities, review it {cadence} and give committees the performance information they need."),
    ("Workforce", "Build capacity for change.", "Invest in programme management, data and policy capacity, and plan for the {count} senior roles {place} will need to fill by {year}.", "Invest in programme, data and policy capacity and plan how {place} fills {count} senior roles by {year}."),
    ("Place", "Deliver the {place} town centre regeneration plan.", "Bring forward the regeneration of {place} town centre with a delivery partner and a programme board that meets {cadence}.", "Take the {place} town centre regeneration forward with a partner and a programme board meeting {cadence}."),
    ("Communities", "Involve the communities of {place} consistently.", "Agree with parish councils and {partner} how residents of {place} will be involved in decisions, from consultation to co-design.", "Agree with parishes and {partner} how {place} residents take part in decisions, from consultation to co-design."),
    ("Housing", "Increase the supply of affordable homes.", "Use council-owned land and a housing company to deliver {count} hundred affordable homes in {place} by {year}.", "Deliver {count} hundred affordable homes on council land in {place} through a housing company by {year}."),
    ("Climate", "Turn the climate declaration into a costed plan.", "Publish a costed climate action plan for {place} with milestones to {year} and report progress to members {cadence}.", "Cost {place}'s climate action plan, set milestones to {year} and report to members {cadence}."),
    ("Digital", "Make services digital by design.", "Move {place}'s {count} busiest customer transactions online by {year} while keeping support for residents who need it.", "Put {place}'s {count} busiest transactions online by {year} and keep help for residents who need it."),
    ("Partnerships", "Set up a place-based partnership board for {place}.", "Bring {partner} and the other partners together in one partnership board for {place} with shared outcomes, meeting {cadence}.", "Bring {partner} and other partners into one board for {place} with shared outcomes that meets {cadence}."),
    ("Performance", "Build a single performance framework.", "Report a small set of measures for each of {place}'s priorities to Cabinet {cadence}, with targets that run to {year}.", "Give Cabinet a small set of measures for each of {place}'s priorities {cadence}, with targets to {year}."),
    ("Economy", "Grow the economy of {place}.", "Work with {partner} on an economic strategy for {place} that brings {count} employment sites forward by {year}.", "Agree an economic strategy for {place} with {partner} that brings {count} employment sites forward by {year}."),
    ("Members", "Support councillors in their roles.", "Offer every {place} councillor a development plan after the {year} elections, with training on scrutiny and finance repeated {cadence}.", "Give each {place} councillor a development plan after the {year} elections and repeat the scrutiny and finance training {cadence}."),
    ("Commercial Investment", "Set limits on commercial investment.", "Review {place}'s commercial property portfolio against a clear risk appetite and cap borrowing for investment at {count} per cent of the capital programme.", "Check {place}'s commercial portfolio against a risk appetite and cap investment borrowing at {count} per cent of the capital programme."),
];

/// Who a recommendation names as the council's partners.
const PARTNERS: &[&str] = &[
    "health partners",
    "the police and fire service",
    "the voluntary sector",
    "the university",
    "town and parish councils",
    "the business community",
    "housing associations",
];
/// How often a recommendation asks for something.
const CADENCES: &[&str] = &[
    "twice a year",
    "every quarter",
    "each year",
    "every two months",
];
/// Small numbers, as words.
const COUNTS: &[&str] = &["two", "three", "four", "five", "six"];

/// A council's own particulars for one of its recommendations: what fills
/// the slots of its [`RECOMMENDATIONS`] entry.
struct Fill<'a> {
    place: &'a str,
    partner: &'static str,
    cadence: &'static str,
    count: &'static str,
    years: &'static str,
    year: i32,
}

impl<'a> Fill<'a> {
    /// Chosen for a recommendation of a council's CPC held in `year`.
    fn pick(rng: &mut Rng, place: &'a str, year: i32) -> Fill<'a> {
        Fill {
            place,
            partner: rng.pick(PARTNERS),
            cadence: rng.pick(CADENCES),
            count: rng.pick(COUNTS),
            years: rng.pick(&COUNTS[1..4]),
            year: year + 2 + rng.below(3) as i32,
        }
    }

    /// `template` with its slots filled.
    fn fill(&self, template: &str) -> String {
        template
            .replace("{place}", self.place)
            .replace("{partner}", self.partner)
            .replace("{cadence}", self.cadence)
            .replace("{count}", self.count)
            .replace("{years}", self.years)
            .replace("{year}", &self.year.to_string())
    }
}

/// One of a council's recommendations, its slots filled.
struct Rec {
    theme: &'static str,
    title: String,
    text: String,
    restated: String,
}

impl Rec {
    fn new(template: usize, fill: &Fill<'_>) -> Rec {
        let (theme, title, text, restated) = RECOMMENDATIONS[template % RECOMMENDATIONS.len()];
        Rec {
            theme,
            title: fill.fill(title),
            text: fill.fill(text),
            restated: fill.fill(restated),
        }
    }
}

const STATUSES: &[(&str, &str)] = &[
    ("have been significantly progressed", "is complete"),
    ("continue to progress", "continues to progress"),
    ("have begun to progress", "has begun"),
];

pub fn run(args: &[String]) -> Result<ExitCode> {
    let mut docs: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed = 42u64;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--docs" => {
                let v = value(args, i, "--docs")?;
                docs = Some(
                    v.replace('_', "")
                        .parse()
                        .ok()
                        .filter(|n: &usize| *n > 0)
                        .with_context(|| format!("--docs: `{v}` is not a positive number"))?,
                );
            }
            "--out" => out = Some(value(args, i, "--out")?.into()),
            "--seed" => {
                let v = value(args, i, "--seed")?;
                seed = v
                    .parse()
                    .with_context(|| format!("--seed: `{v}` is not a number"))?;
            }
            other => bail!("unknown option `{other}` for corpus\n\n{USAGE}"),
        }
        i += 2;
    }
    let (Some(docs), Some(out)) = (docs, out) else {
        bail!("corpus needs --docs N and --out DIR\n\n{USAGE}");
    };
    let written = write(&out, docs, seed)?;
    println!("wrote {written} documents to {}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// Writes `docs` documents into `out` (created if missing); returns how
/// many were written.
pub fn write(out: &Path, docs: usize, seed: u64) -> Result<usize> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut written = 0;
    for (name, text) in documents(docs, seed) {
        let path = out.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written += 1;
    }
    Ok(written)
}

/// The first `docs` documents of the corpus for `seed`, as (file name,
/// text) in the order [`write()`] writes them; each council's trail is
/// generated when it is reached, so a large corpus is never held whole.
pub fn documents(docs: usize, seed: u64) -> impl Iterator<Item = (String, String)> {
    let mut rng = Rng(seed);
    let mut council = 0usize;
    std::iter::from_fn(move || {
        let trail = generate_trail(&mut rng, council);
        council += 1;
        Some(trail)
    })
    .flatten()
    .take(docs)
}

/// A council's name from its number: distinct for the first thousands.
fn council_name(n: usize) -> (String, String) {
    let a = FIRST[n % FIRST.len()];
    let b = SECOND[(n / FIRST.len()) % SECOND.len()];
    let round = n / (FIRST.len() * SECOND.len());
    // Each round of names gets a word after the place (none the first
    // time), then, once those run out, a word before it too: distinct names
    // for 77 rounds (about 100,000 documents), so no file overwrites another.
    const AFTER: [&str; 6] = ["Vale", "Forest", "Downs", "Marsh", "Hills", "Coast"];
    const BEFORE: [&str; 10] = [
        "Upper", "Lower", "Great", "Little", "North", "South", "East", "West", "Old", "New",
    ];
    let after = match round % (AFTER.len() + 1) {
        0 => String::new(),
        i => format!(" {}", AFTER[i - 1]),
    };
    let before = match round / (AFTER.len() + 1) {
        0 => String::new(),
        i => format!("{} ", BEFORE[(i - 1) % BEFORE.len()]),
    };
    let place = format!("{before}{a}{b}{after}");
    let kind = TYPES[n % TYPES.len()];
    (place.clone(), format!("{place} {kind}"))
}

fn slug(s: &str) -> String {
    s.to_ascii_lowercase().replace(' ', "-")
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY))
}

/// One council's documents: (file name, text).
fn generate_trail(rng: &mut Rng, n: usize) -> Vec<(String, String)> {
    let (place, name) = council_name(n);
    let year = 2012 + rng.below(10) as i32;
    let month = rng.below(MONTHS.len());
    let day = 3 + rng.below(20);
    let count = 5 + rng.below(4);
    let mut picks: Vec<usize> = (0..RECOMMENDATIONS.len()).collect();
    // A partial shuffle: the council's own selection of recommendations.
    for i in 0..picks.len() {
        let j = i + rng.below(picks.len() - i);
        picks.swap(i, j);
    }
    picks.truncate(count);
    let recs: Vec<Rec> = picks
        .iter()
        .map(|&p| Rec::new(p, &Fill::pick(rng, &place, year)))
        .collect();
    let mut docs = Vec::new();
    let base = slug(&place);
    docs.push((
        format!("{base}-{year}-cpc.md"),
        cpc(rng, &name, &place, year, month, day, &recs),
    ));
    let later = 1 + rng.below(4);
    for k in 0..later {
        let y = year + 1 + k as i32;
        let m = rng.below(MONTHS.len());
        let text = match (k + n) % 4 {
            0 => action_plan(rng, &name, year, month, y, m, &recs),
            1 => progress_review(rng, &name, year, month, y, m, &recs),
            2 => remote_support(rng, &name, year, month, y, m, &recs),
            _ => {
                let day = 5 + rng.below(20);
                cpc(
                    rng,
                    &name,
                    &place,
                    y + 3,
                    m,
                    day,
                    &recs[..recs.len().min(4)],
                )
            }
        };
        docs.push((format!("{base}-{y}-{}.txt", k + 2), text));
    }
    docs
}

fn cpc(
    rng: &mut Rng,
    name: &str,
    place: &str,
    year: i32,
    month: usize,
    day: usize,
    recs: &[Rec],
) -> String {
    let mut s = String::new();
    let m = MONTHS[month];
    let _ = writeln!(s, "# LGA Corporate Peer Challenge\n\n## **{name}**\n");
    let _ = writeln!(
        s,
        "{day}<sup>th</sup>-{}<sup>th</sup> {m} {year}\n\nFeedback report\n",
        day + 3
    );
    let _ = writeln!(s, "# 1. Executive summary\n");
    let _ = writeln!(s, "{place} is a council with a strong record of working with its communities. The peer team found a council ready to take on the challenges ahead, with committed members and staff.\n");
    let _ = writeln!(
        s,
        "## 2. Key recommendations\n\nThe peer team's key recommendations are:\n"
    );
    for (i, r) in recs.iter().enumerate() {
        let _ = writeln!(s, "{}. ***{}*** {}", i + 1, r.title, r.text);
    }
    let _ = writeln!(
        s,
        "\n## 3. The peer team\n\nThe peers on the {place} team were:\n"
    );
    for _ in 0..4 {
        let who = person(rng);
        let role = rng.pick(ROLES);
        let (_, other) = council_name(rng.below(400) + 1000);
        let _ = writeln!(s, "- **{who}** ({role} – {other});");
    }
    let _ = writeln!(
        s,
        "- **{}** (Peer Challenge Manager – Local Government Association).\n",
        person(rng)
    );
    let _ = writeln!(
        s,
        "## 4. Next steps\n\nThe council will publish an action plan within eight weeks."
    );
    s
}

fn action_plan(
    rng: &mut Rng,
    name: &str,
    cpc_year: i32,
    cpc_month: usize,
    year: i32,
    month: usize,
    recs: &[Rec],
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{name}\n\nCorporate Peer Challenge action plan\n");
    let _ = writeln!(s, "Response to the Corporate Peer Challenge of {} {cpc_year}, agreed by Cabinet on 12 {} {year}.\n", MONTHS[cpc_month], MONTHS[month]);
    for (i, r) in recs.iter().enumerate() {
        let _ = writeln!(
            s,
            "Recommendation {}\n\n{} {}\n\nProposed Action\n",
            i + 1,
            r.title,
            r.text
        );
        let _ = writeln!(
            s,
            "The work will be led by the {} Team and reported to Cabinet each quarter.\n",
            rng.pick(&["Policy", "Finance", "Regeneration", "Transformation"])
        );
    }
    s
}

fn progress_review(
    rng: &mut Rng,
    name: &str,
    cpc_year: i32,
    cpc_month: usize,
    year: i32,
    month: usize,
    recs: &[Rec],
) -> String {
    let mut s = String::new();
    let day = 3 + rng.below(20);
    let _ = writeln!(
        s,
        "LGA Corporate Peer Challenge – Progress Review\n\n{name}\n\n{day}th {} {year}\n",
        MONTHS[month]
    );
    let _ = writeln!(s, "The progress review took place on site on the {day}th {} {year}. It looked at the recommendations of the {} {cpc_year} Corporate Peer Challenge.\n", MONTHS[month], MONTHS[cpc_month]);
    let _ = writeln!(s, "The peer team for the progress review was:\n\n- {} (Chief Executive)\n- Peer Challenge Manager {} (Senior Regional Adviser LGA)\n", person(rng), person(rng));
    for r in recs {
        let (_, status) = STATUSES[rng.below(STATUSES.len())];
        let _ = writeln!(
            s,
            "{}\n\nThe CPC recommended that the council:\n\n- {}\n\nThis recommendation {status}.\n",
            r.theme, r.text
        );
    }
    s
}

fn remote_support(
    rng: &mut Rng,
    name: &str,
    cpc_year: i32,
    cpc_month: usize,
    year: i32,
    month: usize,
    recs: &[Rec],
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{name}\n\nLGA Remote Peer Support: note of the session\n"
    );
    let _ = writeln!(s, "On {}th {} {year}, the LGA held a remote session with the Cabinet of the council. It looked back at the recommendations of the {} {cpc_year} Corporate Peer Challenge.\n", 3 + rng.below(20), MONTHS[month], MONTHS[cpc_month]);
    let _ = writeln!(s, "The session was facilitated for the LGA by the following team:\n\n- **{}** (LGA Principal Adviser)\n", person(rng));
    // Each recommendation in at most one status group.
    let groups: Vec<usize> = recs.iter().map(|_| rng.below(STATUSES.len() + 1)).collect();
    for (g, (group, _)) in STATUSES.iter().enumerate() {
        let members: Vec<&Rec> = recs
            .iter()
            .zip(&groups)
            .filter(|(_, &x)| x == g)
            .map(|(r, _)| r)
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(s, "The council reports that the following recommendations of the {} {cpc_year} CPC {group}:\n", MONTHS[cpc_month]);
        for r in members {
            let _ = writeln!(
                s,
                "- **{}** The council has set out its work on this in its improvement plan.",
                r.restated
            );
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use peertrail_core::{LinkKind, LinkRule};

    use super::documents;

    #[test]
    fn the_same_seed_gives_the_same_corpus_and_another_seed_another() {
        let a: Vec<_> = documents(60, 7).collect();
        assert_eq!(a, documents(60, 7).collect::<Vec<_>>());
        assert_ne!(a, documents(60, 8).collect::<Vec<_>>());
    }

    #[test]
    fn a_corpus_has_the_documents_asked_for_each_name_once() {
        let names: Vec<String> = documents(3000, 42).map(|(name, _)| name).collect();
        assert_eq!(names.len(), 3000);
        let distinct: BTreeSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
    }

    /// Each council's recommendations carry its own particulars (its
    /// place, partners, numbers, years): a corpus is not a few texts
    /// repeated, which would flatter every word index and text match.
    #[test]
    fn recommendations_read_differently_from_council_to_council() {
        let mut texts = Vec::new();
        for (name, text) in documents(400, 42) {
            if name.ends_with("-cpc.md") {
                texts.extend(
                    text.lines()
                        .filter(|l| l.contains(". ***"))
                        .map(str::to_string),
                );
            }
        }
        let distinct: BTreeSet<&String> = texts.iter().collect();
        assert!(texts.len() > 300, "{} recommendations", texts.len());
        assert!(
            distinct.len() * 100 >= texts.len() * 95,
            "{} distinct of {}",
            distinct.len(),
            texts.len()
        );
    }

    /// Read and linked, the corpus is trails: every action answers a
    /// recommendation, every status lands on one, and a restatement in
    /// other words is matched to the recommendation it restates, not
    /// taken for a new one.
    #[test]
    fn a_generated_corpus_reads_as_trails() {
        let extractions: Vec<_> = documents(400, 42)
            .map(|(name, text)| {
                let options = peertrail_ingest::IngestOptions {
                    source: Some(name.clone()),
                    ..Default::default()
                };
                peertrail_ingest::ingest_str(&text, &options)
                    .unwrap_or_else(|e| panic!("{name}: {e}"))
            })
            .collect();
        let graph = peertrail_graph::Graph::build(extractions);
        let data = graph.dataset();
        assert!(data.reviews.iter().all(|r| r.in_corpus), "a placeholder");
        assert!(!data.actions.is_empty());
        assert!(data.actions.iter().all(|a| a.recommendation.is_some()));
        let restates: Vec<_> = data
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Restates)
            .collect();
        let unmatched = restates
            .iter()
            .filter(|l| l.evidence.rule == LinkRule::UnmatchedRestatement)
            .count();
        assert!(restates.len() > 100, "{} restatements", restates.len());
        assert_eq!(unmatched, 0, "of {} restatements", restates.len());
        let reported = data
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::ReportsProgress)
            .count();
        assert_eq!(reported, data.progress.len());
        assert!(!data.progress.is_empty());
    }
}
