// Shared steps of the end-to-end journeys: unique accounts, waiting for
// hydration, signing in through the e-mail outbox, filling the forms.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, expectNoAxeViolations } from './helpers';
import type { Locator, Page } from '@playwright/test';

/** A fresh professional address, so that each test has its own account. */
export function uniqueEmail(prefix = 'agent'): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now()}-${random}@numerique.gouv.fr`;
}

/** Console errors a test may expect when a form is rejected by the server
 * (the browser logs every 4xx answer of a fetch as an error). */
export const REJECTED_FORM_ERRORS = [/the server responded with a status of (400|409)/];

/** Resolves once the WASM has hydrated the page (see app::hydrated). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __talentsHydrated?: boolean }).__talentsHydrated === true);
}

/**
 * `js: false` for a context without JavaScript (no hydration to wait for).
 * `axe`: run axe on the page. Axe costs about 1.5 s a run, so each distinct
 * page (and state: errors shown, lists filled...) is checked once in the
 * suite rather than at every visit; the sign-in steps skip it unless asked.
 */
type VisitOptions = { js?: boolean; axe?: boolean };

/** Opens a page, waits for hydration (when JavaScript runs) and checks it with axe. */
export async function visit(page: Page, url: string, { js = true, axe = true }: VisitOptions = {}) {
  const response = await page.goto(url);
  if (js) await hydrated(page);
  if (axe) await expectNoAxeViolations(page);
  return response;
}

/** After a full page load (a plain form post): hydration, then axe. */
export async function settled(page: Page, { js = true, axe = true }: VisitOptions = {}) {
  await page.waitForLoadState('load');
  if (js) await hydrated(page);
  if (axe) await expectNoAxeViolations(page);
}

/** The sign-in link of the newest message sent to `email` (path and query only). */
export async function signInLinkFor(page: Page, email: string): Promise<string> {
  return linkFor(page, email, LINK);
}

/** The first link matching `pattern` in the newest such message sent to `email` (path and query). */
export async function linkFor(page: Page, email: string, pattern: RegExp): Promise<string> {
  const address = email.toLowerCase();
  const dir = process.env.TALENTS_OUTBOX_DIR;
  let link: string | undefined;
  if (dir) {
    await expect
      .poll(
        async () => {
          link = await newestLinkInOutbox(dir, address, pattern);
          return link;
        },
        { message: `a link in an e-mail to ${address} in ${dir}` },
      )
      .toBeTruthy();
  } else {
    // No direct access to the outbox: read the demo outbox page instead.
    await expect
      .poll(
        async () => {
          const html = await (await page.request.get('/dev/outbox')).text();
          link = newestLinkInOutboxPage(html, address, pattern);
          return link;
        },
        { message: `a link in an e-mail to ${address} in /dev/outbox` },
      )
      .toBeTruthy();
  }
  const url = new URL(link!);
  return url.pathname + url.search;
}

const LINK = /(https?:\/\/[^\s"'<>]+?\/connexion\/lien\?jeton=[A-Za-z0-9_-]+)/;

async function newestLinkInOutbox(dir: string, address: string, pattern: RegExp): Promise<string | undefined> {
  // Files are named by their UTC timestamp: the lexical order is the order of sending.
  const names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort().reverse();
  for (const name of names) {
    const text = await readFile(path.join(dir, name), 'utf8');
    const to = /^To: (.*)$/m.exec(text)?.[1]?.trim().toLowerCase();
    if (to !== address) continue;
    const found = pattern.exec(text)?.[1];
    if (found) return found;
  }
  return undefined;
}

function newestLinkInOutboxPage(html: string, address: string, pattern: RegExp): string | undefined {
  // Newest first; each message is an <li> with "À : address" then its body.
  for (const item of html.split('<li').slice(1)) {
    if (!item.includes(address)) continue;
    const href = pattern.exec(item.replace(/&amp;/g, '&'))?.[1];
    if (href) return href;
  }
  return undefined;
}

/** On the sign-in page: asks for a link and expects "Consultez votre messagerie". */
export async function requestSignInLink(page: Page, email: string, options: VisitOptions = {}) {
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();
  await page.getByLabel('Adresse électronique professionnelle').fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Consultez votre messagerie' })).toBeVisible();
  await expect(page).toHaveURL(/\/connexion\/lien-envoye$/);
  if (options.js ?? true) await hydrated(page);
  if (options.axe) await expectNoAxeViolations(page);
}

/** Opens the e-mailed link and clicks "Me connecter"; the caller checks where it lands. */
export async function followSignInLink(page: Page, email: string, options: VisitOptions = {}) {
  const link = await signInLinkFor(page, email);
  await visit(page, link, { axe: false, ...options });
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion à Talents numériques' })).toBeVisible();
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  await settled(page, { axe: false, ...options });
}

/**
 * Signs in from wherever the page stands on the sign-in form (after a
 * redirect to /connexion?suite=...), then lands where the user was heading.
 */
export async function signInHere(page: Page, email: string, options: VisitOptions = {}) {
  await requestSignInLink(page, email, options);
  await followSignInLink(page, email, options);
}

/** Signs in a new agent from /connexion?suite=<next> and lands on <next>. */
export async function signIn(page: Page, email: string, next = '/mon-espace', options: VisitOptions = {}) {
  await visit(page, `/connexion?suite=${next}`, { axe: false, ...options });
  await signInHere(page, email, options);
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(next)}$`));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A valid motivation (at least 30 characters). */
export const MOTIVATION = 'Je souhaite contribuer à cette mission qui me tient à cœur depuis longtemps.';

