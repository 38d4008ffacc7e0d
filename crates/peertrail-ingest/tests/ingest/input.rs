//! What ingest makes of input that is not a report's extraction: a report
//! that never names its council (without one given), text in
//! Windows-1252, and empty or binary input. Report shapes are data, in
//! `shapes/`.

use peertrail_ingest::{ingest_bytes, ingest_str, IngestError, IngestOptions};

use crate::common::*;
use crate::shapes::shapes_dir;

#[test]
fn a_report_that_never_names_its_council_needs_one_given() {
    // With its sidecar's council, the shape `no_council_named.md` is read.
    let path = shapes_dir().join("no_council_named.md");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let got = ingest_bytes(&bytes, &IngestOptions::default());
    assert_eq!(got, Err(IngestError::NoCouncil));
}

#[test]
fn windows_1252_decodes_with_a_warning() {
    let bytes: &[u8] = b"Thornwick Borough Council\r\n\r\nCorporate Peer Challenge\r\n\r\n12\x9614 May 2021\r\n\r\nKey recommendations\r\n\r\n1. Review the council\x92s leisure and caf\xe9 contracts.\r\n2. Agree a \x93customer first\x94 standard for every service.\r\n";
    let e = ingest_bytes(bytes, &IngestOptions::default()).unwrap();
    assert!(
        e.warnings
            .iter()
            .any(|w| w.message.contains("Windows-1252")),
        "a warning says how the text was decoded: {:?}",
        e.warnings
    );
    assert_eq!(e.council.id.as_str(), "thornwick");
    assert_eq!(
        e.review.held,
        Some(days((2021, 5, 12), (2021, 5, 14))),
        "0x96 is an en dash"
    );
    let recs = own(&e);
    assert_eq!(recs.len(), 2, "{}", dump(&recs));
    assert!(
        recs[0].text.contains("council\u{2019}s") && recs[0].text.contains("caf\u{e9}"),
        "{:?}",
        recs[0].text
    );
    assert!(
        recs[1].text.contains("\u{201c}customer first\u{201d}"),
        "{:?}",
        recs[1].text
    );
}

#[test]
fn empty_input_is_an_error() {
    let options = IngestOptions::default();
    for bytes in [&b""[..], b"   \n\n\t\r\n"] {
        assert_eq!(ingest_bytes(bytes, &options), Err(IngestError::Empty));
    }
    assert_eq!(ingest_str("", &options), Err(IngestError::Empty));
}

#[test]
fn binary_input_is_an_error_with_its_line() {
    let bytes: &[u8] = b"Holmewood Council\nCorporate Peer Challenge\nab\0cd\n";
    let offset = bytes.iter().position(|&b| b == 0).unwrap();
    let err = ingest_bytes(bytes, &IngestOptions::default()).unwrap_err();
    assert_eq!(err, IngestError::Binary { offset, line: 3 });
    assert!(err.to_string().contains("line 3"), "{err}");
    let pdf = ingest_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", &IngestOptions::default());
    assert!(
        matches!(pdf, Err(IngestError::Binary { .. })),
        "a PDF is not text: {pdf:?}"
    );
}
