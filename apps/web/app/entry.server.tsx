import { Transform, type TransformCallback } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

const ABORT_DELAY = 5_000;

/**
 * How long the first bytes of a document may be held back so that it leaves in one
 * piece (see DocumentBuffer). Only pages that stream slow deferred data ever wait
 * this long before their shell is sent.
 */
const HOLD_MS = 20;

/**
 * Collects the rendered document and sends it as one chunk once React has finished
 * it, or — if rendering takes longer than HOLD_MS, e.g. a loader streaming deferred
 * data — everything so far and then each chunk as it comes, as before.
 *
 * Without it, every page left in three separate socket writes: the shell, then the
 * loader data that single fetch streams after it in two script chunks, one
 * macrotask apart. Each write to a socket is a system call plus, on loopback or
 * behind a proxy, the receiver's TCP work; that was ≈ 10 % of a page's server CPU
 * (bench/README.md). React produces the whole document well within a millisecond
 * when all loader data is already there, which is the normal case here.
 */
class DocumentBuffer extends Transform {
  #held: Buffer[] | null = [];
  #timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => this.release(), HOLD_MS);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#held) this.#held.push(chunk);
    else this.push(chunk);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.release();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.#timer);
    callback(error);
  }

  /**
   * React ends its destination once more when the destination closes after a complete
   * render; on a finished stream that only builds an ERR_STREAM_ALREADY_FINISHED error
   * (stack trace included) nobody reads, ≈ 1 % of a page's CPU. Ending twice is a no-op here.
   */
  override end(...args: unknown[]): this {
    if (this.writableEnded) return this;
    return super.end(...(args as Parameters<Transform["end"]>));
  }

  /** From now on chunks pass straight through. */
  release(): void {
    clearTimeout(this.#timer);
    const held = this.#held;
    if (!held) return;
    this.#held = null;
    if (held.length > 0) this.push(held.length === 1 ? held[0] : Buffer.concat(held));
  }
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Aborts a render that is still streaming after ABORT_DELAY. Cleared as soon as the
    // document is complete: a pending timer would keep the render's closures (request,
    // loader data, React tree) alive for 5 s after every response (GC pressure under load).
    let abortTimer: ReturnType<typeof setTimeout> | undefined;
    const stopAbortTimer = () => {
      clearTimeout(abortTimer);
      abortTimer = undefined;
    };
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new DocumentBuffer();
          // "finish": React has ended the document; "close": the client went away.
          body.once("finish", stopAbortTimer);
          body.once("close", stopAbortTimer);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          stopAbortTimer();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}
