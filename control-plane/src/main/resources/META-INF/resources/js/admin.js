// Operator console over the admin API (docs/control-plane.md, "HTTP API"; docs/web.md, "Operator console").
// The key stays in this tab's sessionStorage and travels only in the Authorization header. Everything the
// server sends is inserted as text (el(), textContent), never as HTML.
import { ApiError, el, requestJson } from './api.js';

const STORAGE_KEY = 'pushfleet.adminKey';
const REFRESH_MS = 2000;
const MIB = 1024 * 1024;
const NODE_COLUMNS = 10;
const ONLINE_COLUMNS = 8;

/** The two node actions: POST /api/admin/nodes/{id}/{action}, each asked for in the confirmation dialog. */
const ACTIONS = {
  drain: {
    label: 'Drain',
    question: (id, clients) => `Drain ${id}? It gets no new clients, and its ${clients} are asked to reconnect `
      + 'to other edges, a few hundred a second.',
    done: (id) => `${id} is drained: it gets no new clients and moves its clients to other edges`,
  },
  undrain: {
    label: 'Undrain',
    question: (id) => `Undrain ${id}? It takes new clients again as soon as it reports UP.`,
    done: (id) => `${id} is no longer drained; it takes new clients once it reports UP`,
  },
};

const byId = (id) => document.getElementById(id);
const ui = {
  keyForm: byId('key-form'),
  keyInput: byId('admin-key'),
  forgetKey: byId('forget-key'),
  keyStatus: byId('key-status'),
  refreshed: byId('refreshed'),
  nodesBody: byId('nodes').tBodies[0],
  nodesStrategy: byId('nodes-strategy'),
  nodeMessage: byId('node-message'),
  onlineBody: byId('online').tBodies[0],
  onlineTotals: byId('online-totals'),
  strategyNow: byId('routing-strategy-now'),
  weightsNow: byId('routing-weights-now'),
  sourceNow: byId('routing-source-now'),
  routingForm: byId('routing-form'),
  routingStrategy: byId('routing-strategy'),
  routingWeights: byId('routing-weights'),
  routingMessage: byId('routing-message'),
  presenceForm: byId('presence-form'),
  presenceUser: byId('presence-user'),
  presenceResult: byId('presence-result'),
  dialog: byId('confirm-dialog'),
  confirmText: byId('confirm-text'),
  confirmYes: byId('confirm-yes'),
  confirmNo: byId('confirm-no'),
};

// The pending refresh; null while one is in flight or refreshing is stopped.
let timer = null;
// Bumped on every start and stop, so an answer to an older key's request is ignored.
let generation = 0;
// Set when an action wants fresh tables while a refresh is in flight: the next one starts at once.
let refreshAgain = false;
// The routing form is filled from the server once per key, then left to the operator.
let routingFormFilled = false;

ui.keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = ui.keyInput.value.trim();
  if (!key) {
    return;
  }
  sessionStorage.setItem(STORAGE_KEY, key);
  ui.keyInput.value = '';
  start();
});

ui.forgetKey.addEventListener('click', () => {
  sessionStorage.removeItem(STORAGE_KEY);
  stop();
  clearTables();
  setKeyStatus('none', 'no key');
});

ui.nodesBody.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (button) {
    nodeAction(button.dataset.action, button.dataset.nodeId, button.dataset.clients);
  }
});

ui.routingStrategy.addEventListener('change', enableWeights);

ui.routingForm.addEventListener('submit', (event) => {
  event.preventDefault();
  changeRouting();
});

ui.presenceForm.addEventListener('submit', (event) => {
  event.preventDefault();
  lookUpPresence();
});

ui.confirmYes.addEventListener('click', () => ui.dialog.close('yes'));
ui.confirmNo.addEventListener('click', () => ui.dialog.close('no'));

if (storedKey()) {
  setKeyStatus('none', 'using the key of this tab …');
  start();
}

function storedKey() {
  return sessionStorage.getItem(STORAGE_KEY);
}

function start() {
  stop();
  routingFormFilled = false;
  setKeyStatus('none', 'checking key …');
  refresh(generation);
}

function stop() {
  clearTimeout(timer);
  timer = null;
  refreshAgain = false;
  generation += 1;
}

/** Refreshes now, or right after the refresh in flight, rather than at the next tick. */
function refreshSoon() {
  if (timer === null) {
    refreshAgain = true;
    return;
  }
  clearTimeout(timer);
  timer = null;
  refresh(generation);
}

