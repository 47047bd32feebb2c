// Local HTTPS server that answers for mail.google.com and www.linkedin.com with the HTML fixtures in tests/fixtures.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const FIXTURES_DIR = resolve(fileURLToPath(new URL('../fixtures/', import.meta.url)));
/** Real editor libraries bundled by tests/support/editors.ts, served under /__editors/. */
export const EDITOR_BUNDLES_DIR = resolve(fileURLToPath(new URL('../../dist-editors/', import.meta.url)));

/** The hosts the browser is told to resolve to this server. */
export const FIXTURE_HOSTS = ['mail.google.com', 'www.linkedin.com'] as const;

export interface FixtureServer {
  port: number;
  /** Base URL on the loopback address itself, e.g. for a listing at `/`. */
  origin: string;
  close(): Promise<void>;
}

interface Route {
  host: string;
  test: (url: URL) => boolean;
  fixture: string;
}

// First match wins. Paths mirror the real sites so content-script URL checks see realistic locations;
// any other page can be reached on any host with /__fixture/<name>.html.
const ROUTES: Route[] = [
  { host: 'mail.google.com', test: (u) => /^\/mail\/(u\/\d+\/)?/.test(u.pathname) && ['cm', 'btop'].includes(u.searchParams.get('view') ?? ''), fixture: 'gmail-popout.html' },
  { host: 'mail.google.com', test: (u) => /^\/mail(\/|$)/.test(u.pathname), fixture: 'gmail-compose.html' },
  { host: 'www.linkedin.com', test: (u) => u.pathname.startsWith('/messaging/'), fixture: 'linkedin-messaging.html' },
  { host: 'www.linkedin.com', test: (u) => u.pathname.startsWith('/in/'), fixture: 'linkedin-profile.html' },
  { host: 'www.linkedin.com', test: (u) => u.pathname === '/' || u.pathname.startsWith('/feed/'), fixture: 'linkedin-feed.html' },
];

/** Which fixture a request for this URL gets, or undefined for 404. Exported for tests of the mapping. */
export function fixtureFor(url: URL): string | undefined {
  const direct = /^\/__fixture\/([A-Za-z0-9_-]+\.html)$/.exec(url.pathname);
  if (direct) return direct[1];
  const host = url.hostname.toLowerCase();
  return ROUTES.find((r) => r.host === host && r.test(url))?.fixture;
}

/** URL of a fixture under a real origin, so the page runs with that origin (cookies, content-script matches). */
export function fixtureUrl(host: (typeof FIXTURE_HOSTS)[number], name: string): string {
  return `https://${host}/__fixture/${name.endsWith('.html') ? name : `${name}.html`}`;
}

export async function listFixtures(): Promise<string[]> {
  return (await readdir(FIXTURES_DIR)).filter((f) => f.endsWith('.html')).sort();
}

/**
 * Self-signed certificate made with the openssl CLI (no npm dependency). Browsers are launched with
 * --ignore-certificate-errors, but the SANs still name the mapped hosts so the cert is at least honest.
 */
async function makeCertificate(): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    const san = ['DNS:localhost', 'IP:127.0.0.1', ...FIXTURE_HOSTS.map((h) => `DNS:${h}`)].join(',');
    await execFileAsync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-days', '2', '-subj', '/CN=rapport-fixtures', '-addext', `subjectAltName=${san}`,
      '-keyout', keyPath, '-out', certPath,
    ]);
    return { key: await readFile(keyPath), cert: await readFile(certPath) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `?editor=<library>&mount=<data-fixture-editor>` swaps that fixture's static editor for a real editor library, loaded
 * the way the site loads its own scripts (a module at the end of the body).
 */
function withEditor(html: Buffer, url: URL): Buffer {
  const editor = url.searchParams.get('editor');
  if (!editor || !/^[a-z-]+$/.test(editor)) return html;
  const tag = `<script type="module" src="/__editors/${editor}.js"></script>\n</body>`;
  return Buffer.from(html.toString('utf8').replace(/<\/body>(?![\s\S]*<\/body>)/, tag), 'utf8');
}

async function handle(req: IncomingMessage, res: ServerResponse, port: number): Promise<void> {
  // Host may carry a port when a test addresses the server directly (127.0.0.1:PORT).
  const url = new URL(req.url ?? '/', `https://${req.headers.host ?? `127.0.0.1:${port}`}`);
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  if (url.pathname === '/favicon.ico') {
    res.writeHead(204, headers).end();
    return;
  }
  if (url.pathname === '/' && !FIXTURE_HOSTS.includes(url.hostname as (typeof FIXTURE_HOSTS)[number])) {
    const items = (await listFixtures()).map((f) => `<li><a href="/__fixture/${f}">${f}</a></li>`).join('');
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><title>Fixtures</title><ul>${items}</ul>`);
    return;
  }

  const bundle = /^\/__editors\/((?:chunks\/)?[A-Za-z0-9_.-]+\.js)$/.exec(url.pathname);
  if (bundle) {
    try {
      // The pattern allows one known subfolder and no "..": a crafted path cannot leave the bundle directory.
      const body = await readFile(join(EDITOR_BUNDLES_DIR, bundle[1]!));
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(`no editor bundle ${bundle[1]} (run buildFixtureEditors first)`);
    }
    return;
  }

  const name = fixtureFor(url);
  if (!name) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(`no fixture for ${url.host}${url.pathname}`);
    return;
  }
  try {
    // basename() keeps a crafted name from escaping the fixtures directory.
    const body = withEditor(await readFile(join(FIXTURES_DIR, basename(name))), url);
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(`fixture ${name} not found`);
  }
}

/** Starts the server on 127.0.0.1 with an OS-chosen port. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const { key, cert } = await makeCertificate();
  let port = 0;
  const server: Server = createServer({ key, cert }, (req, res) => {
    handle(req, res, port).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        // Chromium keeps sockets alive; without this close() would wait for them to time out.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolveClose()));
      }),
  };
}
