//! Who is who: councils merged by id, and peers merged across reviews when
//! their written names are the same person.
//!
//! People are merged in two ways, both recorded in `Person.merge_evidence`:
//!
//! 1. the same written name (slug of the name without honorifics) on several
//!    reviews is one person;
//! 2. two names with the same surname and *compatible* first names (equal,
//!    equivalent in [`NICKNAMES`], or an initial) are one person only when
//!    their memberships corroborate it: the same organisation, the same role,
//!    or a shared distinctive honorific ("Sir", "Dame", "Dr").
//!
//! Two names whose first names are incompatible ("Mark Ellery", "Joanne
//! Ellery") are never merged, and a merge is refused when it would put two
//! incompatible first names into one person (so "Chris" cannot join a
//! "Christopher" and a "Christina").
//!
//! The canonical name is chosen from the names themselves (formal first name
//! first, then the fullest, then alphabetical), so it never depends on the
//! order documents were read in.

use std::collections::{BTreeMap, BTreeSet};

use peertrail_core::{
    slugify, Council, CouncilId, Membership, Person, PersonId, Review, ReviewId, Warning,
};

/// Groups of equivalent first names; the first of each group is the formal
/// form. A name may sit in several groups ("chris").
pub(crate) const NICKNAMES: &[&[&str]] = &[
    &["abigail", "abby", "abbie"],
    &["alexander", "alex", "sandy"],
    &["alexandra", "alex"],
    &["andrew", "andy", "drew"],
    &["anthony", "tony", "ant"],
    &["benjamin", "ben"],
    &["catherine", "cath", "cathy", "kate", "katie"],
    &["charles", "charlie", "chas"],
    &["christina", "chris", "tina"],
    &["christine", "chris"],
    &["christopher", "chris", "kit"],
    &["daniel", "dan", "danny"],
    &["david", "dave", "davy"],
    &["deborah", "debbie", "deb", "debra"],
    &["donald", "don"],
    &["edward", "ed", "eddie", "ted"],
    &["elizabeth", "liz", "beth", "lizzie", "betty"],
    &["frederick", "fred"],
    &["gregory", "greg"],
    &["james", "jim", "jimmy", "jamie"],
    &["jennifer", "jen", "jenny"],
    &["joanne", "jo"],
    &["jonathan", "jon", "jonny"],
    &["joseph", "joe"],
    &["katherine", "kath", "kathy", "kate", "katie"],
    &["kenneth", "ken"],
    &["margaret", "maggie", "meg", "peggy"],
    &["matthew", "matt"],
    &["michael", "mike", "mick"],
    &["mohammed", "mohammad", "muhammad", "mohamed"],
    &["nicholas", "nick", "nicky"],
    &["nicola", "nicky", "nikki"],
    &["patricia", "pat", "trish"],
    &["patrick", "pat", "paddy"],
    &["peter", "pete"],
    &["philip", "phil", "phillip"],
    &["rebecca", "becky", "becca"],
    &["richard", "rich", "rick", "dick"],
    &["robert", "rob", "bob", "bobby", "robbie"],
    &["ronald", "ron"],
    &["samantha", "sam"],
    &["samuel", "sam"],
    &["stephen", "steve", "steven", "stevie"],
    &["susan", "sue", "susie"],
    &["thomas", "tom", "tommy"],
    &["timothy", "tim"],
    &["victoria", "vicky", "vicki"],
    &["william", "will", "bill", "billy", "liam"],
];

/// Titles and post-nominals that are not part of a name, should ingest have
/// left any in.
const HONORIFICS: &[&str] = &[
    "baroness",
    "baron",
    "cbe",
    "cllr",
    "councillor",
    "dame",
    "dbe",
    "dr",
    "jp",
    "kbe",
    "lady",
    "lord",
    "mbe",
    "miss",
    "mr",
    "mrs",
    "ms",
    "obe",
    "prof",
    "professor",
    "rev",
    "sir",
];

