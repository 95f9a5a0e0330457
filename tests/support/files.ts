/** Small real files for upload tests: each starts with its format's signature, as `file-type` reads it. */
import { PNG } from 'pngjs';

/** A 2×2 PNG image. */
export const pngFile = (): Buffer => PNG.sync.write(new PNG({ width: 2, height: 2 }));

/** A one-page PDF (enough of one for a reader of magic bytes), padded to `size` bytes when asked. */
export const pdfFile = (size?: number): Buffer => {
  const body = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  return size === undefined ? body : Buffer.concat([body, Buffer.alloc(size - body.length, 0x20)]);
};

/** A JPEG's signature and a JFIF header. */
export const jpegFile = (): Buffer => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
