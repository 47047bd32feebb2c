// compromise/two, assembled from its own parts as its two.js does, but with the lexicon already expanded and the
// post-tagger's match net already parsed at build time (scripts/precompile.mjs): the same tagger, without the
// few hundred milliseconds compromise spends building them when it is imported and first used.

import nlp from 'compromise/one';
import {
  contractionTwo,
  lazy,
  postTag,
  postTaggerNet,
  preTagCompute,
  preTagHooks,
  preTaggerModel,
  preTagMethods,
  preTagTags,
  swap,
} from 'virtual:rapport/compromise';

type Model = Record<string, unknown>;

function isObject(value: unknown): value is Model {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * compromise's own merge (extend.js mergeDeep) copies a plugin's model into the world key by key: 30,000 keys for
 * the lexicon alone. The shipped model is a fresh copy nothing else holds, so a subtree the world does not have yet
 * (or has only as an empty placeholder, like the lexicon compromise/one starts with) is taken as it is: the same
 * keys in the same order, and the plugin's values still win where both have one.
 */
export function graft(target: Model, source: Model): void {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const value = source[key];
    const existing = target[key];
    if (isObject(value) && isObject(existing) && Object.keys(existing).length > 0) graft(existing, value);
    else target[key] = value;
  }
}

interface View {
  world: { methods: { two: { quickSplit: (docs: unknown) => Term[][] } } };
  docs: unknown;
  update: (ptrs: number[][]) => { sweep: (net: unknown) => void };
  uncache: () => void;
  unfreeze: () => void;
}
interface Term {
  index: [number, number];
}

/** compromise's postTagger compute (2-two/postTagger/compute), sweeping the prebuilt net. */
function postTagger(view: View): View {
  const { world } = view;
  const document = world.methods.two.quickSplit(view.docs);
  const ptrs = document.map((terms) => {
    const t = terms[0]!;
    return [t.index[0], t.index[1], t.index[1] + terms.length];
  });
  const m = view.update(ptrs);
  m.sweep(postTaggerNet);
  view.uncache();
  view.unfreeze();
  return view;
}

nlp.plugin({
  compute: preTagCompute,
  methods: preTagMethods,
  tags: preTagTags,
  hooks: preTagHooks,
  mutate: (world: { model: Model }) => graft(world.model, preTaggerModel),
} as never);
nlp.plugin(contractionTwo as never);
nlp.plugin(postTag as never);
nlp.plugin(lazy as never);
nlp.plugin(swap as never);
nlp.plugin({ compute: { postTagger } } as never);

export default nlp as unknown as typeof import('compromise/two').default;
