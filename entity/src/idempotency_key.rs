//! A mutation request sent with an Idempotency-Key: who holds the key, whether its write
//! committed, and the answer to replay.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_key")]
pub struct Model {
    /// A digest of the exact caller: organisation, subject, role and API client.
    #[sea_orm(primary_key, auto_increment = false)]
    pub scope: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub request_hash: String,
    /// The request holding the key; a write commits only while its request still holds it.
    pub claim_id: Uuid,
    /// Set inside the transaction of the request's first committed write.
    pub applied_at: Option<DateTimeUtc>,
    /// 0 until the answer is stored.
    pub response_status: i32,
    /// The answer, with every secret taken out.
    pub response_body: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
