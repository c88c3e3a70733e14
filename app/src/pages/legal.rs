//! Legal pages: accessibility statement (`/accessibilite`), legal notice
//! (`/mentions-legales`) and personal data (`/donnees-personnelles`).
//! Static French text.

use leptos::prelude::*;
use leptos_meta::Title;

/// How long a kind of personal data is kept, in machine-readable form so the
/// code that expires and purges data can be checked against this page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetentionLimit {
    /// Kept until its owner deletes it, or deleted after this many months
    /// without any activity of its owner.
    InactivityMonths(u32),
    /// Valid for this many minutes.
    Minutes(u32),
    /// Valid for this many days at most.
    Days(u32),
    /// Kept while the mission lasts, then for this many years.
    AfterMissionYears(u32),
}

/// One row of the retention table shown on `/donnees-personnelles`.
pub struct RetentionPeriod {
    /// Stable key, for code and tests.
    pub key: &'static str,
    /// What is kept, in French.
    pub data: &'static str,
    /// How long, in French, as shown on the page.
    pub duration: &'static str,
    /// How long, for code and tests.
    pub limit: RetentionLimit,
}

/// Retention periods announced to users. The single source for the page:
/// purge jobs, sign-in links and sessions must match it.
pub const RETENTION_PERIODS: &[RetentionPeriod] = &[
    RetentionPeriod {
        key: "account",
        data: "Compte (adresse électronique professionnelle, nom)",
        duration: "Jusqu’à sa suppression, ou après 24 mois d’inactivité",
        limit: RetentionLimit::InactivityMonths(24),
    },
    RetentionPeriod {
        key: "talent_pool_profile",
        data: "Profil du vivier",
        duration: "Jusqu’à sa suppression, ou après 24 mois d’inactivité",
        limit: RetentionLimit::InactivityMonths(24),
    },
    RetentionPeriod {
        key: "sign_in_link",
        data: "Liens de connexion",
        duration: "15 minutes, pour un seul usage",
        limit: RetentionLimit::Minutes(15),
    },
    RetentionPeriod {
        key: "session",
        data: "Sessions de connexion",
        duration: "30 jours au maximum",
        limit: RetentionLimit::Days(30),
    },
    RetentionPeriod {
        key: "application",
        data: "Candidatures",
        duration: "Pendant la durée de la mission, puis 1 an",
        limit: RetentionLimit::AfterMissionYears(1),
    },
];

