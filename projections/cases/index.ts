/** The `cases` projection: communities, applications, fees, acts and complaints, each folded with its decider. */
import { CASES_PROJECTION } from './schema';
import type { ProjectionDefinition } from '../definition';
import { createCaseProjection } from './case-projection';
import { CASE_MODELS } from './models';

export { createCaseProjection, type CaseModel, type AnyCaseModel } from './case-projection';
export * from './models';

export const casesProjection: ProjectionDefinition = createCaseProjection(CASES_PROJECTION, CASE_MODELS);
