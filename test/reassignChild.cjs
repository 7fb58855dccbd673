// A reassignment run in its own process, for the SIGKILL tests (test/salesforce/reassign/kill.test.ts):
// prints one line per progress event. Runs the built engine in lib/ (`npm run build` first).
// Usage: node test/reassignChild.cjs <instanceUrl> <accessToken> <handoverId>
const jsforce = require('jsforce');

/** For journal_written: how many statuses still wait for the journal's next write. */
const waiting = (event) => (event.type === 'journal_written' ? ` waiting ${event.waiting}` : '');

async function main() {
  const [instanceUrl, accessToken, handoverId] = process.argv.slice(2);
  const { reassignHandover } = await import('../lib/salesforce/reassign/index.js');
  const conn = new jsforce.Connection({ instanceUrl, accessToken, version: '62.0' });
  await reassignHandover(conn, handoverId, {
    policy: { mode: 'collections', batchSize: 10, concurrency: 2 },
    leaseMs: 1_500,
    leaseSettleMs: 20,
    followUps: false,
    onProgress: (_state, event) =>
      process.stdout.write(`${event.type} ${event.phase ?? event.objectType ?? event.stage ?? ''}${waiting(event)}\n`),
  });
  process.stdout.write('finished\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
