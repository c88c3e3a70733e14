//! Reference data for the idempotent seed step.
//!
//! Everything here comes from the programme's original page, *Partagez vos
//! talents numériques !*, published by DINUM in August 2020 (dated 22 August
//! 2020, last modified 25 August 2020; see
//! `shared/seed/partagez-vos-talents-numeriques.md`). That page is the source of
//! all facts: the four administrations' missions, their service lines, the
//! skills they sought, their duration, period and location.
//!
//! Only obvious typos of the page are fixed (e.g. "Ministère de l'Éducation
//! nationale de de la Jeunesse", "Phase : 1 journée"). Mission descriptions are
//! short French texts written from the page alone: no date, team size, tool or
//! deliverable that the page does not name. The page linked a PDF for each
//! mission; we do not have those files, so only their label is kept.
//!
//! The skills list extends the skills the page names with a realistic set of
//! digital skills, grouped in families. Every skill the page names is present.
//!
//! French text uses the typographic apostrophe (’), like the rest of the UI:
//! search normalisation must treat ’ and ' alike.
//!
//! This module is plain data with no dependency, so the seed step, tests and
//! fixtures can all read it.

/// An administration at ministry level.
pub struct SeedAdministration {
    /// Stable identifier, lowercase ASCII kebab-case.
    pub slug: &'static str,
    /// Full French name.
    pub name: &'static str,
    /// Usual acronym.
    pub acronym: &'static str,
}

/// A family of skills, as shown in skill pickers and search filters.
pub struct SeedSkillFamily {
    /// Stable identifier, lowercase ASCII kebab-case, unique among families
    /// and distinct from every skill slug.
    pub slug: &'static str,
    /// French name of the family.
    pub name: &'static str,
    /// The family's skills.
    pub skills: &'static [SeedSkill],
}

/// A digital skill.
pub struct SeedSkill {
    /// Stable identifier, lowercase ASCII kebab-case, unique across all
    /// families.
    pub slug: &'static str,
    /// French name of the skill.
    pub name: &'static str,
}

/// A mission sheet as published on the programme's page in August 2020.
pub struct SeedMission {
    /// Stable identifier, lowercase ASCII kebab-case.
    pub slug: &'static str,
    /// Title as on the page (obvious typos fixed).
    pub title: &'static str,
    /// Slug of a [`SeedAdministration`] in [`ADMINISTRATIONS`].
    pub administration: &'static str,
    /// Service line under the administration, as on the page.
    pub service: &'static str,
    /// Slugs of [`SeedSkill`]s in [`SKILL_FAMILIES`].
    pub skills: &'static [&'static str],
    /// The page's own wording of the skills sought.
    pub skills_text: &'static str,
    /// One of [`NATURES`].
    pub nature: &'static str,
    /// Context and description, Markdown, French.
    pub description: &'static str,
    /// "Durée et période" as on the page.
    pub effort_text: &'static str,
    /// Location as on the page.
    pub location: &'static str,
    /// One of [`MODES`].
    pub mode: &'static str,
    /// Label of the details PDF that the page linked. Informative only: we do
    /// not have the file.
    pub details_pdf_label: &'static str,
}

/// Mission natures, from the three types the page lists: "un appui dans le
/// cadre d'un projet", "un retour d'expérience, un transfert de compétences",
/// "une étude, un audit, une mission de conseil".
pub const NATURES: &[&str] = &["appui_projet", "retour_experience", "etude_conseil"];

/// Work modes: on site, remote, or both.
pub const MODES: &[&str] = &["sur_site", "a_distance", "hybride"];

/// The administrations of the page's four missions.
pub static ADMINISTRATIONS: &[SeedAdministration] = &[
    SeedAdministration {
        slug: "dinum",
        name: "Direction interministérielle du numérique",
        acronym: "DINUM",
    },
    SeedAdministration {
        slug: "menj",
        // The page spells it "de la jeunesse" once and "de de la Jeunesse"
        // once; this is the ministry's name in 2020.
        name: "Ministère de l’Éducation nationale et de la Jeunesse",
        acronym: "MENJ",
    },
    SeedAdministration {
        slug: "armees",
        name: "Ministère des Armées",
        // Not on the page, which gives no acronym: the ministry's usual one.
        acronym: "MINARM",
    },
];

