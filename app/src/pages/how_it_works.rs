//! "Comment ça marche ?" (`/comment-ca-marche`): how the programme works, for
//! agents (section `#agents`) and for administrations (section
//! `#administrations`). Static text, rewritten from the programme's original
//! page of August 2020.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HowItWorksPage() -> impl IntoView {
    view! {
        <Title text="Comment ça marche ? — Talents numériques"/>
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row">
                <div class="fr-col-12 fr-col-md-8">
                    <h1>"Comment ça marche ?"</h1>
                    <p class="fr-text--lead">
                        "Proposé et piloté par la Direction interministérielle du numérique "
                        "(DINUM), le dispositif « Partagez vos talents numériques ! » met en "
                        "relation des agents de l’État prêts à mettre ponctuellement leurs "
                        "compétences au service d’une autre administration, et des services de "
                        "l’État qui ont besoin d’une expertise numérique sur une période donnée."
                    </p>

                    <nav class="fr-summary" aria-labelledby="sommaire-titre">
                        <p class="fr-summary__title" id="sommaire-titre">"Sommaire"</p>
                        <ol>
                            <li>
                                <a class="fr-summary__link" href="#agents">
                                    "Pour les agents de l’État"
                                </a>
                            </li>
                            <li>
                                <a class="fr-summary__link" href="#administrations">
                                    "Pour les administrations"
                                </a>
                            </li>
                        </ol>
                    </nav>

                    <section id="agents" class="fr-mt-6w" aria-labelledby="agents-titre">
                        <h2 id="agents-titre">"Pour les agents de l’État"</h2>

                        <h3>"De quoi s’agit-il ?"</h3>
                        <p>
                            "Vous contribuez à une mission ponctuelle dans une autre "
                            "administration que la vôtre. Vous y consacrez une petite partie de "
                            "votre temps de travail, sur une période définie, tout en restant "
                            "rattaché à votre structure d’emploi habituelle, qui continue de vous "
                            "rémunérer."
                        </p>

                        <h3>"Qui peut participer ?"</h3>
                        <p>
                            "Tous les agents de l’État, fonctionnaires ou contractuels, qui ont "
                            "des compétences et des savoirs dans le domaine du numérique."
                        </p>

                        <h3>"Pourquoi participer ?"</h3>
                        <div class="fr-callout">
                            <p class="fr-callout__title">
                                "Cinq bonnes raisons de partager vos talents numériques"
                            </p>
                            <ul class="fr-callout__text">
                                <li>
                                    "Donner un coup de pouce à un projet ou à un domaine qui a du "
                                    "sens pour vous, ou qui vous tient à cœur."
                                </li>
                                <li>"Enrichir votre parcours et votre réseau professionnel."</li>
                                <li>
                                    "Découvrir un nouveau secteur d’activité ou un nouvel "
                                    "écosystème."
                                </li>
                                <li>
                                    "Vous lancer de nouveaux défis et sortir un peu de votre "
                                    "quotidien."
                                </li>
                                <li>
                                    "Rejoindre une communauté de talents numériques de l’État et "
                                    "rendre vos compétences plus visibles."
                                </li>
                            </ul>
                        </div>

                        <h3>"Quelles compétences ?"</h3>
                        <p>
                            "Vous pouvez partager vos talents dans un domaine technique, ou dans "
                            "un domaine métier ou transverse en lien avec le numérique, comme "
                            "l’achat ou le juridique. Ils peuvent relever des systèmes "
                            "d’information traditionnels, du monde de la donnée ou de l’innovation "
                            "numérique."
                        </p>

                        <h3>"Quels types de missions ?"</h3>
                        <p>"Selon les besoins des administrations, une mission peut être :"</p>
                        <ul>
                            <li>
                                "un appui dans le cadre d’un projet : développement, design, "
                                "animation d’un atelier d’idéation, sécurisation… ;"
                            </li>
                            <li>"un retour d’expérience ou un transfert de compétences ;"</li>
                            <li>"une étude, un audit ou une mission de conseil."</li>
                        </ul>
                        <div class="fr-highlight">
                            <p>
                                "Chaque mission répond à un besoin ponctuel et elle est délimitée "
                                "dans le temps. Sa durée et sa fréquence varient : de quelques "
                                "heures en une fois à plusieurs jours répartis sur plusieurs mois."
                            </p>
                        </div>

                        <h3>"Comment participer ?"</h3>
                        <p>"Deux façons de participer :"</p>
                        <ol>
                            <li>
                                <strong>"Répondre à une mission. "</strong>
                                "Parcourez les "
                                <a href="/missions">"missions proposées"</a>
                                " par les administrations. L’une d’elles vous intéresse ? Ouvrez "
                                "sa fiche et cliquez sur « Je propose mes talents »."
                            </li>
                            <li>
                                <strong>"Rejoindre le vivier. "</strong>
                                "Aucune mission ne vous correspond pour le moment ? "
                                <a href="/vivier">"Rejoignez le vivier"</a>
                                " : présentez vos compétences et vos disponibilités. Votre profil "
                                "n’est jamais publié ; les responsables de mission habilités "
                                "pourront le consulter pour vous proposer une mission qui vous "
                                "correspond, et chaque consultation vous sera signalée."
                            </li>
                        </ol>

                        <h3>"Que se passe-t-il ensuite ?"</h3>
                        <ol>
                            <li>
                                <strong>"Le responsable de mission vous répond. "</strong>
                                "Si vous avez répondu à une mission, son responsable revient vers "
                                "vous dans les meilleurs délais. Si vous avez rejoint le vivier, "
                                "un responsable de mission pourra vous contacter plus tard s’il a "
                                "une mission qui correspond à votre expertise."
                            </li>
                            <li>
                                <strong>"Vous échangez ensemble. "</strong>
                                "Si vos compétences l’intéressent, le responsable de mission vous "
                                "propose d’en discuter."
                            </li>
                            <li>
                                <strong>"Votre supérieur hiérarchique donne son accord. "</strong>
                                "Vous êtes tous les deux partants ? L’accord de votre supérieur "
                                "hiérarchique est nécessaire avant de commencer la mission."
                            </li>
                            <li>
                                <strong>"C’est parti ! "</strong>
                                "Vous commencez la mission selon les modalités convenues."
                            </li>
                        </ol>

                        <ul class="fr-btns-group fr-btns-group--inline-md">
                            <li>
                                <a class="fr-btn" href="/missions">"Voir les missions"</a>
                            </li>
                            <li>
                                <a class="fr-btn fr-btn--secondary" href="/vivier">
                                    "Rejoindre le vivier"
                                </a>
                            </li>
                        </ul>

                        <p>
                            "Vous voulez en savoir plus sur le dispositif ou sur une mission avant "
                            "de vous décider ? Écrivez-nous à "
                            <a href="mailto:talents.numeriques@modernisation.gouv.fr">
                                "talents.numeriques@modernisation.gouv.fr"
                            </a>
                            "."
                        </p>
                    </section>

                    <section
                        id="administrations"
                        class="fr-mt-6w"
                        aria-labelledby="administrations-titre"
                    >
                        <h2 id="administrations-titre">"Pour les administrations"</h2>

                        <h3>"De quoi s’agit-il ?"</h3>
                        <p>
                            "Votre service bénéficie ponctuellement de l’appui d’un agent venu "
                            "d’une autre administration, sur une mission précise dans le domaine "
                            "du numérique. L’agent volontaire y consacre une petite partie de son "
                            "temps de travail, sur une période définie, et reste rattaché à sa "
                            "structure d’emploi habituelle, qui continue de le rémunérer."
                        </p>

                        <h3>"Quel intérêt pour votre service ?"</h3>
                        <p>
                            "C’est un moyen simple et souple d’obtenir, le temps d’une mission, "
                            "une compétence numérique particulière que votre équipe n’a pas, ou de "
                            "la renforcer."
                        </p>

                        <h3>"Quelles compétences pouvez-vous demander ?"</h3>
                        <p>
                            "Des compétences très diverses, dans un domaine technique ou dans un "
                            "domaine métier ou transverse en lien avec le numérique (achat, "
                            "juridique…). Par exemple :"
                        </p>
                        <ul>
                            <li>"développement ;"</li>
                            <li>"UX design ;"</li>
                            <li>"expertise en accessibilité numérique ;"</li>
                            <li>"architecture des systèmes d’information ;"</li>
                            <li>"Mareva 2, la méthode d’analyse de la valeur des projets SI ;"</li>
                            <li>"droit du numérique ;"</li>
                            <li>"durcissement de systèmes."</li>
                        </ul>

                        <h3>"Quelles missions proposer ?"</h3>
                        <div class="fr-highlight">
                            <p>
                                "Un prérequis : la mission répond à un besoin ponctuel et elle est "
                                "délimitée dans le temps. Sa durée et sa fréquence peuvent aller "
                                "de quelques heures en une fois à plusieurs jours répartis sur "
                                "plusieurs mois."
                            </p>
                        </div>
                        <p>"Selon vos besoins, vous pouvez proposer :"</p>
                        <ul>
                            <li>
                                "un appui dans le cadre d’un projet : développement, design, "
                                "animation d’un atelier d’idéation, sécurisation… ;"
                            </li>
                            <li>"un retour d’expérience ou un transfert de compétences ;"</li>
                            <li>"une étude, un audit ou une mission de conseil."</li>
                        </ul>

                        <h3>"Quelles sont les étapes ?"</h3>
                        <ol>
                            <li>
                                <strong>"Vous définissez votre besoin : "</strong>
                                "nature de la mission, compétences recherchées, durée et période."
                            </li>
                            <li>
                                <strong>"Vous remplissez la fiche mission "</strong>
                                "directement sur ce service."
                            </li>
                            <li>
                                <strong>"La DINUM relit votre fiche et la publie, "</strong>
                                "après avoir échangé avec vous si elle doit être précisée."
                            </li>
                            <li>
                                <strong>"Les agents intéressés y répondent. "</strong>
                                "Vous voyez leurs candidatures sur ce service et vous échangez "
                                "avec eux."
                            </li>
                            <li>
                                <strong>
                                    "Vous vérifiez l’accord du supérieur hiérarchique. "
                                </strong>
                                "Vous êtes partants pour travailler ensemble ? Assurez-vous que "
                                "l’agent a obtenu l’accord de son supérieur hiérarchique avant le "
                                "début de la mission."
                            </li>
                            <li>
                                <strong>"La mission peut commencer !"</strong>
                            </li>
                        </ol>

                        <p>
                            "Une question avant de proposer une mission ? Écrivez-nous à "
                            <a href="mailto:talents.numeriques@modernisation.gouv.fr">
                                "talents.numeriques@modernisation.gouv.fr"
                            </a>
                            "."
                        </p>
                    </section>
                </div>
            </div>
        </div>
    }
}
