//! How well a pool profile fits what a manager is looking for: one score,
//! and the reasons behind it, in words the manager reads.
//!
//! The rule (the README repeats it):
//! - Each sought skill the profile **lends** at the sought level or above
//!   earns 30 points at level "expert", 20 at "pratique", 10 at "notions".
//!   A sought skill the profile only wants to **grow** earns 5 points.
//!   When skills are sought, a profile that lends none of them at the sought
//!   level does not match at all.
//! - **Mode**: a mission "sur site" needs a profile that accepts on-site
//!   work, a mission "à distance" one that accepts remote work (else no
//!   match); a fully compatible preference earns 10 points, a partial one (a
//!   hybrid mission and a profile "sur site uniquement" or "à distance
//!   uniquement") 5.
//! - **Place**: a profile whose location shares a place word with the one
//!   sought (same town, e.g. "Paris 7e" and "Paris") earns 10 points. In the
//!   managers' search a place is a filter (no shared word, no match), except
//!   for missions "à distance"; when matching a mission it is only a bonus.
//! - **Availability**: one point per day a month the profile offers, up to
//!   10; with a minimum sought, fewer days do not match.
//! - A free-text query that matched earns 5 points (the database did the
//!   matching).
//!
//! Ties go to the most recently updated profile (the caller sorts).

use crate::text::fold;

/// A skill level, ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Notions,
    Pratique,
    Expert,
}

impl Level {
    pub fn parse(code: &str) -> Option<Level> {
        match code {
            "notions" => Some(Level::Notions),
            "pratique" => Some(Level::Pratique),
            "expert" => Some(Level::Expert),
            _ => None,
        }
    }

    pub fn points(self) -> u32 {
        match self {
            Level::Notions => 10,
            Level::Pratique => 20,
            Level::Expert => 30,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Notions => "notions",
            Level::Pratique => "pratique",
            Level::Expert => "expert",
        }
    }
}

/// What is sought (a manager's search, or a mission's sheet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    /// Skill ids with the minimum level.
    pub skills: Vec<(i32, Level)>,
    /// A mission mode code ("sur_site", "a_distance", "hybride").
    pub mode: Option<String>,
    pub place: Option<String>,
    /// Whether a place that does not match excludes the profile.
    pub place_required: bool,
    pub min_days: Option<i32>,
    /// A free-text query was given and the profile matched it.
    pub text_matched: bool,
}

/// What a profile offers (only its owner's choices, no identity).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Offered {
    pub lend: Vec<(i32, Level)>,
    pub grow: Vec<i32>,
    pub days_per_month: i32,
    /// A remote preference code ("sur_site", "a_distance", "indifferent").
    pub remote: String,
    pub location: String,
}

/// One reason a profile matches, ready to be said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Lends { skill: i32, level: Level },
    Grows { skill: i32 },
    Mode { full: bool },
    Place,
    Days(i32),
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    pub points: u32,
    pub reasons: Vec<Reason>,
}

/// How a remote preference fits a mission mode: `Some(true)` fully,
/// `Some(false)` partly, `None` not at all.
pub fn mode_fit(mode: &str, remote: &str) -> Option<bool> {
    match (mode, remote) {
        (_, "indifferent") => Some(true),
        ("sur_site", "sur_site") | ("a_distance", "a_distance") => Some(true),
        ("hybride", _) => Some(false),
        _ => None,
    }
}

/// Words that say nothing about a place.
const PLACE_NOISE: &[&str] = &[
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "et",
    "en",
    "sur",
    "sous",
    "saint",
    "st",
    "cedex",
    "arrondissement",
    "ville",
    "region",
    "france",
];

fn place_words(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|w| w.len() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !PLACE_NOISE.contains(w))
        .map(str::to_string)
        .collect()
}

/// Whether two places share a place word ("Paris 7e" and "paris").
pub fn same_place(a: &str, b: &str) -> bool {
    let a = place_words(a);
    place_words(b).iter().any(|w| a.contains(w))
}

