//! The snapshot format: a validated [`Dataset`] as bytes that can be answered from in place.
//!
//! A snapshot is written once, after the CSV files loaded without a problem, and read by later
//! commands on the same files (`crate::cache` decides when, and holds the files). Reading one
//! copies nothing up front: the bytes (a memory map) stay where they are, fixed-size tables
//! (row columns, group offsets, the id index) are read in place as `u32` slices, and an event,
//! its rows or its priority links are decoded only when a query asks for them. So `members`
//! decodes one event and its rows, not a million.
//!
//! Layout, in native byte order (a marker says which; another machine's snapshot is foreign):
//!
//! ```text
//! magic (16) | format (u32) | byte-order marker (u32) | layout (u64) | meta length (u64)
//! body length (u64) | meta hash (xxh3-128) | block-index hash (xxh3-128)
//! meta | padding to 8 | body | block index (xxh3-64 of each BLOCK bytes of body)
//! body = sections, each 8-aligned | section table (SECTIONS × (offset u64, length u64))
//! ```
//!
//! The meta block belongs to the cache (what the snapshot was made from); the body is the
//! dataset. Nothing in a snapshot is trusted before it is checked, and nothing is checked
//! before it is needed, so that a query's cost follows its answer, not the snapshot's size.
//! Opening ([`open`]) checks the meta hash, the block index against its hash, the blocks of
//! the section table, the counts and the small tables, and that every table is as long as the
//! counts say. Every other block is hashed the first time a query reads from it, and every
//! value is checked as it is read: an index below what it indexes, offsets rising and inside
//! their blob, a row's event and party those of the list it was found in. A failed check
//! records a fault and gives a placeholder; the command's answer is then withheld and the
//! command runs again from the CSV files (`crate::commands`). Decoding reads through
//! bounds-checked cursors, so even a snapshot forged with correct hashes can at worst give
//! wrong text, never a panic or an out-of-bounds read. There is no `unsafe` here.

use super::types::{
    Event, EventId, EventPriority, NO_TEXTS, Participation, Party, PartyId, PartyList, Priority,
    PriorityId,
};
use super::vocabulary::{EventKind, ListStatus, PartyKind, Region, Role};
use super::{Dataset, Store};
use crate::date::PartialDate;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// The first bytes of every snapshot.
pub const MAGIC: &[u8; 16] = b"convene snapshot";
/// The format's version: any change to the layout or to what a section holds bumps it.
pub const FORMAT: u32 = 2;
/// Written in native order; read back as another value on a machine of the other order.
const BYTE_ORDER: u32 = 0x0102_0304;
/// Bytes before the meta block.
const PREAMBLE: usize = 16 + 4 + 4 + 8 + 8 + 8 + 16 + 16;
/// The body is hashed in blocks of this many bytes, each checked the first time a query reads
/// from it: a query that reads 20 records checks a few blocks, not the whole snapshot.
const BLOCK: usize = 16 << 10;

/// A fingerprint of this file's source: a build whose reader or writer differs in any way
/// (even one that forgot to bump [`FORMAT`]) finds the other's snapshots foreign.
fn layout() -> u64 {
    xxhash_rust::xxh3::xxh3_64(include_str!("snapshot.rs").as_bytes())
}

/// The body's sections, in order (each blob before the table of offsets into it, which is
/// collected while the blob is written).
#[derive(Clone, Copy)]
#[repr(usize)]
enum Sec {
    Counts,
    Parties,
    Priorities,
    EventBlobs,
    EventOffsets,
    ByEventStarts,
    RowEvent,
    RowParty,
    RowDate,
    RowRole,
    RowTexts,
    ByPartyStarts,
    ByPartyItems,
    HostedStarts,
    HostedItems,
    ChildrenStarts,
    ChildrenItems,
    Incomplete,
    IdTable,
    TextBlobs,
    TextOffsets,
    LinkStarts,
    LinkBlobs,
    LinkOffsets,
}
const SECTIONS: usize = Sec::LinkOffsets as usize + 1;

/// Why a snapshot was not used. Shown by `convene cache status`; never an error of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Not a snapshot at all (no magic), or cut short before its header ends.
    NotASnapshot,
    /// Another format version or byte order.
    Foreign(String),
    /// Shorter than its header says.
    Truncated,
    /// A hash does not match: the bytes changed after they were written.
    Corrupt(&'static str),
    /// The hashes match but the contents do not hold together.
    Malformed(&'static str),
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::NotASnapshot => f.write_str("not a convene snapshot"),
            Unusable::Foreign(what) => write!(f, "written by {what}"),
            Unusable::Truncated => f.write_str("truncated"),
            Unusable::Corrupt(what) => write!(f, "corrupt ({what} does not match its hash)"),
            Unusable::Malformed(what) => write!(f, "malformed ({what})"),
        }
    }
}

/// Where a snapshot's bytes are: a memory map, or a vector.
pub trait Source: Send + Sync {
    /// All of it, in place.
    fn bytes(&self) -> &[u8];
    /// Copy `buf.len()` bytes from `at` (within [`Source::bytes`]) into `buf`: a memory map
    /// reads them from its file, so that reading a whole snapshot once to check it does not
    /// leave all of it resident.
    fn read(&self, at: usize, buf: &mut [u8]) {
        let n = buf.len();
        buf.copy_from_slice(&self.bytes()[at..at + n]);
    }
}

impl Source for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
}

/// A snapshot's bytes.
pub type Bytes = Box<dyn Source>;

// ---------------------------------------------------------------------------------------------
// Writing

/// Appends values in the snapshot's encoding.
trait Put {
    fn put(&mut self, b: &[u8]);
    fn u8(&mut self, v: u8) {
        self.put(&[v]);
    }
    fn u32(&mut self, v: u32) {
        self.put(&v.to_ne_bytes());
    }
    fn u32s(&mut self, vs: impl IntoIterator<Item = u32>) {
        for v in vs {
            self.u32(v);
        }
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.put(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
    fn date(&mut self, d: Option<&PartialDate>) {
        self.u32(d.map_or(0, PartialDate::sort_key));
    }
}

/// The body on its way to the file: gathered in pieces of [`PIECE`] bytes, each hashed into
/// the block index and written as it fills, so that encoding builds no copy of the dataset
/// (at 1M rows, building the sections in memory first and copying them out cost as much as
/// a third of loading the CSV files, most of it page faults and copies). The first write
/// error is kept and the rest of the writing skipped; [`write()`] reports it.
struct Sink<'w, Wr> {
    w: &'w mut Wr,
    piece: Vec<u8>,
    blocks: BlockHashes,
    /// Bytes of body so far, written or in `piece`.
    at: u64,
    /// Where the section being written starts in the body.
    start: u64,
    /// Each finished section's place in the body, in order.
    table: Vec<Range<u64>>,
    failed: Option<std::io::Error>,
}

/// Bytes handed to the file at once: a file system with large folios caches one huge write in
/// folios of up to 2 MB, and a query's fault on the memory map then maps a whole folio, which
/// made a 20-record answer 19 MB resident.
const PIECE: usize = 64 << 10;

impl<Wr: std::io::Write> Put for Sink<'_, Wr> {
    fn put(&mut self, b: &[u8]) {
        self.at += b.len() as u64;
        if self.piece.len() + b.len() > PIECE {
            self.flush();
        }
        if b.len() >= PIECE {
            for c in b.chunks(PIECE) {
                self.out(c);
            }
        } else {
            self.piece.extend_from_slice(b);
        }
    }
}

impl<'w, Wr: std::io::Write> Sink<'w, Wr> {
    fn new(w: &'w mut Wr) -> Self {
        Sink {
            w,
            piece: Vec::with_capacity(PIECE),
            blocks: BlockHashes::default(),
            at: 0,
            start: 0,
            table: Vec::with_capacity(SECTIONS),
            failed: None,
        }
    }

