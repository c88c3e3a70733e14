//! Outgoing e-mail: SMTP when configured, otherwise `.eml` files in an outbox
//! directory. Every message is also journaled in `outgoing_emails`, with
//! secrets (sign-in links) replaced by a placeholder.

use super::config::Config;
use super::entities::outgoing_email;
use crate::error::AppError;
use chrono::Utc;
use lettre::message::{Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection};
use std::path::{Path, PathBuf};

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

    pub async fn send(&self, db: &DatabaseConnection, mail: Mail) -> Result<(), AppError> {
        let (status, error) = match self.deliver(&mail).await {
            Ok(()) => (
                if matches!(self, Mailer::Smtp { .. }) {
                    "envoye"
                } else {
                    "ecrit"
                },
                None,
            ),
            Err(e) => {
                tracing::error!(error = %e, "e-mail delivery failed");
                ("echec", Some(e))
            }
        };
        outgoing_email::ActiveModel {
            to_address: Set(mail.to.clone()),
            subject: Set(mail.subject.clone()),
            body_text: Set(mail.journal_body.clone()),
            status: Set(status.to_string()),
            error: Set(error.clone()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        match error {
            None => Ok(()),
            Some(_) => Err(AppError::Internal),
        }
    }

    async fn deliver(&self, mail: &Mail) -> Result<(), String> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| format!("destinataire invalide : {e}"))?;
        match self {
            Mailer::Smtp { transport, from } => {
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(&mail.subject)
                    .singlepart(SinglePart::plain(mail.body.clone()))
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
                tokio::fs::write(dir.join(name), eml(from, &to, &mail.subject, &mail.body))
                    .await
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// An RFC 5322 message with an 8-bit UTF-8 body, readable as plain text.
fn eml(from: &Mailbox, to: &Mailbox, subject: &str, body: &str) -> String {
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
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "From: {from_header}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}",
        to.email,
        word(subject),
        Utc::now().to_rfc2822(),
    )
}

/// One `.eml` file of the outbox, read back (demo outbox page and tests).
pub struct OutboxFile {
    pub name: String,
    pub to: String,
    pub subject: String,
    pub body: String,
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

fn parse_eml(name: String, raw: &str) -> OutboxFile {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    let header = |key: &str| -> String {
        head.split("\r\n")
            .find_map(|line| {
                let (k, v) = line.split_once(':')?;
                k.eq_ignore_ascii_case(key).then(|| v.trim().to_string())
            })
            .unwrap_or_default()
    };
    OutboxFile {
        name,
        to: header("To"),
        subject: decode_subject(&header("Subject")),
        body: body.replace("\r\n", "\n"),
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
