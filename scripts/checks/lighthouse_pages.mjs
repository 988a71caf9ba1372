// Lighthouse on several pages, one after another in one Chromium, for scripts/checks/lighthouse_audit.py: the mobile
// preset (Lighthouse's default configuration), each page's JSON and HTML reports written as the CLI writes them.
//
// Usage: node scripts/checks/lighthouse_pages.mjs [--only-categories=A,B] [--only-audits=C,D] [--color-scheme=dark]
//   URL REPORT_BASE [...]
// writes REPORT_BASE.report.json and REPORT_BASE.report.html for each URL. The first two options are Lighthouse's own
// settings: with them it runs those categories' audits and the audits named, and only the gatherers they need.
// --color-scheme=dark audits the pages as a reader whose system prefers the dark scheme sees them.
// A page Lighthouse cannot audit is named on stderr, and the exit status is 1; the other pages are still audited.
// Chromium is $CHROME_PATH.
//
// Launching Chromium and Node once rather than once per page saves seconds a page; Lighthouse resets the
// page's storage and the browser's cache before each page, as it does in a fresh Chromium.

import {writeFile} from 'node:fs/promises';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CHROME_FLAGS = ['--headless=new', '--no-sandbox'];
// Blink's setting behind prefers-color-scheme: 0 is dark. Lighthouse has no option of its own for it.
const PREFERS_DARK = '--blink-settings=preferredColorScheme=0';
// No budget looks at the full-page screenshot, and taking it costs a second and a half a page.
const FLAGS = {output: ['json', 'html'], logLevel: 'silent', disableFullPageScreenshot: true};

const ONLY = {'--only-categories': 'onlyCategories', '--only-audits': 'onlyAudits'};
const only = {};
let chromeFlags = CHROME_FLAGS;
const args = process.argv.slice(2).filter((arg) => {
  const [name, list] = arg.split('=');
  if (name === '--color-scheme') {
    chromeFlags = list === 'dark' ? [...CHROME_FLAGS, PREFERS_DARK] : CHROME_FLAGS;
    return false;
  }
  if (!(name in ONLY)) return true;
  only[ONLY[name]] = list.split(',');
  return false;
});
if (args.length === 0 || args.length % 2 !== 0) {
  console.error('usage: node scripts/checks/lighthouse_pages.mjs [--only-categories=A,B] [--only-audits=C,D] [--color-scheme=dark] URL REPORT_BASE [...]');
  process.exit(2);
}

const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH, chromeFlags});
let failed = false;
try {
  for (let index = 0; index < args.length; index += 2) {
    const [url, reportBase] = args.slice(index, index + 2);
    try {
      const result = await lighthouse(url, {...FLAGS, ...only, port: chrome.port});
      const [json, html] = result.report;
      await writeFile(`${reportBase}.report.json`, json);
      await writeFile(`${reportBase}.report.html`, html);
    } catch (error) {
      failed = true;
      console.error(`Lighthouse failed on ${url}: ${error.stack || error}`);
    }
  }
} finally {
  await chrome.kill();
}
process.exit(failed ? 1 : 0);
