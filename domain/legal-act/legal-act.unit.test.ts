import { spec } from '../../tests/support/decider-spec';
import type { CommandMetadata } from '../kernel/decider';
import type { LegalActCommand } from './commands';
import { legalActDecider, evolve, initialState } from './decider';
import type { ActAdopted, ActAmended, ActCommentAdded, ActDiscussionOpened, ActDrafted, ActPlacedOnAgenda, ActPublished, ActRepealed, ActSigned, LegalActEvent } from './events';
import { actStatus, isAdoptingVote, textInForce, versionInForce, type LegalAct } from './state';
import { legalActView } from './view';
import { legalActEventCatalogue } from './catalogue';
import { actRegisterDecider } from './register';

const NOW = '2024-03-01T09:00:00+04:00';
const ACT = 'act-1';
const COMMUNITY = 'AM02001';
const meta = (now = NOW): CommandMetadata => ({ now, actor: { id: 'staff-1', role: 'staff' } });
const cmd = (type: LegalActCommand['type'], data: object, now = NOW): LegalActCommand => ({ type, data, metadata: meta(now) }) as LegalActCommand;
const base = { actId: ACT, communityId: COMMUNITY };

const drafted = (issuer: 'council' | 'head' = 'council'): ActDrafted => ({
  type: 'ActDrafted',
  data: { ...base, issuer, titleHy: 'Տեղական տուրքերի մասին', titleEn: 'On local duties', text: 'Տեքստ 1', version: 1, draftedBy: 'staff-1', at: NOW },
});
const revised = (version: number, text: string): LegalActEvent => ({ type: 'ActDraftRevised', data: { ...base, version, text, revisedBy: 'staff-1', at: NOW } });
const opened = (until = '2024-03-10', version = 1): ActDiscussionOpened => ({ type: 'ActDiscussionOpened', data: { ...base, version, until, at: NOW } });
const commented = (n: number, at = NOW): ActCommentAdded => ({
  type: 'ActCommentAdded',
  data: { ...base, commentNumber: n, commenterId: 'resident-1', comment: `Առաջարկ ${n}`, version: 1, at },
});
const closed = (commentCount = 0): LegalActEvent => ({ type: 'ActDiscussionClosed', data: { ...base, version: 1, commentCount, at: NOW } });
const onAgenda = (sessionDate = '2024-03-20'): ActPlacedOnAgenda => ({ type: 'ActPlacedOnAgenda', data: { ...base, version: 1, sessionDate, at: NOW } });
const adopted = (number = '2024/1'): ActAdopted => ({
  type: 'ActAdopted',
  data: { ...base, number, votes: { for: 10, against: 3, abstained: 2 }, sessionDate: '2024-03-20', version: 1, at: NOW },
});
const rejected = (): LegalActEvent => ({ type: 'ActRejected', data: { ...base, votes: { for: 5, against: 3, abstained: 2 }, sessionDate: '2024-03-20', version: 1, at: NOW } });
const signed = (number = '2024/1'): ActSigned => ({ type: 'ActSigned', data: { ...base, number, version: 1, signedBy: 'head-1', at: NOW } });
const published = (effectiveFrom = '2024-04-01', issuer: 'council' | 'head' = 'council', number = '2024/1'): ActPublished => ({
  type: 'ActPublished',
  data: { ...base, issuer, number, titleHy: 'Տեղական տուրքերի մասին', titleEn: 'On local duties', version: 1, text: 'Տեքստ 1', effectiveFrom, at: NOW },
});
const amended = (version: number, text: string, effectiveFrom: string, amendingActId = 'act-2'): ActAmended => ({
  type: 'ActAmended',
  data: { ...base, amendingActId, version, text, effectiveFrom, at: NOW },
});
const repealed = (effectiveFrom = '2025-01-01', repealingActId = 'act-3'): ActRepealed => ({ type: 'ActRepealed', data: { ...base, repealingActId, effectiveFrom, at: NOW } });

const councilPublished = [drafted(), onAgenda(), adopted(), published()];
const act = spec(legalActDecider);

