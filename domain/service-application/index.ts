export * from './commands';
export * from './events';
export * from './state';
export { decide, evolve, applicationDecider, certificateRefusal, permitRefusal } from './decider';
export * from './view';
export * from './catalogue';
