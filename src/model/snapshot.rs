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
//! meta hash (xxh3-128) | body hash (xxh3-128) | meta | padding to 8 | body
//! body = section table (SECTIONS × (offset u64, length u64)) | sections, each 8-aligned
//! ```
//!
//! The meta block belongs to the cache (what the snapshot was made from); the body is the
//! dataset. Nothing in a snapshot is trusted before it is checked: both hashes, then every
//! table's length and alignment, every index against what it indexes, every offset table
//! rising and ending at its blob's end ([`open`]). Decoding a record then reads through
//! bounds-checked cursors, so even a snapshot forged with correct hashes can at worst give
//! wrong text, never a panic or an out-of-bounds read. There is no `unsafe` here.

use super::index::GroupsRef;
use super::types::{
    Event, EventId, EventPriority, NO_TEXTS, Participation, Party, PartyId, PartyList, Priority,
    PriorityId,
};
use super::vocabulary::{EventKind, ListStatus, PartyKind, Region, Role};
use super::{Dataset, Store};
use crate::date::PartialDate;
use std::ops::Range;
use std::sync::OnceLock;

/// The first bytes of every snapshot.
pub const MAGIC: &[u8; 16] = b"convene snapshot";
/// The format's version: any change to the layout or to what a section holds bumps it.
pub const FORMAT: u32 = 1;
/// Written in native order; read back as another value on a machine of the other order.
const BYTE_ORDER: u32 = 0x0102_0304;
/// Bytes before the meta block.
const PREAMBLE: usize = 16 + 4 + 4 + 8 + 8 + 16 + 16;

/// A fingerprint of this file's source: a build whose reader or writer differs in any way
/// (even one that forgot to bump [`FORMAT`]) finds the other's snapshots foreign.
fn layout() -> u64 {
    xxhash_rust::xxh3::xxh3_64(include_str!("snapshot.rs").as_bytes())
}

/// The body's sections, in order.
#[derive(Clone, Copy)]
#[repr(usize)]
enum Sec {
    Counts,
    Parties,
    Priorities,
    EventOffsets,
    EventBlobs,
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
    TextOffsets,
    TextBlobs,
    LinkStarts,
    LinkOffsets,
    LinkBlobs,
}
const SECTIONS: usize = Sec::LinkBlobs as usize + 1;

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

/// How much of a snapshot is hashed before it is released.
const WINDOW: usize = 4 << 20;

// ---------------------------------------------------------------------------------------------
// Writing

/// Appends values in the snapshot's encoding.
#[derive(Default)]
struct W(Vec<u8>);

