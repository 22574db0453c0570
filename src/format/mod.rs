//! File formats that both the loader and the exports speak, below both:
//! the JSON schema (`json`), the dataset hash (`hash`), reading and
//! writing small JSON files whole (`json_file`), and the FollowTheMoney
//! schemata and ids (`ftm`).

pub mod ftm;
pub mod hash;
pub mod json;
pub mod json_file;

pub use hash::dataset_hash;