/// Honorifics rare enough that two memberships sharing one corroborate that
/// they are the same person.
const DISTINCTIVE_HONORIFICS: &[&str] = &[
    "baroness",
    "baron",
    "dame",
    "dr",
    "lady",
    "lord",
    "prof",
    "professor",
    "sir",
];

/// Words of a role or organisation that say nothing about which one it is.
const GENERIC_WORDS: &[&str] = &[
    "and",
    "borough",
    "city",
    "council",
    "county",
    "district",
    "group",
    "labour",
    "lga",
    "mbc",
    "metropolitan",
    "of",
    "the",
    "conservative",
    "liberal",
    "democrat",
    "independent",
    "green",
];

/// Merges councils by id: the fullest name is kept, every other name
/// becomes an alias.
pub(crate) fn merge_councils(councils: impl IntoIterator<Item = Council>) -> Vec<Council> {
    #[derive(Default)]
    struct Merged {
        names: BTreeSet<String>,
        code: Option<String>,
        predecessors: BTreeSet<CouncilId>,
        successors: BTreeSet<CouncilId>,
    }
    let mut merged: BTreeMap<CouncilId, Merged> = BTreeMap::new();
    for c in councils {
        let m = merged.entry(c.id).or_default();
        m.names.insert(c.name);
        m.names.extend(c.aliases);
        // Codes come from the gazetteer, so documents agree; the smallest
        // keeps the choice independent of input order should they not.
        m.code = match (m.code.take(), c.code) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        m.predecessors.extend(c.predecessors);
        m.successors.extend(c.successors);
    }
    // A reorganisation stated on one side holds on the other too.
    let stated: Vec<(CouncilId, CouncilId)> = merged
        .iter()
        .flat_map(|(id, m)| m.predecessors.iter().map(move |p| (p.clone(), id.clone())))
        .collect();
    for (predecessor, successor) in stated {
        if let Some(m) = merged.get_mut(&predecessor) {
            m.successors.insert(successor);
        }
    }
    let stated: Vec<(CouncilId, CouncilId)> = merged
        .iter()
        .flat_map(|(id, m)| m.successors.iter().map(move |s| (s.clone(), id.clone())))
        .collect();
    for (successor, predecessor) in stated {
        if let Some(m) = merged.get_mut(&successor) {
            m.predecessors.insert(predecessor);
        }
    }
    merged
        .into_iter()
        .filter_map(|(id, m)| {
            let name = m
                .names
                .iter()
                .max_by(|a, b| {
                    a.chars()
                        .count()
                        .cmp(&b.chars().count())
                        .then_with(|| b.cmp(a))
                })?
                .clone();
            let aliases = m.names.into_iter().filter(|n| *n != name).collect();
            Some(Council {
                id,
                name,
                aliases,
                code: m.code,
                predecessors: m.predecessors.into_iter().collect(),
                successors: m.successors.into_iter().collect(),
            })
        })
        .collect()
}

/// Each council's predecessors, as the councils themselves state them in
/// either direction (a council's `predecessors`, or another's
/// `successors`), sorted.
pub(crate) fn predecessors(councils: &[Council]) -> BTreeMap<CouncilId, Vec<CouncilId>> {
    let mut map: BTreeMap<CouncilId, BTreeSet<CouncilId>> = BTreeMap::new();
    for c in councils {
        for p in &c.predecessors {
            map.entry(c.id.clone()).or_default().insert(p.clone());
        }
        for s in &c.successors {
            map.entry(s.clone()).or_default().insert(c.id.clone());
        }
    }
    map.into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect()
}

