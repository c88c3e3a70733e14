//! Input rules, as plain functions: each form is checked here once, by the
//! server, and every broken rule becomes a French message tied to its field.

use crate::error::{AppError, FieldErrors};
use crate::model::{is_code, LEVELS, PROPOSAL_KINDS, REMOTE_PREFS};
use std::collections::{BTreeMap, HashMap};
use unicode_normalization::UnicodeNormalization;

mod sheet;
pub use sheet::{sheet, SheetInput, Strictness};

/// Collects the messages of one form and the values typed in it.
#[derive(Default)]
pub struct Checker {
    errors: FieldErrors,
    values: BTreeMap<String, String>,
}

/// Normalises free text: NFC, no control characters except line breaks and
/// tabs, Windows line endings unified, surrounding blanks trimmed.
pub fn clean(input: &str) -> String {
    input
        .replace("\r\n", "\n")
        .nfc()
        .filter(|c| (!c.is_control() || *c == '\n' || *c == '\t') && !invisible(*c))
        .collect::<String>()
        .trim()
        .to_string()
}

/// Zero-width and bidirectional-override characters: they make text look
/// other than it is (an empty-looking title, reversed words).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a field's typed value so it can be shown again.
    pub fn keep(&mut self, name: &str, raw: &str) {
        // Values travel back in the URL of a page shown without JavaScript:
        // each is capped just above the longest allowed field (a mission's
        // description, 10 000 characters), and a form
        // keeps at most 150 of them (10 fields and the skills picked).
        if self.values.len() >= 150 {
            return;
        }
        let kept: String = raw.chars().take(10_100).collect();
        self.values.insert(name.to_string(), kept);
    }

    pub fn fail(&mut self, name: &str, message: impl Into<String>) {
        self.errors
            .entry(name.to_string())
            .or_insert_with(|| message.into());
    }

    /// A text field: cleaned, required or not, bounded in characters.
    pub fn text(
        &mut self,
        name: &str,
        raw: &str,
        required: bool,
        min: usize,
        max: usize,
        what: &str,
    ) -> String {
        self.keep(name, raw);
        let value = clean(raw);
        let len = value.chars().count();
        if value.is_empty() {
            if required {
                self.fail(name, format!("Renseignez {what}."));
            }
        } else if len < min {
            self.fail(
                name,
                format!(
                    "{} : au moins {min} caractères (actuellement {len}).",
                    capitalise(what)
                ),
            );
        } else if len > max {
            self.fail(
                name,
                format!(
                    "{} : {max} caractères au maximum (actuellement {len}).",
                    capitalise(what)
                ),
            );
        }
        value
    }

    pub fn email(&mut self, name: &str, raw: &str, what: &str) -> String {
        self.keep(name, raw);
        let value = clean(raw).to_lowercase();
        if value.is_empty() {
            self.fail(name, format!("Renseignez {what}."));
        } else if !is_email(&value) {
            self.fail(
                name,
                format!(
                    "{} n’est pas valide : elle doit avoir la forme prenom.nom@exemple.gouv.fr.",
                    capitalise(what)
                ),
            );
        }
        value
    }

    /// The rejection of what was recorded so far (for a rule checked after
    /// the fields, e.g. a duplicate found in the database).
    pub fn rejection(self) -> AppError {
        AppError::invalid(self.errors, self.values)
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::invalid(self.errors, self.values))
        }
    }
}

pub(crate) fn capitalise(what: &str) -> String {
    let mut chars = what.chars();
    match chars.next() {
        Some(first) => {
            // "votre adresse" → "Votre adresse"; "l’adresse" → "L’adresse"
            first.to_uppercase().collect::<String>() + chars.as_str()
        }
        None => String::new(),
    }
}

/// A deliberately strict syntax check of an e-mail address (already folded).
pub fn is_email(value: &str) -> bool {
    if value.len() > 254 {
        return false;
    }
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._+-'".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

/// What an agent sends when applying to a mission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationInput {
    pub motivation: String,
    pub availability: String,
    pub skills_offered: String,
    pub manager_name: String,
    pub manager_email: String,
}

pub const MOTIVATION_MIN: usize = 30;
pub const MOTIVATION_MAX: usize = 5000;

