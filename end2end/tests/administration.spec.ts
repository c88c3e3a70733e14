// The administrations' journey: a manager proposes a mission, the moderator
// asks for a change, the manager fixes it, the moderator publishes it; an
// agent applies; the line manager agrees through the e-mailed link; the
// manager selects the agent, who sees it in "Mon espace".
import { test, expect } from './helpers';
import {
  REJECTED_FORM_ERRORS,
  expectFieldError,
  fillApplication,
  applicationForm,
  linkFor,
  settled,
  signIn,
  tick,
  uniqueEmail,
  visit,
} from './support';
import type { Page } from '@playwright/test';

const MANAGER = 'responsable.demo@numerique.gouv.fr';
const MODERATOR = 'moderation.demo@numerique.gouv.fr';
const ACCORD = /(https?:\/\/[^\s"'<>]+?\/accord\?jeton=[A-Za-z0-9_-]+)/;

// Rejected forms (missing fields, missing comment) answer 400, which the
// browser logs as an error.
test.use({ allowedConsoleErrors: REJECTED_FORM_ERRORS });

async function signInAs(page: Page, email: string, next: string) {
  await page.context().clearCookies();
  await signIn(page, email, next);
}

test('a mission goes from a draft to a selected agent', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const title = `Refonte du parcours usager ${Date.now()}`;

  // The manager proposes a mission and autosave keeps what is typed.
  await signInAs(page, MANAGER, '/espace-administration');
  await settled(page);
  await page.getByRole('button', { name: 'Proposer une mission' }).click();
  await page.waitForURL(/\/espace-administration\/missions\/\d+\/modifier$/);
  await settled(page);
  const editorUrl = page.url();
  await page.getByLabel('Titre de la mission').fill(title);
  await expect(page.getByRole('status').filter({ hasText: /Enregistré à \d\d:\d\d/ })).toBeVisible();
  await expect(page.locator('.tn-preview h1')).toHaveText(title);
  await page.reload();
  await settled(page, { axe: false });
  await expect(page.getByLabel('Titre de la mission')).toHaveValue(title);

  // Submitting an incomplete sheet names each missing field.
  await page.getByRole('button', { name: 'Enregistrer et soumettre à la modération' }).click();
  await expectFieldError(page.getByLabel('Contexte et description'), /^Renseignez le contexte/);
  await expect(page.getByLabel('Titre de la mission')).toHaveValue(title);
  await expect(page.getByRole('alert')).toBeVisible();
  await settled(page);

  await page.getByLabel('Service qui accueille').fill('Direction interministérielle du numérique');
  await page.getByLabel('Nature de la mission').selectOption('appui_projet');
  await tick(page.getByLabel('UX / UI design'));
  await page
    .getByLabel('Contexte et description')
    .fill('Nous cherchons un appui pour **repenser** le parcours des usagers, avec des tests auprès d’eux.');
  await page.getByLabel('Effort et rythme').fill('2 jours par mois pendant 3 mois');
  await page.getByLabel(/^Lieu/).fill('Paris 7e');
  await page.getByLabel('Modalité').selectOption('hybride');
  await page.getByLabel('Nombre de places').fill('1');
  await page.getByRole('button', { name: 'Enregistrer et soumettre à la modération' }).click();
  await expect(page.getByText('La fiche est soumise à la modération')).toBeVisible();
  await settled(page);

  // The moderator asks for a change; the comment is required.
  await signInAs(page, MODERATOR, '/moderation');
  await settled(page);
  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) });
  await card.getByRole('button', { name: 'Demander des modifications' }).click();
  await expectFieldError(card.getByLabel('Commentaire pour les responsables'), /^Expliquez ce qui doit changer/);
  await settled(page);
  await card.getByLabel('Commentaire pour les responsables').fill('Précisez l’adresse du lieu.');
  await card.getByRole('button', { name: 'Demander des modifications' }).click();
  await expect(page.getByText('La demande de modifications est envoyée')).toBeVisible();

  // The manager fixes it and submits again.
  await signInAs(page, MANAGER, '/espace-administration');
  await visit(page, new URL(editorUrl).pathname);
  await expect(page.getByText('Précisez l’adresse du lieu.').first()).toBeVisible();
  await page.getByLabel(/^Lieu/).fill('Paris 7e, avenue de Ségur');
  await page.getByRole('button', { name: 'Enregistrer et soumettre à la modération' }).click();
  await expect(page.getByText('La fiche est soumise à la modération')).toBeVisible();

  // The moderator sees what changed and publishes.
  await signInAs(page, MODERATOR, '/moderation');
  await settled(page);
  const again = page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) });
  await expect(again.getByRole('row', { name: /Lieu/ })).toContainText('Paris 7e, avenue de Ségur');
  await again.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByText('La mission est publiée')).toBeVisible();

  // An agent applies.
  const agent = uniqueEmail('candidat');
  const lineManager = uniqueEmail('superieur');
  await signInAs(page, agent, '/mon-espace');
  await visit(page, `/missions?q=${encodeURIComponent(title)}`, { axe: false });
  await page.getByRole('link', { name: title }).click();
  await settled(page, { axe: false });
  await page.getByRole('link', { name: 'Je propose mes talents' }).click();
  await settled(page, { axe: false });
  await fillApplication(page, { managerEmail: lineManager });
  await applicationForm(page).submit.click();
  await expect(page.getByText('Votre candidature a bien été envoyée')).toBeVisible();
  await settled(page, { axe: false });

  // The manager asks the line manager's agreement.
  await signInAs(page, MANAGER, '/espace-administration');
  await visit(page, new URL(editorUrl).pathname.replace('/modifier', '/candidatures'));
  const application = page.getByRole('article').filter({ hasText: agent });
  await application.getByRole('button', { name: 'Passer en discussion' }).click();
  await expect(page.getByText('La candidature a changé de statut')).toBeVisible();
  await settled(page, { axe: false });
  await page.getByRole('article').filter({ hasText: agent }).getByRole('button', { name: 'Demander l’accord du supérieur' }).click();
  await expect(page.getByText('La demande d’accord est envoyée')).toBeVisible();

  await settled(page, { axe: false });

  // The line manager agrees through the e-mailed link, without an account,
  // in another browser while the manager's page stays open.
  const elsewhere = await browser.newContext();
  const lm = await elsewhere.newPage();
  const link = await linkFor(lm, lineManager, ACCORD);
  await visit(lm, link);
  await expect(lm.getByRole('heading', { level: 1, name: 'Accord du supérieur hiérarchique' })).toBeVisible();
  await expect(lm.getByText(title)).toBeVisible();
  await lm.getByLabel('J’accorde le temps demandé').check({ force: true });
  await lm.getByRole('button', { name: 'Envoyer ma réponse' }).click();
  await expect(lm.getByText('Merci : votre réponse est enregistrée.')).toBeVisible();
  await settled(lm);
  await expect(lm.getByRole('button', { name: 'Envoyer ma réponse' })).toHaveCount(0);
  await elsewhere.close();

  // The manager's open page says there is news, and shows it on request.
  await page.getByRole('button', { name: 'Afficher les nouveautés' }).click({ timeout: 30_000 });
  await expect(page.getByRole('article').filter({ hasText: agent })).not.toContainText('En attente de réponse');
  await expect(page.getByRole('article').filter({ hasText: agent }).getByRole('button', { name: 'Retenir', exact: true })).toBeVisible();

  // The manager selects the agent; the mission is filled.
  await signInAs(page, MANAGER, '/espace-administration');
  await visit(page, new URL(editorUrl).pathname.replace('/modifier', '/candidatures'));
  await page.getByRole('article').filter({ hasText: agent }).getByRole('button', { name: 'Retenir', exact: true }).click();
  await expect(page.getByText('La candidature a changé de statut')).toBeVisible();
  await expect(page.getByText('Statut de la mission : Pourvue')).toBeVisible();

  // The agent sees it, with every step.
  await signInAs(page, agent, '/mon-espace');
  await settled(page, { axe: false });
  await expect(page.getByRole('main')).toContainText('Retenue');
  await expect(page.getByRole('main')).toContainText('Accord donné par Camille Martin');
});

