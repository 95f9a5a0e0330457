'use strict';
// Lets a child process run the TypeScript sources directly (node -r ./tests/support/ts-register.js file.ts),
// compiled on the fly by @swc/core exactly as jest compiles them. Compiled files are cached on disk
// (keyed by path, size and modification time), so the many processes the tests start compile once.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const cacheDir = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'hamaynk-ts');
try {
  fs.mkdirSync(cacheDir, { recursive: true });
} catch {
  // No cache: compile every time.
}

require.extensions['.ts'] = function compile(module, filename) {
  const stat = fs.statSync(filename);
  const key = crypto.createHash('sha1').update(`${filename}\0${stat.size}\0${stat.mtimeMs}`).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    const source = fs.readFileSync(filename, 'utf8');
    code = transformSync(source, {
      filename,
      sourceMaps: 'inline',
      jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true }, target: 'es2022' },
      module: { type: 'commonjs' },
    }).code;
    try {
      const tmp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, code);
      fs.renameSync(tmp, cached);
    } catch {
      // Cache is best effort.
    }
  }
  module._compile(code, filename);
};