    fn out(&mut self, b: &[u8]) {
        self.blocks.update(b);
        if self.failed.is_none()
            && let Err(e) = self.w.write_all(b)
        {
            self.failed = Some(e);
        }
    }

    fn flush(&mut self) {
        let piece = std::mem::take(&mut self.piece);
        self.out(&piece);
        self.piece = piece;
        self.piece.clear();
    }

    /// Where the current record starts within the current section, as a blob offset.
    fn offset(&mut self) -> u32 {
        let off = self.at - self.start;
        u32::try_from(off).unwrap_or_else(|_| {
            self.fail("a blob too large for the format's 32-bit offsets");
            0
        })
    }

    fn fail(&mut self, why: &'static str) {
        if self.failed.is_none() {
            self.failed = Some(std::io::Error::other(why));
        }
    }

    /// End section `s` (sections are written in their order) and pad to 8.
    fn end(&mut self, s: Sec) {
        debug_assert_eq!(
            self.table.len(),
            s as usize,
            "sections are written in order"
        );
        self.table.push(self.start..self.at);
        let pad = self.at.next_multiple_of(8) - self.at;
        self.put(&[0; 8][..pad as usize]);
        self.start = self.at;
    }

    /// Write a table of offsets collected while writing a blob, as section `s`.
    fn offsets(&mut self, s: Sec, offsets: &[u32]) {
        self.put(bytemuck::cast_slice(offsets));
        self.end(s);
    }
}

/// A dataset's snapshot, with `meta` (the cache's description of its origin) in its header.
/// `None` if it cannot be made (see [`write()`]).
pub fn encode(data: &Dataset, meta: &[u8]) -> Option<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    write(data, meta, &mut out).ok()?;
    Some(out.into_inner())
}

/// Write the snapshot of a dataset built from the CSV files, with `meta` (the cache's
/// description of its origin), at `w`'s position: a provisional preamble and the meta, the
/// body section by section as it is encoded and the section table after it, the block
/// index, and then the preamble again, now with the body's length and the index's hash. An
/// error for a dataset read from a snapshot, or one too large for the format's 32-bit
/// offsets (no such dataset loads: every file is at most 2 GiB), and on any write error.
pub fn write(
    data: &Dataset,
    meta: &[u8],
    w: &mut (impl std::io::Write + std::io::Seek),
) -> std::io::Result<()> {
    let Store::Owned(owned) = &data.store else {
        return Err(std::io::Error::other("a dataset read from a snapshot"));
    };
    let begin = w.stream_position()?;
    w.write_all(&head(meta, 0, 0))?;
    let mut s = Sink::new(w);
    body(data, owned, &mut s);
    let table: Vec<u64> = s
        .table
        .iter()
        .flat_map(|r| [r.start, r.end - r.start])
        .collect();
    s.put(bytemuck::cast_slice(&table));
    s.flush();
    let Sink {
        at, blocks, failed, ..
    } = s;
    if let Some(e) = failed {
        return Err(e);
    }
    let index = blocks.finish();
    let index: &[u8] = bytemuck::cast_slice(&index);
    w.write_all(index)?;
    let end = w.stream_position()?;
    w.seek(std::io::SeekFrom::Start(begin))?;
    w.write_all(&head(meta, at, hash(index)))?;
    w.seek(std::io::SeekFrom::Start(end))?;
    Ok(())
}

/// The body's sections, in order, into `s`.
fn body<Wr: std::io::Write>(data: &Dataset, owned: &super::Owned, s: &mut Sink<'_, Wr>) {
    let ne = data.event_count();
    let np = data.parties().len();
    let nr = data.row_count();
    s.u32s([
        ne as u32,
        np as u32,
        nr as u32,
        data.priorities().len() as u32,
        owned.event_priorities.len() as u32,
        owned.row_texts.len() as u32,
    ]);
    s.end(Sec::Counts);
    for p in data.parties() {
        s.str(&p.id);
        s.str(&p.name);
        s.u8(p.kind.code());
        s.u8(p.region.map_or(u8::MAX, Region::code));
        s.u32(p.aliases.len() as u32);
        for a in &p.aliases {
            s.str(a);
        }
    }
    s.end(Sec::Parties);
    for p in data.priorities() {
        s.str(&p.id);
        s.str(&p.name);
        s.opt_str(p.description.as_deref());
    }
    s.end(Sec::Priorities);

    let mut offsets = Vec::with_capacity(nr.max(ne) + 1);
    for e in data.events() {
        offsets.push(s.offset());
        encode_event(s, e);
    }
    offsets.push(s.offset());
    s.end(Sec::EventBlobs);
    s.offsets(Sec::EventOffsets, &offsets);

    // Rows in event order, display order within an event: a handle is a place in this order.
    // `place` says where each row of `data.rows()` goes; the columns are then filled in one
    // pass over the rows in their own order. (Events are in date order and the rows in file
    // order, so gathering the rows in event order read them out of order: at 1M rows those
    // cache misses were most of the encoding.)
    let rows = &owned.participation;
    let mut place = vec![0u32; nr];
    let mut n = 0u32;
    s.u32(0);
    for e in 0..ne {
        for &h in &owned.by_event[e] {
            place[h as usize] = n;
            n += 1;
        }
        s.u32(n);
    }
    let mut row_event = vec![0u32; nr];
    let mut row_party = vec![0u32; nr];
    let mut row_date = vec![0u32; nr];
    let mut row_role = vec![0u8; nr];
    let mut row_texts = vec![0u32; nr];
    for (r, &at) in rows.iter().zip(&place) {
        let at = at as usize;
        row_event[at] = r.event.raw();
        row_party[at] = r.party.raw();
        row_date[at] = r.date.as_ref().map_or(0, PartialDate::sort_key);
        row_role[at] = r.role.code();
        row_texts[at] = r.texts;
    }
    s.end(Sec::ByEventStarts);
    for (sec, column) in [
        (Sec::RowEvent, row_event),
        (Sec::RowParty, row_party),
        (Sec::RowDate, row_date),
    ] {
        s.put(bytemuck::cast_slice(&column));
        s.end(sec);
    }
    s.put(&row_role);
    s.end(Sec::RowRole);
    s.put(bytemuck::cast_slice(&row_texts));
    s.end(Sec::RowTexts);

    let by_party = owned.by_party.view();
    s.put(bytemuck::cast_slice(by_party.starts));
    s.end(Sec::ByPartyStarts);
    let by_party_items: Vec<u32> = by_party.items.iter().map(|&h| place[h as usize]).collect();
    s.put(bytemuck::cast_slice(&by_party_items));
    s.end(Sec::ByPartyItems);
    drop(place);
    let hosted = owned.hosted.view();
    s.put(bytemuck::cast_slice(hosted.starts));
    s.end(Sec::HostedStarts);
    s.u32s(hosted.items.iter().map(|e| e.raw()));
    s.end(Sec::HostedItems);
    let children = owned.children.view();
    s.put(bytemuck::cast_slice(children.starts));
    s.end(Sec::ChildrenStarts);
    s.u32s(children.items.iter().map(|e| e.raw()));
    s.end(Sec::ChildrenItems);
    s.u32s(owned.incomplete.iter().map(|e| e.raw()));
    s.end(Sec::Incomplete);

    // Event ids → places: an open-addressing table (linear probing, at most half full) keyed
    // by the id's xxh3, each slot an event's place plus one (0: empty).
    let slots = id_slots(ne);
    let mut id_table = vec![0u32; slots];
    for (i, e) in owned.events.iter().enumerate() {
        let mut at = id_hash(&e.id) & (slots - 1);
        while id_table[at] != 0 {
            at = (at + 1) & (slots - 1);
        }
        id_table[at] = i as u32 + 1;
    }
    s.put(bytemuck::cast_slice(&id_table));
    s.end(Sec::IdTable);
    drop(id_table);

    offsets.clear();
    for t in &owned.row_texts {
        offsets.push(s.offset());
        s.opt_str(t.source.as_deref());
        s.opt_str(t.note.as_deref());
    }
    offsets.push(s.offset());
    s.end(Sec::TextBlobs);
    s.offsets(Sec::TextOffsets, &offsets);

    s.put(bytemuck::cast_slice(&owned.priority_starts));
    s.end(Sec::LinkStarts);
    offsets.clear();
    for l in &owned.event_priorities {
        offsets.push(s.offset());
        s.u32(l.priority.raw());
        s.str(&l.source);
    }
    offsets.push(s.offset());
    s.end(Sec::LinkBlobs);
    s.offsets(Sec::LinkOffsets, &offsets);
}

