/**
 * The multi-machine deployment as written (docker-compose.yml, Dockerfile, deploy/nginx.conf), checked
 * without a Docker engine: the services it starts, that exactly one process signs the audit tree with
 * the key from a Docker secret, that no secret has a default, that the image runs as a non-root user
 * with production dependencies only, and that the load balancer spreads requests over both API
 * processes and upgrades graphql-ws on /graphql.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { findDirectives, parseNginxConfig, type NginxDirective } from '../support/nginx-config';

const root = path.resolve(__dirname, '../..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  secrets?: Array<string | { source: string; target?: string }>;
  ports?: unknown[];
  volumes?: Array<string | { type: string; source: string; target: string }>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] | string };
}

interface ComposeFile {
  services: Record<string, Service>;
  secrets?: Record<string, { file?: string; environment?: string }>;
  volumes?: Record<string, unknown>;
}

/** Compose resolves YAML merge keys (`<<: *anchor`) as YAML 1.1 did. */
const compose = parse(read('docker-compose.yml'), { merge: true }) as ComposeFile;
const services = compose.services;
const env = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
/** The services that run Hamaynk's own image. */
const hamaynkServices = Object.keys(services).filter((name) => services[name].build !== undefined);
const apiServices = ['api-1', 'api-2'];
const secretNames = (s: Service): string[] => (s.secrets ?? []).map((x) => (typeof x === 'string' ? x : x.source));
const dependsOn = (s: Service): string[] => (Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {}));

describe('docker-compose.yml', () => {
  it('starts the event log, the read store, one projector, two API processes and a load balancer', () => {
    expect(Object.keys(services).sort()).toEqual(['api-1', 'api-2', 'eventstore', 'lb', 'mongodb', 'projector']);
    expect(hamaynkServices.sort()).toEqual(['api-1', 'api-2', 'projector']);
    for (const name of apiServices) {
      expect(services[name].command).toEqual(['serve', '--projections', 'off']);
      expect(env(name)).toMatchObject({ SEED: 'none', GRAPHIQL: 'off', TRUST_PROXY: '1', EVENTSTORE_URL: expect.stringMatching(/^esdb:\/\/eventstore:2113/), MONGODB_URL: expect.stringMatching(/^mongodb:\/\/mongodb:27017\//) });
      expect(services[name].healthcheck?.test).toEqual(expect.arrayContaining([expect.stringContaining('/health')]));
    }
    expect(services.projector.command).toEqual(['projector']);
    expect(env('projector')).toMatchObject({ SEED: 'none', EVENTSTORE_URL: env('api-1').EVENTSTORE_URL, MONGODB_URL: env('api-1').MONGODB_URL });
  });

  it('builds Hamaynk once, from the Dockerfile, and installs or compiles nothing when a container starts', () => {
    for (const name of hamaynkServices) {
      const s = services[name];
      expect([s.build, s.image]).toEqual(['.', 'hamaynk:local']);
      expect(JSON.stringify(s.command)).not.toMatch(/npm|tsc|tar /);
      // No source folder mounted into the container: the image carries dist/.
      for (const v of s.volumes ?? []) expect(typeof v === 'string' ? v : v.source).not.toMatch(/^\.\.?\//);
    }
  });

  it('has exactly one process that signs the audit tree, with the Ed25519 key given as a Docker secret file', () => {
    // The code signs unless told otherwise (AUDIT_SIGNER defaults to on), so every Hamaynk service says which it is.
    for (const name of hamaynkServices) expect(['on', 'off']).toContain(env(name).AUDIT_SIGNER);
    const signers = hamaynkServices.filter((name) => env(name).AUDIT_SIGNER === 'on');
    expect(signers).toEqual(['projector']);
    const [secret] = secretNames(services.projector);
    expect(secretNames(services.projector)).toEqual([secret]);
    expect(env('projector').AUDIT_SIGNING_KEY_FILE).toBe(`/run/secrets/${secret}`);
    expect(compose.secrets?.[secret]?.file).toMatch(/^\$\{AUDIT_SIGNING_KEY_PATH:-\.\/secrets\/[\w-]+\.pem\}$/);
    // The processes that only serve the tree get no key of any kind.
    for (const name of hamaynkServices.filter((n) => !signers.includes(n))) {
      expect(secretNames(services[name])).toEqual([]);
      expect(env(name).AUDIT_SIGNING_KEY_FILE).toBeUndefined();
    }
  });

  it('keeps each process its own data volume, with no host port but the load balancer’s', () => {
    const dataVolumes = hamaynkServices.map((name) => (services[name].volumes ?? []).map(String).find((v) => v.endsWith(':/data')));
    expect(new Set(dataVolumes).size).toBe(hamaynkServices.length);
    const published = Object.keys(services).filter((name) => (services[name].ports ?? []).length > 0);
    expect(published).toEqual(['lb']);
  });

  it('requires JWT_SECRET from the environment, with no default, and ships no placeholder secret', () => {
    for (const name of hamaynkServices) {
      // `${VAR:?message}`: compose refuses to start when it is unset or empty.
      expect(env(name).JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?[^}]+\}$/);
    }
    const secretLike = /SECRET|PASSWORD|TOKEN|PRIVATE_KEY$/;
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (!secretLike.test(key) || key.endsWith('_FILE')) continue;
        // A secret is either required from the environment or read from a secret file; never a value in the file.
        expect({ service: name, key, value: String(value) }).toEqual({ service: name, key, value: expect.stringMatching(/^\$\{[A-Z_]+:\?[^}]+\}$/) });
      }
    }
    expect(read('docker-compose.yml')).not.toMatch(/change-me|changeme|placeholder/i);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile')
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const stages = dockerfile.split(/^FROM\s+/m).slice(1);
  const stage = (name: string): string => stages.find((s) => new RegExp(`^\\S+\\s+AS\\s+${name}\\b`, 'i').test(s)) ?? '';

  it('installs and builds once in a build stage, then prunes the dev dependencies', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stage('build')).toMatch(/RUN npm ci\b/);
    expect(stage('build')).toMatch(/npm run build/);
    expect(stage('build')).toMatch(/npm prune --omit=dev/);
  });

  it('runs dist/ with production dependencies only, as a non-root user', () => {
    const runtime = stages[stages.length - 1];
    expect(runtime).toMatch(/^\S+\s+AS\s+runtime\b/i);
    expect(runtime).not.toMatch(/npm (ci|install)|tsc/);
    expect(runtime).toMatch(/COPY --from=build .*\/app\/node_modules/);
    expect(runtime).toMatch(/COPY --from=build .*\/app\/dist\/interfaces/);
    const users = [...runtime.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:.*)?$/);
    expect(runtime).toMatch(/ENTRYPOINT \["node", "bin\/hamaynk\.js"\]/);
    expect(runtime).not.toMatch(/^COPY (?!--from)(--chown=\S+ )?\.\s/m);
  });

  it('leaves secrets, data and local builds out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', 'data', 'secrets', '*.pem', '.env']));
  });

  it('needs no dev dependency at run time: every package the runtime code imports is a production dependency', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const runtimeFolders = ['domain', 'application', 'projections', 'infrastructure', 'interfaces', 'seed'];
    const files = runtimeFolders.flatMap((folder) =>
      (fs.readdirSync(path.join(root, folder), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => path.join(folder, f)),
    );
    expect(files.length).toBeGreaterThan(50);
    const imported = new Set<string>();
    for (const file of files) {
      const source = read(file).replace(/^\s*(\/\/|\*).*$/gm, '');
      for (const m of source.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"]([^'".][^'"]*)['"]/g)) {
        // `${…}`: a module specifier the code writes into a script it serves (a URL), not one it imports.
        if (m[1].startsWith('node:') || m[1].startsWith('${')) continue;
        const [scopeOrName, name] = m[1].split('/');
        // Type-only imports vanish from the compiled code.
        const line = source.slice(source.lastIndexOf('\n', m.index) + 1, source.indexOf('\n', m.index));
        if (/^\s*import\s+type\b/.test(line)) continue;
        imported.add(scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName);
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    const missing = [...imported].filter((name) => !(name in pkg.dependencies));
    expect(missing).toEqual([]);
  });
});

