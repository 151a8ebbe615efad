#!/usr/bin/env node
// Test-only: plays the model for the REAL Claude Code CLI (npm @anthropic-ai/claude-code) in
// corpus recordings. A scripted Anthropic Messages API on 127.0.0.1: the CLI, started with
// ANTHROPIC_BASE_URL pointing here, gets tool calls from a script instead of a model, runs
// them for real (its own Edit, Write and Bash tools, its own atomic disk writes, its own
// hooks), and sends the tool results back; the script goes on turn by turn and ends with text.
//
//   node test/corpus/claude-api-server.mjs PORT SCRIPT.json
//
// SCRIPT.json: {"turns": [[{"tool": "Edit", "input": {...}}, ...], ..., "final text"]}. Turn k
// answers the main conversation's request that carries k assistant messages already. Requests
// without tools (the CLI's side questions: titles, topic checks) get a short text answer.
// Every request is appended to SCRIPT.json's folder as api-requests.jsonl (tool names and
// stop reasons only), to check what the CLI asked.
import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const port = Number(process.argv[2]);
const scriptFile = process.argv[3];
if (!Number.isInteger(port) || scriptFile === undefined) {
  console.error('usage: claude-api-server.mjs PORT SCRIPT.json');
  process.exit(2);
}
const log = path.join(path.dirname(scriptFile), 'api-requests.jsonl');
let ids = 0;
const id = (prefix) => `${prefix}_${String(++ids).padStart(6, '0')}corpus`;

/** Server-Sent Events of one assistant message made of `blocks` (text or tool_use). */
function stream(res, model, blocks) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  send('message_start', {
    message: { id: id('msg'), type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } },
  });
  blocks.forEach((block, index) => {
    if (block.type === 'text') {
      send('content_block_start', { index, content_block: { type: 'text', text: '' } });
      send('content_block_delta', { index, delta: { type: 'text_delta', text: block.text } });
    } else {
      send('content_block_start', { index, content_block: { type: 'tool_use', id: id('toolu'), name: block.name, input: {} } });
      const json = JSON.stringify(block.input);
      // Streamed in pieces, as the API does.
      for (let k = 0; k < json.length; k += 40) send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json.slice(k, k + 40) } });
    }
    send('content_block_stop', { index });
  });
  const toolUse = blocks.some((b) => b.type === 'tool_use');
  send('message_delta', { delta: { stop_reason: toolUse ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 20 } });
  send('message_stop', {});
  res.end();
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (req.method !== 'POST' || !req.url.startsWith('/v1/messages')) {
      res.writeHead(req.method === 'HEAD' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.method === 'HEAD' ? undefined : '{}');
      return;
    }
    let request;
    try {
      request = JSON.parse(body);
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    const model = request.model ?? 'claude-corpus';
    const script = JSON.parse(readFileSync(scriptFile, 'utf8'));
    const tools = Array.isArray(request.tools) ? request.tools.map((t) => t.name) : [];
    const turn = (request.messages ?? []).filter((m) => m.role === 'assistant').length;
    const main = tools.includes('Edit') && tools.includes('Bash');
    let blocks;
    if (!main) {
      blocks = [{ type: 'text', text: 'Weather report change' }];
    } else {
      const step = script.turns[Math.min(turn, script.turns.length - 1)];
      blocks = typeof step === 'string' || turn >= script.turns.length ? [{ type: 'text', text: typeof step === 'string' ? step : 'Done.' }] : step.map((c) => ({ type: 'tool_use', name: c.tool, input: c.input }));
    }
    appendFileSync(log, JSON.stringify({ main, turn, tools: tools.length, answer: blocks.map((b) => b.name ?? 'text') }) + '\n');
    if (request.stream === false) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const content = blocks.map((b) => (b.type === 'text' ? { type: 'text', text: b.text } : { type: 'tool_use', id: id('toolu'), name: b.name, input: b.input }));
      res.end(JSON.stringify({ id: id('msg'), type: 'message', role: 'assistant', model, content, stop_reason: blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn', usage: { input_tokens: 10, output_tokens: 20 } }));
      return;
    }
    stream(res, model, blocks);
  });
});
server.listen(port, '127.0.0.1', () => console.log(`claude-api-server on 127.0.0.1:${port}`));
// Stops by itself after an hour at most (a recording never takes that long).
setTimeout(() => server.close(() => process.exit(0)), 60 * 60_000).unref();
