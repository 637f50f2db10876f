//! `convene`: a timeline and event tracker for international AI safety coordination.
//!
//! Data flows one way: [`load`] (the only reader of CSV) → [`model`] (typed, validated,
//! indexed) → [`query`] / [`diff`] (pure functions returning views) → [`format`](mod@format) (views to
//! table, CSV, JSON or Markdown text) → [`output`] (the only writer). [`cli`] holds what the
//! user typed; [`commands`] wires the steps together, one file per command.

pub mod cli;
pub mod commands;
pub mod date;
pub mod diff;
pub mod error;
pub mod export;
pub mod format;
// `crate::hash` is rustc-hash, by its old name, until the model names the crate itself.
pub(crate) use rustc_hash as hash;
pub mod load;
pub mod model;
pub mod output;
pub mod query;
pub mod render;
pub mod resolve;
#[doc(hidden)]
pub mod synth;
pub mod text;
