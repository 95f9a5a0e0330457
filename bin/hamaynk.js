#!/usr/bin/env node
'use strict';
// Launcher: runs the compiled CLI (built by `npm install` through the `prepare` script).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'interfaces', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('hamaynk: not built yet; run "npm install" (or "npm run build") first\n');
  process.exit(1);
}
require(entry).main(process.argv.slice(2));
