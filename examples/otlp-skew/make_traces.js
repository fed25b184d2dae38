#!/usr/bin/env node
// Writes collector/traces.jsonl: what an OpenTelemetry Collector's file
// exporter (format: json) wrote for a production support bot instrumented
// with the official OpenTelemetry JS SDK. The questions are those of
// ../skew-drift/logs/prod-shifted.jsonl, every other one (after a launch in Japan); every
// 25th call was made with content capture off. Deterministic ids and times;
// needs the test checkers (npm ci --prefix ../../tests/support/otlp_node).
'use strict';
const fs = require('fs');
const path = require('path');
const modules = path.join(__dirname, '../../tests/support/otlp_node/node_modules');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require(`${modules}/@opentelemetry/sdk-trace-base`);
const { resourceFromAttributes } = require(`${modules}/@opentelemetry/resources`);
const { JsonTraceSerializer } = require(`${modules}/@opentelemetry/otlp-transformer`);

let seed = 42;
const hex = (n) => Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) % 2147483648) % 16).toString(16)).join('');
const idGenerator = { generateTraceId: () => hex(32), generateSpanId: () => hex(16) };

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'support-bot', 'deployment.environment': 'prod' }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
  idGenerator,
});
const tracer = provider.getTracer('support-bot', '2.4.0');
const rows = fs.readFileSync(path.join(__dirname, '../skew-drift/logs/prod-shifted.jsonl'), 'utf8').trim().split('\n')
  .map(JSON.parse).filter((_, i) => i % 2 === 0);  // 200 calls
const lines = [];
rows.forEach((row, i) => {
  const start = new Date(row.timestamp);
  const http = tracer.startSpan('POST /v1/answer', { kind: 1, startTime: start });
  http.setAttribute('http.request.method', 'POST');
  const chat = tracer.startSpan('chat gpt-4o-mini', { kind: 2, startTime: new Date(start.getTime() + 5) });
  chat.setAttributes({
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.prompt.name': 'support-answer',
    'gen_ai.prompt.version': '3',
    'gen_ai.usage.input_tokens': 80 + (i % 40),
    'gen_ai.usage.output_tokens': 40 + (i % 25),
  });
  if ((i + 1) % 25 !== 0) {
    chat.setAttribute('gen_ai.input.messages', JSON.stringify([
      { role: 'system', parts: [{ type: 'text', content: `You answer support questions for a ${row.tier} customer.` }] },
      { role: 'user', parts: [{ type: 'text', content: row.question }] },
    ]));
  }
  chat.end(new Date(start.getTime() + 700));
  http.end(new Date(start.getTime() + 720));
  if ((i + 1) % 20 === 0 || i === rows.length - 1) {
    lines.push(Buffer.from(JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans())).toString('utf8'));
    exporter.reset();
  }
});
fs.writeFileSync(path.join(__dirname, 'collector/traces.jsonl'), lines.join('\n') + '\n');