export type ApplicationValues = {
  motivation?: string;
  availability?: string;
  managerName?: string;
  managerEmail?: string;
  ack?: boolean;
};

/** The fields of the application form ("Je propose mes talents"). */
export function applicationForm(page: Page) {
  return {
    motivation: page.getByLabel('Votre motivation'),
    availability: page.getByLabel('Vos disponibilités'),
    skills: page.getByLabel('Les compétences que vous apportez'),
    managerName: page.getByLabel('Prénom et nom'),
    managerEmail: page.getByLabel('Adresse électronique'),
    ack: page.getByLabel('J’ai compris que l’accord de mon supérieur hiérarchique est nécessaire'),
    submit: page.getByRole('button', { name: 'Envoyer ma candidature' }),
  };
}

export async function fillApplication(page: Page, values: ApplicationValues = {}) {
  const form = applicationForm(page);
  const v = {
    motivation: MOTIVATION,
    availability: 'Deux jours par mois, de janvier à mars',
    managerName: 'Camille Martin',
    managerEmail: 'camille.martin@numerique.gouv.fr',
    ack: true,
    ...values,
  };
  await form.motivation.fill(v.motivation);
  await form.availability.fill(v.availability);
  await form.managerName.fill(v.managerName);
  await form.managerEmail.fill(v.managerEmail);
  await tick(form.ack, v.ack);
}

/** The card of one application in "Mon espace". */
export function applicationCard(page: Page, missionTitle: string): Locator {
  return page
    .getByRole('main')
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name: missionTitle, exact: true }) });
}

/**
 * The field is marked invalid and its accessible description (its
 * aria-describedby messages) starts with `message`. The DSFR appends a
 * visually hidden separator (". ") after the last message, hence "starts with".
 */
export async function expectFieldError(field: Locator, message: string | RegExp) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const expected = typeof message === 'string' ? new RegExp(`^${escapeRegExp(message)}`) : message;
  await expect(field).toHaveAccessibleDescription(expected);
}

/**
 * Ticks or unticks a DSFR checkbox. Its label is drawn over the real input,
 * so the click lands on the label, as a user's would.
 */
export async function tick(checkbox: Locator, checked = true) {
  await checkbox.setChecked(checked, { force: true });
}
