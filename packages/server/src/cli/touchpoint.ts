#!/usr/bin/env node
// The installed `touchpoint` command (the published package.json's `bin`): the compiled CLI on plain Node, with no
// TypeScript loader and no source condition. In a clone, bin/touchpoint.js runs the TypeScript source instead.
import './run';
