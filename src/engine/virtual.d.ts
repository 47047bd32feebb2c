// Types of the modules scripts/precompile.mjs generates at build time.

declare module 'virtual:rapport/pack' {
  import type { ShippedPack } from './matcher';

  const pack: ShippedPack;
  export default pack;
}

declare module 'virtual:rapport/examples' {
  import type { RuleExamples } from './rules';

  /** Per built-in rule id, its flag and pass examples; not part of the engine's pack (see src/engine/examples.ts). */
  const examples: Record<string, RuleExamples>;
  export default examples;
}

declare module 'virtual:rapport/compromise' {
  type Part = Record<string, unknown>;
  export const preTagCompute: Part;
  export const preTagMethods: Part;
  export const preTagTags: Part;
  export const preTagHooks: string[];
  export const preTaggerModel: Record<string, unknown>;
  /** The lexicon as src/engine/lexicon.ts's packWordTable lays it out: lines, and base64 of its int32 slots. */
  export const lexiconLines: string;
  export const lexiconSlots: string;
  export const lexiconValues: unknown[];
  export const lexiconBase: Record<string, unknown>;
  export const contractionTwo: Part;
  export const postTagApi: Part;
  export const postTagCompute: Part;
  export const lazy: Part;
  export const swap: Part;
  export const postTaggerNet: { hooks: Record<string, object[]>; always: object[]; isNet: true };
  /** A match object's regs from the JSON text the build ships them as (see readyMatch in nlp.ts). */
  export const decodeRegs: (text: string) => unknown;
}
