/** The `cases` projection: communities, applications, fees, acts and complaints, each folded with its decider. */
import { PROJECTION_NAMES } from '../../application/queries/read-models';
import type { ProjectionDefinition } from '../definition';
import { createCaseProjection } from './case-projection';
import { CASE_MODELS } from './models';

export { createCaseProjection, type CaseModel, type AnyCaseModel } from './case-projection';
export * from './models';

export const casesProjection: ProjectionDefinition = createCaseProjection(PROJECTION_NAMES.cases, CASE_MODELS);
