/** Inputs of the application mutations (API.md), checked at the edge with class-validator. */
import { buildMessage, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { APPLICATION_KINDS, SUBMISSION_CHANNELS } from '../../domain/service-application';
import { isIsoDate, isIsoDateTime } from '../../domain/shared/time';
import { CODE_PATTERN, ID_PATTERN, MAX_NAME, MAX_TEXT } from '../commands/fields';

/** A real calendar date written YYYY-MM-DD (no 30 February). */
const IsIsoDateString = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isIsoDateString', validator: { validate: (v) => isIsoDate(v), defaultMessage: buildMessage((each) => `${each}$property must be a real date YYYY-MM-DD`, options) } },
    options,
  );

/** An ISO 8601 date-time with an offset or Z, that is a real instant. */
const IsIsoDateTimeString = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isIsoDateTimeString',
      validator: { validate: (v) => isIsoDateTime(v), defaultMessage: buildMessage((each) => `${each}$property must be an ISO 8601 date-time with a time zone`, options) },
    },
    options,
  );

/** A string with at least one non-space character (Armenian and any other script allowed). */
const NotBlank = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'notBlank', validator: { validate: (v) => typeof v === 'string' && v.trim().length > 0, defaultMessage: buildMessage((each) => `${each}$property must not be blank`, options) } },
    options,
  );

const Code = () => Matches(CODE_PATTERN, { message: '$property must be 1 to 64 letters, digits, "_", "." or "-"' });
const Id = () => Matches(ID_PATTERN, { message: '$property must be an id of 1 to 200 letters, digits or "_.:@-"' });

export class SubmitApplicationInput {
  @Code() communityId!: string;
  @Code() serviceCode!: string;
  @IsOptional() @IsIn(APPLICATION_KINDS) kind?: 'application' | 'inquiry' | null;
  @IsString() @NotBlank() @MaxLength(200) subject!: string;
  @IsString() @NotBlank() @MaxLength(MAX_TEXT) details!: string;
  @IsString() @NotBlank() @MaxLength(MAX_NAME) applicantName!: string;
  @IsOptional() @Id() applicantId?: string | null;
  @IsOptional() @IsIn(SUBMISSION_CHANNELS) channel?: 'online' | 'cso' | 'hotline' | 'in-person' | null;
}

export class ApplicationIdArgs {
  @Id() id!: string;
}

export class AssignApplicationArgs extends ApplicationIdArgs {
  @Id() assigneeId!: string;
}

export class RequestApplicationInformationArgs extends ApplicationIdArgs {
  @IsString() @NotBlank() @MaxLength(MAX_TEXT) question!: string;
}

export class ProvideApplicationInformationArgs extends ApplicationIdArgs {
  @IsString() @NotBlank() @MaxLength(MAX_TEXT) answer!: string;
}

export class ApproveApplicationArgs extends ApplicationIdArgs {
  @IsString() @NotBlank() @MaxLength(MAX_TEXT) basis!: string;
}

export class RejectApplicationArgs extends ApplicationIdArgs {
  @IsString() @NotBlank() @MaxLength(MAX_TEXT) reason!: string;
  @IsString() @NotBlank() @MaxLength(MAX_TEXT) basis!: string;
}

export class IssuePermitArgs extends ApplicationIdArgs {
  @IsIsoDateString() validFrom!: string;
  @IsIsoDateString() validUntil!: string;
}

export class AnswerInquiryArgs extends ApplicationIdArgs {
  @IsString() @NotBlank() @MaxLength(MAX_TEXT) answer!: string;
}

export class WithdrawApplicationArgs extends ApplicationIdArgs {
  @IsString() @NotBlank() @MaxLength(MAX_TEXT) reason!: string;
}

/** Not in API.md: the permit/fee process manager's command (system actor only). */
export class RecordFeeSettlementArgs extends ApplicationIdArgs {
  @Id() feeId!: string;
  @Code() communityId!: string;
  @IsIn(['paid', 'waived']) how!: 'paid' | 'waived';
  @IsIsoDateTimeString() at!: string;
}
