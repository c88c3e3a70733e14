//! Text helpers shared by the browser and the server.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds text for search and comparison: lower case, accents removed,
/// ligatures expanded, every run of non-alphanumeric characters turned into
/// one space. "Données" and "donnees" fold to the same "donnees".
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let expanded: &[char] = match c {
            'œ' | 'Œ' => &['o', 'e'],
            'æ' | 'Æ' => &['a', 'e'],
            'ß' => &['s', 's'],
            _ => &[],
        };
        if !expanded.is_empty() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(expanded);
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Text for the inside of `<textarea>` and `<title>` (RCDATA). Leptos writes
/// both unescaped when it renders on the server, where a `</textarea>` or
/// `</title>` typed by someone would end the element and start markup. The
/// server escapes `&` and `<` (the browser decodes them back); in the browser
/// the text is set as text, so it stays raw.
pub fn rcdata(value: String) -> String {
    if cfg!(feature = "ssr") {
        value.replace('&', "&amp;").replace('<', "&lt;")
    } else {
        value
    }
}

/// Splits a search query into folded words: at most 12 words of at most 64
/// characters each (no real word is longer; the database's pattern size stays
/// bounded whatever is typed).
pub fn search_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(64).collect())
        .collect();
    terms.dedup();
    terms.truncate(12);
    terms
}

/// Turns a title into a URL slug (ASCII, lower case, words joined by '-').
pub fn slugify(input: &str) -> String {
    let folded = fold(input);
    let mut slug: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while slug.contains("--") {
        slug = slug.replace("--", "-");
    }
    let slug = slug.trim_matches('-');
    let mut cut = String::new();
    for word in slug.split('-') {
        if !cut.is_empty() && cut.len() + word.len() + 1 > 80 {
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(word);
    }
    cut
}

/// Short words a skill's name or synonym may hold that say nothing of it:
/// "Analyse des données" and "analyse de données" are one skill.
const SKILL_FILLER_WORDS: &[&str] = &[
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "un", "une",
    "of", "the", "and",
];

/// One word of a skill key: its singular, as far as French and English
/// plurals go ("données" → "donnee", "réseaux" → "reseau", "sociaux" →
/// "social", "APIs" → "api"). Words of three letters or fewer stay as they
/// are, so acronyms ("R", "RH", "UX", "IA", "SI", "AWS") never lose a letter.
fn singular(word: &str) -> String {
    if word.chars().count() <= 3 || word.chars().any(|c| c.is_numeric()) {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("eaux") {
        return format!("{stem}eau");
    }
    if let Some(stem) = word.strip_suffix("eux") {
        return format!("{stem}eu");
    }
    if let Some(stem) = word.strip_suffix("aux") {
        return format!("{stem}al");
    }
    if let Some(stem) = word.strip_suffix("sses") {
        return format!("{stem}ss");
    }
    if word.ends_with("ss") {
        return word.to_string();
    }
    match word.strip_suffix('s') {
        Some(stem) => stem.to_string(),
        None => word.to_string(),
    }
}

/// One folded word as a skill key sees it: `None` for a filler word.
pub fn skill_key_word(folded_word: &str) -> Option<String> {
    (!folded_word.is_empty() && !SKILL_FILLER_WORDS.contains(&folded_word))
        .then(|| singular(folded_word))
}

/// The words of a skill key (see [`skill_key`]), in order.
pub fn skill_key_words(input: &str) -> Vec<String> {
    fold(input).split(' ').filter_map(skill_key_word).collect()
}

/// The key that says whether two names of skills are the same skill:
/// folded (case, accents, punctuation), filler words dropped ("de", "des",
/// "l’"…) and each word made singular. "Données", "donnee" and "DONNÉES"
/// share a key; "R" and "RH" do not. Skill names, synonyms and proposals
/// are unique by this key. Empty when nothing in `input` names a skill.
pub fn skill_key(input: &str) -> String {
    skill_key_words(input).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("Données"), "donnees");
        assert_eq!(fold("  ÉTUDE, Audit…  "), "etude audit");
        assert_eq!(fold("Cœur"), "coeur");
        assert_eq!(fold("UX / UI design"), "ux ui design");
        assert_eq!(fold(""), "");
        assert_eq!(fold("<script>"), "script");
    }

    #[test]
    fn terms_are_folded_and_bounded() {
        assert_eq!(search_terms("Données  données"), vec!["donnees"]);
        assert_eq!(search_terms("!!!"), Vec::<String>::new());
        assert_eq!(search_terms(&"a ".repeat(100)).len(), 1);
        let huge = search_terms(&"ß".repeat(50_000));
        assert_eq!(huge, vec!["s".repeat(64)]);
    }

    #[test]
    fn slugify_is_ascii_and_short() {
        assert_eq!(
            slugify("COVID-19 : Faciliter la veille scientifique"),
            "covid-19-faciliter-la-veille-scientifique"
        );
        assert!(slugify(&"mot ".repeat(200)).len() <= 80);
        assert_eq!(slugify("«»"), "");
    }
    #[test]
    fn skill_keys_ignore_case_accents_and_plurals() {
        let same = [
            ("Données", "donnee"),
            ("DONNÉES", "données"),
            ("Réseaux", "réseau"),
            ("API", "APIs"),
            ("Tests d’intrusion", "test d'intrusion"),
            ("Analyse des données", "analyse de donnée"),
            ("Réseaux sociaux", "réseau social"),
            ("Processes", "process"),
            ("Expérience utilisateur", "expériences utilisateurs"),
            ("  UX / UI  ", "ux ui"),
            ("Jeux sérieux", "jeu sérieux"),
        ];
        for (a, b) in same {
            assert_eq!(skill_key(a), skill_key(b), "{a} / {b}");
        }
        let different = [
            ("R", "RH"),
            ("R", "statistiques"),
            ("UX", "UI"),
            ("IA", "SI"),
        ];
        for (a, b) in different {
            assert_ne!(skill_key(a), skill_key(b), "{a} / {b}");
        }
        assert_eq!(skill_key("R"), "r");
        assert_eq!(skill_key("AWS"), "aws");
        assert_eq!(skill_key("Linux"), "linux");
        assert_eq!(skill_key("Données"), "donnee");
        assert_eq!(skill_key("Mareva 2"), "mareva 2");
        assert_eq!(skill_key("de la"), "");
        assert_eq!(skill_key("—"), "");
    }
}