impl W {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_ne_bytes());
    }
    fn u32s(&mut self, vs: impl IntoIterator<Item = u32>) {
        for v in vs {
            self.u32(v);
        }
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
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

/// Records written one after another into a blob, with the offset table that finds each.
struct Blobs {
    offsets: Vec<u32>,
    blob: W,
}

impl Blobs {
    fn new() -> Self {
        Blobs {
            offsets: vec![0],
            blob: W::default(),
        }
    }
    fn next(&mut self) -> &mut W {
        &mut self.blob
    }
    fn end_record(&mut self) {
        self.offsets.push(self.blob.0.len() as u32);
    }
}

/// A dataset's snapshot, with `meta` (the cache's description of its origin) in its header.
/// `None` if the dataset is too large for the format's 32-bit offsets (no such dataset loads:
/// every file is at most 2 GiB).
pub fn encode(data: &Dataset, meta: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    sections(data)?.write(meta, &mut out).ok()?;
    Some(out)
}

/// A dataset's snapshot body, section by section, to be written with a meta block.
pub struct Sections(Vec<Part>);

/// A section as built: bytes, or a table of 32-bit values (written as their bytes, uncopied).
enum Part {
    Bytes(Vec<u8>),
    Words(Vec<u32>),
}

impl Part {
    fn bytes(&self) -> &[u8] {
        match self {
            Part::Bytes(b) => b,
            Part::Words(w) => bytemuck::cast_slice(w),
        }
    }
}

/// The body's sections of a dataset built from the CSV files (`None` for one read from a
/// snapshot, or too large for 32-bit offsets).
pub fn sections(data: &Dataset) -> Option<Sections> {
    let mut sec: Vec<Part> = (0..SECTIONS).map(|_| Part::Bytes(Vec::new())).collect();
    let ne = data.event_count();
    let np = data.parties().len();
    let nr = data.row_count();

    let mut parties = W::default();
    for p in data.parties() {
        parties.str(&p.id);
        parties.str(&p.name);
        parties.u8(p.kind.code());
        parties.u8(p.region.map_or(u8::MAX, Region::code));
        parties.u32(p.aliases.len() as u32);
        for a in &p.aliases {
            parties.str(a);
        }
    }
    let mut priorities = W::default();
    for p in data.priorities() {
        priorities.str(&p.id);
        priorities.str(&p.name);
        priorities.opt_str(p.description.as_deref());
    }

    let mut events = Blobs::new();
    for e in data.events() {
        encode_event(events.next(), e);
        events.end_record();
    }

    // Rows in event order, display order within an event: a handle is a place in this order.
    let mut row_event: Vec<u32> = Vec::with_capacity(nr);
    let mut row_party: Vec<u32> = Vec::with_capacity(nr);
    let mut row_date: Vec<u32> = Vec::with_capacity(nr);
    let mut row_role: Vec<u8> = Vec::with_capacity(nr);
    let mut row_texts: Vec<u32> = Vec::with_capacity(nr);
    let mut by_event_starts = Vec::with_capacity(ne + 1);
    by_event_starts.push(0u32);
    // Where each row of `data.rows()` went, to translate the per-party lists.
    let Store::Owned(owned) = &data.store else {
        return None;
    };
    let mut place = vec![0u32; nr];
    let mut n = 0u32;
    for e in 0..ne {
        for &h in &owned.by_event[e] {
            let r = owned.participation[h as usize];
            place[h as usize] = n;
            n += 1;
            row_event.push(r.event.raw());
            row_party.push(r.party.raw());
            row_date.push(r.date.as_ref().map_or(0, PartialDate::sort_key));
            row_role.push(r.role.code());
            row_texts.push(r.texts);
        }
        by_event_starts.push(n);
    }
    let by_party = owned.by_party.view();
    let mut texts = Blobs::new();
    for t in &owned.row_texts {
        texts.next().opt_str(t.source.as_deref());
        texts.next().opt_str(t.note.as_deref());
        texts.end_record();
    }
    let mut links = Blobs::new();
    for l in &owned.event_priorities {
        links.next().u32(l.priority.raw());
        links.next().str(&l.source);
        links.end_record();
    }
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

    let mut counts = W::default();
    counts.u32s([
        ne as u32,
        np as u32,
        nr as u32,
        data.priorities().len() as u32,
        owned.event_priorities.len() as u32,
        owned.row_texts.len() as u32,
    ]);
    let hosted = owned.hosted.view();
    let children = owned.children.view();
    sec[Sec::Counts as usize] = Part::Bytes(counts.0);
    sec[Sec::Parties as usize] = Part::Bytes(parties.0);
    sec[Sec::Priorities as usize] = Part::Bytes(priorities.0);
    sec[Sec::EventOffsets as usize] = Part::Words(events.offsets);
    sec[Sec::EventBlobs as usize] = Part::Bytes(events.blob.0);
    sec[Sec::RowEvent as usize] = Part::Words(row_event);
    sec[Sec::RowParty as usize] = Part::Words(row_party);
    sec[Sec::RowDate as usize] = Part::Words(row_date);
    sec[Sec::RowRole as usize] = Part::Bytes(row_role);
    sec[Sec::RowTexts as usize] = Part::Words(row_texts);
    sec[Sec::ByEventStarts as usize] = Part::Words(by_event_starts);
    sec[Sec::ByPartyStarts as usize] = Part::Words(by_party.starts.to_vec());
    sec[Sec::ByPartyItems as usize] =
        Part::Words(by_party.items.iter().map(|&h| place[h as usize]).collect());
    sec[Sec::HostedStarts as usize] = Part::Words(hosted.starts.to_vec());
    sec[Sec::HostedItems as usize] = Part::Words(hosted.items.iter().map(|e| e.raw()).collect());
    sec[Sec::ChildrenStarts as usize] = Part::Words(children.starts.to_vec());
    sec[Sec::ChildrenItems as usize] =
        Part::Words(children.items.iter().map(|e| e.raw()).collect());
    sec[Sec::Incomplete as usize] = Part::Words(owned.incomplete.iter().map(|e| e.raw()).collect());
    sec[Sec::IdTable as usize] = Part::Words(id_table);
    sec[Sec::TextOffsets as usize] = Part::Words(texts.offsets);
    sec[Sec::TextBlobs as usize] = Part::Bytes(texts.blob.0);
    sec[Sec::LinkStarts as usize] = Part::Words(owned.priority_starts.clone());
    sec[Sec::LinkOffsets as usize] = Part::Words(links.offsets);
    sec[Sec::LinkBlobs as usize] = Part::Bytes(links.blob.0);
    if sec.iter().any(|s| s.bytes().len() > u32::MAX as usize) {
        return None;
    }
    Some(Sections(sec))
}

fn encode_event(w: &mut W, e: &Event) {
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

impl Sections {
    /// The section table: each section's offset in the body and its length.
    fn table(&self) -> Vec<u8> {
        let mut table = Vec::with_capacity(SECTIONS * 16);
        let mut at = (SECTIONS * 16) as u64;
        for s in &self.0 {
            let len = s.bytes().len() as u64;
            table.extend_from_slice(&at.to_ne_bytes());
            table.extend_from_slice(&len.to_ne_bytes());
            at = (at + len).next_multiple_of(8);
        }
        table
    }

    /// The body's pieces in order: the table, then each section followed by its padding.
    fn pieces<'a>(&'a self, table: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
        const ZEROS: [u8; 8] = [0; 8];
        std::iter::once(table).chain(
            self.0
                .iter()
                .map(Part::bytes)
                .flat_map(|s| [s, &ZEROS[..s.len().next_multiple_of(8) - s.len()]]),
        )
    }

    /// Write the snapshot: preamble, `meta`, padding, body. The body is hashed in place
    /// first and then written in 64 KiB pieces (never copied whole): a file system with large
    /// folios caches one huge write in folios of up to 2 MB, and a query's fault on the memory
    /// map then maps a whole folio, which made a 20-record answer 19 MB resident.
    pub fn write(&self, meta: &[u8], w: &mut impl std::io::Write) -> std::io::Result<()> {
        let table = self.table();
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for p in self.pieces(&table) {
            h.update(p);
        }
        w.write_all(&head(meta, h.digest128()))?;
        for p in self.pieces(&table) {
            for chunk in p.chunks(64 << 10) {
                w.write_all(chunk)?;
            }
        }
        Ok(())
    }
}

/// The same snapshot with a new meta block (the body, and its hash, unchanged).
pub fn with_meta(bytes: &[u8], h: &Header<'_>, meta: &[u8]) -> Vec<u8> {
    let mut out = head(meta, h.body_hash);
    out.extend_from_slice(&bytes[h.body.clone()]);
    out
}

/// Everything before the body: the preamble, `meta`, and the padding to 8 bytes.
fn head(meta: &[u8], body_hash: u128) -> Vec<u8> {
    let mut out = Vec::with_capacity(PREAMBLE + meta.len() + 8);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_ne_bytes());
    out.extend_from_slice(&BYTE_ORDER.to_ne_bytes());
    out.extend_from_slice(&layout().to_ne_bytes());
    out.extend_from_slice(&(meta.len() as u64).to_ne_bytes());
    out.extend_from_slice(&hash(meta).to_ne_bytes());
    out.extend_from_slice(&body_hash.to_ne_bytes());
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
    body: Range<usize>,
    body_hash: u128,
}

