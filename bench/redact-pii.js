// bench/redact-pii.js NPMDIR: the npm package redact-pii as a record filter.
//
// Reads a record stream on standard input and writes it to standard
// output with the text and speaker columns (those anonymize works on) run
// through redact-pii's SyncRedactor with its defaults: it knows no roster
// and no terms, which is how the package is used.  NPMDIR is where
// redact-pii was installed (npm install --prefix NPMDIR redact-pii).
// The whole input is read at once: the evaluation sets are small.
'use strict';
const { SyncRedactor } = require(process.argv[2] + '/node_modules/redact-pii');
const fs = require('fs');

// The record format's four escapes, both ways.
const unesc = s => s.replace(/\\([\\tnr])/g, (m, c) =>
	c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\');
const esc = s => s.replace(/[\\\t\n\r]/g, c =>
	c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\');

const redactor = new SyncRedactor();
const lines = fs.readFileSync(0, 'utf8').split('\n');
if (lines[lines.length - 1] === '') lines.pop();
const head = lines[0].split('\t');
const cols = ['text', 'speaker'].map(c => head.indexOf(c)).filter(i => i >= 0);
if (cols.length === 0) {
	process.stderr.write('redact-pii.js: the stream has neither text nor speaker\n');
	process.exit(2);
}
const out = [lines[0]];
for (let i = 1; i < lines.length; i++) {
	const f = lines[i].split('\t');
	for (const c of cols) if (c < f.length) f[c] = esc(redactor.redact(unesc(f[c])));
	out.push(f.join('\t'));
}
process.stdout.write(out.join('\n') + '\n');
