//! Outgoing e-mail: SMTP when configured, otherwise `.eml` files in an outbox
//! directory.
//!
//! A message is never lost when delivery fails: `Mailer::send` records it in
//! `outgoing_emails` first ("en_attente", with the body to deliver), tries it
//! once right away and, when that fails, leaves it queued; `retry_due` (run
//! by a background task, see `spawn_retries`) tries it again later, with a
//! delay doubling from one minute up to one hour, for as long as it takes.
//! Every attempt is claimed by a conditional update first, so two instances
//! never deliver the same message at once. The row is also the journal: its
//! `body_text` and `body_html` have secrets (sign-in links) masked, and the
//! real body is cleared once the message is delivered.
//!
//! Every message is `multipart/alternative`: the plain text and a simple HTML
//! version generated from it (`html_body`).

use super::config::Config;
use super::db::Db;
use super::entities::outgoing_email;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Waiting for (another) delivery attempt.
pub const PENDING: &str = "en_attente";
/// Accepted by the SMTP server.
pub const SENT: &str = "envoye";
/// Written to the outbox directory.
pub const WRITTEN: &str = "ecrit";

/// The delay after the first failed attempt; it doubles after each failure.
const FIRST_RETRY: chrono::Duration = chrono::Duration::minutes(1);
/// The longest delay between two attempts.
const LONGEST_RETRY: chrono::Duration = chrono::Duration::hours(1);
/// An attempt still running after this long is abandoned (and tried again
/// later). Shorter than the first delay: an attempt claims its message until
/// the next attempt is due, so no one else claims it while it runs.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(20);
/// At most this many queued messages per retry run.
const RETRY_BATCH: u64 = 50;

#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Outbox {
        dir: PathBuf,
        from: Mailbox,
    },
}

/// A message to send. `journal_body` is what the journal keeps (no secrets).
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub journal_body: String,
}

/// A message recorded in the queue (by `Mailer::queue`, possibly inside a
/// transaction) whose first delivery attempt is still to make.
pub struct Queued {
    id: i32,
    mail: Mail,
    list_unsubscribe: Option<String>,
}

