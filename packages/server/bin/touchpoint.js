#!/usr/bin/env node
// The `touchpoint` command. See src/cli/main.ts for the commands and README.md for the exit codes.
import './register.js';

await import('../src/cli/run.ts');
