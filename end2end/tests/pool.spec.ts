// Journey 3: an agent joins the talent pool, edits, pauses, resumes, leaves.
import { test, expect, expectNoAxeViolations } from './helpers';
import { REJECTED_FORM_ERRORS, expectFieldError, settled, signInHere, tick, uniqueEmail, visit } from './support';

test.use({ allowedConsoleErrors: REJECTED_FORM_ERRORS });

test('joining, editing, pausing, resuming and leaving the pool', async ({ page }) => {
  const email = uniqueEmail('vivier');

  // Signed out, the pool page invites to sign in first.
  await visit(page, '/vivier', { axe: false });
  await page.getByRole('link', { name: 'Se connecter pour rejoindre le vivier' }).click();
  await expect(page).toHaveURL(/\/connexion\?suite=(\/|%2F)vivier$/);
  await signInHere(page, email);
  await expect(page).toHaveURL(/\/vivier$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Rejoindre le vivier' })).toBeVisible();
  await expectNoAxeViolations(page);

  const fullName = page.getByLabel('Prénom et nom');
  const administration = page.getByLabel('Votre administration');
  const jobTitle = page.getByLabel('Votre fonction');
  const days = page.getByLabel('Nombre de jours par mois que vous pouvez consacrer');
  const location = page.getByLabel('Votre lieu de travail');
  const remote = page.getByLabel('Sur site ou à distance ?');
  const skills = page.getByRole('group', { name: /Vos compétences/ });
  const join = page.getByRole('button', { name: 'Rejoindre le vivier' });

  // Empty: every required field says what is missing.
  await join.click();
  await expect(page.getByRole('alert')).toContainText('Le formulaire contient 7 erreurs');
  await expectFieldError(fullName, 'Renseignez vos prénom et nom.');
  await expectFieldError(administration, 'Renseignez votre administration.');
  await expectFieldError(jobTitle, 'Renseignez votre fonction.');
  await expectFieldError(days, 'Indiquez un nombre entier de jours par mois, entre 1 et 10.');
  await expectFieldError(location, 'Renseignez votre lieu de travail.');
  await expectFieldError(remote, 'Choisissez une préférence : sur site, à distance, ou les deux.');
  await expect(skills).toContainText('Choisissez au moins une compétence à partager, avec votre niveau.');
  await expectNoAxeViolations(page);

  // Filled.
  await fullName.fill('Ada Lovelace');
  await administration.fill('Ministère de l’Intérieur / DNUM');
  await jobTitle.fill('Développeuse');
  await page.locator('summary', { hasText: /^Développement$/ }).click();
  const webLevel = page.getByRole('combobox', { name: 'Développement web', exact: true });
  await expect(webLevel).toBeVisible();
  await webLevel.selectOption({ label: 'Niveau : Pratique' });
  await days.fill('2');
  await location.fill('Lyon');
  await remote.selectOption({ label: 'Sur site ou à distance' });
  await join.click();

  await expect(page).toHaveURL(/\/mon-espace\?info=vivier-rejoint$/);
  await expect(page.getByRole('status')).toContainText('Bienvenue dans le vivier !');
  const profile = page.getByRole('main').getByRole('definition');
  await expect(profile.filter({ hasText: 'Ada Lovelace' })).toHaveCount(1);
  await expect(profile.filter({ hasText: 'Développement web (Pratique)' })).toHaveCount(1);
  await expect(profile.filter({ hasText: '2 jour(s) par mois' })).toHaveCount(1);
  await expect(profile.filter({ hasText: 'Lyon — Sur site ou à distance' })).toHaveCount(1);
  await expect(page.getByText('Actif', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // Edit: the form comes filled in; a new name is saved.
  await page.getByRole('link', { name: 'Modifier mon profil' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Modifier mon profil du vivier' })).toBeVisible();
  await expect(fullName).toHaveValue('Ada Lovelace');
  await expect(days).toHaveValue('2');
  await page.locator('summary', { hasText: /^Développement$/ }).click();
  await expect(page.getByRole('combobox', { name: 'Développement web', exact: true })).toHaveValue('pratique');
  await expectNoAxeViolations(page);
  await fullName.fill('Ada King');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/\/mon-espace\?info=profil-modifie$/);
  await expect(page.getByRole('status')).toContainText('Votre profil a été mis à jour.');
  await expect(profile.filter({ hasText: 'Ada King' })).toHaveCount(1);
  await expect(profile.filter({ hasText: 'Ada Lovelace' })).toHaveCount(0);

  // The edit survives a full reload.
  await visit(page, '/mon-espace', { axe: false });
  await expect(profile.filter({ hasText: 'Ada King' })).toHaveCount(1);

  // Pause, then resume.
  await page.getByRole('button', { name: 'Mettre mon profil en pause' }).click();
  await expect(page).toHaveURL(/\/mon-espace\?info=profil-en-pause$/);
  await expect(page.getByRole('status')).toContainText('Votre profil est en pause');
  await expect(page.getByText('En pause', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Réactiver mon profil' }).click();
  await expect(page).toHaveURL(/\/mon-espace\?info=profil-reactive$/);
  await expect(page.getByRole('status')).toContainText('Votre profil est de nouveau actif.');
  await expect(page.getByText('Actif', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mettre mon profil en pause' })).toBeVisible();

  // Leaving needs the confirmation box.
  const confirm = page.getByLabel('Je confirme vouloir supprimer mon profil du vivier');
  await page.getByRole('button', { name: 'Quitter le vivier' }).click();
  await expect(page.getByRole('alert')).toContainText('Le formulaire contient une erreur');
  await expectFieldError(confirm, 'Cochez la case pour confirmer la suppression de votre profil.');
  await expect(profile.filter({ hasText: 'Ada King' })).toHaveCount(1);
  await expectNoAxeViolations(page);
  await tick(confirm);
  await page.getByRole('button', { name: 'Quitter le vivier' }).click();
  await expect(page).toHaveURL(/\/mon-espace\?info=vivier-quitte$/);
  await expect(page.getByRole('status')).toContainText('Vous avez quitté le vivier');
  await expect(page.getByText('Vous ne faites pas partie du vivier.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Rejoindre le vivier' })).toBeVisible();

  // The pool page offers to join again.
  await visit(page, '/vivier', { axe: false });
  await expect(page.getByRole('heading', { level: 2, name: 'Rejoindre le vivier' })).toBeVisible();
  await expect(page.getByLabel('Prénom et nom')).toHaveValue('');
});

test('a member visiting the pool page is told they already belong to it', async ({ page }) => {
  const email = uniqueEmail('vivier');
  await visit(page, '/connexion?suite=/vivier', { axe: false });
  await signInHere(page, email);
  await page.getByLabel('Prénom et nom').fill('Grace Hopper');
  await page.getByLabel('Votre administration').fill('Ministère des Armées');
  await page.getByLabel('Votre fonction').fill('Architecte');
  await page.locator('summary', { hasText: 'Données et IA' }).click();
  await page.getByRole('combobox', { name: 'Statistiques (logiciel R ou équivalent)', exact: true }).selectOption('expert');
  await tick(page.getByRole('checkbox', { name: 'Je souhaite la développer : Data science' }));
  await page.getByLabel('Nombre de jours par mois que vous pouvez consacrer').fill('1');
  await page.getByLabel('Votre lieu de travail').fill('Paris 7e');
  await page.getByLabel('Sur site ou à distance ?').selectOption({ label: 'À distance uniquement' });
  await page.getByRole('button', { name: 'Rejoindre le vivier' }).click();
  await expect(page.getByRole('status')).toContainText('Bienvenue dans le vivier !');
  const profile = page.getByRole('main').getByRole('definition');
  await expect(profile.filter({ hasText: 'Statistiques (logiciel R ou équivalent) (Expert)' })).toHaveCount(1);
  await expect(profile.filter({ hasText: 'Data science' })).toHaveCount(1);

  await visit(page, '/vivier');
  await expect(page.getByRole('heading', { level: 2, name: 'Vous faites déjà partie du vivier' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rejoindre le vivier' })).toHaveCount(0);
  await settled(page, { axe: false });
});
