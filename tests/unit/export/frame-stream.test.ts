/**
 * FrameStream against a stand-in for Playwright's CDP session: frames are handed to whoever
 * asked first, a frame nobody asked for makes the stream untrusted, and no frame times out.
 */
import { EventEmitter } from 'node:events';
import type { CDPSession } from 'playwright';
import { describe, expect, it } from 'vitest';
import { FrameStream } from '../../../src/export/snapshots/frame-stream.ts';

/** A CDP session whose screencast frames the test sends; records the commands and acknowledgements. */
class FakeSession extends EventEmitter {
  readonly sent: string[] = [];
  readonly acked: number[] = [];
  private nextId = 1;
  constructor(private readonly firstFrame = true) {
    super();
  }
  async send(method: string, params?: { sessionId?: number }): Promise<unknown> {
    this.sent.push(method);
    if (method === 'Page.screencastFrameAck') this.acked.push(params!.sessionId!);
    if (method === 'Page.startScreencast' && this.firstFrame) setTimeout(() => this.frame('initial'), 1);
    return {};
  }
  frame(text: string): void {
    this.emit('Page.screencastFrame', { data: Buffer.from(text).toString('base64'), sessionId: this.nextId++ });
  }
}

const start = (session: FakeSession, timeoutMs = 500) => FrameStream.start(session as unknown as CDPSession, timeoutMs);

describe('FrameStream', () => {
  it('waits for the first frame, then gives each caller the next frame and acknowledges every one', async () => {
    const session = new FakeSession();
    const stream = (await start(session))!;
    expect(stream).toBeDefined();
    const one = stream.next(500);
    session.frame('one');
    expect((await one)?.toString()).toBe('one');
    const two = stream.next(500);
    setTimeout(() => session.frame('two'), 5);
    expect((await two)?.toString()).toBe('two');
    expect(stream.accounted).toBe(true);
    expect(await stream.settle(20)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(session.acked).toEqual([1, 2, 3]);
    await stream.stop();
    expect(session.sent).toContain('Page.stopScreencast');
  });

  it('is not trusted after a frame nobody asked for, seen at once or while settling', async () => {
    const session = new FakeSession();
    const stream = (await start(session))!;
    const one = stream.next(500);
    session.frame('stray, taken for one');
    await one;
    expect(stream.accounted).toBe(true);
    session.frame('one, late');
    expect(stream.accounted).toBe(false);
    expect(await stream.settle(10)).toBe(false);

    const drawing = new FakeSession();
    const later = (await start(drawing))!;
    const two = later.next(500);
    drawing.frame('two');
    await two;
    const settling = later.settle(30);
    setTimeout(() => drawing.frame('drawn on its own'), 5);
    expect(await settling).toBe(false);
  });

  it('counts from a quiet stream: the page sent twice as the stream starts is not taken for the first change', async () => {
    const session = new FakeSession();
    // The page as it is, sent again 15 ms later (as Chromium did in one seed run of sixteen).
    const origSend = session.send.bind(session);
    session.send = async (method: string, params?: { sessionId?: number }) => {
      if (method === 'Page.startScreencast') setTimeout(() => session.frame('initial, again'), 15);
      return origSend(method, params);
    };
    const stream = (await start(session))!;
    const one = stream.next(500);
    // The change takes a while to draw: a late copy of the page would come first.
    setTimeout(() => session.frame('one'), 30);
    expect((await one)?.toString()).toBe('one');
    expect(await stream.settle(30)).toBe(true);
    await stream.stop();
  });

  it('answers undefined when no frame comes in time, and does not start without a first frame', async () => {
    const session = new FakeSession();
    const stream = (await start(session))!;
    expect(await stream.next(10)).toBeUndefined();
    expect(await stream.settle(1)).toBe(false);

    const silent = new FakeSession(false);
    expect(await start(silent, 20)).toBeUndefined();
    expect(silent.sent).toContain('Page.stopScreencast');
  });
});
