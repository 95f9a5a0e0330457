import { createHash } from 'node:crypto';
import { canonicalBytes, canonicalJson } from '../canonical-json';
import { auditLeafBytes, auditLeafHash, type LeafSource } from './leaf';
import { hashLeaf } from './merkle';

const data = { feeId: 'f-1', payerName: 'Արամ Պետրոսյան', amountAmd: 5000, note: 'line\nbreak "quoted" \\ back' };
const metadata = { eventId: 'e-1', actor: { id: 'clerk-1', role: 'staff' }, occurredAt: '2026-11-25T10:00:00.000Z', schemaVersion: 1 };

const source = (overrides: Partial<LeafSource> = {}): LeafSource => ({
  streamId: 'fee-f-1',
  type: 'FeeAssessed',
  revision: 3,
  position: 12345678901234567890n,
  dataBytes: canonicalBytes(data),
  metadataBytes: canonicalBytes(metadata),
  ...overrides,
});

describe('audit leaf bytes', () => {
  test('are the RFC 8785 canonical JSON of { data, metadata, position, revision, stream, type }', () => {
    const expected = canonicalJson({ type: 'FeeAssessed', stream: 'fee-f-1', revision: 3, position: '12345678901234567890', data, metadata });
    expect(auditLeafBytes(source()).toString('utf8')).toBe(expected);
    expect(auditLeafBytes(source()).toString('utf8').startsWith('{"data":{"amountAmd":5000,"feeId":"f-1","note":"line\\nbreak')).toBe(true);
  });

  test('the leaf hash is SHA-256(0x00 ‖ leaf bytes)', () => {
    const bytes = auditLeafBytes(source());
    expect(auditLeafHash(source()).equals(hashLeaf(bytes))).toBe(true);
    expect(auditLeafHash(source()).equals(createHash('sha256').update(Buffer.concat([Buffer.from([0]), bytes])).digest())).toBe(true);
  });

  test('are built from the stored bytes: changing any one byte of data or metadata changes the leaf', () => {
    const base = auditLeafHash(source());
    const stored = canonicalBytes(data);
    for (let i = 0; i < stored.length; i++) {
      const changed = Buffer.from(stored);
      changed[i] ^= 0x01;
      expect(auditLeafHash(source({ dataBytes: changed })).equals(base)).toBe(false);
    }
    const md = Buffer.from(canonicalBytes(metadata));
    md[md.length - 2] ^= 0x02;
    expect(auditLeafHash(source({ metadataBytes: md })).equals(base)).toBe(false);
    // Bytes that decode to the same JSON value but are not the stored ones give another leaf.
    const spaced = Buffer.from(JSON.stringify(data, null, 1));
    expect(auditLeafHash(source({ dataBytes: spaced })).equals(base)).toBe(false);
  });

  test('every envelope field is bound into the leaf', () => {
    const base = auditLeafHash(source());
    for (const o of [{ streamId: 'fee-f-2' }, { type: 'FeeCancelled' }, { revision: 4 }, { position: 12345678901234567891n }]) {
      expect(auditLeafHash(source(o)).equals(base)).toBe(false);
    }
  });
});
