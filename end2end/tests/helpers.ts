import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export { expect };

type BrowserProblem = { kind: string; url: string; text: string };

type Options = {
  /** Console errors matching one of these are expected by the test. */
  allowedConsoleErrors: RegExp[];
};

/**
 * `test` that fails when any page of the test logged a console error, threw an
 * uncaught exception, or warned about hydration (a Leptos hydration mismatch
 * is only a console warning, but it means the SSR and CSR views differ).
 * A test expecting an error (e.g. a 404 resource) lists it with
 * `test.use({ allowedConsoleErrors: [/404/] })`.
 */
export const test = base.extend<Options & { browserProblems: BrowserProblem[] }>({
  allowedConsoleErrors: [[], { option: true }],

  browserProblems: [
    async ({ context, allowedConsoleErrors }, use) => {
      const problems: BrowserProblem[] = [];
      context.on('console', (msg) => {
        const text = msg.text();
        const type = msg.type();
        const isError = type === 'error';
        const isHydration = (type === 'warning' || isError) && /hydrat/i.test(text);
        if (!isError && !isHydration) return;
        if (!isHydration && allowedConsoleErrors.some((re) => re.test(text))) return;
        // location() names the failing resource for 'Failed to load resource'.
        const where = msg.location().url;
        const detail = where && where !== msg.page()?.url() ? `${text} (${where})` : text;
        problems.push({ kind: isHydration ? `hydration ${type}` : 'console error', url: msg.page()?.url() ?? '', text: detail });
      });
      context.on('weberror', (err) => {
        const error = err.error();
        problems.push({ kind: 'pageerror', url: err.page()?.url() ?? '', text: error.stack ?? error.message });
      });
      await use(problems);
      const report = problems.map((p) => `[${p.kind}] ${p.url}\n  ${p.text}`).join('\n');
      expect(problems, `browser reported problems:\n${report}`).toEqual([]);
    },
    { auto: true },
  ],
});

/** Fails with a readable list when axe finds WCAG 2.1 A/AA violations. */
export async function expectNoAxeViolations(page: Page, options: { exclude?: string[] } = {}) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const report = violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`);
      return `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
  expect(violations, `axe violations on ${page.url()}:\n${report}`).toEqual([]);
}
