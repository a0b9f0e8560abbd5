import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express, { type Response } from 'express';
import request from 'supertest';
import { sendJson } from '../../src/http/send-json.js';

const body = { value: [{ id: 'é', n: 1, nested: { on: true } }], text: 'ünïcode ✓' };

/** The same route answered by express's res.json and by sendJson; `etag` as the session poll sets one. */
function app(answer: (res: Response) => void) {
  return express()
    .set('etag', false)
    .get('/thing', (_req, res) => answer(res))
    .get('/tagged', (_req, res) => {
      res.set('ETag', '"4"');
      answer(res);
    });
}
const viaExpress = app((res) => res.json(body));
const viaSendJson = app((res) => sendJson(res, body));

const answer = async (target: express.Express, method: 'get' | 'head', path: string, headers: Record<string, string> = {}) => {
  const response = await request(target)[method](path).set(headers);
  const { date: _date, ...rest } = response.headers as Record<string, string>;
  return { status: response.status, headers: rest, text: response.text };
};

describe('sendJson answers as res.json does', () => {
  const cases: Array<[string, 'get' | 'head', string, Record<string, string>]> = [
    ['GET', 'get', '/thing', {}],
    ['HEAD', 'head', '/thing', {}],
    ['If-None-Match: * (express: fresh, 304)', 'get', '/thing', { 'if-none-match': '*' }],
    ['If-None-Match listing the current ETag', 'get', '/tagged', { 'if-none-match': '"3", "4"' }],
    ['If-None-Match of another version', 'get', '/tagged', { 'if-none-match': '"3"' }],
    ['If-Modified-Since without Last-Modified', 'get', '/thing', { 'if-modified-since': new Date().toUTCString() }],
  ];
  for (const [name, method, path, headers] of cases) {
    it(name, async () => {
      assert.deepEqual(await answer(viaSendJson, method, path, headers), await answer(viaExpress, method, path, headers));
    });
  }
});