/// Digital skills grouped in families. Includes every skill the page names:
/// those the four missions seek and those listed under "Quels types de
/// compétences pouvez-vous demander ?" and "Quels types de missions ?".
pub static SKILL_FAMILIES: &[SeedSkillFamily] = &[
    SeedSkillFamily {
        slug: "developpement-logiciel",
        name: "Développement",
        skills: &[
            SeedSkill {
                slug: "developpement",
                name: "Développement",
            },
            SeedSkill {
                slug: "developpement-web",
                name: "Développement web",
            },
            SeedSkill {
                slug: "developpement-front-end",
                name: "Développement front-end",
            },
            SeedSkill {
                slug: "developpement-back-end",
                name: "Développement back-end",
            },
            SeedSkill {
                slug: "developpement-mobile",
                name: "Développement mobile",
            },
            SeedSkill {
                slug: "conception-api",
                name: "Conception d’API",
            },
            SeedSkill {
                slug: "tests-qualite-logicielle",
                name: "Tests et qualité logicielle",
            },
        ],
    },
    SeedSkillFamily {
        slug: "donnees-et-ia",
        name: "Données et IA",
        skills: &[
            SeedSkill {
                slug: "statistiques",
                name: "Statistiques (logiciel R ou équivalent)",
            },
            SeedSkill {
                slug: "analyse-de-donnees",
                name: "Analyse de données",
            },
            SeedSkill {
                slug: "data-science",
                name: "Data science",
            },
            SeedSkill {
                slug: "intelligence-artificielle",
                name: "Intelligence artificielle",
            },
            SeedSkill {
                slug: "data-engineering",
                name: "Data engineering",
            },
            SeedSkill {
                slug: "visualisation-de-donnees",
                name: "Visualisation de données",
            },
            SeedSkill {
                slug: "ouverture-des-donnees",
                name: "Ouverture des données (open data)",
            },
        ],
    },
    SeedSkillFamily {
        slug: "design-et-experience-utilisateur",
        name: "Design et expérience utilisateur",
        skills: &[
            SeedSkill {
                slug: "ux-ui-design",
                name: "UX / UI design",
            },
            SeedSkill {
                slug: "design-de-services",
                name: "Design de services",
            },
            SeedSkill {
                slug: "recherche-utilisateur",
                name: "Recherche utilisateur",
            },
            SeedSkill {
                slug: "animation-atelier-ideation",
                name: "Animation d’atelier d’idéation",
            },
            SeedSkill {
                slug: "prototypage",
                name: "Prototypage",
            },
            SeedSkill {
                slug: "redaction-contenus-ux-writing",
                name: "Rédaction de contenus (UX writing)",
            },
        ],
    },
    SeedSkillFamily {
        slug: "accessibilite",
        name: "Accessibilité",
        skills: &[
            SeedSkill {
                slug: "accessibilite-numerique",
                name: "Accessibilité numérique (référentiels d’accessibilité, RGAA)",
            },
            SeedSkill {
                slug: "audit-accessibilite",
                name: "Audit d’accessibilité",
            },
            SeedSkill {
                slug: "accessibilite-documents",
                name: "Accessibilité des documents bureautiques",
            },
            SeedSkill {
                slug: "developpement-accessible",
                name: "Développement accessible (HTML, ARIA)",
            },
            SeedSkill {
                slug: "sensibilisation-accessibilite",
                name: "Sensibilisation et formation à l’accessibilité",
            },
        ],
    },
    SeedSkillFamily {
        slug: "securite",
        name: "Sécurité",
        skills: &[
            SeedSkill {
                slug: "durcissement-systemes",
                name: "Durcissement de systèmes (sécurité)",
            },
            SeedSkill {
                slug: "securite-applicative",
                name: "Sécurité applicative",
            },
            SeedSkill {
                slug: "analyse-de-risques",
                name: "Analyse de risques (EBIOS RM)",
            },
            SeedSkill {
                slug: "homologation-securite",
                name: "Homologation de sécurité",
            },
            SeedSkill {
                slug: "gestion-incidents-securite",
                name: "Gestion des incidents de sécurité",
            },
            SeedSkill {
                slug: "tests-intrusion",
                name: "Tests d’intrusion",
            },
        ],
    },
    SeedSkillFamily {
        slug: "architecture-et-systemes-d-information",
        name: "Architecture et systèmes d’information",
        skills: &[
            SeedSkill {
                slug: "architecture-si",
                name: "Architecture SI",
            },
            SeedSkill {
                slug: "urbanisation-si",
                name: "Urbanisation des systèmes d’information",
            },
            SeedSkill {
                slug: "mareva-2",
                name: "Mareva 2 (méthode d’analyse de la valeur des projets SI)",
            },
            SeedSkill {
                slug: "interoperabilite",
                name: "Interopérabilité des systèmes",
            },
            SeedSkill {
                slug: "gestion-identites-acces",
                name: "Gestion des identités et des accès",
            },
            SeedSkill {
                slug: "pilotage-projets-si",
                name: "Pilotage de projets SI",
            },
        ],
    },
    SeedSkillFamily {
        slug: "produit-methodes-et-conseil",
        name: "Produit, méthodes et conseil",
        skills: &[
            SeedSkill {
                slug: "revue-de-processus",
                name: "Revue de processus",
            },
            SeedSkill {
                slug: "gestion-de-produit",
                name: "Gestion de produit (product management)",
            },
            SeedSkill {
                slug: "methodes-agiles",
                name: "Méthodes agiles",
            },
            SeedSkill {
                slug: "conduite-du-changement",
                name: "Conduite du changement",
            },
            SeedSkill {
                slug: "audit-et-conseil",
                name: "Audit et conseil",
            },
            SeedSkill {
                slug: "formation-transfert-competences",
                name: "Formation et transfert de compétences",
            },
        ],
    },
    SeedSkillFamily {
        slug: "achat-public",
        name: "Achat public numérique",
        skills: &[
            SeedSkill {
                slug: "achat-public-numerique",
                name: "Achat public numérique",
            },
            SeedSkill {
                slug: "redaction-cahiers-des-charges",
                name: "Rédaction de cahiers des charges",
            },
            SeedSkill {
                slug: "sourcage-fournisseurs",
                name: "Sourçage des fournisseurs",
            },
            SeedSkill {
                slug: "suivi-execution-marches",
                name: "Suivi de l’exécution des marchés",
            },
            SeedSkill {
                slug: "gestion-licences-logicielles",
                name: "Gestion des licences logicielles",
            },
        ],
    },
    SeedSkillFamily {
        slug: "juridique",
        name: "Droit du numérique",
        skills: &[
            SeedSkill {
                slug: "droit-du-numerique",
                name: "Droit du numérique",
            },
            SeedSkill {
                slug: "protection-donnees-personnelles",
                name: "Protection des données personnelles (RGPD)",
            },
            SeedSkill {
                slug: "propriete-intellectuelle-licences-libres",
                name: "Propriété intellectuelle et licences libres",
            },
            SeedSkill {
                slug: "acces-documents-administratifs",
                name: "Accès aux documents administratifs et réutilisation",
            },
            SeedSkill {
                slug: "contrats-informatiques",
                name: "Contrats informatiques",
            },
        ],
    },
    SeedSkillFamily {
        slug: "infrastructure-et-cloud",
        name: "Infrastructure et cloud",
        skills: &[
            SeedSkill {
                slug: "administration-systemes",
                name: "Administration systèmes",
            },
            SeedSkill {
                slug: "informatique-en-nuage",
                name: "Informatique en nuage (cloud)",
            },
            SeedSkill {
                slug: "devops-integration-continue",
                name: "DevOps et intégration continue",
            },
            SeedSkill {
                slug: "reseaux",
                name: "Réseaux",
            },
            SeedSkill {
                slug: "conteneurisation",
                name: "Conteneurisation (Docker, Kubernetes)",
            },
            SeedSkill {
                slug: "administration-bases-de-donnees",
                name: "Administration de bases de données",
            },
        ],
    },
];

