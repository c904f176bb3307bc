// `yhdessa serve` in a real browser: a saved edit reloads the open tab by itself; a build
// error shows over the last good page and goes away when fixed; build output never holds
// the reload script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from './lib/browser.mjs';

const bin = path.join(process.env.YHDESSA_BIN_DIR || 'build/release', 'generator', 'yhdessa');
let browser, child, url, dir;
let stdout = '';  // serve's summary lines
let stderr = '';  // its --verbose lines and messages

before(async () => {
  browser = await launch();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yhdessa-serve-'));
  fs.cpSync('themes', path.join(dir, 'themes'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'site.yaml'), 'title: Esikatselu\n');
  fs.mkdirSync(path.join(dir, 'content'));
  fs.writeFileSync(path.join(dir, 'content', 'a.md'), '---\ntitle: Sivu\n---\nEnsimmäinen versio.\n');
  child = spawn(bin, ['serve', '--source', dir, '--port', '0', '--verbose'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', (d) => { stderr += d; });
  url = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('serve did not start: ' + buf)), 15000);
    child.stdout.on('data', (d) => {
      buf += d;
      stdout += d;
      const m = buf.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
});
after(async () => {
  if (process.env.SERVE_LOG) fs.writeFileSync(process.env.SERVE_LOG, stderr);
  await browser?.close();
  child?.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an edit reloads the open page; an error shows over it and clears when fixed', async () => {
  const page = await browser.newPage();
  await page.goto(url + '/a/');
  assert.match(await page.textContent('main'), /Ensimmäinen versio/);
  const reloaded = page.waitForEvent('load', { timeout: 10000 });
  fs.writeFileSync(path.join(dir, 'content', 'a.md'), '---\ntitle: Sivu\n---\nToinen versio.\n');
  await reloaded;
  assert.match(await page.textContent('main'), /Toinen versio/);

  fs.writeFileSync(path.join(dir, 'content', 'a.md'), '---\ntitel: Sivu\n---\nRikki.\n');
  const overlay = page.locator('#yhdessa-build-error[role=alert]');
  await overlay.waitFor({ timeout: 10000 });
  assert.match(await overlay.textContent(), /content\/a\.md:2:1: error: 'titel' is not a known front-matter key/);
  assert.match(await page.textContent('main'), /Toinen versio/);  // the last good site underneath
  // A tab opened while the build is failing shows the errors too.
  const late = await browser.newPage();
  await late.goto(url + '/a/');
  await late.locator('#yhdessa-build-error[role=alert]').waitFor({ timeout: 10000 });
  assert.match(await late.textContent('#yhdessa-build-error'), /'titel' is not a known front-matter key/);
  await late.close();

  // The failed build kept the last good build's model: the fix is patched into that site.
  const patched = (stdout.match(/yhdessa: patched /g) || []).length;
  const fixed = page.waitForEvent('load', { timeout: 10000 });
  fs.writeFileSync(path.join(dir, 'content', 'a.md'), '---\ntitle: Sivu\n---\nKorjattu.\n');
  await fixed;
  assert.equal(await page.locator('#yhdessa-build-error').count(), 0);
  assert.match(await page.textContent('main'), /Korjattu/);
  await until(() => (stdout.match(/yhdessa: patched /g) || []).length > patched, 'the fix patched');
  await page.close();
});

test('the reload script is added when serving, never written into the build', async () => {
  const html = fs.readFileSync(path.join(dir, 'public', 'a', 'index.html'), 'utf8');
  assert.doesNotMatch(html, /livereload/);
  const served = await (await fetch(url + '/a/')).text();
  assert.match(served, /<script src="\/_yhdessa\/livereload.js" data-since="\d+"><\/script>/);
});

test('an edit after the first paragraph is patched into the kept site and reloads the tab', async () => {
  const from = stdout.length;
  const page = await browser.newPage();
  await page.goto(url + '/a/');
  const reloaded = page.waitForEvent('load', { timeout: 10000 });
  fs.writeFileSync(path.join(dir, 'content', 'a.md'),
    '---\ntitle: Sivu\n---\nKorjattu.\n\nLisätty kappale, jossa [linkki](a.md).\n');
  await reloaded;
  assert.match(await page.textContent('main'), /Lisätty kappale/);
  // Its own patch (the check of an earlier patch may have read the edit already and left
  // this patch nothing to write).
  await until(() => /yhdessa: patched 1 page \(\d+ files?\) in \d+ ms/.test(stdout.slice(from)), 'the patch');
  await page.close();
});

test('a new title is patched too, and the tab reloads with it', async () => {
  const patches = () => (stdout.match(/yhdessa: patched 1 page \(\d+ files?\) in \d+ ms/g) || []).length;
  const before = patches();
  const page = await browser.newPage();
  await page.goto(url + '/a/');
  const reloaded = page.waitForEvent('load', { timeout: 10000 });
  fs.writeFileSync(path.join(dir, 'content', 'a.md'),
    '---\ntitle: Uusi otsikko\n---\nKorjattu.\n\nLisätty kappale, jossa [linkki](a.md).\n');
  await reloaded;
  assert.equal(await page.textContent('h1'), 'Uusi otsikko');
  assert.match(await page.title(), /^Uusi otsikko/);
  await until(() => patches() > before, 'the patch');
  await page.close();
});

// Waits until `check()` holds, polling the disk (serve rebuilds in the background).
async function until(check, what) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail('timed out waiting for ' + what);
}

test('a rebuild between serving a page and its event stream opening still reloads it', async () => {
  const served = await (await fetch(url + '/a/')).text();
  const since = served.match(/data-since="(\d+)"/)[1];
  const patches = () => (stdout.match(/yhdessa: patched/g) || []).length;
  const before = patches();
  fs.appendFileSync(path.join(dir, 'content', 'a.md'), '\nVielä yksi kappale.\n');
  await until(() => patches() > before, 'the patch');
  // The stream opens only now, as a slow tab's would: the reload comes at once.
  const controller = new AbortController();
  const res = await fetch(url + '/_yhdessa/livereload?since=' + since, { signal: controller.signal });
  const reader = res.body.getReader();
  const first = await Promise.race([
    reader.read().then(({ value }) => new TextDecoder().decode(value)),
    new Promise((resolve) => setTimeout(() => resolve('nothing within 5 s'), 5000)),
  ]);
  controller.abort();
  assert.match(first, /^event: reload/);
});

test('a new page is patched into the kept site, and goes when its file is deleted', async () => {
  const exists = (p) => fs.existsSync(path.join(dir, 'public', p));
  const patches = (from) => (stdout.slice(from).match(/yhdessa: patched 1 page \(\d+ files?\)/g) || []).length;
  const osio = path.join(dir, 'content', 'osio');
  fs.mkdirSync(osio);
  fs.writeFileSync(path.join(osio, '_index.md'), '---\ntitle: Osio\n---\n');
  fs.writeFileSync(path.join(osio, 'eka.md'), '---\ntitle: Eka\n---\nEnsimmäinen.\n');
  await until(() => exists('osio/eka/index.html'), 'the new section on disk');  // a full build
  let from = stdout.length;
  fs.writeFileSync(path.join(osio, 'toka.md'), '---\ntitle: Toka\n---\nToinen.\n');
  await until(() => exists('osio/toka/index.html') && patches(from) === 1, 'the new page patched');
  // A deleted page is patched out too: its files and folder go, its section's list drops it.
  from = stdout.length;
  fs.rmSync(path.join(osio, 'eka.md'));
  await until(() => !exists('osio/eka') && patches(from) === 1, 'the deleted page patched out');
  assert.doesNotMatch(fs.readFileSync(path.join(dir, 'public', 'osio', 'index.html'), 'utf8'), /Eka/);
  // The last page of its section takes a full build, which must know the files the patch added.
  fs.rmSync(path.join(osio, 'toka.md'));
  await until(() => !exists('osio/toka/index.html') && !exists('osio/toka'), 'the last page gone');
  assert.equal(exists('osio/index.html'), true);
});

test('a patch is checked with a build, which puts right a file that differs from it', async () => {
  const file = path.join(dir, 'public', 'osio', 'index.html');
  const page = await browser.newPage();
  await page.goto(url + '/osio/');
  assert.equal(await page.textContent('h1'), 'Osio');
  // A file of the site changed behind serve's back: the patch below does not touch it,
  // the build that checks the patch a second later finds it unlike its own and rewrites it.
  fs.writeFileSync(file, '<!DOCTYPE html><html><head><title>x</title></head><body><h1>Käsin</h1></body></html>');
  const from = stderr.length;
  fs.writeFileSync(path.join(dir, 'content', 'a.md'), '---\ntitle: Sivu\n---\nTarkistettu.\n');
  // The open tab reloads twice: after the patch with the changed file, a second later after
  // the check with the build's page.
  await page.locator('h1', { hasText: 'Käsin' }).waitFor({ timeout: 10000 });
  await until(() => /a build after the patch changed 1 file that differed from it \(osio\/index\.html\); the site is the build's now/.test(stderr.slice(from)), 'the check');
  assert.match(fs.readFileSync(file, 'utf8'), /<h1[^>]*>Osio<\/h1>/);
  await page.locator('h1', { hasText: 'Osio' }).waitFor({ timeout: 10000 });
  // A patch that was right: the check writes nothing.
  const next = stderr.length;
  fs.writeFileSync(path.join(dir, 'content', 'a.md'), '---\ntitle: Sivu\n---\nTarkistettu taas.\n');
  await until(() => /checked: the patched site is the build's/.test(stderr.slice(next)), 'the second check');
  assert.doesNotMatch(stderr.slice(next), /a build after the patch changed/);
  await page.close();
});

test('serve updates public/ in place: new pages appear, deleted ones go; build after it drops drafts', async () => {
  const exists = (p) => fs.existsSync(path.join(dir, 'public', p));
  // A build of the same folder saves a cache file that describes public/; serve's next
  // rebuild must drop it, or the build below would update in place from a list of files
  // without serve's draft and leave the draft published.
  const build = () => new Promise((resolve, reject) => {
    const b = spawn(bin, ['build', '--quiet', '--source', dir], { stdio: 'inherit' });
    b.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('build exited ' + code))));
  });
  await build();
  fs.writeFileSync(path.join(dir, 'content', 'd.md'), '---\ntitle: Luonnos\ndraft: true\n---\nKesken.\n');
  await until(() => exists('d/index.html'), 'the draft on disk');
  fs.rmSync(path.join(dir, 'content', 'd.md'));
  await until(() => !exists('d/index.html') && !exists('d'), 'the deleted page gone');
  const again = stderr.length;
  fs.writeFileSync(path.join(dir, 'content', 'd.md'), '---\ntitle: Luonnos\ndraft: true\n---\nKesken.\n');
  // A new draft takes serve's full build, after which no check of a patch is due that could
  // write the draft back while or after the build below runs.
  await until(() => exists('d/index.html'), 'the draft on disk again');
  await until(() => /full rebuild: content\/d\.md is new/.test(stderr.slice(again)), 'the build');
  await build();
  assert.equal(exists('d/index.html'), false);  // `build` leaves drafts out
  assert.equal(exists('a/index.html'), true);
});
