//! One row of the gazetteer: an [`Authority`] and its [`AuthorityType`].

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

/// What kind of body an authority is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum AuthorityType {
    /// A county council in a two-tier area (`E10…`).
    County,
    /// A non-metropolitan district council in a two-tier area (`E07…`).
    District,
    /// A unitary authority (`E06…`).
    Unitary,
    /// A metropolitan district (borough) council (`E08…`).
    MetropolitanDistrict,
    /// A London borough council (`E09…`).
    LondonBorough,
    /// A body of its own kind: the City of London Corporation, the Council of
    /// the Isles of Scilly and the Greater London Authority.
    SuiGeneris,
    /// A combined authority or combined county authority (`E47…`).
    CombinedAuthority,
    /// The Local Government Association.
    Association,
}

impl AuthorityType {
    /// Every type, in declaration order.
    pub const ALL: [AuthorityType; 8] = [
        AuthorityType::County,
        AuthorityType::District,
        AuthorityType::Unitary,
        AuthorityType::MetropolitanDistrict,
        AuthorityType::LondonBorough,
        AuthorityType::SuiGeneris,
        AuthorityType::CombinedAuthority,
        AuthorityType::Association,
    ];

    /// The spelling used in the `type` column of the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorityType::County => "county",
            AuthorityType::District => "district",
            AuthorityType::Unitary => "unitary",
            AuthorityType::MetropolitanDistrict => "metropolitan_district",
            AuthorityType::LondonBorough => "london_borough",
            AuthorityType::SuiGeneris => "sui_generis",
            AuthorityType::CombinedAuthority => "combined_authority",
            AuthorityType::Association => "association",
        }
    }

    /// Whether this is a principal council (county, district, unitary,
    /// metropolitan district, London borough or sui generis council), as
    /// opposed to a combined authority or the association.
    pub fn is_council(self) -> bool {
        !matches!(
            self,
            AuthorityType::CombinedAuthority | AuthorityType::Association
        )
    }
}

impl fmt::Display for AuthorityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a `type` value that names no [`AuthorityType`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAuthorityType(pub String);

impl fmt::Display for UnknownAuthorityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown authority type {:?}", self.0)
    }
}

impl std::error::Error for UnknownAuthorityType {}

impl FromStr for AuthorityType {
    type Err = UnknownAuthorityType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AuthorityType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownAuthorityType(s.to_owned()))
    }
}

/// One local authority (or the association), as one row of the table.
///
/// Codes are ONS GSS codes where one exists; `LGA` and codes starting `X-`
/// are pseudo codes owned by this table (see [`Authority::has_pseudo_code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// The GSS code (`E06000001`) or a pseudo code (`LGA`, `X-…`).
    pub code: &'static str,
    /// The official name ("Sefton Metropolitan Borough Council").
    pub name: &'static str,
    /// The place name as people write it ("Sefton").
    pub short: &'static str,
    /// What kind of body it is.
    pub kind: AuthorityType,
    /// Other forms in common use ("Sefton MBC", "Sefton Council").
    pub aliases: Vec<&'static str>,
    /// Web domains; any subdomain of one belongs to the authority too.
    pub domains: Vec<&'static str>,
    /// Codes of the authorities it replaced.
    pub predecessors: Vec<&'static str>,
    /// Codes of the authorities that replaced it (several where a county
    /// council's area was split).
    pub successors: Vec<&'static str>,
    /// First day of existence, where it began on or after 1 April 2009 (or is
    /// a combined authority); `None` for older bodies.
    pub valid_from: Option<NaiveDate>,
    /// Last day of existence; `None` while it exists.
    pub valid_to: Option<NaiveDate>,
    /// Source tokens for the row's facts (explained in `data/README.md`).
    pub sources: Vec<&'static str>,
    /// Whether the short name is also an ordinary word, a surname or a
    /// generic phrase ("Hart", "Eden", "Reading"), so that a bare mention
    /// needs stronger evidence before it is taken for the council.
    pub short_is_common_word: bool,
}

impl Authority {
    /// Whether the authority still exists (it has no end date).
    pub fn is_current(&self) -> bool {
        self.valid_to.is_none()
    }

    /// Whether the authority existed on `date`.
    pub fn existed_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= date) && self.valid_to.is_none_or(|to| date <= to)
    }

    /// Whether the code is a pseudo code of this table rather than a GSS code.
    pub fn has_pseudo_code(&self) -> bool {
        !is_gss_code(self.code)
    }

    /// Every form by which the authority is named: short name, official name
    /// and aliases, in that order.
    pub fn forms(&self) -> impl Iterator<Item = &'static str> + '_ {
        [self.short, self.name]
            .into_iter()
            .chain(self.aliases.iter().copied())
    }
}

/// Whether `code` has the shape of an English GSS code (`E` and 8 digits).
pub(crate) fn is_gss_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 9 && bytes[0] == b'E' && bytes[1..].iter().all(u8::is_ascii_digit)
}
