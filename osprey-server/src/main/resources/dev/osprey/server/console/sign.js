// OSS signature V1 in plain JavaScript: HMAC-SHA1 over the string to sign, base64.
// Written out here (not crypto.subtle) because WebCrypto exists only in secure contexts, and an
// operator may open the console over plain HTTP on a private network.
"use strict";

const OspreySign = (() => {
  const utf8 = (s) => new TextEncoder().encode(s);

  function rotl(x, n) {
    return (x << n) | (x >>> (32 - n));
  }

  // SHA-1 (FIPS 180-4) of a Uint8Array; returns 20 bytes.
  function sha1(bytes) {
    const bitLen = bytes.length * 8;
    const padded = new Uint8Array(((bytes.length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[bytes.length] = 0x80;
    const view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000));
    view.setUint32(padded.length - 4, bitLen >>> 0);
    let h0 = 0x67452301, h1 = 0xefcdab89, h2 = 0x98badcfe, h3 = 0x10325476, h4 = 0xc3d2e1f0;
    const w = new Int32Array(80);
    for (let off = 0; off < padded.length; off += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getInt32(off + i * 4);
      for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
      let a = h0, b = h1, c = h2, d = h3, e = h4;
      for (let i = 0; i < 80; i++) {
        let f, k;
        if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
        else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
        else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
        else { f = b ^ c ^ d; k = 0xca62c1d6; }
        const t = (rotl(a, 5) + f + e + k + w[i]) | 0;
        e = d; d = c; c = rotl(b, 30); b = a; a = t;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0; h4 = (h4 + e) | 0;
    }
    const out = new Uint8Array(20);
    const ov = new DataView(out.buffer);
    [h0, h1, h2, h3, h4].forEach((h, i) => ov.setInt32(i * 4, h));
    return out;
  }

  function hmacSha1(key, message) {
    let k = key.length > 64 ? sha1(key) : key;
    const block = new Uint8Array(64);
    block.set(k);
    const inner = new Uint8Array(64 + message.length);
    const outer = new Uint8Array(64 + 20);
    for (let i = 0; i < 64; i++) {
      inner[i] = block[i] ^ 0x36;
      outer[i] = block[i] ^ 0x5c;
    }
    inner.set(message, 64);
    outer.set(sha1(inner), 64);
    return sha1(outer);
  }

  function base64(bytes) {
    let s = "";
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }

  // The query parameters OSS signs (a subset of the server's list: the ones the console sends).
  const SUB_RESOURCES = new Set([
    "acl", "uploads", "lifecycle", "delete", "append", "tagging", "uploadId", "partNumber",
    "position", "versioning", "versions", "versionId", "policy", "seal", "symlink", "objectMeta",
    "bucketInfo", "stat", "location",
  ]);

  // /bucket/key?sub&sub=v (decoded values, sorted names), as the server canonicalizes it.
  function canonicalResource(path, query) {
    const signed = [];
    for (const [name, value] of query) {
      if ((SUB_RESOURCES.has(name) || name.startsWith("x-oss-")) && !signed.some((p) => p[0] === name)) {
        signed.push([name, value]);
      }
    }
    signed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const sub = signed.map(([n, v]) => (v === "" || v == null ? n : n + "=" + v)).join("&");
    return sub ? path + "?" + sub : path;
  }

  function canonicalOssHeaders(headers) {
    return Object.keys(headers)
      .map((n) => n.toLowerCase())
      .filter((n) => n.startsWith("x-oss-"))
      .sort()
      .map((n) => n + ":" + String(headerValue(headers, n)).trim() + "\n")
      .join("");
  }

  function headerValue(headers, lower) {
    for (const k of Object.keys(headers)) if (k.toLowerCase() === lower) return headers[k];
    return "";
  }

  // The Authorization header value for a request; headers must already hold x-oss-date.
  function authorization(key, verb, path, query, headers) {
    const toSign =
      verb + "\n" + headerValue(headers, "content-md5") + "\n" + headerValue(headers, "content-type") +
      "\n" + headerValue(headers, "x-oss-date") + "\n" + canonicalOssHeaders(headers) +
      canonicalResource(path, query);
    return "OSS " + key.id + ":" + base64(hmacSha1(utf8(key.secret), utf8(toSign)));
  }

  // Query parameters for a presigned GET valid for `seconds` (for EventSource and downloads).
  function presign(key, path, query, seconds) {
    const expires = String(Math.floor(Date.now() / 1000) + seconds);
    const toSign = "GET\n\n\n" + expires + "\n" + canonicalResource(path, query);
    return [
      ["OSSAccessKeyId", key.id],
      ["Expires", expires],
      ["Signature", base64(hmacSha1(utf8(key.secret), utf8(toSign)))],
    ];
  }

  return { sha1, hmacSha1, base64, authorization, presign, canonicalResource };
})();
