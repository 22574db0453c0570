#!/usr/bin/env node
/*
 * Read a GEXF file with graphology-gexf and print what graphology made of it.
 *
 * Usage: node gexf_graphology.js FILE.gexf
 * (after `npm ci --prefix tests/clients`)
 *
 * Calls parse(Graph, xml) from graphology-gexf with its default options and
 * prints one JSON document on stdout:
 *   {"type": graph.type, "multi": graph.multi,
 *    "attributes": {<graph attributes: the <meta> children, lastModifiedDate>},
 *    "nodes": [{"key", "attributes"}],
 *    "edges": [{"key", "source", "target", "undirected", "attributes"}]}
 * in graphology's iteration order (the file's order).
 *
 * JavaScript has one number type, so integer-valued numbers print without a
 * fraction (51.0 prints as 51). Non-finite numbers, which JSON cannot hold,
 * print as the strings "NaN", "Infinity" and "-Infinity" (JSON.stringify
 * would silently turn them into null).
 *
 * Exit 0 when graphology read the file. Exit 1 with a message on stderr when
 * parse() threw or when the XML parser (@xmldom/xmldom) reported an error
 * (it otherwise recovers from some malformed XML silently); xmldom warnings
 * are copied to stderr without failing.
 */
'use strict';

const fs = require('fs');
const Graph = require('graphology');
const {parse} = require('graphology-gexf');

function plain(value) {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  if (value === undefined) return null;
  return value;
}

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write('usage: node gexf_graphology.js FILE.gexf\n');
    return 2;
  }
  const path = argv[0];
  let xml;
  try {
    xml = fs.readFileSync(path, 'utf8');
  } catch (err) {
    process.stderr.write(`gexf_graphology: cannot read ${path}: ${err.message}\n`);
    return 1;
  }

  // xmldom reports recoverable problems through console.warn / console.error.
  const messages = [];
  const saved = {warn: console.warn, error: console.error};
  console.warn = (...args) => messages.push(['warning', args.join(' ')]);
  console.error = (...args) => messages.push(['error', args.join(' ')]);
  let graph;
  try {
    graph = parse(Graph, xml);
  } catch (err) {
    console.warn = saved.warn;
    console.error = saved.error;
    for (const [, m] of messages) process.stderr.write(`${m}\n`);
    process.stderr.write(`gexf_graphology: parse failed: ${err && err.message}\n`);
    return 1;
  }
  console.warn = saved.warn;
  console.error = saved.error;
  for (const [, m] of messages) process.stderr.write(`${m}\n`);
  if (messages.some(([level]) => level === 'error')) {
    process.stderr.write('gexf_graphology: the XML parser reported errors\n');
    return 1;
  }

  const out = {
    type: graph.type,
    multi: graph.multi,
    attributes: plain(graph.getAttributes()),
    nodes: graph.mapNodes((key, attributes) => ({key, attributes: plain(attributes)})),
    edges: graph.mapEdges((key, attributes, source, target, _sa, _ta, undirected) => ({
      key,
      source,
      target,
      undirected,
      attributes: plain(attributes),
    })),
  };
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
