export * from './canonical-schema.ts';
export * from './warehouse.ts';
