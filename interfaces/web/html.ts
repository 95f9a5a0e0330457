/**
 * A tiny HTML builder that escapes by default: `html\`<p>${text}</p>\`` escapes `text` unless it is
 * already `Html` (the result of another `html\`\`` or of `raw`). Arrays are joined; null, undefined and
 * false render nothing. Attribute values are escaped too (quotes included), so `href="${url}"` is safe
 * for any string; URLs themselves are built by the callers from known paths.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const render = (value: HtmlValue): string => {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
};

export const html = (strings: TemplateStringsArray, ...values: HtmlValue[]): Html => {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
};

/** Trusted markup (built by this module's callers, never from data). */
export const raw = (markup: string): Html => new Html(markup);

export const join = (items: readonly HtmlValue[], separator: HtmlValue = ''): Html => new Html(items.map(render).join(render(separator)));
