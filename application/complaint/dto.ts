/** Input DTOs of the complaint mutations (API.md "Complaint"). */
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COMPLAINT_CHANNELS, COMPLAINT_RESOLUTIONS, ESCALATION_LEVELS, type ComplaintChannel, type ComplaintResolution, type EscalationLevel } from '../../domain/complaint/commands';
import { MAX_SUBJECT_LENGTH } from '../../domain/complaint/state';

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

export class FileComplaintInput {
  @Text(MAX_ID_LENGTH) communityId!: string;
  @IsIn(COMPLAINT_CHANNELS as unknown as string[]) channel!: ComplaintChannel;
  @Text(MAX_NAME_LENGTH) category!: string;
  @Text(MAX_SUBJECT_LENGTH) subject!: string;
  @Text(MAX_TEXT_LENGTH) description!: string;
  @IsOptional() @Text(MAX_NAME_LENGTH) complainantName?: string | null;
  @IsOptional() @Text(MAX_ID_LENGTH) complainantId?: string | null;
}

export class ComplaintIdArgs {
  @Text(MAX_ID_LENGTH) id!: string;
}

export class AssignComplaintArgs {
  @Text(MAX_ID_LENGTH) id!: string;
  @Text(MAX_ID_LENGTH) assigneeId!: string;
}

export class RespondToComplaintArgs {
  @Text(MAX_ID_LENGTH) id!: string;
  @Text(MAX_TEXT_LENGTH) response!: string;
  @IsIn(COMPLAINT_RESOLUTIONS as unknown as string[]) resolution!: ComplaintResolution;
}

export class EscalateComplaintArgs {
  @Text(MAX_ID_LENGTH) id!: string;
  @IsIn(ESCALATION_LEVELS as unknown as string[]) to!: EscalationLevel;
  @Text(MAX_TEXT_LENGTH) reason!: string;
}

export class ReopenComplaintArgs {
  @Text(MAX_ID_LENGTH) id!: string;
  @Text(MAX_TEXT_LENGTH) reason!: string;
}
