//! The administrations' side over HTTP: drafts, versioned saves, submission,
//! moderation, and every function refused to whoever may not call it.

use crate::common::{client, new_draft, spawn, TestApp};
use reqwest::Client;
use serde_json::Value;

const MANAGER: &str = "responsable.demo@numerique.gouv.fr";
const OTHER_MANAGER: &str = "responsable.demo@education.gouv.fr";
const MODERATOR: &str = "moderation.demo@numerique.gouv.fr";
const AGENT: &str = "agent.demo@numerique.gouv.fr";

fn complete_sheet<'a>(id: &'a str, version: &'a str, intent: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", id),
        ("version", version),
        ("intent", intent),
        ("title", "Refonte du parcours de candidature"),
        ("service", "Direction interministérielle du numérique"),
        ("nature", "appui_projet"),
        ("skills[ux-ui-design]", "on"),
        ("description", "Nous cherchons un appui pour repenser le parcours des agents qui candidatent, avec des tests auprès d’usagers."),
        ("effort_text", "2 jours par mois pendant 3 mois"),
        ("location", "Paris 7e"),
        ("mode", "hybride"),
        ("places", "1"),
    ]
}

async fn editor(app: &TestApp, c: &Client, id: i32) -> (u16, Value) {
    app.json(c, "mission_editor", &[("id", &id.to_string())])
        .await
}

