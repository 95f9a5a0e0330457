/**
 * Input validation at the edge: class-validator DTOs. A failure is VALIDATION_FAILED listing the fields.
 */
import { validateSync, type ValidationError } from 'class-validator';
import { ValidationFailed } from './errors';

const flatten = (errors: ValidationError[], prefix = ''): Array<{ field: string; messages: string[] }> =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });

/**
 * Copies `input` onto a new DTO instance and validates it; unknown properties are refused.
 * Returns the typed DTO. Nested DTOs must be constructed by the caller's DTO (e.g. with a getter) or flattened.
 */
export const validateInput = <T extends object>(Dto: new () => T, input: unknown, prefix = ''): T => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationFailed('The input must be an object', [prefix || 'input']);
  }
  const dto = Object.assign(new Dto(), input);
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
