#!/usr/bin/env node
// bench/subs-peer.js: the npm peers of segment's WebVTT and SubRip readers,
// for bench/segment-readers.sh.
//   node bench/subs-peer.js NPMDIR vtt|srt FILE
// vtt: webvtt-parser (the W3C validator's parser: the spec's algorithm,
// cue text parsed into a tree), each cue's voice and text taken from the
// tree; srt: srt-parser-2.  Writes start, end, speaker and text of every
// cue as TSV: no turns are made.  The file is read whole, as both
// packages want a string.
'use strict';
const fs = require('fs');
const path = require('path');
const [dir, kind, file] = process.argv.slice(2);
if (!dir || !file || (kind !== 'vtt' && kind !== 'srt')) {
	console.error('usage: node bench/subs-peer.js NPMDIR vtt|srt FILE');
	process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
const out = [];
const flat = n => n.type === 'text' ? n.value : (n.children || []).map(flat).join('');
if (kind === 'vtt') {
	const { WebVTTParser } = require(path.join(dir, 'node_modules/webvtt-parser'));
	const t = new WebVTTParser().parse(text);
	for (const c of t.cues) {
		const k = c.tree.children;
		const v = k.length && k[0].type === 'object' && k[0].name === 'v' ? k[0].value : '';
		out.push(`${c.startTime}\t${c.endTime}\t${v}\t${flat(c.tree)}`);
	}
} else {
	const P = require(path.join(dir, 'node_modules/srt-parser-2')).default;
	for (const c of new P().fromSrt(text))
		out.push(`${c.startSeconds}\t${c.endSeconds}\t\t${c.text}`);
}
process.stdout.write(out.join('\n') + '\n');
