//! The housekeeping sweep deletes what has expired (idempotency keys, finished webhook deliveries
//! past their retention, counted refusals of unknown callers past theirs), leaves what is live,
//! and never touches the audit log's own records.

use chrono::{Duration, Utc};
use entity::{AuditResult, audit_log, idempotency_key, webhook_delivery};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;
use wijkhub::service::housekeeping::{Swept, sweep};

use crate::helpers::{TestApp, spawn_app};

fn key(n: usize, expires_in: Duration) -> idempotency_key::ActiveModel {
    let now = Utc::now();
    idempotency_key::ActiveModel {
        scope: Set("housekeeping-test".into()),
        key: Set(format!("k{n}")),
        request_hash: Set("-".into()),
        claim_id: Set(Uuid::now_v7()),
        applied_at: Set(None),
        response_status: Set(200),
        response_body: Set("{}".into()),
        created_at: Set(now - Duration::days(2)),
        expires_at: Set(now + expires_in),
    }
}

fn delivery(webhook: Uuid, status: &str, age: Duration) -> webhook_delivery::ActiveModel {
    let at = Utc::now() - age;
    webhook_delivery::ActiveModel {
        id: Set(Uuid::now_v7()),
        webhook_id: Set(webhook),
        event_id: Set(Uuid::now_v7().to_string()),
        sequence: Set("1".into()),
        cursor: Set("c".into()),
        entity_type: Set("PROJECT".into()),
        entity_id: Set(Uuid::now_v7()),
        operation: Set("UPDATED".into()),
        version: Set(1),
        status: Set(status.into()),
        attempts: Set(1),
        last_status_code: Set(Some(204)),
        last_error: Set(None),
        next_attempt_at: Set(None),
        delivered_at: Set((status == "DELIVERED").then_some(at)),
        created_at: Set(at),
    }
}

fn audit(
    result: AuditResult,
    organisation: Option<Uuid>,
    details: serde_json::Value,
    age: Duration,
) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        occurred_at: Set(Utc::now() - age),
        request_id: Set(None),
        action: Set("housekeeping-test".into()),
        object_type: Set(None),
        object_id: Set(None),
        result: Set(result),
        actor_subject: Set(None),
        actor_organisation_id: Set(organisation),
        origin_ip: Set(Some("192.0.2.1".into())),
        client: Set(None),
        details: Set(Some(details)),
        ..Default::default()
    }
}

async fn left_in_audit(app: &TestApp) -> Vec<serde_json::Value> {
    let mut rows = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("housekeeping-test"))
        .all(&app.state.db)
        .await
        .expect("audit rows");
    rows.sort_by_key(|r| r.id);
    rows.into_iter().filter_map(|r| r.details).collect()
}

