// Journey 4: everything essential works without JavaScript (plain HTML forms).
import { test, expect } from './helpers';
import { applicationCard, applicationForm, expectFieldError, fillApplication, signIn, tick, uniqueEmail, visit } from './support';

test.use({ javaScriptEnabled: false });

// axe-core runs as a page script: it cannot run here (the same pages are
// checked with JavaScript in the other journeys).
const NO_JS = { js: false, axe: false } as const;

test('without JavaScript, searching is a plain GET form', async ({ page }) => {
  await visit(page, '/missions', NO_JS);
  await page.getByRole('searchbox', { name: 'Rechercher une mission' }).fill('donnees');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page).toHaveURL(/\/missions\?q=donnees&/);
  const titles = page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 });
  await expect(titles.filter({ hasText: 'statistique' })).toHaveCount(1);
  await expect(page.getByRole('searchbox', { name: 'Rechercher une mission' })).toHaveValue('donnees');

  await page.getByLabel('Modalité').selectOption('a_distance');
  await page.getByRole('searchbox', { name: 'Rechercher une mission' }).fill('');
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(page).toHaveURL(/modalite=a_distance/);
  await expect(titles.filter({ hasText: 'COVID-19' })).toHaveCount(1);
  await expect(titles.filter({ hasText: 'Focus+' })).toHaveCount(0);
});

test('without JavaScript, an agent signs in and applies', async ({ page }) => {
  const email = uniqueEmail('sansjs');
  const slug = 'focus-plus-accessibilite-documents-administratifs';

  // The protected page redirects to the sign-in page on the server.
  const response = await visit(page, `/missions/${slug}/candidater`, NO_JS);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`/connexion\\?suite=(/|%2F)missions(/|%2F)${slug}(/|%2F)candidater$`));

  // A wrong address is rejected next to the field, the typed value kept.
  await page.getByLabel('Adresse électronique professionnelle').fill('quelquun@gmail.com');
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await expect(page.getByRole('alert')).toContainText('Le formulaire contient une erreur');
  await expectFieldError(page.getByLabel('Adresse électronique professionnelle'), /adresse électronique professionnelle/);
  await expect(page.getByLabel('Adresse électronique professionnelle')).toHaveValue('quelquun@gmail.com');

  await signIn(page, email, `/missions/${slug}/candidater`, NO_JS);
  await expect(page.getByRole('heading', { level: 1, name: 'Je propose mes talents' })).toBeVisible();

  // A bad submission: the server answers with the form, errors and typed values.
  const form = applicationForm(page);
  await form.motivation.fill('court');
  await form.managerName.fill('Camille Martin');
  await tick(form.ack);
  await form.submit.click();
  await expect(page.getByRole('alert')).toContainText('Le formulaire contient 3 erreurs');
  await expectFieldError(form.motivation, 'Votre motivation : au moins 30 caractères (actuellement 5).');
  await expectFieldError(form.availability, 'Renseignez vos disponibilités.');
  await expect(form.motivation).toHaveValue('court');
  await expect(form.managerName).toHaveValue('Camille Martin');
  await expect(form.managerName).not.toHaveAttribute('aria-invalid', 'true');
  await expect.soft(form.ack, 'the ticked acknowledgement is kept too').toBeChecked();

  // A good one lands on "Mon espace".
  await fillApplication(page);
  await form.submit.click();
  await expect(page).toHaveURL(/\/mon-espace\?info=candidature-envoyee$/);
  await expect(page.getByRole('status')).toContainText('Votre candidature a bien été envoyée.');
  const title = await page.getByRole('main').getByRole('heading', { level: 3 }).filter({ hasText: 'Focus+' }).innerText();
  await expect(applicationCard(page, title.trim())).toContainText('Reçue');

  // Withdrawing works too.
  await applicationCard(page, title.trim()).getByRole('button', { name: /Retirer ma candidature/ }).click();
  await expect(page).toHaveURL(/\/mon-espace\?info=candidature-retiree$/);
  await expect(applicationCard(page, title.trim())).toContainText('Retirée');
});
