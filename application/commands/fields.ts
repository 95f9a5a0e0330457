/**
 * The field rules every command input is built from: one set for the whole project (ids, codes,
 * texts, dates, money, counts, choices, lists, nested inputs). Each rule applies its class-validator
 * checks and records the field's GraphQL type, so an input class is the one description of a
 * command's arguments: the pipeline validates with it and the GraphQL schema is printed from it.
 * Rules check shape only; what depends on the aggregate's state is the decider's to say.
 */
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  buildMessage,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { MAX_AMD } from '../../domain/fee/state';
import { isIsoDate, isIsoDateTime } from '../../domain/kernel/time';
import { EMAIL_PATTERN, MAX_EMAIL, PHONE_PATTERN } from '../../domain/contact/commands';
import { PERSONAL_ID_PATTERN } from '../../domain/staff-directory/commands';

export const MAX_ID = 200;
export const MAX_NAME = 200;
export const MAX_TEXT = 100_000;
/** Community codes, service codes, office ids: letters, digits, `_`, `.`, `-` (they appear in stream ids). */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Aggregate ids (UUIDs), resident and staff ids. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/;

/** What a field is in GraphQL: its type (without `!`), whether it may be left out, and its description. */
export interface FieldShape {
  readonly graphqlType: string;
  readonly optional: boolean;
  readonly description?: string;
  /** For a nested input object: its class. */
  readonly nested?: InputClass;
  /** What kind of value the field takes, for the forms the pages generate (GraphQL printing ignores it). */
  readonly form?: FormShape;
}

/** A field's value as a form asks for it: its kind, and the choices or bounds a form input shows. */
export interface FormShape {
  readonly kind: 'id' | 'code' | 'text' | 'name' | 'date' | 'date-time' | 'amd' | 'count' | 'one-of' | 'flag' | 'url' | 'text-list' | 'code-list' | 'id-list' | 'nested' | 'nested-list';
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
}

export type InputClass<T extends object = object> = new () => T;

export interface FieldOptions {
  /** The field may be absent or null. */
  readonly optional?: boolean;
  readonly description?: string;
}

const shapes = new WeakMap<object, Map<string, FieldShape>>();

const record = (target: object, key: string | symbol, shape: FieldShape): void => {
  const ctor = (target as { constructor: object }).constructor;
  let own = shapes.get(ctor);
  if (!own) shapes.set(ctor, (own = new Map()));
  own.set(String(key), shape);
};

/** The fields of an input class in declaration order, a base class's first. */
export const fieldsOf = (Input: InputClass): ReadonlyArray<readonly [string, FieldShape]> => {
  const chain: object[] = [];
  for (let c: object | null = Input; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as object | null) chain.unshift(c);
  const fields = new Map<string, FieldShape>();
  for (const c of chain) for (const [k, v] of shapes.get(c) ?? []) fields.set(k, v);
  return [...fields];
};

/** The GraphQL name of an input class used as a nested input object (its `graphqlName`, else its class name). */
export const inputTypeName = (Input: InputClass): string => (Input as { graphqlName?: string }).graphqlName ?? Input.name;

type Check = (target: object, key: string | symbol) => void;

const rule =
  (graphqlType: string, checks: readonly Check[], options: FieldOptions = {}, form?: FormShape, nested?: InputClass): PropertyDecorator =>
  (target, key) => {
    if (options.optional) IsOptional()(target, key);
    for (const check of checks) check(target, key);
    record(target, key, { graphqlType, optional: options.optional === true, description: options.description, nested, form });
  };

const notBlank = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'notBlank', validator: { validate: (v) => typeof v === 'string' && v.trim().length > 0, defaultMessage: buildMessage((each) => `${each}$property must not be blank`, options) } },
    options,
  );

const realDate = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isIsoDate', validator: { validate: (v) => isIsoDate(v), defaultMessage: buildMessage((each) => `${each}$property must be a real date YYYY-MM-DD`, options) } },
    options,
  );

const realDateTime = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isIsoDateTime',
      validator: {
        validate: (v) => isIsoDateTime(v),
        defaultMessage: buildMessage((each) => `${each}$property must be an ISO 8601 date-time with a time zone, e.g. 2024-03-01T10:00:00Z`, options),
      },
    },
    options,
  );

const idMessage = '$property must be an id of 1 to 200 letters, digits or "_.:@-"';
const codeMessage = '$property must be 1 to 64 letters, digits, "_", "." or "-"';

/** An aggregate, resident or staff id (GraphQL `ID`, or `String` when the contract says so). */
export const Id = (options: FieldOptions & { readonly graphqlType?: 'ID' | 'String' } = {}): PropertyDecorator =>
  rule(options.graphqlType ?? 'ID', [IsString(), Matches(ID_PATTERN, { message: idMessage })], options, { kind: 'id', maxLength: MAX_ID });

/** A community's code (GraphQL `ID`). */
export const CommunityCode = (options: FieldOptions = {}): PropertyDecorator => rule('ID', [IsString(), Matches(CODE_PATTERN, { message: codeMessage })], options, { kind: 'code', maxLength: 64 });

/** A service code, office id or other short code (GraphQL `String`). */
export const Code = (options: FieldOptions = {}): PropertyDecorator => rule('String', [IsString(), Matches(CODE_PATTERN, { message: codeMessage })], options, { kind: 'code', maxLength: 64 });

/** A person's public service number (ՀԾՀ): exactly 10 digits (GraphQL `String`). */
export const PersonalId = (options: FieldOptions = {}): PropertyDecorator =>
  rule('String', [IsString(), Matches(PERSONAL_ID_PATTERN, { message: '$property must be a public service number (ՀԾՀ) of exactly 10 digits' })], options);

