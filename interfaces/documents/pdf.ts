/**
 * The PDF of an issued permit or certificate (pdfkit): Armenian first, English beside it, in Noto Sans
 * Armenian embedded from the @fontsource package (its WOFF files, which pdfkit's fontkit reads and
 * subsets). That package splits the family by script, so each run of text is set in the Armenian or the
 * Latin file as its characters need. A QR code (the `qrcode` package) carries the absolute address of the
 * public page that checks the document against the transparency log.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { IssuedDocument } from '../../application/documents/issued-document';

/** A font file's bytes, read once per process. */
const fontFile = (subset: 'armenian' | 'latin', weight: 400 | 700): Buffer =>
  fs.readFileSync(require.resolve(`@fontsource/noto-sans-armenian/files/noto-sans-armenian-${subset}-${weight}-normal.woff`));

const FONTS = {
  hy: fontFile('armenian', 400),
  hyBold: fontFile('armenian', 700),
  latin: fontFile('latin', 400),
  latinBold: fontFile('latin', 700),
} as const;

/** Armenian letters and punctuation (U+0530–U+058F) and the Armenian ligatures (U+FB13–U+FB17). */
const isArmenian = (c: string): boolean => {
  const cp = c.codePointAt(0) ?? 0;
  return (cp >= 0x0530 && cp <= 0x058f) || (cp >= 0xfb13 && cp <= 0xfb17);
};

/** The text cut into runs of one script each (spaces join the run they are in). */
export const scriptRuns = (text: string): Array<{ armenian: boolean; text: string }> => {
  const runs: Array<{ armenian: boolean; text: string }> = [];
  for (const c of text) {
    const armenian = c === ' ' && runs.length > 0 ? runs[runs.length - 1].armenian : isArmenian(c);
    const last = runs[runs.length - 1];
    if (last && last.armenian === armenian) last.text += c;
    else runs.push({ armenian, text: c });
  }
  return runs;
};

export const verifyUrlOf = (publicUrl: string, applicationId: string): string => `${publicUrl}/verify/${encodeURIComponent(applicationId)}`;

const TITLES = {
  permit: { hy: 'ԹՈՒՅԼՏՎՈՒԹՅՈՒՆ', en: 'PERMIT' },
  certificate: { hy: 'ՏԵՂԵԿԱՆՔ', en: 'CERTIFICATE' },
} as const;

export const renderIssuedDocumentPdf = async (document: IssuedDocument, options: { readonly publicUrl: string }): Promise<Buffer> => {
  const verifyUrl = verifyUrlOf(options.publicUrl, document.applicationId);
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 360 });
  const title = TITLES[document.kind];
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `${title.en} ${document.number} — ${document.communityNameEn}`,
      Author: `${document.communityNameEn} community (Hamaynk)`,
      Subject: document.serviceNameEn,
      CreationDate: new Date(`${document.issuedOn}T00:00:00Z`),
    },
    lang: 'hy-AM',
  });
  pdf.registerFont('hy', FONTS.hy);
  pdf.registerFont('hy-bold', FONTS.hyBold);
  pdf.registerFont('latin', FONTS.latin);
  pdf.registerFont('latin-bold', FONTS.latinBold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const fontOf = (armenian: boolean, bold?: boolean): string => `${armenian ? 'hy' : 'latin'}${bold ? '-bold' : ''}`;

  /** Writes a paragraph in both scripts' fonts (pdfkit wraps the runs of one paragraph together). */
  const write = (text: string, size: number, opts: { bold?: boolean; color?: string; gap?: number } = {}): void => {
    const runs = scriptRuns(text);
    pdf.fontSize(size).fillColor(opts.color ?? '#0b0c0c');
    runs.forEach((run, i) => {
      pdf.font(fontOf(run.armenian, opts.bold));
      pdf.text(run.text, { continued: i < runs.length - 1, width: 483 });
    });
    if (opts.gap) pdf.moveDown(opts.gap);
  };

  /** One centred line: pdfkit would centre each run on its own, so the runs are measured and placed here. */
  const centred = (text: string, size: number, opts: { bold?: boolean; color?: string; gap?: number } = {}): void => {
    const runs = scriptRuns(text);
    pdf.fontSize(size).fillColor(opts.color ?? '#0b0c0c');
    const widths = runs.map((run) => pdf.font(fontOf(run.armenian, opts.bold)).widthOfString(run.text));
    const total = widths.reduce((a, b) => a + b, 0);
    const y = pdf.y;
    let x = 56 + Math.max(0, (483 - total) / 2);
    runs.forEach((run, i) => {
      pdf.font(fontOf(run.armenian, opts.bold)).text(run.text, x, y, { lineBreak: false });
      x += widths[i];
    });
    pdf.x = 56;
    pdf.y = y + pdf.currentLineHeight(true);
    if (opts.gap) pdf.moveDown(opts.gap);
  };

  centred(`${document.communityNameHy} համայնք`, 14, { bold: true });
  centred(`${document.communityNameEn} community`, 10, { color: '#505a5f', gap: 1.2 });
  centred(`${title.hy} N ${document.number}`, 18, { bold: true });
  centred(`${title.en} No. ${document.number}`, 11, { color: '#505a5f', gap: 1.5 });

  const field = (hy: string, en: string, value: string | null): void => {
    if (value === null || value === '') return;
    write(`${hy} / ${en}`, 9, { color: '#505a5f' });
    write(value, 12, { gap: 0.6 });
  };
  field('Տրված է', 'Issued to', document.holderName);
  field('Ծառայություն', 'Service', `${document.serviceNameHy} (${document.serviceNameEn})`);
  field('Դիմումի առարկան', 'Subject', document.subject);
  field('Գրանցման համար', 'Registration number', document.registrationNumber);
  field('Որոշման հիմքը', 'Basis of the decision', document.basis);
  field('Տրման ամսաթիվ', 'Date of issue', document.issuedOn);
  field('Գործում է', 'Valid', document.validFrom && document.validUntil ? `${document.validFrom} – ${document.validUntil}` : null);

  const qrSize = 132;
  const y = Math.max(pdf.y + 16, 600);
  pdf.image(qr, 56, y, { width: qrSize, height: qrSize });
  pdf.x = 56 + qrSize + 16;
  pdf.y = y + 10;
  const note = (text: string, size: number, color = '#0b0c0c'): void => {
    const runs = scriptRuns(text);
    pdf.fontSize(size).fillColor(color);
    runs.forEach((run, i) => {
      pdf.font(fontOf(run.armenian));
      pdf.text(run.text, 56 + qrSize + 16, undefined, { continued: i < runs.length - 1, width: 483 - qrSize - 16 });
    });
  };
  note('Ստուգեք փաստաթղթի իսկությունը համայնքի թափանցիկության մատյանում՝', 10);
  note('Check that this document is genuine in the community’s transparency log:', 9, '#505a5f');
  pdf.moveDown(0.5);
  note(verifyUrl, 9, '#1d70b8');
  pdf.end();
  return done;
};