describe('DraftAct', () => {
  const draft = (over: object = {}) =>
    cmd('DraftAct', { ...base, issuer: 'council', titleHy: 'Տեղական տուրքերի մասին', titleEn: 'On local duties', text: 'Տեքստ 1', ...over });

  it('drafts a council act at version 1, recording who drafted it', () => act.given().when(draft()).then(drafted()));
  it('drafts a decision of the head; a missing English title is null', () => {
    const expected = drafted('head');
    act.given().when(draft({ issuer: 'head', titleEn: undefined })).then({ ...expected, data: { ...expected.data, titleEn: null } });
  });
  it('refuses to draft the same act twice', () => act.given(drafted()).when(draft()).thenFails('INVALID_TRANSITION', 'ACT_ALREADY_DRAFTED'));
  it('refuses an unknown issuer', () => act.given().when(draft({ issuer: 'ministry' })).thenFails('VALIDATION_FAILED', 'INVALID_ISSUER'));
  it('refuses a blank title', () => act.given().when(draft({ titleHy: '  ' })).thenFails('VALIDATION_FAILED', 'TITLE_REQUIRED'));
  it('refuses an empty text', () => act.given().when(draft({ text: '' })).thenFails('VALIDATION_FAILED', 'TEXT_REQUIRED'));
  it('refuses a missing community', () => act.given().when(draft({ communityId: '' })).thenFails('VALIDATION_FAILED', 'COMMUNITY_REQUIRED'));
  it('refuses a missing act id', () => act.given().when(draft({ actId: '' })).thenFails('VALIDATION_FAILED', 'ACT_ID_REQUIRED'));
});

describe('every other command on an act that was never drafted', () => {
  it.each<[LegalActCommand['type'], object]>([
    ['ReviseActDraft', { text: 'x' }],
    ['OpenActDiscussion', { until: '2024-03-10' }],
    ['CommentOnAct', { comment: 'x', commenterId: 'r' }],
    ['CloseActDiscussion', {}],
    ['PlaceActOnAgenda', { sessionDate: '2024-03-20' }],
    ['RecordActVote', { votesFor: 1, votesAgainst: 0, votesAbstained: 0, number: '2024/1' }],
    ['SignAct', { number: '2024/1' }],
    ['PublishAct', { effectiveFrom: '2024-04-01' }],
    ['AmendAct', { amendingActId: 'a', text: 'x', effectiveFrom: '2024-04-01', amendingActStatus: 'published' }],
    ['RepealAct', { repealingActId: 'a', effectiveFrom: '2024-04-01', repealingActStatus: 'published' }],
  ])('%s is NOT_FOUND', (type, data) => act.given().when(cmd(type, data)).thenFails('NOT_FOUND', 'ACT_NOT_FOUND'));
});

describe('ReviseActDraft', () => {
  it('records a new version of the draft', () => act.given(drafted()).when(cmd('ReviseActDraft', { text: 'Տեքստ 2' })).then(revised(2, 'Տեքստ 2')));
  it('counts versions across revisions', () =>
    act.given(drafted(), revised(2, 'Տեքստ 2')).when(cmd('ReviseActDraft', { text: 'Տեքստ 3' })).then(revised(3, 'Տեքստ 3')));
  it('records nothing when the text is unchanged', () => act.given(drafted()).when(cmd('ReviseActDraft', { text: 'Տեքստ 1' })).thenNothing());
  it('may revise after a discussion was closed', () =>
    act.given(drafted(), opened(), closed()).when(cmd('ReviseActDraft', { text: 'Տեքստ 2' })).then(revised(2, 'Տեքստ 2')));
  it('refuses during the public discussion', () =>
    act.given(drafted(), opened()).when(cmd('ReviseActDraft', { text: 'Տեքստ 2' })).thenFails('INVALID_TRANSITION', 'ACT_NOT_DRAFT'));
  it('refuses on the agenda', () =>
    act.given(drafted(), onAgenda()).when(cmd('ReviseActDraft', { text: 'Տեքստ 2' })).thenFails('INVALID_TRANSITION', 'ACT_NOT_DRAFT'));
  it('refuses after adoption', () =>
    act.given(drafted(), onAgenda(), adopted()).when(cmd('ReviseActDraft', { text: 'Տեքստ 2' })).thenFails('INVALID_TRANSITION', 'ACT_NOT_DRAFT'));
  it('refuses an empty text', () => act.given(drafted()).when(cmd('ReviseActDraft', { text: ' ' })).thenFails('VALIDATION_FAILED', 'TEXT_REQUIRED'));
});

