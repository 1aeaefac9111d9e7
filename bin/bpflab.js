#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// `npx bpflab`: runs the TypeScript CLI through tsx's loader, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

// A reader that stops early (`bpflab dissect big.pcap | head`) closes the pipe: that ends the
// output, as it does for any Unix filter, rather than crashing with an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
