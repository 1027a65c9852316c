// Opens a claimcheck HTML report in headless Chromium as an editor would, and checks it:
// the matrix is there, clicking a cell shows its evidence, no injected script runs.
// Usage: node report.cjs REPORT.html SCREENSHOT.png CLAIM_ID SOURCE_ID
// Needs playwright-core (NODE_PATH) and Chromium (CHROMIUM, default /usr/bin/chromium).
'use strict';
const { chromium } = require('playwright-core');
const { pathToFileURL } = require('url');

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

(async () => {
  const [report, screenshot, claim, source] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs = [];
    const errors = [];
    const requests = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) { requests.push(request.url()); }
    });
    await page.goto(pathToFileURL(report).href);

    const rows = await page.locator('table.matrix tbody tr').count();
    check(rows > 0, 'the matrix has no rows');
    check(await page.locator('.legend li').count() === 5, 'the legend does not list the five verdicts');

    // The cell of `claim` × `source`: its row by claim id, its column by source title.
    const headers = await page.locator('table.matrix thead th').evaluateAll(
      (cells) => cells.map((cell) => cell.getAttribute('title')));
    const column = headers.indexOf(source);
    check(column > 0, `no column for source ${source}`);
    const row = page.locator('table.matrix tbody tr', { has: page.locator(`th code:text-is("${claim}")`) });
    check(await row.count() === 1, `no row for claim ${claim}`);
    const cell = row.locator('td, th').nth(column);
    const button = cell.locator('button');
    check(await button.count() === 1, 'the cell cannot be opened');
    const panel = page.locator('#' + await button.getAttribute('data-evidence'));
    check(!(await panel.isVisible()), 'the evidence is shown before the cell is clicked');
    await button.click();
    check(await panel.isVisible(), 'clicking the cell does not show its evidence');
    check(await button.getAttribute('aria-expanded') === 'true', 'the cell does not say it is open');
    const quote = await panel.locator('blockquote').first().innerText();
    const marked = await panel.locator('blockquote mark').first().innerText();
    const where = await panel.locator('.where').first().innerText();
    check(marked.length > 0 && quote.includes(marked), 'the figure is not marked in the quote');
    check(/:\d+:\d+/.test(where), `the evidence does not say file and line: ${where}`);

    const injected = await page.evaluate(() => window.__injected);
    check(injected === undefined, `an injected script ran: ${injected}`);
    check(dialogs.length === 0, `a dialog opened: ${dialogs.join(', ')}`);
    check(errors.length === 0, `the page has errors: ${errors.join(', ')}`);
    check(requests.length === 0, `the page fetched: ${requests.join(', ')}`);
    const scripts = await page.locator('script').count();
    check(scripts === 1, `the page has ${scripts} script elements`);
    const images = await page.locator('img, iframe, object, embed').count();
    check(images === 0, 'source text became elements');

    await page.screenshot({ path: screenshot, fullPage: true });
    process.stdout.write(JSON.stringify({ rows, quote, marked, where }) + '\n');
  } finally {
    await browser.close();
  }
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(1);
});
