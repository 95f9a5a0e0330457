/**
 * docs/ describes the project as it is: these specs compare what the pages name with what the code has.
 * (The API contract has its own specs, api-docs.unit.test.ts; the event catalogue, event-catalogue.unit.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import { APPLICATION_STATUSES } from '../../domain/service-application/state';
import { ACT_STATUSES } from '../../domain/legal-act/state';
import { COMPLAINT_RESOLUTIONS } from '../../domain/complaint/commands';
import { COMPLAINT_STATUSES, FEE_STATUSES } from '../../application/queries/cases';
import { docsFiles, environmentVariablesRead, inlineCode, readRepoFile, ROOT, sectionText } from './docs-support';

const PAGES = [...docsFiles(), 'README.md'];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchorsOf = (markdown: string): Set<string> => {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) inFence = !inFence;
    const heading = !inFence && /^#{1,6} (.+)$/.exec(line);
    if (heading) anchors.add(anchorOf(heading[1]));
  }
  return anchors;
};

describe('docs/', () => {
  it('lists every page in its index, docs/README.md', () => {
    const index = readRepoFile('docs/README.md');
    const missing = docsFiles()
      .map((file) => path.basename(file))
      .filter((name) => name !== 'README.md' && !index.includes(`](${name})`));
    expect(missing).toEqual([]); // add a row for each of these to docs/README.md
  });

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      const text = readRepoFile(page);
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
        const [file, anchor] = target.split('#');
        const resolved = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
        if (!fs.existsSync(path.join(ROOT, resolved))) {
          broken.push(`${page}: ${target} (no file ${resolved})`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !anchorsOf(readRepoFile(resolved)).has(anchor)) broken.push(`${page}: ${target} (no such heading in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('is the project’s own: no page cites the planning files it was written from', () => {
    const citations = PAGES.flatMap((page) =>
      [...readRepoFile(page).matchAll(/\.\.\/shared\b|(?<![\w/])shared\/|\b(API|DESIGN|GLOSSARY|UI-NOTES)\.md\b/g)].map((m) => `${page}: ${m[0]}`),
    );
    expect(citations).toEqual([]);
  });

  it('documents every environment variable the code reads, in the Configuration table of the README', () => {
    const read = environmentVariablesRead();
    expect([...read.keys()]).toEqual(expect.arrayContaining(['PORT', 'DATA_DIR', 'EVENTSTORE_URL']));
    const table = (sectionText(readRepoFile('README.md'), 'Configuration') ?? '').split('\n').filter((line) => line.startsWith('| '));
    const documented = new Set(table.flatMap((row) => [...inlineCode(row.split(' | ')[0])]));
    const missing = [...read].filter(([name]) => !documented.has(name)).map(([name, file]) => `${name} (read in ${file}): add it to the Configuration table of README.md`);
    expect(missing).toEqual([]);
  });

  it('names every layer rule of .dependency-cruiser.cjs in architecture.md', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rules = (require(path.join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: Array<{ name: string }> }).forbidden.map((r) => r.name);
    expect(rules.length).toBeGreaterThan(0);
    const named = inlineCode(sectionText(readRepoFile('docs/architecture.md'), 'Layers') ?? '');
    expect(rules.filter((rule) => !named.has(rule))).toEqual([]); // add a row to the rules table of docs/architecture.md
  });

  it('describes every projection and its collections in read-models.md', () => {
    const table = (sectionText(readRepoFile('docs/read-models.md'), 'The projections') ?? '').split('\n');
    const missing: string[] = [];
    for (const projection of ALL_PROJECTIONS) {
      const row = table.find((line) => line.startsWith(`| \`${projection.name}\` |`));
      if (!row) {
        missing.push(`projection ${projection.name}: add a row to "## The projections" of docs/read-models.md`);
        continue;
      }
      for (const { name } of projection.collections) if (!row.includes(`\`${name}\``)) missing.push(`collection ${name} of projection ${projection.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('gives every status the domain knows its Armenian name in glossary.md', () => {
    const rows = (sectionText(readRepoFile('docs/glossary.md'), 'Statuses') ?? '').split('\n').filter((line) => line.startsWith('| '));
    const statuses: Record<string, readonly string[]> = {
      application: APPLICATION_STATUSES,
      fee: FEE_STATUSES,
      act: ACT_STATUSES,
      complaint: COMPLAINT_STATUSES,
      resolution: COMPLAINT_RESOLUTIONS,
    };
    const missing: string[] = [];
    for (const [aggregate, values] of Object.entries(statuses)) {
      const own = rows.filter((row) => row.startsWith(`| ${aggregate} `)).join('\n');
      for (const value of values) if (!own.includes(`\`${value}\``)) missing.push(`${aggregate} \`${value}\``);
    }
    expect(missing).toEqual([]); // add these to the table "## Statuses" of docs/glossary.md, with their Armenian names
  });
});
