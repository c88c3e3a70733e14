// Journey 7: an agent joins the vivier hiding from one administration; a
// manager of that administration cannot find them, a manager of another
// can and sends a contact request; the agent sees who looked and accepts;
// the manager then sees the agent's address.
import { test, expect, expectNoAxeViolations } from './helpers';
import { REJECTED_FORM_ERRORS, expectFieldError, settled, signIn, uniqueEmail, visit } from './support';
import type { Page } from '@playwright/test';

const HIDDEN_FROM = 'responsable.demo@education.gouv.fr';
const MANAGER = 'responsable.demo@intradef.gouv.fr';

test.use({ allowedConsoleErrors: REJECTED_FORM_ERRORS });

async function signInAs(page: Page, email: string, next: string) {
  await page.context().clearCookies();
  await signIn(page, email, next);
}

test('a manager finds a pool member, who sees the view and accepts the contact', async ({ page }) => {
  test.setTimeout(150_000);
  const agent = uniqueEmail('vivier-contact');
  // A word no other profile has, to find this one among the others.
  const marker = `cartographie${Date.now().toString(36)}`;
  const jobTitle = `Cheffe de projet ${marker}`;

  // The agent joins, hidden from the Ministry of Education.
  await signInAs(page, agent, '/vivier');
  await page.getByLabel('Prénom et nom').fill('Ada Lovelace');
  await page.getByLabel('Votre administration').fill('DINUM / Etalab');
  await page.getByLabel('Votre fonction').fill(jobTitle);
  await page.locator('summary', { hasText: /^Données et IA$/ }).click();
  await page.getByRole('combobox', { name: 'Analyse de données', exact: true }).selectOption({ label: 'Niveau : Expert' });
  await page.getByLabel('Nombre de jours par mois que vous pouvez consacrer').fill('3');
  await page.getByLabel('Votre lieu de travail').fill('Paris 7e');
  await page.getByLabel('Sur site ou à distance ?').selectOption({ label: 'Sur site ou à distance' });
  const visibility = page.getByRole('group', { name: /Qui peut voir votre profil/ });
  await expect(visibility).toBeVisible();
  await page.getByLabel('Ministère ou établissement de rattachement').selectOption({ label: 'Direction interministérielle du numérique' });
  await page
    .getByRole('group', { name: /Masquer aussi mon profil/ })
    .getByLabel('Ministère de l’Éducation nationale et de la Jeunesse')
    .setChecked(true, { force: true });
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Rejoindre le vivier' }).click();
  await expect(page).toHaveURL(/\/mon-espace\?info=vivier-rejoint$/);
  await settled(page);
  await expect(page.getByText('Personne n’a encore consulté votre profil.')).toBeVisible();

  // The Ministry of Education's manager does not find them.
  await signInAs(page, HIDDEN_FROM, '/espace-administration/vivier');
  await settled(page);
  await page.getByLabel('Mots-clés').fill(marker);
  await page.getByRole('button', { name: 'Rechercher dans le vivier' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Aucun profil ne correspond à votre recherche.' })).toBeVisible();

  // The Armed Forces' manager does, by skill and words, as an anonymous card.
  await signInAs(page, MANAGER, '/espace-administration');
  await settled(page);
  // A mission to tie the request to.
  await page.getByRole('button', { name: 'Proposer une mission' }).click();
  await page.waitForURL(/\/espace-administration\/missions\/\d+\/modifier$/);
  await settled(page, { axe: false });
  const missionTitle = `Tableau de bord des données ${marker}`;
  await page.getByLabel('Titre de la mission').fill(missionTitle);
  await expect(page.getByRole('status').filter({ hasText: /Enregistré à \d\d:\d\d/ })).toBeVisible();
  await page.getByLabel('Analyse de données').setChecked(true, { force: true });
  // The side panel counts the matching profiles as the sheet is written.
  const panel = page.getByRole('complementary', { name: 'Le vivier' });
  await expect(panel).toContainText(/\d+ profils? du vivier correspond/);
  await expect(panel).not.toContainText('Ada Lovelace');
  await expectNoAxeViolations(page);

  await visit(page, '/espace-administration/vivier');
  await page.getByLabel('Mots-clés').fill(marker.toUpperCase());
  await page.locator('summary', { hasText: /^Données et IA$/ }).click();
  await page.getByRole('combobox', { name: 'Analyse de données', exact: true }).selectOption({ label: 'Au moins : Pratique' });
  await page.getByRole('button', { name: 'Rechercher dans le vivier' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '1 profil correspond' })).toBeVisible();
  const card = page.locator('.tn-pool-card');
  await expect(card).toContainText(jobTitle);
  await expect(card).not.toContainText('Ada Lovelace');
  await card.locator('summary', { hasText: 'Pourquoi ce profil' }).click();
  await expect(card).toContainText('Partage « Analyse de données » (niveau expert)');
  await settled(page);

  // The profile page: name, no address; a request tied to the mission.
  await card.getByRole('link', { name: jobTitle }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  await settled(page);
  await expect(page.getByRole('main')).not.toContainText(agent);
  await page.getByLabel('Pour quelle mission ?').selectOption({ label: missionTitle });
  const message = page.getByLabel('Votre message');
  await message.fill('Bonjour');
  await page.getByRole('button', { name: 'Envoyer la demande de contact' }).click();
  await expectFieldError(message, /^Écrivez un message d’au moins 20 caractères/);
  await expectNoAxeViolations(page);
  await message.fill('Bonjour, votre expérience en analyse de données nous aiderait beaucoup pour ce tableau de bord.');
  await page.getByRole('button', { name: 'Envoyer la demande de contact' }).click();
  await expect(page.getByRole('status')).toContainText('Votre demande de contact a été envoyée');
  await expect(page.getByRole('main')).not.toContainText(agent);

  // The agent sees who looked, and accepts.
  await signInAs(page, agent, '/mon-espace');
  await settled(page);
  const log = page.getByRole('table', { name: 'Qui a consulté mon profil' });
  await expect(log).toContainText('A consulté votre profil');
  await expect(log).toContainText('Vous a envoyé une demande de contact');
  await expect(log).toContainText('MINARM');
  await expect(log).not.toContainText('MENJ');
  const request = page.locator('.tn-contact-request');
  await expect(request).toContainText(missionTitle);
  await expect(request).toContainText('votre expérience en analyse de données');
  await expectNoAxeViolations(page);
  await request.getByRole('button', { name: /Accepter et communiquer mon adresse/ }).click();
  await expect(page).toHaveURL(/info=demande-acceptee/);
  await expect(page.getByRole('status')).toContainText('Vous avez accepté la demande');
  await expect(request).toContainText(MANAGER);

  // The manager now sees the address, on the profile and in their requests.
  await signInAs(page, MANAGER, '/espace-administration/vivier');
  await settled(page);
  const requests = page.locator('#mes-demandes + .fr-table');
  await expect(requests).toContainText('Ada Lovelace');
  await expect(requests).toContainText(agent);
  await requests.getByRole('link', { name: 'Ada Lovelace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByRole('link', { name: agent })).toBeVisible();
  await settled(page);
});

test('the vivier works without JavaScript', async ({ browser }) => {
  // Axe needs JavaScript in the page: the search page is checked with it in
  // the journey above.
  test.setTimeout(60_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // Signed out: sent to the sign-in page, then back.
  await page.goto('/espace-administration/vivier');
  await expect(page).toHaveURL(/\/connexion\?suite=/);
  await signIn(page, MANAGER, '/espace-administration/vivier', { js: false });
  // A search by skill and level is a plain GET form.
  await page.locator('summary', { hasText: /^Données et IA$/ }).click();
  await page.getByRole('combobox', { name: 'Analyse de données', exact: true }).selectOption({ label: 'Au moins : Notions' });
  await page.getByLabel('Disponibilité minimale').fill('11');
  await page.getByRole('button', { name: 'Rechercher dans le vivier' }).click();
  await expect(page).toHaveURL(/competences%5Banalyse-de-donnees%5D=notions/);
  await expectFieldError(page.getByLabel('Disponibilité minimale'), 'Indiquez un nombre de jours par mois entre 1 et 10.');
  await expect(page.getByRole('combobox', { name: 'Analyse de données', exact: true })).toHaveValue('notions');
  await page.getByLabel('Disponibilité minimale').fill('1');
  await page.getByRole('button', { name: 'Rechercher dans le vivier' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /profils? correspond|Aucun profil/ })).toBeVisible();
  await context.close();
});
