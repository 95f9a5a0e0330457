/**
 * The legal-act decider (docs/domain.md "Legal act", docs/api.md "Legal act").
 *
 *   draft ⇄ in-discussion (comments until the closing date)
 *   council: draft → on-agenda → adopted (number, votes) | rejected
 *   head:    draft → signed (number)
 *   adopted | signed → published (effectiveFrom) → amended (published, version + 1) … → repealed from a date
 *
 * The act number and the status of an amending/repealing act arrive in the command data (the
 * service learns them from the act register and from the other act's stream).
 */
import { match } from 'ts-pattern';
import type { Decider } from '../kernel/decider';
import { domainValidation, invalidTransition, notFound, type DomainError } from '../kernel/errors';
import { isIsoDate, yerevanDate } from '../kernel/time';
import type { AmendAct, CommentOnAct, DraftAct, LegalActCommand, OpenActDiscussion, PlaceActOnAgenda, PublishAct, RecordActVote, RepealAct, ReviseActDraft, SignAct } from './commands';
import type { LegalActEvent } from './events';
import { ACT_ISSUERS, initialState, isAdoptingVote, latestVersion, type LegalAct, type LegalActState } from './state';

const blank = (s: unknown): boolean => typeof s !== 'string' || s.trim().length === 0;
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const actorId = (c: LegalActCommand): string | null => c.metadata.actor?.id ?? null;
const base = (act: LegalAct) => ({ actId: act.actId, communityId: act.communityId });

type Decision = LegalActEvent[] | DomainError;

const draft = (c: DraftAct, state: LegalActState): Decision => {
  if (state !== null) return invalidTransition('ACT_ALREADY_DRAFTED', `Act ${state.actId} is already drafted`);
  const d = c.data;
  if (blank(d.actId)) return domainValidation('ACT_ID_REQUIRED', 'The act needs an id', ['actId']);
  if (blank(d.communityId)) return domainValidation('COMMUNITY_REQUIRED', 'The act needs a community', ['communityId']);
  if (!ACT_ISSUERS.includes(d.issuer)) return domainValidation('INVALID_ISSUER', 'The issuer is "council" or "head"', ['issuer']);
  if (blank(d.titleHy)) return domainValidation('TITLE_REQUIRED', 'The act needs an Armenian title', ['titleHy']);
  if (blank(d.text)) return domainValidation('TEXT_REQUIRED', 'The act needs a text', ['text']);
  return [
    {
      type: 'ActDrafted',
      data: {
        actId: d.actId,
        communityId: d.communityId,
        issuer: d.issuer,
        titleHy: d.titleHy,
        titleEn: d.titleEn ?? null,
        text: d.text,
        version: 1,
        draftedBy: actorId(c),
        at: c.metadata.now,
      },
    },
  ];
};

const revise = (c: ReviseActDraft, act: LegalAct): Decision => {
  if (blank(c.data.text)) return domainValidation('TEXT_REQUIRED', 'The revised text is empty', ['text']);
  if (act.phase !== 'draft') return invalidTransition('ACT_NOT_DRAFT', `Only a draft can be revised; act ${act.actId} is ${act.phase}`);
  if (c.data.text === act.text) return [];
  return [{ type: 'ActDraftRevised', data: { ...base(act), version: act.version + 1, text: c.data.text, revisedBy: actorId(c), at: c.metadata.now } }];
};

const openDiscussion = (c: OpenActDiscussion, act: LegalAct): Decision => {
  if (!isIsoDate(c.data.until)) return domainValidation('INVALID_DATE', '`until` must be a real date YYYY-MM-DD', ['until']);
  if (act.phase !== 'draft') return invalidTransition('ACT_NOT_DRAFT', `Only a draft can be put to public discussion; act ${act.actId} is ${act.phase}`);
  if (c.data.until < yerevanDate(c.metadata.now)) return domainValidation('DISCUSSION_UNTIL_IN_PAST', 'The discussion cannot end before today', ['until']);
  return [{ type: 'ActDiscussionOpened', data: { ...base(act), version: act.version, until: c.data.until, at: c.metadata.now } }];
};

