//! Starts the real router on a fresh database and talks to it over HTTP.
//!
//! The database is a new SQLite file, or, when `TALENTS_TEST_POSTGRES` holds
//! an administrator URL (e.g. `postgres://postgres@127.0.0.1:5432/postgres`),
//! a new PostgreSQL database of its own, dropped when the `TestApp` is.
#![allow(dead_code)]

use app::backend::config::Config;
use app::backend::seed;
use app::backend::state::AppState;
use leptos::config::LeptosOptions;
use reqwest::{header, Client, Response};
use std::path::PathBuf;
use tempfile::TempDir;

pub struct TestApp {
    pub base: String,
    pub outbox: PathBuf,
    pub state: AppState,
    pub config: Config,
    /// Dropped after `state`: the database goes once nothing else needs it.
    _pg: Option<PgDatabase>,
    _dir: TempDir,
}

/// The administrator URL of the PostgreSQL server to test on, if asked.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TALENTS_TEST_POSTGRES")
        .ok()
        .filter(|v| !v.trim().is_empty())
}

/// A fresh database for one test: its URL (SQLite file under `dir`, or a new
/// PostgreSQL database) and the guard that drops the PostgreSQL one.
pub async fn fresh_database(dir: &std::path::Path) -> (String, Option<PgDatabase>) {
    match postgres_admin_url() {
        Some(admin_url) => {
            let db = PgDatabase::create(&admin_url).await;
            (db.url.clone(), Some(db))
        }
        None => (sqlite_url(dir), None),
    }
}

pub fn sqlite_url(dir: &std::path::Path) -> String {
    format!("sqlite://{}/talents.db?mode=rwc", dir.display())
}

/// A PostgreSQL database created for one test, dropped (`WITH (FORCE)`, so
/// the server's pooled connections do not keep it alive) on drop.
pub struct PgDatabase {
    admin_url: String,
    pub name: String,
    pub url: String,
}

impl PgDatabase {
    pub async fn create(admin_url: &str) -> Self {
        use sea_orm::{ConnectionTrait, Database};
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "talents_test_{}_{}_{nanos:08x}",
            std::process::id(),
            COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let admin = Database::connect(admin_url)
            .await
            .unwrap_or_else(|e| panic!("TALENTS_TEST_POSTGRES={admin_url} injoignable : {e}"));
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create database");
        let _ = admin.close().await;
        let (base, _) = admin_url
            .rsplit_once('/')
            .expect("TALENTS_TEST_POSTGRES: postgres://user@host:port/database");
        PgDatabase {
            admin_url: admin_url.to_string(),
            url: format!("{base}/{name}"),
            name,
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop may run inside a runtime (the test's): block on a thread and
        // runtime of our own, bounded so a stuck server cannot hang the test.
        let dropper = std::thread::spawn(move || {
            use sea_orm::{ConnectionTrait, Database};
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let work = async {
                    let admin = Database::connect(&admin_url).await?;
                    admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await?;
                    admin.close().await
                };
                match tokio::time::timeout(std::time::Duration::from_secs(20), work).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => eprintln!("DROP DATABASE {name} failed: {e}"),
                    Err(_) => eprintln!("DROP DATABASE {name} timed out"),
                }
            });
        });
        let _ = dropper.join();
    }
}

pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

/// Like `spawn`, with the test configuration changed by `configure` first.
pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    spawn_inner(configure, false).await
}

/// Like `spawn`, on SQLite whatever `TALENTS_TEST_POSTGRES` says.
pub async fn spawn_sqlite() -> TestApp {
    spawn_inner(|_| {}, true).await
}

async fn spawn_inner(configure: impl FnOnce(&mut Config), sqlite: bool) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let (url, pg) = if sqlite {
        (sqlite_url(dir.path()), None)
    } else {
        fresh_database(dir.path()).await
    };
    let outbox = dir.path().join("outbox");
    let mut config = Config::for_tests(&url, outbox.clone());
    configure(&mut config);
    let state = AppState::start(config.clone()).await.expect("state");
    seed::run(state.db.write(), true).await.expect("seed");
    let base = serve(state.clone(), dir.path());
    TestApp {
        base,
        outbox,
        state,
        config,
        _pg: pg,
        _dir: dir,
    }
}

/// Serves `state` on a free port of the loopback; the base URL.
fn serve(state: AppState, dir: &std::path::Path) -> String {
    let options = LeptosOptions::builder()
        .output_name("talents")
        .site_root(dir.join("site").display().to_string())
        .build();
    let router = server::router(state, options);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    listener.set_nonblocking(true).expect("nonblocking");
    // Server-side rendering in debug builds recurses deeply: serve from a
    // runtime of our own with the same large stacks as the binary.
    std::thread::spawn(move || {
        let runtime = server::runtime().expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, router).await.expect("serve");
        });
    });
    format!("http://{addr}")
}

/// A new draft made by `c` (a manager): its id.
pub async fn new_draft(app: &TestApp, c: &Client) -> i32 {
    let res = app.call(c, "create_mission", &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    let (status, space) = app.json(c, "admin_space", &[]).await;
    assert_eq!(status, 200, "{space}");
    space["missions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "brouillon")
        .map(|m| m["id"].as_i64().unwrap() as i32)
        .max()
        .expect("a draft")
}

/// A browser-like client with its own cookie jar, not following redirects.
pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

impl TestApp {
    /// The same service reached at another base URL (see `another_instance`).
    pub fn view(&self, base: String) -> TestApp {
        TestApp {
            base,
            outbox: self.outbox.clone(),
            state: self.state.clone(),
            config: self.config.clone(),
            _pg: None,
            _dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Another instance of the service over the same database, as behind a
    /// load balancer: its own process state (bus, pools), its own port.
    pub async fn another_instance(&self) -> (String, AppState) {
        let state = AppState::start(self.config.clone())
            .await
            .expect("second instance");
        (serve(state.clone(), self._dir.path()), state)
    }

    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        client
            .post(format!("{}/api/{endpoint}", self.base))
            .header(header::ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    pub async fn json(
        &self,
        client: &Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (u16, serde_json::Value) {
        let res = self.call(client, endpoint, form).await;
        let status = res.status().as_u16();
        let text = res.text().await.expect("body");
        let value = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        (status, value)
    }

    pub async fn page(&self, client: &Client, path: &str) -> (u16, String) {
        let res = client
            .get(format!("{}{path}", self.base))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }

    /// The newest sign-in link sent to `email`, read from the outbox files.
    pub fn last_token_for(&self, email: &str) -> Option<String> {
        let files = app::backend::mail::read_outbox(&self.outbox, 1000);
        files
            .into_iter()
            .find(|f| f.to.contains(&email.trim().to_lowercase()) && f.body.contains("jeton="))
            .and_then(|f| {
                let start = f.body.find("jeton=")? + "jeton=".len();
                Some(
                    f.body[start..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect(),
                )
            })
    }

    /// Signs `email` in through the real flow (link by e-mail) and returns the client.
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = client();
        let (status, body) = self
            .json(
                &client,
                "request_sign_in_link",
                &[("email", email), ("next", "/mon-espace")],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let token = self.last_token_for(email).expect("a link in the outbox");
        let res = self
            .call(&client, "complete_sign_in", &[("jeton", &token)])
            .await;
        assert_eq!(res.status().as_u16(), 200);
        client
    }
}
