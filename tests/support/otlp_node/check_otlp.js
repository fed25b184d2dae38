#!/usr/bin/env node
// Checks OTLP/JSON export requests (one per line of FILE, or the "body" of
// each line of a receiver log with --log) against the official protobuf
// definitions shipped by @opentelemetry/otlp-transformer (the protobufjs
// static module): trace ids must be 32 and span ids 16 hex digits, and every
// value must survive fromObject -> encode -> decode -> toObject unchanged, so
// an unknown key, an enum name or a 64-bit integer sent as a number fails. Prints
// {"requests": N, "spans": N, "names": [...], "traceIds": [...]}; exits 1 naming the first problem.
'use strict';
const fs = require('fs');
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root.js');

const Request = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
const ID_LENGTH = { traceId: 32, spanId: 16, parentSpanId: 16 };

function fail(where, message) {
  console.error(`check_otlp: ${where}: ${message}`);
  process.exit(1);
}

// Hex ids (the OTLP JSON form) to base64 (protobuf JSON's form for bytes), checking their length.
function normalise(value, where) {
  if (Array.isArray(value)) return value.map((v, i) => normalise(v, `${where}[${i}]`));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    if (key in ID_LENGTH && typeof v === 'string') {
      const ok = /^[0-9a-f]*$/.test(v) && (v.length === ID_LENGTH[key] || (key === 'parentSpanId' && v === ''));
      if (!ok) fail(`${where}.${key}`, `expected ${ID_LENGTH[key]} lower-case hex digits, got ${JSON.stringify(v)}`);
      out[key] = Buffer.from(v, 'hex').toString('base64');
    } else {
      out[key] = normalise(v, `${where}.${key}`);
    }
  }
  return out;
}

const isDefault = (v) => v === 0 || v === '' || v === false || v === '0' ||
  (Array.isArray(v) && v.length === 0) || (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

// Every non-default value we sent must come back unchanged from the official
// definitions: an unknown key is dropped, a wrong type (an enum name, a
// 64-bit integer as a number) comes back different.
function compare(sent, back, where) {
  if (Array.isArray(sent)) {
    if (!Array.isArray(back) || back.length !== sent.length) fail(where, 'array changed in the round trip');
    sent.forEach((v, i) => compare(v, back[i], `${where}[${i}]`));
    return;
  }
  if (sent !== null && typeof sent === 'object') {
    for (const [key, v] of Object.entries(sent)) {
      if (isDefault(v)) continue;
      if (back === undefined || back === null || !(key in back)) fail(`${where}.${key}`, 'not a field of the OTLP message (dropped by the official definitions)');
      compare(v, back[key], `${where}.${key}`);
    }
    return;
  }
  if (typeof sent !== typeof back || (typeof sent === 'number' ? Math.abs(sent - back) > 1e-9 * Math.max(1, Math.abs(sent)) : sent !== back))
    fail(where, `sent ${JSON.stringify(sent)}, the official definitions read ${JSON.stringify(back)} (wrong type: enums are integers, 64-bit integers decimal strings)`);
}

const args = process.argv.slice(2);
const log = args[0] === '--log';
const file = log ? args[1] : args[0];
const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
const summary = { requests: 0, spans: 0, names: [], traceIds: [] };
lines.forEach((line, i) => {
  const text = log ? JSON.parse(line).body : line;
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`line ${i + 1}`, `not JSON: ${e.message}`);
  }
  const sent = normalise(json, `line ${i + 1}`);
  let decoded;
  try {
    decoded = Request.decode(Request.encode(Request.fromObject(sent)).finish());
  } catch (e) {
    fail(`line ${i + 1}`, `rejected by the official definitions: ${e.message}`);
  }
  compare(sent, Request.toObject(decoded, { longs: String, enums: Number, bytes: String, arrays: true }), `line ${i + 1}`);
  summary.requests += 1;
  for (const rs of decoded.resourceSpans)
    for (const ss of rs.scopeSpans)
      for (const span of ss.spans) {
        summary.spans += 1;
        summary.names.push(span.name);
        summary.traceIds.push(Buffer.from(span.traceId).toString('hex'));
      }
});
console.log(JSON.stringify(summary));
