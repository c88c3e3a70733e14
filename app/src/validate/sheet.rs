//! The mission sheet's rules. A draft may be saved incomplete (autosave
//! keeps everything typed), but never with an over-long or incoherent value;
//! submission needs every required field.

use super::Checker;
use crate::error::AppError;
use crate::model::{is_code, SheetForm, MODES, NATURES};
use chrono::NaiveDate;

/// A sheet that passed the rules, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInput {
    pub title: String,
    pub service: String,
    pub nature: String,
    pub skills: Vec<String>,
    pub skills_text: String,
    pub description: String,
    pub deliverables: String,
    pub learning: String,
    pub effort_text: String,
    pub effort_days: Option<i32>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub location: String,
    pub mode: String,
    pub places: i32,
}

/// How strict: `Draft` for saving, `Submission` before review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    Draft,
    Submission,
}

fn date(c: &mut Checker, name: &str, raw: &str, what: &str) -> Option<NaiveDate> {
    c.keep(name, raw);
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) if (2020..=2100).contains(&chrono::Datelike::year(&d)) => Some(d),
        _ => {
            c.fail(
                name,
                format!(
                    "{what} n’est pas une date valide (jour, mois et année entre 2020 et 2100)."
                ),
            );
            None
        }
    }
}

fn number(
    c: &mut Checker,
    name: &str,
    raw: &str,
    range: std::ops::RangeInclusive<i32>,
    what: &str,
) -> Option<i32> {
    c.keep(name, raw);
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<i32>() {
        Ok(n) if range.contains(&n) => Some(n),
        _ => {
            c.fail(
                name,
                format!(
                    "{what} : indiquez un nombre entier entre {} et {}.",
                    range.start(),
                    range.end()
                ),
            );
            None
        }
    }
}