const comment = (c: CommentOnAct, act: LegalAct): Decision => {
  if (blank(c.data.comment)) return domainValidation('COMMENT_REQUIRED', 'The comment is empty', ['comment']);
  if (blank(c.data.commenterId)) return domainValidation('COMMENTER_REQUIRED', 'The comment needs its author', ['commenterId']);
  if (act.phase !== 'in-discussion') return invalidTransition('ACT_NOT_IN_DISCUSSION', `Act ${act.actId} is not in public discussion`);
  if (act.discussionUntil !== null && yerevanDate(c.metadata.now) > act.discussionUntil) {
    return invalidTransition('ACT_DISCUSSION_ENDED', `The public discussion of act ${act.actId} ended on ${act.discussionUntil}`);
  }
  return [
    {
      type: 'ActCommentAdded',
      data: { ...base(act), commentNumber: act.commentCount + 1, commenterId: c.data.commenterId, comment: c.data.comment, version: act.version, at: c.metadata.now },
    },
  ];
};

const closeDiscussion = (c: LegalActCommand, act: LegalAct): Decision => {
  if (act.phase !== 'in-discussion') return invalidTransition('ACT_NOT_IN_DISCUSSION', `Act ${act.actId} is not in public discussion`);
  return [{ type: 'ActDiscussionClosed', data: { ...base(act), version: act.version, commentCount: act.commentCount, at: c.metadata.now } }];
};

const placeOnAgenda = (c: PlaceActOnAgenda, act: LegalAct): Decision => {
  if (!isIsoDate(c.data.sessionDate)) return domainValidation('INVALID_DATE', '`sessionDate` must be a real date YYYY-MM-DD', ['sessionDate']);
  if (act.issuer !== 'council') return invalidTransition('NOT_A_COUNCIL_ACT', 'Decisions of the head are signed, not put to the council');
  if (act.phase === 'on-agenda' && act.sessionDate === c.data.sessionDate) return [];
  if (act.phase !== 'draft' && act.phase !== 'on-agenda') {
    return invalidTransition('ACT_NOT_DRAFT', `Only a draft (discussion closed) can be placed on the agenda; act ${act.actId} is ${act.phase}`);
  }
  return [{ type: 'ActPlacedOnAgenda', data: { ...base(act), version: act.version, sessionDate: c.data.sessionDate, at: c.metadata.now } }];
};

const VOTE_FIELDS = ['votesFor', 'votesAgainst', 'votesAbstained'] as const;

const recordVote = (c: RecordActVote, act: LegalAct): Decision => {
  const bad = VOTE_FIELDS.filter((f) => !isCount(c.data[f]));
  if (bad.length) return domainValidation('INVALID_VOTES', 'Vote counts are whole numbers ≥ 0', bad);
  const votes = { for: c.data.votesFor, against: c.data.votesAgainst, abstained: c.data.votesAbstained };
  if (votes.for + votes.against + votes.abstained === 0) return domainValidation('NO_VOTES_CAST', 'No votes were cast', [...VOTE_FIELDS]);
  if (act.issuer !== 'council') return invalidTransition('NOT_A_COUNCIL_ACT', 'Decisions of the head are signed, never voted');
  if (act.phase !== 'on-agenda' || act.sessionDate === null) return invalidTransition('ACT_NOT_ON_AGENDA', `Act ${act.actId} is not on a council session agenda`);
  if (!isAdoptingVote(c.data)) {
    return [{ type: 'ActRejected', data: { ...base(act), votes, sessionDate: act.sessionDate, version: act.version, at: c.metadata.now } }];
  }
  if (blank(c.data.number)) return domainValidation('ACT_NUMBER_REQUIRED', 'An adopted act needs its number from the act register', ['number']);
  return [{ type: 'ActAdopted', data: { ...base(act), number: c.data.number as string, votes, sessionDate: act.sessionDate, version: act.version, at: c.metadata.now } }];
};

const sign = (c: SignAct, act: LegalAct): Decision => {
  if (act.issuer !== 'head') return invalidTransition('NOT_A_HEAD_DECISION', 'Council decisions are adopted by vote, never signed');
  if (act.phase !== 'draft') return invalidTransition('ACT_NOT_DRAFT', `Only a draft (discussion closed) can be signed; act ${act.actId} is ${act.phase}`);
  if (blank(c.data.number)) return domainValidation('ACT_NUMBER_REQUIRED', 'A signed act needs its number from the act register', ['number']);
  return [{ type: 'ActSigned', data: { ...base(act), number: c.data.number, version: act.version, signedBy: actorId(c), at: c.metadata.now } }];
};

