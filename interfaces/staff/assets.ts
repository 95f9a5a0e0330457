/**
 * The workspace's static assets, all from npm packages on this server (never a CDN): the stylesheet
 * compiled by Sass from GOV.UK Frontend and the MOJ components with the Noto Sans Armenian font stack,
 * the font files (@fontsource/noto-sans-armenian, 400 and 700), GOV.UK's and MOJ's scripts (ES modules,
 * started by our own `init.js`), htmx, MOJ's icons and our own favicon.
 *
 * Every URL carries a hash of its content (`/staff/assets/<hash>/<name>`), so assets are cached for a
 * year. The stylesheet is compiled once per set of inputs (the packages' versions and our Sass source)
 * and kept in a cache file, so neither a request nor a test file pays for the compile again. Text assets
 * are compressed once (Brotli and gzip) when they are loaded.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * After htmx swapped a list's results (`[data-results]`, the inbox, the receivables): the result count is
 * announced by the page's live region (a region inserted by the swap itself is not reliably announced),
 * and focus, when the swap took away the element that had it (a page link), goes to the count.
 */
const RESULTS_SCRIPT = `document.addEventListener('htmx:after:swap', () => {
  const region = document.querySelector('[data-results]');
  if (!region) return;
  const live = document.getElementById(region.dataset.results);
  const count = region.querySelector('[data-results-count]');
  if (live && count) { live.textContent = ''; setTimeout(() => { live.textContent = count.textContent.trim(); }, 50); }
  const active = document.activeElement;
  if (count && (!active || active === document.body || !active.isConnected)) count.focus();
});
`;

export const ASSET_PREFIX = '/staff/assets';

export interface Asset {
  readonly url: string;
  readonly type: string;
  readonly body: Buffer;
  readonly gzip?: Buffer;
  readonly br?: Buffer;
}

