/**
 * State of a legal act, folded from its events, and the facts derived from it.
 * `phase` is where the act's procedure stands; the status users see (`actStatus`) is derived
 * from it and the date: a repeal takes effect only from its `effectiveFrom` (docs/api.md).
 */
export type ActIssuer = 'council' | 'head';
export const ACT_ISSUERS: readonly ActIssuer[] = ['council', 'head'];

/** Where the procedure stands. `repealed` is never a phase: it is derived from the repeal's date. */
export type ActPhase = 'draft' | 'in-discussion' | 'on-agenda' | 'adopted' | 'rejected' | 'signed' | 'published';
export type ActStatus = ActPhase | 'repealed';
export const ACT_STATUSES: readonly ActStatus[] = ['draft', 'in-discussion', 'on-agenda', 'adopted', 'rejected', 'signed', 'published', 'repealed'];

export interface ActVotes {
  readonly for: number;
  readonly against: number;
  readonly abstained: number;
}

/** A text in force from a date: the published one (amendingActId null) or a consolidated amendment. */
export interface ActVersion {
  readonly version: number;
  readonly text: string;
  readonly effectiveFrom: string;
  readonly amendingActId: string | null;
}

export interface LegalAct {
  readonly actId: string;
  readonly communityId: string;
  readonly issuer: ActIssuer;
  readonly titleHy: string;
  readonly titleEn: string | null;
  readonly phase: ActPhase;
  /** The latest version number (draft revisions and amendments each add one). */
  readonly version: number;
  /** The latest text: the draft, the adopted/signed text, or the latest consolidated text. */
  readonly text: string;
  readonly discussionUntil: string | null;
  readonly commentCount: number;
  readonly sessionDate: string | null;
  readonly votes: ActVotes | null;
  /** Assigned at adoption or signing; never changes afterwards. */
  readonly number: string | null;
  /** Texts in force, in version order (publication first, then each amendment). */
  readonly versions: readonly ActVersion[];
  readonly repeal: { readonly repealingActId: string; readonly effectiveFrom: string } | null;
}

/** `null` until the act is drafted. */
export type LegalActState = LegalAct | null;

export const initialState = (): LegalActState => null;

/** Council majority: votes for are more than half of all votes cast (for + against + abstained). */
export const isAdoptingVote = (votes: { readonly votesFor: number; readonly votesAgainst: number; readonly votesAbstained: number }): boolean =>
  votes.votesFor * 2 > votes.votesFor + votes.votesAgainst + votes.votesAbstained;

/** The status on `today` (YYYY-MM-DD): `repealed` only from the repeal's entry into force. */
export const actStatus = (act: LegalAct, today: string): ActStatus =>
  act.repeal !== null && act.repeal.effectiveFrom <= today ? 'repealed' : act.phase;

/**
 * The version in force on `date`: the latest version whose `effectiveFrom` ≤ date; null before
 * the act enters into force, and null from the day a repeal takes effect.
 */
export const versionInForce = (act: LegalAct, date: string): ActVersion | null => {
  if (act.repeal !== null && act.repeal.effectiveFrom <= date) return null;
  let found: ActVersion | null = null;
  for (const v of act.versions) if (v.effectiveFrom <= date && (found === null || v.version > found.version)) found = v;
  return found;
};

/** The text in force on `date` (see `versionInForce`). */
export const textInForce = (act: LegalAct | null, date: string): string | null => (act === null ? null : (versionInForce(act, date)?.text ?? null));

/** The latest version in force or to come (the last publication or amendment), if any. */
export const latestVersion = (act: LegalAct): ActVersion | null => (act.versions.length ? act.versions[act.versions.length - 1] : null);
