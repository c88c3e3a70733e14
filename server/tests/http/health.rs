//! `/healthz` (the process answers) and `/readyz` (database and schema ready).

use crate::common::{client, spawn};
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn health_and_readiness() {
    let app = spawn().await;
    let c = client();
    let get = |path: &'static str| {
        let c = c.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let res = c.get(url).send().await.expect("request");
            let status = res.status().as_u16();
            (status, res.text().await.expect("body"))
        }
    };
    assert_eq!(get("/healthz").await, (200, "ok".to_string()));
    assert_eq!(get("/readyz").await, (200, "ok".to_string()));

    // A migration this binary knows but the database has not applied.
    app.state
        .db
        .write()
        .execute_unprepared(
            "DELETE FROM seaql_migrations WHERE version = \
             (SELECT MAX(version) FROM seaql_migrations)",
        )
        .await
        .expect("forget a migration");
    let (status, text) = get("/readyz").await;
    assert_eq!(status, 503, "{text}");
    assert!(text.contains("migration(s) en attente"), "{text}");
    // The process itself is still up.
    assert_eq!(get("/healthz").await, (200, "ok".to_string()));
}
