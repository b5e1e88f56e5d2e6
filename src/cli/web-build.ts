import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in src/cli). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the built web UI lives. */
export const webDistDir = path.join(repoRoot, 'web', 'dist');

/** Newest modification time of a file or of anything under a directory (0 when absent). */
function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when web/dist is missing or older than the web sources. */
export function webBuildNeeded(): boolean {
  const built = path.join(webDistDir, 'index.html');
  if (!fs.existsSync(built)) return true;
  const web = path.join(repoRoot, 'web');
  const sources = ['src', 'index.html', 'vite.config.ts'].map((name) => newestMtime(path.join(web, name)));
  return Math.max(...sources) > fs.statSync(built).mtimeMs;
}

/** Builds the web UI with Vite (a dev dependency, installed by `npm install`). */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
