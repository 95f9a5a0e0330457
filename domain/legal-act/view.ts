/**
 * The `Act` view (docs/api.md "Views and statuses"). Status and the text in force are derived here
 * from the state and the date, never stored.
 *
 * - Without `asOf`, `text`/`version`/`effectiveFrom` are those of the act's latest version (the
 *   draft, the adopted text, or the latest consolidated text, even one that takes effect later).
 * - With `asOf` (YYYY-MM-DD), they are those of the version in force on that day; before entry
 *   into force, and from the day a repeal takes effect, `text` and `effectiveFrom` are null and
 *   `version` is the act's latest version.
 */
import { actStatus, latestVersion, versionInForce, type ActIssuer, type ActStatus, type ActVersion, type LegalActState } from './state';

export interface ActView {
  readonly id: string;
  readonly status: ActStatus;
  readonly communityId: string;
  readonly issuer: ActIssuer;
  readonly number: string | null;
  readonly titleHy: string;
  readonly titleEn: string | null;
  readonly text: string | null;
  readonly version: number;
  readonly effectiveFrom: string | null;
  readonly votes: { readonly for: number; readonly against: number; readonly abstained: number } | null;
  /** True when a text of the act is in force on `asOf` (or today). */
  readonly inForce: boolean;
  readonly discussionUntil: string | null;
  readonly commentCount: number;
  readonly sessionDate: string | null;
  readonly repealedBy: string | null;
  readonly repealEffectiveFrom: string | null;
  /** Every text in force from a date, oldest first. */
  readonly history: readonly ActVersion[];
}

/** The act's view on `today` (YYYY-MM-DD, Asia/Yerevan); null when the act does not exist. */
export const legalActView = (state: LegalActState, today: string, asOf?: string | null): ActView | null => {
  if (state === null) return null;
  const latest = latestVersion(state);
  const selected = asOf ? versionInForce(state, asOf) : null;
  return {
    id: state.actId,
    status: actStatus(state, today),
    communityId: state.communityId,
    issuer: state.issuer,
    number: state.number,
    titleHy: state.titleHy,
    titleEn: state.titleEn,
    text: asOf ? (selected?.text ?? null) : state.text,
    version: asOf ? (selected?.version ?? state.version) : state.version,
    effectiveFrom: asOf ? (selected?.effectiveFrom ?? null) : (latest?.effectiveFrom ?? null),
    votes: state.votes,
    inForce: versionInForce(state, asOf ?? today) !== null,
    discussionUntil: state.discussionUntil,
    commentCount: state.commentCount,
    sessionDate: state.sessionDate,
    repealedBy: state.repeal?.repealingActId ?? null,
    repealEffectiveFrom: state.repeal?.effectiveFrom ?? null,
    history: state.versions,
  };
};
