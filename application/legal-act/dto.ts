/**
 * Inputs of the legal-act mutations (API.md "Legal act"), checked at the edge with class-validator.
 * Titles ≤ 200 characters, texts and comments ≤ 100000 (Armenian script allowed), dates real
 * `YYYY-MM-DD`, vote counts whole numbers ≥ 0, ids usable in a stream id.
 */
import { buildMessage, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../../domain/shared/time';

export const MAX_TITLE = 200;
export const MAX_TEXT = 100_000;
export const MAX_VOTES = 1_000_000;
/** Characters allowed in an aggregate id (the part after `category-` in a stream id). */
const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;
const NOT_BLANK = /\S/;

export const IsRealIsoDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isRealIsoDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a real date written YYYY-MM-DD`, options),
      },
    },
    options,
  );

const IsId = (): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  Matches(ID_PATTERN, { message: '$property must be 1 to 200 letters, digits or _.:-' })(target, key);
};

const IsText = (max: number): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  Length(1, max)(target, key);
  Matches(NOT_BLANK, { message: '$property must not be blank' })(target, key);
};

export class DraftActInputDto {
  @IsId()
  communityId!: string;

  @IsIn(['council', 'head'])
  issuer!: 'council' | 'head';

  @IsText(MAX_TITLE)
  titleHy!: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_TITLE)
  titleEn?: string | null;

  @IsText(MAX_TEXT)
  text!: string;
}

export class ActIdDto {
  @IsId()
  id!: string;
}

export class ReviseActDraftDto extends ActIdDto {
  @IsText(MAX_TEXT)
  text!: string;
}

export class OpenActDiscussionDto extends ActIdDto {
  @IsRealIsoDate()
  until!: string;
}

export class CommentOnActDto extends ActIdDto {
  @IsText(MAX_TEXT)
  comment!: string;
}

export class PlaceActOnAgendaDto extends ActIdDto {
  @IsRealIsoDate()
  sessionDate!: string;
}

export class RecordActVoteDto extends ActIdDto {
  @IsInt()
  @Min(0)
  @Max(MAX_VOTES)
  votesFor!: number;

  @IsInt()
  @Min(0)
  @Max(MAX_VOTES)
  votesAgainst!: number;

  @IsInt()
  @Min(0)
  @Max(MAX_VOTES)
  votesAbstained!: number;
}

export class PublishActDto extends ActIdDto {
  @IsRealIsoDate()
  effectiveFrom!: string;
}

export class AmendActDto extends ActIdDto {
  @IsId()
  amendingActId!: string;

  @IsText(MAX_TEXT)
  text!: string;

  @IsRealIsoDate()
  effectiveFrom!: string;
}

export class RepealActDto extends ActIdDto {
  @IsId()
  repealingActId!: string;

  @IsRealIsoDate()
  effectiveFrom!: string;
}

export class ActQueryDto extends ActIdDto {
  @IsOptional()
  @IsRealIsoDate()
  asOf?: string | null;
}