/// The four missions published on the programme's page in August 2020.
pub static MISSIONS: &[SeedMission] = &[
    SeedMission {
        slug: "parcours-professionnels-filiere-numerique",
        title: "Aider à dessiner les parcours professionnels des agents de la filière \
                numérique par une approche statistique",
        administration: "dinum",
        service: "Mission Talents",
        skills: &["statistiques", "analyse-de-donnees"],
        skills_text: "Statistiques (logiciel R ou équivalent) – Analyse de données",
        // "Une étude": the mission asks for a statistical analysis that informs
        // the design of career paths, not for building a product.
        nature: "etude_conseil",
        description: "La Mission Talents de la DINUM souhaite aider à dessiner les parcours \
                      professionnels des agents de la filière numérique de l’État en \
                      s’appuyant sur une approche statistique.\n\n\
                      Elle recherche un talent qui maîtrise les statistiques (avec le \
                      logiciel R ou un outil équivalent) et l’analyse de données. La mission \
                      se déroule en deux temps : une première phase d’une journée, puis une \
                      seconde phase à définir selon votre disponibilité.\n\n\
                      Comme toute mission du dispositif, elle est ponctuelle et délimitée \
                      dans le temps : vous restez rattaché et rémunéré par votre employeur, \
                      et l’accord de votre supérieur hiérarchique est nécessaire avant de \
                      commencer.",
        effort_text: "Phase 1 : 1 journée — Phase 2 : à définir selon la disponibilité du talent",
        location: "Paris 7e et à distance",
        mode: "hybride",
        details_pdf_label: "Détails de la mission (PDF, 64 ko)",
    },
    SeedMission {
        slug: "design-clause-sociale-formation-decrochage-scolaire",
        title: "Repenser le design de la « Clause sociale de formation sous statut \
                scolaire », dispositif de lutte contre le décrochage scolaire",
        administration: "menj",
        service: "SG / 110 bis, lab d’innovation de l’Éducation nationale",
        skills: &["ux-ui-design", "revue-de-processus"],
        skills_text: "UX / UI design – Revue de processus",
        // "Un appui dans le cadre d'un projet": the page lists design among
        // the examples of project support, and the mission redesigns an
        // existing scheme.
        nature: "appui_projet",
        description: "Le 110 bis, lab d’innovation de l’Éducation nationale, souhaite \
                      repenser le design de la « Clause sociale de formation sous statut \
                      scolaire », un dispositif de lutte contre le décrochage scolaire.\n\n\
                      Il recherche un talent en UX / UI design et en revue de processus. La \
                      fréquence de vos contributions sera définie selon votre \
                      disponibilité ; la mission se déroule à Paris 7e.\n\n\
                      Mission ponctuelle et délimitée dans le temps : vous restez rattaché \
                      et rémunéré par votre employeur, et l’accord de votre supérieur \
                      hiérarchique est nécessaire avant de commencer.",
        effort_text: "Fréquence à définir selon la disponibilité du talent",
        location: "Paris 7e",
        mode: "sur_site",
        details_pdf_label: "Détails de la mission (PDF, 240 ko)",
    },
    SeedMission {
        slug: "focus-plus-accessibilite-documents-administratifs",
        title: "Contribuer au développement de « Focus+ », outil d’évaluation en ligne de \
                l’accessibilité de documents administratifs",
        administration: "menj",
        service: "SG / 110 bis, lab d’innovation de l’Éducation nationale",
        skills: &[
            "ux-ui-design",
            "developpement-web",
            "accessibilite-numerique",
        ],
        skills_text: "UX / UI design ou Développement web – Connaissance des référentiels \
                      d’accessibilité ou au moins appétence pour ce sujet",
        // "Un appui dans le cadre d'un projet": the page lists development
        // and design among the examples of project support, and the mission
        // contributes to building a tool.
        nature: "appui_projet",
        description: "Le 110 bis, lab d’innovation de l’Éducation nationale, recherche un \
                      talent pour contribuer au développement de « Focus+ », un outil \
                      d’évaluation en ligne de l’accessibilité de documents administratifs.\n\n\
                      Vous apportez une compétence en UX / UI design ou en développement web, \
                      ainsi qu’une connaissance des référentiels d’accessibilité, ou au moins \
                      un intérêt pour ce sujet. La fréquence de vos contributions sera \
                      définie selon votre disponibilité ; la mission se déroule à Paris 7e.\n\n\
                      Mission ponctuelle et délimitée dans le temps : vous restez rattaché \
                      et rémunéré par votre employeur, et l’accord de votre supérieur \
                      hiérarchique est nécessaire avant de commencer.",
        effort_text: "Fréquence à définir selon la disponibilité du talent",
        location: "Paris 7e",
        mode: "sur_site",
        details_pdf_label: "Détails de la mission (PDF, 280 ko)",
    },
    SeedMission {
        slug: "covid-19-veille-scientifique",
        title: "COVID-19 : Faciliter la veille scientifique (publications scientifiques et \
                essais cliniques) pour les chercheurs et le corps médical",
        administration: "armees",
        service: "Délégation de la transformation et de la performance ministérielles (DTPM)",
        skills: &[
            "data-science",
            "intelligence-artificielle",
            "data-engineering",
        ],
        skills_text: "Data science – Intelligence artificielle – Data engineering",
        // "Un appui dans le cadre d'un projet": the mission applies data
        // science, AI and data engineering to make a scientific watch easier,
        // i.e. hands-on work on a project rather than a study or a transfer
        // of skills.
        nature: "appui_projet",
        description: "Dans le contexte de la crise de la COVID-19, la Délégation de la \
                      transformation et de la performance ministérielles (DTPM) du ministère \
                      des Armées souhaite faciliter la veille scientifique, sur les \
                      publications scientifiques et les essais cliniques, pour les \
                      chercheurs et le corps médical.\n\n\
                      Les compétences recherchées sont la data science, l’intelligence \
                      artificielle et le data engineering. La mission se fait à distance ou en \
                      télétravail, à une fréquence définie selon votre disponibilité.\n\n\
                      Mission ponctuelle et délimitée dans le temps : vous restez rattaché \
                      et rémunéré par votre employeur, et l’accord de votre supérieur \
                      hiérarchique est nécessaire avant de commencer.",
        effort_text: "Fréquence à définir selon la disponibilité du talent",
        location: "À distance ou en télétravail",
        mode: "a_distance",
        details_pdf_label: "Détails de la mission (PDF, 64 ko)",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn is_kebab(slug: &str) -> bool {
        !slug.is_empty()
            && !slug.starts_with('-')
            && !slug.ends_with('-')
            && !slug.contains("--")
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }

    fn all_skills() -> impl Iterator<Item = &'static SeedSkill> {
        SKILL_FAMILIES.iter().flat_map(|f| f.skills.iter())
    }

    #[test]
    fn slugs_are_kebab_case_and_unique() {
        let mut seen = HashSet::new();
        let slugs = ADMINISTRATIONS
            .iter()
            .map(|a| a.slug)
            .chain(MISSIONS.iter().map(|m| m.slug));
        for slug in slugs {
            assert!(is_kebab(slug), "{slug}");
            assert!(seen.insert(slug), "duplicate slug {slug}");
        }
        // Families and skills share one namespace so neither can be mistaken
        // for the other.
        let mut seen = HashSet::new();
        let slugs = SKILL_FAMILIES
            .iter()
            .map(|f| f.slug)
            .chain(all_skills().map(|s| s.slug));
        for slug in slugs {
            assert!(is_kebab(slug), "{slug}");
            assert!(seen.insert(slug), "duplicate slug {slug}");
        }
    }

    #[test]
    fn skill_names_are_unique() {
        let mut seen = HashSet::new();
        for skill in all_skills() {
            assert!(seen.insert(skill.name), "duplicate skill {}", skill.name);
        }
    }

    #[test]
    fn families_have_four_to_eight_skills() {
        for family in SKILL_FAMILIES {
            let n = family.skills.len();
            assert!((4..=8).contains(&n), "{} has {n} skills", family.slug);
        }
    }

    #[test]
    fn every_skill_named_by_the_page_exists() {
        let names: HashSet<_> = all_skills().map(|s| s.name).collect();
        for name in [
            "Statistiques (logiciel R ou équivalent)",
            "Analyse de données",
            "UX / UI design",
            "Revue de processus",
            "Développement web",
            "Accessibilité numérique (référentiels d’accessibilité, RGAA)",
            "Data science",
            "Intelligence artificielle",
            "Data engineering",
            "Développement",
            "Architecture SI",
            "Mareva 2 (méthode d’analyse de la valeur des projets SI)",
            "Droit du numérique",
            "Durcissement de systèmes (sécurité)",
            "Achat public numérique",
            "Animation d’atelier d’idéation",
            "Design de services",
        ] {
            assert!(names.contains(name), "missing skill {name}");
        }
    }

    #[test]
    fn missions_reference_known_data() {
        assert_eq!(MISSIONS.len(), 4);
        let admins: HashSet<_> = ADMINISTRATIONS.iter().map(|a| a.slug).collect();
        let skills: HashSet<_> = all_skills().map(|s| s.slug).collect();
        for mission in MISSIONS {
            assert!(admins.contains(mission.administration), "{}", mission.slug);
            assert!(!mission.skills.is_empty(), "{}", mission.slug);
            for skill in mission.skills {
                assert!(skills.contains(skill), "{}: {skill}", mission.slug);
            }
            assert!(NATURES.contains(&mission.nature), "{}", mission.slug);
            assert!(MODES.contains(&mission.mode), "{}", mission.slug);
            for text in [
                mission.title,
                mission.service,
                mission.skills_text,
                mission.description,
                mission.effort_text,
                mission.location,
            ] {
                assert!(!text.trim().is_empty(), "{}", mission.slug);
                assert!(!text.contains("  "), "{}: double space", mission.slug);
                assert!(
                    !text.contains('\''),
                    "{}: straight apostrophe",
                    mission.slug
                );
            }
        }
    }
}
