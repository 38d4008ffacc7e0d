//! The document's layout: serde_json's pretty layout (two-space indents,
//! `"key": value`), byte for byte, written in fewer pieces.
//!
//! serde_json's `PrettyFormatter` writes a key as up to six pieces plus
//! one per level of indentation (the comma, the line break, each indent,
//! both quotes, the colon), each a call into the writer. A corpus's
//! document has well over a million keys, and those calls were about half
//! the exporter's time. Here the comma, line break, indentation and
//! opening quote go out as one slice kept ready for the current depth, and
//! the closing quote with the colon as another.

use std::io::{self, Write};

use serde_json::ser::Formatter;

/// One level of indentation.
const INDENT: &[u8] = b"  ";

/// serde_json's pretty layout, with each run of punctuation and
/// indentation written at once.
#[derive(Debug)]
pub(crate) struct Layout {
    /// `,` then a line break, the current depth's indentation and `"`:
    /// what comes before a key (without the comma for the first, without
    /// the quote before an array's value).
    before: Vec<u8>,
    /// Whether the object or array being closed had a value (as in
    /// serde_json: set by each value's end, cleared by each opening).
    has_value: bool,
    /// Whether the string being written is an object's key, whose opening
    /// quote `before` already wrote and whose closing quote carries the
    /// colon.
    in_key: bool,
}

impl Layout {
    pub(crate) fn new() -> Layout {
        Layout {
            before: b",\n\"".to_vec(),
            has_value: false,
            in_key: false,
        }
    }

    /// Opens an array or object: one level deeper.
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.has_value = false;
        self.before.pop();
        self.before.extend_from_slice(INDENT);
        self.before.push(b'"');
        writer.write_all(bracket)
    }

    /// Closes an array or object: one level up, then the line break and
    /// indentation before the bracket where it had a value.
    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        let keep = self.before.len().saturating_sub(INDENT.len() + 1);
        self.before.truncate(keep);
        self.before.push(b'"');
        if self.has_value {
            writer.write_all(self.line_and_indent())?;
        }
        writer.write_all(bracket)
    }

    /// The line break and the current indentation.
    fn line_and_indent(&self) -> &[u8] {
        self.before
            .get(1..self.before.len().saturating_sub(1))
            .unwrap_or_default()
    }

    /// What comes before a value: `,` unless it is the first, then the
    /// line break and indentation.
    fn separator(&self, first: bool) -> &[u8] {
        let end = self.before.len().saturating_sub(1);
        self.before.get(usize::from(first)..end).unwrap_or_default()
    }
}

impl Formatter for Layout {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        writer.write_all(self.separator(first))
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        // serde_json writes every key, a number's too, between
        // `begin_string` and `end_string`.
        self.in_key = true;
        writer.write_all(self.before.get(usize::from(first)..).unwrap_or_default())
    }

    fn begin_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if self.in_key {
            return Ok(());
        }
        writer.write_all(b"\"")
    }

    fn end_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if std::mem::take(&mut self.in_key) {
            return writer.write_all(b"\": ");
        }
        writer.write_all(b"\"")
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;

    fn both<T: Serialize>(value: &T) -> (String, String) {
        let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Layout::new());
        let written = value.serialize(&mut ser);
        assert!(written.is_ok(), "{written:?}");
        (pretty, String::from_utf8(out).unwrap_or_default())
    }

    #[derive(Serialize)]
    struct Inner {
        name: &'static str,
        #[serde(rename = "quote\"d")]
        quoted: Vec<u32>,
        empty: Vec<u32>,
        none: Option<u8>,
        map: BTreeMap<u32, bool>,
        empty_map: BTreeMap<String, u8>,
    }

    #[derive(Serialize)]
    struct Outer {
        text: String,
        inner: Vec<Inner>,
        nested: Vec<Vec<Vec<&'static str>>>,
        tuple: (u8, &'static str),
        float: f64,
    }

    #[test]
    fn writes_what_serde_json_pretty_writes() {
        let inner = |name| Inner {
            name,
            quoted: vec![1, 2],
            empty: Vec::new(),
            none: None,
            map: BTreeMap::from([(3, true), (10, false)]),
            empty_map: BTreeMap::new(),
        };
        let value = Outer {
            text: "line\nbreak \"quoted\" \\ \u{1} é".to_string(),
            inner: vec![inner("a"), inner("b\tc")],
            nested: vec![vec![], vec![vec![], vec!["x", "y"]]],
            tuple: (7, "seven"),
            float: 0.25,
        };
        let (pretty, ours) = both(&value);
        assert_eq!(ours, pretty);
        for scalar in [both(&1u8), both(&"s"), both(&Vec::<u8>::new())] {
            assert_eq!(scalar.1, scalar.0);
        }
    }
}
