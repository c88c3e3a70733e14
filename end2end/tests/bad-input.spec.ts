// Journey 5: hostile or unusual input never breaks a page and is shown as text.
import { test, expect, expectNoAxeViolations } from './helpers';
import {
  REJECTED_FORM_ERRORS,
  applicationCard,
  applicationForm,
  expectFieldError,
  fillApplication,
  hydrated,
  signIn,
  uniqueEmail,
  visit,
} from './support';
import type { Page } from '@playwright/test';

test.use({ allowedConsoleErrors: REJECTED_FORM_ERRORS });

const SCRIPT = '<script>alert(1)</script>';
const LONG = 'a'.repeat(10_000);
const EMOJI_RTL = '🚀👩🏽‍💻 مرحبا بالعالم שלום 🇫🇷';

/**
 * Watches for what must never happen: a script injected by the input that
 * runs (an alert dialog) or a server failure (5xx). Checked after the test.
 */
test.beforeEach(async ({ page }) => {
  const incidents: string[] = [];
  page.on('dialog', async (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('response', (response) => {
    if (response.status() >= 500) incidents.push(`${response.status()} ${response.url().slice(0, 120)}`);
  });
  watched.set(page, incidents);
});

test.afterEach(async ({ page }) => {
  expect(watched.get(page), 'no injected script ran, no server error').toEqual([]);
});

const watched = new WeakMap<Page, string[]>();

/** The page is the normal page, not an error page. */
async function expectNormalPage(page: Page, h1: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1);
  await expect(page.getByText('Cette page ne peut pas s’afficher')).toHaveCount(0);
  await expect(page.getByText('Une erreur technique est survenue')).toHaveCount(0);
}

test('hostile search queries show a normal result page', async ({ page }) => {
  await visit(page, '/missions', { axe: false });
  for (const query of [SCRIPT, LONG, EMOJI_RTL, '', '   ', '%', "' OR 1=1 --", '\\u0000']) {
    const search = page.getByRole('searchbox', { name: 'Rechercher une mission' });
    await search.fill(query);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === query);
    await hydrated(page);
    await expectNormalPage(page, 'Les missions proposées');
    await expect(page.getByRole('main').getByRole('status')).toHaveText(/^(\d+ missions?|Aucune mission ne correspond à votre recherche\.)$/);
    // The query comes back in the box, as text (cut to 200 characters at most).
    if (query.trim() !== '' && query !== LONG) {
      await expect(page.getByRole('searchbox', { name: 'Rechercher une mission' })).toHaveValue(query);
    }
  }
  await expectNoAxeViolations(page);
});

test('hostile query strings in the URL show a normal result page', async ({ page }) => {
  for (const query of [
    `q=${encodeURIComponent(SCRIPT)}`,
    `q=${encodeURIComponent(EMOJI_RTL)}&modalite=nulle-part&page=-3`,
    'page=abc&competence=%00&administration=%E9',
    `q=${'%F0%9F%98%80'.repeat(500)}`,
  ]) {
    const response = await visit(page, `/missions?${query}`, { axe: false });
    expect(response?.status(), query.slice(0, 60)).toBe(200);
    await expectNormalPage(page, 'Les missions proposées');
  }
});

test('hostile application input is refused or kept as plain text', async ({ page }) => {
  const slug = 'parcours-professionnels-filiere-numerique';
  await signIn(page, uniqueEmail('hostile'), `/missions/${slug}/candidater`);
  const form = applicationForm(page);

  // Too short, once cleaned: refused, and echoed back as text.
  await fillApplication(page, { motivation: SCRIPT, managerName: SCRIPT, managerEmail: SCRIPT });
  await form.submit.click();
  await expectFieldError(form.motivation, /au moins 30 caractères/);
  await expectFieldError(form.managerEmail, /n’est pas valide/);
  await expect(form.motivation).toHaveValue(SCRIPT);
  await expectNormalPage(page, 'Je propose mes talents');
  await expect(page.locator('main script')).toHaveCount(0);

  // Far too long: refused with the count, nothing lost.
  await form.motivation.fill(LONG);
  await form.submit.click();
  await expectFieldError(form.motivation, 'Votre motivation : 5000 caractères au maximum (actuellement 10000).');
  await expect(form.motivation).toHaveValue(LONG);

  // Empty everything, including whitespace only.
  await fillApplication(page, { motivation: '   \n  ', availability: ' ', managerName: '', managerEmail: '', ack: false });
  await form.submit.click();
  await expectFieldError(form.motivation, 'Renseignez votre motivation.');
  await expectFieldError(form.availability, 'Renseignez vos disponibilités.');
  await expectNormalPage(page, 'Je propose mes talents');
  await expectNoAxeViolations(page);

  // Emoji and right-to-left text are accepted as they are.
  const motivation = `${EMOJI_RTL} — je veux aider cette mission, vraiment.`;
  await fillApplication(page, { motivation, availability: EMOJI_RTL, managerName: 'Zoë Ŀłøyd-مرحبا' });
  await form.submit.click();
  await expect(page).toHaveURL(/\/mon-espace\?info=candidature-envoyee$/);
  await expectNormalPage(page, 'Mon espace');
});

test('markup typed in a motivation is shown literally in "Mon espace"', async ({ page }) => {
  const slug = 'covid-19-veille-scientifique';
  await signIn(page, uniqueEmail('balises'), `/missions/${slug}/candidater`);
  const motivation = 'Je suis <b>gras</b> et <img src=x onerror=alert(2)> très motivé pour cette mission.';
  await fillApplication(page, { motivation });
  await applicationForm(page).submit.click();
  await expect(page).toHaveURL(/\/mon-espace\?info=candidature-envoyee$/);

  // Rendered on the server too, not only after hydration.
  await visit(page, '/mon-espace', { axe: false });
  const title = (await page.getByRole('main').getByRole('heading', { level: 3 }).filter({ hasText: 'COVID-19' }).innerText()).trim();
  const card = applicationCard(page, title);
  await expect(card).toHaveCount(1);
  await expect(card.locator('b, img')).toHaveCount(0);
  await expect(page.getByRole('main').locator('b, img')).toHaveCount(0);
  // The agent sees what they sent, as typed.
  await expect(card).toContainText('<b>gras</b>');
});

test('a personal address is refused at sign-in, next to the field', async ({ page }) => {
  await visit(page, '/connexion', { axe: false });
  const field = page.getByLabel('Adresse électronique professionnelle');
  await field.fill('someone@gmail.com');
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await expect(page.getByRole('alert')).toContainText('Le formulaire contient une erreur');
  await expectFieldError(field, /Utilisez votre adresse électronique professionnelle/);
  await expect(field).toHaveValue('someone@gmail.com');
  await expect(page).toHaveURL(/\/connexion$/);
  await expectNoAxeViolations(page);

  // Neither an address nor nothing at all is sent either.
  for (const [value, message] of [
    ['pas une adresse', /n’est pas valide/],
    ['', 'Renseignez votre adresse électronique professionnelle.'],
    [SCRIPT, /n’est pas valide/],
  ] as const) {
    await field.fill(value);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await expectFieldError(field, message);
    await expect(page).toHaveURL(/\/connexion$/);
  }
});
