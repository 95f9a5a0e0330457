/**
 * Every read-model projection the runner feeds (names are stable: they key checkpoints and generations).
 * - `cases`: collections communities, applications, fees, acts, complaints
 * - `payments`: feeLedgers
 * - `adoption`: adoption
 * - `audit-log`: auditLog
 * Each read model's documents and indexed fields: <folder>/schema.ts beside its projection.
 */
import type { ProjectionDefinition } from './definition';
import { adoptionProjection } from './adoption/adoption-projection';
import { auditLogProjection } from './audit-log/audit-log-projection';
import { casesProjection } from './cases';
import { paymentsProjection } from './payments/payments-projection';

export { adoptionProjection, auditLogProjection, casesProjection, paymentsProjection };

export const ALL_PROJECTIONS: ProjectionDefinition[] = [casesProjection, paymentsProjection, adoptionProjection, auditLogProjection];

export const projectionByName = (name: string): ProjectionDefinition | undefined => ALL_PROJECTIONS.find((p) => p.name === name);
