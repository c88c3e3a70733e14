// Live co-editing: two people edit one mission sheet at the same time, in
// two browser contexts. Each sees the other (name and field); a change saved
// by one reaches the other's form without erasing what they are typing;
// two different values for one field are shown side by side for a choice;
// everything persists.
//
// SECOND_BASE_URL, when set, connects the second person to another instance
// of the service over the same PostgreSQL (scripts/test.sh runs this file
// once more that way).
import { test, expect } from './helpers';
import { settled, signIn, uniqueEmail } from './support';
import type { Browser, Page } from '@playwright/test';

const MANAGER = 'responsable.demo@numerique.gouv.fr';
const MANAGER_NAME = 'Responsable de démonstration (DINUM)';
const SECOND_BASE_URL = process.env.SECOND_BASE_URL;

// Going offline makes the browser log the requests that could not leave.
test.use({
  allowedConsoleErrors: [/ERR_INTERNET_DISCONNECTED|Failed to fetch|the server responded with a status of (400|409)/],
});

async function secondPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    baseURL: SECOND_BASE_URL || test.info().project.use.baseURL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  return context.newPage();
}

function presence(page: Page) {
  return page.locator('.tn-live');
}

test('two editors of one sheet see each other and each other’s changes, and choose when both change one field', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // The manager writes a draft and invites a colleague.
  await signIn(page, MANAGER, '/espace-administration');
  await page.getByRole('button', { name: 'Proposer une mission' }).click();
  await page.waitForURL(/\/espace-administration\/missions\/\d+\/modifier$/);
  await settled(page, { axe: false });
  const editor = new URL(page.url()).pathname;
  await page.getByLabel('Titre de la mission').fill('Cartographier les données ouvertes');
  await expect(page.getByRole('status').filter({ hasText: /Enregistré à \d\d:\d\d/ })).toBeVisible();
  const colleague = uniqueEmail('collegue');
  await page.getByLabel('Inviter un ou une collègue comme co-responsable').fill(colleague);
  await page.getByRole('button', { name: 'Inviter', exact: true }).click();
  await expect(page.getByText('Votre collègue est ajouté aux responsables')).toBeVisible();
  await settled(page, { axe: false });
  await expect(presence(page)).toContainText('Personne d’autre n’a cette fiche ouverte.');

  // The colleague opens the same sheet: each sees the other, by name.
  const other = await secondPerson(browser);
  await signIn(other, colleague, editor);
  await expect(presence(page)).toContainText(colleague);
  await expect(presence(other)).toContainText(MANAGER_NAME);

  // …and the field each one is in.
  await other.getByLabel(/^Lieu/).focus();
  await expect(presence(page)).toContainText(`${colleague} — dans « Lieu »`);

  // The manager is typing in one field while the colleague's change to
  // another arrives: it appears, and what the manager typed stays.
  await page.getByLabel(/^Effort et rythme/).pressSequentially('Deux jours', { delay: 20 });
  await other.getByLabel(/^Lieu/).fill('Bordeaux');
  await expect(page.getByLabel(/^Lieu/)).toHaveValue('Bordeaux', { timeout: 10_000 });
  await expect(page.getByLabel(/^Effort et rythme/)).toHaveValue('Deux jours');
  await expect(page.getByRole('status').filter({ hasText: `${colleague} a modifié : Lieu` })).toBeVisible();
  // And the manager's field reaches the colleague in turn.
  await expect(other.getByLabel(/^Effort et rythme/)).toHaveValue('Deux jours', { timeout: 10_000 });
  await expect(other.locator('.tn-preview')).toContainText('Bordeaux');

  // The same field changed on both sides (the colleague offline meanwhile):
  // the colleague is shown both versions and chooses; nothing is lost.
  await other.context().setOffline(true);
  await expect(presence(other)).toContainText('Suivi en direct interrompu');
  await other.getByLabel('Titre de la mission').fill('Cartographier les données publiques');
  await expect(other.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();
  await page.getByLabel('Titre de la mission').fill('Cartographier nos données');
  await expect(page.getByRole('status').filter({ hasText: /Enregistré à \d\d:\d\d/ })).toBeVisible();
  await other.context().setOffline(false);
  const conflict = other.locator('.tn-conflict');
  await expect(conflict).toContainText(`« Titre » : ${MANAGER_NAME} a enregistré une autre version`, { timeout: 20_000 });
  await expect(conflict).toContainText('Cartographier nos données');
  await expect(conflict).toContainText('Cartographier les données publiques');
  await expect(other.getByLabel('Titre de la mission')).toHaveValue('Cartographier les données publiques');
  await expect(presence(other)).toContainText(MANAGER_NAME);
  await settled(other); // axe, with the presence list and the choice shown
  await other.getByRole('button', { name: 'Garder ma version : Titre' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByLabel('Titre de la mission')).toHaveValue('Cartographier les données publiques', { timeout: 10_000 });

  // Everything persists for both.
  for (const p of [page, other]) {
    await p.reload();
    await settled(p, { axe: false });
    await expect(p.getByLabel('Titre de la mission')).toHaveValue('Cartographier les données publiques');
    await expect(p.getByLabel(/^Lieu/)).toHaveValue('Bordeaux');
    await expect(p.getByLabel(/^Effort et rythme/)).toHaveValue('Deux jours');
  }

  // Leaving the sheet: the other one sees it at once.
  await other.goto('/espace-administration');
  await expect(presence(page)).toContainText('Personne d’autre n’a cette fiche ouverte.');
  await other.context().close();
});