/// How long to wait after `attempts` failed attempts: one minute, doubling,
/// at most one hour.
pub fn retry_delay(attempts: i32) -> chrono::Duration {
    let doublings = attempts.saturating_sub(1).clamp(0, 16) as u32;
    (FIRST_RETRY * 2_i32.pow(doublings)).min(LONGEST_RETRY)
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Self, String> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| format!("MAIL_FROM invalide : {e}"))?;
        match &config.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|e| format!("SMTP_URL invalide : {e}"))?
                    .build();
                Ok(Mailer::Smtp { transport, from })
            }
            None => {
                std::fs::create_dir_all(&config.outbox_dir).map_err(|e| {
                    format!(
                        "impossible de créer le dossier d’envoi {:?} : {e}",
                        config.outbox_dir
                    )
                })?;
                Ok(Mailer::Outbox {
                    dir: config.outbox_dir.clone(),
                    from,
                })
            }
        }
    }

    /// Records the message, then tries to deliver it once. A failed delivery
    /// leaves it queued for `retry_due` and still returns `Ok`: only a
    /// database error fails.
    /// Sends one message without secrets to each of `owners` (a mission's
    /// team). A failed delivery is queued; only the journal can fail.
    pub async fn send_to_each(
        &self,
        db: &DatabaseConnection,
        owners: Vec<super::entities::user::Model>,
        subject: &str,
        body: &str,
    ) -> Result<(), AppError> {
        for owner in owners {
            self.send(
                db,
                Mail {
                    to: owner.email,
                    subject: subject.to_string(),
                    body: body.to_string(),
                    journal_body: body.to_string(),
                },
            )
            .await?;
        }
        Ok(())
    }

    pub async fn send(&self, db: &DatabaseConnection, mail: Mail) -> Result<(), AppError> {
        let queued = Self::queue(db, mail, None).await?;
        self.send_queued(db, queued).await
    }

    /// Records a message to deliver, through `conn` (a transaction, so the
    /// message exists exactly when what it reports does), claiming its first
    /// attempt: call `send_queued` once committed. `list_unsubscribe` is the
    /// address of the `List-Unsubscribe` header (RFC 8058 one-click), if any.
    pub async fn queue<C: ConnectionTrait>(
        conn: &C,
        mail: Mail,
        list_unsubscribe: Option<String>,
    ) -> Result<Queued, DbErr> {
        let now = Utc::now();
        // The first attempt is claimed by the insert itself.
        let row = outgoing_email::ActiveModel {
            to_address: Set(mail.to.clone()),
            subject: Set(mail.subject.clone()),
            body_text: Set(mail.journal_body.clone()),
            body_html: Set(Some(html_body(&mail.subject, &mail.journal_body))),
            status: Set(PENDING.to_string()),
            error: Set(None),
            created_at: Set(now),
            attempts: Set(1),
            next_attempt_at: Set(Some(now + retry_delay(1))),
            pending_body: Set(Some(mail.body.clone())),
            list_unsubscribe: Set(list_unsubscribe.clone()),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        Ok(Queued {
            id: row.id,
            mail,
            list_unsubscribe,
        })
    }

    /// The first delivery attempt of a queued message (left queued for
    /// `retry_due` if it fails).
    pub async fn send_queued(&self, db: &DatabaseConnection, q: Queued) -> Result<(), AppError> {
        let unsubscribe = q.list_unsubscribe.as_deref();
        self.attempt(db, q.id, 1, &q.mail, unsubscribe).await?;
        Ok(())
    }

    /// The status of a message this mailer has delivered.
    fn delivered_status(&self) -> &'static str {
        match self {
            Mailer::Smtp { .. } => SENT,
            Mailer::Outbox { .. } => WRITTEN,
        }
    }

    /// One delivery attempt of a message already claimed (its `attempts` is
    /// `attempt`), and its outcome recorded. True when delivered.
    async fn attempt(
        &self,
        db: &DatabaseConnection,
        id: i32,
        attempt: i32,
        mail: &Mail,
        unsubscribe: Option<&str>,
    ) -> Result<bool, DbErr> {
        let delivery = self.deliver(&mail.to, &mail.subject, &mail.body, unsubscribe);
        let outcome = tokio::time::timeout(ATTEMPT_TIMEOUT, delivery)
            .await
            .unwrap_or_else(|_| Err(format!("délai dépassé ({} s)", ATTEMPT_TIMEOUT.as_secs())));
        match outcome {
            Ok(()) => {
                outgoing_email::Entity::update_many()
                    .col_expr(
                        outgoing_email::Column::Status,
                        Expr::value(self.delivered_status()),
                    )
                    .col_expr(
                        outgoing_email::Column::PendingBody,
                        Expr::value(None::<String>),
                    )
                    .col_expr(
                        outgoing_email::Column::ListUnsubscribe,
                        Expr::value(None::<String>),
                    )
                    .col_expr(outgoing_email::Column::Error, Expr::value(None::<String>))
                    .col_expr(
                        outgoing_email::Column::NextAttemptAt,
                        Expr::value(None::<DateTime<Utc>>),
                    )
                    .filter(outgoing_email::Column::Id.eq(id))
                    .filter(outgoing_email::Column::Status.eq(PENDING))
                    .exec(db)
                    .await?;
                Ok(true)
            }
            Err(error) => {
                tracing::warn!(
                    email = id,
                    attempts = attempt,
                    next_in_minutes = retry_delay(attempt).num_minutes(),
                    %error,
                    "e-mail delivery failed; queued to be tried again"
                );
                // Unless a later attempt has claimed it since.
                outgoing_email::Entity::update_many()
                    .col_expr(outgoing_email::Column::Error, Expr::value(Some(error)))
                    .filter(outgoing_email::Column::Id.eq(id))
                    .filter(outgoing_email::Column::Status.eq(PENDING))
                    .filter(outgoing_email::Column::Attempts.eq(attempt))
                    .exec(db)
                    .await?;
                Ok(false)
            }
        }
    }

    async fn deliver(
        &self,
        to: &str,
        subject: &str,
        body: &str,
        unsubscribe: Option<&str>,
    ) -> Result<(), String> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| format!("destinataire invalide : {e}"))?;
        let html = html_body(subject, body);
        match self {
            Mailer::Smtp { transport, from } => {
                let mut builder = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(subject);
                for (name, value) in unsubscribe_headers(unsubscribe) {
                    builder = builder.raw_header(lettre::message::header::HeaderValue::new(
                        lettre::message::header::HeaderName::new_from_ascii_str(name),
                        value,
                    ));
                }
                let message = builder
                    .multipart(MultiPart::alternative_plain_html(body.to_string(), html))
                    .map_err(|e| e.to_string())?;
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            Mailer::Outbox { dir, from } => {
                let name = format!(
                    "{}-{:08x}.eml",
                    Utc::now().format("%Y%m%dT%H%M%S%.6fZ"),
                    rand::random::<u32>()
                );
                let raw = eml(from, &to, subject, body, &html, unsubscribe);
                tokio::fs::write(dir.join(name), raw)
                    .await
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// Tries again every queued message due at `now`, each claimed first (so
/// two instances never send the same one). Returns how many were delivered.
pub async fn retry_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let due = outgoing_email::Entity::find()
        .filter(outgoing_email::Column::Status.eq(PENDING))
        .filter(outgoing_email::Column::NextAttemptAt.lte(now))
        .filter(outgoing_email::Column::PendingBody.is_not_null())
        .order_by_asc(outgoing_email::Column::NextAttemptAt)
        .order_by_asc(outgoing_email::Column::Id)
        .limit(RETRY_BATCH)
        .all(db)
        .await?;
    let mut delivered = 0;
    for row in due {
        let Some(body) = row.pending_body.as_deref() else {
            continue;
        };
        let attempt = row.attempts + 1;
        // The claim holds until the next attempt would be due, counted from
        // when it is taken (a long batch may start late).
        let claimed_until = now.max(Utc::now()) + retry_delay(attempt);
        let claimed = outgoing_email::Entity::update_many()
            .col_expr(outgoing_email::Column::Attempts, Expr::value(attempt))
            .col_expr(
                outgoing_email::Column::NextAttemptAt,
                Expr::value(Some(claimed_until)),
            )
            .filter(outgoing_email::Column::Id.eq(row.id))
            .filter(outgoing_email::Column::Status.eq(PENDING))
            .filter(outgoing_email::Column::Attempts.eq(row.attempts))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let mail = Mail {
            to: row.to_address.clone(),
            subject: row.subject.clone(),
            body: body.to_string(),
            journal_body: String::new(),
        };
        if mailer
            .attempt(db, row.id, attempt, &mail, row.list_unsubscribe.as_deref())
            .await?
        {
            delivered += 1;
        }
    }
    Ok(delivered)
}

/// Starts the background task that tries queued messages again every
/// `every` (first run after one period, so the short `migrate` and `seed`
/// commands never send anything).
pub fn spawn_retries(db: Db, mailer: Mailer, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match retry_due(db.write(), &mailer, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(emails = n, "queued e-mails delivered"),
                Err(e) => tracing::warn!(error = ?e, "retrying queued e-mails failed"),
            }
        }
    });
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One line of text, escaped, its `http(s)://` addresses as links.
fn linkify_line(line: &str, out: &mut String) {
    for word in line.split_inclusive(char::is_whitespace) {
        let start = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| word.find(scheme))
            .min()
            // Only after opening punctuation ("(https://…"), not inside a word.
            .filter(|&i| !word[..i].chars().any(char::is_alphanumeric));
        let Some(start) = start else {
            out.push_str(&escape_html(word));
            continue;
        };
        let tail = &word[start..];
        let url = tail
            .trim_end()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '»', '"', '\'']);
        if !url.contains("://") || url.ends_with("://") {
            out.push_str(&escape_html(word));
            continue;
        }
        let url_html = escape_html(url);
        out.push_str(&escape_html(&word[..start]));
        out.push_str(&format!("<a href=\"{url_html}\">{url_html}</a>"));
        out.push_str(&escape_html(&tail[url.len()..]));
    }
}

