//! Text length limits: PostgreSQL enforces `VARCHAR(n)` (in characters),
//! SQLite does not. Every form checks the limits first, in characters, so
//! too long an input gets a French message on its field (400), never a
//! database error (500), and the longest accepted value is stored whole.

use crate::common::{client, spawn};
use sea_orm::EntityTrait;

fn form(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// Asserts a 400 whose message for `field` says the maximum.
fn refused(status: u16, body: &serde_json::Value, field: &str) {
    assert_eq!(status, 400, "{body}");
    let message = body["Invalid"]["fields"][field]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("caractères au maximum"), "{field}: {body}");
}

#[tokio::test]
async fn too_long_input_is_refused_on_its_field_and_the_longest_allowed_is_stored() {
    let app = spawn().await;

    // Applying: the line manager's name is a VARCHAR(120), counted in characters.
    let agent = app.signed_in("agent.demo@numerique.gouv.fr").await;
    let (_, page) = app.json(&agent, "list_missions", &[]).await;
    let slug = page["missions"][0]["slug"].as_str().unwrap().to_string();
    let apply = |name: String, availability: String| {
        vec![
            ("slug".to_string(), slug.clone()),
            (
                "motivation".into(),
                "Je souhaite contribuer à cette mission qui me tient à cœur.".into(),
            ),
            ("availability".into(), availability),
            ("manager_name".into(), name),
            (
                "manager_email".into(),
                "camille.martin@numerique.gouv.fr".into(),
            ),
            ("manager_ack".into(), "on".into()),
        ]
    };
    let long = apply("é".repeat(121), "a".repeat(501));
    let (status, body) = app.json(&agent, "submit_application", &form(&long)).await;
    refused(status, &body, "manager_name");
    refused(status, &body, "availability");
    // 120 two-byte characters (240 bytes) fit a VARCHAR(120).
    let longest = apply("é".repeat(120), "à".repeat(500));
    let (status, body) = app
        .json(&agent, "submit_application", &form(&longest))
        .await;
    assert_eq!(status, 200, "{body}");
    let stored = app::backend::entities::application::Entity::find()
        .one(app.state.db.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.manager_name, "é".repeat(120));
    assert_eq!(stored.availability.chars().count(), 500);

    // The talent pool: full name VARCHAR(120), job title VARCHAR(150).
    let pool = |name: &str, job: &str| {
        vec![
            ("full_name".to_string(), name.to_string()),
            ("administration".into(), "Ministère de l’Intérieur".into()),
            ("job_title".into(), job.to_string()),
            ("lend[developpement-web]".into(), "expert".into()),
            ("days_per_month".into(), "2".into()),
            ("location".into(), "Lyon".into()),
            ("remote".into(), "indifferent".into()),
        ]
    };
    let (status, body) = app
        .json(
            &agent,
            "join_pool",
            &form(&pool(&"Ü".repeat(121), &"x".repeat(151))),
        )
        .await;
    refused(status, &body, "full_name");
    refused(status, &body, "job_title");
    let (status, body) = app
        .json(
            &agent,
            "join_pool",
            &form(&pool(&"Ü".repeat(120), &"ç".repeat(150))),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    // Administrations: name VARCHAR(300) but 150 at most; acronym 20.
    let moderator = app.signed_in("moderation.demo@numerique.gouv.fr").await;
    let (status, body) = app
        .json(
            &moderator,
            "create_administration",
            &[("name", &"Œ".repeat(151)), ("acronym", &"A".repeat(21))],
        )
        .await;
    refused(status, &body, "name");
    refused(status, &body, "acronym");

    // Signing in: an address longer than a VARCHAR(254) is simply invalid.
    let long_email = format!("{}@numerique.gouv.fr", "a".repeat(300));
    let (status, body) = app
        .json(
            &client(),
            "request_sign_in_link",
            &[("email", &long_email), ("next", "/mon-espace")],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"]["email"].is_string(), "{body}");
}
