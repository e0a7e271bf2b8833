#!/usr/bin/env node
// vtt-conformance.js: segment's WebVTT parser against two public suites,
// which are not part of qualpipe (fetch them yourself):
//   w3c/webvtt.js   test/wpt-file-parsing/*.vtt with *.js assertions
//                   (web-platform-tests' file parsing cases) and
//                   test/wpt-cue-parsing/entities.{vtt,json} (character
//                   references);
//   mozilla/vtt.js  tests/**/X.vtt with X.json (the parse cases).
// A case counts as equal when the cue lists agree in id, start, end and
// text (the raw cue text; for the references, the decoded text with
// white space normalised, as segment writes it).  Settings, regions and
// style sheets are not compared: segment does not keep them.
//
//   node bench/vtt-conformance.js WEBVTTJS MOZVTTJS [VTTCUES]
// VTTCUES defaults to build/rel/tests/tools/vttcues.  -v lists failures.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const args = process.argv.slice(2).filter(a => a !== '-v');
const verbose = process.argv.includes('-v');
const [wjs, moz, tool = 'build/rel/tests/tools/vttcues'] = args;
if (!wjs || !moz) {
	console.error('usage: node bench/vtt-conformance.js [-v] WEBVTTJS MOZVTTJS [VTTCUES]');
	process.exit(2);
}

function unescape(s) {
	return s.replace(/\\(.)/g, (m, c) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? m);
}

// Our cues: [{id, startTime, endTime, text}], refused: the tool said 2.
// NUL bytes are an error to qualpipe unless --replace-invalid makes them
// U+FFFD, as the spec does: the NUL case is run with it.
function ours(file, text) {
	const opt = (text ? ['--text'] : []).concat(/nulls\.vtt$/.test(file) ? ['--replace-invalid'] : []);
	const r = spawnSync(tool, opt.concat([file]), { encoding: 'utf8' });
	const cues = r.stdout.split('\n').filter(l => l).map(l => {
		const f = l.split('\t');
		return { id: unescape(f[1]), startTime: +f[2] / 1000, endTime: +f[3] / 1000,
			text: unescape(f.slice(4).join('\t')) };
	});
	return { cues, refused: r.status !== 0, stderr: r.stderr };
}

const report = (name, ok, why) => { if (!ok && verbose) console.log('  differs:', name, why || ''); };

// ---- webvtt.js file parsing: evaluate its assertions on our cues ----
// what is not compared: any property of it is itself
const SKIP = new Proxy(function () {}, { get: (t, k) => k === Symbol.toPrimitive ? () => 0 : SKIP });
const KEEP = new Set(['id', 'startTime', 'endTime', 'text']);
function wrap(cues) {
	const cue = c => new Proxy(c, { get: (t, k) => KEEP.has(k) ? t[k] : SKIP });
	return new Proxy(cues.map(cue), {
		get: (t, k) => t[k],
	});
}
let fileOk = 0, fileN = 0;
const fdir = path.join(wjs, 'test/wpt-file-parsing');
for (const f of fs.readdirSync(fdir).filter(f => f.endsWith('.vtt')).sort()) {
	fileN++;
	const js = fs.readFileSync(path.join(fdir, f.replace(/\.vtt$/, '.js')), 'utf8');
	const r = ours(path.join(fdir, f));
	let fails = [];
	const assert_equals = (a, b, m) => {
		if (a === SKIP || b === SKIP) return;
		if (!(a === b || (Number.isNaN(a) && Number.isNaN(b))))
			fails.push(`${JSON.stringify(a)} != ${JSON.stringify(b)} ${m || ''}`);
	};
	const assert_not_equals = (a, b, m) => {
		if (a !== SKIP && b !== SKIP && a === b) fails.push(`${a} == ${b} ${m || ''}`);
	};
	const assert_true = a => { if (a !== SKIP && a !== true) fails.push('not true'); };
	const assert_false = a => { if (a !== SKIP && a !== false) fails.push('not false'); };
	try {
		const cues = wrap(r.cues), regions = SKIP;
		eval(js);
	} catch (e) {
		fails.push(String(e));
	}
	const ok = fails.length === 0;
	fileOk += ok;
	report(`webvtt.js ${f}${r.refused ? ' (refused)' : ''}`, ok, fails.slice(0, 3).join('; '));
}

// ---- webvtt.js character references ----
let refOk = 0, refN = 0;
{
	const d = path.join(wjs, 'test/wpt-cue-parsing');
	const exp = JSON.parse(fs.readFileSync(path.join(d, 'entities.json'), 'utf8'));
	const r = ours(path.join(d, 'entities.vtt'), true);
	const norm = s => s.replace(/[ \t\n\f\r]+/g, ' ').trim();
	exp.forEach((c, i) => {
		refN++;
		const want = norm(c.expectedTree.split('\n').filter(l => /^\| "/.test(l))
			.map(l => l.slice(3, -1)).join(''));
		const got = r.cues[i] ? norm(r.cues[i].text) : undefined;
		const ok = got === want;
		refOk += ok;
		report(`entities ${JSON.stringify(c.text)}`, ok, `${JSON.stringify(got)} != ${JSON.stringify(want)}`);
	});
}

// ---- mozilla/vtt.js parse cases ----
let mozOk = 0, mozN = 0;
function walk(d) {
	for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
		const p = path.join(d, e.name);
		if (e.isDirectory()) {
			walk(p);
			continue;
		}
		if (!e.name.endsWith('.vtt') || !fs.existsSync(p.replace(/\.vtt$/, '.json')))
			continue;
		mozN++;
		const want = (JSON.parse(fs.readFileSync(p.replace(/\.vtt$/, '.json'), 'utf8')).cues || [])
			.map(c => [c.id, c.startTime, c.endTime, c.text]);
		const r = ours(p);
		const got = r.cues.map(c => [c.id, c.startTime, c.endTime, c.text]);
		const ok = JSON.stringify(got) === JSON.stringify(want);
		mozOk += ok;
		report(`vtt.js ${path.relative(moz, p)}${r.refused ? ' (refused)' : ''}`, ok,
			`${JSON.stringify(got).slice(0, 160)} != ${JSON.stringify(want).slice(0, 160)}`);
	}
}
walk(path.join(moz, 'tests'));

console.log(`webvtt.js file parsing: ${fileOk}/${fileN}`);
console.log(`mozilla/vtt.js parse cases: ${mozOk}/${mozN}`);
console.log(`character references: ${refOk}/${refN}`);
