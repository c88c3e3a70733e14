//! The skills list over HTTP: proposals deduplicated against names and
//! synonyms (case, accents, plural), moderators' merge / add / refuse /
//! synonym, rights, and concurrent proposals and decisions.

use crate::common::{client, spawn, TestApp};
use reqwest::Client;
use serde_json::Value;

const MODERATOR: &str = "moderation.demo@numerique.gouv.fr";
const MANAGER: &str = "responsable.demo@numerique.gouv.fr";

fn pool_form<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("full_name", "Camille Martin"),
        ("administration", "Ministère de l’Intérieur"),
        ("job_title", "Développeuse"),
        ("days_per_month", "2"),
        ("location", "Lyon"),
        ("remote", "indifferent"),
    ];
    form.extend_from_slice(extra);
    form
}

async fn join(app: &TestApp, email: &str, extra: &[(&str, &str)]) -> Client {
    let agent = app.signed_in(email).await;
    let (status, body) = app.json(&agent, "join_pool", &pool_form(extra)).await;
    assert_eq!(status, 200, "{body}");
    agent
}

async fn profile(app: &TestApp, agent: &Client) -> Value {
    let (status, space) = app.json(agent, "my_space", &[]).await;
    assert_eq!(status, 200, "{space}");
    space["profile"].clone()
}

