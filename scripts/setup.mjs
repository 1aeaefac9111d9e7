#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Makes sure the Debian packages the tests compare against are present: the browser for the e2e
// suite and the reference tools of the differential tests. As root it installs what is missing
// with apt-get; otherwise it prints exactly what to install. In CI a missing package is fatal.
import { spawnSync } from 'node:child_process';

const PACKAGES = [
  ['chromium', 'headless browser for the Playwright e2e suite'],
  ['tcpdump', 'reference for compiled filter expressions (-d/-dd/-ddd)'],
  ['libpcap-dev', "libpcap's bpf_filter() for the interpreter's differential tests"],
  ['netsniff-ng', 'bpfc, the reference assembler'],
  ['tshark', 'reference dissector for captures'],
  ['gcc', 'builds the C reference harnesses'],
];

const inCi = process.env.CI === 'true' || process.env.CI === '1';
// dpkg-query's format placeholder is literally ${Status}; built so it is not read as a template.
const STATUS_FORMAT = `-f=\${Status}`;
const installed = (name) =>
  spawnSync('dpkg-query', ['-W', STATUS_FORMAT, name], { encoding: 'utf8' }).stdout?.includes(
    'install ok installed',
  );

const missing = PACKAGES.filter(([name]) => !installed(name));
if (missing.length === 0) {
  console.log('setup: all reference tools present');
  process.exit(0);
}

const names = missing.map(([name]) => name);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`setup: missing Debian packages: ${names.join(' ')}`);
  for (const [name, why] of missing) console.error(`  ${name}: ${why}`);
  console.error(`install them with: sudo apt-get update && sudo apt-get install -y ${names.join(' ')}`);
  process.exit(inCi ? 1 : 0);
}

console.log(`setup: installing ${names.join(' ')} with apt-get`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
if (!run(['update']) || !run(['install', '-y', ...names])) {
  console.error(`setup: apt-get could not install ${names.join(' ')}`);
  process.exit(inCi ? 1 : 0);
}
console.log('setup: done');
