// Web chat demo: log in through the control plane (docs/control-plane.md), then speak the JSON
// mapping of docs/protocol.md to the chosen edge over a WebSocket. The token lives only in the
// closure of one connection and is dropped once the edge accepted it; it is never shown or logged.
import { ApiError, el, requestJson } from './api.js';

// PROTOCOL 5: close codes (below 4100) and non-fatal error codes (4100 and up).
const CODE_NAMES = {
  1000: 'normal', 1001: 'going away', 1005: 'no status', 1006: 'connection lost',
  4000: 'protocol_error', 4001: 'auth_required', 4002: 'auth_failed', 4003: 'token_expired',
  4004: 'auth_timeout', 4005: 'frame_too_large', 4006: 'rate_limited', 4007: 'idle_timeout',
  4008: 'replaced', 4009: 'unsupported_version', 4010: 'slow_consumer', 4011: 'going_away',
  4012: 'internal_error', 4100: 'unexpected_frame', 4101: 'rejected',
};
const MAX_ENTRIES = 200;
const DEFAULT_HEARTBEAT_MS = 30000;

const byId = (id) => document.getElementById(id);
const ui = {
  loginForm: byId('login-form'),
  username: byId('username'),
  password: byId('password'),
  deviceId: byId('device-id'),
  login: byId('login'),
  register: byId('register'),
  authError: byId('auth-error'),
  status: byId('status'),
  userId: byId('user-id'),
  sessionDevice: byId('session-device'),
  nodeId: byId('node-id'),
  heartbeat: byId('heartbeat'),
  disconnect: byId('disconnect'),
  sendForm: byId('send-form'),
  targetKind: byId('target-kind'),
  targetId: byId('target-id'),
  messageText: byId('message-text'),
  send: byId('send'),
  frames: byId('frames'),
};

/** The current connection: { socket, nodeId, authenticated, pingTimer, pongs, userClosed, reconnectAt }. */
let connection = null;
let sentCount = 0;

ui.deviceId.value = randomDeviceId();

ui.loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  logIn(event.submitter?.value === 'register');
});

ui.disconnect.addEventListener('click', () => {
  if (connection) {
    connection.userClosed = true;
    connection.socket.close(1000, 'disconnected by user');
  }
});

ui.sendForm.addEventListener('submit', (event) => {
  event.preventDefault();
  sendMessage();
});

