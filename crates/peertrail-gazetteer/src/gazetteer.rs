//! The [`Gazetteer`]: the parsed table with its lookups by code, name and web
//! domain, and the succession links between authorities.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use crate::authority::Authority;
use crate::domain::{host_of, suffixes};
use crate::names::{core, normalise};
use crate::parse::{parse_table, ParseError};
use crate::places::{PlaceIndex, PlaceMatch};
use crate::COUNCILS_CSV;

/// GSS codes that ONS retired while the authority carried on under a new
/// code after a boundary change or a change of status, mapped to the code the
/// table uses. Accepted by [`Gazetteer::by_code`].
const FORMER_CODES: &[(&str, &str)] = &[
    ("E06000048", "E06000057"), // Northumberland, recoded 2013
    ("E07000025", "E06000053"), // Isles of Scilly, recoded 2009
    ("E07000097", "E07000242"), // East Hertfordshire, recoded 2014
    ("E07000100", "E07000240"), // St Albans, recoded 2013
    ("E07000101", "E07000243"), // Stevenage, recoded 2014
    ("E07000104", "E07000241"), // Welwyn Hatfield, recoded 2013
    ("E08000020", "E08000037"), // Gateshead, recoded 2013
    ("E47000005", "E47000010"), // North East Combined Authority, recoded 2018
];

/// How a name key was derived, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NameRank {
    Name,
    Short,
    Alias,
    Stripped,
}

/// The whole table with its indexes. Get the embedded one with
/// [`gazetteer()`].
#[derive(Debug)]
pub struct Gazetteer {
    authorities: Vec<Authority>,
    codes: BTreeMap<&'static str, usize>,
    names: BTreeMap<String, Vec<(NameRank, usize)>>,
    domains: BTreeMap<&'static str, Vec<usize>>,
    places: OnceLock<PlaceIndex>,
}

/// The gazetteer built from the embedded `data/councils.csv`, parsed once.
///
/// The embedded table is checked by this crate's tests; were it ever
/// unreadable, the gazetteer would be empty rather than panic.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        Gazetteer::from_csv(COUNCILS_CSV).unwrap_or_else(|_| Gazetteer::build(Vec::new()))
    })
}

impl Gazetteer {
    /// Parses a table with the layout of `data/councils.csv` (header
    /// [`crate::HEADER`]) and builds its indexes. Rows are kept sorted by
    /// code.
    pub fn from_csv(csv: &'static str) -> Result<Gazetteer, ParseError> {
        parse_table(csv).map(Gazetteer::build)
    }

    fn build(mut authorities: Vec<Authority>) -> Gazetteer {
        authorities.sort_by(|a, b| a.code.cmp(b.code));
        let mut codes = BTreeMap::new();
        let mut names: BTreeMap<String, Vec<(NameRank, usize)>> = BTreeMap::new();
        let mut domains: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
        for (index, authority) in authorities.iter().enumerate() {
            codes.insert(authority.code, index);
            let ranked = [
                (NameRank::Name, authority.name),
                (NameRank::Short, authority.short),
            ]
            .into_iter()
            .chain(authority.aliases.iter().map(|a| (NameRank::Alias, *a)));
            for (rank, form) in ranked {
                let key = normalise(form);
                let stripped = core(&key).to_owned();
                for (rank, key) in [(rank, key), (NameRank::Stripped, stripped)] {
                    let entry = names.entry(key).or_default();
                    match entry.iter_mut().find(|(_, i)| *i == index) {
                        Some(existing) => existing.0 = existing.0.min(rank),
                        None => entry.push((rank, index)),
                    }
                }
            }
            for domain in &authority.domains {
                domains.entry(*domain).or_default().push(index);
            }
        }
        Gazetteer {
            authorities,
            codes,
            names,
            domains,
            places: OnceLock::new(),
        }
    }

    /// Every row, sorted by code.
    pub fn all(&self) -> &[Authority] {
        &self.authorities
    }

    /// The rows that still exist (no end date), sorted by code.
    pub fn current(&self) -> impl Iterator<Item = &Authority> {
        self.authorities.iter().filter(|a| a.is_current())
    }

