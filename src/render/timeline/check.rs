//! The promises of a timeline layout, checked: used by unit, property and integration tests.

use super::*;

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Every text of the chart with the box it takes: the event labels and [`Layout::texts`].
pub fn text_boxes(l: &Layout) -> Vec<(String, Rect)> {
    let labels = l
        .marks
        .iter()
        .filter_map(|m| m.label.as_ref().map(|lb| (lb.text.clone(), lb.bbox)));
    let others = l.texts().into_iter().map(|t| {
        let b = t.bbox();
        (t.text, b)
    });
    labels.chain(others).collect()
}

/// The promises of the layout: every text and marker inside the canvas, no two texts
/// overlapping, no label over any marker. Used by tests, including property tests.
pub fn check_layout(l: &Layout) -> Result<(), String> {
    let texts = text_boxes(l);
    for (k, (s, a)) in texts.iter().enumerate() {
        if !(a.0 >= 0.0 && a.1 >= 0.0 && a.2 <= l.width && a.3 <= l.height) {
            return Err(format!("text {s:?} leaves the canvas: {a:?}"));
        }
        if let Some((t, _)) = texts[k + 1..].iter().find(|(_, b)| overlaps(*a, *b)) {
            return Err(format!("texts {s:?} and {t:?} overlap"));
        }
    }
    check_marks(l)
}

/// Markers inside the canvas, labels apart and off every marker.
fn check_marks(l: &Layout) -> Result<(), String> {
    let inside = |r: Rect| r.0 >= 0.0 && r.1 >= 0.0 && r.2 <= l.width && r.3 <= l.height;
    let labels: Vec<(usize, Rect)> = l
        .marks
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.label.as_ref().map(|lb| (i, lb.bbox)))
        .collect();
    for m in &l.marks {
        if !inside(m.marker_box) {
            return Err(format!(
                "marker of event {} leaves the canvas: {:?}",
                m.event.index(),
                m.marker_box
            ));
        }
    }
    for (k, &(i, a)) in labels.iter().enumerate() {
        if !inside(a) {
            return Err(format!(
                "label {:?} leaves the canvas: {a:?}",
                l.marks[i].label.as_ref().map(|x| &x.text)
            ));
        }
        for &(j, b) in &labels[k + 1..] {
            if overlaps(a, b) {
                return Err(format!(
                    "labels of events {} and {} overlap",
                    l.marks[i].event.index(),
                    l.marks[j].event.index()
                ));
            }
        }
        for m in &l.marks {
            if overlaps(a, m.marker_box) {
                return Err(format!(
                    "label of event {} meets the marker of event {}",
                    l.marks[i].event.index(),
                    m.event.index()
                ));
            }
        }
    }
    Ok(())
}
