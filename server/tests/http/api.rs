//! The server functions over HTTP, on a real SQLite database.

use crate::common::{client, spawn};
use serde_json::Value;

fn titles(page: &Value) -> Vec<String> {
    page["missions"]
        .as_array()
        .expect("missions")
        .iter()
        .map(|m| m["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn an_empty_post_lists_the_four_published_missions() {
    let app = spawn().await;
    let (status, page) = app.json(&client(), "list_missions", &[]).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["total"], 4);
    let titles = titles(&page);
    assert!(titles.iter().any(|t| t.contains("Focus+")), "{titles:?}");
    assert!(
        titles.iter().any(|t| t.starts_with("COVID-19")),
        "{titles:?}"
    );
}

#[tokio::test]
async fn search_ignores_accents_and_case() {
    let app = spawn().await;
    let c = client();
    let (_, plain) = app.json(&c, "list_missions", &[("q", "donnees")]).await;
    let (_, accented) = app.json(&c, "list_missions", &[("q", "DONNÉES")]).await;
    assert!(plain["total"].as_u64().unwrap() >= 1, "{plain}");
    assert_eq!(titles(&plain), titles(&accented));
    let (_, none) = app
        .json(&c, "list_missions", &[("q", "zzzz introuvable")])
        .await;
    assert_eq!(none["total"], 0);
    // Punctuation separates words; it is never a LIKE wildcard.
    let (_, percent) = app.json(&c, "list_missions", &[("q", "%")]).await;
    assert_eq!(
        percent["total"], 4,
        "a query of punctuation only filters nothing"
    );
    let (_, wild) = app.json(&c, "list_missions", &[("q", "zz%zz_zz")]).await;
    assert_eq!(wild["total"], 0);
}

#[tokio::test]
async fn filters_by_mode_skill_and_administration() {
    let app = spawn().await;
    let c = client();
    let (_, remote) = app
        .json(&c, "list_missions", &[("modalite", "a_distance")])
        .await;
    let remote_titles = titles(&remote);
    assert!(remote_titles.iter().any(|t| t.starts_with("COVID-19")));
    assert!(
        !remote_titles.iter().any(|t| t.contains("Focus+")),
        "on-site only: {remote_titles:?}"
    );
    let (_, menj) = app
        .json(&c, "list_missions", &[("administration", "menj")])
        .await;
    assert_eq!(menj["total"], 2, "{menj}");
    let (_, unknown) = app
        .json(&c, "list_missions", &[("competence", "n-existe-pas")])
        .await;
    assert_eq!(unknown["total"], 0);
    let first_skill = menj["missions"][0]["skills"][0]["slug"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, by_skill) = app
        .json(&c, "list_missions", &[("competence", &first_skill)])
        .await;
    assert!(by_skill["total"].as_u64().unwrap() >= 1);
}

#[tokio::test]
async fn malformed_arguments_are_a_400_never_a_500() {
    let app = spawn().await;
    let c = client();
    let (status, body) = app.json(&c, "list_missions", &[("page", "abc")]).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body, serde_json::json!("BadRequest"));
    let (status, _) = app.json(&c, "list_missions", &[("page", "999999")]).await;
    assert_eq!(status, 200, "a page past the end shows the last page");
    let (status, body) = app
        .json(&c, "get_mission", &[("slug", "n-existe-pas")])
        .await;
    assert_eq!(status, 404);
    assert!(body.to_string().contains("n’existe pas"), "{body}");
    let (status, _) = app.json(&c, "get_mission", &[]).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn huge_bodies_are_refused() {
    let app = spawn().await;
    let big = "x".repeat(server::MAX_BODY_BYTES + 10);
    let res = app.call(&client(), "list_missions", &[("q", &big)]).await;
    assert_eq!(res.status().as_u16(), 413);
}

#[tokio::test]
async fn sign_in_only_with_a_professional_address() {
    let app = spawn().await;
    let c = client();
    let (status, body) = app
        .json(
            &c,
            "request_sign_in_link",
            &[("email", "someone@gmail.com")],
        )
        .await;
    assert_eq!(status, 400);
    assert!(body["Invalid"]["fields"]["email"]
        .as_str()
        .unwrap()
        .contains("professionnelle"));
    assert_eq!(body["Invalid"]["values"]["email"], "someone@gmail.com");
    let (status, body) = app
        .json(&c, "request_sign_in_link", &[("email", "pas une adresse")])
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = app.json(&c, "request_sign_in_link", &[]).await;
    assert_eq!(status, 400);
    assert!(app.last_token_for("gmail.com").is_none());
}

#[tokio::test]
async fn a_sign_in_link_works_once_and_addresses_ignore_case() {
    let app = spawn().await;
    let c = client();
    let (status, _) = app.json(&c, "my_space", &[]).await;
    assert_eq!(status, 401);
    let (status, _) = app
        .json(
            &c,
            "request_sign_in_link",
            &[
                ("email", "  Ada.Lovelace@Numerique.GOUV.fr "),
                ("next", "/missions"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let token = app
        .last_token_for("ada.lovelace@numerique.gouv.fr")
        .expect("link");
    assert!(token.len() >= 43);
    let res = app.call(&c, "complete_sign_in", &[("jeton", &token)]).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["location"], "/missions");
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let (status, space) = app.json(&c, "my_space", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(space["me"]["email"], "ada.lovelace@numerique.gouv.fr");

    // The same link again, from another browser: refused.
    let other = client();
    let (status, body) = app
        .json(&other, "complete_sign_in", &[("jeton", &token)])
        .await;
    assert_eq!(status, 403, "{body}");
    let (status, _) = app
        .json(&other, "complete_sign_in", &[("jeton", "forged")])
        .await;
    assert_eq!(status, 403);

    // Signing in again with another case is the same account.
    let again = app.signed_in("ADA.LOVELACE@numerique.gouv.fr").await;
    let (_, space) = app.json(&again, "my_space", &[]).await;
    assert_eq!(space["me"]["email"], "ada.lovelace@numerique.gouv.fr");

    // Sign-out ends the session.
    let (status, _) = app.json(&c, "sign_out", &[]).await;
    assert_eq!(status, 200);
    let (status, _) = app.json(&c, "my_space", &[]).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn sign_in_links_are_rate_limited_per_address() {
    let app = spawn().await;
    let c = client();
    for _ in 0..5 {
        let (status, _) = app
            .json(
                &c,
                "request_sign_in_link",
                &[("email", "x@numerique.gouv.fr")],
            )
            .await;
        assert_eq!(status, 200);
    }
    let (status, body) = app
        .json(
            &c,
            "request_sign_in_link",
            &[("email", "x@numerique.gouv.fr")],
        )
        .await;
    assert_eq!(status, 429, "{body}");
    let (status, _) = app
        .json(
            &c,
            "request_sign_in_link",
            &[("email", "y@numerique.gouv.fr")],
        )
        .await;
    assert_eq!(status, 200, "another address is not affected");
}

async fn first_slug(app: &crate::common::TestApp) -> String {
    let (_, page) = app.json(&client(), "list_missions", &[]).await;
    page["missions"][0]["slug"].as_str().unwrap().to_string()
}

const MOTIVATION: &str = "Je souhaite contribuer à cette mission qui me tient à cœur.";

fn application<'a>(slug: &'a str, motivation: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", slug),
        ("motivation", motivation),
        ("availability", "Deux jours par mois"),
        ("manager_name", "Camille Martin"),
        ("manager_email", "camille.martin@numerique.gouv.fr"),
        ("manager_ack", "on"),
    ]
}

#[tokio::test]
async fn applying_needs_a_session_and_valid_fields() {
    let app = spawn().await;
    let slug = first_slug(&app).await;
    let (status, _) = app
        .json(
            &client(),
            "submit_application",
            &application(&slug, MOTIVATION),
        )
        .await;
    assert_eq!(status, 401);

    let agent = app.signed_in("agent.demo@numerique.gouv.fr").await;
    let (status, body) = app
        .json(
            &agent,
            "submit_application",
            &[("slug", &slug), ("motivation", "court")],
        )
        .await;
    assert_eq!(status, 400);
    for field in [
        "motivation",
        "availability",
        "manager_name",
        "manager_email",
        "manager_ack",
    ] {
        assert!(
            body["Invalid"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }
    assert_eq!(body["Invalid"]["values"]["motivation"], "court");

    let (status, _) = app
        .json(
            &agent,
            "submit_application",
            &application("mission-inconnue", MOTIVATION),
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn one_application_per_agent_and_mission_even_under_concurrency() {
    let app = spawn().await;
    let slug = first_slug(&app).await;
    let agent = app.signed_in("agent.demo@numerique.gouv.fr").await;
    let form = application(
        &slug,
        "<script>alert('x')</script> Je suis motivée et disponible pour aider.",
    );
    let calls = (0..12).map(|_| app.json(&agent, "submit_application", &form));
    let results = futures::future::join_all(calls).await;
    let ok = results.iter().filter(|(s, _)| *s == 200).count();
    let conflicts = results.iter().filter(|(s, _)| *s == 409).count();
    assert_eq!(ok, 1, "{results:?}");
    assert_eq!(conflicts, 11, "{results:?}");
    assert!(results
        .iter()
        .filter(|(s, _)| *s == 409)
        .all(|(_, b)| b.to_string().contains("déjà")));

    let (_, space) = app.json(&agent, "my_space", &[]).await;
    let apps = space["applications"].as_array().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0]["status"], "recue");
    assert_eq!(apps[0]["timeline"].as_array().unwrap().len(), 1);
    // Stored as typed, shown as text: the page escapes it.
    assert!(apps[0]["motivation"]
        .as_str()
        .unwrap()
        .starts_with("<script>"));
    let (status, html) = app.page(&agent, "/mon-espace").await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert('x')"), "HTML must be escaped");
}

#[tokio::test]
async fn withdrawing_only_my_own_application() {
    let app = spawn().await;
    let slug = first_slug(&app).await;
    let agent = app.signed_in("agent.demo@numerique.gouv.fr").await;
    assert_eq!(
        app.json(
            &agent,
            "submit_application",
            &application(&slug, MOTIVATION)
        )
        .await
        .0,
        200
    );
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    let id = space["applications"][0]["id"].as_i64().unwrap().to_string();

    let intruder = app.signed_in("intrus@numerique.gouv.fr").await;
    let (status, _) = app
        .json(&intruder, "withdraw_application", &[("id", &id)])
        .await;
    assert_eq!(status, 404);
    let (status, _) = app
        .json(&intruder, "withdraw_application", &[("id", "abc")])
        .await;
    assert_eq!(status, 404);

    assert_eq!(
        app.json(&agent, "withdraw_application", &[("id", &id)])
            .await
            .0,
        200
    );
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    assert_eq!(space["applications"][0]["status"], "retiree");
    assert_eq!(
        space["applications"][0]["timeline"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        app.json(&agent, "withdraw_application", &[("id", &id)])
            .await
            .0,
        409
    );
}

fn pool_form<'a>(name: &'a str, level: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("full_name", name),
        ("administration", "Ministère de l’Intérieur"),
        ("job_title", "Développeuse"),
        ("lend[developpement-web]", level),
        ("grow[analyse-de-donnees]", "on"),
        ("days_per_month", "2"),
        ("location", "Lyon"),
        ("remote", "indifferent"),
    ]
}

#[tokio::test]
async fn the_pool_profile_belongs_to_its_owner_only() {
    let app = spawn().await;
    let agent = app.signed_in("agent.demo@numerique.gouv.fr").await;
    let (status, body) = app.json(&agent, "join_pool", &[("full_name", "A")]).await;
    assert_eq!(status, 400);
    assert!(body["Invalid"]["fields"]["lend"].is_string(), "{body}");

    let (status, body) = app
        .json(&agent, "join_pool", &pool_form("Ada Lovelace", "expert"))
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = app
        .json(&agent, "join_pool", &pool_form("Ada Lovelace", "expert"))
        .await;
    assert_eq!(status, 409);
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    assert_eq!(space["profile"]["full_name"], "Ada Lovelace");
    assert_eq!(space["profile"]["lend"][0]["level"], "expert");
    assert_eq!(space["profile"]["grow"][0]["slug"], "analyse-de-donnees");

    let other = app.signed_in("autre@numerique.gouv.fr").await;
    let (_, theirs) = app.json(&other, "my_space", &[]).await;
    assert!(theirs["profile"].is_null(), "nobody else sees it");
    assert_eq!(
        app.json(
            &other,
            "update_pool_profile",
            &pool_form("Pirate", "notions")
        )
        .await
        .0,
        404
    );
    assert_eq!(
        app.json(&other, "leave_pool", &[("confirm", "on")]).await.0,
        404
    );

    assert_eq!(
        app.json(
            &agent,
            "update_pool_profile",
            &pool_form("Ada King", "pratique")
        )
        .await
        .0,
        200
    );
    assert_eq!(
        app.json(&agent, "pause_pool_profile", &[("paused", "true")])
            .await
            .0,
        200
    );
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    assert_eq!(space["profile"]["full_name"], "Ada King");
    assert_eq!(space["profile"]["lend"][0]["level"], "pratique");
    assert_eq!(space["profile"]["paused"], true);

    assert_eq!(
        app.json(&agent, "leave_pool", &[]).await.0,
        400,
        "needs confirmation"
    );
    assert_eq!(
        app.json(&agent, "leave_pool", &[("confirm", "on")]).await.0,
        200
    );
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    assert!(space["profile"].is_null());
}

#[tokio::test]
async fn forms_without_javascript_redirect_with_errors_or_results() {
    let app = spawn().await;
    let slug = first_slug(&app).await;
    let agent = app.signed_in("agent.demo@numerique.gouv.fr").await;
    let referer = format!("{}/missions/{slug}/candidater", app.base);
    let post = |form: Vec<(&str, &str)>| {
        agent
            .post(format!("{}/api/submit_application", app.base))
            .header("accept", "text/html")
            .header("referer", referer.clone())
            .form(&form)
            .send()
    };
    let res = post(vec![("slug", slug.as_str()), ("motivation", "court")])
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("__err="), "{location}");
    let (status, html) = app
        .page(&agent, location.trim_start_matches(&app.base))
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("fr-message--error"),
        "errors shown next to the fields"
    );
    assert!(
        html.contains(">court</textarea>") || html.contains("court"),
        "typed value kept"
    );

    let res = post(application(&slug, MOTIVATION)).await.unwrap();
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(
        res.headers()["location"],
        "/mon-espace?info=candidature-envoyee"
    );
}

#[tokio::test]
async fn pages_render_on_the_server() {
    let app = spawn().await;
    let c = client();
    let (status, html) = app.page(&c, "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"fr\""));
    let (status, html) = app.page(&c, "/missions?q=donnees").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("statistique"),
        "the search result is in the HTML"
    );
    let (status, _) = app.page(&c, "/missions/n-existe-pas").await;
    assert_eq!(status, 404);
    let (status, _) = app.page(&c, "/page-inconnue").await;
    assert_eq!(status, 404);
    let res = c
        .get(format!("{}/mon-espace", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(res.headers()["location"], "/connexion?suite=/mon-espace");
    let slug = first_slug(&app).await;
    let (status, html) = app.page(&c, &format!("/missions/{slug}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Je propose mes talents"));
    for path in [
        "/comment-ca-marche",
        "/vivier",
        "/connexion",
        "/accessibilite",
        "/mentions-legales",
        "/donnees-personnelles",
        "/dev/outbox",
    ] {
        assert_eq!(app.page(&c, path).await.0, 200, "{path}");
    }
}

#[tokio::test]
async fn concurrent_writes_never_fail_with_a_locked_database() {
    let app = spawn().await;
    let c = client();
    let emails: Vec<String> = (0..40)
        .map(|i| format!("agent{i}@numerique.gouv.fr"))
        .collect();
    let forms: Vec<[(&str, &str); 1]> = emails.iter().map(|e| [("email", e.as_str())]).collect();
    let calls = forms
        .iter()
        .map(|f| app.json(&c, "request_sign_in_link", f));
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(|(s, _)| *s == 200), "{results:?}");
}

#[tokio::test]
async fn the_seed_is_idempotent_and_loads_the_real_missions() {
    let app = spawn().await;
    let again = app::backend::seed::run(app.state.db.write(), true)
        .await
        .expect("seed");
    assert_eq!(
        again,
        app::backend::seed::SeedReport::default(),
        "a second run adds nothing"
    );
    let (_, page) = app.json(&client(), "list_missions", &[]).await;
    let admins: Vec<&str> = page["missions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["administration"].as_str().unwrap())
        .collect();
    assert!(admins.iter().any(|a| a.contains("Armées")), "{admins:?}");
    assert!(
        admins.iter().any(|a| a.contains("Éducation nationale")),
        "{admins:?}"
    );
    assert!(admins.iter().any(|a| a.contains("numérique")), "{admins:?}");
    let families = page["skills"].as_array().unwrap();
    assert!(families.len() >= 8, "skills grouped in families");
}

#[tokio::test]
async fn a_search_word_of_any_length_is_fine() {
    let app = spawn().await;
    let long = "a".repeat(60_000);
    let (status, _) = app.json(&client(), "list_missions", &[("q", &long)]).await;
    assert_eq!(status, 200);
    let (status, _) = app
        .json(&client(), "list_missions", &[("q", &"ß".repeat(30_000))])
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_sign_in_link_limit_holds_under_concurrency() {
    let app = spawn().await;
    let c = client();
    let calls = (0..30).map(|_| {
        app.json(
            &c,
            "request_sign_in_link",
            &[("email", "race@numerique.gouv.fr")],
        )
    });
    let results = futures::future::join_all(calls).await;
    let sent = results.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(sent, 5, "{results:?}");
    assert!(results.iter().all(|(s, _)| *s == 200 || *s == 429));
}

#[tokio::test]
async fn simultaneous_withdrawals_and_profile_changes_stay_consistent() {
    let app = spawn().await;
    let slug = first_slug(&app).await;
    let agent = app.signed_in("agent.demo@numerique.gouv.fr").await;
    assert_eq!(
        app.json(
            &agent,
            "submit_application",
            &application(&slug, MOTIVATION)
        )
        .await
        .0,
        200
    );
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    let id = space["applications"][0]["id"].as_i64().unwrap().to_string();
    let form = [("id", id.as_str())];
    let calls = (0..10).map(|_| app.json(&agent, "withdraw_application", &form));
    let results = futures::future::join_all(calls).await;
    assert_eq!(
        results.iter().filter(|(s, _)| *s == 200).count(),
        1,
        "{results:?}"
    );
    assert!(
        results.iter().all(|(s, _)| *s == 200 || *s == 409),
        "{results:?}"
    );
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    assert_eq!(
        space["applications"][0]["timeline"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    assert_eq!(
        app.json(&agent, "join_pool", &pool_form("Ada Lovelace", "expert"))
            .await
            .0,
        200
    );
    let leave = app.json(&agent, "leave_pool", &[("confirm", "on")]);
    let pause = app.json(&agent, "pause_pool_profile", &[("paused", "true")]);
    let update_form = pool_form("Ada King", "notions");
    let update = app.json(&agent, "update_pool_profile", &update_form);
    let (l, p, u) = tokio::join!(leave, pause, update);
    for (status, body) in [&l, &p, &u] {
        assert!([200, 404].contains(status), "{status} {body}");
    }
}

#[tokio::test]
async fn form_errors_in_urls_must_be_signed_by_the_server() {
    use base64::Engine;
    let app = spawn().await;
    let slug = first_slug(&app).await;
    let agent = app.signed_in("agent.demo@numerique.gouv.fr").await;
    let payload = r#"{"Invalid":{"message":"Appelez le 08 99 00 00 00","fields":{"motivation":"x"},"values":{"motivation":"</textarea><img src=x onerror=alert(1)><textarea>"}}}"#;
    let err = base64::engine::general_purpose::URL_SAFE.encode(payload);
    let page = format!("/missions/{slug}/candidater");
    let forged = format!("{page}?__path=%2Fapi%2Fsubmit_application&__err={err}");
    let res = agent
        .get(format!("{}{forged}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303, "a forged error is dropped");
    assert_eq!(res.headers()["location"], page.as_str());

    // Signed (as the server does for its own redirects), the text typed in a
    // textarea is shown again, and cannot break out of it.
    let key = server::form_errors::FormErrorKey::new(app.state.config.secret.expose().as_bytes());
    let sig = key.sign("%2Fapi%2Fsubmit_application", &err);
    let (status, html) = app.page(&agent, &format!("{forged}&__sig={sig}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Appelez le"), "a genuine error is shown");
    assert!(
        !html.contains("<img src=x"),
        "markup from the URL stays text"
    );
    assert!(
        html.contains("&lt;/textarea>"),
        "the typed text is kept, escaped"
    );
}

#[tokio::test]
async fn too_large_bodies_get_a_french_json_error() {
    let app = spawn().await;
    let big = "x".repeat(server::MAX_BODY_BYTES + 10);
    let (status, body) = app.json(&client(), "list_missions", &[("q", &big)]).await;
    assert_eq!(status, 413);
    assert_eq!(body, serde_json::json!("TooLarge"));
}

#[tokio::test]
async fn a_mission_title_cannot_break_out_of_the_page_title() {
    use app::backend::entities::mission;
    use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
    let app = spawn().await;
    let slug = first_slug(&app).await;
    mission::Entity::update_many()
        .col_expr(
            mission::Column::Title,
            Expr::value("Données & co </title><script>alert(1)</script>"),
        )
        .filter(mission::Column::Slug.eq(slug.as_str()))
        .exec(app.state.db.write())
        .await
        .expect("update");
    let (status, html) = app.page(&client(), &format!("/missions/{slug}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert(1)"), "no markup from data");
    assert!(
        html.contains("<title>Données &amp; co &lt;/title>&lt;script>"),
        "escaped title"
    );
}