/// (slug, level) of the profile's skills to lend, and slugs to grow.
fn skills_of(p: &Value) -> (Vec<(String, String)>, Vec<String>) {
    let lend = p["lend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["slug"].as_str().unwrap().to_string(),
                s["level"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let grow = p["grow"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["slug"].as_str().unwrap().to_string())
        .collect();
    (lend, grow)
}

fn proposed_terms(p: &Value) -> Vec<String> {
    p["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["term"].as_str().unwrap().to_string())
        .collect()
}

async fn admin(app: &TestApp, moderator: &Client) -> Value {
    let (status, data) = app.json(moderator, "skills_admin", &[]).await;
    assert_eq!(status, 200, "{data}");
    data
}

/// The pending proposals: (id, term, profiles).
async fn pending(app: &TestApp, moderator: &Client) -> Vec<(String, String, u64)> {
    admin(app, moderator).await["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_i64().unwrap().to_string(),
                p["term"].as_str().unwrap().to_string(),
                p["profiles"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn synonyms_of(data: &Value, slug: &str) -> Vec<String> {
    data["families"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["skills"].as_array().unwrap().iter())
        .find(|s| s["slug"] == slug)
        .map(|s| {
            s["synonyms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn proposals_resolve_to_names_and_synonyms_whatever_the_spelling() {
    let app = spawn().await;
    // "ux" is a synonym of UX / UI design, "Données personnelles" of the
    // RGPD skill, "réseau" the singular of "Réseaux", "APIs" the plural of
    // the synonym "API"; "Développement web" is also picked in the list,
    // where its level stays.
    // Five terms: more than three are refused, whatever they are.
    let agent = app.signed_in("ada.lovelace@interieur.gouv.fr").await;
    let (status, body) = app
        .json(
            &agent,
            "join_pool",
            &pool_form(&[("other", "ux, RGPD, réseau, APIs, OCaml")]),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"]["other"]
        .as_str()
        .unwrap()
        .contains("au plus 3"));

    let (status, body) = app
        .json(
            &agent,
            "join_pool",
            &pool_form(&[
                ("lend[developpement-web]", "notions"),
                ("other", "ux, DONNEES PERSONNELLES ; Développements web"),
                ("other_kind", "preter_expert"),
            ]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let p = profile(&app, &agent).await;
    let (lend, grow) = skills_of(&p);
    assert!(grow.is_empty());
    let mut lend = lend;
    lend.sort();
    assert_eq!(
        lend,
        vec![
            ("developpement-web".to_string(), "notions".to_string()),
            (
                "protection-donnees-personnelles".to_string(),
                "expert".to_string()
            ),
            ("ux-ui-design".to_string(), "expert".to_string()),
        ]
    );
    assert!(proposed_terms(&p).is_empty(), "nothing left to propose");
    let moderator = app.signed_in(MODERATOR).await;
    assert!(pending(&app, &moderator).await.is_empty());

    // A proposal of its own, the same for every spelling.
    let (status, body) = app
        .json(
            &agent,
            "update_pool_profile",
            &pool_form(&[
                ("lend[ux-ui-design]", "expert"),
                ("other", "Réseaux, OCaml"),
                ("other_kind", "developper"),
            ]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let p = profile(&app, &agent).await;
    assert_eq!(skills_of(&p).1, vec!["reseaux"], "{p}");
    assert_eq!(proposed_terms(&p), vec!["OCaml"]);
    assert_eq!(p["proposals"][0]["kind"], "developper");
    assert_eq!(
        skills_of(&p).0,
        vec![("ux-ui-design".to_string(), "expert".to_string())]
    );
    // A proposal to grow does not count as the skill to lend.
    let (status, body) = app
        .json(
            &agent,
            "update_pool_profile",
            &pool_form(&[("other", "OCaml"), ("other_kind", "developper")]),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"]["lend"].is_string());

    join(
        &app,
        "grace.hopper@interieur.gouv.fr",
        &[("other", "OCAMLS"), ("other_kind", "preter_pratique")],
    )
    .await;
    let proposals = pending(&app, &moderator).await;
    assert_eq!(proposals.len(), 1, "{proposals:?}");
    assert_eq!(proposals[0].1, "OCaml");
    assert_eq!(proposals[0].2, 2);

    // The agent sees it waiting, and finds it again in the form.
    let (_, page) = app.page(&agent, "/mon-espace").await;
    assert!(page.contains("en attente de validation"), "{page}");
    assert!(page.contains("OCaml (à développer)"));
    let (_, form) = app.page(&agent, "/mon-espace/vivier").await;
    assert!(form.contains(r#"value="OCaml""#), "{form}");
}

#[tokio::test]
async fn merging_gives_each_profile_the_skill_once() {
    let app = spawn().await;
    let first = join(
        &app,
        "camille.martin@interieur.gouv.fr",
        &[
            ("lend[developpement-mobile]", "notions"),
            ("other", "OCaml"),
            ("other_kind", "preter_expert"),
        ],
    )
    .await;
    let second = join(
        &app,
        "grace.hopper@interieur.gouv.fr",
        &[
            ("lend[developpement-web]", "pratique"),
            ("other", "ocaml"),
            ("other_kind", "developper"),
        ],
    )
    .await;
    let moderator = app.signed_in(MODERATOR).await;
    let proposals = pending(&app, &moderator).await;
    assert_eq!(proposals.len(), 1);
    let id = proposals[0].0.clone();

    // Without a skill chosen: a message next to the select.
    let (status, body) = app
        .json(&moderator, "merge_skill_proposal", &[("proposal", &id)])
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"][format!("skill-{id}")].is_string());
    let (status, body) = app
        .json(
            &moderator,
            "merge_skill_proposal",
            &[("proposal", &id), ("skill", "inconnue")],
        )
        .await;
    assert_eq!(status, 400, "{body}");

    let (status, body) = app
        .json(
            &moderator,
            "merge_skill_proposal",
            &[("proposal", &id), ("skill", "developpement-mobile")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, "Développement mobile");
    assert!(pending(&app, &moderator).await.is_empty());
    let data = admin(&app, &moderator).await;
    assert!(synonyms_of(&data, "developpement-mobile").contains(&"OCaml".to_string()));

    // The first already had the skill: kept once, with their own level.
    let p = profile(&app, &first).await;
    assert_eq!(
        skills_of(&p).0,
        vec![("developpement-mobile".to_string(), "notions".to_string())]
    );
    assert!(proposed_terms(&p).is_empty());
    // The second gets it as proposed: to grow.
    let p = profile(&app, &second).await;
    assert_eq!(skills_of(&p).1, vec!["developpement-mobile"]);
    assert!(proposed_terms(&p).is_empty());

    // Decided once: the second decision is told so.
    let (status, body) = app
        .json(
            &moderator,
            "merge_skill_proposal",
            &[("proposal", &id), ("skill", "developpement-web")],
        )
        .await;
    assert_eq!(status, 404, "{body}");
    // From now on "OCaml" is a word of the list: no new proposal.
    let third = join(
        &app,
        "ada.lovelace@interieur.gouv.fr",
        &[("other", "OCAML"), ("other_kind", "preter_pratique")],
    )
    .await;
    let p = profile(&app, &third).await;
    assert_eq!(
        skills_of(&p).0,
        vec![("developpement-mobile".to_string(), "pratique".to_string())]
    );
    assert!(pending(&app, &moderator).await.is_empty());
}

#[tokio::test]
async fn a_proposal_is_added_to_the_list_or_refused() {
    let app = spawn().await;
    let agent = join(
        &app,
        "camille.martin@interieur.gouv.fr",
        &[
            ("other", "Jeux vidéo, Blockchain"),
            ("other_kind", "preter_notions"),
        ],
    )
    .await;
    let moderator = app.signed_in(MODERATOR).await;
    let proposals = pending(&app, &moderator).await;
    let id_of = |term: &str| {
        proposals
            .iter()
            .find(|p| p.1 == term)
            .map(|p| p.0.clone())
            .unwrap()
    };
    let (games, chain) = (id_of("Jeux vidéo"), id_of("Blockchain"));

    // Each rule has its French message on its field.
    let (status, body) = app
        .json(
            &moderator,
            "add_proposed_skill",
            &[("proposal", &chain), ("name", ""), ("family", "")],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let fields = &body["Invalid"]["fields"];
    assert!(fields[format!("name-{chain}")].is_string(), "{body}");
    assert!(fields[format!("family-{chain}")].is_string(), "{body}");
    // Short to type, too long once folded: refused with a message, no 500.
    let expanding = "\u{FDFA}".repeat(20);
    let (status, body) = app
        .json(
            &moderator,
            "add_proposed_skill",
            &[
                ("proposal", &chain),
                ("name", &expanding),
                ("family", "securite"),
            ],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"][format!("name-{chain}")].is_string());
    for (name, existing) in [
        ("Donnée", "Analyse de données"),
        ("TESTS D'INTRUSION", "Tests d’intrusion"),
        ("réseau", "Réseaux"),
    ] {
        let (status, body) = app
            .json(
                &moderator,
                "add_proposed_skill",
                &[("proposal", &chain), ("name", name), ("family", "securite")],
            )
            .await;
        assert_eq!(status, 400, "{body}");
        let message = body["Invalid"]["fields"][format!("name-{chain}")]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            message.starts_with(&format!("« {name} » existe déjà")),
            "{message}"
        );
        assert!(message.contains(existing), "{message}");
    }

    let (status, body) = app
        .json(
            &moderator,
            "add_proposed_skill",
            &[
                ("proposal", &games),
                ("name", "Conception de jeux vidéo"),
                ("family", "developpement-logiciel"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, families) = app.json(&client(), "list_skills", &[]).await;
    let added = families
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Développement")
        .and_then(|f| {
            f["skills"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["name"] == "Conception de jeux vidéo")
                .cloned()
        })
        .expect("the new skill in its family");
    assert_eq!(added["slug"], "conception-de-jeux-video");
    let data = admin(&app, &moderator).await;
    assert_eq!(
        synonyms_of(&data, "conception-de-jeux-video"),
        vec!["Jeux vidéo"]
    );
    let p = profile(&app, &agent).await;
    assert_eq!(
        skills_of(&p).0,
        vec![(
            "conception-de-jeux-video".to_string(),
            "notions".to_string()
        )]
    );
    assert_eq!(proposed_terms(&p), vec!["Blockchain"]);

    let (status, body) = app
        .json(&moderator, "refuse_skill_proposal", &[("proposal", &chain)])
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(pending(&app, &moderator).await.is_empty());
    assert!(proposed_terms(&profile(&app, &agent).await).is_empty());
    let (status, _) = app
        .json(&moderator, "refuse_skill_proposal", &[("proposal", &chain)])
        .await;
    assert_eq!(status, 404);
    let (status, _) = app
        .json(
            &moderator,
            "refuse_skill_proposal",
            &[("proposal", "x'; --")],
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn synonyms_never_duplicate_and_absorb_pending_proposals() {
    let app = spawn().await;
    let agent = join(
        &app,
        "camille.martin@interieur.gouv.fr",
        &[("other", "Elixirs"), ("other_kind", "preter_expert")],
    )
    .await;
    let moderator = app.signed_in(MODERATOR).await;
    for term in ["ux", "Données", "Statistique (logiciel R ou équivalent)"] {
        let (status, body) = app
            .json(
                &moderator,
                "add_skill_synonym",
                &[("skill", "developpement-back-end"), ("term", term)],
            )
            .await;
        assert_eq!(status, 400, "{term}: {body}");
        assert!(body["Invalid"]["fields"]["term"]
            .as_str()
            .unwrap()
            .contains("existe déjà"));
    }
    let (status, body) = app
        .json(
            &moderator,
            "add_skill_synonym",
            &[("skill", "developpement-back-end")],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["Invalid"]["fields"]["term"].is_string());

    let (status, body) = app
        .json(
            &moderator,
            "add_skill_synonym",
            &[("skill", "developpement-back-end"), ("term", "Elixir")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(pending(&app, &moderator).await.is_empty());
    let p = profile(&app, &agent).await;
    assert_eq!(
        skills_of(&p).0,
        vec![("developpement-back-end".to_string(), "expert".to_string())]
    );
    // The page lists it.
    let (status, page) = app.page(&moderator, "/moderation/competences").await;
    assert_eq!(status, 200);
    assert!(page.contains("Elixir"), "{page}");
    assert!(page.contains("Propositions en attente"));
}

#[tokio::test]
async fn only_moderators_keep_the_list() {
    let app = spawn().await;
    join(
        &app,
        "camille.martin@interieur.gouv.fr",
        &[("other", "Elixir"), ("other_kind", "preter_expert")],
    )
    .await;
    let moderator = app.signed_in(MODERATOR).await;
    let id = pending(&app, &moderator).await[0].0.clone();
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("skills_admin", vec![]),
        (
            "merge_skill_proposal",
            vec![("proposal", &id), ("skill", "developpement-back-end")],
        ),
        (
            "add_proposed_skill",
            vec![
                ("proposal", &id),
                ("name", "Elixir"),
                ("family", "developpement-logiciel"),
            ],
        ),
        ("refuse_skill_proposal", vec![("proposal", &id)]),
        (
            "add_skill_synonym",
            vec![("skill", "developpement-back-end"), ("term", "Elixir")],
        ),
    ];
    let agent = app.signed_in("camille.martin@interieur.gouv.fr").await;
    let manager = app.signed_in(MANAGER).await;
    for (endpoint, form) in &calls {
        assert_eq!(
            app.json(&client(), endpoint, form).await.0,
            401,
            "{endpoint}"
        );
        for who in [&agent, &manager] {
            let (status, body) = app.json(who, endpoint, form).await;
            assert_eq!(status, 403, "{endpoint}: {body}");
        }
    }
    // Nothing changed.
    assert_eq!(pending(&app, &moderator).await.len(), 1);
}

#[tokio::test]
async fn concurrent_proposals_and_decisions_make_one_of_each() {
    let app = spawn().await;
    let emails: Vec<String> = (0..4)
        .map(|i| format!("agent.{i}@interieur.gouv.fr"))
        .collect();
    let mut agents = Vec::new();
    for email in &emails {
        agents.push(app.signed_in(email).await);
    }
    let spellings = ["Elixir", "elixirs", "ÉLIXIR", "Elixir"];
    let forms: Vec<_> = spellings
        .iter()
        .map(|term| pool_form(&[("other", term), ("other_kind", "preter_pratique")]))
        .collect();
    let joins = agents
        .iter()
        .zip(&forms)
        .map(|(agent, form)| app.json(agent, "join_pool", form));
    for (status, body) in futures::future::join_all(joins).await {
        assert_eq!(status, 200, "{body}");
    }
    let moderator = app.signed_in(MODERATOR).await;
    let other_moderator = moderator.clone();
    let proposals = pending(&app, &moderator).await;
    assert_eq!(proposals.len(), 1, "{proposals:?}");
    assert_eq!(proposals[0].2, 4);
    let id = proposals[0].0.clone();

    // Two decisions at once: one wins, the other is told, nothing breaks.
    let merge_form = [
        ("proposal", id.as_str()),
        ("skill", "developpement-back-end"),
    ];
    let add_form = [
        ("proposal", id.as_str()),
        ("name", "Elixir"),
        ("family", "developpement-logiciel"),
    ];
    let (a, b) = tokio::join!(
        app.json(&moderator, "merge_skill_proposal", &merge_form),
        app.json(&other_moderator, "add_proposed_skill", &add_form),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [200, 404], "{a:?} {b:?}");
    for agent in &agents {
        let p = profile(&app, agent).await;
        let (lend, _) = skills_of(&p);
        assert_eq!(lend.len(), 1, "{p}");
        assert!(proposed_terms(&p).is_empty());
    }
    assert!(pending(&app, &moderator).await.is_empty());
}

#[tokio::test]
async fn without_javascript_the_message_is_next_to_the_field() {
    let app = spawn().await;
    join(
        &app,
        "camille.martin@interieur.gouv.fr",
        &[("other", "Blockchain"), ("other_kind", "preter_expert")],
    )
    .await;
    let moderator = app.signed_in(MODERATOR).await;
    let id = pending(&app, &moderator).await[0].0.clone();
    let res = moderator
        .post(format!("{}/api/add_proposed_skill", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/moderation/competences", app.base))
        .form(&[
            ("proposal", id.as_str()),
            ("name", "DONNÉES"),
            ("family", "securite"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("__err="), "{location}");
    let (status, html) = app
        .page(&moderator, location.trim_start_matches(&app.base))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("« DONNÉES » existe déjà"), "{html}");
    assert!(html.contains(r#"value="DONNÉES""#), "typed value kept");
    assert_eq!(pending(&app, &moderator).await.len(), 1, "nothing changed");
}