impl Header<'_> {
    /// Where the body is and its hash, for [`open`].
    pub fn body(&self) -> (Range<usize>, u128) {
        (self.body.clone(), self.body_hash)
    }
}

/// Read a snapshot's header and check the meta block's hash. The body is not looked at.
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
    let meta_hash = r.u128().ok_or(Unusable::Truncated)?;
    let body_hash = r.u128().ok_or(Unusable::Truncated)?;
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
    Ok(Header {
        meta,
        body: start..bytes.len(),
        body_hash,
    })
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

/// A dataset answered from a snapshot's bytes; see the module documentation.
pub struct Mapped {
    bytes: Bytes,
    /// Each section's place in `bytes`.
    sec: [Range<usize>; SECTIONS],
    n: Counts,
    events_all: OnceLock<Vec<Event>>,
    events_one: Box<[OnceLock<Box<Event>>]>,
    rows_all: OnceLock<Vec<Participation>>,
    links_all: OnceLock<Vec<EventPriority>>,
    links_one: Box<[OnceLock<Box<[EventPriority]>>]>,
}

impl std::fmt::Debug for Mapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mapped")
            .field("bytes", &self.bytes.bytes().len())
            .field("counts", &self.n)
            .finish_non_exhaustive()
    }
}

/// Open a snapshot whose header has been read (and whose meta the caller has accepted):
/// check the body's hash and structure, decode the parties and priority areas, and leave the
/// rest in place.
///
/// The body is read through [`Source::read`] (from the file, not the map, so that checking a
/// snapshot does not make all of it resident) twice at once: whole, on a second thread, for
/// its hash, and table by table on this one, each checked against the counts and what it
/// indexes. A check's verdict counts only if the hash matches.
pub fn open(bytes: Bytes, header_body: (Range<usize>, u128)) -> Result<Dataset, Unusable> {
    let (body_range, body_hash) = header_body;
    let total = bytes.bytes().len();
    if body_range.end > total || body_range.len() < SECTIONS * 16 {
        return Err(Unusable::Truncated);
    }
    let mut table = vec![0u8; SECTIONS * 16];
    bytes.read(body_range.start, &mut table);
    let mut sec: [Range<usize>; SECTIONS] = std::array::from_fn(|_| 0..0);
    let mut t = R { b: &table };
    let mut next = SECTIONS * 16;
    for s in &mut sec {
        let (Some(at), Some(len)) = (t.u64(), t.u64()) else {
            return Err(Unusable::Truncated);
        };
        let end = at.checked_add(len).ok_or(Unusable::Truncated)?;
        if end > body_range.len() as u64 {
            return Err(Unusable::Truncated);
        }
        // Sections follow one another, each 8-aligned.
        if at % 8 != 0 || (at as usize) < next {
            return Err(Unusable::Malformed("the section table"));
        }
        next = end as usize;
        *s = body_range.start + at as usize..body_range.start + end as usize;
    }
    // The whole body is hashed on a second thread (when it is large enough to be worth one)
    // while this one reads and checks the tables: the two passes take about as long.
    let source: &dyn Source = &*bytes;
    let (hash_ok, (verdict, check, parts)) = std::thread::scope(|scope| {
        let whole = body_range.clone();
        let worker = (whole.len() >= PARALLEL_FROM)
            .then(|| {
                std::thread::Builder::new()
                    .name("snapshot-hash".into())
                    .spawn_scoped(scope, move || hash_of(source, whole))
                    .ok()
            })
            .flatten();
        let checked = check_tables(source, &sec);
        let hash = match worker {
            Some(w) => w.join().ok(),
            None => Some(hash_of(source, body_range.clone())),
        };
        (hash == Some(body_hash), checked)
    });
    if !hash_ok {
        return Err(Unusable::Corrupt("the body"));
    }
    verdict.map_err(Unusable::Malformed)?;
    let n = check.n.ok_or(Unusable::Malformed("counts"))?;
    let parties = decode_parties(&parts[Sec::Parties as usize], n.parties)
        .ok_or(Unusable::Malformed("parties"))?;
    let priorities = decode_priorities(&parts[Sec::Priorities as usize], n.priorities)
        .ok_or(Unusable::Malformed("priority areas"))?;
    let mapped = Mapped {
        events_one: (0..n.events).map(|_| OnceLock::new()).collect(),
        links_one: (0..n.events).map(|_| OnceLock::new()).collect(),
        bytes,
        sec,
        n,
        events_all: OnceLock::new(),
        rows_all: OnceLock::new(),
        links_all: OnceLock::new(),
    };
    Ok(Dataset::mapped(parties, priorities, mapped))
}

