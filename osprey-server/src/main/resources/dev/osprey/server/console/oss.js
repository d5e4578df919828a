// A small OSS client for the console: every request signed in the page with the signed-in key
// (kept in sessionStorage only) and sent to /console/oss/..., which the server answers through its
// OSS request pipeline: the key's own permissions apply, exactly as for an SDK.
"use strict";

class OssError extends Error {
  constructor(status, code, message, requestId, ec) {
    super(code ? code + ": " + message : "HTTP " + status + (message ? ": " + message : ""));
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.ec = ec;
  }
}

const Oss = (() => {
  const STORE = "osprey.console.key";

  function key() {
    const raw = sessionStorage.getItem(STORE);
    return raw ? JSON.parse(raw) : null;
  }
  function setKey(id, secret) {
    sessionStorage.setItem(STORE, JSON.stringify({ id, secret }));
  }
  function clearKey() {
    sessionStorage.removeItem(STORE);
  }

  const encodeKey = (k) => k.split("/").map(encodeURIComponent).join("/");

  // The signed resource path (decoded) and the URL path (encoded) of a bucket/key.
  function paths(bucket, objectKey) {
    if (!bucket) return { resource: "/", url: "/" };
    if (objectKey == null) return { resource: "/" + bucket + "/", url: "/" + bucket + "/" };
    return { resource: "/" + bucket + "/" + objectKey, url: "/" + bucket + "/" + encodeKey(objectKey) };
  }

  function queryString(query) {
    if (!query.length) return "";
    return "?" + query
      .map(([n, v]) => (v === "" || v == null ? encodeURIComponent(n) : encodeURIComponent(n) + "=" + encodeURIComponent(v)))
      .join("&");
  }

  function parseHeaders(xhr) {
    const out = [];
    for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
      const i = line.indexOf(":");
      if (i > 0) out.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
    }
    return out;
  }

  function xmlError(status, text, headers) {
    let code = "", message = "", requestId = "", ec = "";
    if (text && text.trim().startsWith("<")) {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const get = (n) => (doc.getElementsByTagName(n)[0] || {}).textContent || "";
      code = get("Code"); message = get("Message"); requestId = get("RequestId"); ec = get("EC");
    } else if (text && text.trim().startsWith("{")) {
      try { const j = JSON.parse(text); code = j.Code || ""; message = j.Message || ""; } catch (e) { message = text; }
    }
    if (!code && headers) {
      const err = headers.find(([n]) => n === "x-oss-err");
      if (err) {
        try { return xmlError(status, atob(err[1]), null); } catch (e) { /* not base64: ignore */ }
      }
    }
    return new OssError(status, code, message, requestId, ec);
  }

  // One signed request through XMLHttpRequest (it reports upload progress and every header).
  // opts: method, url (under the origin), resource (signed path), query [[n, v]], headers {},
  // body (Blob | Uint8Array | string | null), contentType, responseType, onProgress(loaded, total)
  function send(opts) {
    const k = key();
    if (!k) return Promise.reject(new OssError(0, "NotSignedIn", "Sign in first."));
    const headers = Object.assign({}, opts.headers || {});
    headers["x-oss-date"] = new Date().toUTCString();
    let body = opts.body == null ? null : opts.body;
    if (typeof body === "string") body = new TextEncoder().encode(body);
    if (body != null) headers["Content-Type"] = opts.contentType || "application/octet-stream";
    headers["Authorization"] = OspreySign.authorization(k, opts.method, opts.resource, opts.query || [], headers);
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(opts.method, opts.url + queryString(opts.query || []));
      for (const [n, v] of Object.entries(headers)) xhr.setRequestHeader(n, v);
      xhr.responseType = opts.responseType || "text";
      if (opts.onProgress) xhr.upload.onprogress = (e) => opts.onProgress(e.loaded, e.total);
      xhr.onload = () => {
        const hs = parseHeaders(xhr);
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve({ status: xhr.status, headers: hs, header: (n) => (hs.find(([x]) => x === n) || [])[1], body: xhr.response });
        } else {
          let text = "";
          if (typeof xhr.response === "string") text = xhr.response;
          else if (xhr.response instanceof ArrayBuffer) text = new TextDecoder().decode(xhr.response);
          reject(xmlError(xhr.status, text, hs));
        }
      };
      xhr.onerror = () => reject(new OssError(0, "NetworkError", "The server could not be reached."));
      xhr.send(body);
    });
  }

  // An OSS request. target: { bucket, key } (both optional).
  function oss(method, target, opts = {}) {
    const p = paths(target.bucket, target.key);
    return send(Object.assign({}, opts, { method, url: "/console/oss" + p.url, resource: p.resource }));
  }

  // An admin API request (root key only), JSON in and out.
  async function admin(method, path, body) {
    const r = await send({
      method, url: "/admin/" + path, resource: "/admin/" + path, query: [],
      body: body == null ? null : body, contentType: "application/json",
    });
    return r.body ? JSON.parse(r.body) : {};
  }

  // A presigned GET URL for an object (downloads, EventSource: neither can sign headers).
  function presignedUrl(bucket, objectKey, query, seconds) {
    const p = paths(bucket, objectKey);
    const all = query.concat(OspreySign.presign(key(), p.resource, query, seconds));
    return "/console/oss" + p.url + queryString(all);
  }

  function xml(text) {
    return new DOMParser().parseFromString(text, "application/xml");
  }

  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

  return { key, setKey, clearKey, oss, admin, presignedUrl, xml, esc, OssError };
})();
