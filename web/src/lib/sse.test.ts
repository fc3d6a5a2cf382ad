import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
  it('reads named events with JSON data, ignoring keep-alive comments', () => {
    const p = new SseParser();
    const events = p.feed('retry:2000\nevent:snapshot\ndata:{"a":1}\n\n:keep-alive\n\nevent:solve\ndata:{"b":2}\n\n');
    expect(events).toEqual([
      { event: 'snapshot', data: '{"a":1}', id: undefined },
      { event: 'solve', data: '{"b":2}', id: undefined },
    ]);
    expect(p.retryMs).toBe(2000);
  });

  it('completes an event split anywhere across chunks, including inside a CRLF', () => {
    const text = 'event: join\r\ndata: {"nickname":"Zoé"}\r\n\r\nevent: solve\r\ndata: x\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const p = new SseParser();
      const events = [...p.feed(text.slice(0, cut)), ...p.feed(text.slice(cut))];
      expect(events.map((e) => `${e.event}=${e.data}`), `cut at ${cut}`).toEqual(['join={"nickname":"Zoé"}', 'solve=x']);
    }
  });

  it('joins multi-line data, defaults the event name and keeps the last id', () => {
    const p = new SseParser();
    expect(p.feed('id: 7\ndata: one\ndata: two\n\n')).toEqual([{ event: 'message', data: 'one\ntwo', id: '7' }]);
    expect(p.feed('event: x\n\n')).toEqual([]);
    expect(p.feed('data\n\n')).toEqual([{ event: 'message', data: '', id: '7' }]);
  });
});
