//! Live co-editing over HTTP: field-by-field merges of concurrent saves
//! (never a silent overwrite), every acknowledged save in the history, and
//! the Server-Sent Events channel (presence, fields, saves), for editors only.

use crate::common::{client, new_draft, spawn, TestApp};
use reqwest::{header, Client, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

const MANAGER: &str = "responsable.demo@numerique.gouv.fr";
const MANAGER_NAME: &str = "Responsable de démonstration (DINUM)";
const COLLEAGUE: &str = "samir.benali@numerique.gouv.fr";
const OTHER_MANAGER: &str = "responsable.demo@education.gouv.fr";
const AGENT: &str = "agent.demo@numerique.gouv.fr";

/// A new draft of MANAGER's, titled, co-owned by COLLEAGUE: (id, version,
/// manager, colleague).
async fn shared_draft(app: &TestApp) -> (i32, i64, Client, Client) {
    let manager = app.signed_in(MANAGER).await;
    let id = new_draft(app, &manager).await;
    let ids = id.to_string();
    let (status, body) = app
        .json(
            &manager,
            "invite_co_owner",
            &[("id", &ids), ("email", COLLEAGUE)],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let saved = save(
        app,
        &manager,
        id,
        1,
        "autosave",
        &[
            ("title", "Cartographier les données"),
            ("location", "Paris"),
        ],
    )
    .await;
    assert_eq!(saved.0, 200, "{}", saved.1);
    let version = saved.1["version"].as_i64().unwrap();
    let colleague = app.signed_in(COLLEAGUE).await;
    (id, version, manager, colleague)
}

/// Saves the whole form as a browser sends it: `fields` over the title and
/// location every test sheet has.
async fn save(
    app: &TestApp,
    c: &Client,
    id: i32,
    version: i64,
    intent: &str,
    fields: &[(&str, &str)],
) -> (u16, Value) {
    let (ids, vs) = (id.to_string(), version.to_string());
    let mut form: BTreeMap<&str, &str> = BTreeMap::from([
        ("id", ids.as_str()),
        ("version", vs.as_str()),
        ("intent", intent),
    ]);
    form.extend(fields.iter().copied());
    let form: Vec<(&str, &str)> = form.into_iter().collect();
    app.json(c, "save_mission", &form).await
}

async fn stored(app: &TestApp, c: &Client, id: i32) -> Value {
    let (status, e) = app
        .json(c, "mission_editor", &[("id", &id.to_string())])
        .await;
    assert_eq!(status, 200, "{e}");
    e
}

#[tokio::test]
async fn concurrent_edits_of_different_fields_all_survive() {
    let app = spawn().await;
    let (id, v, manager, colleague) = shared_draft(&app).await;
    let base = [
        ("title", "Cartographier les données"),
        ("location", "Paris"),
    ];
    // Both start from version v; each changes one field.
    let (s1, a) = save(
        &app,
        &manager,
        id,
        v,
        "autosave",
        &[base[0], ("location", "Lyon")],
    )
    .await;
    let (s2, b) = save(
        &app,
        &colleague,
        id,
        v,
        "autosave",
        &[("title", "Cartographier nos données"), base[1]],
    )
    .await;
    assert_eq!((s1, s2), (200, 200), "{a} {b}");
    assert_eq!(b["conflicts"], serde_json::json!([]), "{b}");
    assert_eq!(b["version"].as_i64(), Some(v + 2));
    // The second save's answer already holds the first one's change.
    assert_eq!(b["form"]["location"], "Lyon");
    assert_eq!(b["form"]["title"], "Cartographier nos données");
    let e = stored(&app, &manager, id).await;
    assert_eq!(e["form"]["location"], "Lyon");
    assert_eq!(e["form"]["title"], "Cartographier nos données");
    assert_eq!(e["preview"]["title"], "Cartographier nos données");
}

#[tokio::test]
async fn concurrent_edits_of_the_same_field_show_both_versions() {
    let app = spawn().await;
    let (id, v, manager, colleague) = shared_draft(&app).await;
    let (s, _) = save(
        &app,
        &manager,
        id,
        v,
        "autosave",
        &[
            ("title", "Version de la responsable"),
            ("location", "Paris"),
        ],
    )
    .await;
    assert_eq!(s, 200);
    // The colleague, still on version v, changes the title and the place.
    let mine = [("title", "Version du collègue"), ("location", "Marseille")];
    let (s, b) = save(&app, &colleague, id, v, "autosave", &mine).await;
    assert_eq!(s, 200, "{b}");
    let conflicts = b["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{b}");
    assert_eq!(conflicts[0]["field"], "title");
    assert_eq!(conflicts[0]["theirs"], "Version de la responsable");
    assert_eq!(conflicts[0]["mine_readable"], "Version du collègue");
    assert_eq!(conflicts[0]["by"], MANAGER_NAME);
    // Nothing overwritten; the other field went through.
    let e = stored(&app, &manager, id).await;
    assert_eq!(e["form"]["title"], "Version de la responsable");
    assert_eq!(e["form"]["location"], "Marseille");

    // An explicit save (or a form without JavaScript) is sent back with both
    // versions next to the field and what was typed kept.
    let (s, body) = save(&app, &colleague, id, v, "enregistrer", &mine).await;
    assert_eq!(s, 400, "{body}");
    let message = body["Invalid"]["fields"]["title"].as_str().unwrap();
    assert!(message.contains("Version de la responsable"), "{message}");
    assert!(message.contains(MANAGER_NAME), "{message}");
    assert_eq!(body["Invalid"]["values"]["title"], "Version du collègue");

    // Choosing one's own version: saved on top of the latest version.
    let latest = b["version"].as_i64().unwrap();
    let (s, kept) = save(&app, &colleague, id, latest, "autosave", &mine).await;
    assert_eq!(s, 200, "{kept}");
    assert_eq!(kept["conflicts"], serde_json::json!([]));
    assert_eq!(kept["form"]["title"], "Version du collègue");
}

#[tokio::test]
async fn fifty_concurrent_saves_are_all_in_the_history() {
    let app = spawn().await;
    let (id, v, manager, colleague) = shared_draft(&app).await;
    let fields = ["service", "location", "effort_text", "skills_text", "title"];
    let mut tasks = Vec::new();
    for (n, field) in fields.iter().enumerate() {
        let app_base = app.base.clone();
        let c = if n % 2 == 0 {
            manager.clone()
        } else {
            colleague.clone()
        };
        let field = field.to_string();
        tasks.push(tokio::spawn(async move {
            let mut version = v;
            // What this editor's form shows: what its last save returned,
            // as a browser keeps the fields it did not touch.
            let mut view: Vec<(String, String)> = vec![
                ("title".into(), "Cartographier les données".into()),
                ("location".into(), "Paris".into()),
            ];
            let mut acknowledged = Vec::new();
            for k in 0..10 {
                let value = format!("{field} numéro {k}");
                let (ids, vs) = (id.to_string(), version.to_string());
                let mut form = vec![
                    ("id", ids.as_str()),
                    ("version", vs.as_str()),
                    ("intent", "autosave"),
                ];
                form.extend(
                    view.iter()
                        .filter(|(f, _)| *f != field)
                        .map(|(f, v)| (f.as_str(), v.as_str())),
                );
                form.push((field.as_str(), value.as_str()));
                let res = c
                    .post(format!("{app_base}/api/save_mission"))
                    .header(header::ACCEPT, "application/json")
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status().as_u16(), 200);
                let saved: Value = res.json().await.unwrap();
                assert_eq!(saved["conflicts"], serde_json::json!([]), "{saved}");
                assert_eq!(saved["form"][field.as_str()], value.as_str());
                version = saved["version"].as_i64().unwrap();
                view = saved["form"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .filter_map(|(f, v)| Some((f.clone(), v.as_str()?.to_string())))
                    .collect();
                acknowledged.push((field.clone(), value));
            }
            acknowledged
        }));
    }
    let mut acknowledged = Vec::new();
    for t in tasks {
        acknowledged.extend(t.await.unwrap());
    }
    assert_eq!(acknowledged.len(), 50);
    use app::backend::entities::mission_revision;
    let revisions = mission_revision::Entity::find()
        .filter(mission_revision::Column::MissionId.eq(id))
        .filter(mission_revision::Column::Version.gt(v as i32))
        .order_by_asc(mission_revision::Column::Version)
        .all(app.state.db.read())
        .await
        .unwrap();
    // One revision per acknowledged save, versions without gaps.
    assert_eq!(revisions.len(), 50);
    for (i, r) in revisions.iter().enumerate() {
        assert_eq!(i64::from(r.version), v + 1 + i as i64);
    }
    let changes: Vec<(String, String)> = revisions
        .iter()
        .flat_map(|r| {
            serde_json::from_str::<BTreeMap<String, (String, String)>>(&r.changes)
                .unwrap()
                .into_iter()
                .map(|(f, (_, after))| (f, after))
        })
        .collect();
    for save in &acknowledged {
        assert_eq!(
            changes.iter().filter(|c| *c == save).count(),
            1,
            "{save:?} in the history once"
        );
    }
    let e = stored(&app, &manager, id).await;
    for field in fields {
        assert_eq!(e["form"][field], format!("{field} numéro 9"));
    }
    assert_eq!(e["version"].as_i64(), Some(v + 50));
}

/// A Server-Sent Events stream read event by event.
struct Events {
    res: Response,
    buffer: String,
}

impl Events {
    async fn open(app: &TestApp, c: &Client, id: i32, client_id: &str) -> Result<Events, u16> {
        let res = c
            .get(format!(
                "{}/live/missions/{id}?client={client_id}",
                app.base
            ))
            .header(header::ACCEPT, "text/event-stream")
            .send()
            .await
            .unwrap();
        if res.status().as_u16() != 200 {
            return Err(res.status().as_u16());
        }
        assert_eq!(res.headers()[header::CONTENT_TYPE], "text/event-stream");
        Ok(Events {
            res,
            buffer: String::new(),
        })
    }

    /// The next event (name, data), or None after `wait`.
    async fn next(&mut self, wait: Duration) -> Option<(String, Value)> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut name = String::from("message");
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        name = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim());
                    }
                }
                if data.is_empty() {
                    continue; // a keep-alive comment
                }
                assert!(data.len() < 8 * 1024, "small messages: {data}");
                return Some((name, serde_json::from_str(&data).unwrap()));
            }
            let chunk = tokio::time::timeout_at(deadline, self.res.chunk())
                .await
                .ok()?
                .ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The next event named `name` that satisfies `ok`, skipping others.
    async fn until(&mut self, name: &str, ok: impl Fn(&Value) -> bool) -> Value {
        loop {
            let (n, data) = self
                .next(Duration::from_secs(25))
                .await
                .unwrap_or_else(|| panic!("no {name} event came"));
            if n == name && ok(&data) {
                return data;
            }
        }
    }
}

