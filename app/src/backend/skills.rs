//! The skills list's words: what people type, resolved to skills.
//!
//! Every skill has terms (`skill_terms`): its name and its synonyms, each
//! with a key (`text::skill_key`: folded, filler words dropped, singular)
//! unique across all terms. So "Données", "donnee" and "DONNÉES" are one
//! term, and a name never doubles as another skill's synonym.
//!
//! For other modules (the pool search's free-text box, the missions' `q`):
//!
//! ```ignore
//! // One query (a few hundred short rows): load it once per request.
//! pub async fn index<C: ConnectionTrait>(conn: &C) -> Result<SkillIndex, AppError>;
//! impl SkillIndex {
//!     /// The skill a text names exactly (name or synonym, on its key).
//!     pub fn resolve(&self, text: &str) -> Option<i32>;
//!     /// The skills whose name or a synonym appears in a free-text query,
//!     /// word for word ("expert UX à Lyon" → UX / UI design), in the
//!     /// order they appear, each once.
//!     pub fn matching(&self, query: &str) -> Vec<i32>;
//!     /// The same with where each was found (word positions of
//!     /// `text::fold(query)`), for a search that treats those words apart.
//!     pub fn spans(&self, query: &str) -> Vec<Span>;
//! }
//! // Shortcuts that load the index (or, for `resolve`, query one key):
//! pub async fn resolve<C: ConnectionTrait>(conn: &C, text: &str) -> Result<Option<i32>, AppError>;
//! pub async fn matching<C: ConnectionTrait>(conn: &C, query: &str) -> Result<Vec<i32>, AppError>;
//! ```
//!
//! The index is not cached in the process: several instances share one
//! database and nothing else, and a moderator's change must show on all of
//! them at once; the list is small enough to read per request.
//!
//! Agents' proposals (skills typed because they are not in the list) are
//! [`settle`]d here too: to an existing skill when a term has the same key,
//! otherwise to the one pending proposal of that key.

use super::entities::{pool_profile_proposal, skill_proposal, skill_term};
use crate::error::AppError;
use crate::text::{fold, skill_key, skill_key_word};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};
use std::collections::HashMap;

/// Every term of the list, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct SkillIndex {
    by_key: HashMap<String, i32>,
    /// First word of a term's key → (the key's words, skill), longest first.
    by_first_word: HashMap<String, Vec<(Vec<String>, i32)>>,
}

/// A skill found in a query: `first..=last` are word positions in
/// `text::fold(query).split(' ')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: usize,
    pub last: usize,
    pub skill_id: i32,
}

impl SkillIndex {
    /// An index of (term, skill id) pairs.
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, i32)>) -> Self {
        let mut index = SkillIndex::default();
        for (term, skill_id) in terms {
            let words = crate::text::skill_key_words(term);
            let Some(first) = words.first().cloned() else {
                continue;
            };
            index.by_key.insert(words.join(" "), skill_id);
            index
                .by_first_word
                .entry(first)
                .or_default()
                .push((words, skill_id));
        }
        for candidates in index.by_first_word.values_mut() {
            candidates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        }
        index
    }

    pub fn resolve(&self, text: &str) -> Option<i32> {
        self.by_key.get(&skill_key(text)).copied()
    }

    /// Left to right, the longest term starting at each word wins, and the
    /// words it covers are not looked at again ("tests d’intrusion" is the
    /// pentest, not also "tests").
    pub fn spans(&self, query: &str) -> Vec<Span> {
        let folded = fold(query);
        let words: Vec<(usize, String)> = folded
            .split(' ')
            .enumerate()
            .filter_map(|(i, w)| skill_key_word(w).map(|k| (i, k)))
            .collect();
        let mut spans = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let found = self.by_first_word.get(&words[i].1).and_then(|candidates| {
                candidates.iter().find(|(key, _)| {
                    key.len() <= words.len() - i
                        && key.iter().zip(&words[i..]).all(|(k, (_, w))| k == w)
                })
            });
            match found {
                Some((key, skill_id)) => {
                    spans.push(Span {
                        first: words[i].0,
                        last: words[i + key.len() - 1].0,
                        skill_id: *skill_id,
                    });
                    i += key.len();
                }
                None => i += 1,
            }
        }
        spans
    }

    pub fn matching(&self, query: &str) -> Vec<i32> {
        let mut ids = Vec::new();
        for span in self.spans(query) {
            if !ids.contains(&span.skill_id) {
                ids.push(span.skill_id);
            }
        }
        ids
    }
}

