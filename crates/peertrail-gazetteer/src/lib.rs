//! A gazetteer of English local authorities, for recognising the council a
//! peer review report is about.
//!
//! The table lives in `data/councils.csv` at the root of the workspace (see
//! `data/README.md` for its columns, sources and licences). It is embedded in
//! this crate at compile time and parsed once, on first use, into a
//! [`Gazetteer`]. It covers every English principal council in existence at
//! any time since 1 April 2009, the combined authorities, the Greater London
//! Authority and the Local Government Association itself.
//!
//! ```
//! use peertrail_gazetteer::{find_places, gazetteer};
//!
//! let g = gazetteer();
//! let sefton = g.by_name("Sefton MBC").map(|a| a.code);
//! assert_eq!(sefton, Some("E08000014"));
//!
//! let bucks: Vec<_> = g.successors_of("E07000004").iter().map(|a| a.code).collect();
//! assert_eq!(bucks, ["E06000060"]);
//!
//! let found = find_places("Officers from Walsall's housing team");
//! assert_eq!(found[0].text, "Walsall");
//! ```
//!
//! Architecture invariant: this crate is plain data plus lookups. It performs
//! no I/O, depends on no other peertrail crate and owns all its types.

#![warn(missing_docs)]

mod authority;
mod domain;
mod gazetteer;
mod names;
mod parse;
mod places;

pub use authority::{Authority, AuthorityType, UnknownAuthorityType};
pub use gazetteer::{gazetteer, Gazetteer};
pub use parse::{ParseError, HEADER};
pub use places::{find_places, PlaceMatch};

/// The embedded table, exactly as it stands in `data/councils.csv`.
pub const COUNCILS_CSV: &str = include_str!("../../../data/councils.csv");
