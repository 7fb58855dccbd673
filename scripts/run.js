#!/usr/bin/env node
// Runs the compiled plugin as its own CLI: `node scripts/run.js handover doctor --json`.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
