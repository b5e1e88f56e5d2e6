import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStream } from './embedded-stream.ts';
import { fetchAtLeast } from './stream.conformance.ts';
import { jsonPayload, type StreamMessage } from './stream.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-stream-kill-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** Runs the fixture until READY, lets it go on a random few ms, kills it with SIGKILL; answers its output. */
function runAndKill(dir: string, fsync: string): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'kill-stream.fixture.ts'), dir, fsync],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let errors = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child never got ready: ${errors}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY') && !child.killed) {
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 40));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ signal, output });
    });
  });
}

/** The `partition:offset` ids of the complete lines starting with `tag` (a line cut by the kill is not complete). */
function reported(output: string, tag: 'P' | 'A'): Set<string> {
  const lines = output.split('\n').slice(0, -1);
  const ids = new Set<string>();
  for (const line of lines)
    if (line.startsWith(`${tag} `)) for (const id of line.slice(2).split(' ')) ids.add(id);
  return ids;
}

const id = (m: StreamMessage) => `${m.partition}:${m.offset}`;

describe.each(['never', 'always'])('embedded log killed with SIGKILL (fsync %s)', (fsync) => {
  it('delivers no corrupt record, keeps acks, redelivers the rest in order per key', async () => {
    const dir = path.join(tmpRoot, fsync);
    const { signal, output } = await runAndKill(dir, fsync);
    expect(signal).toBe('SIGKILL');
    const published = reported(output, 'P');
    const acked = reported(output, 'A');
    expect(acked.size).toBeGreaterThan(100);

    const warnings: Array<Record<string, unknown>> = [];
    const stream = await EmbeddedStream.open({
      dir,
      partitions: 4,
      fsync: 'never',
      warn: (_m, d) => warnings.push(d),
    });
    try {
      // Everything that is in the log, read by a new group: whole records, each key numbered without gaps.
      const audit = await stream.consumer('audit', 'events');
      const total = stream.topicStats('events').reduce((n, p) => n + p.nextOffset, 0);
      const all = await fetchAtLeast(audit, total, 20_000);
      expect(all).toHaveLength(total);
      const next = new Map<string, number>();
      for (const m of all) {
        const item = jsonPayload<{ key: string; seq: number }>(m);
        expect(item.key).toBe(m.key);
        expect(item.seq, `${m.key} at ${id(m)}`).toBe(next.get(m.key) ?? 0);
        next.set(m.key, item.seq + 1);
      }
      // What the child saw published is there (it may have written more just before dying).
      const present = new Set(all.map(id));
      for (const p of published) expect(present.has(p), `published ${p}`).toBe(true);

      // Group g: nothing acked comes again; everything else does, in order per key.
      const g = await stream.consumer('g', 'events');
      const pending = total - [...acked].filter((a) => present.has(a)).length;
      const again = await fetchAtLeast(g, pending + 1, 3000);
      expect(again.filter((m) => acked.has(id(m))).map(id)).toEqual([]);
      expect(again).toHaveLength(pending);
      const last = new Map<string, number>();
      for (const m of again) {
        const { seq } = jsonPayload<{ seq: number }>(m);
        expect(seq).toBeGreaterThan(last.get(m.key) ?? -1);
        last.set(m.key, seq);
      }
      await g.ackAll(again);
    } finally {
      await stream.close();
    }
    // Recovery notices (a torn tail) are allowed, never required: the kill may fall between writes.
    for (const w of warnings) expect(String(w.reason ?? '')).not.toMatch(/offset/);
  }, 90_000);
});