describe('deploy/nginx.conf, the load balancer', () => {
  const config = parseNginxConfig(read('deploy/nginx.conf'));
  const servers = findDirectives(config, 'server').filter((d) => d.block && d.name === 'server');
  const upstreams = findDirectives(config, 'upstream');
  const locations = findDirectives(config, 'location');
  const header = (location: NginxDirective, name: string): string | undefined =>
    (location.block ?? []).find((d) => d.name === 'proxy_set_header' && d.args[0].toLowerCase() === name.toLowerCase())?.args.slice(1).join(' ');

  it('is mounted into the official nginx image and waits for both API processes', () => {
    expect(services.lb.image).toMatch(/^nginx:[\w.-]+$/);
    expect(services.lb.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(dependsOn(services.lb).sort()).toEqual(apiServices);
    const listen = findDirectives(config, 'listen')[0]?.args[0];
    expect(services.lb.ports).toEqual([expect.stringMatching(new RegExp(`:${listen}$`))]);
  });

  it('lists both API processes, on the port they listen on, in one upstream every location proxies to', () => {
    expect(upstreams).toHaveLength(1);
    const [upstream] = upstreams;
    const members = (upstream.block ?? []).filter((d) => d.name === 'server').map((d) => d.args[0]);
    expect(members.sort()).toEqual(apiServices.map((name) => `${name}:${env(name).PORT}`));
    expect(locations.length).toBeGreaterThan(0);
    for (const location of locations) {
      expect((location.block ?? []).find((d) => d.name === 'proxy_pass')?.args).toEqual([`http://${upstream.args[0]}`]);
      // TRUST_PROXY=1 on the API processes believes exactly this hop.
      expect(header(location, 'X-Forwarded-For')).toBe('$proxy_add_x_forwarded_for');
    }
    expect(servers.length).toBeGreaterThan(0);
  });

  it('upgrades WebSocket handshakes on /graphql for graphql-ws subscriptions, over HTTP/1.1, without a 60 s idle cut', () => {
    const graphql = locations.find((l) => l.args.join(' ') === '= /graphql');
    expect(graphql).toBeDefined();
    const g = graphql as NginxDirective;
    expect(header(g, 'Upgrade')).toBe('$http_upgrade');
    expect(header(g, 'Connection')).toBe('$connection_upgrade');
    const map = findDirectives(config, 'map').find((m) => m.args.join(' ') === '$http_upgrade $connection_upgrade');
    expect(map?.block?.find((d) => d.name === 'default')?.args).toEqual(['upgrade']);
    const httpVersion = findDirectives(config, 'proxy_http_version').map((d) => d.args[0]);
    expect(httpVersion).toEqual(['1.1']);
    const readTimeout = (g.block ?? []).find((d) => d.name === 'proxy_read_timeout')?.args[0] ?? '60s';
    expect(readTimeout).toMatch(/^[0-9]+(h|m)$/);
  });
});