async function refresh(gen) {
  const key = storedKey();
  if (!key) {
    return;
  }
  try {
    const [nodes, online, routing] = await Promise.all([
      requestJson('GET', '/api/admin/nodes', { bearer: key }),
      requestJson('GET', '/api/admin/online', { bearer: key }),
      requestJson('GET', '/api/admin/routing', { bearer: key }),
    ]);
    if (gen !== generation) {
      return;
    }
    renderNodes(nodes?.nodes ?? [], nodes?.strategy);
    renderOnline(online ?? {});
    renderRouting(routing ?? {});
    setKeyStatus('ok', 'key accepted');
    ui.refreshed.textContent = `updated ${new Date().toTimeString().slice(0, 8)}, every ${REFRESH_MS / 1000} s`;
  } catch (error) {
    if (gen !== generation) {
      return;
    }
    if (refusedKey(error)) {
      return;
    }
    setKeyStatus('unreachable', `refresh failed: ${error.message}`);
  }
  const delay = refreshAgain ? 0 : REFRESH_MS;
  refreshAgain = false;
  timer = setTimeout(() => {
    timer = null;
    refresh(gen);
  }, delay);
}

/** On 401: forget the key, stop refreshing and say so; returns whether the error was that. */
function refusedKey(error) {
  if (!(error instanceof ApiError) || error.status !== 401) {
    return false;
  }
  sessionStorage.removeItem(STORAGE_KEY);
  stop();
  clearTables();
  setKeyStatus('refused', 'admin key refused');
  ui.refreshed.textContent = 'the control plane answered 401: use a key of PUSH_ADMIN_KEYS or PUSH_ADMIN_READ_KEYS'
    + ' (bin/start prints one)';
  return true;
}

/** Shows why an action failed: a 401 forgets the key, a 403 says the key may only read. */
function actionFailed(target, error) {
  if (refusedKey(error)) {
    return;
  }
  const readOnly = error instanceof ApiError && error.code === 'insufficient_role';
  showMessage(target, 'error', readOnly ? `this key can only read: ${error.message}` : error.message, error.code);
}

function renderNodes(nodes, strategy) {
  ui.nodesStrategy.textContent = `weight: what the ${strategy ?? 'current'} strategy gives each edge now; `
    + '— : this strategy does not weigh edges (every selectable edge has its chance).';
  if (nodes.length === 0) {
    ui.nodesBody.replaceChildren(emptyRow(NODE_COLUMNS, 'no edge has registered'));
    return;
  }
  ui.nodesBody.replaceChildren(...nodes.map((node) => {
    const info = node.info ?? {};
    const row = el('tr', null, {
      'data-node-id': node.nodeId,
      'data-live': String(Boolean(node.live)),
      'data-state': node.state ?? '',
      'data-weight': node.weight ?? '',
      'data-drained': String(Boolean(node.drainedSince)),
    });
    const heap = info.heapMaxBytes ? `${mib(info.heapUsedBytes)} / ${mib(info.heapMaxBytes)} MiB` : '—';
    row.append(
      el('td', node.nodeId),
      stateCell(node),
      badgeCell(node.live, 'live', 'not live'),
      el('td', node.weight ?? '—', { className: 'num' }),
      el('td', info.connections ?? '—', { className: 'num' }),
      el('td', info.capacity ?? '—', { className: 'num' }),
      el('td', heap, { className: 'num' }),
      el('td', age(node.lastReportAt), { title: node.lastReportAt ?? '' }),
      probeLinks(info.adminUrl),
      actionCell(node),
    );
    return row;
  }));
}

/** The reported state, and since when an operator's drain is in force. */
function stateCell(node) {
  const cell = el('td', node.state ?? '—');
  if (node.drainedSince) {
    cell.append(' ', el('span', `drained ${age(node.drainedSince)}`, { className: 'badge warn', title: node.drainedSince }));
  }
  return cell;
}

/** Undrain for a drained node, drain for a live one; nothing for a node that neither reports nor is drained. */
function actionCell(node) {
  const cell = el('td', null, { className: 'action' });
  const action = node.drainedSince ? 'undrain' : node.live ? 'drain' : null;
  if (action) {
    const connections = node.info?.connections;
    cell.append(el('button', ACTIONS[action].label, {
      type: 'button',
      className: 'secondary',
      'data-action': action,
      'data-node-id': node.nodeId,
      'data-clients': Number.isFinite(connections) ? `${connections} connected clients` : 'connected clients',
    }));
  }
  return cell;
}

async function nodeAction(action, nodeId, clients) {
  const what = ACTIONS[action];
  if (!what || !(await confirmed(what.question(nodeId, clients), what.label))) {
    return;
  }
  const key = storedKey();
  if (!key) {
    showMessage(ui.nodeMessage, 'error', 'enter the admin key first');
    return;
  }
  try {
    await requestJson('POST', `/api/admin/nodes/${encodeURIComponent(nodeId)}/${action}`, { bearer: key });
    showMessage(ui.nodeMessage, 'ok', what.done(nodeId));
    refreshSoon();
  } catch (error) {
    actionFailed(ui.nodeMessage, error);
  }
}