fn encode_event(w: &mut impl Put, e: &Event) {
    w.str(&e.id);
    w.str(&e.name);
    w.opt_str(e.short.as_deref());
    w.u8(e.kind.code());
    w.date(Some(&e.start));
    w.date(e.end.as_ref());
    w.opt_str(e.series.as_deref());
    w.u32(e.parent.map_or(u32::MAX, EventId::raw));
    w.opt_str(e.city.as_deref());
    w.u32(e.hosts.len() as u32);
    w.u32s(e.hosts.iter().map(|h| h.raw()));
    w.u8(e.list.status.code());
    match e.list.reported {
        None => w.u8(0),
        Some(n) => {
            w.u8(1);
            w.u32(n);
        }
    }
    w.date(e.list.as_of.as_ref());
    w.str(&e.source);
    w.opt_str(e.note.as_deref());
    w.u32(e.line);
}

/// The xxh3-64 of each [`BLOCK`] of a stream of bytes (the last block may be short).
#[derive(Default)]
struct BlockHashes {
    h: xxhash_rust::xxh3::Xxh3,
    filled: usize,
    out: Vec<u64>,
}

impl BlockHashes {
    fn update(&mut self, mut b: &[u8]) {
        while !b.is_empty() {
            let n = (BLOCK - self.filled).min(b.len());
            self.h.update(&b[..n]);
            self.filled += n;
            b = &b[n..];
            if self.filled == BLOCK {
                self.out.push(self.h.digest());
                self.h.reset();
                self.filled = 0;
            }
        }
    }
    fn finish(mut self) -> Vec<u64> {
        if self.filled > 0 {
            self.out.push(self.h.digest());
        }
        self.out
    }
}

/// The same snapshot with a new meta block (the body and its block index unchanged).
pub fn with_meta(bytes: &[u8], h: &Header<'_>, meta: &[u8]) -> Vec<u8> {
    let mut out = head(meta, h.place.body.len() as u64, h.place.hash);
    out.extend_from_slice(&bytes[h.place.body.start..h.place.index.end]);
    out
}

/// Everything before the body: the preamble, `meta`, and the padding to 8 bytes.
fn head(meta: &[u8], body_len: u64, index_hash: u128) -> Vec<u8> {
    let mut out = Vec::with_capacity(PREAMBLE + meta.len() + 8);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_ne_bytes());
    out.extend_from_slice(&BYTE_ORDER.to_ne_bytes());
    out.extend_from_slice(&layout().to_ne_bytes());
    out.extend_from_slice(&(meta.len() as u64).to_ne_bytes());
    out.extend_from_slice(&body_len.to_ne_bytes());
    out.extend_from_slice(&hash(meta).to_ne_bytes());
    out.extend_from_slice(&index_hash.to_ne_bytes());
    out.extend_from_slice(meta);
    out.resize(out.len().next_multiple_of(8), 0);
    out
}

/// The size of the id table for `n` events: a power of two, at least twice `n`.
fn id_slots(n: usize) -> usize {
    (2 * n).max(2).next_power_of_two()
}

/// Where an id's search in the id table starts.
fn id_hash(id: &str) -> usize {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes()) as usize
}

/// The hash that guards a snapshot's parts (and the cache's record of file contents).
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads values in the snapshot's encoding; every read is bounds-checked and `None` past the
/// end or on text that is not UTF-8.
#[derive(Clone)]
struct R<'a> {
    b: &'a [u8],
}

impl<'a> R<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.b.len() {
            return None;
        }
        let (h, t) = self.b.split_at(n);
        self.b = t;
        Some(h)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_ne_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_ne_bytes(self.take(8)?.try_into().ok()?))
    }
    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_ne_bytes(self.take(16)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn opt_str(&mut self) -> Option<Option<&'a str>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }
    fn date(&mut self) -> Option<Option<PartialDate>> {
        match self.u32()? {
            0 => Some(None),
            k => Some(Some(PartialDate::from_sort_key(k)?)),
        }
    }
}

/// A snapshot's header, read and checked: its meta block and where its body is.
pub struct Header<'a> {
    pub meta: &'a [u8],
    place: Place,
}

/// Where a snapshot's body and block index are, and the index's hash: what [`open`] needs of
/// a header once the caller has accepted its meta block.
#[derive(Debug, Clone)]
pub struct Place {
    body: Range<usize>,
    index: Range<usize>,
    hash: u128,
}

impl Header<'_> {
    /// Where the body is, for [`open`].
    pub fn body(&self) -> Place {
        self.place.clone()
    }
}

/// Read a snapshot's header and check the meta block's hash, and that the file is as long as
/// the header says. The body is not looked at.
pub fn header(bytes: &[u8]) -> Result<Header<'_>, Unusable> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Unusable::NotASnapshot);
    }
    let mut r = R {
        b: &bytes[MAGIC.len()..],
    };
    let (format, order) = (
        r.u32().ok_or(Unusable::Truncated)?,
        r.u32().ok_or(Unusable::Truncated)?,
    );
    if order != BYTE_ORDER {
        return Err(Unusable::Foreign(
            "a machine of the other byte order".into(),
        ));
    }
    if format != FORMAT {
        return Err(Unusable::Foreign(format!(
            "snapshot format {format} (this convene reads {FORMAT})"
        )));
    }
    if r.u64().ok_or(Unusable::Truncated)? != layout() {
        return Err(Unusable::Foreign("another build of convene".into()));
    }
    let meta_len = r.u64().ok_or(Unusable::Truncated)?;
    let body_len = r.u64().ok_or(Unusable::Truncated)?;
    let meta_hash = r.u128().ok_or(Unusable::Truncated)?;
    let index_hash = r.u128().ok_or(Unusable::Truncated)?;
    let meta_len = usize::try_from(meta_len).map_err(|_| Unusable::Truncated)?;
    let meta = r.take(meta_len).ok_or(Unusable::Truncated)?;
    if hash(meta) != meta_hash {
        return Err(Unusable::Corrupt("the header"));
    }
    let start = (PREAMBLE + meta_len).next_multiple_of(8);
    if start > bytes.len() {
        return Err(Unusable::Truncated);
    }
    // The padding is covered by no hash: it must be what the writer wrote.
    if bytes[PREAMBLE + meta_len..start].iter().any(|&b| b != 0) {
        return Err(Unusable::Corrupt("the header"));
    }
    let end = usize::try_from(body_len)
        .ok()
        .and_then(|n| Some((start.checked_add(n)?, n.div_ceil(BLOCK).checked_mul(8)?)))
        .and_then(|(body_end, index)| Some((body_end, body_end.checked_add(index)?)));
    let Some((body_end, end)) = end else {
        return Err(Unusable::Truncated);
    };
    if end > bytes.len() {
        return Err(Unusable::Truncated);
    }
    if end < bytes.len() {
        return Err(Unusable::Malformed("longer than its header says"));
    }
    Ok(Header {
        meta,
        place: Place {
            body: start..body_end,
            index: body_end..end,
            hash: index_hash,
        },
    })
}

