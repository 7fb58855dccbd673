#!/usr/bin/env node
// `npm run bench -- <scenario> [--json]`: the project's benchmarks (see src/bench/cli.ts).
import { fileURLToPath } from 'node:url';
import { main } from '../lib/bench/cli.js';

await main(process.argv.slice(2), fileURLToPath(new URL('..', import.meta.url)));
