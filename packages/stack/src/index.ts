export * from './processes';
export * from './provision';
export * from './demo-data';
