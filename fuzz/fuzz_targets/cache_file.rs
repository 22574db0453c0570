//! Any bytes as a cache payload: refused with an error, or a dataset whose
//! graph builds and which encodes and decodes to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiegraph::load::cache::{decode_payload, encode_payload};

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = decode_payload(data) {
        let bytes = encode_payload(&loaded).expect("a decoded dataset encodes");
        let again = decode_payload(&bytes).expect("an encoded dataset decodes");
        assert_eq!(again.dataset, loaded.dataset);
        assert_eq!(again.warnings, loaded.warnings);
        let graph = loaded.into_graph();
        assert_eq!(graph.graph().edge_count(), again.dataset.claims.len());
    }
});
