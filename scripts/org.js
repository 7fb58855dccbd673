#!/usr/bin/env node
// `npm run org -- --port <n> --data <dir> --seed <empty|demo>`: starts the local org (see src/org/cli.ts).
import { fileURLToPath } from 'node:url';
import { main } from '../lib/org/cli.js';

await main(process.argv.slice(2), fileURLToPath(new URL('..', import.meta.url)));
