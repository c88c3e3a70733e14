// Journey 2: an agent applies to a mission ("Je propose mes talents").
import { test, expect, expectNoAxeViolations } from './helpers';
import {
  REJECTED_FORM_ERRORS,
  applicationCard,
  applicationForm,
  expectFieldError,
  fillApplication,
  hydrated,
  signIn,
  signInHere,
  uniqueEmail,
  visit,
} from './support';

// Rejected submissions answer 400/409, which the browser logs as errors.
test.use({ allowedConsoleErrors: REJECTED_FORM_ERRORS });

test('signed out, applying goes through sign-in, then the form checks every field', async ({ page }) => {
  const email = uniqueEmail();
  await visit(page, '/missions', { axe: false });
  const card = page
    .getByRole('main')
    .getByRole('listitem')
    .getByRole('heading', { level: 2 })
    .filter({ hasText: 'statistique' });
  await card.getByRole('link').click();
  const title = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  expect(title).toContain('statistique');
  const sheetPath = new URL(page.url()).pathname;

  // Signed out: "Je propose mes talents" leads to the sign-in page...
  await page.getByRole('link', { name: 'Je propose mes talents' }).click();
  await expect(page).toHaveURL(new RegExp(`/connexion\\?suite=(/|%2F)missions(/|%2F)[a-z0-9-]+(/|%2F)candidater$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();

  // ... and the e-mailed link brings the agent back to the form (axe checks
  // "Consultez votre messagerie", the link's page and the form).
  await signInHere(page, email, { axe: true });
  await expect(page).toHaveURL(`${sheetPath}/candidater`);
  await expect(page.getByRole('heading', { level: 1, name: 'Je propose mes talents' })).toBeVisible();
  await expect(page.getByText(title, { exact: true })).toBeVisible();

  // Empty: a summary of the errors and a message next to each field.
  const form = applicationForm(page);
  await form.submit.click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Le formulaire contient 5 erreurs');
  await expect(summary.getByRole('link', { name: 'Renseignez votre motivation.' })).toHaveAttribute('href', '#champ-motivation');
  await expectFieldError(form.motivation, 'Renseignez votre motivation.');
  await expectFieldError(form.availability, 'Renseignez vos disponibilités.');
  await expectFieldError(form.managerName, 'Renseignez le nom de votre supérieur hiérarchique.');
  await expectFieldError(form.managerEmail, 'Renseignez l’adresse électronique de votre supérieur hiérarchique.');
  await expectFieldError(form.ack, /Cochez la case pour confirmer/);
  await expect(form.skills).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  // Some fields only: what was typed stays, only the rest is flagged.
  await form.motivation.fill('Trop court');
  await form.availability.fill('Le vendredi');
  await form.managerEmail.fill('pas-une-adresse');
  await form.submit.click();
  await expectFieldError(form.motivation, 'Votre motivation : au moins 30 caractères (actuellement 10).');
  await expectFieldError(form.managerEmail, /n’est pas valide/);
  await expect(form.availability).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.availability).toHaveAccessibleDescription('');
  await expect(summary).toContainText('Le formulaire contient 4 erreurs');
  await expect(form.motivation).toHaveValue('Trop court');
  await expect(form.availability).toHaveValue('Le vendredi');
  await expect(form.managerEmail).toHaveValue('pas-une-adresse');

  // Correct: sent, and visible in "Mon espace".
  await fillApplication(page);
  await form.submit.click();
  await expect(page).toHaveURL(/\/mon-espace\?info=candidature-envoyee$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Votre candidature a bien été envoyée.');
  const item = applicationCard(page, title);
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Reçue');
  await expect(page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(page);

  // A second application to the same mission is refused.
  await visit(page, `${sheetPath}/candidater`, { axe: false });
  await fillApplication(page);
  await form.submit.click();
  await expect(page.getByRole('alert')).toContainText('déjà proposé vos talents');
  await expect(page).toHaveURL(`${sheetPath}/candidater`);

  // Withdrawing.
  await visit(page, '/mon-espace', { axe: false });
  await expect(applicationCard(page, title)).toContainText('Reçue');
  await applicationCard(page, title).getByRole('button', { name: /Retirer ma candidature/ }).click();
  await expect(page).toHaveURL(/\/mon-espace\?info=candidature-retiree$/);
  await expect(page.getByRole('status')).toContainText('Votre candidature a été retirée.');
  await expect(applicationCard(page, title)).toContainText('Retirée');
  await expect(applicationCard(page, title).getByRole('button', { name: /Retirer ma candidature/ })).toHaveCount(0);
});

test('the form cannot be sent twice while the first submission is pending', async ({ page }) => {
  const email = uniqueEmail();
  const slug = 'covid-19-veille-scientifique';
  await signIn(page, email, `/missions/${slug}/candidater`);
  await hydrated(page);
  const form = applicationForm(page);
  await fillApplication(page);

  // Hold the first request until the button has been checked.
  let submissions = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
  await page.route('**/api/submit_application', async (route) => {
    submissions += 1;
    arrived();
    await released;
    await route.continue();
  });

  await form.submit.click();
  await firstArrived;
  await expect(form.submit).toBeDisabled();
  // A second click and an Enter in a field change nothing while it is pending.
  await form.submit.click({ force: true });
  await form.availability.press('Enter');
  release();

  await expect(page).toHaveURL(/\/mon-espace\?info=candidature-envoyee$/);
  await expect(page.getByRole('status')).toContainText('Votre candidature a bien été envoyée.');
  expect(submissions).toBe(1);
  await page.unroute('**/api/submit_application');
  await visit(page, '/mon-espace', { axe: false });
  const cards = page.getByRole('main').getByRole('listitem').filter({ hasText: 'COVID-19' });
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText('Reçue');
});

test('a quick double click creates a single application', async ({ page }) => {
  const email = uniqueEmail();
  const slug = 'design-clause-sociale-formation-decrochage-scolaire';
  await signIn(page, email, `/missions/${slug}/candidater`);
  await fillApplication(page);
  let submissions = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/submit_application')) submissions += 1;
  });
  await applicationForm(page).submit.dblclick();
  await expect(page).toHaveURL(/\/mon-espace\?info=candidature-envoyee$/);
  expect(submissions, 'the second click sends nothing').toBe(1);
  await visit(page, '/mon-espace', { axe: false });
  const cards = page.getByRole('main').getByRole('listitem').filter({ hasText: 'Clause sociale' });
  await expect(cards).toHaveCount(1);
  await expect(page.getByRole('main').getByRole('button', { name: /Retirer ma candidature/ })).toHaveCount(1);
});
