//! Source metadata: `sources.toml` beside the sources, one `[[source]]` per file.

use std::ops::Range;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;

use super::published::Published;
use crate::files::FileId;
use crate::findings::{Code, Finding};
use crate::toml_reader::{Located, Table, TomlReader};

/// What is known about a source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema, serde::Deserialize)]
pub struct SourceMeta {
    /// Stable id: from `sources.toml`, else the file's path under the folder, without extension.
    pub id: String,
    /// Headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who published it; sources with one outlet count once towards corroboration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// When it was published, as precisely as known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub published: Option<Published>,
    /// Language it was written in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// How the text was translated, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    /// Where it was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Anything else worth knowing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A source's metadata as a record of the run's spill file, whose format does not describe
/// itself: every field is written, in order (as JSON, [`SourceMeta`] leaves absent ones out).
#[derive(Debug, Clone)]
pub struct MetaRecord(pub SourceMeta);

impl std::ops::Deref for MetaRecord {
    type Target = SourceMeta;

    fn deref(&self) -> &SourceMeta {
        &self.0
    }
}

/// The fields of a [`MetaRecord`], in order.
type Fields<T> = (
    T,
    Option<T>,
    Option<T>,
    Option<T>,
    Option<T>,
    Option<T>,
    Option<T>,
    Option<T>,
);

impl Serialize for MetaRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let meta = &self.0;
        let published = meta.published.map(|p| p.to_string());
        let fields: Fields<&str> = (
            &meta.id,
            meta.title.as_deref(),
            meta.outlet.as_deref(),
            published.as_deref(),
            meta.language.as_deref(),
            meta.translation.as_deref(),
            meta.url.as_deref(),
            meta.notes.as_deref(),
        );
        fields.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for MetaRecord {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (id, title, outlet, published, language, translation, url, notes): Fields<String> =
            serde::Deserialize::deserialize(deserializer)?;
        let published = published
            .map(|text| Published::parse(&text))
            .transpose()
            .map_err(serde::de::Error::custom)?;
        Ok(MetaRecord(SourceMeta {
            id,
            title,
            outlet,
            published,
            language,
            translation,
            url,
            notes,
        }))
    }
}

/// One `[[source]]` entry, with where it was declared.
#[derive(Debug, Clone)]
pub struct MetaEntry {
    /// The metadata.
    pub meta: SourceMeta,
    /// The source file, relative to the folder of `sources.toml`, joined to that folder.
    pub path: PathBuf,
    /// The metadata file.
    pub file: FileId,
    /// Span of the `path` value.
    pub path_span: Range<usize>,
    /// Span of the `id` value, or of the entry when the id is implied.
    pub id_span: Range<usize>,
}

/// The name of the metadata file.
pub const METADATA_FILE: &str = "sources.toml";

const SOURCE_KEYS: &[&str] = &[
    "id",
    "path",
    "title",
    "outlet",
    "published",
    "language",
    "translation",
    "url",
    "notes",
];

/// Reads the `[[source]]` entries of a metadata file whose text is `text`, with the problems
/// found in them; a syntax error stops the file.
pub fn read(
    file: FileId,
    path: &Path,
    text: &str,
) -> Result<(Vec<MetaEntry>, Vec<Finding>), Box<Finding>> {
    let (mut reader, document) = TomlReader::parse(file, text, Code::MetadataSyntax)?;
    let root = reader.root(&document, &["source"]);
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut entries = Vec::new();
    for table in reader.tables(&root, "source", "a [[source]]", SOURCE_KEYS) {
        if let Some(entry) = read_entry(&mut reader, &table, folder) {
            entries.push(entry);
        }
    }
    Ok((entries, reader.into_problems()))
}

fn read_entry(reader: &mut TomlReader, table: &Table, folder: &Path) -> Option<MetaEntry> {
    let path = reader.required_string(table, "path", "this [[source]]");
    let id = reader.string(table, "id");
    let published = read_published(reader, table);
    let text =
        |reader: &mut TomlReader, key| reader.string(table, key).map(|l: Located<String>| l.value);
    let meta = SourceMeta {
        id: String::new(),
        title: text(reader, "title"),
        outlet: text(reader, "outlet"),
        published,
        language: text(reader, "language"),
        translation: text(reader, "translation"),
        url: text(reader, "url"),
        notes: text(reader, "notes"),
    };
    let path = path?;
    let relative = PathBuf::from(&path.value);
    let (id, id_span) = match id {
        Some(id) => (id.value, id.span),
        None => (default_id(&relative), table.span()),
    };
    Some(MetaEntry {
        meta: SourceMeta { id, ..meta },
        path: folder.join(relative),
        file: reader.file,
        path_span: path.span,
        id_span,
    })
}

fn read_published(reader: &mut TomlReader, table: &Table) -> Option<Published> {
    let value = table.get("published")?;
    if let Some(date) = reader.as_date(value) {
        return Some(Published::on(date.value));
    }
    let parsed = match value.get_ref() {
        toml::de::DeValue::String(text) => Published::parse(text),
        _ => Err("expected a date like 2024-12-11, or a string like \"2024-12\"".to_string()),
    };
    match parsed {
        Ok(published) => Some(published),
        Err(message) => {
            reader.invalid(
                value.span(),
                format!("`published`: {message}"),
                "not a date",
            );
            None
        }
    }
}

/// The id of a source without metadata: its path without extension, `/`-separated.
pub fn default_id(relative: &Path) -> String {
    let text = crate::files::display_path(&relative.with_extension(""));
    if text.is_empty() {
        "source".to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_comes_back_from_the_spill_file_whole_whichever_fields_it_has() {
        let spill = crate::spill::Spill::new().expect("a temporary file");
        let full = SourceMeta {
            id: "tass/exchange".into(),
            title: Some("Обмен заключёнными".into()),
            outlet: Some("TASS".into()),
            published: Published::parse("2024-08").ok(),
            language: Some("ru".into()),
            translation: Some("machine".into()),
            url: Some("https://tass.ru/1".into()),
            notes: Some("caption in Cyrillic".into()),
        };
        let sparse = SourceMeta {
            id: "a".into(),
            outlet: Some("Reuters".into()),
            ..SourceMeta::default()
        };
        for meta in [full, sparse, SourceMeta::default()] {
            // Derived serde leaves absent fields out, which a record cannot: this fails
            // without `MetaRecord`'s own serde.
            let place = spill.put(&MetaRecord(meta.clone())).expect("written");
            let back: MetaRecord = spill.get(place).expect("read back");
            assert_eq!(back.0, meta);
        }
    }
}