    /// The row with this code. Also accepts a GSS code that ONS retired when
    /// the same authority was recoded (Gateshead's `E08000020`, for example).
    pub fn by_code(&self, code: &str) -> Option<&Authority> {
        let code = code.trim();
        let code = FORMER_CODES
            .iter()
            .find(|(old, _)| old.eq_ignore_ascii_case(code))
            .map_or(code, |(_, new)| *new);
        self.codes
            .get(code)
            .or_else(|| self.codes.get(code.to_ascii_uppercase().as_str()))
            .map(|&i| &self.authorities[i])
    }

    /// The authority best named by `name`, matched against official names,
    /// short names and aliases while ignoring case, punctuation, "&"/"and"
    /// and "St"/"St."; failing that, council-type words ("Council", "Borough
    /// Council", "MBC", "London Borough of" …) are stripped first. Current
    /// authorities win over former ones of the same name.
    pub fn by_name(&self, name: &str) -> Option<&Authority> {
        self.all_by_name(name).into_iter().next()
    }

    /// Every authority that `name` may mean, best first (current before
    /// former, then official name before short name before alias).
    pub fn all_by_name(&self, name: &str) -> Vec<&Authority> {
        let key = normalise(name);
        let hits = match self.names.get(&key) {
            Some(hits) => hits,
            None => match self.names.get(core(&key)) {
                Some(hits) => hits,
                None => return Vec::new(),
            },
        };
        let mut hits = hits.clone();
        hits.sort_by_key(|&(rank, i)| (!self.authorities[i].is_current(), rank, i));
        hits.into_iter()
            .map(|(_, i)| &self.authorities[i])
            .collect()
    }

    /// The authorities whose web domain `host_or_url` is or lies under:
    /// `go.walsall.gov.uk`, `https://democracy.harlow.gov.uk/mgAi.aspx` and
    /// `www.harlow.gov.uk` all find their council. Several authorities come
    /// back where they share a domain (Adur and Worthing share
    /// `adur-worthing.gov.uk`); the most specific domain wins and current
    /// authorities come first.
    pub fn by_domain(&self, host_or_url: &str) -> Vec<&Authority> {
        let Some(host) = host_of(host_or_url) else {
            return Vec::new();
        };
        for candidate in suffixes(&host) {
            if let Some(hits) = self.domains.get(candidate) {
                let mut found: Vec<&Authority> =
                    hits.iter().map(|&i| &self.authorities[i]).collect();
                found.sort_by_key(|a| (!a.is_current(), a.code));
                return found;
            }
        }
        Vec::new()
    }

    /// The current authorities that in the end took over from `code`,
    /// following successor links through every reorganisation: Aylesbury
    /// Vale (`E07000004`) gives Buckinghamshire Council; Taunton Deane gives
    /// Somerset Council by way of Somerset West and Taunton. Empty for a
    /// current authority or an unknown code.
    pub fn successors_of(&self, code: &str) -> Vec<&Authority> {
        let Some(start) = self.by_code(code) else {
            return Vec::new();
        };
        let mut out = BTreeSet::new();
        let mut seen = BTreeSet::from([start.code]);
        let mut queue: Vec<&str> = start.successors.clone();
        while let Some(next) = queue.pop() {
            if !seen.insert(next) {
                continue;
            }
            let Some(authority) = self.by_code(next) else {
                continue;
            };
            if authority.successors.is_empty() {
                out.insert(authority.code);
            } else {
                queue.extend(authority.successors.iter().copied());
            }
        }
        out.into_iter().filter_map(|c| self.by_code(c)).collect()
    }

    /// Every authority that `code` replaced, directly or through earlier
    /// reorganisations, sorted by code.
    pub fn predecessors_of(&self, code: &str) -> Vec<&Authority> {
        let Some(start) = self.by_code(code) else {
            return Vec::new();
        };
        let mut seen = BTreeSet::new();
        let mut queue: Vec<&str> = start.predecessors.clone();
        while let Some(next) = queue.pop() {
            if next == start.code || !seen.insert(next) {
                continue;
            }
            if let Some(authority) = self.by_code(next) {
                queue.extend(authority.predecessors.iter().copied());
            }
        }
        seen.into_iter().filter_map(|c| self.by_code(c)).collect()
    }

    /// Every mention of an authority in `text`; see [`crate::find_places`].
    pub fn find_places(&self, text: &str) -> Vec<PlaceMatch> {
        self.places
            .get_or_init(|| PlaceIndex::build(&self.authorities))
            .find(text, &self.authorities)
    }
}
