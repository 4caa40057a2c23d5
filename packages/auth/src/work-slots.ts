/**
 * Runs at most `size` tasks at once; the others wait their turn in arrival order. For CPU-bound
 * work on the libuv pool (argon2): more at once than there are cores only makes them take turns on
 * the cores, and each extra 19 MiB argon2 block evicts the others' from the caches, so every hash
 * costs more CPU (docs/architecture.md#password-hashing).
 */
export class WorkSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
