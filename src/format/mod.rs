//! File formats that both the loader and the exports speak, below both:
//! the JSON schema (`json`) and the dataset hash (`hash`).

pub mod hash;
pub mod json;

pub use hash::dataset_hash;
