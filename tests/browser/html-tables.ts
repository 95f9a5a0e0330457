/**
 * Reads the tables of a server-rendered page without a browser: for each `data-table` block, its header
 * labels and, per cell, the value a download must contain (`<data value>`, `<time datetime>`, else the
 * text). Also extracts the download links. Enough for our own markup; not a general HTML parser.
 */
export interface PageTable {
  readonly id: string;
  readonly caption: string;
  readonly header: string[];
  readonly rows: string[][];
  readonly csvHref: string;
  readonly jsonHref: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export const unescapeHtml = (text: string): string => text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

const stripTags = (markup: string): string => unescapeHtml(markup.replace(/<[^>]*>/g, '')).trim();

/** The value a cell stands for. */
export const cellValue = (cell: string): string => {
  const data = /<data value="([^"]*)"/.exec(cell);
  if (data) return unescapeHtml(data[1]);
  const time = /<time datetime="([^"]*)"/.exec(cell);
  if (time) return unescapeHtml(time[1]);
  return stripTags(cell);
};

export const pageTables = (page: string): PageTable[] => {
  const tables: PageTable[] = [];
  const blockRe = /<div class="table-block" id="[^"]*" data-table="([^"]+)">([\s\S]*?)<p class="open-data">([\s\S]*?)<\/p>/g;
  for (let m = blockRe.exec(page); m !== null; m = blockRe.exec(page)) {
    const [, id, body, links] = m;
    const caption = stripTags(/<caption[^>]*>([\s\S]*?)<\/caption>/.exec(body)?.[1] ?? '');
    const thead = /<thead[^>]*>([\s\S]*?)<\/thead>/.exec(body)?.[1] ?? '';
    const header = [...thead.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((c) => stripTags(c[1]));
    const tbody = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
    const rows = [...tbody.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => cellValue(c[1])));
    const csvHref = unescapeHtml(/href="([^"]*)"[^>]*data-format="csv"/.exec(links)?.[1] ?? '');
    const jsonHref = unescapeHtml(/href="([^"]*)"[^>]*data-format="json"/.exec(links)?.[1] ?? '');
    tables.push({ id, caption, header, rows, csvHref, jsonHref });
  }
  return tables;
};