#[tokio::test]
async fn a_mission_goes_from_draft_to_published_through_moderation() {
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let id = new_draft(&app, &manager).await;
    let ids = id.to_string();

    // Incomplete submission: French messages per field, nothing lost.
    let (status, body) = app
        .json(
            &manager,
            "save_mission",
            &[
                ("id", &ids),
                ("version", "1"),
                ("intent", "soumettre"),
                ("title", "Une mission"),
            ],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"]["description"]
        .as_str()
        .unwrap()
        .contains("Renseignez"));
    assert_eq!(body["Invalid"]["values"]["title"], "Une mission");

    // A draft saves incomplete; the version moves on.
    let (status, saved) = app
        .json(
            &manager,
            "save_mission",
            &[
                ("id", &ids),
                ("version", "1"),
                ("intent", "autosave"),
                ("title", "Une mission"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["preview"]["title"], "Une mission");

    // A save based on the old version that changes the same field never
    // overwrites: both versions come back for the editor to choose.
    let (status, body) = app
        .json(
            &manager,
            "save_mission",
            &[
                ("id", &ids),
                ("version", "1"),
                ("intent", "autosave"),
                ("title", "Écrasement"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["conflicts"][0]["field"], "title");
    assert_eq!(body["conflicts"][0]["theirs"], "Une mission");
    assert_eq!(body["version"], 2);
    let (_, e) = editor(&app, &manager, id).await;
    assert_eq!(e["form"]["title"], "Une mission");

    // Complete and submit.
    let (status, body) = app
        .json(
            &manager,
            "save_mission",
            &complete_sheet(&ids, "2", "soumettre"),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, e) = editor(&app, &manager, id).await;
    assert_eq!(e["status"], "soumise");
    assert_eq!(e["editable"], true);

    // Not public yet.
    let (status, page) = app
        .json(
            &client(),
            "list_missions",
            &[("q", "parcours de candidature")],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(page["total"], 0);

    // The moderator asks for changes: the comment is required.
    let moderator = app.signed_in(MODERATOR).await;
    let (status, queue) = app.json(&moderator, "moderation_queue", &[]).await;
    assert_eq!(status, 200, "{queue}");
    assert!(queue["submitted"]
        .as_array()
        .unwrap()
        .iter()
        .any(|q| q["id"] == id && q["first_review"] == true));
    let (status, body) = app
        .json(
            &moderator,
            "moderate_mission",
            &[("id", &ids), ("action", "demander_modifications")],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = app
        .json(
            &moderator,
            "moderate_mission",
            &[
                ("id", &ids),
                ("action", "demander_modifications"),
                ("comment", "Précisez le lieu."),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let mail = app::backend::mail::read_outbox(&app.outbox, 100)
        .into_iter()
        .find(|m| m.to.contains(MANAGER) && m.subject.contains("modifications"))
        .expect("the owners are told");
    assert!(mail.body.contains("Précisez le lieu."));

    // The manager fixes it and resubmits; the moderator sees the diff.
    let (_, e) = editor(&app, &manager, id).await;
    assert_eq!(e["status"], "a_modifier");
    assert_eq!(e["last_comment"], "Précisez le lieu.");
    let version = e["version"].to_string();
    let mut fixed = complete_sheet(&ids, &version, "soumettre");
    fixed.retain(|(k, _)| *k != "location");
    fixed.push(("location", "Paris 7e, 20 avenue de Ségur"));
    let (status, body) = app.json(&manager, "save_mission", &fixed).await;
    assert_eq!(status, 200, "{body}");
    let (_, queue) = app.json(&moderator, "moderation_queue", &[]).await;
    let item = queue["submitted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(item["first_review"], false);
    assert_eq!(item["changes"].as_array().unwrap().len(), 1, "{item}");
    assert_eq!(item["changes"][0]["field"], "Lieu");

    // Publishing needs the version that was reviewed: an edit made since is refused.
    let reviewed = item["version"].to_string();
    let (status, body) = app
        .json(
            &moderator,
            "moderate_mission",
            &[("id", &ids), ("action", "publier"), ("version", "1")],
        )
        .await;
    assert_eq!(status, 409, "{body}");
    let (status, _) = app
        .json(
            &moderator,
            "moderate_mission",
            &[("id", &ids), ("action", "publier"), ("version", &reviewed)],
        )
        .await;
    assert_eq!(status, 200);
    let (_, page) = app
        .json(
            &client(),
            "list_missions",
            &[("q", "parcours de candidature")],
        )
        .await;
    assert_eq!(page["total"], 1);
    assert_eq!(
        page["missions"][0]["slug"],
        "refonte-du-parcours-de-candidature"
    );

    // Published sheets are no longer editable; the history has every step.
    let (status, _) = app
        .json(
            &manager,
            "save_mission",
            &complete_sheet(&ids, "9", "autosave"),
        )
        .await;
    assert_eq!(status, 409);
    let (_, e) = editor(&app, &manager, id).await;
    let actions: Vec<&str> = e["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action_label"].as_str().unwrap())
        .collect();
    assert_eq!(actions.len(), 5, "{actions:?}");
    assert_eq!(actions[0], "Publier");
}

#[tokio::test]
async fn refused_calls_say_why_in_french_and_leak_nothing() {
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let id = new_draft(&app, &manager).await;
    let ids = id.to_string();
    let visitor = client();
    let agent = app.signed_in(AGENT).await;
    let other = app.signed_in(OTHER_MANAGER).await;
    let moderator = app.signed_in(MODERATOR).await;

    let sheet = complete_sheet(&ids, "1", "autosave");
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("admin_space", vec![]),
        ("create_mission", vec![]),
        ("mission_editor", vec![("id", &ids)]),
        ("save_mission", sheet.clone()),
        ("duplicate_mission", vec![("id", &ids)]),
        (
            "close_mission",
            vec![("id", &ids), ("action", "fermer"), ("comment", "Doublon")],
        ),
        ("moderation_queue", vec![]),
        (
            "moderate_mission",
            vec![("id", &ids), ("action", "publier")],
        ),
        ("administrations", vec![]),
        (
            "create_administration",
            vec![("name", "Agence de test"), ("acronym", "AT")],
        ),
        (
            "add_member",
            vec![
                ("administration", "1"),
                ("email", "nouveau.membre@numerique.gouv.fr"),
            ],
        ),
        ("remove_member", vec![("id", "99999")]),
        (
            "remove_co_owner",
            vec![("id", &ids), ("email", "personne@numerique.gouv.fr")],
        ),
        (
            "invite_co_owner",
            vec![
                ("id", &ids),
                ("email", "collegue.invitee@numerique.gouv.fr"),
            ],
        ),
    ];
    // Comments are bounded, and said so rather than cut.
    let long = "é".repeat(2_001);
    let (status, body) = app
        .json(
            &moderator,
            "close_mission",
            &[("id", &ids), ("action", "fermer"), ("comment", &long)],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"]["comment"]
        .as_str()
        .unwrap()
        .contains("2000 caractères au maximum"));
    // A moderator closing someone's mission must say why.
    let (status, body) = app
        .json(
            &moderator,
            "close_mission",
            &[("id", &ids), ("action", "fermer")],
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert!(body.to_string().contains("commentaire"), "{body}");
    // (caller, endpoint) → expected status; 200 where allowed.
    let expected = |who: &str, endpoint: &str| -> u16 {
        match (who, endpoint) {
            ("visiteur", _) => 401,
            ("agent", _) => 403,
            ("autre responsable", "admin_space" | "create_mission") => 200,
            ("autre responsable", _) => 403,
            (
                "modérateur",
                "admin_space" | "mission_editor" | "moderation_queue" | "close_mission",
            ) => 200,
            // The draft is not submitted: a moderator may not publish it yet.
            ("modérateur", "moderate_mission") => 409,
            ("modérateur", "administrations" | "create_administration" | "add_member") => 200,
            ("modérateur", "remove_member" | "remove_co_owner") => 404,
            ("modérateur", _) => 403,
            _ => unreachable!(),
        }
    };
    for (who, c) in [
        ("visiteur", &visitor),
        ("agent", &agent),
        ("autre responsable", &other),
        ("modérateur", &moderator),
    ] {
        for (endpoint, args) in &calls {
            let (status, body) = app.json(c, endpoint, args).await;
            assert_eq!(
                status,
                expected(who, endpoint),
                "{who} × {endpoint}: {body}"
            );
            if status >= 400 {
                let text = body.to_string();
                assert!(
                    !text.contains("Refonte") && !text.contains(MANAGER),
                    "{who} × {endpoint} leaks: {text}"
                );
                let message = body
                    .as_object()
                    .and_then(|o| o.values().next())
                    .and_then(|v| v.as_str())
                    .unwrap_or("");
                if status == 403 {
                    assert!(
                        message.contains("réservé")
                            || message.contains("Seule")
                            || message.contains("vôtres"),
                        "{who} × {endpoint}: {body}"
                    );
                }
            }
        }
    }
    // Only the moderator's "fermer" changed the draft (moderators may close any mission).
    let (_, e) = editor(&app, &manager, id).await;
    assert_eq!(e["version"], 1);
    assert_eq!(e["status"], "fermee");
    assert_eq!(e["history"][0]["who"], MODERATOR);
    // The moderator's view carries no edit form.
    let (_, e) = editor(&app, &moderator, id).await;
    assert_eq!(e["editable"], false);

    // Hostile ids never give a 500.
    for bad in ["", "abc", "-1", "99999999999999999999", "1 OR 1=1"] {
        let (status, _) = app.json(&manager, "mission_editor", &[("id", bad)]).await;
        assert_eq!(status, 404, "{bad:?}");
    }
}

#[tokio::test]
async fn duplicate_and_close() {
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let id = new_draft(&app, &manager).await;
    let ids = id.to_string();
    let (status, _) = app
        .json(
            &manager,
            "save_mission",
            &complete_sheet(&ids, "1", "autosave"),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .json(&manager, "duplicate_mission", &[("id", &ids)])
        .await;
    assert_eq!(status, 200);
    let copy = new_draft_id_after(&app, &manager, id).await;
    let (_, e) = editor(&app, &manager, copy).await;
    assert_eq!(
        e["form"]["title"],
        "Copie de Refonte du parcours de candidature"
    );
    assert_eq!(e["form"]["skills"]["ux-ui-design"], "on");

    let (status, _) = app
        .json(
            &manager,
            "close_mission",
            &[
                ("id", &ids),
                ("action", "fermer"),
                ("comment", "Besoin couvert"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (_, e) = editor(&app, &manager, id).await;
    assert_eq!(e["status"], "fermee");
    assert_eq!(e["history"][0]["comment"], "Besoin couvert");
    let (status, _) = app
        .json(
            &manager,
            "close_mission",
            &[("id", &ids), ("action", "fermer")],
        )
        .await;
    assert_eq!(status, 409, "closing twice is refused");
}

async fn new_draft_id_after(app: &TestApp, c: &Client, after: i32) -> i32 {
    let (_, space) = app.json(c, "admin_space", &[]).await;
    space["missions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap() as i32)
        .filter(|i| *i > after)
        .max()
        .expect("the copy")
}

fn mail_to(app: &TestApp, email: &str) -> Option<app::backend::mail::OutboxFile> {
    app::backend::mail::read_outbox(&app.outbox, 200)
        .into_iter()
        .find(|m| m.to.contains(email))
}

#[tokio::test]
async fn moderators_manage_administrations_and_their_members() {
    let app = spawn().await;
    let moderator = app.signed_in(MODERATOR).await;
    let (status, body) = app
        .json(
            &moderator,
            "create_administration",
            &[("name", "Ministère de la Culture"), ("acronym", "MC")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    // Same name again, or fields missing: said next to the field.
    let (status, body) = app
        .json(
            &moderator,
            "create_administration",
            &[("name", "MINISTERE  de la\nculture"), ("acronym", "MC")],
        )
        .await;
    assert_eq!(status, 400);
    assert!(body["Invalid"]["fields"]["name"]
        .as_str()
        .unwrap()
        .contains("déjà"));
    let (status, body) = app
        .json(&moderator, "create_administration", &[("name", "X")])
        .await;
    assert_eq!(status, 400);
    assert!(body["Invalid"]["fields"]["acronym"].is_string(), "{body}");

    let (_, list) = app.json(&moderator, "administrations", &[]).await;
    let culture = list["administrations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Ministère de la Culture")
        .expect("created")
        .clone();
    let cid = culture["id"].to_string();
    assert_eq!(culture["members"].as_array().unwrap().len(), 0);

    // Members: professional addresses only, once each.
    const NEW: &str = "claire.dubois@culture.gouv.fr";
    for (email, hint) in [
        ("pas-une-adresse", "n’est pas valide"),
        ("claire@gmail.com", "professionnelles"),
    ] {
        let (status, body) = app
            .json(
                &moderator,
                "add_member",
                &[("administration", &cid), ("email", email)],
            )
            .await;
        assert_eq!(status, 400, "{email}");
        assert!(
            body["Invalid"]["fields"]["email"]
                .as_str()
                .unwrap()
                .contains(hint),
            "{body}"
        );
        assert_eq!(body["Invalid"]["values"]["administration"], cid.as_str());
    }
    let (status, body) = app
        .json(
            &moderator,
            "add_member",
            &[
                ("administration", &cid),
                ("email", " Claire.Dubois@Culture.gouv.fr "),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = app
        .json(
            &moderator,
            "add_member",
            &[("administration", &cid), ("email", NEW)],
        )
        .await;
    assert_eq!(status, 400);
    let (status, _) = app
        .json(
            &moderator,
            "add_member",
            &[("administration", "99999"), ("email", NEW)],
        )
        .await;
    assert_eq!(status, 404);
    let mail = mail_to(&app, NEW).expect("the new member is told");
    assert!(mail.body.contains("Ministère de la Culture"));

    // The new member proposes missions for that administration.
    let member = app.signed_in(NEW).await;
    let (status, space) = app.json(&member, "admin_space", &[]).await;
    assert_eq!(status, 200, "{space}");
    assert_eq!(space["administrations"][0], "Ministère de la Culture");
    assert_eq!(
        app.call(&member, "create_mission", &[])
            .await
            .status()
            .as_u16(),
        200
    );

    // Removed, they keep the mission they own but cannot start another.
    let (_, list) = app.json(&moderator, "administrations", &[]).await;
    let membership = list["administrations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Ministère de la Culture")
        .unwrap()["members"][0]["id"]
        .to_string();
    let (status, _) = app
        .json(&moderator, "remove_member", &[("id", &membership)])
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .json(&moderator, "remove_member", &[("id", &membership)])
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        app.call(&member, "create_mission", &[])
            .await
            .status()
            .as_u16(),
        403
    );
    let (status, space) = app.json(&member, "admin_space", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(space["missions"].as_array().unwrap().len(), 1);

    // The page renders for the moderator only.
    let (status, page) = app.page(&moderator, "/moderation/administrations").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ministère de la Culture"));
    let (_, page) = app.page(&member, "/moderation/administrations").await;
    assert!(
        page.contains("réservée à la modération"),
        "a non-moderator is refused"
    );
    assert!(!page.contains("Ajouter un membre"));
}

#[tokio::test]
async fn an_owner_invites_a_colleague_as_co_owner() {
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let id = new_draft(&app, &manager).await;
    let ids = id.to_string();
    const COLLEAGUE: &str = "samir.benali@numerique.gouv.fr";
    for (email, status) in [("", 400), ("samir@example.com", 400), (MANAGER, 400)] {
        let (got, body) = app
            .json(
                &manager,
                "invite_co_owner",
                &[("id", &ids), ("email", email)],
            )
            .await;
        assert_eq!(got, status, "{email}: {body}");
        assert!(body["Invalid"]["fields"]["email"].is_string(), "{body}");
    }
    let (status, body) = app
        .json(
            &manager,
            "invite_co_owner",
            &[("id", &ids), ("email", COLLEAGUE)],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let mail = mail_to(&app, COLLEAGUE).expect("the colleague is told");
    assert!(mail
        .body
        .contains(&format!("/espace-administration/missions/{id}/modifier")));

    // The colleague, a member of no administration, works on that mission.
    let colleague = app.signed_in(COLLEAGUE).await;
    let (status, space) = app.json(&colleague, "admin_space", &[]).await;
    assert_eq!(status, 200, "{space}");
    assert_eq!(space["missions"][0]["id"], id);
    let (status, e) = editor(&app, &colleague, id).await;
    assert_eq!(status, 200);
    assert_eq!(e["editable"], true);
    assert_eq!(e["owners"].as_array().unwrap().len(), 2);
    let version = e["version"].to_string();
    let (status, body) = app
        .json(
            &colleague,
            "save_mission",
            &complete_sheet(&ids, &version, "autosave"),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        app.call(&colleague, "create_mission", &[])
            .await
            .status()
            .as_u16(),
        403
    );
    // Nobody else can add owners.
    let other = app.signed_in(OTHER_MANAGER).await;
    let (status, _) = app
        .json(
            &other,
            "invite_co_owner",
            &[("id", &ids), ("email", "x.y@education.gouv.fr")],
        )
        .await;
    assert_eq!(status, 403);

    // A co-owner from outside the administration neither duplicates nor
    // hands the mission on; an owner can remove them, never the last owner.
    let (status, _) = app
        .json(&colleague, "duplicate_mission", &[("id", &ids)])
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .json(
            &colleague,
            "invite_co_owner",
            &[("id", &ids), ("email", "autre.personne@numerique.gouv.fr")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, body) = app
        .json(
            &manager,
            "remove_co_owner",
            &[("id", &ids), ("email", COLLEAGUE)],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = editor(&app, &colleague, id).await;
    assert_eq!(status, 403);
    let (status, body) = app
        .json(
            &manager,
            "remove_co_owner",
            &[("id", &ids), ("email", MANAGER)],
        )
        .await;
    assert_eq!(status, 409, "{body}");
    let (status, _) = app
        .json(
            &manager,
            "remove_co_owner",
            &[("id", &ids), ("email", "inconnu@numerique.gouv.fr")],
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn an_applicant_is_never_an_owner_of_the_mission_they_applied_to() {
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
    let ids = mission["id"].to_string();
    const APPLICANT: &str = "lea.dupont@numerique.gouv.fr";
    let agent = app.signed_in(APPLICANT).await;
    let (status, body) = app
        .json(
            &agent,
            "submit_application",
            &[
                ("slug", mission["slug"].as_str().unwrap()),
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
    let (status, body) = app
        .json(
            &manager,
            "invite_co_owner",
            &[("id", &ids), ("email", APPLICANT)],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"]["email"]
        .as_str()
        .unwrap()
        .contains("a candidaté"));

    // Concurrent identical invitations: one succeeds, the others are told.
    let colleague = "meme.invite@numerique.gouv.fr";
    let args = [("id", ids.as_str()), ("email", colleague)];
    let calls = (0..6).map(|_| app.json(&manager, "invite_co_owner", &args));
    let statuses: Vec<u16> = futures::future::join_all(calls)
        .await
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| matches!(s, 200 | 400)),
        "{statuses:?}"
    );
}
