// `npm run test:sweep`: runs every reliability suite in full mode (whole corpus, longer fuzzing, larger workspaces).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha = require('mocha');
import { SWEEP_ENV } from './support/mode';

// Set before the suites load: they read it when they declare their sizes. An environment variable
// set here rather than in package.json keeps the script the same on every shell.
process.env[SWEEP_ENV] = 'full';

const mocha = new Mocha({ timeout: 0, reporter: 'spec' });
for (const name of fs.readdirSync(__dirname).sort()) {
  if (name.endsWith('.test.js')) mocha.addFile(path.join(__dirname, name));
}
mocha.run((failures) => {
  process.exitCode = failures > 0 ? 1 : 0;
});