const publish = (c: PublishAct, act: LegalAct): Decision => {
  if (!isIsoDate(c.data.effectiveFrom)) return domainValidation('INVALID_DATE', '`effectiveFrom` must be a real date YYYY-MM-DD', ['effectiveFrom']);
  if (act.phase === 'published') return invalidTransition('ACT_ALREADY_PUBLISHED', `Act ${act.actId} is already published`);
  if ((act.phase !== 'adopted' && act.phase !== 'signed') || act.number === null) {
    return invalidTransition('ACT_NOT_ADOPTED', `Only an adopted or signed act can be published; act ${act.actId} is ${act.phase}`);
  }
  return [
    {
      type: 'ActPublished',
      data: {
        ...base(act),
        issuer: act.issuer,
        number: act.number,
        titleHy: act.titleHy,
        titleEn: act.titleEn,
        version: act.version,
        text: act.text,
        effectiveFrom: c.data.effectiveFrom,
        at: c.metadata.now,
      },
    },
  ];
};

/** Checks shared by amendment and repeal: this act is published and the other one is a published act of the same community. */
const otherActRefusal = (
  act: LegalAct,
  other: { id: string; status: string; communityId?: string | null },
  role: 'AMENDING' | 'REPEALING',
): DomainError | null => {
  const verb = role === 'AMENDING' ? 'amend' : 'repeal';
  if (act.phase !== 'published') return invalidTransition('ACT_NOT_PUBLISHED', `Only a published act can be ${verb}ed; act ${act.actId} is ${act.phase}`);
  if (other.id === act.actId) return invalidTransition(`ACT_CANNOT_${role === 'AMENDING' ? 'AMEND' : 'REPEAL'}_ITSELF`, `An act cannot ${verb} itself`);
  if (other.status !== 'published') return invalidTransition(`${role}_ACT_NOT_PUBLISHED`, `The ${role.toLowerCase()} act ${other.id} is not published (${other.status})`);
  if (other.communityId != null && other.communityId !== act.communityId) {
    return invalidTransition(`${role}_ACT_OF_ANOTHER_COMMUNITY`, `The ${role.toLowerCase()} act ${other.id} belongs to another community`);
  }
  return null;
};

const amend = (c: AmendAct, act: LegalAct): Decision => {
  const d = c.data;
  if (blank(d.amendingActId)) return domainValidation('AMENDING_ACT_REQUIRED', 'The amending act is required', ['amendingActId']);
  if (blank(d.text)) return domainValidation('TEXT_REQUIRED', 'The consolidated text is empty', ['text']);
  if (!isIsoDate(d.effectiveFrom)) return domainValidation('INVALID_DATE', '`effectiveFrom` must be a real date YYYY-MM-DD', ['effectiveFrom']);
  const latest = latestVersion(act);
  // The same amendment again (a retry under another command id) records nothing.
  if (latest && latest.amendingActId === d.amendingActId && latest.text === d.text && latest.effectiveFrom === d.effectiveFrom) return [];
  const refusal = otherActRefusal(act, { id: d.amendingActId, status: d.amendingActStatus, communityId: d.amendingActCommunityId }, 'AMENDING');
  if (refusal) return refusal;
  if (act.repeal !== null) return invalidTransition('ACT_REPEALED', `Act ${act.actId} is repealed from ${act.repeal.effectiveFrom}`);
  if (latest && d.effectiveFrom < latest.effectiveFrom) {
    return domainValidation('EFFECTIVE_FROM_BEFORE_CURRENT_VERSION', `An amendment takes effect on or after the current version (${latest.effectiveFrom})`, ['effectiveFrom']);
  }
  return [{ type: 'ActAmended', data: { ...base(act), amendingActId: d.amendingActId, version: act.version + 1, text: d.text, effectiveFrom: d.effectiveFrom, at: c.metadata.now } }];
};

const repeal = (c: RepealAct, act: LegalAct): Decision => {
  const d = c.data;
  if (blank(d.repealingActId)) return domainValidation('REPEALING_ACT_REQUIRED', 'The repealing act is required', ['repealingActId']);
  if (!isIsoDate(d.effectiveFrom)) return domainValidation('INVALID_DATE', '`effectiveFrom` must be a real date YYYY-MM-DD', ['effectiveFrom']);
  if (act.repeal !== null) {
    // The same repeal again records nothing; another one is refused.
    if (act.repeal.repealingActId === d.repealingActId && act.repeal.effectiveFrom === d.effectiveFrom) return [];
    return invalidTransition('ACT_REPEALED', `Act ${act.actId} is already repealed from ${act.repeal.effectiveFrom}`);
  }
  const refusal = otherActRefusal(act, { id: d.repealingActId, status: d.repealingActStatus, communityId: d.repealingActCommunityId }, 'REPEALING');
  if (refusal) return refusal;
  return [{ type: 'ActRepealed', data: { ...base(act), repealingActId: d.repealingActId, effectiveFrom: d.effectiveFrom, at: c.metadata.now } }];
};

