// Regexes with Unicode property classes (\p{L}, \p{N}…) and an ASCII twin of each. V8 builds a property class from
// ICU's tables every time it parses such a regex (when the regex is created, when it first runs, again when it is
// compiled to machine code, again for text with characters above U+00FF): about a tenth of the engine's cold start
// went there. On text that is all ASCII, a regex with each property class cut down to its ASCII members matches
// exactly what the full one does (such text holds no other characters), so that twin runs instead, and the full
// regex is only built for the first text that needs it.

/** ASCII members of each property the engine's patterns name (tests/engine/unicode.test.ts checks all 128). */
const ASCII_MEMBERS: Record<string, string> = {
  L: 'A-Za-z',
  Lu: 'A-Z',
  Ll: 'a-z',
  N: '0-9',
  P: '!-#%-*,-/:;?@\\[-\\]_{}',
  S: '$+<->^`|~',
  Extended_Pictographic: '',
  // Long names and others compromise's own regexes use (see UnicodeTwin).
  Letter: 'A-Za-z',
  Number: '0-9',
  Currency_Symbol: '$',
  So: '',
};

export const ASCII_PROPERTIES: readonly string[] = Object.keys(ASCII_MEMBERS);

/** The pattern with every \p{Name} replaced by its ASCII members, in a class or on its own. */
export function asciiTwin(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      const property = /^\\([pP])\{([^}]*)\}/.exec(source.slice(i, i + 60));
      if (property) {
        const members = Object.hasOwn(ASCII_MEMBERS, property[2]!) ? ASCII_MEMBERS[property[2]!] : undefined;
        if (property[1] === 'P' || members === undefined) throw new Error(`asciiTwin: no ASCII twin for ${property[0]} in /${source}/`);
        out += inClass ? members : `[${members}]`;
        i += property[0].length - 1;
      } else {
        out += ch + (source[i + 1] ?? '');
        i++;
      }
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return out;
}

const NON_ASCII = /[^\0-\x7f]/;

/**
 * A regex written with \p{…} classes (give its source, e.g. String.raw`[\p{L}\p{N}]+`, so it is not parsed here;
 * spell other non-ASCII characters as \u escapes, which a bundler leaves alone in a tagged template): returns the
 * regex to use on a given text, the ASCII twin when the text is all ASCII. Each keeps its own lastIndex.
 */
export function unicodeRegExp(source: string, flags = 'u'): (text: string) => RegExp {
  const ascii = new RegExp(asciiTwin(source), flags);
  let full: RegExp | null = null;
  return (text) => (NON_ASCII.test(text) ? (full ??= new RegExp(source, flags)) : ascii);
}

/**
 * What scripts/precompile.mjs puts in place of each regex literal with \p{…} classes in compromise's own source
 * (`/^\p{Lu}[\p{Ll}'’]/u` becomes `new UnicodeTwin("^\\p{Lu}[\\p{Ll}'’]", "u")`): it tests, execs, replaces,
 * splits, matches and searches as that regex does, running the ASCII twin on all-ASCII text (unicodeRegExp), so
 * startup and a first lint of ASCII text parse none of those property classes (V8 parses each when the literal is
 * evaluated and when it runs). Only regexes without the g and y flags are rewritten: they keep no state between calls.
 */
export class UnicodeTwin {
  readonly #choose: (text: string) => RegExp;

  constructor(
    readonly source: string,
    readonly flags: string,
  ) {
    if (/[gy]/.test(flags)) throw new Error(`UnicodeTwin: /${source}/${flags} keeps a lastIndex; leave it a regex`);
    this.#choose = unicodeRegExp(source, flags);
  }

  test(text: string): boolean {
    const s = String(text);
    return this.#choose(s).test(s);
  }
  exec(text: string): RegExpExecArray | null {
    const s = String(text);
    return this.#choose(s).exec(s);
  }
  [Symbol.replace](text: string, replacement: string | ((substring: string, ...args: unknown[]) => string)): string {
    const s = String(text);
    return (this.#choose(s) as unknown as { [Symbol.replace](t: string, r: typeof replacement): string })[Symbol.replace](s, replacement);
  }
  [Symbol.split](text: string, limit?: number): string[] {
    const s = String(text);
    return this.#choose(s)[Symbol.split](s, limit);
  }
  [Symbol.match](text: string): RegExpMatchArray | null {
    const s = String(text);
    return this.#choose(s)[Symbol.match](s);
  }
  [Symbol.search](text: string): number {
    const s = String(text);
    return this.#choose(s)[Symbol.search](s);
  }
  toString(): string {
    return `/${this.source}/${this.flags}`;
  }
}
