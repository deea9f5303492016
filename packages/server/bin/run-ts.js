#!/usr/bin/env node
// Runs a TypeScript file of this package (e.g. the benchmark) the way bin/touchpoint.js runs the CLI.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import './register.js';

const [file] = process.argv.splice(2, 1);
if (file === undefined) {
  console.error('[touchpoint] usage: run-ts.js FILE.ts [args…]');
  process.exit(2);
}
await import(pathToFileURL(resolve(file)).href);