export interface WorkspaceAssets {
  /** Every asset by URL. */
  readonly byUrl: ReadonlyMap<string, Asset>;
  readonly stylesheet: string;
  /** The module that starts GOV.UK's and MOJ's components. */
  readonly script: string;
  readonly htmx: string;
  readonly favicon: string;
  /** The URLs of the JavaScript a page loads (the init module and what it imports, and htmx). */
  readonly scripts: readonly string[];
  /** The font files the stylesheet names. */
  readonly fonts: readonly string[];
}

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []));
/** A package's folder (some packages, sass among them, do not export their package.json). */
export const moduleDir = (name: string): string => {
  let dir = path.dirname(require.resolve(name, { paths: [PROJECT_ROOT] }));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the folder of package ${name}`);
    dir = parent;
  }
};
const versionOf = (name: string): string => (JSON.parse(fs.readFileSync(path.join(moduleDir(name), 'package.json'), 'utf8')) as { version: string }).version;

const hashOf = (body: Buffer | string): string => createHash('sha256').update(body).digest('hex').slice(0, 16);

const COMPRESSIBLE = /^(text\/|application\/javascript|image\/svg)/;

const asset = (name: string, type: string, body: Buffer): Asset => {
  const url = `${ASSET_PREFIX}/${hashOf(body)}/${name}`;
  if (!COMPRESSIBLE.test(type)) return { url, type, body };
  return {
    url,
    type,
    body,
    gzip: zlib.gzipSync(body, { level: 9 }),
    br: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  };
};

/** The Sass source of the workspace's stylesheet (beside this module, or in the source tree when running the build). */
const scssSource = (): string => {
  for (const dir of [path.join(__dirname, 'assets'), path.join(PROJECT_ROOT, 'interfaces', 'staff', 'assets')]) {
    const file = path.join(dir, 'workspace.scss');
    if (fs.existsSync(file)) return file;
  }
  throw new Error('interfaces/staff/assets/workspace.scss is missing');
};

const CACHE_DIR = path.join(os.tmpdir(), 'hamaynk-workspace-css');

/**
 * The compiled govuk + MOJ CSS for our Sass source: from the cache file named by the hash of every input,
 * else compiled now (about 1.5 s) and written there (a rename, so concurrent test files never read half a file).
 */
export const compiledStylesheet = (): string => {
  const source = scssSource();
  const key = hashOf(
    JSON.stringify({ scss: fs.readFileSync(source, 'utf8'), govuk: versionOf('govuk-frontend'), moj: versionOf('@ministryofjustice/frontend'), sass: versionOf('sass') }),
  );
  const cached = path.join(CACHE_DIR, `${key}.css`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not compiled yet
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sass = require('sass') as typeof import('sass');
  const css = sass.compile(source, {
    loadPaths: [PROJECT_ROOT],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin'],
    logger: { warn: () => undefined },
  }).css;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  fs.writeFileSync(partial, css);
  fs.renameSync(partial, cached);
  return css;
};

let loaded: WorkspaceAssets | null = null;

/** Loads (once per process) every asset the workspace serves. */
export const workspaceAssets = (): WorkspaceAssets => {
  if (loaded) return loaded;
  const byUrl = new Map<string, Asset>();
  const add = (a: Asset): Asset => {
    byUrl.set(a.url, a);
    return a;
  };

  const fontDir = path.join(moduleDir('@fontsource/noto-sans-armenian'), 'files');
  const fontUrls = new Map<string, string>();
  const fonts: string[] = [];
  for (const weight of [400, 700]) {
    for (const subset of ['armenian', 'latin', 'latin-ext']) {
      const name = `noto-sans-armenian-${subset}-${weight}-normal.woff2`;
      const a = add(asset(name, 'font/woff2', fs.readFileSync(path.join(fontDir, name))));
      fontUrls.set(name, a.url);
      fonts.push(a.url);
    }
  }
  // fontsource's @font-face rules (with their unicode ranges), pointing at our hashed woff2 URLs only.
  const fontFaces = ['400.css', '700.css']
    .map((f) => fs.readFileSync(path.join(moduleDir('@fontsource/noto-sans-armenian'), f), 'utf8'))
    .join('\n')
    .replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)(, url\([^)]+\) format\('woff'\))?/g, (_m, name: string) => `src: url(${fontUrls.get(name) ?? name}) format('woff2')`)
    .replace(/\/\*[^*]*\*\//g, '');

  const mojImages = path.join(moduleDir('@ministryofjustice/frontend'), 'moj', 'assets', 'images');
  for (const file of fs.readdirSync(mojImages).filter((f) => f.endsWith('.svg') && f.startsWith('icon-'))) {
    // The stylesheet names MOJ's icons by fixed paths ($moj-assets-path): served there as they are.
    const body = fs.readFileSync(path.join(mojImages, file));
    byUrl.set(`${ASSET_PREFIX}/moj/images/${file}`, { ...asset(file, 'image/svg+xml', body), url: `${ASSET_PREFIX}/moj/images/${file}` });
  }

  const stylesheet = add(asset('workspace.css', 'text/css; charset=utf-8', Buffer.from(`${fontFaces}\n${compiledStylesheet()}`)));
  const govukJs = add(asset('govuk-frontend.min.js', 'application/javascript; charset=utf-8', fs.readFileSync(path.join(moduleDir('govuk-frontend'), 'dist', 'govuk', 'govuk-frontend.min.js'))));
  const mojJs = add(asset('moj-frontend.min.js', 'application/javascript; charset=utf-8', fs.readFileSync(path.join(moduleDir('@ministryofjustice/frontend'), 'moj', 'moj-frontend.min.js'))));
  const htmx = add(asset('htmx.min.js', 'application/javascript; charset=utf-8', fs.readFileSync(path.join(moduleDir('htmx.org'), 'dist', 'htmx.min.js'))));
  const init = add(
    asset(
      'init.js',
      'application/javascript; charset=utf-8',
      Buffer.from(`import { initAll as govuk } from '${govukJs.url}';\nimport { initAll as moj } from '${mojJs.url}';\ngovuk();\nmoj();\n${RESULTS_SCRIPT}`),
    ),
  );
  // Our own mark: a house of the community in the workspace's blue (no Crown, no GOV.UK icon).
  const favicon = add(
    asset(
      'favicon.svg',
      'image/svg+xml',
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#12355b"/><path d="M6 16 16 7l10 9h-3v9h-5v-6h-4v6H9v-9z" fill="#fff"/></svg>',
      ),
    ),
  );

  loaded = { byUrl, stylesheet: stylesheet.url, script: init.url, htmx: htmx.url, favicon: favicon.url, scripts: [init.url, govukJs.url, mojJs.url, htmx.url], fonts };
  return loaded;
};
