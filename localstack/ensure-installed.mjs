// Installs the local AWS stand-ins (npm ci, which applies patches/ through patch-package) unless node_modules
// already matches package-lock.json and patches/. Run by the Maven build before any test needs them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const hash = createHash('sha256');
hash.update(readFileSync(join(here, 'package-lock.json')));
for (const name of readdirSync(join(here, 'patches')).sort()) {
  hash.update(name);
  hash.update(readFileSync(join(here, 'patches', name)));
}
const wanted = hash.digest('hex');
const stamp = join(here, 'node_modules', '.madang-installed');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
  process.exit(0);
}
console.log('[localstack] installing the local AWS stand-ins (npm ci)…');
execSync('npm ci --no-audit --no-fund', { cwd: here, stdio: 'inherit' });
writeFileSync(stamp, wanted);
