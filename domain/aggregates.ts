/**
 * Every aggregate by its stream category (`<category>-<id>`): the decider that folds its stream and
 * the view it is shown as. The one place that maps a category to its decider; the command registry,
 * time travel and anything else that folds a stream by its name look it up here.
 */
import { communityDecider } from './community/decider';
import { communityView } from './community/view';
import { complaintDecider } from './complaint/decider';
import { complaintView } from './complaint/view';
import { documentDecider } from './correspondence/decider';
import { documentView } from './correspondence/view';
import { contactDecider } from './contact/decider';
import { contactDetailsView } from './contact/view';
import { feeDecider } from './fee/decider';
import { feeView } from './fee/view';
import { legalActDecider } from './legal-act/decider';
import { legalActView } from './legal-act/view';
import { open311ClientDecider, open311ClientView } from './open311-client/decider';
import { applicationDecider } from './service-application/decider';
import { applicationView } from './service-application/view';
import { staffDirectoryDecider } from './staff-directory/decider';
import { staffAppointmentView } from './staff-directory/view';
import { workingDayCalendarDecider } from './working-days/decider';
import { workingDayCalendarView } from './working-days/view';
import { webhookDecider } from './webhook/decider';
import { webhookView } from './webhook/view';
import type { Decider } from './kernel/decider';

export interface AggregateFolding {
  readonly decider: Pick<Decider<unknown, { type: string; data: unknown }, unknown>, 'name' | 'evolve' | 'initialState'>;
  readonly view: (state: never, today: string) => object | null;
}

const folding = <C, E, S>(decider: Decider<C, E, S>, view: (state: S, today: string) => object | null): AggregateFolding => ({
  decider: decider as unknown as AggregateFolding['decider'],
  view: view as AggregateFolding['view'],
});

export const AGGREGATES: Readonly<Record<string, AggregateFolding>> = Object.fromEntries(
  [
    folding(communityDecider, communityView),
    folding(applicationDecider, applicationView),
    folding(feeDecider, feeView),
    folding(legalActDecider, legalActView),
    folding(complaintDecider, complaintView),
    folding(staffDirectoryDecider, staffAppointmentView),
    folding(workingDayCalendarDecider, workingDayCalendarView),
    folding(documentDecider, documentView),
    folding(webhookDecider, webhookView),
    folding(contactDecider, contactDetailsView),
    folding(open311ClientDecider, open311ClientView),
  ].map((f) => [f.decider.name, f]),
);

/** The stream of an aggregate: `<category>-<id>`. */
export const streamIdOf = (category: string, id: string): string => `${category}-${id}`;
