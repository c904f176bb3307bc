// Accessibility gate: every page of every built site in SITES (colon-separated folders)
// is opened in headless Chromium and checked with axe-core for WCAG 2.0/2.1 A and AA
// rules, validated with html-validate, and checked for horizontal scrolling at 320 CSS px
// (WCAG 1.4.10 reflow) and for content cut off at 200 % text size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { HtmlValidate } from 'html-validate';
import { launch } from './lib/browser.mjs';
import { serveDir, htmlPages } from './lib/static-server.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const sites = (process.env.SITES || '').split(':').filter(Boolean);
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // The theme's choices, not errors: long lines of prose, inline SVG charts.
    'no-inline-style': 'off',
    'long-title': 'off',
    'no-trailing-whitespace': 'off',
    'void-style': 'off',
    'no-redundant-role': 'off',
    // HTML5 allows ids that start with a digit ("## 161 ideaa" -> id="161-ideaa").
    'valid-id': ['error', { relaxed: true }],
    // A group of checkboxes shares one name (the ballot's `proposal` fields): valid HTML.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

for (const root of sites) {
  const name = path.basename(path.dirname(root)) + '/' + path.basename(root);
  test(`site ${name}`, async (t) => {
    const server = await serveDir(path.resolve(root));
    try {
      const pages = htmlPages(path.resolve(root));
      assert.ok(pages.length > 0, `no pages in ${root}`);
      const context = await browser.newContext();
      const page = await context.newPage();
      for (const p of pages) {
        await t.test(p, async () => {
          const file = path.join(root, p.endsWith('/') ? p + 'index.html' : p);
          const report = await validator.validateString(fs.readFileSync(file, 'utf8'), file);
          const htmlErrors = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
          assert.deepEqual(htmlErrors, [], `HTML errors in ${p}`);

          await page.setViewportSize({ width: 1280, height: 900 });
          await page.goto(server.url + p);
          if (p.includes('alias') || (await page.$('meta[http-equiv="refresh"]'))) return;  // redirects
          await page.addScriptTag({ content: axeSource });
          const result = await page.evaluate(async () =>
            // eslint-disable-next-line no-undef
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
          const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
          assert.deepEqual(violations, [], `axe violations on ${p}`);

          await page.setViewportSize({ width: 320, height: 640 });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `${p} scrolls horizontally by ${overflow}px at 320 px`);

          await page.setViewportSize({ width: 1280, height: 900 });
          await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
          const clipped = await page.evaluate(() => [...document.querySelectorAll('h1, h2, p, a, li, td, th, label, button')]
            .filter((el) => { const s = getComputedStyle(el); return (s.overflow === 'hidden' || s.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1 && !el.closest('.visually-hidden'); })
            .map((el) => el.tagName + ': ' + el.textContent.trim().slice(0, 40)));
          assert.deepEqual(clipped, [], `${p}: text cut off at 200 % text size`);
        });
      }
      await context.close();
    } finally {
      await server.close();
    }
  });
}