/// Each council's trail: the council at the end of its chain of single
/// successors ("aylesbury-vale" → "buckinghamshire"); a council with no
/// successor, or several (a county split in two), is its own trail and is
/// left out.
pub(crate) fn trails(councils: &[Council]) -> BTreeMap<String, String> {
    let single: BTreeMap<&CouncilId, &CouncilId> = councils
        .iter()
        .filter_map(|c| match c.successors.as_slice() {
            [one] => Some((&c.id, one)),
            _ => None,
        })
        .collect();
    single
        .keys()
        .map(|start| {
            let mut at: &CouncilId = start;
            // Bounded: a cycle in the data cannot loop.
            for _ in 0..8 {
                match single.get(at) {
                    Some(next) if *next != *start => at = next,
                    _ => break,
                }
            }
            (start.as_str().to_string(), at.as_str().to_string())
        })
        .collect()
}

/// How two first names relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FirstName {
    Same,
    Nickname,
    Initial,
}

fn first_names(a: &str, b: &str) -> Option<FirstName> {
    if a == b {
        return Some(FirstName::Same);
    }
    if (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b)) {
        return Some(FirstName::Initial);
    }
    let shared = NICKNAMES.iter().any(|g| g.contains(&a) && g.contains(&b));
    shared.then_some(FirstName::Nickname)
}

fn is_formal(first: &str) -> bool {
    first.len() > 1
        && !NICKNAMES
            .iter()
            .any(|g| g[1..].contains(&first) && !g[0].eq(first))
}

/// One written form of a person on one review.
#[derive(Debug, Clone)]
struct Sighting<'a> {
    /// Borrowed: a corpus has tens of thousands of sightings.
    review: &'a ReviewId,
    /// Position of the review in the slice being merged.
    review_ix: usize,
    slot: usize,
    /// The entry itself, for its name as written: borrowed, since only the
    /// canonical name and aliases of a merged person need it spelled out.
    member: &'a Membership,
    honorifics: WordList,
    /// Slug of the name with stray honorifics removed, e.g. `stephen-houghton`.
    key: String,
    /// Where the first name ends and the surname starts in `key`: they are
    /// its first and last words, not copies of them.
    first_end: usize,
    surname_start: usize,
    orgs: WordList,
    role: String,
}

/// A sighting's few words of one kind (honorifics, organisation words),
/// sorted and each once, at their exact size: compared and ordered as a
/// tree set of them would be, without the node with room for eleven that
/// every set of one took (100,000 generated reports: 40 MB more while
/// peers were merged, which was when linking's memory peaked).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
struct WordList(Box<[String]>);

impl WordList {
    fn of(words: impl IntoIterator<Item = String>) -> WordList {
        let mut list: Vec<String> = words.into_iter().collect();
        list.sort_unstable();
        list.dedup();
        WordList(list.into_boxed_slice())
    }

    /// The words both lists hold, in order.
    fn common<'s>(&'s self, other: &'s WordList) -> impl Iterator<Item = &'s String> + 's {
        self.0
            .iter()
            .filter(move |w| other.0.binary_search(w).is_ok())
    }
}

impl<'a> Sighting<'a> {
    /// The first word of the name's slug.
    fn first(&self) -> &str {
        self.key.get(..self.first_end).unwrap_or_default()
    }

    /// The last word of the name's slug.
    fn surname(&self) -> &str {
        self.key.get(self.surname_start..).unwrap_or_default()
    }

    /// The name as written, without honorifics.
    fn name(&self) -> String {
        clean_name(&self.member.name)
    }

    /// The name with the honorifics the review gave.
    fn written(&self) -> String {
        let m = self.member;
        let mut written = m.honorifics.join(" ");
        if !written.is_empty() {
            written.push(' ');
        }
        written.push_str(m.name.trim());
        written
    }

