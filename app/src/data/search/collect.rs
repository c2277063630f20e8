//! One pass over a query's matches: the count per type, and the top of the page asked for
//! (of the chosen type), in the chosen order. Entries not yet visible and entries outside the
//! date range are skipped here, from the fast fields, rather than by extra queries.

use crate::search::SearchSort;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::ColumnValues;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// How a match ranks: newest first sorts by day, then score; relevance by score alone.
/// Scores are never negative, so their bits order like them.
type Rank = (i64, u32);

pub(super) struct Collect {
    pub kind: Option<u64>,
    /// Day numbers (20220620); when either bound is set, undated entries are left out.
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Unix seconds: entries visible from later are left out.
    pub now: i64,
    pub sort: SearchSort,
    /// How many of the best to keep (the page's end).
    pub limit: usize,
}

#[derive(Default)]
pub(super) struct Found {
    /// Matches per kind code.
    pub counts: [u64; 16],
    /// The best matches of the chosen kind, best first.
    pub top: Vec<DocAddress>,
}

pub(super) struct SegmentCollect {
    segment: SegmentOrdinal,
    kind_col: Arc<dyn ColumnValues<u64>>,
    date_col: Arc<dyn ColumnValues<i64>>,
    visible_col: Arc<dyn ColumnValues<i64>>,
    kind: Option<u64>,
    from: i64,
    to: i64,
    dated_only: bool,
    now: i64,
    newest: bool,
    limit: usize,
    counts: [u64; 16],
    /// The best so far, worst on top; ties go to the earlier document.
    heap: BinaryHeap<Reverse<(Rank, Reverse<DocId>)>>,
}

impl Collector for Collect {
    type Fruit = Found;
    type Child = SegmentCollect;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentCollect> {
        let fast = reader.fast_fields();
        Ok(SegmentCollect {
            segment,
            kind_col: fast.u64("kind")?.first_or_default_col(0),
            date_col: fast.i64("date")?.first_or_default_col(0),
            visible_col: fast.i64("visible_from")?.first_or_default_col(0),
            kind: self.kind,
            from: self.from.unwrap_or(i64::MIN),
            to: self.to.unwrap_or(i64::MAX),
            dated_only: self.from.is_some() || self.to.is_some(),
            now: self.now,
            newest: self.sort == SearchSort::Newest,
            limit: self.limit,
            counts: [0; 16],
            heap: BinaryHeap::with_capacity(self.limit.min(1_024) + 1),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<([u64; 16], Vec<(Rank, DocAddress)>)>) -> tantivy::Result<Found> {
        let mut found = Found::default();
        let mut all = Vec::new();
        for (counts, top) in fruits {
            for (sum, n) in found.counts.iter_mut().zip(counts) {
                *sum += n;
            }
            all.extend(top);
        }
        all.sort_by_key(|&(rank, address)| (Reverse(rank), address.segment_ord, address.doc_id));
        found.top = all.into_iter().take(self.limit).map(|(_, address)| address).collect();
        Ok(found)
    }
}

impl SegmentCollector for SegmentCollect {
    type Fruit = ([u64; 16], Vec<(Rank, DocAddress)>);

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.visible_col.get_val(doc) > self.now {
            return;
        }
        let date = self.date_col.get_val(doc);
        if self.dated_only && (date == 0 || date < self.from || date > self.to) {
            return;
        }
        let kind = self.kind_col.get_val(doc);
        if let Some(count) = self.counts.get_mut(kind as usize) {
            *count += 1;
        }
        if self.limit == 0 || self.kind.is_some_and(|k| k != kind) {
            return;
        }
        let rank = (if self.newest { date } else { 0 }, score.max(0.0).to_bits());
        self.heap.push(Reverse((rank, Reverse(doc))));
        if self.heap.len() > self.limit {
            self.heap.pop();
        }
    }

    fn harvest(self) -> Self::Fruit {
        let segment = self.segment;
        let top =
            self.heap.into_iter().map(|Reverse((rank, Reverse(doc)))| (rank, DocAddress::new(segment, doc))).collect();
        (self.counts, top)
    }
}
