// Gives the main thread back to the page between batches of Rapport's work, so no single task runs long.

interface Scheduler {
  yield?: () => Promise<void>;
}

/** Resolves in a later task: scheduler.yield() where the browser has it (it keeps Rapport's place in line), else a message round trip. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
