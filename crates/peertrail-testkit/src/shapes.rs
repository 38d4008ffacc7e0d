//! Report texts of hostile shapes at any size: shapes that once made a step
//! of the pipeline worse than linear, or would if it were. The hostile tests
//! (`tests/hostile/large.rs`) read each one and check what comes out;
//! `cargo xtask bench` times each at [`Shape::size`] and four times that,
//! and fails when the time grows much faster than the text.

/// One hostile shape.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// What it is, in a few words.
    pub name: &'static str,
    /// The text with `n` repetitions of the shape.
    pub text: fn(usize) -> String,
    /// The size the benchmark starts from (it also times four times it);
    /// the tests read this size.
    pub size: usize,
    /// The council the caller names (as a sidecar would), where set.
    pub council: Option<&'static str>,
}

/// Every shape, in a fixed order.
pub const SHAPES: [Shape; 6] = [
    Shape {
        name: "bullets under key recommendations",
        text: bullets,
        size: 2_500,
        council: None,
    },
    Shape {
        name: "numbered bold-led items",
        text: numbered,
        size: 5_000,
        council: None,
    },
    Shape {
        name: "review mentions on one line",
        text: mentions,
        size: 4_000,
        council: Some(COUNCIL),
    },
    Shape {
        name: "markup openers without closers",
        text: openers,
        size: 200_000,
        council: Some(COUNCIL),
    },
    Shape {
        name: "restated bold leads",
        text: restated,
        size: 1_000,
        council: Some(COUNCIL),
    },
    Shape {
        name: "council names run together",
        text: council_names,
        size: 20_000,
        council: None,
    },
];

/// The council of the shapes whose text does not say it clearly.
const COUNCIL: &str = "Holmewood Borough Council";

/// `n` one-line bullets under "Key recommendations": each a recommendation.
fn bullets(n: usize) -> String {
    let mut text = String::from(
        "# Corporate Peer Challenge\n\n## Corrington City Council\n\n12 - 15 March 2024\n\n## Key recommendations\n\n",
    );
    for i in 0..n {
        text.push_str(&format!("- Item {i} of the plan.\n"));
    }
    text
}

/// `n` numbered items with a bold lead, a paragraph after each, under no
/// heading that makes them recommendations.
fn numbered(n: usize) -> String {
    let mut text = String::from("# Corporate Peer Challenge\n\n## Holmewood Council\n\n");
    for i in 0..n {
        text.push_str(&format!(
            "{}. **Recommendation {i}.** Do the thing.\n\nA paragraph of text.\n\n",
            i + 1
        ));
    }
    text
}

/// `2n` mentions of earlier reviews on one line (each once looked for its
/// dates across the whole line).
fn mentions(n: usize) -> String {
    "the CPC in January 2019 and the panel in May 2018, ".repeat(n)
}

/// `n` markup openers with no closer (each once looked ahead to the end).
fn openers(n: usize) -> String {
    format!("Holmewood Borough Council\n\n{}", "<[".repeat(n))
}

/// `n` bold-led bullets restating recommendations of one earlier review
/// (each once renumbered against all before it).
fn restated(n: usize) -> String {
    let mut text = String::from(
        "Holmewood Borough Council\n\nLGA Remote Peer Support\n\nOn 9th June 2021 a session was held about the Corporate Peer Challenge of May 2018.\n\nThese recommendations have been significantly progressed:\n\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "- **Restate recommendation number {i} with words.** Commentary.\n"
        ));
    }
    text
}

/// `n` council names on one line with nothing between them, after the
/// council in the title (each name once read back over the capitalised
/// words before it).
fn council_names(n: usize) -> String {
    format!(
        "Holmewood Borough Council\n\n{}",
        "Fernvale Council ".repeat(n)
    )
}