/// Bodies at least this large are hashed on a second thread while the tables are checked.
const PARALLEL_FROM: usize = 1 << 20;

/// The xxh3-128 of a span of a snapshot, read a window at a time.
fn hash_of(bytes: &dyn Source, span: Range<usize>) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u32; WINDOW.min(span.len()).div_ceil(4).max(1)];
    hash_span(bytes, &mut h, span, &mut buf);
    h.digest128()
}

/// Read and check every table of the body in order ([`Checker`]), keeping the sections decoded
/// on open (counts, parties, priority areas). The verdict counts only if the body's hash
/// holds.
fn check_tables(
    bytes: &dyn Source,
    sec: &[Range<usize>; SECTIONS],
) -> (Result<(), &'static str>, Checker, Vec<Vec<u8>>) {
    let mut check = Checker::default();
    let mut verdict: Result<(), &'static str> = Ok(());
    let mut parts: Vec<Vec<u8>> = vec![Vec::new(); 3];
    // One buffer for every table, as large as the largest (u32s, so that a table read into it
    // is aligned).
    let largest = (0..SECTIONS)
        .filter(|&i| Checker::reads(i))
        .map(|i| sec[i].len())
        .max()
        .unwrap_or(0);
    let mut buf = vec![0u32; largest.div_ceil(4)];
    for (i, range) in sec.iter().enumerate() {
        if !Checker::reads(i) {
            continue;
        }
        let b: &mut [u8] = &mut bytemuck::cast_slice_mut(&mut buf)[..range.len()];
        bytes.read(range.start, b);
        if verdict.is_ok() {
            verdict = check.section(i, b, sec);
        }
        if i <= Sec::Priorities as usize {
            parts[i] = b.to_vec();
        }
    }
    (verdict, check, parts)
}

