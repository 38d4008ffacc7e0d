//! The document's writer: serde_json's pretty layout (two-space indents,
//! `"key": value`, `[]` and `{}` when empty), byte for byte, from any
//! `Serialize` value.
//!
//! serde_json reads every string a byte at a time against its escape
//! table, keys included, and at 10,000 reports that scan was over half
//! the exporter's instructions. Here a string is tested eight bytes at a
//! time for the few bytes JSON escapes (a quote, a backslash, a control
//! character), and written in one piece when it holds none, as nearly all
//! do. Numbers are written as serde_json writes them (floats by serde_json
//! itself), so the document a reader gets is unchanged; the tests compare
//! the two writers on the same values.

use std::fmt::Display;
use std::io::{self, Write};

use peertrail_core::{bytes_below, repeat_byte, zero_bytes};
use serde::ser::{self, Serialize};

/// Why a value could not be written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// The output failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A map key that JSON cannot hold as a string (a sequence, a map, …).
    #[error("key must be a string")]
    KeyMustBeAString,
    /// A map key that is a float but not a finite one.
    #[error("float key must be finite (got NaN or +/-inf)")]
    FloatKeyMustBeFinite,
    /// A value's own `Serialize` implementation failed.
    #[error("{0}")]
    Custom(String),
}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::Custom(msg.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

/// Writes values to `out` in serde_json's pretty layout.
#[derive(Debug)]
pub(crate) struct Pretty<W> {
    out: W,
    /// `,`, a line break and the indentation of the current depth: what
    /// goes before each element after the first (the first skips the
    /// comma).
    line: Vec<u8>,
}

/// One level of indentation.
const INDENT: &[u8] = b"  ";

impl<W: Write> Pretty<W> {
    pub(crate) fn new(out: W) -> Pretty<W> {
        Pretty {
            out,
            line: b",\n".to_vec(),
        }
    }

    /// Opens an array or object: one level deeper.
    fn open(&mut self, bracket: &[u8]) -> Result {
        self.line.extend_from_slice(INDENT);
        self.out.write_all(bracket)?;
        Ok(())
    }

    /// Closes an array or object: one level up, then the line break and
    /// indentation before the bracket if it held anything.
    fn close(&mut self, bracket: &[u8], held_any: bool) -> Result {
        self.line
            .truncate(self.line.len().saturating_sub(INDENT.len()));
        if held_any {
            self.out.write_all(self.line.get(1..).unwrap_or_default())?;
        }
        self.out.write_all(bracket)?;
        Ok(())
    }

    /// What goes before an element: the comma unless it is the first, the
    /// line break and the indentation.
    fn element(&mut self, first: bool) -> Result {
        let from = usize::from(first);
        self.out
            .write_all(self.line.get(from..).unwrap_or_default())?;
        Ok(())
    }

    fn string(&mut self, text: &str) -> Result {
        self.out.write_all(b"\"")?;
        escaped(&mut self.out, text.as_bytes())?;
        self.out.write_all(b"\"")?;
        Ok(())
    }

    /// An object's key and the `": "` after it.
    fn key(&mut self, first: bool, key: &str) -> Result {
        self.element(first)?;
        self.string(key)?;
        self.out.write_all(b": ")?;
        Ok(())
    }

    fn integer(&mut self, value: impl itoa::Integer) -> Result {
        self.out
            .write_all(itoa::Buffer::new().format(value).as_bytes())?;
        Ok(())
    }

    /// A float as serde_json writes it (`null` when not finite).
    fn float<F: Serialize>(&mut self, value: F) -> Result {
        serde_json::to_writer(&mut self.out, &value).map_err(|e| {
            if e.is_io() {
                Error::Io(e.into())
            } else {
                Error::Custom(e.to_string())
            }
        })
    }

    /// Hands back the output.
    pub(crate) fn into_inner(self) -> W {
        self.out
    }
}

/// The first byte of `bytes` that needs escaping, eight bytes at a time
/// (the last few padded with spaces): no byte loop, even for the short
/// keys that are most of a document's strings.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        if let Some(k) = first_marked(word) {
            return Some(at + k);
        }
        at += 8;
    }
    let rest = chunks.remainder();
    if rest.is_empty() {
        return None;
    }
    let mut padded = [b' '; 8];
    padded[..rest.len()].copy_from_slice(rest);
    first_marked(u64::from_le_bytes(padded)).map(|k| at + k)
}