test('without JavaScript the editor saves and shows its errors', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, MANAGER, '/espace-administration', { js: false });
  await page.getByRole('button', { name: 'Proposer une mission' }).click();
  await page.waitForURL(/\/modifier$/);
  await page.getByLabel('Titre de la mission').fill('Abc');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expectFieldError(page.getByLabel('Titre de la mission'), /au moins 5 caractères/);
  await expect(page.getByLabel('Titre de la mission')).toHaveValue('Abc');
  await page.getByLabel('Titre de la mission').fill('Une mission sans script');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('La fiche est enregistrée.')).toBeVisible();
  await expect(page.locator('.tn-preview h1')).toHaveText('Une mission sans script');
  await context.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

test('a manager attaches a PDF, checked by its content, and nothing typed is lost on leaving', async ({ page }) => {
  await signInAs(page, MANAGER, '/espace-administration');
  await settled(page);
  await page.getByRole('button', { name: 'Proposer une mission' }).click();
  await page.waitForURL(/\/espace-administration\/missions\/\d+\/modifier$/);
  await settled(page);
  const editorPath = new URL(page.url()).pathname;

  const file = page.getByLabel('Joindre un document PDF');
  await file.setInputFiles({ name: 'fiche.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>pas un pdf</html>') });
  await page.getByRole('button', { name: 'Joindre le document', exact: true }).click();
  await expectFieldError(file, /^Ce fichier n’est pas un PDF valide/);
  await settled(page);

  await file.setInputFiles({ name: 'Présentation de la mission.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Joindre le document', exact: true }).click();
  await expect(page.getByText('Le document est joint à la fiche.')).toBeVisible();
  const link = page.getByRole('link', { name: /Document joint/ });
  await expect(link).toContainText('Présentation de la mission.pdf — PDF, 1 ko');
  const href = await link.getAttribute('href');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="mission-[a-z0-9-]+\.pdf"$/);
  await settled(page);

  // Typed, then straight away a link elsewhere: the edit still lands.
  const title = `Mission quittée aussitôt ${Date.now()}`;
  await page.getByLabel('Titre de la mission').fill(title);
  await page.getByRole('link', { name: 'Retour à mes missions' }).click();
  await page.waitForURL(/\/espace-administration$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('main')).toContainText(title, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await visit(page, editorPath);
  await expect(page.getByLabel('Titre de la mission')).toHaveValue(title);
  await expect(page.getByRole('link', { name: /Document joint/ })).toBeVisible();
  await page.getByRole('button', { name: 'Retirer le document' }).click();
  await expect(page.getByText('Le document est retiré de la fiche.')).toBeVisible();
  await expect(page.getByText('Aucun document n’est joint.')).toBeVisible();
});