/// Loads every term (names and synonyms).
pub async fn index<C: ConnectionTrait>(conn: &C) -> Result<SkillIndex, AppError> {
    let rows: Vec<(String, i32)> = skill_term::Entity::find()
        .select_only()
        .column(skill_term::Column::Term)
        .column(skill_term::Column::SkillId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(SkillIndex::new(
        rows.iter().map(|(t, id)| (t.as_str(), *id)),
    ))
}

/// The skill `text` names (its name or a synonym, on the key), if any.
pub async fn resolve<C: ConnectionTrait>(conn: &C, text: &str) -> Result<Option<i32>, AppError> {
    let key = skill_key(text);
    if key.is_empty() {
        return Ok(None);
    }
    Ok(skill_term::Entity::find()
        .filter(skill_term::Column::Key.eq(key))
        .one(conn)
        .await?
        .map(|t| t.skill_id))
}

/// The skills named in a free-text query (see [`SkillIndex::matching`]).
pub async fn matching<C: ConnectionTrait>(conn: &C, query: &str) -> Result<Vec<i32>, AppError> {
    Ok(index(conn).await?.matching(query))
}

/// What a typed skill turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// A skill of the list (the text is its name or a synonym).
    Skill(i32),
    /// The pending proposal of that key (made now, or by someone before).
    Proposal(i32),
}

