import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { presenceOf } from './node-io.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A stand-in for a ServerResponse: presenceOf only listens for 'close' and reads writableFinished. */
const fakeResponse = () => Object.assign(new EventEmitter(), { writableFinished: false }) as unknown as http.ServerResponse;

describe('presenceOf', () => {
  it('says the client went when the response closes unfinished, and tells the listeners', () => {
    const res = fakeResponse();
    const presence = presenceOf(res);
    let told = 0;
    presence.onGone(() => told++);
    const stop = presence.onGone(() => told++);
    stop();
    expect(presence.gone).toBe(false);
    res.emit('close');
    expect(presence.gone).toBe(true);
    expect(told).toBe(1);
  });

  it('does not call a finished response gone', () => {
    const res = fakeResponse();
    const presence = presenceOf(res);
    (res as unknown as { writableFinished: boolean }).writableFinished = true;
    res.emit('close');
    expect(presence.gone).toBe(false);
  });

  it('holds no reference to the response: a request kept longer does not keep its response alive', async () => {
    let res: http.ServerResponse | undefined = fakeResponse();
    const response = new WeakRef(res);
    const presence = presenceOf(res);
    res = undefined;
    // A WeakRef's target is kept until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(presence.gone).toBe(false);
    expect(response.deref()).toBeUndefined();
  });
});