/// The head of an event's record ([`Mapped::event_head`]).
pub(crate) struct EventHead<'a> {
    pub(crate) id: &'a str,
    pub(crate) kind: EventKind,
    pub(crate) start: PartialDate,
    pub(crate) end: Option<PartialDate>,
    pub(crate) status: ListStatus,
}

/// The counts at the head of the body.
#[derive(Clone, Copy, Debug)]
struct Counts {
    events: usize,
    parties: usize,
    rows: usize,
    priorities: usize,
    links: usize,
    texts: usize,
}

/// The body's blocks and their state: each is hashed the first time anything in it is read,
/// and a read from a block whose hash does not match (or a value that does not hold together)
/// marks the snapshot faulty. The command's output then checks the mark before it writes
/// anything, and a faulty snapshot's answer is thrown away for the CSV files' (see
/// `commands::main`).
struct Guard {
    /// Where the body is in the bytes.
    body: Range<usize>,
    hashes: Box<[u64]>,
    /// Per block: [`UNCHECKED`], [`GOOD`] or [`BAD`].
    state: Box<[AtomicU8]>,
    /// Why the snapshot was found faulty, first reason only.
    fault: OnceLock<&'static str>,
}

const UNCHECKED: u8 = 0;
const GOOD: u8 = 1;
const BAD: u8 = 2;

impl Guard {
    fn fail(&self, what: &'static str) {
        let _ = self.fault.set(what);
    }

    /// The bytes at `r` (relative to the body) once every block they lie in is checked; `None`,
    /// the snapshot marked faulty, if one does not match its hash.
    fn get<'a>(&self, all: &'a [u8], r: Range<usize>) -> Option<&'a [u8]> {
        if r.start > r.end || r.end > self.body.len() {
            self.fail("a place past the end");
            return None;
        }
        if !r.is_empty() {
            for k in r.start / BLOCK..=(r.end - 1) / BLOCK {
                if !self.block(all, k) {
                    self.fail("a block that does not match its hash");
                    return None;
                }
            }
        }
        all.get(self.body.start + r.start..self.body.start + r.end)
    }

    /// Whether block `k` matches its hash, hashed now if it has not been yet.
    fn block(&self, all: &[u8], k: usize) -> bool {
        let Some(state) = self.state.get(k) else {
            return false;
        };
        match state.load(Ordering::Relaxed) {
            GOOD => true,
            BAD => false,
            _ => self.settle(k, all.get(self.block_span(k))),
        }
    }

    /// Record whether `bytes`, block `k` as read, match its hash.
    fn settle(&self, k: usize, bytes: Option<&[u8]>) -> bool {
        let ok = bytes.is_some_and(|b| xxhash_rust::xxh3::xxh3_64(b) == self.hashes[k]);
        self.state[k].store(if ok { GOOD } else { BAD }, Ordering::Relaxed);
        ok
    }

    /// Block `k`'s place in the bytes.
    fn block_span(&self, k: usize) -> Range<usize> {
        let at = self.body.start + k * BLOCK;
        at..(at + BLOCK).min(self.body.end)
    }
}

/// A dataset answered from a snapshot's bytes; see the module documentation.
pub struct Mapped {
    bytes: Bytes,
    guard: Guard,
    /// Each section's place in the body.
    sec: [Range<usize>; SECTIONS],
    n: Counts,
    events_all: OnceLock<Vec<Event>>,
    events_one: PerIndex<Box<Event>>,
    unreadable: OnceLock<Event>,
    rows_all: OnceLock<Vec<Participation>>,
    links_all: OnceLock<Vec<EventPriority>>,
    links_one: PerIndex<Box<[EventPriority]>>,
}

impl std::fmt::Debug for Mapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mapped")
            .field("bytes", &self.bytes.bytes().len())
            .field("counts", &self.n)
            .finish_non_exhaustive()
    }
}

/// Values made on first use, one per index. The slots are allocated a chunk at a time, also on
/// first use: a million empty slots allocated and written up front cost more than a query
/// that reads one event (the page faults alone took 15 ms at 10M rows).
struct PerIndex<T> {
    len: usize,
    chunks: Box<[OnceLock<Chunk<T>>]>,
}

/// One chunk of a [`PerIndex`]: its slots, each filled on first use.
type Chunk<T> = Box<[OnceLock<T>]>;

impl<T> PerIndex<T> {
    const CHUNK: usize = 1024;

