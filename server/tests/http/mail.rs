//! Outgoing e-mail over real SMTP: a message the SMTP server could not take
//! is queued, the action that sent it still succeeds, and the message is
//! delivered (text and HTML) once the server is back — exactly once.

use crate::common::{client, spawn, spawn_with};
use app::backend::config::Secret;
use app::backend::entities::outgoing_email;
use app::backend::mail;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// A minimal SMTP server, a real protocol peer for lettre: greeting, EHLO or
/// HELO, MAIL, RCPT, DATA up to the lone ".", QUIT. Every message accepted
/// (as transmitted, dot-unstuffed) comes out of the returned channel.
fn smtp_receiver(listener: TcpListener) -> mpsc::UnboundedReceiver<String> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let _ = smtp_session(stream, tx).await;
            });
        }
    });
    rx
}

async fn smtp_session(stream: TcpStream, tx: mpsc::UnboundedSender<String>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write.write_all(b"220 smtp.test ESMTP\r\n").await?;
    let mut line = String::new();
    loop {
        line.clear();
        if read.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("EHLO") || command.starts_with("HELO") {
            write.write_all(b"250 smtp.test\r\n").await?;
        } else if command == "DATA" {
            write
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await?;
            let mut data = String::new();
            loop {
                line.clear();
                if read.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            let _ = tx.send(data);
            write.write_all(b"250 2.0.0 Ok: queued\r\n").await?;
        } else if command == "QUIT" {
            write.write_all(b"221 2.0.0 Bye\r\n").await?;
            return Ok(());
        } else {
            // MAIL FROM, RCPT TO, RSET, NOOP.
            write.write_all(b"250 2.0.0 Ok\r\n").await?;
        }
    }
}

/// The headers (unfolded) and the body of a message or MIME part.
fn split_entity(raw: &str) -> (Vec<(String, String)>, String) {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    (headers, body.to_string())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

fn decode_quoted_printable(body: &str) -> String {
    let joined = body.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("UTF-8 text")
}

/// The parts of a `multipart/alternative` message: (content type, decoded body).
fn alternatives(message: &str) -> Vec<(String, String)> {
    let (headers, body) = split_entity(message);
    let content_type = header(&headers, "content-type");
    assert!(
        content_type.starts_with("multipart/alternative"),
        "{content_type}"
    );
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .expect("a boundary")
        .trim_matches('"')
        .to_string();
    format!("\n{body}")
        .split(&format!("\n--{boundary}"))
        .skip(1)
        .take_while(|part| !part.starts_with("--"))
        .map(|part| {
            let (headers, content) = split_entity(part.trim_start_matches('\n'));
            let decoded = match header(&headers, "content-transfer-encoding") {
                "quoted-printable" => decode_quoted_printable(&content),
                "base64" => {
                    use base64::Engine;
                    let compact: String = content.split_whitespace().collect();
                    String::from_utf8(
                        base64::engine::general_purpose::STANDARD
                            .decode(compact)
                            .expect("base64"),
                    )
                    .expect("UTF-8 text")
                }
                _ => content,
            };
            (header(&headers, "content-type").to_string(), decoded)
        })
        .collect()
}

fn token_in(text: &str) -> String {
    let start = text.find("/connexion/lien?jeton=").expect("a sign-in link")
        + "/connexion/lien?jeton=".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn messages_to(db: &DatabaseConnection, email: &str) -> Vec<outgoing_email::Model> {
    outgoing_email::Entity::find()
        .filter(outgoing_email::Column::ToAddress.eq(email))
        .all(db)
        .await
        .expect("outgoing e-mails")
}

#[tokio::test]
async fn a_failing_smtp_server_loses_no_message_and_it_is_delivered_once_back() {
    // A port where nothing listens (yet).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let app = spawn_with(|config| {
        config.smtp_url = Some(Secret::new(format!("smtp://127.0.0.1:{port}")));
    })
    .await;
    let db = app.state.db.write();
    let email = "claude.file@numerique.gouv.fr";

    // The SMTP server is down: the sign-in link is still "sent".
    let c = client();
    let (status, body) = app
        .json(
            &c,
            "request_sign_in_link",
            &[("email", email), ("next", "/mon-espace")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let rows = messages_to(db, email).await;
    assert_eq!(rows.len(), 1);
    let queued = rows[0].clone();
    assert_eq!(queued.status, mail::PENDING);
    assert_eq!(queued.attempts, 1);
    assert!(queued.error.is_some());
    let first_retry = queued.next_attempt_at.expect("a next attempt");
    assert_eq!(first_retry, queued.created_at + mail::retry_delay(1));
    let pending = queued.pending_body.clone().expect("the body to deliver");
    let token = token_in(&pending);
    // The journal never holds the link.
    assert!(!queued.body_text.contains(&token));
    assert!(queued.body_text.contains("[lien de connexion masqué]"));
    assert!(!queued
        .body_html
        .clone()
        .unwrap_or_default()
        .contains(&token));

    // Not due yet: nothing is tried.
    let retry = |now| mail::retry_due(db, &app.state.mailer, now);
    assert_eq!(retry(queued.created_at).await.unwrap(), 0);
    assert_eq!(messages_to(db, email).await[0].attempts, 1);

    // Due, the server still down: the second attempt fails, the third waits
    // twice as long.
    assert_eq!(retry(first_retry).await.unwrap(), 0);
    let row = messages_to(db, email).await.remove(0);
    assert_eq!(row.status, mail::PENDING);
    assert_eq!(row.attempts, 2);
    assert!(row.error.is_some());
    let second_retry = row.next_attempt_at.expect("a next attempt");
    assert!(
        second_retry >= first_retry + mail::retry_delay(2),
        "{second_retry} after {first_retry}"
    );
    assert!(row.pending_body.is_some());

    // The server is back: the message goes, text and HTML, with the link.
    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("bind the SMTP port");
    let mut received = smtp_receiver(listener);
    assert_eq!(retry(second_retry).await.unwrap(), 1);
    let message = tokio::time::timeout(Duration::from_secs(10), received.recv())
        .await
        .expect("a message in time")
        .expect("a message");
    let (headers, _) = split_entity(&message);
    assert_eq!(header(&headers, "to"), email);
    let parts = alternatives(&message);
    assert_eq!(parts.len(), 2, "{message}");
    assert!(parts[0].0.starts_with("text/plain"), "{}", parts[0].0);
    assert!(parts[1].0.starts_with("text/html"), "{}", parts[1].0);
    let (text, html) = (&parts[0].1, &parts[1].1);
    assert_eq!(token_in(text), token);
    assert!(
        text.contains("Pour vous connecter à Talents numériques"),
        "{text}"
    );
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(
        html.contains(&format!(
            "<a href=\"http://127.0.0.1:3000/connexion/lien?jeton={token}\">"
        )),
        "{html}"
    );
    let row = messages_to(db, email).await.remove(0);
    assert_eq!(row.status, mail::SENT);
    assert_eq!(row.attempts, 3);
    assert_eq!(row.pending_body, None, "no secret lingers");
    assert_eq!(row.error, None);
    assert_eq!(row.next_attempt_at, None);

    // Delivered once: later runs send nothing.
    assert_eq!(
        retry(second_retry + mail::retry_delay(100)).await.unwrap(),
        0
    );
    assert!(received.try_recv().is_err(), "sent twice");

    // The delivered link signs in.
    let res = app
        .call(&c, "complete_sign_in", &[("jeton", token.as_str())])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (_, info) = app.json(&c, "site_info", &[]).await;
    assert!(info.to_string().contains(email), "{info}");
}

#[tokio::test]
async fn outbox_messages_are_multipart_and_journaled_without_secrets() {
    let app = spawn().await;
    let email = "camille.boite@numerique.gouv.fr";
    let c = client();
    let (status, body) = app
        .json(
            &c,
            "request_sign_in_link",
            &[("email", email), ("next", "/mon-espace")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let row = messages_to(app.state.db.write(), email).await.remove(0);
    assert_eq!(row.status, mail::WRITTEN);
    assert_eq!(row.attempts, 1);
    assert_eq!(row.pending_body, None);
    assert_eq!(row.next_attempt_at, None);
    assert!(row.body_text.contains("[lien de connexion masqué]"));
    let file = mail::read_outbox(&app.outbox, 10)
        .into_iter()
        .find(|f| f.to == email)
        .expect("the message in the outbox");
    let token = token_in(&file.body);
    assert!(!row.body_text.contains(&token));
    let html = file.html.expect("an HTML alternative");
    assert!(
        html.contains(&format!("/connexion/lien?jeton={token}\">")),
        "{html}"
    );
    assert!(app.last_token_for(email).is_some_and(|t| t == token));
    // Nothing is queued: a retry run sends nothing again.
    assert_eq!(
        mail::retry_due(
            app.state.db.write(),
            &app.state.mailer,
            row.created_at + mail::retry_delay(100)
        )
        .await
        .unwrap(),
        0
    );
    assert_eq!(mail::read_outbox(&app.outbox, 10).len(), 1);
}

/// An alert digest queued while the SMTP server is down keeps its one-click
/// unsubscribe headers for the retry, then forgets the address (a token).
#[tokio::test]
async fn a_queued_digest_goes_out_later_with_its_unsubscribe_headers() {
    use app::backend::alerts;
    use app::backend::entities::{mission, user};
    use sea_orm::sea_query::Expr;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let app = spawn_with(|config| {
        config.smtp_url = Some(Secret::new(format!("smtp://127.0.0.1:{port}")));
    })
    .await;
    let db = app.state.db.write();
    let email = "agent.demo@numerique.gouv.fr";
    let agent = user::Entity::find()
        .filter(user::Column::EmailFolded.eq(email))
        .one(db)
        .await
        .unwrap()
        .expect("the demo agent");
    let input = alerts::check(
        &alerts::AlertForm {
            frequency: alerts::DAILY.into(),
            ..Default::default()
        },
        |_| true,
        |_| true,
        false,
    )
    .unwrap();
    alerts::create(db, &agent, input).await.unwrap();
    mission::Entity::update_many()
        .col_expr(
            mission::Column::PublishedAt,
            Expr::value(Some(chrono::Utc::now())),
        )
        .filter(mission::Column::Slug.eq("covid-19-veille-scientifique"))
        .exec(db)
        .await
        .unwrap();
    let report = alerts::run_all_now(&app.state).await.unwrap();
    assert_eq!(report.sent, 1);
    let queued = messages_to(db, email).await.remove(0);
    assert_eq!(queued.status, mail::PENDING);
    let url = queued.list_unsubscribe.clone().expect("kept for the retry");
    assert!(url.starts_with("http://127.0.0.1:3000/alertes/desabonnement?jeton="));
    assert!(
        !queued.body_text.contains(&url),
        "the journal masks the link"
    );

    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("bind the SMTP port");
    let mut received = smtp_receiver(listener);
    let due = queued.next_attempt_at.expect("a next attempt");
    assert_eq!(
        mail::retry_due(db, &app.state.mailer, due).await.unwrap(),
        1
    );
    let message = tokio::time::timeout(Duration::from_secs(10), received.recv())
        .await
        .expect("a message in time")
        .expect("a message");
    let (headers, _) = split_entity(&message);
    assert_eq!(header(&headers, "list-unsubscribe"), format!("<{url}>"));
    assert_eq!(
        header(&headers, "list-unsubscribe-post"),
        "List-Unsubscribe=One-Click"
    );
    assert!(alternatives(&message)[0].1.contains(&url));
    let row = messages_to(db, email).await.remove(0);
    assert_eq!(row.status, mail::SENT);
    assert_eq!((row.pending_body, row.list_unsubscribe), (None, None));
}