pub fn application(
    motivation: &str,
    availability: &str,
    skills_offered: &str,
    manager_name: &str,
    manager_email: &str,
    manager_ack: bool,
    manager_email_rule: impl Fn(&str) -> Option<String>,
) -> Result<ApplicationInput, AppError> {
    let mut c = Checker::new();
    let motivation = c.text(
        "motivation",
        motivation,
        true,
        MOTIVATION_MIN,
        MOTIVATION_MAX,
        "votre motivation",
    );
    let availability = c.text(
        "availability",
        availability,
        true,
        2,
        500,
        "vos disponibilités",
    );
    let skills_offered = c.text(
        "skills_offered",
        skills_offered,
        false,
        0,
        1000,
        "les compétences que vous apportez",
    );
    let manager_name = c.text(
        "manager_name",
        manager_name,
        true,
        2,
        120,
        "le nom de votre supérieur hiérarchique",
    );
    let manager_email = c.email(
        "manager_email",
        manager_email,
        "l’adresse électronique de votre supérieur hiérarchique",
    );
    if is_email(&manager_email) {
        if let Some(message) = manager_email_rule(&manager_email) {
            c.fail("manager_email", message);
        }
    }
    c.keep("manager_ack", if manager_ack { "on" } else { "" });
    if !manager_ack {
        c.fail(
            "manager_ack",
            "Cochez la case pour confirmer que votre supérieur hiérarchique devra donner son accord avant le début de la mission.",
        );
    }
    c.finish()?;
    Ok(ApplicationInput {
        motivation,
        availability,
        skills_offered,
        manager_name,
        manager_email,
    })
}

/// What an agent sends to join or update the talent pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolInput {
    pub full_name: String,
    pub administration: String,
    pub job_title: String,
    /// skill slug → level
    pub lend: BTreeMap<String, String>,
    pub grow: Vec<String>,
    pub days_per_month: i32,
    pub rhythm: String,
    pub location: String,
    pub remote: String,
    pub bio: String,
    /// Skills typed because they are not in the list (see [`proposals`]).
    pub proposals: Vec<String>,
    /// What the proposed skills are: "preter" with a level, or "developper".
    pub proposal_kind: (String, Option<String>),
}

pub const MAX_SKILLS: usize = 20;
/// Skills an agent may propose at once, and the length of each.
pub const MAX_PROPOSALS: usize = 3;
pub const PROPOSAL_MAX_CHARS: usize = 100;
/// The stored key's bound (`skill_terms.key`, `skill_proposals.key`): a
/// few characters expand when folded (ligatures, "ß").
pub const SKILL_KEY_MAX_CHARS: usize = 250;

/// The field "Autre compétence": up to [`MAX_PROPOSALS`] comma-separated
/// skills (semicolons and line breaks separate too), each cleaned, 2 to
/// [`PROPOSAL_MAX_CHARS`] characters, naming something
/// (`text::skill_key` not empty), duplicates on case, accents or plural
/// dropped. `kind` is a code of [`PROPOSAL_KINDS`] (empty: the first).
pub fn proposals(
    c: &mut Checker,
    raw: &str,
    kind: &str,
) -> (Vec<String>, (String, Option<String>)) {
    c.keep("other", raw);
    c.keep("other_kind", kind);
    let mut terms: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut count = 0;
    for part in raw.split([',', ';', '\n']) {
        let term = clean(part).split_whitespace().collect::<Vec<_>>().join(" ");
        if term.is_empty() {
            continue;
        }
        count += 1;
        let len = term.chars().count();
        let key = crate::text::skill_key(&term);
        if len < 2 || key.is_empty() {
            c.fail(
                "other",
                format!("« {term} » ne désigne pas une compétence : écrivez son nom, par exemple « OCaml »."),
            );
        } else if len > PROPOSAL_MAX_CHARS || key.chars().count() > SKILL_KEY_MAX_CHARS {
            c.fail(
                "other",
                format!("Chaque compétence proposée : {PROPOSAL_MAX_CHARS} caractères au maximum (l’une en a {len})."),
            );
        } else if !keys.contains(&key) {
            keys.push(key);
            terms.push(term);
        }
    }
    if count > MAX_PROPOSALS {
        c.fail(
            "other",
            format!("Proposez au plus {MAX_PROPOSALS} compétences, séparées par des virgules."),
        );
    }
    let kind = match kind.trim() {
        "" => PROPOSAL_KINDS[0].0,
        k => k,
    };
    if !is_code(PROPOSAL_KINDS, kind) {
        c.fail(
            "other_kind",
            "Choisissez si ces compétences sont à partager (avec votre niveau) ou à développer.",
        );
    }
    let kind = match kind.strip_prefix("preter_") {
        Some(level) => ("preter".to_string(), Some(level.to_string())),
        None => ("developper".to_string(), None),
    };
    (terms, kind)
}

