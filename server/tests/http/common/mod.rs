//! Starts the real router on a fresh SQLite file and talks to it over HTTP.
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
    _dir: TempDir,
}

pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

/// Like `spawn`, with the test configuration changed by `configure` first.
pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/talents.db?mode=rwc", dir.path().display());
    let outbox = dir.path().join("outbox");
    let mut config = Config::for_tests(&url, outbox.clone());
    configure(&mut config);
    let state = AppState::start(config).await.expect("state");
    seed::run(state.db.write(), true).await.expect("seed");
    let options = LeptosOptions::builder()
        .output_name("talents")
        .site_root(dir.path().join("site").display().to_string())
        .build();
    let router = server::router(state.clone(), options);
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
    TestApp {
        base: format!("http://{addr}"),
        outbox,
        state,
        _dir: dir,
    }
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