/// Hash a span of the body without checking it, a window at a time.
fn hash_span(
    bytes: &dyn Source,
    h: &mut xxhash_rust::xxh3::Xxh3,
    span: Range<usize>,
    buf: &mut [u32],
) {
    let buf: &mut [u8] = bytemuck::cast_slice_mut(buf);
    let window = buf.len().clamp(1, WINDOW);
    let mut at = span.start;
    while at < span.end {
        let n = (span.end - at).min(window);
        bytes.read(at, &mut buf[..n]);
        h.update(&buf[..n]);
        at += n;
    }
}

/// The checks of a snapshot's tables, made as they are read in order: each against the
/// counts (the first section) and what it indexes; rows' events against the per-event
/// offsets, which come just before them.
#[derive(Default)]
struct Checker {
    n: Option<Counts>,
    by_event_starts: Vec<u32>,
}

impl Checker {
    /// Whether section `i` is one whose contents are checked (the blobs are not: their records
    /// are read through bounds-checked cursors, and their offset tables are checked).
    fn reads(i: usize) -> bool {
        ![Sec::EventBlobs, Sec::TextBlobs, Sec::LinkBlobs]
            .iter()
            .any(|&s| s as usize == i)
    }

    fn section(
        &mut self,
        i: usize,
        b: &[u8],
        sec: &[Range<usize>; SECTIONS],
    ) -> Result<(), &'static str> {
        if i == Sec::Counts as usize {
            let mut c = R { b };
            let mut count = || c.u32().map(|v| v as usize).ok_or("counts");
            self.n = Some(Counts {
                events: count()?,
                parties: count()?,
                rows: count()?,
                priorities: count()?,
                links: count()?,
                texts: count()?,
            });
            return Ok(());
        }
        if i == Sec::Parties as usize || i == Sec::Priorities as usize {
            return Ok(()); // decoded whole once the hash holds
        }
        let n = self.n.ok_or("counts")?;
        let t: &[u32] = if i == Sec::RowRole as usize {
            &[]
        } else {
            bytemuck::try_cast_slice(b).map_err(|_| "a table's length")?
        };
        let len = |want: usize| {
            if t.len() == want {
                Ok(())
            } else {
                Err("a table's length")
            }
        };
        let blob = |s: Sec| sec[s as usize].len();
        let below = |bound: usize| t.iter().all(|&v| (v as usize) < bound);
        let ok = |c: bool, what: &'static str| if c { Ok(()) } else { Err(what) };
        // Offsets of `k` groups over `items` items: `k + 1` of them, rising from 0 to `items`.
        let starts = |k: usize, items: usize| {
            len(k + 1)?;
            ok(offsets_ok(t, k, items), "an offset table")
        };
        match i {
            x if x == Sec::EventOffsets as usize => starts(n.events, blob(Sec::EventBlobs)),
            x if x == Sec::TextOffsets as usize => starts(n.texts, blob(Sec::TextBlobs)),
            x if x == Sec::LinkOffsets as usize => starts(n.links, blob(Sec::LinkBlobs)),
            x if x == Sec::LinkStarts as usize => starts(n.events, n.links),
            x if x == Sec::ByEventStarts as usize => {
                starts(n.events, n.rows)?;
                self.by_event_starts = t.to_vec();
                Ok(())
            }
            x if x == Sec::RowEvent as usize => {
                len(n.rows)?;
                let starts = &self.by_event_starts;
                ok(
                    starts.len() == n.events + 1
                        && starts.windows(2).enumerate().all(|(e, w)| {
                            t[w[0] as usize..w[1] as usize]
                                .iter()
                                .all(|&x| x as usize == e)
                        }),
                    "a row's event",
                )
            }
            x if x == Sec::RowParty as usize => {
                len(n.rows)?;
                ok(below(n.parties), "a row's party")
            }
            x if x == Sec::RowDate as usize => {
                len(n.rows)?;
                ok(
                    t.iter()
                        .all(|&k| k == 0 || PartialDate::from_sort_key(k).is_some()),
                    "a row's date",
                )
            }
            x if x == Sec::RowRole as usize => ok(
                b.len() == n.rows && b.iter().all(|&r| Role::from_code(r).is_some()),
                "a row's role",
            ),
            x if x == Sec::RowTexts as usize => {
                len(n.rows)?;
                ok(
                    t.iter().all(|&x| x == NO_TEXTS || (x as usize) < n.texts),
                    "a row's texts",
                )
            }
            x if x == Sec::ByPartyStarts as usize => starts(n.parties, n.rows),
            x if x == Sec::ByPartyItems as usize => {
                len(n.rows)?;
                ok(below(n.rows), "a party's rows")
            }
            x if x == Sec::HostedStarts as usize => starts(n.parties, blob(Sec::HostedItems) / 4),
            x if x == Sec::ChildrenStarts as usize => {
                starts(n.events, blob(Sec::ChildrenItems) / 4)
            }
            x if x == Sec::HostedItems as usize
                || x == Sec::ChildrenItems as usize
                || x == Sec::Incomplete as usize =>
            {
                ok(below(n.events), "an event list")
            }
            x if x == Sec::IdTable as usize => {
                len(id_slots(n.events))?;
                ok(below(n.events + 1), "the id index")
            }
            _ => Ok(()),
        }
    }
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