fn names(presence: &Value) -> Vec<(String, Option<String>)> {
    presence["present"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["field"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[tokio::test]
async fn editors_see_each_other_and_each_others_saves() {
    let app = spawn().await;
    let (id, v, manager, colleague) = shared_draft(&app).await;
    let mut mine = Events::open(&app, &manager, id, "onglet-responsable")
        .await
        .unwrap();
    let first = mine.until("version", |_| true).await;
    assert_eq!(first["version"].as_i64(), Some(v));
    // Events name tabs by a key the server makes from the user and the tab.
    let my_key = first["you"].as_str().unwrap().to_string();
    assert!(my_key.ends_with("-onglet-responsable"), "{my_key}");
    mine.until("presence", |p| {
        names(p) == vec![(MANAGER_NAME.to_string(), None)]
    })
    .await;

    // The colleague opens the sheet: the manager sees them, by name.
    let mut theirs = Events::open(&app, &colleague, id, "onglet-collegue")
        .await
        .unwrap();
    let p = mine.until("presence", |p| names(p).len() == 2).await;
    assert!(names(&p).contains(&(COLLEAGUE.to_string(), None)), "{p}");

    // …then which field they are in.
    let (status, body) = app
        .json(
            &colleague,
            "live_presence",
            &[
                ("id", &id.to_string()),
                ("client", "onglet-collegue"),
                ("field", "location"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    mine.until("presence", |p| {
        names(p).contains(&(COLLEAGUE.to_string(), Some("location".into())))
    })
    .await;

    // Their save reaches the manager as ids and versions.
    let vs = v.to_string();
    let ids = id.to_string();
    let (status, body) = app
        .json(
            &colleague,
            "save_mission",
            &[
                ("id", ids.as_str()),
                ("version", vs.as_str()),
                ("intent", "autosave"),
                ("client", "onglet-collegue"),
                ("title", "Cartographier les données"),
                ("location", "Rennes"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let saved = mine.until("saved", |_| true).await;
    assert_eq!(saved["mission"].as_i64(), Some(i64::from(id)));
    assert_eq!(saved["version"].as_i64(), Some(v + 1));
    let their_key = saved["client"].as_str().unwrap();
    assert!(their_key.ends_with("-onglet-collegue"), "{their_key}");
    assert_ne!(their_key, my_key);
    assert_eq!(saved["by"], COLLEAGUE);
    assert_eq!(saved["fields"], serde_json::json!(["location"]));
    theirs
        .until("saved", |s| s["version"].as_i64() == Some(v + 1))
        .await;

    // Closing the tab: the colleague is gone from the list.
    let (status, _) = app
        .json(
            &colleague,
            "live_presence",
            &[
                ("id", &id.to_string()),
                ("client", "onglet-collegue"),
                ("left", "1"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    mine.until("presence", |p| names(p).len() == 1).await;

    // A dropped connection counts as leaving too (noticed within a
    // heartbeat): reconnect, then drop the stream.
    drop(theirs);
    let _again = Events::open(&app, &colleague, id, "onglet-collegue-2")
        .await
        .unwrap();
    mine.until("presence", |p| names(p).len() == 2).await;
    drop(_again);
    mine.until("presence", |p| names(p).len() == 1).await;
}

#[tokio::test]
async fn the_live_channel_is_for_the_sheets_editors_only() {
    let app = spawn().await;
    let (id, _, manager, _) = shared_draft(&app).await;
    let other = app.signed_in(OTHER_MANAGER).await;
    let agent = app.signed_in(AGENT).await;
    assert_eq!(
        Events::open(&app, &client(), id, "onglet-anonyme")
            .await
            .err(),
        Some(401)
    );
    for c in [&other, &agent] {
        let status = Events::open(&app, c, id, "onglet-intrus").await.err();
        assert!(matches!(status, Some(403 | 404)), "{status:?}");
        let (status, _) = app
            .json(
                c,
                "live_presence",
                &[
                    ("id", &id.to_string()),
                    ("client", "onglet-intrus"),
                    ("field", "title"),
                ],
            )
            .await;
        assert!(matches!(status, 403 | 404), "{status}");
    }
    for bad in ["court", "avec espace!", &"x".repeat(65)] {
        assert_eq!(
            Events::open(&app, &manager, id, bad).await.err(),
            Some(400),
            "{bad}"
        );
    }
    assert_eq!(
        Events::open(&app, &manager, 999_999, "onglet-valide")
            .await
            .err(),
        Some(404)
    );
    assert_eq!(
        Events::open(&app, &manager, -1, "onglet-valide")
            .await
            .err(),
        Some(404)
    );
}

/// Two instances over one PostgreSQL: an editor connected to one hears of
/// the people and saves of the other (the bus is LISTEN/NOTIFY, presence
/// and sessions live in the database). On SQLite the service runs as one
/// instance, so this runs in the PostgreSQL pass of the suite.
#[tokio::test]
async fn editors_on_two_instances_see_each_other() {
    if crate::common::postgres_admin_url().is_none() {
        eprintln!("one instance on SQLite: run with TALENTS_TEST_POSTGRES to test two");
        return;
    }
    let app = spawn().await;
    let (id, v, manager, colleague) = shared_draft(&app).await;
    let (second_base, _second) = app.another_instance().await;
    let second = app.view(second_base);
    let mut on_first = Events::open(&app, &manager, id, "onglet-instance-a")
        .await
        .unwrap();
    on_first.until("presence", |p| names(p).len() == 1).await;
    // The colleague's session, opened on the first instance, works on the
    // second; their presence and their save cross over.
    let mut on_second = Events::open(&second, &colleague, id, "onglet-instance-b")
        .await
        .unwrap();
    let p = on_first.until("presence", |p| names(p).len() == 2).await;
    assert!(names(&p).contains(&(COLLEAGUE.to_string(), None)), "{p}");
    on_second.until("presence", |p| names(p).len() == 2).await;
    let (status, body) = save(
        &second,
        &colleague,
        id,
        v,
        "autosave",
        &[
            ("title", "Cartographier les données"),
            ("location", "Brest"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let saved = on_first.until("saved", |_| true).await;
    assert_eq!(saved["version"].as_i64(), Some(v + 1));
    assert_eq!(saved["fields"], serde_json::json!(["location"]));
    // And the other way round.
    let (status, body) = save(
        &app,
        &manager,
        id,
        v + 1,
        "autosave",
        &[
            ("title", "Cartographier nos données"),
            ("location", "Brest"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    on_second
        .until("saved", |s| s["version"].as_i64() == Some(v + 2))
        .await;
    let e = stored(&second, &colleague, id).await;
    assert_eq!(e["form"]["title"], "Cartographier nos données");
    assert_eq!(e["form"]["location"], "Brest");
}

/// A co-owner who reuses another person's tab id still speaks as
/// themselves: the other tab keeps hearing their saves.
#[tokio::test]
async fn a_tab_id_cannot_pass_for_someone_elses() {
    let app = spawn().await;
    let (id, v, manager, colleague) = shared_draft(&app).await;
    let mut mine = Events::open(&app, &manager, id, "onglet-partage")
        .await
        .unwrap();
    let you = mine.until("version", |_| true).await["you"]
        .as_str()
        .unwrap()
        .to_string();
    let (ids, vs) = (id.to_string(), v.to_string());
    let (status, _) = app
        .json(
            &colleague,
            "save_mission",
            &[
                ("id", ids.as_str()),
                ("version", vs.as_str()),
                ("intent", "autosave"),
                ("client", "onglet-partage"),
                ("title", "Cartographier les données"),
                ("location", "Lille"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let saved = mine.until("saved", |_| true).await;
    assert_ne!(saved["client"].as_str(), Some(you.as_str()));
}

/// Signing out ends the streams opened with that session (within a
/// heartbeat), and one account cannot open streams without end.
#[tokio::test]
async fn streams_end_with_the_session_and_are_bounded() {
    let app = spawn().await;
    let (id, _, manager, colleague) = shared_draft(&app).await;
    let mut extra = Vec::new();
    for n in 0..server::live::STREAMS_PER_USER {
        let tab = format!("onglet-numero-{n}");
        extra.push(Events::open(&app, &manager, id, &tab).await.unwrap());
    }
    assert_eq!(
        Events::open(&app, &manager, id, "onglet-de-trop")
            .await
            .err(),
        Some(429)
    );
    drop(extra);
    let mut theirs = Events::open(&app, &colleague, id, "onglet-avant-sortie")
        .await
        .unwrap();
    theirs.until("version", |_| true).await;
    let res = app.call(&colleague, "sign_out", &[]).await;
    assert!(res.status().is_success() || res.status().is_redirection());
    let ended = tokio::time::timeout(Duration::from_secs(25), async {
        while theirs.next(Duration::from_secs(25)).await.is_some() {}
    })
    .await;
    assert!(ended.is_ok(), "the stream goes on after signing out");
    // Slots come back when streams close.
    let again = Events::open(&app, &manager, id, "onglet-de-retour").await;
    assert!(again.is_ok());
}

#[tokio::test]
async fn versions_the_sheet_never_had_are_refused() {
    let app = spawn().await;
    let (id, v, manager, _) = shared_draft(&app).await;
    for (version, status) in [(v + 1, 409), (2_147_483_647, 409), (0, 400), (-5, 400)] {
        let (got, body) = save(
            &app,
            &manager,
            id,
            version,
            "autosave",
            &[
                ("title", "Cartographier les données"),
                ("location", "Ailleurs"),
            ],
        )
        .await;
        assert_eq!(got, status, "version {version}: {body}");
    }
    let e = stored(&app, &manager, id).await;
    assert_eq!(e["form"]["location"], "Paris");
    assert_eq!(e["version"].as_i64(), Some(v));
}

/// A tab that vanished without a word (no leave, no closed connection seen)
/// drops out of the others' lists once past its time, at a heartbeat.
#[tokio::test]
async fn a_vanished_tab_drops_out_of_the_list() {
    use app::backend::entities::{live_presence, user};
    use sea_orm::{ActiveValue::Set, ColumnTrait as _, QueryFilter as _};
    let app = spawn().await;
    let (id, _, manager, _) = shared_draft(&app).await;
    let colleague = user::Entity::find()
        .filter(user::Column::EmailFolded.eq(COLLEAGUE))
        .one(app.state.db.read())
        .await
        .unwrap()
        .unwrap();
    // Last heard of 25 s ago: still listed for about 10 s.
    live_presence::Entity::insert(live_presence::ActiveModel {
        mission_id: Set(id),
        client_id: Set(format!("{}-onglet-perdu", colleague.id)),
        user_id: Set(colleague.id),
        name: Set(COLLEAGUE.into()),
        field: Set(None),
        seen_at: Set(chrono::Utc::now() - chrono::Duration::seconds(25)),
    })
    .exec(app.state.db.write())
    .await
    .unwrap();
    let mut mine = Events::open(&app, &manager, id, "onglet-qui-reste")
        .await
        .unwrap();
    mine.until("presence", |p| names(p).len() == 2).await;
    mine.until("presence", |p| names(p).len() == 1).await;
}
