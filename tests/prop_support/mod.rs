//! Generators and the reference model shared by the `prop_*` tests.
// Each test crate uses part of the support module.
#![allow(dead_code)]

pub mod caps;
pub mod codecs;
pub mod model;
pub mod offer;
