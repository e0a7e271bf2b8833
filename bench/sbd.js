// bench/sbd.js NPMDIR: the sentence-splitting peer of `segment -u sentence`.
//
// Reads a record stream (as segment writes it) on standard input, splits
// the text field of each record into sentences with the npm package sbd
// (default options), and writes one sentence a line to standard output.
// The number of records and sentences goes to standard error, so that the
// bench can set it beside segment's count.  The whole input is read at
// once: the bench gives it a slice of a few tens of megabytes.
'use strict';
const sbd = require(process.argv[2] + '/node_modules/sbd');
const fs = require('fs');

// Undo the record format's four escapes; segment writes few of them.
function unescape(s) {
	if (s.indexOf('\\') < 0) return s;
	return s.replace(/\\([\\tnr])/g, (m, c) =>
		c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\');
}

const lines = fs.readFileSync(0, 'utf8').split('\n');
const col = lines[0].split('\t').indexOf('text');
if (col < 0) {
	process.stderr.write('sbd.js: the stream has no column text\n');
	process.exit(2);
}
let recs = 0, sents = 0, out = [];
for (let i = 1; i < lines.length; i++) {
	if (lines[i] === '') continue;
	const s = sbd.sentences(unescape(lines[i].split('\t')[col]));
	recs++;
	sents += s.length;
	for (const x of s) out.push(x.replace(/\n/g, ' '));
	if (out.length >= 4096) {
		fs.writeSync(1, out.join('\n') + '\n');
		out = [];
	}
}
if (out.length) fs.writeSync(1, out.join('\n') + '\n');
process.stderr.write(`sbd.js: ${recs} records, ${sents} sentences\n`);