describe('OpenActDiscussion', () => {
  it('opens the discussion of the current version until a date', () =>
    act.given(drafted(), revised(2, 'Տեքստ 2')).when(cmd('OpenActDiscussion', { until: '2024-03-10' })).then(opened('2024-03-10', 2)));
  it('may end today (Yerevan date of the command)', () =>
    act.given(drafted()).when(cmd('OpenActDiscussion', { until: '2024-03-01' })).then(opened('2024-03-01')));
  it('refuses an end before today', () =>
    act.given(drafted()).when(cmd('OpenActDiscussion', { until: '2024-02-29' })).thenFails('VALIDATION_FAILED', 'DISCUSSION_UNTIL_IN_PAST'));
  it('refuses an impossible date', () =>
    act.given(drafted()).when(cmd('OpenActDiscussion', { until: '2024-02-30' })).thenFails('VALIDATION_FAILED', 'INVALID_DATE'));
  it('may reopen after a discussion was closed', () =>
    act.given(drafted(), opened(), closed()).when(cmd('OpenActDiscussion', { until: '2024-03-10' })).then(opened('2024-03-10')));
  it('refuses while already in discussion', () =>
    act.given(drafted(), opened()).when(cmd('OpenActDiscussion', { until: '2024-03-10' })).thenFails('INVALID_TRANSITION', 'ACT_NOT_DRAFT'));
  it('refuses once the act is published', () =>
    act.given(...councilPublished).when(cmd('OpenActDiscussion', { until: '2024-03-10' })).thenFails('INVALID_TRANSITION', 'ACT_NOT_DRAFT'));
});

describe('CommentOnAct', () => {
  const comment = (n: number, now = NOW) => cmd('CommentOnAct', { comment: `Առաջարկ ${n}`, commenterId: 'resident-1' }, now);
  it('records a numbered comment during the discussion', () => act.given(drafted(), opened()).when(comment(1)).then(commented(1)));
  it('numbers comments in order', () => act.given(drafted(), opened(), commented(1)).when(comment(2)).then(commented(2)));
  it('accepts comments until the end of the last day in Yerevan', () => {
    const late = '2024-03-10T23:30:00+04:00';
    act.given(drafted(), opened('2024-03-10')).when(comment(1, late)).then(commented(1, late));
  });
  it('refuses after the last day (00:30 in Yerevan is already the next day)', () =>
    act.given(drafted(), opened('2024-03-10')).when(comment(1, '2024-03-10T20:30:00Z')).thenFails('INVALID_TRANSITION', 'ACT_DISCUSSION_ENDED'));
  it('refuses on a draft not in discussion', () => act.given(drafted()).when(comment(1)).thenFails('INVALID_TRANSITION', 'ACT_NOT_IN_DISCUSSION'));
  it('refuses after the discussion was closed', () =>
    act.given(drafted(), opened(), closed()).when(comment(1)).thenFails('INVALID_TRANSITION', 'ACT_NOT_IN_DISCUSSION'));
  it('refuses an empty comment', () =>
    act.given(drafted(), opened()).when(cmd('CommentOnAct', { comment: '', commenterId: 'resident-1' })).thenFails('VALIDATION_FAILED', 'COMMENT_REQUIRED'));
  it('refuses a comment without its author', () =>
    act.given(drafted(), opened()).when(cmd('CommentOnAct', { comment: 'x', commenterId: '' })).thenFails('VALIDATION_FAILED', 'COMMENTER_REQUIRED'));
});

describe('CloseActDiscussion', () => {
  it('closes the discussion (back to draft) with the number of comments', () =>
    act.given(drafted(), opened(), commented(1), commented(2)).when(cmd('CloseActDiscussion', {})).then(closed(2)));
  it('is a draft again afterwards', () => {
    const state = act.given(drafted(), opened(), closed()).state();
    expect(state?.phase).toBe('draft');
  });
  it('refuses when no discussion is open', () => act.given(drafted()).when(cmd('CloseActDiscussion', {})).thenFails('INVALID_TRANSITION', 'ACT_NOT_IN_DISCUSSION'));
});

