// Calls to the control plane's JSON API (docs/control-plane.md). Every refusal there is
// {code, message, traceId}; callers show `message`.

/** A refused or failed call: HTTP status (0 when nothing answered), stable code, readable message. */
export class ApiError extends Error {
  constructor(status, code, message, traceId) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.traceId = traceId;
  }
}

/**
 * Sends one request and resolves to the parsed JSON body, or rejects with an ApiError.
 * `bearer` goes into the Authorization header, never into the URL.
 */
export async function requestJson(method, path, { body, bearer } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'unreachable', 'the control plane did not answer');
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      json?.code ?? `http_${response.status}`,
      json?.message ?? `HTTP ${response.status} ${response.statusText}`.trim(),
      json?.traceId ?? response.headers.get('X-Trace-Id'),
    );
  }
  return json;
}

/** A new element with text content (never parsed as HTML) and optional attributes. */
export function el(tag, text, attributes = {}) {
  const element = document.createElement(tag);
  if (text !== undefined && text !== null) {
    element.textContent = String(text);
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'className') {
      element.className = value;
    } else {
      element.setAttribute(name, value);
    }
  }
  return element;
}