/// The first of eight bytes (little-endian) that needs escaping: a quote,
/// a backslash or a byte under 0x20. Neither test marks a byte below the
/// first it is about, so the lowest mark is the first such byte.
fn first_marked(word: u64) -> Option<usize> {
    let marks = bytes_below(word, 0x20)
        | zero_bytes(word ^ repeat_byte(b'"'))
        | zero_bytes(word ^ repeat_byte(b'\\'));
    (marks != 0).then(|| (marks.trailing_zeros() / 8) as usize)
}

/// `bytes` with JSON's escapes, as serde_json writes them: the short forms
/// where JSON has one, `\u00xx` (lower-case hex) for other control
/// characters, everything else as it is.
fn escaped<W: Write>(out: &mut W, bytes: &[u8]) -> io::Result<()> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut rest = bytes;
    while let Some(at) = first_to_escape(rest) {
        let (run, tail) = rest.split_at(at);
        out.write_all(run)?;
        let Some((&byte, tail)) = tail.split_first() else {
            break;
        };
        let short: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            _ => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ],
        };
        out.write_all(short)?;
        rest = tail;
    }
    out.write_all(rest)
}

/// An array or object being written.
#[derive(Debug)]
pub(crate) struct Compound<'a, W> {
    ser: &'a mut Pretty<W>,
    /// Whether nothing has been written into it yet.
    first: bool,
    /// An enum variant's `{"Variant": …}` wraps it, closed after it.
    in_variant: bool,
}

impl<'a, W: Write> Compound<'a, W> {
    fn open(ser: &'a mut Pretty<W>, bracket: &[u8], in_variant: bool) -> Result<Self> {
        ser.open(bracket)?;
        Ok(Compound {
            ser,
            first: true,
            in_variant,
        })
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.ser.element(std::mem::take(&mut self.first))?;
        value.serialize(&mut *self.ser)
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result {
        self.ser.key(std::mem::take(&mut self.first), key)?;
        value.serialize(&mut *self.ser)
    }

    fn close(self, bracket: &[u8]) -> Result {
        self.ser.close(bracket, !self.first)?;
        if self.in_variant {
            self.ser.close(b"}", true)?;
        }
        Ok(())
    }
}

/// The ten integer methods of a `Serializer`, each `$body` with the
/// serializer as `$this` and the number as `$v`.
macro_rules! integer_methods {
    ($this:ident, $v:ident => $body:expr) => {
        integer_methods!(@each $this, $v => $body;
            serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
            serialize_i64: i64, serialize_i128: i128, serialize_u8: u8,
            serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
            serialize_u128: u128);
    };
    (@each $this:ident, $v:ident => $body:expr; $($method:ident: $ty:ty),*) => {
        $(
            fn $method(self, $v: $ty) -> Result {
                let $this = self;
                $body
            }
        )*
    };
}

impl<'a, W: Write> ser::Serializer for &'a mut Pretty<W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Compound<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.write_all(if v { b"true" } else { b"false" })?;
        Ok(())
    }

    integer_methods!(this, v => this.integer(v));

    fn serialize_f32(self, v: f32) -> Result {
        self.float(v)
    }

    fn serialize_f64(self, v: f64) -> Result {
        self.float(v)
    }

    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }

    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.out.write_all(b"null")?;
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.string(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        let mut object = Compound::open(self, b"{", false)?;
        object.field(variant, value)?;
        object.close(b"}")
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, W>> {
        Compound::open(self, b"[", false)
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, W>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, W>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W>> {
        self.open(b"{")?;
        self.key(true, variant)?;
        Compound::open(self, b"[", true)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, W>> {
        Compound::open(self, b"{", false)
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, W>> {
        Compound::open(self, b"{", false)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W>> {
        self.open(b"{")?;
        self.key(true, variant)?;
        Compound::open(self, b"{", true)
    }
}

/// The array-like compounds: each element after a separator, `]` at the end.
macro_rules! array_like {
    ($($trait:ident::$method:ident),*) => {
        $(
            impl<W: Write> ser::$trait for Compound<'_, W> {
                type Ok = ();
                type Error = Error;

                fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
                    self.element(value)
                }

                fn end(self) -> Result {
                    self.close(b"]")
                }
            }
        )*
    };
}

array_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The struct-like compounds: each field a key and its value, `}` at the end.
macro_rules! struct_like {
    ($($trait:ident),*) => {
        $(
            impl<W: Write> ser::$trait for Compound<'_, W> {
                type Ok = ();
                type Error = Error;

                fn serialize_field<T: ?Sized + Serialize>(
                    &mut self,
                    key: &'static str,
                    value: &T,
                ) -> Result {
                    self.field(key, value)
                }

                fn end(self) -> Result {
                    self.close(b"}")
                }
            }
        )*
    };
}

struct_like!(SerializeStruct, SerializeStructVariant);

impl<W: Write> ser::SerializeMap for Compound<'_, W> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        self.ser.element(std::mem::take(&mut self.first))?;
        key.serialize(KeySerializer {
            ser: &mut *self.ser,
        })?;
        self.ser.out.write_all(b": ")?;
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.ser)
    }

    fn end(self) -> Result {
        self.close(b"}")
    }
}

