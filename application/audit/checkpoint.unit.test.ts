/**
 * Signed notes and checkpoints against the reference example of golang.org/x/mod/sumdb/note
 * (note_test.go): Ed25519 is deterministic, so signing the same text with the same key must give the
 * published signature byte for byte.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  checkpointText,
  ed25519KeyId,
  ed25519PrivateKeyFromSeed,
  ed25519Signer,
  openCheckpoint,
  openNote,
  parseCheckpointText,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  verifierKeyString,
} from './checkpoint';
import { EMPTY_ROOT, hashLeaf } from './merkle';

const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const SIG_LINE = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const NOTE = `${TEXT}\n${SIG_LINE}`;

const referenceSigner = () => {
  const seed = Buffer.from(SKEY.split('+').slice(4).join('+'), 'base64');
  expect(seed[0]).toBe(0x01);
  return ed25519Signer('PeterNeumann', ed25519PrivateKeyFromSeed(seed.subarray(1)));
};

describe('C2SP signed notes', () => {
  test('key id, verifier key and signature match the sumdb reference example byte for byte', () => {
    const signer = referenceSigner();
    expect(signer.keyId.toString('hex')).toBe('c74f20a3');
    expect(signer.verifierKey).toBe(VKEY);
    expect(verifierKeyString('PeterNeumann', signer.publicKey)).toBe(VKEY);
    expect(ed25519KeyId('PeterNeumann', signer.publicKey).toString('hex')).toBe('c74f20a3');
    expect(signNote(TEXT, signer)).toBe(NOTE);
  });

  test('the reference note opens with the reference verifier key; any change is refused', () => {
    const verifier = parseVerifierKey(VKEY);
    expect(openNote(NOTE, [verifier])).toEqual({ text: TEXT, verifiedBy: ['PeterNeumann'] });
    expect(() => openNote(NOTE.replace('cryptography', 'cryptographY'), [verifier])).toThrow('does not verify');
    expect(() => openNote(NOTE.replace('x08go', 'x08gp'), [verifier])).toThrow();
    expect(() => openNote(NOTE, [])).toThrow('not signed by a known key');
    // A key with the same name but another id is unknown, not a failure of the known one.
    const other = ed25519Signer('PeterNeumann', generateKeyPairSync('ed25519').privateKey);
    expect(() => openNote(NOTE, [parseVerifierKey(other.verifierKey)])).toThrow('not signed by a known key');
    // Signatures of unknown keys are ignored beside a known one.
    const both = NOTE + signNote(TEXT, other).slice(TEXT.length + 1);
    expect(openNote(both, [verifier]).verifiedBy).toEqual(['PeterNeumann']);
  });

  test('malformed verifier keys are refused', () => {
    expect(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow('does not match');
    expect(() => parseVerifierKey('PeterNeumann+c74f20a3+AhpcQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow();
    expect(() => parseVerifierKey('PeterNeumann+c74f20a3')).toThrow();
    expect(() => parseVerifierKey('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow();
  });

  test('notes with control characters or no final newline cannot be signed', () => {
    const signer = referenceSigner();
    expect(() => signNote('no newline', signer)).toThrow();
    expect(() => signNote('tab\there\n', signer)).toThrow();
  });
});

describe('checkpoints', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = ed25519Signer('hamaynk.am/test-log', privateKey);
  const root = Buffer.alloc(32, 7);

  test('a checkpoint is origin, size and base64 root, signed as a note by the origin key', () => {
    const note = signCheckpoint(signer, 'hamaynk.am/test-log', 42, root);
    const [text, sig] = note.split('\n\n');
    expect(text).toBe(`hamaynk.am/test-log\n42\n${root.toString('base64')}`);
    expect(sig).toMatch(/^— hamaynk\.am\/test-log [A-Za-z0-9+/]{91}=\n$/);
    expect(Buffer.from(sig.split(' ')[2], 'base64').subarray(0, 4).equals(signer.keyId)).toBe(true);
    const verifier = parseVerifierKey(signer.verifierKey);
    expect(openCheckpoint(note, [verifier], 'hamaynk.am/test-log')).toEqual({ origin: 'hamaynk.am/test-log', treeSize: 42, rootHash: root });
    expect(() => openCheckpoint(note, [verifier], 'hamaynk.am/other')).toThrow('not "hamaynk.am/other"');
    expect(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), [verifier])).toThrow('does not verify');
  });

  test('checkpoint text is parsed strictly', () => {
    expect(parseCheckpointText(checkpointText('o', 0, EMPTY_ROOT))).toEqual({ origin: 'o', treeSize: 0, rootHash: EMPTY_ROOT });
    expect(() => parseCheckpointText(`o\n012\n${EMPTY_ROOT.toString('base64')}\n`)).toThrow('leading zeros');
    expect(() => parseCheckpointText('o\n1\nAAAA\n')).toThrow('32 bytes');
    expect(() => parseCheckpointText('o\n1\n')).toThrow();
    expect(parseCheckpointText(`o\n1\n${EMPTY_ROOT.toString('base64')}\nextension\n`).treeSize).toBe(1);
  });
});

describe('the example in docs/audit.md', () => {
  test('its checkpoint verifies with its verifier key and commits to its one leaf', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/audit.md'), 'utf8');
    const note = /```\n(hamaynk\.am\/log-[0-9a-f]{16}\n1\n[^\n]+\n\n— [^\n]+\n)```/.exec(doc)?.[1] as string;
    const key = /`(hamaynk\.am\/log-[0-9a-f]{16}\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+)`/.exec(doc)?.[1] as string;
    const leafHash = /leaf hash ([0-9a-f]{64})/.exec(doc)?.[1] as string;
    const leafBytes = /\n(\{"data":[^\n]+)\nleaf hash/.exec(doc)?.[1] as string;
    expect(hashLeaf(Buffer.from(leafBytes, 'utf8')).toString('hex')).toBe(leafHash);
    const cp = openCheckpoint(note, [parseVerifierKey(key)]);
    expect(cp.treeSize).toBe(1);
    expect(cp.rootHash.toString('hex')).toBe(leafHash);
  });
});
