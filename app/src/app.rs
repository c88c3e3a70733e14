//! The HTML shell and the routes.

use crate::api::site::site_info;
use crate::components::layout::{Footer, Header, SkipLinks};
use crate::model::SiteContext;
use crate::pages::{
    admin_space::AdminSpacePage,
    administrations::AdministrationsPage,
    agreement::AgreementPageView,
    alerts::UnsubscribePage,
    applicants::ApplicantsPage,
    apply::ApplyPage,
    editor::EditorPage,
    home::HomePage,
    how_it_works::HowItWorksPage,
    legal::{AccessibilityPage, LegalNoticePage, PersonalDataPage},
    mission::MissionSheetPage,
    missions::MissionsPage,
    moderation::ModerationPage,
    my_space::{EditPoolPage, MySpacePage},
    not_found::NotFoundPage,
    outbox::OutboxPage,
    pool::PoolPage,
    sign_in::{LinkSentPage, SignInLinkPage, SignInPage, SignOutPage},
    skills_admin::SkillsAdminPage,
    vivier::{VivierPage, VivierProfilePage},
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="fr" data-fr-scheme="light">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="format-detection" content="telephone=no" />
                <script src="/dsfr-config.js"></script>
                <link rel="stylesheet" href="/dsfr/dsfr.min.css" />
                <link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css" />
                <link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
                <script type="module" src="/dsfr/dsfr.module.min.js"></script>
                <script type="module" src="/dsfr-start.js"></script>
            </body>
        </html>
    }
}

/// Every page is rendered whole before it is sent (`SsrMode::Async`), so
/// its status (404, redirects) is known and nothing streams in afterwards.
///
/// Site-wide facts (demo mode, who is signed in), loaded once per page.
pub type SiteResource = Resource<Result<SiteContext, crate::error::AppError>>;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site: SiteResource = Resource::new(|| (), |_| site_info());
    provide_context(site);

    view! {
        <Stylesheet id="leptos" href="/pkg/talents.css" />
        <Meta
            name="description"
            content="Agents de l’État : partagez vos talents numériques le temps d’une mission courte dans une autre administration."
        />
        <Link rel="apple-touch-icon" href="/dsfr/favicon/apple-touch-icon.png" />
        <Router>
            <SkipLinks />
            <Header />
            <main id="contenu" tabindex="-1" role="main">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/comment-ca-marche") view=HowItWorksPage ssr=SsrMode::Async />
                    <Route path=path!("/missions") view=MissionsPage ssr=SsrMode::Async />
                    <Route path=path!("/missions/:slug") view=MissionSheetPage ssr=SsrMode::Async />
                    <Route path=path!("/missions/:slug/candidater") view=ApplyPage ssr=SsrMode::Async />
                    <Route path=path!("/vivier") view=PoolPage ssr=SsrMode::Async />
                    <Route path=path!("/connexion") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/connexion/lien-envoye") view=LinkSentPage ssr=SsrMode::Async />
                    <Route path=path!("/connexion/lien") view=SignInLinkPage ssr=SsrMode::Async />
                    <Route path=path!("/deconnexion") view=SignOutPage ssr=SsrMode::Async />
                    <Route path=path!("/mon-espace") view=MySpacePage ssr=SsrMode::Async />
                    <Route path=path!("/mon-espace/vivier") view=EditPoolPage ssr=SsrMode::Async />
                    <Route path=path!("/accessibilite") view=AccessibilityPage ssr=SsrMode::Async />
                    <Route path=path!("/mentions-legales") view=LegalNoticePage ssr=SsrMode::Async />
                    <Route path=path!("/donnees-personnelles") view=PersonalDataPage ssr=SsrMode::Async />
                    <Route path=path!("/espace-administration") view=AdminSpacePage ssr=SsrMode::Async />
                    <Route path=path!("/espace-administration/missions/:id/modifier") view=EditorPage ssr=SsrMode::Async />
                    <Route path=path!("/espace-administration/missions/:id/candidatures") view=ApplicantsPage ssr=SsrMode::Async />
                    <Route path=path!("/espace-administration/vivier") view=VivierPage ssr=SsrMode::Async />
                    <Route path=path!("/espace-administration/vivier/:reference") view=VivierProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/accord") view=AgreementPageView ssr=SsrMode::Async />
                    <Route path=path!("/alertes/desabonnement") view=UnsubscribePage ssr=SsrMode::Async />
                    <Route path=path!("/moderation") view=ModerationPage ssr=SsrMode::Async />
                    <Route path=path!("/moderation/administrations") view=AdministrationsPage ssr=SsrMode::Async />
                    <Route path=path!("/moderation/competences") view=SkillsAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/dev/outbox") view=OutboxPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
