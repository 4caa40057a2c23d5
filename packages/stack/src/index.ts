export * from './processes';
export * from './demo-data';
