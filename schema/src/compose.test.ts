import { readFileSync } from 'node:fs';
import { composeSupergraph, printClientSchema, PUBLIC_SCHEMA_FILE, SUPERGRAPH_FILE } from './compose';

describe('supergraph', () => {
  const { supergraphSdl, problems } = composeSupergraph();

  it('composes without errors or unaccepted hints', () => {
    expect(problems).toEqual([]);
  });

  it('is committed as composed (run npm run compose after a schema change)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(supergraphSdl);
  });

  it('has its client schema committed as public.graphql (run npm run compose after a schema change)', () => {
    expect(readFileSync(PUBLIC_SCHEMA_FILE, 'utf8')).toBe(printClientSchema(supergraphSdl ?? ''));
  });

  it('shows clients no federation internals', () => {
    expect(readFileSync(PUBLIC_SCHEMA_FILE, 'utf8')).not.toMatch(/join__|link__|@link|_entities|_service|_Any/);
  });
});
