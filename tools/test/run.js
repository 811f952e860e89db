#!/usr/bin/env node
// `npm test`: builds the services (the end-to-end and disruptive specs run the built ones), runs unit,
// integration and end-to-end specs, then the disruptive specs alone (they stop PostgreSQL and RabbitMQ),
// then the log check (no PIN, secret or token in any log line the run wrote; the services' loggers copy
// their lines under LOG_CAPTURE_DIR), and prints one closing line: `tests: N passed, N failed`.
// `npm test -- <jest args>` runs jest with those arguments instead (e.g. `-- --selectProjects unit`).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const out = path.join(root, 'tmp');
const captureDir = path.join(out, 'log-capture');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', LOG_CAPTURE_DIR: captureDir };

function run(command, args) {
  return spawnSync(command, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;
}

// The worker processes may keep a broker heartbeat timer alive for a moment after the last test;
// --forceExit keeps CI from waiting on it.
const jest = (args) => run('npx', ['jest', '--forceExit', ...args]);

const passThrough = process.argv.slice(2);
if (passThrough.length > 0) process.exit(jest(passThrough));

if (run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static']) !== 0) process.exit(1);
fs.mkdirSync(out, { recursive: true });
fs.rmSync(captureDir, { recursive: true, force: true });
fs.mkdirSync(captureDir, { recursive: true });
const groups = [
  { name: 'main', args: ['--selectProjects', 'unit', 'integration', 'e2e', '--maxWorkers=2'] },
  { name: 'disruptive', args: ['--selectProjects', 'disruptive', '--runInBand'] },
  { name: 'logcheck', args: ['--selectProjects', 'logcheck', '--runInBand'] },
];
let passed = 0;
let failed = 0;
let broken = false;
for (const group of groups) {
  const report = path.join(out, `jest-${group.name}.json`);
  fs.rmSync(report, { force: true });
  const status = jest([...group.args, '--json', `--outputFile=${report}`]);
  if (!fs.existsSync(report)) {
    broken = true;
    continue;
  }
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  if (status !== 0 && result.numFailedTests === 0) broken = true; // a suite failed to run
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || broken ? 1 : 0);
