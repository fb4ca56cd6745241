// The Sluice console: one page, three views (#/ streams, #/stream/NAME, #/pump), kept fresh by polling the admin
// listener's JSON under api/. Every change is a Kinesis action run for the logged-in user, after a confirmation.
'use strict';
(() => {
  const POLL_MS = 2000;
  const TAIL_MS = 1000;
  const PUMP_DEBOUNCE_MS = 400;
  const HASH_SPACE = 2n ** 128n;

  const state = { session: null, timers: [], chart: null, chartKey: '', view: null };

  // ---- small helpers ---------------------------------------------------------------------------------------------
  const $ = (selector) => document.querySelector(selector);

  /** An element with attributes (`on...` functions become listeners, `text` its text) and children. */
  function el(tag, attrs = {}, ...children) {
    const node = tag.startsWith('svg:')
      ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const rate = (value) => (value >= 100 ? Math.round(value).toLocaleString() : value.toFixed(1));
  const bytes = (value) => {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let i = 0;
    while (value >= 1024 && i < units.length - 1) { value /= 1024; i++; }
    return `${value.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
  };
  const shortShard = (shardId) => String(parseInt(shardId.replace('shardId-', ''), 10));
  const time = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

  /** A call to api/PATH; answers {status, body}. A 401 shows the login. */
  async function api(method, path, body) {
    const headers = { 'X-CSRF-Token': state.session?.csrf ?? '' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`api/${path}`, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = { status: response.status, body: await response.json().catch(() => ({})) };
    if (response.status === 401 && path !== 'login') {
      // the session ended (30 minutes unused, or a restart): open access just takes a new one
      if (state.session?.auth === 'open') start();
      else showLogin();
    }
    return answer;
  }

  /** The message of a failed call: ours ({error}) or the Kinesis port's ({__type, message}). */
  const failure = (answer) => answer.body.error
    ?? `${(answer.body.__type ?? 'Error').split('#').pop()}: ${answer.body.message ?? answer.status}`;

  function every(ms, task) {
    task();
    state.timers.push(setInterval(task, ms));
  }

  function leaveView() {
    state.timers.forEach(clearInterval);
    state.timers = [];
    state.chart?.destroy();
    state.chart = null;
    state.chartKey = '';
  }

  // ---- session and login -----------------------------------------------------------------------------------------
  async function start() {
    const answer = await api('GET', 'session');
    state.session = answer.body;
    if (!state.session.loggedIn) {
      showLogin();
      return;
    }
    showUser();
    route();
  }

  function showUser() {
    $('#login').hidden = true;
    $('#main').hidden = false;
    $('#whoami').textContent = state.session.auth === 'sigv4' ? `Logged in as ${state.session.user}` : 'Open access';
    $('#logout').hidden = state.session.auth !== 'sigv4';
  }

  function showLogin() {
    leaveView();
    $('#main').hidden = true;
    $('#login').hidden = false;
    $('#logout').hidden = true;
    $('#whoami').textContent = '';
    $('#login-key').focus();
  }

  async function logIn() {
    const accessKeyId = $('#login-key').value.trim();
    const secretAccessKey = $('#login-secret').value;
    $('#login-error').textContent = '';
    // a fresh nonce in the signed body: two logins in one second still sign differently (each is good once)
    const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0'));
    const body = JSON.stringify({ nonce: nonce.join('') });
    const headers = SigV4.signedHeaders({
      accessKeyId, secretAccessKey, region: state.session.region, host: location.host, path: '/console/api/login', body,
    });
    $('#login-secret').value = '';
    const response = await fetch('api/login', { method: 'POST', headers, body, credentials: 'same-origin' });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('#login-error').textContent = answer.error ?? `Login failed (${response.status})`;
      return;
    }
    state.session = { ...state.session, ...answer };
    showUser();
    route();
  }

  async function logOut() {
    await api('POST', 'logout', {});
    state.session = { ...state.session, loggedIn: false, csrf: null };
    showLogin();
  }

  // ---- confirmation dialog ---------------------------------------------------------------------------------------
  /** Asks before a change; `act` runs on Confirm and answers an error message or null. */
  function confirmAction(title, body, act) {
    const dialog = $('#confirm');
    $('#confirm-title').textContent = title;
    $('#confirm-body').replaceChildren(...[body].flat());
    $('#confirm-error').textContent = '';
    $('#confirm-ok').disabled = false;
    $('#confirm-ok').onclick = async () => {
      $('#confirm-ok').disabled = true;
      const error = await act();
      if (error) {
        $('#confirm-error').textContent = error;
        $('#confirm-ok').disabled = false;
      } else {
        dialog.close();
        refresh();
      }
    };
    $('#confirm-cancel').onclick = () => dialog.close();
    dialog.showModal();
  }

  async function kinesis(action, request) {
    const answer = await api('POST', `kinesis/${action}`, request);
    return answer.status === 200 ? null : failure(answer);
  }

  // ---- routing ---------------------------------------------------------------------------------------------------
  let refresh = () => {};

  function route() {
    if (!state.session?.loggedIn) return;
    leaveView();
    const hash = location.hash || '#/';
    document.querySelectorAll('header nav a').forEach((a) => a.classList.remove('active'));
    if (hash.startsWith('#/stream/')) {
      $('#nav-streams').classList.add('active');
      streamView(decodeURIComponent(hash.slice('#/stream/'.length)));
    } else if (hash === '#/pump') {
      $('#nav-pump').classList.add('active');
      pumpView();
    } else {
      $('#nav-streams').classList.add('active');
      streamsView();
    }
  }

  // ---- charts ----------------------------------------------------------------------------------------------------
  const COLORS = ['#0b6bcb', '#d9480f', '#2f9e66', '#7048e8', '#c2255c', '#e8a317', '#0c8599', '#5c940d',
    '#862e9c', '#495057'];

  /** Draws (or updates) the uPlot chart in `target`: times (epoch seconds) and named series. */
  function chart(target, times, series, unit) {
    const key = series.map((s) => s.label).join('|');
    const data = [times, ...series.map((s) => s.values)];
    if (state.chart && state.chartKey === key && state.chart.root.isConnected) {
      state.chart.setData(data);
      return;
    }
    state.chart?.destroy();
    state.chartKey = key;
    state.chart = new uPlot({
      width: Math.max(target.clientWidth - 16, 300),
      height: 220,
      scales: { x: { time: true } },
      axes: [{}, { label: unit, size: 60 },
        ...(series.some((s) => s.scale === 'bytes') ? [{ scale: 'bytes', side: 1, label: 'bytes/s', size: 70 }] : [])],
      series: [{}, ...series.map((s, i) => ({
        label: s.label, stroke: COLORS[i % COLORS.length], width: 2, scale: s.scale ?? 'y',
        value: (u, v) => (v == null ? '-' : rate(v)),
      }))],
    }, data, target);
  }

  // ---- streams view ----------------------------------------------------------------------------------------------
  function streamsView() {
    const table = el('tbody');
    const chartBox = el('div', { class: 'chart', id: 'streams-chart' });
    $('#main').replaceChildren(
      el('div', { class: 'toolbar' }, el('h1', { class: 'grow', text: 'Streams' }),
        el('button', { id: 'create-stream', type: 'button', onclick: createStream, text: 'Create stream…' })),
      el('h2', { text: 'Incoming records per second, last 15 minutes' }), chartBox,
      el('h2', { text: 'All streams' }),
      el('table', { id: 'streams' },
        el('thead', {}, el('tr', {}, ['Name', 'Status', 'Mode', 'Retention', 'Open shards', 'Closed shards',
          'Records/s', 'Bytes/s', 'Throttled (1 min)', 'Consumers']
          .map((h, i) => el('th', { class: i >= 3 ? 'num' : null, text: h })))),
        table));
    refresh = async () => {
      const answer = await api('GET', 'streams');
      if (answer.status !== 200) return;
      const { streams, chart: history } = answer.body;
      table.replaceChildren(...streams.map((s) => el('tr', { 'data-stream': s.name },
        el('td', {}, el('a', { href: `#/stream/${encodeURIComponent(s.name)}`, text: s.name })),
        el('td', {}, el('span', { class: `badge ${s.status}`, text: s.status })),
        el('td', { text: s.mode === 'ON_DEMAND' ? 'on-demand' : 'provisioned' }),
        el('td', { class: 'num', text: `${s.retentionHours} h` }),
        el('td', { class: 'num', text: s.openShards }),
        el('td', { class: 'num', text: s.closedShards }),
        el('td', { class: 'num records-rate', text: rate(s.recordsPerSecond) }),
        el('td', { class: 'num', text: bytes(s.bytesPerSecond) }),
        el('td', { class: 'num', text: s.throttledLastMinute }),
        el('td', { class: 'num', text: s.consumers }))));
      if (streams.length === 0) {
        table.replaceChildren(el('tr', {}, el('td', { colspan: 10, class: 'muted', text: 'No streams yet.' })));
      }
      chart(chartBox, history.times, history.series.map((s) => ({ label: s.stream, values: s.records })),
        'records/s');
    };
    every(POLL_MS, refresh);
  }

  function createStream() {
    const name = el('input', { id: 'create-name', spellcheck: 'false' });
    const mode = el('select', { id: 'create-mode' }, el('option', { value: 'PROVISIONED', text: 'provisioned' }),
      el('option', { value: 'ON_DEMAND', text: 'on-demand' }));
    const shards = el('input', { id: 'create-shards', type: 'number', min: 1, value: 1 });
    mode.addEventListener('change', () => { shards.disabled = mode.value === 'ON_DEMAND'; });
    confirmAction('Create a stream', [el('label', {}, 'Name', name), el('label', {}, 'Capacity mode', mode),
      el('label', {}, 'Shards', shards)], () => kinesis('CreateStream', mode.value === 'ON_DEMAND'
      ? { StreamName: name.value, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }
      : { StreamName: name.value, ShardCount: Number(shards.value) }));
  }

  // ---- stream view -----------------------------------------------------------------------------------------------
  function streamView(name) {
    let selected = null;
    let shards = [];
    const summary = el('div', { class: 'summary', id: 'stream-summary' });
    const chartBox = el('div', { class: 'chart', id: 'stream-chart' });
    const map = el('svg:svg', { id: 'shard-map', viewBox: '0 0 1000 120', preserveAspectRatio: 'none' });
    const shardActions = el('div', { class: 'toolbar', id: 'shard-actions' });
    const shardRows = el('tbody');
    const tailRows = el('tbody');
    const tailToggle = el('button', { id: 'tail-toggle', type: 'button', text: 'Pause' });
    const tail = { paused: false, after: {}, rows: [] };
    tailToggle.addEventListener('click', () => {
      tail.paused = !tail.paused;
      tailToggle.textContent = tail.paused ? 'Resume' : 'Pause';
    });

    $('#main').replaceChildren(
      el('div', { class: 'toolbar' }, el('h1', { class: 'grow', id: 'stream-name', text: name }),
        el('button', { id: 'update-shard-count', type: 'button', onclick: () => updateShardCount(), text: 'Update shard count…' }),
        el('button', { id: 'delete-stream', type: 'button', class: 'danger', onclick: () => deleteStream(), text: 'Delete stream…' })),
      summary,
      el('h2', { text: 'Incoming records and bytes per second, last 15 minutes' }), chartBox,
      el('h2', { text: 'Shards across the hash key space (0 to 2¹²⁸ − 1), parents above their children' }), map,
      shardActions,
      el('table', { id: 'shards' }, el('thead', {}, el('tr', {}, ['Shard', 'State', 'Parents', 'Hash keys',
        'Records/s', 'Bytes/s', 'Iterator age', 'Subscriptions']
        .map((h, i) => el('th', { class: i >= 4 ? 'num' : null, text: h })))), shardRows),
      el('div', { class: 'toolbar' }, el('h2', { class: 'grow', text: 'Newest records' }), tailToggle),
      el('table', { id: 'tail' }, el('thead', {}, el('tr', {}, ['Arrival (UTC)', 'Shard', 'Sequence number',
        'Partition key', 'Data'].map((h) => el('th', { text: h })))), tailRows));

    refresh = async () => {
      const answer = await api('GET', `stream?name=${encodeURIComponent(name)}`);
      if (answer.status !== 200) {
        summary.replaceChildren(el('p', { class: 'error', text: failure(answer) }));
        return;
      }
      const s = answer.body;
      shards = s.shards;
      summary.replaceChildren(...[['Status', el('span', { class: `badge ${s.status}`, text: s.status })],
        ['Mode', s.mode === 'ON_DEMAND' ? 'on-demand' : 'provisioned'], ['Retention', `${s.retentionHours} h`],
        ['Open shards', s.openShards], ['Closed shards', shards.filter((x) => !x.open).length],
        ['Records/s', rate(s.recordsPerSecond)], ['Bytes/s', bytes(s.bytesPerSecond)],
        ['Throttled (1 min)', s.throttledLastMinute], ['Consumers', s.consumers]]
        .map(([label, value]) => el('div', {}, el('span', { text: label }), el('b', {}, value))));
      chart(chartBox, s.chart.times, [{ label: 'records/s', values: s.chart.records },
        { label: 'bytes/s', values: s.chart.bytes, scale: 'bytes' }], 'records/s');
      drawShardMap();
      shardRows.replaceChildren(...shards.map((x) => el('tr', { 'data-shard': x.shardId },
        el('td', { class: 'mono', text: x.shardId }), el('td', { text: x.open ? 'open' : 'closed' }),
        el('td', { class: 'mono', text: x.parents.map(shortShard).join(', ') || '–' }),
        el('td', { class: 'mono', title: `${x.startingHashKey} – ${x.endingHashKey}`,
          text: `${share(x.startingHashKey)} – ${share(x.endingHashKey)}` }),
        el('td', { class: 'num', text: rate(x.recordsPerSecond) }),
        el('td', { class: 'num', text: bytes(x.bytesPerSecond) }),
        el('td', { class: 'num', text: `${x.iteratorAgeMs} ms` }),
        el('td', { class: 'num', text: x.subscriptions }))));
      showShardActions();
    };

    /** Where a hash key lies in the space, as a percentage. */
    function share(key) {
      return `${(Number((BigInt(key) * 10000n) / HASH_SPACE) / 100).toFixed(2)}%`;
    }

    function depths() {
      const byId = new Map(shards.map((x) => [x.shardId, x]));
      const depth = new Map();
      const of = (x) => {
        if (!depth.has(x.shardId)) {
          depth.set(x.shardId, 0);
          const parents = x.parents.map((p) => byId.get(p)).filter(Boolean);
          depth.set(x.shardId, parents.length === 0 ? 0 : 1 + Math.max(...parents.map(of)));
        }
        return depth.get(x.shardId);
      };
      shards.forEach(of);
      return depth;
    }

    function drawShardMap() {
      const depth = depths();
      const rows = Math.max(0, ...depth.values()) + 1;
      const rowHeight = 44;
      const gap = 26;
      const height = rows * (rowHeight + gap);
      map.setAttribute('viewBox', `0 0 1000 ${height}`);
      map.style.height = `${height}px`;
      const x = (key) => Number((BigInt(key) * 1000000n) / HASH_SPACE) / 1000;
      const boxes = new Map();
      for (const s of shards) {
        const left = x(s.startingHashKey);
        const right = x((BigInt(s.endingHashKey) + 1n).toString());
        boxes.set(s.shardId, { left, right, top: depth.get(s.shardId) * (rowHeight + gap) + 8 });
      }
      const lines = [];
      for (const s of shards) {
        const child = boxes.get(s.shardId);
        for (const parentId of s.parents) {
          const parent = boxes.get(parentId);
          if (!parent) continue;
          lines.push(el('svg:line', { x1: (parent.left + parent.right) / 2, y1: parent.top + rowHeight,
            x2: (child.left + child.right) / 2, y2: child.top, 'data-edge': `${parentId}>${s.shardId}` }));
        }
      }
      const rects = shards.map((s) => {
        const box = boxes.get(s.shardId);
        const width = Math.max(box.right - box.left, 2);
        const label = `${shortShard(s.shardId)}${s.open ? ` · ${rate(s.recordsPerSecond)}/s` : ''}`;
        return el('svg:g', {},
          el('svg:rect', { x: box.left, y: box.top, width, height: rowHeight, rx: 4, 'data-shard': s.shardId,
            class: `${s.open ? 'open' : 'closed'}${selected === s.shardId ? ' selected' : ''}`,
            onclick: () => { selected = s.shardId; drawShardMap(); showShardActions(); } },
          el('svg:title', { text: `${s.shardId} (${s.open ? 'open' : 'closed'})` })),
          width > 60 ? el('svg:text', { x: box.left + 8, y: box.top + 27, text: label }) : null);
      });
      map.replaceChildren(...lines, ...rects);
    }

    function showShardActions() {
      const shard = shards.find((s) => s.shardId === selected);
      if (!shard) {
        shardActions.replaceChildren(el('span', { class: 'muted', text: 'Click a shard to split or merge it.' }));
        return;
      }
      const next = shards.find((s) => s.open && BigInt(s.startingHashKey) === BigInt(shard.endingHashKey) + 1n);
      shardActions.replaceChildren(el('span', { class: 'grow', id: 'selected-shard', text: `Selected: ${shard.shardId}` }),
        el('button', { id: 'split-shard', type: 'button', disabled: !shard.open, onclick: () => split(shard), text: 'Split…' }),
        el('button', { id: 'merge-shards', type: 'button', disabled: !shard.open || !next,
          onclick: () => merge(shard, next), text: 'Merge with the next shard…' }));
    }

    function split(shard) {
      const start = BigInt(shard.startingHashKey);
      const middle = start + (BigInt(shard.endingHashKey) - start + 1n) / 2n;
      const key = el('input', { id: 'split-key', value: middle.toString(), spellcheck: 'false' });
      confirmAction(`Split ${shard.shardId}`, [el('p', { text: 'Two children take its hash keys: one below the new '
        + 'starting hash key, one from it. The shard closes; its records stay readable.' }),
      el('label', {}, 'New starting hash key', key)],
      () => kinesis('SplitShard', { StreamName: name, ShardToSplit: shard.shardId, NewStartingHashKey: key.value }));
    }

    function merge(shard, next) {
      confirmAction(`Merge ${shard.shardId} and ${next.shardId}`, el('p', { text: 'One child takes the hash keys of '
        + 'both; they close and their records stay readable.' }),
      () => kinesis('MergeShards', { StreamName: name, ShardToMerge: shard.shardId, AdjacentShardToMerge: next.shardId }));
    }

    function updateShardCount() {
      const target = el('input', { id: 'target-shard-count', type: 'number', min: 1,
        value: shards.filter((s) => s.open).length * 2 });
      confirmAction(`Update the shard count of ${name}`, [el('p', { text: 'Splits or merges shards until the stream '
        + 'has this many open shards, each an equal part of the hash key space (uniform scaling).' }),
      el('label', {}, 'Target shard count', target)],
      () => kinesis('UpdateShardCount', { StreamName: name, TargetShardCount: Number(target.value),
        ScalingType: 'UNIFORM_SCALING' }));
    }

    function deleteStream() {
      confirmAction(`Delete ${name}`, el('p', { text: `The stream and all its records are deleted. This cannot be undone.` }),
        async () => {
          const error = await kinesis('DeleteStream', { StreamName: name, EnforceConsumerDeletion: true });
          if (!error) location.hash = '#/';
          return error;
        });
    }

    const pollTail = async () => {
      if (tail.paused) return;
      const answer = await api('POST', 'tail', { stream: name, after: tail.after });
      if (answer.status !== 200) return;
      tail.after = answer.body.after;
      tail.rows = [...answer.body.records.reverse(), ...tail.rows].slice(0, 100);
      tailRows.replaceChildren(...tail.rows.map((r) => el('tr', { 'data-sequence': r.sequenceNumber },
        el('td', { class: 'mono', text: time(r.arrival) }),
        el('td', { class: 'mono', text: shortShard(r.shardId) }),
        el('td', { class: 'mono', title: r.sequenceNumber, text: `…${r.sequenceNumber.slice(-12)}` }),
        el('td', { class: 'mono', text: r.partitionKey }),
        el('td', {}, el('pre', { class: `data data-${r.kind}`, text: r.data + (r.truncated ? ' …' : '') })))));
      if (tail.rows.length === 0) {
        tailRows.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: 'No records yet.' })));
      }
    };
    every(POLL_MS, refresh);
    every(TAIL_MS, pollTail);
  }

  // ---- pump playground -------------------------------------------------------------------------------------------
  async function pumpView() {
    const sql = el('textarea', { id: 'sql', spellcheck: 'false' });
    const source = el('select', { id: 'pump-source' }, el('option', { value: '', text: 'Pasted JSON lines' }));
    const limit = el('input', { id: 'pump-limit', type: 'number', min: 1, max: 1000, value: 100 });
    const input = el('textarea', { id: 'pump-input', spellcheck: 'false',
      placeholder: '{"name": "Alice", "age": 30, "gender": "F", "score": 90, "job": "Engineer"}' });
    const run = el('button', { id: 'pump-run', type: 'button', class: 'primary', text: 'Run' });
    const result = el('div', { id: 'pump-result' });
    $('#main').replaceChildren(el('h1', { text: 'Pump playground' }),
      el('p', { class: 'muted', text: 'Kinesis Data Analytics SQL, run as the pump transform runs it, on the newest '
        + 'records of a stream or on JSON lines you paste. It runs as you type.' }),
      el('div', { class: 'columns' },
        el('div', {}, el('h2', { text: 'SQL' }), sql,
          el('div', { class: 'toolbar' }, el('label', {}, 'Records from ', source), el('label', {}, ' last ', limit),
            el('span', { class: 'grow' }), run),
          input),
        el('div', {}, el('h2', { text: 'Result' }), result)));

    const streams = await api('GET', 'streams');
    const names = (streams.body.streams ?? []).map((s) => s.name);
    names.forEach((n) => source.append(el('option', { value: n, text: n })));
    // the seed's stream when there is one, else the first: live records to start from
    source.value = names.includes('AndersonStream') ? 'AndersonStream' : (names[0] ?? '');
    const seed = await fetch('assets/seed-pump.sql');
    sql.value = await seed.text();

    let pending = null;
    const execute = async () => {
      const request = source.value ? { sql: sql.value, stream: source.value, limit: Number(limit.value) }
        : { sql: sql.value, input: input.value };
      const answer = await api('POST', 'pump', request);
      showPumpResult(result, answer);
    };
    const soon = () => {
      clearTimeout(pending);
      pending = setTimeout(execute, PUMP_DEBOUNCE_MS);
    };
    const showSource = () => {
      input.hidden = source.value !== '';
      limit.disabled = source.value === '';
    };
    showSource();
    source.addEventListener('change', () => { showSource(); soon(); });
    [sql, input, limit].forEach((field) => field.addEventListener('input', soon));
    run.addEventListener('click', execute);
    execute();
  }

  function showPumpResult(result, answer) {
    if (answer.status !== 200) {
      result.replaceChildren(el('pre', { class: 'error', id: 'pump-error', text: failure(answer) }));
      return;
    }
    const r = answer.body;
    if (r.sqlError) {
      result.replaceChildren(el('pre', { class: 'error', id: 'pump-error', text: r.sqlError.message }));
      return;
    }
    const columns = r.columns;
    result.replaceChildren(...[
      el('div', { class: 'counts' },
        el('span', {}, el('b', { id: 'pump-passed-count', text: r.passed.length }), ' passed'),
        el('span', {}, el('b', { id: 'pump-filtered-count', text: r.filtered.length }), ' filtered out'),
        el('span', {}, el('b', { id: 'pump-failed-count', text: r.failed.length }), ' failed')),
      el('h2', { text: 'Rows that pass' }),
      el('table', { id: 'pump-passed' }, el('thead', {}, el('tr', {}, columns.map((c) => el('th', { text: c })))),
        el('tbody', {}, r.passed.map((p) => el('tr', {}, columns.map((c) => el('td', { class: 'mono',
          text: p.row[c] === null || p.row[c] === undefined ? 'NULL' : String(p.row[c]) })))))),
      el('h2', { text: 'Filtered out' }),
      el('table', { id: 'pump-filtered' }, el('tbody', {}, r.filtered.map((f) => el('tr', {},
        el('td', {}, el('pre', { class: 'data', text: f.input })))))),
      r.failed.length === 0 ? null : el('h2', { text: 'Failed' }),
      r.failed.length === 0 ? null : el('table', { id: 'pump-failed' }, el('tbody', {}, r.failed.map((f) => el('tr', {},
        el('td', {}, el('pre', { class: 'data', text: f.input })), el('td', { class: 'error', text: f.error })))))]
      .filter(Boolean));
  }

  // ---- wiring ----------------------------------------------------------------------------------------------------
  window.addEventListener('hashchange', route);
  $('#login-button').addEventListener('click', logIn);
  $('#login-secret').addEventListener('keydown', (e) => { if (e.key === 'Enter') logIn(); });
  $('#logout').addEventListener('click', logOut);
  start();
})();
