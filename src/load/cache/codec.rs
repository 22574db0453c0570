//! The cache's byte primitives: little-endian integers, variable-length
//! counts and length-prefixed UTF-8, written to a `Vec<u8>` and read back
//! with every length and bound checked, so that a damaged or hostile file
//! gives an error, never a panic or a huge allocation.

use super::CacheError;

/// Appends values to a buffer.
#[derive(Default)]
pub(super) struct Writer {
    pub(super) bytes: Vec<u8>,
}

impl Writer {
    pub(super) fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub(super) fn bool(&mut self, value: bool) {
        self.u8(u8::from(value));
    }

    pub(super) fn u64(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    /// LEB128: small numbers (most counts, lengths and positions) take one
    /// or two bytes.
    pub(super) fn var(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub(super) fn usize(&mut self, value: usize) {
        self.var(value as u64);
    }

    pub(super) fn i32(&mut self, value: i32) {
        // Zig-zag, so that small negative years stay short.
        self.var(((value << 1) ^ (value >> 31)) as u32 as u64);
    }

    pub(super) fn str(&mut self, text: &str) {
        self.usize(text.len());
        self.bytes.extend_from_slice(text.as_bytes());
    }

    pub(super) fn option_str(&mut self, text: Option<&str>) {
        match text {
            None => self.u8(0),
            Some(text) => {
                self.u8(1);
                self.str(text);
            }
        }
    }
}

/// Reads values back, refusing anything out of bounds.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    pub(super) fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    pub(super) fn finished(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn take(&mut self, count: usize) -> Result<&'a [u8], CacheError> {
        let end = self
            .at
            .checked_add(count)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(CacheError::Damaged("ends early"))?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    /// The next `count` bytes.
    pub(super) fn bytes(&mut self, count: usize) -> Result<&'a [u8], CacheError> {
        self.take(count)
    }

    pub(super) fn u8(&mut self) -> Result<u8, CacheError> {
        Ok(self.take(1)?[0])
    }

    pub(super) fn bool(&mut self) -> Result<bool, CacheError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(CacheError::Damaged("a flag that is neither 0 nor 1")),
        }
    }

    pub(super) fn u64(&mut self) -> Result<u64, CacheError> {
        let mut word = [0u8; 8];
        word.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(word))
    }

    pub(super) fn var(&mut self) -> Result<u64, CacheError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(CacheError::Damaged("a number longer than 64 bits"))
    }

    pub(super) fn usize(&mut self) -> Result<usize, CacheError> {
        usize::try_from(self.var()?).map_err(|_| CacheError::Damaged("a number too large"))
    }

    /// A count of items that each take at least `min_bytes` bytes: refused
    /// when the rest of the file could not hold them, so a damaged count
    /// never reserves a huge vector.
    pub(super) fn count(&mut self, min_bytes: usize) -> Result<usize, CacheError> {
        let count = self.usize()?;
        let left = self.bytes.len() - self.at;
        if count.saturating_mul(min_bytes.max(1)) > left {
            return Err(CacheError::Damaged("a count larger than the file"));
        }
        Ok(count)
    }

    /// A position below `bound`.
    pub(super) fn index(&mut self, bound: usize) -> Result<usize, CacheError> {
        let index = self.usize()?;
        if index >= bound {
            return Err(CacheError::Damaged("a reference out of range"));
        }
        Ok(index)
    }

    pub(super) fn i32(&mut self) -> Result<i32, CacheError> {
        let raw =
            u32::try_from(self.var()?).map_err(|_| CacheError::Damaged("a number too large"))?;
        Ok(((raw >> 1) as i32) ^ -((raw & 1) as i32))
    }

    pub(super) fn str(&mut self) -> Result<&'a str, CacheError> {
        let length = self.usize()?;
        std::str::from_utf8(self.take(length)?)
            .map_err(|_| CacheError::Damaged("text that is not UTF-8"))
    }

    pub(super) fn string(&mut self) -> Result<String, CacheError> {
        self.str().map(str::to_string)
    }

    pub(super) fn option_string(&mut self) -> Result<Option<String>, CacheError> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err(CacheError::Damaged("an option that is neither 0 nor 1")),
        }
    }
}

