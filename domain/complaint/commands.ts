/**
 * Commands of the complaint aggregate. Stream `complaint-<complaintId>`. Only FileComplaint names
 * the complaint; the others act on the complaint of their stream.
 */
import type { DomainCommand } from '../kernel/decider';

export const COMPLAINT_CHANNELS = ['online', 'hotline', 'cso', 'in-person'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_RESOLUTIONS = ['upheld', 'partially-upheld', 'rejected'] as const;
export type ComplaintResolution = (typeof COMPLAINT_RESOLUTIONS)[number];

export const ESCALATION_LEVELS = ['head', 'ministry'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export type FileComplaint = DomainCommand<
  'FileComplaint',
  {
    readonly complaintId: string;
    readonly communityId: string;
    readonly channel: ComplaintChannel;
    readonly category: string;
    /** At most 200 characters. */
    readonly subject: string;
    readonly description: string;
    readonly complainantName?: string;
    /** The resident's id (required online: the signed-in resident). */
    readonly complainantId?: string;
  }
>;

export type AcknowledgeComplaint = DomainCommand<'AcknowledgeComplaint', Record<string, never>>;
export type AssignComplaint = DomainCommand<'AssignComplaint', { readonly assigneeId: string }>;
export type RespondToComplaint = DomainCommand<'RespondToComplaint', { readonly response: string; readonly resolution: ComplaintResolution }>;
export type EscalateComplaint = DomainCommand<'EscalateComplaint', { readonly to: EscalationLevel; readonly reason: string }>;
export type ReopenComplaint = DomainCommand<'ReopenComplaint', { readonly reason: string }>;
export type CloseComplaint = DomainCommand<'CloseComplaint', Record<string, never>>;

export type ComplaintCommand =
  | FileComplaint
  | AcknowledgeComplaint
  | AssignComplaint
  | RespondToComplaint
  | EscalateComplaint
  | ReopenComplaint
  | CloseComplaint;
