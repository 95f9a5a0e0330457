import { spec } from '../../tests/support/decider-spec';
import { actRegisterDecider, actRegisterStreamId, numberOf, type ActNumberAssigned, type AssignActNumber } from './register';

const NOW = '2024-03-20T12:00:00+04:00';
const assign = (actId: string, over: Partial<AssignActNumber['data']> = {}): AssignActNumber => ({
  type: 'AssignActNumber',
  data: { communityId: 'AM02001', year: 2024, actId, ...over },
  metadata: { now: NOW },
});
const assigned = (actId: string, sequence: number): ActNumberAssigned => ({
  type: 'ActNumberAssigned',
  data: { communityId: 'AM02001', year: 2024, sequence, number: `2024/${sequence}`, actId, at: NOW },
});
const register = spec(actRegisterDecider);

describe('act register', () => {
  it('is one stream per community and year', () => {
    expect(actRegisterStreamId('AM02001', 2024)).toBe('actregister-AM02001_2024');
    expect(actRegisterDecider.name).toBe('actregister');
  });
  it('gives the first act of the year number 1', () => register.given().when(assign('act-a')).then(assigned('act-a', 1)));
  it('gives the next act the next number', () => register.given(assigned('act-a', 1), assigned('act-b', 2)).when(assign('act-c')).then(assigned('act-c', 3)));
  it('records nothing for an act that already has a number, and keeps it', () => {
    const given = register.given(assigned('act-a', 1), assigned('act-b', 2));
    given.when(assign('act-a')).thenNothing();
    expect(numberOf(given.state(), 'act-a')).toBe('2024/1');
    expect(numberOf(given.state(), 'act-z')).toBeNull();
  });
  it('refuses an act of another community on this register', () =>
    register.given(assigned('act-a', 1)).when(assign('act-b', { communityId: 'AM03001' })).thenFails('INVALID_TRANSITION', 'ACT_REGISTER_MISMATCH'));
  it('refuses another year on this register', () =>
    register.given(assigned('act-a', 1)).when(assign('act-b', { year: 2025 })).thenFails('INVALID_TRANSITION', 'ACT_REGISTER_MISMATCH'));
  it('refuses a year that is not four digits', () => register.given().when(assign('act-a', { year: 24 })).thenFails('VALIDATION_FAILED', 'INVALID_YEAR'));
  it('refuses a missing act', () => register.given().when(assign('')).thenFails('VALIDATION_FAILED', 'ACT_ID_REQUIRED'));
  it('refuses a missing community', () => register.given().when(assign('act-a', { communityId: '' })).thenFails('VALIDATION_FAILED', 'COMMUNITY_REQUIRED'));
});
