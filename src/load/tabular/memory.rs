//! Whether a CSV dataset fits in memory, judged before it is read.
//!
//! Tables are streamed, so a large file is fine as long as what it becomes
//! fits: the entities, claims, evidence and indices. Measured on the
//! million-entity synthetic folder (594 MB of tables, 3.7 GB at its peak),
//! that is about six bytes of memory per byte of table; [`BYTES_PER_BYTE`]
//! leaves a margin. A folder whose estimate exceeds the memory available is
//! refused at once, saying both figures, instead of failing after minutes.

/// Bytes of memory a loaded dataset takes per byte of its tables, with a
/// margin over the measured six.
pub const BYTES_PER_BYTE: u64 = 7;

/// The memory a dataset of `table_bytes` is expected to need.
pub fn memory_needed(table_bytes: u64) -> u64 {
    table_bytes.saturating_mul(BYTES_PER_BYTE)
}

/// The memory tiegraph may plan to use: `TIEGRAPH_MEMORY_LIMIT` (bytes) if
/// set, else what the system reports available (`MemAvailable` in
/// `/proc/meminfo`); `None` when neither is known (then nothing is
/// refused).
pub fn memory_available() -> Option<u64> {
    if let Some(limit) = std::env::var("TIEGRAPH_MEMORY_LIMIT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        return Some(limit);
    }
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    meminfo.lines().find_map(|line| {
        let kib = line
            .strip_prefix("MemAvailable:")?
            .trim()
            .strip_suffix("kB")?;
        kib.trim().parse::<u64>().ok().map(|kib| kib * 1024)
    })
}

/// Why a folder of `table_bytes` would not fit in `available` bytes, in
/// words, or `None` if it fits.
pub fn too_large(table_bytes: u64, available: Option<u64>) -> Option<String> {
    let available = available?;
    let needed = memory_needed(table_bytes);
    (needed > available).then(|| {
        format!(
            "the tables ({}) would need about {} of memory to load, and {} is available",
            size(table_bytes),
            size(needed),
            size(available)
        )
    })
}

/// A size in MB or GB, as people read them.
fn size(bytes: u64) -> String {
    if bytes >= 1_000_000_000 {
        format!("{:.1} GB", bytes as f64 / 1e9)
    } else {
        format!("{:.0} MB", (bytes as f64 / 1e6).max(1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_refused_only_when_its_estimate_exceeds_the_memory() {
        assert_eq!(too_large(594_000_000, Some(24_000_000_000)), None);
        assert_eq!(too_large(594_000_000, None), None);
        assert_eq!(
            too_large(594_000_000, Some(2_000_000_000)).as_deref(),
            Some(
                "the tables (594 MB) would need about 4.2 GB of memory to load, and 2.0 GB is available"
            )
        );
    }
}
