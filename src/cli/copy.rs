//! `tiegraph copy [DATASET] --to FOLDER`: an editable copy, as a curated
//! TOML dataset with its source texts. The embedded dataset is copied byte
//! for byte; a CSV, JSON or FollowTheMoney dataset is written as TOML.

use std::path::PathBuf;

use clap::Args;

use super::output::{Failure, load_or_report};
use tiegraph::curate::copy;

#[derive(Args)]
pub struct CopyArgs {
    /// The dataset to copy (default: the embedded dataset).
    dataset: Option<PathBuf>,
    /// The folder to write it into (created if needed; nothing in it is
    /// overwritten).
    #[arg(long)]
    to: PathBuf,
}

pub fn run(args: CopyArgs) -> Result<(), Failure> {
    let written = match &args.dataset {
        None => copy::embedded(&args.to)?,
        Some(path) => {
            let loaded = load_or_report(Some(path))?;
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "dataset".into());
            copy::dataset(&loaded.dataset, &args.to, &format!("{stem}.toml"))?
        }
    };
    eprintln!(
        "wrote {}; edit it with `tiegraph add … --dataset {0}` or in the window",
        written.display()
    );
    Ok(())
}