/// Resolves a proposed `term` inside the transaction `txn`: a skill of the
/// list, or the one proposal of its key (created if needed). On PostgreSQL
/// the proposal is then share-locked until `txn` ends, so a moderator
/// deciding on it meanwhile waits, then sees this profile among those who
/// proposed it; if a moderator decided first, the proposal is gone and the
/// term, now a term of the list, resolves to its skill. Call it before
/// locking the profile row (a moderator locks the proposal, then writes
/// profiles' skills): that order never deadlocks.
pub async fn settle<C: ConnectionTrait>(txn: &C, term: &str) -> Result<Settled, AppError> {
    let key = skill_key(term);
    for _ in 0..3 {
        if let Some(id) = resolve(txn, term).await? {
            return Ok(Settled::Skill(id));
        }
        skill_proposal::Entity::insert(skill_proposal::ActiveModel {
            term: Set(term.to_string()),
            key: Set(key.clone()),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([skill_proposal::Column::Key])
        .exec_without_returning(txn)
        .await?;
        let proposal = skill_proposal::Entity::find()
            .filter(skill_proposal::Column::Key.eq(key.clone()))
            .lock_shared()
            .one(txn)
            .await?;
        let Some(proposal) = proposal else {
            continue; // decided on meanwhile: look again
        };
        // A moderator may have made the term a synonym just before.
        if let Some(id) = resolve(txn, term).await? {
            return Ok(Settled::Skill(id));
        }
        return Ok(Settled::Proposal(proposal.id));
    }
    Err(AppError::Conflict(
        "La liste des compétences vient de changer : envoyez le formulaire à nouveau.".into(),
    ))
}

/// The proposals of a profile become exactly `proposals` (with what they
/// would be on it: `kind`, `level`).
pub async fn set_profile_proposals<C: ConnectionTrait>(
    txn: &C,
    profile_id: i32,
    proposals: &[i32],
    kind: &str,
    level: Option<&str>,
) -> Result<(), AppError> {
    pool_profile_proposal::Entity::delete_many()
        .filter(pool_profile_proposal::Column::ProfileId.eq(profile_id))
        .exec(txn)
        .await?;
    let rows: Vec<pool_profile_proposal::ActiveModel> = proposals
        .iter()
        .map(|id| pool_profile_proposal::ActiveModel {
            profile_id: Set(profile_id),
            proposal_id: Set(*id),
            kind: Set(kind.to_string()),
            level: Set(level.map(str::to_string)),
        })
        .collect();
    if !rows.is_empty() {
        pool_profile_proposal::Entity::insert_many(rows)
            .on_conflict_do_nothing_on([
                pool_profile_proposal::Column::ProfileId,
                pool_profile_proposal::Column::ProposalId,
            ])
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

/// The pending proposals of a profile: (term, kind, level), by term.
pub async fn profile_proposals<C: ConnectionTrait>(
    conn: &C,
    profile_id: i32,
) -> Result<Vec<(String, String, Option<String>)>, AppError> {
    let mut rows: Vec<(String, String, Option<String>)> = pool_profile_proposal::Entity::find()
        .filter(pool_profile_proposal::Column::ProfileId.eq(profile_id))
        .find_also_related(skill_proposal::Entity)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|(link, p)| Some((p?.term, link.kind, link.level)))
        .collect();
    rows.sort();
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_index() -> (SkillIndex, HashMap<&'static str, i32>) {
        let mut ids = HashMap::new();
        let mut terms = Vec::new();
        let skills = super::super::seed_data::SKILL_FAMILIES
            .iter()
            .flat_map(|f| f.skills.iter());
        for (i, s) in skills.enumerate() {
            ids.insert(s.slug, i as i32);
            terms.push((s.name, i as i32));
            for t in s.synonyms {
                terms.push((*t, i as i32));
            }
        }
        (SkillIndex::new(terms), ids)
    }

    #[test]
    fn resolve_ignores_case_accents_and_plurals() {
        let (index, ids) = seed_index();
        let ux = ids["ux-ui-design"];
        for text in [
            "UX",
            "ux",
            "Expérience utilisateur",
            "EXPERIENCES UTILISATEURS",
        ] {
            assert_eq!(index.resolve(text), Some(ux), "{text}");
        }
        assert_eq!(index.resolve("r"), Some(ids["statistiques"]));
        assert_eq!(index.resolve("RH"), None);
        assert_eq!(index.resolve("Réseau"), Some(ids["reseaux"]));
        assert_eq!(
            index.resolve("test d'intrusion"),
            Some(ids["tests-intrusion"])
        );
        assert_eq!(index.resolve("k8s"), Some(ids["conteneurisation"]));
        assert_eq!(index.resolve("Kotlin Multiplatform"), None);
        assert_eq!(index.resolve(""), None);
    }

    #[test]
    fn matching_finds_terms_on_word_boundaries() {
        let (index, ids) = seed_index();
        assert_eq!(
            index.matching("expert UX à Lyon"),
            vec![ids["ux-ui-design"]]
        );
        assert_eq!(
            index.matching("Tests d’intrusion et RGPD"),
            vec![
                ids["tests-intrusion"],
                ids["protection-donnees-personnelles"]
            ]
        );
        // The longest term wins: "React Native" is mobile, not React.
        assert_eq!(
            index.matching("react native"),
            vec![ids["developpement-mobile"]]
        );
        assert_eq!(
            index.matching("devops, k8s et CI/CD"),
            vec![ids["devops-integration-continue"], ids["conteneurisation"]]
        );
        // Inside a word is not a match: "rust" is not "r", "uxe" not "ux".
        assert_eq!(index.matching("uxe"), Vec::<i32>::new());
        assert_eq!(index.matching("Rust"), vec![ids["developpement-back-end"]]);
        assert_eq!(index.matching("stats R"), vec![ids["statistiques"]]);
        assert_eq!(index.matching(""), Vec::<i32>::new());
        let spans = index.spans("un expert UX à Lyon");
        assert_eq!(
            spans,
            vec![Span {
                first: 2,
                last: 2,
                skill_id: ids["ux-ui-design"]
            }]
        );
    }
}
