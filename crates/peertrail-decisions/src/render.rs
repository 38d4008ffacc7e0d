//! Writing decisions as TOML blocks, one `[[decision]]` table each, keys in
//! a fixed order, so the file reads well and diffs line by line. Blocks are
//! only ever appended.

use std::fmt::Write as _;

use crate::model::Decision;
use crate::FORMAT;

/// The opening of a new decisions file.
pub fn header() -> String {
    format!(
        "# Decisions people took about this corpus, applied by peertrail after extraction\n\
         # and linking (see docs/formats.md). History: append, never rewrite; a later\n\
         # decision about the same thing wins the value shown, the earlier one stays.\n\
         format = \"{FORMAT}\"\n"
    )
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// One decision as a TOML block, starting with a blank line.
pub fn render(d: &Decision) -> String {
    let mut s = String::from("\n[[decision]]\n");
    let mut key = |k: &str, v: &str| {
        let _ = writeln!(s, "{k} = {}", quote(v));
    };
    key("decision", d.name());
    match d {
        Decision::Link {
            verdict,
            from,
            to,
            kind,
            from_fingerprint,
            to_fingerprint,
            note,
            who,
        } => {
            key("verdict", verdict.as_str());
            key("kind", kind.as_str());
            key("from", from);
            if let Some(f) = from_fingerprint {
                key("from_fingerprint", f);
            }
            key("to", to);
            if let Some(f) = to_fingerprint {
                key("to_fingerprint", f);
            }
            optional(&mut key, note, who);
        }
        Decision::Correct {
            target,
            fingerprint,
            text,
            field,
            value,
            note,
            who,
        } => {
            target_keys(&mut key, "target", target, fingerprint, text);
            key("field", field.as_str());
            key("value", value);
            optional(&mut key, note, who);
        }
        Decision::NotARecommendation {
            recommendation,
            fingerprint,
            text,
            note,
            who,
        } => {
            target_keys(
                &mut key,
                "recommendation",
                recommendation,
                fingerprint,
                text,
            );
            optional(&mut key, note, who);
        }
        Decision::StatusUpdate {
            recommendation,
            fingerprint,
            text,
            status,
            date,
            note,
            who,
        } => {
            target_keys(
                &mut key,
                "recommendation",
                recommendation,
                fingerprint,
                text,
            );
            key("status", status.as_str());
            key("date", &date.format("%Y-%m-%d").to_string());
            optional(&mut key, note, who);
        }
        Decision::Response {
            recommendation,
            fingerprint,
            text,
            response,
            date,
            note,
            who,
        } => {
            target_keys(
                &mut key,
                "recommendation",
                recommendation,
                fingerprint,
                text,
            );
            key("response", response.as_str());
            key("date", &date.format("%Y-%m-%d").to_string());
            optional(&mut key, note, who);
        }
        Decision::ReviseDue {
            action,
            fingerprint,
            text,
            due,
            note,
            who,
        } => {
            target_keys(&mut key, "action", action, fingerprint, text);
            key("due", due);
            optional(&mut key, note, who);
        }
        Decision::Peer {
            verdict,
            review,
            person,
            text,
            name,
            role,
            organisation,
            position,
            note,
            who,
        } => {
            key("verdict", verdict.as_str());
            key("review", review);
            for (k, v) in [
                ("person", person),
                ("text", text),
                ("name", name),
                ("role", role),
                ("organisation", organisation),
                ("position", position),
            ] {
                if let Some(v) = v {
                    key(k, v);
                }
            }
            optional(&mut key, note, who);
        }
    }
    s
}

fn target_keys(
    key: &mut impl FnMut(&str, &str),
    name: &str,
    id: &str,
    fingerprint: &Option<String>,
    text: &Option<String>,
) {
    key(name, id);
    if let Some(f) = fingerprint {
        key("fingerprint", f);
    }
    if let Some(t) = text {
        key("text", t);
    }
}

fn optional(key: &mut impl FnMut(&str, &str), note: &Option<String>, who: &Option<String>) {
    if let Some(n) = note {
        key("note", n);
    }
    if let Some(w) = who {
        key("who", w);
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use peertrail_core::Status;

    use super::*;
    use crate::parse;

    #[test]
    fn what_is_written_reads_back() {
        let d = Decision::StatusUpdate {
            recommendation: "c/2019-09-17-cpc#r3".into(),
            fingerprint: Some("00ff".into()),
            text: Some("Review the \"portfolio\"\\ now".into()),
            status: Status::InProgress,
            date: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            note: Some("line one\nline two = \"x\"".into()),
            who: None,
        };
        let text = format!("{}{}", header(), render(&d));
        let back = parse(&text, "t").unwrap();
        assert_eq!(back.decisions[0].decision, d);
        assert_eq!(back.decisions[0].line, 6);
    }
}