/// The retention period with this key, if any.
pub fn retention_period(key: &str) -> Option<&'static RetentionPeriod> {
    RETENTION_PERIODS.iter().find(|r| r.key == key)
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Title text="Déclaration d’accessibilité — Talents numériques"/>
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row">
                <div class="fr-col-12 fr-col-md-8">
                    <h1>"Déclaration d’accessibilité"</h1>
                    <p class="fr-text--lead">
                        "La Direction interministérielle du numérique (DINUM) s’engage à rendre "
                        "ses services numériques accessibles, conformément à l’article 47 de la "
                        "loi n° 2005-102 du 11 février 2005."
                    </p>
                    <p>
                        "Cette déclaration d’accessibilité s’applique au service Talents "
                        "numériques, qui porte le dispositif « Partagez vos talents numériques ! »."
                    </p>

                    <h2>"État de conformité"</h2>
                    <p>
                        "Le service Talents numériques est "
                        <strong>"non conforme"</strong>
                        " avec le référentiel général d’amélioration de l’accessibilité (RGAA), "
                        "version 4.1."
                    </p>
                    <div class="fr-highlight">
                        <p>
                            "Ce site n’a pas encore fait l’objet d’un audit de conformité. Le RGAA "
                            "impose à un site qui n’a pas été audité de se déclarer « non conforme "
                            "» : cette mention ne signifie pas que des défauts ont été constatés. "
                            "Le service est construit avec le Système de design de l’État (DSFR) ; "
                            "les résultats de son premier audit seront publiés sur cette page."
                        </p>
                    </div>

                    <h2>"Résultats des tests"</h2>
                    <p>
                        "Aucun audit n’ayant encore été réalisé, aucun taux de conformité ne peut "
                        "être publié."
                    </p>

                    <h2>"Contenus non accessibles"</h2>
                    <p>
                        "Les contenus non accessibles seront recensés lors de l’audit. Si vous "
                        "rencontrez une difficulté d’ici là, signalez-la-nous : nous vous "
                        "proposerons une alternative accessible."
                    </p>

                    <h2>"Établissement de cette déclaration"</h2>
                    <p>
                        "Cette déclaration a été établie le "
                        <time datetime="2026-12-03">"3 décembre 2026"</time>
                        "."
                    </p>
                    <h3>"Technologies utilisées"</h3>
                    <ul>
                        <li>"HTML5"</li>
                        <li>"CSS"</li>
                        <li>"WAI-ARIA"</li>
                        <li>
                            "JavaScript, de façon facultative : le site fonctionne sans JavaScript."
                        </li>
                    </ul>

                    <h2>"Retour d’information et contact"</h2>
                    <p>
                        "Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez "
                        "l’équipe du service pour être orienté vers une alternative accessible ou "
                        "obtenir le contenu sous une autre forme : "
                        <a href="mailto:talents.numeriques@modernisation.gouv.fr">
                            "talents.numeriques@modernisation.gouv.fr"
                        </a>
                        "."
                    </p>

                    <h2>"Voies de recours"</h2>
                    <p>
                        "Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder "
                        "à un contenu ou à un service du site, et que vous n’avez pas obtenu de "
                        "réponse satisfaisante, vous pouvez saisir le Défenseur des droits :"
                    </p>
                    <ul>
                        <li>
                            "par le "
                            <a href="https://formulaire.defenseurdesdroits.fr/">
                                "formulaire en ligne du Défenseur des droits"
                            </a>
                            " ;"
                        </li>
                        <li>
                            "auprès du "
                            <a href="https://www.defenseurdesdroits.fr/carte-des-delegues">
                                "délégué du Défenseur des droits dans votre région"
                            </a>
                            " ;"
                        </li>
                        <li>
                            "par courrier, gratuitement et sans timbre : Défenseur des droits, "
                            "Libre réponse 71120, 75342 Paris CEDEX 07."
                        </li>
                    </ul>
                </div>
            </div>
        </div>
    }
}

#[component]
pub fn LegalNoticePage() -> impl IntoView {
    view! {
        <Title text="Mentions légales — Talents numériques"/>
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row">
                <div class="fr-col-12 fr-col-md-8">
                    <h1>"Mentions légales"</h1>

                    <h2>"Éditeur"</h2>
                    <p>
                        "Le service Talents numériques est édité par la Direction "
                        "interministérielle du numérique (DINUM)."
                    </p>
                    <address>
                        "Direction interministérielle du numérique (DINUM)"
                        <br/>
                        "20 avenue de Ségur"
                        <br/>
                        "75007 Paris"
                    </address>

                    <h2>"Directeur de la publication"</h2>
                    <p>"Le directeur interministériel du numérique."</p>

                    <h2>"Hébergement"</h2>
                    <p>
                        "L’hébergeur du service est précisé par son exploitant lors de sa mise en "
                        "production."
                    </p>

                    <h2>"Code source"</h2>
                    <p>"Le code source de ce service est publié sous licence MIT."</p>

                    <h2>"Réutilisation des contenus"</h2>
                    <p>
                        "Sauf mention contraire, les contenus de ce site peuvent être réutilisés "
                        "selon les termes de la "
                        <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">
                            "Licence Ouverte 2.0 (Etalab)"
                        </a>
                        "."
                    </p>

                    <h2>"Accessibilité"</h2>
                    <p>
                        "L’état de conformité du service est détaillé dans la "
                        <a href="/accessibilite">"déclaration d’accessibilité"</a>
                        "."
                    </p>

                    <h2>"Données personnelles"</h2>
                    <p>
                        "Les données que nous conservons, pourquoi et combien de temps, ainsi que "
                        "vos droits, sont présentés sur la page "
                        <a href="/donnees-personnelles">"Données personnelles"</a>
                        "."
                    </p>

                    <h2>"Contact"</h2>
                    <p>
                        "Pour toute question sur le service : "
                        <a href="mailto:talents.numeriques@modernisation.gouv.fr">
                            "talents.numeriques@modernisation.gouv.fr"
                        </a>
                        "."
                    </p>
                </div>
            </div>
        </div>
    }
}