/// An offset table of `n` records over a blob: `n + 1` offsets rising from 0 to its length.
fn offsets_ok(offsets: &[u32], n: usize, blob: usize) -> bool {
    offsets.len() == n + 1
        && offsets[0] == 0
        && offsets.windows(2).all(|w| w[0] <= w[1])
        && offsets[n] as usize == blob
}

impl Mapped {
    fn bytes(&self, s: Sec) -> &[u8] {
        &self.bytes.bytes()[self.sec[s as usize].clone()]
    }
    /// A table of 32-bit values in place (its alignment and length checked when opened, so
    /// the empty fallback is never taken).
    fn u32s(&self, s: Sec) -> &[u32] {
        bytemuck::try_cast_slice(self.bytes(s)).unwrap_or(&[])
    }
    fn event_ids(&self, s: Sec) -> &[EventId] {
        bytemuck::try_cast_slice(self.bytes(s)).unwrap_or(&[])
    }

    pub(crate) fn event_count(&self) -> usize {
        self.n.events
    }
    pub(crate) fn row_count(&self) -> usize {
        self.n.rows
    }

    /// Record `i` of a blob section.
    fn record(&self, offsets: Sec, blob: Sec, i: usize) -> R<'_> {
        let o = self.u32s(offsets);
        let b = self.bytes(blob);
        let range = o[i] as usize..o[i + 1] as usize;
        R {
            b: b.get(range).unwrap_or(&[]),
        }
    }

    fn decode_event(&self, e: usize) -> Event {
        let r = self.record(Sec::EventOffsets, Sec::EventBlobs, e);
        self.read_event(r).unwrap_or_else(|| Event {
            // Reached only by a snapshot forged with matching hashes; it cannot be indexed
            // out of bounds, and says what it is.
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

    /// An event's kind and dates, read in place without decoding the rest of it.
    pub(crate) fn event_head(
        &self,
        e: EventId,
    ) -> Option<(EventKind, PartialDate, Option<PartialDate>)> {
        if let Some(all) = self.events_all.get() {
            let ev = &all[e.index()];
            return Some((ev.kind, ev.start, ev.end));
        }
        let mut r = self.record(Sec::EventOffsets, Sec::EventBlobs, e.index());
        let skip = |r: &mut R<'_>| -> Option<()> {
            let n = r.u32()? as usize;
            r.take(n).map(|_| ())
        };
        skip(&mut r)?;
        skip(&mut r)?;
        if r.u8()? == 1 {
            skip(&mut r)?;
        }
        let kind = EventKind::from_code(r.u8()?)?;
        let start = r.date()??;
        Some((kind, start, r.date()?))
    }

    pub(crate) fn events(&self) -> &[Event] {
        self.events_all
            .get_or_init(|| (0..self.n.events).map(|e| self.decode_event(e)).collect())
    }

    pub(crate) fn event(&self, e: EventId) -> &Event {
        if let Some(all) = self.events_all.get() {
            return &all[e.index()];
        }
        self.events_one[e.index()].get_or_init(|| Box::new(self.decode_event(e.index())))
    }

    /// A probe of the id table, reading only the candidates' ids (one, nearly always).
    pub(crate) fn event_by_id(&self, id: &str) -> Option<EventId> {
        let table = self.u32s(Sec::IdTable);
        let mask = table.len().checked_sub(1)?;
        let mut at = id_hash(id) & mask;
        // At most one pass over the table, even a forged one with no empty slot.
        for _ in 0..table.len() {
            let e = table[at].checked_sub(1)? as usize;
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

    pub(crate) fn row(&self, h: u32) -> Participation {
        let h = h as usize;
        let at = |s: Sec| self.u32s(s).get(h).copied().unwrap_or(0);
        Participation {
            event: EventId::new(at(Sec::RowEvent) as usize),
            party: PartyId::new(at(Sec::RowParty) as usize),
            role: self
                .bytes(Sec::RowRole)
                .get(h)
                .and_then(|&c| Role::from_code(c))
                .unwrap_or(Role::Participant),
            date: PartialDate::from_sort_key(at(Sec::RowDate)),
            texts: self.u32s(Sec::RowTexts).get(h).copied().unwrap_or(NO_TEXTS),
        }
    }

    pub(crate) fn rows(&self) -> &[Participation] {
        self.rows_all
            .get_or_init(|| (0..self.n.rows as u32).map(|h| self.row(h)).collect())
    }

    pub(crate) fn rows_of(&self, e: EventId) -> Range<u32> {
        let s = self.u32s(Sec::ByEventStarts);
        s[e.index()]..s[e.index() + 1]
    }

    pub(crate) fn by_party(&self) -> GroupsRef<'_, u32> {
        GroupsRef {
            starts: self.u32s(Sec::ByPartyStarts),
            items: self.u32s(Sec::ByPartyItems),
        }
    }
    pub(crate) fn hosted(&self) -> GroupsRef<'_, EventId> {
        GroupsRef {
            starts: self.u32s(Sec::HostedStarts),
            items: self.event_ids(Sec::HostedItems),
        }
    }
    pub(crate) fn children(&self) -> GroupsRef<'_, EventId> {
        GroupsRef {
            starts: self.u32s(Sec::ChildrenStarts),
            items: self.event_ids(Sec::ChildrenItems),
        }
    }
    pub(crate) fn incomplete(&self) -> &[EventId] {
        self.event_ids(Sec::Incomplete)
    }

    fn decode_link(&self, e: usize, i: usize) -> EventPriority {
        let mut r = self.record(Sec::LinkOffsets, Sec::LinkBlobs, i);
        let priority = r
            .u32()
            .filter(|&p| (p as usize) < self.n.priorities)
            .unwrap_or(0);
        EventPriority {
            event: EventId::new(e),
            priority: PriorityId::new(priority as usize),
            source: r.str().unwrap_or("").to_string(),
        }
    }
    fn link_range(&self, e: usize) -> Range<usize> {
        let s = self.u32s(Sec::LinkStarts);
        s[e] as usize..s[e + 1] as usize
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
            return &all[self.link_range(e.index())];
        }
        self.links_one[e.index()].get_or_init(|| {
            self.link_range(e.index())
                .map(|i| self.decode_link(e.index(), i))
                .collect()
        })
    }

    /// A row's own source and note, read in place.
    pub(crate) fn row_texts(&self, t: u32) -> (Option<&str>, Option<&str>) {
        if t == NO_TEXTS || t as usize >= self.n.texts {
            return (None, None);
        }
        let mut r = self.record(Sec::TextOffsets, Sec::TextBlobs, t as usize);
        let source = r.opt_str().flatten();
        let note = r.opt_str().flatten();
        (source, note)
    }
    pub(crate) fn all_row_sources(&self) -> impl Iterator<Item = &str> {
        (0..self.n.texts as u32).filter_map(|t| self.row_texts(t).0)
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
        let dir = tempfile::tempdir().unwrap();
        crate::synth::generate(&crate::synth::Spec {
            events: 400,
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
    fn a_corrupt_snapshot_is_detected_wherever_the_damage() {
        let good = snapshot_of(&shipped());
        // Every 61st byte, and each of the first 128 (the header), flipped one bit at a time.
        let places = (0..128).chain((128..good.len()).step_by(61));
        for at in places {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert!(
                open_bytes(bad).is_err(),
                "a flipped bit at byte {at} of {} went unnoticed",
                good.len()
            );
        }
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
        let h = header(bytes).unwrap();
        let body = h.body().0;
        let at = body.start + s as usize * 16;
        let off = u64::from_ne_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
        let len = u64::from_ne_bytes(bytes[at + 8..at + 16].try_into().unwrap()) as usize;
        body.start + off..body.start + off + len
    }

    /// Rewrite the body hash, as a forger would.
    fn rehash(bytes: &mut [u8]) {
        let body = header(bytes).unwrap().body().0;
        let h = hash(&bytes[body]);
        bytes[56..72].copy_from_slice(&h.to_ne_bytes());
    }

    #[test]
    fn a_forged_snapshot_with_matching_hashes_is_refused_or_harmless() {
        let d = synthetic();
        let good = snapshot_of(&d);
        let forge = |s: Sec, at: usize, v: u32| {
            let mut b = good.clone();
            let r = section(&b, s);
            b[r.start + at * 4..r.start + at * 4 + 4].copy_from_slice(&v.to_ne_bytes());
            rehash(&mut b);
            b
        };
        // The rehash alone keeps it usable: the forgeries below are refused for what they say.
        assert!(open_bytes(forge(Sec::RowParty, 0, 0)).is_ok());
        let refused = [
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
            (
                "an event list pointing nowhere",
                forge(Sec::Incomplete, 0, u32::MAX),
            ),
            (
                "an id index pointing nowhere",
                forge(Sec::IdTable, 0, u32::MAX),
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
        for (what, bytes) in refused {
            assert!(
                matches!(open_bytes(bytes), Err(Unusable::Malformed(_))),
                "{what}: not refused"
            );
        }
        // A section table pointing past the end, or sections overlapping.
        let mut b = good.clone();
        let table = header(&b).unwrap().body().0.start;
        let at = table + Sec::RowParty as usize * 16;
        b[at..at + 8].copy_from_slice(&u64::MAX.to_ne_bytes());
        rehash(&mut b);
        assert!(open_bytes(b).is_err(), "a section past the end");
        // Garbage inside an event record (its blob is not checked up front): decoding gives a
        // record that says it is unreadable, never a panic.
        let mut b = good.clone();
        let blobs = section(&b, Sec::EventBlobs);
        for x in &mut b[blobs.start..blobs.start + 64] {
            *x = 0xff;
        }
        rehash(&mut b);
        let forged = open_bytes(b).expect("blobs are checked as they are read");
        let first = forged.event(EventId::new(0));
        assert!(first.name.contains("unreadable"), "{first:?}");
        assert_eq!(forged.events().len(), d.event_count());
    }
}