/// The HTML alternative of a plain-text message: a French document, one
/// paragraph per block of text (lines kept), everything escaped, web
/// addresses as links. Simple on purpose: mail clients render it as is.
pub fn html_body(subject: &str, text: &str) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    out.push_str(&escape_html(subject));
    out.push_str(
        "</title>\n</head>\n<body style=\"font-family: Marianne, Arial, sans-serif; \
         font-size: 16px; line-height: 1.5; color: #161616;\">\n",
    );
    let text = text.replace("\r\n", "\n");
    fn flush(paragraph: &mut Vec<&str>, out: &mut String) {
        if paragraph.is_empty() {
            return;
        }
        out.push_str("<p>");
        for (i, line) in paragraph.iter().enumerate() {
            if i > 0 {
                out.push_str("<br>\n");
            }
            linkify_line(line.trim_end(), out);
        }
        out.push_str("</p>\n");
        paragraph.clear();
    }
    let mut paragraph: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}

/// The RFC 2369 / RFC 8058 headers of a message one can unsubscribe from
/// in one click: the address (an `https?://` URL, no spaces or angle
/// brackets, so nothing can be injected into the header) is POSTed to.
fn unsubscribe_headers(url: Option<&str>) -> Vec<(&'static str, String)> {
    match url.filter(|u| {
        (u.starts_with("https://") || u.starts_with("http://"))
            && u.chars()
                .all(|c| c.is_ascii_graphic() && c != '<' && c != '>')
    }) {
        Some(url) => vec![
            ("List-Unsubscribe", format!("<{url}>")),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()),
        ],
        None => Vec::new(),
    }
}

