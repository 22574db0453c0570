//! Time-respecting paths: can the hops' dates be read in order?
//!
//! Each hop may be made by several claims; a path respects time if one claim
//! per hop can be chosen so that no hop's date lies before the previous
//! hop's. Dates are intervals (a month is its first to its last day; a range
//! is its span) and a hop is possible after time t if its interval reaches t.
//! Undated claims are always possible; approximate dates are widened by a
//! month each side. So uncertainty admits a path rather than dropping it.

use crate::graph::TieGraph;
use crate::model::{DateSpec, Day};

use super::path::Path;

fn shift_month(day: Day, months: i32) -> Day {
    let (year, month, dom) = day;
    let total = year * 12 + (month as i32 - 1) + months;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8, dom)
}

/// The interval a date may denote, widened when approximate.
pub fn possible_interval(date: &DateSpec) -> (Day, Day) {
    if date.approximate {
        (
            shift_month(date.first_day(), -1),
            shift_month(date.last_day(), 1),
        )
    } else {
        (date.first_day(), date.last_day())
    }
}

/// Whether the path's hops can be dated in non-decreasing order.
///
/// Greedy and exact: at each hop the claim that keeps the running lower
/// bound smallest is chosen, which never rules out a later hop.
/// Complexity: O(total claims on the path).
pub fn is_time_respecting(graph: &TieGraph, path: &Path) -> bool {
    let mut earliest: Option<Day> = None;
    for claims in &path.hops {
        let mut best: Option<Option<Day>> = None;
        for &edge in claims {
            let candidate = match &graph.claim(edge).date {
                None => earliest,
                Some(date) => {
                    let (first, last) = possible_interval(date);
                    if earliest.is_some_and(|t| last < t) {
                        continue;
                    }
                    Some(earliest.map_or(first, |t| t.max(first)))
                }
            };
            // `None` (no bound yet) is the smallest possible bound.
            if best.is_none_or(|b| candidate < b) {
                best = Some(candidate);
            }
        }
        match best {
            Some(bound) => earliest = bound,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_shift_across_years() {
        assert_eq!(shift_month((2021, 1, 5), -1), (2020, 12, 5));
        assert_eq!(shift_month((2021, 12, 31), 1), (2022, 1, 31));
    }
}
