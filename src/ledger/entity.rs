//! Entities: the people, places and organisations a ledger names, with their canonical
//! spelling, accepted aliases, other names and the spelling in their own script.

use std::ops::Range;

use crate::files::FileId;
use crate::toml_reader::{Located, Table, TomlReader};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// A person.
    Person,
    /// A place.
    Place,
    /// An organisation.
    Organisation,
}

impl EntityKind {
    /// Every kind.
    pub const ALL: &'static [EntityKind] = &[
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Organisation,
    ];

    /// The kind as the ledger writes it.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
        }
    }
}

/// A different name for the same entity ("married name").
#[derive(Debug, Clone, PartialEq)]
pub struct OtherName {
    /// The name.
    pub name: String,
    /// Why it differs.
    pub note: String,
    /// Span of the name in the ledger.
    pub span: Range<usize>,
}

/// One entity of the ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Stable id.
    pub id: String,
    /// The ledger file.
    pub file: FileId,
    /// Span of the id.
    pub id_span: Range<usize>,
    /// The canonical spelling.
    pub name: String,
    /// Span of the canonical spelling.
    pub name_span: Range<usize>,
    /// Other accepted spellings, with their spans.
    pub aliases: Vec<(String, Range<usize>)>,
    /// Different names for the same entity.
    pub also_known_as: Vec<OtherName>,
    /// The spelling in the entity's own script, with its span.
    pub native: Option<(String, Range<usize>)>,
    /// What it is.
    pub kind: EntityKind,
}

/// Keys of an `[[entity]]` table.
pub const ENTITY_KEYS: &[&str] = &["id", "name", "aliases", "also_known_as", "native", "kind"];
const OTHER_NAME_KEYS: &[&str] = &["name", "note"];

/// Reads one `[[entity]]` table; problems go to `reader`.
pub fn read(reader: &mut TomlReader, table: &Table) -> Option<Entity> {
    let id = reader.required_string(table, "id", "this [[entity]]");
    let name = reader.required_string(table, "name", "this [[entity]]");
    let aliases = reader.strings(table, "aliases");
    let native = reader.string(table, "native");
    let kind = match reader.string(table, "kind") {
        None => Some(EntityKind::Person),
        Some(located) => {
            let kind = EntityKind::ALL
                .iter()
                .copied()
                .find(|k| k.name() == located.value);
            if kind.is_none() {
                let names: Vec<&str> = EntityKind::ALL.iter().map(|k| k.name()).collect();
                reader.invalid(
                    located.span,
                    format!(
                        "`kind` cannot be `{}`: one of {}",
                        located.value,
                        names.join(", ")
                    ),
                    "not a kind",
                );
            }
            kind
        }
    };
    let mut also_known_as = Vec::new();
    for other in reader.tables(
        table,
        "also_known_as",
        "an `also_known_as` entry",
        OTHER_NAME_KEYS,
    ) {
        let name = reader.required_string(&other, "name", "this `also_known_as` entry");
        let note = reader.required_string(&other, "note", "this `also_known_as` entry");
        if let (Some(name), Some(note)) = (name, note) {
            also_known_as.push(OtherName {
                name: name.value,
                note: note.value,
                span: name.span,
            });
        }
    }
    let (id, name) = (id?, name?);
    Some(Entity {
        id: id.value,
        file: reader.file,
        id_span: id.span,
        name: name.value,
        name_span: name.span,
        aliases: aliases
            .into_iter()
            .map(|a: Located<String>| (a.value, a.span))
            .collect(),
        also_known_as,
        native: native.map(|n| (n.value, n.span)),
        kind: kind?,
    })
}

impl Entity {
    /// Every spelling the ledger accepts for the entity, with what it is and where it is
    /// written: the canonical name first.
    pub fn spellings(&self) -> Vec<(&str, Accepted, Range<usize>)> {
        let mut spellings = vec![(
            self.name.as_str(),
            Accepted::Canonical,
            self.name_span.clone(),
        )];
        spellings.extend(
            self.aliases
                .iter()
                .map(|(a, s)| (a.as_str(), Accepted::Alias, s.clone())),
        );
        spellings.extend(
            self.also_known_as
                .iter()
                .map(|o| (o.name.as_str(), Accepted::AlsoKnownAs, o.span.clone())),
        );
        if let Some((native, span)) = &self.native {
            spellings.push((native.as_str(), Accepted::Native, span.clone()));
        }
        spellings
    }
}

/// How the ledger accepts a spelling of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Accepted {
    /// The canonical spelling.
    Canonical,
    /// An accepted alias.
    Alias,
    /// A different name of the same entity.
    AlsoKnownAs,
    /// The spelling in its own script.
    Native,
}