    fn new(len: usize) -> Self {
        PerIndex {
            len,
            chunks: (0..len.div_ceil(Self::CHUNK))
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// Value `i`, made by `make` if it is the first asked for; `None` past the end.
    fn get_or_init(&self, i: usize, make: impl FnOnce() -> T) -> Option<&T> {
        if i >= self.len {
            return None;
        }
        let chunk = self.chunks[i / Self::CHUNK]
            .get_or_init(|| (0..Self::CHUNK).map(|_| OnceLock::new()).collect());
        Some(chunk[i % Self::CHUNK].get_or_init(make))
    }
}

/// Open a snapshot whose header has been read (and whose meta the caller has accepted):
/// check the block index against its hash, read the section table and the counts, check that
/// every table is as long as the counts say, and decode the parties and priority areas. The
/// rest stays in place, each block checked against its hash when a query first reads from
/// it, each value when it is read (an index below what it indexes, offsets rising, a row's
/// event and party those of the list it was found in).
pub fn open(bytes: Bytes, place: Place) -> Result<Dataset, Unusable> {
    let all = bytes.bytes();
    if place.index.end != all.len() || place.body.len() < SECTIONS * 16 {
        return Err(Unusable::Truncated);
    }
    let mut hashes = vec![0u64; place.index.len() / 8];
    bytes.read(place.index.start, bytemuck::cast_slice_mut(&mut hashes));
    if hash(bytemuck::cast_slice(&hashes)) != place.hash {
        return Err(Unusable::Corrupt("the block index"));
    }
    let guard = Guard {
        state: hashes.iter().map(|_| AtomicU8::new(UNCHECKED)).collect(),
        hashes: hashes.into(),
        body: place.body.clone(),
        fault: OnceLock::new(),
    };
    let corrupt = || Unusable::Corrupt("the body");
    let sections_end = place.body.len() - SECTIONS * 16;
    let table = guard
        .get(all, sections_end..place.body.len())
        .ok_or_else(corrupt)?;
    let mut sec: [Range<usize>; SECTIONS] = std::array::from_fn(|_| 0..0);
    let mut t = R { b: table };
    let mut next = 0;
    for s in &mut sec {
        let (Some(at), Some(len)) = (t.u64(), t.u64()) else {
            return Err(Unusable::Truncated);
        };
        let end = at.checked_add(len).ok_or(Unusable::Truncated)?;
        if end > sections_end as u64 {
            return Err(Unusable::Malformed("the section table"));
        }
        // Sections follow one another, each 8-aligned.
        if at % 8 != 0 || (at as usize) < next {
            return Err(Unusable::Malformed("the section table"));
        }
        next = end as usize;
        *s = at as usize..end as usize;
    }
    let section = |s: Sec| guard.get(all, sec[s as usize].clone()).ok_or_else(corrupt);
    let n = counts(section(Sec::Counts)?).ok_or(Unusable::Malformed("counts"))?;
    lengths_ok(&sec, n).map_err(Unusable::Malformed)?;
    let parties =
        decode_parties(section(Sec::Parties)?, n.parties).ok_or(Unusable::Malformed("parties"))?;
    let priorities = decode_priorities(section(Sec::Priorities)?, n.priorities)
        .ok_or(Unusable::Malformed("priority areas"))?;
    let mapped = Mapped {
        events_one: PerIndex::new(n.events),
        links_one: PerIndex::new(n.events),
        bytes,
        guard,
        sec,
        n,
        events_all: OnceLock::new(),
        unreadable: OnceLock::new(),
        rows_all: OnceLock::new(),
        links_all: OnceLock::new(),
    };
    Ok(Dataset::mapped(parties, priorities, mapped))
}

fn counts(b: &[u8]) -> Option<Counts> {
    let mut c = R { b };
    let mut count = || c.u32().map(|v| v as usize);
    let n = Counts {
        events: count()?,
        parties: count()?,
        rows: count()?,
        priorities: count()?,
        links: count()?,
        texts: count()?,
    };
    c.b.is_empty().then_some(n)
}

/// Whether every table is as long as the counts say, and nothing refers to records that are
/// not there (rows with no event or party to belong to, links with no priority area): checks of
/// the section table alone, which take no time whatever the dataset's size.
fn lengths_ok(sec: &[Range<usize>; SECTIONS], n: Counts) -> Result<(), &'static str> {
    let words = |k: usize| 4 * k as u64;
    let offsets = |k: usize| 4 * (k as u64 + 1);
    let want = [
        (Sec::EventOffsets, offsets(n.events)),
        (Sec::ByEventStarts, offsets(n.events)),
        (Sec::ChildrenStarts, offsets(n.events)),
        (Sec::LinkStarts, offsets(n.events)),
        (Sec::ByPartyStarts, offsets(n.parties)),
        (Sec::HostedStarts, offsets(n.parties)),
        (Sec::TextOffsets, offsets(n.texts)),
        (Sec::LinkOffsets, offsets(n.links)),
        (Sec::RowEvent, words(n.rows)),
        (Sec::RowParty, words(n.rows)),
        (Sec::RowDate, words(n.rows)),
        (Sec::RowTexts, words(n.rows)),
        (Sec::ByPartyItems, words(n.rows)),
        (Sec::RowRole, n.rows as u64),
        (Sec::IdTable, words(id_slots(n.events))),
    ];
    let len = |s: Sec| sec[s as usize].len() as u64;
    if want.iter().any(|&(s, w)| len(s) != w) {
        return Err("a table's length");
    }
    let lists = [Sec::HostedItems, Sec::ChildrenItems, Sec::Incomplete];
    if lists.iter().any(|&s| len(s) % 4 != 0) {
        return Err("a table's length");
    }
    let orphans = (n.rows > 0 && (n.events == 0 || n.parties == 0))
        || (n.links > 0 && (n.events == 0 || n.priorities == 0))
        || (n.events == 0 && lists.iter().any(|&s| len(s) > 0));
    if orphans {
        return Err("counts");
    }
    Ok(())
}

fn decode_parties(b: &[u8], n: usize) -> Option<Vec<Party>> {
    let mut r = R { b };
    let mut out = Vec::with_capacity(n.min(b.len()));
    for _ in 0..n {
        let id = r.str()?.to_string();
        let name = r.str()?.to_string();
        let kind = PartyKind::from_code(r.u8()?)?;
        let region = match r.u8()? {
            u8::MAX => None,
            c => Some(Region::from_code(c)?),
        };
        let k = r.u32()? as usize;
        let mut aliases = Vec::with_capacity(k.min(r.b.len()));
        for _ in 0..k {
            aliases.push(r.str()?.to_string());
        }
        out.push(Party {
            id,
            name,
            kind,
            region,
            aliases,
        });
    }
    r.b.is_empty().then_some(out)
}

fn decode_priorities(b: &[u8], n: usize) -> Option<Vec<Priority>> {
    let mut r = R { b };
    let mut out = Vec::with_capacity(n.min(b.len()));
    for _ in 0..n {
        out.push(Priority {
            id: r.str()?.to_string(),
            name: r.str()?.to_string(),
            description: r.opt_str()?.map(str::to_string),
        });
    }
    r.b.is_empty().then_some(out)
}

impl Mapped {
    /// Mark the snapshot faulty: its answer will not be used.
    pub(crate) fn fail(&self, what: &'static str) {
        self.guard.fail(what);
    }
    /// Why the snapshot was found faulty while answering, if it was.
    pub(crate) fn fault(&self) -> Option<&'static str> {
        self.guard.fault.get().copied()
    }

    /// Bytes `r` of section `s`, checked ([`Guard::get`]); `None` (the snapshot marked faulty)
    /// past the section's end or in a block that does not match its hash.
    fn span(&self, s: Sec, r: Range<usize>) -> Option<&[u8]> {
        let sec = &self.sec[s as usize];
        if r.start > r.end || r.end > sec.len() {
            self.fail("an index past its table");
            return None;
        }
        self.guard
            .get(self.bytes.bytes(), sec.start + r.start..sec.start + r.end)
    }
    /// Values `r` of a table of 32-bit values, in place.
    fn words(&self, s: Sec, r: Range<usize>) -> Option<&[u32]> {
        let b = self.span(s, r.start.saturating_mul(4)..r.end.saturating_mul(4))?;
        let t = bytemuck::try_cast_slice(b).ok();
        if t.is_none() {
            self.fail("a table out of alignment");
        }
        t
    }
    fn word(&self, s: Sec, i: usize) -> Option<u32> {
        self.words(s, i..i.saturating_add(1)).map(|w| w[0])
    }
    /// Values `r` of a list of events, each checked to be one.
    fn event_list(&self, s: Sec, r: Range<usize>) -> &[EventId] {
        let Some(t) = self.words(s, r) else {
            return &[];
        };
        if t.iter().any(|&e| e as usize >= self.n.events) {
            self.fail("an event list");
            return &[];
        }
        bytemuck::cast_slice(t)
    }
    /// Group `g` of an offset table over `items` items: where its items are.
    fn group(&self, starts: Sec, g: usize, items: usize) -> Range<usize> {
        match self.words(starts, g..g.saturating_add(2)) {
            Some(&[a, b]) if a <= b && b as usize <= items => a as usize..b as usize,
            Some(_) => {
                self.fail("an offset table");
                0..0
            }
            None => 0..0,
        }
    }
    fn items(&self, s: Sec) -> usize {
        self.sec[s as usize].len() / 4
    }

    pub(crate) fn event_count(&self) -> usize {
        self.n.events
    }
    pub(crate) fn row_count(&self) -> usize {
        self.n.rows
    }