/** An email address (at most 254 characters, one recipient, no spaces). */
export const Email = (options: FieldOptions = {}): PropertyDecorator =>
  rule('String', [IsString(), MaxLength(MAX_EMAIL), Matches(EMAIL_PATTERN, { message: '$property must be one email address, e.g. anna@example.am' })], options);

/** A phone number in international form (`+`, country code, digits; spaces and dashes allowed). */
export const Phone = (options: FieldOptions = {}): PropertyDecorator =>
  rule('String', [IsString(), MaxLength(32), ValidateBy({ name: 'isPhone', validator: { validate: (v) => typeof v === 'string' && PHONE_PATTERN.test(v.replace(/[\s\-().]/g, '')), defaultMessage: () => '$property must be a phone number in international form, e.g. +37491234567' } })], options);

/** Non-blank text of at most `max` characters, in Armenian or any other script. */
export const Text = (max: number = MAX_TEXT, options: FieldOptions = {}): PropertyDecorator => rule('String', [IsString(), notBlank(), MaxLength(max)], options, { kind: max <= MAX_NAME ? 'name' : 'text', maxLength: max });

/** A name or title: non-blank, at most 200 characters. */
export const Name = (options: FieldOptions = {}): PropertyDecorator => Text(MAX_NAME, options);

/** A real calendar date written YYYY-MM-DD. */
export const IsoDate = (options: FieldOptions = {}): PropertyDecorator => rule('String', [realDate()], options, { kind: 'date' });

/** An ISO 8601 date-time with an offset or Z that is a real instant. */
export const IsoDateTime = (options: FieldOptions = {}): PropertyDecorator => rule('String', [realDateTime()], options, { kind: 'date-time' });

/** A whole number of drams from `min` (default 0) to 10^12. */
export const Amd = (options: FieldOptions & { readonly min?: number } = {}): PropertyDecorator =>
  rule('Amd', [IsInt({ message: '$property must be a whole number of drams' }), Min(options.min ?? 0), Max(MAX_AMD)], options, { kind: 'amd', min: options.min ?? 0, max: MAX_AMD });

/** A whole number from `min` to `max`. */
export const Count = (min: number, max: number, options: FieldOptions = {}): PropertyDecorator => rule('Int', [IsInt(), Min(min), Max(max)], options, { kind: 'count', min, max });

/** One of the given strings. */
export const OneOf = (values: readonly string[], options: FieldOptions = {}): PropertyDecorator => rule('String', [IsIn([...values])], options, { kind: 'one-of', choices: values });

export const Flag = (options: FieldOptions = {}): PropertyDecorator => rule('Boolean', [IsBoolean()], options, { kind: 'flag' });

/** An http or https address. */
export const Url = (options: FieldOptions = {}): PropertyDecorator =>
  rule('String', [IsString(), MaxLength(2000), Matches(/^https?:\/\/[^\s/]+\.[^\s]+$/i, { message: '$property must be an http or https address' })], options, { kind: 'url', maxLength: 2000 });

/** A SHA-256 written as 64 lower-case hex digits (GraphQL `String`): a file in the file store. */
export const Sha256 = (options: FieldOptions = {}): PropertyDecorator =>
  rule('String', [IsString(), Matches(/^[0-9a-f]{64}$/, { message: '$property must be a SHA-256 of 64 lower-case hex digits' })], options);

/** A list of non-blank texts of at most `maxLength` characters each. */
export const TextList = (maxItems: number, options: FieldOptions & { readonly maxLength?: number } = {}): PropertyDecorator =>
  rule(
    '[String!]',
    [IsArray(), ArrayMaxSize(maxItems), IsString({ each: true }), notBlank({ each: true }), MaxLength(options.maxLength ?? MAX_NAME, { each: true })],
    options,
    { kind: 'text-list', max: maxItems, maxLength: options.maxLength ?? MAX_NAME },
  );

/** A list of distinct community codes. */
export const CommunityCodeList = (minItems: number, maxItems: number, options: FieldOptions = {}): PropertyDecorator =>
  rule(
    '[ID!]',
    [IsArray(), ArrayMinSize(minItems), ArrayMaxSize(maxItems), ArrayUnique(), Matches(CODE_PATTERN, { each: true, message: 'each of $property must be a community code' })],
    options,
    { kind: 'code-list', min: minItems, max: maxItems },
  );

/** A list of distinct ids (GraphQL `[ID!]`). */
export const IdList = (minItems: number, maxItems: number, options: FieldOptions = {}): PropertyDecorator =>
  rule('[ID!]', [IsArray(), ArrayMinSize(minItems), ArrayMaxSize(maxItems), ArrayUnique(), Matches(ID_PATTERN, { each: true, message: `each of ${idMessage}` })], options, {
    kind: 'id-list',
    min: minItems,
    max: maxItems,
  });

/** A list of nested input objects (GraphQL: `[<class name>!]`). */
export const NestedList = (Input: InputClass, maxItems: number, options: FieldOptions = {}): PropertyDecorator =>
  rule(`[${inputTypeName(Input)}!]`, [IsArray(), ArrayMaxSize(maxItems), IsObject({ each: true }), ValidateNested({ each: true })], options, { kind: 'nested-list', max: maxItems }, Input);

/** A nested input object (GraphQL: an input type named after the class). */
export const Nested = (Input: InputClass, options: FieldOptions = {}): PropertyDecorator => rule(inputTypeName(Input), [IsObject(), ValidateNested()], options, { kind: 'nested' }, Input);
