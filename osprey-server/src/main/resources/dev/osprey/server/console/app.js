// The Osprey console: hash-routed pages over the OSS API (signed in the page) and the admin API.
"use strict";

(() => {
  const main = document.getElementById("main");
  const status = document.getElementById("status");
  const nav = document.getElementById("nav");
  let cleanup = null; // the current page's timers and streams, stopped on navigation

  // h("tag.class#id", {attrs}, children...): builds DOM without innerHTML.
  function h(spec, attrs, ...children) {
    const m = spec.match(/^([a-z0-9]+)((?:[.#][\w-]+)*)$/i);
    const e = document.createElement(m[1]);
    for (const part of m[2].match(/[.#][\w-]+/g) || []) {
      if (part[0] === ".") e.classList.add(part.slice(1)); else e.id = part.slice(1);
    }
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c != null) e.append(c);
    return e;
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? "error" : "";
  }
  function fail(e) {
    say(e.message || String(e), true);
  }

  function field(label, input) {
    const id = input.id || "f-" + Math.random().toString(36).slice(2);
    input.id = id;
    return h("div.field", null, h("label", { for: id, text: label }), input);
  }

  // A button that asks once more before acting: keyboard friendly, no modal dialog.
  function confirmButton(label, action) {
    const b = h("button.danger", { type: "button", text: label });
    let armed = false;
    b.addEventListener("click", async () => {
      if (!armed) { armed = true; b.textContent = "Confirm " + label.toLowerCase(); return; }
      b.disabled = true;
      try { await action(); } catch (e) { fail(e); b.disabled = false; }
    });
    b.addEventListener("blur", () => { armed = false; b.textContent = label; });
    return b;
  }

  const xmlText = (node, name) => ((node.getElementsByTagName(name)[0] || {}).textContent || "");
  const bytes = Charts.bytes;

  function page(title, ...children) {
    main.replaceChildren(h("h1", { text: title, tabindex: "-1" }), ...children);
    main.querySelector("h1").focus();
    document.title = title + " · Osprey console";
  }

  // ---- sign in -------------------------------------------------------------------------------

  function signInPage() {
    nav.hidden = true;
    const id = h("input", { name: "accessKeyId", autocomplete: "username", required: true, id: "access-key-id" });
    const secret = h("input", { name: "accessKeySecret", type: "password", autocomplete: "current-password", required: true, id: "access-key-secret" });
    const form = h("form.card", { id: "sign-in" },
      field("AccessKeyId", id), field("AccessKeySecret", secret),
      h("button", { type: "submit", text: "Sign in" }),
      h("p.hint", { text: "The key stays in this tab (sessionStorage) and signs each request here; it is never sent." }));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      Oss.setKey(id.value.trim(), secret.value);
      try {
        await Oss.oss("GET", {}, { query: [["max-keys", "1"]] });
      } catch (e) {
        if (e.code !== "AccessDenied") { Oss.clearKey(); fail(e); return; }
      }
      say("Signed in as " + id.value.trim());
      location.hash = "#/buckets";
      route();
    });
    page("Sign in", form);
  }

  // ---- buckets -------------------------------------------------------------------------------

  async function bucketsPage() {
    const list = h("tbody");
    const table = h("table", { id: "buckets" }, h("thead", null, h("tr", null,
      h("th", { text: "Bucket" }), h("th", { text: "Region" }), h("th", { text: "Created" }), h("th", { text: "" }))), list);
    const name = h("input", { id: "new-bucket", required: true, pattern: "[a-z0-9][a-z0-9\\-]{1,61}[a-z0-9]" });
    const acl = h("select", { id: "new-bucket-acl" }, ["private", "public-read", "public-read-write"].map((a) => h("option", { value: a, text: a })));
    const form = h("form.card.inline", { id: "create-bucket" }, field("New bucket", name), field("ACL", acl), h("button", { type: "submit", text: "Create bucket" }));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        await Oss.oss("PUT", { bucket: name.value }, { headers: { "x-oss-acl": acl.value } });
        say("Created bucket " + name.value);
        bucketsPage();
      } catch (e) { fail(e); }
    });
    page("Buckets", form, h("div.scroll", null, table));
    try {
      const r = await Oss.oss("GET", {});
      const doc = Oss.xml(r.body);
      const buckets = [...doc.getElementsByTagName("Bucket")];
      if (!buckets.length) list.append(h("tr", null, h("td", { colspan: "4", text: "No buckets yet." })));
      for (const b of buckets) {
        const n = xmlText(b, "Name");
        list.append(h("tr", null,
          h("td", null, h("a", { href: "#/b/" + encodeURIComponent(n) + "/", text: n })),
          h("td", { text: xmlText(b, "Location") }),
          h("td", { text: xmlText(b, "CreationDate") }),
          h("td", null, confirmButton("Delete", async () => {
            await Oss.oss("DELETE", { bucket: n });
            say("Deleted bucket " + n);
            bucketsPage();
          }))));
      }
    } catch (e) { fail(e); list.append(h("tr", null, h("td.error", { colspan: "4", text: e.message }))); }
  }

  // ---- one bucket: objects and settings -----------------------------------------------------

  async function bucketPage(bucket, prefix) {
    const crumbs = h("nav.crumbs", { "aria-label": "Folders" }, h("a", { href: "#/b/" + encodeURIComponent(bucket) + "/", text: bucket }));
    let acc = "";
    for (const part of prefix.split("/").filter(Boolean)) {
      acc += part + "/";
      crumbs.append(" / ", h("a", { href: folderHref(bucket, acc), text: part }));
    }
    const rows = h("tbody");
    const table = h("table", { id: "objects" }, h("thead", null, h("tr", null,
      h("th", { text: "Name" }), h("th", { text: "Size" }), h("th", { text: "Type" }), h("th", { text: "Modified" }), h("th", { text: "" }))), rows);
    const more = h("button", { type: "button", text: "More", hidden: true });
    let marker = "";
    const refresh = () => { rows.replaceChildren(); marker = ""; return load(); };
    page("Bucket " + bucket, crumbs, uploadCard(bucket, prefix, refresh), h("div.scroll", null, table), more, settings(bucket));
    async function load() {
      try {
        const q = [["delimiter", "/"], ["prefix", prefix], ["max-keys", "200"]];
        if (marker) q.push(["marker", marker]);
        const doc = Oss.xml((await Oss.oss("GET", { bucket }, { query: q })).body);
        for (const p of doc.querySelectorAll("CommonPrefixes > Prefix")) {
          const full = p.textContent;
          rows.append(h("tr.folder", null, h("td", null, h("a", { href: folderHref(bucket, full), text: full.slice(prefix.length) })),
            h("td"), h("td", { text: "folder" }), h("td"), h("td")));
        }
        for (const c of doc.getElementsByTagName("Contents")) {
          const k = xmlText(c, "Key");
          rows.append(h("tr", null,
            h("td", null, h("a", { href: objectHref(bucket, k), text: k.slice(prefix.length) || k })),
            h("td", { text: bytes(Number(xmlText(c, "Size"))) }),
            h("td", { text: xmlText(c, "Type") }),
            h("td", { text: xmlText(c, "LastModified") }),
            h("td", null, confirmButton("Delete", async () => {
              await Oss.oss("DELETE", { bucket, key: k });
              say("Deleted " + k);
              refresh();
            }))));
        }
        if (!rows.children.length) rows.append(h("tr", null, h("td", { colspan: "5", text: "Empty." })));
        const truncated = xmlText(doc, "IsTruncated") === "true";
        marker = xmlText(doc, "NextMarker");
        more.hidden = !truncated;
      } catch (e) { fail(e); rows.append(h("tr", null, h("td.error", { colspan: "5", text: e.message }))); }
    }
    more.addEventListener("click", load);
    await load();
  }

  const folderHref = (bucket, prefix) => "#/b/" + encodeURIComponent(bucket) + "/" + encodeURIComponent(prefix);
  const objectHref = (bucket, key) => "#/o/" + encodeURIComponent(bucket) + "/" + encodeURIComponent(key);

  const PART = 8 * 1024 * 1024;          // part size of a multipart upload
  const MULTIPART_FROM = 16 * 1024 * 1024; // files this large go up in parts

  function uploadCard(bucket, prefix, uploaded) {
    const file = h("input", { type: "file", id: "upload-file", required: true });
    const name = h("input", { id: "upload-key", placeholder: "(the file's name)" });
    const bar = h("progress", { id: "upload-progress", max: "100", value: "0" });
    const note = h("span", { id: "upload-note", "aria-live": "polite" });
    const form = h("form.card.inline", { id: "upload" }, field("File", file), field("Key under " + (prefix || "/"), name),
      h("button", { type: "submit", text: "Upload" }), field("Progress", bar), note);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const f = file.files[0];
      if (!f) return;
      const key = prefix + (name.value || f.name);
      const type = f.type || "application/octet-stream";
      const progress = (done, total) => { bar.value = total ? Math.round((done / total) * 100) : 0; };
      try {
        if (f.size >= MULTIPART_FROM) await multipart(bucket, key, f, type, progress, note);
        else await Oss.oss("PUT", { bucket, key }, { body: f, contentType: type, onProgress: progress });
        bar.value = 100;
        note.textContent = "Uploaded " + key;
        file.value = ""; name.value = "";
        say("Uploaded " + key + " (" + bytes(f.size) + ")");
        uploaded();
      } catch (e) { fail(e); note.textContent = "Failed: " + e.message; }
    });
    return form;
  }

  // InitiateMultipartUpload, UploadPart for each PART bytes, CompleteMultipartUpload; aborted on failure.
  async function multipart(bucket, key, f, type, progress, note) {
    const init = Oss.xml((await Oss.oss("POST", { bucket, key }, { query: [["uploads", ""]], headers: {}, body: new Uint8Array(0), contentType: type })).body);
    const uploadId = xmlText(init, "UploadId");
    const parts = [];
    try {
      for (let n = 1, off = 0; off < f.size; n++, off += PART) {
        note.textContent = "Part " + n + " of " + Math.ceil(f.size / PART);
        const r = await Oss.oss("PUT", { bucket, key }, {
          query: [["partNumber", String(n)], ["uploadId", uploadId]],
          body: f.slice(off, off + PART), contentType: "application/octet-stream",
          onProgress: (done) => progress(off + done, f.size),
        });
        parts.push("<Part><PartNumber>" + n + "</PartNumber><ETag>" + Oss.esc(r.header("etag")) + "</ETag></Part>");
      }
      await Oss.oss("POST", { bucket, key }, {
        query: [["uploadId", uploadId]], contentType: "application/xml",
        body: "<CompleteMultipartUpload>" + parts.join("") + "</CompleteMultipartUpload>",
      });
    } catch (e) {
      await Oss.oss("DELETE", { bucket, key }, { query: [["uploadId", uploadId]] }).catch(() => {});
      throw e;
    }
  }

  // ACL, versioning, lifecycle and policy of a bucket, each loaded and saved through its own API.
  function settings(bucket) {
    // aria-busy until the current settings are loaded, so nothing is edited over a stale value.
    const box = h("section.card", { id: "bucket-settings", "aria-label": "Bucket settings", "aria-busy": "true" }, h("h2", { text: "Settings" }));
    const acl = h("select", { id: "bucket-acl" }, ["private", "public-read", "public-read-write"].map((a) => h("option", { value: a, text: a })));
    const ver = h("select", { id: "bucket-versioning" }, ["Off", "Enabled", "Suspended"].map((a) => h("option", { value: a, text: a })));
    const life = h("textarea", { id: "bucket-lifecycle", rows: "6", spellcheck: "false" });
    const pol = h("textarea", { id: "bucket-policy", rows: "6", spellcheck: "false" });
    const act = (label, fn) => h("button", { type: "button", text: label, onclick: async () => {
      try { await fn(); say(label + ": done"); } catch (e) { fail(e); }
    } });
    box.append(
      h("div.inline", null, field("ACL", acl), act("Save ACL", () => Oss.oss("PUT", { bucket }, { query: [["acl", ""]], headers: { "x-oss-acl": acl.value } }))),
      h("div.inline", null, field("Versioning", ver), act("Save versioning", () => {
        if (ver.value === "Off") throw new Error("Versioning cannot be turned off once enabled; choose Suspended.");
        return Oss.oss("PUT", { bucket }, { query: [["versioning", ""]], contentType: "application/xml",
          body: "<VersioningConfiguration><Status>" + ver.value + "</Status></VersioningConfiguration>" });
      })),
      field("Lifecycle (XML)", life),
      h("div.inline", null,
        act("Save lifecycle", () => Oss.oss("PUT", { bucket }, { query: [["lifecycle", ""]], contentType: "application/xml", body: life.value })),
        act("Delete lifecycle", async () => { await Oss.oss("DELETE", { bucket }, { query: [["lifecycle", ""]] }); life.value = ""; })),
      field("Bucket policy (JSON)", pol),
      h("div.inline", null,
        act("Save policy", () => Oss.oss("PUT", { bucket }, { query: [["policy", ""]], contentType: "application/json", body: pol.value })),
        act("Delete policy", async () => { await Oss.oss("DELETE", { bucket }, { query: [["policy", ""]] }); pol.value = ""; })));
    const quiet = (p) => p.catch((e) => (e.status === 404 ? null : Promise.reject(e)));
    (async () => {
      try {
        const a = Oss.xml((await Oss.oss("GET", { bucket }, { query: [["acl", ""]] })).body);
        acl.value = xmlText(a, "Grant") || "private";
        const v = Oss.xml((await Oss.oss("GET", { bucket }, { query: [["versioning", ""]] })).body);
        ver.value = xmlText(v, "Status") || "Off";
        const l = await quiet(Oss.oss("GET", { bucket }, { query: [["lifecycle", ""]] }));
        life.value = l ? l.body : "";
        const p = await quiet(Oss.oss("GET", { bucket }, { query: [["policy", ""]] }));
        pol.value = p ? p.body : "";
      } catch (e) { box.append(h("p.error", { text: "Settings: " + e.message })); }
      box.setAttribute("aria-busy", "false");
    })();
    return box;
  }

  // ---- one object ----------------------------------------------------------------------------

  async function objectPage(bucket, key) {
    const headers = h("tbody");
    const tags = h("textarea", { id: "object-tags", rows: "4", spellcheck: "false", placeholder: "key=value, one a line", "aria-busy": "true" });
    const download = h("a.button", { href: Oss.presignedUrl(bucket, key, [], 3600), download: key.split("/").pop(), id: "download", text: "Download" });
    const folder = key.includes("/") ? key.slice(0, key.lastIndexOf("/") + 1) : "";
    page("Object " + key,
      h("nav.crumbs", null, h("a", { href: folderHref(bucket, folder), text: "← " + bucket + "/" + folder })),
      h("div.inline", null, download,
        h("a.button", { href: "#/live/" + encodeURIComponent(bucket) + "/" + encodeURIComponent(key), id: "watch", text: "Watch live" }),
        confirmButton("Delete", async () => {
          await Oss.oss("DELETE", { bucket, key });
          say("Deleted " + key);
          location.hash = folderHref(bucket, folder);
        })),
      h("h2", { text: "Headers" }),
      h("div.scroll", null, h("table", { id: "object-headers" }, h("thead", null, h("tr", null, h("th", { text: "Header" }), h("th", { text: "Value" }))), headers)),
      h("h2", { text: "Tags" }), field("Tags", tags),
      h("button", { type: "button", id: "save-tags", text: "Save tags", onclick: async () => {
        const pairs = tags.value.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
          const i = l.indexOf("=");
          return i < 0 ? [l, ""] : [l.slice(0, i).trim(), l.slice(i + 1).trim()];
        });
        try {
          if (!pairs.length) await Oss.oss("DELETE", { bucket, key }, { query: [["tagging", ""]] });
          else await Oss.oss("PUT", { bucket, key }, { query: [["tagging", ""]], contentType: "application/xml",
            body: "<Tagging><TagSet>" + pairs.map(([k, v]) => "<Tag><Key>" + Oss.esc(k) + "</Key><Value>" + Oss.esc(v) + "</Value></Tag>").join("") + "</TagSet></Tagging>" });
          say("Tags saved");
        } catch (e) { fail(e); }
      } }));
    try {
      const r = await Oss.oss("HEAD", { bucket, key });
      const important = ["content-type", "content-length", "x-oss-object-type", "x-oss-next-append-position", "x-oss-hash-crc64ecma", "x-oss-sealed-time", "etag", "last-modified"];
      const sorted = r.headers.slice().sort((a, b) => {
        const ia = important.indexOf(a[0]), ib = important.indexOf(b[0]);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a[0] < b[0] ? -1 : 1);
      });
      for (const [n, v] of sorted) headers.append(h("tr", { "data-header": n }, h("th", { scope: "row", text: n }), h("td", { text: v })));
      const t = Oss.xml((await Oss.oss("GET", { bucket, key }, { query: [["tagging", ""]] })).body);
      tags.value = [...t.getElementsByTagName("Tag")].map((g) => xmlText(g, "Key") + "=" + xmlText(g, "Value")).join("\n");
      tags.setAttribute("aria-busy", "false");
    } catch (e) { fail(e); headers.append(h("tr", null, h("td.error", { colspan: "2", text: e.message }))); }
  }

  // ---- live view of a growing object ---------------------------------------------------------

  async function livePage(bucket, key) {
    const size = h("strong", { id: "live-size", text: "–" });
    const state = h("span", { id: "live-state", text: "connecting" });
    const received = h("span", { id: "live-received", text: "0" });
    const lines = h("pre", { id: "live-lines", tabindex: "0", "aria-label": "Last lines" });
    const chart = Charts.line("Size", "", bytes);
    page("Live: " + key,
      h("nav.crumbs", null, h("a", { href: objectHref(bucket, key), text: "← " + bucket + "/" + key })),
      h("p", null, "Size ", size, " · new bytes received ", received, " · ", state),
      chart.node, h("h2", { text: "Last lines" }), lines);
    const points = [];
    let text = "";
    const decoder = new TextDecoder();
    const MAX_LINES = 40;
    function show(bytesNow, chunk) {
      size.textContent = bytes(bytesNow) + " (" + bytesNow + ")";
      points.push([Date.now(), bytesNow]);
      if (points.length > 300) points.shift();
      chart.draw(points);
      if (chunk) {
        text += decoder.decode(chunk, { stream: true });
        const all = text.split("\n");
        if (all.length > MAX_LINES + 1) text = all.slice(-MAX_LINES - 1).join("\n");
        lines.textContent = text;
      }
    }
    let start = 0;
    try {
      const head = await Oss.oss("HEAD", { bucket, key });
      start = Number(head.header("content-length"));
      if (start > 0) {
        const from = Math.max(0, start - 8192);
        const r = await Oss.oss("GET", { bucket, key }, { headers: { Range: "bytes=" + from + "-" + (start - 1) }, responseType: "arraybuffer" });
        let first = new Uint8Array(r.body);
        if (from > 0) { const nl = first.indexOf(10); if (nl >= 0) first = first.subarray(nl + 1); }
        show(start, first);
      } else show(0, null);
    } catch (e) {
      if (e.status !== 404) { fail(e); return; }
      state.textContent = "waiting for the object to exist";
    }
    const url = Oss.presignedUrl(bucket, key, [["x-osprey-tail", String(start)], ["x-osprey-tail-format", "sse"]], 3600);
    const source = new EventSource(url);
    cleanup = () => source.close();
    let got = 0;
    source.onopen = () => { state.textContent = "live"; };
    source.addEventListener("append", (ev) => {
      const d = JSON.parse(ev.data);
      const raw = atob(d.bytes);
      const chunk = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) chunk[i] = raw.charCodeAt(i);
      got += chunk.length;
      received.textContent = String(got);
      show(d.next, chunk);
    });
    source.addEventListener("end", (ev) => {
      const d = JSON.parse(ev.data);
      state.textContent = "ended: " + d.reason;
      source.close();
    });
    // EventSource reconnects by itself (resuming at Last-Event-ID) unless the server refused it,
    // e.g. once the presigned URL has expired: then only a reload starts a new stream.
    source.onerror = () => {
      state.textContent = source.readyState === EventSource.CLOSED ? "stopped: reload the page to resume" : "reconnecting";
    };
  }

  // ---- users, keys and policies (admin API, root key) -----------------------------------------

  async function usersPage() {
    const list = h("tbody");
    const name = h("input", { id: "new-user", required: true, pattern: "[A-Za-z0-9._@\\-]{1,64}" });
    const form = h("form.card.inline", { id: "create-user" }, field("New user", name), h("button", { type: "submit", text: "Create user" }));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try { await Oss.admin("POST", "users/" + name.value); say("Created user " + name.value); usersPage(); } catch (e) { fail(e); }
    });
    page("Users", h("p.hint", { text: "Managing users needs the root key." }), form,
      h("div.scroll", null, h("table", { id: "users" }, h("thead", null, h("tr", null, h("th", { text: "User" }), h("th", { text: "Id" }), h("th", { text: "Created" }), h("th"))), list)));
    try {
      const r = await Oss.admin("GET", "users");
      for (const u of r.Users) {
        list.append(h("tr", null, h("td", null, h("a", { href: "#/u/" + encodeURIComponent(u.UserName), text: u.UserName })),
          h("td", { text: u.UserId }), h("td", { text: u.CreateDate }),
          h("td", null, confirmButton("Delete", async () => { await Oss.admin("DELETE", "users/" + u.UserName); usersPage(); }))));
      }
      if (!r.Users.length) list.append(h("tr", null, h("td", { colspan: "4", text: "No users yet." })));
    } catch (e) { fail(e); list.append(h("tr", null, h("td.error", { colspan: "4", text: e.message }))); }
  }

  async function userPage(user) {
    const keys = h("tbody");
    const policies = h("ul", { id: "policies" });
    const secret = h("p.secret", { id: "new-secret", "aria-live": "polite" });
    const pname = h("input", { id: "policy-name", required: true });
    const pdoc = h("textarea", { id: "policy-document", rows: "8", spellcheck: "false" });
    pdoc.value = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject"],"Resource":["acs:oss:*:*:bucket/*"]}]}';
    const pform = h("form.card", { id: "put-policy" }, field("Policy name", pname), field("Policy document (JSON)", pdoc), h("button", { type: "submit", text: "Attach policy" }));
    pform.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try { await Oss.admin("PUT", "users/" + user + "/policies/" + pname.value, pdoc.value); say("Policy attached"); userPage(user); } catch (e) { fail(e); }
    });
    page("User " + user, h("nav.crumbs", null, h("a", { href: "#/users", text: "← Users" })),
      h("h2", { text: "Access keys" }),
      h("button", { type: "button", id: "create-key", text: "Create access key", onclick: async () => {
        try {
          const k = await Oss.admin("POST", "users/" + user + "/keys");
          secret.textContent = "New key " + k.AccessKeyId + " secret " + k.AccessKeySecret + " (shown once: copy it now)";
          loadKeys();
        } catch (e) { fail(e); }
      } }), secret,
      h("div.scroll", null, h("table", { id: "keys" }, h("thead", null, h("tr", null, h("th", { text: "AccessKeyId" }), h("th", { text: "Status" }), h("th", { text: "Created" }), h("th"))), keys)),
      h("h2", { text: "Policies" }), policies, pform);
    async function loadKeys() {
      keys.replaceChildren();
      const r = await Oss.admin("GET", "users/" + user + "/keys");
      for (const k of r.AccessKeys) {
        keys.append(h("tr", null, h("td", { text: k.AccessKeyId }), h("td", { text: k.Status }), h("td", { text: k.CreateDate }),
          h("td", null, confirmButton("Delete", async () => { await Oss.admin("DELETE", "users/" + user + "/keys/" + k.AccessKeyId); loadKeys(); }))));
      }
    }
    try {
      await loadKeys();
      const r = await Oss.admin("GET", "users/" + user + "/policies");
      for (const p of r.Policies) {
        const doc = h("pre.policy");
        policies.append(h("li", null, h("button.link", { type: "button", text: p, onclick: async () => {
          try { doc.textContent = (await Oss.admin("GET", "users/" + user + "/policies/" + p)).PolicyDocument; } catch (e) { fail(e); }
        } }), " ", confirmButton("Detach", async () => { await Oss.admin("DELETE", "users/" + user + "/policies/" + p); userPage(user); }), doc));
      }
      if (!r.Policies.length) policies.append(h("li", { text: "No policies: this user may do nothing an ACL does not allow." }));
    } catch (e) { fail(e); }
  }

  // ---- metrics -------------------------------------------------------------------------------

  // Prometheus text → [{name, labels, value}]
  function parseMetrics(text) {
    const out = [];
    for (const line of text.split("\n")) {
      if (!line || line[0] === "#") continue;
      const m = line.match(/^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/);
      if (m) out.push({ name: m[1], labels: m[2] || "", value: Number(m[3]) });
    }
    return out;
  }
  const sum = (ms, name) => ms.filter((m) => m.name === name).reduce((a, m) => a + m.value, 0);

  // The latency histogram's cumulative bucket counts summed over operations: Map(le → count).
  function latencyBuckets(ms) {
    const out = new Map();
    for (const m of ms) {
      if (m.name !== "osprey_requests_seconds_bucket") continue;
      const le = (m.labels.match(/le="([^"]+)"/) || [])[1];
      if (le) out.set(le, (out.get(le) || 0) + m.value);
    }
    return out;
  }

  // The upper bound (seconds) of the bucket holding quantile q of the requests between two scrapes.
  function quantile(before, after, q) {
    const rows = [...after.entries()].map(([le, c]) => [le === "+Inf" ? Infinity : Number(le), c - (before.get(le) || 0)])
      .sort((a, b) => a[0] - b[0]);
    const total = rows.length ? rows[rows.length - 1][1] : 0;
    if (total <= 0) return 0;
    for (const [le, c] of rows) if (c >= q * total) return Number.isFinite(le) ? le : rows[rows.length - 2][0];
    return 0;
  }

  function metricsPage() {
    const rps = Charts.line("Requests per second", "/s");
    const lat = Charts.line("Mean latency", "ms");
    const p99 = Charts.line("p99 latency (bucket bound)", "ms");
    const stored = Charts.line("Stored bytes", "", bytes);
    const objects = Charts.line("Stored objects", "");
    page("Metrics", h("p.hint", { text: "From the server's /metrics, every 2 seconds." }),
      h("div.charts", { id: "charts" }, rps.node, lat.node, p99.node, stored.node, objects.node));
    const series = { rps: [], lat: [], p99: [], stored: [], objects: [] };
    let last = null;
    async function tick() {
      try {
        const r = await fetch("/metrics", { cache: "no-store" });
        const ms = parseMetrics(await r.text());
        const now = Date.now();
        const count = sum(ms, "osprey_requests_seconds_count"), total = sum(ms, "osprey_requests_seconds_sum");
        const buckets = latencyBuckets(ms);
        if (last) {
          const dt = (now - last.t) / 1000, dc = count - last.count;
          series.rps.push([now, dc / dt]);
          series.lat.push([now, dc > 0 ? ((total - last.total) / dc) * 1000 : 0]);
          series.p99.push([now, quantile(last.buckets, buckets, 0.99) * 1000]);
        }
        series.stored.push([now, sum(ms, "osprey_stored_bytes")]);
        series.objects.push([now, sum(ms, "osprey_stored_objects")]);
        for (const s of Object.values(series)) if (s.length > 150) s.shift();
        last = { t: now, count, total, buckets };
        rps.draw(series.rps); lat.draw(series.lat); p99.draw(series.p99); stored.draw(series.stored); objects.draw(series.objects);
      } catch (e) { fail(e); }
    }
    tick();
    const timer = setInterval(tick, 2000);
    cleanup = () => clearInterval(timer);
  }

  // ---- routing -------------------------------------------------------------------------------

  function route() {
    if (cleanup) { cleanup(); cleanup = null; }
    const k = Oss.key();
    if (!k) { signInPage(); return; }
    nav.hidden = false;
    document.getElementById("who").textContent = k.id;
    const hash = location.hash.replace(/^#\/?/, "");
    const [head, ...rest] = hash.split("/");
    const arg = (i) => decodeURIComponent(rest[i] || "");
    switch (head) {
      case "b": bucketPage(arg(0), arg(1)); break;
      case "o": objectPage(arg(0), arg(1)); break;
      case "live": livePage(arg(0), arg(1)); break;
      case "users": usersPage(); break;
      case "u": userPage(arg(0)); break;
      case "metrics": metricsPage(); break;
      default: bucketsPage();
    }
  }

  document.getElementById("sign-out").addEventListener("click", () => {
    Oss.clearKey();
    say("Signed out");
    location.hash = "";
    route();
  });
  window.addEventListener("hashchange", route);
  route();
})();
