//! Search gives the same missions on SQLite and PostgreSQL: one table of
//! queries over the seed data, run on whichever backend the suite runs on
//! (`scripts/test.sh` runs it on both). The rule is `app::backend::search`'s:
//! folded words, French stems, stop words dropped, prefix matching; words
//! that name a skill (or a synonym) also find the missions with that skill.

use crate::common::{client, postgres_admin_url, spawn};
use sea_orm::{ConnectionTrait, Statement};

const PARCOURS: &str = "parcours-professionnels-filiere-numerique";
const DESIGN: &str = "design-clause-sociale-formation-decrochage-scolaire";
const FOCUS: &str = "focus-plus-accessibilite-documents-administratifs";
const COVID: &str = "covid-19-veille-scientifique";

/// (query, the published missions it finds).
const CASES: &[(&str, &[&str])] = &[
    ("données", &[PARCOURS]),
    ("DONNEE", &[PARCOURS]),
    ("statistique", &[PARCOURS]),
    ("dessiner", &[PARCOURS]),
    ("ACCESSIBILITE", &[FOCUS]),
    ("accessibilité documents", &[FOCUS]),
    ("développement web", &[FOCUS]),
    ("scolaire", &[DESIGN]),
    ("décrocher", &[DESIGN]),
    ("Éducation nationale", &[DESIGN, FOCUS]),
    ("design", &[DESIGN, FOCUS]),
    ("ux", &[DESIGN, FOCUS]),
    ("covid 19", &[COVID]),
    ("19", &[COVID]),
    ("armées", &[COVID]),
    ("intelligence artificielle", &[COVID]),
    ("publication", &[COVID]),
    ("chercheur", &[COVID]),
    ("essais cliniques", &[COVID]),
    ("télétravail", &[COVID]),
    ("scientif", &[COVID]),
    ("paris", &[PARCOURS, DESIGN, FOCUS]),
    // Stop words only: no filter at all.
    ("de la", &[PARCOURS, DESIGN, FOCUS, COVID]),
    ("la veille", &[COVID]),
    ("cybersécurité", &[]),
    ("zzzz", &[]),
    ("design covid", &[]),
    // Synonyms of the missions' skills find them (backend::skills).
    ("expérience utilisateur", &[DESIGN, FOCUS]),
    ("machine learning", &[COVID]),
    ("a11y", &[FOCUS]),
    ("UX à Paris", &[DESIGN, FOCUS]),
    ("machine learning paris", &[]),
    ("RGPD", &[]),
];

#[tokio::test]
async fn the_same_queries_find_the_same_missions_on_every_backend() {
    let app = spawn().await;
    let c = client();
    let mut wrong = Vec::new();
    for (query, expected) in CASES {
        let (status, page) = app.json(&c, "list_missions", &[("q", query)]).await;
        assert_eq!(status, 200, "{query}: {page}");
        let mut found: Vec<String> = page["missions"]
            .as_array()
            .expect("missions")
            .iter()
            .map(|m| m["slug"].as_str().unwrap_or_default().to_string())
            .collect();
        found.sort();
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        if found != expected {
            wrong.push(format!("{query:?}: found {found:?}, expected {expected:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// On PostgreSQL, the lexemes of the stored `tsvector` (French configuration
/// with `unaccent`) are exactly the stems the SQLite side stores, for every
/// seeded mission: the two backends index the same words.
#[tokio::test]
async fn postgresql_lexemes_are_the_stems_sqlite_matches() {
    if postgres_admin_url().is_none() {
        return;
    }
    let app = spawn().await;
    let db = app.state.db.read();
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT slug, search_stems, \
             array_to_string(tsvector_to_array(search_vector), ' ') AS lexemes \
             FROM missions ORDER BY slug",
        ))
        .await
        .expect("query");
    assert!(rows.len() >= 4);
    for row in rows {
        let slug: String = row.try_get("", "slug").unwrap();
        let stems: String = row.try_get("", "search_stems").unwrap();
        let lexemes: String = row.try_get("", "lexemes").unwrap();
        let mut stems: Vec<&str> = stems.split_whitespace().collect();
        let mut lexemes: Vec<&str> = lexemes.split_whitespace().collect();
        stems.sort();
        lexemes.sort();
        assert_eq!(stems, lexemes, "{slug}");
    }
}
