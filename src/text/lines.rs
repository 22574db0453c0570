//! Lines and columns of byte offsets, as an editor shows them: 1-based,
//! columns in characters.

/// 1-based line and character column of a byte offset in `text`.
///
/// Offsets past the end or inside a character are clamped, so a bad span
/// can never panic.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(text, offset)
}

/// Where each line of a text starts, and how many characters precede each
/// 1 KiB block, so that many offsets are turned into lines and columns
/// without rescanning the text each time (a hostile file with a million
/// diagnostics, or a one-line JSON file, would otherwise take hours).
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offsets of every `\n`.
    newlines: Vec<usize>,
    /// Characters in `text[..i * BLOCK]`, counted as bytes that do not
    /// continue a UTF-8 sequence (so any byte position works).
    chars_before_block: Vec<usize>,
}

const BLOCK: usize = 1024;

fn is_char_start(byte: u8) -> bool {
    byte & 0xc0 != 0x80
}

impl LineIndex {
    /// O(text length).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut chars_before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut chars = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before_block.push(chars);
            chars += block.iter().filter(|&&b| is_char_start(b)).count();
        }
        chars_before_block.push(chars);
        LineIndex {
            newlines: bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
            chars_before_block,
        }
    }

    /// Characters in `text[..offset]`. O(BLOCK).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        let counted = self.chars_before_block.get(block).copied().unwrap_or(0);
        let start = (block * BLOCK).min(offset);
        counted
            + text.as_bytes()[start..offset]
                .iter()
                .filter(|&&b| is_char_start(b))
                .count()
    }

    /// 1-based line and column (in characters) of a byte offset of `text`
    /// (the text this index was made from). O(log lines + BLOCK).
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.newlines.partition_point(|&n| n < offset);
        let line_start = if line == 0 {
            0
        } else {
            self.newlines[line - 1] + 1
        };
        let column = self.chars_before(text, offset) - self.chars_before(text, line_start) + 1;
        (line + 1, column)
    }
}

#[cfg(test)]
fn line_column_by_scan(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let long = "é".repeat(1500) + "x\n" + &"a€".repeat(700);
        for text in ["first\nsécond line\n\n  «fourth»\nlast", long.as_str()] {
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    line_column(text, offset),
                    line_column_by_scan(text, offset),
                    "offset {offset}"
                );
            }
        }
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nnäme = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // 'ä' is two bytes but one column.
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 3));
        assert_eq!(line_column(text, text.rfind('=').unwrap()), (2, 6));
        assert_eq!(line_column(text, 8), (2, 2));
        assert_eq!(line_column(text, 999), (3, 1));
    }
}