describe('PlaceActOnAgenda', () => {
  const place = (sessionDate = '2024-03-20') => cmd('PlaceActOnAgenda', { sessionDate });
  it('places a council draft on a session agenda', () => act.given(drafted()).when(place()).then(onAgenda()));
  it('places it after the discussion was closed', () => act.given(drafted(), opened(), closed()).when(place()).then(onAgenda()));
  it('moves it to another session', () => act.given(drafted(), onAgenda()).when(place('2024-03-27')).then(onAgenda('2024-03-27')));
  it('records nothing for the same session again', () => act.given(drafted(), onAgenda()).when(place()).thenNothing());
  it('refuses a decision of the head', () => act.given(drafted('head')).when(place()).thenFails('INVALID_TRANSITION', 'NOT_A_COUNCIL_ACT'));
  it('refuses during the discussion', () => act.given(drafted(), opened()).when(place()).thenFails('INVALID_TRANSITION', 'ACT_NOT_DRAFT'));
  it('refuses an adopted act', () => act.given(drafted(), onAgenda(), adopted()).when(place('2024-03-27')).thenFails('INVALID_TRANSITION', 'ACT_NOT_DRAFT'));
  it('refuses a rejected act', () => act.given(drafted(), onAgenda(), rejected()).when(place('2024-03-27')).thenFails('INVALID_TRANSITION', 'ACT_NOT_DRAFT'));
  it('refuses an impossible date', () => act.given(drafted()).when(place('2024-13-01')).thenFails('VALIDATION_FAILED', 'INVALID_DATE'));
});

describe('RecordActVote', () => {
  const vote = (votesFor: number, votesAgainst: number, votesAbstained: number, number?: string) =>
    cmd('RecordActVote', { votesFor, votesAgainst, votesAbstained, ...(number === undefined ? {} : { number }) });
  const votes = (f: number, a: number, ab: number) => ({ for: f, against: a, abstained: ab });
  const rejectedWith = (v: { for: number; against: number; abstained: number }): LegalActEvent => ({
    type: 'ActRejected',
    data: { ...base, votes: v, sessionDate: '2024-03-20', version: 1, at: NOW },
  });

  it('adopts with the number from the register when votes for are more than half of the votes cast', () =>
    act.given(drafted(), onAgenda()).when(vote(10, 3, 2, '2024/1')).then(adopted()));
  it('adopts with a bare majority of the votes cast (6 of 11)', () =>
    act
      .given(drafted(), onAgenda())
      .when(vote(6, 3, 2, '2024/4'))
      .then({ ...adopted('2024/4'), data: { ...adopted('2024/4').data, votes: votes(6, 3, 2) } }));
  it('rejects with exactly half of the votes cast (5 of 10)', () => act.given(drafted(), onAgenda()).when(vote(5, 3, 2)).then(rejectedWith(votes(5, 3, 2))));
  it('counts abstentions among the votes cast (5 for, 2 against, 4 abstained is rejected)', () =>
    act.given(drafted(), onAgenda()).when(vote(5, 2, 4)).then(rejectedWith(votes(5, 2, 4))));
  it('ignores a number when the votes reject', () => act.given(drafted(), onAgenda()).when(vote(1, 3, 0, '2024/9')).then(rejectedWith(votes(1, 3, 0))));
  it('refuses an adoption without a number', () => act.given(drafted(), onAgenda()).when(vote(10, 0, 0)).thenFails('VALIDATION_FAILED', 'ACT_NUMBER_REQUIRED'));
  it('refuses an act that is not on the agenda', () => act.given(drafted()).when(vote(10, 0, 0, '2024/1')).thenFails('INVALID_TRANSITION', 'ACT_NOT_ON_AGENDA'));
  it('refuses a second vote after adoption', () =>
    act.given(drafted(), onAgenda(), adopted()).when(vote(10, 0, 0, '2024/2')).thenFails('INVALID_TRANSITION', 'ACT_NOT_ON_AGENDA'));
  it('refuses a vote after rejection', () => act.given(drafted(), onAgenda(), rejected()).when(vote(10, 0, 0, '2024/2')).thenFails('INVALID_TRANSITION', 'ACT_NOT_ON_AGENDA'));
  it('never votes on a decision of the head', () => act.given(drafted('head')).when(vote(10, 0, 0, '2024/1')).thenFails('INVALID_TRANSITION', 'NOT_A_COUNCIL_ACT'));
  it('refuses negative or fractional counts, naming the fields', () => {
    const result = act.given(drafted(), onAgenda()).when(vote(-1, 2.5, 0, '2024/1'));
    result.thenFails('VALIDATION_FAILED', 'INVALID_VOTES');
    expect(result.result).toMatchObject({ fields: ['votesFor', 'votesAgainst'] });
  });
  it('refuses a vote in which nobody voted', () => act.given(drafted(), onAgenda()).when(vote(0, 0, 0)).thenFails('VALIDATION_FAILED', 'NO_VOTES_CAST'));
  it('isAdoptingVote is a strict majority of for + against + abstained', () => {
    expect(isAdoptingVote({ votesFor: 1, votesAgainst: 0, votesAbstained: 0 })).toBe(true);
    expect(isAdoptingVote({ votesFor: 1, votesAgainst: 0, votesAbstained: 1 })).toBe(false);
    expect(isAdoptingVote({ votesFor: 0, votesAgainst: 0, votesAbstained: 0 })).toBe(false);
  });
});