    fn new(review: &'a Review, review_ix: usize, slot: usize) -> Option<Sighting<'a>> {
        let m = review.peers.get(slot)?;
        let name = clean_name(&m.name);
        let words: Vec<String> = slugify(&name)
            .split('-')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let key = words.join("-");
        if key.is_empty() {
            return None;
        }
        let first_end = words.first().map_or(0, String::len);
        let surname_start = key.len() - words.last().map_or(0, String::len);
        let honorifics = WordList::of(m.honorifics.iter().map(|h| slugify(h)));
        let mut orgs = Vec::new();
        if let Some(org) = m.organisation.as_deref() {
            orgs.extend(place_words(org));
        }
        // A role names an organisation only with a word such as "Council".
        if let Some(role) = m.role.as_deref() {
            if slugify(role).split('-').any(|w| ORG_WORDS.contains(&w)) {
                orgs.extend(place_words(role));
            }
        }
        let orgs = WordList::of(orgs);
        let role = m.role.as_deref().map(role_key).unwrap_or_default();
        Some(Sighting {
            review: &review.id,
            review_ix,
            slot,
            member: m,
            honorifics,
            key,
            first_end,
            surname_start,
            orgs,
            role,
        })
    }
}

/// A name without the honorifics or leading job-title words ingest may
/// have left in it ("Sir Stephen Houghton", "Peer Challenge Manager Dan
/// Archer"); at least two words are kept.
fn clean_name(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let drop = |w: &str| {
        let slug = slugify(w);
        slug.is_empty() || HONORIFICS.contains(&slug.as_str())
    };
    words.retain(|w| !drop(w));
    while words.len() > 2
        && words
            .first()
            .is_some_and(|w| ROLE_WORDS.contains(&slugify(w).as_str()))
    {
        words.remove(0);
    }
    words.join(" ")
}

/// The distinctive words of an organisation (or a role naming one):
/// "Leader of Barnsley Council (Labour)" → {"barnsley"}.
fn place_words(text: &str) -> BTreeSet<String> {
    let slug = CouncilId::from_name(text)
        .map(|c| c.as_str().to_string())
        .unwrap_or_default();
    slug.split('-')
        .filter(|w| w.len() > 2 && !GENERIC_WORDS.contains(w) && !ROLE_WORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// Words of job titles; they describe a post, not a place.
const ROLE_WORDS: &[&str] = &[
    "adviser",
    "assistant",
    "cabinet",
    "cex",
    "chair",
    "chief",
    "deputy",
    "director",
    "executive",
    "head",
    "leader",
    "manager",
    "member",
    "officer",
    "portfolio",
    "principal",
    "programme",
    "regional",
    "senior",
    "support",
    "team",
    "project",
    "shadow",
    "political",
    "peer",
    "challenge",
];

/// The post part of a role, before any " – …", "(…)" or " of <organisation>":
/// "Leader of Barnsley Council (Labour)" → "leader", while "Head of
/// Commercial Development" stays whole.
fn role_key(role: &str) -> String {
    let cut = role
        .find(['(', '–', '—', ',', ';'])
        .map_or(role, |i| &role[..i]);
    let cut = cut.split(" - ").next().unwrap_or(cut);
    let lower = cut.to_lowercase();
    let post = match lower.split_once(" of ") {
        Some((post, rest)) if rest.split_whitespace().any(|w| ORG_WORDS.contains(&w)) => post,
        _ => lower.as_str(),
    };
    slugify(post)
}

/// Words that mark the end of a role as an organisation's name.
const ORG_WORDS: &[&str] = &[
    "authority",
    "borough",
    "council",
    "county",
    "district",
    "lga",
    "mbc",
    "city",
];

/// Why two sightings are the same person, if anything does: how many
/// independent signals agree, and what they are.
fn corroboration(a: &Sighting, b: &Sighting) -> Option<(usize, String)> {
    let mut why = Vec::new();
    if let Some(org) = a.orgs.common(&b.orgs).next() {
        why.push(format!("same organisation ({org})"));
    }
    if !a.role.is_empty() && a.role == b.role {
        why.push(format!("same role ({})", a.role));
    }
    let honor = a
        .honorifics
        .common(&b.honorifics)
        .find(|h| DISTINCTIVE_HONORIFICS.contains(&h.as_str()));
    if let Some(h) = honor {
        why.push(format!("both styled \"{h}\""));
    }
    (!why.is_empty()).then(|| (why.len(), why.join(", ")))
}

/// A person being assembled: sightings grouped by name key.
#[derive(Debug)]
struct Cluster {
    keys: BTreeSet<String>,
    sightings: Vec<usize>,
    /// One sighting per distinct profile (first name, organisations, role,
    /// honorifics): all that comparisons need, however often a person served.
    reps: Vec<usize>,
    evidence: Vec<String>,
}

/// The first sighting (lowest index) of each distinct profile among
/// `members`, in index order.
fn representatives(members: &[usize], sightings: &[Sighting]) -> Vec<usize> {
    let mut seen = BTreeMap::new();
    for &i in members {
        if let Some(s) = sightings.get(i) {
            let key = (s.first(), &s.orgs, &s.role, &s.honorifics);
            seen.entry(key)
                .and_modify(|j: &mut usize| *j = (*j).min(i))
                .or_insert(i);
        }
    }
    let mut reps: Vec<usize> = seen.into_values().collect();
    reps.sort_unstable();
    reps
}

/// The people the reviews' peers are, found by [`find_people`] and not yet
/// written back into the reviews.
#[derive(Debug)]
pub(crate) struct People {
    people: Vec<Person>,
    /// The person each peer is, peer by peer in the reviews' order (each
    /// review's peers in turn); `None` for a peer left unmerged. A map
    /// from (review, slot) held three times the room at the moment
    /// linking's memory peaked.
    assign: Vec<Option<PersonId>>,
    warnings: Vec<Warning>,
}

/// Merges peers across reviews. Only reads the reviews, so it can run while
/// they are linked; [`People::apply`] then writes the merged ids.
pub(crate) fn find_people(reviews: &[Review]) -> People {
    let mut warnings = Vec::new();
    let sightings = sightings(reviews, &mut warnings);
    let mut clusters = clusters_by_written_name(&sightings);
    merge_within_surnames(&mut clusters, &sightings);
    let (mut people, assign) = people_of(clusters, &sightings, reviews);
    people.sort_by(|a, b| a.id.cmp(&b.id));
    People {
        people,
        assign,
        warnings,
    }
}

impl People {
    /// Rewrites every `Membership.person` of `reviews` (the ones
    /// [`find_people`] read) to the merged id, and returns the people
    /// sorted by id.
    pub(crate) fn apply(self, reviews: &mut [Review], warnings: &mut Vec<Warning>) -> Vec<Person> {
        let mut assign = self.assign.into_iter();
        for review in reviews.iter_mut() {
            for m in &mut review.peers {
                if let Some(Some(id)) = assign.next() {
                    m.person = id;
                }
            }
        }
        warnings.extend(self.warnings);
        self.people
    }
}

/// Every peer of every review, in the reviews' canonical order (documents
/// by id, then placeholders), so the merge never depends on input order.
fn sightings<'a>(reviews: &'a [Review], warnings: &mut Vec<Warning>) -> Vec<Sighting<'a>> {
    // Room for every peer at once: grown by doubling, the list of a large
    // corpus would hold up to twice its size at the last step.
    let peers = reviews.iter().map(|r| r.peers.len()).sum();
    let mut sightings: Vec<Sighting> = Vec::with_capacity(peers);
    for (review_ix, review) in reviews.iter().enumerate() {
        for slot in 0..review.peers.len() {
            match Sighting::new(review, review_ix, slot) {
                Some(s) => sightings.push(s),
                None => warnings.push(Warning {
                    line: review.peers.get(slot).map(|m| m.span.line),
                    message: format!(
                        "{}: a peer without a usable name was left unmerged",
                        review.id
                    ),
                }),
            }
        }
    }
    sightings
}

/// Step 1: the same written name is one person, one cluster per key.
fn clusters_by_written_name(sightings: &[Sighting]) -> Vec<Cluster> {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, s) in sightings.iter().enumerate() {
        by_key.entry(s.key.clone()).or_default().push(i);
    }
    by_key
        .into_iter()
        .map(|(key, members)| {
            let mut evidence = Vec::new();
            let reviews: BTreeSet<&ReviewId> = members
                .iter()
                .filter_map(|&i| sightings.get(i))
                .map(|s| s.review)
                .collect();
            if reviews.len() > 1 {
                let list: Vec<&str> = reviews.iter().map(|r| r.as_str()).collect();
                evidence.push(format!(
                    "same written name ({key}) on {} reviews: {}",
                    reviews.len(),
                    list.join(", ")
                ));
            }
            let reps = representatives(&members, sightings);
            Cluster {
                keys: BTreeSet::from([key]),
                sightings: members,
                reps,
                evidence,
            }
        })
        .collect()
}

