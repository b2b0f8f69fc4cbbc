/**
 * The panel in the page (`startCardmock({ panel: true })`, for development): a session's requests
 * with the rule that answered each, the state and events of one vendor, its fault rules and its
 * presets, over the control API the dashboard uses — `fetch` to `/__cardmock`, answered by MSW in
 * this page. It keeps out of the page's way: one `<cardmock-panel>` element holding a shadow root,
 * so the page's styles do not reach in and its own do not leak out; every value is written as text;
 * it can be minimised (Escape) and closed; it is made of native buttons and fields, last in the
 * page's tab order. It looks again when the page's requests are answered, never on a timer.
 */
import type { operations } from '../../generated/cardmock-control.ts';
import { SESSION_HEADER } from '../core/types.ts';
import { PANEL_CSS } from './panel-style.ts';

export interface PanelOptions {
  /** The control API: `<origin>/__cardmock`. */
  controlUrl: string;
  /** Subscribes to "a request of the page was answered"; returns the unsubscribe. */
  onPageAnswer?: (listener: (request: Request) => void) => () => void;
  /** How long the vendors' asynchronous operations take: the panel looks again once they are done. */
  settleMs?: number;
}

export interface Panel {
  host: HTMLElement;
  refresh(): Promise<void>;
  close(): void;
}

/** Carried by the panel's own control calls, so that answering them does not make it look again. */
export const PANEL_HEADER = 'x-cardmock-panel';

type Ok<Id extends keyof operations> = operations[Id]['responses'] extends { 200: { content: { 'application/json': infer Body } } } ? Body : never;
type Rule = NonNullable<Ok<'listVendors'>['rules']>[number];
type Child = Node | string | undefined;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  // append() makes text nodes of strings: nothing the control API says is ever parsed as markup.
  for (const child of children) if (child !== undefined) element.append(child);
  return element;
}

export function mountPanel(options: PanelOptions): Panel {
  const host = document.createElement('cardmock-panel');
  // Inline and important: no rule of the page moves the panel.
  for (const [property, value] of Object.entries({ position: 'fixed', right: '8px', bottom: '8px', 'z-index': '2147483647', display: 'block' })) {
    host.style.setProperty(property, value, 'important');
  }
  const root = host.attachShadow({ mode: 'open' });
  adoptStyle(root);
  const view = panelView();
  root.append(view.panel);
  document.body.append(host);
  const panel: PanelState = {
    host,
    view,
    call: controlClient(options.controlUrl, () => view.session.value.trim() || 'default'),
    vendors: [],
    rules: new Map(),
    presets: [],
    drawn: 0,
    timers: new Map(),
  };
  const unsubscribe = options.onPageAnswer?.((request) => {
    if (request.headers.has(PANEL_HEADER)) return;
    // At most one look per 50 ms however many requests the page sends…
    if (!panel.timers.has('soon')) later(panel, 'soon', 50);
    // …and one once the last one's asynchronous work (a bind that completes later) is done.
    if (options.settleMs !== undefined) later(panel, 'settled', options.settleMs + 50);
  });
  const close = () => {
    unsubscribe?.();
    for (const timer of panel.timers.values()) clearTimeout(timer);
    host.remove();
  };
  wire(panel, close);
  void refresh(panel);
  return { host, refresh: () => refresh(panel), close };
}

type View = ReturnType<typeof panelView>;

interface PanelState {
  host: HTMLElement;
  view: View;
  call: ReturnType<typeof controlClient>;
  vendors: Ok<'listVendors'>['vendors'];
  /** Every rule the request log may name, by id: each operation's catalogue and cardmock's own. */
  rules: Map<string, Rule>;
  presets: Ok<'listPresets'>['presets'];
  /** Refreshes started; only the latest draws. */
  drawn: number;
  /** The looks planned, at most one of each kind. */
  timers: Map<'soon' | 'settled', ReturnType<typeof setTimeout>>;
}

const vendorOf = (panel: PanelState) => panel.view.vendor.value;

