export * from './outbox';
export * from './outbox-backlog';
export * from './transport';
export * from './sender';
export * from './outbox-mail.entity';
export * from './mail.tables';
