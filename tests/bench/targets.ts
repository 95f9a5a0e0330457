/** The issue's targets, judged from the rows of the same run, and the scaling table. */
import { appendGroup, CEILING, HAMAYNK_1, PEER, PEER_KEPT } from './appends';
import { PAY_10, PAY_16, ROUND_TRIP, SUBMIT_10, SUBMIT_16 } from './commands';
import { graphqlName, PLAIN_READ_AFTER_WRITE, PUBLIC_SITE, READ_AFTER_OWN_WRITE, READ_AFTER_WRITE_CONNECTIONS, READ_AFTER_WRITE_GROUP, SERVER_INFO, SUBMIT } from './graphql';
import { fmt, powerOfTen, type BenchRow } from './harness';
import { mutationPathTargets } from './mutation-path';
import { READ_ALL } from './reads';
import { reportReadTargets } from './report-reads';
import { staffPagesTargets } from './staff-pages';

export interface Target {
  readonly text: string;
  /** undefined: shown, not judged. */
  readonly holds: boolean | undefined;
  /** The profile scenario (profile.ts) that shows where the time goes when it does not hold. */
  readonly profile?: string;
}

const find = (rows: readonly BenchRow[], group: string, name: string, log?: number): BenchRow | undefined =>
  rows.find((r) => r.group === group && r.name === name && (log === undefined || r.log === log));

const x = (n: number): string => `${fmt(n, 2)}×`;
const at = (log: number): string => `log ${powerOfTen(log)}`;

/** Rows measured at several log sizes: ops/s at each, and the slowdown from the smallest to the largest log. */
export const scalingSeries = (rows: readonly BenchRow[], scales: readonly number[]) => {
  const keys = [...new Set(rows.filter((r) => r.log !== undefined).map((r) => `${r.group}\u0000${r.name}`))];
  return keys.map((key) => {
    const [group, name] = key.split('\u0000');
    const bySize = scales.map((log) => rows.find((r) => r.group === group && r.name === name && r.log === log));
    const first = bySize[0];
    const last = bySize[bySize.length - 1];
    const slowdown = first && last ? first.opsPerSec / last.opsPerSec : undefined;
    // The same, measured against the row's baseline at each size (cancels load from elsewhere that hit both alike).
    const relative = first?.ratio !== undefined && last?.ratio !== undefined ? first.ratio / last.ratio : undefined;
    return { group, name, bySize, slowdown, relative, wholeLog: group === READ_ALL };
  });
};

export const scalingTable = (rows: readonly BenchRow[], scales: readonly number[]): string => {
  const head = `| group | row | ${scales.map((s) => `ops/s @${powerOfTen(s)}`).join(' | ')} | ${scales.map((s) => `p50 ms @${powerOfTen(s)}`).join(' | ')} | slowdown ${powerOfTen(scales[0])}→${powerOfTen(scales[scales.length - 1])} | slowdown of the ratio to its baseline |`;
  const rule = `|---|---|${scales.map(() => '---:').join('|')}|${scales.map(() => '---:').join('|')}|---:|---:|`;
  const body = scalingSeries(rows, scales)
    .filter((s) => s.bySize.filter(Boolean).length > 1)
    .map(
      (s) =>
        `| ${s.group} | ${s.name} | ${s.bySize.map((r) => fmt(r?.opsPerSec)).join(' | ')} | ${s.bySize.map((r) => fmt(r?.p50Ms, 3)).join(' | ')} | ${s.slowdown === undefined ? '' : x(s.slowdown)}${s.wholeLog ? ' (reads the whole log)' : ''} | ${s.relative === undefined ? '' : x(s.relative)} |`,
    );
  return [head, rule, ...body].join('\n');
};

