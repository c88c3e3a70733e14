//! The backend the suite runs on: SQLite by default, PostgreSQL when
//! `TALENTS_TEST_POSTGRES` is set (`scripts/test.sh` runs the suite on both).

use crate::common::{postgres_admin_url, spawn};
use sea_orm::{ConnectionTrait, DbBackend};

#[tokio::test]
async fn the_suite_runs_on_the_backend_it_was_asked_for() {
    let app = spawn().await;
    let expected = if postgres_admin_url().is_some() {
        DbBackend::Postgres
    } else {
        DbBackend::Sqlite
    };
    assert_eq!(app.state.db.write().get_database_backend(), expected);
    assert_eq!(app.state.db.read().get_database_backend(), expected);
}

#[tokio::test]
async fn seeding_twice_adds_nothing() {
    let app = spawn().await;
    let again = app::backend::seed::run(app.state.db.write(), true)
        .await
        .expect("seed");
    assert_eq!(again, app::backend::seed::SeedReport::default());
}

#[tokio::test]
async fn each_postgresql_test_database_is_dropped_afterwards() {
    let Some(admin_url) = postgres_admin_url() else {
        return;
    };
    let app = spawn().await;
    let name = app
        .state
        .config
        .database_url
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let admin = sea_orm::Database::connect(&admin_url).await.expect("admin");
    let exists = |admin: sea_orm::DatabaseConnection, name: String| async move {
        admin
            .query_one_raw(sea_orm::Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT 1 AS one FROM pg_database WHERE datname = $1",
                [name.into()],
            ))
            .await
            .expect("query")
            .is_some()
    };
    assert!(exists(admin.clone(), name.clone()).await);
    drop(app);
    assert!(!exists(admin, name).await, "the test database is dropped");
}