#[allow(clippy::too_many_arguments)]
pub fn pool_profile(
    full_name: &str,
    administration: &str,
    job_title: &str,
    lend: &HashMap<String, String>,
    grow: &HashMap<String, String>,
    days_per_month: &str,
    rhythm: &str,
    location: &str,
    remote: &str,
    bio: &str,
    other: &str,
    other_kind: &str,
    known_skill: impl Fn(&str) -> bool,
) -> Result<PoolInput, AppError> {
    let mut c = Checker::new();
    let full_name = c.text("full_name", full_name, true, 2, 120, "vos prénom et nom");
    let administration = c.text(
        "administration",
        administration,
        true,
        2,
        200,
        "votre administration",
    );
    let job_title = c.text("job_title", job_title, true, 2, 150, "votre fonction");

    let mut lend_ok = BTreeMap::new();
    for (slug, level) in lend {
        let level = level.trim();
        if level.is_empty() {
            continue;
        }
        c.keep(&format!("lend[{slug}]"), level);
        if !known_skill(slug) {
            c.fail("lend", "Une compétence choisie n’existe pas dans la liste.");
        } else if !is_code(LEVELS, level) {
            c.fail(
                "lend",
                "Choisissez un niveau parmi Notions, Pratique ou Expert.",
            );
        } else {
            lend_ok.insert(slug.clone(), level.to_string());
        }
    }
    let (proposed, proposal_kind) = proposals(&mut c, other, other_kind);
    let lends_proposed = !proposed.is_empty() && proposal_kind.0 == "preter";
    if lend_ok.is_empty() && !lends_proposed {
        c.fail(
            "lend",
            "Choisissez au moins une compétence à partager, avec votre niveau. Si elle n’est pas dans la liste, proposez-la dans « Autre compétence ».",
        );
    } else if lend_ok.len() > MAX_SKILLS {
        c.fail(
            "lend",
            format!("Choisissez au plus {MAX_SKILLS} compétences à partager."),
        );
    }

    let mut grow_ok: Vec<String> = Vec::new();
    for (slug, on) in grow {
        if on.is_empty() {
            continue;
        }
        c.keep(&format!("grow[{slug}]"), on);
        if !known_skill(slug) {
            c.fail("grow", "Une compétence choisie n’existe pas dans la liste.");
        } else if lend_ok.contains_key(slug) {
            c.fail(
                "grow",
                "Une même compétence ne peut pas être à la fois à partager et à développer.",
            );
        } else {
            grow_ok.push(slug.clone());
        }
    }
    grow_ok.sort();
    if grow_ok.len() > MAX_SKILLS {
        c.fail(
            "grow",
            format!("Choisissez au plus {MAX_SKILLS} compétences à développer."),
        );
    }

    c.keep("days_per_month", days_per_month);
    let days = match days_per_month.trim().parse::<i32>() {
        Ok(d) if (1..=10).contains(&d) => d,
        _ => {
            c.fail(
                "days_per_month",
                "Indiquez un nombre entier de jours par mois, entre 1 et 10.",
            );
            0
        }
    };
    let rhythm = c.text("rhythm", rhythm, false, 0, 300, "le rythme souhaité");
    let location = c.text("location", location, true, 2, 120, "votre lieu de travail");
    c.keep("remote", remote);
    let remote = remote.trim().to_string();
    if !is_code(REMOTE_PREFS, &remote) {
        c.fail(
            "remote",
            "Choisissez une préférence : sur site, à distance, ou les deux.",
        );
    }
    let bio = c.text("bio", bio, false, 0, 2000, "la présentation");
    c.finish()?;
    Ok(PoolInput {
        full_name,
        administration,
        job_title,
        lend: lend_ok,
        grow: grow_ok,
        days_per_month: days,
        rhythm,
        location,
        remote,
        bio,
        proposals: proposed,
        proposal_kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok_application() -> Result<ApplicationInput, AppError> {
        application(
            "Je souhaite contribuer à ce projet qui me tient à cœur.",
            "Deux jours par mois",
            "",
            "Camille Martin",
            "camille.martin@finances.gouv.fr",
            true,
            |_| None,
        )
    }

    #[test]
    fn valid_application_passes() {
        let input = ok_application().expect("valid");
        assert_eq!(input.manager_email, "camille.martin@finances.gouv.fr");
    }

    #[test]
    fn every_application_field_has_its_message() {
        let err = application(
            "court",
            "",
            &"x".repeat(1001),
            "",
            "pas-une-adresse",
            false,
            |_| None,
        )
        .unwrap_err();
        for field in [
            "motivation",
            "availability",
            "skills_offered",
            "manager_name",
            "manager_email",
            "manager_ack",
        ] {
            assert!(err.field(field).is_some(), "no message for {field}");
        }
        assert_eq!(err.value("motivation").as_deref(), Some("court"));
        assert_eq!(err.status(), 400);
    }

    #[test]
    fn motivation_bounds_count_characters_not_bytes() {
        let accents = "é".repeat(MOTIVATION_MIN);
        assert!(application(
            &accents,
            "x y",
            "",
            "Nom Prénom",
            "a@b.gouv.fr",
            true,
            |_| None
        )
        .is_ok());
        let long = "é".repeat(MOTIVATION_MAX + 1);
        let err = application(&long, "x y", "", "Nom Prénom", "a@b.gouv.fr", true, |_| {
            None
        })
        .unwrap_err();
        assert!(err.field("motivation").unwrap().contains("5000"));
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(clean("\u{200B}\u{200B}a\u{202E}b\u{FEFF}"), "ab");
        assert_eq!(clean("l\u{2019}été"), "l\u{2019}été");
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(clean("  a\u{0}b\r\nc\u{7} "), "ab\nc");
    }

    #[test]
    fn email_syntax() {
        for good in ["a@b.fr", "prenom.nom@interieur.gouv.fr", "o'neil@x.gouv.fr"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "", "a", "a@b", "a@@b.fr", "a b@c.fr", ".a@b.fr", "a@-b.fr", "a@b.f", "<a>@b.fr",
            "a@b.fr\n",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn pool_profile_rules() {
        let mut lend = HashMap::new();
        lend.insert("developpement-web".to_string(), "expert".to_string());
        lend.insert("inconnue".to_string(), "".to_string());
        let mut grow = HashMap::new();
        grow.insert("developpement-web".to_string(), "on".to_string());
        let known = |s: &str| s == "developpement-web";
        let err = pool_profile(
            "A", "DINUM", "Dev", &lend, &grow, "12", "", "Paris", "partout", "", "", "", known,
        )
        .unwrap_err();
        for field in ["full_name", "grow", "days_per_month", "remote"] {
            assert!(err.field(field).is_some(), "no message for {field}");
        }
        assert!(err.field("lend").is_none(), "an empty level is ignored");
        let ok = pool_profile(
            "Ada L",
            "DINUM",
            "Dev",
            &lend,
            &HashMap::new(),
            " 3 ",
            "",
            "Paris",
            "indifferent",
            "",
            "",
            "",
            known,
        )
        .unwrap();
        assert_eq!(ok.days_per_month, 3);
        assert_eq!(ok.lend.len(), 1);
        let err = pool_profile(
            "Ada L",
            "DINUM",
            "Dev",
            &HashMap::new(),
            &HashMap::new(),
            "2",
            "",
            "Paris",
            "indifferent",
            "",
            "",
            "",
            known,
        )
        .unwrap_err();
        assert!(err.field("lend").is_some());
    }

    #[test]
    fn proposals_are_bounded_and_deduplicated() {
        let mut c = Checker::new();
        let (terms, kind) = proposals(&mut c, " Kotlin, kotlin ;  Jeux   vidéo ,", "");
        assert!(c.finish().is_ok());
        assert_eq!(terms, vec!["Kotlin", "Jeux vidéo"]);
        assert_eq!(kind, ("preter".to_string(), Some("pratique".to_string())));

        let mut c = Checker::new();
        let (_, kind) = proposals(&mut c, "Kotlin", "developper");
        assert!(c.finish().is_ok());
        assert_eq!(kind, ("developper".to_string(), None));

        for (raw, kind) in [
            ("a, b, c, d", ""),
            ("x", ""),
            ("de la", ""),
            (&*"é".repeat(PROPOSAL_MAX_CHARS + 1), ""),
            ("Kotlin", "preter_maitre"),
            (&*"\u{FDFA}".repeat(20), ""),
        ] {
            let mut c = Checker::new();
            proposals(&mut c, raw, kind);
            assert!(c.finish().is_err(), "{raw} / {kind}");
        }

        // A skill proposed to lend counts as the one skill to lend.
        let ok = pool_profile(
            "Ada L",
            "DINUM",
            "Dev",
            &HashMap::new(),
            &HashMap::new(),
            "2",
            "",
            "Paris",
            "indifferent",
            "",
            "Kotlin",
            "preter_expert",
            |_| false,
        )
        .unwrap();
        assert_eq!(ok.proposals, vec!["Kotlin"]);
        assert_eq!(ok.proposal_kind.1.as_deref(), Some("expert"));
    }
}