/// Step 2: within a surname, clusters with compatible first names and
/// corroboration merge, strongest merge first. A merged-away cluster is
/// left empty.
fn merge_within_surnames(clusters: &mut [Cluster], sightings: &[Sighting]) {
    let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (ci, c) in clusters.iter().enumerate() {
        if let Some(s) = c.sightings.first().and_then(|&i| sightings.get(i)) {
            if s.first() != s.surname() {
                by_surname
                    .entry(s.surname().to_string())
                    .or_default()
                    .push(ci);
            }
        }
    }
    let mut alive: Vec<bool> = vec![true; clusters.len()];
    for group in by_surname.values() {
        while let Some((a, b, line)) = best_merge(group, clusters, &alive, sightings) {
            let (keep, gone) = (a.min(b), a.max(b));
            let moved = std::mem::replace(
                &mut clusters[gone],
                Cluster {
                    keys: BTreeSet::new(),
                    sightings: Vec::new(),
                    reps: Vec::new(),
                    evidence: Vec::new(),
                },
            );
            alive[gone] = false;
            let target = &mut clusters[keep];
            target.keys.extend(moved.keys);
            target.sightings.extend(moved.sightings);
            target.sightings.sort_unstable();
            target.reps.extend(moved.reps);
            target.reps = representatives(&target.reps, sightings);
            target.evidence.extend(moved.evidence);
            target.evidence.push(line);
        }
    }
}

