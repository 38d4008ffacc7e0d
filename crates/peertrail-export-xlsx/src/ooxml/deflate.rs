//! Raw deflate of one package part as its XML is written, with the CRC-32
//! and length the zip entry needs.
//!
//! A part may be deflated in pieces: a piece ended with a sync flush
//! ([`Deflater::prefix`]) finishes on a byte boundary with no final block,
//! so another independently deflated piece may follow it and the two read
//! as one stream. A worksheet's opening (its dimension, which is known
//! only once its rows are written) is put before its rows that way.
//!
//! A worksheet's full blocks of deflated bytes wait for the package in a
//! [`Spool`] file rather than in memory, where one can be made: the
//! workbook is written while the whole linked corpus is held, beside every
//! other format, and its sheets deflated are tens of megabytes at 100,000
//! reports.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crc32fast::Hasher;
use flate2::{Compress, Compression, FlushCompress, Status};

use super::Error;

/// A full block at least this large goes to the spool (smaller ones are
/// the start of a part, which a few system calls would not save).
const SPOOL_FROM: usize = 1 << 16;

/// A temporary file that full blocks of deflated bytes are appended to
/// and read back from when the package is written.
#[derive(Debug)]
pub(crate) struct Spool {
    file: Mutex<(File, u64)>,
    /// The file's name, while it still has one: on Unix it is removed as
    /// soon as it is open (the open file lives on, and nothing is left
    /// behind whatever happens to the process); elsewhere when the spool
    /// is dropped.
    path: Option<PathBuf>,
}

impl Spool {
    /// A new spool file in the system's temporary folder; `None` when none
    /// can be made (the blocks then stay in memory).
    pub(crate) fn new() -> Option<Arc<Spool>> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir();
        for _ in 0..16 {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".peertrail-xlsx-{}-{n}.spool", std::process::id()));
            match OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => {
                    let removed = cfg!(unix) && std::fs::remove_file(&path).is_ok();
                    return Some(Arc::new(Spool {
                        file: Mutex::new((file, 0)),
                        path: (!removed).then_some(path),
                    }));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(_) => return None,
            }
        }
        None
    }

    /// Appends `bytes`, returning where they lie; `None` when they could
    /// not be written (the next append writes over whatever part of them
    /// was).
    fn put(&self, bytes: &[u8]) -> Option<Range<u64>> {
        let mut guard = self.file.lock().ok()?;
        let (file, len) = &mut *guard;
        let start = *len;
        file.seek(SeekFrom::Start(start)).ok()?;
        file.write_all(bytes).ok()?;
        *len += bytes.len() as u64;
        Some(start..*len)
    }

    /// The bytes at `range`, into `buf`.
    fn read(&self, range: &Range<u64>, buf: &mut Vec<u8>) -> io::Result<()> {
        let mut guard = self
            .file
            .lock()
            .map_err(|_| io::Error::other("a thread writing the workbook failed"))?;
        let file = &mut guard.0;
        file.seek(SeekFrom::Start(range.start))?;
        buf.resize(usize::try_from(range.end - range.start).unwrap_or(0), 0);
        file.read_exact(buf)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Deflated bytes, in memory or in a spool.
#[derive(Debug)]
pub(crate) enum Block {
    Held(Vec<u8>),
    Spooled(Arc<Spool>, Range<u64>),
}

impl Block {
    /// `bytes` in `spool`, when there is one and they are worth a write;
    /// else held, at their own length.
    fn of(mut bytes: Vec<u8>, spool: Option<&Arc<Spool>>) -> Block {
        let put = spool
            .filter(|_| bytes.len() >= SPOOL_FROM)
            .and_then(|s| Some((s, s.put(&bytes)?)));
        match put {
            Some((s, range)) => Block::Spooled(Arc::clone(s), range),
            None => {
                bytes.shrink_to_fit();
                Block::Held(bytes)
            }
        }
    }

    fn len(&self) -> u64 {
        match self {
            Block::Held(bytes) => bytes.len() as u64,
            Block::Spooled(_, range) => range.end - range.start,
        }
    }
}

/// How much XML is gathered before it is handed to the compressor.
const CHUNK: usize = 1 << 16;

/// The deflated bytes are kept in blocks, each twice the last up to this
/// size: a large part never has more than one block of room to spare
/// (a growing `Vec` may have as much as it holds), and is never copied.
/// Every open part holds the block it is filling, so the blocks stay
/// small (a megabyte each held 1.6 MB at the export's peak for 10,000
/// generated reports).
const MAX_BLOCK: usize = 1 << 18;

/// One part being deflated as it is written: append XML to
/// [`Deflater::xml`], call [`Deflater::written`] now and then.
pub(crate) struct Deflater {
    z: Compress,
    crc: Hasher,
    len: u64,
    /// XML written and not yet deflated.
    pub(crate) xml: Vec<u8>,
    /// Full blocks of deflated bytes.
    blocks: Vec<Block>,
    /// The block being filled.
    out: Vec<u8>,
    /// Where full blocks go, if anywhere but memory.
    spool: Option<Arc<Spool>>,
}

impl std::fmt::Debug for Deflater {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deflater")
            .field("len", &self.len)
            .field("blocks", &self.blocks.len())
            .finish_non_exhaustive()
    }
}

