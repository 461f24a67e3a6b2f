//! wijkhub: the shared register of The Hague's neighbourhood approach, as a GraphQL API.

pub mod auth;
pub mod config;
pub mod db;
#[cfg(test)]
mod doc_tables;
pub mod embedded;
pub mod error;
pub mod graphql;
pub mod http;
pub mod playground;
pub mod policy;
pub mod report_page;
pub mod seed;
pub mod service;
pub mod telemetry;
pub mod webhooks;
