/** The demo's people are listed in the README ("Demo staff") exactly as the seed appoints them, so `npm start` → sign in works as written. */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_COMMUNITIES } from './demo-content';
import { DEMO_AUDITOR, DEMO_MINISTRY_OFFICIAL, demoCommunityStaff } from './demo-staff';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('demo staff', () => {
  const people = [
    { ...DEMO_MINISTRY_OFFICIAL, community: '—' },
    { ...DEMO_AUDITOR, community: '—' },
    ...DEMO_COMMUNITIES.flatMap((c) => {
      const s = demoCommunityStaff(c.code);
      return [s.head, s.councilSecretary, ...s.clerks].map((m) => ({ ...m, community: `${c.nameEn} (${c.code})` }));
    }),
  ];

  it('have distinct 10-digit personal ids', () => {
    for (const p of people) expect(p.personalId).toMatch(/^\d{10}$/);
    expect(new Set(people.map((p) => p.personalId)).size).toBe(people.length);
  });

  it.each(people.map((p) => [p.name, p] as const))('%s is a row of the README table', (_name, p) => {
    const role = p.role === 'council' ? 'council (secretary)' : p.role;
    expect(readme).toContain(`| ${p.name} | ${role} | ${p.community} | \`${p.personalId}\` |`);
  });
});
