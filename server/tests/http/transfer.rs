//! `talents export` / `talents import`: every row moves, with its types,
//! between any two backends; PostgreSQL's sequences continue after the
//! imported ids.

use crate::common::{postgres_admin_url, spawn, spawn_sqlite, sqlite_url, PgDatabase, TestApp};
use app::backend::config::Config;
use app::backend::entities::{application, mission, mission_document, session, user};
use app::backend::state::AppState;
use app::backend::transfer::{export, import, row_counts};
use app::model::MissionFilters;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// A PDF whose bytes cover every value (base64 in the export).
fn document() -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    for _ in 0..40 {
        pdf.extend(0..=255u8);
    }
    pdf.extend_from_slice(b"\n%%EOF\n");
    pdf
}

/// Some activity beyond the seed: sessions, sign-in tokens, e-mails, an
/// application with its timeline, a draft with its details document.
async fn with_activity(app: &TestApp) {
    let manager = app.signed_in("responsable.demo@numerique.gouv.fr").await;
    let (status, body) = app.json(&manager, "create_mission", &[]).await;
    assert_eq!(status, 200, "{body}");
    let draft = mission::Entity::find()
        .order_by_desc(mission::Column::Id)
        .one(app.state.db.read())
        .await
        .unwrap()
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("intent", "joindre")
        .text("version", draft.version.to_string())
        .part(
            "document",
            reqwest::multipart::Part::bytes(document()).file_name("fiche.pdf"),
        );
    let res = manager
        .post(format!(
            "{}/espace-administration/missions/{}/document",
            app.base, draft.id
        ))
        .header(reqwest::header::ACCEPT, "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);

    let agent = app.signed_in("agent.demo@numerique.gouv.fr").await;
    let (_, page) = app.json(&agent, "list_missions", &[]).await;
    let slug = page["missions"][0]["slug"].as_str().unwrap().to_string();
    let (status, body) = app
        .json(
            &agent,
            "submit_application",
            &[
                ("slug", slug.as_str()),
                (
                    "motivation",
                    "Je souhaite contribuer à cette mission qui me tient à cœur.",
                ),
                ("availability", "Deux jours par mois"),
                ("manager_name", "Camille Martin"),
                ("manager_email", "camille.martin@numerique.gouv.fr"),
                ("manager_ack", "on"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");

    // An alert that has sent a digest of one new mission.
    let (status, body) = app
        .json(&agent, "create_alert", &[("frequency", "quotidienne")])
        .await;
    assert_eq!(status, 200, "{body}");
    mission::Entity::update_many()
        .col_expr(
            mission::Column::PublishedAt,
            sea_orm::sea_query::Expr::value(Some(chrono::Utc::now())),
        )
        .filter(mission::Column::Slug.eq(slug.as_str()))
        .exec(app.state.db.write())
        .await
        .unwrap();
    let report = app::backend::alerts::run_all_now(&app.state).await.unwrap();
    assert_eq!(report.sent, 1);
}

async fn export_of(app: &TestApp) -> Vec<u8> {
    let mut file = Vec::new();
    export(app.state.db.read(), &mut file)
        .await
        .expect("export");
    file
}

/// Imports `file` into a fresh, migrated database at `url` and checks that
/// it holds the same rows as `source`.
async fn import_and_compare(
    source: &TestApp,
    file: &[u8],
    url: &str,
    outbox: &std::path::Path,
) -> AppState {
    let target = AppState::start(Config::for_tests(url, outbox.to_path_buf()))
        .await
        .expect("target");
    let imported = import(target.db.write(), file).await.expect("import");
    let expected = row_counts(source.state.db.read()).await.unwrap();
    assert_eq!(imported, expected);
    assert_eq!(row_counts(target.db.read()).await.unwrap(), expected);
    assert!(
        expected["users"] >= 1 && expected["applications"] == 1,
        "{expected:?}"
    );
    assert!(expected["sessions"] >= 1 && expected["outgoing_emails"] >= 1);
    assert_eq!(expected["mission_documents"], 1, "{expected:?}");
    assert_eq!(
        (
            expected["mission_alerts"],
            expected["alert_digests"],
            expected["alert_deliveries"]
        ),
        (1, 1, 1),
        "{expected:?}"
    );

    // Rows come back with their values and types (timestamps to the
    // microsecond, PostgreSQL's precision; booleans; dates; NULLs).
    let micros = |m: &mission::Model| {
        (
            m.clone(),
            m.created_at.timestamp_micros(),
            m.published_at.map(|t| t.timestamp_micros()),
        )
    };
    let before = mission::Entity::find()
        .order_by_asc(mission::Column::Id)
        .all(source.state.db.read())
        .await
        .unwrap();
    let after = mission::Entity::find()
        .order_by_asc(mission::Column::Id)
        .all(target.db.read())
        .await
        .unwrap();
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        let (mut b, bc, bp) = micros(b);
        let (a, ac, ap) = micros(a);
        assert_eq!((bc, bp), (ac, ap));
        (b.created_at, b.updated_at, b.published_at) = (a.created_at, a.updated_at, a.published_at);
        assert_eq!(b, a);
    }
    let apps = |db| async move {
        application::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| {
                (
                    a.id,
                    a.mission_id,
                    a.user_id,
                    a.manager_ack,
                    a.status,
                    a.motivation,
                    a.created_at.timestamp_micros(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        apps(source.state.db.read()).await,
        apps(target.db.read()).await
    );
    let users = |db| async move {
        user::Entity::find()
            .order_by_asc(user::Column::Id)
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|u| (u.id, u.email, u.email_folded, u.display_name))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        users(source.state.db.read()).await,
        users(target.db.read()).await
    );
    let tokens = |db| async move {
        session::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| (s.token_hash, s.expires_at.timestamp_micros()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        tokens(source.state.db.read()).await,
        tokens(target.db.read()).await
    );

    // Documents come back byte for byte, still referenced by their mission.
    let documents = |db| async move {
        mission_document::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|d| {
                (
                    d.id,
                    d.mission_id,
                    d.bytes,
                    d.size,
                    d.created_at.timestamp_micros(),
                )
            })
            .collect::<Vec<_>>()
    };
    let stored = documents(target.db.read()).await;
    assert_eq!(documents(source.state.db.read()).await, stored);
    assert_eq!(stored[0].2, document());
    assert!(after
        .iter()
        .any(|m| m.id == stored[0].1 && m.details_document_id == Some(stored[0].0)));

    // Search works on the imported data (PostgreSQL recomputes its tsvector).
    let page = app::backend::missions::list(
        target.db.read(),
        &MissionFilters {
            q: Some("données".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(page.total, 1);

    // New rows get fresh ids (PostgreSQL: the sequences were moved on).
    let max_id = users(target.db.read())
        .await
        .iter()
        .map(|u| u.0)
        .max()
        .unwrap();
    let now = chrono::Utc::now();
    let fresh = user::ActiveModel {
        email: Set("nouvelle.personne@numerique.gouv.fr".into()),
        email_folded: Set("nouvelle.personne@numerique.gouv.fr".into()),
        display_name: Set(None),
        created_at: Set(now),
        last_seen_at: Set(now),
        ..Default::default()
    }
    .insert(target.db.write())
    .await
    .expect("a new row after the import");
    assert!(fresh.id > max_id);

    // A second import into a database that is no longer empty is refused.
    let err = import(target.db.write(), file).await.unwrap_err();
    assert!(err.contains("n’est pas vide"), "{err}");
    target
}

#[tokio::test]
async fn sqlite_exports_into_sqlite_and_postgresql() {
    let source = spawn_sqlite().await;
    with_activity(&source).await;
    let file = export_of(&source).await;
    let dir = tempfile::tempdir().unwrap();
    import_and_compare(
        &source,
        &file,
        &sqlite_url(dir.path()),
        &dir.path().join("outbox"),
    )
    .await;
    if let Some(admin_url) = postgres_admin_url() {
        let pg = PgDatabase::create(&admin_url).await;
        let target = import_and_compare(&source, &file, &pg.url, &dir.path().join("outbox")).await;
        drop(target);
        drop(pg);
    }
}

/// From the backend the suite runs on (PostgreSQL in its second pass) back
/// into SQLite.
#[tokio::test]
async fn the_suite_backend_exports_into_sqlite() {
    let source = spawn().await;
    with_activity(&source).await;
    let file = export_of(&source).await;
    let dir = tempfile::tempdir().unwrap();
    import_and_compare(
        &source,
        &file,
        &sqlite_url(dir.path()),
        &dir.path().join("outbox"),
    )
    .await;
}

#[tokio::test]
async fn a_foreign_or_truncated_file_is_refused_and_nothing_is_written() {
    let source = spawn_sqlite().await;
    let file = export_of(&source).await;
    let dir = tempfile::tempdir().unwrap();
    let target = AppState::start(Config::for_tests(
        &sqlite_url(dir.path()),
        dir.path().join("outbox"),
    ))
    .await
    .unwrap();
    let err = import(target.db.write(), &b"{\"hello\":1}\n"[..])
        .await
        .unwrap_err();
    assert!(err.contains("pas un export"), "{err}");
    // A file cut in the middle of a line: the transaction is rolled back.
    let cut = &file[..file.len() - 10];
    assert!(import(target.db.write(), cut).await.is_err());
    let counts = row_counts(target.db.read()).await.unwrap();
    assert!(counts.values().all(|n| *n == 0), "{counts:?}");
}
