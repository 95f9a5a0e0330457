export * from './merkle';
export * from './leaf';
export * from './checkpoint';
export * from './audit-store';
export * from './audit-projection';
export * from './audit-service';
export * from './export-events';
