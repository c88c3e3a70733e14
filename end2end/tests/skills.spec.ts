// The skills list: an agent proposes a skill that is not in the list, a
// moderator merges it into an existing skill, and the agent's profile has it.
import { test, expect, expectNoAxeViolations } from './helpers';
import { expectFieldError, settled, signIn, uniqueEmail } from './support';
import type { Page } from '@playwright/test';

const MODERATOR = 'moderation.demo@numerique.gouv.fr';

// Rejected forms answer 400 (or 404 for a proposal already decided on),
// which the browser logs as an error.
test.use({ allowedConsoleErrors: [/the server responded with a status of (400|404)/] });

async function signInAs(page: Page, email: string, next: string) {
  await page.context().clearCookies();
  await signIn(page, email, next);
}

test('a proposed skill is merged by a moderator into the list', async ({ page }) => {
  test.setTimeout(90_000);
  // A term of its own: the run's database may hold earlier proposals.
  const term = `Langage Zig ${Date.now().toString(36)}`;

  // The agent joins the pool with a skill of the list and one of their own.
  const agent = uniqueEmail('competences');
  await signInAs(page, agent, '/vivier');
  await settled(page, { axe: false });
  await page.getByLabel('Prénom et nom').fill('Grace Hopper');
  await page.getByLabel('Votre administration').fill('Ministère des Armées / DTPM');
  await page.getByLabel('Votre fonction').fill('Architecte');
  await page.locator('summary', { hasText: /^Développement$/ }).click();
  await page.getByRole('combobox', { name: 'Développement web', exact: true }).selectOption({ label: 'Niveau : Expert' });
  await page.getByLabel('Autre compétence (si elle n’est pas dans la liste)').fill(`${term}, UX`);
  await page.getByLabel('Ces autres compétences sont').selectOption({ label: 'À partager, niveau Pratique' });
  await page.getByLabel('Nombre de jours par mois que vous pouvez consacrer').fill('2');
  await page.getByLabel('Votre lieu de travail').fill('Brest');
  await page.getByLabel('Sur site ou à distance ?').selectOption({ label: 'Sur site ou à distance' });
  await page.getByRole('button', { name: 'Rejoindre le vivier' }).click();
  await expect(page).toHaveURL(/\/mon-espace\?info=vivier-rejoint$/);
  const profile = page.getByRole('main').getByRole('definition');
  // "UX" is a synonym: added as the skill, not proposed.
  await expect(profile.filter({ hasText: 'UX / UI design (Pratique)' })).toHaveCount(1);
  await expect(profile.filter({ hasText: `${term} (à partager, niveau Pratique)` })).toHaveCount(1);
  await expect(page.getByText('Compétences proposées, en attente de validation')).toBeVisible();

  // The moderator finds it from the moderation page.
  await signInAs(page, MODERATOR, '/moderation');
  await settled(page, { axe: false });
  await page.getByRole('link', { name: 'Gérer la liste des compétences et les propositions des agents' }).click();
  await expect(page).toHaveURL(/\/moderation\/competences$/);
  await settled(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Liste des compétences' })).toBeVisible();
  const card = page.getByRole('region', { name: `« ${term} »` });
  await expect(card).toContainText('Proposée par 1 profil');

  // Adding it under a name the list already has is refused, next to the field.
  const name = card.getByLabel('Ajouter à la liste sous le nom');
  await expect(name).toHaveValue(term);
  await name.fill('Données');
  await card.getByLabel('Famille').selectOption({ label: 'Données et IA' });
  await card.getByRole('button', { name: `Ajouter à la liste « ${term} »` }).click();
  await expectFieldError(name, /^« Données » existe déjà/);
  await expectNoAxeViolations(page);

  // Merged into an existing skill.
  await card.getByLabel('Fusionner avec une compétence existante').selectOption({ label: 'Développement back-end' });
  await card.getByRole('button', { name: `Fusionner « ${term} »` }).click();
  await expect(page).toHaveURL(/\/moderation\/competences\?info=fusionnee$/);
  await expect(page.getByRole('status')).toContainText('La proposition est fusionnée');
  await expect(page.getByRole('region', { name: `« ${term} »` })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: /^Développement back-end/ })).toContainText(term);
  await expectNoAxeViolations(page);

  // The agent now has the skill, once, as proposed.
  await signInAs(page, agent, '/mon-espace');
  await expect(profile.filter({ hasText: 'Développement back-end (Pratique)' })).toHaveCount(1);
  await expect(page.getByText('Compétences proposées, en attente de validation')).toHaveCount(0);
});
