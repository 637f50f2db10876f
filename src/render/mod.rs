//! Rendering: views to SVG strings. The only user of plotters (through `paint`); it never
//! reads the clock, the machine's fonts or any file, so the same data gives the same bytes.

pub mod axis;
pub mod font;
pub mod growth;
pub mod layout;
pub mod membership;
pub mod paint;
pub mod style;
pub mod timeline;