/// A map's key, written as a JSON string the way serde_json writes it:
/// strings, characters, numbers (finite floats too), booleans and unit
/// variants; anything else is an error.
struct KeySerializer<'a, W> {
    ser: &'a mut Pretty<W>,
}

impl<W: Write> KeySerializer<'_, W> {
    fn quoted(self, write: impl FnOnce(&mut Pretty<W>) -> Result) -> Result {
        self.ser.out.write_all(b"\"")?;
        write(self.ser)?;
        self.ser.out.write_all(b"\"")?;
        Ok(())
    }
}

impl<W: Write> ser::Serializer for KeySerializer<'_, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result {
        self.quoted(|s| s.serialize_bool(v))
    }

    integer_methods!(this, v => this.quoted(|s| s.integer(v)));

    fn serialize_f32(self, v: f32) -> Result {
        if !v.is_finite() {
            return Err(Error::FloatKeyMustBeFinite);
        }
        self.quoted(|s| s.float(v))
    }

    fn serialize_f64(self, v: f64) -> Result {
        if !v.is_finite() {
            return Err(Error::FloatKeyMustBeFinite);
        }
        self.quoted(|s| s.float(v))
    }

    fn serialize_char(self, v: char) -> Result {
        self.ser.string(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result {
        self.ser.string(v)
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_none(self) -> Result {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.ser.string(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Error::KeyMustBeAString)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;

    /// serde_json's pretty document and ours for the same value.
    fn both<T: Serialize>(value: &T) -> (String, String) {
        let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
        let mut writer = Pretty::new(Vec::new());
        let written = value.serialize(&mut writer);
        assert!(written.is_ok(), "{written:?}");
        (
            pretty,
            String::from_utf8(writer.into_inner()).unwrap_or_default(),
        )
    }

    fn same<T: Serialize>(value: &T) {
        let (pretty, ours) = both(value);
        assert_eq!(ours, pretty);
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
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
    }

    #[derive(Serialize)]
    struct Outer {
        text: String,
        inner: Vec<Inner>,
        nested: Vec<Vec<Vec<&'static str>>>,
        tuple: (u8, &'static str),
        float: f64,
        floats: Vec<f64>,
        signed: i64,
        big: u128,
        letter: char,
        unit: (),
    }

    #[derive(Serialize)]
    enum Variants {
        Unit,
        Newtype(u8),
        Tuple(u8, &'static str),
        Empty(),
        Struct { a: u8, b: Vec<u8> },
        EmptyStruct {},
    }

    #[derive(Serialize)]
    struct Flattened {
        id: u8,
        #[serde(flatten)]
        rest: BTreeMap<String, Variants>,
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
            skipped: None,
        };
        same(&Outer {
            text: "line\nbreak \"quoted\" \\ \u{1} \u{b} \u{1f} \u{7f} é \u{8}\u{c}\r\t"
                .to_string(),
            inner: vec![inner("a"), inner("b\tc")],
            nested: vec![vec![], vec![vec![], vec!["x", "y"]]],
            tuple: (7, "seven"),
            float: 0.25,
            floats: vec![1.0, -0.0, 1e300, 3.0e-7, f64::NAN, f64::INFINITY, 0.1 + 0.2],
            signed: i64::MIN,
            big: u128::MAX,
            letter: '"',
            unit: (),
        });
        same(&vec![
            Variants::Unit,
            Variants::Newtype(1),
            Variants::Tuple(2, "two"),
            Variants::Empty(),
            Variants::Struct { a: 3, b: vec![4] },
            Variants::EmptyStruct {},
        ]);
        same(&Flattened {
            id: 1,
            rest: BTreeMap::from([("k".to_string(), Variants::Newtype(5))]),
        });
        same(&BTreeMap::from([(-1i8, 1), (5, 2)]));
        same(&BTreeMap::from([(false, 1), (true, 2)]));
        same(&BTreeMap::from([('x', 1)]));
        same(&BTreeMap::from([(Some("k"), 1)]));
        same(&vec![(1.5f32, 2.5f32)]);
        same(&serde_bytes_like());
        for scalar in [
            both(&1u8),
            both(&"s"),
            both(&Vec::<u8>::new()),
            both(&None::<u8>),
        ] {
            assert_eq!(scalar.1, scalar.0);
        }
    }

    /// A value written through `serialize_bytes`.
    fn serde_bytes_like() -> impl Serialize {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_bytes(b"ab")
            }
        }
        Bytes
    }

    #[test]
    fn every_escaped_byte_is_written_as_serde_json_writes_it_at_every_offset() {
        let special: Vec<u8> = (0u8..0x20).chain([b'"', b'\\']).collect();
        for len in 0..20 {
            for at in 0..len {
                for &b in &special {
                    let mut text = vec![b'a'; len];
                    text[at] = b;
                    // Neighbours that are not escaped: 0x20, 0x7f and a
                    // byte of a multi-byte letter around the special one.
                    if at > 0 {
                        text[at - 1] = b' ';
                    }
                    let mut text = String::from_utf8(text).unwrap_or_default();
                    text.push_str("\u{7f}é");
                    same(&text);
                }
            }
        }
        same(&"\"\\\u{0}\u{1f}".repeat(9));
    }

    #[test]
    fn the_first_byte_to_escape_is_found_whatever_stands_around_it() {
        let needs_escape = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        // Every byte value at every offset of lengths either side of a
        // word, among neighbours just above and below the marked ranges
        // (a borrow must not mark a byte below the first).
        for len in 1..18 {
            for at in 0..len {
                for b in 0..=255u8 {
                    for fill in [b' ', 0x21, 0xa0, 0xff, b'#', b']'] {
                        let mut text = vec![fill; len];
                        text[at] = b;
                        let want = text.iter().position(|&c| needs_escape(c));
                        assert_eq!(first_to_escape(&text), want, "{text:?}");
                    }
                }
            }
        }
        assert_eq!(first_to_escape(b""), None);
    }

    #[test]
    fn keys_json_cannot_hold_are_errors() {
        let mut writer = Pretty::new(Vec::new());
        let map = BTreeMap::from([(vec![1u8], 1u8)]);
        assert!(matches!(
            map.serialize(&mut writer),
            Err(Error::KeyMustBeAString)
        ));
        let mut writer = Pretty::new(Vec::new());
        struct AsMap(Vec<(f64, u8)>);
        impl Serialize for AsMap {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
            }
        }
        assert!(matches!(
            AsMap(vec![(f64::NAN, 1)]).serialize(&mut writer),
            Err(Error::FloatKeyMustBeFinite)
        ));
        same(&AsMap(vec![(1.5, 1), (-2.0, 2)]));
    }

    #[test]
    fn a_failing_output_is_an_io_error() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut writer = Pretty::new(Full);
        assert!(matches!(
            vec!["x"].serialize(&mut writer),
            Err(Error::Io(_))
        ));
    }
}
