//! End-to-end tests over HTTP: one binary, one fresh database per test (SQLite by default,
//! PostgreSQL when `WIJKHUB_TEST_DATABASE_URL` is set).

mod access;
mod clients;
mod contract;
mod crash;
mod errors;
mod examples;
mod export;
mod feed;
mod gate;
mod helpers;
mod housekeeping;
mod idempotency;
mod identity;
mod identity_keys;
mod identity_provider;
mod leak_sweep;
mod limits;
mod lists;
mod live;
mod observability;
mod playground;
mod proxies;
mod relay;
mod report;
mod report_page;
mod settings;
mod statements;
mod token_abuse;
mod webhooks;
mod wire;
mod writes;
