// Reads the built release extension (dist/) as shipped: nothing in its manifest or bundles lets a page fetch,
// list or recognise Rapport, and nothing in them loads or runs code from anywhere but the package itself.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, RELEASE_DIST } from '../support/page';

interface BuiltManifest {
  permissions?: string[];
  host_permissions?: string[];
  content_scripts: { js: string[]; matches: string[] }[];
  web_accessible_resources?: { resources: string[]; use_dynamic_url?: boolean }[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

let manifest: BuiltManifest;
/** Every text file of the build (scripts, HTML, CSS, JSON), by path relative to dist/. */
let texts: Map<string, string>;
let contentScripts: Map<string, string>;

beforeAll(() => {
  ensureBuilt(RELEASE_DIST);
  manifest = JSON.parse(readFileSync(join(RELEASE_DIST, 'manifest.json'), 'utf8')) as BuiltManifest;
  texts = new Map(
    filesUnder(RELEASE_DIST)
      .filter((f) => /\.(m?js|html|css|json)$/.test(f))
      .map((f) => [relative(RELEASE_DIST, f), readFileSync(f, 'utf8')]),
  );
  contentScripts = new Map(manifest.content_scripts.flatMap((c) => c.js).map((f) => [f, texts.get(f)!]));
});

/** Which files contain a match, so a failure names the file to look at. */
function filesMatching(pattern: RegExp, files: Map<string, string> = texts): string[] {
  return [...files].filter(([, text]) => pattern.test(text)).map(([file]) => file);
}

describe('the built manifest', () => {
  it('exposes no resource to pages: no web_accessible_resources, or only per-session dynamic URLs', () => {
    const exposed = (manifest.web_accessible_resources ?? []).filter((entry) => entry.use_dynamic_url !== true);
    expect(exposed).toEqual([]);
    // None at all is what this build aims for; the dynamic-URL escape hatch is not used either.
    expect(manifest).not.toHaveProperty('web_accessible_resources');
  });

  it('keeps least permissions: storage only, page access only through the two content-script hosts', () => {
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest).not.toHaveProperty('host_permissions');
    expect(manifest.content_scripts.flatMap((c) => c.matches).sort()).toEqual(['https://mail.google.com/*', 'https://www.linkedin.com/*']);
  });

  it('lists content scripts that exist and are self-contained classic scripts (nothing imported by URL)', () => {
    expect(contentScripts.size).toBeGreaterThan(0);
    for (const [file, code] of contentScripts) {
      expect(code, `${file} is missing from dist/`).toBeTypeOf('string');
      // A classic script cannot use static import/export, and a dynamic import() would need a web-accessible URL.
      expect(/(^|[;}\s])(import|export)\s*[{*\w]/.test(code.slice(0, 2000)), `${file} starts like an ES module`).toBe(false);
      expect(/\bimport\s*\(/.test(code), `${file} has a dynamic import()`).toBe(false);
      expect(code.includes('chrome.runtime.getURL'), `${file} builds extension URLs`).toBe(false);
    }
  });
});

describe('the built bundles', () => {
  it('carry no modulepreload polyfill or preload links, and no fetch() at all', () => {
    expect(filesMatching(/modulepreload/)).toEqual([]);
    expect(filesMatching(/__vitePreload|__vite__mapDeps/)).toEqual([]);
    expect(filesMatching(/\bfetch\s*\(/)).toEqual([]);
  });

  it('never evaluate strings as code', () => {
    expect(filesMatching(/\beval\s*\(/)).toEqual([]);
    expect(filesMatching(/\bnew\s+Function\s*\(/)).toEqual([]);
    expect(filesMatching(/\bimportScripts\s*\(/)).toEqual([]);
  });

  it('name no remote URL (XML namespace identifiers, which are never fetched, and the manifest host patterns aside)', () => {
    const remote = [...texts].flatMap(([file, text]) =>
      [...text.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s"'`)<>]*/g)]
        .map((m) => m[0])
        .filter((url) => !url.startsWith('http://www.w3.org/'))
        .filter((url) => !(file === 'manifest.json' && /^https:\/\/(mail\.google\.com|www\.linkedin\.com)\/\*$/.test(url)))
        .map((url) => `${file}: ${url}`),
    );
    expect(remote).toEqual([]);
  });

  it('leave no probe in the content script: no performance marks, open shadow root, or rapport-named element, attribute or highlight', () => {
    expect(filesMatching(/performance\.(mark|measure)\b/, contentScripts)).toEqual([]);
    expect(filesMatching(/rapport:(boot|input|relint)/, contentScripts)).toEqual([]);
    expect(filesMatching(/mode:\s*[`'"]open/, contentScripts)).toEqual([]);
    expect(filesMatching(/mode:\s*[`'"]closed/, contentScripts)).toEqual([...contentScripts.keys()]);
    expect(filesMatching(/rapport-ui|data-rapport|[`'"]rapport-/, contentScripts)).toEqual([]);
  });
});
