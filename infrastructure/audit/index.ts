export * from './sqlite-audit-store';
export * from './signing-key';
export * from './audit-log';
export * from './verify-log';
