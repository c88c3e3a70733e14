//! The vivier for managers over HTTP: who finds and sees which profile, in
//! which state; ranking; contact requests (logged, limited, answered); the
//! profiles that fit a mission.

use crate::common::{new_draft, spawn, spawn_with, TestApp};
use reqwest::Client;
use serde_json::Value;

const DINUM: &str = "responsable.demo@numerique.gouv.fr";
const MENJ: &str = "responsable.demo@education.gouv.fr";
const ARMEES: &str = "responsable.demo@intradef.gouv.fr";
const MODERATOR: &str = "moderation.demo@numerique.gouv.fr";
const AGENT: &str = "agent.demo@numerique.gouv.fr";
const NAME: &str = "Ada Lovelace";

fn profile<'a>(name: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("full_name", name),
        ("administration", "DINUM / Etalab"),
        ("job_title", "Développeuse"),
        ("lend[developpement-web]", "expert"),
        ("lend[ux-ui-design]", "notions"),
        ("grow[analyse-de-donnees]", "on"),
        ("days_per_month", "3"),
        ("location", "Paris 7e"),
        ("remote", "indifferent"),
        (
            "bio",
            "Dix ans de développement de services publics numériques.",
        ),
    ];
    form.extend_from_slice(extra);
    form
}

async fn search(app: &TestApp, c: &Client, form: &[(&str, &str)]) -> (u16, Value) {
    app.json(c, "search_pool", form).await
}

