//! FollowTheMoney (the entity model of OCCRP Aleph and OpenSanctions): the
//! schemata tiegraph writes and reads, their place in the schema hierarchy
//! and their edge properties, and how tiegraph ids become FtM ids. The
//! export (`export::ftm`) and the import (`load::ftm_import`) share it.
//!
//! An FtM entity is one JSON object per line: `{"id", "schema",
//! "properties": {name: [string values]}}`.

use serde::{Deserialize, Serialize};

/// One FtM entity as a line of JSON. Other top-level keys (`caption`,
/// `datasets`, `referents`, `first_seen`, …) are read and ignored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FtmEntity {
    pub id: String,
    pub schema: String,
    #[serde(default)]
    pub properties: std::collections::BTreeMap<String, Vec<String>>,
    /// The datasets an entity comes from (OpenSanctions), for provenance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub datasets: Vec<String>,
}

impl FtmEntity {
    pub fn new(id: String, schema: &str) -> Self {
        FtmEntity {
            id,
            schema: schema.to_string(),
            ..FtmEntity::default()
        }
    }

    /// Adds values to a property (empty values are left out, as FtM does).
    pub fn add<I, S>(&mut self, property: &str, values: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let values: Vec<String> = values
            .into_iter()
            .map(Into::into)
            .filter(|v| !v.is_empty())
            .collect();
        if !values.is_empty() {
            let slot = self.properties.entry(property.to_string()).or_default();
            for value in values {
                if !slot.contains(&value) {
                    slot.push(value);
                }
            }
        }
    }

    /// The values of a property (none if absent).
    pub fn values(&self, property: &str) -> &[String] {
        self.properties.get(property).map_or(&[], Vec::as_slice)
    }

    /// The first value of a property.
    pub fn first(&self, property: &str) -> Option<&str> {
        self.values(property).first().map(String::as_str)
    }
}

/// What tiegraph knows of a schema.
pub struct Schema {
    pub name: &'static str,
    /// The schema and every schema it extends.
    pub ancestors: &'static [&'static str],
    /// For edge schemata: (source property, its range; target property,
    /// its range).
    pub edge: Option<(&'static str, &'static str, &'static str, &'static str)>,
    /// The property holding a free-text role: `role`, `relationship`, none.
    pub role: Option<&'static str>,
}

impl Schema {
    /// Whether this schema is `ancestor` or extends it.
    pub fn is_a(&self, ancestor: &str) -> bool {
        self.ancestors.contains(&ancestor)
    }

    /// A document: its entities become tiegraph documents, not nodes.
    pub fn is_document(&self) -> bool {
        self.is_a("Document")
    }

    /// An interval with dates (`startDate`, `endDate`, `date`).
    pub fn is_interval(&self) -> bool {
        self.is_a("Interval")
    }
}

macro_rules! schemata {
    ($( $name:literal [$($ancestor:literal),*] $(edge ($s:literal: $sr:literal, $t:literal: $tr:literal))? $(role $role:literal)?; )+) => {
        /// The schemata tiegraph reads and writes, from followthemoney 4.
        pub const SCHEMATA: &[Schema] = &[
            $( Schema {
                name: $name,
                ancestors: &[$name, $($ancestor),*],
                edge: schemata!(@edge $($s, $sr, $t, $tr)?),
                role: schemata!(@role $($role)?),
            }, )+
        ];
    };
    (@edge) => { None };
    (@edge $s:literal, $sr:literal, $t:literal, $tr:literal) => { Some(($s, $sr, $t, $tr)) };
    (@role) => { None };
    (@role $role:literal) => { Some($role) };
}