/// The fit of a profile, or `None` when it does not match.
pub fn fit(wanted: &Wanted, offered: &Offered) -> Option<Fit> {
    let mut points = 0;
    let mut reasons = Vec::new();
    let mut lent_any = false;
    for (skill, min) in &wanted.skills {
        if let Some((_, level)) = offered.lend.iter().find(|(s, l)| s == skill && l >= min) {
            lent_any = true;
            points += level.points();
            reasons.push(Reason::Lends {
                skill: *skill,
                level: *level,
            });
        } else if offered.grow.contains(skill) {
            points += 5;
            reasons.push(Reason::Grows { skill: *skill });
        }
    }
    if !wanted.skills.is_empty() && !lent_any {
        return None;
    }
    if let Some(mode) = &wanted.mode {
        let full = mode_fit(mode, &offered.remote)?;
        points += if full { 10 } else { 5 };
        reasons.push(Reason::Mode { full });
    }
    if let Some(place) = wanted.place.as_deref().filter(|p| !p.trim().is_empty()) {
        if same_place(place, &offered.location) {
            points += 10;
            reasons.push(Reason::Place);
        } else if wanted.place_required && wanted.mode.as_deref() != Some("a_distance") {
            return None;
        }
    }
    if let Some(min) = wanted.min_days {
        if offered.days_per_month < min {
            return None;
        }
    }
    if offered.days_per_month > 0 {
        points += offered.days_per_month.clamp(0, 10) as u32;
        reasons.push(Reason::Days(offered.days_per_month));
    }
    if wanted.text_matched {
        points += 5;
        reasons.push(Reason::Text);
    }
    Some(Fit { points, reasons })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    const UX: i32 = 1;
    const DATA: i32 = 2;
    const A11Y: i32 = 3;

    fn agent(
        lend: &[(i32, Level)],
        grow: &[i32],
        days: i32,
        remote: &str,
        location: &str,
    ) -> Offered {
        Offered {
            lend: lend.to_vec(),
            grow: grow.to_vec(),
            days_per_month: days,
            remote: remote.into(),
            location: location.into(),
        }
    }

    fn seeking(skills: &[(i32, Level)]) -> Wanted {
        Wanted {
            skills: skills.to_vec(),
            ..Wanted::default()
        }
    }

    #[test]
    fn levels_count_and_a_sought_level_is_a_minimum() {
        let expert = agent(&[(UX, Expert)], &[], 2, "indifferent", "Lyon");
        let notions = agent(&[(UX, Notions)], &[], 2, "indifferent", "Lyon");
        let w = seeking(&[(UX, Notions)]);
        assert_eq!(fit(&w, &expert).unwrap().points, 30 + 2);
        assert_eq!(fit(&w, &notions).unwrap().points, 10 + 2);
        // "pratique" at least: notions no longer match, expert still does.
        let w = seeking(&[(UX, Pratique)]);
        assert_eq!(fit(&w, &notions), None);
        assert_eq!(
            fit(&w, &expert).unwrap().reasons[0],
            Reason::Lends {
                skill: UX,
                level: Expert
            }
        );
    }

    #[test]
    fn growing_a_skill_helps_but_never_matches_alone() {
        let learner = agent(&[(DATA, Pratique)], &[UX], 1, "indifferent", "");
        assert_eq!(fit(&seeking(&[(UX, Notions)]), &learner), None);
        let both = fit(&seeking(&[(UX, Notions), (DATA, Notions)]), &learner).unwrap();
        assert_eq!(both.points, 5 + 20 + 1);
        assert!(both.reasons.contains(&Reason::Grows { skill: UX }));
    }

    #[test]
    fn more_skills_rank_higher() {
        let w = seeking(&[(UX, Notions), (A11Y, Notions)]);
        let one = agent(&[(UX, Expert)], &[], 1, "indifferent", "");
        let two = agent(
            &[(UX, Pratique), (A11Y, Pratique)],
            &[],
            1,
            "indifferent",
            "",
        );
        assert!(fit(&w, &two).unwrap().points > fit(&w, &one).unwrap().points);
    }

    #[test]
    fn mode_excludes_or_weighs() {
        let on_site_only = agent(&[(UX, Pratique)], &[], 0, "sur_site", "Paris");
        let remote_only = agent(&[(UX, Pratique)], &[], 0, "a_distance", "Brest");
        let mut w = seeking(&[(UX, Notions)]);
        w.mode = Some("a_distance".into());
        assert_eq!(fit(&w, &on_site_only), None);
        assert_eq!(fit(&w, &remote_only).unwrap().points, 20 + 10);
        w.mode = Some("hybride".into());
        assert_eq!(fit(&w, &on_site_only).unwrap().points, 20 + 5);
        assert!(fit(&w, &on_site_only)
            .unwrap()
            .reasons
            .contains(&Reason::Mode { full: false }));
    }

    #[test]
    fn place_is_a_filter_in_search_and_a_bonus_for_missions() {
        let paris = agent(&[(UX, Pratique)], &[], 0, "indifferent", "Paris 7e");
        let lyon = agent(&[(UX, Pratique)], &[], 0, "indifferent", "Lyon");
        let mut w = seeking(&[(UX, Notions)]);
        w.place = Some("paris".into());
        assert_eq!(fit(&w, &paris).unwrap().points, 20 + 10);
        assert_eq!(fit(&w, &lyon).unwrap().points, 20);
        w.place_required = true;
        assert_eq!(fit(&w, &lyon), None);
        // A remote mission does not care where people are.
        w.mode = Some("a_distance".into());
        assert!(fit(&w, &lyon).is_some());
    }

    #[test]
    fn availability_minimum_and_points() {
        let busy = agent(&[(UX, Pratique)], &[], 1, "indifferent", "");
        let free = agent(&[(UX, Pratique)], &[], 10, "indifferent", "");
        let mut w = seeking(&[(UX, Notions)]);
        w.min_days = Some(2);
        assert_eq!(fit(&w, &busy), None);
        assert_eq!(fit(&w, &free).unwrap().points, 20 + 10);
    }

    #[test]
    fn no_criteria_matches_everyone_by_availability() {
        let a = agent(&[], &[], 3, "sur_site", "Rennes");
        assert_eq!(fit(&Wanted::default(), &a).unwrap().points, 3);
    }

    #[test]
    fn places_compare_words_not_noise() {
        assert!(same_place("Paris 7e", "PARIS"));
        assert!(same_place("Saint-Étienne", "saint etienne"));
        assert!(!same_place("Saint-Denis", "Saint-Malo"));
        // Postcodes alone say too little (and differ within a town).
        assert!(!same_place("75007", "75007"));
        assert!(!same_place("", "Paris"));
    }
}
