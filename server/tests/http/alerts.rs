//! E-mail alerts: creation rules, digests (matching missions, once each,
//! one e-mail per alert and period, monthly cap, one sender among several
//! instances) and unsubscribing without signing in.

use crate::common::{client, postgres_admin_url, spawn, spawn_with, TestApp};
use app::backend::alerts::{next_period_start, run_due};
use app::backend::entities::{alert_delivery, alert_digest, mission, mission_alert, user};
use chrono::{DateTime, TimeZone, Utc};
use reqwest::Client;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PARCOURS: &str = "parcours-professionnels-filiere-numerique";
const DESIGN: &str = "design-clause-sociale-formation-decrochage-scolaire";
const FOCUS: &str = "focus-plus-accessibilite-documents-administratifs";
const COVID: &str = "covid-19-veille-scientifique";

async fn user_id(app: &TestApp, email: &str) -> i32 {
    user::Entity::find()
        .filter(user::Column::EmailFolded.eq(email))
        .one(app.state.db.read())
        .await
        .unwrap()
        .expect("user")
        .id
}

async fn alerts_of(app: &TestApp, email: &str) -> Vec<mission_alert::Model> {
    let id = user_id(app, email).await;
    mission_alert::Entity::find()
        .filter(mission_alert::Column::UserId.eq(id))
        .all(app.state.db.read())
        .await
        .unwrap()
}

async fn create(app: &TestApp, c: &Client, form: &[(&str, &str)]) -> (u16, serde_json::Value) {
    app.json(c, "create_alert", form).await
}

/// A seeded (published) mission counts as published at `at`.
async fn published_at(app: &TestApp, slug: &str, at: DateTime<Utc>) {
    mission::Entity::update_many()
        .col_expr(mission::Column::PublishedAt, Expr::value(Some(at)))
        .filter(mission::Column::Slug.eq(slug))
        .exec(app.state.db.write())
        .await
        .unwrap();
}

/// The digests in the outbox for `email`, newest first: (subject, text, raw file).
fn digests_to(app: &TestApp, email: &str) -> Vec<(String, String, String)> {
    app::backend::mail::read_outbox(&app.outbox, 1000)
        .into_iter()
        .filter(|f| f.to == email && f.subject.contains("pour votre alerte"))
        .map(|f| {
            let raw = std::fs::read_to_string(app.outbox.join(&f.name)).unwrap();
            (f.subject, f.body, raw)
        })
        .collect()
}

fn unsubscribe_token(text: &str) -> String {
    let start = text.find("/alertes/desabonnement?jeton=").expect("a link") + 29;
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// An instant given in UTC (all in the middle of a Paris month).
fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).single().unwrap()
}

