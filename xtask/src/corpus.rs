//! `cargo xtask corpus --docs N --out DIR [--seed S]`: writes a corpus of
//! report texts of our own, in the shapes peertrail reads, for any size:
//! fictional councils, each with a trail of two to five documents (a CPC
//! with numbered key recommendations and its peer team, then some of: an
//! action plan answering them, a progress review quoting them under theme
//! headings with statuses, a remote support note restating them in other
//! words under status sentences, a later CPC). Same arguments, same files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::{value, USAGE};

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

/// (theme heading, recommendation title, recommendation text, the same in
/// other words for a later document).
const RECOMMENDATIONS: &[(&str, &str, &str, &str)] = &[
    ("Vision and Priorities", "Agree a shared vision with partners.", "Set out a long-term vision for the area, agreed with partners and residents, and use it to shape the next Council Plan.", "Settle a vision for the area with partners and residents and let it shape the Council Plan."),
    ("Finance", "Put the medium term financial strategy on a firm footing.", "Close the budget gap for the next three years with savings that are identified, owned and tracked, and reduce the use of reserves.", "Close the MTFS gap with savings that are owned and tracked, relying less on reserves."),
    ("Governance", "Strengthen overview and scrutiny.", "Give the scrutiny committees a work programme tied to the council's priorities and the performance information they need.", "Tie the O&S work programme to the priorities and give committees the performance information they need."),
    ("Workforce", "Build capacity for change.", "Invest in programme management, data and policy capacity, and plan for the leaders the council will need.", "Invest in programme, data and policy capacity and plan for future leaders."),
    ("Place", "Deliver the town centre regeneration plan.", "Bring forward the regeneration of the town centre with a delivery partner and a clear programme board.", "Take the town centre regeneration forward with a partner and a programme board."),
    ("Communities", "Involve communities consistently.", "Agree with parish councils and the voluntary sector how residents will be involved in decisions.", "Agree with parishes and the voluntary sector how residents take part in decisions."),
    ("Housing", "Increase the supply of affordable homes.", "Use council-owned land and a housing company to deliver affordable homes at pace.", "Deliver affordable homes at pace on council land through a housing company."),
    ("Climate", "Turn the climate declaration into a costed plan.", "Publish a costed climate action plan with milestones and report progress to members twice a year.", "Cost the climate action plan, set milestones and report to members twice a year."),
    ("Digital", "Make services digital by design.", "Move the main customer transactions online while keeping support for residents who need it.", "Put the main transactions online and keep help for residents who need it."),
    ("Partnerships", "Set up a place-based partnership board.", "Bring health, police and the voluntary sector together in one partnership board with shared outcomes.", "Bring partners together in one board with shared outcomes."),
];

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
/// text) in the order [`write`] writes them; each council's trail is
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
    let mut docs = Vec::new();
    let base = slug(&place);
    docs.push((
        format!("{base}-{year}-cpc.md"),
        cpc(rng, &name, &place, year, month, day, &picks),
    ));
    let later = 1 + rng.below(4);
    for k in 0..later {
        let y = year + 1 + k as i32;
        let m = rng.below(MONTHS.len());
        let text = match (k + n) % 4 {
            0 => action_plan(rng, &name, year, month, y, m, &picks),
            1 => progress_review(rng, &name, year, month, y, m, &picks),
            2 => remote_support(rng, &name, year, month, y, m, &picks),
            _ => {
                let day = 5 + rng.below(20);
                cpc(
                    rng,
                    &name,
                    &place,
                    y + 3,
                    m,
                    day,
                    &picks[..picks.len().min(4)],
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
    picks: &[usize],
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
    for (i, &p) in picks.iter().enumerate() {
        let (_, title, text, _) = RECOMMENDATIONS[p];
        let _ = writeln!(s, "{}. ***{title}*** {text}", i + 1);
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
    picks: &[usize],
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{name}\n\nCorporate Peer Challenge action plan\n");
    let _ = writeln!(s, "Response to the Corporate Peer Challenge of {} {cpc_year}, agreed by Cabinet on 12 {} {year}.\n", MONTHS[cpc_month], MONTHS[month]);
    for (i, &p) in picks.iter().enumerate() {
        let (_, title, text, _) = RECOMMENDATIONS[p];
        let _ = writeln!(
            s,
            "Recommendation {}\n\n{title} {text}\n\nProposed Action\n",
            i + 1
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
    picks: &[usize],
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
    for &p in picks {
        let (theme, _, text, _) = RECOMMENDATIONS[p];
        let (_, status) = STATUSES[rng.below(STATUSES.len())];
        let _ = writeln!(s, "{theme}\n\nThe CPC recommended that the council:\n\n- {text}\n\nThis recommendation {status}.\n");
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
    picks: &[usize],
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{name}\n\nLGA Remote Peer Support: note of the session\n"
    );
    let _ = writeln!(s, "On {}th {} {year}, the LGA held a remote session with the Cabinet of the council. It looked back at the recommendations of the {} {cpc_year} Corporate Peer Challenge.\n", 3 + rng.below(20), MONTHS[month], MONTHS[cpc_month]);
    let _ = writeln!(s, "The session was facilitated for the LGA by the following team:\n\n- **{}** (LGA Principal Adviser)\n", person(rng));
    // Each recommendation in at most one status group.
    let groups: Vec<usize> = picks
        .iter()
        .map(|_| rng.below(STATUSES.len() + 1))
        .collect();
    for (g, (group, _)) in STATUSES.iter().enumerate() {
        let members: Vec<usize> = picks
            .iter()
            .zip(&groups)
            .filter(|(_, &x)| x == g)
            .map(|(&p, _)| p)
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(s, "The council reports that the following recommendations of the {} {cpc_year} CPC {group}:\n", MONTHS[cpc_month]);
        for p in members {
            let (_, _, _, other) = RECOMMENDATIONS[p];
            let _ = writeln!(
                s,
                "- **{other}** The council has set out its work on this in its improvement plan."
            );
        }
        s.push('\n');
    }
    s
}
