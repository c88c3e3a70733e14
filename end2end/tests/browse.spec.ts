// Journey 1: a visitor browses, searches and filters the missions, signed out.
import { test, expect, expectNoAxeViolations } from './helpers';
import { hydrated, visit } from './support';
import type { Page } from '@playwright/test';

/** The titles of the missions listed on /missions (each card title is an h2 link). */
function missionTitles(page: Page) {
  return page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 });
}

const status = (page: Page) => page.getByRole('main').getByRole('status');

test('the home page presents the service and the latest missions', async ({ page }) => {
  const response = await visit(page, '/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partagez vos talents numériques');
  await expect(page.getByRole('heading', { level: 2, name: 'Dernières missions publiées' })).toBeVisible();
  const latest = page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 3 });
  await expect(latest).toHaveCount(4);
  await expect(latest.filter({ hasText: 'COVID-19' })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Toutes les missions' })).toHaveAttribute('href', '/missions');
});

test('missions can be searched without accents nor case, and filtered by mode', async ({ page }) => {
  await visit(page, '/missions');
  await expect(page.getByRole('heading', { level: 1, name: 'Les missions proposées' })).toBeVisible();
  await expect(status(page)).toHaveText('4 missions');
  await expect(missionTitles(page)).toHaveCount(4);

  const search = page.getByRole('searchbox', { name: 'Rechercher une mission' });
  const submit = page.getByRole('button', { name: 'Rechercher', exact: true });

  // "donnees" (no accent) finds the statistics mission.
  await search.fill('donnees');
  await submit.click();
  await expect(page).toHaveURL(/[?&]q=donnees(&|$)/);
  await hydrated(page);
  await expect(search).toHaveValue('donnees');
  await expect(missionTitles(page).filter({ hasText: 'statistique' })).toHaveCount(1);
  const plain = await missionTitles(page).allInnerTexts();
  expect(plain.length).toBeGreaterThanOrEqual(1);
  expect(plain.length).toBeLessThan(4);
  await expectNoAxeViolations(page);

  // Upper case with accents: the same missions.
  await page.getByRole('searchbox', { name: 'Rechercher une mission' }).fill('DONNÉES');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=DONN(%C3%89|É)ES(&|$)/);
  await hydrated(page);
  await expect(missionTitles(page)).toHaveText(plain);

  // Nonsense: an explicit "nothing found".
  await page.getByRole('searchbox', { name: 'Rechercher une mission' }).fill('zzqxw introuvable');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(status(page)).toHaveText('Aucune mission ne correspond à votre recherche.');
  await expect(missionTitles(page)).toHaveCount(0);
  await hydrated(page);
  await expectNoAxeViolations(page);

  // Filter by mode, from a fresh list.
  await page.getByRole('link', { name: 'Réinitialiser' }).click();
  await expect(page).toHaveURL(/\/missions$/);
  await expect(status(page)).toHaveText('4 missions');
  await expect(page.getByRole('searchbox', { name: 'Rechercher une mission' })).toHaveValue('');
  await page.getByLabel('Modalité').selectOption({ label: 'À distance' });
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(page).toHaveURL(/[?&]modalite=a_distance(&|$)/);
  await hydrated(page);
  const expectRemoteOnly = async () => {
    await expect(missionTitles(page).filter({ hasText: 'COVID-19' })).toHaveCount(1);
    await expect(missionTitles(page).filter({ hasText: 'Focus+' })).toHaveCount(0);
    await expect(page.getByLabel('Modalité')).toHaveValue('a_distance');
  };
  await expectRemoteOnly();
  const remote = await missionTitles(page).allInnerTexts();

  // The URL is the view: reloading shows the same thing.
  await page.reload();
  await hydrated(page);
  await expectRemoteOnly();
  await expect(missionTitles(page)).toHaveText(remote);

  // Opening a mission: its title is the page's h1, with a way to apply.
  const title = remote[0];
  await missionTitles(page).first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page).toHaveURL(/\/missions\/[a-z0-9-]+$/);
  await expect(page.getByRole('link', { name: 'Je propose mes talents' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a mission sheet opened directly has its title as h1', async ({ page }) => {
  const response = await visit(page, '/missions/focus-plus-accessibilite-documents-administratifs', { axe: false });
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Focus+');
  await expect(page).toHaveTitle(/Focus\+.*— Talents numériques/);
  await expect(page.getByRole('link', { name: 'Je propose mes talents' })).toHaveAttribute(
    'href',
    '/missions/focus-plus-accessibilite-documents-administratifs/candidater',
  );
});

test.describe('unknown pages', () => {
  // The browser logs the 404 status of the document itself.
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test('an unknown mission shows "Page introuvable" with a 404 status', async ({ page }) => {
    const response = await visit(page, '/missions/n-existe-pas', { axe: false });
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    await expect(page.getByRole('link', { name: 'Voir les missions' })).toBeVisible();
    await expect(page).toHaveTitle(/Talents numériques/);
    await expectNoAxeViolations(page);
  });

  test('an unknown address shows "Page introuvable" with a 404 status', async ({ page }) => {
    const response = await visit(page, '/cette-page-n-existe-pas', { axe: false });
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    await expect(page).toHaveTitle('Page introuvable — Talents numériques');
    await expectNoAxeViolations(page);
  });
});

const STATIC_PAGES: [string, string | RegExp][] = [
  ['/comment-ca-marche', 'Comment ça marche ?'],
  ['/vivier', 'Le vivier des talents numériques'],
  ['/connexion', 'Se connecter'],
  ['/accessibilite', 'Déclaration d’accessibilité'],
  ['/mentions-legales', 'Mentions légales'],
  ['/donnees-personnelles', 'Données personnelles'],
];

for (const [path, heading] of STATIC_PAGES) {
  test(`${path} has a single h1 and no axe violation`, async ({ page }) => {
    const response = await visit(page, path, { axe: false });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page).toHaveTitle(/— Talents numériques$/);
    await expectNoAxeViolations(page);
  });
}
