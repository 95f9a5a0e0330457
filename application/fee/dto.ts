/**
 * Input DTOs of the fee mutations (API.md "Fee"): the edge checks every field before the domain
 * sees it. Money is whole drams within the `Amd` range; dates are real calendar dates.
 */
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { isIsoDate, isIsoDateTime } from '../../domain/shared/time';
import { MAX_AMD } from '../../domain/fee/state';

export const MAX_ID_LENGTH = 200;
export const MAX_NAME_LENGTH = 200;
export const MAX_TEXT_LENGTH = 100_000;

/** A non-blank string of at most `max` characters (Armenian or any other script). */
const Text =
  (max: number): PropertyDecorator =>
  (target, key) => {
    IsString()(target, key);
    Matches(/\S/, { message: '$property must not be blank' })(target, key);
    MaxLength(max)(target, key);
  };

/** A whole number of drams, from `min` to 10^12. */
const Amd =
  (min: number): PropertyDecorator =>
  (target, key) => {
    IsInt({ message: '$property must be a whole number of drams' })(target, key);
    Min(min)(target, key);
    Max(MAX_AMD)(target, key);
  };

const IsIsoDate = (): PropertyDecorator =>
  ValidateBy({ name: 'isIsoDate', validator: { validate: (value: unknown) => isIsoDate(value), defaultMessage: () => '$property must be a real date YYYY-MM-DD' } });

const IsIsoDateTime = (): PropertyDecorator =>
  ValidateBy({
    name: 'isIsoDateTime',
    validator: { validate: (value: unknown) => isIsoDateTime(value), defaultMessage: () => '$property must be an ISO 8601 date-time with a time zone, e.g. 2024-03-01T10:00:00Z' },
  });

export class AssessFeeInput {
  @Text(MAX_ID_LENGTH) communityId!: string;
  @Text(MAX_ID_LENGTH) payerId!: string;
  @Text(MAX_NAME_LENGTH) payerName!: string;
  @Text(MAX_NAME_LENGTH) code!: string;
  @Amd(1) amountAmd!: number;
  @IsIsoDate() dueOn!: string;
  @Text(MAX_TEXT_LENGTH) basis!: string;
  @IsOptional() @Text(MAX_ID_LENGTH) applicationId?: string | null;
}

export class RecordPaymentArgs {
  @Text(MAX_ID_LENGTH) id!: string;
  @Amd(1) amountAmd!: number;
  @IsIsoDateTime() paidAt!: string;
  @Text(MAX_ID_LENGTH) reference!: string;
}

export class WaiveFeeArgs {
  @Text(MAX_ID_LENGTH) id!: string;
  @Text(MAX_TEXT_LENGTH) reason!: string;
  @IsOptional() @Text(MAX_ID_LENGTH) actId?: string | null;
}

export class CancelFeeArgs {
  @Text(MAX_ID_LENGTH) id!: string;
  @Text(MAX_TEXT_LENGTH) reason!: string;
}

export class RefundFeeArgs {
  @Text(MAX_ID_LENGTH) id!: string;
  @Amd(1) amountAmd!: number;
  @Text(MAX_TEXT_LENGTH) reason!: string;
}