impl Deflater {
    pub(crate) fn new(level: u32) -> Deflater {
        Deflater {
            z: Compress::new(Compression::new(level), false),
            crc: Hasher::new(),
            len: 0,
            xml: Vec::with_capacity(CHUNK + CHUNK / 4),
            blocks: Vec::new(),
            out: Vec::with_capacity(4096),
            spool: None,
        }
    }

    /// A deflater whose full blocks go to `spool`, where there is one.
    pub(crate) fn spooled(level: u32, spool: Option<Arc<Spool>>) -> Deflater {
        Deflater {
            spool,
            ..Deflater::new(level)
        }
    }

    /// Deflates the XML written so far once there is a chunk of it.
    pub(crate) fn written(&mut self) -> Result<(), Error> {
        if self.xml.len() >= CHUNK {
            self.deflate(FlushCompress::None)?;
        }
        Ok(())
    }

    /// The whole part.
    pub(crate) fn finish(mut self) -> Result<Deflated, Error> {
        self.deflate(FlushCompress::Finish)?;
        Ok(self.deflated())
    }

    /// The start of a part, which another [`Deflated`] goes on from.
    pub(crate) fn prefix(mut self) -> Result<Prefix, Error> {
        self.deflate(FlushCompress::Sync)?;
        Ok(Prefix(self.deflated()))
    }

    fn deflated(mut self) -> Deflated {
        if !self.out.is_empty() {
            // The last block waits for the package like the others (held,
            // the last blocks of the parts were 2 MB at the export's peak
            // for 10,000 generated reports).
            self.blocks.push(Block::of(self.out, self.spool.as_ref()));
        }
        Deflated {
            blocks: self.blocks,
            crc: self.crc,
            len: self.len,
        }
    }

    fn deflate(&mut self, flush: FlushCompress) -> Result<(), Error> {
        let Deflater {
            z,
            crc,
            len,
            xml,
            blocks,
            out,
            spool,
        } = self;
        crc.update(xml);
        *len += xml.len() as u64;
        let mut input: &[u8] = xml;
        loop {
            if out.len() == out.capacity() {
                let next = Vec::with_capacity((out.capacity() * 2).min(MAX_BLOCK));
                blocks.push(Block::of(std::mem::replace(out, next), spool.as_ref()));
            }
            let before = z.total_in();
            let status = z.compress_vec(input, out, flush)?;
            let used = usize::try_from(z.total_in() - before).unwrap_or(input.len());
            input = input.get(used..).unwrap_or_default();
            let room_left = out.len() < out.capacity();
            match status {
                Status::StreamEnd => break,
                Status::Ok | Status::BufError
                    if input.is_empty() && room_left && flush != FlushCompress::Finish =>
                {
                    break
                }
                Status::Ok | Status::BufError => {}
            }
        }
        xml.clear();
        Ok(())
    }
}

/// A whole part deflated, its CRC-32 and inflated length.
pub(crate) struct Deflated {
    /// The deflated bytes, in order.
    blocks: Vec<Block>,
    crc: Hasher,
    pub(crate) len: u64,
}

