//! Raw deflate of one package part as its XML is written, with the CRC-32
//! and length the zip entry needs.
//!
//! A part may be deflated in pieces: a piece ended with a sync flush
//! ([`Deflater::prefix`]) finishes on a byte boundary with no final block,
//! so another independently deflated piece may follow it and the two read
//! as one stream. A worksheet's opening (its dimension, which is known
//! only once its rows are written) is put before its rows that way.

use crc32fast::Hasher;
use flate2::{Compress, Compression, FlushCompress, Status};

use super::Error;

/// How much XML is gathered before it is handed to the compressor.
const CHUNK: usize = 1 << 16;

/// The deflated bytes are kept in blocks, each twice the last up to this
/// size: a large part never has more than one block of room to spare
/// (a growing `Vec` may have as much as it holds), and is never copied.
const MAX_BLOCK: usize = 1 << 20;

/// One part being deflated as it is written: append XML to
/// [`Deflater::xml`], call [`Deflater::written`] now and then.
pub(crate) struct Deflater {
    z: Compress,
    crc: Hasher,
    len: u64,
    /// XML written and not yet deflated.
    pub(crate) xml: Vec<u8>,
    /// Full blocks of deflated bytes.
    blocks: Vec<Vec<u8>>,
    /// The block being filled.
    out: Vec<u8>,
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
            self.out.shrink_to_fit();
            self.blocks.push(self.out);
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
        } = self;
        crc.update(xml);
        *len += xml.len() as u64;
        let mut input: &[u8] = xml;
        loop {
            if out.len() == out.capacity() {
                let next = Vec::with_capacity((out.capacity() * 2).min(MAX_BLOCK));
                blocks.push(std::mem::replace(out, next));
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
    pub(crate) blocks: Vec<Vec<u8>>,
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
        self.blocks.iter().map(|b| b.len() as u64).sum()
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
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(&d.blocks.concat()[..])
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
}
