//! Any bytes as a reviews sidecar file: parsed or refused with a location;
//! what parses writes back and parses to the same reviews.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiegraph::review::Reviews;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return; // ReviewStore::open refuses non-UTF-8 before parsing.
    };
    if let Ok(reviews) = Reviews::from_toml("fuzz.reviews.toml", text) {
        let written = reviews.to_toml("fuzz");
        let again = Reviews::from_toml("again.reviews.toml", &written)
            .expect("written reviews parse");
        assert_eq!(again, reviews);
    }
});
