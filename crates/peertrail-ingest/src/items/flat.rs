//! Tables flattened into lines of text, as a web page or PDF converter
//! leaves them: a header line naming the columns ("Ref   Peer team
//! suggestion   Response"), then a line per row in which a label ("1.1",
//! "R2", "PCR1") opens the recommendation cell. Words before the label are
//! the row's topic (a merged first column); a phrase of three or more
//! words that ends two neighbouring rows is the last column (the response
//! or action), not part of the recommendation.

use peertrail_core::Span;

/// One row of a flattened table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FlatRow {
    /// The label as printed.
    pub label: String,
    /// The words before the label, when a topic column was merged in.
    pub topic: Option<String>,
    /// The recommendation cell.
    pub text: String,
    /// The last column's text, where neighbouring rows share it.
    pub action: Option<String>,
    /// Where the row was read.
    pub span: Span,
}

/// A flattened table: its header line and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FlatTable {
    /// The header line, trimmed.
    pub header: String,
    /// Its 1-based line.
    pub header_line: u32,
    /// The rows.
    pub rows: Vec<FlatRow>,
}

/// Column names a header line is made of; one of the first group must be
/// there, and two names in all. Compared with the line's words without
/// regard to ASCII case.
const RECOMMENDATION_COLUMNS: &[&str] = &[
    "recommendation",
    "recommendations",
    "suggestion",
    "suggestions",
];
const OTHER_COLUMNS: &[&str] = &[
    "action",
    "actions",
    "response",
    "responses",
    "status",
    "owner",
    "lead",
    "timescale",
    "timescales",
    "deadline",
    "due",
    "progress",
    "update",
    "ref",
    "comments",
    "comment",
    "theme",
    "topic",
    "original",
    "peer",
    "team",
    "proposed",
    "by",
    "when",
    "date",
];

/// Every flattened table in `text`. Linear: each line is looked at once.
pub(super) fn read(text: &str) -> Vec<FlatTable> {
    let mut tables = Vec::new();
    let mut current: Option<FlatTable> = None;
    let mut offset = 0usize;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if let Some(table) = current.as_mut() {
            if trimmed.is_empty() {
                if !table.rows.is_empty() {
                    tables.extend(current.take());
                }
                continue;
            }
            let lead = line.len() - line.trim_start().len();
            let span = Span {
                start: start + lead,
                end: start + line.trim_end().len(),
                line: line_no,
                end_line: line_no,
                page: None,
            };
            match split_row(trimmed) {
                Some((label, topic, rest)) => table.rows.push(FlatRow {
                    label: label.to_string(),
                    topic: topic.map(str::to_string),
                    text: rest.to_string(),
                    action: None,
                    span,
                }),
                None => match table.rows.last_mut() {
                    // A wrapped row goes on.
                    Some(last) => {
                        last.text.push(' ');
                        last.text.push_str(trimmed);
                        last.span = last.span.cover(span);
                    }
                    // A line between the header and the first row ends the
                    // attempt: that was no header.
                    None => current = None,
                },
            }
            continue;
        }
        if is_header(trimmed) {
            current = Some(FlatTable {
                header: trimmed.to_string(),
                header_line: line_no,
                rows: Vec::new(),
            });
        }
    }
    tables.extend(current.filter(|t| !t.rows.is_empty()));
    for table in &mut tables {
        split_shared_endings(&mut table.rows);
    }
    tables
}

/// "Original recommendation   Peer team suggestion Action": a short line
/// of column names, one of them a recommendation column.
fn is_header(line: &str) -> bool {
    if line.len() > 120 || line.ends_with(['.', ':', ';']) || line.starts_with('|') {
        return false;
    }
    // Every word must name a column: the first that does not ends the
    // test, and most lines are prose, so they are not split further.
    let names = |columns: &[&str], word: &str| columns.iter().any(|c| c.eq_ignore_ascii_case(word));
    let (mut words, mut rec, mut others) = (0, false, 0);
    for word in line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let is_rec = names(RECOMMENDATION_COLUMNS, word);
        let is_other = names(OTHER_COLUMNS, word);
        if !(is_rec || is_other) || words > 10 {
            return false;
        }
        rec |= is_rec;
        others += usize::from(is_other);
    }
    words >= 2 && rec && others >= 1
}