/// An RFC 5322 `multipart/alternative` message with 8-bit UTF-8 parts, the
/// plain text first (readable as is in the file).
fn eml(
    from: &Mailbox,
    to: &Mailbox,
    subject: &str,
    text: &str,
    html: &str,
    unsubscribe: Option<&str>,
) -> String {
    use base64::Engine;
    let word = |text: &str| {
        format!(
            "=?utf-8?b?{}?=",
            base64::engine::general_purpose::STANDARD.encode(text)
        )
    };
    let from_header = match &from.name {
        Some(name) => format!("{} <{}>", word(name), from.email),
        None => from.email.to_string(),
    };
    let crlf = |s: &str| s.replace("\r\n", "\n").replace('\n', "\r\n");
    let boundary = format!("=_talents_{:032x}", rand::random::<u128>());
    let part = |content_type: &str, body: &str| {
        format!(
            "--{boundary}\r\nContent-Type: {content_type}; charset=utf-8\r\n\
             Content-Transfer-Encoding: 8bit\r\n\r\n{}\r\n",
            crlf(body)
        )
    };
    let extra: String = unsubscribe_headers(unsubscribe)
        .into_iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    format!(
        "From: {from_header}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\n{extra}MIME-Version: 1.0\r\n\
         Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n{}{}--{boundary}--\r\n",
        to.email,
        word(subject),
        Utc::now().to_rfc2822(),
        part("text/plain", text),
        part("text/html", html),
    )
}

/// One `.eml` file of the outbox, read back (demo outbox page and tests).
pub struct OutboxFile {
    pub name: String,
    pub to: String,
    pub subject: String,
    /// The plain text.
    pub body: String,
    /// The HTML alternative, if the message has one.
    pub html: Option<String>,
}

