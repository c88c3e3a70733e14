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
    /// Other names people give it: English usage, acronyms, tools, common
    /// spellings ("UX", "expérience utilisateur"; "R", "stats"). Each has a
    /// key (`text::skill_key`) of its own across every name and synonym.
    pub synonyms: &'static [&'static str],
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
                synonyms: &[
                    "programmation",
                    "développeur",
                    "développeuse",
                    "code",
                    "génie logiciel",
                    "software engineering",
                ],
            },
            SeedSkill {
                slug: "developpement-web",
                name: "Développement web",
                synonyms: &[
                    "web",
                    "développement de sites web",
                    "site internet",
                    "web development",
                    "HTML CSS",
                ],
            },
            SeedSkill {
                slug: "developpement-front-end",
                name: "Développement front-end",
                synonyms: &[
                    "front",
                    "frontend",
                    "front-end",
                    "interface web",
                    "JavaScript",
                    "TypeScript",
                    "React",
                    "Vue.js",
                    "Angular",
                ],
            },
            SeedSkill {
                slug: "developpement-back-end",
                name: "Développement back-end",
                synonyms: &[
                    "back", "backend", "back-end", "Java", "Python", "PHP", "Node.js", "Rust",
                    "Django", "Symfony",
                ],
            },
            SeedSkill {
                slug: "developpement-mobile",
                name: "Développement mobile",
                synonyms: &[
                    "mobile",
                    "application mobile",
                    "Android",
                    "iOS",
                    "Flutter",
                    "React Native",
                    "Kotlin",
                    "Swift",
                ],
            },
            SeedSkill {
                slug: "conception-api",
                name: "Conception d’API",
                synonyms: &[
                    "API",
                    "API REST",
                    "REST",
                    "GraphQL",
                    "OpenAPI",
                    "web services",
                    "interface de programmation",
                ],
            },
            SeedSkill {
                slug: "tests-qualite-logicielle",
                name: "Tests et qualité logicielle",
                synonyms: &[
                    "tests",
                    "qualité logicielle",
                    "recette",
                    "QA",
                    "assurance qualité",
                    "tests automatisés",
                    "TDD",
                ],
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
                synonyms: &[
                    "statistiques",
                    "stats",
                    "R",
                    "logiciel R",
                    "RStudio",
                    "SAS",
                    "Stata",
                    "biostatistiques",
                    "économétrie",
                ],
            },
            SeedSkill {
                slug: "analyse-de-donnees",
                name: "Analyse de données",
                synonyms: &[
                    "données",
                    "data",
                    "data analysis",
                    "data analyst",
                    "analyste de données",
                    "SQL",
                    "Excel",
                    "tableur",
                ],
            },
            SeedSkill {
                slug: "data-science",
                name: "Data science",
                synonyms: &[
                    "science des données",
                    "data scientist",
                    "machine learning",
                    "apprentissage automatique",
                    "ML",
                ],
            },
            SeedSkill {
                slug: "intelligence-artificielle",
                name: "Intelligence artificielle",
                synonyms: &[
                    "IA",
                    "AI",
                    "artificial intelligence",
                    "deep learning",
                    "apprentissage profond",
                    "IA générative",
                    "LLM",
                    "traitement automatique du langage",
                    "NLP",
                ],
            },
            SeedSkill {
                slug: "data-engineering",
                name: "Data engineering",
                synonyms: &[
                    "ingénierie des données",
                    "data engineer",
                    "ETL",
                    "pipeline de données",
                    "big data",
                    "Spark",
                    "entrepôt de données",
                    "data warehouse",
                ],
            },
            SeedSkill {
                slug: "visualisation-de-donnees",
                name: "Visualisation de données",
                synonyms: &[
                    "dataviz",
                    "data visualisation",
                    "data visualization",
                    "tableau de bord",
                    "Power BI",
                    "Metabase",
                    "infographie",
                ],
            },
            SeedSkill {
                slug: "ouverture-des-donnees",
                name: "Ouverture des données (open data)",
                synonyms: &[
                    "open data",
                    "opendata",
                    "données ouvertes",
                    "ouverture des données",
                    "data.gouv.fr",
                ],
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
                synonyms: &[
                    "UX",
                    "UI",
                    "UX design",
                    "UI design",
                    "expérience utilisateur",
                    "interface utilisateur",
                    "design d’interface",
                    "ergonomie",
                    "ergonome",
                    "Figma",
                    "design",
                    "designer",
                    "webdesign",
                ],
            },
            SeedSkill {
                slug: "design-de-services",
                name: "Design de services",
                synonyms: &[
                    "service design",
                    "design des politiques publiques",
                    "parcours usager",
                    "cartographie de parcours",
                ],
            },
            SeedSkill {
                slug: "recherche-utilisateur",
                name: "Recherche utilisateur",
                synonyms: &[
                    "UX research",
                    "user research",
                    "entretiens utilisateurs",
                    "tests utilisateurs",
                    "tests d’utilisabilité",
                    "études usagers",
                ],
            },
            SeedSkill {
                slug: "animation-atelier-ideation",
                name: "Animation d’atelier d’idéation",
                synonyms: &[
                    "facilitation",
                    "animation d’ateliers",
                    "idéation",
                    "design thinking",
                    "intelligence collective",
                    "brainstorming",
                ],
            },
            SeedSkill {
                slug: "prototypage",
                name: "Prototypage",
                synonyms: &[
                    "prototype",
                    "maquettage",
                    "maquette",
                    "wireframe",
                    "mock-up",
                ],
            },
            SeedSkill {
                slug: "redaction-contenus-ux-writing",
                name: "Rédaction de contenus (UX writing)",
                synonyms: &[
                    "UX writing",
                    "rédaction web",
                    "écriture web",
                    "content design",
                    "contenus éditoriaux",
                    "FALC",
                    "langage clair",
                ],
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
                synonyms: &[
                    "accessibilité",
                    "a11y",
                    "RGAA",
                    "WCAG",
                    "handicap et numérique",
                    "référentiel général d’amélioration de l’accessibilité",
                ],
            },
            SeedSkill {
                slug: "audit-accessibilite",
                name: "Audit d’accessibilité",
                synonyms: &[
                    "audit RGAA",
                    "audit a11y",
                    "évaluation de l’accessibilité",
                    "déclaration d’accessibilité",
                ],
            },
            SeedSkill {
                slug: "accessibilite-documents",
                name: "Accessibilité des documents bureautiques",
                synonyms: &[
                    "documents accessibles",
                    "PDF accessible",
                    "Word accessible",
                    "accessibilité bureautique",
                ],
            },
            SeedSkill {
                slug: "developpement-accessible",
                name: "Développement accessible (HTML, ARIA)",
                synonyms: &[
                    "ARIA",
                    "HTML accessible",
                    "intégration accessible",
                    "front-end accessible",
                ],
            },
            SeedSkill {
                slug: "sensibilisation-accessibilite",
                name: "Sensibilisation et formation à l’accessibilité",
                synonyms: &[
                    "formation à l’accessibilité",
                    "sensibilisation au handicap",
                    "sensibilisation a11y",
                ],
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
                synonyms: &[
                    "durcissement",
                    "hardening",
                    "sécurisation des serveurs",
                    "configuration sécurisée",
                ],
            },
            SeedSkill {
                slug: "securite-applicative",
                name: "Sécurité applicative",
                synonyms: &[
                    "sécurité des applications",
                    "AppSec",
                    "OWASP",
                    "développement sécurisé",
                    "revue de code sécurité",
                ],
            },
            SeedSkill {
                slug: "analyse-de-risques",
                name: "Analyse de risques (EBIOS RM)",
                synonyms: &[
                    "EBIOS",
                    "EBIOS RM",
                    "analyse de risques",
                    "gestion des risques",
                    "risk management",
                    "cartographie des risques",
                ],
            },
            SeedSkill {
                slug: "homologation-securite",
                name: "Homologation de sécurité",
                synonyms: &[
                    "homologation",
                    "RGS",
                    "homologation RGS",
                    "dossier d’homologation",
                    "PSSI",
                ],
            },
            SeedSkill {
                slug: "gestion-incidents-securite",
                name: "Gestion des incidents de sécurité",
                synonyms: &[
                    "réponse à incident",
                    "SOC",
                    "CERT",
                    "CSIRT",
                    "gestion de crise cyber",
                    "forensique",
                ],
            },
            SeedSkill {
                slug: "tests-intrusion",
                name: "Tests d’intrusion",
                synonyms: &[
                    "pentest",
                    "tests de pénétration",
                    "pentester",
                    "hacking éthique",
                    "audit de sécurité",
                    "red team",
                ],
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
                synonyms: &[
                    "architecture",
                    "architecte",
                    "architecte SI",
                    "architecture des systèmes d’information",
                    "architecture logicielle",
                    "architecture technique",
                ],
            },
            SeedSkill {
                slug: "urbanisation-si",
                name: "Urbanisation des systèmes d’information",
                synonyms: &[
                    "urbanisation",
                    "urbanisme SI",
                    "cartographie du SI",
                    "enterprise architecture",
                    "TOGAF",
                ],
            },
            SeedSkill {
                slug: "mareva-2",
                name: "Mareva 2 (méthode d’analyse de la valeur des projets SI)",
                synonyms: &[
                    "Mareva",
                    "Mareva 2",
                    "analyse de la valeur",
                    "valeur des projets SI",
                ],
            },
            SeedSkill {
                slug: "interoperabilite",
                name: "Interopérabilité des systèmes",
                synonyms: &[
                    "interopérabilité",
                    "échange de données",
                    "référentiel général d’interopérabilité",
                    "RGI",
                ],
            },
            SeedSkill {
                slug: "gestion-identites-acces",
                name: "Gestion des identités et des accès",
                synonyms: &[
                    "IAM",
                    "gestion des identités",
                    "gestion des accès",
                    "authentification",
                    "SSO",
                    "FranceConnect",
                    "Active Directory",
                ],
            },
            SeedSkill {
                slug: "pilotage-projets-si",
                name: "Pilotage de projets SI",
                synonyms: &[
                    "gestion de projet",
                    "chef de projet",
                    "cheffe de projet",
                    "pilotage de projet",
                    "direction de projet",
                    "PMO",
                ],
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
                synonyms: &[
                    "processus",
                    "amélioration des processus",
                    "optimisation des processus",
                    "cartographie des processus",
                    "BPMN",
                    "lean",
                ],
            },
            SeedSkill {
                slug: "gestion-de-produit",
                name: "Gestion de produit (product management)",
                synonyms: &[
                    "product management",
                    "product owner",
                    "PO",
                    "product manager",
                    "responsable de produit",
                    "startup d’État",
                    "beta.gouv",
                ],
            },
            SeedSkill {
                slug: "methodes-agiles",
                name: "Méthodes agiles",
                synonyms: &[
                    "agilité",
                    "agile",
                    "Scrum",
                    "Kanban",
                    "SAFe",
                    "scrum master",
                    "coach agile",
                ],
            },
            SeedSkill {
                slug: "conduite-du-changement",
                name: "Conduite du changement",
                synonyms: &[
                    "accompagnement du changement",
                    "change management",
                    "transformation",
                    "accompagnement des utilisateurs",
                ],
            },
            SeedSkill {
                slug: "audit-et-conseil",
                name: "Audit et conseil",
                synonyms: &[
                    "audit",
                    "conseil",
                    "consultant",
                    "consultante",
                    "étude",
                    "diagnostic",
                    "expertise",
                ],
            },
            SeedSkill {
                slug: "formation-transfert-competences",
                name: "Formation et transfert de compétences",
                synonyms: &[
                    "formation",
                    "formateur",
                    "formatrice",
                    "transfert de compétences",
                    "pédagogie",
                    "mentorat",
                    "tutorat",
                    "retour d’expérience",
                ],
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
                synonyms: &[
                    "achat public",
                    "commande publique",
                    "marchés publics",
                    "UGAP",
                    "achat informatique",
                    "procurement",
                ],
            },
            SeedSkill {
                slug: "redaction-cahiers-des-charges",
                name: "Rédaction de cahiers des charges",
                synonyms: &[
                    "cahier des charges",
                    "CCTP",
                    "expression de besoin",
                    "spécifications",
                    "rédaction de spécifications",
                ],
            },
            SeedSkill {
                slug: "sourcage-fournisseurs",
                name: "Sourçage des fournisseurs",
                synonyms: &[
                    "sourcing",
                    "sourçage",
                    "veille fournisseurs",
                    "benchmark fournisseurs",
                    "étude de marché",
                ],
            },
            SeedSkill {
                slug: "suivi-execution-marches",
                name: "Suivi de l’exécution des marchés",
                synonyms: &[
                    "exécution des marchés",
                    "suivi de marché",
                    "pilotage des prestataires",
                    "gestion des contrats fournisseurs",
                ],
            },
            SeedSkill {
                slug: "gestion-licences-logicielles",
                name: "Gestion des licences logicielles",
                synonyms: &[
                    "licences",
                    "gestion des licences",
                    "software asset management",
                    "SAM",
                ],
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
                synonyms: &[
                    "droit",
                    "juriste",
                    "juridique",
                    "droit de l’internet",
                    "droit des technologies",
                    "legaltech",
                ],
            },
            SeedSkill {
                slug: "protection-donnees-personnelles",
                name: "Protection des données personnelles (RGPD)",
                synonyms: &[
                    "RGPD",
                    "GDPR",
                    "données personnelles",
                    "CNIL",
                    "DPO",
                    "délégué à la protection des données",
                    "vie privée",
                    "privacy",
                ],
            },
            SeedSkill {
                slug: "propriete-intellectuelle-licences-libres",
                name: "Propriété intellectuelle et licences libres",
                synonyms: &[
                    "propriété intellectuelle",
                    "logiciel libre",
                    "open source",
                    "licences libres",
                    "droit d’auteur",
                ],
            },
            SeedSkill {
                slug: "acces-documents-administratifs",
                name: "Accès aux documents administratifs et réutilisation",
                synonyms: &[
                    "CADA",
                    "accès aux documents administratifs",
                    "réutilisation des informations publiques",
                    "transparence administrative",
                    "loi pour une République numérique",
                ],
            },
            SeedSkill {
                slug: "contrats-informatiques",
                name: "Contrats informatiques",
                synonyms: &[
                    "contrats IT",
                    "contrat de prestation",
                    "contrats de licence",
                    "clauses contractuelles",
                    "contrat SaaS",
                ],
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
                synonyms: &[
                    "sysadmin",
                    "administrateur systèmes",
                    "admin sys",
                    "Linux",
                    "Windows Server",
                    "exploitation",
                    "infogérance",
                ],
            },
            SeedSkill {
                slug: "informatique-en-nuage",
                name: "Informatique en nuage (cloud)",
                synonyms: &[
                    "cloud",
                    "cloud computing",
                    "cloud public",
                    "AWS",
                    "Azure",
                    "OVHcloud",
                    "SecNumCloud",
                    "IaaS",
                    "PaaS",
                    "SaaS",
                ],
            },
            SeedSkill {
                slug: "devops-integration-continue",
                name: "DevOps et intégration continue",
                synonyms: &[
                    "DevOps",
                    "CI/CD",
                    "CI",
                    "intégration continue",
                    "déploiement continu",
                    "GitLab CI",
                    "GitHub Actions",
                    "Jenkins",
                    "SRE",
                    "infrastructure as code",
                    "Terraform",
                    "Ansible",
                ],
            },
            SeedSkill {
                slug: "reseaux",
                name: "Réseaux",
                synonyms: &[
                    "network",
                    "networking",
                    "TCP/IP",
                    "administration réseau",
                    "télécoms",
                    "télécommunications",
                    "VPN",
                    "pare-feu",
                    "firewall",
                    "DNS",
                ],
            },
            SeedSkill {
                slug: "conteneurisation",
                name: "Conteneurisation (Docker, Kubernetes)",
                synonyms: &[
                    "Docker",
                    "Kubernetes",
                    "k8s",
                    "conteneurs",
                    "containers",
                    "OpenShift",
                ],
            },
            SeedSkill {
                slug: "administration-bases-de-donnees",
                name: "Administration de bases de données",
                synonyms: &[
                    "bases de données",
                    "DBA",
                    "administrateur de bases de données",
                    "PostgreSQL",
                    "MySQL",
                    "Oracle",
                    "MongoDB",
                ],
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
    fn names_and_synonyms_never_share_a_key() {
        let mut seen = std::collections::HashMap::new();
        for skill in all_skills() {
            assert!(!skill.synonyms.is_empty(), "{} has no synonym", skill.slug);
            for term in std::iter::once(&skill.name).chain(skill.synonyms.iter()) {
                let key = crate::text::skill_key(term);
                assert!(!key.is_empty(), "{term}");
                assert!(term.chars().count() <= 100, "{term}");
                assert!(!term.contains('\''), "{term}: straight apostrophe");
                if let Some(other) = seen.insert(key.clone(), *term) {
                    panic!("« {term} » and « {other} » share the key {key}");
                }
            }
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
