import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in src/cli). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the built web UI lives. */
export const webDistDir = path.join(repoRoot, 'web', 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when web/dist is missing or older than the web sources. */
export function webBuildNeeded(): boolean {
  const built = path.join(webDistDir, 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = [path.join(repoRoot, 'web', 'src'), path.join(repoRoot, 'web', 'index.html')];
  const newestSource = Math.max(
    ...sources
      .filter((s) => fs.existsSync(s))
      .map((s) => (fs.statSync(s).isDirectory() ? newestMtime(s) : fs.statSync(s).mtimeMs)),
  );
  return newestSource > fs.statSync(built).mtimeMs;
}

/** Builds the web UI with Vite (a dev dependency, installed by `npm install`). */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