async function refresh(panel: PanelState): Promise<void> {
  const { view, call } = panel;
  if (!panel.host.isConnected || view.body.hidden) return;
  const turn = ++panel.drawn;
  try {
    if (panel.vendors.length === 0) await loadCatalogue(panel);
    const vendor = encodeURIComponent(vendorOf(panel));
    const [state, events, requests, faults] = await Promise.all([
      call<Record<string, unknown[]>>('GET', `/${vendor}/state`),
      call<Ok<'getVendorEvents'>>('GET', `/${vendor}/events`),
      call<Ok<'getRequestLog'>>('GET', '/requests'),
      call<Ok<'listFaults'>>('GET', '/faults'),
    ]);
    if (turn !== panel.drawn) return;
    view.requests.replaceChildren(...requests.requests.slice(-20).reverse().map((r) => requestItem(r, panel.rules)));
    view.state.replaceChildren(...Object.entries(state).flatMap(([kind, rows]) => [h('h4', {}, `${kind} (${rows.length})`), table(rows)]));
    view.events.replaceChildren(...events.events.slice(-20).reverse().map((e) => h('li', {}, `${new Date(e.at).toLocaleTimeString()} ${e.type}`)));
    view.faults.replaceChildren(...faults.faults.map((f) => h('li', {}, describeFault(f))));
    view.status.textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    view.status.textContent = `error: ${(error as Error).message}`;
  }
}

async function loadCatalogue(panel: PanelState) {
  const [listed, presets] = await Promise.all([panel.call<Ok<'listVendors'>>('GET', '/vendors'), panel.call<Ok<'listPresets'>>('GET', '/presets')]);
  panel.vendors = listed.vendors;
  panel.presets = presets.presets;
  panel.rules = new Map([...listed.vendors.flatMap((v) => v.operations.flatMap((o) => o.rules ?? [])), ...(listed.rules ?? [])].map((r) => [r.id, r]));
  panel.view.vendor.replaceChildren(...listed.vendors.map((v) => h('option', { value: v.name }, v.name)));
  showPresets(panel);
}

function showPresets(panel: PanelState) {
  const own = panel.presets.filter((p) => p.vendor === vendorOf(panel));
  panel.view.preset.replaceChildren(h('option', { value: '' }, 'default fixtures'), ...own.map((p) => h('option', { value: p.id }, p.title)));
  describePreset(panel);
}

function describePreset(panel: PanelState) {
  const chosen = panel.presets.find((p) => p.id === panel.view.preset.value);
  panel.view.presetHint.textContent = chosen ? chosen.description : `${vendorOf(panel)} as every new session starts`;
}

/** Look again in `ms`, replacing the look of that kind planned before. */
function later(panel: PanelState, kind: 'soon' | 'settled', ms: number) {
  clearTimeout(panel.timers.get(kind));
  panel.timers.set(
    kind,
    setTimeout(() => {
      panel.timers.delete(kind);
      void refresh(panel);
    }, ms),
  );
}

/** What each control of the panel does. */
function wire(panel: PanelState, close: () => void) {
  const { view, call } = panel;
  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      await refresh(panel);
      view.status.textContent = done;
    } catch (error) {
      view.status.textContent = `error: ${(error as Error).message}`;
    }
  };
  const minimise = (hidden: boolean) => {
    view.body.hidden = hidden;
    view.minimise.setAttribute('aria-expanded', String(!hidden));
    view.minimise.textContent = hidden ? '▴' : '▾';
    if (!hidden) void refresh(panel);
  };
  view.vendor.addEventListener('change', () => {
    showPresets(panel);
    void refresh(panel);
  });
  view.session.addEventListener('change', () => void refresh(panel));
  view.preset.addEventListener('change', () => describePreset(panel));
  view.apply.addEventListener('click', () => {
    const id = view.preset.value;
    const vendor = vendorOf(panel);
    void act(() => (id ? call('POST', `/presets/${encodeURIComponent(id)}`) : call('POST', `/reset?vendor=${encodeURIComponent(vendor)}`)), `applied ${id || `${vendor}'s default fixtures`}`);
  });
  view.clearFaults.addEventListener('click', () => void act(() => call('DELETE', '/faults'), 'fault rules cleared'));
  view.minimise.addEventListener('click', () => minimise(!view.body.hidden));
  view.close.addEventListener('click', close);
  view.panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || view.body.hidden) return;
    minimise(true);
    view.minimise.focus();
  });
}

