// Types of scripts/precompile.mjs for the TypeScript configs and tests that import it.
import type { Plugin } from 'vite';

export function precompile(options?: { rulesDir?: string; pack?: boolean }): Plugin;
export function packModule(rulesDir?: string): Promise<string>;
export function toSource(value: unknown, path?: string): string;
/** Source of the `revive` function that toSource's output calls. */
export const REVIVE: string;
