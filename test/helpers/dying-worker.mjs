// A stand-in lint worker for test/workers.test.ts: it takes its first chunk and then dies the way
// WORKER_DEATH says: "exit" (process.exit in the thread, as an out-of-memory kill would end it)
// or "throw" (an uncaught error). It never answers, so the pool must notice by itself.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {
  if (process.env.WORKER_DEATH === 'throw') throw new Error('the worker broke');
  process.exit(7);
});