test('without JavaScript a PDF is attached and refused files say why', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, MANAGER, '/espace-administration', { js: false });
  await page.getByRole('button', { name: 'Proposer une mission' }).click();
  await page.waitForURL(/\/modifier$/);
  const file = page.getByLabel('Joindre un document PDF');
  await file.setInputFiles({ name: 'image.pdf', mimeType: 'application/pdf', buffer: Buffer.from('GIF89a') });
  await page.getByRole('button', { name: 'Joindre le document', exact: true }).click();
  await page.waitForURL(/document=non_pdf/);
  await expectFieldError(file, /^Ce fichier n’est pas un PDF valide/);
  await file.setInputFiles({ name: 'fiche.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Joindre le document', exact: true }).click();
  await page.waitForURL(/document=joint/);
  await expect(page.getByText('Le document est joint à la fiche.')).toBeVisible();
  await expect(page.getByRole('link', { name: /Document joint/ })).toContainText('fiche.pdf');
  await context.close();
});

test.describe('offline', () => {
  // The browser logs the requests that could not leave. (One pattern: a
  // two-element array would read as Playwright's [value, options].)
  test.use({
    allowedConsoleErrors: [/the server responded with a status of (400|409)|ERR_INTERNET_DISCONNECTED|Failed to fetch/],
  });

  test('the editor keeps what is typed offline and saves it once back online', async ({ page }) => {
    await signInAs(page, MANAGER, '/espace-administration');
    await settled(page);
    await page.getByRole('button', { name: 'Proposer une mission' }).click();
    await page.waitForURL(/\/espace-administration\/missions\/\d+\/modifier$/);
    await settled(page);
    await page.getByLabel('Titre de la mission').fill('Mission écrite dans le train');
    await expect(page.getByRole('status').filter({ hasText: /Enregistré à \d\d:\d\d/ })).toBeVisible();
    await page.context().setOffline(true);
    await page.getByLabel(/^Lieu/).fill('Lyon 3e');
    await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();
    await expect(page.getByLabel(/^Lieu/)).toHaveValue('Lyon 3e');
    await page.context().setOffline(false);
    await expect(page.getByRole('status').filter({ hasText: /Enregistré à \d\d:\d\d/ })).toBeVisible({ timeout: 15_000 });
    await page.reload();
    await settled(page, { axe: false });
    await expect(page.getByLabel(/^Lieu/)).toHaveValue('Lyon 3e');
  });
});

