// worker_threads entry for the evaluation harness: lints its share of the corpus and posts the outcomes.
import { parentPort, workerData } from 'node:worker_threads';
import { runTasks, type RunOptions, type Task } from './run.js';

const { tasks, options } = workerData as { tasks: Task[]; options: RunOptions };
const timings: Record<string, number> = {};
const outcomes = runTasks(tasks, { ...options, timings });
parentPort?.postMessage({ outcomes, timings });
