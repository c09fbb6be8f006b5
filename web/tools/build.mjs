// Builds the web client for the Maven build (the browser tests and the benchmark serve web/dist): installs the npm
// packages when package-lock.json changed since the last install (npm ci), then builds the client and the empty
// baseline page the benchmark compares it with.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = createHash('sha256').update(readFileSync(join(web, 'package-lock.json'))).digest('hex');
const stamp = join(web, 'node_modules', '.madang-installed');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
  console.log('[web] installing npm packages (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: web, stdio: 'inherit' });
  writeFileSync(stamp, wanted);
}
execSync('npm run --silent build', { cwd: web, stdio: 'inherit' });
execSync('npm run --silent build:empty', { cwd: web, stdio: 'inherit' });
