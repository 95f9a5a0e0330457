/**
 * The file store on MongoDB: GridFS bucket `files` of the read store's database, shared by every API
 * process. A file's GridFS filename is its SHA-256; GridFS writes the chunks first and the file document
 * last, so a file whose document exists is whole. Two processes storing the same content at once may leave
 * two equal copies under the same name; either answers.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GridFSBucket, type Db } from 'mongodb';
import { SHA256_PATTERN, type FileStore, type StoredFile } from '../../application/ports/file-store';

export const FILES_BUCKET = 'files';

export class GridFsFileStore implements FileStore {
  readonly kind = 'gridfs' as const;
  private readonly bucket: GridFSBucket;

  constructor(db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: FILES_BUCKET });
  }

  async put(content: Uint8Array): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (await this.stat(sha256)) return { sha256, size: content.byteLength };
    await new Promise<void>((resolve, reject) => {
      const upload = this.bucket.openUploadStream(sha256, { metadata: { sha256 } });
      upload.once('error', reject);
      upload.once('finish', () => resolve());
      upload.end(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    });
    return { sha256, size: content.byteLength };
  }

  async stat(sha256: string): Promise<StoredFile | null> {
    if (!SHA256_PATTERN.test(sha256)) return null;
    const [file] = await this.bucket.find({ filename: sha256 }).limit(1).toArray();
    return file ? { sha256, size: file.length } : null;
  }

  async read(sha256: string): Promise<Readable | null> {
    if (!SHA256_PATTERN.test(sha256)) return null;
    const [file] = await this.bucket.find({ filename: sha256 }).limit(1).toArray();
    return file ? this.bucket.openDownloadStream(file._id) : null;
  }

  async close(): Promise<void> {
    // The database connection belongs to the read store.
  }
}
