import { WorkSlots } from './work-slots';

/** A task that runs until `finish` is called. */
function pendingTask(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkSlots', () => {
  it('runs at most its size at once and starts the waiting ones in arrival order', async () => {
    const slots = new WorkSlots(2);
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => pendingTask(log, name));
    const results = tasks.map(({ task }) => slots.run(task));
    await settle();
    expect(log).toEqual(['start a', 'start b']);

    tasks[1].finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c']);

    tasks[0].finish();
    tasks[2].finish();
    tasks[3].finish();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
  });

  it('frees the slot of a task that failed', async () => {
    const slots = new WorkSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });
});
