/**
 * The read models the queries read. Each read model's schema — its documents' shapes, collection names
 * and indexed fields — lives beside the projection that writes it (projections/<model>/schema.ts); this
 * module gathers them for the query functions of application/queries/. Queries may import a read model's
 * schema, never a projection's code (the dependency rules check it).
 *
 * Projections and their collections:
 * - `cases`: `communities`, `applications`, `fees`, `acts`, `complaints` (projections/cases/schema.ts)
 * - `payments`: `feeLedgers` (projections/payments/schema.ts)
 * - `adoption`: `adoption` (projections/adoption/schema.ts)
 * - `audit-log`: `auditLog` (projections/audit-log/schema.ts)
 * - `worklist`: `worklistCounts`, `worklist` (projections/worklist/schema.ts)
 * - `staff-directory`: `staffDirectory` (projections/staff-directory/schema.ts)
 * - `documents`: `documents`, `documentExecutors` (projections/documents/schema.ts)
 * - `outbox`: `outboxMessages`, `outboxContacts`, … (projections/outbox/schema.ts; read by projections/outbox/query.ts)
 */
import type { CollectionSpec } from '../ports/read-store';
import { ADOPTION_COLLECTIONS, ADOPTION_PROJECTION, ADOPTION_SPEC } from '../../projections/adoption/schema';
import { AUDIT_LOG_COLLECTIONS, AUDIT_LOG_PROJECTION, AUDIT_LOG_SPEC } from '../../projections/audit-log/schema';
import { CASE_COLLECTION_SPECS, CASES_COLLECTIONS, CASES_PROJECTION } from '../../projections/cases/schema';
import { DOCUMENTS_COLLECTION_SPECS, DOCUMENTS_COLLECTIONS, DOCUMENTS_PROJECTION } from '../../projections/documents/schema';
import { FEE_LEDGERS_SPEC, PAYMENTS_COLLECTIONS, PAYMENTS_PROJECTION } from '../../projections/payments/schema';
import { WORKLIST_COLLECTION_SPECS, WORKLIST_COLLECTIONS, WORKLIST_PROJECTION } from '../../projections/worklist/schema';
import { OUTBOX_PROJECTION } from '../../projections/outbox/schema';
import { STAFF_DIRECTORY_COLLECTIONS, STAFF_DIRECTORY_PROJECTION, STAFF_DIRECTORY_SPEC } from '../../projections/staff-directory/schema';

export * from '../../projections/cases/schema';
export * from '../../projections/payments/schema';
export * from '../../projections/adoption/schema';
export * from '../../projections/audit-log/schema';
export * from '../../projections/worklist/schema';
export * from '../../projections/staff-directory/schema';
export * from '../../projections/documents/schema';

export const PROJECTION_NAMES = {
  cases: CASES_PROJECTION,
  payments: PAYMENTS_PROJECTION,
  adoption: ADOPTION_PROJECTION,
  auditLog: AUDIT_LOG_PROJECTION,
  worklist: WORKLIST_PROJECTION,
  staffDirectory: STAFF_DIRECTORY_PROJECTION,
  documents: DOCUMENTS_PROJECTION,
  outbox: OUTBOX_PROJECTION,
} as const;

export const COLLECTIONS = { ...CASES_COLLECTIONS, ...PAYMENTS_COLLECTIONS, ...ADOPTION_COLLECTIONS, ...AUDIT_LOG_COLLECTIONS, ...WORKLIST_COLLECTIONS, ...STAFF_DIRECTORY_COLLECTIONS, ...DOCUMENTS_COLLECTIONS } as const;

export const ALL_COLLECTION_SPECS: readonly CollectionSpec[] = [...CASE_COLLECTION_SPECS, FEE_LEDGERS_SPEC, ADOPTION_SPEC, AUDIT_LOG_SPEC, ...WORKLIST_COLLECTION_SPECS, STAFF_DIRECTORY_SPEC, ...DOCUMENTS_COLLECTION_SPECS];
