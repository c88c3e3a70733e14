//! The same schema, seed and queries on PostgreSQL, when one is reachable
//! (this project's machines run one at 127.0.0.1:5432, user `postgres`).
//! Each run creates its own database and drops it afterwards.

use app::backend::config::Config;
use app::backend::state::AppState;
use app::model::MissionFilters;
use sea_orm::{ConnectionTrait, Database};

const ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[tokio::test]
async fn migrations_seed_and_search_run_on_postgresql() {
    let admin = match Database::connect(ADMIN_URL).await {
        Ok(conn) => conn,
        Err(e) => {
            eprintln!("PostgreSQL not reachable ({e}); skipping");
            return;
        }
    };
    let name = format!("talents_test_{:016x}", rand_suffix());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create database");
    let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
    let outbox = tempfile::tempdir().expect("temp dir");
    let result = async {
        let state = AppState::start(Config::for_tests(&url, outbox.path().to_path_buf())).await?;
        let first = app::backend::seed::run(state.db.write(), true)
            .await
            .map_err(|e| e.to_string())?;
        let second = app::backend::seed::run(state.db.write(), true)
            .await
            .map_err(|e| e.to_string())?;
        let page = app::backend::missions::list(
            state.db.read(),
            &MissionFilters {
                q: Some("DONNÉES".into()),
                ..Default::default()
            },
        )
        .await
        .map_err(|e| e.to_string())?;
        Ok::<_, String>((first, second, page))
    }
    .await;
    admin
        .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .expect("drop database");
    let (first, second, page) = result.expect("PostgreSQL run");
    assert_eq!(first.missions, 4);
    assert_eq!(second, app::backend::seed::SeedReport::default());
    assert!(page.total >= 1);
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    (nanos as u64) ^ u64::from(std::process::id())
}
