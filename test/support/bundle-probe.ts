// Entry of a test bundle (test/checks/server-bundle.test.ts): parses and lints one file from inside a bundle and
// prints whether the tree's locations are the lazy ones, and the findings, as JSON.
import * as fs from 'node:fs';
import { loadConfigFor } from '../../src/config/index';
import { parseText } from '../../src/engine/parse';
import { FileLinter } from '../../src/scan/file-linter';

const file = process.argv[2] ?? '';
const text = fs.readFileSync(file, 'utf8');
const { ast } = parseText(text, file);
const loc = ast?.body[0]?.loc;
// The eager converter gives each location its own `start`; the lazy one computes it in a getter of its class.
const lazy = loc !== undefined && Object.getOwnPropertyDescriptor(loc, 'start') === undefined;
// As the editor lints it: its folder's configuration, other files read through the scan's reader.
const { config } = loadConfigFor(file);
const linter = new FileLinter({ configs: [config], recordDependencies: false });
const result = linter.lintText({ index: 0, file, group: 0 }, text, config).result;
const findings = (result?.findings ?? []).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId}`);
process.stdout.write(JSON.stringify({ lazy, line: loc?.start.line, findings }));