schemata! {
    "LegalEntity" ["Thing"];
    "Person" ["LegalEntity", "Thing"];
    "Organization" ["LegalEntity", "Thing"];
    "Company" ["Organization", "LegalEntity", "Asset", "Value", "Thing"];
    "PublicBody" ["Organization", "LegalEntity", "Thing"];
    "Territory" ["Thing"];
    "Address" ["Thing"];
    "Event" ["Interval", "Analyzable", "Thing"];
    "Contract" ["Asset", "Value", "Thing"];
    "Asset" ["Value", "Thing"];
    "Vehicle" ["Asset", "Value", "Thing"];
    "Vessel" ["Vehicle", "Asset", "Value", "Thing"];
    "Airplane" ["Vehicle", "Asset", "Value", "Thing"];
    "Position" ["Thing"];
    "Project" ["Interval", "Thing"];
    "RealEstate" ["Asset", "Value", "Thing"];
    "Security" ["Asset", "Value", "Thing"];
    "BankAccount" ["Asset", "Value", "Thing"];
    "Document" ["Analyzable", "Thing"];
    "Article" ["Document", "Analyzable", "Thing"];
    "PlainText" ["Document", "Analyzable", "Thing"];
    "HyperText" ["Document", "Analyzable", "Thing"];
    "Pages" ["Document", "Analyzable", "Thing"];
    "Email" ["Document", "Analyzable", "Thing"];
    "Membership" ["Interest", "Interval"] edge ("member": "LegalEntity", "organization": "Organization") role "role";
    "Directorship" ["Interest", "Interval"] edge ("director": "LegalEntity", "organization": "Organization") role "role";
    "Ownership" ["Interest", "Interval"] edge ("owner": "LegalEntity", "asset": "Asset") role "role";
    "Employment" ["Interest", "Interval"] edge ("employee": "Person", "employer": "Organization") role "role";
    "Representation" ["Interest", "Interval"] edge ("agent": "LegalEntity", "client": "LegalEntity") role "role";
    "Succession" ["Interest", "Interval"] edge ("predecessor": "LegalEntity", "successor": "LegalEntity") role "role";
    "Control" ["Interest", "Interval"] edge ("controller": "LegalEntity", "controlled": "LegalEntity") role "role";
    "Associate" ["Interval"] edge ("person": "Person", "associate": "Person") role "relationship";
    "Family" ["Interval"] edge ("person": "Person", "relative": "Person") role "relationship";
    "Occupancy" ["Interval"] edge ("holder": "Person", "post": "Position");
    "UnknownLink" ["Interest", "Interval"] edge ("subject": "Thing", "object": "Thing") role "role";
}

/// The schema called `name`, if tiegraph knows it.
pub fn schema(name: &str) -> Option<&'static Schema> {
    SCHEMATA.iter().find(|schema| schema.name == name)
}

/// The schema an entity of a tiegraph kind is written as: by the kind's
/// id (`company` → Company, `vessel` → Vessel, `public_body` →
/// PublicBody), with the built-in kinds mapped by meaning; `LegalEntity`
/// for a kind FtM has no schema for.
pub fn schema_for_kind(kind: &str) -> &'static str {
    match kind {
        "person" => "Person",
        "organization" | "organisation" | "delegation" | "group" => "Organization",
        "country" | "territory" => "Territory",
        "place" | "address" | "location" => "Address",
        "visit" | "meeting" | "event" => "Event",
        "contract" => "Contract",
        "equipment" | "asset" => "Asset",
        "ship" | "vessel" => "Vessel",
        "aircraft" | "airplane" => "Airplane",
        "document" | "article" => "Article",
        other => {
            let camel = camel_case(other);
            SCHEMATA
                .iter()
                .find(|s| s.name == camel && s.edge.is_none() && !s.is_document())
                .map_or("LegalEntity", |s| s.name)
        }
    }
}

/// `public_body` → `PublicBody`.
pub fn camel_case(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `PublicBody` → `public_body`: the tiegraph word for an FtM schema.
pub fn snake_case(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push('_');
        }
    }
    out
}

/// The FtM id of a tiegraph node, document or claim: a prefix saying which
/// (`n-`, `d-`, `c-`) and the id, with `_` (which FtM ids may not hold; claim
/// ids take it from relations) written `.`. An id that is not that plain
/// (CSV and JSON imports allow any text, and FtM ids are at most 200
/// characters of letters, digits, `.` and `-`, ending in a letter or digit)
/// becomes the prefix and a hash of the whole id, so that no two ids meet;
/// tiegraph's own account in `indexText` keeps the id itself.
pub fn ftm_id(prefix: char, id: &str) -> String {
    let plain = !id.is_empty()
        && id.len() <= 190
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && id.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric());
    if plain {
        return format!("{prefix}-{}", id.replace('_', "."));
    }
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{prefix}-x{hash:016x}")
}

/// The tiegraph id an FtM id stands for: the inverse of [`ftm_id`] for ids
/// tiegraph wrote (with their prefix), else the id lowercased with anything
/// but letters, digits and `-` made `-` (and a hash of the original added
/// when that changed it, since FtM ids are case-sensitive).
pub fn tiegraph_id(ftm: &str, prefix: char) -> String {
    if let Some(rest) = ftm.strip_prefix(&format!("{prefix}-"))
        && rest
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && !rest.is_empty()
    {
        return rest.replace('.', "_");
    }
    let plain: String = ftm
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let plain = plain.trim_matches('-').to_string();
    if plain == ftm && !plain.is_empty() {
        plain
    } else {
        let hash = ftm.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        let plain = if plain.is_empty() { "ftm" } else { &plain };
        format!("{plain}-{:08x}", hash as u32)
    }
}