/** The panel's elements; behaviour is wired in mountPanel. */
function panelView() {
  const session = h('input', { 'aria-label': 'session', value: 'default', size: '10' });
  const vendor = h('select', { 'aria-label': 'vendor' });
  const minimise = h('button', { type: 'button', 'aria-label': 'Minimise the cardmock panel', 'aria-expanded': 'true' }, '▾');
  const close = h('button', { type: 'button', 'aria-label': 'Close the cardmock panel' }, '×');
  const preset = h('select', { 'aria-label': 'preset' });
  const apply = h('button', { type: 'button', class: 'apply' }, 'Apply');
  const presetHint = h('p', { class: 'hint' });
  const requests = h('ol', { class: 'requests' });
  const state = h('div', { class: 'state' });
  const events = h('ol', { class: 'events' });
  const faults = h('ul', { class: 'faults' });
  const clearFaults = h('button', { type: 'button', class: 'clear-faults' }, 'Clear faults');
  const status = h('p', { class: 'status', role: 'status' });
  const section = (title: string, open: boolean, ...content: Child[]) => h('details', open ? { open: '' } : {}, h('summary', {}, title), ...content);
  const body = h(
    'div',
    { class: 'body' },
    h('div', { class: 'presets' }, preset, apply),
    presetHint,
    section('Requests', true, requests),
    section('State', false, state),
    section('Events', false, events),
    section('Fault rules', false, faults, clearFaults),
    status,
  );
  const header = h('header', {}, h('strong', {}, 'cardmock'), session, vendor, minimise, close);
  const panel = h('section', { class: 'panel', role: 'region', 'aria-label': 'cardmock panel' }, header, body);
  return { panel, body, session, vendor, minimise, close, preset, apply, presetHint, requests, state, events, faults, clearFaults, status };
}

function controlClient(base: string, session: () => string) {
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { [SESSION_HEADER]: session(), [PANEL_HEADER]: '1' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const data = await response.json();
    if (!response.ok) throw new Error(data?.error?.message ?? `HTTP ${response.status}`);
    return data as T;
  };
}

/** A logged request and why the mock answered so: the rule's id and its sentence. */
function requestItem(entry: Ok<'getRequestLog'>['requests'][number], rules: Map<string, Rule>): HTMLElement {
  const line = h('div', {}, h('span', { class: `s${String(entry.status)[0]}` }, String(entry.status)), ` ${entry.method} ${entry.vendor ? `/${entry.vendor}` : ''}${entry.path}`);
  if (!entry.rule) return h('li', {}, line);
  return h('li', {}, line, h('code', { class: 'rule' }, entry.rule), h('div', { class: 'why' }, rules.get(entry.rule)?.rule));
}

function table(rows: unknown[]): HTMLElement {
  const records = rows.map((row) => (row !== null && typeof row === 'object' ? (row as Record<string, unknown>) : { value: row }));
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const cell = (value: unknown) => (value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...records.map((r) => h('tr', {}, ...columns.map((c) => h('td', { 'data-col': c }, cell(r[c])))))),
  );
}

const describeFault = (f: Ok<'listFaults'>['faults'][number]) =>
  [f.vendor, f.operationId ?? '(every operation)', f.status === undefined ? '' : `→ ${f.status}`, f.delayMs ? `after ${f.delayMs} ms` : '', f.times === undefined ? '' : `× ${f.times}`]
    .filter(Boolean)
    .join(' ');

/** A constructed style sheet where the browser has them (no page Content-Security-Policy refuses it); else a style element. */
function adoptStyle(root: ShadowRoot) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(h('style', {}, PANEL_CSS));
  }
}
