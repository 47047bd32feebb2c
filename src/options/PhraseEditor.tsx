// Adds or edits one user phrase, showing the linter's own reasons when it would reject it.

import { useState } from 'preact/hooks';
import { CATEGORIES, type Category, type UserPhrase } from '../engine/types';
import { CATEGORY_INFO } from '../shared/categories';
import { cleanPhrase, phraseProblems, type PhraseProblem } from './model';

interface Props {
  idPrefix: string;
  phrases: readonly UserPhrase[];
  /** Index of the phrase being edited, or null to add a new one. */
  index: number | null;
  onSave: (phrase: UserPhrase) => Promise<void>;
  onCancel?: () => void;
}

export function PhraseEditor({ idPrefix, phrases, index, onSave, onCancel }: Props) {
  const initial = index === null ? undefined : phrases[index];
  const [phrase, setPhrase] = useState(initial?.phrase ?? '');
  const [message, setMessage] = useState(initial?.message ?? '');
  const [rewrite, setRewrite] = useState(initial?.rewrite ?? '');
  const [category, setCategory] = useState<Category>(initial?.category ?? 'urgency');
  const [problems, setProblems] = useState<PhraseProblem[]>([]);

  const problemFor = (field: PhraseProblem['field']) => problems.find((p) => p.field === field);
  const fieldId = (field: string) => `${idPrefix}-${field}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const candidate = cleanPhrase({ phrase, message, rewrite, category });
    const found = phraseProblems(phrases, candidate, index);
    setProblems(found);
    if (found.length > 0) {
      const first = found[0]!.field;
      document.getElementById(fieldId(first === '(entry)' ? 'phrase' : first))?.focus();
      return;
    }
    await onSave(candidate);
    if (index === null) {
      setPhrase('');
      setMessage('');
      setRewrite('');
    }
  };

  const input = (field: 'phrase' | 'message' | 'rewrite', label: string, value: string, set: (v: string) => void, hint?: string) => {
    const problem = problemFor(field);
    const describedBy = [hint ? fieldId(`${field}-hint`) : '', problem ? fieldId(`${field}-error`) : ''].filter(Boolean).join(' ');
    return (
      <div class="field">
        <label for={fieldId(field)}>{label}</label>
        <input
          id={fieldId(field)}
          type="text"
          value={value}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
          onInput={(e) => set(e.currentTarget.value)}
        />
        {hint && (
          <span class="hint" id={fieldId(`${field}-hint`)}>
            {hint}
          </span>
        )}
        {problem && (
          <span class="error" id={fieldId(`${field}-error`)}>
            {problem.text}
          </span>
        )}
      </div>
    );
  };

  return (
    <form class="phrase-editor" onSubmit={(e) => void submit(e)} aria-label={index === null ? 'Add a phrase' : `Edit “${initial?.phrase ?? ''}”`}>
      {input('phrase', 'Phrase', phrase, setPhrase, 'Up to 8 words; letters, numbers, spaces and . , ! ? \' - only.')}
      {input('message', 'Why it is pushy', message, setMessage)}
      {input('rewrite', 'Suggested rewrite (optional)', rewrite, setRewrite)}
      <div class="field">
        <label for={fieldId('category')}>Category</label>
        <select id={fieldId('category')} value={category} onChange={(e) => setCategory(e.currentTarget.value as Category)}>
          {CATEGORIES.map((c) => (
            <option value={c}>{CATEGORY_INFO[c].label}</option>
          ))}
        </select>
      </div>
      {problemFor('(entry)') && <p class="error">{problemFor('(entry)')!.text}</p>}
      <div class="row">
        <button type="submit" class="primary">
          {index === null ? 'Add phrase' : 'Save'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