    /// Record `i` of a blob section.
    fn record(&self, offsets: Sec, blob: Sec, i: usize) -> R<'_> {
        let range = self.group(offsets, i, self.sec[blob as usize].len());
        R {
            b: self.span(blob, range).unwrap_or(&[]),
        }
    }

    /// What stands for a record that cannot be read (of a snapshot found faulty, whose answer
    /// is thrown away): it says what it is.
    fn unreadable_event(e: usize) -> Event {
        Event {
            id: format!("unreadable-event-{e}"),
            name: "(unreadable snapshot record)".into(),
            short: None,
            kind: EventKind::Summit,
            start: PartialDate::YEAR_ONE,
            end: None,
            series: None,
            parent: None,
            city: None,
            hosts: Vec::new(),
            list: PartyList {
                status: ListStatus::None,
                reported: None,
                as_of: None,
            },
            source: String::new(),
            note: None,
            line: 0,
        }
    }

    fn decode_event(&self, e: usize) -> Event {
        let r = self.record(Sec::EventOffsets, Sec::EventBlobs, e);
        self.read_event(r).unwrap_or_else(|| {
            self.fail("an event record");
            Self::unreadable_event(e)
        })
    }

    fn read_event(&self, mut r: R<'_>) -> Option<Event> {
        let ne = self.n.events;
        let event = |v: u32| ((v as usize) < ne).then(|| EventId::new(v as usize));
        let id = r.str()?.to_string();
        let name = r.str()?.to_string();
        let short = r.opt_str()?.map(str::to_string);
        let kind = EventKind::from_code(r.u8()?)?;
        let start = r.date()??;
        let end = r.date()?;
        let series = r.opt_str()?.map(str::to_string);
        let parent = match r.u32()? {
            u32::MAX => None,
            v => Some(event(v)?),
        };
        let city = r.opt_str()?.map(str::to_string);
        let k = r.u32()? as usize;
        let mut hosts = Vec::with_capacity(k.min(r.b.len() / 4));
        for _ in 0..k {
            let h = r.u32()? as usize;
            if h >= self.n.parties {
                return None;
            }
            hosts.push(PartyId::new(h));
        }
        let status = ListStatus::from_code(r.u8()?)?;
        let reported = match r.u8()? {
            0 => None,
            1 => Some(r.u32()?),
            _ => return None,
        };
        let as_of = r.date()?;
        let source = r.str()?.to_string();
        let note = r.opt_str()?.map(str::to_string);
        let line = r.u32()?;
        r.b.is_empty().then_some(Event {
            id,
            name,
            short,
            kind,
            start,
            end,
            series,
            parent,
            city,
            hosts,
            list: PartyList {
                status,
                reported,
                as_of,
            },
            source,
            note,
            line,
        })
    }

    /// The head of an event's record, read in place without decoding the rest of it: what
    /// the filters (kind, dates) and `party`'s unknowns (id, start, list status) need of many
    /// events.
    pub(crate) fn event_head(&self, e: EventId) -> Option<EventHead<'_>> {
        if let Some(all) = self.events_all.get() {
            let ev = all.get(e.index())?;
            return Some(EventHead {
                id: &ev.id,
                kind: ev.kind,
                start: ev.start,
                end: ev.end,
                status: ev.list.status,
            });
        }
        // The fields in `encode_event`'s order, those not wanted skipped.
        let mut r = self.record(Sec::EventOffsets, Sec::EventBlobs, e.index());
        let id = r.str()?;
        r.str()?;
        r.opt_str()?;
        let kind = EventKind::from_code(r.u8()?)?;
        let start = r.date()??;
        let end = r.date()?;
        r.opt_str()?;
        r.u32()?;
        r.opt_str()?;
        let hosts = r.u32()? as usize;
        r.take(hosts.checked_mul(4)?)?;
        let status = ListStatus::from_code(r.u8()?)?;
        Some(EventHead {
            id,
            kind,
            start,
            end,
            status,
        })
    }

    pub(crate) fn events(&self) -> &[Event] {
        self.events_all
            .get_or_init(|| (0..self.n.events).map(|e| self.decode_event(e)).collect())
    }

    pub(crate) fn event(&self, e: EventId) -> &Event {
        if let Some(ev) = self.events_all.get().and_then(|all| all.get(e.index())) {
            return ev;
        }
        let one = self
            .events_one
            .get_or_init(e.index(), || Box::new(self.decode_event(e.index())));
        match one {
            Some(one) => one,
            None => {
                self.fail("an event's index");
                self.unreadable
                    .get_or_init(|| Self::unreadable_event(e.index()))
            }
        }
    }

    /// A probe of the id table, reading only the candidates' ids (one, nearly always).
    pub(crate) fn event_by_id(&self, id: &str) -> Option<EventId> {
        let slots = self.items(Sec::IdTable);
        let mask = slots.checked_sub(1)?;
        let mut at = id_hash(id) & mask;
        // At most one pass over the table, even a forged one with no empty slot.
        for _ in 0..slots {
            let e = self.word(Sec::IdTable, at)?.checked_sub(1)? as usize;
            if e >= self.n.events {
                self.fail("the id index");
                return None;
            }
            let found = self
                .record(Sec::EventOffsets, Sec::EventBlobs, e)
                .str()
                .is_some_and(|s| s == id);
            if found {
                return Some(EventId::new(e));
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// Row `h`, each of its values checked; a row that does not hold together marks the
    /// snapshot faulty (and stands in as a row of the first event and party, which exist
    /// whenever there are rows: see [`lengths_ok`]).
    pub(crate) fn row(&self, h: u32) -> Participation {
        let i = h as usize;
        let n = self.n;
        let at = |s: Sec| self.word(s, i);
        let event = at(Sec::RowEvent).filter(|&v| (v as usize) < n.events);
        let party = at(Sec::RowParty).filter(|&v| (v as usize) < n.parties);
        let role = self
            .span(Sec::RowRole, i..i + 1)
            .and_then(|b| Role::from_code(b[0]));
        let date = at(Sec::RowDate).and_then(|k| match k {
            0 => Some(None),
            k => PartialDate::from_sort_key(k).map(Some),
        });
        let texts = at(Sec::RowTexts).filter(|&t| t == NO_TEXTS || (t as usize) < n.texts);
        match (event, party, role, date, texts) {
            (Some(event), Some(party), Some(role), Some(date), Some(texts)) => Participation {
                event: EventId::new(event as usize),
                party: PartyId::new(party as usize),
                role,
                date,
                texts,
            },
            _ => {
                self.fail("a participation row");
                Participation {
                    event: EventId::new(0),
                    party: PartyId::new(0),
                    role: Role::Participant,
                    date: None,
                    texts: NO_TEXTS,
                }
            }
        }
    }

    pub(crate) fn rows(&self) -> &[Participation] {
        self.rows_all
            .get_or_init(|| (0..self.n.rows as u32).map(|h| self.row(h)).collect())
    }

    pub(crate) fn rows_of(&self, e: EventId) -> Range<u32> {
        let r = self.group(Sec::ByEventStarts, e.index(), self.n.rows);
        r.start as u32..r.end as u32
    }

    /// A party's rows (places), oldest event first.
    pub(crate) fn party_rows(&self, p: PartyId) -> &[u32] {
        let r = self.group(Sec::ByPartyStarts, p.index(), self.n.rows);
        self.words(Sec::ByPartyItems, r).unwrap_or(&[])
    }
    pub(crate) fn hosted(&self, p: PartyId) -> &[EventId] {
        let r = self.group(Sec::HostedStarts, p.index(), self.items(Sec::HostedItems));
        self.event_list(Sec::HostedItems, r)
    }
    pub(crate) fn children(&self, e: EventId) -> &[EventId] {
        let r = self.group(
            Sec::ChildrenStarts,
            e.index(),
            self.items(Sec::ChildrenItems),
        );
        self.event_list(Sec::ChildrenItems, r)
    }
    pub(crate) fn incomplete(&self) -> &[EventId] {
        self.event_list(Sec::Incomplete, 0..self.items(Sec::Incomplete))
    }

    fn decode_link(&self, e: usize, i: usize) -> EventPriority {
        let mut r = self.record(Sec::LinkOffsets, Sec::LinkBlobs, i);
        let priority = r.u32().filter(|&p| (p as usize) < self.n.priorities);
        let source = r.str();
        let (Some(priority), Some(source), true) = (priority, source, r.b.is_empty()) else {
            self.fail("a priority link");
            return EventPriority {
                event: EventId::new(e),
                priority: PriorityId::new(0),
                source: String::new(),
            };
        };
        EventPriority {
            event: EventId::new(e),
            priority: PriorityId::new(priority as usize),
            source: source.to_string(),
        }
    }
    fn link_range(&self, e: usize) -> Range<usize> {
        self.group(Sec::LinkStarts, e, self.n.links)
    }
    pub(crate) fn links(&self) -> &[EventPriority] {
        self.links_all.get_or_init(|| {
            (0..self.n.events)
                .flat_map(|e| self.link_range(e).map(move |i| (e, i)))
                .map(|(e, i)| self.decode_link(e, i))
                .collect()
        })
    }
    pub(crate) fn links_of(&self, e: EventId) -> &[EventPriority] {
        if let Some(all) = self.links_all.get() {
            return all.get(self.link_range(e.index())).unwrap_or(&[]);
        }
        let one = self.links_one.get_or_init(e.index(), || {
            self.link_range(e.index())
                .map(|i| self.decode_link(e.index(), i))
                .collect()
        });
        one.map_or_else(
            || {
                self.fail("an event's index");
                &[][..]
            },
            |links| &links[..],
        )
    }

    /// A row's own source and note, read in place.
    pub(crate) fn row_texts(&self, t: u32) -> (Option<&str>, Option<&str>) {
        if t == NO_TEXTS {
            return (None, None);
        }
        if t as usize >= self.n.texts {
            self.fail("a row's texts");
            return (None, None);
        }
        let mut r = self.record(Sec::TextOffsets, Sec::TextBlobs, t as usize);
        let (Some(source), Some(note), true) = (r.opt_str(), r.opt_str(), r.b.is_empty()) else {
            self.fail("a row's texts");
            return (None, None);
        };
        (source, note)
    }
    pub(crate) fn all_row_sources(&self) -> impl Iterator<Item = &str> {
        (0..self.n.texts as u32).filter_map(|t| self.row_texts(t).0)
    }

    /// Check every block of the body not yet checked against its hash, reading it from the
    /// file ([`Source::read`], so that it does not stay resident): what `cache status` reports.
    /// The values in the blocks are checked only as queries read them.
    pub fn verify_all(&self) -> Result<(), Unusable> {
        let mut buf = vec![0u8; BLOCK];
        for k in 0..self.guard.state.len() {
            if self.guard.state[k].load(Ordering::Relaxed) != UNCHECKED {
                continue;
            }
            let span = self.guard.block_span(k);
            let b = &mut buf[..span.len()];
            self.bytes.read(span.start, b);
            if !self.guard.settle(k, Some(b)) {
                self.fail("a block that does not match its hash");
            }
        }
        let bad = |s: &AtomicU8| s.load(Ordering::Relaxed) == BAD;
        match self.fault() {
            _ if self.guard.state.iter().any(bad) => Err(Unusable::Corrupt("the body")),
            Some(why) => Err(Unusable::Malformed(why)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;

    fn shipped() -> Dataset {
        crate::load::load_embedded().expect("the shipped dataset loads")
    }

    /// A synthetic dataset with every feature the format holds: row texts, dates, hosts,
    /// parents, partial lists, priority links.
    fn synthetic() -> Dataset {
        synthetic_of(400)
    }

    fn synthetic_of(events: usize) -> Dataset {
        let dir = tempfile::tempdir().unwrap();
        crate::synth::generate(&crate::synth::Spec {
            events,
            parties: 40,
            per_event: 6,
            seed: 7,
            out: dir.path().to_path_buf(),
        })
        .unwrap();
        crate::load::load_dir(dir.path()).expect("the synthetic dataset loads")
    }

    fn open_bytes(bytes: Vec<u8>) -> Result<Dataset, Unusable> {
        let h = header(&bytes)?;
        assert_eq!(h.meta, b"meta");
        let body = h.body();
        open(Box::new(bytes), body)
    }

    fn snapshot_of(d: &Dataset) -> Vec<u8> {
        encode(d, b"meta").expect("encodes")
    }

    /// Every accessor of `b` (from a snapshot) answers as `a`'s (from the CSV files).
    fn assert_same(a: &Dataset, b: &Dataset) {
        assert!(b.from_snapshot() && !a.from_snapshot());
        let dbg = |x: &dyn std::fmt::Debug| format!("{x:?}");
        assert_eq!(dbg(&a.parties()), dbg(&b.parties()));
        assert_eq!(dbg(&a.priorities()), dbg(&b.priorities()));
        assert_eq!(a.event_count(), b.event_count());
        assert_eq!(a.row_count(), b.row_count());
        // One by one first (the lazy path), then all at once.
        for e in a.event_ids() {
            assert_eq!(dbg(a.event(e)), dbg(b.event(e)));
            assert_eq!(b.event_by_id(&a.event(e).id), Some(e));
            let rows = |d: &Dataset| {
                d.rows_of(e)
                    .map(|r| {
                        (
                            r,
                            d.row_source(&r).to_string(),
                            d.row_note(&r).map(str::to_string),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(rows(a), rows(b));
            assert_eq!(b.rows_of(e).len(), a.rows_of(e).len());
            assert_eq!(
                dbg(&a.priorities_of(e).collect::<Vec<_>>()),
                dbg(&b.priorities_of(e).collect::<Vec<_>>())
            );
            assert_eq!(
                a.children_of(e).collect::<Vec<_>>(),
                b.children_of(e).collect::<Vec<_>>()
            );
        }
        assert_eq!(b.event_by_id("no-such-event"), None);
        for p in a.party_ids() {
            assert_eq!(
                a.events_of(p).collect::<Vec<_>>(),
                b.events_of(p).collect::<Vec<_>>()
            );
            assert_eq!(
                a.hosted_by(p).collect::<Vec<_>>(),
                b.hosted_by(p).collect::<Vec<_>>()
            );
        }
        assert_eq!(a.incomplete_events(), b.incomplete_events());
        assert_eq!(dbg(&a.events()), dbg(&b.events()));
        assert_eq!(dbg(&a.priority_links()), dbg(&b.priority_links()));
        let key = |r: &Participation| (r.event, r.party);
        let mut ra = a.rows().to_vec();
        let mut rb = b.rows().to_vec();
        ra.sort_by_key(key);
        rb.sort_by_key(key);
        assert_eq!(ra, rb);
        assert_eq!(a.series(), b.series());
        assert_eq!(a.source_count(), b.source_count());
    }

    #[test]
    fn a_snapshot_answers_as_the_csv_files_do() {
        for d in [shipped(), synthetic()] {
            let snap = open_bytes(snapshot_of(&d)).expect("opens");
            assert_same(&d, &snap);
        }
    }

    #[test]
    fn the_same_dataset_gives_the_same_snapshot_bytes() {
        assert_eq!(snapshot_of(&shipped()), snapshot_of(&shipped()));
    }

    #[test]
    fn a_truncated_snapshot_is_detected() {
        let good = snapshot_of(&shipped());
        for len in (0..good.len()).step_by(97).chain([good.len() - 1]) {
            assert!(
                open_bytes(good[..len].to_vec()).is_err(),
                "a snapshot cut to {len} of {} bytes was used",
                good.len()
            );
        }
    }

    #[test]
    fn what_is_not_a_snapshot_is_not_taken_for_one() {
        let csv = include_bytes!("../../events/events.csv").to_vec();
        for bytes in [Vec::new(), b"convene".to_vec(), csv, vec![0u8; 4096]] {
            assert_eq!(header(&bytes).err(), Some(Unusable::NotASnapshot));
        }
    }

    #[test]
    fn a_snapshot_of_another_format_or_byte_order_is_foreign() {
        let good = snapshot_of(&shipped());
        for at in [16, 20, 24] {
            // format, byte order, layout
            let mut other = good.clone();
            other[at] ^= 0x01;
            assert!(
                matches!(header(&other).err(), Some(Unusable::Foreign(_))),
                "byte {at}"
            );
        }
    }

    /// Section `s`'s place in a snapshot's bytes.
    fn section(bytes: &[u8], s: Sec) -> Range<usize> {
        let body = header(bytes).unwrap().place.body;
        let at = body.end - SECTIONS * 16 + s as usize * 16;
        let off = u64::from_ne_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
        let len = u64::from_ne_bytes(bytes[at + 8..at + 16].try_into().unwrap()) as usize;
        body.start + off..body.start + off + len
    }

    /// Rewrite the block hashes and the block index's hash, as a forger would.
    fn reseal(bytes: &mut [u8]) {
        let place = header(bytes).unwrap().place;
        let mut blocks = BlockHashes::default();
        blocks.update(&bytes[place.body.clone()]);
        let index = blocks.finish();
        let index: &[u8] = bytemuck::cast_slice(&index);
        bytes[place.index.clone()].copy_from_slice(index);
        bytes[64..80].copy_from_slice(&hash(index).to_ne_bytes());
    }

    /// Everything a dataset answers, as text: every accessor, record by record.
    fn answers(d: &Dataset) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = write!(out, "{:?}{:?}", d.parties(), d.priorities());
        for e in d.event_ids() {
            let ev = d.event(e);
            let _ = write!(out, "{ev:?}{:?}", d.event_by_id(&ev.id));
            for r in d.rows_of(e) {
                let _ = write!(out, "{r:?}{}{:?}", d.row_source(&r), d.row_note(&r));
            }
            let _ = write!(
                out,
                "{:?}{:?}",
                d.priorities_of(e).collect::<Vec<_>>(),
                d.children_of(e).collect::<Vec<_>>()
            );
        }
        for p in d.party_ids() {
            let _ = write!(
                out,
                "{:?}{:?}",
                d.events_of(p).collect::<Vec<_>>(),
                d.hosted_by(p).collect::<Vec<_>>()
            );
        }
        let _ = write!(
            out,
            "{:?}{:?}{:?}{:?}{}",
            d.incomplete_events(),
            d.events(),
            d.priority_links(),
            d.rows(),
            d.source_count()
        );
        out
    }

    /// A damaged snapshot is either refused on opening, or found faulty by the reads that
    /// meet the damage, or answers exactly as the good one did (the damage lies where
    /// nothing reads).
    fn refused_or_faulty_or_unchanged(bytes: Vec<u8>, good: &str) -> bool {
        match open_bytes(bytes) {
            Err(_) => true,
            Ok(d) => {
                let got = answers(&d);
                d.snapshot_fault().is_some() || got == good
            }
        }
    }

    #[test]
    fn a_corrupt_snapshot_is_detected_wherever_the_damage() {
        let good = snapshot_of(&shipped());
        let good_answers = answers(&open_bytes(good.clone()).unwrap());
        // Every 61st byte, and each of the first 128 (the header), flipped one bit at a time.
        let places = (0..128).chain((128..good.len()).step_by(61));
        for at in places {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            // `cache status` finds every damage ...
            assert!(
                open_bytes(bad.clone())
                    .and_then(|d| d.verify_snapshot())
                    .is_err(),
                "a flipped bit at byte {at} of {} went unnoticed",
                good.len()
            );
            // ... and a query either meets it and says so, or does not meet it at all.
            assert!(
                refused_or_faulty_or_unchanged(bad, &good_answers),
                "a flipped bit at byte {at} changed an answer"
            );
        }
    }

    #[test]
    fn a_query_checks_only_the_blocks_it_reads() {
        let d = synthetic_of(5000);
        let snap = open_bytes(snapshot_of(&d)).unwrap();
        let Store::Mapped(m) = &snap.store else {
            panic!("mapped")
        };
        let checked = || {
            m.guard
                .state
                .iter()
                .filter(|s| s.load(Ordering::Relaxed) != UNCHECKED)
                .count()
        };
        let opened = checked();
        let e = snap.event_by_id(&d.event(EventId::new(7)).id).unwrap();
        assert_eq!(snap.rows_of(e).count(), d.rows_of(EventId::new(7)).count());
        let one_event = checked();
        let blocks = m.guard.state.len();
        assert!(
            opened < one_event && one_event < blocks / 2,
            "{opened} blocks checked on opening, {one_event} after one event, of {blocks}"
        );
        assert!(snap.verify_snapshot().is_ok());
        assert_eq!(checked(), blocks);
        assert_eq!(snap.snapshot_fault(), None);
    }

    #[test]
    fn a_forged_snapshot_with_matching_hashes_is_refused_or_found_faulty() {
        let d = synthetic();
        let good = snapshot_of(&d);
        let good_answers = answers(&open_bytes(good.clone()).unwrap());
        let forge = |s: Sec, at: usize, v: u32| {
            let mut b = good.clone();
            let r = section(&b, s);
            b[r.start + at * 4..r.start + at * 4 + 4].copy_from_slice(&v.to_ne_bytes());
            reseal(&mut b);
            b
        };
        // The reseal alone keeps it usable: the forgeries below are caught for what they say.
        assert_eq!(
            answers(
                &open_bytes(forge(
                    Sec::RowParty,
                    0,
                    d.rows_of(EventId::new(0)).next().unwrap().party.raw()
                ))
                .unwrap()
            ),
            good_answers
        );
        let forged = [
            (
                "a row naming a party that is not there",
                forge(Sec::RowParty, 3, u32::MAX),
            ),
            ("a row's event out of place", forge(Sec::RowEvent, 5, 9)),
            (
                "a row's texts out of range",
                forge(Sec::RowTexts, 1, 1 << 30),
            ),
            (
                "an impossible date",
                forge(Sec::RowDate, 0, (2023 << 16) | (2 << 8) | 30),
            ),
            (
                "offsets running backwards",
                forge(Sec::ByEventStarts, 2, u32::MAX),
            ),
            (
                "a party's row past the end",
                forge(Sec::ByPartyItems, 0, u32::MAX),
            ),
            ("a party's row another's", forge(Sec::ByPartyItems, 0, 1)),
            (
                "an event list pointing nowhere",
                forge(Sec::Incomplete, 0, u32::MAX),
            ),
            (
                "an id index pointing nowhere",
                forge(
                    Sec::IdTable,
                    id_hash(&d.event(EventId::new(0)).id) & (id_slots(d.event_count()) - 1),
                    u32::MAX,
                ),
            ),
            (
                "an event record past its blob",
                forge(Sec::EventOffsets, 1, u32::MAX),
            ),
            (
                "counts larger than the tables",
                forge(Sec::Counts, 2, u32::MAX),
            ),
        ];
        for (what, bytes) in forged {
            assert!(
                match open_bytes(bytes) {
                    Err(e) => matches!(e, Unusable::Malformed(_)),
                    Ok(d) => {
                        answers(&d);
                        d.snapshot_fault().is_some()
                    }
                },
                "{what}: neither refused nor found faulty"
            );
        }
        // A section table pointing past the end, or sections overlapping.
        // (Offsets in the table are from the body's start.)
        let body = header(&good).unwrap().place.body;
        let table = body.len() - SECTIONS * 16;
        let at = body.start + table + Sec::RowParty as usize * 16;
        let row_event = section(&good, Sec::RowEvent).start - body.start;
        for (what, offset) in [
            ("a section past the end", u64::MAX),
            ("a section over the section table", table as u64),
            ("sections overlapping", row_event as u64),
        ] {
            let mut b = good.clone();
            b[at..at + 8].copy_from_slice(&offset.to_ne_bytes());
            reseal(&mut b);
            assert!(
                matches!(
                    open_bytes(b).err(),
                    Some(Unusable::Malformed(_) | Unusable::Truncated)
                ),
                "{what}"
            );
        }
        // Garbage inside an event record: decoding gives a record that says it is
        // unreadable, never a panic, and the snapshot is found faulty.
        let mut b = good.clone();
        let blobs = section(&b, Sec::EventBlobs);
        for x in &mut b[blobs.start..blobs.start + 64] {
            *x = 0xff;
        }
        reseal(&mut b);
        let forged = open_bytes(b).expect("records are checked as they are read");
        let first = forged.event(EventId::new(0));
        assert!(first.name.contains("unreadable"), "{first:?}");
        assert!(forged.snapshot_fault().is_some());
        assert_eq!(forged.events().len(), d.event_count());
    }
}