/// Step 3: each cluster's canonical name and id, and the person every
/// (review, peer slot) becomes.
fn people_of(
    clusters: Vec<Cluster>,
    sightings: &[Sighting],
    reviews: &[Review],
) -> (Vec<Person>, Vec<Option<PersonId>>) {
    let mut people = Vec::new();
    // Where each review's peers start in the list of every peer.
    let mut first_peer = Vec::with_capacity(reviews.len());
    let mut peers = 0;
    for r in reviews {
        first_peer.push(peers);
        peers += r.peers.len();
    }
    let mut assign: Vec<Option<PersonId>> = vec![None; peers];
    for cluster in clusters {
        if cluster.sightings.is_empty() {
            continue;
        }
        let members: Vec<&Sighting> = cluster
            .sightings
            .iter()
            .filter_map(|&i| sightings.get(i))
            .collect();
        // Each name ranked once, not once a comparison: the rank ends in
        // the name itself, so the least (rank, name) is the least rank.
        let Some((_, canonical)) = members
            .iter()
            .map(|s| {
                let name = s.name();
                (name_rank(&name), name)
            })
            .min()
        else {
            continue;
        };
        let Ok(id) = PersonId::from_name(&canonical) else {
            continue;
        };
        for s in &members {
            let at = first_peer.get(s.review_ix).map(|&first| first + s.slot);
            if let Some(slot) = at.and_then(|i| assign.get_mut(i)) {
                *slot = Some(id.clone());
            }
        }
        let aliases: BTreeSet<String> = members
            .iter()
            .map(|s| s.written())
            .filter(|w| *w != canonical)
            .collect();
        let mut evidence = cluster.evidence;
        evidence.sort();
        people.push(Person {
            id,
            name: canonical,
            aliases: aliases.into_iter().collect(),
            merge_evidence: evidence,
        });
    }
    (people, assign)
}

