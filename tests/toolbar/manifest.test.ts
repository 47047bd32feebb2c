// Checks the Chrome manifest keeps least permissions and the derived Firefox manifest has what Firefox needs.
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { firefoxManifest, GECKO_ID } from '../../vite.config';

describe('manifest.json', () => {
  it('asks for storage only; page access comes from the two content-script hosts', () => {
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest).not.toHaveProperty('host_permissions');
    expect(manifest).not.toHaveProperty('optional_permissions');
    expect(manifest.content_scripts.flatMap((c) => c.matches).sort()).toEqual(['https://mail.google.com/*', 'https://www.linkedin.com/*']);
  });

  it('declares the worker, options page, icons and both keyboard commands', () => {
    expect(manifest.background).toEqual({ service_worker: 'src/background/index.ts', type: 'module' });
    expect(manifest.options_ui.page).toBe('src/options/index.html');
    expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '128']);
    expect(Object.keys(manifest.commands).sort()).toEqual(['_execute_action', 'next-finding']);
  });
});

describe('firefoxManifest', () => {
  it('swaps the service worker for background scripts and adds a gecko id, keeping everything else', () => {
    const firefox = firefoxManifest(manifest);
    expect(firefox.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' });
    expect(firefox.browser_specific_settings).toMatchObject({ gecko: { id: GECKO_ID, data_collection_permissions: { required: ['none'] } } });
    const { background: _chromeBackground, ...chromeRest } = manifest;
    const { background: _firefoxBackground, browser_specific_settings: _gecko, ...firefoxRest } = firefox;
    expect(firefoxRest).toEqual(chromeRest);
  });

  it('refuses a manifest without a worker to convert', () => {
    expect(() => firefoxManifest({ manifest_version: 3 })).toThrow(/service_worker/);
  });
});