impl std::fmt::Debug for Deflated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deflated")
            .field("len", &self.len)
            .field("deflated", &self.deflated_len())
            .finish_non_exhaustive()
    }
}

impl Deflated {
    /// A small part written whole.
    pub(crate) fn of(xml: &[u8], level: u32) -> Result<Deflated, Error> {
        let mut d = Deflater::new(level);
        d.xml.extend_from_slice(xml);
        d.finish()
    }

    /// How many bytes the part takes deflated.
    pub(crate) fn deflated_len(&self) -> u64 {
        self.blocks.iter().map(Block::len).sum()
    }

    /// Writes the deflated bytes to `out`, reading spooled ones back.
    pub(crate) fn write_to(&self, out: &mut impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        let mut buf = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Held(bytes) => out(bytes)?,
                Block::Spooled(spool, range) => {
                    spool.read(range, &mut buf)?;
                    out(&buf)?;
                }
            }
        }
        Ok(())
    }

    /// The CRC-32 of the inflated part.
    pub(crate) fn crc(&self) -> u32 {
        self.crc.clone().finalize()
    }
}

/// The start of a part, sync-flushed: no final block, ending on a byte
/// boundary.
#[derive(Debug)]
pub(crate) struct Prefix(Deflated);

impl Prefix {
    /// A small start written whole.
    pub(crate) fn of(xml: &[u8], level: u32) -> Result<Prefix, Error> {
        let mut d = Deflater::new(level);
        d.xml.extend_from_slice(xml);
        d.prefix()
    }

    /// The part: this start, then `rest`.
    pub(crate) fn then(self, rest: Deflated) -> Deflated {
        let mut whole = self.0;
        whole.blocks.extend(rest.blocks);
        whole.crc.combine(&rest.crc);
        whole.len += rest.len;
        whole
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::io::Read;

    use super::*;

    fn inflate(d: &Deflated) -> Vec<u8> {
        let deflated = bytes(d);
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(&deflated[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn a_prefix_and_its_rest_inflate_as_one_stream() {
        let head = b"<head>".repeat(3);
        let body: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("<r>{}</r>", i % 977).into_bytes())
            .collect();
        let mut d = Deflater::new(2);
        for piece in body.chunks(1000) {
            d.xml.extend_from_slice(piece);
            d.written().unwrap();
        }
        let whole = Prefix::of(&head, 2).unwrap().then(d.finish().unwrap());
        let expected = [&head[..], &body[..]].concat();
        assert_eq!(inflate(&whole), expected);
        assert_eq!(whole.len, expected.len() as u64);
        assert_eq!(whole.crc(), crc32fast::hash(&expected));
    }

    fn bytes(d: &Deflated) -> Vec<u8> {
        let mut all = Vec::new();
        d.write_to(&mut |b: &[u8]| {
            all.extend_from_slice(b);
            Ok(())
        })
        .unwrap();
        all
    }

    /// Spooled or held, a part is the same bytes; a large one's full
    /// blocks are in the spool.
    #[test]
    fn a_spooled_part_reads_back_as_the_part_held_in_memory() {
        let body: Vec<u8> = (0..400_000u32)
            .flat_map(|i| {
                format!(
                    "<c r=\"A{i}\"><v>{}</v></c>",
                    i.wrapping_mul(2_654_435_761) % 100_003
                )
                .into_bytes()
            })
            .collect();
        let deflate = |mut d: Deflater| {
            for piece in body.chunks(5000) {
                d.xml.extend_from_slice(piece);
                d.written().unwrap();
            }
            d.finish().unwrap()
        };
        let held = deflate(Deflater::new(2));
        let spool = Spool::new();
        assert!(
            spool.is_some(),
            "no spool file in {:?}",
            std::env::temp_dir()
        );
        let spooled = deflate(Deflater::spooled(2, spool));
        assert!(spooled
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Spooled(..))));
        assert_eq!(bytes(&held), bytes(&spooled));
        assert_eq!(spooled.deflated_len(), bytes(&held).len() as u64);
        assert_eq!(spooled.crc(), held.crc());
        assert_eq!(inflate(&spooled), body);
    }
}
