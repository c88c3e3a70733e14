//! Full-text search of the published missions, with the same results on
//! SQLite and PostgreSQL.
//!
//! The matching rule, on both backends: the text of a mission is folded
//! (`text::fold`: lower case, accents removed, words of letters and digits);
//! each word made only of letters that is not a French stop word is reduced
//! to its Snowball French stem, a word with a digit is kept as it is (those
//! are the rules of PostgreSQL's `french` configuration, whose parser sends
//! numbers to the `simple` dictionary). A query is folded and split the same
//! way, stop words dropped; a mission matches when, for every remaining query
//! word, one of its stems *starts with* that word's stem (prefix matching, so
//! "cyber" finds "cybersécurité" and "donnee" finds "données").
//!
//! - PostgreSQL: the custom text search configuration `talents_fr` (a copy of
//!   `french` whose word mappings go through `unaccent` then `french_stem`)
//!   builds `missions.search_vector`, a stored generated `tsvector` column
//!   over the folded `search_text`, with a GIN index; the query is
//!   `to_tsquery('talents_fr', 'word1:* & word2:*')`, PostgreSQL stemming
//!   the words itself.
//! - SQLite: the same stems, computed here by the `rust-stemmers` Snowball
//!   French stemmer, are stored in `missions.search_stems` (" stem1 stem2 …",
//!   each preceded by a space) and each query stem is matched with
//!   `LIKE '% stem%'`.
//!
//! Both are fed the already folded text, so their tokenisation agrees (the
//! PostgreSQL parser would otherwise also index "covid-19" as one word); the
//! shared table of queries in the HTTP tests checks that both give the same
//! missions.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// PostgreSQL's `french.stop`, as its `french_stem` dictionary reads it. The
/// dictionary sees words after `unaccent`, so the accented entries never
/// match there, and they never match a folded word here either.
const STOP_WORDS: [&str; 155] = [
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il",
    "je", "la", "le", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon", "ne", "nos",
    "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
    "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c",
    "d", "j", "l", "à", "m", "n", "s", "t", "y", "été", "étée", "étées", "étés", "étant", "étante",
    "étants", "étantes", "suis", "es", "est", "sommes", "êtes", "sont", "serai", "seras", "sera",
    "serons", "serez", "seront", "serais", "serait", "serions", "seriez", "seraient", "étais",
    "était", "étions", "étiez", "étaient", "fus", "fut", "fûmes", "fûtes", "furent", "sois",
    "soit", "soyons", "soyez", "soient", "fusse", "fusses", "fût", "fussions", "fussiez",
    "fussent", "ayant", "ayante", "ayantes", "ayants", "eu", "eue", "eues", "eus", "ai", "as",
    "avons", "avez", "ont", "aurai", "auras", "aura", "aurons", "aurez", "auront", "aurais",
    "aurait", "aurions", "auriez", "auraient", "avais", "avait", "avions", "aviez", "avaient",
    "eut", "eûmes", "eûtes", "eurent", "aie", "aies", "ait", "ayons", "ayez", "aient", "eusse",
    "eusses", "eût", "eussions", "eussiez", "eussent",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::French))
}

/// Whether a folded word is dropped from texts and queries.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// The lexeme of one folded word: `None` for a stop word.
fn lexeme(word: &str) -> Option<String> {
    if word.chars().any(|c| c.is_numeric()) {
        Some(word.to_string())
    } else if is_stop_word(word) {
        None
    } else {
        Some(stemmer().stem(word).into_owned())
    }
}

/// The `search_stems` column of a mission from its folded `search_text`:
/// each distinct stem preceded by a space.
pub fn stems(search_text: &str) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = String::new();
    for word in search_text.split(' ').filter(|w| !w.is_empty()) {
        if let Some(stem) = lexeme(word) {
            if seen.insert(stem.clone()) {
                out.push(' ');
                out.push_str(&stem);
            }
        }
    }
    out
}

/// A search as both backends run it: the folded query words that count
/// (stop words dropped), and their stems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub words: Vec<String>,
    pub stems: Vec<String>,
}

impl SearchQuery {
    /// `None` when nothing in the query can match (empty, punctuation or
    /// stop words only): no search filter then.
    pub fn parse(query: &str) -> Option<Self> {
        let mut words = Vec::new();
        let mut stems = Vec::new();
        for word in crate::text::search_terms(query) {
            if let Some(stem) = lexeme(&word) {
                if !stems.contains(&stem) {
                    stems.push(stem);
                    words.push(word);
                }
            }
        }
        (!words.is_empty()).then_some(SearchQuery { words, stems })
    }

    /// The PostgreSQL `tsquery` text: every word as a prefix. The words are
    /// folded (letters and digits only), so none of tsquery's operators can
    /// appear in them.
    pub fn tsquery(&self) -> String {
        self.words
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(" & ")
    }

    /// The SQLite `LIKE` patterns over `search_stems`, one per stem (stems
    /// have no `%`, `_` nor `\`, being letters and digits).
    pub fn like_patterns(&self) -> Vec<String> {
        self.stems.iter().map(|s| format!("% {s}%")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_french_and_folded() {
        assert_eq!(stems("donnees de la donnee"), " donne");
        assert_eq!(
            stems("covid 19 veille scientifique"),
            " covid 19 veil scientif"
        );
        assert_eq!(stems(""), "");
    }

    #[test]
    fn queries_drop_stop_words_and_keep_digits() {
        let q = SearchQuery::parse("Les DONNÉES de l’État, 2026").unwrap();
        assert_eq!(q.words, vec!["les", "donnees", "etat", "2026"]);
        assert_eq!(q.tsquery(), "les:* & donnees:* & etat:* & 2026:*");
        assert_eq!(q.like_patterns()[1], "% donne%");
        assert_eq!(SearchQuery::parse("de la"), None);
        assert_eq!(SearchQuery::parse("%_!"), None);
    }
}