#[tokio::test]
async fn the_sweep_deletes_what_expired_and_keeps_what_lives() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let settings = app.state.settings.housekeeping.clone();

    // More expired keys than one batch deletes, and one still live.
    let mut keys: Vec<_> = (0..1_200).map(|n| key(n, Duration::hours(-1))).collect();
    keys.push(key(9_999, Duration::hours(1)));
    for chunk in keys.chunks(400) {
        idempotency_key::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await
            .expect("insert keys");
    }

    let editor = app.token("haag-wonen", "EDITOR");
    crate::webhooks::create_webhook(
        &app.client,
        &app.address,
        &editor,
        "http://127.0.0.1:9/housekeeping",
        json!(["PROJECT"]),
    )
    .await;
    let webhook = entity::webhook::Entity::find()
        .filter(entity::webhook::Column::Url.eq("http://127.0.0.1:9/housekeeping"))
        .one(db)
        .await
        .expect("find the webhook")
        .expect("the webhook")
        .id;
    let old = Duration::days(40);
    let deliveries = [
        ("DELIVERED", old, false),
        ("WITHDRAWN", old, false),
        ("DELIVERED", Duration::days(1), true),
        ("PENDING", old, true),
    ];
    for (status, age, _) in deliveries {
        webhook_delivery::Entity::insert(delivery(webhook, status, age))
            .exec(db)
            .await
            .expect("insert delivery");
    }

    let org = Some(app.org_id("haag-wonen"));
    let long_ago = Duration::days(400);
    let rows = [
        // Counted refusals of unknown callers, past the retention: the only audit rows to go.
        audit(
            AuditResult::Denied,
            None,
            json!({ "n": 1, "reason": "token refused", "count": 7 }),
            long_ago,
        ),
        // Within the retention.
        audit(
            AuditResult::Denied,
            None,
            json!({ "n": 2, "reason": "token refused", "count": 1 }),
            Duration::days(10),
        ),
        // One refusal written on its own (no count), a known caller's refusal, a write: the
        // audit log's own records, kept however old.
        audit(
            AuditResult::Denied,
            None,
            json!({ "n": 3, "reason": "forbidden" }),
            long_ago,
        ),
        audit(
            AuditResult::Denied,
            org,
            json!({ "n": 4, "reason": "forbidden", "count": 1 }),
            long_ago,
        ),
        audit(AuditResult::Success, org, json!({ "n": 5 }), long_ago),
    ];
    audit_log::Entity::insert_many(rows.to_vec())
        .exec(db)
        .await
        .expect("insert audit rows");

    // Shared rate-limit rows: a caller not seen for weeks goes, a current window stays.
    for (caller, age) in [
        ("o:gone", Duration::days(30)),
        ("o:here", Duration::seconds(5)),
    ] {
        entity::rate_limit_lease::Entity::insert(entity::rate_limit_lease::ActiveModel {
            caller: sea_orm::Set(caller.to_owned()),
            window_start: sea_orm::Set(Utc::now() - age),
            leased: sea_orm::Set(10),
            last_grant: sea_orm::Set(10),
        })
        .exec(db)
        .await
        .expect("insert a lease row");
    }

    // Two instances sweeping at once split the work between them, without an error.
    let (one, two) = tokio::join!(sweep(db, &settings), sweep(db, &settings));
    let (one, two) = (one.expect("sweep"), two.expect("sweep"));
    let total = Swept {
        idempotency_keys: one.idempotency_keys + two.idempotency_keys,
        deliveries: one.deliveries + two.deliveries,
        refusals: one.refusals + two.refusals,
        rate_limit_leases: one.rate_limit_leases + two.rate_limit_leases,
    };
    assert_eq!(
        total,
        Swept {
            idempotency_keys: 1_200,
            deliveries: 2,
            refusals: 1,
            rate_limit_leases: 1,
        }
    );
    let leases: Vec<String> = entity::rate_limit_lease::Entity::find()
        .filter(entity::rate_limit_lease::Column::Caller.is_in(["o:gone", "o:here"]))
        .all(db)
        .await
        .expect("lease rows")
        .into_iter()
        .map(|l| l.caller)
        .collect();
    assert_eq!(leases, ["o:here"], "the current window's row stays");

    let keys = idempotency_key::Entity::find()
        .filter(idempotency_key::Column::Scope.eq("housekeeping-test"))
        .all(db)
        .await
        .expect("keys");
    assert_eq!(
        keys.iter().map(|k| k.key.as_str()).collect::<Vec<_>>(),
        ["k9999"]
    );
    let mut statuses: Vec<(String, bool)> = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::WebhookId.eq(webhook))
        .all(db)
        .await
        .expect("deliveries")
        .into_iter()
        .map(|d| (d.status, d.created_at > Utc::now() - Duration::days(2)))
        .collect();
    statuses.sort();
    assert_eq!(
        statuses,
        [
            ("DELIVERED".to_owned(), true),
            ("PENDING".to_owned(), false)
        ]
    );
    let kept: Vec<_> = left_in_audit(&app)
        .await
        .iter()
        .map(|d| d["n"].clone())
        .collect();
    assert_eq!(kept, [json!(2), json!(3), json!(4), json!(5)]);

    // Nothing more to do: a second sweep deletes nothing.
    assert_eq!(sweep(db, &settings).await.expect("sweep"), Swept::default());
}
