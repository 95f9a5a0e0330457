/**
 * Speaking HTTP to a test workspace (test-workspace.ts) as a person with a bearer token, and reading what a
 * page shows: its text, the hidden fields of a command's form. Only for tests.
 */
import type { TestWorkspace } from './test-workspace';

export interface PageResponse {
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
}

export const httpOf = (ws: () => TestWorkspace) => ({
  get: async (path: string, token?: string): Promise<PageResponse> => {
    const res = await fetch(`${ws().base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  },
  post: async (path: string, fields: Record<string, string>, token: string): Promise<PageResponse> => {
    const res = await fetch(`${ws().base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded', cookie: 'hamaynk_lang=en' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  },
  head: async (): Promise<string | null> => (await ws().hamaynk.eventStore.headPosition())?.toString() ?? null,
});

/** The hidden inputs of the form with id `form-<name>` on a page. */
export const formOf = (html: string, name: string): Record<string, string> => {
  const start = html.indexOf(`id="form-${name}"`);
  if (start < 0) throw new Error(`No form ${name} on the page`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const hidden: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) hidden[m[1]] = m[2];
  return hidden;
};

/** The HTML of the form with id `form-<name>`. */
export const formHtml = (html: string, name: string): string => {
  const start = html.indexOf(`id="form-${name}"`);
  if (start < 0) throw new Error(`No form ${name} on the page`);
  return html.slice(start, html.indexOf('</form>', start));
};

/** Text with tags and runs of white space removed, for asserting what a reader sees. */
export const textOf = (html: string): string => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** The case id a creating command's 303 names: /staff/<kind>/<id>?done=<command>. */
export const createdId = (res: PageResponse, kind: string, command: string): string => {
  const id = new RegExp(`^/staff/${kind}/([^?]+)\\?done=${command}$`).exec(res.location ?? '')?.[1];
  if (res.status !== 303 || !id) throw new Error(`Expected a 303 to the new ${kind}, got ${res.status} ${res.location}: ${textOf(res.body).slice(0, 600)}`);
  return decodeURIComponent(id);
};
