//! Skip links, header, footer: the DSFR frame of every page.

use crate::app::SiteResource;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn SkipLinks() -> impl IntoView {
    view! {
        <div class="fr-skiplinks">
            <nav class="fr-container" role="navigation" aria-label="Accès rapide">
                <ul class="fr-skiplinks__list">
                    // rel="external": the browser itself follows these, so focus moves
                    // to the target (the router would only scroll to it).
                    <li><a class="fr-link" href="#contenu" rel="external">"Contenu"</a></li>
                    <li><a class="fr-link" href="#navigation" rel="external">"Menu"</a></li>
                    <li><a class="fr-link" href="#pied-de-page" rel="external">"Pied de page"</a></li>
                </ul>
            </nav>
        </div>
    }
}

const NAV: &[(&str, &str)] = &[
    ("/", "Accueil"),
    ("/missions", "Missions"),
    ("/vivier", "Le vivier"),
    ("/comment-ca-marche", "Comment ça marche"),
];

#[component]
pub fn Header() -> impl IntoView {
    let site = expect_context::<SiteResource>();
    let location = use_location();
    let current = move |href: &'static str| {
        let path = location.pathname.get();
        let here = if href == "/" {
            path == "/"
        } else {
            path == href || path.starts_with(&format!("{href}/"))
        };
        here.then_some("page")
    };
    let tools = move || {
        let info = site.get().and_then(|r| r.ok());
        let signed_in = info.as_ref().and_then(|i| i.me.clone());
        match signed_in {
            Some(me) => view! {
                {me.moderator.then(|| view! {
                    <li><a class="fr-btn fr-icon-checkbox-circle-line" href="/moderation">"Modération"</a></li>
                })}
                {me.admin_space.then(|| view! {
                    <li><a class="fr-btn fr-icon-building-line" href="/espace-administration">"Espace administration"</a></li>
                })}
                <li><a class="fr-btn fr-icon-account-circle-line" href="/mon-espace">"Mon espace"</a></li>
                <li>
                    <form method="post" action="/api/sign_out">
                        <button type="submit" class="fr-btn fr-icon-logout-box-r-line">"Se déconnecter"</button>
                    </form>
                </li>
            }
            .into_any(),
            None => view! {
                <li><a class="fr-btn fr-icon-lock-line" href="/connexion">"Se connecter"</a></li>
            }
            .into_any(),
        }
    };
    let demo = move || site.get().and_then(|r| r.ok()).is_some_and(|i| i.demo);
    view! {
        <header role="banner" class="fr-header">
            <div class="fr-header__body">
                <div class="fr-container">
                    <div class="fr-header__body-row">
                        <div class="fr-header__brand fr-enlarge-link">
                            <div class="fr-header__brand-top">
                                <div class="fr-header__logo">
                                    <p class="fr-logo">"République" <br /> "Française"</p>
                                </div>
                                <div class="fr-header__navbar">
                                    <button
                                        class="fr-btn--menu fr-btn"
                                        data-fr-opened="false"
                                        aria-controls="menu-principal"
                                        aria-haspopup="menu"
                                        id="bouton-menu"
                                        title="Menu"
                                    >
                                        "Menu"
                                    </button>
                                </div>
                            </div>
                            <div class="fr-header__service">
                                <a href="/" title="Accueil — Talents numériques">
                                    <p class="fr-header__service-title">"Talents numériques"</p>
                                </a>
                                <p class="fr-header__service-tagline">
                                    "Des agents de l’État prêtent leurs compétences numériques à d’autres administrations"
                                </p>
                            </div>
                        </div>
                        <div class="fr-header__tools">
                            <div class="fr-header__tools-links">
                                <ul class="fr-btns-group">
                                    <Transition fallback=|| ()>{tools}</Transition>
                                </ul>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            <div class="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu">
                <div class="fr-container">
                    <button class="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer">
                        "Fermer"
                    </button>
                    <div class="fr-header__menu-links"></div>
                    <nav class="fr-nav" id="navigation" role="navigation" aria-label="Menu principal">
                        <ul class="fr-nav__list">
                            {NAV
                                .iter()
                                .map(|(href, text)| {
                                    view! {
                                        <li class="fr-nav__item">
                                            <a class="fr-nav__link" href=*href aria-current=move || current(href)>
                                                {*text}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </nav>
                </div>
            </div>
        </header>
        <Transition fallback=|| ()>
            <Show when=demo>
                <div class="fr-notice fr-notice--info">
                    <div class="fr-container">
                        <div class="fr-notice__body">
                            <p class="fr-notice__title">
                                "Version de démonstration : les comptes de démonstration et les messages envoyés sont visibles dans la "
                                <a href="/dev/outbox">"boîte d’envoi de démonstration"</a>
                                "."
                            </p>
                        </div>
                    </div>
                </div>
            </Show>
        </Transition>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="fr-footer" role="contentinfo" id="pied-de-page">
            <div class="fr-container">
                <div class="fr-footer__body">
                    <div class="fr-footer__brand fr-enlarge-link">
                        <a href="/" title="Retour à l’accueil — Talents numériques">
                            <p class="fr-logo">"République" <br /> "Française"</p>
                        </a>
                    </div>
                    <div class="fr-footer__content">
                        <p class="fr-footer__content-desc">
                            "Talents numériques est un service de la Direction interministérielle du numérique (DINUM). Contact : "
                            <a href="mailto:talents.numeriques@modernisation.gouv.fr">"talents.numeriques@modernisation.gouv.fr"</a>
                        </p>
                        <ul class="fr-footer__content-list">
                            <li class="fr-footer__content-item">
                                <a class="fr-footer__content-link" href="https://www.numerique.gouv.fr" rel="noopener">"numerique.gouv.fr"</a>
                            </li>
                            <li class="fr-footer__content-item">
                                <a class="fr-footer__content-link" href="https://www.service-public.fr" rel="noopener">"service-public.fr"</a>
                            </li>
                            <li class="fr-footer__content-item">
                                <a class="fr-footer__content-link" href="https://www.data.gouv.fr" rel="noopener">"data.gouv.fr"</a>
                            </li>
                        </ul>
                    </div>
                </div>
                <div class="fr-footer__bottom">
                    <ul class="fr-footer__bottom-list">
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/accessibilite">"Accessibilité : non conforme"</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/mentions-legales">"Mentions légales"</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/donnees-personnelles">"Données personnelles"</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/comment-ca-marche">"Comment ça marche"</a>
                        </li>
                    </ul>
                    <div class="fr-footer__bottom-copy">
                        <p>
                            "Sauf mention contraire, les contenus de ce site sont proposés sous "
                            <a href="https://github.com/etalab/licence-ouverte/blob/master/LO.md" rel="noopener">"licence etalab-2.0"</a>
                        </p>
                    </div>
                </div>
            </div>
        </footer>
    }
}
