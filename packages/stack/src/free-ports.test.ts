import { freePorts } from './processes';

describe('freePorts', () => {
  it('hands out distinct ports within one call, however many are asked for', async () => {
    for (let round = 0; round < 20; round++) {
      const ports = await freePorts(8);
      expect(new Set(ports).size).toBe(8);
    }
  });
});
