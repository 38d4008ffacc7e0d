//! Names and recommendations that carry markup, DOT syntax, quotes,
//! newlines and spreadsheet formulas: every output stays valid and escaped.

use peertrail_core::{
    Action, ActionId, CouncilId, Extraction, Membership, PeerPosition, PersonId, Recommendation,
    RecommendationId, RecommendationKind, ReviewId, Span, Theme,
};
use peertrail_graph::Graph;
use peertrail_ingest::{ingest_str, IngestOptions, Meta};

use crate::support::{
    check_outputs, load_with_council, pipeline, problems, render_all, report, Scratch, SAMPLE,
};

/// Strings that break a format that forgets to escape.
pub const HOSTILE: &[&str] = &[
    "\"; rankdir=LR; evil [label=\"x\"]; //",
    "}} digraph g { a -> b; } {{",
    "<<b>html label</b>>",
    "back\\slash \\\" \\n \\",
    "line\nbreak\r\nand\ttab",
    "<script>alert(1)</script>",
    "=HYPERLINK(\"http://example.invalid\",\"click\")",
    "+44 1234",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "'single' and \"double\" quotes",
    "comma, separated; \"and\" quoted",
    "../../escape/../../tmp/x",
    "/etc/passwd",
    "nul\0byte",
    "right\u{202E}to left\u{200F} zero\u{200B}width",
    "",
    " ",
];

fn span() -> Span {
    Span {
        start: 0,
        end: 1,
        line: 1,
        end_line: 1,
        page: None,
    }
}

/// The sample report's extraction with a hostile string in every text
/// field the exporters print, and ids that try to leave the output folder.
pub fn poisoned(hostile: &str) -> Extraction {
    let mut e = ingest_str(SAMPLE, &IngestOptions::default()).unwrap();
    e.council.name = format!("Fernleigh {hostile}");
    e.council.aliases.push(hostile.to_string());
    e.review.title = Some(hostile.to_string());
    e.review.source = Some(hostile.to_string());
    let review = e.review.id.clone();
    e.review.peers.push(Membership {
        person: PersonId::from_name("Jane Holt").unwrap(),
        name: format!("Jane {hostile}").into(),
        honorifics: vec![hostile.to_string()],
        role: Some(hostile.into()),
        organisation: Some(hostile.into()),
        position: PeerPosition::MemberPeer,
        span: span(),
        decided: vec![hostile.to_string()],
    });
    for (n, id) in [
        (90, RecommendationId::new(&review, 90)),
        (
            91,
            RecommendationId::from_raw(format!("{review}#r{hostile}")),
        ),
    ] {
        e.recommendations.push(Recommendation {
            id,
            review: review.clone(),
            number: n,
            label: Some(hostile.to_string()),
            kind: RecommendationKind::Recommendation,
            title: Some(hostile.to_string()),
            text: format!("{hostile} text"),
            themes: vec![Theme::Heading(hostile.to_string())],
            span: span(),
            cue: None,
            source: Some(hostile.into()),
            latest: None,
            silent: false,
            response: None,
            decided: Vec::new(),
        });
    }
    e.actions.push(Action {
        id: ActionId::new(&review, 1),
        review: review.clone(),
        number: 1,
        recommendation: Some(RecommendationId::new(&review, 90)),
        text: hostile.to_string(),
        owner: Some(hostile.to_string()),
        covered_by: None,
        span: span(),
        timescale: None,
        revised: None,
        decided: Vec::new(),
    });
    e
}

#[test]
fn hostile_strings_in_every_field_give_valid_output() {
    for hostile in HOSTILE {
        let graph = Graph::build(vec![poisoned(hostile)]);
        let outputs = render_all(graph.dataset());
        check_outputs(&outputs, true);
    }
}

#[test]
fn hostile_strings_all_at_once() {
    let docs: Vec<Extraction> = HOSTILE.iter().map(|h| poisoned(h)).collect();
    let graph = Graph::build(docs);
    check_outputs(&render_all(graph.dataset()), true);
}

#[test]
fn hostile_ids_give_valid_output() {
    for raw in ["../../x", "/abs/olute", "nul\0id", "a\"b", "a\nb", "=1+1"] {
        let mut e = ingest_str(SAMPLE, &IngestOptions::default()).unwrap();
        let id = ReviewId::from_raw(raw);
        e.review.id = id.clone();
        e.council.id = CouncilId::from_raw(raw);
        e.review.council = CouncilId::from_raw(raw);
        for r in &mut e.recommendations {
            r.review = id.clone();
            r.id = RecommendationId::from_raw(format!("{raw}#r{}", r.number));
        }
        let graph = Graph::build(vec![e]);
        check_outputs(&render_all(graph.dataset()), true);
    }
}

/// The same strings, through the front door: a council name from
/// `--council` and report text with markup and formulas.
#[test]
fn hostile_report_text_through_ingest() {
    let dir = Scratch::new("hostile-text");
    let mut body = String::from("## Key recommendations\n\n");
    for (i, h) in HOSTILE.iter().enumerate() {
        let h = h.replace('\0', "");
        body.push_str(&format!("{}. **{h}** {h}\n", i + 1));
    }
    body.push_str("\n## The peer team\n\n");
    for h in HOSTILE {
        body.push_str(&format!(
            "- Cllr {}, {}, Corrington Council\n",
            h.replace('\0', ""),
            h.replace('\0', "")
        ));
    }
    let path = dir.file("formulas.md", report("Marshfield Borough Council", &body));
    for council in [
        "Marshfield Borough Council",
        "=cmd|' /C calc'!A0 Council",
        "\"; rankdir=LR; x Council",
    ] {
        let corpus = load_with_council(std::slice::from_ref(&path), council);
        assert_eq!(corpus.extractions.len(), 1, "{:#?}", problems(&corpus));
        let (_, outputs) = pipeline(corpus);
        check_outputs(&outputs, true);
    }
}

/// A sidecar's council wins over the text's; a hostile one stays data.
#[test]
fn hostile_meta_council() {
    let meta = Meta {
        council: Some("<script>\"; rankdir=LR;</script> Council".into()),
        ..Meta::default()
    };
    let e = ingest_str(
        SAMPLE,
        &IngestOptions {
            source: Some("../../x.txt".into()),
            meta,
        },
    )
    .unwrap();
    assert_eq!(e.council.name, "<script>\"; rankdir=LR;</script> Council");
    let graph = Graph::build(vec![e]);
    check_outputs(&render_all(graph.dataset()), true);
}