/// A row: an optional topic, a label, then the recommendation.
fn split_row(line: &str) -> Option<(&str, Option<&str>, &str)> {
    let mut at = 0usize;
    for (k, word) in line.split(' ').enumerate() {
        if k > 8 {
            return None;
        }
        if is_label(word) {
            let rest = line[at + word.len()..].trim_start();
            let opens = rest.chars().next().is_some_and(|c| {
                c.is_uppercase() || matches!(c, '[' | '\'' | '"' | '\u{2018}' | '\u{201c}')
            });
            if opens {
                let topic = line[..at].trim();
                return Some((word, (!topic.is_empty()).then_some(topic), rest));
            }
        }
        at += word.len() + 1;
        if at > line.len() {
            return None;
        }
    }
    None
}

/// "1.1", "2.3", "R4", "PCR1": digits with one dot, or up to three capital
/// letters then digits.
fn is_label(word: &str) -> bool {
    let w = word.trim_end_matches([':', '.', ')']);
    if let Some((a, b)) = w.split_once('.') {
        return (1..=2).contains(&a.len())
            && (1..=2).contains(&b.len())
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit());
    }
    let letters = w.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = &w[letters..];
    (1..=3).contains(&letters)
        && (1..=3).contains(&digits.len())
        && digits.bytes().all(|c| c.is_ascii_digit())
}

/// The shared last column: a phrase of three or more words that ends a row
/// and a neighbour too is split off as the row's action.
fn split_shared_endings(rows: &mut [FlatRow]) {
    let endings: Vec<usize> = (0..rows.len())
        .map(|i| {
            let prev = i
                .checked_sub(1)
                .map(|p| common_tail(&rows[p].text, &rows[i].text));
            let next = rows.get(i + 1).map(|n| common_tail(&rows[i].text, &n.text));
            prev.into_iter().chain(next).max().unwrap_or(0)
        })
        .collect();
    for (row, words) in rows.iter_mut().zip(endings) {
        let total = row.text.split_whitespace().count();
        if words < 3 || words >= total {
            continue;
        }
        let kept: Vec<&str> = row.text.split_whitespace().take(total - words).collect();
        let action: Vec<&str> = row.text.split_whitespace().skip(total - words).collect();
        row.action = Some(action.join(" "));
        row.text = kept.join(" ");
    }
}

/// How many words two texts share at their ends.
fn common_tail(a: &str, b: &str) -> usize {
    a.split_whitespace()
        .rev()
        .zip(b.split_whitespace().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flattened_table_with_topics_labels_and_responses() {
        let text = "Action plan\nTheme   Peer team suggestion   Response\n\
            Housing 1.1 Build more homes for rent. Agreed as part of the housing plan\n\
            1.2 Review the allocations policy. Agreed as part of the housing plan\n\
            Finance 2.1 Refresh the reserves strategy. To be considered by Cabinet\n\nAfter.\n";
        let tables = read(text);
        assert_eq!(tables.len(), 1);
        let rows = &tables[0].rows;
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].label, "1.1");
        assert_eq!(rows[0].topic.as_deref(), Some("Housing"));
        assert_eq!(rows[0].text, "Build more homes for rent.");
        assert_eq!(
            rows[0].action.as_deref(),
            Some("Agreed as part of the housing plan")
        );
        assert_eq!(
            rows[2].text,
            "Refresh the reserves strategy. To be considered by Cabinet"
        );
        assert_eq!(rows[1].span.line, 4);
    }

    #[test]
    fn section_numbers_without_a_header_are_not_a_table() {
        assert!(read("1.1 Introduction\n1.2 Purpose of the report\n").is_empty());
        assert!(read("Recommendations\n1.1 That the report be noted.\n").is_empty());
    }

    #[test]
    fn a_header_is_column_names_only_in_any_case() {
        assert!(is_header("RECOMMENDATION   Owner   Status"));
        assert!(is_header("Peer team suggestion / Response"));
        // A column of recommendations and another are both needed.
        assert!(!is_header("Recommendations"));
        assert!(!is_header("Action   Owner   Status"));
        // One word that names no column, or too many columns, is prose.
        assert!(!is_header("Recommendation owners were agreed"));
        assert!(!is_header(
            "Ref Recommendation Action Owner Lead Status Progress Update Due Deadline Timescale"
        ));
    }
}