#[tokio::test]
async fn alerts_are_checked_limited_and_their_owners_only() {
    let app = spawn().await;
    let anonymous = client();
    let (status, _) = create(&app, &anonymous, &[("frequency", "quotidienne")]).await;
    assert_eq!(status, 401);

    let agent = app.signed_in("alertes.a@numerique.gouv.fr").await;
    let (status, body) = create(
        &app,
        &agent,
        &[("q", "données"), ("frequency", "mensuelle")],
    )
    .await;
    assert_eq!(status, 400, "{body}");
    let invalid = &body["Invalid"];
    assert_eq!(
        invalid["fields"]["frequency"],
        "Choisissez la fréquence des envois : chaque jour ou chaque semaine."
    );
    // What was typed comes back.
    assert_eq!(invalid["values"]["q"], "données");
    assert_eq!(invalid["values"]["frequency"], "mensuelle");

    let (status, body) = create(
        &app,
        &agent,
        &[
            ("competence", "inconnue"),
            ("administration", "nulle-part"),
            ("modalite", "partout"),
            ("use_pool_skills", "on"),
            ("frequency", "hebdomadaire"),
        ],
    )
    .await;
    assert_eq!(status, 400, "{body}");
    let fields = &body["Invalid"]["fields"];
    for field in [
        "competence",
        "administration",
        "modalite",
        "use_pool_skills",
    ] {
        assert!(fields[field].is_string(), "{field}: {body}");
    }
    assert!(fields["use_pool_skills"]
        .as_str()
        .unwrap()
        .contains("vivier"));
    let long = "a".repeat(201);
    let (status, body) = create(&app, &agent, &[("q", &long), ("frequency", "quotidienne")]).await;
    assert_eq!(status, 400);
    assert!(body["Invalid"]["fields"]["q"].is_string(), "{body}");
    assert!(alerts_of(&app, "alertes.a@numerique.gouv.fr")
        .await
        .is_empty());

    let (status, body) = create(
        &app,
        &agent,
        &[
            ("q", "  données "),
            ("competence", "developpement-web"),
            ("modalite", "a_distance"),
            ("frequency", "hebdomadaire"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, mine) = app.json(&agent, "my_alerts", &[]).await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["alerts"].as_array().unwrap().len(), 1);
    assert_eq!(
        mine["alerts"][0]["label"],
        "« données » · Compétence : Développement web · À distance"
    );
    assert_eq!(mine["has_profile"], false);
    let stored = &alerts_of(&app, "alertes.a@numerique.gouv.fr").await[0];
    assert_eq!(stored.q.as_deref(), Some("données"));
    assert_eq!(stored.administration, None);
    assert_eq!(
        stored.next_due_at,
        next_period_start("hebdomadaire", stored.created_at)
    );

    // Ten at most.
    for _ in 1..10 {
        let (status, _) = create(&app, &agent, &[("frequency", "quotidienne")]).await;
        assert_eq!(status, 200);
    }
    let (status, body) = create(&app, &agent, &[("frequency", "quotidienne")]).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["Conflict"].as_str().unwrap().contains("10 alertes"),
        "{body}"
    );
    assert_eq!(
        alerts_of(&app, "alertes.a@numerique.gouv.fr").await.len(),
        10
    );

    // Nobody else sees or deletes them.
    let other = app.signed_in("alertes.b@numerique.gouv.fr").await;
    let (_, theirs) = app.json(&other, "my_alerts", &[]).await;
    assert_eq!(theirs["alerts"].as_array().unwrap().len(), 0);
    let id = stored.id.to_string();
    let (status, body) = app.json(&other, "delete_alert", &[("id", &id)]).await;
    assert_eq!(status, 404, "{body}");
    for bad in ["", "abc", "-1", "99999999999"] {
        let (status, _) = app.json(&agent, "delete_alert", &[("id", bad)]).await;
        assert_eq!(status, 404, "{bad}");
    }
    assert_eq!(
        alerts_of(&app, "alertes.a@numerique.gouv.fr").await.len(),
        10
    );
    let (status, _) = app.json(&agent, "delete_alert", &[("id", &id)]).await;
    assert_eq!(status, 200);
    assert_eq!(
        alerts_of(&app, "alertes.a@numerique.gouv.fr").await.len(),
        9
    );
    let (status, _) = app.json(&agent, "delete_alert", &[("id", &id)]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_digest_sends_the_new_matching_missions_once() {
    let app = spawn().await;
    let email = "alertes.digest@numerique.gouv.fr";
    let agent = app.signed_in(email).await;
    let (status, _) = create(
        &app,
        &agent,
        &[("q", "donnees"), ("frequency", "quotidienne")],
    )
    .await;
    assert_eq!(status, 200);
    let alert = alerts_of(&app, email).await.remove(0);
    let due = alert.next_due_at;

    // Not due yet: nothing happens, and the alert keeps its time.
    let early = run_due(&app.state, due - chrono::Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(early.sent, 0);
    assert_eq!(alerts_of(&app, email).await[0].next_due_at, due);

    // The seeded missions were published before the alert: not new.
    let report = run_due(&app.state, due).await.unwrap();
    assert_eq!(report.sent, 0);
    assert!(digests_to(&app, email).is_empty(), "nothing new, no e-mail");
    let second = next_period_start("quotidienne", due);
    assert_eq!(alerts_of(&app, email).await[0].next_due_at, second);

    // Two missions published now; only one matches the words.
    let now = Utc::now();
    published_at(&app, PARCOURS, now).await;
    published_at(&app, FOCUS, now).await;
    // Still the same period: nothing.
    assert_eq!(run_due(&app.state, due).await.unwrap().sent, 0);
    let report = run_due(&app.state, second).await.unwrap();
    assert_eq!(report.sent, 1);
    let digests = digests_to(&app, email);
    assert_eq!(digests.len(), 1);
    let (subject, text, raw) = &digests[0];
    assert_eq!(
        subject,
        "1 nouvelle mission pour votre alerte — Talents numériques"
    );
    assert!(text.contains("« donnees »"), "{text}");
    assert!(
        text.contains(&format!("http://127.0.0.1:3000/missions/{PARCOURS}")),
        "{text}"
    );
    assert!(!text.contains(FOCUS), "{text}");
    let token = unsubscribe_token(text);
    let link = format!("http://127.0.0.1:3000/alertes/desabonnement?jeton={token}");
    assert!(raw.contains(&format!("\r\nList-Unsubscribe: <{link}>\r\n")));
    assert!(raw.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
    // The journal keeps no token.
    let journal = app::backend::entities::outgoing_email::Entity::find()
        .filter(app::backend::entities::outgoing_email::Column::ToAddress.eq(email))
        .all(app.state.db.read())
        .await
        .unwrap();
    let digest_row = journal
        .iter()
        .find(|m| m.subject.contains("alerte"))
        .unwrap();
    assert!(!digest_row.body_text.contains(&token));
    assert!(digest_row.pending_body.is_none() && digest_row.list_unsubscribe.is_none());

    // The same run again, and the next period: nothing new, no e-mail.
    assert_eq!(run_due(&app.state, second).await.unwrap().sent, 0);
    let third = next_period_start("quotidienne", second);
    assert_eq!(run_due(&app.state, third).await.unwrap().sent, 0);
    assert_eq!(digests_to(&app, email).len(), 1);

    // Even if the alert were due again at once, a sent mission never goes twice.
    mission_alert::Entity::update_many()
        .col_expr(mission_alert::Column::NextDueAt, Expr::value(due))
        .filter(mission_alert::Column::Id.eq(alert.id))
        .exec(app.state.db.write())
        .await
        .unwrap();
    assert_eq!(run_due(&app.state, third).await.unwrap().sent, 0);
    assert_eq!(digests_to(&app, email).len(), 1);

    // A mission published later goes out in the next period, alone.
    let fourth = next_period_start("quotidienne", third);
    published_at(&app, PARCOURS, Utc::now()).await; // republished: still sent already
    mission::Entity::update_many()
        .col_expr(
            mission::Column::Title,
            Expr::value("Données de santé : un tableau de bord"),
        )
        .col_expr(
            mission::Column::SearchStems,
            Expr::value(" donne sant tableau"),
        )
        .col_expr(
            mission::Column::SearchText,
            Expr::value("donnees de sante tableau"),
        )
        .filter(mission::Column::Slug.eq(COVID))
        .exec(app.state.db.write())
        .await
        .unwrap();
    published_at(&app, COVID, Utc::now()).await;
    let report = run_due(&app.state, fourth).await.unwrap();
    assert_eq!(report.sent, 1);
    let digests = digests_to(&app, email);
    assert_eq!(digests.len(), 2);
    let (_, text, _) = &digests[0];
    assert!(text.contains(COVID), "{text}");
    assert!(!text.contains(PARCOURS), "{text}");
    let delivered = alert_delivery::Entity::find()
        .filter(alert_delivery::Column::AlertId.eq(alert.id))
        .count(app.state.db.read())
        .await
        .unwrap();
    assert_eq!(delivered, 2);
}

#[tokio::test]
async fn pool_skills_select_the_missions_seeking_them() {
    let app = spawn().await;
    let email = "alertes.vivier@numerique.gouv.fr";
    let agent = app.signed_in(email).await;
    // A skill PARCOURS seeks and FOCUS does not.
    let db = app.state.db.read();
    let skills_of = |slug: &'static str| async move {
        let m = mission::Entity::find()
            .filter(mission::Column::Slug.eq(slug))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        app::backend::missions::skills_of(db, &[m.id])
            .await
            .unwrap()
            .remove(&m.id)
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.slug)
            .collect::<Vec<_>>()
    };
    let focus = skills_of(FOCUS).await;
    let slug = skills_of(PARCOURS)
        .await
        .into_iter()
        .find(|s| !focus.contains(s))
        .expect("a skill of one mission only");
    let lend = format!("lend[{slug}]");
    let (status, body) = app
        .json(
            &agent,
            "join_pool",
            &[
                ("full_name", "Ada Lovelace"),
                ("administration", "Ministère de l’Intérieur"),
                ("job_title", "Statisticienne"),
                (lend.as_str(), "expert"),
                ("days_per_month", "2"),
                ("location", "Lyon"),
                ("remote", "indifferent"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = create(
        &app,
        &agent,
        &[("use_pool_skills", "on"), ("frequency", "hebdomadaire")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, mine) = app.json(&agent, "my_alerts", &[]).await;
    assert_eq!(mine["has_profile"], true);
    assert_eq!(
        mine["alerts"][0]["label"],
        "Compétences de mon profil du vivier"
    );
    let alert = alerts_of(&app, email).await.remove(0);
    published_at(&app, PARCOURS, Utc::now()).await;
    published_at(&app, FOCUS, Utc::now()).await;
    assert_eq!(
        run_due(&app.state, alert.next_due_at).await.unwrap().sent,
        1
    );
    let (_, text, _) = &digests_to(&app, email)[0];
    assert!(text.contains(PARCOURS), "{text}");
    assert!(!text.contains(FOCUS), "{text}");
}

#[tokio::test]
async fn no_more_digests_than_the_monthly_cap() {
    let app = spawn_with(|c| c.alerts_per_month = 2).await;
    let email = "alertes.cap@numerique.gouv.fr";
    let agent = app.signed_in(email).await;
    let (status, _) = create(&app, &agent, &[("frequency", "quotidienne")]).await;
    assert_eq!(status, 200);
    let alert = alerts_of(&app, email).await.remove(0);
    // Fixed instants, in March then April 2031, so the months
    // are known whatever today is: the alert dates from 2020, the seeded
    // missions from 2019, and each is "published" in 2021 when needed.
    let days = [utc(2031, 3, 3, 8), utc(2031, 3, 4, 8), utc(2031, 3, 5, 8)];
    mission_alert::Entity::update_many()
        .col_expr(
            mission_alert::Column::CreatedAt,
            Expr::value(utc(2020, 1, 1, 0)),
        )
        .col_expr(mission_alert::Column::NextDueAt, Expr::value(days[0]))
        .filter(mission_alert::Column::Id.eq(alert.id))
        .exec(app.state.db.write())
        .await
        .unwrap();
    for slug in [PARCOURS, DESIGN, FOCUS, COVID] {
        published_at(&app, slug, utc(2019, 1, 1, 0)).await;
    }
    let publish = |slug| published_at(&app, slug, utc(2021, 1, 1, 0));

    publish(PARCOURS).await;
    assert_eq!(run_due(&app.state, days[0]).await.unwrap().sent, 1);
    publish(DESIGN).await;
    assert_eq!(run_due(&app.state, days[1]).await.unwrap().sent, 1);
    publish(FOCUS).await;
    let capped = run_due(&app.state, days[2]).await.unwrap();
    assert_eq!((capped.sent, capped.capped), (0, 1));
    assert_eq!(digests_to(&app, email).len(), 2);
    // Held back, not lost: the first period of April sends it.
    let april = run_due(&app.state, utc(2031, 4, 1, 8)).await.unwrap();
    assert_eq!(april.sent, 1);
    let digests = digests_to(&app, email);
    assert_eq!(digests.len(), 3);
    assert!(digests[0].1.contains(FOCUS), "{}", digests[0].1);
    let counted = alert_digest::Entity::find()
        .filter(alert_digest::Column::AlertId.eq(alert.id))
        .count(app.state.db.read())
        .await
        .unwrap();
    assert_eq!(counted, 3);
}

#[tokio::test]
async fn two_instances_running_the_job_at_once_send_each_digest_once() {
    let app = spawn().await;
    let emails: Vec<String> = (0..4)
        .map(|i| format!("alertes.instances{i}@numerique.gouv.fr"))
        .collect();
    for email in &emails {
        let agent = app.signed_in(email).await;
        let (status, _) = create(&app, &agent, &[("frequency", "quotidienne")]).await;
        assert_eq!(status, 200);
    }
    published_at(&app, PARCOURS, Utc::now()).await;
    let mut due = Utc::now();
    for email in &emails {
        due = due.max(alerts_of(&app, email).await[0].next_due_at);
    }
    // Over PostgreSQL, a second instance; SQLite serves one instance only
    // (README), so there two runs of the same instance race instead.
    let second = if postgres_admin_url().is_some() {
        app.another_instance().await.1
    } else {
        app.state.clone()
    };
    let (a, b) = tokio::join!(run_due(&app.state, due), run_due(&second, due));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, emails.len(), "{a:?} {b:?}");
    for email in &emails {
        let digests = digests_to(&app, email);
        assert_eq!(digests.len(), 1, "{email}");
        assert!(digests[0].1.contains(PARCOURS));
    }
    // And again at once: nothing more.
    let (a, b) = tokio::join!(run_due(&app.state, due), run_due(&second, due));
    assert_eq!(a.unwrap().sent + b.unwrap().sent, 0);
}

#[tokio::test]
async fn the_unsubscribe_link_works_signed_out_and_only_once() {
    let app = spawn().await;
    let email = "alertes.desabonnement@numerique.gouv.fr";
    let agent = app.signed_in(email).await;
    for q in ["parcours", "numerique"] {
        let (status, _) = create(&app, &agent, &[("q", q), ("frequency", "quotidienne")]).await;
        assert_eq!(status, 200);
    }
    published_at(&app, PARCOURS, Utc::now()).await;
    let due = alerts_of(&app, email)
        .await
        .iter()
        .map(|a| a.next_due_at)
        .max()
        .unwrap();
    assert_eq!(run_due(&app.state, due).await.unwrap().sent, 2);
    let digests = digests_to(&app, email);
    let (first, second) = (&digests[0].1, &digests[1].1);
    let (token, other_token) = (unsubscribe_token(first), unsubscribe_token(second));

    // Signed out: the page names the alert and asks for a click.
    let visitor = client();
    let (status, page) = app
        .page(&visitor, &format!("/alertes/desabonnement?jeton={token}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Me désabonner"), "{page}");
    assert!(page.contains("Se désabonner d’une alerte"));
    assert!(!page.contains(email), "the page does not show the address");
    let (status, body) = app
        .json(&visitor, "unsubscribe_alert", &[("jeton", &token)])
        .await;
    assert_eq!(status, 200, "{body}");
    // Only that alert is gone.
    assert_eq!(alerts_of(&app, email).await.len(), 1);

    // Used: a clear French answer, never a 500.
    let (status, body) = app
        .json(&visitor, "unsubscribe_alert", &[("jeton", &token)])
        .await;
    assert_eq!(status, 404);
    assert!(
        body["NotFound"].as_str().unwrap().contains("désabonné"),
        "{body}"
    );
    for bad in [token.as_str(), "", "nimporte-quoi", &"x".repeat(500)] {
        let (status, page) = app
            .page(&visitor, &format!("/alertes/desabonnement?jeton={bad}"))
            .await;
        assert_eq!(status, 404, "{bad}");
        assert!(page.contains("Ce lien de désabonnement ne correspond à aucune alerte"));
    }
    let (status, page) = app
        .page(&visitor, "/alertes/desabonnement?info=desabonne")
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Vous êtes désabonné"));

    // RFC 8058 one-click: the mail client POSTs to the link itself.
    let one_click = |token: String| {
        visitor
            .post(format!("{}/alertes/desabonnement?jeton={token}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
    };
    let res = one_click("inconnu".into()).await.unwrap();
    assert_eq!(res.status().as_u16(), 404);
    assert_eq!(alerts_of(&app, email).await.len(), 1);
    let res = one_click(other_token.clone()).await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.text().await.unwrap().contains("désabonné"));
    assert!(alerts_of(&app, email).await.is_empty());
    let res = one_click(other_token).await.unwrap();
    assert_eq!(res.status().as_u16(), 404);
}

#[tokio::test]
async fn the_pages_offer_alerts_and_plain_forms_work() {
    let app = spawn().await;
    let visitor = client();
    let (status, page) = app.page(&visitor, "/missions?q=donnees").await;
    assert_eq!(status, 200);
    assert!(page.contains("Recevoir les nouvelles missions de cette recherche par e-mail"));
    assert!(
        page.contains("/connexion?suite=%2Fmissions%3Fq%3Ddonnees"),
        "signed out: sign in first, then back to the search"
    );

    let email = "alertes.pages@numerique.gouv.fr";
    let agent = app.signed_in(email).await;
    let (status, page) = app
        .page(&agent, "/missions?q=donnees&modalite=a_distance")
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Créer une alerte sur cette recherche"));
    assert!(page.contains(r#"name="q" value="donnees""#), "{page}");
    assert!(page.contains(r#"name="modalite" value="a_distance""#));

    let (status, page) = app.page(&agent, "/mon-espace").await;
    assert_eq!(status, 200);
    assert!(page.contains("Mes alertes") && page.contains("Vous n’avez aucune alerte."));
    assert!(page.contains("Fréquence des envois"));
    // Not in the pool: no pool-skills box, an invitation instead.
    assert!(!page.contains("Utiliser les compétences de mon profil du vivier"));

    // A plain form post (no JavaScript) goes back to the page, the error
    // signed in its URL; the page shows it next to the field.
    let res = agent
        .post(format!("{}/api/create_alert", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/mon-espace", app.base))
        .form(&[("q", "accessibilité"), ("frequency", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    assert!(back.contains("__err="), "{back}");
    let (status, page) = app.page(&agent, &back.replace(&app.base, "")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Choisissez la fréquence des envois"),
        "{page}"
    );
    assert!(page.contains(r#"value="accessibilité""#));

    let res = agent
        .post(format!("{}/api/create_alert", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/mon-espace", app.base))
        .form(&[("q", "accessibilité"), ("frequency", "hebdomadaire")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(res.headers()["location"], "/mon-espace?info=alerte-creee");
    let (_, page) = app.page(&agent, "/mon-espace?info=alerte-creee").await;
    assert!(page.contains("Votre alerte est créée"));
    assert!(page.contains("« accessibilité »"));
    assert!(page.contains("Supprimer l’alerte"));
}
