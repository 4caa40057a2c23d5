export * from './organisation';
export * from './user';
export * from './seats';
export * from './mails';
export * from './activation';
export * from './credentials';
export * from './administration';
