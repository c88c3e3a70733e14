// Journey 6: keyboard-only use (skip link, search form).
import { test, expect } from './helpers';
import { visit } from './support';
import type { Locator, Page } from '@playwright/test';

/** Presses Tab until `target` has the focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 60): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  throw new Error(`focus never reached ${target} after ${max} Tab presses`);
}

test('the first Tab reaches the skip link "Contenu", and Enter moves the focus to the content', async ({ page }) => {
  await visit(page, '/', { axe: false });
  await page.keyboard.press('Tab');
  const skip = page.getByRole('navigation', { name: 'Accès rapide' }).getByRole('link', { name: 'Contenu' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page).toHaveURL(/\/#contenu$/);
  // The next Tab continues inside the content, not back in the header.
  await page.keyboard.press('Tab');
  const focusedInMain = await page.getByRole('main').evaluate((main) => main.contains(document.activeElement));
  expect(focusedInMain).toBe(true);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the skip link moves the focus to the content', async ({ page }) => {
    await visit(page, '/', { js: false, axe: false });
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Contenu' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });
});

test('the mission search can be filled and sent with the keyboard only', async ({ page }) => {
  await visit(page, '/missions', { axe: false });
  const search = page.getByRole('searchbox', { name: 'Rechercher une mission' });
  await tabTo(page, search);
  await page.keyboard.type('donnees');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]q=donnees(&|$)/);
  const titles = page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 });
  await expect(titles.filter({ hasText: 'statistique' })).toHaveCount(1);

  // Again, through the filters and the "Appliquer les filtres" button.
  await visit(page, '/missions', { axe: false });
  const mode = page.getByRole('combobox', { name: 'Modalité' });
  await tabTo(page, mode);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(mode).toHaveValue('a_distance');
  const apply = page.getByRole('button', { name: 'Appliquer les filtres' });
  await tabTo(page, apply, 5);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]modalite=a_distance(&|$)/);
  await expect(titles.filter({ hasText: 'COVID-19' })).toHaveCount(1);
  await expect(titles.filter({ hasText: 'Focus+' })).toHaveCount(0);

  // And the first result opens with Enter.
  const first = titles.first().getByRole('link');
  const title = (await first.innerText()).trim();
  await tabTo(page, first);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});