/// Reads the outbox, newest first, at most `limit` messages.
pub fn read_outbox(dir: &Path, limit: usize) -> Vec<OutboxFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml"))
        .collect();
    names.sort_unstable_by(|a, b| b.cmp(a));
    names
        .into_iter()
        .take(limit)
        .filter_map(|name| {
            let raw = std::fs::read_to_string(dir.join(&name)).ok()?;
            Some(parse_eml(name, &raw))
        })
        .collect()
}

/// Splits a message (or a MIME part), line ends already `\n`, into its
/// unfolded headers and its body.
fn split_entity(raw: &str) -> (Vec<(String, String)>, &str) {
    let (head, body) = raw.split_once("\n\n").unwrap_or((raw, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split('\n') {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    (headers, body)
}

fn header<'a>(headers: &'a [(String, String)], key: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// The `boundary` parameter of a `multipart/…` content type.
fn boundary(content_type: &str) -> Option<String> {
    if !content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("multipart/")
    {
        return None;
    }
    content_type.split(';').find_map(|param| {
        let (k, v) = param.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|b| !b.is_empty())
    })
}

fn parse_eml(name: String, raw: &str) -> OutboxFile {
    let raw = raw.replace("\r\n", "\n");
    let (headers, body) = split_entity(&raw);
    let (text, html) = match boundary(header(&headers, "Content-Type")) {
        // Older files: a single text/plain part.
        None => (body.to_string(), None),
        Some(boundary) => {
            let delimiter = format!("\n--{boundary}");
            // A leading newline so the first delimiter is found like the others.
            let body = format!("\n{body}");
            let mut text = String::new();
            let mut html = None;
            for part in body.split(&delimiter).skip(1) {
                if part.starts_with("--") {
                    break;
                }
                let part = part.strip_prefix('\n').unwrap_or(part);
                let (part_headers, content) = split_entity(part);
                let kind = header(&part_headers, "Content-Type").to_ascii_lowercase();
                if kind.starts_with("text/plain") {
                    text = content.to_string();
                } else if kind.starts_with("text/html") {
                    html = Some(content.to_string());
                }
            }
            (text, html)
        }
    };
    OutboxFile {
        name,
        to: header(&headers, "To").to_string(),
        subject: decode_subject(header(&headers, "Subject")),
        body: text,
        html,
    }
}

/// Decodes an RFC 2047 UTF-8 subject as lettre writes it (base64 words).
fn decode_subject(raw: &str) -> String {
    use base64::Engine;
    let mut out = String::new();
    for word in raw.split_whitespace() {
        if let Some(b64) = word
            .strip_prefix("=?utf-8?b?")
            .or_else(|| word.strip_prefix("=?UTF-8?B?"))
            .and_then(|w| w.strip_suffix("?="))
        {
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(b64) {
                out.push_str(&String::from_utf8_lossy(&bytes));
                continue;
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_everything_and_links_web_addresses() {
        let html = html_body(
            "Objet <b>gras</b>",
            "Bonjour,\n\n<script>alert('x')</script> & « suite »\nligne deux\n\n\
             Ouvrez https://exemple.gouv.fr/connexion/lien?jeton=abc&x=\"1\"&y=2.\n\
             (http://127.0.0.1:3000/mon-espace) ou javascript:alert(1)\n\
             motdepassehttps://faux.example\n",
        );
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
            "{html}"
        );
        assert!(
            html.contains("<title>Objet &lt;b&gt;gras&lt;/b&gt;</title>"),
            "{html}"
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; « suite »<br>\nligne deux</p>"),
            "{html}"
        );
        assert!(html.contains("<p>Bonjour,</p>"), "{html}");
        // The final period is not part of the address; quotes and `&` are escaped.
        assert!(
            html.contains(
                "Ouvrez <a href=\"https://exemple.gouv.fr/connexion/lien?jeton=abc&amp;x=&quot;1&quot;&amp;y=2\">\
                 https://exemple.gouv.fr/connexion/lien?jeton=abc&amp;x=&quot;1&quot;&amp;y=2</a>.<br>"
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "(<a href=\"http://127.0.0.1:3000/mon-espace\">http://127.0.0.1:3000/mon-espace</a>) ou javascript:alert(1)"
            ),
            "{html}"
        );
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!html.contains("href=\"https://faux.example"), "{html}");
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
        assert!(html.ends_with("</body>\n</html>\n"));
    }

    #[test]
    fn the_outbox_file_reads_back_as_the_plain_text() {
        let from: Mailbox = "Talents numériques <ne-pas-repondre@talents.numerique.gouv.fr>"
            .parse()
            .unwrap();
        let to: Mailbox = "agent@numerique.gouv.fr".parse().unwrap();
        let text = "Bonjour,\n\nOuvrez ce lien :\n\nhttp://127.0.0.1:3000/connexion/lien?jeton=Ab-_9\n\n— L’équipe\n";
        let html = html_body("Votre lien", text);
        let raw = eml(
            &from,
            &to,
            "Votre lien de connexion à Talents numériques",
            text,
            &html,
            None,
        );
        assert!(!raw.contains("List-Unsubscribe"));
        assert!(raw.contains("Content-Type: multipart/alternative; boundary="));
        // The link is readable as is in the file (the end-to-end tests read it).
        assert!(raw.contains("\r\nhttp://127.0.0.1:3000/connexion/lien?jeton=Ab-_9\r\n"));
        let file = parse_eml("x.eml".into(), &raw);
        assert_eq!(file.to, "agent@numerique.gouv.fr");
        assert_eq!(file.subject, "Votre lien de connexion à Talents numériques");
        assert_eq!(file.body, text);
        assert_eq!(file.html.as_deref(), Some(html.as_str()));
    }

    #[test]
    fn digests_carry_one_click_unsubscribe_headers() {
        let from: Mailbox = "ne-pas-repondre@talents.numerique.gouv.fr".parse().unwrap();
        let to: Mailbox = "agent@numerique.gouv.fr".parse().unwrap();
        let url = "https://talents.gouv.fr/alertes/desabonnement?jeton=Ab-_9";
        let raw = eml(&from, &to, "Alerte", "texte", "<p>texte</p>", Some(url));
        assert!(raw.contains(&format!("\r\nList-Unsubscribe: <{url}>\r\n")));
        assert!(raw.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
        // Anything that could break out of the header is left out.
        assert!(unsubscribe_headers(Some("https://x.fr/a>\r\nBcc: y@z.fr")).is_empty());
        assert!(unsubscribe_headers(Some("javascript:alert(1)")).is_empty());
        assert!(unsubscribe_headers(None).is_empty());
    }

    #[test]
    fn older_single_part_files_still_read() {
        let raw = "From: a@b.fr\r\nTo: c@d.gouv.fr\r\nSubject: =?utf-8?b?w6l0w6k=?=\r\n\
                   Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour\r\nlien\r\n";
        let file = parse_eml("x.eml".into(), raw);
        assert_eq!(file.to, "c@d.gouv.fr");
        assert_eq!(file.subject, "été");
        assert_eq!(file.body, "Bonjour\nlien\n");
        assert!(file.html.is_none());
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let minutes = |n| retry_delay(n).num_minutes();
        assert_eq!(minutes(0), 1);
        assert_eq!(minutes(1), 1);
        assert_eq!(minutes(2), 2);
        assert_eq!(minutes(3), 4);
        assert_eq!(minutes(6), 32);
        assert_eq!(minutes(7), 60);
        assert_eq!(minutes(1000), 60);
        assert_eq!(minutes(i32::MAX), 60);
        assert!(retry_delay(1).to_std().unwrap() > ATTEMPT_TIMEOUT);
    }
}
