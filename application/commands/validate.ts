/**
 * Input validation against an input class made of the field rules (fields.ts): a failure is
 * VALIDATION_FAILED naming each field by its path (`input.communityId`). Unknown fields are refused.
 */
import { validateSync, type ValidationError } from 'class-validator';
import { ValidationFailed } from '../errors';
import { fieldsOf, type InputClass } from './fields';

const flatten = (errors: ValidationError[], prefix = ''): Array<{ field: string; messages: string[] }> =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A new instance of `Input` holding `raw`'s fields, nested inputs made instances of their classes too. */
const instantiate = <T extends object>(Input: InputClass<T>, raw: Record<string, unknown>): T => {
  const instance = Object.assign(new Input(), raw) as Record<string, unknown>;
  for (const [key, shape] of fieldsOf(Input)) {
    const value = instance[key];
    if (shape.nested && isPlainObject(value)) instance[key] = instantiate(shape.nested, value);
    else if (shape.nested && Array.isArray(value)) instance[key] = value.map((item: unknown) => (isPlainObject(item) ? instantiate(shape.nested!, item) : item));
  }
  return instance as T;
};

/** Validates `input` against `Input` and returns it as an instance of `Input`. */
export const validateInput = <T extends object>(Input: InputClass<T>, input: unknown, prefix = ''): T => {
  if (!isPlainObject(input)) throw new ValidationFailed('The input must be an object', [prefix || 'input']);
  const dto = instantiate(Input, input);
  const errors = validateSync(dto, { forbidUnknownValues: true, whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const failures = flatten(errors, prefix);
    throw new ValidationFailed(
      `Invalid input: ${failures.map((f) => `${f.field} (${f.messages.join('; ')})`).join(', ')}`,
      failures.map((f) => f.field),
    );
  }
  return dto;
};