/// Orders candidate canonical names: formal first names, then more words,
/// then longer, then alphabetical.
fn name_rank(
    name: &str,
) -> (
    bool,
    std::cmp::Reverse<usize>,
    std::cmp::Reverse<usize>,
    String,
) {
    let slug = slugify(name);
    let words: Vec<&str> = slug
        .split('-')
        .filter(|w| !HONORIFICS.contains(w))
        .collect();
    let formal = words.first().is_some_and(|f| is_formal(f));
    (
        !formal,
        std::cmp::Reverse(words.len()),
        std::cmp::Reverse(name.chars().count()),
        name.to_string(),
    )
}

/// How strong a merge is: closer first names, then more signals.
type MergeRank = (FirstName, std::cmp::Reverse<usize>);

/// The strongest allowed merge among the live clusters of one surname, with
/// its evidence line; `None` when nothing more may merge. Strongest means
/// the closest first names, then the most corroborating signals.
fn best_merge(
    group: &[usize],
    clusters: &[Cluster],
    alive: &[bool],
    sightings: &[Sighting],
) -> Option<(usize, usize, String)> {
    // Each cluster's first names once, not once for every pair it is in.
    let firsts: Vec<Vec<&str>> = group
        .iter()
        .map(|&c| first_names_of(&clusters[c], sightings))
        .collect();
    let mut best: Option<(MergeRank, usize, usize, String)> = None;
    for (n, &a) in group.iter().enumerate() {
        for (m, &b) in group.iter().enumerate().skip(n + 1) {
            if !alive[a] || !alive[b] {
                continue;
            }
            let (ca, cb) = (&clusters[a], &clusters[b]);
            let Some(relation) = clusters_compatible(&firsts[n], &firsts[m]) else {
                continue;
            };
            let Some((signals, line)) = corroborated(ca, cb, sightings, relation) else {
                continue;
            };
            let rank = (relation, std::cmp::Reverse(signals));
            if best.as_ref().is_none_or(|(r, ..)| rank < *r) {
                best = Some((rank, a, b, line));
            }
        }
    }
    best.map(|(_, a, b, line)| (a, b, line))
}

/// The first names a cluster's sightings are written with, sorted, each
/// once.
fn first_names_of<'a>(c: &Cluster, sightings: &'a [Sighting]) -> Vec<&'a str> {
    let mut firsts: Vec<&str> = c
        .reps
        .iter()
        .filter_map(|&i| sightings.get(i))
        .map(Sighting::first)
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    firsts
}

/// The weakest first-name relation between every pair of names across two
/// clusters' first names (each sorted, each name once), or `None` when any
/// pair is incompatible.
fn clusters_compatible(a: &[&str], b: &[&str]) -> Option<FirstName> {
    let mut all: Vec<&str> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    all.dedup();
    let mut weakest = FirstName::Same;
    for (i, x) in all.iter().enumerate() {
        for y in &all[i + 1..] {
            weakest = weakest.max(first_names(x, y)?);
        }
    }
    Some(weakest)
}

