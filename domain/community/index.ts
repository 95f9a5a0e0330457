export * from './commands';
export * from './events';
export * from './state';
export * from './provinces';
export { decide, evolve, communityDecider, MAX_AMD, MAX_DEADLINE_DAYS, MAX_POPULATION } from './decider';
export * from './view';
export * from './catalogue';
