//! File formats that both the loader and the exports speak, below both:
//! the JSON schema (`json`), the dataset hash (`hash`), and reading and
//! writing small JSON files whole (`json_file`).

pub mod hash;
pub mod json;
pub mod json_file;

pub use hash::dataset_hash;
