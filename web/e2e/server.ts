/**
 * Starts the real server jar (java -jar perfshop-server.jar) on a free port with a throwaway data
 * folder and a random admin token, for the end-to-end suite. Used by global-setup.ts.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionLicence, type IssuedLicence } from './licence';

export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = join(WEB_DIR, 'test-results');

export interface RunningServer {
  baseUrl: string;
  adminToken: string;
  dataDir: string;
  licence: IssuedLicence;
  stop(): Promise<void>;
}

export function jarPath(): string {
  return process.env.PERFSHOP_JAR ?? resolve(WEB_DIR, '../perfshop-server/target/perfshop-server.jar');
}

function javaPath(): string {
  if (process.env.PERFSHOP_JAVA) return process.env.PERFSHOP_JAVA;
  if (process.env.JAVA_HOME) return join(process.env.JAVA_HOME, 'bin', 'java');
  try {
    // the repository's own JDK finder (the default `java` may be older than 21)
    const home = execFileSync(resolve(WEB_DIR, '../scripts/find-jdk'), { encoding: 'utf8' }).trim();
    if (home) return join(home, 'bin', 'java');
  } catch {
    // fall through
  }
  return 'java';
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

async function waitUntilUp(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready`);
    try {
      const r = await fetch(`${baseUrl}/actuator/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not healthy within ${timeoutMs / 1000} s`);
}

/** Extra server arguments, e.g. the licence options once the licence gate is on main. */
export async function startServer(extraArgs: string[] = []): Promise<RunningServer> {
  const jar = jarPath();
  if (!existsSync(jar)) throw new Error(`no server jar at ${jar}: build it first (make build, or mvn package)`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'perfshop-e2e-'));
  const adminToken = `e2e-${randomBytes(24).toString('hex')}`;
  // started licensed, as `make run` starts (a build without the licence gate ignores the files)
  const licence = provisionLicence(dataDir);
  // PERFSHOP_E2E_WEB_DIST serves the pages from a fresh `npm run build` instead of the jar's copy
  const webDist = process.env.PERFSHOP_E2E_WEB_DIST ? [`--spring.web.resources.static-locations=file:${resolve(process.env.PERFSHOP_E2E_WEB_DIST)}/`] : [];
  mkdirSync(RESULTS_DIR, { recursive: true });
  const log = createWriteStream(join(RESULTS_DIR, 'server.log'));
  const child = spawn(
    javaPath(),
    [
      '-Xmx512m',
      '-jar',
      jar,
      `--server.port=${port}`,
      '--server.address=127.0.0.1',
      `--perfshop.data-dir=${dataDir}`,
      `--perfshop.admin.token=${adminToken}`,
      ...webDist,
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PERFSHOP_ADMIN_TOKEN: '' } },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((ok) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          ok();
        }, 15000);
        child.once('exit', () => {
          clearTimeout(t);
          ok();
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // a busy shared machine can need more than two minutes: PERFSHOP_E2E_START_SECONDS raises the wait
    await waitUntilUp(baseUrl, child, Number(process.env.PERFSHOP_E2E_START_SECONDS ?? 120) * 1000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}; see web/test-results/server.log`);
  }
  return { baseUrl, adminToken, dataDir, licence, stop };
}
