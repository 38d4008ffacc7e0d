//! The zip container: each part deflated beforehand, so its local header
//! carries its real CRC-32 and sizes (no data descriptors), then the
//! central directory. Every entry is dated 1980-01-01 00:00, the earliest
//! date zip can hold, so the same parts give the same bytes. Zip64 fields
//! are written only where a size, an offset or the number of entries does
//! not fit the classic ones.

use std::io::{self, Write};

use super::deflate::Deflated;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const ZIP64_END: u32 = 0x0606_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const ZIP64_EXTRA: u16 = 0x0001;
const DEFLATE: u16 = 8;
/// MS-DOS date of 1980-01-01 (time 00:00 is 0).
const DOS_DATE: u16 = (1 << 5) | 1;
/// Made by Unix (so the attributes below are read as permissions), zip 4.5.
const MADE_BY: u16 = (3 << 8) | 45;
/// A regular file, readable and writable by its owner.
const EXTERNAL_ATTRIBUTES: u32 = 0o100_600 << 16;

#[derive(Debug)]
struct Entry {
    name: String,
    crc: u32,
    deflated: u64,
    len: u64,
    offset: u64,
}

/// A zip archive written entry by entry to `out`.
#[derive(Debug)]
pub(crate) struct ZipWriter<W: Write> {
    out: W,
    /// Bytes written so far.
    at: u64,
    entries: Vec<Entry>,
    /// The least value that takes a zip64 field (lower in tests).
    zip64_from: u64,
}

impl<W: Write> ZipWriter<W> {
    pub(crate) fn new(out: W) -> ZipWriter<W> {
        ZipWriter {
            out,
            at: 0,
            entries: Vec::new(),
            zip64_from: u64::from(u32::MAX),
        }
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.at += bytes.len() as u64;
        Ok(())
    }

    /// Adds the part `name` (ASCII, `/`-separated).
    pub(crate) fn add(&mut self, name: &str, part: &Deflated) -> io::Result<()> {
        let entry = Entry {
            name: name.to_string(),
            crc: part.crc(),
            deflated: part.deflated_len(),
            len: part.len,
            offset: self.at,
        };
        let zip64 = entry.len >= self.zip64_from || entry.deflated >= self.zip64_from;
        let mut h = Vec::with_capacity(30 + name.len() + 20);
        put32(&mut h, LOCAL_HEADER);
        put16(&mut h, if zip64 { 45 } else { 20 });
        put16(&mut h, 0);
        put16(&mut h, DEFLATE);
        put16(&mut h, 0);
        put16(&mut h, DOS_DATE);
        put32(&mut h, entry.crc);
        if zip64 {
            put32(&mut h, u32::MAX);
            put32(&mut h, u32::MAX);
        } else {
            put32(&mut h, small(entry.deflated));
            put32(&mut h, small(entry.len));
        }
        put16(&mut h, name_len(name)?);
        put16(&mut h, if zip64 { 20 } else { 0 });
        h.extend_from_slice(name.as_bytes());
        if zip64 {
            put16(&mut h, ZIP64_EXTRA);
            put16(&mut h, 16);
            put64(&mut h, entry.len);
            put64(&mut h, entry.deflated);
        }
        self.put(&h)?;
        part.write_to(&mut |block: &[u8]| self.put(block))?;
        self.entries.push(entry);
        Ok(())
    }

