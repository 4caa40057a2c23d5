export * from './organisation';
export * from './user';
export * from './audit';
export * from './seats';
export * from './mails';
export * from './activation';
export * from './scope';
export * from './administration';
