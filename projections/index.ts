/**
 * Every read-model projection the runner feeds (names are stable: they key checkpoints and generations).
 * - `cases`: collections communities, applications, fees, acts, complaints
 * - `payments`: feeLedgers
 * - `adoption`: adoption
 * - `audit-log`: auditLog
 * - `case-reports`: caseStatistics, transparency (and its copies of the cases): the public page, dashboard and transparency report
 * - `national-adoption`: nationalAdoption (and its copies of the timelines): the national adoption report
 * - `worklist`: worklistCounts, worklist (one row per application, fee and complaint): the staff inbox
 * - `staff-directory`: staffDirectory (who is appointed now, for `staffDirectory(communityId)`)
 * - `documents`: documents, documentExecutors: the correspondence journals
 * - `outbox`: outboxMessages, outboxContacts, outboxCases, outboxCommunities (residents' messages, `myMessages`, the mail sender)
 * Each read model's documents and indexed fields: <folder>/schema.ts beside its projection.
 */
import type { ProjectionDefinition } from './definition';
import { adoptionProjection } from './adoption/adoption-projection';
import { auditLogProjection } from './audit-log/audit-log-projection';
import { caseReportsProjection } from './case-reports/case-reports-projection';
import { casesProjection } from './cases';
import { documentsProjection } from './documents/documents-projection';
import { nationalAdoptionProjection } from './national-adoption/national-adoption-projection';
import { outboxProjection } from './outbox/outbox-projection';
import { paymentsProjection } from './payments/payments-projection';
import { staffDirectoryProjection } from './staff-directory/staff-directory-projection';
import { worklistProjection } from './worklist/worklist-projection';

export { adoptionProjection, auditLogProjection, caseReportsProjection, casesProjection, documentsProjection, nationalAdoptionProjection, outboxProjection, paymentsProjection, staffDirectoryProjection, worklistProjection };
export { createReportReadModels } from './reports';

export const ALL_PROJECTIONS: ProjectionDefinition[] = [
  casesProjection,
  paymentsProjection,
  adoptionProjection,
  auditLogProjection,
  caseReportsProjection,
  nationalAdoptionProjection,
  worklistProjection,
  staffDirectoryProjection,
  documentsProjection,
  outboxProjection,
];

export const projectionByName = (name: string): ProjectionDefinition | undefined => ALL_PROJECTIONS.find((p) => p.name === name);
