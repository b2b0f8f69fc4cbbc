/**
 * The demo page: one box per vendor operation, each calling the vendor's real URL with fetch, and
 * cardmock's panel in the corner. `?preset=<id>` (repeatable) starts with those presets applied.
 */
import { sandboxBaseUrl } from '../adapters/msw.ts';
import { sampleCall } from '../core/sample-call.ts';
import { allVendors } from '../vendors/index.ts';
import { startCardmock } from './start-cardmock.ts';

const worker = document.querySelector('#worker')!;
const running = await startCardmock({ settings: { asyncDelayMs: 500 }, panel: true, preset: new URLSearchParams(location.search).getAll('preset') }).catch((error: Error) => {
  worker.textContent = error.message;
  throw error;
});
worker.textContent = 'mock running in this page';
document.querySelector('#reset')!.addEventListener('click', () => running.engine.store.reset('default'));

const container = document.querySelector('#operations')!;
for (const vendor of allVendors) {
  const base = sandboxBaseUrl(vendor);
  for (const op of vendor.responses.operations) {
    const call = sampleCall(vendor, op.operationId);
    const box = document.createElement('div');
    box.className = 'op';
    box.dataset.vendor = vendor.name;
    box.dataset.operation = op.operationId;
    box.innerHTML = `<h2>${vendor.name} — ${op.summary}</h2><code>${call.method} ${base}${call.path}</code><br/>
      <button>Send</button><span class="status"></span> <code class="rule"></code><pre class="body">(not sent yet)</pre>`;
    const status = box.querySelector<HTMLElement>('.status')!;
    const rule = box.querySelector<HTMLElement>('.rule')!;
    const body = box.querySelector<HTMLElement>('.body')!;
    box.querySelector('button')!.addEventListener('click', async () => {
      const response = await fetch(`${base}${call.path}`, { method: call.method, headers: call.headers, ...(call.body ? { body: call.body } : {}) });
      const text = await response.text();
      status.textContent = String(response.status);
      status.className = `status ${response.ok ? 'ok' : 'err'}`;
      // Why the mock answered so: the rule of the vendor's catalogue that produced the answer.
      rule.textContent = response.headers.get('x-cardmock-rule') ?? '';
      body.textContent = text ? JSON.stringify(JSON.parse(text), null, 2) : '(empty body)';
    });
    container.append(box);
  }
}
