//! Configuration, read once from the environment at start-up.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    /// The address users reach the service at; links in e-mails start with it.
    pub public_url: String,
    /// Demo mode: demo accounts and data, the outbox page, a banner on every page.
    pub demo: bool,
    /// Accepted e-mail domains: ".gouv.fr" matches any subdomain suffix,
    /// "@insee.fr" matches exactly that domain.
    pub allowed_domains: Vec<String>,
    pub smtp_url: Option<Secret>,
    pub mail_from: String,
    pub outbox_dir: PathBuf,
    /// How often queued e-mails that could not be delivered are tried again
    /// (a background task); `None` starts no task (tests call
    /// `mail::retry_due` themselves).
    pub mail_retry_every: Option<Duration>,
    pub sign_in_link_minutes: i64,
    pub session_days: i64,
    /// At most this many sign-in links per address per quarter of an hour.
    pub links_per_address: u64,
    /// At most this many contact requests from one manager to one agent in
    /// a calendar month.
    pub contacts_per_month: u64,
    /// At most this many alert digests per person per calendar month (Paris
    /// time); past it, missions wait for a later period.
    pub alerts_per_month: u64,
    /// Signs what the server hands to browsers and must get back unchanged
    /// (e.g. form errors in URLs). Random per start unless configured; set it
    /// when several instances serve the same site.
    pub secret: Secret,
}

/// A value that must never reach a log: no `Debug`, no `Display`, no `Serialize`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn random() -> Self {
        let bytes: [u8; 32] = rand::random();
        Secret(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("public_url", &self.public_url)
            .field("demo", &self.demo)
            .field("allowed_domains", &self.allowed_domains)
            .field("smtp", &self.smtp_url.as_ref().map(|_| "<configured>"))
            .field("outbox_dir", &self.outbox_dir)
            .field("mail_retry_every", &self.mail_retry_every)
            .finish_non_exhaustive()
    }
}

pub const DEFAULT_DOMAINS: &str = ".gouv.fr,@insee.fr,@justice.fr";

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn flag(name: &str) -> bool {
    env(name).is_some_and(|v| matches!(v.trim(), "1" | "true" | "yes" | "oui"))
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let public_url = env("TALENTS_PUBLIC_URL").unwrap_or_else(|| {
            format!(
                "http://{}",
                env("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into())
            )
        });
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(format!(
                "TALENTS_PUBLIC_URL doit commencer par http:// ou https:// (reçu : {public_url})"
            ));
        }
        let allowed_domains = parse_domains(
            &env("TALENTS_ALLOWED_DOMAINS").unwrap_or_else(|| DEFAULT_DOMAINS.into()),
        )?;
        let number = |name: &str, default: i64| -> Result<i64, String> {
            match env(name) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("{name} doit être un entier positif (reçu : {v})")),
            }
        };
        Ok(Config {
            database_url: env("DATABASE_URL")
                .unwrap_or_else(|| "sqlite://data/talents.db?mode=rwc".into()),
            public_url: public_url.trim_end_matches('/').to_string(),
            demo: flag("TALENTS_DEMO"),
            allowed_domains,
            smtp_url: env("SMTP_URL").map(Secret),
            mail_from: env("MAIL_FROM").unwrap_or_else(|| {
                "Talents numériques <ne-pas-repondre@talents.numerique.gouv.fr>".into()
            }),
            outbox_dir: PathBuf::from(
                env("TALENTS_OUTBOX_DIR").unwrap_or_else(|| "data/outbox".into()),
            ),
            mail_retry_every: Some(Duration::from_secs(
                number("TALENTS_MAIL_RETRY_SECONDS", 30)? as u64,
            )),
            sign_in_link_minutes: number("TALENTS_SIGN_IN_LINK_MINUTES", 15)?,
            session_days: number("TALENTS_SESSION_DAYS", 30)?,
            links_per_address: number("TALENTS_LINKS_PER_ADDRESS", 5)? as u64,
            contacts_per_month: number("TALENTS_CONTACTS_PER_MONTH", 2)? as u64,
            alerts_per_month: number("TALENTS_ALERTS_PER_MONTH", 8)? as u64,
            secret: match env("TALENTS_SECRET") {
                Some(s) if s.len() >= 32 => Secret(s),
                Some(_) => return Err("TALENTS_SECRET doit compter au moins 32 caractères".into()),
                None => Secret::random(),
            },
        })
    }

    /// A configuration for tests: demo mode, outbox in the given directory, no
    /// background e-mail retries (tests trigger them with `mail::retry_due`).
    pub fn for_tests(database_url: &str, outbox_dir: PathBuf) -> Self {
        Config {
            database_url: database_url.to_string(),
            public_url: "http://127.0.0.1:3000".into(),
            demo: true,
            allowed_domains: parse_domains(DEFAULT_DOMAINS).unwrap_or_default(),
            smtp_url: None,
            mail_from: "Talents numériques <ne-pas-repondre@talents.numerique.gouv.fr>".into(),
            outbox_dir,
            mail_retry_every: None,
            sign_in_link_minutes: 15,
            session_days: 30,
            links_per_address: 5,
            contacts_per_month: 2,
            alerts_per_month: 8,
            secret: Secret::random(),
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// Whether an (already folded, syntactically valid) address is professional.
    pub fn accepts_email(&self, email: &str) -> bool {
        let Some((_, domain)) = email.rsplit_once('@') else {
            return false;
        };
        self.allowed_domains.iter().any(|rule| {
            if let Some(exact) = rule.strip_prefix('@') {
                domain == exact
            } else {
                domain.ends_with(rule.as_str())
            }
        })
    }
}

fn parse_domains(raw: &str) -> Result<Vec<String>, String> {
    let rules: Vec<String> = raw
        .split(',')
        .map(|r| r.trim().to_lowercase())
        .filter(|r| !r.is_empty())
        .collect();
    if rules.is_empty()
        || rules
            .iter()
            .any(|r| !(r.starts_with('.') || r.starts_with('@')) || r.len() < 3)
    {
        return Err(format!(
            "TALENTS_ALLOWED_DOMAINS : chaque entrée commence par « . » (suffixe) ou « @ » (domaine exact), séparées par des virgules (reçu : {raw})"
        ));
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn professional_domains() {
        let c = Config::for_tests("sqlite::memory:", PathBuf::from("x"));
        assert!(c.accepts_email("a@numerique.gouv.fr"));
        assert!(c.accepts_email("a@insee.fr"));
        assert!(!c.accepts_email("a@gmail.com"));
        assert!(!c.accepts_email("a@evilgouv.fr"));
        assert!(!c.accepts_email("a@sub.insee.fr"));
        assert!(!c.accepts_email("a@gouv.fr.evil.com"));
    }

    #[test]
    fn domain_rules_must_be_explicit() {
        assert!(parse_domains("gouv.fr").is_err());
        assert!(parse_domains("").is_err());
        assert_eq!(
            parse_domains(" .Gouv.FR , @x.fr").unwrap(),
            vec![".gouv.fr", "@x.fr"]
        );
    }
}
