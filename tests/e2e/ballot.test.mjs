// End-to-end voting in a real browser against a real `yhdessa-vote serve`: keyboard only,
// with and without JavaScript, errors with focus on the error summary, reflow at 320 px and
// 200 % text. Screenshots of each step go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch } from './lib/browser.mjs';
import { startVoteServer } from './lib/vote-server.mjs';

const site = (process.env.SITES || '').split(':')[0];
const artifacts = path.resolve('tests/e2e/artifacts');
const ROUND = 'omakouvola-2026';
const AREA = 'alue-1';
// The youth round is embedded with the ballot directive in a page of prose.
const YOUTH = 'nuorten-omakouvola-2026';
const YOUTH_AREA = 'koko-kouvola';
const EMBED_PAGE = '/osallistumispalvelut/osallistuva-budjetointi/';
let browser, server;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  browser = await launch();
  server = await startVoteServer(site, [{ round: ROUND, area: AREA, count: 6 }, { round: YOUTH, area: YOUTH_AREA, count: 2 }]);
});
after(async () => { await browser?.close(); await server?.stop(); });

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
async function assertAccessible(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
}

const shot = (page, name) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
const code = (i) => server.codes[`${ROUND}/${AREA}`][i];
// Types like a person would: lower case, no dashes.
const typed = (c) => c.replace(/-/g, '').toLowerCase();

// Starts the submit and waits for the answer page (not just for the current page's load).
async function submit(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

async function tabTo(page, selector, limit = 300) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('keyboard only, with JavaScript: choose, see the money left, enter a code, vote, get a receipt', async () => {
  const page = await browser.newPage({ bypassCSP: true });  // for injecting axe; the site's own CSP is tested by the server's tests
  await page.goto(server.url + '/omakouvola/');
  await tabTo(page, `#p-${AREA}-alue-1-penkit`);
  await page.keyboard.press('Space');
  const status = page.locator(`form.ballot:has(input[value="${AREA}"]) .budget-status`);
  assert.match(await status.textContent(), /Rahaa jäljellä: 14\u00a0000\u00a0€/);
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  await shot(page, '01-keyboard-chosen');
  await tabTo(page, `#code-${AREA}`);
  await page.keyboard.type(typed(code(0)));
  assert.equal(await page.locator(`#code-check-${AREA}`).textContent(), 'Koodin muoto on oikea.');
  await submit(page, () => page.keyboard.press('Enter'));
  assert.equal(await page.locator('h1').textContent(), 'Äänesi on tallennettu');
  assert.match(await page.locator('.receipt').textContent(), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await shot(page, '02-keyboard-receipt');
  await assertAccessible(page);
  await page.close();
});

test('with JavaScript an over-budget choice is not made and the reason is announced; a typo in the code is caught', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + '/omakouvola/');
  await page.check(`#p-${AREA}-alue-1-frisbeegolf`);
  await page.click(`#p-${AREA}-alue-1-valaistus`);
  assert.equal(await page.isChecked(`#p-${AREA}-alue-1-valaistus`), false);
  const status = page.locator(`form.ballot:has(input[value="${AREA}"]) .budget-status`);
  assert.match(await status.textContent(), /Tätä ei voi valita: budjettia on jäljellä vain 6\u00a0000\u00a0€/);
  const c = code(1);
  const wrong = c.slice(0, 2) + (c[2] === 'A' ? 'B' : 'A') + c.slice(3);
  await page.fill(`#code-${AREA}`, wrong);
  assert.equal(await page.locator(`#code-check-${AREA}`).textContent(), 'Koodissa on kirjoitusvirhe. Tarkista koodi.');
  assert.equal(await page.getAttribute(`#code-${AREA}`, 'aria-invalid'), 'true');
  await shot(page, '03-js-over-budget-and-typo');
  await page.close();
});

test('without JavaScript: an over-budget ballot and a wrong code each show the error summary, focused, choices kept', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + '/omakouvola/');
  await page.check(`#p-${AREA}-alue-1-frisbeegolf`);
  await page.check(`#p-${AREA}-alue-1-valaistus`);
  await page.fill(`#code-${AREA}`, code(2));
  await submit(page, () => page.click(`form.ballot:has(input[value="${AREA}"]) button[type=submit]`));
  const summary = page.locator('.error-summary');
  assert.ok(await summary.isVisible());
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), 'focus is on the error summary');
  assert.ok(await page.locator('.error-summary a[href="#field-proposals"]').count() > 0);
  assert.ok(await page.isChecked('input[name=proposal][value="alue-1-frisbeegolf"]'), 'choices are kept');
  await shot(page, '04-nojs-over-budget');

  // The code was not used by the rejected ballot: it still works.
  await page.uncheck('input[name=proposal][value="alue-1-valaistus"]');
  await page.fill('input[name=code]', 'XXXX-XXXX-XXXX-X');
  await submit(page, () => page.click('button[type=submit]'));
  assert.ok(await page.locator('.error-summary a[href="#field-code"]').count() > 0);
  await shot(page, '05-nojs-wrong-code');

  await page.fill('input[name=code]', code(2));
  await submit(page, () => page.click('button[type=submit]'));
  assert.equal(await page.locator('h1').textContent(), 'Äänesi on tallennettu');
  await shot(page, '06-nojs-receipt');
  await context.close();
});

