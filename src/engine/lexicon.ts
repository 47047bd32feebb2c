// compromise's lexicon (about 24,000 words, each naming its tag or tags) read straight from the word list the build
// ships (scripts/precompile.mjs), instead of an object with 24,000 keys: filling that object, one key at a time,
// was the largest single piece of the engine's cold start. compromise reads its lexicon as an object (`lex[word]`,
// `lex.hasOwnProperty(word)`, Object.assign to add words), so this is an object too, a Proxy that answers those
// reads from an open-addressing hash table over the list and keeps any word added or changed later in its target.

/** FNV-1a over UTF-16 code units (scripts/precompile.mjs hashes the words the same way when it packs the table). */
export function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The table the build ships (scripts/precompile.mjs packs the same): the lexicon as lines, each its value's code
 * character (32 + its index in the values) and the word, in the lexicon's key order; and an open-addressing hash
 * table whose slots hold a line's offset + 1 (0 is empty), at most four in five of them full.
 */
export function packWordTable(words: readonly string[], codes: string): { lines: string; slots: Int32Array } {
  let size = 1;
  while (size * 4 < words.length * 5) size *= 2;
  const slots = new Int32Array(size);
  let lines = '';
  words.forEach((word, i) => {
    if (word.includes('\n')) throw new Error(`packWordTable: word ${JSON.stringify(word)} holds a newline`);
    if (i > 0) lines += '\n';
    let slot = hashOf(word, 0, word.length) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = lines.length + 1;
    lines += codes[i]! + word;
  });
  return { lines, slots };
}

/**
 * The lexicon as an object whose keys are the words of `lines` (see packWordTable), in that order, and whose value
 * for a word is `values[code - 32]`. It behaves as the plain object would: own enumerable properties, Object.prototype
 * behind them, and words can be added, changed and deleted. Building it reads nothing: a lookup hashes the word and
 * compares it with the lines its probe reaches.
 */
export function wordTable(lines: string, slots: Int32Array, values: readonly unknown[]): Record<string, unknown> {
  const mask = slots.length - 1;
  /** The offset of the line holding `key`, or -1. */
  const find = (key: string): number => {
    if (key.includes('\n')) return -1;
    for (let slot = hashOf(key, 0, key.length) & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot]! - 1;
      if (at === -1) return -1;
      const end = at + 1 + key.length;
      if ((end === lines.length || lines.charCodeAt(end) === 10) && lines.startsWith(key, at + 1)) return at;
    }
  };
  const firstEnd = lines.indexOf('\n');
  const first = lines.slice(1, firstEnd === -1 ? lines.length : firstEnd);
  if ((slots.length & mask) !== 0 || find(first) !== 0) throw new Error('wordTable: the slots were not built over these lines with this hash');

  // Words added or changed after the build live in the target as ordinary properties; deleted listed words are noted.
  const deleted = new Set<string>();
  const listed = (key: string | symbol): number => (typeof key === 'string' && !deleted.has(key) ? find(key) : -1);
  const valueOf = (at: number) => values[lines.charCodeAt(at) - 32];

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
      for (let at = 0; at < lines.length; ) {
        let end = lines.indexOf('\n', at);
        if (end === -1) end = lines.length;
        const word = lines.slice(at + 1, end);
        if (!deleted.has(word)) keys.push(word);
        at = end + 1;
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
