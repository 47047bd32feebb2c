// The popup: reviews the focused (or last focused) composer of one tab and acts on its findings through the page.

import browser from 'webextension-polyfill';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Finding } from '../engine/types';
import { SITE_HOSTS, type ComposerState, type PopupToContent } from '../shared/protocol';
import { useSettingsEditor } from '../shared/useSettings';
import { computeBreakdown, groupFindings } from './breakdown';
import { ScoreCard } from './BreakdownView';
import { askTab, resolveTabId, type TabAnswer } from './client';
import { FindingList, findingDomId, type FindingAction } from './FindingList';

/** Often enough to feel live while typing in the page, rare enough to cost nothing noticeable. */
const POLL_MS = 700;

type View =
  | { kind: 'loading' }
  | { kind: 'no-tab' }
  | { kind: 'unreachable' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; host: string | null; state: ComposerState | null };

/** knownHost: the tab's host from an earlier reply, kept when a later one cannot tell (no composer, no host field). */
function viewOf(answer: TabAnswer, knownHost: string | null): View {
  if (answer.kind === 'unreachable') return { kind: 'unreachable' };
  const reply = answer.reply;
  if (!reply.ok) return { kind: 'error', message: reply.error };
  const state = reply.state;
  const host = reply.host ?? (state && state.site !== 'other' ? SITE_HOSTS[state.site] : knownHost);
  return { kind: 'ready', host, state };
}

