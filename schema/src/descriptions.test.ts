import { readFileSync } from 'node:fs';
import { clientSchema, SUPERGRAPH_FILE } from './compose';
import { undocumented } from './descriptions';

describe('the client schema', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    expect(undocumented(clientSchema(readFileSync(SUPERGRAPH_FILE, 'utf8')))).toEqual([]);
  });
});