/// A fast 128-bit fingerprint (two 64-bit lanes over 16-byte blocks) of the
/// dataset's files and of the cache's own payload. Not cryptographic: it
/// tells a changed or damaged file from the one cached, at memory speed.
#[derive(Clone, Copy)]
pub(super) struct Fingerprint {
    lanes: [u64; 2],
    length: u64,
    /// Bytes of a block not yet complete.
    pending: [u8; 16],
    filled: usize,
}

const K0: u64 = 0x9e37_79b9_7f4a_7c15;
const K1: u64 = 0xc2b2_ae3d_27d4_eb4f;

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint {
            lanes: [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344],
            length: 0,
            pending: [0; 16],
            filled: 0,
        }
    }
}

impl Fingerprint {
    fn block(&mut self, block: &[u8]) {
        let word = |i: usize| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&block[i..i + 8]);
            u64::from_le_bytes(bytes)
        };
        self.lanes[0] = (self.lanes[0] ^ word(0)).wrapping_mul(K0).rotate_left(31);
        self.lanes[1] = (self.lanes[1] ^ word(8)).wrapping_mul(K1).rotate_left(29);
    }

    pub(super) fn update(&mut self, mut bytes: &[u8]) {
        self.length += bytes.len() as u64;
        if self.filled > 0 {
            let take = (16 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 16 {
                return;
            }
            let pending = self.pending;
            self.block(&pending);
            self.filled = 0;
        }
        let mut blocks = bytes.chunks_exact(16);
        for block in &mut blocks {
            self.block(block);
        }
        let rest = blocks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    pub(super) fn finish(mut self) -> [u64; 2] {
        let mut last = [0u8; 16];
        last[..self.filled].copy_from_slice(&self.pending[..self.filled]);
        last[15] = self.filled as u8;
        self.block(&last);
        let mix = |mut x: u64| {
            x ^= x >> 33;
            x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
            x ^= x >> 33;
            x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
            x ^ (x >> 33)
        };
        let [a, b] = self.lanes;
        [
            mix(a ^ self.length ^ b.rotate_left(17)),
            mix(b ^ a.rotate_left(43) ^ self.length.rotate_left(7)),
        ]
    }
}

/// The fingerprint of some bytes.
pub(super) fn fingerprint(bytes: &[u8]) -> [u64; 2] {
    let mut print = Fingerprint::default();
    print.update(bytes);
    print.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_and_damage_is_refused() {
        let mut w = Writer::default();
        w.var(300);
        w.i32(-2021);
        w.str("Мьянма");
        w.option_str(None);
        w.u64(u64::MAX);
        let mut r = Reader::new(&w.bytes);
        assert_eq!(r.var().unwrap(), 300);
        assert_eq!(r.i32().unwrap(), -2021);
        assert_eq!(r.str().unwrap(), "Мьянма");
        assert_eq!(r.option_string().unwrap(), None);
        assert_eq!(r.u64().unwrap(), u64::MAX);
        assert!(r.finished());
        // Cut anywhere, it says so rather than panicking.
        for cut in 0..w.bytes.len() {
            let mut r = Reader::new(&w.bytes[..cut]);
            let all = (|| {
                r.var()?;
                r.i32()?;
                r.str()?;
                r.option_string()?;
                r.u64()
            })();
            assert!(all.is_err(), "cut at {cut}");
        }
        // A count the file cannot hold.
        let mut w = Writer::default();
        w.var(1 << 40);
        assert!(Reader::new(&w.bytes).count(1).is_err());
    }

    #[test]
    fn fingerprints_split_anywhere_agree_and_tell_bytes_apart() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = fingerprint(&data);
        for split in [0, 1, 15, 16, 17, 500, 999, 1000] {
            let mut print = Fingerprint::default();
            print.update(&data[..split]);
            print.update(&data[split..]);
            assert_eq!(print.finish(), whole, "split at {split}");
        }
        let mut changed = data.clone();
        changed[999] ^= 1;
        assert_ne!(fingerprint(&changed), whole);
        assert_ne!(fingerprint(&data[..999]), whole);
        assert_ne!(fingerprint(b""), fingerprint(b"\0"));
    }
}
