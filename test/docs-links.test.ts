/**
 * Every relative link in the README, the guides and the contributor docs points at a file that
 * exists, and every `#anchor` at a heading of its target, as GitHub renders it (a renamed guide
 * or heading would otherwise leave a dead link that no other test sees).
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const DOCUMENTS = ['README.md', 'CONTRIBUTING.md', 'BENCHMARKS.md',
  ...fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`)]
  .filter(f => fs.existsSync(path.join(ROOT, f)));

/** The text outside fenced code blocks (where a `#` line is a comment, not a heading). */
function outsideFences(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** The text outside code, fenced or inline, where links are links. */
function prose(markdown: string): string {
  return outsideFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of outsideFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading.replace(/<[^>]+>/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

/** The relative links of a document: target file (relative to the repository) and anchor. */
function relativeLinks(file: string): Array<{ link: string; target: string; anchor?: string }> {
  const text = prose(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  const links = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(m => m[1])
    .filter(link => !/^[a-z][a-z0-9+.-]*:/i.test(link));
  return links.map(link => {
    const [target, anchor] = link.split('#', 2);
    return { link, target: target === '' ? file : path.posix.join(path.posix.dirname(file), target), anchor };
  });
}

describe('relative links in the documentation', () => {
  test('the documents are found, and they link to each other', () => {
    expect(DOCUMENTS).toEqual(expect.arrayContaining(['README.md', 'docs/README.md', 'docs/plan.md']));
    expect(DOCUMENTS.flatMap(relativeLinks).length).toBeGreaterThan(50);
  });

  test.each(DOCUMENTS)('%s: every relative link resolves', file => {
    const dead = relativeLinks(file).filter(({ target, anchor }) => {
      const full = path.join(ROOT, target);
      if (!fs.existsSync(full)) { return true; }
      return anchor !== undefined && target.endsWith('.md') && !anchors(fs.readFileSync(full, 'utf8')).has(anchor);
    }).map(l => l.link);
    expect(dead).toEqual([]);
  });

  test('the anchor rule is GitHub\'s', () => {
    expect([...anchors('# At synth and in `plan`: one model\n## A / B\n## A / B\n')])
      .toEqual(['at-synth-and-in-plan-one-model', 'a--b', 'a--b-1']);
  });
});