export const evaluateTargets = (rows: readonly BenchRow[], scales: readonly number[]): Target[] => {
  const targets: Target[] = [];
  const g1 = appendGroup(1);

  // 1. Single-event appends, FULL: ≥ 10× the peer and ≥ 70 % of the ceiling, at every log size.
  const peerParts: string[] = [];
  const keptParts: string[] = [];
  const ceilingParts: string[] = [];
  let peerOk = true;
  let ceilingOk = true;
  for (const log of scales) {
    const h = find(rows, g1, HAMAYNK_1, log);
    const p = find(rows, g1, PEER, log);
    const c = find(rows, g1, CEILING, log);
    const k = find(rows, g1, PEER_KEPT, log);
    if (h && k) keptParts.push(`${at(log)}: ${x(h.opsPerSec / k.opsPerSec)}`);
    if (h && p) {
      const r = h.opsPerSec / p.opsPerSec;
      peerOk &&= r >= 10;
      peerParts.push(`${at(log)}: ${fmt(h.opsPerSec)} vs ${fmt(p.opsPerSec)} appends/s = ${x(r)}${c ? ` (the ceiling itself: ${x(c.opsPerSec / p.opsPerSec)} the peer)` : ''}`);
    } else peerOk = false;
    if (h && c) {
      const r = h.opsPerSec / c.opsPerSec;
      ceilingOk &&= r >= 0.7;
      ceilingParts.push(`${at(log)}: ${fmt(h.opsPerSec)} vs ${fmt(c.opsPerSec)} = ${x(r)}`);
    } else ceilingOk = false;
  }
  targets.push({
    text: `single-event appends (1 caller, FULL) at least 10× emmett-sqlite (its public API) — ${peerParts.join('; ')}. Against its append on one kept connection: ${keptParts.join('; ')}`,
    holds: peerOk,
    profile: 'append1',
  });
  targets.push({ text: `single-event appends (1 caller, FULL) at least 70 % of the plain better-sqlite3 ceiling — ${ceilingParts.join('; ')}`, holds: ceilingOk, profile: 'append1' });

  // 2. Group commit: 16 in-process callers of the whole command round trip beat one transaction per append.
  for (const name of [PAY_16, SUBMIT_16]) {
    const parts: string[] = [];
    let ok = true;
    for (const log of scales) {
      const r = find(rows, ROUND_TRIP, name, log);
      const c = find(rows, ROUND_TRIP, CEILING, log);
      if (!r || !c) {
        ok = false;
        continue;
      }
      ok &&= r.opsPerSec > c.opsPerSec;
      parts.push(`${at(log)}: ${fmt(r.opsPerSec)} commands/s vs ${fmt(c.opsPerSec)} appends/s = ${x(r.opsPerSec / c.opsPerSec)}`);
    }
    targets.push({
      text: `${name}: acknowledged single-event commands per second above the one-transaction-per-append ceiling — ${parts.join('; ')}`,
      holds: ok,
      profile: name === PAY_16 ? 'pay16' : 'submit16',
    });
  }

  // 3. What group commit does to the GraphQL mutation rows (shown, not judged).
  for (const label of ['serve', 'serve --projections off']) {
    const group = `GraphQL (${label})`;
    const parts: string[] = [];
    for (const log of scales) {
      const c1 = find(rows, group, graphqlName(SUBMIT, 1), log);
      const c16 = find(rows, group, graphqlName(SUBMIT, 16), log);
      const c64 = find(rows, group, graphqlName(SUBMIT, 64), log);
      if (c1 && c16 && c64) {
        parts.push(
          `${at(log)}: ${fmt(c1.opsPerSec)} → ${fmt(c16.opsPerSec)} → ${fmt(c64.opsPerSec)} mutations/s at 1 → 16 → 64 connections (${x(c16.opsPerSec / c1.opsPerSec)} at 16, ${x(c64.opsPerSec / c1.opsPerSec)} at 64)`,
        );
      }
    }
    if (parts.length > 0) targets.push({ text: `GraphQL submitApplication with group commit (${label}) — ${parts.join('; ')}`, holds: undefined });
  }

  // 3b. The GraphQL API's targets (issue 5): ≥ 1 500 submitApplication mutations/s at 16 connections with
  // p99 under 50 ms, and the publicSite query within 2× of the serverInfo baseline at every concurrency.
  const graphqlGroups = [...new Set(rows.filter((r) => r.group.startsWith('GraphQL (')).map((r) => r.group))];
  const mutationParts: string[] = [];
  const queryParts: string[] = [];
  let mutationsOk = graphqlGroups.length > 0;
  let queriesOk = graphqlGroups.length > 0;
  for (const group of graphqlGroups) {
    for (const log of scales) {
      const m = find(rows, group, graphqlName(SUBMIT, 16), log);
      if (m) {
        mutationsOk &&= m.opsPerSec >= 1500 && (m.p99Ms ?? Infinity) < 50;
        mutationParts.push(`${group.slice('GraphQL ('.length, -1)} ${at(log)}: ${fmt(m.opsPerSec)}/s, p99 ${fmt(m.p99Ms, 1)} ms`);
      }
      const ratios: string[] = [];
      for (const connections of [1, 16, 64]) {
        const q = find(rows, group, graphqlName(PUBLIC_SITE, connections), log);
        const b = find(rows, group, graphqlName(SERVER_INFO, connections), log);
        if (!q || !b) continue;
        const r = q.opsPerSec / b.opsPerSec;
        queriesOk &&= r >= 0.5;
        ratios.push(`${x(r)} at ${connections}`);
      }
      if (ratios.length > 0) queryParts.push(`${group.slice('GraphQL ('.length, -1)} ${at(log)}: ${ratios.join(', ')}`);
    }
  }
  if (graphqlGroups.length > 0) {
    // A target with no row to judge it by does not hold.
    targets.push({ text: `GraphQL submitApplication: at least 1 500 mutations/s at 16 connections with p99 under 50 ms — ${mutationParts.join('; ')}`, holds: mutationsOk && mutationParts.length > 0 });
    targets.push({
      text: `GraphQL publicSite query within 2× of the { serverInfo { name } } baseline (ratio ≥ 0.5) at 1, 16 and 64 connections — ${queryParts.join('; ')}`,
      holds: queriesOk && queryParts.length > 0,
    });
  }

  // 3c. Reads that follow writes: the caller's own read right after its write, against a plain read right after
  // the same write (both measured in turns): p99 added under 15 ms at 16 connections.
  const rawParts: string[] = [];
  let rawOk: boolean | undefined;
  for (const connections of READ_AFTER_WRITE_CONNECTIONS) {
    const own = rows.find((r) => r.group === READ_AFTER_WRITE_GROUP && r.name === graphqlName(READ_AFTER_OWN_WRITE, connections));
    const plain = rows.find((r) => r.group === READ_AFTER_WRITE_GROUP && r.name === graphqlName(PLAIN_READ_AFTER_WRITE, connections));
    if (!own || !plain) continue;
    const p50 = (own.p50Ms ?? 0) - (plain.p50Ms ?? 0);
    const p99 = (own.p99Ms ?? 0) - (plain.p99Ms ?? 0);
    if (connections === 16) rawOk = p99 < 15;
    rawParts.push(`${connections} conn.: added p50 ${fmt(p50, 2)} ms, p99 ${fmt(p99, 2)} ms (${fmt(own.p99Ms, 2)} against ${fmt(plain.p99Ms, 2)})`);
  }
  if (rawParts.length > 0) {
    targets.push({ text: `A read right after a write: the added latency at p50 and p99 against a plain read; p99 added under 15 ms at 16 connections — ${rawParts.join('; ')}`, holds: rawOk ?? false });
  }

  // 4. A command round trip under 1 ms median on a 10-event stream.
  for (const name of [PAY_10, SUBMIT_10]) {
    const parts: string[] = [];
    let ok = true;
    for (const log of scales) {
      const r = find(rows, ROUND_TRIP, name, log);
      if (!r || r.p50Ms === undefined) {
        ok = false;
        continue;
      }
      ok &&= r.p50Ms < 1;
      parts.push(`${at(log)}: p50 ${fmt(r.p50Ms, 3)} ms`);
    }
    targets.push({ text: `${name}: round trip under 1 ms median — ${parts.join('; ')}`, holds: ok, profile: name === PAY_10 ? 'pay10' : 'submit10' });
  }

  // 5. No row slower by more than 2× from the smallest to the largest log, except whole-log reads.
  const series = scalingSeries(rows, scales).filter((s) => s.slowdown !== undefined);
  const worse = series.filter((s) => !s.wholeLog && (s.slowdown as number) > 2);
  const worst = [...series].filter((s) => !s.wholeLog).sort((a, b) => (b.slowdown as number) - (a.slowdown as number))[0];
  targets.push({
    text:
      `no row more than 2× slower from ${powerOfTen(scales[0])} to ${powerOfTen(scales[scales.length - 1])} events, except reads of the whole log — ` +
      (worse.length === 0
        ? `${series.length - series.filter((s) => s.wholeLog).length} rows compared, the largest slowdown ${worst ? `${x(worst.slowdown as number)} (${worst.group}: ${worst.name})` : 'n/a'}`
        : worse.map((s) => `${s.group}: ${s.name} ${x(s.slowdown as number)}${s.relative === undefined ? '' : ` (${x(s.relative)} against its baseline measured in turns with it)`}`).join('; ')),
    holds: worse.length === 0,
  });
  targets.push(...mutationPathTargets(rows), ...reportReadTargets(rows), ...staffPagesTargets(rows));
  return targets;
};