#[component]
pub fn PersonalDataPage() -> impl IntoView {
    let retention_rows = RETENTION_PERIODS
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.data}</th>
                    <td>{r.duration}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <Title text="Données personnelles — Talents numériques"/>
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row">
                <div class="fr-col-12 fr-col-md-8">
                    <h1>"Données personnelles"</h1>
                    <p class="fr-text--lead">
                        "Nous ne conservons que les données nécessaires au fonctionnement du "
                        "dispositif « Partagez vos talents numériques ! », et aucune n’est publiée "
                        "sur le site."
                    </p>

                    <h2>"Quelles données et pourquoi ?"</h2>
                    <div class="fr-table">
                        <div class="fr-table__wrapper">
                            <div class="fr-table__container" tabindex="0">
                                <div class="fr-table__content">
                                    <table>
                                        <caption>"Données conservées et finalités"</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Données"</th>
                                                <th scope="col">"Pourquoi"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            <tr>
                                                <th scope="row">
                                                    "Compte : adresse électronique "
                                                    "professionnelle, et votre nom si vous l’avez "
                                                    "indiqué"
                                                </th>
                                                <td>
                                                    "Vous identifier, vous connecter et vous "
                                                    "écrire."
                                                </td>
                                            </tr>
                                            <tr>
                                                <th scope="row">"Liens de connexion"</th>
                                                <td>
                                                    "Vous connecter sans mot de passe. Nous ne "
                                                    "conservons qu’une empreinte (hachage) de "
                                                    "chaque lien ; un lien n’est valable que peu "
                                                    "de temps et ne sert qu’une fois."
                                                </td>
                                            </tr>
                                            <tr>
                                                <th scope="row">"Session de connexion"</th>
                                                <td>
                                                    "Vous garder connecté, grâce à un cookie "
                                                    "strictement nécessaire."
                                                </td>
                                            </tr>
                                            <tr>
                                                <th scope="row">
                                                    "Candidatures : motivation, disponibilités, "
                                                    "compétences proposées, nom et adresse "
                                                    "électronique de votre supérieur hiérarchique"
                                                </th>
                                                <td>
                                                    "Transmettre votre candidature aux "
                                                    "responsables de la mission et suivre l’accord "
                                                    "de votre supérieur hiérarchique."
                                                </td>
                                            </tr>
                                            <tr>
                                                <th scope="row">
                                                    "Profil du vivier : les informations que vous "
                                                    "saisissez en rejoignant le vivier"
                                                </th>
                                                <td>
                                                    "Pouvoir vous proposer une mission qui "
                                                    "correspond à vos compétences."
                                                </td>
                                            </tr>
                                            <tr>
                                                <th scope="row">"Courriels envoyés"</th>
                                                <td>
                                                    "Garder une trace des messages que le service "
                                                    "vous envoie, dans son journal d’envoi."
                                                </td>
                                            </tr>
                                        </tbody>
                                    </table>
                                </div>
                            </div>
                        </div>
                    </div>

                    <h2>"Qui voit vos données ?"</h2>
                    <h3>"Vos candidatures"</h3>
                    <p>
                        "Vous voyez vos candidatures dans « Mon espace ». Les responsables de la "
                        "mission concernée les verront lorsque l’espace des administrations sera "
                        "ouvert."
                    </p>
                    <h3>"Votre profil du vivier"</h3>
                    <p>
                        "Votre profil du vivier n’est jamais public. Pour l’instant, vous seul "
                        "pouvez le voir. Plus tard, les responsables de mission habilités pourront "
                        "y faire des recherches, selon des règles strictes, et chaque consultation "
                        "de votre profil vous sera signalée."
                    </p>
                    <h3>"Cookies et mesure d’audience"</h3>
                    <p>
                        "Ce service ne dépose que des cookies strictement nécessaires à votre "
                        "connexion. Il n’utilise aucun cookie de suivi et ne mesure pas l’audience."
                    </p>

                    <h2>"Base légale"</h2>
                    <p>
                        "Ces traitements sont nécessaires à l’exécution d’une mission d’intérêt "
                        "public (article 6, paragraphe 1, point e, du règlement général sur la "
                        "protection des données, RGPD) : le dispositif « Partagez vos talents "
                        "numériques ! », proposé et piloté par la DINUM."
                    </p>

                    <h2>"Responsable du traitement"</h2>
                    <address>
                        "Direction interministérielle du numérique (DINUM)"
                        <br/>
                        "20 avenue de Ségur"
                        <br/>
                        "75007 Paris"
                    </address>

                    <h2>"Durées de conservation"</h2>
                    <div class="fr-table">
                        <div class="fr-table__wrapper">
                            <div class="fr-table__container" tabindex="0">
                                <div class="fr-table__content">
                                    <table>
                                        <caption>"Durées de conservation des données"</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Données"</th>
                                                <th scope="col">"Durée de conservation"</th>
                                            </tr>
                                        </thead>
                                        <tbody>{retention_rows}</tbody>
                                    </table>
                                </div>
                            </div>
                        </div>
                    </div>

                    <h2>"Vos droits"</h2>
                    <p>"Vous disposez des droits suivants sur vos données :"</p>
                    <ul>
                        <li>"droit d’accès ;"</li>
                        <li>"droit de rectification ;"</li>
                        <li>"droit à l’effacement ;"</li>
                        <li>"droit à la limitation du traitement ;"</li>
                        <li>"droit d’opposition."</li>
                    </ul>
                    <h3>"Comment les exercer ?"</h3>
                    <p>
                        "Depuis « Mon espace », vous pouvez modifier votre profil du vivier ou "
                        "quitter le vivier, et retirer une candidature. Pour toute autre demande, "
                        "écrivez-nous à "
                        <a href="mailto:talents.numeriques@modernisation.gouv.fr">
                            "talents.numeriques@modernisation.gouv.fr"
                        </a>
                        "."
                    </p>
                    <h3>"Réclamation"</h3>
                    <p>
                        "Si vous estimez que vos droits ne sont pas respectés, vous pouvez "
                        "adresser une réclamation à la Commission nationale de l’informatique et "
                        "des libertés ("
                        <a href="https://www.cnil.fr">"CNIL"</a>
                        ")."
                    </p>
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_keys_are_unique() {
        for (i, a) in RETENTION_PERIODS.iter().enumerate() {
            for b in &RETENTION_PERIODS[i + 1..] {
                assert_ne!(a.key, b.key);
            }
        }
    }

    #[test]
    fn retention_text_matches_limit() {
        for r in RETENTION_PERIODS {
            let n = match r.limit {
                RetentionLimit::InactivityMonths(n) => {
                    assert!(r.duration.contains("mois d’inactivité"), "{}", r.key);
                    n
                }
                RetentionLimit::Minutes(n) => {
                    assert!(r.duration.contains("minutes"), "{}", r.key);
                    n
                }
                RetentionLimit::Days(n) => {
                    assert!(r.duration.contains("jours"), "{}", r.key);
                    n
                }
                RetentionLimit::AfterMissionYears(n) => {
                    assert!(r.duration.contains("mission"), "{}", r.key);
                    assert!(r.duration.contains(" an"), "{}", r.key);
                    n
                }
            };
            assert!(r.duration.contains(&format!("{n} ")), "{}", r.key);
        }
    }

    #[test]
    fn announced_retention_periods() {
        let limit = |key: &str| retention_period(key).map(|r| r.limit);
        assert_eq!(limit("account"), Some(RetentionLimit::InactivityMonths(24)));
        assert_eq!(
            limit("talent_pool_profile"),
            Some(RetentionLimit::InactivityMonths(24))
        );
        assert_eq!(limit("sign_in_link"), Some(RetentionLimit::Minutes(15)));
        assert_eq!(limit("session"), Some(RetentionLimit::Days(30)));
        assert_eq!(
            limit("application"),
            Some(RetentionLimit::AfterMissionYears(1))
        );
        assert_eq!(limit("unknown"), None);
    }
}
