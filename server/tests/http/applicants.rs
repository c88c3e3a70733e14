//! Applicants over HTTP: the owners move an application, the line manager
//! answers through a single-use link, the agent is selected only with it.

use crate::common::{client, spawn};

const MANAGER: &str = "responsable.demo@numerique.gouv.fr";
const LINE_MANAGER: &str = "camille.martin@numerique.gouv.fr";

fn token_in(body: &str) -> Option<String> {
    let start = body.find("/accord?jeton=")? + "/accord?jeton=".len();
    Some(
        body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect(),
    )
}

#[tokio::test]
async fn an_agent_is_selected_only_with_the_line_managers_agreement() {
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let (_, space) = app.json(&manager, "admin_space", &[]).await;
    let mission = space["missions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] == "publiee")
        .expect("a seeded mission")
        .clone();
    let mission_id = mission["id"].to_string();
    let slug = mission["slug"].as_str().unwrap().to_string();

    let agent = app.signed_in("lea.dupont@numerique.gouv.fr").await;
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
                ("manager_email", LINE_MANAGER),
                ("manager_ack", "on"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");

    let (status, list) = app
        .json(&manager, "mission_applications", &[("id", &mission_id)])
        .await;
    assert_eq!(status, 200, "{list}");
    let a = &list["applicants"][0];
    assert_eq!(a["status"], "recue");
    assert_eq!(a["manager_email"], LINE_MANAGER);
    let app_id = a["id"].to_string();

    // Nobody else sees the applications; the agent cannot move them.
    let other = app.signed_in("responsable.demo@education.gouv.fr").await;
    let (status, body) = app
        .json(&other, "mission_applications", &[("id", &mission_id)])
        .await;
    assert_eq!(status, 403);
    assert!(!body.to_string().contains("lea.dupont"));
    let (status, _) = app
        .json(
            &agent,
            "move_application",
            &[("id", &app_id), ("action", "discuter")],
        )
        .await;
    assert_eq!(status, 403);

    let (status, _) = app
        .json(
            &manager,
            "move_application",
            &[("id", &app_id), ("action", "discuter")],
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = app
        .json(
            &manager,
            "move_application",
            &[("id", &app_id), ("action", "retenir")],
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert!(body.to_string().contains("accord du supérieur"));

    let (status, _) = app
        .json(&manager, "request_agreement", &[("id", &app_id)])
        .await;
    assert_eq!(status, 200);
    let mail = app::backend::mail::read_outbox(&app.outbox, 100)
        .into_iter()
        .find(|m| m.to.contains(LINE_MANAGER))
        .expect("the line manager gets a link");
    let token = token_in(&mail.body).expect("a link");
    assert!(token.len() >= 40);

    // Forged and malformed links are refused clearly.
    for bad in ["", "abc", &"x".repeat(500), &format!("{token}x")] {
        let (status, body) = app
            .json(
                &client(),
                "answer_agreement",
                &[("jeton", bad), ("answer", "accord")],
            )
            .await;
        assert_eq!(status, 404, "{bad}: {body}");
    }
    let (status, page) = app.json(&client(), "agreement", &[("jeton", &token)]).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["manager_name"], "Camille Martin");
    assert!(page["time_asked"]
        .as_str()
        .unwrap()
        .contains("Deux jours par mois"));

    let (status, body) = app
        .json(
            &client(),
            "answer_agreement",
            &[("jeton", &token), ("answer", "accord_reduit")],
        )
        .await;
    assert_eq!(status, 400, "a reduced time must be stated: {body}");
    let (status, _) = app
        .json(
            &client(),
            "answer_agreement",
            &[
                ("jeton", &token),
                ("answer", "accord_reduit"),
                ("time_agreed", "Un jour par mois"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = app
        .json(
            &client(),
            "answer_agreement",
            &[
                ("jeton", &token),
                ("answer", "refus"),
                ("reason", "Changement d’avis"),
            ],
        )
        .await;
    assert_eq!(status, 409, "a link works once: {body}");

    let (_, list) = app
        .json(&manager, "mission_applications", &[("id", &mission_id)])
        .await;
    assert_eq!(list["applicants"][0]["agreement"]["given"], true);
    assert_eq!(
        list["applicants"][0]["agreement"]["time_agreed"],
        "Un jour par mois"
    );

    let (status, body) = app
        .json(
            &manager,
            "move_application",
            &[("id", &app_id), ("action", "retenir")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    // One place: the mission is filled and no longer open to applications.
    let (_, e) = app
        .json(&manager, "mission_editor", &[("id", &mission_id)])
        .await;
    assert_eq!(e["status"], "pourvue");
    let (_, mine) = app.json(&agent, "my_space", &[]).await;
    let steps: Vec<String> = mine["applications"][0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(steps.last().unwrap(), "Retenue", "{steps:?}");
    assert!(steps.contains(&"Accord du supérieur demandé".to_string()));
}

#[tokio::test]
async fn declining_needs_a_reason_from_the_list() {
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let (_, space) = app.json(&manager, "admin_space", &[]).await;
    let mission = space["missions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] == "publiee")
        .unwrap()
        .clone();
    let agent = app.signed_in("paul.durand@numerique.gouv.fr").await;
    let (status, _) = app
        .json(
            &agent,
            "submit_application",
            &[
                ("slug", mission["slug"].as_str().unwrap()),
                (
                    "motivation",
                    "Je souhaite contribuer à cette mission qui me tient à cœur.",
                ),
                ("availability", "Un jour par semaine"),
                ("manager_name", "Camille Martin"),
                ("manager_email", LINE_MANAGER),
                ("manager_ack", "on"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (_, list) = app
        .json(
            &manager,
            "mission_applications",
            &[("id", &mission["id"].to_string())],
        )
        .await;
    let id = list["applicants"][0]["id"].to_string();
    let (status, body) = app
        .json(
            &manager,
            "move_application",
            &[
                ("id", &id),
                ("action", "ne_pas_retenir"),
                ("reason", "n'importe quoi"),
                ("note", "Gardé"),
            ],
        )
        .await;
    // Said next to that card's list of reasons, the note kept.
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"][format!("reason-{id}")]
        .as_str()
        .unwrap()
        .starts_with("Choisissez le motif"));
    assert_eq!(body["Invalid"]["values"]["note"], "Gardé");
    let (status, _) = app
        .json(
            &manager,
            "move_application",
            &[
                ("id", &id),
                ("action", "ne_pas_retenir"),
                ("reason", "disponibilite"),
                ("note", "Merci !"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (_, mine) = app.json(&agent, "my_space", &[]).await;
    assert_eq!(mine["applications"][0]["status"], "non_retenue");
    let last = mine["applications"][0]["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert!(
        last["note"].as_str().unwrap().contains("disponibilités"),
        "{last}"
    );
    // Closed: nothing moves it any more.
    let (status, _) = app
        .json(
            &manager,
            "move_application",
            &[("id", &id), ("action", "discuter")],
        )
        .await;
    assert_eq!(status, 409);
}

/// Sets a seeded published mission's application deadline to yesterday and
/// returns its id and slug.
async fn past_deadline(app: &crate::common::TestApp, manager: &reqwest::Client) -> (i32, String) {
    use app::backend::entities::mission;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let (_, space) = app.json(manager, "admin_space", &[]).await;
    let m = space["missions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] == "publiee")
        .expect("a seeded mission")
        .clone();
    let id = m["id"].as_i64().unwrap() as i32;
    let row = mission::Entity::find_by_id(id)
        .one(app.state.db.write())
        .await
        .unwrap()
        .unwrap();
    let mut row: mission::ActiveModel = row.into();
    row.deadline = Set(Some(
        app::backend::time::today() - chrono::Duration::days(1),
    ));
    row.update(app.state.db.write()).await.unwrap();
    (id, m["slug"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn a_mission_expires_when_its_deadline_passes_and_its_applicants_can_still_be_taken() {
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let (_, space) = app.json(&manager, "admin_space", &[]).await;
    let slug = space["missions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] == "publiee")
        .unwrap()["slug"]
        .as_str()
        .unwrap()
        .to_string();
    // An agent applies before the deadline.
    let agent = app.signed_in("lea.dupont@numerique.gouv.fr").await;
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
                ("manager_email", LINE_MANAGER),
                ("manager_ack", "on"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (id, slug2) = past_deadline(&app, &manager).await;
    assert_eq!(slug, slug2);
    let ids = id.to_string();

    // Checked on read, before the periodic task has run.
    let (_, space) = app.json(&manager, "admin_space", &[]).await;
    let row = space["missions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(row["status"], "expiree", "{row}");
    let (_, list) = app.json(&client(), "list_missions", &[]).await;
    assert!(!list.to_string().contains(&slug), "{list}");
    let (status, _) = app
        .json(
            &app.signed_in("agent.demo@numerique.gouv.fr").await,
            "submit_application",
            &[
                ("slug", slug.as_str()),
                (
                    "motivation",
                    "Une candidature arrivée trop tard pour la mission.",
                ),
                ("availability", "Deux jours"),
                ("manager_name", "Camille Martin"),
                ("manager_email", LINE_MANAGER),
                ("manager_ack", "on"),
            ],
        )
        .await;
    assert_ne!(status, 200);

    // The periodic task records it once, with its history line and a message.
    assert_eq!(
        app::backend::sheets::expire_due(&app.state).await.unwrap(),
        1
    );
    assert_eq!(
        app::backend::sheets::expire_due(&app.state).await.unwrap(),
        0
    );
    let (_, e) = app.json(&manager, "mission_editor", &[("id", &ids)]).await;
    assert_eq!(e["status"], "expiree");
    let last = e["history"].as_array().unwrap().iter().any(|h| {
        h["who"] == "le service" && h["comment"] == "Date limite de candidature dépassée."
    });
    assert!(last, "{}", e["history"]);
    let told = app::backend::mail::read_outbox(&app.outbox, 100)
        .into_iter()
        .any(|m| m.to.contains(MANAGER) && m.subject.contains("date limite"));
    assert!(told);

    // Its page stays readable, applications closed.
    let (status, page) = app.page(&client(), &format!("/missions/{slug}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Candidatures closes"));

    // The application received in time can still be handled.
    let (_, list) = app
        .json(&manager, "mission_applications", &[("id", &ids)])
        .await;
    let app_id = list["applicants"][0]["id"].to_string();
    let (status, body) = app
        .json(
            &manager,
            "move_application",
            &[("id", &app_id), ("action", "discuter")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn the_owners_hear_of_each_application_and_never_apply_themselves() {
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let (_, space) = app.json(&manager, "admin_space", &[]).await;
    let mission = space["missions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] == "publiee")
        .unwrap()
        .clone();
    let slug = mission["slug"].as_str().unwrap().to_string();
    let form = |who: &'static str| {
        vec![
            ("slug", slug.clone()),
            (
                "motivation",
                "Je souhaite contribuer à cette mission qui me tient à cœur.".to_string(),
            ),
            ("availability", "Deux jours par mois".to_string()),
            ("manager_name", "Camille Martin".to_string()),
            ("manager_email", who.to_string()),
            ("manager_ack", "on".to_string()),
        ]
    };
    let own = form(LINE_MANAGER);
    let own: Vec<(&str, &str)> = own.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = app.json(&manager, "submit_application", &own).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.to_string().contains("responsable de cette mission"));

    let agent = app.signed_in("lea.dupont@numerique.gouv.fr").await;
    let (status, body) = app.json(&agent, "submit_application", &own).await;
    assert_eq!(status, 200, "{body}");
    let told = app::backend::mail::read_outbox(&app.outbox, 100)
        .into_iter()
        .find(|m| m.to.contains(MANAGER) && m.subject.starts_with("Nouvelle candidature"))
        .expect("the owner is told");
    assert!(told.body.contains(&format!(
        "/espace-administration/missions/{}/candidatures",
        mission["id"]
    )));
    assert!(
        !told.body.contains("lea.dupont"),
        "no personal data in the e-mail"
    );
    // The manager still signs in (the newest link is found among other mail).
    app.signed_in(MANAGER).await;
}

/// Three owners' clicks on "retenir" at once for a mission with one place:
/// exactly one agent is selected, the others are told it is taken (409).
#[tokio::test]
async fn the_last_place_goes_to_one_agent_only_under_concurrency() {
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let (_, space) = app.json(&manager, "admin_space", &[]).await;
    let mission = space["missions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] == "publiee")
        .expect("a seeded mission")
        .clone();
    let mission_id = mission["id"].to_string();
    let slug = mission["slug"].as_str().unwrap().to_string();
    let mut ids = Vec::new();
    for n in 0..3 {
        let agent = app.signed_in(&format!("agent{n}@numerique.gouv.fr")).await;
        let line_manager = format!("chef{n}@numerique.gouv.fr");
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
                    ("manager_email", &line_manager),
                    ("manager_ack", "on"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let (_, list) = app
            .json(&manager, "mission_applications", &[("id", &mission_id)])
            .await;
        let id = list["applicants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].to_string())
            .find(|id| !ids.contains(id))
            .unwrap();
        let (status, _) = app
            .json(&manager, "request_agreement", &[("id", &id)])
            .await;
        assert_eq!(status, 200);
        let mail = app::backend::mail::read_outbox(&app.outbox, 100)
            .into_iter()
            .find(|m| m.to.contains(&line_manager))
            .expect("the line manager gets a link");
        let token = token_in(&mail.body).unwrap();
        let (status, _) = app
            .json(
                &client(),
                "answer_agreement",
                &[("jeton", &token), ("answer", "accord")],
            )
            .await;
        assert_eq!(status, 200);
        ids.push(id);
    }
    let moves = ids.iter().map(|id| {
        let manager = &manager;
        let app = &app;
        async move {
            app.json(
                manager,
                "move_application",
                &[("id", id.as_str()), ("action", "retenir")],
            )
            .await
            .0
        }
    });
    let mut statuses: Vec<u16> = futures::future::join_all(moves).await;
    statuses.sort();
    assert_eq!(statuses, vec![200, 409, 409]);
    let (_, list) = app
        .json(&manager, "mission_applications", &[("id", &mission_id)])
        .await;
    let selected = list["applicants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] == "retenue")
        .count();
    assert_eq!(selected, 1, "{list}");
}
