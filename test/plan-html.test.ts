/**
 * The `plan --format html` page in a real browser: headless Chromium parses it (`--dump-dom`)
 * and draws it (`--screenshot`). Chromium is installed by scripts/ensure-chromium.sh when it is
 * missing (Debian's package, with apt-get); when that cannot be done the tests fail, saying why.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture, fixtureDir, hostile, HOSTILE_NAME, ROOT } from './support/plan-inputs';
import { renderHtml } from '../src/cli/render';
import { CostModel } from '../src/model/cost-model';
import { planManifests } from '../src/model/plan';
import { forTerminal } from '../src/private/escape';

const CHROMIUM = '/usr/bin/chromium';
const WIDTH = 1200;
const HEIGHT = 3200;

let dir: string;

beforeAll(() => {
  const ensure = spawnSync('bash', [path.join(ROOT, 'scripts', 'ensure-chromium.sh')], { encoding: 'utf8', timeout: 15 * 60_000 });
  if (ensure.status !== 0) {
    throw new Error(`these tests need headless Chromium at ${CHROMIUM}, and scripts/ensure-chromium.sh could not install it `
      + `(exit ${ensure.status ?? ensure.signal}):\n${ensure.stderr}`);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-html-'));
}, 16 * 60_000);

/** Runs headless Chromium on a page file with the given flags, and returns its standard output. */
function chromium(page: string, ...flags: string[]): string {
  const result = spawnSync(CHROMIUM, [
    '--headless', '--disable-gpu', '--no-sandbox', '--no-first-run', '--hide-scrollbars', '--disable-dev-shm-usage',
    `--user-data-dir=${fs.mkdtempSync(path.join(dir, 'profile-'))}`, ...flags, `file://${page}`,
  ], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`chromium exited ${result.status ?? result.signal}: ${result.stderr}`);
  }
  return result.stdout;
}

function writePage(name: string, html: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, html);
  return file;
}

/** Text as the DOM serializer writes a text node. */
function serialized(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

describe('the html page of every fixture (and a hostile name), priced', () => {
  const files = [...fixtureDir('resource-policy'), fixture('eci-only.yaml'), fixture('ecs-first.yaml'), fixture('ecs-only.yaml'), fixture('scheduled.yaml')];
  const report = planManifests([...files, ...hostile().slice(1)], {
    costModel: new CostModel({ pricePerVcpuHour: 0.2, pricePerGibHour: 0.02, spotDiscount: 0.7, currency: 'CNY' }),
  });
  let page: string;
  beforeAll(() => { page = writePage('plan.html', renderHtml(report)); });

  test('the browser shows every job: its title, a section, a picture with a bar per role', () => {
    const dom = chromium(page, '--dump-dom');
    expect(report.jobs.length).toBe(6);
    for (const job of report.jobs) {
      expect(dom).toContain(serialized(forTerminal(`${job.kind} ${job.namespace}/${job.name}`)));
    }
    expect(dom.match(/<section class="job/g)).toHaveLength(report.jobs.length);
    expect(dom.match(/<svg /g)).toHaveLength(report.jobs.length);
    expect(dom.match(/<text class="role"/g)).toHaveLength(report.jobs.reduce((n, j) => n + j.roles.length, 0));
    // Pending pods are drawn: the two spark-pi jobs (the seed's and the hostile one) each leave executor-5 Pending.
    expect(dom.match(/class="seg pending-seg"/g)).toHaveLength(2);
  });

  test('the hostile name is text in the page, and no element', () => {
    const dom = chromium(page, '--dump-dom');
    expect(dom).not.toMatch(/<script/i);
    expect(dom).toContain(serialized(forTerminal(HOSTILE_NAME)));
    expect(dom).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31mred\\u202e');
  });

  test('a screenshot is a PNG of the page, with far more drawn than on an empty page', () => {
    const shot = path.join(dir, 'plan.png');
    chromium(page, `--screenshot=${shot}`, `--window-size=${WIDTH},${HEIGHT}`);
    const png = fs.readFileSync(shot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([WIDTH, HEIGHT]); // IHDR: width, height

    const blank = path.join(dir, 'blank.png');
    chromium(writePage('blank.html', '<!DOCTYPE html><html><body></body></html>'), `--screenshot=${blank}`, `--window-size=${WIDTH},${HEIGHT}`);
    expect(png.length).toBeGreaterThan(5 * fs.statSync(blank).size);
  });
});
