/**
 * Canonical JSON (RFC 8785, JCS) via the `canonicalize` library. These bytes are what the store
 * keeps and what the audit log hashes, so anything that is not plain JSON is refused up front
 * rather than silently dropped or coerced (canonicalize itself would emit `undefined` for a function).
 */
import canonicalize from 'canonicalize';
import { ValidationFailed } from './errors';

const describe = (path: string): string => (path === '' ? 'the value' : path);

export const assertJsonValue = (value: unknown, path = ''): void => {
  if (value === null) return;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new ValidationFailed(`${describe(path)} is not a finite number`, [path || 'data']);
      return;
    case 'object': {
      if (Array.isArray(value)) {
        value.forEach((item, i) => assertJsonValue(item, `${path}[${i}]`));
        return;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new ValidationFailed(`${describe(path)} is not a plain JSON object`, [path || 'data']);
      }
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        assertJsonValue(item, path ? `${path}.${key}` : key);
      }
      return;
    }
    default:
      throw new ValidationFailed(`${describe(path)} cannot be stored as JSON (${typeof value})`, [path || 'data']);
  }
};

/** RFC 8785 canonical text of a JSON value; throws ValidationFailed for anything else (cycles included). */
export const canonicalJson = (value: unknown): string => {
  try {
    assertJsonValue(value);
  } catch (e) {
    if (e instanceof RangeError) throw new ValidationFailed('The value is cyclic and cannot be stored as JSON', ['data']);
    throw e;
  }
  const text = canonicalize(value);
  if (text === undefined) throw new ValidationFailed('The value cannot be stored as JSON', ['data']);
  return text;
};

export const canonicalBytes = (value: unknown): Buffer => Buffer.from(canonicalJson(value), 'utf8');
