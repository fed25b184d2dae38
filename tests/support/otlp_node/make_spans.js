#!/usr/bin/env node
// Produces OTLP/JSON as a production app instrumented with the official
// OpenTelemetry JS SDK would export it (sdk-trace-base spans, serialized by
// otlp-transformer's JsonTraceSerializer), one export request per line, the
// way the Collector's file exporter writes it.
// Usage: make_spans.js REQUESTS SPANS_PER_REQUEST [--prompt NAME@VERSION] [--no-content EVERY]
// Span i is a `chat` span whose user message is "question i" (and, with
// --prompt, gen_ai.prompt.name/version); every EVERY-th span carries no content;
// each request also holds one non-GenAI span (an HTTP server span).
'use strict';
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { JsonTraceSerializer } = require('@opentelemetry/otlp-transformer');

const args = process.argv.slice(2);
const requests = Number(args[0] || 1);
const perRequest = Number(args[1] || 10);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const prompt = flag('--prompt');
const noContentEvery = Number(flag('--no-content') || 0);

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'support-bot' }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
const tracer = provider.getTracer('support-bot', '1.0.0');
const base = Date.UTC(2026, 10, 20, 9, 0, 0);
let n = 0;
const out = [];
for (let r = 0; r < requests; r += 1) {
  exporter.reset();
  const http = tracer.startSpan('POST /answer', { kind: 1, startTime: new Date(base + n * 1000) });
  http.setAttribute('http.request.method', 'POST');
  http.end(new Date(base + n * 1000 + 900));
  for (let s = 0; s < perRequest; s += 1, n += 1) {
    const span = tracer.startSpan('chat gpt-4o-mini', { kind: 2, startTime: new Date(base + n * 1000) });
    span.setAttribute('gen_ai.operation.name', 'chat');
    span.setAttribute('gen_ai.provider.name', 'openai');
    span.setAttribute('gen_ai.request.model', 'gpt-4o-mini');
    span.setAttribute('gen_ai.usage.input_tokens', 12);
    if (prompt) {
      const [name, version] = prompt.split('@');
      span.setAttribute('gen_ai.prompt.name', name);
      if (version) span.setAttribute('gen_ai.prompt.version', version);
    }
    if (!(noContentEvery > 0 && (n + 1) % noContentEvery === 0)) {
      span.setAttribute('gen_ai.input.messages', JSON.stringify([
        { role: 'system', parts: [{ type: 'text', content: 'You answer support questions.' }] },
        { role: 'user', parts: [{ type: 'text', content: `question ${n + 1}` }] },
      ]));
    }
    span.end(new Date(base + n * 1000 + 500));
  }
  out.push(Buffer.from(JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans())).toString('utf8'));
}
process.stdout.write(out.join('\n') + '\n');
