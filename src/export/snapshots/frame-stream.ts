/**
 * The frames Chromium draws for a page, as PNGs (CDP's screencast), for photographing a still
 * page faster than one screenshot call per slide.
 *
 * Why: `Page.captureScreenshot` forces a frame of its own and waits for it, about 10 ms a call
 * on this project's machine even for an unchanged 16-pixel clip; showing the next slide makes
 * a frame anyway, and the screencast hands over that one (measured at 200 slides, one page:
 * 17-18 ms a slide against 25-27 ms, the same pixels and the same bytes). Its frames are at the
 * window's size in CSS pixels, so this is only for images at scale 1.
 *
 * A frame carries nothing that says which slide it shows, so the stream is trusted only while
 * every frame can be accounted for: one frame when the stream starts, then one per change the
 * caller makes, each change committed on its own (the caller waits for the page's next
 * animation frame before making the next one). A frame that nobody asked for (an animated
 * image, a video, a script drawing) means an earlier frame may have been taken for the wrong
 * slide: `settle()` reports it, and the caller photographs those slides again the slow way.
 */
import type { CDPSession } from 'playwright';

interface ScreencastFrame {
  data: string;
  sessionId: number;
}

/** How long the stream must stay without frames (three times over) before counting starts. */
const START_QUIET_MS = 20;

export class FrameStream {
  private received = 0;
  private expected = 0;
  private waiter: ((frame: Buffer) => void) | undefined;
  private readonly onFrame = (frame: ScreencastFrame) => {
    this.received++;
    // Acknowledged at once: unacknowledged frames make Chromium skip the next ones.
    this.cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(Buffer.from(frame.data, 'base64'));
  };

  private constructor(private readonly cdp: CDPSession) {}

  /** Starts the screencast and waits for its first frame (the page as it is); undefined if none comes within `timeoutMs`. */
  static async start(cdp: CDPSession, timeoutMs: number): Promise<FrameStream | undefined> {
    const stream = new FrameStream(cdp);
    cdp.on('Page.screencastFrame', stream.onFrame);
    const first = stream.next(timeoutMs);
    await cdp.send('Page.startScreencast', { format: 'png' });
    if ((await first) === undefined) {
      await stream.stop();
      return undefined;
    }
    // Chromium may send the page as it is more than once as the stream starts: taken for the
    // first slide's frame, such a frame puts every later frame one slide behind (measured: one
    // run in sixteen of the seed deck). Wait until the stream is quiet, then count from there.
    for (let quiet = 0; quiet < 3; ) {
      const before = stream.received;
      await new Promise((resolve) => setTimeout(resolve, START_QUIET_MS));
      quiet = stream.received === before ? quiet + 1 : 0;
    }
    stream.expected = stream.received;
    return stream;
  }

  /**
   * The first frame to arrive after this call (call it before making the change the frame is
   * for); undefined after `timeoutMs` without one. Every call counts as a frame asked for.
   */
  next(timeoutMs: number): Promise<Buffer | undefined> {
    this.expected++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.waiter = (frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
    });
  }

  /** No frame so far that nobody asked for. */
  get accounted(): boolean {
    return this.received <= this.expected;
  }

  /**
   * Whether every frame was one asked for, after `quietMs` more: if the last frame taken was a
   * stray, the last change's own frame is still on its way (a frame or two behind), and shows it.
   * (A page that animates may draw less often than that: an SVG animation drew every 50 ms here;
   * its frames show the slide it is on, which is what was asked for.)
   */
  async settle(quietMs: number): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    return this.received === this.expected;
  }

  async stop(): Promise<void> {
    this.cdp.off('Page.screencastFrame', this.onFrame);
    this.waiter = undefined;
    await this.cdp.send('Page.stopScreencast').catch(() => undefined);
  }
}
