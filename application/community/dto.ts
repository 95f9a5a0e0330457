/**
 * Inputs of the community mutations (API.md), checked at the edge with class-validator.
 * The custom decorators here (real ISO dates, non-blank text) are reused by the application DTOs.
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
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { CMIS_EDITIONS, COMMUNITY_KINDS, MAX_AMD, MAX_DEADLINE_DAYS, MAX_POPULATION, PROVINCES, SERVICE_ISSUES } from '../../domain/community';
import { isIsoDate, isIsoDateTime } from '../../domain/shared/time';
import { ValidationFailed } from '../errors';

export const MAX_NAME = 200;
export const MAX_TEXT = 100_000;
/** Community codes, service codes, office ids: letters, digits, `_`, `.`, `-` (they appear in stream ids). */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Generated aggregate ids (UUIDs) and resident ids. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/;

/** A real calendar date written YYYY-MM-DD (no 30 February). */
export const IsIsoDateString = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isIsoDateString', validator: { validate: (v) => isIsoDate(v), defaultMessage: buildMessage((each) => `${each}$property must be a real date YYYY-MM-DD`, options) } },
    options,
  );

/** An ISO 8601 date-time with an offset or Z, that is a real instant. */
export const IsIsoDateTimeString = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isIsoDateTimeString',
      validator: { validate: (v) => isIsoDateTime(v), defaultMessage: buildMessage((each) => `${each}$property must be an ISO 8601 date-time with a time zone`, options) },
    },
    options,
  );

/** A string with at least one non-space character (Armenian and any other script allowed). */
export const NotBlank = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'notBlank', validator: { validate: (v) => typeof v === 'string' && v.trim().length > 0, defaultMessage: buildMessage((each) => `${each}$property must not be blank`, options) } },
    options,
  );

const Code = () => Matches(CODE_PATTERN, { message: '$property must be 1 to 64 letters, digits, "_", "." or "-"' });

export class SourceArg {
  @IsOptional() @IsString() @NotBlank() @MaxLength(MAX_NAME) source?: string | null;
}

export class RegisterCommunityInput {
  @Code() code!: string;
  @IsString() @NotBlank() @MaxLength(MAX_NAME) nameHy!: string;
  @IsString() @NotBlank() @MaxLength(MAX_NAME) nameEn!: string;
  @IsIn(PROVINCES) province!: string;
  @IsIn(COMMUNITY_KINDS) kind!: 'urban' | 'rural';
  @IsInt() @Min(0) @Max(MAX_POPULATION) population!: number;
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) @NotBlank({ each: true }) @MaxLength(MAX_NAME, { each: true }) settlements?: string[] | null;
  @IsOptional() @IsIsoDateTimeString() occurredAt?: string | null;
  /** Also accepted inside the input; the top-level `source` argument is the API.md form. */
  @IsOptional() @IsString() @NotBlank() @MaxLength(MAX_NAME) source?: string | null;
}

export class ConsolidateCommunitiesInput {
  @Code() code!: string;
  @IsString() @NotBlank() @MaxLength(MAX_NAME) nameHy!: string;
  @IsString() @NotBlank() @MaxLength(MAX_NAME) nameEn!: string;
  @IsIn(PROVINCES) province!: string;
  @IsIn(COMMUNITY_KINDS) kind!: 'urban' | 'rural';
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ArrayUnique() @Matches(CODE_PATTERN, { each: true, message: 'each of $property must be a community code' }) formerCommunityIds!: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) @NotBlank({ each: true }) @MaxLength(MAX_NAME, { each: true }) settlements?: string[] | null;
  @IsIsoDateString() on!: string;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_POPULATION) population?: number | null;
  @IsOptional() @IsString() @NotBlank() @MaxLength(MAX_NAME) source?: string | null;
}

export class RecordPopulationArgs extends SourceArg {
  @Code() communityId!: string;
  @IsInt() @Min(0) @Max(MAX_POPULATION) population!: number;
  @IsIsoDateString() asOf!: string;
}

export class DeployCmisArgs extends SourceArg {
  @Code() communityId!: string;
  @IsIn(CMIS_EDITIONS) edition!: 'single-settlement' | 'multi-settlement';
  @IsIsoDateString() on!: string;
}

export class EnableDocumentCirculationArgs extends SourceArg {
  @Code() communityId!: string;
  @IsIsoDateString() on!: string;
}

export class LaunchOfficialWebsiteArgs extends SourceArg {
  @Code() communityId!: string;
  @IsString() @MaxLength(2000) @Matches(/^https?:\/\/[^\s/]+\.[^\s]+$/i, { message: 'url must be an http or https address' }) url!: string;
  @IsBoolean() hostedOnCmis!: boolean;
  @IsIsoDateString() on!: string;
}

export class OpenCitizenServiceOfficeArgs extends SourceArg {
  @Code() communityId!: string;
  @Code() officeId!: string;
  @IsString() @NotBlank() @MaxLength(MAX_NAME) name!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @NotBlank({ each: true }) @MaxLength(MAX_NAME, { each: true }) partners?: string[] | null;
  @IsIsoDateString() on!: string;
}

export class OfferServiceInput {
  @Code() code!: string;
  @IsString() @NotBlank() @MaxLength(MAX_NAME) nameHy!: string;
  @IsString() @NotBlank() @MaxLength(MAX_NAME) nameEn!: string;
  @IsInt() @Min(0) @Max(MAX_AMD) feeAmd!: number;
  @IsInt() @Min(1) @Max(MAX_DEADLINE_DAYS) deadlineDays!: number;
  @IsIn(SERVICE_ISSUES) issues!: 'none' | 'permit' | 'certificate';
  @IsOptional() @IsString() @NotBlank() @MaxLength(MAX_NAME) source?: string | null;
}

export class CommunityIdArg extends SourceArg {
  @Code() communityId!: string;
}

export class WithdrawServiceArgs extends SourceArg {
  @Code() communityId!: string;
  @Code() code!: string;
}

/**
 * API.md's `commandId` and `expectedRevision` belong in the CommandContext; if a caller passes them
 * with the arguments instead, they are checked and moved there (the context wins when both are given).
 */
export const splitCommandArgs = <A extends object, C extends { commandId?: string; expectedRevision?: number }>(
  args: A,
  ctx: C,
): { args: Omit<A, 'commandId' | 'expectedRevision'>; ctx: C } => {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return { args, ctx };
  const { commandId, expectedRevision, ...rest } = args as A & { commandId?: unknown; expectedRevision?: unknown };
  const fields: string[] = [];
  if (commandId !== undefined && commandId !== null && (typeof commandId !== 'string' || commandId.length === 0 || commandId.length > 200)) fields.push('commandId');
  if (expectedRevision !== undefined && expectedRevision !== null && !(Number.isSafeInteger(expectedRevision) && (expectedRevision as number) >= 0)) fields.push('expectedRevision');
  if (fields.length) throw new ValidationFailed(`Invalid ${fields.join(' and ')}`, fields);
  return {
    args: rest,
    ctx: {
      ...ctx,
      commandId: ctx.commandId ?? (commandId ?? undefined),
      expectedRevision: ctx.expectedRevision ?? (expectedRevision ?? undefined),
    } as C,
  };
};
