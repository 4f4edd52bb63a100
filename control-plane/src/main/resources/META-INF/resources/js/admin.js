// Operator console over the admin API (docs/control-plane.md, "HTTP API"). The key stays in this
// tab's sessionStorage and travels only in the Authorization header.
import { ApiError, el, requestJson } from './api.js';

const STORAGE_KEY = 'pushfleet.adminKey';
const REFRESH_MS = 2000;
const MIB = 1024 * 1024;

const byId = (id) => document.getElementById(id);
const ui = {
  keyForm: byId('key-form'),
  keyInput: byId('admin-key'),
  forgetKey: byId('forget-key'),
  keyStatus: byId('key-status'),
  refreshed: byId('refreshed'),
  nodesBody: byId('nodes').tBodies[0],
  onlineBody: byId('online').tBodies[0],
  onlineTotals: byId('online-totals'),
  presenceForm: byId('presence-form'),
  presenceUser: byId('presence-user'),
  presenceResult: byId('presence-result'),
};

let timer = null;
// Bumped on every start and stop, so an answer to an older key's request is ignored.
let generation = 0;

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

ui.presenceForm.addEventListener('submit', (event) => {
  event.preventDefault();
  lookUpPresence();
});

if (storedKey()) {
  setKeyStatus('none', 'using the key of this tab …');
  start();
}

function storedKey() {
  return sessionStorage.getItem(STORAGE_KEY);
}

function start() {
  stop();
  setKeyStatus('none', 'checking key …');
  refresh(generation);
}

function stop() {
  clearTimeout(timer);
  timer = null;
  generation += 1;
}

async function refresh(gen) {
  const key = storedKey();
  if (!key) {
    return;
  }
  try {
    const [nodes, online] = await Promise.all([
      requestJson('GET', '/api/admin/nodes', { bearer: key }),
      requestJson('GET', '/api/admin/online', { bearer: key }),
    ]);
    if (gen !== generation) {
      return;
    }
    renderNodes(nodes?.nodes ?? []);
    renderOnline(online ?? {});
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
  timer = setTimeout(() => refresh(gen), REFRESH_MS);
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

function renderNodes(nodes) {
  if (nodes.length === 0) {
    ui.nodesBody.replaceChildren(emptyRow(8, 'no edge has registered'));
    return;
  }
  ui.nodesBody.replaceChildren(...nodes.map((node) => {
    const info = node.info ?? {};
    const row = el('tr', null, { 'data-node-id': node.nodeId, 'data-live': String(Boolean(node.live)) });
    const heap = info.heapMaxBytes ? `${mib(info.heapUsedBytes)} / ${mib(info.heapMaxBytes)} MiB` : '—';
    row.append(
      el('td', node.nodeId),
      el('td', node.state ?? '—'),
      badgeCell(node.live, 'live', 'not live'),
      el('td', info.connections ?? '—', { className: 'num' }),
      el('td', info.capacity ?? '—', { className: 'num' }),
      el('td', heap, { className: 'num' }),
      el('td', age(node.lastReportAt), { title: node.lastReportAt ?? '' }),
      probeLinks(info.adminUrl),
    );
    return row;
  }));
}

function renderOnline(online) {
  const total = online.total ?? 0;
  ui.onlineTotals.textContent = `${total} connection${total === 1 ? '' : 's'} on live edges; `
    + `${online.routeTableTotal ?? 0} in the route table`;
  ui.onlineTotals.dataset.total = String(online.total ?? 0);
  const nodes = online.nodes ?? [];
  if (nodes.length === 0) {
    ui.onlineBody.replaceChildren(emptyRow(5, 'no edges'));
    return;
  }
  ui.onlineBody.replaceChildren(...nodes.map((node) => {
    const row = el('tr', null, { 'data-node-id': node.nodeId, 'data-live': String(Boolean(node.live)) });
    const drift = el('td', null, { className: 'num' });
    drift.append(el('span', node.drift, { className: node.drift === 0 ? '' : 'badge warn' }));
    row.append(
      el('td', node.nodeId),
      badgeCell(node.live, 'live', 'not live'),
      el('td', node.connections, { className: 'num' }),
      el('td', node.routes, { className: 'num' }),
      drift,
    );
    return row;
  }));
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
  ui.nodesBody.replaceChildren(emptyRow(8, 'no data'));
  ui.onlineBody.replaceChildren(emptyRow(5, 'no data'));
  ui.onlineTotals.textContent = '—';
}

function setKeyStatus(state, text) {
  ui.keyStatus.dataset.state = state;
  ui.keyStatus.textContent = text;
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

function age(iso) {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) {
    return '—';
  }
  const seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
  return seconds < 90 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}
