/**
 * PropertyTaxSandbox — NOT the property tax management system. An in-process stand-in for embedded
 * mode and tests: every answer is derived from a SHA-256 hash of the resident id (and the year of
 * `asOf`), so the same resident always gets the same made-up liabilities, and `source` says "sandbox"
 * so no certificate can be mistaken for one based on real tax data.
 */
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../../application/ids';
import type { PropertyTaxItem, PropertyTaxLiability, PropertyTaxSystem } from '../../application/ports/property-tax';

export const SANDBOX_SOURCE = 'sandbox';

const PROPERTY = [
  { kind: 'real-estate', description: 'Apartment (sandbox data)', min: 2_000, max: 40_000 },
  { kind: 'real-estate', description: 'Residential house (sandbox data)', min: 5_000, max: 80_000 },
  { kind: 'real-estate', description: 'Land plot (sandbox data)', min: 1_000, max: 15_000 },
  { kind: 'vehicle', description: 'Passenger car (sandbox data)', min: 10_000, max: 120_000 },
] as const;

export class PropertyTaxSandbox implements PropertyTaxSystem {
  constructor(private readonly clock: Clock = systemClock) {}

  async liabilityOf(residentId: string, communityId: string, asOf: string): Promise<PropertyTaxLiability> {
    const year = Number(asOf.slice(0, 4));
    const bytes = createHash('sha256').update(`property-tax-sandbox:${residentId}`, 'utf8').digest();
    const items: PropertyTaxItem[] = [];
    // Up to four holdings; about a third of residents owe nothing.
    PROPERTY.forEach((property, i) => {
      const b = bytes[i];
      if (b % 3 !== 0) return;
      const span = property.max - property.min;
      const annual = property.min + Math.round(((bytes.readUInt16BE(8 + 2 * i) / 0xffff) * span) / 100) * 100;
      items.push({ kind: property.kind, description: property.description, period: String(year), dueAmd: annual });
      // Some residents also carry last year's arrears.
      if (bytes[16 + i] % 4 === 0) items.push({ kind: property.kind, description: `${property.description}, arrears`, period: String(year - 1), dueAmd: annual });
    });
    return {
      residentId,
      communityId,
      asOf,
      totalDueAmd: items.reduce((sum, item) => sum + item.dueAmd, 0),
      items,
      retrievedAt: this.clock.now().toISOString(),
      source: SANDBOX_SOURCE,
    };
  }
}