const SITE_NAME: Record<ComposerState['site'], string> = { gmail: 'Gmail', linkedin: 'LinkedIn', other: 'this page' };

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function App({ search }: { search: string }) {
  const [settings, editSettings, health] = useSettingsEditor();
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [status, setStatus] = useState('');
  const focusAfterUpdate = useRef<number | null>(null);
  const refreshRef = useRef<() => Promise<void>>(async () => {});

  useEffect(() => {
    resolveTabId(search).then(setTabId, () => setTabId(null));
  }, [search]);

  useEffect(() => {
    if (tabId === undefined) return;
    if (tabId === null) {
      setView({ kind: 'no-tab' });
      return;
    }
    let inFlight = false;
    let lastAnswer = '';
    let knownHost: string | null = null;
    const refresh = async () => {
      if (inFlight || document.hidden) return;
      inFlight = true;
      try {
        const answer = await askTab(tabId, { type: 'rapport:get-state' });
        // Re-render only when something changed, so polling does not disturb focus or screen readers.
        const serial = JSON.stringify(answer);
        if (serial !== lastAnswer) {
          lastAnswer = serial;
          const next = viewOf(answer, knownHost);
          knownHost = next.kind === 'ready' ? next.host : next.kind === 'unreachable' ? null : knownHost;
          setView(next);
        }
      } finally {
        inFlight = false;
      }
    };
    refreshRef.current = refresh;
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    // Polling skips hidden pages; catch up the moment the page is shown again.
    const onVisible = () => document.hidden || void refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [tabId]);

  const state = view.kind === 'ready' ? view.state : null;
  const groups = useMemo(() => (state ? groupFindings(state.findings) : []), [state]);
  const ordered = useMemo(() => groups.flatMap((g) => g.findings), [groups]);
  const breakdown = useMemo(() => (state ? computeBreakdown(state.findings, state.metrics, state.score) : null), [state]);

  useEffect(() => {
    const wanted = focusAfterUpdate.current;
    if (wanted === null) return;
    focusAfterUpdate.current = null;
    const target =
      ordered.length > 0 ? document.getElementById(findingDomId(Math.min(wanted, ordered.length - 1))) : document.getElementById('summary-title');
    target?.focus();
  }, [ordered]);

  const send = useCallback(
    async (message: PopupToContent): Promise<string | null> => {
      if (typeof tabId !== 'number') return 'Rapport lost track of the tab.';
      const answer = await askTab(tabId, message);
      if (answer.kind === 'unreachable') return 'The page stopped answering. Reload it and try again.';
      return answer.reply.ok ? null : answer.reply.error;
    },
    [tabId],
  );

  const act = useCallback(
    async (action: FindingAction) => {
      const f: Finding = action.finding;
      const index = ordered.findIndex((x) => x.key === f.key);
      if (action.kind === 'copy') {
        setStatus((await copyText(action.rewrite)) ? `Copied “${action.rewrite}”.` : 'Could not copy: the clipboard is not available here.');
        return;
      }
      let error: string | null = null;
      let done = '';
      if (action.kind === 'apply') {
        error = await send({ type: 'rapport:apply', key: f.key, rewrite: action.rewrite });
        done = `Replaced “${f.replaced}” with “${action.rewrite}”.`;
      } else if (action.kind === 'jump') {
        error = await send({ type: 'rapport:jump', key: f.key });
        done = `Selected “${f.text}” in the draft.`;
      } else if (action.kind === 'ignore') {
        error = await send({ type: 'rapport:ignore', key: f.key });
        done = `Ignoring “${f.text}” here.`;
      } else {
        const saved = await editSettings((s) => (s.disabledRules.includes(f.ruleId) ? s : { ...s, disabledRules: [...s.disabledRules, f.ruleId] }));
        // A refused save is explained in the alert below the list.
        done = saved ? `Muted the rule ${f.ruleId}. Turn it back on in Options.` : '';
      }
      if (error) {
        setStatus(`Could not do that: ${error}`);
        return;
      }
      if (action.kind !== 'jump') focusAfterUpdate.current = index;
      setStatus(done);
      await refreshRef.current();
    },
    [ordered, send, editSettings],
  );

  const host = view.kind === 'ready' ? view.host : null;
  const siteOff = host !== null && settings !== null && settings.disabledSites.includes(host);

  const toggleSite = async (on: boolean) => {
    if (host === null) return;
    const saved = await editSettings((s) => ({
      ...s,
      disabledSites: on ? s.disabledSites.filter((h) => h !== host) : [...new Set([...s.disabledSites, host])],
    }));
    setStatus(!saved ? '' : on ? `Rapport is on for ${host}.` : `Rapport is off for ${host}.`);
    await refreshRef.current();
  };

  return (
    <div class="popup">
      <header class="top">
        <h1 class="brand">
          <img src="/icons/icon-32.png" alt="" width="20" height="20" />
          Rapport
        </h1>
        {host !== null && settings !== null && (
          <label class="switch site-switch">
            <input type="checkbox" role="switch" checked={!siteOff} onChange={(e) => void toggleSite(e.currentTarget.checked)} />
            <span>On for {host}</span>
          </label>
        )}
        <button type="button" class="options-button" onClick={() => void browser.runtime.openOptionsPage()}>
          Options
        </button>
      </header>
      <main class="content">
        <Body view={view} siteOff={siteOff} host={host} breakdown={breakdown} groups={groups} onAction={(a) => void act(a)} />
      </main>
      {[...health.problems, ...(health.saveError ? [health.saveError] : [])].map((problem) => (
        <p class="error" role="alert">
          {problem}
        </p>
      ))}
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

function Empty({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <section class="empty" aria-labelledby="summary-title">
      <h2 id="summary-title" tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Body(props: {
  view: View;
  siteOff: boolean;
  host: string | null;
  breakdown: ReturnType<typeof computeBreakdown> | null;
  groups: ReturnType<typeof groupFindings>;
  onAction: (a: FindingAction) => void;
}) {
  const { view, siteOff, host, breakdown, groups, onAction } = props;
  switch (view.kind) {
    case 'loading':
      return <p class="muted">Looking at this tab…</p>;
    case 'no-tab':
      return (
        <Empty title="No tab to review">
          <p>Rapport could not tell which tab to look at. Click the Rapport button again from a Gmail or LinkedIn tab.</p>
        </Empty>
      );
    case 'unreachable':
      return (
        <Empty title="Rapport works in Gmail and LinkedIn">
          <p>It coaches you while you write in:</p>
          <ul>
            <li>Gmail — mail.google.com</li>
            <li>LinkedIn messages and posts — www.linkedin.com</li>
          </ul>
          <p class="muted">Already on one of them? Reload the tab so Rapport can start there.</p>
        </Empty>
      );
    case 'error':
      return (
        <Empty title="Rapport hit a problem on this page">
          <p class="error">{view.message}</p>
        </Empty>
      );
    case 'ready':
      break;
  }
  if (siteOff) {
    return (
      <Empty title={`Rapport is off on ${host}`}>
        <p>Switch it on above to get suggestions while you write here.</p>
      </Empty>
    );
  }
  const state = view.state;
  if (state === null || breakdown === null) {
    return (
      <Empty title="No draft open">
        <p>Click into a message you are writing — a Gmail compose window or a LinkedIn message box — and Rapport will review it here.</p>
        <p class="muted">It reviews the box you used last, even after you click away.</p>
      </Empty>
    );
  }
  return (
    <>
      <section class="summary" aria-labelledby="summary-title">
        <h2 id="summary-title" tabIndex={-1} class="section-title">
          Your {SITE_NAME[state.site]} draft
        </h2>
        <ScoreCard breakdown={breakdown} reasons={state.score.reasons} />
      </section>
      {groups.length === 0 ? (
        <section class="all-clear" aria-labelledby="all-clear-title">
          <h2 id="all-clear-title" class="section-title">
            Nothing flagged
          </h2>
          <p>Nothing pushy here — this draft leaves the decision with the reader. Nice work.</p>
        </section>
      ) : (
        <FindingList groups={groups} onAction={onAction} />
      )}
    </>
  );
}