/// The evidence line for merging two clusters, from their most
/// corroborated pair of sightings, with the number of signals.
fn corroborated(
    a: &Cluster,
    b: &Cluster,
    sightings: &[Sighting],
    relation: FirstName,
) -> Option<(usize, String)> {
    let mut best: Option<(usize, &Sighting, &Sighting, String)> = None;
    for &i in &a.reps {
        for &j in &b.reps {
            let (Some(x), Some(y)) = (sightings.get(i), sightings.get(j)) else {
                continue;
            };
            if let Some((n, why)) = corroboration(x, y) {
                if best.as_ref().is_none_or(|(m, ..)| n > *m) {
                    best = Some((n, x, y, why));
                }
            }
        }
    }
    let (n, x, y, why) = best?;
    let how = match relation {
        FirstName::Same => "same first and last name".to_string(),
        FirstName::Nickname => format!(
            "first names {}/{} are equivalent (nickname table)",
            x.first(),
            y.first()
        ),
        FirstName::Initial => format!("initial matches ({}/{})", x.first(), y.first()),
    };
    Some((
        n,
        format!(
            "\"{}\" ({}) = \"{}\" ({}): same surname, {how}, {why}",
            x.written(),
            x.review,
            y.written(),
            y.review
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Merging compares and orders sightings by these lists: they must
    /// agree with the tree sets of the same words they replaced.
    #[test]
    fn a_word_list_orders_and_meets_another_as_a_tree_set_would() {
        let words = |w: &[&str]| w.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        let samples = [
            words(&[]),
            words(&["kestrel"]),
            words(&["kestrel", "vale", "kestrel"]),
            words(&["vale", "abbey"]),
            words(&["abbey", "kestrel", "vale"]),
            words(&["marsh"]),
        ];
        for a in &samples {
            for b in &samples {
                let (la, lb) = (WordList::of(a.clone()), WordList::of(b.clone()));
                let ta: BTreeSet<String> = a.iter().cloned().collect();
                let tb: BTreeSet<String> = b.iter().cloned().collect();
                assert_eq!(la.cmp(&lb), ta.cmp(&tb), "{a:?} against {b:?}");
                assert_eq!(la == lb, ta == tb, "{a:?} against {b:?}");
                let common: Vec<&String> = la.common(&lb).collect();
                let expected: Vec<&String> = ta.intersection(&tb).collect();
                assert_eq!(common, expected, "{a:?} against {b:?}");
            }
        }
    }

    #[test]
    fn first_name_relations() {
        assert_eq!(first_names("steve", "stephen"), Some(FirstName::Nickname));
        assert_eq!(first_names("s", "stephen"), Some(FirstName::Initial));
        assert_eq!(first_names("mark", "joanne"), None);
        assert!(is_formal("stephen"));
        assert!(!is_formal("steve"));
        assert!(!is_formal("chris"));
    }

    #[test]
    fn names_lose_titles() {
        assert_eq!(clean_name("Sir Stephen  Houghton"), "Stephen Houghton");
        assert_eq!(
            clean_name("Peer Challenge Manager Dan Archer"),
            "Dan Archer"
        );
        assert_eq!(clean_name("Cllr Dame Jo Ellery OBE"), "Jo Ellery");
    }

    #[test]
    fn place_and_role_keys() {
        assert_eq!(
            place_words("Leader of Barnsley Council (Labour)"),
            BTreeSet::from(["barnsley".to_string()])
        );
        assert_eq!(
            place_words("Barnsley MBC"),
            BTreeSet::from(["barnsley".to_string()])
        );
        assert_eq!(role_key("Leader of Barnsley Council (Labour)"), "leader");
        assert_eq!(role_key("Leader - Barnsley MBC"), "leader");
        assert_eq!(role_key("Chief Executive"), "chief-executive");
        assert_eq!(
            role_key("Head of Commercial Development"),
            "head-of-commercial-development"
        );
    }

    #[test]
    fn merge_councils_keeps_fullest_name() {
        let c = |name: &str| Council::named(CouncilId::from_name(name).unwrap(), name);
        let merged = merge_councils([
            c("Sefton MBC"),
            c("Sefton Metropolitan Borough Council"),
            c("Halton Borough Council"),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[1].name, "Sefton Metropolitan Borough Council");
        assert_eq!(merged[1].aliases, ["Sefton MBC"]);
    }
}
