/**
 * The `adoption` read model's schema: `adoption`, one timeline per community for the national adoption
 * report, written by ./adoption-projection.ts and read by application/queries/national-adoption.ts.
 */
import type { CmisEdition } from '../../domain/community/commands';
import type { CollectionSpec } from '../../application/ports/read-store';

export const ADOPTION_PROJECTION = 'adoption';

export const ADOPTION_COLLECTIONS = { adoption: 'adoption' } as const;

export const ADOPTION_SPEC: CollectionSpec = {
  name: ADOPTION_COLLECTIONS.adoption,
  projection: ADOPTION_PROJECTION,
  fields: { province: 'string', registeredOn: 'string', mergedOn: 'string', consolidated: 'boolean' },
};

/** A community's adoption timeline; every list in the order the facts were recorded, each fact with its effective date. */
export interface AdoptionDoc {
  readonly id: string;
  /** Revision of the community stream last folded in. */
  readonly revision: number;
  readonly province: string;
  readonly registeredOn: string;
  readonly mergedOn: string | null;
  readonly consolidated: boolean;
  readonly populations: ReadonlyArray<{ readonly asOf: string; readonly population: number | null }>;
  readonly cmis: ReadonlyArray<{ readonly on: string; readonly edition: CmisEdition }>;
  readonly documentCirculationOn: string | null;
  readonly websites: ReadonlyArray<{ readonly on: string; readonly hostedOnCmis: boolean }>;
  readonly offices: ReadonlyArray<{ readonly on: string; readonly officeId: string; readonly partners: readonly string[] }>;
}
