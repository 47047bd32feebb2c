// Launches Debian's Chromium via playwright-core with the built extension loaded and the real Gmail/LinkedIn hosts mapped onto the fixture server.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { FIXTURE_HOSTS, startFixtureServer, type FixtureServer } from './server';

export const CHROMIUM_PATH = process.env.RAPPORT_CHROMIUM ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** Reuse a running server (e.g. one per test file); otherwise one is started and closed with the browser. */
  server?: FixtureServer;
  /** Extra Chromium switches. */
  args?: string[];
  /** Show the window (npm run demo); tests always run headless. */
  headed?: boolean;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Set when distDir was given. */
  extensionId: string | undefined;
  server: FixtureServer;
  /** Closes the browser, removes its profile, and stops the server if this call started it. */
  close(): Promise<void>;
}

/** Every other host fails to resolve, so a stray request can never leave the machine. */
export function hostResolverRules(port: number): string {
  return [...FIXTURE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE localhost'].join(', ');
}

/** Chromium's id encoding: the first 128 bits of a SHA-256, one letter a–p per hex digit. */
function idFromBytes(bytes: Buffer | string): string {
  const hex = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * The id Chromium gives an unpacked extension: from the manifest's "key" when present, else from its
 * absolute, symlink-resolved directory path (crx_file::id_util::GenerateIdForPath). Needed because an
 * MV3 extension without a background service worker exposes no URL from which to read the id.
 */
export async function extensionIdFor(distDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8')) as { key?: string };
  if (manifest.key) return idFromBytes(Buffer.from(manifest.key, 'base64'));
  return idFromBytes(await realpath(distDir));
}

async function serviceWorkerExtensionId(context: BrowserContext, distDir: string): Promise<string | undefined> {
  const manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string };
  };
  if (!manifest.background?.service_worker) return undefined;
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'))
    ?? (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://') }));
  return new URL(worker.url()).host;
}

/**
 * Starts headless Chromium. With distDir it loads that unpacked build; without it the browser runs bare
 * (fixture checks). Keep one instance at a time: the machine has two shared cores.
 */
export async function launchWithExtension(distDir?: string, options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const ownServer = !options.server;
  const server = options.server ?? (await startFixtureServer());
  const userDataDir = await mkdtemp(join(tmpdir(), 'rapport-chromium-'));
  const dist = distDir ? await realpath(distDir) : undefined;

  const args = [
    ...(dist ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : []),
    // Passed as one argv entry, so no shell quoting around the rules.
    `--host-resolver-rules=${hostResolverRules(server.port)}`,
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Newer Chrome builds ignore --load-extension unless this feature is off; harmless where it is not.
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    ...(options.args ?? []),
  ];

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: !options.headed,
      args,
      // Playwright adds --disable-extensions by default, which would override --load-extension.
      ignoreDefaultArgs: dist ? ['--disable-extensions'] : [],
      ignoreHTTPSErrors: true,
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    if (ownServer) await server.close();
    throw err;
  }

  let extensionId: string | undefined;
  if (dist) {
    const computed = await extensionIdFor(dist);
    const fromWorker = await serviceWorkerExtensionId(context, dist);
    if (fromWorker && fromWorker !== computed) {
      // Trust the browser, but say so: the computed id is what callers use when there is no worker.
      process.emitWarning(`extension id from service worker (${fromWorker}) differs from computed id (${computed})`);
    }
    extensionId = fromWorker ?? computed;
  }

  return {
    context,
    extensionId,
    server,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
      if (ownServer) await server.close();
    },
  };
}