/** Asks in the modal dialog; resolves true only for the confirm button (Escape and Cancel say no). */
function confirmed(question, label) {
  return new Promise((resolve) => {
    ui.confirmText.textContent = question;
    ui.confirmYes.textContent = label;
    ui.dialog.returnValue = '';
    ui.dialog.addEventListener('close', () => resolve(ui.dialog.returnValue === 'yes'), { once: true });
    ui.dialog.showModal();
  });
}

function renderOnline(online) {
  const total = online.total ?? 0;
  const driftTotal = online.driftTotal ?? 0;
  const audited = online.auditedAt == null ? 'no route audit yet' : `audited ${age(online.auditedAt)}`;
  ui.onlineTotals.replaceChildren(
    `${total} connection${total === 1 ? '' : 's'} on live edges; ${online.routeTableTotal ?? 0} in the route table; `,
    el('span', `drift ${driftTotal}`, { id: 'drift-total', className: driftTotal === 0 ? 'badge yes' : 'badge warn' }),
    ` (${audited})`,
  );
  ui.onlineTotals.dataset.total = String(total);
  ui.onlineTotals.dataset.driftTotal = String(driftTotal);
  const nodes = online.nodes ?? [];
  if (nodes.length === 0) {
    ui.onlineBody.replaceChildren(emptyRow(ONLINE_COLUMNS, 'no edges'));
    return;
  }
  ui.onlineBody.replaceChildren(...nodes.map((node) => {
    const row = el('tr', null, {
      'data-node-id': node.nodeId,
      'data-live': String(Boolean(node.live)),
      'data-drift': String(node.drift),
      'data-stale': String(node.stale),
    });
    row.append(
      el('td', node.nodeId),
      badgeCell(node.live, 'live', 'not live'),
      el('td', node.connections, { className: 'num' }),
      el('td', node.routes, { className: 'num' }),
      el('td', node.routeTable, { className: 'num' }),
      warnIfNotZero(node.stale),
      warnIfNotZero(node.drift),
      el('td', node.audited ? 'yes' : 'no, set only'),
    );
    return row;
  }));
}

function renderRouting(routing) {
  ui.strategyNow.textContent = routing.strategy ?? '—';
  ui.strategyNow.dataset.strategy = routing.strategy ?? '';
  ui.weightsNow.textContent = routing.weights ? formatWeights(routing.weights) : 'none (only weighted uses them)';
  ui.sourceNow.textContent = routing.source === 'redis'
    ? `version ${routing.version}, stored in Redis for every control plane`
    : 'from the configuration (nothing stored)';
  if (!routingFormFilled) {
    routingFormFilled = true;
    ui.routingStrategy.value = routing.strategy ?? 'auto';
    ui.routingWeights.value = routing.weights ? formatWeights(routing.weights) : '';
    enableWeights();
  }
}

function enableWeights() {
  ui.routingWeights.disabled = ui.routingStrategy.value !== 'weighted';
}

async function changeRouting() {
  const key = storedKey();
  if (!key) {
    showMessage(ui.routingMessage, 'error', 'enter the admin key first');
    return;
  }
  const strategy = ui.routingStrategy.value;
  let weights = null;
  if (strategy === 'weighted') {
    try {
      weights = parseWeights(ui.routingWeights.value);
    } catch (error) {
      showMessage(ui.routingMessage, 'error', error.message);
      return;
    }
  }
  try {
    const routing = await requestJson('PUT', '/api/admin/routing', { bearer: key, body: { strategy, weights } });
    routingFormFilled = false;
    renderRouting(routing);
    showMessage(ui.routingMessage, 'ok', `${routing.strategy} is now the strategy of the fleet (version ${routing.version})`);
    refreshSoon();
  } catch (error) {
    actionFailed(ui.routingMessage, error);
  }
}

/**
 * `edge-a=3, edge-b=1` as {edge-a: 3, edge-b: 1}. Only the text form is checked here; the control plane
 * judges node ids and values (a value that is not a number is sent as text, for its message).
 */
function parseWeights(text) {
  const weights = new Map();
  for (const entry of text.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const equals = entry.lastIndexOf('=');
    if (equals < 1) {
      throw new Error(`weights: "${entry}" is not node=weight (example: edge-a=3, edge-b=1)`);
    }
    const node = entry.slice(0, equals).trim();
    const value = entry.slice(equals + 1).trim();
    if (weights.has(node)) {
      throw new Error(`weights: ${node} is listed twice`);
    }
    weights.set(node, /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value);
  }
  return Object.fromEntries(weights);
}

