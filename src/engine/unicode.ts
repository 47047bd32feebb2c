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