pub fn sheet(
    form: &SheetForm,
    strictness: Strictness,
    today: NaiveDate,
    known_skill: impl Fn(&str) -> bool,
) -> Result<SheetInput, AppError> {
    let strict = strictness == Strictness::Submission;
    let mut c = Checker::new();
    let title = c.text("title", &form.title, true, 5, 150, "le titre de la mission");
    let service = c.text(
        "service",
        &form.service,
        strict,
        2,
        300,
        "le service qui accueille",
    );
    c.keep("nature", &form.nature);
    let nature = form.nature.trim().to_string();
    if !nature.is_empty() && !is_code(NATURES, &nature) {
        c.fail("nature", "Choisissez une nature de mission dans la liste.");
    } else if nature.is_empty() && strict {
        c.fail("nature", "Choisissez la nature de la mission.");
    }
    let mut skills = Vec::new();
    for slug in form.skills.keys() {
        c.keep(&format!("skills[{slug}]"), "on");
        if known_skill(slug) {
            skills.push(slug.clone());
        } else {
            c.fail(
                "skills",
                "Une compétence choisie n’existe pas dans la liste.",
            );
        }
    }
    if skills.len() > 12 {
        c.fail("skills", "Choisissez au plus 12 compétences.");
    } else if skills.is_empty() && strict {
        c.fail("skills", "Choisissez au moins une compétence recherchée.");
    }
    let skills_text = c.text(
        "skills_text",
        &form.skills_text,
        false,
        0,
        500,
        "les précisions sur les compétences",
    );
    let description = c.text(
        "description",
        &form.description,
        strict,
        50,
        10_000,
        "le contexte et la description",
    );
    let deliverables = c.text(
        "deliverables",
        &form.deliverables,
        false,
        0,
        3_000,
        "les livrables",
    );
    let learning = c.text(
        "learning",
        &form.learning,
        false,
        0,
        3_000,
        "ce que l’agent apprendra",
    );
    let effort_text = c.text(
        "effort_text",
        &form.effort_text,
        strict,
        3,
        500,
        "l’effort et le rythme",
    );
    let effort_days = number(
        &mut c,
        "effort_days",
        &form.effort_days,
        1..=100,
        "L’estimation en jours",
    );
    let start_date = date(&mut c, "start_date", &form.start_date, "La date de début");
    let end_date = date(&mut c, "end_date", &form.end_date, "La date de fin");
    let deadline = date(
        &mut c,
        "deadline",
        &form.deadline,
        "La date limite de candidature",
    );
    if let (Some(s), Some(e)) = (start_date, end_date) {
        if e < s {
            c.fail("end_date", "La date de fin doit suivre la date de début.");
        }
    }
    if let (Some(d), Some(s)) = (deadline, start_date) {
        if d > s {
            c.fail(
                "deadline",
                "La date limite de candidature doit précéder la date de début.",
            );
        }
    }
    if let (Some(d), Some(e)) = (deadline, end_date) {
        if d > e {
            c.fail(
                "deadline",
                "La date limite de candidature doit précéder la date de fin.",
            );
        }
    }
    if strict && deadline.is_some_and(|d| d < today) {
        c.fail("deadline", "La date limite de candidature est déjà passée.");
    }
    let location = c.text("location", &form.location, strict, 2, 200, "le lieu");
    c.keep("mode", &form.mode);
    let mode = form.mode.trim().to_string();
    if !mode.is_empty() && !is_code(MODES, &mode) {
        c.fail("mode", "Choisissez sur site, à distance ou les deux.");
    } else if mode.is_empty() && strict {
        c.fail(
            "mode",
            "Choisissez la modalité : sur site, à distance ou les deux.",
        );
    }
    let places = number(
        &mut c,
        "places",
        &form.places,
        1..=50,
        "Le nombre de places",
    );
    if places.is_none() && strict && form.places.trim().is_empty() {
        c.fail("places", "Indiquez le nombre de places (au moins 1).");
    }
    c.finish()?;
    Ok(SheetInput {
        title,
        service,
        nature,
        skills,
        skills_text,
        description,
        deliverables,
        learning,
        effort_text,
        effort_days,
        start_date,
        end_date,
        deadline,
        location,
        mode,
        places: places.unwrap_or(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn complete() -> SheetForm {
        SheetForm {
            title: "Refonte du portail des démarches".into(),
            service: "Direction du numérique".into(),
            nature: "appui_projet".into(),
            skills: [("design-ux".to_string(), "on".to_string())].into(),
            description:
                "Nous cherchons un appui pour repenser le parcours des usagers du portail.".into(),
            effort_text: "2 jours par mois".into(),
            start_date: "2027-01-10".into(),
            end_date: "2027-03-10".into(),
            deadline: "2027-01-01".into(),
            location: "Paris 7e".into(),
            mode: "hybride".into(),
            places: "1".into(),
            ..SheetForm::default()
        }
    }

    fn fields(r: Result<SheetInput, AppError>) -> Vec<String> {
        match r {
            Err(AppError::Invalid { fields, .. }) => fields.into_keys().collect(),
            Err(e) => panic!("{e:?}"),
            Ok(_) => vec![],
        }
    }

    #[test]
    fn a_draft_needs_only_a_title() {
        let form = SheetForm {
            title: "Une mission".into(),
            ..SheetForm::default()
        };
        assert!(sheet(&form, Strictness::Draft, today(), |_| true).is_ok());
        let missing = fields(sheet(&form, Strictness::Submission, today(), |_| true));
        for f in [
            "nature",
            "skills",
            "description",
            "effort_text",
            "location",
            "mode",
            "places",
            "service",
        ] {
            assert!(missing.contains(&f.to_string()), "{f} in {missing:?}");
        }
    }

    #[test]
    fn a_complete_sheet_passes_submission() {
        let s = sheet(&complete(), Strictness::Submission, today(), |_| true).unwrap();
        assert_eq!(s.places, 1);
        assert_eq!(s.skills, vec!["design-ux"]);
    }

    #[test]
    fn dates_must_be_coherent() {
        let mut form = complete();
        form.end_date = "2027-01-05".into();
        form.deadline = "2027-02-01".into();
        let bad = fields(sheet(&form, Strictness::Draft, today(), |_| true));
        assert_eq!(bad, vec!["deadline", "end_date"]);
        let mut past = complete();
        past.deadline = "2026-11-01".into();
        assert!(sheet(&past.clone(), Strictness::Draft, today(), |_| true).is_ok());
        assert_eq!(
            fields(sheet(&past, Strictness::Submission, today(), |_| true)),
            vec!["deadline"]
        );
        let mut garbage = complete();
        garbage.start_date = "31/02/2027".into();
        garbage.places = "0".into();
        assert_eq!(
            fields(sheet(&garbage, Strictness::Draft, today(), |_| true)),
            vec!["places", "start_date"]
        );
    }

    #[test]
    fn unknown_skills_and_codes_are_refused() {
        let mut form = complete();
        form.skills.insert("<script>".into(), "on".into());
        form.mode = "teleportation".into();
        assert_eq!(
            fields(sheet(&form, Strictness::Draft, today(), |s| s == "design-ux")),
            vec!["mode", "skills"]
        );
    }

    proptest! {
        #[test]
        fn any_input_gives_an_answer_not_a_panic(
            title in ".{0,300}", description in ".{0,200}", places in ".{0,6}",
            start in ".{0,12}", deadline in "[0-9-]{0,12}", mode in ".{0,12}",
        ) {
            let form = SheetForm { title, description, places, start_date: start, deadline, mode, ..complete() };
            for strictness in [Strictness::Draft, Strictness::Submission] {
                match sheet(&form, strictness, today(), |_| true) {
                    Ok(s) => {
                        prop_assert!(s.title.chars().count() <= 150);
                        prop_assert!((1..=50).contains(&s.places));
                    }
                    Err(AppError::Invalid { fields, .. }) => prop_assert!(!fields.is_empty()),
                    Err(e) => prop_assert!(false, "unexpected {e:?}"),
                }
            }
        }
    }
}
