//! `convene`: a timeline and event tracker for international AI safety coordination.
//!
//! Data flows one way: [`load`] (the only reader of CSV) → [`model`] (typed, validated,
//! indexed) → [`query`] (resolution, filter plans, diff: pure functions returning views) →
//! [`present`] (views to table, CSV, JSON or Markdown text) and [`export`] (views to other
//! tools' formats) → [`output`] (the only writer). [`cli`] holds what the
//! user typed; [`commands`] wires the steps together, one file per command.

pub mod cache;
pub mod cli;
pub mod commands;
pub mod date;
pub mod error;
pub mod export;
pub mod load;
pub mod memory;
pub mod model;
pub mod output;
pub mod present;
pub mod query;
pub mod render;
pub mod site;
#[doc(hidden)]
pub mod synth;
pub mod text;