/// Whether `id` is a valid FtM entity id.
pub fn valid_ftm_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    let ok = |b: &u8| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'-';
    !bytes.is_empty()
        && bytes.len() <= 200
        && bytes.iter().all(ok)
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
}

/// What tiegraph writes in an entity's `indexText` (after [`META_PREFIX`]),
/// so that its own exports read back without loss: FtM has no property for
/// a partial date's flags, a claim's byte ranges or the kind it was drawn as.
pub const META_PREFIX: &str = "tiegraph:";

/// A date with its flags, as in the JSON format.
pub use super::json::JsonDate as MetaDate;

/// The tiegraph facts of a node that FtM cannot say.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeMeta {
    pub id: String,
    pub kind: String,
    /// The label and aliases exactly, when FtM's `name` (which holds no
    /// line breaks or runs of spaces) had to change them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind_meaning: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<MetaDate>,
    #[serde(default, skip_serializing_if = "crate::model::Attributes::is_empty")]
    pub attributes: crate::model::Attributes,
}

/// One evidence item, with its exact place in its document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceMeta {
    pub document: String,
    /// The quote as given, when its document has no text to take it from
    /// (a CSV or JSON import without the text files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub according_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relayed_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<crate::model::EvidenceRecord>,
    #[serde(default, skip_serializing_if = "crate::model::Modality::is_stated")]
    pub modality: crate::model::Modality,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credibility: Option<crate::model::Credibility>,
}

/// The tiegraph facts of a claim that FtM cannot say.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimMeta {
    pub id: String,
    pub relation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub relation_meaning: String,
    #[serde(default)]
    pub mutual: bool,
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<MetaDate>,
    #[serde(default, skip_serializing_if = "crate::model::Attributes::is_empty")]
    pub attributes: crate::model::Attributes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
    /// What the conflict is about, so the dataset's conflicts come back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_description: Option<String>,
    pub evidence: Vec<EvidenceMeta>,
}

/// The tiegraph facts of a document that FtM cannot say.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentMeta {
    pub id: String,
    pub path: String,
    /// The white space FtM strips from the ends of `bodyText`, so the text
    /// and every byte range in it come back exactly.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_before: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_after: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<MetaDate>,
}

/// The metadata of an entity, if tiegraph wrote it.
pub fn read_meta<T: serde::de::DeserializeOwned>(entity: &FtmEntity) -> Option<T> {
    entity
        .values("indexText")
        .iter()
        .find_map(|text| text.strip_prefix(META_PREFIX))
        .and_then(|json| serde_json::from_str(json).ok())
}

/// `value` as an `indexText` value: JSON in ASCII (every other character
/// as `\uXXXX`), so FtM's text cleaning (Unicode normalisation, spaces)
/// cannot change it.
pub fn write_meta<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(json.len() + META_PREFIX.len());
    out.push_str(META_PREFIX);
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// A name as FtM's `name` type holds it: white space runs as one space,
/// none at the ends.
pub fn ftm_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_map_both_ways() {
        for id in ["alexander-basov", "a--member_of--b--2021", "x"] {
            let ftm = ftm_id('c', id);
            assert!(valid_ftm_id(&ftm), "{ftm}");
            assert_eq!(tiegraph_id(&ftm, 'c'), id);
        }
        let long = "a".repeat(300);
        let ftm = ftm_id('n', &long);
        assert!(valid_ftm_id(&ftm) && ftm.len() <= 200);
        // Ids that would meet once `_` is written `.` do not.
        assert_ne!(ftm_id('n', "acme_ltd"), ftm_id('n', "acme.ltd"));
        for id in ["acme.ltd", "Acme Ltd", "x/y:z", "é", "a-", "_a"] {
            assert!(valid_ftm_id(&ftm_id('n', id)), "{id}");
        }
        assert_eq!(
            tiegraph_id("NK-2PacmNpiLUmoz4XD2mSt7A", 'n').len(),
            "nk-2pacmnpilumoz4xd2mst7a".len() + 9
        );
        assert_eq!(tiegraph_id("ofac-10465", 'n'), "ofac-10465");
    }

    #[test]
    fn kinds_and_schemata() {
        assert_eq!(schema_for_kind("person"), "Person");
        assert_eq!(schema_for_kind("public_body"), "PublicBody");
        assert_eq!(schema_for_kind("regime"), "LegalEntity");
        assert_eq!(schema_for_kind("membership"), "LegalEntity");
        assert!(schema("Company").unwrap().is_a("Asset"));
        assert_eq!(snake_case("UnknownLink"), "unknown_link");
        assert_eq!(camel_case("unknown_link"), "UnknownLink");
    }
}