describe('SignAct', () => {
  const sign = (number = '2024/1') => ({ ...cmd('SignAct', { number }), metadata: { now: NOW, actor: { id: 'head-1', role: 'head' } } }) as LegalActCommand;
  it('signs a decision of the head with its number, recording the head', () => act.given(drafted('head')).when(sign()).then(signed()));
  it('signs after a discussion was closed', () => act.given(drafted('head'), opened(), closed()).when(sign()).then(signed()));
  it('never signs a council act', () => act.given(drafted('council')).when(sign()).thenFails('INVALID_TRANSITION', 'NOT_A_HEAD_DECISION'));
  it('refuses during the discussion', () => act.given(drafted('head'), opened()).when(sign()).thenFails('INVALID_TRANSITION', 'ACT_NOT_DRAFT'));
  it('refuses to sign twice', () => act.given(drafted('head'), signed()).when(sign('2024/2')).thenFails('INVALID_TRANSITION', 'ACT_NOT_DRAFT'));
  it('refuses without a number', () => act.given(drafted('head')).when(sign('')).thenFails('VALIDATION_FAILED', 'ACT_NUMBER_REQUIRED'));
});

describe('PublishAct', () => {
  const publish = (effectiveFrom = '2024-04-01') => cmd('PublishAct', { effectiveFrom });
  it('publishes an adopted council act with its text and entry into force', () => act.given(drafted(), onAgenda(), adopted()).when(publish()).then(published()));
  it('publishes the latest draft version that was adopted', () => {
    const expected = published();
    act
      .given(drafted(), revised(2, 'Տեքստ 2'), { ...onAgenda(), data: { ...onAgenda().data, version: 2 } }, { ...adopted(), data: { ...adopted().data, version: 2 } })
      .when(publish())
      .then({ ...expected, data: { ...expected.data, version: 2, text: 'Տեքստ 2' } });
  });
  it('publishes a signed decision of the head', () => act.given(drafted('head'), signed()).when(publish()).then(published('2024-04-01', 'head')));
  it.each([
    ['a draft', [drafted()]],
    ['an act in discussion', [drafted(), opened()]],
    ['an act on the agenda', [drafted(), onAgenda()]],
    ['a rejected act', [drafted(), onAgenda(), rejected()]],
  ])('refuses %s: ACT_NOT_ADOPTED', (_label, history) => act.given(...history).when(publish()).thenFails('INVALID_TRANSITION', 'ACT_NOT_ADOPTED'));
  it('refuses to publish twice', () => act.given(...councilPublished).when(publish('2024-05-01')).thenFails('INVALID_TRANSITION', 'ACT_ALREADY_PUBLISHED'));
  it('refuses an impossible date', () => act.given(drafted(), onAgenda(), adopted()).when(publish('2024-04-31')).thenFails('VALIDATION_FAILED', 'INVALID_DATE'));
});

