// Ignore tokens: what settings store for an ignored finding instead of its key, so no words of a draft are kept.

/**
 * A finding's key is `ruleId|phrase|sentenceHash` (one occurrence) and a phrase key is `ruleId|phrase` (every
 * occurrence); both carry the flagged words. Stored instead: `o:<ruleId>:<hash>` or `p:<ruleId>:<hash>`, with the
 * rule id kept so the options page can say which rule it silences and pruning can tell occurrences from phrases.
 */
export type IgnoreKind = 'occurrence' | 'phrase';

const TOKEN = /^([op]):([^:|]*):([0-9a-z]+)$/;

/** 53-bit string hash (cyrb53): wide enough that hundreds of ignores never collide in practice, cheap per finding. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function isIgnoreToken(value: string): boolean {
  return TOKEN.test(value);
}

/** The token for a finding key or phrase key; a value that already is a token is returned as it is. */
export function ignoreToken(key: string): string {
  if (isIgnoreToken(key)) return key;
  const parts = key.split('|');
  const kind = parts.length >= 3 ? 'o' : 'p';
  const ruleId = parts.length >= 2 ? parts[0]! : '';
  return `${kind}:${ruleId}:${hash53(key)}`;
}

/** What a token (or a legacy raw key) silences: the rule and whether one occurrence or a phrase everywhere. */
export function ignoreTokenInfo(value: string): { ruleId: string; kind: IgnoreKind } {
  const token = TOKEN.exec(value);
  if (token) return { ruleId: token[2]!, kind: token[1] === 'o' ? 'occurrence' : 'phrase' };
  const parts = value.split('|');
  return { ruleId: parts.length >= 2 ? parts[0]! : '', kind: parts.length >= 3 ? 'occurrence' : 'phrase' };
}
