// The options page: what Rapport flags, every rule, the user's phrases, ignored phrases, sites, backup and reset.

import { useMemo, useRef, useState } from 'preact/hooks';
import { builtInExamples } from '../engine/examples';
import { builtInRules, type Rule } from '../engine/index';
import type { Sensitivity, UserPhrase } from '../engine/types';
import { CATEGORIES_BY_RANK, CATEGORY_INFO } from '../shared/categories';
import { DEFAULT_SETTINGS, saveSettings, SettingsWriteError, type Settings } from '../shared/settings';
import { useSettingsEditor } from '../shared/useSettings';
import { describeIgnored, exportJson, filterRules, parseImport } from './model';
import { PhraseEditor } from './PhraseEditor';

const SENSITIVITY_TEXT: Record<Sensitivity, { label: string; text: string }> = {
  gentle: { label: 'Gentle', text: 'Only the most serious problems (high severity).' },
  balanced: { label: 'Balanced', text: 'Serious and moderate problems.' },
  strict: { label: 'Strict', text: 'Everything Rapport knows, including mild habits.' },
};

function toggled<T>(list: readonly T[], item: T, present: boolean): T[] {
  return present ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

export function App() {
  const [settings, edit, health] = useSettingsEditor();
  const [status, setStatus] = useState('');
  if (settings === null) return <p class="muted">Loading settings…</p>;
  const change = async (change: (s: Settings) => Settings, done: string) => {
    // A refused save is shown in the alert below, and the page shows the settings still stored.
    setStatus((await edit(change)) ? done : '');
  };
  return (
    <div class="options">
      <header class="page-header">
        <h1>
          <img src="/icons/icon-48.png" alt="" width="32" height="32" /> Rapport options
        </h1>
        <p class="muted">
          Changes are saved at once and apply to drafts you have open — no reload needed. Categories, sensitivity, muted
          rules and sites follow you to your other browsers; your phrases and ignored list stay on this one.
        </p>
      </header>
      {[...health.problems, ...(health.saveError ? [health.saveError] : [])].map((problem) => (
        <p class="error" role="alert">
          {problem}
        </p>
      ))}
      <main>
        <CategoriesSection settings={settings} change={change} />
        <RulesSection settings={settings} change={change} />
        <PhrasesSection settings={settings} change={change} />
        <IgnoredSection settings={settings} change={change} />
        <SitesSection settings={settings} change={change} />
        <BackupSection settings={settings} setStatus={setStatus} />
      </main>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

type Change = (edit: (s: Settings) => Settings, done: string) => Promise<void>;

function CategoriesSection({ settings, change }: { settings: Settings; change: Change }) {
  return (
    <section aria-labelledby="categories-title">
      <h2 id="categories-title">What to flag</h2>
      <ul class="switch-list">
        {CATEGORIES_BY_RANK.map((category) => {
          const on = !settings.disabledCategories.includes(category);
          return (
            <li class={`cat-${category}`}>
              <label class="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={on}
                  data-category={category}
                  onChange={(e) => {
                    // Read now: the event's currentTarget is gone by the time the stored settings are loaded.
                    const nowOn = e.currentTarget.checked;
                    void change(
                      (s) => ({ ...s, disabledCategories: toggled(s.disabledCategories, category, !nowOn) }),
                      `${CATEGORY_INFO[category].label} ${nowOn ? 'on' : 'off'}.`,
                    );
                  }}
                />
                <span class="cat-dot" aria-hidden="true" />
                <span>
                  <strong>{CATEGORY_INFO[category].label}</strong>
                  <span class="muted block">{CATEGORY_INFO[category].summary}</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <fieldset class="sensitivity">
        <legend>Sensitivity</legend>
        {(Object.keys(SENSITIVITY_TEXT) as Sensitivity[]).map((level) => (
          <label class="radio">
            <input
              type="radio"
              name="sensitivity"
              value={level}
              checked={settings.sensitivity === level}
              onChange={() => void change((s) => ({ ...s, sensitivity: level }), `Sensitivity: ${SENSITIVITY_TEXT[level].label}.`)}
            />
            <span>
              <strong>{SENSITIVITY_TEXT[level].label}</strong> <span class="muted">— {SENSITIVITY_TEXT[level].text}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.learnedFindings}
          onChange={(e) => {
            const on = (e.currentTarget as HTMLInputElement).checked;
            void change((s) => ({ ...s, learnedFindings: on }), on ? 'Learned findings on.' : 'Learned findings off.');
          }}
        />
        <span>
          <strong>Learned findings</strong>{' '}
          <span class="muted">— also flag sentences that no rule describes but that read like pressure to Rapport's learned model (advice only, never an automatic rewrite)</span>
        </span>
      </label>
    </section>
  );
}

function RuleItem({ rule, settings, change }: { rule: Rule; settings: Settings; change: Change }) {
  const on = !settings.disabledRules.includes(rule.id);
  const categoryOff = settings.disabledCategories.includes(rule.category);
  const titleId = `rule-${rule.id}`;
  const examples = builtInExamples(rule.id);
  return (
    <li class={`rule cat-${rule.category}`} aria-labelledby={titleId}>
      <div class="rule-head">
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={on}
            data-rule={rule.id}
            aria-describedby={categoryOff ? `${titleId}-off` : undefined}
            onChange={(e) => {
              const nowOn = e.currentTarget.checked;
              void change((s) => ({ ...s, disabledRules: toggled(s.disabledRules, rule.id, !nowOn) }), `Rule ${rule.id} ${nowOn ? 'on' : 'off'}.`);
            }}
          />
          <span id={titleId} class="rule-id">
            {rule.id}
          </span>
        </label>
        <span class="rule-meta">
          <span class="cat-dot" aria-hidden="true" /> {CATEGORY_INFO[rule.category].label} · {rule.severity}
        </span>
      </div>
      {categoryOff && (
        <p class="muted small" id={`${titleId}-off`}>
          Its category is switched off above.
        </p>
      )}
      <p class="rule-why">{rule.why}</p>
      {(examples.flag.length > 0 || examples.pass.length > 0) && (
        <details>
          <summary>Examples</summary>
          {examples.flag.length > 0 && (
            <>
              <p class="small strong">Flagged</p>
              <ul class="examples">
                {examples.flag.map((x) => (
                  <li>{x.text}</li>
                ))}
              </ul>
            </>
          )}
          {examples.pass.length > 0 && (
            <>
              <p class="small strong">Not flagged</p>
              <ul class="examples">
                {examples.pass.map((x) => (
                  <li>{x}</li>
                ))}
              </ul>
            </>
          )}
          {rule.rewrites.length > 0 && <p class="small">Suggests: {rule.rewrites.map((r) => r.to).join(' · ')}</p>}
        </details>
      )}
    </li>
  );
}

function RulesSection({ settings, change }: { settings: Settings; change: Change }) {
  const [query, setQuery] = useState('');
  const rules = useMemo(() => builtInRules(), []);
  const shown = useMemo(() => filterRules(rules, query), [rules, query]);
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">Rules</h2>
      <div class="field">
        <label for="rule-search">Search rules</label>
        <input id="rule-search" type="search" value={query} aria-controls="rule-list" onInput={(e) => setQuery(e.currentTarget.value)} />
      </div>
      <p class="muted small" aria-live="polite">
        Showing {shown.length} of {rules.length} rules.
      </p>
      <ul id="rule-list" class="rule-list">
        {shown.map((rule) => (
          <RuleItem key={rule.id} rule={rule} settings={settings} change={change} />
        ))}
      </ul>
    </section>
  );
}

function PhrasesSection({ settings, change }: { settings: Settings; change: Change }) {
  const [editing, setEditing] = useState<number | null>(null);
  const save = (index: number | null) => async (phrase: UserPhrase) => {
    await change(
      (s) => ({
        ...s,
        userPhrases: index === null ? [...s.userPhrases, phrase] : s.userPhrases.map((p, i) => (i === index ? phrase : p)),
      }),
      index === null ? `Added “${phrase.phrase}”.` : `Saved “${phrase.phrase}”.`,
    );
    setEditing(null);
  };
  return (
    <section aria-labelledby="phrases-title">
      <h2 id="phrases-title">Your phrases</h2>
      <p class="muted">Phrases you want flagged too, with the reason to show and an optional rewrite.</p>
      {settings.userPhrases.length === 0 ? (
        <p class="muted">No phrases yet.</p>
      ) : (
        <ul class="phrase-list">
          {settings.userPhrases.map((p, i) =>
            editing === i ? (
              <li>
                <PhraseEditor idPrefix={`edit-${i}`} phrases={settings.userPhrases} index={i} onSave={save(i)} onCancel={() => setEditing(null)} />
              </li>
            ) : (
              <li class={`phrase cat-${p.category ?? 'urgency'}`}>
                <span class="phrase-text">
                  <span class="cat-dot" aria-hidden="true" /> <strong>{p.phrase}</strong> — {p.message}
                  {p.rewrite && <span class="muted"> (suggests “{p.rewrite}”)</span>}
                </span>
                <span class="row">
                  <button type="button" aria-label={`Edit “${p.phrase}”`} onClick={() => setEditing(i)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    class="danger"
                    aria-label={`Delete “${p.phrase}”`}
                    onClick={() => void change((s) => ({ ...s, userPhrases: s.userPhrases.filter((_, j) => j !== i) }), `Deleted “${p.phrase}”.`)}
                  >
                    Delete
                  </button>
                </span>
              </li>
            ),
          )}
        </ul>
      )}
      <h3>Add a phrase</h3>
      <PhraseEditor idPrefix="new-phrase" phrases={settings.userPhrases} index={null} onSave={save(null)} />
    </section>
  );
}

function IgnoredSection({ settings, change }: { settings: Settings; change: Change }) {
  const entries = settings.ignored.map((key) => describeIgnored(key, settings.ignoredLabels));
  return (
    <section aria-labelledby="ignored-title">
      <h2 id="ignored-title">Ignored phrases</h2>
      {entries.length === 0 ? (
        <p class="muted">Nothing ignored. Phrases you ignore from a draft or the popup appear here.</p>
      ) : (
        <ul class="ignored-list">
          {entries.map((entry) => (
            <li>
              <span>
                {entry.phrase ? `“${entry.phrase}”` : 'A flagged phrase'}{' '}
                <span class="muted small">— {entry.ruleId || 'rule unknown'}, {entry.everywhere ? 'everywhere' : 'in one sentence'}</span>
              </span>
              <button
                type="button"
                aria-label={entry.phrase ? `Stop ignoring “${entry.phrase}”` : `Stop ignoring this ${entry.ruleId || 'finding'}`}
                onClick={() =>
                  void change(
                    (s) => ({ ...s, ignored: s.ignored.filter((k) => k !== entry.key) }),
                    entry.phrase ? `Flagging “${entry.phrase}” again.` : 'Flagging that phrase again.',
                  )
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SitesSection({ settings, change }: { settings: Settings; change: Change }) {
  return (
    <section aria-labelledby="sites-title">
      <h2 id="sites-title">Sites where Rapport is off</h2>
      {settings.disabledSites.length === 0 ? (
        <p class="muted">Rapport is on in Gmail and LinkedIn. Switch it off for a site from the toolbar popup.</p>
      ) : (
        <ul class="ignored-list">
          {settings.disabledSites.map((host) => (
            <li>
              <span>{host}</span>
              <button
                type="button"
                aria-label={`Turn Rapport back on for ${host}`}
                onClick={() => void change((s) => ({ ...s, disabledSites: s.disabledSites.filter((h) => h !== host) }), `Rapport is on for ${host}.`)}
              >
                Turn on
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BackupSection({ settings, setStatus }: { settings: Settings; setStatus: (s: string) => void }) {
  const [importError, setImportError] = useState('');
  const [confirmingReset, setConfirmingReset] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const exportFile = () => {
    const url = URL.createObjectURL(new Blob([exportJson(settings)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'rapport-settings.json';
    link.click();
    // The click has started the download synchronously; the URL is no longer needed.
    URL.revokeObjectURL(url);
    setStatus('Exported your settings to rapport-settings.json.');
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const result = parseImport(await file.text());
    if (fileInput.current) fileInput.current.value = '';
    if (!result.ok) {
      setImportError(result.error);
      return;
    }
    setImportError('');
    try {
      await saveSettings(result.settings);
      setStatus(`Imported settings from ${file.name}.`);
    } catch (error) {
      setImportError(error instanceof SettingsWriteError ? error.message : String(error));
    }
  };

  const reset = async () => {
    setConfirmingReset(false);
    try {
      await saveSettings(DEFAULT_SETTINGS);
      setStatus('All settings are back to their defaults.');
    } catch (error) {
      setImportError(error instanceof SettingsWriteError ? error.message : String(error));
    }
  };

  return (
    <section aria-labelledby="backup-title">
      <h2 id="backup-title">Back up, restore, reset</h2>
      <div class="row">
        <button type="button" onClick={exportFile}>
          Export settings
        </button>
        <label class="file-button">
          <span>Import settings…</span>
          <input
            ref={fileInput}
            id="import-file"
            type="file"
            accept="application/json,.json"
            aria-describedby={importError ? 'import-error' : undefined}
            onChange={(e) => void importFile(e.currentTarget.files?.[0])}
          />
        </label>
      </div>
      {importError && (
        <p class="error" id="import-error" role="alert">
          {importError}
        </p>
      )}
      {confirmingReset ? (
        <div class="confirm" role="group" aria-labelledby="reset-question">
          <p id="reset-question">Reset every setting, including your phrases and ignored list?</p>
          <div class="row">
            <button type="button" class="danger" onClick={() => void reset()}>
              Yes, reset everything
            </button>
            <button type="button" onClick={() => setConfirmingReset(false)} autoFocus>
              Keep my settings
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirmingReset(true)}>
          Reset to defaults…
        </button>
      )}
    </section>
  );
}