function randomDeviceId() {
  const bytes = crypto.getRandomValues(new Uint8Array(2));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function logIn(register) {
  ui.authError.textContent = '';
  delete ui.authError.dataset.code;
  const username = ui.username.value.trim();
  const password = ui.password.value;
  const deviceId = ui.deviceId.value.trim();
  setAccountFormEnabled(false);
  try {
    if (register) {
      const created = await requestJson('POST', '/api/auth/register', { body: { username, password } });
      note(`registered ${username} as user ${created.userId}`);
    }
    const login = await requestJson('POST', '/api/auth/login', { body: { username, password, deviceId } });
    ui.userId.textContent = String(login.userId);
    ui.sessionDevice.textContent = deviceId;
    connect(login);
  } catch (error) {
    ui.authError.textContent = error instanceof ApiError ? error.message : `unexpected failure: ${error}`;
    if (error instanceof ApiError) {
      ui.authError.dataset.code = error.code;
    }
    setAccountFormEnabled(true);
  }
}

/** Connects to the login's edge; if it cannot be reached at all, to its fallbacks in order. */
function connect(login) {
  const edges = [login.edge, ...(login.fallbacks ?? [])].filter(Boolean);
  let token = login.token;

  const attempt = (index) => {
    const edge = edges[index];
    const current = {
      socket: null, nodeId: edge.nodeId, authenticated: false, pingTimer: null, pongs: 0,
      userClosed: false, reconnectAt: null,
    };
    connection = current;
    setStatus('connecting', `connecting to ${edge.nodeId} …`);
    ui.nodeId.textContent = edge.nodeId;
    ui.heartbeat.textContent = '—';
    ui.disconnect.disabled = false;
    let opened = false;
    try {
      current.socket = new WebSocket(edge.wsUrl);
    } catch {
      note(`${edge.nodeId} has an unusable address`);
      nextOrGiveUp(index, current, { code: 1006, reason: 'bad WebSocket URL' });
      return;
    }
    current.socket.addEventListener('open', () => {
      opened = true;
      // PROTOCOL 3.1: auth must be the first frame.
      sendFrame(current, { type: 'auth', token });
    });
    current.socket.addEventListener('message', (event) => {
      const frame = onFrame(current, event.data);
      if (frame?.type === 'auth_ok') {
        token = null;
      }
    });
    current.socket.addEventListener('close', (event) => {
      if (!opened && !current.userClosed) {
        nextOrGiveUp(index, current, event);
      } else {
        token = null;
        onClosed(current, event);
      }
    });
  };

  const nextOrGiveUp = (index, current, event) => {
    if (index + 1 < edges.length) {
      note(`${edges[index].nodeId} did not answer; trying ${edges[index + 1].nodeId}`);
      attempt(index + 1);
    } else {
      token = null;
      onClosed(current, event);
    }
  };

  attempt(0);
}

function sendFrame(conn, frame) {
  if (conn.socket && conn.socket.readyState === WebSocket.OPEN) {
    conn.socket.send(JSON.stringify(frame));
    return true;
  }
  return false;
}

/** Handles one frame from the edge and returns it parsed (or null). */
function onFrame(conn, data) {
  if (conn !== connection) {
    return null;
  }
  if (typeof data !== 'string') {
    addEntry('error', 'binary frame', 'the edge sent a binary frame; this page speaks JSON');
    return null;
  }
  let frame;
  try {
    frame = JSON.parse(data);
  } catch {
    addEntry('error', 'unreadable frame', data.slice(0, 300));
    return null;
  }
  switch (frame.type) {
    case 'auth_ok':
      onAuthOk(conn, frame);
      break;
    case 'pong':
      conn.pongs += 1;
      renderHeartbeat(conn);
      break;
    case 'push':
      onPush(conn, frame);
      break;
    case 'receipt':
      addEntry('receipt', `receipt: ${frame.status}`, `${frame.clientMsgId} → server message ${frame.msgId}`,
        { 'data-client-msg-id': frame.clientMsgId });
      break;
    case 'reconnect':
      // PROTOCOL 3.5: log in again (for a fresh node) after delayMs; the edge closes with 4011.
      conn.reconnectAt = Date.now() + Math.max(0, Number(frame.delayMs) || 0);
      addEntry('reconnect', 'reconnect', `${frame.reason} — logging in again in ${frame.delayMs} ms`);
      break;
    case 'error':
      addEntry('error', `error ${frame.code} ${CODE_NAMES[frame.code] ?? ''}`.trim(), frame.message,
        { 'data-code': String(frame.code) });
      break;
    default:
      // PROTOCOL 6: new frame types are additions; show them rather than fail.
      addEntry('unknown', String(frame.type ?? 'unknown'), data.slice(0, 300));
  }
  return frame;
}

function onAuthOk(conn, frame) {
  conn.authenticated = true;
  conn.nodeId = frame.nodeId;
  const interval = Number(frame.heartbeatMs) > 0 ? Math.max(250, Number(frame.heartbeatMs)) : DEFAULT_HEARTBEAT_MS;
  conn.heartbeatMs = interval;
  // PROTOCOL 3.3: one ping per interval keeps the connection alive.
  conn.pingTimer = setInterval(() => sendFrame(conn, { type: 'ping' }), interval);
  setStatus('connected', `connected to ${frame.nodeId}`);
  ui.userId.textContent = String(frame.userId);
  ui.sessionDevice.textContent = frame.deviceId;
  ui.nodeId.textContent = frame.nodeId;
  renderHeartbeat(conn);
  ui.send.disabled = false;
  if (!ui.targetId.value) {
    ui.targetId.value = String(frame.userId);
  }
  addEntry('auth_ok', 'auth_ok', `user ${frame.userId}, device ${frame.deviceId}, node ${frame.nodeId}`);
}

function onPush(conn, frame) {
  addEntry('push', frame.from != null ? `from user ${frame.from}` : 'push', bodyText(frame.body),
    { 'data-msg-id': String(frame.msgId) });
  if (frame.needsAck) {
    sendFrame(conn, { type: 'ack', msgId: String(frame.msgId) });
  }
}

function bodyText(body) {
  if (typeof body === 'string') {
    return body;
  }
  if (body && typeof body === 'object' && typeof body.text === 'string') {
    return body.text;
  }
  return JSON.stringify(body);
}

function onClosed(conn, event) {
  clearInterval(conn.pingTimer);
  conn.pingTimer = null;
  if (conn !== connection) {
    return;
  }
  const name = CODE_NAMES[event.code];
  const reason = event.reason ? `: ${event.reason}` : '';
  setStatus('closed', `closed ${event.code}${name ? ` ${name}` : ''}${reason}`);
  ui.status.dataset.code = String(event.code);
  ui.send.disabled = true;
  ui.disconnect.disabled = true;
  setAccountFormEnabled(true);
  if (conn.reconnectAt !== null && !conn.userClosed) {
    const wait = Math.max(0, conn.reconnectAt - Date.now());
    setTimeout(() => {
      if (connection === conn) {
        logIn(false);
      }
    }, wait);
  }
}

function sendMessage() {
  const conn = connection;
  if (!conn?.authenticated) {
    return;
  }
  const id = Number(ui.targetId.value);
  if (!Number.isSafeInteger(id) || id < 1) {
    ui.targetId.setCustomValidity('a positive whole number');
    ui.targetId.reportValidity();
    ui.targetId.setCustomValidity('');
    return;
  }
  const kind = ui.targetKind.value === 'group' ? 'group' : 'user';
  const text = ui.messageText.value;
  sentCount += 1;
  const clientMsgId = `web-${Date.now().toString(36)}-${sentCount}`;
  // PROTOCOL 3.4: answered by a receipt with the server's message id.
  if (sendFrame(conn, { type: 'send', to: { [kind]: id }, body: { text }, clientMsgId })) {
    addEntry('sent', `you → ${kind} ${id}`, text, { 'data-client-msg-id': clientMsgId });
    ui.messageText.value = '';
  }
}

function renderHeartbeat(conn) {
  ui.heartbeat.textContent = `ping every ${conn.heartbeatMs} ms, ${conn.pongs} pong${conn.pongs === 1 ? '' : 's'}`;
  ui.heartbeat.dataset.pongs = String(conn.pongs);
}

function setStatus(state, text) {
  ui.status.dataset.state = state;
  delete ui.status.dataset.code;
  ui.status.textContent = text;
}

function setAccountFormEnabled(enabled) {
  ui.login.disabled = !enabled;
  ui.register.disabled = !enabled;
}

function note(text) {
  addEntry('note', 'note', text);
}

function addEntry(type, kind, text, attributes = {}) {
  ui.frames.querySelector('li.empty')?.remove();
  const item = el('li', null, { 'data-type': type, ...attributes });
  item.append(
    el('time', new Date().toTimeString().slice(0, 8)),
    el('span', kind, { className: 'kind' }),
    el('span', text ?? '', { className: 'text' }),
  );
  ui.frames.append(item);
  while (ui.frames.children.length > MAX_ENTRIES) {
    ui.frames.firstElementChild.remove();
  }
  ui.frames.scrollTop = ui.frames.scrollHeight;
}
