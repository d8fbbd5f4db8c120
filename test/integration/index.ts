// Runs inside the extension host: loads every compiled suite/*.test.js into mocha and reports with the spec reporter ("N passing").
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // AGENT_RISK_TEST_GREP narrows the run while working on one behaviour.
  const grep = process.env['AGENT_RISK_TEST_GREP'];
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 60_000,
    slow: 5_000,
    ...(grep ? { grep } : {}),
  });
  const suite = path.join(__dirname, 'suite');
  for (const file of fs
    .readdirSync(suite)
    .filter((name) => name.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(suite, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0
        ? reject(new Error(`${failures} integration ${failures === 1 ? 'test' : 'tests'} failed.`))
        : resolve(),
    );
  });
}
