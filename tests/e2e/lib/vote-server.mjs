// Starts a real `yhdessa-vote serve` on a free loopback port for browser tests, with a
// fresh database and voting codes issued through the program's own `codes` command.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function startVoteServer(siteDir, codeRequests) {
  const bin = path.join(process.env.YHDESSA_BIN_DIR || 'build/release', 'voting-server', 'yhdessa-vote');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yhdessa-e2e-'));
  const db = path.join(dir, 'vote.db');
  const codes = {};
  for (const { round, area, count } of codeRequests) {
    const out = path.join(dir, `${round}-${area}.csv`);
    execFileSync(bin, ['codes', '--db', db, '--round', round, '--area', area, '--count', String(count), '--out', out],
      { stdio: 'ignore' });
    codes[`${round}/${area}`] = fs.readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  }
  const child = spawn(bin, ['serve', '--db', db, '--site', siteDir, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('vote server did not start: ' + buf)), 15000);
    const onData = (d) => {
      buf += d;
      const m = buf.match(/on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`vote server exited ${code}: ${buf}`)));
  });
  return {
    url, codes,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
