//! Text helpers below every other module: folding names for lookup
//! ([`fold()`]) and turning byte offsets into lines and columns ([`lines`]).

pub mod fold;
pub mod lines;

pub use fold::fold;
pub use lines::{LineIndex, line_column};
