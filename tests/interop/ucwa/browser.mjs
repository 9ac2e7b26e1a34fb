// The page at / in headless Chromium (Debian's, driven by playwright-core
// from tests/interop/browser/node_modules): connect, wait for the pending
// renegotiation that peer.py --browser sent, pick InsufficientBandwidth,
// click Dismiss, wait for the outcome; screenshot to the path given.
//
//   node browser.mjs http://127.0.0.1:18080/ /usr/bin/chromium docs/ucwa_service.png
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../browser/package.json'));
const { chromium } = require('playwright-core');
const [url, chromiumPath, shot] = process.argv.slice(2);

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdpoa-ucwa-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: chromiumPath,
  headless: true,
  chromiumSandbox: false,
  viewport: { width: 900, height: 700 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let status = 0;
try {
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(url);
  await page.click('#connect');
  // The newest pending renegotiation (cards are prepended): its card keeps
  // its id when the page redraws it on the completed event.
  const card = page.locator('.reneg', { has: page.locator('button', { hasText: 'Dismiss' }) }).first();
  await card.waitFor({ timeout: 20000 });
  const id = await card.getAttribute('id');
  const offer = await card.locator('pre').first().textContent();
  if (!offer.includes('m=video')) throw new Error('the page does not show the offer SDP');
  console.log('ok    browser: the page shows the pending re-INVITE with its offer');
  await card.locator('select').selectOption('InsufficientBandwidth');
  if (shot) await page.screenshot({ path: shot });
  await card.locator('button', { hasText: 'Dismiss' }).click();
  const outcome = page.locator(`[id="${id}"] .outcome`);
  await outcome.waitFor({ timeout: 10000 });
  if (!(await outcome.textContent()).includes('without an answer')) throw new Error('wrong outcome');
  console.log('ok    browser: Dismiss clicked, the page shows the outcome');
} catch (e) {
  console.log(`FAIL  browser: ${String(e && e.message ? e.message : e).split('\n')[0]}`);
  status = 1;
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(status);
