/**
 * Headless Debian Chromium through playwright-core (no browser download). Missing Chromium: a
 * loud skip on a developer's machine, a failure when CI=true.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { RESULTS_DIR } from './server';

export const CHROMIUM = process.env.PERFSHOP_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

export const chromiumPresent = existsSync(CHROMIUM);
if (!chromiumPresent) {
  const reason = `Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${reason}`);
  console.error(`\n*** SKIPPED (real part missing): ${reason} ***\n`);
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(): Promise<Session> {
  // Playwright gives every launch a fresh, empty temporary profile (its own --user-data-dir).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return {
    browser,
    context,
    async close() {
      await browser.close();
    },
  };
}

/** Collects console errors (a CSP violation shows up there) so a test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

/** Full-page screenshots at desktop and phone widths, kept under web/test-results/screenshots. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize();
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's strict CSP
 * stays on) and returns the serious and critical violations against WCAG 2.x A/AA.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Whether a route exists on this build: a 404 problem means the feature has not landed (yet). */
export async function routeExists(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}): Promise<boolean> {
  const r = await fetch(baseUrl + path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: method === 'GET' ? undefined : '{}' });
  return r.status !== 404 && r.status !== 405;
}

export function pending(feature: string): void {
  // Every feature is on main: under CI (or PERFSHOP_E2E_REQUIRE_ALL=true) a missing one is a failure.
  if (process.env.CI === 'true' || process.env.PERFSHOP_E2E_REQUIRE_ALL === 'true') {
    throw new Error(`${feature} is not on this build`);
  }
  console.error(`\n*** SKIPPED (feature not on this build): ${feature} ***\n`);
}

/**
 * At a phone's width (390 px) the page itself never scrolls sideways: wide tables scroll in their
 * own box. Returns the elements that stick out of the viewport (empty when the page fits).
 */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  const before = page.viewportSize();
  await page.setViewportSize(VIEWPORTS.phone);
  await page.waitForTimeout(200);
  const offenders = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0) {
        let inScroller = false;
        for (let p = el.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden') {
            inScroller = true;
            break;
          }
        }
        if (!inScroller) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${String(el.className)} right=${Math.round(r.right)}`);
      }
    }
    return out.length ? out.slice(0, 10) : [`page scrollWidth ${document.documentElement.scrollWidth} > ${width}`];
  });
  if (before) await page.setViewportSize(before);
  return offenders;
}