const onAct = (state: LegalActState, then: (act: LegalAct) => Decision): Decision =>
  state === null ? notFound('ACT_NOT_FOUND', 'No such act') : then(state);

export const decide = (command: LegalActCommand, state: LegalActState): Decision =>
  match(command)
    .with({ type: 'DraftAct' }, (c) => draft(c, state))
    .with({ type: 'ReviseActDraft' }, (c) => onAct(state, (act) => revise(c, act)))
    .with({ type: 'OpenActDiscussion' }, (c) => onAct(state, (act) => openDiscussion(c, act)))
    .with({ type: 'CommentOnAct' }, (c) => onAct(state, (act) => comment(c, act)))
    .with({ type: 'CloseActDiscussion' }, (c) => onAct(state, (act) => closeDiscussion(c, act)))
    .with({ type: 'PlaceActOnAgenda' }, (c) => onAct(state, (act) => placeOnAgenda(c, act)))
    .with({ type: 'RecordActVote' }, (c) => onAct(state, (act) => recordVote(c, act)))
    .with({ type: 'SignAct' }, (c) => onAct(state, (act) => sign(c, act)))
    .with({ type: 'PublishAct' }, (c) => onAct(state, (act) => publish(c, act)))
    .with({ type: 'AmendAct' }, (c) => onAct(state, (act) => amend(c, act)))
    .with({ type: 'RepealAct' }, (c) => onAct(state, (act) => repeal(c, act)))
    .exhaustive();

/** Folds one event. Events other than ActDrafted on an act that does not exist are ignored. */
export const evolve = (state: LegalActState, event: LegalActEvent): LegalActState => {
  const on = (f: (act: LegalAct) => LegalAct): LegalActState => (state === null ? null : f(state));
  return match(event)
    .with(
      { type: 'ActDrafted' },
      ({ data }): LegalAct => ({
        actId: data.actId,
        communityId: data.communityId,
        issuer: data.issuer,
        titleHy: data.titleHy,
        titleEn: data.titleEn,
        phase: 'draft',
        version: data.version,
        text: data.text,
        discussionUntil: null,
        commentCount: 0,
        sessionDate: null,
        votes: null,
        number: null,
        versions: [],
        repeal: null,
      }),
    )
    .with({ type: 'ActDraftRevised' }, ({ data }) => on((s) => ({ ...s, version: data.version, text: data.text })))
    .with({ type: 'ActDiscussionOpened' }, ({ data }) => on((s) => ({ ...s, phase: 'in-discussion', discussionUntil: data.until })))
    .with({ type: 'ActCommentAdded' }, ({ data }) => on((s) => ({ ...s, commentCount: data.commentNumber })))
    .with({ type: 'ActDiscussionClosed' }, () => on((s) => ({ ...s, phase: 'draft' })))
    .with({ type: 'ActPlacedOnAgenda' }, ({ data }) => on((s) => ({ ...s, phase: 'on-agenda', sessionDate: data.sessionDate })))
    .with({ type: 'ActAdopted' }, ({ data }) => on((s) => ({ ...s, phase: 'adopted', votes: data.votes, number: data.number })))
    .with({ type: 'ActRejected' }, ({ data }) => on((s) => ({ ...s, phase: 'rejected', votes: data.votes })))
    .with({ type: 'ActSigned' }, ({ data }) => on((s) => ({ ...s, phase: 'signed', number: data.number })))
    .with({ type: 'ActPublished' }, ({ data }) =>
      on((s) => ({
        ...s,
        phase: 'published',
        versions: [...s.versions, { version: data.version, text: data.text, effectiveFrom: data.effectiveFrom, amendingActId: null }],
      })),
    )
    .with({ type: 'ActAmended' }, ({ data }) =>
      on((s) => ({
        ...s,
        version: data.version,
        text: data.text,
        versions: [...s.versions, { version: data.version, text: data.text, effectiveFrom: data.effectiveFrom, amendingActId: data.amendingActId }],
      })),
    )
    .with({ type: 'ActRepealed' }, ({ data }) => on((s) => ({ ...s, repeal: { repealingActId: data.repealingActId, effectiveFrom: data.effectiveFrom } })))
    .exhaustive();
};

export { initialState };

export const legalActDecider: Decider<LegalActCommand, LegalActEvent, LegalActState> = {
  name: 'act',
  decide,
  evolve,
  initialState,
};
