//! Text helpers below every other module: folding names for lookup
//! ([`fold()`]), turning byte offsets into lines and columns (`lines`),
//! and error messages with their causes (`errors`).

pub mod errors;
pub mod fold;
pub mod lines;

pub use errors::with_causes;
pub use fold::fold;
pub use lines::{LineIndex, line_column};
