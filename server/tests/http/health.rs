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

/// A rolling deploy: the new version migrated the database first; an
/// instance of the previous version (which does not know the newest
/// migration) still starts and still reports ready.
#[tokio::test]
async fn an_older_instance_keeps_serving_a_newer_schema() {
    let app = spawn().await;
    app.state
        .db
        .write()
        .execute_unprepared(
            "INSERT INTO seaql_migrations (version, applied_at) \
             VALUES ('m20991231_000099_from_the_next_release', 0)",
        )
        .await
        .expect("a newer migration");
    let (base, _older) = app.another_instance().await;
    let res = client()
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200);
    let res = client()
        .get(format!("{}/readyz", app.base))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200);
}

/// Several instances starting at once on a new PostgreSQL database take
/// turns to migrate it: all of them start.
#[tokio::test]
async fn instances_starting_together_migrate_once() {
    let Some(admin) = crate::common::postgres_admin_url() else {
        eprintln!("SQLite runs as one instance: run with TALENTS_TEST_POSTGRES");
        return;
    };
    let db = crate::common::PgDatabase::create(&admin).await;
    let outbox = tempfile::tempdir().expect("temp dir");
    let starts = (0..4).map(|_| {
        let config = app::backend::config::Config::for_tests(&db.url, outbox.path().to_path_buf());
        tokio::spawn(app::backend::state::AppState::start(config))
    });
    for started in futures::future::join_all(starts).await {
        let state = started.expect("task").expect("every instance starts");
        assert_eq!(state.not_ready().await, None);
    }
}
