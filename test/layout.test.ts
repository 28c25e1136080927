import * as fs from 'fs';
import * as path from 'path';

// Small files with one concept each (CONTRIBUTING.md, Layers): src/spark/ was two hub files of
// over 1,000 lines; a file that grows past the limit is split by concern, not let grow.
const ROOT = path.resolve(__dirname, '..');
const MAX_LINES = 500;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Lines as `wc -l` counts them. */
function lineCount(file: string): number {
  return fs.readFileSync(file, 'utf8').split('\n').length - 1;
}

describe('file sizes', () => {
  const files = sources(path.join(ROOT, 'src', 'spark'));

  test(`no file in src/spark/ is over ${MAX_LINES} lines`, () => {
    const long = files.map(f => `${path.relative(ROOT, f)}: ${lineCount(f)} lines`).filter(line => Number(line.split(': ')[1].split(' ')[0]) > MAX_LINES);
    expect(long).toEqual([]);
  });

  test('the walk sees the folder and its subfolders', () => {
    const names = files.map(f => path.relative(path.join(ROOT, 'src', 'spark'), f));
    expect(names).toEqual(expect.arrayContaining(['index.ts', path.join('job', 'abstract-spark-job.ts'), path.join('role', 'spark-role.ts'),
      path.join('connect', 'spark-connect-server.ts')]));
  });
});
