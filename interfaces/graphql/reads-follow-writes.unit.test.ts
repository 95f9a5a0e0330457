/** Which read models a GraphQL operation waits for, how the header is read, and which position a request's mutations report. */
import { parse } from 'graphql';
import { ValidationFailed } from '../../application/errors';
import { afterPositionOf, callerKeyOf, noteAppended, readModelsOf, type ReadsFollowWritesContext } from './reads-follow-writes';

describe('readModelsOf', () => {
  it('a query waits for the projections its root fields read, each once', () => {
    expect(readModelsOf(parse('{ fee(id: "f") { id } fees(communityId: "GY") { totalCount } }'))).toEqual({ query: true, projections: ['cases'] });
    expect(new Set(readModelsOf(parse('{ transparencyReport { feesCollectedAmd } nationalAdoptionReport(asOf: "2019-07-01") { totalCommunities } }')).projections)).toEqual(
      new Set(['cases', 'payments', 'documents', 'adoption']),
    );
  });

  it('follows fragments and inline fragments at the root', () => {
    const doc = parse('query Q { ...Root ... on Query { auditLog { totalCount } } } fragment Root on Query { dashboard(communityId: "GY") { communityId } }');
    expect(new Set(readModelsOf(doc).projections)).toEqual(new Set(['cases', 'audit-log']));
  });

  it('fields that read the log or the audit tree themselves wait for nothing', () => {
    expect(readModelsOf(parse('{ serverInfo { head } auditTreeHead { treeSize } history(streamId: "fee-1") { position } __typename }'))).toEqual({ query: true, projections: [] });
  });

  it('a field it does not know (added later) waits for every projection, to be safe', () => {
    expect(new Set(readModelsOf(parse('{ somethingNew { id } }')).projections)).toEqual(new Set(['cases', 'payments', 'adoption', 'audit-log', 'worklist', 'staff-directory', 'documents', 'outbox']));
  });

  it('the staff inbox waits for the worklist read model only', () => {
    expect(readModelsOf(parse('{ worklist(communityId: "GY") { totalCount } }'))).toEqual({ query: true, projections: ['worklist'] });
  });

  it('myMessages and myContactDetails wait for the outbox read model only', () => {
    expect(readModelsOf(parse('{ myMessages { totalCount } myContactDetails { email } }')).projections).toEqual(['outbox']);
  });

  it('staffDirectory waits for the staff-directory read model only', () => {
    expect(readModelsOf(parse('{ staffDirectory(communityId: "C1") { personalId } }')).projections).toEqual(['staff-directory']);
  });

  it('mutations and subscriptions do not wait; with several operations the named one counts', () => {
    expect(readModelsOf(parse('mutation { cancelFee(id: "f", reason: "r") { id } }')).query).toBe(false);
    expect(readModelsOf(parse('subscription { events { position } }')).query).toBe(false);
    const doc = parse('mutation Pay { recordPayment(id: "f", amountAmd: 1, paidAt: "x", reference: "r") { id } } query Read { fee(id: "f") { id } }');
    expect(readModelsOf(doc, 'Pay').query).toBe(false);
    expect(readModelsOf(doc, 'Read')).toEqual({ query: true, projections: ['cases'] });
  });
});

describe('afterPositionOf (Hamaynk-After-Position)', () => {
  it('reads decimal digits, absent is none', () => {
    expect(afterPositionOf({})).toBeNull();
    expect(afterPositionOf({ 'hamaynk-after-position': '42' })).toBe(42n);
    expect(afterPositionOf({ 'hamaynk-after-position': ' 18446744073709551615 ' })).toBe(18446744073709551615n);
  });

  it.each(['', 'abc', '-1', '1.5', '1e3', '0x10', '123456789012345678901'])('refuses %p as VALIDATION_FAILED naming the header', (value) => {
    let error: unknown;
    try {
      afterPositionOf({ 'hamaynk-after-position': value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationFailed);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['Hamaynk-After-Position'], reason: 'INVALID_POSITION' });
  });
});

describe('the position a request reports', () => {
  const ctx = (): ReadsFollowWritesContext => ({ caller: { actor: null, error: null } });

  it('is the latest of its mutations’ positions; a mutation that appended nothing leaves it', () => {
    const c = ctx();
    expect(c.appendedPosition).toBeUndefined();
    noteAppended(c, null);
    expect(c.appendedPosition).toBeNull();
    noteAppended(c, 12n);
    noteAppended(c, null);
    noteAppended(c, 9n);
    expect(c.appendedPosition).toBe(12n);
  });

  it('belongs to the token’s subject; an anonymous caller has none', () => {
    expect(callerKeyOf(ctx())).toBeNull();
    expect(callerKeyOf({ caller: { actor: { id: 'clerk-1', role: 'staff', assurance: 'password', channel: 'staff' }, error: null } })).toBe('sub:clerk-1');
  });
});
