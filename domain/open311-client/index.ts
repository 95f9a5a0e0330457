export * from './decider';
export * from './catalogue';