describe('AmendAct', () => {
  const amend = (over: object = {}) =>
    cmd('AmendAct', { amendingActId: 'act-2', text: 'Տեքստ 2', effectiveFrom: '2024-06-01', amendingActStatus: 'published', amendingActCommunityId: COMMUNITY, ...over });
  it('records a new consolidated version from a date', () => act.given(...councilPublished).when(amend()).then(amended(2, 'Տեքստ 2', '2024-06-01')));
  it('counts versions from the latest, draft revisions included', () => {
    const history = [drafted(), revised(2, 'Տեքստ 2'), onAgenda(), adopted(), { ...published(), data: { ...published().data, version: 2, text: 'Տեքստ 2' } }];
    act.given(...history).when(amend({ text: 'Տեքստ 3' })).then(amended(3, 'Տեքստ 3', '2024-06-01'));
  });
  it('stays published', () => {
    const state = act.given(...councilPublished, amended(2, 'Տեքստ 2', '2024-06-01')).state();
    expect(state?.phase).toBe('published');
    expect(state?.version).toBe(2);
  });
  it('accepts a second amendment from a later date', () =>
    act.given(...councilPublished, amended(2, 'Տեքստ 2', '2024-06-01')).when(amend({ amendingActId: 'act-4', text: 'Տեքստ 3', effectiveFrom: '2024-09-01' })).then(amended(3, 'Տեքստ 3', '2024-09-01', 'act-4')));
  it('records nothing for the same amendment again', () => act.given(...councilPublished, amended(2, 'Տեքստ 2', '2024-06-01')).when(amend()).thenNothing());
  it('refuses an amendment that would take effect before the current version', () =>
    act.given(...councilPublished).when(amend({ effectiveFrom: '2024-03-31' })).thenFails('VALIDATION_FAILED', 'EFFECTIVE_FROM_BEFORE_CURRENT_VERSION'));
  it.each(['adopted', 'draft', 'repealed', 'none'])('refuses an amending act that is %s: AMENDING_ACT_NOT_PUBLISHED', (status) =>
    act.given(...councilPublished).when(amend({ amendingActStatus: status })).thenFails('INVALID_TRANSITION', 'AMENDING_ACT_NOT_PUBLISHED'));
  it('refuses an amending act of another community', () =>
    act.given(...councilPublished).when(amend({ amendingActCommunityId: 'AM03001' })).thenFails('INVALID_TRANSITION', 'AMENDING_ACT_OF_ANOTHER_COMMUNITY'));
  it('refuses an act amending itself', () => act.given(...councilPublished).when(amend({ amendingActId: ACT })).thenFails('INVALID_TRANSITION', 'ACT_CANNOT_AMEND_ITSELF'));
  it('refuses to amend an unpublished act', () => act.given(drafted(), onAgenda(), adopted()).when(amend()).thenFails('INVALID_TRANSITION', 'ACT_NOT_PUBLISHED'));
  it('refuses to amend a repealed act (even one repealed from a later date)', () =>
    act.given(...councilPublished, repealed('2030-01-01')).when(amend()).thenFails('INVALID_TRANSITION', 'ACT_REPEALED'));
  it('refuses an empty text', () => act.given(...councilPublished).when(amend({ text: '' })).thenFails('VALIDATION_FAILED', 'TEXT_REQUIRED'));
  it('refuses an impossible date', () => act.given(...councilPublished).when(amend({ effectiveFrom: '2024-02-30' })).thenFails('VALIDATION_FAILED', 'INVALID_DATE'));
});

