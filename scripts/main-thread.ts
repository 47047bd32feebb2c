// Records the page's main-thread tasks (Chromium tracing over CDP) while an action runs: the longest task and
// their total, so the benchmark sees long tasks whatever code ran in them, without marks in the page.

import type { CDPSession, Page } from 'playwright-core';

export interface MainThreadCost {
  /** The longest single task on the page's main thread, in ms. */
  longestMs: number;
  /** All main-thread task time while the action ran, in ms. */
  totalMs: number;
  /** Tasks of 50 ms or more (the browser's definition of a long task). */
  longTasks: number;
  /** The longest task in which Rapport's code ran (the whole task, including whatever else ran in it). */
  longestRapportMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { frames?: { processId?: number; url?: string; parent?: string }[]; frame?: string; url?: string } };
}

async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return text;
}

/** Runs action while tracing; tasks are those of the renderer main thread that hosts the page's top frame. */
export async function mainThreadCost(page: Page, action: () => Promise<void>): Promise<MainThreadCost> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', {
    // RAPPORT_TRACE_DETAIL=1 also records stacks and prints what the longest task spent its time on.
    categories: `devtools.timeline,disabled-by-default-devtools.timeline${process.env.RAPPORT_TRACE_DETAIL ? ',disabled-by-default-devtools.timeline.stack' : ''}`,
    transferMode: 'ReturnAsStream',
  });
  const stop = async (): Promise<TraceEvent[]> => {
    const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
    await cdp.send('Tracing.end');
    const parsed = JSON.parse(await readStream(cdp, await done)) as { traceEvents: TraceEvent[] } | TraceEvent[];
    await cdp.detach();
    return Array.isArray(parsed) ? parsed : parsed.traceEvents;
  };
  try {
    await action();
  } catch (error) {
    await stop();
    throw error;
  }
  return summarise(await stop(), page.url());
}

function summarise(events: TraceEvent[], url: string): MainThreadCost {
  const origin = new URL(url).origin;
  let pid: number | undefined;
  for (const e of events) {
    const frames = e.args?.data?.frames;
    const top = frames?.find((f) => !f.parent && f.url?.startsWith(origin) && f.processId);
    if (top) pid = top.processId;
  }
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pid === undefined || e.pid === pid));
  if (!main) throw new Error('no renderer main thread in the trace');
  const onMain = events.filter((e) => (e.ph === 'X' || e.ph === 'I' || e.ph === 'i') && e.pid === main.pid && e.tid === main.tid);
  const runTasks = onMain.filter((e) => e.name === 'RunTask');
  const tasks = runTasks.map((e) => (e.dur ?? 0) / 1000);
  if (process.env.RAPPORT_TRACE_DETAIL) {
    // What the longest task spent its time on, for finding where a long task comes from.
    const longest = runTasks.reduce((a, b) => ((b.dur ?? 0) > (a.dur ?? 0) ? b : a), runTasks[0]!);
    const inside = onMain.filter((e) => e !== longest && e.ts >= longest.ts && e.ts + (e.dur ?? 0) <= longest.ts + (longest.dur ?? 0));
    for (const e of inside.filter((x) => x.name === 'Layout')) console.error('layout stack', JSON.stringify((e.args as { beginData?: { stackTrace?: unknown } })?.beginData?.stackTrace ?? null).slice(0, 600));
    console.error(`longest ${((longest.dur ?? 0) / 1000).toFixed(1)}ms, ${inside.length} events inside`, [...inside].sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, 8).map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)}ms ${JSON.stringify(e.args?.data ?? {}).replace(/"(frame|isolate|sampleTraceId)":"?[^,]*,?/g, "").slice(0, 260)}`).join('\n'));
  }
  // A task is Rapport's when anything in it ran the extension's code (its stack or script names the extension)
  // or it continues Rapport's time-sliced work (scheduler.yield continuations are only Rapport's on these pages).
  const isOurs = (e: TraceEvent) => e.name === 'RunYieldContinuation' || JSON.stringify(e.args ?? {}).includes('chrome-extension://');
  const sorted = [...onMain].sort((a, b) => a.ts - b.ts);
  const ours = runTasks
    .filter((task) => {
      const end = task.ts + (task.dur ?? 0);
      return sorted.some((e) => e !== task && e.ts >= task.ts && e.ts <= end && isOurs(e));
    })
    .map((e) => (e.dur ?? 0) / 1000);
  return {
    longestMs: Math.max(0, ...tasks),
    longestRapportMs: Math.max(0, ...ours),
    totalMs: tasks.reduce((a, b) => a + b, 0),
    longTasks: tasks.filter((d) => d >= 50).length,
  };
}