    /// Writes the central directory; the writer back.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        let start = self.at;
        let limit = self.zip64_from;
        let mut dir = Vec::new();
        for e in &self.entries {
            // The zip64 extra holds, in this order, those of the three that
            // do not fit.
            let mut extra = Vec::new();
            let mut field = |v: u64| {
                if v >= limit {
                    put64(&mut extra, v);
                    u32::MAX
                } else {
                    small(v)
                }
            };
            let len = field(e.len);
            let deflated = field(e.deflated);
            let offset = field(e.offset);
            put32(&mut dir, CENTRAL_HEADER);
            put16(&mut dir, MADE_BY);
            put16(&mut dir, if extra.is_empty() { 20 } else { 45 });
            put16(&mut dir, 0);
            put16(&mut dir, DEFLATE);
            put16(&mut dir, 0);
            put16(&mut dir, DOS_DATE);
            put32(&mut dir, e.crc);
            put32(&mut dir, deflated);
            put32(&mut dir, len);
            put16(&mut dir, name_len(&e.name)?);
            let extra_len = if extra.is_empty() {
                0
            } else {
                extra.len() as u16 + 4
            };
            put16(&mut dir, extra_len);
            put16(&mut dir, 0); // comment
            put16(&mut dir, 0); // disk
            put16(&mut dir, 0); // internal attributes
            put32(&mut dir, EXTERNAL_ATTRIBUTES);
            put32(&mut dir, offset);
            dir.extend_from_slice(e.name.as_bytes());
            if !extra.is_empty() {
                put16(&mut dir, ZIP64_EXTRA);
                put16(&mut dir, extra.len() as u16);
                dir.extend_from_slice(&extra);
            }
        }
        self.put(&dir)?;
        let size = dir.len() as u64;
        let count = self.entries.len() as u64;
        let mut end = Vec::new();
        let zip64 = count >= limit.min(0xFFFF) || size >= limit || start >= limit;
        if zip64 {
            let record = self.at;
            put32(&mut end, ZIP64_END);
            put64(&mut end, 44); // the record's size after this field
            put16(&mut end, MADE_BY);
            put16(&mut end, 45);
            put32(&mut end, 0); // this disk
            put32(&mut end, 0); // the directory's disk
            put64(&mut end, count);
            put64(&mut end, count);
            put64(&mut end, size);
            put64(&mut end, start);
            put32(&mut end, ZIP64_LOCATOR);
            put32(&mut end, 0);
            put64(&mut end, record);
            put32(&mut end, 1); // disks
        }
        let entries = if count >= limit.min(0xFFFF) {
            0xFFFF
        } else {
            count as u16
        };
        put32(&mut end, END);
        put16(&mut end, 0);
        put16(&mut end, 0);
        put16(&mut end, entries);
        put16(&mut end, entries);
        put32(&mut end, if size >= limit { u32::MAX } else { small(size) });
        put32(
            &mut end,
            if start >= limit {
                u32::MAX
            } else {
                small(start)
            },
        );
        put16(&mut end, 0); // comment
        self.put(&end)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// `v`, known to be below the zip64 limit.
fn small(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn name_len(name: &str) -> io::Result<u16> {
    u16::try_from(name.len()).map_err(|_| io::Error::other("zip entry name too long"))
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::io::{Cursor, Read};

    use super::*;

    fn archive(zip64_from: u64) -> Vec<u8> {
        let mut zip = ZipWriter::new(Vec::new());
        zip.zip64_from = zip64_from;
        for (name, text) in [("a.xml", "<a/>"), ("dir/b.xml", &"b".repeat(10_000))] {
            zip.add(name, &Deflated::of(text.as_bytes(), 2).unwrap())
                .unwrap();
        }
        zip.finish().unwrap()
    }

    fn read_back(bytes: Vec<u8>) -> Vec<(String, String)> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut text = String::new();
                f.read_to_string(&mut text).unwrap();
                (f.name().unwrap().to_string(), text)
            })
            .collect()
    }

    #[test]
    fn the_archive_reads_back_with_and_without_zip64_fields() {
        let expected = vec![
            ("a.xml".to_string(), "<a/>".to_string()),
            ("dir/b.xml".to_string(), "b".repeat(10_000)),
        ];
        let classic = archive(u64::from(u32::MAX));
        assert_eq!(read_back(classic.clone()), expected);
        let zip64 = archive(0);
        assert_ne!(zip64, classic);
        assert_eq!(read_back(zip64), expected);
    }
}
