// E-mail alerts: an agent saves searches in "Mon espace" and from /missions,
// a mission published afterwards comes in a digest e-mail, and its
// unsubscribe link works signed out.
//
// The digest is sent by a real run of the job: `talents alerts run-now` on
// the server's database (scripts/test.sh exports TALENTS_BIN and
// TALENTS_E2E_DATABASE_URL).
import { execFileSync } from 'node:child_process';
import { test, expect, expectNoAxeViolations } from './helpers';
import { expectFieldError, linkFor, settled, signIn, uniqueEmail, visit } from './support';
import type { Browser, Page } from '@playwright/test';

// Rejected forms (400), and the page of a used unsubscribe link (404).
test.use({ allowedConsoleErrors: [/the server responded with a status of (400|404|409)/] });

const MANAGER = 'responsable.demo@numerique.gouv.fr';
const MODERATOR = 'moderation.demo@numerique.gouv.fr';
const UNSUBSCRIBE = /(https?:\/\/[^\s"'<>]+?\/alertes\/desabonnement\?jeton=[A-Za-z0-9_-]+)/;

async function personAt(browser: Browser, email: string, next: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  const page = await context.newPage();
  await signIn(page, email, next);
  return page;
}

async function api(page: Page, name: string, form: Record<string, string> = {}) {
  const res = await page.request.post(`/api/${name}`, { form, headers: { Accept: 'application/json' } });
  expect(res.status(), `${name}: ${await res.text()}`).toBe(200);
  return res.json();
}

/**
 * A manager writes a mission about data on site, a moderator publishes it.
 * Returns a function that closes it (the other journeys count the public
 * missions).
 */
async function publishMission(browser: Browser, title: string): Promise<() => Promise<void>> {
  const manager = await personAt(browser, MANAGER, '/espace-administration');
  await api(manager, 'create_mission');
  const space = await api(manager, 'admin_space');
  const id = Math.max(
    ...space.missions.filter((m: { status: string }) => m.status === 'brouillon').map((m: { id: number }) => m.id),
  );
  await api(manager, 'save_mission', {
    id: String(id),
    version: '1',
    intent: 'soumettre',
    title,
    service: 'Direction interministérielle du numérique',
    nature: 'appui_projet',
    'skills[analyse-de-donnees]': 'on',
    description: 'Nous cherchons un appui pour construire un tableau de bord des données de l’emploi public.',
    effort_text: '2 jours par mois pendant 3 mois',
    location: 'Paris 7e',
    mode: 'sur_site',
    places: '1',
  });
  const moderator = await personAt(browser, MODERATOR, '/moderation');
  const queue = await api(moderator, 'moderation_queue');
  const item = queue.submitted.find((m: { id: number }) => m.id === id);
  await api(moderator, 'moderate_mission', { id: String(id), action: 'publier', version: String(item.version) });
  await moderator.context().close();
  return async () => {
    await api(manager, 'close_mission', { id: String(id), action: 'fermer', comment: '' });
    await manager.context().close();
  };
}

/** One run of the digest job, as an operator would start it. */
function runDigests() {
  const bin = process.env.TALENTS_BIN;
  const database = process.env.TALENTS_E2E_DATABASE_URL;
  if (!bin || !database) throw new Error('TALENTS_BIN and TALENTS_E2E_DATABASE_URL are set by scripts/test.sh');
  execFileSync(bin, ['alerts', 'run-now'], {
    env: { ...process.env, DATABASE_URL: database, TALENTS_PUBLIC_URL: test.info().project.use.baseURL },
  });
}

test('an agent gets new missions of a saved search by e-mail and unsubscribes signed out', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('alertes');
  await signIn(page, email, '/mon-espace');
  await expect(page.getByRole('heading', { level: 2, name: 'Mes alertes' })).toBeVisible();
  await expect(page.getByText('Vous n’avez aucune alerte.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Without a frequency: the message is next to the field, the words stay.
  const words = page.getByLabel('Mots-clés');
  const frequency = page.getByLabel('Fréquence des envois');
  const create = page.getByRole('button', { name: 'Créer l’alerte' });
  await words.fill('tableau de bord données');
  await create.click();
  await expect(page.getByRole('alert')).toContainText('Le formulaire contient une erreur');
  await expectFieldError(frequency, 'Choisissez la fréquence des envois : chaque jour ou chaque semaine.');
  await expect(words).toHaveValue('tableau de bord données');
  await expectNoAxeViolations(page);

  await frequency.selectOption({ label: 'Chaque jour (vers 7 h)' });
  await create.click();
  await expect(page).toHaveURL(/\/mon-espace\?info=alerte-creee$/);
  await expect(page.getByRole('status')).toContainText('Votre alerte est créée');
  const alerts = page.getByRole('main').getByRole('listitem');
  await expect(alerts.filter({ hasText: '« tableau de bord données »' })).toHaveCount(1);
  await expect(alerts.filter({ hasText: 'Chaque jour (vers 7 h)' })).toHaveCount(1);

  // From a search of /missions: the filters come along.
  await visit(page, '/missions?modalite=a_distance', { axe: false });
  const offer = page.getByRole('heading', { level: 2, name: 'Recevoir les nouvelles missions de cette recherche par e-mail' });
  await expect(offer).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Fréquence des envois').selectOption({ label: 'Chaque semaine (le lundi vers 7 h)' });
  await page.getByRole('button', { name: 'Créer une alerte sur cette recherche' }).click();
  await expect(page).toHaveURL(/\/mon-espace\?info=alerte-creee$/);
  await expect(alerts.filter({ hasText: 'Chaque semaine (le lundi vers 7 h)' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^Supprimer l’alerte/ })).toHaveCount(2);
  await expectNoAxeViolations(page);

  // A mission published now matches the first alert only (it is on site).
  const title = `Tableau de bord des données ${Date.now()}`;
  const close = await publishMission(browser, title);
  runDigests();
  await close();
  const link = await linkFor(page, email, UNSUBSCRIBE);

  // Signed out, the link asks for one click.
  await visit(page, '/deconnexion', { axe: false });
  await page.getByRole('button', { name: 'Me déconnecter' }).click();
  await settled(page, { axe: false });
  await visit(page, link);
  await expect(page.getByRole('heading', { level: 1, name: 'Se désabonner d’une alerte' })).toBeVisible();
  await expect(page.getByText('« tableau de bord données »')).toBeVisible();
  await page.getByRole('button', { name: 'Me désabonner' }).click();
  await expect(page).toHaveURL(/\/alertes\/desabonnement\?info=desabonne$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Vous êtes désabonné' })).toBeVisible();
  await settled(page);

  // Used: a clear page, not an error of ours.
  const again = await visit(page, link, { axe: false });
  expect(again?.status()).toBe(404);
  await expect(page.getByText('Ce lien de désabonnement ne correspond à aucune alerte')).toBeVisible();

  // The other alert is still there; deleting it from Mon espace.
  await signIn(page, email, '/mon-espace');
  await expect(page.getByRole('button', { name: /^Supprimer l’alerte/ })).toHaveCount(1);
  await page.getByRole('button', { name: /^Supprimer l’alerte/ }).click();
  await expect(page).toHaveURL(/\/mon-espace\?info=alerte-supprimee$/);
  await expect(page.getByText('Vous n’avez aucune alerte.')).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  const NO_JS = { js: false, axe: false } as const;

  test('an alert is created with a plain form, errors next to the fields', async ({ page }) => {
    const email = uniqueEmail('alertes-sansjs');
    await signIn(page, email, '/mon-espace', NO_JS);
    await page.getByLabel('Mots-clés').fill('accessibilité');
    await page.getByRole('button', { name: 'Créer l’alerte' }).click();
    await expectFieldError(page.getByLabel('Fréquence des envois'), 'Choisissez la fréquence des envois : chaque jour ou chaque semaine.');
    await expect(page.getByLabel('Mots-clés')).toHaveValue('accessibilité');
    await page.getByLabel('Fréquence des envois').selectOption('hebdomadaire');
    await page.getByRole('button', { name: 'Créer l’alerte' }).click();
    await expect(page).toHaveURL(/\/mon-espace\?info=alerte-creee$/);
    await expect(page.getByRole('main').getByRole('listitem').filter({ hasText: '« accessibilité »' })).toHaveCount(1);
  });
});
