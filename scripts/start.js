#!/usr/bin/env node
// `npm start`: the local org with the demo data, until the app host exists (see README, "Quick start").
// Takes the options of `npm run org`; `--seed` defaults to demo.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(new URL('../lib/org/cli.js', import.meta.url))) {
  console.error('The project is not built: run npm run build, then npm start.');
  process.exit(1);
}
console.log('The app host is a later step: npm start serves the local org with the demo data meanwhile.');
const args = process.argv.slice(2);
const seeded = args.some((a) => a === '--seed' || a.startsWith('--seed='));
const { main } = await import('../lib/org/cli.js');
await main(seeded ? args : ['--seed', 'demo', ...args], root);