test('the answer pages pass the accessibility gate too', async () => {
  // axe runs as a script, so post an over-budget ballot from a page with JavaScript,
  // setting the boxes directly (ballot.js would refuse the second choice).
  const page = await browser.newPage({ bypassCSP: true });
  await page.goto(server.url + '/omakouvola/');
  await page.evaluate((area) => {
    const form = document.querySelector(`form.ballot input[value="${area}"]`).form;
    form.querySelector('input[value="alue-1-frisbeegolf"]').checked = true;
    form.querySelector('input[value="alue-1-valaistus"]').checked = true;
    form.querySelector('input[name=code]').value = 'XXXX';
    form.submit();
  }, AREA);
  await page.waitForSelector('.error-summary');
  await assertAccessible(page);
  await page.close();
});

test('a used code is refused like an unknown one', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + '/omakouvola/');
  await page.check(`#p-${AREA}-alue-1-penkit`);
  await page.fill(`#code-${AREA}`, code(0));  // used in the first test
  await submit(page, () => page.click(`form.ballot:has(input[value="${AREA}"]) button[type=submit]`));
  assert.ok(await page.locator('.error-summary a[href="#field-code"]').count() > 0);
  await context.close();
});

test('at 320 px nothing scrolls sideways; at 200 % text nothing is cut off', async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  for (const p of ['/omakouvola/', '/omakouvola/alue-1-frisbeegolf/']) {
    await page.goto(server.url + p);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${p} scrolls by ${overflow}px at 320 px`);
  }
  await shot(page, '07-round-320px');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(server.url + '/omakouvola/');
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const clipped = await page.evaluate(() => [...document.querySelectorAll('label, legend, button, .cost, h2, h3')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow === 'hidden').length);
  assert.equal(clipped, 0);
  await shot(page, '08-round-200-percent');
  await page.close();
});

test('a ballot embedded in a page of prose: keyboard only with JavaScript, then the same vote without', async () => {
  const youthCode = (i) => server.codes[`${YOUTH}/${YOUTH_AREA}`][i];
  const page = await browser.newPage({ bypassCSP: true });
  await page.goto(server.url + EMBED_PAGE);
  const form = page.locator(`form.ballot:has(input[name=area][value="${YOUTH_AREA}"])`);
  assert.equal(await form.getAttribute('action'), `/api/rounds/${YOUTH}/ballots`);
  assert.equal(await page.locator('script[src*="/assets/js/ballot."]').count(), 1);
  await assertAccessible(page);
  await tabTo(page, `#p-${YOUTH_AREA}-koko-kouvola-pelitila`);
  await page.keyboard.press('Space');
  assert.match(await form.locator('.budget-status').textContent(), /Rahaa jäljellä: 5\u00a0500\u00a0€/);
  await tabTo(page, `#code-${YOUTH_AREA}`);
  await page.keyboard.type(typed(youthCode(0)));
  assert.equal(await page.locator(`#code-check-${YOUTH_AREA}`).textContent(), 'Koodin muoto on oikea.');
  await shot(page, '09-embedded-keyboard-chosen');
  await submit(page, () => page.keyboard.press('Enter'));
  assert.equal(await page.locator('h1').textContent(), 'Äänesi on tallennettu');
  await shot(page, '10-embedded-receipt');
  await page.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const nojs = await context.newPage();
  await nojs.goto(server.url + EMBED_PAGE);
  await nojs.check(`#p-${YOUTH_AREA}-koko-kouvola-liikuntavuorot`);
  await nojs.check(`#p-${YOUTH_AREA}-koko-kouvola-musiikkitapahtuma`);
  await nojs.fill(`#code-${YOUTH_AREA}`, youthCode(1));
  await submit(nojs, () => nojs.click(`form.ballot:has(input[value="${YOUTH_AREA}"]) button[type=submit]`));
  assert.equal(await nojs.locator('h1').textContent(), 'Äänesi on tallennettu');
  assert.match(await nojs.locator('.receipt').textContent(), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await shot(nojs, '11-embedded-nojs-receipt');
  await context.close();
});
