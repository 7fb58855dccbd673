// Copies what the compiled plugin reads at run time (message bundles) from src/ into lib/.
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
cpSync(`${root}src/messages`, `${root}lib/messages`, { recursive: true });
