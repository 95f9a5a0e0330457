/**
 * A small RFC 4180 CSV writer: fields separated by commas, records by CRLF; a field containing a comma,
 * a double quote, CR or LF is enclosed in double quotes with inner quotes doubled. The document starts
 * with a UTF-8 byte order mark so spreadsheet programs (Excel) read Armenian text correctly.
 */
export type CsvValue = string | number | null;

export const BOM = '\uFEFF';

export const csvField = (value: CsvValue): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The CSV document of `records` (the first is the header), BOM included, every record ended by CRLF. */
export const toCsv = (records: ReadonlyArray<ReadonlyArray<CsvValue>>): string => BOM + records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');

/**
 * Parses an RFC 4180 document (BOM tolerated) back into records: used by tests to compare a download
 * with the table on the page.
 */
export const parseCsv = (text: string): string[][] => {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"') {
      quoted = true;
      i += 1;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && input[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
};