describe('RepealAct', () => {
  const repeal = (over: object = {}) =>
    cmd('RepealAct', { repealingActId: 'act-3', effectiveFrom: '2025-01-01', repealingActStatus: 'published', repealingActCommunityId: COMMUNITY, ...over });
  it('records the repeal by another published act from a date', () => act.given(...councilPublished).when(repeal()).then(repealed()));
  it('repeals an amended act', () => act.given(...councilPublished, amended(2, 'Տեքստ 2', '2024-06-01')).when(repeal()).then(repealed()));
  it('records nothing for the same repeal again', () => act.given(...councilPublished, repealed()).when(repeal()).thenNothing());
  it('refuses a second, different repeal', () =>
    act.given(...councilPublished, repealed()).when(repeal({ repealingActId: 'act-9' })).thenFails('INVALID_TRANSITION', 'ACT_REPEALED'));
  it.each(['signed', 'in-discussion', 'repealed', 'none'])('refuses a repealing act that is %s: REPEALING_ACT_NOT_PUBLISHED', (status) =>
    act.given(...councilPublished).when(repeal({ repealingActStatus: status })).thenFails('INVALID_TRANSITION', 'REPEALING_ACT_NOT_PUBLISHED'));
  it('refuses a repealing act of another community', () =>
    act.given(...councilPublished).when(repeal({ repealingActCommunityId: 'AM03001' })).thenFails('INVALID_TRANSITION', 'REPEALING_ACT_OF_ANOTHER_COMMUNITY'));
  it('refuses an act repealing itself', () => act.given(...councilPublished).when(repeal({ repealingActId: ACT })).thenFails('INVALID_TRANSITION', 'ACT_CANNOT_REPEAL_ITSELF'));
  it('refuses to repeal an unpublished act', () => act.given(drafted('head'), signed()).when(repeal()).thenFails('INVALID_TRANSITION', 'ACT_NOT_PUBLISHED'));
  it('refuses an impossible date', () => act.given(...councilPublished).when(repeal({ effectiveFrom: '2025-02-29' })).thenFails('VALIDATION_FAILED', 'INVALID_DATE'));
});

describe('derived status and text in force', () => {
  const fold = (...events: LegalActEvent[]) => events.reduce(evolve, initialState()) as LegalAct;

  it('is published until the repeal takes effect, and repealed from that day', () => {
    const state = fold(...councilPublished, repealed('2025-01-01'));
    expect(actStatus(state, '2024-12-31')).toBe('published');
    expect(actStatus(state, '2025-01-01')).toBe('repealed');
  });

  it('gives the text in force on each date (hand-computed)', () => {
    const state = fold(...councilPublished, amended(2, 'Տեքստ 2', '2024-06-01'), amended(3, 'Տեքստ 3', '2024-09-01', 'act-4'), repealed('2025-01-01'));
    expect(textInForce(state, '2024-03-31')).toBeNull(); // before entry into force
    expect(textInForce(state, '2024-04-01')).toBe('Տեքստ 1');
    expect(textInForce(state, '2024-05-31')).toBe('Տեքստ 1');
    expect(textInForce(state, '2024-06-01')).toBe('Տեքստ 2');
    expect(textInForce(state, '2024-08-31')).toBe('Տեքստ 2');
    expect(textInForce(state, '2024-09-01')).toBe('Տեքստ 3');
    expect(textInForce(state, '2024-12-31')).toBe('Տեքստ 3');
    expect(textInForce(state, '2025-01-01')).toBeNull(); // repealed
    expect(versionInForce(state, '2024-07-15')).toEqual({ version: 2, text: 'Տեքստ 2', effectiveFrom: '2024-06-01', amendingActId: 'act-2' });
    expect(textInForce(null, '2024-07-15')).toBeNull();
  });

  it('an amendment on the same day as the previous version supersedes it', () => {
    const state = fold(...councilPublished, amended(2, 'Տեքստ 2', '2024-04-01'));
    expect(textInForce(state, '2024-04-01')).toBe('Տեքստ 2');
  });

  it('ignores events on an act that was never drafted', () => {
    expect(evolve(null, published())).toBeNull();
  });
});

