// Types of the modules scripts/precompile.mjs generates at build time.

declare module 'virtual:rapport/pack' {
  import type { PackData } from './precompile';

  const pack: PackData;
  export default pack;
}

declare module 'virtual:rapport/compromise' {
  type Part = Record<string, unknown>;
  export const preTagCompute: Part;
  export const preTagMethods: Part;
  export const preTagTags: Part;
  export const preTagHooks: string[];
  export const preTaggerModel: Record<string, unknown>;
  /** The lexicon's words in key order, one a line, and per word one character: its value is lexiconValues[code - 32]. */
  export const lexiconWords: string;
  export const lexiconCodes: string;
  export const lexiconValues: unknown[];
  export const lexiconBase: Record<string, unknown>;
  export const contractionTwo: Part;
  export const postTag: Part;
  export const lazy: Part;
  export const swap: Part;
  export const postTaggerNet: { hooks: Record<string, object[]>; always: object[]; isNet: true };
  /** A match object's regs from the JSON text the build ships them as (see readyMatch in nlp.ts). */
  export const decodeRegs: (text: string) => unknown;
}
