#!/usr/bin/env node
// Development launcher: same as run.js, with oclif's development mode (source maps, debug output).
import { execute } from '@oclif/core';

await execute({ development: true, dir: import.meta.url });
