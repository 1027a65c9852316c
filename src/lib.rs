//! claimcheck: checks a ledger of factual claims against a folder of source texts and
//! reports, like a compiler, where the sources agree, where they conflict, and why.
//!
//! The pipeline: [`ledger`] and [`corpus`] are read, [`extract`] reads each source once,
//! [`verify`] matches every claim against it, and the [`report::Report`] of [`findings`]
//! goes to the renderers in [`render`].

#![warn(missing_docs)]

pub mod check;
pub mod config;
pub mod corpus;
pub mod draft;
pub mod extract;
pub mod files;
pub mod findings;
pub mod ledger;
pub mod names;
pub mod policy;
pub mod render;
pub mod report;
pub mod shard;
pub mod spill;
pub mod text;
pub mod toml_reader;
pub mod verify;