function formatWeights(weights) {
  return Object.keys(weights).sort().map((node) => `${node}=${weights[node]}`).join(', ');
}

async function lookUpPresence() {
  const key = storedKey();
  const id = Number(ui.presenceUser.value);
  if (!key) {
    ui.presenceResult.replaceChildren(el('p', 'enter the admin key first', { className: 'message error' }));
    return;
  }
  if (!Number.isSafeInteger(id) || id < 1) {
    ui.presenceResult.replaceChildren(el('p', 'a user id is a positive whole number', { className: 'message error' }));
    return;
  }
  try {
    const presence = await requestJson('GET', `/api/admin/users/${id}/presence`, { bearer: key });
    renderPresence(presence);
  } catch (error) {
    if (!refusedKey(error)) {
      ui.presenceResult.replaceChildren(el('p', error.message, { className: 'message error' }));
    }
  }
}

function renderPresence(presence) {
  const devices = presence.devices ?? [];
  const summary = presence.online
    ? `user ${presence.userId} is online on ${devices.length} device${devices.length === 1 ? '' : 's'}`
    : `user ${presence.userId} is offline`;
  const heading = el('p', summary, { id: 'presence-summary', 'data-online': String(Boolean(presence.online)) });
  if (devices.length === 0) {
    ui.presenceResult.replaceChildren(heading);
    return;
  }
  const table = el('table', null, { id: 'presence-devices' });
  const head = el('tr');
  head.append(el('th', 'device'), el('th', 'node'), el('th', 'boot epoch', { className: 'num' }),
    el('th', 'connection', { className: 'num' }));
  table.createTHead().append(head);
  const body = table.createTBody();
  for (const device of devices) {
    const row = el('tr');
    row.append(el('td', device.deviceId), el('td', device.nodeId),
      el('td', device.bootEpoch, { className: 'num' }), el('td', device.connId, { className: 'num' }));
    body.append(row);
  }
  ui.presenceResult.replaceChildren(heading, table);
}

function clearTables() {
  ui.nodesBody.replaceChildren(emptyRow(NODE_COLUMNS, 'no data'));
  ui.onlineBody.replaceChildren(emptyRow(ONLINE_COLUMNS, 'no data'));
  ui.onlineTotals.textContent = '—';
  for (const fact of [ui.strategyNow, ui.weightsNow, ui.sourceNow]) {
    fact.textContent = '—';
  }
  for (const message of [ui.nodeMessage, ui.routingMessage]) {
    showMessage(message, '', '');
  }
}

function setKeyStatus(state, text) {
  ui.keyStatus.dataset.state = state;
  ui.keyStatus.textContent = text;
}

/** A message line: kind `ok` or `error` (the CSS hides an empty one); `code` is the API's, on data-code. */
function showMessage(target, kind, text, code) {
  target.className = kind ? `message ${kind}` : 'message';
  target.textContent = text;
  if (code) {
    target.dataset.code = code;
  } else {
    delete target.dataset.code;
  }
}

function emptyRow(columns, text) {
  const row = el('tr', null, { className: 'empty' });
  row.append(el('td', text, { colspan: String(columns) }));
  return row;
}

function badgeCell(yes, yesText, noText) {
  const cell = el('td');
  cell.append(el('span', yes ? yesText : noText, { className: yes ? 'badge yes' : 'badge no' }));
  return cell;
}

function warnIfNotZero(value) {
  const cell = el('td', null, { className: 'num' });
  cell.append(el('span', value, { className: value === 0 ? '' : 'badge warn' }));
  return cell;
}

/** Links to an edge's probes; only for an http(s) address, since it comes from the registry. */
function probeLinks(adminUrl) {
  const cell = el('td');
  let base;
  try {
    base = new URL(adminUrl);
  } catch {
    cell.textContent = '—';
    return cell;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    cell.textContent = '—';
    return cell;
  }
  for (const [path, text] of [['/health/ready', 'ready'], ['/metrics', 'metrics']]) {
    const link = el('a', text, { href: new URL(path, base).href, rel: 'noreferrer', target: '_blank' });
    cell.append(link, ' ');
  }
  return cell;
}

function mib(bytes) {
  return Number.isFinite(bytes) ? (bytes / MIB).toFixed(0) : '?';
}

/** "12 s ago" for an ISO time or epoch millis; "—" when there is none. */
function age(when) {
  const at = when == null ? NaN : new Date(when).getTime();
  if (!Number.isFinite(at)) {
    return '—';
  }
  const seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
  return seconds < 90 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}