describe('legalActView', () => {
  const fold = (...events: LegalActEvent[]) => events.reduce(evolve, initialState());

  it('is null for an act that does not exist', () => expect(legalActView(null, '2024-03-01')).toBeNull());

  it('shows a draft with its current text and version', () => {
    expect(legalActView(fold(drafted(), revised(2, 'Տեքստ 2')), '2024-03-01')).toMatchObject({
      id: ACT,
      status: 'draft',
      communityId: COMMUNITY,
      issuer: 'council',
      number: null,
      titleHy: 'Տեղական տուրքերի մասին',
      titleEn: 'On local duties',
      text: 'Տեքստ 2',
      version: 2,
      effectiveFrom: null,
      votes: null,
      inForce: false,
    });
  });

  it('shows the votes and number of an adopted act', () => {
    expect(legalActView(fold(drafted(), onAgenda(), adopted('2024/7')), '2024-03-25')).toMatchObject({
      status: 'adopted',
      number: '2024/7',
      votes: { for: 10, against: 3, abstained: 2 },
      sessionDate: '2024-03-20',
    });
  });

  it('without asOf shows the latest version; with asOf the version in force on that day', () => {
    const state = fold(...councilPublished, amended(2, 'Տեքստ 2', '2024-06-01'), repealed('2025-01-01', 'act-3'));
    expect(legalActView(state, '2024-05-01')).toMatchObject({ status: 'published', text: 'Տեքստ 2', version: 2, effectiveFrom: '2024-06-01', inForce: true, repealedBy: 'act-3', repealEffectiveFrom: '2025-01-01' });
    expect(legalActView(state, '2024-05-01', '2024-05-01')).toMatchObject({ text: 'Տեքստ 1', version: 1, effectiveFrom: '2024-04-01', inForce: true });
    expect(legalActView(state, '2024-05-01', '2024-03-01')).toMatchObject({ text: null, version: 2, effectiveFrom: null, inForce: false });
    expect(legalActView(state, '2025-02-01')).toMatchObject({ status: 'repealed', inForce: false });
    expect(legalActView(state, '2025-02-01')?.history.map((v) => v.version)).toEqual([1, 2]);
  });
});

describe('event catalogue', () => {
  it('lists every event type with exactly the fields the deciders record', () => {
    const produced: Array<{ type: string; data: object }> = [];
    const run = (history: LegalActEvent[], command: LegalActCommand) => {
      const result = legalActDecider.decide(command, history.reduce(evolve, initialState()));
      if (!Array.isArray(result)) throw new Error(result.reason);
      produced.push(...result);
    };
    run([], cmd('DraftAct', { ...base, issuer: 'council', titleHy: 'Որոշում', text: 'Տեքստ 1' }));
    run([drafted()], cmd('ReviseActDraft', { text: 'Տեքստ 2' }));
    run([drafted()], cmd('OpenActDiscussion', { until: '2024-03-10' }));
    run([drafted(), opened()], cmd('CommentOnAct', { comment: 'x', commenterId: 'r' }));
    run([drafted(), opened()], cmd('CloseActDiscussion', {}));
    run([drafted()], cmd('PlaceActOnAgenda', { sessionDate: '2024-03-20' }));
    run([drafted(), onAgenda()], cmd('RecordActVote', { votesFor: 9, votesAgainst: 0, votesAbstained: 0, number: '2024/1' }));
    run([drafted(), onAgenda()], cmd('RecordActVote', { votesFor: 0, votesAgainst: 9, votesAbstained: 0 }));
    run([drafted('head')], cmd('SignAct', { number: '2024/1' }));
    run([drafted(), onAgenda(), adopted()], cmd('PublishAct', { effectiveFrom: '2024-04-01' }));
    run(councilPublished, cmd('AmendAct', { amendingActId: 'a', text: 't', effectiveFrom: '2024-06-01', amendingActStatus: 'published' }));
    run(councilPublished, cmd('RepealAct', { repealingActId: 'a', effectiveFrom: '2024-06-01', repealingActStatus: 'published' }));
    const numbered = actRegisterDecider.decide({ type: 'AssignActNumber', data: { communityId: COMMUNITY, year: 2024, actId: ACT }, metadata: meta() }, actRegisterDecider.initialState());
    if (!Array.isArray(numbered)) throw new Error(numbered.reason);
    produced.push(...numbered);

    expect(legalActEventCatalogue.map((e) => e.type).sort()).toEqual([...new Set(produced.map((e) => e.type))].sort());
    for (const event of produced) {
      const entry = legalActEventCatalogue.find((e) => e.type === event.type)!;
      expect(Object.keys(entry.fields).sort()).toEqual(Object.keys(event.data).sort());
      expect(entry.schemaVersion).toBe(1);
      expect(entry.description.length).toBeGreaterThan(10);
    }
  });
});
