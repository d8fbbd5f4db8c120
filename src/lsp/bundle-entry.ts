// The bundled server (dist/server.js) that the VS Code extension starts: the language server on stdio in the main
// thread, and the workspace scan's worker when started as a worker thread, so the engine and parser ship once.
import { isMainThread } from 'node:worker_threads';
import { run } from './main';
// Imported for its effect: in a worker thread started with scan data, this module runs the scan.
import './scan-worker';

if (isMainThread) run(['--stdio'], __filename);
