//! Text helpers below every other module: folding names for lookup
//! ([`fold()`]), turning byte offsets into lines and columns (`lines`),
//! error messages with their causes (`errors`), shortening text for
//! display (`shorten`), "did you mean" (`typo`) and strings that copies
//! share (`shared`).

pub mod errors;
pub mod fold;
pub mod lines;
pub mod shared;
pub mod shorten;
pub mod typo;

pub use errors::with_causes;
pub use fold::{fold, fold_into};
pub use lines::{LineIndex, line_column};
pub use shared::{Interner, SharedStr};
pub use shorten::shorten;
pub use typo::did_you_mean;
