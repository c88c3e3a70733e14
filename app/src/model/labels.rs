//! Stored codes and their French labels, in one place.

pub const MODES: &[(&str, &str)] = &[
    ("sur_site", "Sur site"),
    ("a_distance", "À distance"),
    ("hybride", "Sur site et à distance"),
];

pub const NATURES: &[(&str, &str)] = &[
    ("appui_projet", "Appui à un projet"),
    (
        "retour_experience",
        "Retour d’expérience, transfert de compétences",
    ),
    ("etude_conseil", "Étude, audit, conseil"),
];

pub const LEVELS: &[(&str, &str)] = &[
    ("notions", "Notions"),
    ("pratique", "Pratique"),
    ("expert", "Expert"),
];

/// What a proposed skill (one not in the list yet) would be on a pool
/// profile: to lend at a level, or to grow. The code is
/// `preter_<level>` or `developper`.
pub const PROPOSAL_KINDS: &[(&str, &str)] = &[
    ("preter_pratique", "À partager, niveau Pratique"),
    ("preter_notions", "À partager, niveau Notions"),
    ("preter_expert", "À partager, niveau Expert"),
    ("developper", "À développer"),
];

pub const REMOTE_PREFS: &[(&str, &str)] = &[
    ("sur_site", "Sur site uniquement"),
    ("a_distance", "À distance uniquement"),
    ("indifferent", "Sur site ou à distance"),
];

pub const APPLICATION_STATUSES: &[(&str, &str)] = &[
    ("recue", "Reçue"),
    ("en_discussion", "En discussion"),
    ("accord_demande", "Accord du supérieur demandé"),
    ("retenue", "Retenue"),
    ("non_retenue", "Non retenue"),
    ("retiree", "Retirée"),
];

/// The French label of a stored code, or the code itself when unknown.
pub fn label<'a>(table: &'a [(&'a str, &'a str)], code: &'a str) -> &'a str {
    table
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or(code)
}

pub fn is_code(table: &[(&str, &str)], code: &str) -> bool {
    table.iter().any(|(c, _)| *c == code)
}