test('a moderator manages administrations and their members; an owner adds and removes a co-owner', async ({ page }) => {
  await signInAs(page, MODERATOR, '/moderation');
  await settled(page);
  await page.getByRole('link', { name: 'Gérer les administrations et leurs membres' }).click();
  await page.waitForURL(/\/moderation\/administrations$/);
  await settled(page);
  const name = `Agence d’essai ${Date.now()}`;
  await page.getByLabel('Nom de l’administration').fill(name);
  await page.getByLabel('Sigle').fill('AE');
  await page.getByRole('button', { name: 'Créer l’administration' }).click();
  await expect(page.getByText('L’administration est créée.')).toBeVisible();
  await settled(page);
  const card = page.getByRole('region', { name: new RegExp(name) });
  const member = card.getByLabel(/Ajouter un membre/);
  await member.fill('quelqu.un@gmail.com');
  await card.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expectFieldError(member, /professionnelles/);
  await expect(member).toHaveValue('quelqu.un@gmail.com');
  await settled(page);
  const newcomer = uniqueEmail('responsable');
  await member.fill(newcomer);
  await card.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByText('Le membre est ajouté')).toBeVisible();
  await expect(page.getByRole('region', { name: new RegExp(name) })).toContainText(newcomer);
  await settled(page);

  // An owner invites a colleague on a draft, then takes them off.
  await signInAs(page, MANAGER, '/espace-administration');
  await settled(page);
  await expect(page.getByRole('link', { name: 'Espace administration' })).toBeVisible();
  await page.getByRole('button', { name: 'Proposer une mission' }).click();
  await page.waitForURL(/\/modifier$/);
  await settled(page);
  const colleague = uniqueEmail('collegue');
  await page.getByLabel('Inviter un ou une collègue comme co-responsable').fill(colleague);
  await page.getByRole('button', { name: 'Inviter', exact: true }).click();
  await expect(page.getByText('Votre collègue est ajouté aux responsables')).toBeVisible();
  await expect(page.getByRole('main')).toContainText(colleague);
  await settled(page);
  await page.getByRole('button', { name: `Retirer des responsables : ${colleague}` }).click();
  await expect(page.getByText('La personne ne fait plus partie des responsables')).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText(colleague);
});