fn references(results: &Value) -> Vec<String> {
    results["cards"]
        .as_array()
        .map(|cards| {
            cards
                .iter()
                .map(|c| c["reference"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The agent's reference, found by a manager who may see it.
async fn reference_seen_by(app: &TestApp, c: &Client) -> String {
    let (status, body) = search(app, c, &[("competences[developpement-web]", "notions")]).await;
    assert_eq!(status, 200, "{body}");
    references(&body).pop().expect("one profile")
}

#[tokio::test]
async fn who_finds_and_sees_a_profile_in_each_state() {
    let app = spawn().await;
    let agent = app.signed_in(AGENT).await;
    // Own administration DINUM (hidden from it by default), hidden from
    // the Armées by choice.
    let (status, body) = app
        .json(
            &agent,
            "join_pool",
            &profile(
                NAME,
                &[("home_administration", "dinum"), ("hidden[armees]", "on")],
            ),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    assert_eq!(space["profile"]["home_administration"], "dinum");
    assert_eq!(space["profile"]["visible_to_own"], false);
    assert_eq!(
        space["profile"]["hidden_from"],
        serde_json::json!(["armees"])
    );

    let visitor = crate::common::client();
    let plain = app.signed_in("autre.agent@numerique.gouv.fr").await;
    let moderator = app.signed_in(MODERATOR).await;
    let dinum = app.signed_in(DINUM).await;
    let menj = app.signed_in(MENJ).await;
    let armees = app.signed_in(ARMEES).await;
    let any = [("competences[developpement-web]", "notions")];

    // Not managers: refused, whatever they ask.
    assert_eq!(search(&app, &visitor, &any).await.0, 401);
    assert_eq!(search(&app, &plain, &any).await.0, 403);
    assert_eq!(search(&app, &moderator, &any).await.0, 403);
    // The agent's own administration and the hidden one find nothing.
    for c in [&dinum, &armees] {
        let (status, body) = search(&app, c, &any).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["total"], 0, "{body}");
    }
    // Another administration finds an anonymous card.
    let (status, body) = search(&app, &menj, &any).await;
    assert_eq!(status, 200);
    assert_eq!(body["total"], 1);
    let text = body.to_string();
    assert!(
        !text.contains("Ada") && !text.contains(AGENT) && !text.contains("Etalab"),
        "{text}"
    );
    assert!(!text.contains("Dix ans"), "no bio in cards: {text}");
    assert_eq!(body["cards"][0]["job_title"], "Développeuse");
    let reference = references(&body).pop().unwrap();
    assert!(reference.len() >= 24, "references are not guessable ids");

    // The profile page: name and bio, never the e-mail before acceptance.
    let view = |c: &Client| {
        let c = c.clone();
        let reference = reference.clone();
        let app = &app;
        async move {
            app.json(&c, "pool_profile", &[("reference", &reference)])
                .await
        }
    };
    let (status, page) = view(&menj).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["full_name"], NAME);
    assert!(page["email"].is_null());
    assert!(!page.to_string().contains(AGENT));
    for (c, want) in [
        (&visitor, 401),
        (&plain, 403),
        (&moderator, 403),
        (&dinum, 404),
        (&armees, 404),
    ] {
        let (status, body) = view(c).await;
        assert_eq!(status, want, "{body}");
        assert!(!body.to_string().contains("Ada"));
    }
    // Hydration data of the page never holds more than the server function.
    let (status, html) = app
        .page(
            &dinum,
            &format!("/espace-administration/vivier/{reference}"),
        )
        .await;
    assert_eq!(status, 404);
    assert!(!html.contains("Ada") && !html.contains(AGENT));
    let (status, html) = app
        .page(&menj, &format!("/espace-administration/vivier/{reference}"))
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains(NAME) && !html.contains(AGENT),
        "no e-mail in the page"
    );

    // Paused: nobody finds it or opens it.
    assert_eq!(
        app.json(&agent, "pause_pool_profile", &[("paused", "true")])
            .await
            .0,
        200
    );
    assert_eq!(search(&app, &menj, &any).await.1["total"], 0);
    assert_eq!(view(&menj).await.0, 404);
    // Resumed, and visible to its own administration by choice.
    app.json(&agent, "pause_pool_profile", &[("paused", "false")])
        .await;
    let (status, body) = app
        .json(
            &agent,
            "update_pool_profile",
            &profile(
                NAME,
                &[
                    ("home_administration", "dinum"),
                    ("visible_to_own", "on"),
                    ("hidden[armees]", "on"),
                ],
            ),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(search(&app, &dinum, &any).await.1["total"], 1);
    assert_eq!(search(&app, &armees, &any).await.1["total"], 0);
    // Leaving deletes: nothing to find.
    app.json(&agent, "leave_pool", &[("confirm", "on")]).await;
    assert_eq!(search(&app, &menj, &any).await.1["total"], 0);
    assert_eq!(view(&menj).await.0, 404);
}

#[tokio::test]
async fn members_of_an_administration_are_hidden_from_it_by_default() {
    let app = spawn().await;
    // The DINUM manager joins the pool without naming an administration:
    // being a member of DINUM is enough to be hidden from it.
    let dinum_member = app.signed_in(DINUM).await;
    let (status, body) = app
        .json(&dinum_member, "join_pool", &profile("Grace Hopper", &[]))
        .await;
    assert_eq!(status, 200, "{body}");
    let dinum_colleague = app.signed_in("collegue@numerique.gouv.fr").await;
    let moderator = app.signed_in(MODERATOR).await;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let dinum = app::backend::entities::administration::Entity::find()
        .filter(app::backend::entities::administration::Column::Slug.eq("dinum"))
        .one(app.state.db.read())
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let (status, body) = app
        .json(
            &moderator,
            "add_member",
            &[
                ("administration", &dinum),
                ("email", "collegue@numerique.gouv.fr"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let any = [("competences[developpement-web]", "notions")];
    assert_eq!(search(&app, &dinum_colleague, &any).await.1["total"], 0);
    let menj = app.signed_in(MENJ).await;
    assert_eq!(search(&app, &menj, &any).await.1["total"], 1);
    // A manager never meets their own profile either.
    assert_eq!(search(&app, &dinum_member, &any).await.1["total"], 0);
}

#[tokio::test]
async fn search_ranks_by_fit_and_says_why() {
    let app = spawn().await;
    let people = [
        (
            "a@numerique.gouv.fr",
            "Expert Web",
            "expert",
            "sur_site",
            "Lyon",
            "2",
        ),
        (
            "b@numerique.gouv.fr",
            "Praticienne Web",
            "pratique",
            "indifferent",
            "Paris",
            "8",
        ),
        (
            "c@numerique.gouv.fr",
            "Notions Web",
            "notions",
            "a_distance",
            "Brest",
            "1",
        ),
    ];
    for (email, title, level, remote, place, days) in people {
        let c = app.signed_in(email).await;
        let form = vec![
            ("full_name", "Quelqu’un"),
            ("administration", "Une administration"),
            ("job_title", title),
            ("lend[developpement-web]", level),
            ("days_per_month", days),
            ("location", place),
            ("remote", remote),
        ];
        let (status, body) = app.json(&c, "join_pool", &form).await;
        assert_eq!(status, 200, "{body}");
    }
    let menj = app.signed_in(MENJ).await;
    let titles = |body: &Value| -> Vec<String> {
        body["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["job_title"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, all) = search(
        &app,
        &menj,
        &[("competences[developpement-web]", "notions")],
    )
    .await;
    assert_eq!(
        titles(&all),
        ["Expert Web", "Praticienne Web", "Notions Web"]
    );
    assert!(all["cards"][0]["reasons"][0]
        .as_str()
        .unwrap()
        .contains("Partage « Développement web » (niveau expert)"));
    // A minimum level.
    let (_, good) = search(
        &app,
        &menj,
        &[("competences[developpement-web]", "pratique")],
    )
    .await;
    assert_eq!(titles(&good), ["Expert Web", "Praticienne Web"]);
    // Mode: remote missions exclude on-site-only people.
    let (_, remote) = search(
        &app,
        &menj,
        &[
            ("competences[developpement-web]", "notions"),
            ("modalite", "a_distance"),
        ],
    )
    .await;
    assert_eq!(titles(&remote), ["Praticienne Web", "Notions Web"]);
    // Place and availability are filters.
    let (_, paris) = search(&app, &menj, &[("lieu", "PARIS")]).await;
    assert_eq!(titles(&paris), ["Praticienne Web"]);
    let (_, days) = search(&app, &menj, &[("jours", "2")]).await;
    assert_eq!(titles(&days), ["Praticienne Web", "Expert Web"]);
    // Free text, whatever the accents and case.
    let (_, text) = search(&app, &menj, &[("q", "PRATICIENNE")]).await;
    assert_eq!(titles(&text), ["Praticienne Web"]);
    let (_, text) = search(&app, &menj, &[("q", "developpement")]).await;
    assert_eq!(text["total"], 3, "skill names are searched too");
    // Bad input: a message for the field, never a 500.
    for (field, form) in [
        ("competences", vec![("competences[inconnue]", "expert")]),
        (
            "competences",
            vec![("competences[developpement-web]", "maitre")],
        ),
        ("modalite", vec![("modalite", "sur_la_lune")]),
        ("jours", vec![("jours", "cent")]),
        ("jours", vec![("jours", "0")]),
    ] {
        let (status, body) = search(&app, &menj, &form).await;
        assert_eq!(status, 400, "{form:?}: {body}");
        assert!(body["Invalid"]["fields"][field].is_string(), "{body}");
    }
    let long = "é".repeat(10_000);
    assert_eq!(
        search(&app, &menj, &[("q", &long), ("lieu", &long)])
            .await
            .0,
        200
    );
    assert_eq!(search(&app, &menj, &[("page", "999")]).await.1["page"], 1);
}

#[tokio::test]
async fn contact_requests_are_logged_limited_and_answered() {
    let app = spawn_with(|c| c.contacts_per_month = 2).await;
    let agent = app.signed_in(AGENT).await;
    app.json(&agent, "join_pool", &profile(NAME, &[])).await;
    let menj = app.signed_in(MENJ).await;
    let reference = reference_seen_by(&app, &menj).await;
    let first = new_draft(&app, &menj).await.to_string();
    let second = new_draft(&app, &menj).await.to_string();
    let third = new_draft(&app, &menj).await.to_string();
    let message =
        "Bonjour, votre profil correspond à notre mission de refonte : seriez-vous disponible ?";
    let send = |mission: String, text: &'static str| {
        let menj = menj.clone();
        let reference = reference.clone();
        let app = &app;
        async move {
            app.json(
                &menj,
                "contact_pool_member",
                &[
                    ("reference", &reference),
                    ("mission_id", &mission),
                    ("message", text),
                ],
            )
            .await
        }
    };

    // A view is logged.
    let (status, page) = app
        .json(&menj, "pool_profile", &[("reference", &reference)])
        .await;
    assert_eq!(status, 200);
    assert_eq!(page["remaining"], 2);
    // My missions not yet over (the seeded published ones and my drafts).
    let offered: Vec<String> = page["missions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].to_string())
        .collect();
    for m in [&first, &second, &third] {
        assert!(offered.contains(m), "{offered:?}");
    }
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    assert_eq!(space["profile_log"][0]["kind"], "consultation");
    assert!(space["profile_log"][0]["who"]
        .as_str()
        .unwrap()
        .contains("MENJ"));

    // Bad requests: French messages by field, the message kept.
    let (status, body) = send(first.clone(), "Bonjour").await;
    assert_eq!(status, 400);
    assert!(body["Invalid"]["fields"]["message"].is_string());
    let (status, body) = send("12345".into(), message).await;
    assert_eq!(status, 400);
    assert!(body["Invalid"]["fields"]["mission_id"].is_string());
    assert_eq!(body["Invalid"]["values"]["message"], message);
    // Someone else's mission is not one of mine.
    let dinum = app.signed_in(DINUM).await;
    let dinum_mission = new_draft(&app, &dinum).await.to_string();
    assert_eq!(send(dinum_mission, message).await.0, 400);

    assert_eq!(send(first.clone(), message).await.0, 200);
    // One waiting request per mission.
    let (status, body) = send(first.clone(), message).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"]["mission_id"]
        .as_str()
        .unwrap()
        .contains("attend déjà"));
    assert_eq!(send(second.clone(), message).await.0, 200);
    // The monthly limit, with a clear message.
    let (status, body) = send(third.clone(), message).await;
    assert_eq!(status, 400);
    assert!(body["Invalid"]["fields"]["message"]
        .as_str()
        .unwrap()
        .contains("c’est le maximum"));
    // The agent was told, and sees who asked.
    let mails = app::backend::mail::read_outbox(&app.outbox, 100);
    let told = mails
        .iter()
        .filter(|m| m.to.contains(AGENT) && m.subject.contains("demande de contact"))
        .count();
    assert_eq!(told, 2);
    assert!(!mails
        .iter()
        .any(|m| m.to.contains(MENJ) && m.body.contains(AGENT)));
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    let requests = space["contact_requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2);
    assert!(requests[0]["from_email"].is_null());
    assert_eq!(space["profile_log"][0]["kind"], "demande_contact");
    let request_id = requests[1]["id"].as_i64().unwrap().to_string();

    // Only the agent answers, once.
    let (status, _) = app
        .json(
            &menj,
            "answer_contact_request",
            &[("id", &request_id), ("answer", "accepter")],
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = app
        .json(
            &agent,
            "answer_contact_request",
            &[("id", &request_id), ("answer", "peut-etre")],
        )
        .await;
    assert_eq!(status, 400);
    let (status, _) = app
        .json(
            &agent,
            "answer_contact_request",
            &[("id", &request_id), ("answer", "accepter")],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .json(
            &agent,
            "answer_contact_request",
            &[("id", &request_id), ("answer", "decliner")],
        )
        .await;
    assert_eq!(status, 409);

    // Accepted: the manager sees the e-mail, the agent the manager's.
    let (_, page) = app
        .json(&menj, "pool_profile", &[("reference", &reference)])
        .await;
    assert_eq!(page["email"], AGENT);
    let (_, sent) = app.json(&menj, "my_contact_requests", &[]).await;
    let accepted: Vec<&Value> = sent
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "acceptee")
        .collect();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0]["email"], AGENT);
    let waiting = sent
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "envoyee")
        .unwrap();
    assert!(waiting["email"].is_null() && waiting["full_name"].is_null());
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    assert_eq!(space["contact_requests"][1]["from_email"], MENJ);
    // Others never see it.
    let (_, theirs) = app.json(&dinum, "my_contact_requests", &[]).await;
    assert_eq!(theirs, serde_json::json!([]));

    // Declined: never asked again for that mission.
    let waiting_id = requests[0]["id"].as_i64().unwrap().to_string();
    let (status, _) = app
        .json(
            &agent,
            "answer_contact_request",
            &[("id", &waiting_id), ("answer", "decliner")],
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = send(second.clone(), message).await;
    assert_eq!(status, 400);
    assert!(
        body["Invalid"]["fields"]["mission_id"]
            .as_str()
            .unwrap()
            .contains("a décliné"),
        "{body}"
    );
    // Views within a quarter of an hour are one visit in the log.
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    let views = space["profile_log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "consultation")
        .count();
    assert_eq!(views, 1, "{space}");
}

#[tokio::test]
async fn concurrent_requests_never_pass_the_monthly_limit() {
    let app = spawn_with(|c| c.contacts_per_month = 2).await;
    let agent = app.signed_in(AGENT).await;
    app.json(&agent, "join_pool", &profile(NAME, &[])).await;
    let menj = app.signed_in(MENJ).await;
    let reference = reference_seen_by(&app, &menj).await;
    let mut missions = Vec::new();
    for _ in 0..5 {
        missions.push(new_draft(&app, &menj).await.to_string());
    }
    let message = "Bonjour, votre profil correspond à notre mission : pouvons-nous en parler ?";
    let sends = missions.iter().map(|m| {
        let (app, menj, reference) = (&app, &menj, &reference);
        async move {
            app.json(
                menj,
                "contact_pool_member",
                &[
                    ("reference", reference),
                    ("mission_id", m),
                    ("message", message),
                ],
            )
            .await
        }
    });
    // Every request is in flight at once.
    let results = futures::future::join_all(sends).await;
    let ok = results.iter().filter(|(s, _)| *s == 200).count();
    assert!(
        results.iter().all(|(s, _)| [200, 400].contains(s)),
        "{results:?}"
    );
    assert_eq!(ok, 2, "{results:?}");
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    assert_eq!(space["contact_requests"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_mission_shows_the_profiles_that_fit_it() {
    let app = spawn().await;
    let agent = app.signed_in(AGENT).await;
    app.json(
        &agent,
        "join_pool",
        &profile(NAME, &[("home_administration", "dinum")]),
    )
    .await;
    let menj = app.signed_in(MENJ).await;
    let id = new_draft(&app, &menj).await;
    let ids = id.to_string();
    // No skills yet: nobody.
    let (status, body) = app
        .json(&menj, "pool_matches", &[("mission_id", &ids)])
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 0);
    let (status, body) = app
        .json(
            &menj,
            "save_mission",
            &[
                ("id", &ids),
                ("version", "1"),
                ("intent", "autosave"),
                ("title", "Refonte d’un formulaire"),
                ("skills[ux-ui-design]", "on"),
                ("mode", "a_distance"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = app
        .json(&menj, "pool_matches", &[("mission_id", &ids)])
        .await;
    assert_eq!(body["total"], 1, "{body}");
    let card = &body["best"][0];
    assert!(!body.to_string().contains("Ada"));
    let reasons = card["reasons"].to_string();
    assert!(
        reasons.contains("UX / UI design") && reasons.contains("notions"),
        "{reasons}"
    );
    // Someone else's mission: refused.
    let dinum = app.signed_in(DINUM).await;
    assert_eq!(
        app.json(&dinum, "pool_matches", &[("mission_id", &ids)])
            .await
            .0,
        403
    );
    let moderator = app.signed_in(MODERATOR).await;
    assert_eq!(
        app.json(&moderator, "pool_matches", &[("mission_id", &ids)])
            .await
            .0,
        403
    );
    assert_eq!(
        app.json(&menj, "pool_matches", &[("mission_id", "999999")])
            .await
            .0,
        404
    );
    // Hidden from MENJ: no longer counted.
    app.json(
        &agent,
        "update_pool_profile",
        &profile(
            NAME,
            &[("home_administration", "dinum"), ("hidden[menj]", "on")],
        ),
    )
    .await;
    assert_eq!(
        app.json(&menj, "pool_matches", &[("mission_id", &ids)])
            .await
            .1["total"],
        0
    );
}

#[tokio::test]
async fn a_co_owner_cannot_reach_someone_hiding_from_the_missions_administration() {
    let app = spawn().await;
    let agent = app.signed_in(AGENT).await;
    app.json(
        &agent,
        "join_pool",
        &profile(NAME, &[("hidden[menj]", "on")]),
    )
    .await;
    // A MENJ mission co-owned by a DINUM manager, who may see the profile.
    let menj = app.signed_in(MENJ).await;
    let id = new_draft(&app, &menj).await.to_string();
    let (status, body) = app
        .json(&menj, "invite_co_owner", &[("id", &id), ("email", DINUM)])
        .await;
    assert_eq!(status, 200, "{body}");
    let dinum = app.signed_in(DINUM).await;
    let reference = reference_seen_by(&app, &dinum).await;
    let (status, body) = app
        .json(
            &dinum,
            "contact_pool_member",
            &[
                ("reference", &reference),
                ("mission_id", &id),
                (
                    "message",
                    "Bonjour, seriez-vous disponible pour cette mission du ministère ?",
                ),
            ],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"]["mission_id"]
        .as_str()
        .unwrap()
        .contains("ne souhaite pas"));
    let (_, space) = app.json(&agent, "my_space", &[]).await;
    assert_eq!(space["contact_requests"], serde_json::json!([]));
}
