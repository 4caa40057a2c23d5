import { readFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose';

describe('supergraph', () => {
  const { supergraphSdl, problems } = composeSupergraph();

  it('composes without errors or unaccepted hints', () => {
    expect(problems).toEqual([]);
  });

  it('is committed as composed (run npm run compose after a schema change)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(supergraphSdl);
  });
});
