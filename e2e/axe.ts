/** axe-core for the browser tests: the serious and critical violations of a page, and the same in
 *  light and dark on views a spec has already filled with results (no second run for the check). */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from './fixtures/test';

/** Serious and critical axe violations on the page, one readable line per rule. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 6)
          .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ')}]` : ''}`)
          .join(' | ')}`,
    );
}

/** The page's violations in the light and the dark scheme, each line tagged with `what (scheme)`;
 *  leaves the page in the light scheme. */
export async function seriousViolationsLightAndDark(page: Page, what: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    found.push(...(await seriousViolations(page)).map((v) => `${what} (${scheme}): ${v}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
