// compromise's lexicon (about 24,000 words, each naming its tag or tags) read straight from the word list the build
// ships (scripts/precompile.mjs), instead of an object with 24,000 keys: filling that object, one key at a time,
// was the largest single piece of the engine's cold start. compromise reads its lexicon as an object (`lex[word]`,
// `lex.hasOwnProperty(word)`, Object.assign to add words), so this is an object too, a Proxy that answers those
// reads from an open-addressing hash table over the list and keeps any word added or changed later in its target.

/** FNV-1a over UTF-16 code units. */
function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The words of `words` (separated by '\n', in the lexicon's key order) as keys of an object whose value for word i is
 * `values[codes.charCodeAt(i) - 32]`. It behaves as the plain object would: own enumerable properties in that order,
 * Object.prototype behind them, and words can be added, changed and deleted.
 */
export function wordTable(words: string, codes: string, values: readonly unknown[]): Record<string, unknown> {
  const count = codes.length;
  // starts[i] is where word i begins; word i ends one character (the '\n') before starts[i + 1].
  const starts = new Int32Array(count + 1);
  let size = 1;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  // Slot → word number + 1 (0 is empty).
  const slots = new Int32Array(size);
  let start = 0;
  for (let i = 0; i < count; i++) {
    let end = words.indexOf('\n', start);
    if (end === -1) end = words.length;
    starts[i] = start;
    let slot = hashOf(words, start, end) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
    start = end + 1;
  }
  starts[count] = start;
  if (start !== words.length + 1) throw new Error(`wordTable: ${count} codes for a different number of words`);

  /** The word number of `key` in the list, or -1. */
  const find = (key: string): number => {
    for (let slot = hashOf(key, 0, key.length) & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot]! - 1;
      if (at === -1) return -1;
      const from = starts[at]!;
      if (starts[at + 1]! - 1 - from === key.length && words.startsWith(key, from)) return at;
    }
  };

  // Words added or changed after the build live in the target as ordinary properties; deleted listed words are noted.
  const deleted = new Set<string>();
  const listed = (key: string | symbol): number => (typeof key === 'string' && !deleted.has(key) ? find(key) : -1);
  const valueOf = (at: number) => values[codes.charCodeAt(at) - 32];

  return new Proxy({} as Record<string, unknown>, {
    get(target, key, receiver) {
      if (!Object.hasOwn(target, key)) {
        const at = listed(key);
        if (at !== -1) return valueOf(at);
      }
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      return Reflect.has(target, key) || listed(key) !== -1;
    },
    getOwnPropertyDescriptor(target, key) {
      const own = Reflect.getOwnPropertyDescriptor(target, key);
      if (own) return own;
      const at = listed(key);
      return at === -1 ? undefined : { value: valueOf(at), writable: true, enumerable: true, configurable: true };
    },
    set(target, key, value) {
      if (typeof key === 'string') deleted.delete(key);
      return Reflect.set(target, key, value);
    },
    defineProperty(target, key, descriptor) {
      if (typeof key === 'string') deleted.delete(key);
      return Reflect.defineProperty(target, key, descriptor);
    },
    deleteProperty(target, key) {
      if (listed(key) !== -1) deleted.add(key as string);
      return Reflect.deleteProperty(target, key);
    },
    ownKeys(target) {
      const keys: (string | symbol)[] = [];
      for (let i = 0; i < count; i++) {
        const word = words.slice(starts[i]!, starts[i + 1]! - 1);
        if (!deleted.has(word)) keys.push(word);
      }
      for (const key of Reflect.ownKeys(target)) if (listed(key) === -1) keys.push(key);
      return keys;
    },
    // Listed words are always there to be read: the object cannot be frozen or made non-extensible.
    preventExtensions() {
      return false;
    },
  });
}
